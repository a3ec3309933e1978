package search

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
)

// A search of a read-only index of one shard counts its facets from the
// matches that its own search collects in passing (passCounts), instead
// of running its query a second time for them (countBySets, still used by
// a sharded index, whose alias runs one collector per shard): the
// handler of bleve's collector records the document number of every
// match it is handed, and the counts are then taken from the value sets
// (counts.go) when there are countFrom matches or more, or else from the
// doc values of those few matches. The months of the timeline are
// counted the same way, from the set of articles of each month, read once
// per generation from the date's terms.

// monthsKey is the key of the month sets among the value sets (a field
// name cannot start with a NUL).
const monthsKey = "\x00months"

// passCounts is the counting of a search's facets from the matches its
// search collects.
type passCounts struct {
	ix *Index
	// terms are the term facets taken from the request, by name.
	terms map[string]*bleve.FacetRequest
	// months is the months facet of the timeline taken from the
	// request, nil when there is none.
	months *bleve.FacetRequest
	// hits are the document numbers of the matches.
	hits *roaring.Bitmap
}

// passCounting takes the term facets and the months facet out of sr when
// the index can count them from the matches of its search, and returns
// their counting; nil when bleve (or countBySets) is to count them.
func (ix *Index) passCounting(sr *bleve.SearchRequest) *passCounts {
	if !ix.opts.ReadOnly || len(ix.shards) != 1 || len(sr.Facets) == 0 || ix.bleveCounts {
		return nil
	}
	pc := &passCounts{ix: ix, terms: map[string]*bleve.FacetRequest{}, hits: roaring.New()}
	for name, fr := range sr.Facets {
		switch {
		case name == monthsFacet && isMonths(fr):
			pc.months = fr
		case fr.Field != "" && len(fr.DateTimeRanges) == 0 && len(fr.NumericRanges) == 0:
			pc.terms[name] = fr
		default:
			continue
		}
		delete(sr.Facets, name)
	}
	return pc
}

// isMonths reports whether fr counts calendar months, each range named
// by its month as monthRanges names them.
func isMonths(fr *bleve.FacetRequest) bool {
	if fr.Field != fieldDate || len(fr.NumericRanges) > 0 {
		return false
	}
	for _, r := range fr.DateTimeRanges {
		start, err := time.Parse("2006-01", r.Name)
		if err != nil || !r.Start.Equal(start) || !r.End.Equal(start.AddDate(0, 1, 0)) {
			return false
		}
	}
	return true
}

// add records the number of a match.
func (pc *passCounts) add(d *bsearch.DocumentMatch) {
	pc.hits.Add(uint32(d.IndexInternalID.Value()))
}

// observe returns ctx for a search whose every match bleve's collector
// hands to each of fns, in passing: the collector makes its handler of
// matches with the value of MakeDocumentMatchHandlerKey, here one that
// calls fns before the collector's own handler. The match is the
// collector's, reused once handled: fns keep copies of what they need. A
// later search with the same context hands its matches to fns too.
func observe(ctx context.Context, fns ...func(*bsearch.DocumentMatch)) context.Context {
	if len(fns) == 0 {
		return ctx
	}
	make := func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil || next == nil {
			return next, loadID, err
		}
		return func(d *bsearch.DocumentMatch) error {
			if d != nil {
				for _, fn := range fns {
					fn(d)
				}
			}
			return next(d)
		}, loadID, nil
	}
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(make))
}

// count returns the facets taken out of the request, counted over the
// matches recorded.
func (pc *passCounts) count(ctx context.Context) (map[string]*bsearch.FacetResult, error) {
	rs, closeReaders, err := pc.ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	if pc.hits.GetCardinality() < uint64(pc.ix.countFrom()) {
		return pc.countByDocValues(rs[0])
	}
	matches := newMatchSets([]*roaring.Bitmap{pc.hits})
	out := make(map[string]*bsearch.FacetResult, len(pc.terms)+1)
	for name, fr := range pc.terms {
		sets, err := pc.ix.valueSets(ctx, rs, fr.Field)
		if err != nil {
			return nil, fmt.Errorf("counting %s: %w", fr.Field, err)
		}
		out[name] = &bsearch.FacetResult{Field: fr.Field, Terms: topValues(sets, matches, fr.Size)}
	}
	if pc.months != nil {
		sets, err := pc.ix.monthSets(ctx, rs)
		if err != nil {
			return nil, fmt.Errorf("counting months: %w", err)
		}
		byMonth := make(map[string]int, len(sets))
		for _, s := range sets {
			if c := matches.countIn(0, s.docs[0]); c > 0 {
				byMonth[s.value] = c
			}
		}
		out[monthsFacet] = monthsResult(pc.months, byMonth)
	}
	return out, nil
}

// countByDocValues counts the facets from the doc values of each match,
// as bleve's collector does.
func (pc *passCounts) countByDocValues(r index.IndexReader) (map[string]*bsearch.FacetResult, error) {
	var fields []string
	counts := map[string]map[string]int{}
	for _, fr := range pc.terms {
		if counts[fr.Field] == nil {
			counts[fr.Field] = map[string]int{}
			fields = append(fields, fr.Field)
		}
	}
	byMonth := map[string]int{}
	if pc.months != nil {
		fields = append(fields, fieldDate)
	}
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, err
	}
	visit := func(field string, term []byte) {
		if field == fieldDate {
			if t, ok := dateTerm(term); ok {
				byMonth[t.Format("2006-01")]++
			}
			return
		}
		if c := counts[field]; c != nil {
			c[string(term)]++
		}
	}
	var id index.IndexInternalID
	it := pc.hits.Iterator()
	for it.HasNext() {
		id = index.NewIndexInternalID(id, uint64(it.Next()))
		if err := dvr.VisitDocValues(id, visit); err != nil {
			return nil, err
		}
	}
	out := make(map[string]*bsearch.FacetResult, len(pc.terms)+1)
	for name, fr := range pc.terms {
		out[name] = &bsearch.FacetResult{Field: fr.Field, Terms: topCounts(counts[fr.Field], fr.Size)}
	}
	if pc.months != nil {
		out[monthsFacet] = monthsResult(pc.months, byMonth)
	}
	return out, nil
}

// topCounts returns the n values most counted, as bleve orders a term
// facet.
func topCounts(counts map[string]int, n int) *bsearch.TermFacets {
	all := make([]*bsearch.TermFacet, 0, len(counts))
	for v, c := range counts {
		all = append(all, &bsearch.TermFacet{Term: v, Count: c})
	}
	sort.Slice(all, func(i, j int) bool { return better(all[i], all[j]) })
	out := &bsearch.TermFacets{}
	for _, tf := range all[:min(n, len(all))] {
		out.Add(tf)
	}
	return out
}

// monthsResult returns the months facet fr with the counts of byMonth,
// in the form of bleve's date range facets.
func monthsResult(fr *bleve.FacetRequest, byMonth map[string]int) *bsearch.FacetResult {
	out := &bsearch.FacetResult{Field: fr.Field}
	for _, r := range fr.DateTimeRanges {
		if c := byMonth[r.Name]; c > 0 {
			out.DateRanges = append(out.DateRanges, &bsearch.DateRangeFacet{Name: r.Name, Count: c})
			out.Total += c
		}
	}
	sort.Sort(out.DateRanges)
	return out
}

// dateTerm returns the instant of a term of the date field: its full
// precision term (shift 0); the coarser terms of its range index are not.
func dateTerm(term []byte) (time.Time, bool) {
	pc := numeric.PrefixCoded(term)
	if shift, err := pc.Shift(); err != nil || shift != 0 {
		return time.Time{}, false
	}
	n, err := pc.Int64()
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(0, n).UTC(), true
}

// monthSets returns the articles of each month, named 2006-01, read once
// per Index from the terms of the date field.
func (ix *Index) monthSets(ctx context.Context, rs []index.IndexReader) ([]valueSet, error) {
	return ix.setsOf(ctx, rs, monthsKey, readMonthSets)
}

// readMonthSets reads the articles of each month from one reader: the
// postings of each full precision term of the date field, gathered by
// month.
func readMonthSets(ctx context.Context, r index.IndexReader) (map[string]*roaring.Bitmap, error) {
	terms, err := fieldTerms(r, fieldDate)
	if err != nil {
		return nil, err
	}
	sets := map[string]*roaring.Bitmap{}
	for _, term := range terms {
		t, ok := dateTerm([]byte(term))
		if !ok {
			continue
		}
		month := t.Format("2006-01")
		if sets[month] == nil {
			sets[month] = roaring.New()
		}
		if err := addPostings(ctx, r, fieldDate, term, sets[month]); err != nil {
			return nil, err
		}
	}
	return sets, nil
}
