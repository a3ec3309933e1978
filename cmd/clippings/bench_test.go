package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/indexer/classify"
	"github.com/clippings/clippings/search"
	"github.com/clippings/clippings/web"
)

// reutersStore builds an index of Reuters-21578 in a temporary folder.
func reutersStore(b testing.TB) *search.Store {
	b.Helper()
	dir := filepath.Join(sharedCorpora, "reuters21578")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("shared corpora not available")
	}
	idx := b.TempDir()
	if _, err := reindex(context.Background(), os.DirFS(dir), idx, reindexOptions{}); err != nil {
		b.Fatal(err)
	}
	st, err := search.OpenStore(idx, search.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// faceted are searches with three filters, as a researcher narrows down.
var faceted = []string{
	"/api/v1/search?q=crude+oil&country=SA&tag=crude&from=1987-01&to=1987-12",
	"/api/v1/search?q=interest+rates&country=US&tag=interest&outlet=Reuters",
	"/api/v1/search?q=trade+deficit&country=JP&country=US&tag=trade&from=1987-03",
	"/api/v1/search?q=&country=GB&tag=money-fx&outlet=Reuters&sort=newest",
	"/api/v1/search?q=grain+exports&tag=grain&tag=wheat&country=US&country=RU&to=1987-10",
}

// BenchmarkReutersSearch measures GET /api/v1/search with three filters and
// five facets on the Reuters-21578 index, and reports p50 and p95.
func BenchmarkReutersSearch(b *testing.B) {
	benchmarkPaths(b, faceted)
}

// BenchmarkReutersSearchPage measures the search page (hits, disjunctive
// facets, timeline) for the same searches, and reports p50 and p95.
func BenchmarkReutersSearchPage(b *testing.B) {
	benchmarkPaths(b, pages(faceted))
}

// patterns are searches with wildcards, regular expressions and fuzzy
// terms, which match words as spelled (the unstemmed twins of the text
// fields), with and without filters.
var patterns = []string{
	"/api/v1/search?q=politic*",
	"/api/v1/search?q=econom%3F+AND+japan",
	"/api/v1/search?q=%2Fexport(s%7Ced)%2F&country=US",
	"/api/v1/search?q=tarif~1&tag=trade&from=1987-03",
	"/api/v1/search?q=title%3Abank*+rates",
}

// BenchmarkReutersPatterns measures GET /api/v1/search with wildcard,
// regular expression and fuzzy terms on the Reuters-21578 index, and
// reports p50 and p95.
func BenchmarkReutersPatterns(b *testing.B) {
	benchmarkPaths(b, patterns)
}

// pages returns the search page URLs of API search URLs.
func pages(api []string) []string {
	var out []string
	for _, u := range api {
		out = append(out, strings.Replace(u, "/api/v1/search", "/", 1))
	}
	return out
}

// benchmarkPaths serves the paths in turn from the Reuters index and
// reports p50 and p95.
func benchmarkPaths(b *testing.B, paths []string) {
	st := reutersStore(b)
	h := web.New(st, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var took []time.Duration
	i := 0
	for b.Loop() {
		u := paths[i%len(paths)]
		i++
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		took = append(took, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", u, rec.Code, rec.Body)
		}
	}
	reportPercentiles(b, took)
}

// TestReutersWeb checks the search page, export and facet lookup on the
// Reuters-21578 index: disjunctive counts, the timeline by month, an
// export with every matching story, and the codes of the stories as tags
// with the descriptions Reuters ships (cat-descriptions), not as topics.
func TestReutersWeb(t *testing.T) {
	if testing.Short() {
		t.Skip("full Reuters reindex skipped in -short mode")
	}
	st := reutersStore(t)
	h := web.New(st, web.Options{Logger: slog.New(slog.DiscardHandler)})
	get := func(u string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", u, rec.Code, rec.Body)
		}
		return rec
	}
	type result struct {
		Total           int `json:"total"`
		TimelineOutside int `json:"timeline_outside"`
		Timeline        []struct {
			Period string `json:"period"`
			Count  int    `json:"count"`
		} `json:"timeline"`
		Facets map[string][]struct {
			Value string `json:"value"`
			Label string `json:"label"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	decode := func(u string) result {
		var r result
		if err := json.Unmarshal(get(u).Body.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	// Disjunctive counts: with SA picked, the country facet still counts
	// every country of crude stories, as without the filter.
	all := decode("/api/v1/search?tag=crude&size=1")
	sa := decode("/api/v1/search?tag=crude&country=SA&size=1")
	if !reflect.DeepEqual(all.Facets["country"], sa.Facets["country"]) || sa.Total >= all.Total {
		t.Errorf("country facet with SA picked %v, without %v (totals %d, %d)", sa.Facets["country"], all.Facets["country"], sa.Total, all.Total)
	}
	// The codes are tags, by their descriptions; the topics are the
	// taxonomy's.
	every := decode("/api/v1/search?size=1&more=tag")
	labelled := map[string]string{}
	for _, v := range every.Facets["tag"] {
		labelled[v.Value] = v.Label
	}
	if labelled["earn"] != "Earnings and Earnings Forecasts" || labelled["acq"] != "Mergers/Acquisitions" || labelled["money-fx"] != "Money/Foreign Exchange" {
		t.Errorf("tag facet %v: want earn, acq and money-fx with their descriptions", every.Facets["tag"])
	}
	for _, v := range every.Facets["topic"] {
		if !classify.IsTaxonomy(v.Value) {
			t.Errorf("topic %q (%d stories) is not a taxonomy topic", v.Value, v.Count)
		}
	}
	// Reuters-21578 is 1987: a timeline by month whose counts add up.
	sum := 0
	for _, b := range all.Timeline {
		if len(b.Period) != len("1987-03") {
			t.Fatalf("timeline bucket %q, want months", b.Period)
		}
		sum += b.Count
	}
	if sum+all.TimelineOutside != all.Total || all.TimelineOutside != 0 {
		t.Errorf("timeline counts add up to %d (%d outside), total %d", sum, all.TimelineOutside, all.Total)
	}
	// The query language: OR and parentheses.
	either := decode("/api/v1/search?q=" + url.QueryEscape("(cocoa OR coffee) AND brazil") + "&size=1")
	cocoa := decode("/api/v1/search?q=" + url.QueryEscape("cocoa AND brazil") + "&size=1")
	if either.Total <= cocoa.Total || cocoa.Total == 0 {
		t.Errorf("(cocoa OR coffee) AND brazil: %d, cocoa AND brazil: %d", either.Total, cocoa.Total)
	}
	// Export: every matching story, one CSV row each.
	rows, err := csv.NewReader(get("/api/v1/export?format=csv&tag=crude&country=SA").Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != sa.Total {
		t.Errorf("export of crude/SA: %d rows, total %d", len(rows)-1, sa.Total)
	}
	// The page renders the timeline and the facets.
	page := get("/?q=crude+oil&country=SA&tag=crude&from=1987-01&to=1987-12").Body.String()
	for _, want := range []string{`class="timeline"`, `facet-country`, `Saudi Arabia`, `/api/v1/export?country=SA&amp;format=csv`,
		`<span class="v">Crude Oil</span> <span class="code">crude</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the Reuters search page lacks %s", want)
		}
	}
	// Page weight: the HTML of the page and the files it loads, with a
	// facet shown at length.
	for _, u := range []string{"/?q=crude+oil&country=SA&country=KW&tag=crude", "/?q=oil&more=country"} {
		weight := get(u).Body.Len()
		for _, f := range []string{"style.css", "app.js", "favicon.svg"} {
			weight += get("/static/" + f).Body.Len()
		}
		t.Logf("page weight of %s on Reuters: %d bytes", u, weight)
		if weight > 100<<10 {
			t.Errorf("%s weighs %d bytes with its files, over 100 KB", u, weight)
		}
	}
	t.Logf("Reuters: %d crude stories, %d from SA, %d months", all.Total, sa.Total, len(all.Timeline))
}

func reportPercentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	p := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.95), "p95-ms")
}
