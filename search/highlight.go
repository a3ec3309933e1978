package search

import (
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
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
	terms              map[string]bool // stems of words and phrases
	words              []wordMatcher   // wildcards, regular expressions and fuzzy terms
}

// wordMatcher matches whole words as spelled (the terms of the unstemmed
// twins): a wildcard or a regular expression (re), or a word of a fuzzy
// term and its edit distance.
type wordMatcher struct {
	field     string // the text field it is limited to, or "" for any
	re        *regexp.Regexp
	fuzzy     []rune
	fuzziness int
}

// NewHighlighter returns the Highlighter of the query text q; a query
// that does not parse is a *QueryError. An empty query marks nothing.
func NewHighlighter(q string) (*Highlighter, error) {
	if matchesAll(q) {
		return newHighlighter(nil, newMapping()), nil
	}
	bq, err := buildQuery(q)
	if err != nil {
		return nil, err
	}
	return newHighlighter(bq, newMapping()), nil
}

// analyzers names the analyzers of an index mapping.
type analyzers interface {
	AnalyzerNamed(name string) analysis.Analyzer
}

// newHighlighter returns the Highlighter of a built query (nil marks
// nothing), with the analyzers of the index mapping m.
func newHighlighter(q query.Query, m analyzers) *Highlighter {
	h := &Highlighter{
		stemmed:   m.AnalyzerNamed(analyzerText),
		unstemmed: m.AnalyzerNamed(analyzerUnstemmed),
		terms:     map[string]bool{},
	}
	if q != nil {
		h.collect(q, false)
	}
	return h
}

// collect gathers the terms of the text leaves of q that add to a match;
// anyField says they were written without a field name.
func (h *Highlighter) collect(q query.Query, anyField bool) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should} {
			if sub != nil {
				h.collect(sub, anyField)
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			h.collect(c, anyField)
		}
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			h.collect(d, anyField)
		}
	case *anyFieldQuery:
		if len(q.clauses) > 0 {
			h.collect(q.clauses[0], true)
		}
	case *query.MatchQuery:
		switch {
		case !isTextField(q.FieldVal):
		case q.Fuzziness > 0:
			for _, tok := range h.unstemmed.Analyze([]byte(q.Match)) {
				h.words = append(h.words, wordMatcher{field: scope(q.FieldVal, anyField),
					fuzzy: []rune(string(tok.Term)), fuzziness: q.Fuzziness})
			}
		default:
			h.add(q.Match)
		}
	case *query.MatchPhraseQuery:
		if isTextField(q.FieldVal) {
			h.add(q.MatchPhrase)
		}
	case phraseQuery:
		h.collect(q.MatchPhraseQuery, anyField)
	case *query.WildcardQuery:
		if isTextField(q.FieldVal) {
			h.addPattern(scope(q.FieldVal, anyField), wildcardRegexp(q.Wildcard))
		}
	case *query.RegexpQuery:
		if isTextField(q.FieldVal) {
			h.addPattern(scope(q.FieldVal, anyField), q.Regexp)
		}
	}
}

// scope returns the text field a leaf on field is limited to: "" for a
// leaf written without a field name, else the field without the suffix
// of its unstemmed twin.
func scope(field string, anyField bool) string {
	if anyField {
		return ""
	}
	return strings.TrimSuffix(field, unstemmedSuffix)
}

// isTextField reports whether name is a text field or the unstemmed twin
// of one.
func isTextField(name string) bool {
	name = strings.TrimSuffix(name, unstemmedSuffix)
	for _, f := range textFields {
		if f.name == name {
			return true
		}
	}
	return false
}

func (h *Highlighter) add(text string) {
	for _, tok := range h.stemmed.Analyze([]byte(text)) {
		h.terms[string(tok.Term)] = true
	}
}

// addPattern adds a regular expression that must match a whole word in
// field (any text field when ""), as bleve matches it against whole
// terms. One that does not compile (the rewriter has checked it already)
// is left out.
func (h *Highlighter) addPattern(field, expr string) {
	if re, err := regexp.Compile(`^(?:` + expr + `)$`); err == nil {
		h.words = append(h.words, wordMatcher{field: field, re: re})
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
func (h *Highlighter) Empty() bool { return len(h.terms) == 0 && len(h.words) == 0 }

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
	found = append(found, h.spelled("", text)...)
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

// spelled returns the words of text, the value of field ("" for any),
// that the query's wildcards, regular expressions and fuzzy terms match,
// in text order.
func (h *Highlighter) spelled(field, text string) []span {
	var ms []wordMatcher
	for _, m := range h.words {
		if field == "" || m.field == "" || m.field == field {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	var out []span
	for _, tok := range h.unstemmed.Analyze([]byte(text)) {
		term := string(tok.Term)
		if slices.ContainsFunc(ms, func(m wordMatcher) bool { return m.matches(term) }) {
			out = append(out, span{tok.Start, tok.End, term})
		}
	}
	return out
}

// matches reports whether an unstemmed term matches.
func (m wordMatcher) matches(term string) bool {
	if m.re != nil {
		return m.re.MatchString(term)
	}
	return editDistance([]rune(term), m.fuzzy, m.fuzziness) <= m.fuzziness
}

// locateSpelled adds to each hit the locations of the words that the
// query's wildcards, regular expressions and fuzzy terms match in its
// stored text fields, under the names of the unstemmed twins. The twins
// have no term vectors, so bleve gives no locations for them.
func (h *Highlighter) locateSpelled(hits bsearch.DocumentMatchCollection) {
	if len(h.words) == 0 {
		return
	}
	for _, hit := range hits {
		for _, f := range textFields {
			ss := h.spelled(f.name, str(hit.Fields, f.name))
			if len(ss) == 0 {
				continue
			}
			if hit.Locations == nil {
				hit.Locations = bsearch.FieldTermLocationMap{}
			}
			tl := bsearch.TermLocationMap{}
			for _, s := range ss {
				tl[s.term] = append(tl[s.term], &bsearch.Location{Start: uint64(s.start), End: uint64(s.end)})
			}
			hit.Locations[f.name+unstemmedSuffix] = tl
		}
	}
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
