package web

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// newStoreServer indexes articles in a real search.Store in a temporary
// folder and returns a Server over it.
func newStoreServer(t *testing.T, articles []corpus.Article) *Server {
	t.Helper()
	return newLabelledStoreServer(t, articles, nil)
}

// newLabelledStoreServer is newStoreServer with the descriptions of the
// source's codes recorded in the index, as the indexer records them.
func newLabelledStoreServer(t *testing.T, articles []corpus.Article, labels corpus.Labels) *Server {
	t.Helper()
	store, err := search.OpenStore(t.TempDir(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	err = store.Rebuild(context.Background(), func(ctx context.Context, ix *search.Index) error {
		if err := ix.Write(ctx, articles); err != nil {
			return err
		}
		return ix.SetLabels(ctx, labels)
	})
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newTestServer(store)
	return srv
}

// TestWithStore runs the server on a real index: parameters reach Bleve
// as meant, its errors become 400s and its snippets render as marks.
func TestWithStore(t *testing.T) {
	const evil = "<script>alert(1)</script>"
	articles := append(sampleArticles(), article("evil.html#1", corpus.Article{
		Title: "Oil " + evil, Outlet: "Evil Times", Date: day(2020, 1, 2), Body: "Oil and " + evil + " in the body.",
	}))
	srv := newStoreServer(t, articles)

	type response struct {
		Total uint64 `json:"total"`
		Hits  []struct {
			Title    string   `json:"title"`
			Date     *string  `json:"date"`
			Snippets []string `json:"snippets"`
		} `json:"hits"`
		Facets map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	tests := []struct {
		target string
		titles []string // the hit titles in order; nil to skip
		total  uint64
	}{
		{"/api/v1/search?q=oil&country=fr", []string{"France weighs a tax on oil imports"}, 1},
		{"/api/v1/search?topic=crude&sort=oldest", []string{"Saudi Arabia says OPEC output accord is holding", "France weighs a tax on oil imports"}, 2},
		// to=1987-03 takes in the whole of March, from=1987-03-05 that day.
		{"/api/v1/search?from=1987-03-05&to=1987-03", []string{"Japan's trade surplus with the U.S. widens", "Bundesbank leaves key interest rates unchanged"}, 2},
		{"/api/v1/search?from=2005&to=2005", []string{"Disagreement and the value of evidence"}, 1},
		{"/api/v1/search?author=Jon+Kvanvig&author=Christopher+Allen", nil, 2},
		{"/api/v1/search?size=2&page=2", nil, uint64(len(articles))},
	}
	for _, tt := range tests {
		rec := get(t, srv, tt.target)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d: %s", tt.target, rec.Code, rec.Body)
			continue
		}
		var res response
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, h := range res.Hits {
			titles = append(titles, h.Title)
		}
		if res.Total != tt.total || (tt.titles != nil && strings.Join(titles, "|") != strings.Join(tt.titles, "|")) {
			t.Errorf("%s: total %d, hits %q; want %d, %q", tt.target, res.Total, titles, tt.total, tt.titles)
		}
		for _, name := range search.FacetNames {
			if _, ok := res.Facets[name]; !ok {
				t.Errorf("%s: no %s facet", tt.target, name)
			}
		}
	}

	// Bleve's query errors are 400s with the message, in JSON and HTML.
	for _, q := range []string{"*oil", "%22oil+prices", "nosuchfield:oil"} {
		rec := get(t, srv, "/api/v1/search?q="+q)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("q=%s: status %d, want 400: %s", q, rec.Code, rec.Body)
		}
		if rec := get(t, srv, "/?q="+q); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `role="alert"`) {
			t.Errorf("page q=%s: status %d without the message", q, rec.Code)
		}
	}

	// Snippets keep their marks and escape the text.
	doc := parseHTML(t, get(t, srv, "/?q=oil"))
	if n := doc.Find(".snippet mark").Length(); n < 3 {
		t.Errorf("%d marks in the snippets of q=oil", n)
	}
	body := get(t, srv, "/?q=oil").Body.String()
	if strings.Contains(body, "<script>") || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("markup from the index reached the page unescaped, or the text is missing")
	}

	// The article comes back from the index as written, with where it
	// was seen, whether it is an excerpt and the evidence of its fields.
	a := articles[5]
	var got corpus.Article
	if err := json.Unmarshal(get(t, srv, "/api/v1/articles/"+a.ID).Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := a
	want.Tidy()
	if !reflect.DeepEqual(got, want) || len(got.SeenIn) != 2 || !got.Excerpt || got.Provenance["date"] != "archive-heading" {
		t.Errorf("article from the index\n got %+v\nwant %+v", got, want)
	}

	// Chips and provenance links of the article page lead to searches
	// that find it again.
	doc = parseHTML(t, get(t, srv, "/articles/"+a.ID))
	hrefs := doc.Find("a.chip, .meta a, .provenance a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
	if len(hrefs) < 9 {
		t.Fatalf("only %d chips: %q", len(hrefs), hrefs)
	}
	for _, href := range hrefs {
		doc := parseHTML(t, get(t, srv, href))
		if doc.Find(`li.hit h2 a[href^="/articles/`+a.ID+`"]`).Length() != 1 {
			t.Errorf("the search %s does not find the article it comes from", href)
		}
	}
}
