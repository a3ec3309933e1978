//go:build !(sqlite_fts5 && cgo)

package main

// newFTS5C reports that this build has no FTS5 yardstick compiled from
// SQLite's C: that needs cgo and the build tag sqlite_fts5.
func newFTS5C(string) (yardstick, bool) { return nil, false }
