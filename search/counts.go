package search

import (
	"container/heap"
	"context"
	"fmt"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve counts a facet by reading, for every match, the values of the
// field in its doc values: the cost grows with the matches, times the
// fields counted (a search page counts eleven). A search of a read-only
// index (a Store's live generation, which never changes) counts them
// instead from the set of articles that hold each value, read once per
// generation from the field's postings: the count of a value is the size
// of the intersection of its set with the set of matches, and values are
// taken by their total first, so that the count stops once no value left
// can enter the top n. On an index of one shard the set of matches comes
// from the search itself, and a search of few matches counts their values
// instead (passcounts.go). In a sharded index (countBySets, from
// countThreshold matches), the sets and the matches are each shard's, of
// its own document numbers, and the counts are their sums.

// countThreshold is the number of matches from which a search of a
// read-only sharded index counts its facets from value sets (countBySets).
// Measured with ten searches on Reuters (21,578 articles) and on 200,000:
// at 4,000 the p50 was 10.0 and 33.4 ms, at 1,000 6.2 and 24.3, at 200 4.6
// and 23.8, at 50 no better.
const countThreshold = 200

// countMode is how the facets of a search of a read-only index are
// counted, set in tests: countAuto chooses.
type countMode int

const (
	countAuto    countMode = iota
	countSets              // from the value sets, whatever the matches
	countForward           // from the values of each match (one shard)
	countBleve             // by bleve, as for a writable index
)

// valueSet is the articles of an index that hold one value of a field.
type valueSet struct {
	value string
	// docs are the articles of each shard, by shard; nil for a shard
	// without the value.
	docs  []*roaring.Bitmap
	total uint64
}

// valueSets returns the value sets of a keyword field, most frequent
// first (then by value), read once per Index from the readers of its
// shards.
func (ix *Index) valueSets(ctx context.Context, rs []index.IndexReader, field string) ([]valueSet, error) {
	return ix.setsOf(ctx, rs, field, func(ctx context.Context, r index.IndexReader) (map[string]*roaring.Bitmap, error) {
		return readValueSets(ctx, r, field)
	})
}

// setsOf returns the sets cached under key, most frequent first (then by
// value), read once per Index from each shard's reader by read.
func (ix *Index) setsOf(ctx context.Context, rs []index.IndexReader, key string, read func(context.Context, index.IndexReader) (map[string]*roaring.Bitmap, error)) ([]valueSet, error) {
	ix.setsMu.Lock()
	defer ix.setsMu.Unlock()
	if sets, ok := ix.sets[key]; ok {
		return sets, nil
	}
	perShard := make([]map[string]*roaring.Bitmap, len(rs))
	err := eachShard(len(rs), func(i int) error {
		var err error
		perShard[i], err = read(ctx, rs[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	byValue := map[string]*valueSet{}
	for i, m := range perShard {
		for v, docs := range m {
			s, ok := byValue[v]
			if !ok {
				s = &valueSet{value: v, docs: make([]*roaring.Bitmap, len(rs))}
				byValue[v] = s
			}
			s.docs[i] = docs
			s.total += docs.GetCardinality()
		}
	}
	sets := make([]valueSet, 0, len(byValue))
	for _, s := range byValue {
		sets = append(sets, *s)
	}
	sort.Slice(sets, func(i, j int) bool {
		if sets[i].total != sets[j].total {
			return sets[i].total > sets[j].total
		}
		return sets[i].value < sets[j].value
	})
	if ix.sets == nil {
		ix.sets = map[string][]valueSet{}
	}
	ix.sets[key] = sets
	return sets, nil
}

// readValueSets reads the articles that hold each value of a keyword
// field from one reader.
func readValueSets(ctx context.Context, r index.IndexReader, field string) (map[string]*roaring.Bitmap, error) {
	terms, err := fieldTerms(r, field)
	if err != nil {
		return nil, err
	}
	sets := make(map[string]*roaring.Bitmap, len(terms))
	for _, t := range terms {
		docs := roaring.New()
		if err := addPostings(ctx, r, field, t, docs); err != nil {
			return nil, err
		}
		sets[t] = docs
	}
	return sets, nil
}

// fieldTerms returns the terms of a field's dictionary.
func fieldTerms(r index.IndexReader, field string) ([]string, error) {
	fd, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	var terms []string
	for {
		de, err := fd.Next()
		if err != nil {
			_ = fd.Close()
			return nil, err
		}
		if de == nil {
			break
		}
		terms = append(terms, de.Term)
	}
	return terms, fd.Close()
}

// addPostings adds the articles that hold term in field to docs.
func addPostings(ctx context.Context, r index.IndexReader, field, term string, docs *roaring.Bitmap) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return err
	}
	for {
		d, err := tfr.Next(nil)
		if err != nil {
			_ = tfr.Close()
			return err
		}
		if d == nil {
			break
		}
		docs.Add(uint32(d.ID.Value()))
	}
	return tfr.Close()
}

// matchSet returns the set of the articles that q matches.
func (ix *Index) matchSet(ctx context.Context, r index.IndexReader, q query.Query) (*roaring.Bitmap, error) {
	s, err := q.Searcher(ctx, r, ix.b.Mapping(), bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	hits := roaring.New()
	err = eachMatch(ctx, s, func(dm *bsearch.DocumentMatch) (bool, error) {
		hits.Add(uint32(dm.IndexInternalID.Value()))
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	return hits, nil
}

// eachMatch hands each match of s to fn, until fn returns false or an
// error, checking ctx every 4,096 matches. The match is reused once fn
// returns.
func eachMatch(ctx context.Context, s bsearch.Searcher, fn func(*bsearch.DocumentMatch) (bool, error)) error {
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for i := 0; ; i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return err
		}
		more, err := fn(dm)
		if err != nil || !more {
			return err
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

// topValues returns the n values of sets most frequent among hits (the
// matches of each shard, by shard), as bleve orders a term facet: by
// count, then by value.
func topValues(sets []valueSet, hits *matchSets, n int) *bsearch.TermFacets {
	h := &facetHeap{}
	for _, s := range sets {
		if h.Len() == n && s.total < uint64((*h)[0].Count) {
			break // sets come most frequent first: none left can enter
		}
		c := 0
		for i, docs := range s.docs {
			if docs != nil {
				c += hits.countIn(i, docs)
			}
		}
		if c == 0 {
			continue
		}
		h.offer(&bsearch.TermFacet{Term: s.value, Count: c}, n)
	}
	return h.facets()
}

// matchSets are the matches of a search, by shard, each also as a plain
// bit set once a set smaller than the matches is counted in it.
type matchSets struct {
	sets  []*roaring.Bitmap
	dense [][]uint64
	buf   []uint32
}

func newMatchSets(sets []*roaring.Bitmap) *matchSets {
	return &matchSets{sets: sets, dense: make([][]uint64, len(sets))}
}

// countIn returns the number of matches of shard i in docs. Roaring's
// intersection of two sparse sets merges both, the cost of the matches
// plus the set; a set smaller than the matches is instead looked up bit
// by bit in the matches' bit set, the cost of the set alone. Most value
// sets counted for a search with many matches are smaller than its
// matches: on a million articles, a search for sugar (13,286 matches)
// went from 36 to 18 ms.
func (m *matchSets) countIn(i int, docs *roaring.Bitmap) int {
	hits := m.sets[i]
	if docs.GetCardinality() >= hits.GetCardinality() {
		return int(hits.AndCardinality(docs))
	}
	if m.dense[i] == nil {
		m.dense[i] = hits.ToDense()
		if m.buf == nil {
			m.buf = make([]uint32, 256)
		}
	}
	dense := m.dense[i]
	c := 0
	it := docs.ManyIterator()
	for n := it.NextMany(m.buf); n > 0; n = it.NextMany(m.buf) {
		for _, d := range m.buf[:n] {
			if w := int(d >> 6); w < len(dense) {
				c += int(dense[w] >> (d & 63) & 1)
			}
		}
	}
	return c
}

// better reports whether a comes before b in a term facet.
func better(a, b *bsearch.TermFacet) bool {
	if a.Count != b.Count {
		return a.Count > b.Count
	}
	return a.Term < b.Term
}

// facetHeap holds the top values found so far, the last of them first.
type facetHeap []*bsearch.TermFacet

// offer adds tf when it is among the n best so far.
func (h *facetHeap) offer(tf *bsearch.TermFacet, n int) {
	if h.Len() < n {
		heap.Push(h, tf)
	} else if better(tf, (*h)[0]) {
		(*h)[0] = tf
		heap.Fix(h, 0)
	}
}

// facets returns the values held, in the order of a term facet.
func (h *facetHeap) facets() *bsearch.TermFacets {
	out := &bsearch.TermFacets{}
	for _, tf := range *h {
		out.Add(tf)
	}
	sort.Sort(out)
	return out
}

func (h facetHeap) Len() int           { return len(h) }
func (h facetHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h facetHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *facetHeap) Push(x any)        { *h = append(*h, x.(*bsearch.TermFacet)) }
func (h *facetHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// countBySets counts, when q matches at least ix.countFrom articles of a
// read-only index, the term facets of sr from value sets: it removes
// them from sr and returns them, to be put in the search's result by
// fillCounts. It returns nil when bleve is to count them.
func (ix *Index) countBySets(ctx context.Context, sr *bleve.SearchRequest, q query.Query) (map[string]*bsearch.FacetResult, error) {
	if !ix.opts.ReadOnly || len(sr.Facets) == 0 || ix.countBy == countBleve {
		return nil, nil
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	hits := make([]*roaring.Bitmap, len(rs))
	err = eachShard(len(rs), func(i int) error {
		var err error
		hits[i], err = ix.matchSet(ctx, rs[i], q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("counting matches: %w", err)
	}
	var total uint64
	for _, h := range hits {
		total += h.GetCardinality()
	}
	if total < uint64(ix.countFrom()) {
		return nil, nil
	}
	out := map[string]*bsearch.FacetResult{}
	matches := newMatchSets(hits)
	for name, fr := range sr.Facets {
		if fr.Field == "" || len(fr.DateTimeRanges) > 0 || len(fr.NumericRanges) > 0 {
			continue // ranges stay bleve's
		}
		sets, err := ix.valueSets(ctx, rs, fr.Field)
		if err != nil {
			return nil, fmt.Errorf("counting %s: %w", fr.Field, err)
		}
		out[name] = &bsearch.FacetResult{Field: fr.Field, Terms: topValues(sets, matches, fr.Size)}
		delete(sr.Facets, name)
	}
	return out, nil
}

// countFrom returns the number of matches from which facets are counted
// from value sets.
func (ix *Index) countFrom() int {
	if ix.countBy == countSets {
		return 1
	}
	return countThreshold
}
