package web

import (
	"net/url"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/clippings/clippings/corpus"
)

// TestAccentMarks checks, on a real index, that a query typed without
// accents finds accented words and that both the result list's snippets
// and the article page mark those words as written, and the words after
// them at their places.
func TestAccentMarks(t *testing.T) {
	a := article("wire/zurich.txt#1", corpus.Article{
		Title: "Banks in Zürich brace for new rules", Outlet: "Wire", Date: day(2024, 5, 2),
		Body: "Regulators in Zürich and Genève said banks must hold more capital.",
	})
	srv := newStoreServer(t, append(sampleArticles(), a))
	marks := func(doc *goquery.Document, sel string) []string {
		return doc.Find(sel).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	}
	tests := []struct {
		q        string
		snippets []string // marked in the result list: the title, then the snippets
		page     []string // marked in the article's title and text
	}{
		{"zurich", []string{"Zürich", "Zürich"}, []string{"Zürich", "Zürich"}},
		{"geneve capital", []string{"Genève", "capital"}, []string{"Genève", "capital"}},
		{"zür* banks", []string{"Banks", "Zürich", "Zürich", "banks"}, []string{"Banks", "Zürich", "Zürich", "banks"}},
	}
	for _, tt := range tests {
		doc := parseHTML(t, get(t, srv, "/?q="+url.QueryEscape(tt.q)))
		hit := doc.Find(`li.hit:has(h2 a[href^="/articles/` + a.ID + `"])`)
		if hit.Length() != 1 {
			t.Errorf("q=%s: the article is not among the hits", tt.q)
			continue
		}
		if got := marks(goquery.NewDocumentFromNode(hit.Get(0)), "h2 mark, .snippet mark"); !slices.Equal(got, tt.snippets) {
			t.Errorf("q=%s: snippet marks %q, want %q", tt.q, got, tt.snippets)
		}
		doc = parseHTML(t, get(t, srv, "/articles/"+a.ID+"?q="+url.QueryEscape(tt.q)))
		if got := marks(doc, "article h1 mark, article .body mark"); !slices.Equal(got, tt.page) {
			t.Errorf("q=%s: article page marks %q, want %q", tt.q, got, tt.page)
		}
	}
}
