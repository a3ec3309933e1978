package search

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestStoreLock(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stale locks are only detected on unix")
	}
	dir := t.TempDir()
	s := openStore(t, dir, Options{})
	lockPath := filepath.Join(dir, lockFile)

	// A Rebuild holds the lock while it builds.
	var held string
	err := s.Rebuild(context.Background(), func(ctx context.Context, ix *Index) error {
		b, _ := os.ReadFile(lockPath)
		held = string(b)
		return writeAll(fixture())(ctx, ix)
	})
	if err != nil {
		t.Fatal(err)
	}
	if pid, _ := parseLock(held); pid != os.Getpid() {
		t.Errorf("LOCK during a rebuild = %q, want this process's id %d", held, os.Getpid())
	}
	if _, err := os.Stat(lockPath); !os.IsNotExist(err) {
		t.Errorf("LOCK left after the rebuild: %v", err)
	}
	live := s.Version()

	// A lock held by a running process (here an flock through another
	// open file) stops a second rebuild, which leaves everything as it
	// was.
	other := os.Getppid()
	if err := os.WriteFile(lockPath, []byte(strconv.Itoa(other)+" 2026-01-01T00:00:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	holder, err := os.OpenFile(lockPath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := lockHeld(holder); held || err != nil {
		t.Fatalf("taking the flock: held %v, %v", held, err)
	}
	err = s.Rebuild(context.Background(), writeAll(fixture()))
	holder.Close()
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(other)) {
		t.Errorf("Rebuild with a held lock: %v, want ErrLocked naming pid %d", err, other)
	}
	if s.Version() != live || len(generations(t, dir)) != 1 {
		t.Errorf("a refused rebuild changed the store: version %s, generations %v", s.Version(), generations(t, dir))
	}

	// A lock left by a process that has ended, or a damaged one, is
	// stale and replaced.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run a short-lived process: %v", err)
	}
	for _, content := range []string{strconv.Itoa(cmd.Process.Pid) + " 2026-01-01T00:00:00Z\n", "garbage", ""} {
		if err := os.Remove(lockPath); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := os.WriteFile(lockPath, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.Rebuild(context.Background(), writeAll(fixture())); err != nil {
			t.Errorf("Rebuild with the stale lock %q: %v", content, err)
		}
		if _, err := os.Stat(lockPath); !os.IsNotExist(err) {
			t.Errorf("stale lock %q: LOCK left after the rebuild: %v", content, err)
		}
	}
}

// TestStoreLockReusedPID checks that a LOCK left by a killed reindex whose
// PID now belongs to a live process (PID 1 in a container after a
// restart) does not block the next reindex: nobody holds its flock.
func TestStoreLockReusedPID(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stale locks are only detected on unix")
	}
	dir := t.TempDir()
	s := openStore(t, dir, Options{})
	for _, pid := range []int{1, os.Getppid()} {
		lock := strconv.Itoa(pid) + " 2026-01-01T00:00:00Z oldhost\n"
		if err := os.WriteFile(filepath.Join(dir, lockFile), []byte(lock), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.Rebuild(context.Background(), writeAll(fixture())); err != nil {
			t.Errorf("Rebuild with a LOCK naming the live pid %d, unheld: %v", pid, err)
		}
	}
}

// TestStoreRemovesLeftovers checks that a Rebuild removes the half-built
// generations and temporary CURRENT files of killed runs, and keeps the
// live and the previous generation.
func TestStoreRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, Options{})
	for range 2 {
		if err := s.Rebuild(context.Background(), writeAll(fixture())); err != nil {
			t.Fatal(err)
		}
	}
	keep := generations(t, dir)
	// Half-built generations, older and newer than the live one; a
	// complete one newer (killed before it switched CURRENT) and one
	// older than the previous (killed before it pruned).
	for _, n := range []string{"gen-20000101T000000.000000000Z", "gen-29990101T000000.000000000Z", keep[1] + "0",
		"gen-29990102T000000.000000000Z", "gen-20000102T000000.000000000Z"} {
		if err := os.MkdirAll(filepath.Join(dir, n, "store"), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(n, "0102T000000.000000000Z") {
			if err := markComplete(filepath.Join(dir, n)); err != nil {
				t.Fatal(err)
			}
		}
	}
	tmp := filepath.Join(dir, currentFile+".12345.tmp")
	if err := os.WriteFile(tmp, []byte("gen-x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	got := generations(t, dir)
	if len(got) != 2 || got[0] != keep[1] || got[1] != s.Version() {
		t.Errorf("generations after a rebuild = %v, want the previous %s and the live %s only", got, keep[1], s.Version())
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("%s left: %v", tmp, err)
	}
}
