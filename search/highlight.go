package search

import (
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Highlighter marks the terms of a query in any text, such as the full
// text of an article opened from a result list. It analyzes the text as
// the index does, so that "elections" is marked for the query election,
// and marks the words of the query's text terms, phrases, wildcards,
// regular expressions and fuzzy terms (not those it excludes, nor values
// of keyword fields). As in a search, wildcards, regular expressions and
// fuzzy terms match words as spelled, not their stems.
type Highlighter struct {
	stemmed, unstemmed analysis.Analyzer
	terms              map[string]bool  // stems of words and phrases
	patterns           []*regexp.Regexp // wildcards and regular expressions, matching a whole word
	fuzzy              []fuzzyTerm
}

// fuzzyTerm is a word of a fuzzy term (word~1) and its edit distance.
type fuzzyTerm struct {
	word      []rune
	fuzziness int
}

// NewHighlighter returns the Highlighter of the query text q; a query
// that does not parse is a *QueryError. An empty query marks nothing.
func NewHighlighter(q string) (*Highlighter, error) {
	m := newMapping()
	h := &Highlighter{
		stemmed:   m.AnalyzerNamed(en.AnalyzerName),
		unstemmed: m.AnalyzerNamed(analyzerUnstemmed),
		terms:     map[string]bool{},
	}
	if matchesAll(q) {
		return h, nil
	}
	bq, err := buildQuery(q)
	if err != nil {
		return nil, err
	}
	h.collect(bq)
	return h, nil
}

// collect gathers the terms of the text leaves of q that add to a match.
func (h *Highlighter) collect(q query.Query) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should} {
			if sub != nil {
				h.collect(sub)
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			h.collect(c)
		}
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			h.collect(d)
		}
	case *anyFieldQuery:
		if len(q.clauses) > 0 {
			h.collect(q.clauses[0])
		}
	case *query.MatchQuery:
		switch {
		case !isTextField(q.FieldVal):
		case q.Fuzziness > 0:
			for _, tok := range h.unstemmed.Analyze([]byte(q.Match)) {
				h.fuzzy = append(h.fuzzy, fuzzyTerm{[]rune(string(tok.Term)), q.Fuzziness})
			}
		default:
			h.add(q.Match)
		}
	case *query.MatchPhraseQuery:
		if isTextField(q.FieldVal) {
			h.add(q.MatchPhrase)
		}
	case *query.WildcardQuery:
		if isTextField(q.FieldVal) {
			h.addPattern(wildcardRegexp(q.Wildcard))
		}
	case *query.RegexpQuery:
		if isTextField(q.FieldVal) {
			h.addPattern(q.Regexp)
		}
	}
}

// isTextField reports whether name is a text field or the unstemmed twin
// of one.
func isTextField(name string) bool {
	name = strings.TrimSuffix(name, unstemmedSuffix)
	return slices.ContainsFunc(textFields, func(f struct {
		name  string
		boost float64
	}) bool {
		return f.name == name
	})
}

func (h *Highlighter) add(text string) {
	for _, tok := range h.stemmed.Analyze([]byte(text)) {
		h.terms[string(tok.Term)] = true
	}
}

// addPattern adds a regular expression that must match a whole word, as
// bleve matches it against whole terms. One that does not compile (the
// rewriter has checked it already) is left out.
func (h *Highlighter) addPattern(expr string) {
	if re, err := regexp.Compile(`^(?:` + expr + `)$`); err == nil {
		h.patterns = append(h.patterns, re)
	}
}

// wildcardRegexp returns the regular expression of a wildcard: * for any
// run of characters, ? for any one.
func wildcardRegexp(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	// The twins hold lower-case words.
	return strings.ToLower(b.String())
}

// Empty reports whether the highlighter marks nothing.
func (h *Highlighter) Empty() bool {
	return len(h.terms) == 0 && len(h.patterns) == 0 && len(h.fuzzy) == 0
}

// Mark returns text as HTML: escaped, with the query's terms wrapped in
// <mark> elements. It is safe to insert into a page as is.
func (h *Highlighter) Mark(text string) string {
	if h.Empty() {
		return html.EscapeString(text)
	}
	var found []span
	if len(h.terms) > 0 {
		for _, tok := range h.stemmed.Analyze([]byte(text)) {
			if h.terms[string(tok.Term)] {
				found = append(found, span{tok.Start, tok.End, ""})
			}
		}
	}
	if len(h.patterns) > 0 || len(h.fuzzy) > 0 {
		for _, tok := range h.unstemmed.Analyze([]byte(text)) {
			if h.matchesWord(string(tok.Term)) {
				found = append(found, span{tok.Start, tok.End, ""})
			}
		}
	}
	slices.SortFunc(found, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	last := 0
	for _, s := range found {
		if s.start < last || s.end > len(text) {
			continue // the same word, found by both analyzers
		}
		b.WriteString(html.EscapeString(text[last:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		last = s.end
	}
	b.WriteString(html.EscapeString(text[last:]))
	return b.String()
}

// matchesWord reports whether an unstemmed term matches one of the
// query's wildcards, regular expressions or fuzzy terms.
func (h *Highlighter) matchesWord(term string) bool {
	for _, re := range h.patterns {
		if re.MatchString(term) {
			return true
		}
	}
	if len(h.fuzzy) == 0 {
		return false
	}
	rs := []rune(term)
	for _, f := range h.fuzzy {
		if editDistance(rs, f.word, f.fuzziness) <= f.fuzziness {
			return true
		}
	}
	return false
}

// editDistance returns the edit distance between a and b, counting an
// insertion, a deletion, a substitution or a swap of two adjacent
// characters as one edit (as bleve's fuzzy terms do), or a number above
// limit as soon as it is known to exceed limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows of the dynamic programming table: i-2, i-1 and i.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			best = min(best, d)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
