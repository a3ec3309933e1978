package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Facets are disjunctive, as in Algolia InstantSearch or Kibana: the
// counts of a facet whose values filter the search are counted with every
// filter but that facet's own, so that picking France still shows how
// many articles each other country would add. The year facet likewise
// ignores the date range (from, to). Facets without a filter in use are
// counted in the search itself.

// values returns the filter values that narrow facet.
func (f Filters) values(facet string) []string {
	switch facet {
	case FacetOutlet:
		return f.Outlet
	case FacetCountry:
		return f.Country
	case FacetTopic:
		return f.Topic
	case FacetPerson:
		return f.Person
	}
	return nil
}

// without returns the filters without those of facet.
func (f Filters) without(facet string) Filters {
	switch facet {
	case FacetOutlet:
		f.Outlet = nil
	case FacetCountry:
		f.Country = nil
	case FacetTopic:
		f.Topic = nil
	case FacetPerson:
		f.Person = nil
	}
	return f
}

// hasFilter reports whether the request narrows facet, so that its
// counts need a search of their own.
func (req Request) hasFilter(facet string) bool {
	if facet == FacetYear {
		return !req.From.IsZero() || !req.To.IsZero()
	}
	for _, v := range req.Filters.values(facet) {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// facetSizeOf returns how many values facet lists.
func (p plan) facetSizeOf(req Request, facet string) int {
	if n := req.FacetSizes[facet]; n > 0 {
		return min(n, MaxFacetSize)
	}
	return p.facetSize
}

// combine returns the text query restricted by the filters and dates.
func combine(text query.Query, f Filters, from, to time.Time) query.Query {
	fq := filterQuery(f, from, to)
	if fq == nil {
		return text
	}
	b := query.NewBooleanQuery([]query.Query{text}, nil, nil)
	b.Filter = fq
	return b
}

// facetTerms converts a bleve facet result to FacetValues.
func facetTerms(fr *bsearch.FacetResult) []FacetValue {
	values := []FacetValue{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			values = append(values, FacetValue{Value: t.Term, Count: t.Count})
		}
	}
	return values
}

// disjunctive counts, concurrently, each facet in names with the text
// query and every filter of req but that facet's own, and stores the
// values in out (which it locks with mu).
func (ix *Index) disjunctive(ctx context.Context, text query.Query, req Request, p plan, names []string, out map[string][]FacetValue, mu *sync.Mutex) error {
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			from, to := req.From, req.To
			f := req.Filters.without(name)
			if name == FacetYear {
				from, to = time.Time{}, time.Time{}
			}
			sr := bleve.NewSearchRequestOptions(combine(text, f, from, to), 0, 0, false)
			sr.Score = "none" // only the counts are wanted
			sr.AddFacet(name, bleve.NewFacetRequest(facetFields[name], p.facetSizeOf(req, name)))
			res, err := ix.b.SearchInContext(ctx, sr)
			if err != nil {
				errs[i] = fmt.Errorf("facet %s: %w", name, err)
				return
			}
			mu.Lock()
			out[name] = facetTerms(res.Facets[name])
			mu.Unlock()
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// FacetValues returns the values of a facet (one of FacetNames, or place
// or author) over the whole index that start with prefix, or have a word
// that does, ignoring case, most frequent first, at most size of them
// (0 means DefaultFacetSize). Counts are numbers of articles.
func (ix *Index) FacetValues(ctx context.Context, facet, prefix string, size int) ([]FacetValue, error) {
	field, ok := lookupFields[facet]
	if !ok {
		return nil, &QueryError{Pos: -1, Msg: fmt.Sprintf("unknown facet %q: want one of %s", facet, strings.Join(LookupFacets, ", "))}
	}
	if size < 0 || size > MaxFacetSize {
		return nil, &QueryError{Pos: -1, Msg: fmt.Sprintf("size %d: it must be between 1 and %d", size, MaxFacetSize)}
	}
	if size == 0 {
		size = DefaultFacetSize
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: facet %s: %w", facet, err)
	}
	dict, err := ix.b.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("search: facet %s: %w", facet, err)
	}
	defer dict.Close()
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	var out []FacetValue
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("search: facet %s: %w", facet, err)
			}
		}
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: facet %s: %w", facet, err)
		}
		if e == nil {
			break
		}
		if prefix == "" || hasWordPrefix(e.Term, prefix) {
			out = append(out, FacetValue{Value: e.Term, Count: int(e.Count)})
		}
	}
	slices.SortFunc(out, func(a, b FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	if len(out) > size {
		out = out[:size]
	}
	if out == nil {
		out = []FacetValue{}
	}
	return out, nil
}

// LookupFacets are the facets FacetValues looks values up in.
var LookupFacets = []string{FacetTopic, FacetCountry, FacetOutlet, FacetPerson, FacetYear, "place", "author"}

// lookupFields maps LookupFacets to their index fields.
var lookupFields = map[string]string{
	FacetOutlet: fieldOutlet, FacetCountry: fieldCountries, FacetTopic: fieldTopics,
	FacetPerson: fieldPeople, FacetYear: fieldYear, "place": fieldPlaces, "author": fieldAuthors,
}

// hasWordPrefix reports whether value, or one of its words, starts with
// the lower-case prefix, ignoring case.
func hasWordPrefix(value, prefix string) bool {
	v := strings.ToLower(value)
	if strings.HasPrefix(v, prefix) {
		return true
	}
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '-' || r == '.' }) {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}
