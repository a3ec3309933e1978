//go:build !unix

package main

import "time"

// cpuTime reports the process's CPU time as unknown: getrusage is Unix
// only.
func cpuTime() (time.Duration, bool) { return 0, false }
