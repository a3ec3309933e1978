package web

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// An article's body is plain text, paragraphs separated by blank lines;
// the extractor gives each subheading of the source (its h2 to h6, a
// Markdown "## " line) a paragraph of its own, but the text does not say
// which paragraphs were headings. The article page shows as a subheading
// (a paragraph of class "subhead", set in bold) a paragraph that reads as
// one where it stands (subheadings): a short line between paragraphs of
// prose. It is a guess, so it changes the look of the paragraph, not the
// page's outline of headings. On the pages of go-trafilatura-eval and
// article-extraction-benchmark, 79% of the paragraphs it marks are a
// heading or bold text in the source (most of the rest are captions and
// short lines of boilerplate) and it marks 61% of the paragraphs that
// are an h2 to h6 of the source; the rule is kept narrow, because a
// paragraph wrongly shown as a heading misleads more than a heading shown
// as a paragraph.

// maxSubheadingRunes is the longest paragraph shown as a subheading, and
// minProseRunes the shortest paragraph of prose that one must head.
const (
	maxSubheadingRunes = 80
	minProseRunes      = 80
)

// paragraph is a paragraph of an article's body; Subhead marks one shown
// as a subheading.
type paragraph struct {
	Text    string
	Subhead bool
}

// subheadings returns paras with the subheadings marked. A run of one or
// two heading-shaped paragraphs (headingShaped: a short line that does
// not end a sentence) is a subheading, or a heading and the subheading
// under it, when
//   - a paragraph comes before it (the first paragraph of a text is its
//     lead) and that paragraph does not end with a colon, which would
//     announce a list;
//   - a paragraph of prose, at least minProseRunes long, follows it.
//
// Longer runs are lists or tables (a Reuters earnings table, a list of
// ingredients), and a short line closing the text is a signature or a
// credit: neither is marked.
func subheadings(paras []string) []paragraph {
	out := make([]paragraph, len(paras))
	for i, p := range paras {
		out[i].Text = p
	}
	for i := 0; i < len(paras); {
		if !headingShaped(paras[i]) {
			i++
			continue
		}
		j := i
		for j < len(paras) && headingShaped(paras[j]) {
			j++
		}
		if j-i <= 2 && i > 0 && !strings.HasSuffix(strings.TrimSpace(paras[i-1]), ":") &&
			j < len(paras) && utf8.RuneCountInString(paras[j]) >= minProseRunes {
			for k := i; k < j; k++ {
				out[k].Subhead = true
			}
		}
		i = j
	}
	return out
}

// headingShaped reports whether a paragraph looks like a heading: one
// line of at most maxSubheadingRunes, starting with a letter that is not
// lower case or with a digit, and not ending as a sentence, a clause or a
// quotation does (a question mark may end a heading).
func headingShaped(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || strings.ContainsRune(p, '\n') || utf8.RuneCountInString(p) > maxSubheadingRunes {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	if !(unicode.IsLetter(first) && !unicode.IsLower(first)) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(`.,;:…!"'”’»«–—-`, last)
}
