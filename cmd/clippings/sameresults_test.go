package main

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"testing"
	"testing/fstest"

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
