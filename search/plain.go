package search

import (
	"context"
	"encoding/binary"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// A PlainIndex is a Bleve index of articles as a plain user of Bleve
// would build it: Bleve's default mapping (bleve.NewIndexMapping, every
// field dynamic, text analysed by the standard analyser and copied into
// the composite _all field), with the five facet fields (outlet, authors,
// countries, topics, people) mapped as keyword fields, which faceting and
// filtering on whole values need. Its documents have eight fields:
// title, body, outlet, authors, date, countries, topics and people.
//
// It is the yardstick of `clippings bench`: the same articles indexed and
// searched with nothing of this package's own schema, query language,
// facets or snippets. It is safe for concurrent use.
type PlainIndex struct {
	b    bleve.Index
	path string

	// mu guards first and last, the years of the oldest and newest
	// article written (zero when none has a date), which the date facet
	// is made of.
	mu          sync.Mutex
	first, last int
}

// Plain document fields.
const (
	plainTitle     = "title"
	plainBody      = "body"
	plainOutlet    = "outlet"
	plainAuthors   = "authors"
	plainDate      = "date"
	plainCountries = "countries"
	plainTopics    = "topics"
	plainPeople    = "people"
)

// plainFacetFields are the fields a PlainIndex counts terms of.
var plainFacetFields = []string{plainOutlet, plainAuthors, plainCountries, plainTopics, plainPeople}

// plainHitFields are the stored fields loaded for each hit of a
// PlainIndex search: those a list of results shows.
var plainHitFields = []string{plainTitle, plainOutlet, plainAuthors, plainDate, plainCountries, plainTopics, plainPeople}

// plainSpanKey is the internal key under which a PlainIndex records the
// years of its oldest and newest articles.
var plainSpanKey = []byte("plain.span")

// CreatePlain makes a new, empty PlainIndex at path, which must not
// exist yet.
func CreatePlain(path string) (*PlainIndex, error) {
	b, err := bleve.New(path, plainMapping())
	if err != nil {
		return nil, fmt.Errorf("search: create plain index %s: %w", path, err)
	}
	return &PlainIndex{b: b, path: path}, nil
}

// plainMapping is Bleve's default mapping with the facet fields mapped as
// keyword fields.
func plainMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	for _, f := range plainFacetFields {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		m.DefaultMapping.AddFieldMappingsAt(f, fm)
	}
	return m
}

// OpenPlain opens the PlainIndex at path.
func OpenPlain(path string) (*PlainIndex, error) {
	b, err := bleve.Open(path)
	if err != nil {
		return nil, fmt.Errorf("search: open plain index %s: %w", path, err)
	}
	ix := &PlainIndex{b: b, path: path}
	span, err := b.GetInternal(plainSpanKey)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("search: open plain index %s: %w", path, err)
	}
	if len(span) == 8 {
		ix.first = int(binary.BigEndian.Uint32(span[:4]))
		ix.last = int(binary.BigEndian.Uint32(span[4:]))
	}
	return ix, nil
}

// Write adds the articles of batch to the index in one Bleve batch, as
// plain documents of eight fields; an article without a date has no date
// field.
func (ix *PlainIndex) Write(ctx context.Context, batch []corpus.Article) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("search: write plain index %s: %w", ix.path, err)
	}
	if len(batch) == 0 {
		return nil
	}
	ix.mu.Lock()
	first, last := ix.first, ix.last
	ix.mu.Unlock()
	b := ix.b.NewBatch()
	for _, a := range batch {
		if a.ID == "" {
			return fmt.Errorf("search: write plain index %s: article %q has no id", ix.path, a.Source)
		}
		doc := map[string]any{
			plainTitle:     a.Title,
			plainBody:      a.Body,
			plainOutlet:    a.Outlet,
			plainAuthors:   a.Authors,
			plainCountries: a.Countries,
			plainTopics:    a.Topics,
			plainPeople:    a.People,
		}
		if !a.Date.IsZero() {
			doc[plainDate] = a.Date.Time
			y := a.Date.Time.Year()
			if first == 0 || y < first {
				first = y
			}
			last = max(last, y)
		}
		if err := b.Index(a.ID, doc); err != nil {
			return fmt.Errorf("search: write plain index %s: article %s: %w", ix.path, a.ID, err)
		}
	}
	span := make([]byte, 8)
	binary.BigEndian.PutUint32(span[:4], uint32(first))
	binary.BigEndian.PutUint32(span[4:], uint32(last))
	b.SetInternal(plainSpanKey, span)
	if err := ix.b.Batch(b); err != nil {
		return fmt.Errorf("search: write plain index %s: %w", ix.path, err)
	}
	ix.mu.Lock()
	ix.first, ix.last = first, last
	ix.mu.Unlock()
	return nil
}

// PlainResult is the outcome of a PlainIndex search.
type PlainResult struct {
	// Total is the number of matches.
	Total uint64
	// Hits are the IDs of the hits shown, best first.
	Hits []string
	// Facets counts the values of each facet over all matches, by field
	// name, the date facet by year under "date"; nil without facets.
	Facets map[string][]FacetValue
	// Fragments are the highlighted fragments of the hits, by hit ID;
	// nil without facets.
	Fragments map[string][]string
}

// Search runs q, a query in Bleve's query string syntax (an empty q
// matches every article, newest first; otherwise hits come by
// relevance), and returns the top size hits with the fields a list of
// results shows. With facets, it also counts the values of the five
// facet fields (ten each) and the matches per year, and highlights the
// hits' matched words, as Index.Search does with its facets, timeline
// and snippets.
func (ix *PlainIndex) Search(ctx context.Context, q string, facets bool, size int) (PlainResult, error) {
	var bq query.Query = bleve.NewQueryStringQuery(q)
	if q == "" {
		bq = bleve.NewMatchAllQuery()
	}
	req := bleve.NewSearchRequestOptions(bq, size, 0, false)
	req.Fields = plainHitFields
	if q == "" {
		req.SortBy([]string{"-" + plainDate, "_id"})
	}
	if facets {
		for _, f := range plainFacetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, DefaultFacetSize))
		}
		ix.mu.Lock()
		first, last := ix.first, ix.last
		ix.mu.Unlock()
		if first > 0 {
			years := bleve.NewFacetRequest(plainDate, last-first+1)
			for y := first; y <= last; y++ {
				years.AddDateTimeRange(strconv.Itoa(y),
					time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
			}
			req.AddFacet(plainDate, years)
		}
		if q != "" {
			req.Highlight = bleve.NewHighlight()
		}
	}
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return PlainResult{}, fmt.Errorf("search: plain index %s: %q: %w", ix.path, q, err)
	}
	out := PlainResult{Total: res.Total, Hits: make([]string, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, h.ID)
	}
	if facets {
		out.Facets = make(map[string][]FacetValue, len(res.Facets))
		for name, fr := range res.Facets {
			var vals []FacetValue
			if fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
				}
			}
			for _, r := range fr.DateRanges {
				vals = append(vals, FacetValue{Value: r.Name, Count: r.Count})
			}
			out.Facets[name] = vals
		}
		out.Fragments = make(map[string][]string, len(res.Hits))
		for _, h := range res.Hits {
			for _, frags := range h.Fragments {
				out.Fragments[h.ID] = append(out.Fragments[h.ID], frags...)
			}
		}
	}
	return out, nil
}

// Count returns the number of articles in the index.
func (ix *PlainIndex) Count() (uint64, error) {
	n, err := ix.b.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count plain index %s: %w", ix.path, err)
	}
	return n, nil
}

// Settle carries out the merges of segments that Bleve leaves undone when
// an index is closed, and that its merger makes in the background once
// the index is opened again, with Bleve's default merge plan, one merge
// at a time as a finished Bulk index does (mergeInSteps), and returns
// when none is left. Opened after a load of a million articles,
// a PlainIndex merged for more than a minute, taking a core from
// whatever else the process measured meanwhile.
func (ix *PlainIndex) Settle(ctx context.Context) error {
	adv, err := ix.b.Advanced()
	if err != nil {
		return fmt.Errorf("search: settle plain index %s: %w", ix.path, err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("search: settle plain index %s: %w", ix.path, err)
	}
	if err := mergeInSteps(s, mergeplan.DefaultMergePlanOptions); err != nil {
		return fmt.Errorf("search: settle plain index %s: %w", ix.path, err)
	}
	return nil
}

// Close closes the index, flushing it to disk.
func (ix *PlainIndex) Close() error {
	if err := ix.b.Close(); err != nil {
		return fmt.Errorf("search: close plain index %s: %w", ix.path, err)
	}
	return nil
}
