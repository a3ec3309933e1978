package reliability

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// long turns on the full runs of the suite.
var long = flag.Bool("long", false, "run the long versions (1,000 kills, 10,000 hostile queries, a Reuters reindex under load)")

// sharedCorpora is the shared, read-only real data, relative to this
// package's folder.
const sharedCorpora = "../../../../shared/corpora"

// reuters returns the Reuters-21578 folder, or skips the test.
func reuters(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(sharedCorpora, "reuters21578"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpora not available: %v", err)
	}
	return dir
}

// reutersSubset returns a folder with the first n SGML files of Reuters
// (all of them when n is 0), linked, or skips the test.
func reutersSubset(t *testing.T, n int) string {
	t.Helper()
	src := reuters(t)
	if n == 0 {
		return src
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	for _, e := range entries {
		if n == 0 {
			break
		}
		if strings.HasSuffix(e.Name(), ".sgm") {
			if err := os.Symlink(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
				t.Fatal(err)
			}
			n--
		}
	}
	return dst
}

// buildBinary builds the clippings command into a temporary folder and
// returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "clippings")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// reindex runs `clippings reindex` to the end and fails the test if it
// fails.
func reindex(t *testing.T, bin, corpusDir, indexDir string) {
	t.Helper()
	out, err := exec.Command(bin, "reindex", "--quiet", "--corpus", corpusDir, "--index", indexDir).CombinedOutput()
	if err != nil {
		t.Fatalf("reindex: %v\n%s", err, out)
	}
}

// server is a `clippings serve` process on a loopback port.
type server struct {
	cmd  *exec.Cmd
	base string
	pid  int
}

// freePort returns a loopback address with a port free at the time.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// serve starts `clippings serve` on indexDir with extra flags and waits
// until it answers /healthz. It is killed at the end of the test.
func serve(t *testing.T, bin, indexDir string, flags ...string) *server {
	t.Helper()
	addr := freePort(t)
	args := append([]string{"serve", "--addr", addr, "--index", indexDir}, flags...)
	cmd := exec.Command(bin, args...)
	logs, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logs.Close()
	})
	s := &server{cmd: cmd, base: "http://" + addr, pid: cmd.Process.Pid}
	for range 300 {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	b, _ := os.ReadFile(logs.Name())
	t.Fatalf("the server did not start:\n%s", b)
	return nil
}

// rss returns the resident memory of process pid in bytes, or 0 when it
// cannot be read (not on Linux).
func rss(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// memoryWatch samples the resident memory of pid every 100 ms until
// stop is called, which returns the highest sample.
func memoryWatch(pid int) (stop func() int64) {
	ctx, cancel := context.WithCancel(context.Background())
	peak := make(chan int64, 1)
	go func() {
		var hi int64
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			hi = max(hi, rss(pid))
			select {
			case <-ctx.Done():
				peak <- hi
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 { cancel(); return <-peak }
}

// percentile returns the p-th percentile (0 < p ≤ 100) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

// mib formats bytes as MiB.
func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
