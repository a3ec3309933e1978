package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/clippings/clippings/corpus"
)

// evilArticle has markup in its title and body, which must never run.
func evilArticle() corpus.Article {
	const evil = "<script>document.title='pwned'</script>"
	return article("evil.html#1", corpus.Article{
		Title: "Oil " + evil, Outlet: "Evil Times", Date: day(1987, 5, 2), Countries: []string{"FR"},
		Topics: []string{"crude"}, Body: "Oil and " + evil + " in the body.\n\n<img src=x onerror=alert(1)> more oil.",
	})
}

func storeArticles() []corpus.Article { return append(sampleArticles(), evilArticle()) }

// TestExport checks both formats on a real index: the whole result set
// (more than a page), every metadata column, the filters applied.
func TestExport(t *testing.T) {
	articles := storeArticles()
	srv := newStoreServer(t, articles)

	rec := get(t, srv, "/api/v1/export?format=csv&size=1&page=2")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: status %d, headers %v", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(exportColumns, ",") {
		t.Errorf("header %v", rows[0])
	}
	if len(rows)-1 != len(articles) {
		t.Errorf("%d rows, want every article (%d), not one page", len(rows)-1, len(articles))
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) != len(exportColumns) {
			t.Fatalf("row with %d cells: %v", len(r), r)
		}
		byID[r[0]] = r
	}
	a := articles[2] // two countries, two places
	if r := byID[a.ID]; r == nil || r[2] != a.Title || r[6] != a.Date.String() || r[7] != "day" || r[12] != "US; RU" || r[11] != "Washington; Moscow" || r[1] != a.Source ||
		r[20] != "false" || r[21] != "" || r[22] != "" {
		t.Errorf("row of %s: %q", a.ID, r)
	}
	merged := articles[5] // an excerpt seen in two places, with its provenance
	if r := byID[merged.ID]; r == nil || r[20] != "true" || r[21] != strings.Join(merged.SeenIn, "; ") ||
		r[22] != "authors=byline-line; date=archive-heading; split=repeated-region; title=h-entry" {
		t.Errorf("row of %s: %q", merged.ID, r)
	}

	rec = get(t, srv, "/api/v1/export?format=jsonl&q=oil&country=FR")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/jsonl") {
		t.Fatalf("jsonl: status %d, headers %v", rec.Code, rec.Header())
	}
	var got []string
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		var a corpus.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if a.Body == "" || a.Countries[0] != "FR" {
			t.Errorf("exported article lacks its fields: %+v", a)
		}
		got = append(got, a.ID)
	}
	if len(got) != 2 {
		t.Errorf("jsonl export of oil in FR: %v, want 2 articles", got)
	}

	for target, status := range map[string]int{
		"/api/v1/export?format=xml":        http.StatusBadRequest,
		"/api/v1/export?q=%22open":         http.StatusBadRequest,
		"/api/v1/export?q=zzzz&format=csv": http.StatusOK,
	} {
		rec := get(t, srv, target)
		if rec.Code != status {
			t.Errorf("%s: status %d, want %d: %s", target, rec.Code, status, rec.Body)
		}
		if status == http.StatusOK && strings.Count(rec.Body.String(), "\n") != 1 {
			t.Errorf("%s: an empty export is the header line alone: %q", target, rec.Body)
		}
	}
}

// TestOpenAPI validates real responses of a real index against the
// OpenAPI document the server serves.
func TestOpenAPI(t *testing.T) {
	articles := storeArticles()
	srv := newStoreServer(t, articles)
	rec := get(t, srv, "/api/openapi.yaml")
	if rec.Code != http.StatusOK {
		t.Fatalf("openapi.yaml: status %d", rec.Code)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	// JSON Lines: every line must be a JSON object; the document gives
	// the body as a string.
	openapi3filter.RegisterBodyDecoder("application/jsonl", func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var obj map[string]any
			if err := json.Unmarshal([]byte(line), &obj); err != nil {
				return nil, err
			}
		}
		return string(b), nil
	})
	defer openapi3filter.UnregisterBodyDecoder("application/jsonl")
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		target string
		status int
	}{
		{"/api/v1/search?q=oil&country=FR&topic=crude&from=1987", 200},
		{"/api/v1/search?country=US&country=JP&more=country&size=2&page=2&sort=oldest", 200},
		{"/api/v1/search?q=title%3A%28oil+OR+wheat%29+-opec", 200},
		{"/api/v1/search", 200},
		{"/api/v1/search?q=(oil", 400},
		{"/api/v1/search?size=1000", 400},
		{"/api/v1/articles/" + articles[0].ID, 200},
		{"/api/v1/articles/" + articles[5].ID, 200},
		{"/api/v1/articles/nope", 404},
		{"/api/v1/articles/" + articles[0].ID + "/similar?size=3", 200},
		{"/api/v1/facets/person?prefix=ha", 200},
		{"/api/v1/facets/country", 200},
		{"/api/v1/facets/colour", 400},
		{"/api/v1/export?format=jsonl&q=wheat", 200},
		{"/api/v1/export?format=csv&topic=crude", 200},
		{"/healthz", 200},
	} {
		req := httptest.NewRequest(http.MethodGet, tt.target, nil)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.target, rec.Code, tt.status, rec.Body)
			continue
		}
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s: no route in the document: %v", tt.target, err)
			continue
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		if rec.Code < 400 {
			if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
				t.Errorf("%s: the request does not fit the document: %v", tt.target, err)
			}
		}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code,
			Header: rec.Header(), Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
			Options: &openapi3filter.Options{IncludeResponseStatus: true}}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			t.Errorf("%s: the response does not fit the document: %v", tt.target, err)
		}
	}
}

// TestFacetLookupAndSimilar checks the two smaller endpoints on a real
// index.
func TestFacetLookupAndSimilar(t *testing.T) {
	articles := storeArticles()
	srv := newStoreServer(t, articles)
	var facets FacetLookupResponse
	rec := get(t, srv, "/api/v1/facets/topic?prefix=CR")
	if err := json.Unmarshal(rec.Body.Bytes(), &facets); err != nil {
		t.Fatal(err)
	}
	if len(facets.Values) != 1 || facets.Values[0] != (FacetValueResponse{Value: "crude", Count: 3}) {
		t.Errorf("topic values for CR: %+v", facets)
	}
	var sim SimilarResponse
	rec = get(t, srv, "/api/v1/articles/"+articles[3].ID+"/similar")
	if err := json.Unmarshal(rec.Body.Bytes(), &sim); err != nil {
		t.Fatal(err)
	}
	if len(sim.Hits) == 0 {
		t.Fatalf("no article like %q", articles[3].Title)
	}
	for _, h := range sim.Hits {
		if h.ID == articles[3].ID {
			t.Error("an article is similar to itself")
		}
	}
}

// TestSearchPageFeatures checks the search and article pages on a real
// index: disjunctive facet counts, chips that add filters, the timeline,
// show more, export links and highlighting on the article page.
func TestSearchPageFeatures(t *testing.T) {
	articles := storeArticles()
	srv := newStoreServer(t, articles)

	doc := parseHTML(t, get(t, srv, "/?country=FR"))
	// Picking France still lists the other countries with their counts.
	countries := doc.Find(".facet-country li").Length()
	if countries < 5 {
		t.Errorf("with country=FR the country facet lists %d values, want all of them", countries)
	}
	if on := doc.Find(".facet-country a.on"); on.Find(".v").Text() != "France" || on.Find(".code").Text() != "FR" {
		t.Errorf("selected country %q", on.Text())
	}
	if got := doc.Find(".active a.chip").Text(); !strings.Contains(got, "France (FR)") {
		t.Errorf("active filter chip %q", got)
	}
	// A value that matches nothing has no chip and no facet entry, but a
	// notice with a link that removes it.
	doc = parseHTML(t, get(t, srv, "/?person=Nobody+Known"))
	if n := doc.Find(".facet-person a.on").Length() + doc.Find(".active a.chip").Length(); n != 0 {
		t.Errorf("person without matches shown as selected %d times", n)
	}
	if un := doc.Find(".notice-unmatched"); !strings.Contains(un.Text(), "No article has the person “Nobody Known”") ||
		un.Find(`a[href="/"]`).Length() != 1 {
		t.Errorf("unmatched notice %q", un.Text())
	}
	// A hit's chips add filters.
	var wheat string
	doc = parseHTML(t, get(t, srv, "/?q=wheat"))
	doc.Find("li.hit .chips a").Each(func(_ int, s *goquery.Selection) {
		if s.Text() == "Soviet Union" || s.Text() == "Russia" || s.Text() == "Russian Federation" {
			wheat = s.AttrOr("href", "")
		}
	})
	if wheat != "/?country=RU&q=wheat" {
		t.Errorf("country chip of the wheat hit links to %q", wheat)
	}
	// Timeline bars filter by month.
	bars := doc.Find(".timeline a.bar")
	doc = parseHTML(t, get(t, srv, "/"))
	bars = doc.Find(".timeline a.bar")
	if bars.Length() < 2 {
		t.Fatalf("%d timeline bars", bars.Length())
	}
	if doc.Find(".timeline svg rect").Length() < bars.Length() {
		t.Error("bars are not drawn")
	}
	// Export links carry the search.
	doc = parseHTML(t, get(t, srv, "/?q=oil&topic=crude&size=1"))
	if href := doc.Find(".export a").First().AttrOr("href", ""); href != "/api/v1/export?format=csv&q=oil&topic=crude" {
		t.Errorf("export link %q", href)
	}
	// Highlighting on the article page.
	a := articles[3]
	doc = parseHTML(t, get(t, srv, "/articles/"+a.ID+"?q=oil"))
	if n := doc.Find(".body mark, h1 mark").Length(); n < 2 {
		t.Errorf("%d marks on the article page for q=oil", n)
	}
	if got := doc.Find(".back a").AttrOr("href", ""); got != "/?q=oil" {
		t.Errorf("back link %q", got)
	}
	if doc.Find(".similar li").Length() == 0 {
		t.Error("no similar articles")
	}
	if got := doc.Find(".source-file").Text(); got != strings.Split(a.Source, "#")[0] {
		t.Errorf("source file %q of %q", got, a.Source)
	}

	// A wildcard matches words as spelled ("Ministry", stem "ministri"),
	// and the words it matched are marked in the snippets and on the
	// article page.
	doc = parseHTML(t, get(t, srv, "/?q=ministry*"))
	hit := doc.Find("li.hit").First()
	if got := strings.ToLower(hit.Find(".snippet mark").Text()); doc.Find("li.hit").Length() == 0 || !strings.Contains(got, "ministry") {
		t.Fatalf("q=ministry*: %d hits, marked %q", doc.Find("li.hit").Length(), got)
	}
	doc = parseHTML(t, get(t, srv, hit.Find("h2 a").AttrOr("href", "")))
	if got := strings.ToLower(doc.Find(".body mark").Text()); !strings.Contains(got, "ministry") {
		t.Errorf("q=ministry* on the article page: marked %q", got)
	}
}

// TestPageWeightWithAssets measures the search page on a real index with
// everything it loads (HTML, stylesheet, script, icon); it must stay
// under 100 KB.
func TestPageWeightWithAssets(t *testing.T) {
	srv := newStoreServer(t, storeArticles())
	total := 0
	for _, target := range []string{"/?q=oil", "/"} {
		rec := get(t, srv, target)
		html := rec.Body.Len()
		doc := parseHTML(t, rec)
		assets := 0
		doc.Find(`link[rel="stylesheet"], link[rel="icon"], script[src]`).Each(func(_ int, s *goquery.Selection) {
			src := s.AttrOr("href", s.AttrOr("src", ""))
			assets += get(t, srv, src).Body.Len()
		})
		total = html + assets
		t.Logf("page weight of %s: %d bytes (HTML %d, assets %d)", target, total, html, assets)
		if total > 100<<10 {
			t.Errorf("%s weighs %d bytes, over 100 KB", target, total)
		}
	}
}

// TestFiltersLikeQueries checks on a real index that the page and the API
// match filter values without regard to case, take country names, show
// each value once as the index writes it, and answer a value that matches
// nothing with 200, no hits and suggestions.
func TestFiltersLikeQueries(t *testing.T) {
	srv := newStoreServer(t, storeArticles())

	doc := parseHTML(t, get(t, srv, "/?outlet=reuters&country=France&country=fr"))
	if got := strings.TrimSpace(doc.Find(".summary").Contents().First().Text()); got != "1 article" {
		t.Errorf("outlet=reuters&country=France: %q, want 1 article", got)
	}
	var chips []string
	doc.Find(".active a.chip").Each(func(_ int, s *goquery.Selection) {
		chips = append(chips, strings.Join(strings.Fields(s.Text()), " "))
	})
	if want := []string{"Country: France (FR) × (remove)", "Outlet: Reuters × (remove)"}; !slices.Equal(chips, want) {
		t.Errorf("chips %q, want %q", chips, want)
	}
	if on := doc.Find(".facet-country a.on"); on.Length() != 1 || on.Find(".code").Text() != "FR" {
		t.Errorf("selected countries %q", on.Text())
	}
	// Removing France removes both spellings of it.
	if href := doc.Find(".facet-country a.on").AttrOr("href", ""); href != "/?outlet=reuters" {
		t.Errorf("removing France links to %q", href)
	}

	rec := get(t, srv, "/api/v1/search?person=karl+otto+poehl&author=JON+KVANVIG")
	var both struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &both); err != nil || rec.Code != http.StatusOK || both.Total != 0 {
		t.Errorf("person and author of different articles: %d %s", rec.Code, rec.Body)
	}
	for _, u := range []string{"/api/v1/search?person=karl+otto+poehl", "/api/v1/search?author=jon+kvanvig", "/api/v1/search?topic=CRUDE&country=saudi+arabia"} {
		rec := get(t, srv, u)
		var res struct {
			Total int `json:"total"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != http.StatusOK || res.Total == 0 {
			t.Errorf("%s: %d %s", u, rec.Code, rec.Body)
		}
	}

	rec = get(t, srv, "/api/v1/search?country=Frnace")
	var res struct {
		Total       int `json:"total"`
		Suggestions []struct {
			Filter, Given, Value, Label string
			Count                       int
		} `json:"suggestions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("country=Frnace: %d %s", rec.Code, rec.Body)
	}
	if res.Total != 0 || len(res.Suggestions) != 1 || res.Suggestions[0].Value != "FR" || res.Suggestions[0].Label != "France" ||
		res.Suggestions[0].Given != "Frnace" || res.Suggestions[0].Filter != "country" || res.Suggestions[0].Count != 2 {
		t.Errorf("country=Frnace: %s", rec.Body)
	}
	doc = parseHTML(t, get(t, srv, "/?country=Frnace"))
	if doc.Find(".active a.chip").Length() != 0 {
		t.Error("a chip for a country that matches nothing")
	}
	sg := doc.Find(".notice-unmatched a.suggestion")
	if got := strings.Join(strings.Fields(doc.Find(".notice-unmatched").Text()), " "); !strings.Contains(got, "Did you mean FR — France (2 articles)?") ||
		sg.AttrOr("href", "") != "/?country=FR" {
		t.Errorf("suggestion %q -> %q", got, sg.AttrOr("href", ""))
	}
}

// TestDatesOverlapRanges: on a real index, an article dated to the month
// or the year is within a range that overlaps its period, and the page
// marks its date as approximate.
func TestDatesOverlapRanges(t *testing.T) {
	srv := newStoreServer(t, storeArticles())
	for u, want := range map[string]string{
		"/?from=1987-04-15&to=1987-04-20": "≈ April 1987",
		"/?from=2005-06-01&to=2005-06-30": "≈ 2005",
	} {
		doc := parseHTML(t, get(t, srv, u))
		if got := doc.Find("li.hit .meta time.approx").Text(); got != want {
			t.Errorf("%s: approximate dates %q, want %q", u, got, want)
		}
	}
	doc := parseHTML(t, get(t, srv, "/?from=1987-05-01&to=1987-12-31"))
	if n := doc.Find("li.hit .meta time.approx").Length(); n != 0 {
		t.Errorf("a range after April 1987 has %d approximate dates", n)
	}
}
