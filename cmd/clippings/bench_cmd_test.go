package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

// sampleCorpus copies the embedded sample corpus into a temporary folder
// and returns it.
func sampleCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, corpus.Sample()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBenchCommand runs `clippings bench` on the sample corpus, with a
// drawn query set at one and two workers and with a file of queries at
// one, and checks that the tables and the JSON have every figure and its
// ratio to plain Bleve and to SQLite FTS5, and that the temporary indexes
// are gone.
func TestBenchCommand(t *testing.T) {
	src := sampleCorpus(t)
	work := t.TempDir()
	queries := filepath.Join(t.TempDir(), "queries.txt")
	if err := os.WriteFile(queries, []byte("# a comment\nferry\n\"heat wave\"\n+oil +prices\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		args  []string
		kinds []string
	}{
		{"drawn", []string{"--procs", "1,2", "--query-count", "10"}, []string{kindTerm, kindAnd, kindPhrase, kindFilter, kindBrowse, kindAll}},
		{"file", []string{"--procs", "1", "--queries", queries}, []string{kindFile, kindAll}},
		{"shards", []string{"--procs", "2", "--shards", "2", "--queries", queries}, []string{kindFile, kindAll}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			jsonFile := filepath.Join(t.TempDir(), "bench.json")
			args := append([]string{"bench", "--corpus", src, "--clients", "2",
				"--work", work, "--json", jsonFile}, tt.args...)
			code, stdout, stderr := runCmd(t, t.Context(), args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, want := range []string{"articles/s", "MB/s", "CPU seconds", "peak RSS", "index size",
				"clippings ÷ plain", "clippings, no facets", "plain Bleve, facets", "plain Bleve, no facets", "p50 ms", "p99 ms", "q/s", "×",
				"FTS5 modernc (SQLite ", "FTS5 modernc, facets", "FTS5 modernc, no facets", "clippings ÷ FTS5 modernc, facets",
				"Plain Bleve's merges left undone at Close"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("the output lacks %q:\n%s", want, stdout)
				}
			}
			var rep benchReport
			b, err := os.ReadFile(jsonFile)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatal(err)
			}
			if len(rep.Reindex) == 0 || rep.Articles < 20 {
				t.Fatalf("reindex rows %d, articles %d", len(rep.Reindex), rep.Articles)
			}
			if len(rep.Reindex) == 2 {
				r := rep.Reindex[1]
				if r.Procs != 2 || r.Clippings.Speedup <= 0 || r.Plain.Speedup <= 0 || r.Ratio.Speedup <= 0 ||
					!strings.Contains(stdout, "speed-up over 1") || !strings.Contains(stdout, "serial (Amdahl)") {
					t.Errorf("no speed-up at procs 2: %+v", r)
				}
			}
			r := rep.Reindex[0]
			for name, v := range map[string]float64{
				"clippings articles/s": r.Clippings.ArticlesPerSec, "plain articles/s": r.Plain.ArticlesPerSec,
				"clippings index size": float64(r.Clippings.IndexBytes), "plain index size": float64(r.Plain.IndexBytes),
				"articles/s ratio": r.Ratio.ArticlesPerSec, "MB/s ratio": r.Ratio.MBPerSec, "index size ratio": r.Ratio.IndexBytes,
			} {
				if v <= 0 {
					t.Errorf("%s is %v", name, v)
				}
			}
			if r.Clippings.Articles != rep.Articles || r.Plain.Articles != rep.Articles {
				t.Errorf("clippings indexed %d articles, plain Bleve %d, the corpus has %d", r.Clippings.Articles, r.Plain.Articles, rep.Articles)
			}
			if rep.Warm.Seconds <= 0 {
				t.Errorf("the generation was not warmed before the queries: %+v", rep.Warm)
			}
			var kinds []string
			for _, k := range rep.Queries.Kinds {
				kinds = append(kinds, k.Kind)
				if k.Clippings.P50 <= 0 || k.Clippings.QPS <= 0 || k.Plain.QPS <= 0 || k.PlainNoFacets.QPS <= 0 || k.Ratio.P50 <= 0 || k.Ratio.QPS <= 0 {
					t.Errorf("kind %s lacks figures: %+v", k.Kind, k)
				}
			}
			if len(rep.Yardsticks) == 0 || rep.Yardsticks[0].Engine != "FTS5 modernc" || rep.Yardsticks[0].Load.ArticlesPerSec <= 0 ||
				rep.Yardsticks[0].Load.IndexBytes <= 0 || rep.Yardsticks[0].Ratio.ArticlesPerSec <= 0 {
				t.Errorf("no FTS5 load: %+v", rep.Yardsticks)
			}
			for _, k := range rep.Queries.Kinds {
				if len(k.Others) != len(rep.Yardsticks) {
					t.Errorf("kind %s has figures of %d other engines, want %d", k.Kind, len(k.Others), len(rep.Yardsticks))
					continue
				}
				for _, o := range k.Others {
					if o.Facets.P50 <= 0 || o.NoFacets.QPS <= 0 || o.Ratio.P50 <= 0 || o.Facets.MeanHits == 0 && k.Clippings.MeanHits != 0 {
						t.Errorf("kind %s lacks figures of %s: %+v", k.Kind, o.Engine, o)
					}
				}
			}
			if tt.name == "shards" {
				sh := rep.Reindex[0].Sharded
				if len(sh) != 1 || sh[0].Shards != 2 || sh[0].Phase.Articles != rep.Articles || sh[0].Ratio.ArticlesPerSec <= 0 ||
					!strings.Contains(stdout, "Reindex into shards") {
					t.Errorf("no reindex into 2 shards: %+v", sh)
				}
				for _, k := range rep.Queries.Kinds {
					if len(k.Sharded) != 1 || k.Sharded[0].Clippings.P50 <= 0 || k.Sharded[0].Ratio.P50 <= 0 ||
						k.Sharded[0].Clippings.MeanHits != k.Clippings.MeanHits {
						t.Errorf("kind %s: no figures of 2 shards, or other hits: %+v", k.Kind, k.Sharded)
					}
				}
				if !strings.Contains(stdout, "2 shards ÷ one, facets") {
					t.Errorf("the output lacks the shards' query figures:\n%s", stdout)
				}
			}
			if !slices.Equal(kinds, tt.kinds) {
				t.Errorf("query kinds %v, want %v", kinds, tt.kinds)
			}
			if all := rep.Queries.Kinds[len(rep.Queries.Kinds)-1]; all.Clippings.MeanHits == 0 || all.Plain.MeanHits == 0 {
				t.Errorf("the queries found nothing: %+v", all)
			}
			if left, _ := os.ReadDir(work); len(left) > 0 {
				t.Errorf("the work folder keeps %d entries", len(left))
			}
		})
	}
}

// TestBenchGenerate generates 3,000 articles from the sample corpus,
// reindexes them, and checks that each is an article of its own, with a
// distinct id, copy 0 with the titles of the source and copy 1 dated one
// span of days earlier.
func TestBenchGenerate(t *testing.T) {
	src := sampleCorpus(t)
	out := filepath.Join(t.TempDir(), "generated")
	code, stdout, stderr := runCmd(t, t.Context(), "bench", "--generate", "3000", "--out", out, "--corpus", src)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote 3000 articles in 3 files") {
		t.Errorf("summary: %s", stdout)
	}
	source, _, err := extractAll(t.Context(), os.DirFS(src), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}

	idx := t.TempDir()
	if _, err := reindex(t.Context(), os.DirFS(out), idx, reindexOptions{}); err != nil {
		t.Fatal(err)
	}
	st, err := search.OpenStore(idx, search.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.Count(); err != nil || n != 3000 {
		t.Fatalf("the generated corpus indexes as %d articles (%v), want 3000", n, err)
	}
	bySource := map[string]corpus.Article{}
	err = st.Export(t.Context(), search.Request{}, func(a corpus.Article) error {
		if _, dup := bySource[a.Source]; dup {
			t.Errorf("source %s twice", a.Source)
		}
		bySource[a.Source] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, a := range bySource {
		ids[a.ID] = true
	}
	if len(ids) != 3000 {
		t.Errorf("%d distinct ids, want 3000", len(ids))
	}

	// Story i of the first file is copy 0 of source article i-1; story
	// i+len(source) is its copy 1.
	n := len(source)
	var shift time.Duration
	for i, a := range source {
		c0, c1 := bySource[corpus.SourceOf("gen-00000.sgm", i+1)], bySource[corpus.SourceOf("gen-00000.sgm", n+i+1)]
		if c0.Title != a.Title {
			t.Errorf("copy 0 of %s is titled %q, want %q", a.Source, c0.Title, a.Title)
		}
		if a.Date.IsZero() || c0.Date.IsZero() || c1.Date.IsZero() {
			continue
		}
		d := c0.Date.Time.Sub(c1.Date.Time)
		if d <= 0 || shift != 0 && d != shift {
			t.Errorf("copy 1 of %s is dated %s, copy 0 %s", a.Source, c1.Date, c0.Date)
		}
		shift = d
	}
	if shift == 0 {
		t.Error("no copy is dated earlier than its source")
	}
}

// TestBenchUsage checks the usage errors of bench.
func TestBenchUsage(t *testing.T) {
	src := sampleCorpus(t)
	for _, args := range [][]string{
		{"bench"},
		{"bench", "--corpus", src, "--procs", "0"},
		{"bench", "--corpus", src, "--generate", "10"},
		{"bench", "--corpus", src, "--clients", "0"},
		{"bench", "--corpus", src, "--shards", "0"},
	} {
		if code, _, stderr := runCmd(t, t.Context(), args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, stderr)
		}
	}
}

// TestShardsFlag checks --shards of reindex, which builds a live index
// of that many shards that search then reads, and of bench, which takes
// a list.
func TestShardsFlag(t *testing.T) {
	src := sampleCorpus(t)
	for _, tt := range []struct {
		args   []string
		code   int
		shards string // the generation's shards file; "" for one index
	}{
		{nil, exitOK, ""},
		{[]string{"--shards", "1"}, exitOK, ""},
		{[]string{"--shards", "3"}, exitOK, "3\n"},
		{[]string{"--shards=2"}, exitOK, "2\n"},
		{[]string{"--shards", "0"}, exitUsage, ""},
		{[]string{"--shards", "-2"}, exitUsage, ""},
		{[]string{"--shards", "65"}, exitUsage, ""},
		{[]string{"--shards", "two"}, exitUsage, ""},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			index := t.TempDir()
			args := append([]string{"reindex", "--quiet", "--corpus", src, "--index", index}, tt.args...)
			code, _, stderr := runCmd(t, t.Context(), args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			if code != exitOK {
				return
			}
			gen, err := os.ReadFile(filepath.Join(index, "CURRENT"))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(index, strings.TrimSpace(string(gen)), "clippings.shards"))
			if got := string(b); got != tt.shards || (tt.shards == "" && !os.IsNotExist(err)) {
				t.Errorf("shards file %q (%v), want %q", got, err, tt.shards)
			}
			code, stdout, stderr := runCmd(t, t.Context(), "search", "--index", index, "ferry")
			if code != exitOK || !strings.Contains(stdout, "1 results") || !strings.Contains(stdout, "Ferry operators") {
				t.Errorf("search of the new index: exit %d\n%s\n%s", code, stdout, stderr)
			}
		})
	}
	for _, tt := range []struct {
		in   string
		want []int
		ok   bool
	}{
		{"1", nil, true}, {"4", []int{4}, true}, {"4,2,1,4", []int{2, 4}, true}, {" 2 , 8", []int{2, 8}, true},
		{"0", nil, false}, {"2,x", nil, false}, {"", nil, false}, {"65", nil, false},
	} {
		got, err := parseShards(tt.in)
		if (err == nil) != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("parseShards(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
