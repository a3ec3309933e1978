package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainFile prints Explain for the files named in
// CLIPPINGS_EXPLAIN_FILE (paths, comma-separated); it skips without it.
func TestExplainFile(t *testing.T) {
	list := os.Getenv("CLIPPINGS_EXPLAIN_FILE")
	if list == "" {
		t.Skip("set CLIPPINGS_EXPLAIN_FILE=path to explain a file")
	}
	x := New(Options{})
	for _, rel := range strings.Split(list, ",") {
		out, err := x.Explain(readFile(t, filepath.Dir(rel), filepath.Base(rel)))
		t.Logf("%s\n%v", out, err)
	}
}
