package search

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// The facets and the timeline of the empty query without filters — what
// the search page shows first, and again whenever a researcher browses —
// are the same for every page and sort order, and counting them walks
// every article of the index. An Index keeps them from the first such
// search until its next Write.

// browseCounts are the facets and the timeline of a search.
type browseCounts struct {
	facets   map[string][]FacetValue
	timeline []Bucket
	interval Interval
	outside  int
}

// browseKey returns the key of req's counts in the browse cache, or ""
// when they cannot be cached: the query matches some articles only, or
// filters, exclusions or a date range narrow it, or it wants no facets.
func browseKey(req Request) string {
	if !matchesAll(req.Query) || req.NoFacets || !req.From.IsZero() || !req.To.IsZero() ||
		!reflect.ValueOf(req.Filters).IsZero() || !reflect.ValueOf(req.Exclude).IsZero() {
		return ""
	}
	key := fmt.Sprintf("%d/%v", req.FacetSize, req.Interval)
	for _, name := range slices.Sorted(maps.Keys(req.FacetSizes)) {
		key += fmt.Sprintf("/%s=%d", name, req.FacetSizes[name])
	}
	return key
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
