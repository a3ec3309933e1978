package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
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

// Bucket is one bar of a Result's timeline: the articles dated in the
// month or year starting at Start.
type Bucket struct {
	Start time.Time
	// Precision is corpus.PrecisionMonth or corpus.PrecisionYear.
	Precision corpus.Precision
	Count     int
}

// Date returns the period of the bucket as a corpus.Date, which formats
// as "2015-11" or "2015".
func (b Bucket) Date() corpus.Date { return corpus.NewDate(b.Start, b.Precision) }

// Facet request names of the timeline: the years of the matches, and
// their months when the span is known to be short.
const (
	timelineFacet = "_timeline"
	monthsFacet   = "_months"
)

// maxMonthlyYears is the longest span, in years, that the timeline
// draws by month; longer spans are drawn by year.
const maxMonthlyYears = 4

// maxTimelineYears bounds the number of yearly buckets: beyond it only
// the years with articles are listed.
const maxTimelineYears = 200

// yearSpan returns the first and last year of the articles in the index,
// computed once and again after a Write; ok is false when no article has
// a date.
func (ix *Index) yearSpan(ctx context.Context) (first, last int, ok bool, err error) {
	ix.spanMu.Lock()
	defer ix.spanMu.Unlock()
	if ix.span != nil {
		return ix.span[0], ix.span[1], ix.span[0] > 0, nil
	}
	sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	sr.Score = "none"
	sr.AddFacet(timelineFacet, bleve.NewFacetRequest(fieldYear, MaxFacetSize))
	res, err := ix.b.SearchInContext(ctx, sr)
	if err != nil {
		return 0, 0, false, fmt.Errorf("years of the index: %w", err)
	}
	ys := years(facetTerms(res.Facets[timelineFacet]))
	span := [2]int{}
	if len(ys) > 0 {
		span = [2]int{slices.Min(ys), slices.Max(ys)}
	}
	ix.span = &span
	return span[0], span[1], span[0] > 0, nil
}

// years returns the years of a year facet that have articles.
func years(vals []FacetValue) []int {
	var out []int
	for _, v := range vals {
		if y, err := strconv.Atoi(v.Value); err == nil && v.Count > 0 {
			out = append(out, y)
		}
	}
	return out
}

// monthRanges returns the date range facet of every month from January of
// year first to December of year last.
func monthRanges(first, last int) *bleve.FacetRequest {
	fr := bleve.NewFacetRequest(fieldDate, 12*(last-first+1))
	for m := yearStart(float64(first)); m.Year() <= last; m = m.AddDate(0, 1, 0) {
		fr.AddDateTimeRange(m.Format("2006-01"), m, m.AddDate(0, 1, 0))
	}
	return fr
}

// planTimeline adds the timeline's facets to the search request: the
// years of the matches, and their months when the dates of the index and
// of the request span at most maxMonthlyYears, so that a short timeline
// needs no second search.
func (ix *Index) planTimeline(ctx context.Context, sr *bleve.SearchRequest, req Request) error {
	sr.AddFacet(timelineFacet, bleve.NewFacetRequest(fieldYear, MaxFacetSize))
	first, last, ok, err := ix.yearSpan(ctx)
	if err != nil || !ok {
		return err
	}
	if !req.From.IsZero() {
		first = max(first, req.From.Year())
	}
	if !req.To.IsZero() {
		last = min(last, req.To.Year())
	}
	if first <= last && last-first+1 <= maxMonthlyYears {
		sr.AddFacet(monthsFacet, monthRanges(first, last))
	}
	return nil
}

// timeline builds the buckets from the facets of a search: every year
// from the first with a match to the last, or, when they span at most
// maxMonthlyYears, every month, from the months facet of the search or
// counted with one more search.
func (ix *Index) timeline(ctx context.Context, q query.Query, res *bleve.SearchResult) ([]Bucket, error) {
	ys := years(facetTerms(res.Facets[timelineFacet]))
	if len(ys) == 0 {
		return []Bucket{}, nil
	}
	counts := map[int]int{}
	for _, v := range facetTerms(res.Facets[timelineFacet]) {
		if y, err := strconv.Atoi(v.Value); err == nil {
			counts[y] = v.Count
		}
	}
	first, last := slices.Min(ys), slices.Max(ys)
	if last-first+1 > maxMonthlyYears {
		var out []Bucket
		if last-first+1 > maxTimelineYears {
			slices.Sort(ys)
			for _, y := range ys {
				out = append(out, Bucket{Start: yearStart(float64(y)), Precision: corpus.PrecisionYear, Count: counts[y]})
			}
			return out, nil
		}
		for y := first; y <= last; y++ {
			out = append(out, Bucket{Start: yearStart(float64(y)), Precision: corpus.PrecisionYear, Count: counts[y]})
		}
		return out, nil
	}
	months := res.Facets[monthsFacet]
	if months == nil {
		sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
		sr.Score = "none" // only the counts are wanted
		sr.AddFacet(monthsFacet, monthRanges(first, last))
		more, err := ix.b.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		months = more.Facets[monthsFacet]
	}
	byMonth := map[string]int{}
	if months != nil {
		for _, r := range months.DateRanges {
			byMonth[r.Name] = r.Count
		}
	}
	var starts []time.Time
	for m := yearStart(float64(first)); m.Year() <= last; m = m.AddDate(0, 1, 0) {
		starts = append(starts, m)
	}
	// Trim the empty months before the first and after the last.
	lo, hi := 0, len(starts)-1
	for lo < hi && byMonth[starts[lo].Format("2006-01")] == 0 {
		lo++
	}
	for hi > lo && byMonth[starts[hi].Format("2006-01")] == 0 {
		hi--
	}
	out := make([]Bucket, 0, hi-lo+1)
	for _, m := range starts[lo : hi+1] {
		out = append(out, Bucket{Start: m, Precision: corpus.PrecisionMonth, Count: byMonth[m.Format("2006-01")]})
	}
	return out, nil
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
	release, err := ix.slot(ctx, "facet "+facet)
	if err != nil {
		return nil, err
	}
	defer release()
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
