package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
	"github.com/clippings/clippings/web"
)

const sharedCorpora = "../../../shared/corpora"

// runCmd runs a command line in-process and returns its exit code and output.
func runCmd(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = run(ctx, e, args)
	return code, out.String(), errb.String()
}

func needShared(t *testing.T, sub string) string {
	t.Helper()
	p := filepath.Join(sharedCorpora, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpora not available: %v", err)
	}
	return p
}

func TestExitCodes(t *testing.T) {
	tmp := t.TempDir()
	tests := []struct {
		name string
		args []string
		want int
		msg  string // part of stderr
	}{
		{"no command", nil, exitUsage, "Commands:"},
		{"help", []string{"--help"}, exitOK, "Commands:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"reindex help", []string{"reindex", "--help"}, exitOK, "Usage: clippings reindex"},
		{"serve help", []string{"serve", "-h"}, exitOK, "--addr"},
		{"extract help", []string{"extract", "--help"}, exitOK, "JSON object"},
		{"search help", []string{"search", "--help"}, exitOK, "--country"},
		{"reindex without corpus", []string{"reindex", "--index", tmp}, exitUsage, "--corpus is required"},
		{"reindex bad flag", []string{"reindex", "--bogus"}, exitUsage, "bogus"},
		{"reindex missing corpus", []string{"reindex", "--corpus", filepath.Join(tmp, "nope"), "--index", tmp}, exitFail, "no such file"},
		{"extract no path", []string{"extract"}, exitUsage, "no PATH"},
		{"extract missing path", []string{"extract", filepath.Join(tmp, "nope.html")}, exitFail, "no such file"},
		{"search bad date", []string{"search", "--index", tmp, "--from", "20-11-2015", "x"}, exitUsage, "--from"},
		{"search bad sort", []string{"search", "--index", tmp, "--sort", "loudest", "x"}, exitUsage, "--sort"},
		{"search no index", []string{"search", "--index", filepath.Join(tmp, "empty"), "x"}, exitFail, "clippings reindex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, t.Context(), tt.args...)
			if code != tt.want {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
			if !strings.Contains(stderr, tt.msg) {
				t.Errorf("stderr does not contain %q:\n%s", tt.msg, stderr)
			}
		})
	}
}

func TestExtractPrintsJSONLines(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, corpus.Sample()); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, t.Context(), "extract", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 20 || len(lines) > 40 {
		t.Errorf("sample corpus gave %d articles, want 20-40", len(lines))
	}
	ids := map[string]bool{}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %v: %s", err, l)
		}
		for _, k := range []string{"id", "source", "title", "subtitle", "outlet", "authors", "date", "section",
			"tags", "people", "places", "countries", "topics", "language", "url", "lead", "body"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no key %q", m["source"], k)
			}
		}
		if d, ok := m["date"].(string); ok {
			if _, err := corpus.ParseDate(d); err != nil {
				t.Errorf("%s: date %q: %v", m["source"], d, err)
			}
		}
		id, _ := m["id"].(string)
		if ids[id] {
			t.Errorf("duplicate id %s", id)
		}
		ids[id] = true
	}
	if !strings.Contains(stderr, "read ") || !strings.Contains(stderr, "articles") {
		t.Errorf("no summary line on stderr: %s", stderr)
	}
	// Ids are stable: a second run gives the same output.
	_, again, _ := runCmd(t, t.Context(), "extract", dir)
	if again != stdout {
		t.Error("a second extract run gave different output")
	}
}

func TestExtractOneFile(t *testing.T) {
	seed := needShared(t, "seed")
	files, _ := filepath.Glob(filepath.Join(seed, "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed file")
	}
	code, stdout, stderr := runCmd(t, t.Context(), "extract", files[0])
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var a corpus.Article
	if err := json.Unmarshal([]byte(strings.SplitN(stdout, "\n", 2)[0]), &a); err != nil {
		t.Fatal(err)
	}
	if want := filepath.ToSlash(files[0]) + "#1"; a.Source != want {
		t.Errorf("source = %q, want %q", a.Source, want)
	}
}

// TestExtractSourcesArePathsAsGiven extracts two index.html files of
// different folders, given as files and then as folders: their sources
// are the paths as given, so their ids differ.
func TestExtractSourcesArePathsAsGiven(t *testing.T) {
	tmp := t.TempDir()
	page := func(title string) []byte {
		return []byte("<html><head><title>" + title + "</title></head><body><article><h1>" + title +
			"</h1><p>A paragraph about " + title + " that is long enough to be the text of an article on its own page.</p></article></body></html>")
	}
	for dir, title := range map[string]string{"a": "Ferries", "b": "Heatwave"} {
		if err := os.Mkdir(filepath.Join(tmp, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, dir, "index.html"), page(title), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(tmp)
	for _, args := range [][]string{
		{"a/index.html", "b/index.html"},
		{"a", "./b/"},
	} {
		code, stdout, stderr := runCmd(t, t.Context(), append([]string{"extract"}, args...)...)
		if code != exitOK {
			t.Fatalf("extract %v: exit %d: %s", args, code, stderr)
		}
		var sources, ids []string
		for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
			var a corpus.Article
			if err := json.Unmarshal([]byte(l), &a); err != nil {
				t.Fatal(err)
			}
			sources = append(sources, a.Source)
			ids = append(ids, a.ID)
		}
		if want := []string{"a/index.html#1", "b/index.html#1"}; !slices.Equal(sources, want) {
			t.Errorf("extract %v: sources %v, want %v", args, sources, want)
		}
		if len(ids) != 2 || ids[0] == ids[1] || ids[0] != corpus.IDOf("a/index.html#1") {
			t.Errorf("extract %v: ids %v", args, ids)
		}
	}
}

// TestReindexAndServe reindexes a folder, serves it over HTTP and searches
// it; then a second reindex adds a file and the serving store picks it up;
// then a cancelled reindex leaves the live index as it was.
func TestReindexAndServe(t *testing.T) {
	ctx := t.Context()
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	if err := os.CopyFS(corpusDir, corpus.Sample()); err != nil {
		t.Fatal(err)
	}
	// A corrupt file is reported and skipped; the run goes on.
	if err := os.WriteFile(filepath.Join(corpusDir, "broken.html.gz"), []byte("not gzip at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, ctx, "reindex", "--corpus", corpusDir, "--index", indexDir)
	if code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "broken.html.gz") || !strings.Contains(stderr, "skipped 1 file (") {
		t.Errorf("the corrupt file is not reported with its path and counted:\n%s", stderr)
	}

	store, err := search.OpenStore(indexDir, search.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv := httptest.NewServer(web.New(store, web.Options{Logger: slog.New(slog.DiscardHandler)}))
	defer srv.Close()

	var res struct {
		Total  int                                 `json:"total"`
		Hits   []map[string]any                    `json:"hits"`
		Facets map[string][]struct{ Value string } `json:"facets"`
	}
	getJSON(t, srv.URL+"/api/v1/search?q=", http.StatusOK, &res)
	before := res.Total
	if before < 20 {
		t.Errorf("total = %d, want the whole sample (≥ 20)", before)
	}
	for _, f := range []string{"outlet", "country", "topic", "person", "year"} {
		if len(res.Facets[f]) < 2 {
			t.Errorf("facet %s has %d values, want several", f, len(res.Facets[f]))
		}
	}
	var bad struct {
		Error struct{ Message string } `json:"error"`
	}
	getJSON(t, srv.URL+"/api/v1/search?q=*oil", http.StatusBadRequest, &bad)
	if bad.Error.Message == "" {
		t.Error("a bad query gave no message")
	}

	// A second reindex with one more article goes live in the serving store.
	extra := "Harbour cranes fall silent\n\nBy Ada Quist\n12 May 2024\n\nDock workers in Rotterdam stopped work on Monday.\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "extra.txt"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, ctx, "reindex", "--corpus", corpusDir, "--index", indexDir); code != exitOK {
		t.Fatalf("second reindex exit %d: %s", code, stderr)
	}
	if changed, err := store.Reload(); err != nil || !changed {
		t.Fatalf("Reload = %v, %v; want the new generation", changed, err)
	}
	getJSON(t, srv.URL+"/api/v1/search?q=", http.StatusOK, &res)
	if res.Total != before+1 {
		t.Errorf("after reindex total = %d, want %d", res.Total, before+1)
	}
	getJSON(t, srv.URL+"/api/v1/search?q=Rotterdam", http.StatusOK, &res)
	if res.Total != 1 {
		t.Errorf("q=Rotterdam total = %d, want 1", res.Total)
	}

	// An interrupted reindex leaves the live index alone.
	live := store.Version()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if code, _, _ := runCmd(t, cctx, "reindex", "--corpus", corpusDir, "--index", indexDir); code != exitFail {
		t.Errorf("cancelled reindex exit %d, want %d", code, exitFail)
	}
	if changed, _ := store.Reload(); changed || store.Version() != live {
		t.Errorf("a cancelled reindex switched the live index from %s to %s", live, store.Version())
	}
	getJSON(t, srv.URL+"/api/v1/search?q=", http.StatusOK, &res)
	if res.Total != before+1 {
		t.Errorf("after a cancelled reindex total = %d, want %d", res.Total, before+1)
	}
}

func getJSON(t *testing.T, url string, wantStatus int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != wantStatus {
		t.Errorf("GET %s: status %d, want %d", url, resp.StatusCode, wantStatus)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// TestReuters reindexes all of Reuters-21578 and finds the Saudi crude oil
// stories, as the README promises.
func TestReuters(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := needShared(t, "reuters21578")
	indexDir := t.TempDir()
	start := time.Now()
	code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", dir, "--index", indexDir)
	if code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	t.Logf("reindex of Reuters-21578 took %s: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(stderr))
	if !strings.Contains(stderr, "read 22 files, 21578 articles;") || !strings.Contains(stderr, "414 code descriptions from cat-descriptions_120396.txt") {
		t.Errorf("summary does not say 21578 stories from the 22 SGML files and 414 code descriptions:\n%s", stderr)
	}
	code, stdout, stderr := runCmd(t, t.Context(), "search", "crude oil", "--country", "SA", "--json", "--size", "100", "--index", indexDir)
	if code != exitOK {
		t.Fatalf("search exit %d: %s", code, stderr)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Title     string   `json:"title"`
			Countries []string `json:"countries"`
			Snippets  []string `json:"snippets"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if res.Total < 20 {
		t.Errorf("crude oil + SA: %d hits, want the Saudi crude oil stories (≥ 20)", res.Total)
	}
	for _, h := range res.Hits {
		if !containsFold(h.Countries, "SA") {
			t.Errorf("hit %q has countries %v, no SA", h.Title, h.Countries)
		}
	}
	if len(res.Hits) > 0 && !strings.Contains(strings.Join(res.Hits[0].Snippets, " "), "<mark>") {
		t.Errorf("first hit has no highlighted snippet: %v", res.Hits[0].Snippets)
	}
	// The text output names the hits too.
	code, stdout, _ = runCmd(t, t.Context(), "search", "crude oil", "--country", "SA", "--index", indexDir)
	if code != exitOK || !strings.Contains(stdout, "results") || !strings.Contains(stdout, "«") {
		t.Errorf("text output (exit %d):\n%.500s", code, stdout)
	}
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// TestExtractExplain checks that --explain prints the candidate post sets,
// the verdict and each article's evidence of a listing page.
func TestExtractExplain(t *testing.T) {
	page := filepath.Join("..", "..", "indexer", "extract", "testdata", "blogger-archive.html")
	code, out, errOut := runCmd(t, context.Background(), "extract", "--explain", page)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"candidate post sets",
		"hatom ",
		"verdict: listing: hatom, 3 posts",
		`#2 "Slug patrol"`,
		"date=date-header",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain output lacks %q:\n%s", want, out)
		}
	}
}
