//go:build unix

package search

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockHeld takes an exclusive flock on f without waiting, and reports
// false when another open file (of this process or another) holds it.
// The kernel releases an flock when its process ends, however it ends,
// so a LOCK whose flock can be taken is stale whatever PID it names.
func lockHeld(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("flock %s: %w", f.Name(), err)
	}
	return false, nil
}

// sameFile reports whether the open file f is still the file at path,
// and not one removed (or replaced) since it was opened.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// hasFlock is true where LOCK is an flock; elsewhere only its PID tells.
const hasFlock = true

// processAlive reports whether a process with the id pid runs on this
// machine.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
