package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// Interval is the length of a timeline's bars.
type Interval string

// The intervals. The zero Interval is automatic: by year when the bulk of
// the matches spans more than maxMonthlyYears, else by month, week or day
// as their span is longer or shorter (see timeline).
const (
	IntervalAuto  Interval = ""
	IntervalDay   Interval = "day"
	IntervalWeek  Interval = "week"
	IntervalMonth Interval = "month"
	IntervalYear  Interval = "year"
)

// ParseInterval accepts "", "auto", "day", "week", "month" and "year".
func ParseInterval(s string) (Interval, error) {
	switch s {
	case "", "auto":
		return IntervalAuto, nil
	case "day", "week", "month", "year":
		return Interval(s), nil
	}
	return "", &QueryError{Pos: -1, Msg: fmt.Sprintf("unknown interval %q: want auto, day, week, month or year", s)}
}

// Bucket is one bar of a Result's timeline: the articles dated from Start
// to End (excluded), a day, a week, a month or a year.
type Bucket struct {
	Start time.Time
	// Precision is corpus.PrecisionDay for a day or a week,
	// corpus.PrecisionMonth or corpus.PrecisionYear.
	Precision corpus.Precision
	Count     int
	// End is the first instant after the bucket; zero means the end of
	// Start's period at Precision.
	End time.Time
}

// Date returns the start of the bucket as a corpus.Date, which formats as
// "2015-11-16", "2015-11" or "2015".
func (b Bucket) Date() corpus.Date { return corpus.NewDate(b.Start, b.Precision) }

// Last returns the last period of the bucket: its last day for a week,
// else the same as Date. From Date to Last, inclusive, is the bucket.
func (b Bucket) Last() corpus.Date {
	if b.End.IsZero() || b.Precision != corpus.PrecisionDay {
		return b.Date()
	}
	return corpus.NewDate(b.End.AddDate(0, 0, -1), corpus.PrecisionDay)
}

// Facet request names of the timeline: the years of the matches, and
// their months when the span is known to be short.
const (
	timelineFacet = "_timeline"
	monthsFacet   = "_months"
	rangesFacet   = "_ranges"
)

// maxMonthlyYears is the longest span, in years, of the bulk of the
// matches that the automatic timeline draws by month (or shorter);
// longer spans are drawn by year.
const maxMonthlyYears = 4

// maxTimelineYears bounds the number of yearly buckets: beyond it only
// the years with articles are listed.
const maxTimelineYears = 200

// maxBars is the most bars of a timeline by day or week: a longer one
// is drawn by the next longer interval.
const maxBars = 400

// strayShare is the share of the matches, at each end of the timeline,
// that the automatic interval may leave out of its span: one stray 1997
// file must not squeeze 21,578 stories of 1987 into one yearly bar. The
// articles left out are counted in Result.TimelineOutside.
const strayShare = 0.01

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
	res, err := ix.countFacets(ctx, sr)
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
	if req.Interval == IntervalYear {
		return nil
	}
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

// trimTails returns the first and last index of counts once the runs at
// each end holding at most limit articles in all, and set apart from the
// rest by an empty period, are left out: a stray article years away goes,
// a first month with few articles next to the others stays. Empty periods
// at the ends always go.
func trimTails(counts []int, limit int) (lo, hi int) {
	n := len(counts)
	cum := 0
	for i := 0; i < n-1 && cum+counts[i] <= limit; i++ {
		if cum += counts[i]; counts[i] == 0 {
			lo = i + 1
		}
	}
	hi, cum = n-1, 0
	for i := n - 1; i > lo && cum+counts[i] <= limit; i-- {
		if cum += counts[i]; counts[i] == 0 {
			hi = i - 1
		}
	}
	kept := 0
	for _, c := range counts[lo : hi+1] {
		kept += c
	}
	if kept <= limit && limit > 0 {
		// Nothing but strays: keep them all, without the empty ends.
		return trimTails(counts, 0)
	}
	return lo, hi
}

// timeline builds the buckets of a search from its facets, and returns
// them with their interval and the number of dated matches outside them.
//
// The automatic interval follows the bulk of the matches: the span left
// once at most strayShare of them at each end is set aside. Over more than
// maxMonthlyYears it is a year; else, from the months of that span (the
// months facet of the search, or one more search), a day when the bulk
// spans at most 2 months, a week up to 6 months, else a month. A chosen
// interval draws the same span (every year with a match, for years); day
// and week bars are counted by one more search, and a span of more than
// maxBars of them is drawn by the next longer interval.
func (ix *Index) timeline(ctx context.Context, q query.Query, res *bleve.SearchResult, want Interval) ([]Bucket, Interval, int, error) {
	yearVals := facetTerms(res.Facets[timelineFacet])
	ys := years(yearVals)
	if len(ys) == 0 {
		return []Bucket{}, IntervalAuto, 0, nil
	}
	slices.Sort(ys)
	byYear := map[int]int{}
	total := 0
	for _, v := range yearVals {
		if y, err := strconv.Atoi(v.Value); err == nil {
			byYear[y] = v.Count
			total += v.Count
		}
	}
	limit := int(float64(total) * strayShare)
	first, last := ys[0], ys[len(ys)-1]
	if want != IntervalYear {
		// Every year of the span, the empty ones too: a gap sets strays
		// apart.
		counts := make([]int, 0, last-first+1)
		for y := first; y <= last; y++ {
			counts = append(counts, byYear[y])
		}
		lo, hi := trimTails(counts, limit)
		first, last = first+lo, first+hi
	}
	if want == IntervalYear || (want == IntervalAuto && last-first+1 > maxMonthlyYears) {
		out := yearBuckets(ys, byYear, first, last)
		return out, IntervalYear, total - sumCounts(out), nil
	}

	// The months facet planned with the search, when there is one, covers
	// the years of the index within the request's dates: every match.
	months := res.Facets[monthsFacet]
	if months == nil {
		fr, err := ix.rangeCounts(ctx, q, monthRanges(first, last))
		if err != nil {
			return nil, "", 0, err
		}
		months = fr
	}
	byMonth := map[string]int{}
	for _, r := range months.DateRanges {
		byMonth[r.Name] = r.Count
	}
	var starts []time.Time
	var counts []int
	for m := yearStart(float64(first)); m.Year() <= last; m = m.AddDate(0, 1, 0) {
		starts = append(starts, m)
		counts = append(counts, byMonth[m.Format("2006-01")])
	}
	lo, hi := trimTails(counts, limit)
	if want == IntervalAuto {
		switch n := hi - lo + 1; {
		case n <= 2:
			want = IntervalDay
		case n <= 6:
			want = IntervalWeek
		default:
			want = IntervalMonth
		}
	}
	from, to := starts[lo], starts[hi].AddDate(0, 1, 0)
	for want == IntervalDay || want == IntervalWeek {
		days := 1
		start := from
		if want == IntervalWeek {
			days = 7
			start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7)) // the Monday
		}
		if n := int(to.Sub(start).Hours()/24)/days + 1; n > maxBars {
			want = map[Interval]Interval{IntervalDay: IntervalWeek, IntervalWeek: IntervalMonth}[want]
			continue
		}
		fr := bleve.NewFacetRequest(fieldDate, maxBars+1)
		var bs []Bucket
		for d := start; d.Before(to); d = d.AddDate(0, 0, days) {
			end := d.AddDate(0, 0, days)
			fr.AddDateTimeRange(d.Format(time.DateOnly), d, end)
			bs = append(bs, Bucket{Start: d, End: end, Precision: corpus.PrecisionDay})
		}
		got, err := ix.rangeCounts(ctx, q, fr)
		if err != nil {
			return nil, "", 0, err
		}
		byDay := map[string]int{}
		for _, r := range got.DateRanges {
			byDay[r.Name] = r.Count
		}
		counts := make([]int, len(bs))
		for i := range bs {
			bs[i].Count = byDay[bs[i].Start.Format(time.DateOnly)]
			counts[i] = bs[i].Count
		}
		blo, bhi := trimTails(counts, 0)
		bs = bs[blo : bhi+1]
		return bs, want, total - sumCounts(bs), nil
	}
	out := make([]Bucket, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		out = append(out, Bucket{Start: starts[i], End: starts[i].AddDate(0, 1, 0), Precision: corpus.PrecisionMonth, Count: counts[i]})
	}
	return out, IntervalMonth, total - sumCounts(out), nil
}

// yearBuckets returns a bucket for every year from first to last, or,
// over more than maxTimelineYears, for the years of ys in that span only.
func yearBuckets(ys []int, byYear map[int]int, first, last int) []Bucket {
	var out []Bucket
	add := func(y int) {
		out = append(out, Bucket{Start: yearStart(float64(y)), End: yearStart(float64(y + 1)), Precision: corpus.PrecisionYear, Count: byYear[y]})
	}
	if last-first+1 > maxTimelineYears {
		for _, y := range ys {
			if y >= first && y <= last {
				add(y)
			}
		}
		return out
	}
	for y := first; y <= last; y++ {
		add(y)
	}
	return out
}

// rangeCounts counts the matches of q in the date ranges of fr.
func (ix *Index) rangeCounts(ctx context.Context, q query.Query, fr *bleve.FacetRequest) (*bsearch.FacetResult, error) {
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.Score = "none" // only the counts are wanted
	sr.AddFacet(rangesFacet, fr)
	res, err := ix.run(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	return res.Facets[rangesFacet], nil
}

func sumCounts(bs []Bucket) int {
	n := 0
	for _, b := range bs {
		n += b.Count
	}
	return n
}
