package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// exportPage is how many articles Export reads per search.
const exportPage = 200

// ErrStop, returned by the function given to Export, ends the export
// early without an error.
var ErrStop = errors.New("search: stop")

// Export calls fn with every article matching the query, filters and
// dates of req, in its sort order, each as Article returns it. It reads
// the matches a page at a time with search-after, so memory stays the
// same however many there are, and pages never overlap or skip. Page,
// Size and the facet sizes of req are ignored. It stops at the first
// error of fn (ErrStop stops it without one) or of the search, and when
// ctx is done; Options.Timeout does not apply.
func (ix *Index) Export(ctx context.Context, req Request, fn func(corpus.Article) error) error {
	return ix.ExportWith(ctx, req, ExportOptions{}, articleOnly(fn))
}

// ExportOptions ask an export for more than the articles. The zero value
// asks for nothing more.
type ExportOptions struct {
	// Scores gives each article its relevance score.
	Scores bool
	// Snippets gives each article its snippets, as a Hit has them.
	Snippets bool
}

// Exported is an article of an export, with its score and snippets when
// ExportOptions asked for them.
type Exported struct {
	corpus.Article
	Score    float64
	Snippets []string
}

// ExportWith is Export, giving each article with what opts asks for.
func (ix *Index) ExportWith(ctx context.Context, req Request, opts ExportOptions, fn func(Exported) error) error {
	return export(ctx, req, opts, fn, func(e *exporter) ([]Exported, error) { return e.page(ctx, ix) })
}

// articleOnly adapts a function of articles to one of Exported.
func articleOnly(fn func(corpus.Article) error) func(Exported) error {
	return func(x Exported) error { return fn(x.Article) }
}

// export runs an export, reading each page with next.
func export(ctx context.Context, req Request, opts ExportOptions, fn func(Exported) error, next func(*exporter) ([]Exported, error)) error {
	e, err := newExporter(req)
	if err != nil {
		return err
	}
	e.opts = opts
	for {
		page, err := next(e)
		if err != nil {
			return err
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				if errors.Is(err, ErrStop) {
					return nil
				}
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

// exporter pages through the matches of a request with search-after,
// first those with a date in the request's sort order, then those
// without one. (Bleve's search-after cannot resume after an article
// whose sort date is missing, so the two are exported apart.)
type exporter struct {
	req  Request
	opts ExportOptions
	text query.Query
	// q is the query with the filters, once they are resolved against
	// the index (resolveFilters) at the first page.
	q       query.Query
	sort    Sort
	undated bool
	after   []string
}

func newExporter(req Request) (*exporter, error) {
	req.Page, req.Size, req.FacetSize, req.FacetSizes = 0, 0, 0, nil
	p, err := check(req)
	if err != nil {
		return nil, err
	}
	text, err := buildQuery(req.Query)
	if err != nil {
		return nil, err
	}
	return &exporter{req: req, text: text, sort: p.sort}, nil
}

// anyDate matches every article with a date.
func anyDate() query.Query {
	return dateRange(yearStart(minYear), yearStart(maxYear+1))
}

// page returns the next page of articles from ix: a short page (or an
// empty one) is the last.
func (e *exporter) page(ctx context.Context, ix *Index) ([]Exported, error) {
	if e.q == nil {
		rf, err := ix.resolveFilters(ctx, e.req.Filters)
		if err != nil {
			return nil, fmt.Errorf("search: export %q: %w", e.req.Query, err)
		}
		ex, err := ix.resolveFilters(ctx, e.req.Exclude)
		if err != nil {
			return nil, fmt.Errorf("search: export %q: %w", e.req.Query, err)
		}
		e.q = combine(e.text, rf.search, e.req.From, e.req.To, ex.shown)
	}
	out, err := e.read(ctx, ix)
	if err != nil || len(out) == exportPage || e.undated {
		return out, err
	}
	// The dated articles are done: go on with the undated ones.
	e.undated, e.after = true, nil
	rest, err := e.read(ctx, ix)
	if err != nil {
		return nil, err
	}
	if len(out)+len(rest) == 0 {
		return nil, nil
	}
	// Keep the page full unless this is the end, so that export goes on.
	out = append(out, rest...)
	for len(out) < exportPage && len(rest) == exportPage {
		if rest, err = e.read(ctx, ix); err != nil {
			return nil, err
		}
		out = append(out, rest...)
	}
	return out, nil
}

// read reads one page of the current phase.
func (e *exporter) read(ctx context.Context, ix *Index) ([]Exported, error) {
	ctx = context.WithValue(ctx, bsearch.MaxTermSearchersKey, maxTermSearchers)
	b := query.NewBooleanQuery([]query.Query{e.q}, nil, nil)
	order := sortOrder(e.sort)
	if e.undated {
		b.AddMustNot(anyDate())
		order = bsearch.SortOrder{&bsearch.SortDocID{}}
		if e.sort == SortRelevance {
			order = bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}}
		}
	} else {
		b.Filter = anyDate()
	}
	sr := bleve.NewSearchRequestOptions(b, exportPage, 0, false)
	sr.Fields = storedFields
	sr.SortByCustom(order)
	sr.SearchAfter = e.after
	// Locations are gathered for every match: only when snippets are
	// asked for.
	sr.IncludeLocations = e.opts.Snippets
	res, err := ix.run(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: export %q: %w", e.req.Query, err)
	}
	out := make([]Exported, 0, len(res.Hits))
	for _, h := range res.Hits {
		x := Exported{Article: article(h.ID, h.Fields)}
		if e.opts.Scores {
			x.Score = h.Score
		}
		if e.opts.Snippets {
			a := x.Article
			x.Snippets = snippets(h.Locations, a.Title, a.Subtitle, a.Lead, a.Body, a.Note)
		}
		out = append(out, x)
	}
	if n := len(res.Hits); n > 0 {
		last := res.Hits[n-1]
		e.after = slices.Clone(last.DecodedSort)
		if len(e.after) != len(order) {
			e.after = slices.Clone(last.Sort)
		}
		for i, o := range order {
			if _, ok := o.(*bsearch.SortScore); ok && i < len(e.after) {
				// The sort value of a score is a placeholder.
				e.after[i] = strconv.FormatFloat(last.Score, 'g', -1, 64)
			}
		}
	}
	return out, nil
}
