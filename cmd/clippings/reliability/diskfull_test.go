package reliability

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestDiskFull reindexes into a small filesystem (a 3 MiB tmpfs, which
// needs root): a small corpus fits, a larger one fills the disk. The
// failed reindex must say so and exit 1, and leave the live generation as
// it was, opening and serving, with no half-built generation, temporary
// CURRENT or LOCK left behind; once space is freed, the next reindex
// works.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small filesystem needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small filesystem: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", mnt).Run() })
	bin := buildBinary(t)
	small := t.TempDir()
	if err := os.CopyFS(small, corpus.Sample()); err != nil {
		t.Fatal(err)
	}
	big := reutersSubset(t, 1)
	indexDir := filepath.Join(mnt, "index")

	reindex(t, bin, small, indexDir)
	live := generations(t, indexDir)
	want := count(t, indexDir)

	out, err := exec.Command(bin, "reindex", "--quiet", "--corpus", big, "--index", indexDir).CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	t.Logf("reindex of 1,000 Reuters articles into 3 MiB: exit %d: %s", code, lastLine(string(out)))
	if code != 1 || !strings.Contains(string(out), "no space left on device") {
		t.Fatalf("reindex on a full disk: exit %d, %s; want exit 1 saying the disk is full", code, out)
	}
	if got := generations(t, indexDir); len(got) != 1 || got[0] != live[0] {
		t.Errorf("generations after the failure = %v, want only the live %v", got, live)
	}
	if n := count(t, indexDir); n != want || !marker0(t, indexDir) {
		t.Errorf("the live index holds %d articles after the failure, want %d and its searches", n, want)
	}
	entries, _ := os.ReadDir(indexDir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || e.Name() == "LOCK" {
			t.Errorf("%s left behind", e.Name())
		}
	}
	// Space is free again: the next reindex works.
	reindex(t, bin, small, indexDir)
	if n := count(t, indexDir); n != want {
		t.Errorf("after a new reindex: %d articles, want %d", n, want)
	}
}

// marker0 reports whether the live index of dir answers a search that
// the sample corpus matches.
func marker0(t *testing.T, dir string) bool {
	t.Helper()
	return searchTotal(t, dir, "") > 0
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
