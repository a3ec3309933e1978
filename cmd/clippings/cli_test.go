package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// runTerminal runs a command line in-process as if stderr were a terminal.
func runTerminal(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, stderrIsTerminal: true,
		getenv: func(string) string { return "" }}
	code = run(t.Context(), e, args)
	return code, out.String(), errb.String()
}

// TestSearchFindsTheSampleIndex: after 'clippings serve' built the sample
// index in the cache folder, 'clippings search' with no --index and no
// reindexed corpus searches it instead of saying there is no index.
func TestSearchFindsTheSampleIndex(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if code, _, stderr := runCmd(t, t.Context(), "search", "oil"); code != exitFail || !strings.Contains(stderr, "clippings serve") {
		t.Fatalf("search before any index: exit %d, %s", code, stderr)
	}
	// What 'clippings serve' with no flags does before serving.
	if _, err := reindex(t.Context(), corpus.Sample(), defaultDir("sample"), reindexOptions{}); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, t.Context(), "search", "--size", "1", "")
	if code != exitOK || !strings.Contains(stdout, "results") || !strings.Contains(stderr, "searching the sample index") {
		t.Errorf("search after serve: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		code, stdout, _ := runCmd(t, t.Context(), arg)
		if code != exitOK || !strings.HasPrefix(stdout, "clippings ") || !strings.Contains(stdout, "go1.") {
			t.Errorf("%s: exit %d, %q", arg, code, stdout)
		}
	}
}

// TestReindexReport: counts in words, skipped files as lines a person
// reads on a terminal and named by the summary (the first 20, the rest in
// a file), and no summary before an error that stops the run.
func TestReindexReport(t *testing.T) {
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("one.txt", "Harbour cranes fall silent\n\n12 May 2024\n\nDock workers in Rotterdam stopped work on Monday.\n")
	write("broken.html.gz", "not gzip at all")
	code, _, stderr := runTerminal(t, "reindex", "--quiet", "--corpus", corpusDir, "--index", indexDir)
	if code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	for _, want := range []string{"read 1 file, 1 article;", "skipped 1 file ", "skipped broken.html.gz: corrupt gzip (gzip: invalid header)\n", "skipped:\n  broken.html.gz: corrupt gzip (gzip: invalid header)\n"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "level=") || strings.Contains(stderr, "msg=") {
		t.Errorf("key=value logs on a terminal:\n%s", stderr)
	}

	for i := range 25 {
		write(fmt.Sprintf("picture%02d.jpg", i), "not an article")
	}
	code, _, stderr = runCmd(t, t.Context(), "reindex", "--corpus", corpusDir, "--index", indexDir)
	if code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	list := filepath.Join(indexDir, skippedListFile)
	if !strings.Contains(stderr, "skipped 26 files") || strings.Count(stderr, "\n  ") != 21 ||
		!strings.Contains(stderr, "  and 6 more, all listed in "+list) {
		t.Errorf("summary of 26 skipped files:\n%s", stderr)
	}
	if b, err := os.ReadFile(list); err != nil || strings.Count(string(b), "\n") != 26 || !strings.Contains(string(b), "picture24.jpg: unsupported") {
		t.Errorf("%s: %v\n%s", list, err, b)
	}

	// A bad topic query stops the run: no summary line before the error.
	write(corpus.ConfigFile, "[topics]\n\"Broken\" = \"(oil\"\n")
	code, _, stderr = runCmd(t, t.Context(), "reindex", "--corpus", corpusDir, "--index", indexDir)
	if code != exitFail || strings.Contains(stderr, "read 1 file") || !strings.Contains(stderr, "stopped after reading 1 file") {
		t.Errorf("reindex with a bad topic: exit %d\n%s", code, stderr)
	}
}

// TestReindexEmptyFolder: a folder that yields no article does not replace
// a live index unless --allow-empty.
func TestReindexEmptyFolder(t *testing.T) {
	full, empty, indexDir := t.TempDir(), t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "one.txt"), []byte("A title\n\nSome text about oil.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "notes.jpg"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// An empty folder may make the first index.
	if code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", empty, "--index", filepath.Join(indexDir, "first")); code != exitOK {
		t.Errorf("first reindex of an empty folder: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", full, "--index", indexDir); code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", empty, "--index", indexDir)
	if code != exitFail || !strings.Contains(stderr, "refusing to replace the live index of 1 article") || !strings.Contains(stderr, "--allow-empty") {
		t.Errorf("reindex of an empty folder over a live index: exit %d\n%s", code, stderr)
	}
	if _, stdout, _ := runCmd(t, t.Context(), "search", "--index", indexDir, "oil"); !strings.Contains(stdout, "1 results") {
		t.Errorf("the live index changed: %s", stdout)
	}
	if code, _, stderr := runCmd(t, t.Context(), "reindex", "--allow-empty", "--corpus", empty, "--index", indexDir); code != exitOK {
		t.Errorf("reindex --allow-empty: exit %d\n%s", code, stderr)
	}
	if _, stdout, _ := runCmd(t, t.Context(), "search", "--index", indexDir, "oil"); !strings.Contains(stdout, "no results") {
		t.Errorf("after --allow-empty: %s", stdout)
	}
}

// TestSearchFilters: filter flags ignore case and accents, countries take
// names, and a value that matches nothing is said so with suggestions.
func TestSearchFilters(t *testing.T) {
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	text := "Lessons from the Woolwich attack\n\nBy Raffaello Pantucci\n12 May 2014\n\n" +
		"The murder of Lee Rigby in London shocked Britain. Police in London and officials in Paris, France, " +
		"said the attackers had travelled. London and Britain are still debating it.\n\n" +
		"In London, Lee Rigby was remembered by the British army.\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "rigby.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", corpusDir, "--index", indexDir); code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{
		{"--author", "raffaello pantucci"}, {"--author", "RAFFAELLO PANTUCCI"}, {"--person", "lee rigby"}, {"--country", "britain"},
	} {
		code, stdout, stderr := runCmd(t, t.Context(), append([]string{"search", "--index", indexDir}, args...)...)
		if code != exitOK || !strings.HasPrefix(stdout, "1 results") {
			t.Errorf("search %q: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	code, stdout, _ := runCmd(t, t.Context(), "search", "--index", indexDir, "--author", "pantuci")
	if code != exitOK || !strings.Contains(stdout, `no article has author "pantuci"; did you mean Raffaello Pantucci (1 article)?`) ||
		!strings.Contains(stdout, "no results") {
		t.Errorf("search --author pantuci: exit %d\n%s", code, stdout)
	}
}

// TestExportCommand: 'clippings export' streams the whole result set of a
// search from the index, as CSV or JSON Lines, to stdout or a file.
func TestExportCommand(t *testing.T) {
	indexDir := t.TempDir()
	if _, err := reindex(t.Context(), corpus.Sample(), indexDir, reindexOptions{}); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := runCmd(t, t.Context(), "search", "--index", indexDir, "--json", "--size", "1", "")
	var all struct{ Total int }
	if err := json.Unmarshal([]byte(stdout), &all); err != nil || all.Total < 20 {
		t.Fatalf("search: %v %s", err, stdout)
	}
	code, stdout, stderr := runCmd(t, t.Context(), "export", "--index", indexDir)
	if code != exitOK {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || len(rows)-1 != all.Total || !slices.Contains(rows[0], "date_precision") {
		t.Errorf("csv export: %v, %d rows for %d articles, header %q", err, len(rows)-1, all.Total, rows[0])
	}

	out := filepath.Join(t.TempDir(), "gb.jsonl")
	code, _, stderr = runCmd(t, t.Context(), "export", "--index", indexDir, "--format", "jsonl", "--out", out, "--country", "Britain")
	if code != exitOK || !strings.HasPrefix(stderr, "wrote ") {
		t.Fatalf("export --out exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if !strings.Contains(stderr, fmt.Sprintf("wrote %d articles to %s", len(lines), out)) || len(lines) == 0 || len(lines) == all.Total {
		t.Errorf("export --country Britain: %d lines; %s", len(lines), stderr)
	}
	for _, l := range lines {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		if cs, _ := a["countries"].([]any); !slices.Contains(cs, any("GB")) {
			t.Errorf("%s: countries %v", a["id"], a["countries"])
		}
		for k, v := range a {
			if v == nil && k != "date" {
				t.Errorf("%s: %s is null", a["id"], k)
			}
		}
	}
	if code, _, _ := runCmd(t, t.Context(), "export", "--index", indexDir, "--format", "xml"); code != exitUsage {
		t.Errorf("export --format xml: exit %d, want %d", code, exitUsage)
	}
}

// TestAuthorsTable: the corpus's [authors] table merges spellings of one
// author, matched on the name as shown, in any case and word order.
func TestAuthorsTable(t *testing.T) {
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	files := map[string]string{
		"a.txt":           "Networks in Europe\n\nBy Raffaello Pantucci\n12 May 2014\n\nA report on networks in Europe.\n",
		"b.txt":           "Lone actors\n\nBy R. Pantucci\n13 May 2014\n\nA report on lone actors.\n",
		"c.txt":           "Foreign fighters\n\nBy PANTUCCI RAFFAELLO\n14 May 2014\n\nA report on foreign fighters.\n",
		corpus.ConfigFile: "[authors]\n\"r. pantucci\" = \"Raffaello Pantucci\"\n\"Pantucci Raffaello\" = \"Raffaello Pantucci\"\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", corpusDir, "--index", indexDir); code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	_, stdout, _ := runCmd(t, t.Context(), "search", "--index", indexDir, "--json", "")
	var res struct {
		Total  int
		Facets map[string][]struct {
			Value string
			Count int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if a := res.Facets["author"]; res.Total != 3 || len(a) != 1 || a[0].Value != "Raffaello Pantucci" || a[0].Count != 3 {
		t.Errorf("authors %+v of %d articles, want Raffaello Pantucci on all 3", a, res.Total)
	}
}

// TestReindexReutersAsShipped: documentation, word lists, the CIA fact
// book and the descriptions of the codes of Reuters-21578 are not
// articles; a dry run lists what would be read, by format, and what is
// left out and why.
func TestReindexReutersAsShipped(t *testing.T) {
	dir := needShared(t, "reuters21578")
	code, stdout, stderr := runCmd(t, t.Context(), "reindex", "--dry-run", "--corpus", dir)
	if code != exitOK {
		t.Fatalf("dry run exit %d: %s", code, stderr)
	}
	for _, want := range []string{"would read 22 files", "  sgml: 22 files\n    reut2-000.sgm\n", "  cat-descriptions_120396.txt: code descriptions\n",
		"  README.txt: documentation\n", "  lewis.dtd: documentation\n", "  all-people-strings.lc.txt: word list or data\n",
		"  feldman-cia-worldfactbook-data.txt: word list or data\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCmd(t, t.Context(), "reindex", "--dry-run", "--corpus", dir, "--exclude", "*.txt", "--exclude", "reut2-02*")
	if code != exitOK || !strings.Contains(stdout, "would read 20 files") || !strings.Contains(stdout, "reut2-021.sgm: excluded by --exclude") {
		t.Errorf("dry run with --exclude:\n%s", stdout)
	}
}
