package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// *search.Store is the Backend the real server runs on.
var _ Backend = (*search.Store)(nil)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// syncBuffer is a bytes.Buffer safe for the server's concurrent logging.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestServer returns a Server over b whose log goes to the returned
// buffer.
func newTestServer(b Backend) (*Server, *syncBuffer) {
	var logs syncBuffer
	return New(b, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}), &logs
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func decodeJSON(t *testing.T, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want JSON; body:\n%s", ct, rec.Body)
	}
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("decoding %s: %v", rec.Body, err)
	}
	return m
}

func parseHTML(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type = %q, want HTML", ct)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update if the change is intended)\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func indentJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func TestAPISearchShape(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	for _, target := range []string{
		"/api/v1/search",                     // everything
		"/api/v1/search?q=oil&country=FR",    // one hit
		"/api/v1/search?q=nothing+like+this", // no hits
		"/api/v1/search?q=social&size=1",     // undated hit, nil lists
		"/api/v1/search?from=2005&to=2005",   // year-precision date
	} {
		t.Run(target, func(t *testing.T) {
			rec := get(t, srv, target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			m := decodeJSON(t, rec)
			for _, k := range []string{"total", "took_ms", "page", "size"} {
				if _, ok := m[k].(float64); !ok {
					t.Errorf("%q = %#v, want a number", k, m[k])
				}
			}
			hits, ok := m["hits"].([]any)
			if !ok {
				t.Fatalf("hits = %#v, want an array", m["hits"])
			}
			if int(m["total"].(float64)) < len(hits) {
				t.Errorf("total %v < %d hits", m["total"], len(hits))
			}
			for _, h := range hits {
				hit := h.(map[string]any)
				if len(hit) != 9 {
					t.Errorf("hit has keys %v, want exactly 9", keys(hit))
				}
				for _, k := range []string{"id", "title", "outlet"} {
					if _, ok := hit[k].(string); !ok {
						t.Errorf("hit %q = %#v, want a string", k, hit[k])
					}
				}
				if d, ok := hit["date"]; !ok {
					t.Error("hit has no date key")
				} else if s, isString := d.(string); d != nil && (!isString || !validDate(s)) {
					t.Errorf("hit date = %#v, want YYYY-MM-DD, YYYY-MM, YYYY or null", d)
				}
				for _, k := range []string{"authors", "countries", "topics", "people", "snippets"} {
					if _, ok := hit[k].([]any); !ok {
						t.Errorf("hit %q = %#v, want an array", k, hit[k])
					}
				}
			}
			facets, ok := m["facets"].(map[string]any)
			if !ok {
				t.Fatalf("facets = %#v, want an object", m["facets"])
			}
			for _, name := range []string{"outlet", "country", "topic", "person", "year"} {
				vals, ok := facets[name].([]any)
				if !ok {
					t.Errorf("facet %q = %#v, want an array", name, facets[name])
					continue
				}
				for _, v := range vals {
					fv := v.(map[string]any)
					if _, ok := fv["value"].(string); !ok {
						t.Errorf("facet %q value = %#v", name, fv)
					}
					if _, ok := fv["count"].(float64); !ok {
						t.Errorf("facet %q count = %#v", name, fv)
					}
				}
			}
		})
	}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func validDate(s string) bool {
	d, err := corpus.ParseDate(s)
	return err == nil && !d.IsZero()
}

// TestAPISearchGolden pins the whole JSON answer for a filtered search:
// dates by precision, null for no date, arrays for empty lists.
func TestAPISearchGolden(t *testing.T) {
	for _, tt := range []struct{ name, target string }{
		{"api_search_oil.json", "/api/v1/search?q=oil&sort=newest&size=3"},
		{"api_search_us.json", "/api/v1/search?country=us&page=2&size=2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(newFakeBackend())
			rec := get(t, srv, tt.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			golden(t, tt.name, indentJSON(t, rec.Body.Bytes()))
		})
	}
}

// TestAPISearchRequest checks what the handler asks the backend.
func TestAPISearchRequest(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	rec := get(t, srv, "/api/v1/search?q=oil&country=FR&country=de&topic=crude&from=1987-03&to=1987&sort=date&page=2&size=5")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	got, ok := fb.lastRequest()
	if !ok {
		t.Fatal("backend got no request")
	}
	want, _ := parseRequest(url.Values{
		"q": {"oil"}, "country": {"FR", "de"}, "topic": {"crude"}, "from": {"1987-03"}, "to": {"1987"},
		"sort": {"newest"}, "page": {"2"}, "size": {"5"},
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backend got %+v\nwant %+v", got, want)
	}
	if got.Filters.Country[1] != "de" || got.From.Month() != 3 || got.To.Month() != 12 || got.Sort != search.SortNewest {
		t.Errorf("request not parsed as expected: %+v", got)
	}
}

func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name    string
		target  string
		backend *fakeBackend
		status  int
		message string // a part of the message
	}{
		{"bad date", "/api/v1/search?from=1987-02-30", nil, 400, "from"},
		{"page not a number", "/api/v1/search?page=abc", nil, 400, "page"},
		{"size too large", "/api/v1/search?size=500", nil, 400, "size"},
		{"unknown sort", "/api/v1/search?sort=best", nil, 400, "sort"},
		{"bad query", `/api/v1/search?q=%22oil+prices`, nil, 400, "unclosed quote"},
		{"backend query error", "/api/v1/search?q=x", &fakeBackend{err: &search.QueryError{Pos: -1, Msg: "leading wildcard"}}, 400, "leading wildcard"},
		{"backend failure", "/api/v1/search?q=x", &fakeBackend{err: errors.New("disk on fire")}, 500, "internal server error"},
		{"backend timeout", "/api/v1/search?q=x", &fakeBackend{err: context.DeadlineExceeded}, 503, "too long"},
		{"panic", "/api/v1/search?q=boom", &fakeBackend{panicOn: "boom"}, 500, "internal server error"},
		{"article not found", "/api/v1/articles/0123456789abcdef", nil, 404, "not found"},
		{"article failure", "/api/v1/articles/0123456789abcdef", &fakeBackend{err: errors.New("disk on fire")}, 500, "internal server error"},
		{"unknown api route", "/api/v1/nothing", nil, 404, "Not Found"},
		{"unknown api version", "/api/v2/search", nil, 404, "Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.backend
			if b == nil {
				b = newFakeBackend()
			}
			srv, logs := newTestServer(b)
			rec := get(t, srv, tt.target)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			var body struct {
				Error struct {
					Status  int    `json:"status"`
					Message string `json:"message"`
				} `json:"error"`
			}
			m := decodeJSON(t, rec)
			if len(m) != 1 {
				t.Errorf("error body has keys %v, want only \"error\"", keys(m))
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if body.Error.Status != tt.status || !strings.Contains(body.Error.Message, tt.message) {
				t.Errorf("error = %+v, want status %d and a message with %q", body.Error, tt.status, tt.message)
			}
			if tt.status == 500 {
				for _, secret := range []string{"disk on fire", "boom", "goroutine"} {
					if strings.Contains(rec.Body.String(), secret) {
						t.Errorf("500 body leaks %q: %s", secret, rec.Body)
					}
				}
				if !strings.Contains(logs.String(), "disk on fire") && !strings.Contains(logs.String(), "panic") {
					t.Errorf("500 detail not logged:\n%s", logs)
				}
			}
		})
	}
}

func TestAPIArticle(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	want := fb.articles[5]
	rec := get(t, srv, "/api/v1/articles/"+want.ID)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got corpus.Article
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("article\n got %+v\nwant %+v", got, want)
	}
	golden(t, "api_article.json", indentJSON(t, rec.Body.Bytes()))

	// An article with nil lists still has arrays.
	bare := corpus.Article{ID: "bare", Title: "Bare"}
	srv, _ = newTestServer(&fakeBackend{articles: []corpus.Article{bare}})
	m := decodeJSON(t, get(t, srv, "/api/v1/articles/bare"))
	for _, k := range []string{"authors", "tags", "people", "places", "countries", "topics"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%q = %#v, want an array", k, m[k])
		}
	}
	if m["date"] != nil {
		t.Errorf("date = %#v, want null", m["date"])
	}
	// excerpt, provenance and seen_in are there even when empty.
	if m["excerpt"] != false {
		t.Errorf("excerpt = %#v, want false", m["excerpt"])
	}
	if p, ok := m["provenance"].(map[string]any); !ok || len(p) != 0 {
		t.Errorf("provenance = %#v, want {}", m["provenance"])
	}
	if s, ok := m["seen_in"].([]any); !ok || len(s) != 0 {
		t.Errorf("seen_in = %#v, want []", m["seen_in"])
	}
}

// TestHealthz checks that /healthz is liveness only: it answers 200
// without asking the index, even one that fails or is busy, while
// /readyz says whether the index answers.
func TestHealthz(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	for _, path := range []string{"/healthz", "/readyz"} {
		if rec := get(t, srv, path); rec.Code != http.StatusOK || decodeJSON(t, rec)["status"] != "ok" {
			t.Errorf("%s: %d %s, want 200 ok", path, rec.Code, rec.Body)
		}
	}
	b := newFakeBackend()
	if m := decodeJSON(t, get(t, srv, "/readyz")); m["articles"] != float64(len(b.articles)) {
		t.Errorf("readyz = %v, want %d articles", m, len(b.articles))
	}
	for _, cause := range []error{errors.New("index gone"), search.ErrBusy} {
		b.err = cause
		srv, _ = newTestServer(b)
		if rec := get(t, srv, "/healthz"); rec.Code != http.StatusOK {
			t.Errorf("healthz with the index failing (%v): %d %s, want 200", cause, rec.Code, rec.Body)
		}
		rec := get(t, srv, "/readyz")
		if m := decodeJSON(t, rec); rec.Code != http.StatusServiceUnavailable || m["status"] != "unavailable" || m["error"] != cause.Error() {
			t.Errorf("readyz with the index failing: %d %s, want 503 unavailable saying why", rec.Code, rec.Body)
		}
	}
}

// TestBusy checks that a search refused for want of a slot is a 503 with
// Retry-After, on pages and in the API.
func TestBusy(t *testing.T) {
	b := newFakeBackend()
	b.err = fmt.Errorf("search: %q: %w", "oil", search.ErrBusy)
	srv, _ := newTestServer(b)
	for _, path := range []string{"/api/v1/search?q=oil", "/?q=oil"} {
		rec := get(t, srv, path)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s while busy: %d, Retry-After %q; want 503 with Retry-After", path, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	a := newFakeBackend().articles[0]
	for _, target := range []string{
		"/", "/?q=%22", "/articles/" + a.ID, "/articles/missing", "/api/v1/search", "/api/v1/nothing",
		"/healthz", "/static/style.css", "/nothing",
	} {
		rec := get(t, srv, target)
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", target, csp)
		}
		for k, v := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
		} {
			if got := h.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", target, k, got, v)
			}
		}
	}
}

// TestPagesHaveNoInlineCode checks that the pages would work under the
// CSP: no script, no style element or attribute, no event handler.
func TestPagesHaveNoInlineCode(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	for _, target := range []string{"/", "/?q=oil&topic=crude", "/?q=%22", "/articles/" + fb.articles[5].ID, "/nothing"} {
		doc := parseHTML(t, get(t, srv, target))
		if n := doc.Find("style, [style]").Length(); n > 0 {
			t.Errorf("%s: %d inline style elements", target, n)
		}
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			if src := s.AttrOr("src", ""); !strings.HasPrefix(src, "/static/app.js?v=") || strings.TrimSpace(s.Text()) != "" {
				t.Errorf("%s: inline script or a script from elsewhere (%q)", target, src)
			}
		})
		doc.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, attr := range s.Nodes[0].Attr {
				if strings.HasPrefix(attr.Key, "on") {
					t.Errorf("%s: event handler attribute %s", target, attr.Key)
				}
			}
		})
		if href, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href"); !strings.HasPrefix(href, "/static/style.css?v=") {
			t.Errorf("%s: stylesheet href %q", target, href)
		}
	}
}

func TestSearchPage(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	rec := get(t, srv, "/?q=oil&topic=crude&size=1")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	doc := parseHTML(t, rec)

	// The form keeps the query, the sort and the filters.
	if v, _ := doc.Find(`form.search input#q[name="q"]`).Attr("value"); v != "oil" {
		t.Errorf("search box value = %q", v)
	}
	if doc.Find(`label[for="q"]`).Length() != 1 || doc.Find(`label[for="sort"]`).Length() != 1 {
		t.Error("search box or sort select is not labelled")
	}
	if n := doc.Find(`select#sort option`).Length(); n != 3 {
		t.Errorf("%d sort options, want 3", n)
	}
	hidden := map[string]string{}
	doc.Find(`form.search input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
		hidden[s.AttrOr("name", "")] = s.AttrOr("value", "")
	})
	if !reflect.DeepEqual(hidden, map[string]string{"topic": "crude", "size": "1"}) {
		t.Errorf("hidden fields = %v", hidden)
	}

	// Total, time taken, hits.
	summary := strings.Join(strings.Fields(doc.Find(".summary").Text()), " ")
	if summary != "1 of 2 articles · 12 ms" {
		t.Errorf("summary = %q", summary)
	}
	hits := doc.Find("ol.hits li.hit")
	if hits.Length() != 1 {
		t.Fatalf("%d hits, want 1", hits.Length())
	}
	a := fb.articles[3] // France weighs a tax on oil imports: newest crude article with "oil"
	link := hits.Find("h2 a")
	if link.Text() != a.Title || link.AttrOr("href", "") != "/articles/"+a.ID+"?q=oil" {
		t.Errorf("hit link = %q -> %q", link.Text(), link.AttrOr("href", ""))
	}
	if got := hits.Find(".meta .outlet").Text(); got != "Reuters" {
		t.Errorf("outlet = %q", got)
	}
	// A date known to the month is marked as approximate.
	if got, dt := hits.Find(".meta time.approx").Text(), hits.Find(".meta time").AttrOr("datetime", ""); got != "≈ April 1987" || dt != "1987-04" ||
		hits.Find(".meta time").AttrOr("title", "") != "Approximate: the source gives only the month" {
		t.Errorf("date = %q (%q)", got, dt)
	}
	mark := hits.Find(".snippet mark")
	if mark.Length() != 1 || !strings.EqualFold(mark.Text(), "oil") {
		t.Errorf("snippet marks = %d %q; snippet HTML must be inserted as is", mark.Length(), mark.Text())
	}

	// Facets with counts, the selected one marked.
	for _, name := range []string{"topic", "country", "outlet", "person", "year"} {
		if doc.Find(".facet-"+name+" li").Length() == 0 {
			t.Errorf("facet %s has no values", name)
		}
	}
	sel := doc.Find(`.facet-topic a.on`)
	if sel.Length() != 1 || sel.Find(".v").Text() != "crude" || sel.Find(".n").Text() != "2" {
		t.Errorf("selected topic = %q", sel.Text())
	}
	if got := doc.Find(".facet-country .v").First().Text(); got != "France" && got != "Saudi Arabia" {
		t.Errorf("country facet shows %q, want a country name", got)
	}

	// Active filter chip with a removal link.
	chip := doc.Find(".active a.chip")
	if chip.Length() != 1 || chip.AttrOr("href", "") != "/?q=oil&size=1" {
		t.Errorf("active filter link = %q", chip.AttrOr("href", ""))
	}

	// Paging keeps the query, the sort, the size and the filters.
	next := doc.Find(`.pager a[rel="next"]`).AttrOr("href", "")
	if next != "/?page=2&q=oil&size=1&topic=crude" {
		t.Errorf("next link = %q", next)
	}
	if doc.Find(`.pager a[rel="prev"]`).Length() != 0 {
		t.Error("first page has a previous link")
	}
	doc = parseHTML(t, get(t, srv, next))
	if prev := doc.Find(`.pager a[rel="prev"]`).AttrOr("href", ""); prev != "/?q=oil&size=1&topic=crude" {
		t.Errorf("previous link on page 2 = %q", prev)
	}
	if doc.Find(`.pager a[rel="next"]`).Length() != 0 {
		t.Error("last page has a next link")
	}
	if got := doc.Find("ol.hits li.hit h2 a").Text(); got != fb.articles[0].Title {
		t.Errorf("page 2 hit = %q", got)
	}
}

func TestSearchPageListsAllByDefault(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	doc := parseHTML(t, get(t, srv, "/"))
	if n := doc.Find("li.hit").Length(); n != len(fb.articles) {
		t.Errorf("%d hits, want all %d", n, len(fb.articles))
	}
	if doc.Find(".pager").Length() != 0 {
		t.Error("a single page has a pager")
	}
	if req, _ := fb.lastRequest(); !reflect.DeepEqual(req, search.Request{}) {
		t.Errorf("request = %+v, want the zero Request", req)
	}
	if got := doc.Find("head > title").Text(); got != "Search · clippings" {
		t.Errorf("title = %q", got)
	}
}

// TestFacetLinks follows facet links and checks that each adds or removes
// its filter.
func TestFacetLinks(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	tests := []struct {
		name     string
		from     string // page URL
		selector string // the facet link to follow
		label    string
		wantURL  string
		wantReq  func(search.Request) bool
	}{
		{"add topic", "/?q=oil", ".facet-topic a", "crude", "/?q=oil&topic=crude",
			func(r search.Request) bool { return reflect.DeepEqual(r.Filters.Topic, []string{"crude"}) }},
		{"remove topic", "/?q=oil&topic=crude", ".facet-topic a", "crude", "/?q=oil",
			func(r search.Request) bool { return r.Filters.Topic == nil }},
		{"add second country", "/?country=US", ".facet-country a", "Japan", "/?country=US&country=JP",
			func(r search.Request) bool { return reflect.DeepEqual(r.Filters.Country, []string{"US", "JP"}) }},
		{"remove one of two", "/?topic=trade&topic=crude", ".facet-topic a", "trade", "/?topic=crude",
			func(r search.Request) bool { return reflect.DeepEqual(r.Filters.Topic, []string{"crude"}) }},
		{"add outlet keeps sort", "/?sort=oldest", ".facet-outlet a", "Certain Doubts", "/?outlet=Certain+Doubts&sort=oldest",
			func(r search.Request) bool {
				return r.Sort == search.SortOldest && r.Filters.Outlet[0] == "Certain Doubts"
			}},
		{"person resets page", "/?size=2&page=2", ".facet-person a", "Hisham Nazer", "/?person=Hisham+Nazer&size=2",
			func(r search.Request) bool { return r.Page == 0 && r.Filters.Person[0] == "Hisham Nazer" }},
		{"year sets from and to", "/?q=oil", ".facet-year a", "1987", "/?from=1987&q=oil&to=1987",
			func(r search.Request) bool { return r.From.Year() == 1987 && r.To.Year() == 1987 && r.To.Month() == 12 }},
		{"year replaces a range", "/?from=1980&to=2010", ".facet-year a", "2005", "/?from=2005&to=2005",
			func(r search.Request) bool { return r.From.Year() == 2005 && r.To.Year() == 2005 }},
		{"selected year removes dates", "/?from=1987&to=1987", ".facet-year a", "1987", "/",
			func(r search.Request) bool { return r.From.IsZero() && r.To.IsZero() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, get(t, srv, tt.from))
			var href string
			doc.Find(tt.selector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
				if s.Find(".v").Text() == tt.label {
					href = s.AttrOr("href", "")
					return false
				}
				return true
			})
			if href != tt.wantURL {
				t.Fatalf("link %q = %q, want %q", tt.label, href, tt.wantURL)
			}
			if rec := get(t, srv, href); rec.Code != http.StatusOK {
				t.Fatalf("following %s: status %d", href, rec.Code)
			}
			if req, _ := fb.lastRequest(); !tt.wantReq(req) {
				t.Errorf("after following %s the backend got %+v", href, req)
			}
		})
	}
}

func TestSearchPageErrors(t *testing.T) {
	tests := []struct {
		name    string
		target  string
		message string
		help    bool // whether the query syntax is explained
	}{
		{"unclosed quote", "/?q=%22oil+prices&topic=crude", "Unclosed quote", true},
		{"bad date", "/?q=oil&from=1987-02-30", "from", false},
		{"bad page", "/?q=oil&page=abc", "page", false},
		{"too large", "/?size=500", "size", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(newFakeBackend())
			rec := get(t, srv, tt.target)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", rec.Code)
			}
			doc := parseHTML(t, rec)
			if doc.Find("form.search input#q").Length() != 1 {
				t.Error("the form is not shown")
			}
			msg := doc.Find(`.notice-error[role="alert"]`).Text()
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q lacks %q", msg, tt.message)
			}
			if doc.Find("li.hit").Length() != 0 {
				t.Error("hits shown with an error")
			}
			if help := strings.Contains(msg, "field:value"); help != tt.help {
				t.Errorf("query help shown = %v, want %v", help, tt.help)
			}
		})
	}
	// The query is kept in the box, escaped.
	srv, _ := newTestServer(newFakeBackend())
	doc := parseHTML(t, get(t, srv, "/?q=%22oil+prices&topic=crude"))
	if v := doc.Find("input#q").AttrOr("value", ""); v != `"oil prices` {
		t.Errorf("search box = %q", v)
	}
	if doc.Find(`.active a.chip`).Length() != 1 {
		t.Error("the active filter is not shown with the error")
	}
}

func TestSearchPageNoResults(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	rec := get(t, srv, "/?q=zeppelin&country=FR")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	doc := parseHTML(t, rec)
	text := strings.Join(strings.Fields(doc.Find(".results .notice").Text()), " ")
	if !strings.Contains(text, "Nothing matches “zeppelin” with these filters") || !strings.Contains(text, "remove a filter") {
		t.Errorf("no-results message = %q", text)
	}
	if got := strings.Join(strings.Fields(doc.Find(".summary").Text()), " "); got != "No articles found · 12 ms" {
		t.Errorf("summary = %q", got)
	}
	doc = parseHTML(t, get(t, srv, "/?page=9"))
	if text := doc.Find(".results .notice").Text(); !strings.Contains(text, "past the last") {
		t.Errorf("past-the-end message = %q", text)
	}
}

func TestArticlePage(t *testing.T) {
	fb := newFakeBackend()
	srv, _ := newTestServer(fb)
	a := fb.articles[5]
	rec := get(t, srv, "/articles/"+a.ID)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	doc := parseHTML(t, rec)
	checks := map[string]string{
		"h1":                      a.Title,
		".subtitle":               a.Subtitle,
		".meta .outlet":           "Certain Doubts",
		".meta time.approx":       "≈ 2005",
		".meta .authors a":        "Jon Kvanvig",
		".note p":                 a.Note,
		".body p:first-child":     "When two peers disagree, should either lower their confidence?",
		"dd code":                 a.Source,
		"head > title":            a.Title + " · clippings",
		`a.url[href^="https://"]`: a.URL,
	}
	for sel, want := range checks {
		if got := strings.TrimSpace(doc.Find(sel).First().Text()); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	if n := doc.Find(".body p").Length(); n != 2 {
		t.Errorf("%d body paragraphs, want 2", n)
	}
	// The excerpt is marked; the places it was seen in and the evidence
	// of each field are listed, the evidence linking to a search.
	if got := doc.Find("header .excerpt-mark").Text(); got != "Excerpt" {
		t.Errorf("excerpt mark = %q", got)
	}
	var seen []string
	doc.Find("dd .seen-in li").Each(func(_ int, s *goquery.Selection) { seen = append(seen, s.Text()) })
	if !slices.Equal(seen, a.SeenIn) || strings.TrimSpace(doc.Find("dd:has(.seen-in)").Prev().Text()) != "Seen in" {
		t.Errorf("seen in %q, want %q", seen, a.SeenIn)
	}
	if h := doc.Find(".provenance h2").Text(); h != "Where each field came from" {
		t.Errorf("provenance heading = %q", h)
	}
	prov := map[string]string{}
	doc.Find(".provenance dt").Each(func(_ int, s *goquery.Selection) {
		link := s.Next().Find("a")
		prov[s.Text()] = link.Text() + " " + link.AttrOr("href", "")
	})
	if want := map[string]string{
		"authors": "byline-line /?q=provenance.authors%3A%22byline-line%22",
		"date":    "archive-heading /?q=provenance.date%3A%22archive-heading%22",
		"split":   "repeated-region /?q=provenance.split%3A%22repeated-region%22",
		"title":   "h-entry /?q=provenance.title%3A%22h-entry%22",
	}; !maps.Equal(prov, want) {
		t.Errorf("provenance %q, want %q", prov, want)
	}
	if doc.Find(".provenance dt").First().Text() != "authors" {
		t.Error("provenance fields are not in name order")
	}
	if rel := doc.Find("a.url").AttrOr("rel", ""); !strings.Contains(rel, "noopener") {
		t.Errorf("url rel = %q", rel)
	}
	links := map[string]string{}
	doc.Find("a.chip, .meta a").Each(func(_ int, s *goquery.Selection) {
		links[s.Text()] = s.AttrOr("href", "")
	})
	for label, want := range map[string]string{
		"Certain Doubts": "/?outlet=Certain+Doubts",
		"Jon Kvanvig":    "/?author=Jon+Kvanvig",
		"philosophy":     "/?topic=philosophy",
		"Epistemology":   "/?q=section%3A%22Epistemology%22",
		"evidence":       "/?q=tag%3A%22evidence%22",
	} {
		if links[label] != want {
			t.Errorf("chip %q links to %q, want %q", label, links[label], want)
		}
	}

	// Countries, people and places; a lead equal to the first paragraph is
	// shown once; a javascript: URL is not a link.
	b := fb.articles[0]
	doc = parseHTML(t, get(t, srv, "/articles/"+b.ID))
	for label, want := range map[string]string{
		"Saudi Arabia": "/?country=SA",
		"Hisham Nazer": "/?person=Hisham+Nazer",
		"Riyadh":       "/?place=Riyadh",
	} {
		if got := doc.Find("a.chip:contains('"+label+"')").AttrOr("href", ""); got != want {
			t.Errorf("chip %q links to %q, want %q", label, got, want)
		}
	}
	if n := doc.Find(".body p").Length(); n != 3 {
		t.Errorf("%d paragraphs with the lead, want 3 (lead not repeated)", n)
	}
	// An article seen once, whole, without provenance: none of the three.
	if doc.Find(".excerpt-mark, .seen-in, .provenance").Length() != 0 {
		t.Error("an article without excerpt, seen_in or provenance shows them")
	}
	// A subheading of the text is a line of its own, shown as one; the
	// short lines of a list are not.
	prose := "Across the bridge in El Paso, Texas, volunteers at a respite centre for released families say they receive buses with little notice."
	sub := article("sample/text/el-paso-juarez-border.md#1", corpus.Article{
		Title: "On the El Paso–Juárez border, a migration surge leaves long shadows", Outlet: "Atlas Review",
		Lead: "Just after dawn, the line outside a church-run shelter in Ciudad Juárez already stretches around the block.",
		Body: "Just after dawn, the line outside a church-run shelter in Ciudad Juárez already stretches around the block.\n\n" +
			"Two cities, one queue\n\n" + prose + "\n\nThe shelters need:\n\nBeds\n\nFood\n\n" + prose,
	})
	fb.articles = append(fb.articles, sub)
	doc = parseHTML(t, get(t, srv, "/articles/"+sub.ID))
	var subheads, paras []string
	doc.Find(".body p.subhead").Each(func(_ int, s *goquery.Selection) { subheads = append(subheads, s.Text()) })
	doc.Find(".body p").Each(func(_ int, s *goquery.Selection) { paras = append(paras, s.Text()) })
	if !slices.Equal(subheads, []string{"Two cities, one queue"}) || !slices.Equal(paras[:3], []string{sub.Lead, "Two cities, one queue", prose}) {
		t.Errorf("subheadings %q in paragraphs %q; want one, on its own line after the lead", subheads, paras)
	}
	doc = parseHTML(t, get(t, srv, "/articles/"+fb.articles[6].ID))
	if doc.Find("a.url").Length() != 0 || doc.Find(`a[href^="javascript"]`).Length() != 0 {
		t.Error("a javascript: URL is a link")
	}
	if got := doc.Find("span.url").Text(); got != "javascript:alert(1)" {
		t.Errorf("url text = %q", got)
	}
}

func TestHTMLErrors(t *testing.T) {
	for _, tt := range []struct {
		target string
		status int
	}{
		{"/articles/0123456789abcdef", 404},
		{"/nothing/here", 404},
		{"/static/missing.css", 404},
	} {
		srv, _ := newTestServer(newFakeBackend())
		rec := get(t, srv, tt.target)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.target, rec.Code, tt.status)
			continue
		}
		doc := parseHTML(t, rec)
		if got := doc.Find(".error-page .status").Text(); got != "404" {
			t.Errorf("%s: status shown %q", tt.target, got)
		}
	}
	srv, _ := newTestServer(&fakeBackend{panicOn: "boom"})
	rec := get(t, srv, "/?q=boom")
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "fake backend") {
		t.Errorf("panic: status %d, body %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d", rec.Code)
	}
}

func TestBodyLimit(t *testing.T) {
	srv := New(newFakeBackend(), Options{Logger: slog.New(slog.DiscardHandler), BodyLimit: 10})
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/search", strings.NewReader(strings.Repeat("x", 11))))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", rec.Code)
	}
}

// TestEscaping checks that markup in article text is shown as text on
// the search page, the article page and in the API.
func TestEscaping(t *testing.T) {
	const evil = "<script>alert(1)</script>"
	a := article("evil.html#1", corpus.Article{
		Title: "Headline " + evil, Subtitle: evil, Outlet: evil, Authors: []string{evil},
		Date: day(2020, 1, 2), Topics: []string{evil}, Countries: []string{evil}, People: []string{evil},
		Section: evil, Tags: []string{evil}, Places: []string{evil}, URL: "https://example.com/?a=<script>",
		Lead: "Lead " + evil, Body: "Body " + evil + "\n\nmore " + evil, Note: evil, Source: evil,
	})
	fb := newFakeBackend(a)
	srv, _ := newTestServer(fb)
	for _, target := range []string{"/?q=headline", "/", "/?topic=" + url.QueryEscape(evil), "/articles/" + a.ID} {
		rec := get(t, srv, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", target, rec.Code)
		}
		body := rec.Body.String()
		if strings.Contains(body, "<script>") || strings.Count(body, "<script") != 1 {
			t.Errorf("%s: unescaped markup in the page:\n%s", target, body)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the escaped title is missing", target)
		}
		doc := parseHTML(t, rec)
		if n := doc.Find("script").Length(); n != 1 || doc.Find(`script[src^="/static/app.js?v="]`).Length() != 1 {
			t.Errorf("%s: %d script elements, want only the page script", target, n)
		}
	}
	// The API returns the text as JSON strings; a browser never renders it.
	rec := get(t, srv, "/api/v1/search?q=headline")
	if strings.Contains(rec.Body.String(), "<script") {
		t.Errorf("API body has raw markup: %s", rec.Body)
	}
	if m := decodeJSON(t, rec); m["hits"].([]any)[0].(map[string]any)["title"] != a.Title {
		t.Errorf("API title not round-tripped: %v", m["hits"])
	}
}

func TestStatic(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	doc := parseHTML(t, get(t, srv, "/"))
	href := doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	rec := get(t, srv, href)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d", href, rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type = %q", ct)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned Cache-Control = %q", cc)
	}
	if !strings.Contains(rec.Body.String(), "font") {
		t.Error("stylesheet looks empty")
	}
	if rec.Body.Len() > 16<<10 {
		t.Errorf("stylesheet is %d bytes; keep the page light", rec.Body.Len())
	}
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if cc := get(t, srv, "/static/style.css").Header().Get("Cache-Control"); cc != "public, max-age=3600" {
		t.Errorf("unversioned Cache-Control = %q", cc)
	}
	req := httptest.NewRequest(http.MethodGet, href, nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("conditional GET: status %d, want 304", rec.Code)
	}
	if href := doc.Find(`link[rel="icon"]`).AttrOr("href", ""); get(t, srv, href).Code != http.StatusOK {
		t.Errorf("icon %s not served", href)
	}
}

// TestPageWeight keeps the search page small.
func TestPageWeight(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	if n := get(t, srv, "/").Body.Len(); n > 32<<10 {
		t.Errorf("search page is %d bytes", n)
	}
}

func TestServe(t *testing.T) {
	srv, logs := newTestServer(newFakeBackend())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"ok"`) {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel = %v, want nil", err)
	}
	if !strings.Contains(logs.String(), "path=/healthz status=200") {
		t.Errorf("request not logged:\n%s", logs)
	}

	if err := srv.ListenAndServe(context.Background(), "256.0.0.1:http"); err == nil {
		t.Error("ListenAndServe on a bad address succeeded")
	}
}

// BenchmarkSearchPage measures parsing, the fake search and rendering of
// the search page with hits, facets and paging.
func BenchmarkSearchPage(b *testing.B) {
	srv := New(newFakeBackend(), Options{Logger: slog.New(slog.DiscardHandler)})
	req := httptest.NewRequest(http.MethodGet, "/?q=oil&topic=crude&size=1", nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkAPISearch measures the JSON search endpoint.
func BenchmarkAPISearch(b *testing.B) {
	srv := New(newFakeBackend(), Options{Logger: slog.New(slog.DiscardHandler)})
	req := httptest.NewRequest(http.MethodGet, "/api/v1/search?q=oil&country=FR&country=JP", nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}
