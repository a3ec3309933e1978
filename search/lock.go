package search

import (
	"errors"
	"fmt"
	"io"
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

// lock takes the Store folder's LOCK file for a Rebuild. On unix the lock
// is an flock on LOCK, which the kernel releases when its process ends,
// however it ends: a LOCK left by a killed reindex is stale even when its
// PID has been given to another process since (PID 1 in a container after
// a restart). LOCK also holds the PID, start time and host of its holder,
// for the error message. Elsewhere the PID alone tells. The returned
// function releases the lock.
func (s *Store) lock() (unlock func(), err error) {
	path := filepath.Join(s.dir, lockFile)
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		held, err := lockHeld(f)
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		b, rerr := io.ReadAll(f)
		if rerr != nil {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, rerr)
		}
		pid, since := parseLock(string(b))
		if !hasFlock && pid > 0 && pid != os.Getpid() && processAlive(pid) {
			held = true
		}
		if held {
			_ = f.Close()
			return nil, fmt.Errorf("%w (pid %d, since %s); wait for it to end, or remove %s if that process is not a reindex",
				ErrLocked, pid, since, path)
		}
		if !sameFile(f, path) {
			// Its holder removed it between our open and our flock.
			_ = f.Close()
			continue
		}
		if len(b) > 0 {
			s.opts.logger().Warn("replacing a stale lock", "path", path, "pid", pid, "since", since)
		}
		host, _ := os.Hostname()
		err = f.Truncate(0)
		if err == nil {
			_, err = f.WriteAt(fmt.Appendf(nil, "%d %s %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339), host), 0)
		}
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		return func() {
			// Remove before closing: the flock still keeps a second
			// process out until LOCK is gone.
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				s.opts.logger().Warn("could not remove the lock", "path", path, "err", err)
			}
			_ = f.Close()
		}, nil
	}
	return nil, fmt.Errorf("lock %s: it keeps being replaced: %w", path, ErrLocked)
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
