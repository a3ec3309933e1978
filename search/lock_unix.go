//go:build unix

package search

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with the id pid runs on this
// machine.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
