package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainPage prints Explain for the archives-dev pages named in
// CLIPPINGS_EXPLAIN (site/pages/…html.gz, comma-separated); it skips
// without it. It is a tool for looking at a page, not a check.
func TestExplainPage(t *testing.T) {
	list := os.Getenv("CLIPPINGS_EXPLAIN")
	if list == "" {
		t.Skip("set CLIPPINGS_EXPLAIN=site/pages/path.html.gz to explain a page")
	}
	root := corpusDir(t, "archives-dev")
	x := New(Options{})
	for _, rel := range strings.Split(list, ",") {
		_, rest, _ := strings.Cut(rel, "/")
		f := readGz(t, filepath.Join(root, rel), sitePathOf(rest, ""))
		out, err := x.Explain(f)
		t.Logf("%s\n%v", out, err)
	}
}
