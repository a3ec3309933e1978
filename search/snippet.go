package search

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Highlighting is done here rather than by bleve's highlighter, which
// gives only one fragment per field, cuts words in two and drops a
// fragment that holds U+FFFD. It still works from bleve's term locations:
// the byte offsets of the matched terms in the stored text, so that a
// stemmed match ("elections" for "election") is marked as written. The
// locations of a text field's unstemmed twin, where wildcards, regular
// expressions and fuzzy terms match, are offsets in the same text.
//
// Every snippet is HTML: the article's text escaped, matched terms
// wrapped in <mark>, runs of white space (paragraph breaks included)
// squeezed to one space, and "…" where the text was cut.

// Snippet sizes.
const (
	maxSnippets    = 3
	snippetBytes   = 240 // the length of a fragment around matches
	snippetContext = 60  // how much text a fragment shows before its first match
	excerptBytes   = 250 // the length of the lead shown when nothing matched
	ellipsis       = "…"
)

// span is a matched term in a text: bytes [start, end).
type span struct {
	start, end int
	term       string
}

// spans returns the matched terms of one text field and of its unstemmed
// twin, in text order, without overlaps and within the text.
func spans(locs bsearch.FieldTermLocationMap, field, text string) []span {
	var out []span
	for _, name := range []string{field, field + unstemmedSuffix} {
		for term, ls := range locs[name] {
			for _, l := range ls {
				s, e := int(l.Start), int(l.End)
				if s < e && e <= len(text) {
					out = append(out, span{s, e, term})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.start < merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// snippets returns up to maxSnippets snippets for a hit: the best
// fragments of the body; if the body did not match, of the lead, subtitle
// or note; if none of them matched (an empty query, a query on the title
// or on keyword fields only), an excerpt of the lead, or of the body when
// there is no lead. The title is not among them: a result list shows it
// already (with its matches marked: markedTitle).
func snippets(locs bsearch.FieldTermLocationMap, title, subtitle, lead, body, note string) []string {
	out := []string{}
	for _, f := range []struct{ name, text string }{
		{fieldBody, body}, {fieldLead, lead}, {fieldSubtitle, subtitle}, {fieldNote, note},
	} {
		if frags := fragments(f.text, spans(locs, f.name, f.text), maxSnippets); len(frags) > 0 {
			return append(out, frags...)
		}
	}
	text := lead
	if text == "" {
		text = body
	}
	if text == "" || text == title {
		return out
	}
	return append(out, excerpt(text, excerptBytes))
}

// markedTitle returns the title HTML-escaped with the query's matches in
// <mark>, or "" when the title did not match.
func markedTitle(locs bsearch.FieldTermLocationMap, title string) string {
	if ts := spans(locs, fieldTitle, title); len(ts) > 0 {
		return mark(title, ts, 0, len(title))
	}
	return ""
}

// fragments returns up to n fragments of text around its matches: the
// windows with the most distinct matched terms (then the most matches),
// not overlapping, in text order.
func fragments(text string, ss []span, n int) []string {
	if len(ss) == 0 || n <= 0 {
		return nil
	}
	type window struct {
		start, end int
		score      int
	}
	var cands []window
	for i, anchor := range ss {
		start := wordStart(text, max(0, anchor.start-snippetContext), anchor.start)
		end := wordEnd(text, min(len(text), max(start+snippetBytes, anchor.end)), anchor.end)
		if end == len(text) && start > 0 {
			// Near the end: use the room left to show more before.
			start = wordStart(text, max(0, min(start, end-snippetBytes)), anchor.start)
		}
		terms := map[string]bool{}
		count := 0
		for _, s := range ss[i:] {
			if s.end > end {
				break
			}
			terms[s.term] = true
			count++
		}
		cands = append(cands, window{start, end, len(terms)*1000 + count})
	}
	slices.SortStableFunc(cands, func(a, b window) int { return b.score - a.score })
	var chosen []window
	for _, c := range cands {
		if len(chosen) == n {
			break
		}
		if !slices.ContainsFunc(chosen, func(w window) bool { return c.start < w.end && w.start < c.end }) {
			chosen = append(chosen, c)
		}
	}
	slices.SortFunc(chosen, func(a, b window) int { return a.start - b.start })
	out := make([]string, 0, len(chosen))
	for _, w := range chosen {
		out = append(out, mark(text, ss, w.start, w.end))
	}
	return out
}

// mark returns text[start:end] as HTML with the spans inside it marked,
// and an ellipsis on a side where text goes on.
func mark(text string, ss []span, start, end int) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString(ellipsis)
	}
	at := start
	for _, s := range ss {
		if s.start < at || s.end > end {
			continue
		}
		b.WriteString(escape(text[at:s.start]))
		b.WriteString("<mark>")
		b.WriteString(escape(text[s.start:s.end]))
		b.WriteString("</mark>")
		at = s.end
	}
	b.WriteString(escape(text[at:end]))
	if end < len(text) {
		b.WriteString(ellipsis)
	}
	return strings.TrimSpace(b.String())
}

// excerpt returns the beginning of text, up to about size bytes cut at a
// word boundary, as HTML.
func excerpt(text string, size int) string {
	text = squeeze(text)
	if len(text) <= size {
		return html.EscapeString(text)
	}
	end := wordEnd(text, size, 0)
	return html.EscapeString(strings.TrimSpace(text[:end])) + ellipsis
}

// wordStart moves a fragment's start at forward to the beginning of a
// word, without passing limit (the first match).
func wordStart(text string, at, limit int) int {
	if at == 0 || isSpaceBefore(text, at) {
		return at
	}
	for i := at; i < limit; {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsSpace(r) {
			return i
		}
	}
	for at < limit && !utf8.RuneStart(text[at]) {
		at++
	}
	return at
}

// wordEnd moves a fragment's end at back to the end of a word, without
// going before limit (the end of the last match it must hold).
func wordEnd(text string, at, limit int) int {
	if at >= len(text) {
		return len(text)
	}
	if r, _ := utf8.DecodeRuneInString(text[at:]); unicode.IsSpace(r) {
		return at
	}
	for i := at; i > limit; {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			return i - n
		}
		i -= n
	}
	for at < len(text) && !utf8.RuneStart(text[at]) {
		at++
	}
	return at
}

func isSpaceBefore(text string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:at])
	return unicode.IsSpace(r)
}

// escape returns s as HTML text with its white space squeezed.
func escape(s string) string {
	return html.EscapeString(squeeze(s))
}

// squeeze replaces each run of white space by one space.
func squeeze(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) &&
		!strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
