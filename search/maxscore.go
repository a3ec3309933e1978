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
// holds the word only in the fields of a set N scores at most |N|/n
// times the sum of their bounds, n the number of fields searched; with
// several words (a conjunction, whose score is the sum of the words'),
// at most the sum of that over the words. The fields are taken in order
// of their bounds, highest first (the title's, whose boost is 3, before
// the body's, whose boost is 1). The matches in the first fields, until
// there are k of them, are scored as bleve scores them (driven through
// the search, drivenSearcher, or searched within their set,
// setSearcher); then, unless the k-th best score already exceeds the
// bound of the matches in none of the fields taken, so are the matches
// in the next fields, up to where it does: the k-th best score only
// rises. The matches left out cannot be on the page. Of "annual", 309
// matches hold it in the title, and the tenth best of them, 0.99, is
// twice the bound (about 0.45) of those that hold it only in the lead or
// the body.
//
// The page is then the same as when every match is scored. The total
// and the facets are counted from the full set of matches, read from the
// fields' postings as bitmaps (wordSet).

// minPrunedConjunction is the fewest matches of a conjunction of words
// for which searchMaxScore leaves out those that cannot be on the page.
// Scoring a few matches of a conjunction far apart costs about 40 µs
// each, as bleve decodes the postings of each word in every field from
// the start of their chunk (about 1,024 postings) to each match: at
// 200,000 articles, scoring 10 of the 3,298 matches of "oper AND
// excludes" took 0.53 ms, and all of them 3.3 ms. The matches of fewer
// are scored at once, driven through the search (setFiltered).
const minPrunedConjunction = 8192

// boundSlack widens the bounds to cover the rounding of the norms, which
// the index stores as 32-bit floats.
const boundSlack = 1 + 1e-6

// wordSearch is a search whose only scored part is one word in any text
// field, or a conjunction of such words ("a AND b", "crude oil").
type wordSearch struct {
	// scored is the query scored, without the set of its filters.
	scored query.Query
	words  []*anyFieldQuery
	// set is the set of the filters (joined with the matches of the
	// words, when driven), or nil.
	set *roaring.Bitmap
	// alone is true when scored is the words alone: the matches are the
	// articles of set that hold every word, each in any field.
	alone bool
}

// wordSearchOf returns the word search that q is, or false. q may be
// limited to a set (setQuery); its words may be joined with an exclusion
// or a date range, which score nothing.
func wordSearchOf(q query.Query) (wordSearch, bool) {
	var set *roaring.Bitmap
	if s, ok := q.(setQuery); ok {
		q, set = s.inner, s.set
	}
	text := q
	if b, ok := q.(*query.BooleanQuery); ok && b.Should == nil && (b.MustNot != nil || b.Filter != nil) {
		// The text, joined with an exclusion or a date range (combine).
		c, ok := b.Must.(*query.ConjunctionQuery)
		if !ok || len(c.Conjuncts) != 1 {
			return wordSearch{}, false
		}
		text = c.Conjuncts[0]
	}
	var words []*anyFieldQuery
	switch t := text.(type) {
	case *anyFieldQuery:
		words = append(words, t)
	case *query.BooleanQuery:
		c, ok := t.Must.(*query.ConjunctionQuery)
		if !ok || t.Should != nil || t.MustNot != nil || t.Filter != nil {
			return wordSearch{}, false
		}
		for _, q := range c.Conjuncts {
			w, ok := q.(*anyFieldQuery)
			if !ok {
				return wordSearch{}, false
			}
			words = append(words, w)
		}
	}
	for _, w := range words {
		if !isWord(w) {
			return wordSearch{}, false
		}
	}
	return wordSearch{scored: q, words: words, set: set, alone: text == q}, len(words) > 0
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

// fieldBound is one field of a word of a word search: its query, the
// bound of its part of a score, and how many articles hold the word
// there.
type fieldBound struct {
	q     query.Query
	word  int // the word's number in the search
	bound float64
	docs  uint64
}

// fieldBounds returns the fields of the words of w in which they occur,
// with their bounds, and the number of fields searched for each word (n
// of its coord); false when the scores are not bleve's tf-idf of terms,
// whose bounds it knows, or a word is in no field at all. The bound of a
// field is idf·queryWeight, summed over the terms of the word there: a
// term searcher's weight is (boost·idf)², and its queryWeight is
// boost·idf times the query norm, 1/sqrt of the weight of the whole
// query.
func fieldBounds(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, w wordSearch) ([]fieldBound, []int, bool, error) {
	if im, ok := m.(*mapping.IndexMappingImpl); !ok || (im.ScoringModel != "" && im.ScoringModel != index.TFIDFScoring) {
		return nil, nil, false, nil
	}
	var (
		fields []fieldBound
		ns     = make([]int, len(w.words))
		sum    float64
	)
	for i, word := range w.words {
		for _, c := range word.clauses {
			s, err := c.Searcher(ctx, r, m, bsearch.SearcherOptions{})
			if err != nil {
				return nil, nil, false, err
			}
			weight, docs := s.Weight(), s.Count()
			_, none := s.(*searcher.MatchNoneSearcher)
			if err := s.Close(); err != nil {
				return nil, nil, false, err
			}
			if none {
				continue // left out of the disjunction (anyFieldQuery)
			}
			b, ok := c.(query.BoostableQuery)
			if !ok || b.Boost() <= 0 {
				return nil, nil, false, nil
			}
			ns[i]++
			sum += weight
			if docs > 0 {
				fields = append(fields, fieldBound{q: c, word: i, bound: weight / b.Boost(), docs: docs})
			}
		}
		if ns[i] == 0 {
			return nil, nil, false, nil // a stop word, left out of the search
		}
	}
	// Every weight of the query is the words': the rest scores nothing.
	total := sum
	if !w.alone {
		top, err := w.scored.Searcher(ctx, r, m, bsearch.SearcherOptions{})
		if err != nil {
			return nil, nil, false, err
		}
		total = top.Weight()
		if err := top.Close(); err != nil {
			return nil, nil, false, err
		}
	}
	if total <= 0 || math.Abs(sum-total) > 1e-9*total {
		return nil, nil, false, nil
	}
	for i := range fields {
		fields[i].bound /= math.Sqrt(total)
	}
	slices.SortStableFunc(fields, func(a, b fieldBound) int { return cmp.Compare(b.bound, a.bound) })
	return fields, ns, true, nil
}

// restBound returns the bound of the score of a match that holds its
// words in none of the fields taken (the first of fields): for each word,
// the bounds of its fields not taken, times their share of the word's
// fields, widened by boundSlack.
func restBound(fields []fieldBound, taken int, ns []int) float64 {
	var rest float64
	for word, n := range ns {
		var sum float64
		var in int
		for _, f := range fields[taken:] {
			if f.word == word {
				sum += f.bound
				in++
			}
		}
		rest += sum * float64(in) / float64(n)
	}
	return rest * boundSlack
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
	least := uint64(minPrunedConjunction)
	if ix.prunedConjunction != 0 {
		least = ix.prunedConjunction
	}
	if len(w.words) > 1 && (w.set == nil || w.set.GetCardinality() < least) {
		return nil, nil, false, nil // driven through its matches at once (setFiltered)
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, nil, false, err
	}
	defer closeReaders()
	r := rs[0]
	fields, ns, ok, err := fieldBounds(ctx, r, ix.b.Mapping(), w)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	held := make([]*roaring.Bitmap, len(fields))
	for i, f := range fields {
		if held[i], err = ix.wordMatches(ctx, r, f.q); err != nil {
			return nil, nil, true, err
		}
	}
	matches, err := ix.wordSearchMatches(ctx, r, fast.Query, w, fields, held)
	if err != nil {
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
	// First the matches in the fields of the highest bounds, until they
	// are k or more; then, if the k-th best score is not above the bound
	// of the rest, those in the next fields up to where it is.
	in := roaring.New() // the matches in the fields taken
	taken := 0
	for ; taken < len(fields) && in.GetCardinality() < uint64(top.k); taken++ {
		in.Or(roaring.And(held[taken], matches))
	}
	if in.GetCardinality()*2 > matches.GetCardinality() {
		taken = len(fields) // too many to leave out: all at once
	}
	scored := roaring.New()
	for {
		if taken == len(fields) {
			in = matches
		}
		if next := roaring.AndNot(in, scored); !next.IsEmpty() {
			driven := len(w.words) > 1 || next.GetCardinality()*drivenShare < res.Total
			if err := ix.scoreSet(ctx, fast, setQuery{inner: w.scored, set: next, driven: driven}, res, top); err != nil {
				return nil, nil, true, err
			}
			scored.Or(next)
		}
		if taken == len(fields) {
			break
		}
		// The fields to take so that no match left out can score more
		// than the k-th best so far; the k-th best score only rises.
		kth, ok := top.least()
		cut := taken
		for cut < len(fields) && (!ok || kth <= restBound(fields, cut, ns)) {
			cut++
		}
		if cut == taken {
			break
		}
		for ; taken < cut; taken++ {
			in.Or(roaring.And(held[taken], matches))
		}
	}
	if ix.wordScored != nil {
		ix.wordScored(scored.GetCardinality(), matches.GetCardinality())
	}
	return res, top, true, nil
}

// wordSearchMatches returns the matches of q, the word search w: the
// articles of its set that hold every word, each in any of its fields
// (held, the articles that hold each field's word), when the words are
// alone; else as bleve finds them.
func (ix *Index) wordSearchMatches(ctx context.Context, r index.IndexReader, q query.Query, w wordSearch, fields []fieldBound, held []*roaring.Bitmap) (*roaring.Bitmap, error) {
	if !w.alone {
		return ix.matchSet(ctx, r, q)
	}
	each := make([]*roaring.Bitmap, len(w.words))
	for i := range each {
		var either []*roaring.Bitmap
		for j, f := range fields {
			if f.word == i {
				either = append(either, held[j])
			}
		}
		each[i] = roaring.FastOr(either...)
	}
	if w.set != nil {
		each = append(each, w.set)
	}
	return roaring.FastAnd(each...), nil
}

// drivenShare sets how a set of matches of one word is scored: driven
// through the search (drivenSearcher) when it is less than a drivenShare
// of the matches of the search, which costs an advance of every field's
// postings for each (1 to 2.5 µs); else by letting the search find its
// matches and keeping those in the set (setSearcher), which costs each
// match of the search about 0.13 µs. A conjunction of words finds its
// own matches at a much higher cost, advancing each word's postings in
// every field to the candidates of the others: its matches are always
// driven.
const drivenShare = 10

// scoreSet scores the matches of q, a query limited to a set, with the
// request fast: it adds them to top, and their best score and the time
// taken to res. The set is searched in parts at once when the index can
// be split (splitSearch).
func (ix *Index) scoreSet(ctx context.Context, fast *bleve.SearchRequest, q setQuery, res *bleve.SearchResult, top *topScores) error {
	part := *fast
	part.Query = q
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
