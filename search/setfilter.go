package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve applies the filters of a query (topic, country, outlet...) by
// advancing a searcher over each filter's postings to every candidate
// of the text: a third of the time of "dlrs" in one topic, 410,000
// matches of a million articles. A read-only index of one shard already
// holds the set of articles of each value of the keyword fields, read
// once per generation for the facet counts (counts.go). A search by
// relevance there (setFiltered) joins the sets of its filters into one,
// and its text skips from one article of the set to the next
// (setSearcher), which checks each candidate against the set in place.
// The filters score nothing (unscored), so the scores are the same.

// setFiltered returns the query of req with its keyword filters applied
// as one set of articles instead of as queries, or false when the index
// cannot hold the sets (writable or sharded; or told to count as bleve
// does, in tests) or req has no such filter.
func (ix *Index) setFiltered(ctx context.Context, text query.Query, req Request) (query.Query, bool, error) {
	filters := filterTerms(req.Filters)
	if !ix.opts.ReadOnly || len(ix.shards) != 1 || len(filters) == 0 || ix.countBy == countBleve {
		return nil, false, nil
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, false, err
	}
	defer closeReaders()
	var each []*roaring.Bitmap
	for _, f := range filters {
		sets, err := ix.valueSets(ctx, rs, f.field)
		if err != nil {
			return nil, false, err
		}
		var any []*roaring.Bitmap
		for _, t := range f.terms {
			for _, vs := range sets {
				if vs.value == t && vs.docs[0] != nil {
					any = append(any, vs.docs[0])
					break
				}
			}
		}
		each = append(each, union(any))
	}
	set := each[0]
	if len(each) > 1 {
		set = roaring.FastAnd(each...)
	}
	q := combine(text, Filters{}, req.From, req.To, req.Exclude)
	return setQuery{inner: q, set: set}, true, nil
}

// setQuery is a query limited to the articles of a set, by their
// document numbers in the snapshot it searches.
type setQuery struct {
	inner query.Query
	set   *roaring.Bitmap
}

// Searcher implements query.Query.
func (q setQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &setSearcher{Searcher: s, next: q.set.Iterator()}, nil
}

// setSearcher hands on the matches of its searcher that are in a set,
// advancing its searcher past the articles outside the set.
type setSearcher struct {
	bsearch.Searcher
	next roaring.IntPeekable // the set, from the last match on
	id   index.IndexInternalID
}

// Next returns the next match in the set.
func (s *setSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	return s.inSet(ctx, d, err)
}

// Advance returns the first match in the set at or after id.
func (s *setSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	return s.inSet(ctx, d, err)
}

// inSet returns d if it is in the set, else the first match of the
// searcher in the set after it.
func (s *setSearcher) inSet(ctx *bsearch.SearchContext, d *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for d != nil && err == nil {
		num := uint32(d.IndexInternalID.Value())
		s.next.AdvanceIfNeeded(num)
		if !s.next.HasNext() {
			ctx.DocumentMatchPool.Put(d)
			return nil, nil
		}
		at := s.next.PeekNext()
		if at == num {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
		s.id = index.NewIndexInternalID(s.id, uint64(at))
		d, err = s.Searcher.Advance(ctx, s.id)
	}
	return d, err
}

// Size is a rough estimate of the memory the searcher holds, as bleve's
// searchers give it.
func (s *setSearcher) Size() int { return s.Searcher.Size() }

// union returns the union of sets, which it does not change: the only
// one itself when there is one (value sets are shared, and read only).
func union(sets []*roaring.Bitmap) *roaring.Bitmap {
	switch len(sets) {
	case 0:
		return roaring.New()
	case 1:
		return sets[0]
	}
	return roaring.FastOr(sets...)
}
