package search

import (
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is a MatchPhraseQuery whose exact phrases are searched by
// a phraseSearcher instead of bleve's PhraseSearcher. Both find the
// articles holding every word of the phrase with bleve's conjunction of
// term searchers, which scores them, and keep those where the words
// follow each other; bleve's searcher first turns each article's word
// positions into maps of maps and searches them for every path through
// the phrase, which allocates for every article and, for a phrase of two
// common words ("mln dlrs", in 210,455 of the million generated
// articles), took most of the 590 ms of the search. A phrase that is not
// exact (fuzzy, or of several words at one position) goes to bleve.
type phraseQuery struct {
	*query.MatchPhraseQuery
}

// Searcher implements query.Query.
func (q phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(field)
	}
	analyzer := m.AnalyzerNamed(name)
	if q.Fuzziness != 0 || analyzer == nil || ctx.Value(bsearch.FieldTermSynonymMapKey) != nil {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	}
	terms, exact := phraseTerms(analyzer.Analyze([]byte(q.MatchPhrase)))
	if !exact {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	}
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	return newPhraseSearcher(ctx, r, terms, field, q.BoostVal.Value(), opts)
}

// phraseTerms returns the word at each position of a phrase's tokens,
// from the first token's position on, "" where no token is (a stop
// word), as bleve's MatchPhraseQuery lays them out; exact is false when
// a position holds several words.
func phraseTerms(tokens analysis.TokenStream) (terms []string, exact bool) {
	if len(tokens) == 0 {
		return nil, true
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	terms = make([]string, last-first+1)
	for _, t := range tokens {
		i := t.Position - first
		if terms[i] != "" {
			return nil, false
		}
		terms[i] = string(t.Term)
	}
	return terms, true
}

// phraseSearcher finds the matches of an exact phrase in one field. Its
// matches are those of bleve's PhraseSearcher for the same phrase, with
// the same scores and the same term locations: those of every
// occurrence of the phrase.
type phraseSearcher struct {
	must  bsearch.Searcher // the conjunction of the phrase's words
	terms []string         // the word at each position; "" for a gap
	field string

	initialized bool
	curr        *bsearch.DocumentMatch // the next match of must

	at   [][]bsearch.Location // scratch: the locations of each position's word
	next []int                // scratch: the first of at[i] not yet passed
	out  []bsearch.FieldTermLocation
}

func newPhraseSearcher(ctx context.Context, r index.IndexReader, terms []string, field string, boost float64, opts bsearch.SearcherOptions) (*phraseSearcher, error) {
	opts.IncludeTermVectors = true
	var words []bsearch.Searcher
	closeAll := func() {
		for _, s := range words {
			_ = s.Close()
		}
	}
	for _, t := range terms {
		if t == "" {
			continue
		}
		s, err := searcher.NewTermSearcher(ctx, r, t, field, boost, opts)
		if err != nil {
			closeAll()
			return nil, err
		}
		words = append(words, s)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, words, opts)
	if err != nil {
		closeAll()
		return nil, err
	}
	// The query norm of bleve's PhraseSearcher.
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return &phraseSearcher{must: must, terms: terms, field: field,
		at: make([][]bsearch.Location, len(terms)), next: make([]int, len(terms))}, nil
}

// Next returns the next article holding the phrase.
func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.initialized = true
	}
	for s.curr != nil {
		m := s.check()
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		if m != nil {
			return m, nil
		}
	}
	return nil, nil
}

// Advance returns the first article at or after id holding the phrase.
func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.initialized = true
	}
	if s.curr != nil {
		if s.curr.IndexInternalID.Compare(id) >= 0 {
			return s.Next(ctx)
		}
		ctx.DocumentMatchPool.Put(s.curr)
	}
	if s.curr == nil {
		return nil, nil
	}
	var err error
	if s.curr, err = s.must.Advance(ctx, id); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

// advance moves to the next match of the conjunction.
func (s *phraseSearcher) advance(ctx *bsearch.SearchContext) error {
	if s.curr != nil {
		ctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	s.curr, err = s.must.Next(ctx)
	return err
}

// check returns the current match of the conjunction, its term
// locations replaced by those of every occurrence of the phrase, or nil
// if it does not hold the phrase.
func (s *phraseSearcher) check() *bsearch.DocumentMatch {
	m := s.curr
	for i := range s.at {
		s.at[i] = s.at[i][:0]
	}
	for _, ftl := range m.FieldTermLocations {
		if ftl.Field != s.field {
			continue
		}
		for i, t := range s.terms {
			if t == ftl.Term {
				s.at[i] = append(s.at[i], ftl.Location)
			}
		}
	}
	for i := range s.at {
		s.at[i] = sortedLocations(s.at[i])
		s.next[i] = 0
	}
	s.out = s.out[:0]
	for _, start := range s.at[0] {
		s.out = s.follow(start)
	}
	if len(s.out) == 0 {
		return nil
	}
	m.FieldTermLocations = m.FieldTermLocations[:0]
	for _, ftl := range s.out {
		if len(ftl.Location.ArrayPositions) > 0 {
			ftl.Location.ArrayPositions = slices.Clone(ftl.Location.ArrayPositions)
		}
		m.FieldTermLocations = append(m.FieldTermLocations, ftl)
	}
	s.curr = nil
	return m
}

// follow appends to s.out the locations of the occurrence of the phrase
// that starts at start, if there is one. The starts are tried in order,
// so that the location each later word must be at only moves forward:
// each word's locations are walked once for all the starts (s.next),
// not searched for each.
func (s *phraseSearcher) follow(start bsearch.Location) []bsearch.FieldTermLocation {
	n := len(s.out)
	out := append(s.out, bsearch.FieldTermLocation{Field: s.field, Term: s.terms[0], Location: start})
	pos := start.Pos
	for i := 1; i < len(s.terms); i++ {
		pos++
		if s.terms[i] == "" {
			continue
		}
		at, j := s.at[i], s.next[i]
		for j < len(at) && compareLocation(at[j], start.ArrayPositions, pos) < 0 {
			j++
		}
		s.next[i] = j
		if j == len(at) || compareLocation(at[j], start.ArrayPositions, pos) != 0 {
			return out[:n]
		}
		out = append(out, bsearch.FieldTermLocation{Field: s.field, Term: s.terms[i], Location: at[j]})
	}
	return out
}

// compareLocation orders a location against the position pos in the
// array element ap.
func compareLocation(l bsearch.Location, ap bsearch.ArrayPositions, pos uint64) int {
	if c := l.ArrayPositions.Compare(ap); c != 0 {
		return c
	}
	switch {
	case l.Pos < pos:
		return -1
	case l.Pos > pos:
		return 1
	}
	return 0
}

// sortedLocations returns locs in the order of their array element and
// position, once each, as bleve's DocumentMatch.Complete leaves them.
func sortedLocations(locs []bsearch.Location) []bsearch.Location {
	less := func(a, b bsearch.Location) int { return compareLocation(a, b.ArrayPositions, b.Pos) }
	if !slices.IsSortedFunc(locs, less) {
		slices.SortStableFunc(locs, less)
	}
	return slices.CompactFunc(locs, func(a, b bsearch.Location) bool { return less(a, b) == 0 })
}

func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }

// Size is a rough estimate of the memory the searcher holds, as bleve's
// searchers give it.
func (s *phraseSearcher) Size() int {
	n := s.must.Size()
	if s.curr != nil {
		n += s.curr.Size()
	}
	return n
}
