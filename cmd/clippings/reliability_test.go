package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestReindexPastLinkLoopAndBoundedSearch checks two defects of issue 13
// through the command line: a symbolic link loop in the corpus, which
// stopped reindex, is reported and skipped; and a regular expression
// whose automaton explodes, which ran for 30 seconds, is refused at once
// with the bound it passes.
func TestReindexPastLinkLoopAndBoundedSearch(t *testing.T) {
	ctx := t.Context()
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	if err := os.CopyFS(corpusDir, corpus.Sample()); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop", filepath.Join(corpusDir, "loop")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	code, _, stderr := runCmd(t, ctx, "reindex", "--quiet", "--corpus", corpusDir, "--index", indexDir)
	if code != exitOK {
		t.Fatalf("reindex exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "symbolic link loop: 1") {
		t.Errorf("the link loop is not counted:\n%s", stderr)
	}
	for q, want := range map[string]string{
		"/(.{0,300}){0,3}/": "repetition count can be at most 20",
		"/.{0,1000}/":       "repetition count can be at most 20",
	} {
		code, _, stderr := runCmd(t, ctx, "search", "--index", indexDir, q)
		if code != exitFail || !strings.Contains(stderr, want) {
			t.Errorf("search %s: exit %d, %s; want %d and a message with %q", q, code, stderr, exitFail, want)
		}
	}
	code, stdout, stderr := runCmd(t, ctx, "search", "--index", indexDir, "ka"+strings.Repeat("*", 999))
	if code != exitOK || stdout == "" {
		t.Errorf("search ka*** (999 stars): exit %d, %s; want the hits of ka*", code, stderr)
	}
}
