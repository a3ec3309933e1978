package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestSortSaysWhatItDoes: an empty query lists the newest first, and the
// sort box says so; with a query the default is the best match.
func TestSortSaysWhatItDoes(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	selected := func(u string) (string, []string) {
		doc := parseHTML(t, get(t, srv, u))
		return doc.Find("#sort option[selected]").Text(), doc.Find("#sort option").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	}
	for u, want := range map[string]string{
		"/": "Newest first", "/?sort=newest": "Newest first", "/?sort=relevance": "Newest first", "/?sort=oldest": "Oldest first",
		"/?q=oil": "Best match", "/?q=oil&sort=date": "Newest first", "/?q=oil&sort=oldest": "Oldest first",
	} {
		got, all := selected(u)
		if got != want {
			t.Errorf("%s: sort shows %q, want %q", u, got, want)
		}
		if !strings.Contains(u, "q=") && strings.Contains(strings.Join(all, ","), "Best match") {
			t.Errorf("%s: an empty query offers %q", u, all)
		}
	}
}

// TestPastTheLastPage: a page past the end says so and links to the last.
func TestPastTheLastPage(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	doc := parseHTML(t, get(t, srv, "/?size=2&page=99"))
	text := squash(doc.Find(".results .notice").Text())
	if !strings.Contains(text, "Page 99 is past the last page: there are 7 articles on 4 pages. Go to the last page.") {
		t.Errorf("page 99: %q", text)
	}
	if href := doc.Find(".results .notice a").AttrOr("href", ""); href != "/?page=4&size=2" {
		t.Errorf("last page link %q", href)
	}
}

// TestPagingCap: results past search.MaxResults cannot be paged through;
// the page says so, points to export, and a page past the cap shows the
// last one that can be shown.
func TestPagingCap(t *testing.T) {
	var many []corpus.Article
	for i := range search.MaxResults + 5 {
		many = append(many, article(fmt.Sprintf("wire/%05d.txt#1", i), corpus.Article{Title: "Oil report", Outlet: "Wire", Body: "Oil."}))
	}
	srv, _ := newTestServer(newFakeBackend(many...))
	doc := parseHTML(t, get(t, srv, "/?q=oil&size=100&page=100"))
	cap := doc.Find(".notice-cap")
	if text := squash(cap.Text()); text != "Only the first 10,000 of the 10,005 articles can be paged through here: narrow the search, or export all 10,005 as CSV or JSON Lines." {
		t.Errorf("cap notice %q", text)
	}
	if href := cap.Find("a").First().AttrOr("href", ""); !strings.HasPrefix(href, "/api/v1/export?format=csv&q=oil") {
		t.Errorf("export link %q", href)
	}
	if doc.Find(`.pager a[rel="next"]`).Length() != 0 {
		t.Error("a next page past the cap")
	}
	rec := get(t, srv, "/?q=oil&size=100&page=150")
	doc = parseHTML(t, rec)
	if rec.Code != 200 || !strings.HasPrefix(squash(doc.Find(".notice-cap").Text()), "Page 150 is past the paging limit. Only the first 10,000") ||
		squash(doc.Find(".pager .where").Text()) != "Page 100 of 101" {
		t.Errorf("page 150: %d %q %q", rec.Code, squash(doc.Find(".notice-cap").Text()), doc.Find(".pager .where").Text())
	}
}

// TestTitleNotRepeated: on a real index, a hit's title is marked in its
// heading and its first snippet is from the text, not the title again.
func TestTitleNotRepeated(t *testing.T) {
	srv := newStoreServer(t, storeArticles())
	doc := parseHTML(t, get(t, srv, "/?q=bundesbank"))
	hit := doc.Find("li.hit").First()
	title := squash(hit.Find("h2").Text())
	if hit.Find("h2 mark").Text() != "Bundesbank" {
		t.Errorf("title marks %q", hit.Find("h2 mark").Text())
	}
	if first := squash(hit.Find(".snippet").First().Text()); first == "" || strings.HasPrefix(first, title) {
		t.Errorf("first snippet %q repeats the title %q", first, title)
	}
}
