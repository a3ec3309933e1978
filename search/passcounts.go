package search

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
)

// A search of a read-only index of one shard counts its facets from the
// matches that its own search collects in passing (passCounts), instead
// of running its query a second time for them (countBySets, still used by
// a sharded index, whose alias runs one collector per shard): the
// handler of bleve's collector records the document number of every
// match it is handed, and the counts are then taken from the value sets
// (counts.go) for a search that matches much of the index, or else from
// the values of each match (forward, the value sets inverted). The months
// of the timeline are counted the same way, from the set of articles of
// each month, read once per generation from the date's terms.

// monthsKey is the key of the month sets among the value sets (a field
// name cannot start with a NUL).
const monthsKey = "\x00months"

// passCounts is the counting of a search's facets from the matches its
// search collects.
type passCounts struct {
	ix *Index
	// terms are the term facets taken from the request, by name.
	terms map[string]*bleve.FacetRequest
	// months is the months facet of the timeline taken from the
	// request, nil when there is none.
	months *bleve.FacetRequest
	// hits are the document numbers of the matches.
	hits *roaring.Bitmap
}

// passCounting takes the term facets and the months facet out of sr when
// the index can count them from the matches of its search, and returns
// their counting; nil when bleve (or countBySets) is to count them.
func (ix *Index) passCounting(sr *bleve.SearchRequest) *passCounts {
	if !ix.opts.ReadOnly || len(ix.shards) != 1 || len(sr.Facets) == 0 || ix.countBy == countBleve {
		return nil
	}
	pc := &passCounts{ix: ix, terms: map[string]*bleve.FacetRequest{}, hits: roaring.New()}
	for name, fr := range sr.Facets {
		switch {
		case name == monthsFacet && isMonths(fr):
			pc.months = fr
		case fr.Field != "" && len(fr.DateTimeRanges) == 0 && len(fr.NumericRanges) == 0:
			pc.terms[name] = fr
		default:
			continue
		}
		delete(sr.Facets, name)
	}
	return pc
}

// isMonths reports whether fr counts calendar months, each range named
// by its month as monthRanges names them.
func isMonths(fr *bleve.FacetRequest) bool {
	if fr.Field != fieldDate || len(fr.NumericRanges) > 0 {
		return false
	}
	for _, r := range fr.DateTimeRanges {
		start, err := time.Parse("2006-01", r.Name)
		if err != nil || !r.Start.Equal(start) || !r.End.Equal(start.AddDate(0, 1, 0)) {
			return false
		}
	}
	return true
}

// add records the number of a match.
func (pc *passCounts) add(d *bsearch.DocumentMatch) {
	pc.hits.Add(uint32(d.IndexInternalID.Value()))
}

// observe returns ctx for a search whose every match bleve's collector
// hands to each of fns, in passing: the collector makes its handler of
// matches with the value of MakeDocumentMatchHandlerKey, here one that
// calls fns before the collector's own handler. The match is the
// collector's, reused once handled: fns keep copies of what they need. A
// later search with the same context hands its matches to fns too.
func observe(ctx context.Context, fns ...func(*bsearch.DocumentMatch)) context.Context {
	if len(fns) == 0 {
		return ctx
	}
	make := func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil || next == nil {
			return next, loadID, err
		}
		return func(d *bsearch.DocumentMatch) error {
			if d != nil {
				for _, fn := range fns {
					fn(d)
				}
			}
			return next(d)
		}, loadID, nil
	}
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(make))
}

// count returns the facets taken out of the request, counted over the
// matches recorded: by their values (forward) when they are at most a
// forwardShare of the index, else from the value sets.
func (pc *passCounts) count(ctx context.Context) (map[string]*bsearch.FacetResult, error) {
	rs, closeReaders, err := pc.ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	docs, err := rs[0].DocCount()
	if err != nil {
		return nil, err
	}
	hits := pc.hits.GetCardinality()
	byValues := hits*forwardShare <= docs
	switch pc.ix.countBy {
	case countSets:
		byValues = false
	case countForward:
		byValues = true
	}
	var (
		fw     *forward
		counts []uint32
	)
	if byValues {
		if fw, err = pc.ix.forwardOf(ctx, rs); err != nil {
			return nil, err
		}
		counts = fw.count(pc.hits, pc.ix.parts(hits, minCountPart))
	}
	matches := newMatchSets([]*roaring.Bitmap{pc.hits})
	top := func(key string, sets []valueSet, n int) *bsearch.TermFacets {
		if first, ok := fw.firstOf(key); ok {
			return topCounts(sets, counts[first:first+len(sets)], n)
		}
		return topValues(sets, matches, n)
	}
	out := make(map[string]*bsearch.FacetResult, len(pc.terms)+1)
	for name, fr := range pc.terms {
		sets, err := pc.ix.valueSets(ctx, rs, fr.Field)
		if err != nil {
			return nil, fmt.Errorf("counting %s: %w", fr.Field, err)
		}
		out[name] = &bsearch.FacetResult{Field: fr.Field, Terms: top(fr.Field, sets, fr.Size)}
	}
	if pc.months != nil {
		sets, err := pc.ix.monthSets(ctx, rs)
		if err != nil {
			return nil, fmt.Errorf("counting months: %w", err)
		}
		all := top(monthsKey, sets, len(sets))
		byMonth := make(map[string]int, len(sets))
		for _, tf := range all.Terms() {
			byMonth[tf.Term] = tf.Count
		}
		out[monthsFacet] = monthsResult(pc.months, byMonth)
	}
	return out, nil
}

// forwardShare sets when the facets of a search are counted from the
// values of its matches (forward) rather than from the value sets: when
// its matches are at most a sixteenth of the index. Counting by values
// costs the matches times their values; counting by sets costs the
// values whose sets are counted, which grows less than the matches but
// does not shrink with them: a search of a few matches counts nearly
// every value of each field.
const forwardShare = 16

// minCountPart is the fewest matches a part of a count by values is
// given when the count is split over the cores (Index.parts).
const minCountPart = 4096

// forward is the values of every facet field and of the months by
// article, in one shard: the values of article d are
// vals[start[d]:start[d+1]]. The values of all the keys are numbered in
// one row, each key's in the order of its value sets from first[key], so
// that one pass over the matches counts every facet of a search: a
// search page counts eleven. It is built from the value sets, once per
// Index.
type forward struct {
	start []uint32
	vals  []uint32
	first map[string]int
	size  int
}

// forwardKeys returns the keys of the value sets a forward holds: the
// facet fields and the months.
func forwardKeys() []string {
	return append(slices.Sorted(maps.Values(facetFields)), monthsKey)
}

// forwardOf returns the forward of the facet fields and the months,
// built at its first use and cached.
func (ix *Index) forwardOf(ctx context.Context, rs []index.IndexReader) (*forward, error) {
	ix.setsMu.Lock()
	fw := ix.forward
	ix.setsMu.Unlock()
	if fw != nil {
		return fw, nil
	}
	keys := forwardKeys()
	sets := make([][]valueSet, len(keys))
	for i, key := range keys {
		var err error
		if key == monthsKey {
			sets[i], err = ix.monthSets(ctx, rs)
		} else {
			sets[i], err = ix.valueSets(ctx, rs, key)
		}
		if err != nil {
			return nil, fmt.Errorf("counting %s: %w", key, err)
		}
	}
	ix.setsMu.Lock()
	defer ix.setsMu.Unlock()
	if ix.forward == nil {
		ix.forward = newForward(keys, sets)
	}
	return ix.forward, nil
}

// newForward inverts the value sets of the first shard of each key.
func newForward(keys []string, sets [][]valueSet) *forward {
	fw := &forward{first: make(map[string]int, len(keys))}
	n := uint32(0)
	for i, key := range keys {
		fw.first[key] = fw.size
		fw.size += len(sets[i])
		for _, s := range sets[i] {
			if d := s.docs[0]; d != nil && !d.IsEmpty() {
				n = max(n, d.Maximum()+1)
			}
		}
	}
	start := make([]uint32, n+1)
	each := func(fn func(v, d uint32)) {
		for i, key := range keys {
			for j, s := range sets[i] {
				if d := s.docs[0]; d != nil {
					v := uint32(fw.first[key] + j)
					d.Iterate(func(x uint32) bool { fn(v, x); return true })
				}
			}
		}
	}
	each(func(_, d uint32) { start[d+1]++ })
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	vals := make([]uint32, start[n])
	next := slices.Clone(start[:n])
	each(func(v, d uint32) {
		vals[next[d]] = v
		next[d]++
	})
	fw.start, fw.vals = start, vals
	return fw
}

// firstOf returns the number of the first value of key; false when fw is
// nil or does not hold key.
func (fw *forward) firstOf(key string) (int, bool) {
	if fw == nil {
		return 0, false
	}
	first, ok := fw.first[key]
	return first, ok
}

// count returns how many of hits hold each value, by its number, counted
// in parts at once, each over an equal share of the hits.
func (fw *forward) count(hits *roaring.Bitmap, parts int) []uint32 {
	docs := hits.ToArray()
	parts = max(1, min(parts, len(docs)))
	counts := make([][]uint32, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := len(docs)*p/parts, len(docs)*(p+1)/parts
		wg.Go(func() { counts[p] = fw.countOf(docs[lo:hi]) })
	}
	wg.Wait()
	for _, c := range counts[1:] {
		for i, n := range c {
			counts[0][i] += n
		}
	}
	return counts[0]
}

// countOf returns how many of docs hold each value, by its number.
func (fw *forward) countOf(docs []uint32) []uint32 {
	counts := make([]uint32, fw.size)
	end := uint32(len(fw.start) - 1)
	for _, d := range docs {
		if d < end {
			for _, v := range fw.vals[fw.start[d]:fw.start[d+1]] {
				counts[v]++
			}
		}
	}
	return counts
}

// topCounts returns the n values of sets with the highest counts, as
// bleve orders a term facet; counts[i] is the count of sets[i].
func topCounts(sets []valueSet, counts []uint32, n int) *bsearch.TermFacets {
	h := &facetHeap{}
	for i, c := range counts {
		if c == 0 {
			continue
		}
		h.offer(&bsearch.TermFacet{Term: sets[i].value, Count: int(c)}, n)
	}
	return h.facets()
}

// monthsResult returns the months facet fr with the counts of byMonth,
// in the form of bleve's date range facets.
func monthsResult(fr *bleve.FacetRequest, byMonth map[string]int) *bsearch.FacetResult {
	out := &bsearch.FacetResult{Field: fr.Field}
	for _, r := range fr.DateTimeRanges {
		if c := byMonth[r.Name]; c > 0 {
			out.DateRanges = append(out.DateRanges, &bsearch.DateRangeFacet{Name: r.Name, Count: c})
			out.Total += c
		}
	}
	sort.Sort(out.DateRanges)
	return out
}

// dateTerm returns the instant of a term of the date field: its full
// precision term (shift 0); the coarser terms of its range index are not.
func dateTerm(term []byte) (time.Time, bool) {
	n, ok := dateNanos(term)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(0, n).UTC(), true
}

// monthSets returns the articles of each month, named 2006-01, read once
// per Index from the terms of the date field.
func (ix *Index) monthSets(ctx context.Context, rs []index.IndexReader) ([]valueSet, error) {
	return ix.setsOf(ctx, rs, monthsKey, readMonthSets)
}

// readMonthSets reads the articles of each month from one reader: the
// postings of each full precision term of the date field, gathered by
// month.
func readMonthSets(ctx context.Context, r index.IndexReader) (map[string]*roaring.Bitmap, error) {
	terms, err := fieldTerms(r, fieldDate)
	if err != nil {
		return nil, err
	}
	sets := map[string]*roaring.Bitmap{}
	for _, term := range terms {
		t, ok := dateTerm([]byte(term))
		if !ok {
			continue
		}
		month := t.Format("2006-01")
		if sets[month] == nil {
			sets[month] = roaring.New()
		}
		if err := addPostings(ctx, r, fieldDate, term, sets[month]); err != nil {
			return nil, err
		}
	}
	return sets, nil
}
