package search

import (
	"context"
	"fmt"
	"maps"
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
	for _, fl := range f.list() {
		if fl.name == facet {
			return *fl.values
		}
	}
	return nil
}

// without returns the filters without those of facet.
func (f Filters) without(facet string) Filters {
	for _, fl := range f.list() {
		if fl.name == facet {
			*fl.values = nil
		}
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

// combine returns the text query restricted by the filters and dates,
// without the articles that have a value of exclude.
func combine(text query.Query, f Filters, from, to time.Time, exclude Filters) query.Query {
	fq := filterQuery(f, time.Time{}, time.Time{})
	dq := filterQuery(Filters{}, from, to)
	var not []query.Query
	for _, fl := range exclude.list() {
		if len(*fl.values) > 0 {
			// One filter at a time: any of its values excludes.
			not = append(not, filterQuery(fl.only(), time.Time{}, time.Time{}))
		}
	}
	if fq == nil && dq == nil && len(not) == 0 {
		return text
	}
	b := query.NewBooleanQuery([]query.Query{text}, nil, not)
	var filters []query.Query
	for _, q := range []query.Query{fq, dq} {
		if q != nil {
			filters = append(filters, q)
		}
	}
	if len(filters) > 0 {
		b.Filter = query.NewConjunctionQuery(filters)
	}
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

// countFacets runs sr, a request for facets only, counting them from
// the matches (passCounts) when the index can.
func (ix *Index) countFacets(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	pc := ix.passCounting(sr)
	if pc == nil {
		return ix.run(ctx, sr)
	}
	res, err := ix.run(observe(ctx, pc.add), sr)
	if err != nil {
		return nil, err
	}
	counted, err := pc.count(ctx)
	if err != nil {
		return nil, err
	}
	if res.Facets == nil {
		res.Facets = bsearch.FacetResults{}
	}
	maps.Copy(res.Facets, counted)
	return res, nil
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
			sr := bleve.NewSearchRequestOptions(combine(text, f, from, to, req.Exclude), 0, 0, false)
			sr.Score = "none" // only the counts are wanted
			// Every value is counted, so that a selected value beyond
			// the first ones is listed with its count.
			sr.AddFacet(name, bleve.NewFacetRequest(facetFields[name], MaxFacetSize))
			res, err := ix.countFacets(ctx, sr)
			if err != nil {
				errs[i] = fmt.Errorf("facet %s: %w", name, err)
				return
			}
			vals := topAndSelected(facetTerms(res.Facets[name]), p.facetSizeOf(req, name), req.Filters.values(name))
			mu.Lock()
			out[name] = vals
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
// (0 means DefaultFacetSize). Counts are numbers of articles. A code of
// the source is also found by its description ("foreign" finds Reuters'
// money-fx, Money/Foreign Exchange), which it carries as its Label.
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
	release, err := ix.slot(ctx, "facet "+facet)
	if err != nil {
		return nil, err
	}
	defer release()
	labels, err := ix.Labels(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: facet %s: %w", facet, err)
	}
	if !slices.Contains(labelledFacets, facet) {
		labels = nil
	}
	terms, err := ix.readFieldTerms(ctx, field)
	if err != nil {
		return nil, fmt.Errorf("search: facet %s: %w", facet, err)
	}
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	var out []FacetValue
	for _, e := range terms {
		l := labels.Of(e.Value)
		if MatchesPrefix(facet, e.Value, prefix) || (l != "" && MatchesPrefix(facet, l, prefix)) {
			out = append(out, FacetValue{Value: e.Value, Count: e.Count, Label: l})
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
var LookupFacets = []string{FacetTopic, FacetCountry, FacetOutlet, FacetPerson, FacetYear, FacetPlace, FacetAuthor,
	FacetSection, FacetTag, FacetLanguage}

// lookupFields maps LookupFacets to their index fields.
var lookupFields = map[string]string{
	FacetOutlet: fieldOutlet, FacetCountry: fieldCountries, FacetTopic: fieldTopics,
	FacetPerson: fieldPeople, FacetYear: fieldYear, FacetPlace: fieldPlaces, FacetAuthor: fieldAuthors,
	FacetSection: fieldSection, FacetLanguage: fieldLanguage, FacetTag: fieldTags,
}

// MatchesPrefix reports whether a value of facet starts with prefix, or
// has a word that does, ignoring case and accents; a country also matches
// by its name ("kuw" finds KW, Kuwait). An empty prefix matches all.
func MatchesPrefix(facet, value, prefix string) bool {
	prefix = matchKey(prefix)
	if prefix == "" || hasWordPrefix(matchKey(value), prefix) {
		return true
	}
	return facet == FacetCountry && hasWordPrefix(matchKey(CountryName(value)), prefix)
}

// hasWordPrefix reports whether value, or one of its words (split at
// spaces, hyphens, full stops and slashes: "Money/Foreign Exchange"),
// starts with the lower-case prefix, ignoring case.
func hasWordPrefix(value, prefix string) bool {
	v := strings.ToLower(value)
	if strings.HasPrefix(v, prefix) {
		return true
	}
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == '/' }) {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

// topAndSelected returns the first n values, most frequent first, and
// after them the values of selected beyond the first n.
func topAndSelected(vals []FacetValue, n int, selected []string) []FacetValue {
	if len(vals) <= n {
		return vals
	}
	out := vals[:n:n]
	for _, v := range vals[n:] {
		if slices.Contains(selected, v.Value) {
			out = append(out, v)
		}
	}
	return out
}
