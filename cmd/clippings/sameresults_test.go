package main

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"testing"
	"testing/fstest"
	"time"

	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

// TestParallelReindexSameResults builds an index of four Reuters files
// twice: as reindex did before it wrote in parallel (one writer, batches
// of 500, every batch synced) and as it does now (one writer per CPU, a
// bulk index, batches of 1,000, segments merged at the end). Totals, hits
// and their order, facet counts and timelines must be identical, for the
// empty query too, whose counts the index keeps.
func TestParallelReindexSameResults(t *testing.T) {
	dir := filepath.Join(sharedCorpora, "reuters21578")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared corpora not available")
	}
	fsys := fstest.MapFS{}
	for _, name := range []string{"reut2-000.sgm", "reut2-007.sgm", "reut2-014.sgm", "reut2-021.sgm"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	build := func(opts indexer.Options, bulk bool) *search.Index {
		path := filepath.Join(t.TempDir(), "index")
		ix, err := search.Create(path, search.Options{Bulk: bulk})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := indexer.New(opts).Run(t.Context(), fsys, ix); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		ro, err := search.Open(path, search.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ro.Close() })
		return ro
	}
	before := build(indexer.Options{Writers: 1, BatchSize: 500}, false)
	after := build(indexer.Options{}, true)

	requests := []search.Request{
		{}, {Sort: search.SortOldest, Page: 3}, {Query: "oil"}, {Query: "crude oil", Page: 2},
		{Query: `"interest rates"`}, {Query: "wheat OR grain"}, {Query: "bank -dollar", Sort: search.SortNewest},
		{Query: "trade", Filters: search.Filters{Country: []string{"JP"}}},
		{Filters: search.Filters{Topic: []string{"money-fx"}, Country: []string{"US", "GB"}}},
		{Query: "profit", Exclude: search.Filters{Country: []string{"US"}}},
		{Query: "sugar", Interval: search.IntervalWeek}, {Query: "gold", NoFacets: true},
	}
	for _, req := range requests {
		for round := range 2 { // the second empty query is answered from kept counts
			a, err := before.Search(t.Context(), req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			b, err := after.Search(t.Context(), req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			if a.Total != b.Total {
				t.Errorf("%+v (round %d): total %d before, %d after", req, round, a.Total, b.Total)
			}
			if !reflect.DeepEqual(ids(a.Hits), ids(b.Hits)) {
				t.Errorf("%+v (round %d): hits\n%v before\n%v after", req, round, ids(a.Hits), ids(b.Hits))
			}
			if !reflect.DeepEqual(a.Facets, b.Facets) {
				t.Errorf("%+v (round %d): facet counts differ", req, round)
			}
			if !reflect.DeepEqual(a.Timeline, b.Timeline) || a.Interval != b.Interval {
				t.Errorf("%+v (round %d): timelines differ", req, round)
			}
		}
	}
	na, err := before.Count()
	if err != nil {
		t.Fatal(err)
	}
	nb, err := after.Count()
	if err != nil {
		t.Fatal(err)
	}
	if na != nb || na < 3000 {
		t.Errorf("articles: %d before, %d after", na, nb)
	}
}

func ids(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// TestTuneGC checks that a reindex's collector settings apply during it
// and are restored after, and that GOGC in the environment wins.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := tuneGC()
	if got := debug.SetGCPercent(reindexGCPercent); got != reindexGCPercent {
		t.Errorf("GC percent during a reindex = %d, want %d", got, reindexGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != reindexMemoryLimit {
		t.Errorf("memory limit during a reindex = %d, want %d", got, reindexMemoryLimit)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after = %d, want 100", got)
	}
	t.Setenv("GOGC", "50")
	tuneGC()()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, GC percent = %d, want it untouched (100)", got)
	}
}

// TestShardsSameResultsReuters reindexes Reuters-21578 twice, as one
// index and as 4 shards, and checks that every search of a table (words,
// AND, OR, NOT, phrases, prefixes, filters, exclusions, dates, every
// sort, pages, facet sizes, intervals) gives the same totals, hits in the
// same order with the same scores and snippets, facet counts and
// timelines; and that similar articles, facet look-ups and exports agree.
func TestShardsSameResultsReuters(t *testing.T) {
	if testing.Short() {
		t.Skip("reindexes Reuters twice")
	}
	fsys := os.DirFS(needShared(t, "reuters21578"))
	open := func(shards int) *search.Store {
		dir := filepath.Join(t.TempDir(), "index")
		if _, err := reindex(t.Context(), fsys, dir, reindexOptions{shards: shards}); err != nil {
			t.Fatal(err)
		}
		s, err := search.OpenStore(dir, search.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	one, four := open(1), open(4)
	n1, _ := one.Count()
	n4, err := four.Count()
	if err != nil || n1 != n4 || n4 < 19000 {
		t.Fatalf("articles: %d in one index, %d (%v) in 4 shards", n1, n4, err)
	}
	from, to := time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(1987, 3, 31, 0, 0, 0, 0, time.UTC)
	requests := []search.Request{
		{}, {Page: 7}, {Sort: search.SortOldest, Page: 3, Size: 50},
		{Query: "oil"}, {Query: "oil", Page: 5}, {Query: "oil", Size: 100, Page: 3}, {Query: "crude oil", Page: 2},
		{Query: "oil AND opec"}, {Query: "wheat OR grain"}, {Query: "bank -dollar", Sort: search.SortNewest},
		{Query: `"interest rates"`}, {Query: `"interest rates"`, Sort: search.SortOldest, Page: 2},
		{Query: "coff*"}, {Query: "title:gold"}, {Query: "yen dollar", Sort: search.SortRelevance, Page: 4},
		{Query: "trade", Filters: search.Filters{Country: []string{"JP"}}},
		{Filters: search.Filters{Tag: []string{"money-fx"}, Country: []string{"US", "GB"}}},
		{Query: "profit", Exclude: search.Filters{Country: []string{"US"}}},
		{Query: "shares", From: from, To: to, Interval: search.IntervalWeek},
		{Query: "sugar", Interval: search.IntervalDay}, {Query: "gold", NoFacets: true, Page: 3},
		{Query: "acquisition", FacetSize: 3, FacetSizes: map[string]int{search.FacetPerson: 100, search.FacetTag: 50}},
		{Filters: search.Filters{Tag: []string{"earn"}}, Sort: search.SortNewest, Page: 20},
	}
	for _, req := range requests {
		for round := range 2 { // the second empty query is answered from kept counts
			a, err := one.Search(t.Context(), req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			b, err := four.Search(t.Context(), req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			if a.Total != b.Total || a.Total == 0 {
				t.Errorf("%+v (round %d): total %d in one index, %d in 4 shards", req, round, a.Total, b.Total)
			}
			if !reflect.DeepEqual(ids(a.Hits), ids(b.Hits)) {
				t.Errorf("%+v (round %d): hits\n%v in one index\n%v in 4 shards", req, round, ids(a.Hits), ids(b.Hits))
			} else if !reflect.DeepEqual(a.Hits, b.Hits) {
				t.Errorf("%+v (round %d): the same hits with other scores, fields or snippets", req, round)
			}
			if !reflect.DeepEqual(a.Facets, b.Facets) {
				t.Errorf("%+v (round %d): facet counts differ", req, round)
			}
			if !reflect.DeepEqual(a.Timeline, b.Timeline) || a.Interval != b.Interval || a.TimelineOutside != b.TimelineOutside {
				t.Errorf("%+v (round %d): timelines differ", req, round)
			}
		}
	}
	first, err := one.Search(t.Context(), search.Request{Query: "oil", Size: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range first.Hits {
		a, err1 := one.Similar(t.Context(), h.ID, 10)
		b, err4 := four.Similar(t.Context(), h.ID, 10)
		if err1 != nil || err4 != nil || !reflect.DeepEqual(a, b) || len(a) == 0 {
			t.Errorf("Similar(%s): %v, %v\n%v in one index\n%v in 4 shards", h.ID, err1, err4, ids(a), ids(b))
		}
	}
	for _, facet := range []string{search.FacetTag, search.FacetPerson, search.FacetPlace} {
		a, err1 := one.FacetValues(t.Context(), facet, "", 50)
		b, err4 := four.FacetValues(t.Context(), facet, "", 50)
		if err1 != nil || err4 != nil || !reflect.DeepEqual(a, b) || len(a) == 0 {
			t.Errorf("FacetValues(%s): %v, %v, or other values", facet, err1, err4)
		}
	}
	export := func(s *search.Store) []search.Exported {
		var out []search.Exported
		err := s.ExportWith(t.Context(), search.Request{Query: "cocoa"}, search.ExportOptions{Scores: true}, func(x search.Exported) error {
			out = append(out, x)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if a, b := export(one), export(four); len(a) < 50 || !reflect.DeepEqual(a, b) {
		t.Errorf("export: %d articles from one index, %d from 4 shards, or other ones", len(a), len(b))
	}
}
