package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// Export formats, the values of the format parameter of /api/v1/export.
const (
	formatCSV   = "csv"
	formatJSONL = "jsonl"
)

// exportColumns are the CSV columns: every field of an article. List
// fields are joined with listSeparator; date is YYYY-MM-DD, YYYY-MM or
// YYYY by its precision, and date_precision says which (day, month or
// year; empty without a date); excerpt is true or false; provenance is
// field=evidence pairs in field order, joined with listSeparator.
var exportColumns = []string{
	"id", "source", "title", "subtitle", "outlet", "authors", "date", "date_precision", "section", "tags",
	"people", "places", "countries", "topics", "language", "url", "lead", "body", "note", "mentions",
	"excerpt", "seen_in", "provenance",
}

// The extra columns an export gives on request (columns=snippet,score):
// the snippets of each article, as the search page shows them but as
// plain text with the matches in «», and its relevance score.
const (
	columnSnippet = "snippet"
	columnScore   = "score"
)

// ParseColumns reads the columns parameter of an export: a comma-separated
// list of extra columns, snippet and score.
func ParseColumns(s string) (search.ExportOptions, error) {
	var opts search.ExportOptions
	for _, c := range strings.Split(s, ",") {
		switch strings.TrimSpace(c) {
		case "":
		case columnSnippet, "snippets":
			opts.Snippets = true
		case columnScore:
			opts.Scores = true
		default:
			return opts, &paramError{"columns", s, "want snippet, score or both, comma-separated"}
		}
	}
	return opts, nil
}

// listSeparator joins the values of a list field in a CSV cell.
const listSeparator = "; "

// exportRecord returns the CSV cells of an article, in exportColumns order.
func exportRecord(a corpus.Article) []string {
	j := func(l []string) string { return strings.Join(l, listSeparator) }
	return []string{
		a.ID, a.Source, a.Title, a.Subtitle, a.Outlet, j(a.Authors), a.Date.String(), datePrecision(a.Date), a.Section, j(a.Tags),
		j(a.People), j(a.Places), j(a.Countries), j(a.Topics), a.Language, a.URL, a.Lead, a.Body, a.Note, j(a.Mentions),
		strconv.FormatBool(a.Excerpt), j(a.SeenIn), j(provenancePairs(a.Provenance)),
	}
}

// datePrecision is "day", "month" or "year", or empty for no date.
func datePrecision(d corpus.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Precision.String()
}

// exportFileName names an export by what it holds and when it was made:
// "clippings-crude-oil-country-sa-2026-12-04.csv", from the query and the
// filters of v, or "clippings-all-…" without either.
func exportFileName(v url.Values, format string, now time.Time) string {
	var words []string
	if q := v.Get(paramQuery); q != "" {
		words = append(words, q)
	}
	for _, name := range append(slices.Clone(filterParams), paramFrom, paramTo) {
		for _, val := range v[name] {
			words = append(words, name, val)
		}
	}
	slug := fileSlug(strings.Join(words, " "), 60)
	if slug == "" {
		slug = "all"
	}
	return "clippings-" + slug + "-" + now.UTC().Format(time.DateOnly) + "." + format
}

// fileSlug returns s in lower case without accents, with each run of
// characters other than ASCII letters and digits as one hyphen, at most max bytes, cut at a
// hyphen when it is too long.
func fileSlug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

// provenancePairs returns the provenance as "field=evidence", in field
// order.
func provenancePairs(p map[string]string) []string {
	out := make([]string, 0, len(p))
	for _, f := range slices.Sorted(maps.Keys(p)) {
		out = append(out, f+"="+p[f])
	}
	return out
}

// flushEvery is how many articles an export writes between flushes.
const flushEvery = 100

// exportErrorTrailer is the HTTP trailer that carries the error of an
// export that failed after it began, for a client that accepts trailers.
const exportErrorTrailer = "X-Export-Error"

// handleExport serves GET /api/v1/export?format=csv|jsonl with the search
// parameters: every matching article (not one page), streamed as it is
// read. page and size are ignored. An error before the first article is
// a JSON error. After it the status has been sent, so the failure is
// shown in the body where the format allows it: JSON Lines end with an
// error line, {"error":{"status":500,"message":"…"}}, as the API's errors
// are written. Then a client that accepts trailers (TE: trailers) gets
// the end of the response with the message in the X-Export-Error
// trailer; any other sees the connection cut, an incomplete download
// (for CSV, which has no place for a message, that is the only sign).
func (s *Server) handleExport(c echo.Context) error {
	v := c.QueryParams()
	format := strings.TrimSpace(v.Get("format"))
	if format == "" {
		format = formatCSV
	}
	if format != formatCSV && format != formatJSONL {
		return &paramError{"format", format, "want csv or jsonl"}
	}
	req, err := parseRequest(v)
	if err != nil {
		return err
	}
	req.Page, req.Size = 0, 0
	cols, err := ParseColumns(v.Get("columns"))
	if err != nil {
		return err
	}

	res := c.Response()
	started := false
	start := func() {
		started = true
		h := res.Header()
		if format == formatCSV {
			h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
		} else {
			h.Set(echo.HeaderContentType, "application/jsonl; charset=utf-8")
		}
		h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, exportFileName(v, format, time.Now())))
		h.Set("Cache-Control", "no-store")
		res.WriteHeader(http.StatusOK)
	}
	w := newExportWriter(format, res, cols)
	n := 0
	err = s.backend.ExportWith(c.Request().Context(), req, cols, func(a search.Exported) error {
		if !started {
			start()
			if err := w.header(); err != nil {
				return err
			}
		}
		if err := w.write(a); err != nil {
			return err
		}
		n++
		if n%flushEvery == 0 {
			return w.flush(res)
		}
		return nil
	})
	if err != nil {
		if !started {
			return fmt.Errorf("web: export: %w", err)
		}
		status, msg := classify(err)
		msg = fmt.Sprintf("the export stopped after %d articles: %s", n, msg)
		s.log.Warn("export cut short", "err", err, "articles", n)
		if werr := w.fail(status, msg); werr == nil && w.flush(res) == nil && acceptsTrailers(c.Request()) {
			res.Header().Set(http.TrailerPrefix+exportErrorTrailer, msg)
			return nil
		}
		// Abort the connection so the client sees an incomplete body.
		panic(http.ErrAbortHandler)
	}
	if !started {
		start()
		if err := w.header(); err != nil {
			return nil
		}
	}
	if err := w.flush(res); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		s.log.Warn("export: flush", "err", err)
	}
	return nil
}

// exportWriter writes articles as CSV or JSON Lines.
type exportWriter struct {
	csv  *csv.Writer
	json *json.Encoder
	cols search.ExportOptions
}

func newExportWriter(format string, w io.Writer, cols search.ExportOptions) *exportWriter {
	if format == formatCSV {
		return &exportWriter{csv: csv.NewWriter(w), cols: cols}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &exportWriter{json: enc, cols: cols}
}

// header writes the CSV header line; JSON Lines have none.
func (w *exportWriter) header() error {
	if w.csv != nil {
		h := slices.Clone(exportColumns)
		if w.cols.Snippets {
			h = append(h, columnSnippet)
		}
		if w.cols.Scores {
			h = append(h, columnScore)
		}
		return w.csv.Write(h)
	}
	return nil
}

// exportLine is a JSON Lines export line: the article, and its snippets
// and score when asked for ([] when it has no snippet).
type exportLine struct {
	ArticleResponse
	Snippets *[]string `json:"snippets,omitempty"`
	Score    *float64  `json:"score,omitempty"`
}

// plainSnippet is a snippet as text: the marks as «», the entities
// decoded.
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "«", "</mark>", "»").Replace(s)
	return html.UnescapeString(s)
}

// fail ends a JSON Lines export with an error line; a CSV export has no
// place for one.
func (w *exportWriter) fail(status int, msg string) error {
	if w.json != nil {
		return w.json.Encode(apiError{apiErrorBody{Status: status, Message: msg}})
	}
	return nil
}

// acceptsTrailers reports whether the client said it accepts trailers
// (TE: trailers).
func acceptsTrailers(r *http.Request) bool {
	for _, v := range r.Header.Values("TE") {
		for _, part := range strings.Split(v, ",") {
			name, _, _ := strings.Cut(part, ";")
			if strings.EqualFold(strings.TrimSpace(name), "trailers") {
				return true
			}
		}
	}
	return false
}

func (w *exportWriter) write(x search.Exported) error {
	var plain []string
	for _, s := range x.Snippets {
		plain = append(plain, plainSnippet(s))
	}
	if w.csv != nil {
		rec := exportRecord(x.Article)
		if w.cols.Snippets {
			rec = append(rec, strings.Join(plain, " … "))
		}
		if w.cols.Scores {
			rec = append(rec, strconv.FormatFloat(x.Score, 'g', 6, 64))
		}
		return w.csv.Write(rec)
	}
	line := exportLine{ArticleResponse: exportArticle(x.Article)}
	if w.cols.Snippets {
		plain = nonNil(plain)
		line.Snippets = &plain
	}
	if w.cols.Scores {
		line.Score = &x.Score
	}
	return w.json.Encode(line)
}

// exportWriteWindow is how long the client has to take each part of an
// export: the server's write timeout is pushed back by it at every flush,
// so that a long export is not cut off while it keeps flowing.
const exportWriteWindow = 30 * time.Second

// flush sends what was written so far to the client.
func (w *exportWriter) flush(res *echo.Response) error {
	if w.csv != nil {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
	}
	rc := http.NewResponseController(res.Writer)
	if err := rc.SetWriteDeadline(time.Now().Add(exportWriteWindow)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	res.Flush()
	return nil
}

// ArticleResponse is an article as GET /api/v1/articles/{id} and the
// JSON Lines export give it: the fields of corpus.Article, every list an
// array, never null, and excerpt, provenance and seen_in always present
// (false, {} and [] when there is nothing to say), where the corpus form
// leaves them out.
type ArticleResponse struct {
	corpus.Article
	// Excerpt is true when the text was cut short on a listing page.
	Excerpt bool `json:"excerpt"`
	// Provenance names, per field, the evidence that won it.
	Provenance map[string]string `json:"provenance"`
	// SeenIn lists the sources of every copy merged into the article.
	SeenIn []string `json:"seen_in"`
}

// exportArticle is an article as the API and JSON Lines export give it.
func exportArticle(a corpus.Article) ArticleResponse {
	for _, l := range []*[]string{&a.Authors, &a.Tags, &a.People, &a.Places, &a.Countries, &a.Topics} {
		*l = nonNil(*l)
	}
	out := ArticleResponse{Article: a, Excerpt: a.Excerpt, Provenance: a.Provenance, SeenIn: nonNil(a.SeenIn)}
	if out.Provenance == nil {
		out.Provenance = map[string]string{}
	}
	return out
}

// Exporter is the part of a Backend that WriteExport reads.
type Exporter interface {
	ExportWith(ctx context.Context, req search.Request, opts search.ExportOptions, fn func(search.Exported) error) error
}

// WriteExport writes every article matching req to w as the export API
// does, in format "csv" or "jsonl", with the extra columns of cols, and
// returns how many it wrote. It is `clippings export` without a server.
func WriteExport(ctx context.Context, b Exporter, req search.Request, format string, cols search.ExportOptions, w io.Writer) (int, error) {
	if format != formatCSV && format != formatJSONL {
		return 0, fmt.Errorf("web: export: unknown format %q: want csv or jsonl", format)
	}
	ew := newExportWriter(format, w, cols)
	if err := ew.header(); err != nil {
		return 0, err
	}
	n := 0
	err := b.ExportWith(ctx, req, cols, func(a search.Exported) error {
		if err := ew.write(a); err != nil {
			return err
		}
		n++
		return nil
	})
	if ew.csv != nil {
		ew.csv.Flush()
		if ferr := ew.csv.Error(); err == nil {
			err = ferr
		}
	}
	return n, err
}
