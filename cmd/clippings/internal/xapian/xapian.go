//go:build xapian && cgo

package xapian

// #cgo CXXFLAGS: -std=c++17 -O2
// #cgo LDFLAGS: -lxapian
// #include <stdlib.h>
// #include "shim.h"
import "C"

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// The separators of the strings that cross the shim: fields within a
// record, and records.
const (
	fieldSep  = "\x1f"
	recordSep = "\x1e"
)

// Version is the version of the Xapian library.
func Version() string { return C.GoString(C.xap_version()) }

// Article is what the writer indexes of an article.
type Article struct {
	ID, Title, Body, Byline string
	// Date is a sortable date, such as 20060102150405, or "".
	Date string
	// Year is the year of Date, or "".
	Year string
	// Facets are the article's values by facet field: outlet, author,
	// country, topic, person.
	Facets map[string][]string
}

// Writer writes articles into a new Xapian database. It is not safe for
// concurrent use.
type Writer struct {
	w    unsafe.Pointer
	path string
}

// cerr turns an error string of the shim into an error and frees it.
func cerr(op, path string, e *C.char) error {
	msg := C.GoString(e)
	C.free(unsafe.Pointer(e))
	return fmt.Errorf("xapian: %s %s: %s", op, path, msg)
}

// Create makes a new database at path, which must not exist yet.
func Create(path string) (*Writer, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var e *C.char
	w := C.xap_writer_open(cpath, &e)
	if w == nil {
		return nil, cerr("create", path, e)
	}
	return &Writer{w: w, path: path}, nil
}

// Add adds an article.
func (w *Writer) Add(a Article) error {
	var facets []string
	for field, values := range a.Facets {
		for _, v := range values {
			facets = append(facets, field+fieldSep+v)
		}
	}
	args := []string{a.ID, a.Title, a.Body, a.Byline, a.Date, a.Year, strings.Join(facets, recordSep)}
	cs := make([]*C.char, len(args))
	for i, s := range args {
		cs[i] = C.CString(s)
		defer C.free(unsafe.Pointer(cs[i]))
	}
	var e *C.char
	if C.xap_writer_add(w.w, cs[0], cs[1], cs[2], cs[3], cs[4], cs[5], cs[6], &e) == 0 {
		return cerr("add to", w.path, e)
	}
	return nil
}

// Commit writes the articles added so far to disk.
func (w *Writer) Commit() error {
	var e *C.char
	if C.xap_writer_commit(w.w, &e) == 0 {
		return cerr("commit", w.path, e)
	}
	return nil
}

// Close commits and closes the database.
func (w *Writer) Close() error {
	var e *C.char
	if C.xap_writer_close(w.w, &e) == 0 {
		return cerr("close", w.path, e)
	}
	return nil
}

// Database is a database open for searching. It is not safe for
// concurrent use: open one per goroutine.
type Database struct {
	db   unsafe.Pointer
	path string
}

// Open opens the database at path for searching.
func Open(path string) (*Database, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var e *C.char
	db := C.xap_open(cpath, &e)
	if db == nil {
		return nil, cerr("open", path, e)
	}
	return &Database{db: db, path: path}, nil
}

// Close closes the database.
func (d *Database) Close() {
	C.xap_close(d.db)
}

// Filter keeps the articles with (or, with Not, without) a value of a
// facet field.
type Filter struct {
	Field, Value string
	Not          bool
}

// FacetValue is a value of a facet and its number of matches.
type FacetValue struct {
	Value string
	Count int
}

// Result is what a search found.
type Result struct {
	Total uint64
	// Hits are the ids of the hits shown, best first, and Snippets their
	// snippets (with facets and a query).
	Hits, Snippets []string
	// Facets are the ten most frequent values of each facet field among
	// the matches, and "year" the matches of every year (with facets).
	Facets map[string][]FacetValue
}

// Search runs query, in Xapian's QueryParser syntax with the facet
// fields outlet, authors, countries, topics and people as boolean
// prefixes ("" matches every article, newest first; otherwise hits come
// by BM25), with the filters, and returns the top size hits. With
// facets, it also counts the facets and years over every match and makes
// snippets of the hits.
func (d *Database) Search(query string, filters []Filter, facets bool, size int) (Result, error) {
	var fs []string
	for _, f := range filters {
		sign := "+"
		if f.Not {
			sign = "-"
		}
		fs = append(fs, f.Field+fieldSep+f.Value+fieldSep+sign)
	}
	cq, cf := C.CString(query), C.CString(strings.Join(fs, recordSep))
	defer C.free(unsafe.Pointer(cq))
	defer C.free(unsafe.Pointer(cf))
	withFacets := C.int(0)
	if facets {
		withFacets = 1
	}
	var out, e *C.char
	if C.xap_search(d.db, cq, cf, withFacets, C.int(size), &out, &e) == 0 {
		return Result{}, cerr("search", d.path, e)
	}
	s := C.GoString(out)
	C.free(unsafe.Pointer(out))
	return parseResult(s)
}

// parseResult reads the records of a search's result.
func parseResult(s string) (Result, error) {
	var res Result
	for _, rec := range strings.Split(strings.TrimSuffix(s, recordSep), recordSep) {
		f := strings.Split(rec, fieldSep)
		switch {
		case f[0] == "T" && len(f) == 2:
			n, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil {
				return res, fmt.Errorf("xapian: total %q: %w", f[1], err)
			}
			res.Total = n
		case f[0] == "H" && len(f) == 3:
			res.Hits = append(res.Hits, f[1])
			if f[2] != "" {
				res.Snippets = append(res.Snippets, f[2])
			}
		case f[0] == "F" && len(f) == 4:
			n, err := strconv.Atoi(f[3])
			if err != nil {
				return res, fmt.Errorf("xapian: count %q: %w", f[3], err)
			}
			if res.Facets == nil {
				res.Facets = map[string][]FacetValue{}
			}
			res.Facets[f[1]] = append(res.Facets[f[1]], FacetValue{Value: f[2], Count: n})
		default:
			return res, errors.New("xapian: a result record " + strconv.Quote(rec))
		}
	}
	return res, nil
}
