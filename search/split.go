package search

import (
	"context"
	"runtime"

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

// partRanges splits the document numbers of the snapshot r into n
// ranges of about as many numbers each, as [lo, hi) pairs; nil when r is
// not a scorch snapshot.
func partRanges(r index.IndexReader, n int) [][2]uint64 {
	end, ok := docNumbers(r)
	if !ok {
		return nil
	}
	out := make([][2]uint64, 0, n)
	var lo uint64
	for i := 1; i <= n; i++ {
		hi := end * uint64(i) / uint64(n)
		if i == n {
			hi = end
		}
		if hi > lo {
			out = append(out, [2]uint64{lo, hi})
		}
		lo = hi
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
	var end uint64
	for _, s := range snap.Segments() {
		end += uint64(s.FullSize())
	}
	return end, true
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
			part.Query = rangeQuery{inner: fast.Query, lo: rg[0], hi: rg[1]}
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
// are in [lo, hi), in the snapshot it searches.
type rangeQuery struct {
	inner  query.Query
	lo, hi uint64
}

// Searcher implements query.Query.
func (q rangeQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &rangeSearcher{Searcher: s, lo: q.lo, hi: q.hi}, nil
}

// rangeSearcher hands on the matches of its searcher numbered in
// [lo, hi): it starts by advancing to lo and ends at the first match
// at or after hi.
type rangeSearcher struct {
	bsearch.Searcher
	lo, hi  uint64
	started bool
	ended   bool
	id      index.IndexInternalID
}

// Next returns the next match in the range.
func (s *rangeSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	switch {
	case s.ended:
		return nil, nil
	case !s.started && s.lo > 0:
		return s.Advance(ctx, index.NewIndexInternalID(s.id, s.lo))
	}
	s.started = true
	d, err := s.Searcher.Next(ctx)
	return s.clip(ctx, d, err)
}

// Advance returns the first match in the range at or after id.
func (s *rangeSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.ended {
		return nil, nil
	}
	if id.Value() < s.lo {
		s.id = index.NewIndexInternalID(s.id, s.lo)
		id = s.id
	}
	s.started = true
	d, err := s.Searcher.Advance(ctx, id)
	return s.clip(ctx, d, err)
}

// clip ends the range at d when d is past it.
func (s *rangeSearcher) clip(ctx *bsearch.SearchContext, d *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if err != nil || d == nil {
		return d, err
	}
	if d.IndexInternalID.Value() >= s.hi {
		ctx.DocumentMatchPool.Put(d)
		s.ended = true
		return nil, nil
	}
	return d, nil
}
