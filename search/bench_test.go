package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// synthetic returns n articles of made-up text, the same for the same
// seed: words drawn from a vocabulary of 20,000 with a Zipf law, as in
// real text, about 400 words per body, and facet values drawn from small
// sets.
type synthetic struct {
	mu    sync.Mutex // held by articleLocked
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newSynthetic(seed uint64) *synthetic {
	r := rand.New(rand.NewPCG(seed, 1))
	syll := []string{"ka", "lo", "mi", "ra", "te", "no", "su", "vi", "de", "po", "an", "el", "or", "um", "is", "ex"}
	vocab := make([]string, 20000)
	for i := range vocab {
		var w strings.Builder
		for j := 0; j < 2+i%3; j++ {
			w.WriteString(syll[r.IntN(len(syll))])
		}
		fmt.Fprintf(&w, "%d", i%97)
		vocab[i] = w.String()
	}
	return &synthetic{r: r, zipf: rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1)), vocab: vocab}
}

func (s *synthetic) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = s.vocab[s.zipf.Uint64()]
	}
	return strings.Join(ws, " ")
}

var (
	benchOutlets   = []string{"Reuters", "AP", "BBC", "The Guardian", "Le Monde", "Der Spiegel", "AFP", "NPR", "Al Jazeera", "El País"}
	benchCountries = []string{"US", "GB", "FR", "DE", "JP", "CN", "IN", "BR", "RU", "ZA", "AU", "CA", "IT", "ES", "MX"}
	benchTopics    = []string{"politics", "economy", "climate", "science", "sport", "technology", "health", "culture", "conflict", "trade"}
)

// articleLocked is article for use from several goroutines.
func (s *synthetic) articleLocked(id string) corpus.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.article(id)
}

func (s *synthetic) article(id string) corpus.Article {
	pick := func(from []string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = from[s.r.IntN(len(from))]
		}
		return out
	}
	a := corpus.Article{
		ID: id, Source: "synthetic/" + id + ".txt#1",
		Title:     s.words(8),
		Outlet:    benchOutlets[s.r.IntN(len(benchOutlets))],
		Authors:   []string{fmt.Sprintf("Author %d", s.r.IntN(300))},
		People:    []string{fmt.Sprintf("Person %d", s.r.IntN(500)), fmt.Sprintf("Person %d", s.r.IntN(500))},
		Countries: pick(benchCountries, 1+s.r.IntN(2)),
		Topics:    pick(benchTopics, 1+s.r.IntN(2)),
		Lead:      s.words(30),
		Body:      s.words(200) + "\n\n" + s.words(200),
	}
	if s.r.IntN(20) > 0 {
		a.Date = corpus.NewDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, s.r.IntN(7300)), corpus.PrecisionDay)
	}
	return a
}

const benchBatch = 500

// BenchmarkWrite measures indexing, in batches of 500 articles.
func BenchmarkWrite(b *testing.B) {
	s := newSynthetic(1)
	pool := make([]corpus.Article, benchBatch)
	for i := range pool {
		pool[i] = s.article("")
	}
	ix, err := Create(filepath.Join(b.TempDir(), "index"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	batch := make([]corpus.Article, benchBatch)
	n := 0
	for b.Loop() {
		for i := range batch {
			batch[i] = pool[i]
			batch[i].ID = fmt.Sprintf("a%08d", n)
			n++
		}
		if err := ix.Write(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSearch measures a faceted query with three filters on an index
// of 20,000 articles.
func BenchmarkSearch(b *testing.B) {
	s := newSynthetic(2)
	ix, err := Create(filepath.Join(b.TempDir(), "index"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { ix.Close() }()
	for start := 0; start < 20000; start += benchBatch {
		batch := make([]corpus.Article, benchBatch)
		for i := range batch {
			batch[i] = s.article(fmt.Sprintf("a%08d", start+i))
		}
		if err := ix.Write(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	// Searched as a server does: read-only, with no merging going on.
	path := ix.Path()
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	if ix, err = Open(path, Options{ReadOnly: true}); err != nil {
		b.Fatal(err)
	}
	// Two common words and a rarer one.
	q := s.vocab[3] + " " + s.vocab[10] + " " + s.vocab[200]
	req := Request{
		Query: q,
		Filters: Filters{
			Outlet:  []string{"Reuters", "AP", "BBC"},
			Country: []string{"US", "GB"},
			Topic:   []string{"politics", "economy", "climate"},
		},
	}
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%q: %d hits", q, res.Total)
	for b.Loop() {
		if _, err := ix.Search(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
