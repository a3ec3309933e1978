package search

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// A search for one word ranks its matches by bleve's tf-idf score: the
// sum, over the text fields that hold the word, of
// sqrt(tf)·norm·idf·queryWeight, times the share of the fields that hold
// it (coord). Scoring every match through the disjunction of the seven
// fields' postings was most of the time of such a search: "annual" has
// 11,074 matches in 200,000 articles. Yet the page needs only the best.
//
// This is the MaxScore method of top-k retrieval (Turtle and Flood,
// 1995), with bleve's scores. A word occurs in a field at most as often
// as the field has words, so sqrt(tf)·norm is at most 1, and a field's
// part of a score is at most idf·queryWeight: its bound. An article that
// holds the word only in the fields of a set N scores at most
// |N|/n times the sum of their bounds, n the number of fields searched.
// The fields are taken in order of their bounds, highest first (the
// title's, whose boost is 3, before the body's, whose boost is 1). The
// matches in the first field are scored as bleve scores them (driven
// through the search, drivenSearcher); when the k-th best score then
// exceeds the bound of the matches in none of the fields taken so far,
// no such match can be on the page, and none of them is scored. Else
// the next field's matches are scored, and so on: at worst every match
// is. Of "annual", 309 matches hold it in the title, and the tenth best
// of them, 0.99, is more than twice the bound (0.41) of those that hold
// it only in the lead or the body.
//
// The page is then the same as when every match is scored. The total
// and the facets are counted from the full set of matches, which bleve
// reads without scores by joining the fields' postings as bitmaps.

// boundSlack widens the bounds to cover the rounding of the norms, which
// the index stores as 32-bit floats.
const boundSlack = 1 + 1e-6

// wordSearch is a search whose only scored part is one word, in any
// text field.
type wordSearch struct {
	// scored is the query scored, without the set of its filters.
	scored query.Query
	word   *anyFieldQuery
	// set is the set of the filters, or nil.
	set *roaring.Bitmap
	// alone is true when scored is the word alone, and the matches are
	// the articles of set that hold the word in any field.
	alone bool
}

// wordSearchOf returns the word search that q is, or false. q may be
// limited to the set of its filters (setQuery, not driven); its word may
// be joined with an exclusion or a date range, which score nothing.
func wordSearchOf(q query.Query) (wordSearch, bool) {
	var set *roaring.Bitmap
	if s, ok := q.(setQuery); ok {
		if s.driven {
			return wordSearch{}, false
		}
		q, set = s.inner, s.set
	}
	text := q
	if b, ok := q.(*query.BooleanQuery); ok {
		if b.Should != nil {
			return wordSearch{}, false
		}
		c, ok := b.Must.(*query.ConjunctionQuery)
		if !ok || len(c.Conjuncts) != 1 {
			return wordSearch{}, false
		}
		text = c.Conjuncts[0]
	}
	w, ok := text.(*anyFieldQuery)
	if !ok || !isWord(w) {
		return wordSearch{}, false
	}
	return wordSearch{scored: q, word: w, set: set, alone: text == q}, true
}

// wordMatches returns the articles of the snapshot r that q, a word in
// one field, matches: from the postings as bitmaps when it can
// (wordSet), else through bleve.
func (ix *Index) wordMatches(ctx context.Context, r index.IndexReader, q query.Query) (*roaring.Bitmap, error) {
	set, ok, err := wordSet(r, ix.b.Mapping(), q)
	if err != nil || ok {
		return set, err
	}
	return ix.matchSet(ctx, r, q)
}

// fieldBound is one field of a word search: its query, the bound of its
// part of a score, and how many articles hold the word there.
type fieldBound struct {
	q     query.Query
	bound float64
	docs  uint64
}

// fieldBounds returns the fields of w in which the word occurs, with
// their bounds, and the number of fields searched (n of the coord); false
// when the scores are not bleve's tf-idf of one term per field, whose
// bounds it knows. The bound of a field is idf·queryWeight, where a term
// searcher's weight is (boost·idf)² and queryWeight is boost·idf times
// the query norm, 1/sqrt of the weight of the whole query.
func fieldBounds(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, w wordSearch) ([]fieldBound, int, bool, error) {
	if im, ok := m.(*mapping.IndexMappingImpl); !ok || (im.ScoringModel != "" && im.ScoringModel != index.TFIDFScoring) {
		return nil, 0, false, nil
	}
	top, err := w.scored.Searcher(ctx, r, m, bsearch.SearcherOptions{})
	if err != nil {
		return nil, 0, false, err
	}
	total := top.Weight()
	if err := top.Close(); err != nil {
		return nil, 0, false, err
	}
	var (
		fields []fieldBound
		n      int
		sum    float64
	)
	for _, c := range w.word.clauses {
		s, err := c.Searcher(ctx, r, m, bsearch.SearcherOptions{})
		if err != nil {
			return nil, 0, false, err
		}
		weight, docs := s.Weight(), s.Count()
		_, none := s.(*searcher.MatchNoneSearcher)
		if err := s.Close(); err != nil {
			return nil, 0, false, err
		}
		if none {
			continue // left out of the disjunction (anyFieldQuery)
		}
		b, ok := c.(query.BoostableQuery)
		if !ok || b.Boost() <= 0 {
			return nil, 0, false, nil
		}
		n++
		sum += weight
		if docs > 0 {
			fields = append(fields, fieldBound{q: c, bound: weight / b.Boost(), docs: docs})
		}
	}
	// Every weight of the query is the word's: the rest scores nothing.
	if total <= 0 || math.Abs(sum-total) > 1e-9*total {
		return nil, 0, false, nil
	}
	for i := range fields {
		fields[i].bound /= math.Sqrt(total)
	}
	slices.SortStableFunc(fields, func(a, b fieldBound) int { return cmp.Compare(b.bound, a.bound) })
	return fields, n, true, nil
}

// searchMaxScore runs fast, a request sorted by score alone with no
// facets and no fields, when its query is a word search (wordSearchOf):
// it keeps the page's matches in a keeper made by newKeeper, scoring only
// those that may be on it, and adds every match to pc's set when pc is
// not nil. It returns false, and runs nothing, for any other query, or
// an index that is not read-only and of one shard.
func (ix *Index) searchMaxScore(ctx context.Context, fast *bleve.SearchRequest, newKeeper func() *topScores, pc *passCounts) (*bleve.SearchResult, keeper, bool, error) {
	w, ok := wordSearchOf(fast.Query)
	if !ok || !ix.opts.ReadOnly || len(ix.shards) != 1 || ix.scoreEvery {
		return nil, nil, false, nil
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, nil, false, err
	}
	defer closeReaders()
	r := rs[0]
	fields, n, ok, err := fieldBounds(ctx, r, ix.b.Mapping(), w)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	held := make([]*roaring.Bitmap, len(fields))
	for i, f := range fields {
		if held[i], err = ix.wordMatches(ctx, r, f.q); err != nil {
			return nil, nil, true, err
		}
	}
	var matches *roaring.Bitmap
	if w.alone {
		matches = roaring.FastOr(held...)
		if w.set != nil {
			matches.And(w.set)
		}
	} else if matches, err = ix.matchSet(ctx, r, fast.Query); err != nil {
		return nil, nil, true, err
	}
	if pc != nil {
		pc.hits.Or(matches)
	}
	res := &bleve.SearchResult{Status: &bleve.SearchStatus{Total: 1, Successful: 1},
		Request: fast, Total: matches.GetCardinality()}
	top := newKeeper()
	if matches.IsEmpty() {
		return res, top, true, nil
	}
	scored := roaring.New()
	in := roaring.New() // the matches in the fields taken so far
	for i := range fields {
		last := i == len(fields)-1
		if last {
			in = matches
		} else {
			in.Or(roaring.And(held[i], matches))
		}
		if next := roaring.AndNot(in, scored); !next.IsEmpty() {
			if err := ix.scoreSet(ctx, fast, w.scored, next, res, top); err != nil {
				return nil, nil, true, err
			}
			scored.Or(next)
		}
		if last {
			break
		}
		// The matches in none of the fields taken so far hold the word
		// only in the rest.
		var rest float64
		for _, g := range fields[i+1:] {
			rest += g.bound
		}
		rest *= float64(len(fields)-i-1) / float64(n) * boundSlack
		if kth, ok := top.least(); ok && kth > rest {
			break
		}
	}
	if ix.wordScored != nil {
		ix.wordScored(scored.GetCardinality(), matches.GetCardinality())
	}
	return res, top, true, nil
}

// drivenShare sets how a set of matches is scored: driven through the
// search (drivenSearcher) when it is less than a drivenShare of the
// matches of the search, which costs an advance of every field's
// postings for each (1 to 2.5 µs); else by letting the search find its
// matches and keeping those in the set (setSearcher), which costs each
// match of the search about 0.13 µs.
const drivenShare = 10

// scoreSet scores the articles of set, all matches of q, with the
// request fast: it adds them to top, and their best score and the time
// taken to res. The set is searched in parts at once when the index can
// be split (splitSearch).
func (ix *Index) scoreSet(ctx context.Context, fast *bleve.SearchRequest, q query.Query, set *roaring.Bitmap, res *bleve.SearchResult, top *topScores) error {
	part := *fast
	part.Query = setQuery{inner: q, set: set, driven: set.GetCardinality()*drivenShare < res.Total}
	pres, kept, split, err := ix.splitSearch(ctx, &part, func() keeper { return newTopScores(top.k, top.max) }, nil)
	switch {
	case err != nil:
		return err
	case split:
		top.join(kept)
	default:
		if pres, err = ix.run(observe(ctx, top.add), &part); err != nil {
			return err
		}
	}
	res.MaxScore = max(res.MaxScore, pres.MaxScore)
	res.Took += pres.Took
	return nil
}
