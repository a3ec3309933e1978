package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// TestHugeArticlePage: a text of several megabytes on one line is found
// by the words of its beginning, its result page stays small, and its
// article page shows it in parts of about 100 KB, marked, with links
// between them and a note that only its beginning is searched.
func TestHugeArticlePage(t *testing.T) {
	body := "zeppelin " + strings.Repeat("lorem ipsum dolor sit amet ", (search.MaxIndexedText*5/4)/27) + "albatross"
	huge := article("dump/huge.txt#1", corpus.Article{Title: "A text dump", Body: body, Date: day(2020, 1, 1)})
	srv := newStoreServer(t, append(storeArticles(), huge))

	rec := get(t, srv, "/?q=zeppelin")
	if rec.Code != 200 || rec.Body.Len() > 100<<10 || !strings.Contains(rec.Body.String(), "<mark>zeppelin</mark>") {
		t.Errorf("search: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := get(t, srv, "/api/v1/search?q=albatross"); !strings.Contains(rec.Body.String(), `"total":0`) {
		t.Errorf("a word past the searched part was found: %s", rec.Body.String()[:100])
	}

	rec = get(t, srv, "/articles/"+huge.ID+"?q=zeppelin")
	doc := parseHTML(t, rec)
	parts := (len(body) + articlePart - 1) / articlePart
	if rec.Body.Len() > articlePart+30<<10 || squash(doc.Find(".parts .where").First().Text()) != "Part 1 of "+itoa(parts) ||
		doc.Find(".body mark").First().Text() != "zeppelin" || !strings.Contains(doc.Find(".excerpt-note").Text(), "only its first megabyte is searched") {
		t.Errorf("part 1: %d bytes, %q, mark %q", rec.Body.Len(), doc.Find(".parts .where").First().Text(), doc.Find(".body mark").First().Text())
	}
	next := doc.Find(`.parts a[rel="next"]`).First().AttrOr("href", "")
	if next != "/articles/"+huge.ID+"?part=2&q=zeppelin" {
		t.Errorf("next part %q", next)
	}
	doc = parseHTML(t, get(t, srv, "/articles/"+huge.ID+"?part="+itoa(parts)))
	if !strings.HasSuffix(strings.TrimSpace(doc.Find(".body p").Last().Text()), "albatross") || doc.Find(`.parts a[rel="next"]`).Length() != 0 {
		t.Error("the last part does not end the text")
	}
	var total int
	for p := 1; p <= parts; p++ {
		d := parseHTML(t, get(t, srv, "/articles/"+huge.ID+"?part="+itoa(p)))
		total += len(strings.Join(strings.Fields(d.Find(".body").Text()), " "))
	}
	if want := len(strings.Join(strings.Fields(body), " ")); total < want-parts || total > want {
		t.Errorf("the parts hold %d bytes of text, the article %d", total, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
