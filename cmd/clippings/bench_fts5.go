package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

// This file is the SQLite FTS5 yardstick of `clippings bench`: the
// articles in an SQLite database as a researcher who picks SQLite would
// put them, and the bench's queries in SQL.

// fts5Schema makes the tables of an fts5Index: the full text of each
// article in an FTS5 table (English Porter stemming over Unicode words,
// as the clippings index stems), its id and date in docs under the same
// rowid, and its values of the five facets in a side table, one row per
// value, keyed for filters (field, value) and for counts (doc).
const fts5Schema = `
CREATE TABLE docs(id INTEGER PRIMARY KEY, article TEXT NOT NULL, date TEXT, year INTEGER);
CREATE VIRTUAL TABLE fts USING fts5(title, body, byline, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE facets(field TEXT NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL,
	PRIMARY KEY (field, value, doc)) WITHOUT ROWID;
`

// fts5Finish ends a load: the indexes for counting facets by document and
// for browsing by date, the FTS5 index merged into one b-tree, the
// planner's statistics, and a database of one file.
var fts5Finish = []string{
	`CREATE INDEX facets_doc ON facets(doc, field, value)`,
	`CREATE INDEX docs_date ON docs(date DESC, article)`,
	`INSERT INTO fts(fts) VALUES ('optimize')`,
	`ANALYZE`,
	`PRAGMA journal_mode = DELETE`,
}

// fts5ReadPragmas set up each connection that queries: the database
// mapped into memory (as Bleve maps its segments) and a page cache of 64
// MB.
var fts5ReadPragmas = []string{
	`PRAGMA mmap_size = 2147418112`,
	`PRAGMA cache_size = -65536`,
	`PRAGMA query_only = 1`,
}

// The facet fields of an fts5Index's side table.
const (
	fts5Outlet  = "outlet"
	fts5Author  = "author"
	fts5Country = "country"
	fts5Topic   = "topic"
	fts5Person  = "person"
)

// fts5Index is an SQLite database of articles with an FTS5 table, read
// through database/sql with the driver of its name.
type fts5Index struct {
	name, about string
	driver      string
	path        string
	// version is SQLite's, known after Load.
	version string

	db *sql.DB
	// conns are the connections for queries, free ones waiting.
	conns chan *fts5Conn
}

// fts5Conn is a connection of an fts5Index with its prepared statements
// by SQL text.
type fts5Conn struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

// newFTS5Modernc returns the FTS5 yardstick through modernc.org/sqlite,
// SQLite's C transpiled to Go, with its database at path.
func newFTS5Modernc(path string) *fts5Index {
	return &fts5Index{name: "FTS5 modernc", about: "modernc.org/sqlite, SQLite's C transpiled to Go", driver: "sqlite", path: path}
}

// Name is the engine as the tables name it.
func (ix *fts5Index) Name() string { return ix.name }

// About says what the engine is.
func (ix *fts5Index) About() string {
	if ix.version == "" {
		return ix.about
	}
	return fmt.Sprintf("SQLite %s FTS5 through %s", ix.version, ix.about)
}

// Path is the database file.
func (ix *fts5Index) Path() string { return ix.path }

// Load makes a new database at the index's path and writes the articles
// into it in transactions of indexer.DefaultBatchSize articles, then
// finishes it (fts5Finish).
func (ix *fts5Index) Load(ctx context.Context, arts []corpus.Article) error {
	if _, err := os.Stat(ix.path); err == nil {
		return fmt.Errorf("load %s: the database exists", ix.path)
	}
	db, err := sql.Open(ix.driver, "file:"+url.PathEscape(ix.path))
	if err != nil {
		return fmt.Errorf("load %s: %w", ix.path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range []string{`PRAGMA journal_mode = WAL`, `PRAGMA synchronous = NORMAL`, fts5Schema} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("load %s: %w", ix.path, err)
		}
	}
	if err := db.QueryRowContext(ctx, `SELECT sqlite_version()`).Scan(&ix.version); err != nil {
		return fmt.Errorf("load %s: %w", ix.path, err)
	}
	for i := 0; i < len(arts); i += indexer.DefaultBatchSize {
		if err := fts5Write(ctx, db, arts[i:min(i+indexer.DefaultBatchSize, len(arts))], i+1); err != nil {
			return fmt.Errorf("load %s: %w", ix.path, err)
		}
	}
	for _, s := range fts5Finish {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("load %s: %s: %w", ix.path, s, err)
		}
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("load %s: %w", ix.path, err)
	}
	return nil
}

// fts5Write writes a batch of articles in one transaction, the first
// with rowid first.
func fts5Write(ctx context.Context, db *sql.DB, batch []corpus.Article, first int) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var stmts [3]*sql.Stmt
	for i, s := range []string{
		`INSERT INTO docs(id, article, date, year) VALUES (?, ?, ?, ?)`,
		`INSERT INTO fts(rowid, title, body, byline) VALUES (?, ?, ?, ?)`,
		`INSERT OR IGNORE INTO facets(field, value, doc) VALUES (?, ?, ?)`,
	} {
		if stmts[i], err = tx.PrepareContext(ctx, s); err != nil {
			return err
		}
		defer stmts[i].Close()
	}
	docs, fts, facets := stmts[0], stmts[1], stmts[2]
	for i, a := range batch {
		id := first + i
		var date, year any
		if !a.Date.IsZero() {
			date, year = a.Date.Time.UTC().Format(time.RFC3339), a.Date.Time.Year()
		}
		if _, err := docs.ExecContext(ctx, id, a.ID, date, year); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		if _, err := fts.ExecContext(ctx, id, a.Title, a.Body, strings.Join(a.Authors, ", ")); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		for _, fv := range []struct {
			field  string
			values []string
		}{
			{fts5Outlet, []string{a.Outlet}}, {fts5Author, a.Authors}, {fts5Country, a.Countries},
			{fts5Topic, a.Topics}, {fts5Person, a.People},
		} {
			for _, v := range fv.values {
				if v == "" {
					continue
				}
				if _, err := facets.ExecContext(ctx, fv.field, v, id); err != nil {
					return fmt.Errorf("article %s: %w", a.ID, err)
				}
			}
		}
	}
	return tx.Commit()
}

// Open opens the database read-only with a connection for each of
// clients queries at once.
func (ix *fts5Index) Open(clients int) error {
	db, err := sql.Open(ix.driver, "file:"+url.PathEscape(ix.path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("open %s: %w", ix.path, err)
	}
	db.SetMaxOpenConns(clients)
	db.SetMaxIdleConns(clients)
	ix.db, ix.conns = db, make(chan *fts5Conn, clients)
	ctx := context.Background()
	for range clients {
		conn, err := db.Conn(ctx)
		if err != nil {
			ix.Close()
			return fmt.Errorf("open %s: %w", ix.path, err)
		}
		ix.conns <- &fts5Conn{conn: conn, stmts: map[string]*sql.Stmt{}}
		for _, s := range fts5ReadPragmas {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				ix.Close()
				return fmt.Errorf("open %s: %s: %w", ix.path, s, err)
			}
		}
	}
	return nil
}

// Close closes the connections and the database.
func (ix *fts5Index) Close() error {
	if ix.db == nil {
		return nil
	}
	var errs []error
	close(ix.conns)
	for c := range ix.conns {
		for _, s := range c.stmts {
			errs = append(errs, s.Close())
		}
		errs = append(errs, c.conn.Close())
	}
	errs = append(errs, ix.db.Close())
	ix.db = nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", ix.path, err)
	}
	return nil
}

// query runs the SQL text s on the connection, preparing it the first
// time.
func (c *fts5Conn) query(ctx context.Context, s string, args ...any) (*sql.Rows, error) {
	st, ok := c.stmts[s]
	if !ok {
		var err error
		if st, err = c.conn.PrepareContext(ctx, s); err != nil {
			return nil, fmt.Errorf("prepare %q: %w", s, err)
		}
		c.stmts[s] = st
	}
	return st.QueryContext(ctx, args...)
}

// fts5Filter is a filter of an FTS5 query: articles with, or without
// (not), a value of a facet field.
type fts5Filter struct {
	field, value string
	not          bool
}

// fts5Query is a bench query in FTS5's terms: a MATCH expression ("" to
// match every article) and filters.
type fts5Query struct {
	match   string
	filters []fts5Filter
}

// String is the query as SQL conditions, for the report.
func (q fts5Query) String() string {
	var parts []string
	if q.match != "" {
		parts = append(parts, fmt.Sprintf("MATCH '%s'", strings.ReplaceAll(q.match, "'", "''")))
	}
	for _, f := range q.filters {
		op := "="
		if f.not {
			op = "!="
		}
		parts = append(parts, fmt.Sprintf("%s %s '%s'", f.field, op, strings.ReplaceAll(f.value, "'", "''")))
	}
	if len(parts) == 0 {
		return "(every article, newest first)"
	}
	return strings.Join(parts, " AND ")
}

// condition returns the WHERE condition of the articles that q matches,
// on the table fts when q has a MATCH and on docs otherwise, with id the
// column of their rowid, and its arguments.
func (q fts5Query) condition(id string) (string, []any) {
	var b strings.Builder
	var args []any
	if q.match != "" {
		b.WriteString("fts MATCH ?")
		args = append(args, q.match)
	} else {
		b.WriteString("1")
	}
	for _, f := range q.filters {
		in := "IN"
		if f.not {
			in = "NOT IN"
		}
		// The unary + keeps the planner from asking FTS5 for each
		// article of the filter by rowid, one MATCH each: FTS5 runs the
		// MATCH once and each match is looked up in the filter.
		fmt.Fprintf(&b, " AND +%s %s (SELECT doc FROM facets WHERE field = ? AND value = ?)", id, in)
		args = append(args, f.field, f.value)
	}
	return b.String(), args
}

// matching returns a SELECT of the rowids of the articles that q
// matches, and its arguments.
func (q fts5Query) matching() (string, []any) {
	if q.match != "" {
		cond, args := q.condition("rowid")
		return "SELECT rowid FROM fts WHERE " + cond, args
	}
	cond, args := q.condition("id")
	return "SELECT id FROM docs WHERE " + cond, args
}

// fts5Result is what an FTS5 search found.
type fts5Result struct {
	Total uint64
	// Hits are the articles' ids, best first, and Snippets their
	// snippets (with facets and a MATCH).
	Hits, Snippets []string
	// Facets are the ten most frequent values of each facet field among
	// the matches, and "year" the matches per year (with facets).
	Facets map[string][]search.FacetValue
}

// Query returns q as the SQL conditions it runs as.
func (ix *fts5Index) Query(q benchQuery) string {
	fq, err := fts5Of(q)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return fq.String()
}

// Search runs q and returns its number of matches.
func (ix *fts5Index) Search(ctx context.Context, q benchQuery, facets bool) (uint64, error) {
	res, err := ix.search(ctx, q, facets)
	return res.Total, err
}

// search runs q: the ten best hits by bm25 (newest first without a
// MATCH), with snippets of the hits when facets is set; then with facets
// the matches per year, whose sum is the total, and the ten most
// frequent values of each facet field among the matches, in one
// statement over the matches (CROSS JOIN makes SQLite look up the
// values of each match rather than scan every value for matches);
// without, the count of the matches.
func (ix *fts5Index) search(ctx context.Context, q benchQuery, facets bool) (fts5Result, error) {
	fq, err := fts5Of(q)
	if err != nil {
		return fts5Result{}, err
	}
	c := <-ix.conns
	defer func() { ix.conns <- c }()
	res, err := c.search(ctx, fq, facets)
	if err != nil {
		return res, fmt.Errorf("%s: %s: %w", ix.path, fq, err)
	}
	return res, nil
}

// search runs q on the connection (see fts5Index.search).
func (c *fts5Conn) search(ctx context.Context, q fts5Query, facets bool) (fts5Result, error) {
	var res fts5Result

	// The hits shown.
	id := "rowid"
	if q.match == "" {
		id = "d.id"
	}
	cond, args := q.condition(id)
	var hits string
	switch {
	case q.match == "":
		hits = fmt.Sprintf(`SELECT d.article, f.title, '' FROM docs d JOIN fts f ON f.rowid = d.id
			WHERE %s ORDER BY d.date DESC, d.article LIMIT %d`, cond, hitsShown)
	case facets:
		hits = fmt.Sprintf(`SELECT d.article, h.title, h.snippet FROM (
			SELECT rowid, title, snippet(fts, -1, '<mark>', '</mark>', '…', 32) AS snippet, rank
			FROM fts WHERE %s ORDER BY rank LIMIT %d) h
			JOIN docs d ON d.id = h.rowid ORDER BY h.rank`, cond, hitsShown)
	default:
		hits = fmt.Sprintf(`SELECT d.article, h.title, '' FROM (
			SELECT rowid, title, rank FROM fts WHERE %s ORDER BY rank LIMIT %d) h
			JOIN docs d ON d.id = h.rowid ORDER BY h.rank`, cond, hitsShown)
	}
	err := each(ctx, c, hits, args, func(rows *sql.Rows) error {
		var id, title, snippet string
		if err := rows.Scan(&id, &title, &snippet); err != nil {
			return err
		}
		res.Hits = append(res.Hits, id)
		if facets && q.match != "" {
			res.Snippets = append(res.Snippets, snippet)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("hits: %w", err)
	}

	match, args := q.matching()
	if !facets {
		err := each(ctx, c, "SELECT count(*) FROM ("+match+")", args, func(rows *sql.Rows) error {
			return rows.Scan(&res.Total)
		})
		if err != nil {
			return res, fmt.Errorf("count: %w", err)
		}
		return res, nil
	}
	counts := fmt.Sprintf(`WITH m(doc) AS MATERIALIZED (%s)
		SELECT 'year', d.year, count(*) FROM m JOIN docs d ON d.id = m.doc GROUP BY d.year
		UNION ALL
		SELECT field, value, n FROM (
			SELECT f.field, f.value, count(*) AS n,
				row_number() OVER (PARTITION BY f.field ORDER BY count(*) DESC, f.value) AS r
			FROM m CROSS JOIN facets f ON f.doc = m.doc GROUP BY f.field, f.value)
		WHERE r <= %d`, match, search.DefaultFacetSize)
	res.Facets = map[string][]search.FacetValue{}
	err = each(ctx, c, counts, args, func(rows *sql.Rows) error {
		var field string
		var value sql.NullString
		var n int
		if err := rows.Scan(&field, &value, &n); err != nil {
			return err
		}
		if field == "year" {
			res.Total += uint64(n)
		}
		if value.Valid {
			res.Facets[field] = append(res.Facets[field], search.FacetValue{Value: value.String, Count: n})
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("counts: %w", err)
	}
	return res, nil
}

// each runs the SQL text s with args on c and calls row for each row.
func each(ctx context.Context, c *fts5Conn, s string, args []any, row func(*sql.Rows) error) error {
	rows, err := c.query(ctx, s, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// fts5Fields are the facet fields of a --queries line, as the plain
// Bleve index names them, and their names in the side table.
var fts5Fields = map[string]string{
	"outlet": fts5Outlet, "authors": fts5Author, "countries": fts5Country, "topics": fts5Topic, "people": fts5Person,
}

// fts5Of translates a bench query into FTS5's terms. Words are quoted
// FTS5 strings, an AND pair is "a" AND "b", a phrase "a b", and the
// filter of a filter query a condition on the side table. A --queries
// line has words, "phrases", title:word and body:word, each of them
// required with + or excluded with -, and facet:value filters (facet one
// of outlet, authors, countries, topics, people, as in plain Bleve): as
// in Bleve's query string, when a term is required the others only rank,
// so they are left out of the MATCH; otherwise any of them matches.
func fts5Of(q benchQuery) (fts5Query, error) {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	switch q.Kind {
	case kindTerm:
		return fts5Query{match: quote(q.Words[0])}, nil
	case kindAnd:
		return fts5Query{match: quote(q.Words[0]) + " AND " + quote(q.Words[1])}, nil
	case kindPhrase:
		return fts5Query{match: quote(strings.Join(q.Words, " "))}, nil
	case kindFilter:
		field := fts5Topic
		if q.Facet == search.FacetCountry {
			field = fts5Country
		}
		return fts5Query{match: quote(q.Words[0]), filters: []fts5Filter{{field: field, value: q.Value}}}, nil
	case kindBrowse:
		return fts5Query{}, nil
	}
	var out fts5Query
	var must, should, not []string
	for _, tok := range splitQuery(q.Text) {
		sign := tok[0]
		if sign == '+' || sign == '-' {
			tok = tok[1:]
		}
		term := tok
		if field, value, ok := strings.Cut(tok, ":"); ok && !strings.HasPrefix(tok, `"`) {
			value = strings.Trim(value, `"`)
			if f, ok := fts5Fields[field]; ok {
				out.filters = append(out.filters, fts5Filter{field: f, value: value, not: sign == '-'})
				continue
			}
			if field != "title" && field != "body" {
				return out, fmt.Errorf("query %q: no field %q in FTS5", q.Text, field)
			}
			term = field + " : " + quote(value)
		} else {
			term = quote(strings.Trim(tok, `"`))
		}
		switch sign {
		case '+':
			must = append(must, term)
		case '-':
			not = append(not, term)
		default:
			should = append(should, term)
		}
	}
	switch {
	case len(must) > 0:
		out.match = strings.Join(must, " AND ")
	case len(should) > 0:
		out.match = strings.Join(should, " OR ")
		if len(should) > 1 {
			out.match = "(" + out.match + ")"
		}
	}
	if len(not) > 0 && out.match == "" {
		return out, fmt.Errorf("query %q: FTS5 cannot exclude words from every article", q.Text)
	}
	for _, n := range not {
		out.match += " NOT " + n
	}
	return out, nil
}

// splitQuery splits a query line at spaces outside double quotes.
func splitQuery(s string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case r == ' ' && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}
