package reliability

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var loadRate = flag.Int("load.rate", 20, "searches per second sent by the load generator")

// loadQueries are ordinary searches, cycled through by the load
// generator.
var loadQueries = []string{"q=oil", "q=crude+oil", "q=wheat+OR+grain", "q=country:us", "q=", "q=bank&sort=newest",
	"q=dollar&page=2", "q=%22interest+rates%22", "q=gold+-silver", "q=title:profit", "q=tag:earn", "q=sugar&country=US"}

// TestLoadDuringReindex sends searches at a fixed arrival rate (an open
// loop: each at its time, whether the previous ones have answered or not,
// and timed from that time) to a server while `clippings reindex` builds
// a new generation of its index with one more article, and the server
// switches to it. It checks that every search answers 200 and reports
// the latency, overall and around the switch.
func TestLoadDuringReindex(t *testing.T) {
	files := 2
	if *long {
		files = 0
	}
	bin := buildBinary(t)
	corpusA := reutersSubset(t, files)
	indexDir := t.TempDir()
	reindex(t, bin, corpusA, indexDir)
	// Corpus B: A and one more article.
	corpusB := t.TempDir()
	entries, err := os.ReadDir(corpusA)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		target, err := filepath.EvalSymlinks(filepath.Join(corpusA, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(corpusB, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	extra := "Harbour cranes fall silent\n\nDock workers in Rotterdam stopped work on Monday.\n"
	if err := os.WriteFile(filepath.Join(corpusB, "extra.txt"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, bin, indexDir)
	before := articles(t, srv)

	type sample struct {
		at     time.Time // when it was due
		took   time.Duration
		status int
		err    error
	}
	var mu sync.Mutex
	var samples []sample
	var wg sync.WaitGroup
	stop := make(chan struct{})
	client := &http.Client{Timeout: 30 * time.Second}
	generator := make(chan struct{})
	go func() {
		defer close(generator)
		every := time.Second / time.Duration(*loadRate)
		next := time.Now()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(time.Until(next)):
			}
			due := next
			q := loadQueries[i%len(loadQueries)]
			wg.Go(func() {
				resp, err := client.Get(srv.base + "/api/v1/search?" + q)
				s := sample{at: due, err: err}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					s.status = resp.StatusCode
				}
				s.took = time.Since(due)
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
			})
			next = next.Add(every)
		}
	}()

	time.Sleep(2 * time.Second) // load before the reindex
	reindexStart := time.Now()
	out, err := exec.Command(bin, "reindex", "--quiet", "--corpus", corpusB, "--index", indexDir).CombinedOutput()
	if err != nil {
		t.Fatalf("reindex: %v\n%s", err, out)
	}
	reindexEnd := time.Now()
	// The server picks the new generation up within its 2 s poll.
	var swap time.Time
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if articles(t, srv) == before+1 {
			swap = time.Now()
			break
		}
	}
	time.Sleep(2 * time.Second) // load after the switch
	close(stop)
	<-generator
	wg.Wait()
	if swap.IsZero() {
		t.Fatal("the server did not switch to the new generation")
	}

	var all, during, around []time.Duration
	errors := 0
	for _, s := range samples {
		if s.err != nil || s.status != http.StatusOK {
			errors++
			if errors <= 5 {
				t.Errorf("search due at %v: status %d, %v", s.at.Format(time.TimeOnly), s.status, s.err)
			}
		}
		all = append(all, s.took)
		if !s.at.Before(reindexStart) && s.at.Before(swap) {
			during = append(during, s.took)
		}
		if s.at.After(swap.Add(-2*time.Second)) && s.at.Before(swap.Add(time.Second)) {
			around = append(around, s.took)
		}
	}
	t.Logf("load: %d searches at %d/s (open loop) over %v; reindex of %d+1 articles took %v, switch seen %v after it; errors: %d",
		len(samples), *loadRate, (reindexEnd.Sub(reindexStart) + 4*time.Second).Round(time.Second), before,
		reindexEnd.Sub(reindexStart).Round(time.Millisecond), swap.Sub(reindexEnd).Round(time.Millisecond), errors)
	t.Logf("latency: all p50 %v p99 %v max %v; during the reindex p99 %v max %v; from 2 s before to 1 s after the switch: %d searches, max %v",
		percentile(all, 50).Round(time.Millisecond), percentile(all, 99).Round(time.Millisecond), percentile(all, 100).Round(time.Millisecond),
		percentile(during, 99).Round(time.Millisecond), percentile(during, 100).Round(time.Millisecond),
		len(around), percentile(around, 100).Round(time.Millisecond))
}

// articles returns the number of articles /readyz reports.
func articles(t *testing.T, s *server) uint64 {
	t.Helper()
	resp, err := http.Get(s.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct{ Articles uint64 }
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	return h.Articles
}
