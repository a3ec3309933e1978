package search

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockFile is held in a Store's folder while a Rebuild runs, so that two
// processes do not rebuild the same folder at once.
const lockFile = "LOCK"

// ErrLocked is returned by Rebuild when another process is rebuilding the
// same Store folder.
var ErrLocked = errors.New("another reindex is building this index")

// lock takes the Store folder's LOCK file for a Rebuild. A LOCK left by a
// process that has ended (a crash, a kill -9) is stale: it is replaced.
// The returned function releases the lock.
func (s *Store) lock() (unlock func(), err error) {
	path := filepath.Join(s.dir, lockFile)
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := fmt.Fprintf(f, "%d %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				_ = os.Remove(path)
				return nil, fmt.Errorf("lock %s: %w", path, werr)
			}
			return func() {
				if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					s.opts.logger().Warn("could not remove the lock", "path", path, "err", err)
				}
			}, nil
		}
		if !errors.Is(err, fs.ErrExist) || attempt > 0 {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		b, rerr := os.ReadFile(path)
		if rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return nil, fmt.Errorf("lock %s: %w", path, rerr)
		}
		pid, since := parseLock(string(b))
		if pid > 0 && processAlive(pid) {
			return nil, fmt.Errorf("%w (pid %d, since %s); wait for it to end, or remove %s if that process is not a reindex",
				ErrLocked, pid, since, path)
		}
		s.opts.logger().Warn("replacing a stale lock", "path", path, "pid", pid, "since", since)
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
	}
}

// parseLock reads the process id and start time written in a LOCK file.
// A file that cannot be read gives pid 0: it is stale.
func parseLock(s string) (pid int, since string) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return 0, ""
	}
	pid, _ = strconv.Atoi(f[0])
	if len(f) > 1 {
		since = f[1]
	}
	return pid, since
}
