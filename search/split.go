package search

import (
	"cmp"
	"context"
	"runtime"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve runs a search on one goroutine, whatever the cores: at a million
// articles a query of one common word scored its 550,000 matches in
// 100 ms on one core while the other was idle. A search sorted by
// relevance or by date on a read-only index of one shard is split, when
// cores are free, into parts over ranges of the index's document
// numbers, run at once (splitSearch): each part runs the whole query
// through bleve, limited to its range (rangeQuery), and keeps its own
// best matches and match set, which are joined after. The scores are
// those of one search, since every part reads the same snapshot with the
// same statistics; what each part hands on is the matches of its range.

// minPartArticles is the least number of articles a part of a split
// search covers, so that a part's own cost (its goroutine, its searchers,
// its share of the terms looked up) stays small beside its work. On
// Reuters-21578 (two parts), the replay of the bench's 200 queries went
// from p50 1.2 to 1.1 ms and p99 8.8 to 7.7 ms; smaller parts were not
// measured.
const minPartArticles = 10_000

// maxParts bounds the parts of a split search.
const maxParts = 4

// searchParts returns the number of parts to split a search of an index
// of docs articles into: one per core that no other search holds, each of
// at least minPartArticles.
func (ix *Index) searchParts(docs uint64) int {
	if ix.splitParts != 0 {
		return ix.splitParts
	}
	return ix.parts(docs, minPartArticles)
}

// parts returns the number of parts to split work over n items into, at
// once: one per core that no other search holds, at most maxParts, each
// of at least per items.
func (ix *Index) parts(n, per uint64) int {
	busy := max(1, ix.gate.running())
	return max(1, min(runtime.GOMAXPROCS(0)/busy, maxParts, int(n/per)))
}

// A part that starts inside a segment costs a walk: to its first
// article, bleve advances each word's postings in every text field, and
// when it reads their frequencies, it steps through every article of
// the segment before (zap decodes the postings one by one up to the
// target). At 200,000 articles, whose largest segment holds 95,000, the
// second half started 47,000 articles into it, and for a common word
// each field walked tens of thousands of postings before the part found
// its first match; at 20,000 articles, about 2,800. A part made of whole
// segments starts at the first article of a segment, where nothing is
// walked: partRanges deals the segments out when they can be dealt
// evenly enough (maxSegmentSkew).

// maxSegmentSkew bounds how much more than an even share of the
// articles a part made of whole segments may hold: a part that holds
// more takes that much longer, while the others wait. The bound is not
// tuned against the walk it saves: both corpora of the bench deal well
// within it. Reuters-21578
// (segments of 4,000, 4,000, 7,000 and 6,578 articles) is dealt in two
// parts of 11,000 and 10,578 (1.02 of an even share), the 200,000
// generated articles (95,000, 53,000, five of 10,000 and two of 1,000)
// in 97,000 and 103,000 (1.03).
const maxSegmentSkew = 1.25

// partRanges splits the document numbers of the snapshot r into the
// ranges of n parts, as [lo, hi) pairs in order: whole segments when
// they can be dealt into parts of at most maxSegmentSkew times an even
// share (segmentParts), else one range each, of about as many numbers.
// Nil when r is not a scorch snapshot.
func partRanges(r index.IndexReader, n int) [][][2]uint64 {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	starts := segmentStarts(snap)
	end := starts[len(starts)-1]
	sizes := make([]uint64, len(starts)-1)
	for i := range sizes {
		sizes[i] = starts[i+1] - starts[i]
	}
	if parts := segmentParts(sizes, n); parts != nil {
		return parts
	}
	out := make([][][2]uint64, 0, n)
	var lo uint64
	for i := 1; i <= n; i++ {
		hi := end * uint64(i) / uint64(n)
		if i == n {
			hi = end
		}
		if hi > lo {
			out = append(out, [][2]uint64{{lo, hi}})
		}
		lo = hi
	}
	return out
}

// segmentParts deals segments of the sizes given (in the order of their
// numbers) into n parts, largest first, each to the part that holds the
// fewest articles so far, and returns each part's ranges of numbers, in
// order, adjacent segments joined; nil when a part would hold more than
// maxSegmentSkew times an even share, or none at all.
func segmentParts(sizes []uint64, n int) [][][2]uint64 {
	var total uint64
	for _, size := range sizes {
		total += size
	}
	if n < 2 || len(sizes) < n || total == 0 {
		return nil
	}
	order := make([]int, len(sizes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	held := make([]uint64, n)
	owner := make([]int, len(sizes))
	for _, seg := range order {
		least := 0
		for p := range held {
			if held[p] < held[least] {
				least = p
			}
		}
		owner[seg] = least
		held[least] += sizes[seg]
	}
	for _, h := range held {
		if h == 0 || float64(h) > maxSegmentSkew*float64(total)/float64(n) {
			return nil
		}
	}
	out := make([][][2]uint64, n)
	var lo uint64
	for seg, size := range sizes {
		p := owner[seg]
		if last := len(out[p]) - 1; last >= 0 && out[p][last][1] == lo {
			out[p][last][1] = lo + size
		} else if size > 0 {
			out[p] = append(out[p], [2]uint64{lo, lo + size})
		}
		lo += size
	}
	return out
}

// docNumbers returns the number of document numbers of the snapshot r,
// deleted articles included: the numbers are 0 to it, less one. False
// when r is not a scorch snapshot.
func docNumbers(r index.IndexReader) (uint64, bool) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, false
	}
	starts := segmentStarts(snap)
	return starts[len(starts)-1], true
}

// segmentStarts returns the number of the first article of each segment
// of snap, then the number of its document numbers (deleted articles
// included): segment i holds the numbers from starts[i] to starts[i+1].
func segmentStarts(snap *scorch.IndexSnapshot) []uint64 {
	segs := snap.Segments()
	starts := make([]uint64, len(segs)+1)
	for i, s := range segs {
		starts[i+1] = starts[i] + uint64(s.FullSize())
	}
	return starts
}

// searchPart is what one part of a split search found.
type searchPart struct {
	res  *bleve.SearchResult
	top  keeper
	hits *roaring.Bitmap // the match set, when counted
	err  error
}

// splitSearch runs fast, a request with no facets and no fields whose
// page is kept by keepers made by newKeeper, as parts over ranges, at
// once, each with a keeper of its own. It returns the joined result
// (total, maximum score), a keeper of the matches kept by all parts, and
// adds every match to pc's set when pc is not nil. It returns false, and
// runs nothing, when the index cannot be split into more than one part.
func (ix *Index) splitSearch(ctx context.Context, fast *bleve.SearchRequest, newKeeper func() keeper, pc *passCounts) (*bleve.SearchResult, keeper, bool, error) {
	if !ix.opts.ReadOnly || len(ix.shards) != 1 {
		return nil, nil, false, nil
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, nil, false, err
	}
	docs, err := rs[0].DocCount()
	if err != nil {
		closeReaders()
		return nil, nil, false, err
	}
	ranges := partRanges(rs[0], ix.searchParts(docs))
	closeReaders()
	if len(ranges) < 2 {
		return nil, nil, false, nil
	}
	parts := make([]searchPart, len(ranges))
	done := make(chan struct{}, len(ranges))
	for i, rg := range ranges {
		go func() {
			defer func() { done <- struct{}{} }()
			p := &parts[i]
			p.top = newKeeper()
			observers := []func(*bsearch.DocumentMatch){p.top.add}
			if pc != nil {
				p.hits = roaring.New()
				observers = append(observers, func(d *bsearch.DocumentMatch) {
					p.hits.Add(uint32(d.IndexInternalID.Value()))
				})
			}
			part := *fast
			part.Query = rangeQuery{inner: fast.Query, ranges: rg}
			p.res, p.err = ix.run(observe(ctx, observers...), &part)
		}()
	}
	for range ranges {
		<-done
	}
	top := newKeeper()
	var res *bleve.SearchResult
	for _, p := range parts {
		if p.err != nil {
			return nil, nil, true, p.err
		}
		if res == nil {
			c := *p.res
			res = &c
		} else {
			res.Total += p.res.Total
			res.MaxScore = max(res.MaxScore, p.res.MaxScore)
			res.Took = max(res.Took, p.res.Took)
		}
		top.join(p.top)
		if pc != nil {
			pc.hits.Or(p.hits)
		}
	}
	return res, top, true, nil
}

// rangeQuery is a query limited to the articles whose document numbers
// are in one of its ranges, [lo, hi) pairs in order.
type rangeQuery struct {
	inner  query.Query
	ranges [][2]uint64
}

// Searcher implements query.Query.
func (q rangeQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &rangeSearcher{Searcher: s, ranges: q.ranges}, nil
}

// rangeSearcher hands on the matches of its searcher numbered in its
// ranges: it starts by advancing to the first range's start, advances
// from the end of each range to the start of the next, and ends at the
// first match past the last.
type rangeSearcher struct {
	bsearch.Searcher
	ranges  [][2]uint64 // those left, the current one first
	started bool
	ended   bool
	id      index.IndexInternalID
}

// Next returns the next match in the ranges.
func (s *rangeSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	switch {
	case s.ended:
		return nil, nil
	case len(s.ranges) == 0:
		s.ended = true
		return nil, nil
	case !s.started && s.ranges[0][0] > 0:
		return s.Advance(ctx, index.NewIndexInternalID(s.id, s.ranges[0][0]))
	}
	s.started = true
	d, err := s.Searcher.Next(ctx)
	return s.clip(ctx, d, err)
}

// Advance returns the first match in the ranges at or after id.
func (s *rangeSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.ended {
		return nil, nil
	}
	for len(s.ranges) > 0 && id.Value() >= s.ranges[0][1] {
		s.ranges = s.ranges[1:]
	}
	if len(s.ranges) == 0 {
		s.ended = true
		return nil, nil
	}
	if id.Value() < s.ranges[0][0] {
		s.id = index.NewIndexInternalID(s.id, s.ranges[0][0])
		id = s.id
	}
	s.started = true
	d, err := s.Searcher.Advance(ctx, id)
	return s.clip(ctx, d, err)
}

// clip hands on d when it is in the current range; past it, it moves to
// the range that holds d, or advances to the start of the next one, and
// ends after the last.
func (s *rangeSearcher) clip(ctx *bsearch.SearchContext, d *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for err == nil && d != nil {
		num := d.IndexInternalID.Value()
		for len(s.ranges) > 0 && num >= s.ranges[0][1] {
			s.ranges = s.ranges[1:]
		}
		if len(s.ranges) > 0 && num >= s.ranges[0][0] {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
		if len(s.ranges) == 0 {
			s.ended = true
			return nil, nil
		}
		s.id = index.NewIndexInternalID(s.id, s.ranges[0][0])
		d, err = s.Searcher.Advance(ctx, s.id)
	}
	return d, err
}
