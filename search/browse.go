package search

import (
	"context"
	"encoding/json"
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
// when they cannot be cached: the query matches some articles only, or
// it wants no facets.
func browseKey(req Request) string {
	if !matchesAll(req.Query) || req.NoFacets {
		return ""
	}
	key, err := json.Marshal(struct {
		Filters, Exclude Filters
		From, To         time.Time
		FacetSize        int
		FacetSizes       map[string]int // encoded with sorted keys
		Interval         Interval
	}{req.Filters, req.Exclude, req.From, req.To, req.FacetSize, req.FacetSizes, req.Interval})
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

// dateWindow narrows q, a browse whose counts are kept, for a page sorted
// by date: sorting reads the date of every match, and the first pages
// are in the latest years (the earliest, oldest first). It tries windows
// of the last 1, 2, 4... years of the index, and returns q limited to the
// first that holds the whole page, or false when none does. Every match
// outside a window sorts after every match inside it, so the page is the
// same.
func (ix *Index) dateWindow(ctx context.Context, q query.Query, p plan) (query.Query, bool, error) {
	if p.sort != SortNewest && p.sort != SortOldest {
		return nil, false, nil
	}
	first, last, ok, err := ix.yearSpan(ctx)
	if err != nil || !ok {
		return nil, false, err
	}
	need := uint64(p.page * p.size)
	for span := 1; span <= last-first; span *= 2 {
		var w query.Query
		if p.sort == SortNewest {
			w = dateRange(yearStart(float64(last-span+1)), time.Time{})
		} else {
			w = dateRange(time.Time{}, yearStart(float64(first+span)))
		}
		wq := query.NewConjunctionQuery([]query.Query{q, w})
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
