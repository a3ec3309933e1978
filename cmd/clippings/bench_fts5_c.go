//go:build sqlite_fts5 && cgo

package main

import (
	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3", with FTS5 by the build tag sqlite_fts5
)

// newFTS5C returns the FTS5 yardstick through github.com/mattn/go-sqlite3,
// SQLite's C compiled by cgo, with its database at path.
func newFTS5C(path string) (yardstick, bool) {
	return &fts5Index{name: "FTS5 C", about: "github.com/mattn/go-sqlite3, SQLite's C compiled by cgo", driver: "sqlite3", path: path}, true
}
