package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
	"github.com/clippings/clippings/web"
)

// reutersStore builds an index of Reuters-21578 in a temporary folder.
func reutersStore(b *testing.B) *search.Store {
	b.Helper()
	dir := filepath.Join(sharedCorpora, "reuters21578")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("shared corpora not available")
	}
	idx := b.TempDir()
	if _, err := reindex(context.Background(), os.DirFS(dir), idx, indexer.Options{}); err != nil {
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
	"/api/v1/search?q=crude+oil&country=SA&topic=crude&from=1987-01&to=1987-12",
	"/api/v1/search?q=interest+rates&country=US&topic=interest&outlet=Reuters",
	"/api/v1/search?q=trade+deficit&country=JP&country=US&topic=trade&from=1987-03",
	"/api/v1/search?q=&country=GB&topic=money-fx&outlet=Reuters&sort=newest",
	"/api/v1/search?q=grain+exports&topic=grain&topic=wheat&country=US&country=RU&to=1987-10",
}

// BenchmarkReutersSearch measures GET /api/v1/search with three filters and
// five facets on the Reuters-21578 index, and reports p50 and p95.
func BenchmarkReutersSearch(b *testing.B) {
	st := reutersStore(b)
	h := web.New(st, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var took []time.Duration
	i := 0
	for b.Loop() {
		u := faceted[i%len(faceted)]
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

func reportPercentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	p := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.95), "p95-ms")
}
