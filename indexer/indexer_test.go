package indexer

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/clippings/clippings/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSampleGolden extracts and enriches the embedded sample corpus and
// compares every article with testdata/sample.golden.jsonl.
func TestSampleGolden(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	var arts []corpus.Article
	sum, err := New(Options{}).Extract(t.Context(), corpus.Sample(), func(a corpus.Article) error {
		arts = append(arts, a)
		return enc.Encode(a)
	})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	got := strings.Split(strings.TrimSpace(buf.String()), "\n")
	wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
	if len(got) != len(wantLines) {
		t.Errorf("%d articles, golden has %d", len(got), len(wantLines))
	}
	for i := range min(len(got), len(wantLines)) {
		if got[i] != wantLines[i] {
			t.Errorf("article %d differs from the golden file:\n got %.300s\nwant %.300s", i+1, got[i], wantLines[i])
		}
	}

	// What the golden file must show, whatever -update wrote.
	if sum.Articles != 30 || sum.Files != 22 || sum.SkippedFiles() != 0 {
		t.Errorf("summary %s; want 22 files, 30 articles, none skipped", sum)
	}
	facets := map[string]map[string]bool{"outlet": {}, "country": {}, "topic": {}, "person": {}, "year": {}}
	for _, a := range arts {
		if a.Title == "" || a.Outlet == "" || a.Date.IsZero() || a.Body == "" {
			t.Errorf("%s: title %q, outlet %q, date %q, body of %d bytes", a.Source, a.Title, a.Outlet, a.Date, len(a.Body))
		}
		facets["outlet"][a.Outlet] = true
		facets["year"][a.Date.Time.Format("2006")] = true
		for _, v := range a.Countries {
			facets["country"][v] = true
		}
		for _, v := range a.Topics {
			facets["topic"][v] = true
		}
		for _, v := range a.People {
			facets["person"][v] = true
		}
	}
	for f, vals := range facets {
		if len(vals) < 5 {
			t.Errorf("facet %s has %d values on the sample, want at least 5", f, len(vals))
		}
	}
}

// sink records batches.
type sink struct {
	mu      sync.Mutex
	batches [][]corpus.Article
	fail    error
}

func (s *sink) Write(_ context.Context, b []corpus.Article) error {
	if s.fail != nil {
		return s.fail
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, append([]corpus.Article(nil), b...))
	return nil
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// testFS is a small corpus with one file of each kind of trouble.
func testFS(t *testing.T) fstest.MapFS {
	article := func(title string) []byte {
		return []byte(title + "\n\nBy Jane Doe\n3 May 2021\n\nA paragraph about Kenya and Nairobi.\n")
	}
	fsys := fstest.MapFS{
		"a.txt":            {Data: article("First")},
		"b/c.txt":          {Data: article("Second")},
		"b/d.txt.gz":       {Data: gz(t, string(article("Third")))},
		"b/e.html.gz":      {Data: []byte("this is not gzip")},
		"f.png":            {Data: []byte("\x89PNG\r\n")},
		"g.html":           {Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")},
		"h.txt":            {Data: []byte("   \n\n")},
		"wire/i.sgm":       {Data: []byte(sgml(3))},
		".hidden/skip.txt": {Data: article("Hidden")},
	}
	return fsys
}

func sgml(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(`<REUTERS NEWID="` + string(rune('0'+i)) + `"><DATE> 2-MAR-1987 10:00:00.00</DATE><TOPICS><D>crude</D></TOPICS><PLACES><D>saudi-arabia</D></PLACES><PEOPLE></PEOPLE>` +
			"<TEXT><TITLE>SAUDI OIL STORY</TITLE><DATELINE>RIYADH, March 2 - </DATELINE><BODY>Saudi Arabia said crude output rose.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n")
	}
	return b.String()
}

// TestRunSummaryAndBatches checks the summary and the batches of a run
// with one writer, which writes the batches in file order, and with three,
// which write them in any order.
func TestRunSummaryAndBatches(t *testing.T) {
	for _, writers := range []int{1, 3} {
		t.Run(fmt.Sprintf("writers=%d", writers), func(t *testing.T) {
			testRunSummaryAndBatches(t, writers)
		})
	}
}

func testRunSummaryAndBatches(t *testing.T, writers int) {
	s := &sink{}
	sum, err := New(Options{BatchSize: 2, Workers: 3, Writers: writers}).Run(t.Context(), testFS(t), s)
	if err != nil {
		t.Fatal(err)
	}
	// a.txt, b/c.txt, b/d.txt.gz: 1 each; wire/i.sgm: 3.
	if sum.Files != 4 || sum.Articles != 6 {
		t.Errorf("files %d, articles %d; want 4 and 6", sum.Files, sum.Articles)
	}
	wantSkipped := map[string]int{"unsupported": 1, "corrupt gzip": 1, "binary file (not text)": 1, "no article": 1}
	for r, n := range wantSkipped {
		if sum.Skipped[r] != n {
			t.Errorf("skipped[%q] = %d, want %d (all: %v)", r, sum.Skipped[r], n, sum.Skipped)
		}
	}
	if sum.SkippedFiles() != 4 {
		t.Errorf("%d files skipped, want 4: %v", sum.SkippedFiles(), sum.Skipped)
	}
	var sizes []int
	var sources []string
	for _, b := range s.batches {
		sizes = append(sizes, len(b))
		for _, a := range b {
			sources = append(sources, a.Source)
		}
	}
	if want := []int{2, 2, 2}; !equalInts(sizes, want) {
		t.Errorf("batch sizes %v, want %v", sizes, want)
	}
	want := "a.txt#1 b/c.txt#1 b/d.txt.gz#1 wire/i.sgm#1 wire/i.sgm#2 wire/i.sgm#3"
	if writers > 1 {
		slices.Sort(sources)
	}
	if got := strings.Join(sources, " "); got != want {
		t.Errorf("sources in order:\n got %s\nwant %s", got, want)
	}
	for _, b := range s.batches {
		for _, a := range b {
			if a.ID != corpus.IDOf(a.Source) || len(a.Countries) == 0 {
				t.Errorf("%s: id %s, countries %v", a.Source, a.ID, a.Countries)
			}
		}
	}
	line := sum.String()
	for _, part := range []string{"read 4 files", "6 articles (3 sgml, 3 text)", "skipped 4 files", "corrupt gzip: 1", "articles/s"} {
		if !strings.Contains(line, part) {
			t.Errorf("summary %q lacks %q", line, part)
		}
	}
}

// TestCorpusConfig: the corpus folder's clippings.toml renames outlets and
// is not counted as a file.
func TestCorpusConfig(t *testing.T) {
	fsys := testFS(t)
	fsys[corpus.ConfigFile] = &fstest.MapFile{Data: []byte("[outlets]\n\"the daily planet\" = \"Daily Planet\"\n")}
	fsys["p.txt"] = &fstest.MapFile{Data: []byte("Title\n\nBy Jane Doe\nThe Daily Planet\n3 May 2021\n\nBody text.\n")}
	var got []string
	sum, err := New(Options{}).Extract(t.Context(), fsys, func(a corpus.Article) error {
		if a.Source == "p.txt#1" {
			got = append(got, a.Outlet)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "Daily Planet" {
		t.Errorf("outlet = %v, want [Daily Planet]", got)
	}
	if sum.Skipped["unsupported"] != 1 {
		t.Errorf("unsupported = %d, want 1 (the config file is not counted)", sum.Skipped["unsupported"])
	}
	fsys[corpus.ConfigFile] = &fstest.MapFile{Data: []byte("[outlets\n")}
	if _, err := New(Options{}).Extract(t.Context(), fsys, func(corpus.Article) error { return nil }); err == nil || !strings.Contains(err.Error(), corpus.ConfigFile) {
		t.Errorf("malformed config: err = %v", err)
	}
}

// labelSink is a sink that keeps the labels it is given.
type labelSink struct {
	sink
	labels corpus.Labels
	calls  int
}

func (s *labelSink) SetLabels(_ context.Context, l corpus.Labels) error {
	s.labels = l
	s.calls++
	return nil
}

// TestRunLabels: a file of code descriptions at the corpus root is no
// article; Run reads it, with the configuration's [labels], for a sink
// that keeps labels, and the summary counts them.
func TestRunLabels(t *testing.T) {
	fsys := testFS(t)
	fsys["cat-descriptions_120396.txt"] = &fstest.MapFile{Data: []byte("Crude Oil (CRUDE)\nMoney/Foreign Exchange (MONEY-FX)\n")}
	fsys[corpus.ConfigFile] = &fstest.MapFile{Data: []byte("[labels]\n\"money-fx\" = \"Foreign exchange\"\n")}
	s := &labelSink{}
	sum, err := New(Options{}).Run(t.Context(), fsys, s)
	if err != nil {
		t.Fatal(err)
	}
	want := corpus.Labels{"crude": "Crude Oil", "money-fx": "Foreign exchange"}
	if s.calls != 1 || !maps.Equal(s.labels, want) {
		t.Errorf("labels %v (%d calls), want %v", s.labels, s.calls, want)
	}
	if sum.Skipped[ReasonLabels] != 1 || sum.Labels != 2 ||
		!strings.Contains(sum.String(), "; 2 code descriptions from cat-descriptions_120396.txt;") {
		t.Errorf("summary %s: want the file left out as code descriptions, and 2 of them", sum)
	}
	for _, b := range s.batches {
		for _, a := range b {
			if strings.HasPrefix(a.Source, "cat-descriptions") {
				t.Errorf("%s was read as an article", a.Source)
			}
		}
	}
	// A sink that keeps no labels is given none, and the summary says
	// nothing of them.
	sum, err = New(Options{}).Run(t.Context(), fsys, &sink{})
	if err != nil || sum.Labels != 0 || strings.Contains(sum.String(), "descriptions from") {
		t.Errorf("plain sink: %s, %v", sum, err)
	}
}

func TestRunStops(t *testing.T) {
	boom := errors.New("disk full")
	if _, err := New(Options{}).Run(t.Context(), testFS(t), &sink{fail: boom}); !errors.Is(err, boom) {
		t.Errorf("failing sink: err = %v, want %v", err, boom)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := New(Options{}).Run(ctx, testFS(t), &sink{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
	stop := errors.New("stop")
	n := 0
	_, err := New(Options{Workers: 1}).Extract(t.Context(), testFS(t), func(corpus.Article) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("fn error: err = %v after %d articles, want %v after 2", err, n, stop)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkReuters extracts and enriches all of Reuters-21578 (no index).
func BenchmarkReuters(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpora", "reuters21578")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("shared corpora not available")
	}
	fsys := os.DirFS(dir)
	for _, bc := range []struct {
		name string
		ix   *Indexer
	}{{"extract+enrich", New(Options{})}, {"extract only", New(Options{SkipEnrich: true})}} {
		b.Run(bc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				sum, err := bc.ix.Extract(context.Background(), fsys, func(corpus.Article) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
				n += sum.Articles
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
