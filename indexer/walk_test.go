package indexer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestExtractPastLinkLoops checks that symbolic link loops and a dangling
// link in a corpus folder, which stopped extract and reindex with "too
// many levels of symbolic links", are counted as skipped and the run
// reads the rest.
func TestExtractPastLinkLoops(t *testing.T) {
	dir := t.TempDir()
	text := "Grain deal\n\nThe grain deal was signed in Istanbul on Friday by the four parties."
	if err := os.WriteFile(filepath.Join(dir, "deal.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"loop-a": "loop-b", "loop-b": "loop-a", "self.png": "self.png", "gone.txt": "missing.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	sum, err := New(Options{Workers: 1}).Extract(context.Background(), os.DirFS(dir), func(corpus.Article) error { return nil })
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if sum.Articles != 1 || sum.Skipped[corpus.SkipLinkLoop] != 3 || sum.Skipped[corpus.SkipDanglingLink] != 1 {
		t.Errorf("summary %s, want 1 article and 3 link loops and 1 dangling link skipped", sum)
	}
}
