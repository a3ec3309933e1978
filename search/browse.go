package search

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The facets and the timeline of the empty query — what the search page
// shows first, and again whenever a researcher browses or clicks a facet
// without typing a query — are the same for every page and sort order of
// the same filters, and counting them walks every article they match. An
// Index keeps them, by the filters, dates and facet sizes asked, from the
// first such search until its next Write.

// browseCounts are the facets and the timeline of a search.
type browseCounts struct {
	total uint64
	// score is the score every match of the browse has (an empty query
	// scores all its matches alike), when scored is set: a page read in
	// a date window (dateWindow) is given it, as its own scores differ.
	score    float64
	scored   bool
	facets   map[string][]FacetValue
	timeline []Bucket
	interval Interval
	outside  int
}

// uniformScore returns the score all hits share, and whether they do.
func uniformScore(hits bsearch.DocumentMatchCollection) (float64, bool) {
	if len(hits) == 0 {
		return 0, false
	}
	for _, h := range hits[1:] {
		if h.Score != hits[0].Score {
			return 0, false
		}
	}
	return hits[0].Score, true
}

// browseKey returns the key of req's counts in the browse cache, or ""
// when they cannot be cached: the query matches some articles only. A
// browse without facets keeps its total and score under a key of its
// own, without the facet sizes, so that its later pages are read in a
// date window too: sorting every article by date took 730 ms at 1M.
func browseKey(req Request) string {
	if !matchesAll(req.Query) {
		return ""
	}
	k := struct {
		Filters, Exclude Filters
		From, To         time.Time
		FacetSize        int
		FacetSizes       map[string]int // encoded with sorted keys
		Interval         Interval
		NoFacets         bool
	}{req.Filters, req.Exclude, req.From, req.To, req.FacetSize, req.FacetSizes, req.Interval, req.NoFacets}
	if req.NoFacets {
		k.FacetSize, k.FacetSizes, k.Interval = 0, nil, ""
	}
	key, err := json.Marshal(k)
	if err != nil {
		return ""
	}
	return string(key)
}

// cachedBrowse returns the counts kept for key, if any, and the number
// of Writes they are valid for.
func (ix *Index) cachedBrowse(key string) (*browseCounts, uint64) {
	ix.spanMu.Lock()
	defer ix.spanMu.Unlock()
	if key == "" {
		return nil, ix.writes
	}
	return ix.browse[key], ix.writes
}

// keepBrowse keeps c for key, unless a Write came after writes.
func (ix *Index) keepBrowse(key string, writes uint64, c *browseCounts) {
	ix.spanMu.Lock()
	defer ix.spanMu.Unlock()
	if key == "" || ix.writes != writes {
		return
	}
	if ix.browse == nil {
		ix.browse = map[string]*browseCounts{}
	}
	// The keys are the facet sizes a page asks for: a handful in use.
	if len(ix.browse) >= maxBrowseKeys {
		clear(ix.browse)
	}
	ix.browse[key] = c
}

// maxBrowseKeys bounds the browse cache of an Index.
const maxBrowseKeys = 64

// fill sets the counts of res from c. The facet lists are shared, not
// copied: a Result is read, not changed.
func (c *browseCounts) fill(res *Result) {
	res.Total = c.total
	res.Facets = maps.Clone(c.facets)
	res.Timeline = c.timeline
	res.Interval = c.interval
	res.TimelineOutside = c.outside
}

// dateBounds returns the first and last date of the articles in the
// index, zero when none has a date. It sorts every article by date, once,
// and again after a Write.
func (ix *Index) dateBounds(ctx context.Context) (first, last time.Time, err error) {
	ix.spanMu.Lock()
	defer ix.spanMu.Unlock()
	if ix.dates != nil {
		return ix.dates[0], ix.dates[1], nil
	}
	var bounds [2]time.Time
	for i, desc := range []bool{false, true} {
		sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 1, 0, false)
		sr.Score = "none"
		sr.Fields = []string{fieldDate}
		sr.SortByCustom(bsearch.SortOrder{&bsearch.SortField{Field: fieldDate, Type: bsearch.SortFieldAsDate,
			Desc: desc, Missing: bsearch.SortFieldMissingLast}})
		res, err := ix.run(ctx, sr)
		if err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("dates of the index: %w", err)
		}
		if len(res.Hits) == 0 {
			break
		}
		s, _ := res.Hits[0].Fields[fieldDate].(string)
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			break // no article has a date
		}
		bounds[i] = t
	}
	if bounds[0].IsZero() || bounds[1].IsZero() {
		bounds = [2]time.Time{}
	}
	ix.dates = &bounds
	return bounds[0], bounds[1], nil
}

// dateWindow narrows q, a browse whose counts are kept, for a page sorted
// by date: sorting reads the date and the id of every match, and the
// first pages are in the latest days (the earliest, oldest first). It
// tries windows of the last 1, 4, 16... days up to the index's last date
// (from its first date, oldest first), and returns q limited
// to the first that holds the whole page, or false when none does. Every
// match outside a window sorts after every match inside it, so the page is
// the same.
func (ix *Index) dateWindow(ctx context.Context, q query.Query, p plan) (query.Query, bool, error) {
	if p.sort != SortNewest && p.sort != SortOldest {
		return nil, false, nil
	}
	first, last, err := ix.dateBounds(ctx)
	if err != nil || first.IsZero() {
		return nil, false, err
	}
	need := uint64(p.page * p.size)
	spanDays := int(last.Sub(first).Hours()/24) + 1
	for days := 1; days < spanDays; days *= 4 {
		var w query.Query
		if p.sort == SortNewest {
			w = dateRange(last.AddDate(0, 0, -days), time.Time{})
		} else {
			w = dateRange(time.Time{}, first.AddDate(0, 0, days))
		}
		wq := within(q, w)
		sr := bleve.NewSearchRequestOptions(wq, 0, 0, false)
		sr.Score = "none"
		res, err := ix.run(ctx, sr)
		if err != nil {
			return nil, false, err
		}
		if res.Total >= need {
			return wq, true, nil
		}
	}
	return nil, false, nil
}

// within returns q limited to the articles w matches. A match-all part of
// q is replaced by w instead of joined to it: bleve advances a match-all
// through every article before the one sought, so that a browse of the
// newest articles of the 1M generated ones, which sat in the last of the
// index's segments, took 40 ms instead of 2.
func within(q, w query.Query) query.Query {
	switch q := q.(type) {
	case *query.MatchAllQuery:
		return w
	case *query.BooleanQuery:
		if c, ok := q.Must.(*query.ConjunctionQuery); ok && len(c.Conjuncts) == 1 {
			if _, all := c.Conjuncts[0].(*query.MatchAllQuery); all {
				b := *q
				b.Must = query.NewConjunctionQuery([]query.Query{w})
				return &b
			}
		}
	}
	return query.NewConjunctionQuery([]query.Query{q, w})
}
