//go:build xapian && cgo

package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/clippings/clippings/cmd/clippings/internal/xapian"
	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

// This file is the Xapian yardstick of `clippings bench`, built with the
// build tag xapian: the articles in a Xapian database (package
// internal/xapian) and the bench's queries in Xapian's query parser
// syntax.

// xapianIndex is a Xapian database of articles.
type xapianIndex struct {
	path string
	// dbs are the database's handles for queries, free ones waiting: a
	// handle is for one goroutine at a time.
	dbs chan *xapian.Database
}

// newXapian returns the Xapian yardstick with its database at path.
func newXapian(path string) (yardstick, bool) { return &xapianIndex{path: path}, true }

// Name is the engine as the tables name it.
func (ix *xapianIndex) Name() string { return "Xapian" }

// About says what the engine is.
func (ix *xapianIndex) About() string {
	return fmt.Sprintf("Xapian %s through a cgo shim, glass backend", xapian.Version())
}

// Path is the database's folder.
func (ix *xapianIndex) Path() string { return ix.path }

// Load makes a new database and writes the articles into it, committing
// every indexer.DefaultBatchSize articles.
func (ix *xapianIndex) Load(ctx context.Context, arts []corpus.Article) error {
	if _, err := os.Stat(ix.path); err == nil {
		return fmt.Errorf("load %s: the database exists", ix.path)
	}
	w, err := xapian.Create(ix.path)
	if err != nil {
		return err
	}
	for i, a := range arts {
		if err := ctx.Err(); err != nil {
			w.Close()
			return fmt.Errorf("load %s: %w", ix.path, err)
		}
		xa := xapian.Article{ID: a.ID, Title: a.Title, Body: a.Body, Byline: strings.Join(a.Authors, ", "),
			Facets: map[string][]string{fts5Outlet: {a.Outlet}, fts5Author: a.Authors, fts5Country: a.Countries,
				fts5Topic: a.Topics, fts5Person: a.People}}
		if !a.Date.IsZero() {
			xa.Date, xa.Year = a.Date.Time.UTC().Format("20060102150405"), strconv.Itoa(a.Date.Time.Year())
		}
		if err := w.Add(xa); err != nil {
			w.Close()
			return err
		}
		if (i+1)%indexer.DefaultBatchSize == 0 {
			if err := w.Commit(); err != nil {
				w.Close()
				return err
			}
		}
	}
	return w.Close()
}

// Open opens a handle of the database for each of clients queries at
// once.
func (ix *xapianIndex) Open(clients int) error {
	ix.dbs = make(chan *xapian.Database, clients)
	for range clients {
		db, err := xapian.Open(ix.path)
		if err != nil {
			ix.Close()
			return err
		}
		ix.dbs <- db
	}
	return nil
}

// Close closes the handles.
func (ix *xapianIndex) Close() error {
	if ix.dbs == nil {
		return nil
	}
	close(ix.dbs)
	for db := range ix.dbs {
		db.Close()
	}
	ix.dbs = nil
	return nil
}

// xapianOf translates a bench query into Xapian's query parser syntax,
// and filters: an AND pair is "a AND b", a phrase is quoted, the filter
// of a filter query is a boolean term. A --queries line goes as written:
// the parser reads words, "phrases", +word, -word, title:word and, for
// the facet fields of plain Bleve (outlet, authors, countries, topics,
// people), field:value as a filter.
func xapianOf(q benchQuery) (string, []xapian.Filter) {
	switch q.Kind {
	case kindAnd:
		return q.Words[0] + " AND " + q.Words[1], nil
	case kindPhrase:
		return `"` + strings.Join(q.Words, " ") + `"`, nil
	case kindFilter:
		field := fts5Topic
		if q.Facet == search.FacetCountry {
			field = fts5Country
		}
		return q.Words[0], []xapian.Filter{{Field: field, Value: q.Value}}
	case kindBrowse:
		return "", nil
	case kindFile:
		return q.Text, nil
	}
	return q.Words[0], nil
}

// Query returns q in Xapian's query parser syntax, with its filter.
func (ix *xapianIndex) Query(q benchQuery) string {
	s, filters := xapianOf(q)
	if s == "" {
		s = "(every article, newest first)"
	}
	for _, f := range filters {
		s += fmt.Sprintf(" [%s=%s]", f.Field, f.Value)
	}
	return s
}

// Search runs q and returns its number of matches.
func (ix *xapianIndex) Search(ctx context.Context, q benchQuery, facets bool) (uint64, error) {
	res, err := ix.search(ctx, q, facets)
	return res.Total, err
}

// search runs q: the ten best hits by BM25 (newest first without a
// query), looking at every match for an exact total; with facets, the
// counts of the facets and years and snippets of the hits.
func (ix *xapianIndex) search(ctx context.Context, q benchQuery, facets bool) (xapian.Result, error) {
	if err := ctx.Err(); err != nil {
		return xapian.Result{}, err
	}
	s, filters := xapianOf(q)
	db := <-ix.dbs
	defer func() { ix.dbs <- db }()
	return db.Search(s, filters, facets, hitsShown)
}
