package reliability

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

var (
	crashRuns = flag.Int("crash.runs", 0, "reindexes to SIGKILL (0: 25, or 1,000 with -long)")
	crashSeed = flag.Uint64("crash.seed", 13, "seed of the kill points")
)

// letters spells n in the letters a-z, so that it is one word to the
// analyzers.
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}

// writeMarker writes the corpus's marker article of run i: the word
// zqmark<i> is only in it.
func writeMarker(t *testing.T, corpusDir string, i int) {
	t.Helper()
	text := fmt.Sprintf("Marker of run %d\n\nThe zqmark%s article marks run %d of the crash harness.\n", i, letters(i), i)
	if err := os.WriteFile(filepath.Join(corpusDir, "marker.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCrashReindex SIGKILLs `clippings reindex` at seeded random points,
// from its start to past its usual end, and checks after every run that
// the index opens, serves, and holds exactly the last completed reindex:
// the marker article of that run and no other, and every other article.
// It also checks that no kill blocks the next reindex (the LOCK) and that
// the leftovers of killed runs do not pile up.
func TestCrashReindex(t *testing.T) {
	runs := *crashRuns
	if runs == 0 {
		runs = 25
		if *long {
			runs = 1000
		}
	}
	bin := buildBinary(t)
	corpusDir, indexDir := t.TempDir(), t.TempDir()
	if err := os.CopyFS(corpusDir, corpus.Sample()); err != nil {
		t.Fatal(err)
	}
	// Generated articles make the building of the index, and not only
	// the start of the process, a good share of a run.
	for i := range 400 {
		text := fmt.Sprintf("Generated dispatch %d\n\nThe port of Harwich handled %d containers on day %d, "+
			"the harbour master said, as grain and timber shipments rose again.\n", i, 1000+i, i%28+1)
		if err := os.WriteFile(filepath.Join(corpusDir, fmt.Sprintf("gen-%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Calibrate: the kill points spread over 0 to 1.3 times the median
	// of three full runs, after a first one that warms the caches.
	var runs3 []time.Duration
	for i := range 4 {
		writeMarker(t, corpusDir, i)
		start := time.Now()
		reindex(t, bin, corpusDir, indexDir)
		if i > 0 {
			runs3 = append(runs3, time.Since(start))
		}
	}
	full := percentile(runs3, 50)
	lastDone := 3
	want := count(t, indexDir)
	window := full * 13 / 10
	t.Logf("a full reindex takes %v (median); kill points in [0, %v); seed %d; %d runs", full, window, *crashSeed, runs)

	rng := rand.New(rand.NewPCG(*crashSeed, 0))
	var killed, completed, afterSwap, maxGens int
	start := time.Now()
	for i := 4; i < runs+4; i++ {
		writeMarker(t, corpusDir, i)
		delay := time.Duration(rng.Int64N(int64(window)))
		cmd := exec.Command(bin, "reindex", "--quiet", "--corpus", corpusDir, "--index", indexDir)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var err error
		select {
		case err = <-exited:
		case <-time.After(delay):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			err = <-exited
		}
		var ee *exec.ExitError
		switch {
		case err == nil:
			completed++
			lastDone = i
		case errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled():
			killed++
		default:
			t.Fatalf("run %d failed on its own: %v\n%s", i, err, out.String())
		}

		// The index opens and serves the last completed run (or this
		// one, when the kill came after its switch).
		got := marker(t, indexDir, lastDone)
		if !got && err != nil && marker(t, indexDir, i) {
			afterSwap++
			lastDone, got = i, true
		}
		if !got {
			t.Fatalf("run %d (killed after %v): the index does not hold the marker of run %d, the last completed", i, delay, lastDone)
		}
		if n := count(t, indexDir); n != want {
			t.Fatalf("run %d: the index holds %d articles, want %d", i, n, want)
		}
		maxGens = max(maxGens, len(generations(t, indexDir)))
	}
	elapsed := time.Since(start)

	// One more run removes what the last kills left.
	writeMarker(t, corpusDir, runs+4)
	reindex(t, bin, corpusDir, indexDir)
	left := generations(t, indexDir)
	t.Logf("crash harness: %d runs in %v: %d killed (%d after the switch of CURRENT), %d completed; "+
		"index checked after each: opens, serves, holds exactly the last completed run; "+
		"at most %d generation folders at once; %d left after a final run",
		runs, elapsed.Round(time.Second), killed, afterSwap, completed, maxGens, len(left))
	if len(left) > 2 {
		t.Errorf("after a completed run the folder holds %v, want the live and the previous generation only", left)
	}
	if maxGens > 3 {
		t.Errorf("at most %d generation folders at once, want 3 at most (live, previous, one in the making)", maxGens)
	}
}

// marker reports whether the live index of dir holds the marker article
// of run i.
func marker(t *testing.T, dir string, i int) bool {
	t.Helper()
	return searchTotal(t, dir, "zqmark"+letters(i)) == 1
}

// searchTotal opens the live index of dir and returns the number of
// articles matching q.
func searchTotal(t *testing.T, dir, q string) uint64 {
	t.Helper()
	s, err := search.OpenStore(dir, search.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the index does not open: %v", err)
	}
	defer s.Close()
	res, err := s.Search(context.Background(), search.Request{Query: q})
	if err != nil {
		t.Fatalf("the index does not serve: %v", err)
	}
	return res.Total
}

// count returns the number of articles of the live index of dir.
func count(t *testing.T, dir string) uint64 {
	t.Helper()
	s, err := search.OpenStore(dir, search.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the index does not open: %v", err)
	}
	defer s.Close()
	n, err := s.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// generations lists the generation folders of dir.
func generations(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "gen-") {
			out = append(out, e.Name())
		}
	}
	return out
}
