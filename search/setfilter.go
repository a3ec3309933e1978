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
//
// A conjunction of words ("crude oil", "a AND b") is limited the same
// way, by its own matches: bleve scores it by advancing each word's
// postings, in all seven text fields, to the articles of the others (at
// 200,000 articles, 3.8 ms for a pair of words with 93 matches), but it
// reads its matches unscored as the intersection of the words' postings
// taken whole as bitmaps. Those matches, joined with the filters' set,
// drive the scored search (drivenSearcher): it is advanced to each of
// them in turn, and scores only matches, as bleve scores them.

// setFiltered returns the query of req limited to one set of articles
// that holds all its matches, or false when the index cannot hold the
// sets (writable or sharded; or told to count as bleve does, in tests)
// or req has neither a keyword filter nor a conjunction of words. The
// set is the join of the keyword filters, applied as the set instead of
// as queries; and, when the text is a conjunction of words (conjunctive),
// the text's own matches, read without scores.
func (ix *Index) setFiltered(ctx context.Context, text query.Query, req Request) (query.Query, bool, error) {
	filters := filterTerms(req.Filters)
	conj := conjunctive(text)
	if !ix.opts.ReadOnly || len(ix.shards) != 1 || (len(filters) == 0 && !conj) || ix.countBy == countBleve {
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
	if conj {
		matches, ok, err := wordsSet(rs[0], ix.b.Mapping(), text)
		if err == nil && !ok {
			matches, err = ix.matchSet(ctx, rs[0], text)
		}
		if err != nil {
			return nil, false, err
		}
		each = append(each, matches)
	}
	set := each[0]
	if len(each) > 1 {
		set = roaring.FastAnd(each...)
	}
	q := combine(text, Filters{}, req.From, req.To, req.Exclude)
	return setQuery{inner: q, set: set, driven: conj}, true, nil
}

// conjunctive reports whether q is a conjunction of two or more words
// (each a word in any field or in one), whose matches bleve reads, when
// unscored, as the intersection of the words' postings, taken whole as
// bitmaps: much less than the scored conjunction, which advances each
// word's postings in every field to the articles of the others.
func conjunctive(q query.Query) bool {
	b, ok := q.(*query.BooleanQuery)
	if !ok || b.Should != nil || b.MustNot != nil {
		return false
	}
	c, ok := b.Must.(*query.ConjunctionQuery)
	if !ok || len(c.Conjuncts) < 2 {
		return false
	}
	for _, q := range c.Conjuncts {
		if !isWord(q) {
			return false
		}
	}
	return true
}

// isWord reports whether q matches one word, exactly (not fuzzy): in any
// text field, in one, or as a keyword.
func isWord(q query.Query) bool {
	switch q := q.(type) {
	case *anyFieldQuery:
		for _, c := range q.clauses {
			if !isWord(c) {
				return false
			}
		}
		return len(q.clauses) > 0
	case *query.MatchQuery:
		return q.Fuzziness == 0
	case *query.TermQuery:
		return true
	}
	return false
}

// setQuery is a query limited to the articles of a set, by their
// document numbers in the snapshot it searches.
type setQuery struct {
	inner query.Query
	set   *roaring.Bitmap
	// driven is true when the set is (about) the matches of inner: its
	// searcher is then advanced to each article of the set in turn
	// (drivenSearcher).
	driven bool
}

// Searcher implements query.Query.
func (q setQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	if q.driven {
		return &drivenSearcher{Searcher: s, next: q.set.Iterator()}, nil
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

// drivenSearcher hands on the matches of its searcher, which are all in a
// set, by advancing its searcher to each article of the set in turn,
// instead of letting it look for its next match itself. An article of
// the set that the searcher does not match costs one advance.
type drivenSearcher struct {
	bsearch.Searcher
	next roaring.IntPeekable // the set, from the last match on
	id   index.IndexInternalID
}

// Next returns the next match.
func (s *drivenSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.nextInSet(ctx)
}

// Advance returns the first match at or after id.
func (s *drivenSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	s.next.AdvanceIfNeeded(uint32(id.Value()))
	return s.nextInSet(ctx)
}

// nextInSet advances the searcher to the next article of the set and
// returns its match; when the searcher does not match that article, the
// match it lands on if that is in the set, else the next.
func (s *drivenSearcher) nextInSet(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for s.next.HasNext() {
		at := s.next.Next()
		s.id = index.NewIndexInternalID(s.id, uint64(at))
		d, err := s.Searcher.Advance(ctx, s.id)
		if d == nil || err != nil {
			return nil, err
		}
		num := uint32(d.IndexInternalID.Value())
		if num == at {
			return d, nil
		}
		s.next.AdvanceIfNeeded(num)
		if s.next.HasNext() && s.next.PeekNext() == num {
			s.next.Next()
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
	return nil, nil
}

// Size is a rough estimate of the memory the searcher holds, as bleve's
// searchers give it.
func (s *drivenSearcher) Size() int { return s.Searcher.Size() }

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
