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

	// A lock held by a running process stops a second rebuild, which
	// leaves everything as it was.
	other := os.Getppid()
	if err := os.WriteFile(lockPath, []byte(strconv.Itoa(other)+" 2026-01-01T00:00:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = s.Rebuild(context.Background(), writeAll(fixture()))
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
