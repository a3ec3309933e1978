package search

import (
	"html"
	"path"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Highlighter marks the terms of a query in any text, such as the full
// text of an article opened from a result list. It analyzes the text as
// the index does, so that "elections" is marked for the query election,
// and marks the words of the query's text terms, phrases and wildcards
// (not those it excludes, nor values of keyword fields).
type Highlighter struct {
	analyzer analysis.Analyzer
	terms    map[string]bool
	patterns []string // wildcards, in path.Match syntax
}

// NewHighlighter returns the Highlighter of the query text q; a query
// that does not parse is a *QueryError. An empty query marks nothing.
func NewHighlighter(q string) (*Highlighter, error) {
	an, err := registry.NewCache().AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		return nil, err
	}
	h := &Highlighter{analyzer: an, terms: map[string]bool{}}
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
		if isTextField(q.FieldVal) {
			h.add(q.Match)
		}
	case *query.MatchPhraseQuery:
		if isTextField(q.FieldVal) {
			h.add(q.MatchPhrase)
		}
	case *query.WildcardQuery:
		if isTextField(q.FieldVal) {
			h.patterns = append(h.patterns, strings.ToLower(q.Wildcard))
		}
	}
}

func isTextField(name string) bool {
	for _, f := range textFields {
		if f.name == name {
			return true
		}
	}
	return false
}

func (h *Highlighter) add(text string) {
	for _, tok := range h.analyzer.Analyze([]byte(text)) {
		h.terms[string(tok.Term)] = true
	}
}

// Empty reports whether the highlighter marks nothing.
func (h *Highlighter) Empty() bool { return len(h.terms) == 0 && len(h.patterns) == 0 }

// Mark returns text as HTML: escaped, with the query's terms wrapped in
// <mark> elements. It is safe to insert into a page as is.
func (h *Highlighter) Mark(text string) string {
	if h.Empty() {
		return html.EscapeString(text)
	}
	var b strings.Builder
	last := 0
	for _, tok := range h.analyzer.Analyze([]byte(text)) {
		if tok.Start < last || tok.End > len(text) || !h.matches(string(tok.Term), text[tok.Start:tok.End]) {
			continue
		}
		b.WriteString(html.EscapeString(text[last:tok.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[tok.Start:tok.End]))
		b.WriteString("</mark>")
		last = tok.End
	}
	b.WriteString(html.EscapeString(text[last:]))
	return b.String()
}

// matches reports whether an analyzed term, or the word it comes from,
// is one the query looks for.
func (h *Highlighter) matches(term, word string) bool {
	if h.terms[term] {
		return true
	}
	lw := strings.ToLower(word)
	for _, p := range h.patterns {
		if ok, _ := path.Match(p, term); ok {
			return true
		}
		if ok, _ := path.Match(p, lw); ok {
			return true
		}
	}
	return false
}
