package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// TestTrafilaturaEvalTitleCeiling measures how many title labels of
// go-trafilatura-eval a page can give at all: strictly, the label is one
// of the page's title sources (a metadata title, <title> or one of its
// parts) or the whole text of one of its elements; loosely, its words
// appear in that order somewhere in the page. The labels that are not
// recoverable are written otherwise than on the page (typos, other
// versions of the headline, cut texts).
func TestTrafilaturaEvalTitleCeiling(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every labelled page")
	}
	root, pages := loadGroundTruth(t)
	n, strict, loose := 0, 0, 0
	for _, g := range pages {
		if g.Title == "" {
			continue
		}
		n++
		f := readFile(t, root, g.File)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(f.Text))
		if err != nil {
			t.Fatal(err)
		}
		if titleInPage(doc, g.Title) {
			strict++
			loose++
		} else if containsText(doc.Text(), g.Title) || containsText(readMeta(doc).TitleTag, g.Title) {
			loose++
		} else if testing.Verbose() {
			t.Logf("%s: title %q is not in the page", g.File, g.Title)
		}
	}
	t.Logf("go-trafilatura-eval title ceiling: %.1f%% of %d labels are a title source or an element's text, %.1f%% appear in the page",
		pct(strict, n), n, pct(loose, n))
	if pct(strict, n) < 97 || pct(loose, n) < 97.5 {
		t.Errorf("title ceiling %.1f%% (strict), %.1f%% (loose) is below the floors 97%% and 97.5%%", pct(strict, n), pct(loose, n))
	}
}

// titleInPage reports whether title is one of the page's title sources
// or the whole text of one of its elements.
func titleInPage(doc *goquery.Document, title string) bool {
	m := readMeta(doc)
	for _, s := range []string{m.LD.Headline, m.OGTitle, m.TwTitle, m.MetaTitle, m.TitleTag} {
		if s != "" && (sameText(s, title) || isTitlePart(s, title, true) || sameText(stripSite(s, ""), title)) {
			return true
		}
	}
	found := false
	doc.Find("body *").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if t := s.Text(); utf8.RuneCountInString(t) < 400 && sameText(t, title) {
			found = true
		}
		return !found
	})
	return found
}
