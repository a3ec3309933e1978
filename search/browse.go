package search

import (
	"encoding/json"
	"maps"
	"time"
)

// The facets and the timeline of the empty query — what the search page
// shows first, and again whenever a researcher browses or clicks a facet
// without typing a query — are the same for every page and sort order of
// the same filters, and counting them walks every article they match. An
// Index keeps them, by the filters, dates and facet sizes asked, from the
// first such search until its next Write.

// browseCounts are the facets and the timeline of a search.
type browseCounts struct {
	facets   map[string][]FacetValue
	timeline []Bucket
	interval Interval
	outside  int
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
	res.Facets = maps.Clone(c.facets)
	res.Timeline = c.timeline
	res.Interval = c.interval
	res.TimelineOutside = c.outside
}
