package extract

import (
	"regexp"
	"strings"

	"github.com/clippings/clippings/corpus"
)

// A blog post often republishes a piece its author wrote elsewhere under a
// short introduction: "A short piece I wrote for the BBC on ...", then the
// piece's title, then the piece. The introduction is the blog's note, not
// the article's text, and the outlet is the one the piece was written for.

var (
	// rxSelfReference matches an introduction pointing at the piece that
	// follows: "This a short piece for the BBC", "A new piece for ...".
	rxSelfReference = regexp.MustCompile(`(?i)^(?:a|my|new|latest|final|short|longer|another)\s+(?:\w+\s+)?piece\b|` +
		`\bthis\s+(?:\w+\s+){0,2}(?:piece|article|op-?ed|column)\b`)
	// rxFirstPerson matches the voice of a blogger.
	rxFirstPerson = regexp.MustCompile(`(?i)\b(?:I|I've|I’ve|I'm|I’m|my|me|we|our)\b`)
	// rxRepublishing matches what a blogger says of a piece republished
	// below: it was written, published, it ran, it is out, here it is.
	rxRepublishing = regexp.MustCompile(`(?i)\b(?:wrote|written|published|appeared|ran|republished|reproduced|cross-?posted|out (?:today|now)|below|here is|here's|here’s)\b`)
)

// republished finds, at the head of a page's body paragraphs, the blog's
// introduction to a piece written for another outlet. It moves the
// introduction into a.Note, sets a.Outlet and a.Mentions, takes the
// piece's title when a title line follows the introduction, and returns
// the body without them. A body without such an introduction is returned
// unchanged.
func republished(a *corpus.Article, body []string) []string {
	if len(body) < 2 {
		return body
	}
	intro := body[0]
	words := len(strings.Fields(intro))
	if words < 12 || words > 150 || !rxPieceWord.MatchString(intro) {
		return body
	}
	outlet := outletFromIntro(intro)
	titled := isTextTitle(body[1]) && !rxSentenceEnd.MatchString(body[1]) || strings.HasSuffix(body[1], "?")
	// Without a title line after it, the paragraph must point at the
	// piece, or speak of writing it in the first person: a column that
	// opens "In my column for The Times last week, I argued" is not an
	// introduction.
	introduces := titled || rxSelfReference.MatchString(intro) ||
		rxFirstPerson.MatchString(intro) && rxRepublishing.MatchString(intro)
	if outlet == "" || !introduces {
		return body
	}
	a.Note = intro
	a.Outlet = outlet
	a.Mentions = spokeTo(intro)
	body = body[1:]
	if titled && len(body) > 1 {
		a.Title = body[0]
		body = body[1:]
	}
	return body
}
