package search

import (
	"reflect"
	"testing"
)

// TestSplitSearchSame checks that a search split into parts over ranges
// of document numbers (splitSearch) gives the result of one search: the
// same total, hits, scores, facets (disjunctive ones too) and timeline,
// for terms, AND pairs, phrases, exclusions and filters, on every page.
func TestSplitSearchSame(t *testing.T) {
	ix := reopenReadOnly(t, newTestIndex(t, copies(12)))
	reqs := []Request{
		{Query: "climate"},
		{Query: "rates"},
		{Query: "politics OR science"},
		{Query: "climate AND science"},
		{Query: `"European Union"`},
		{Query: "climate -Hollande"},
		{Query: "the"},
		{Query: "climate", Filters: Filters{Topic: []string{"science"}}},
		{Query: "politics", Exclude: Filters{Outlet: []string{"BBC"}}},
		{Query: "nosuchword"},
	}
	for _, req := range reqs {
		for _, size := range []int{1, 10} {
			for page := 1; page <= 3; page++ {
				r := req
				r.Size, r.Page = size, page
				ix.splitParts = 0
				want, err := ix.Search(t.Context(), r)
				if err != nil {
					t.Fatal(err)
				}
				sameInParts(t, ix, r, want, 2, 3, 5)
			}
		}
	}
}

// sameInParts checks that r, searched in each number of parts, gives
// want (its Took aside).
func sameInParts(t *testing.T, ix *Index, r Request, want Result, parts ...int) {
	t.Helper()
	want.Took = 0
	for _, n := range parts {
		ix.splitParts = n
		got, err := ix.Search(t.Context(), r)
		if err != nil {
			t.Fatal(err)
		}
		got.Took = 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v in %d parts:\ngot  %d %+v\nwant %d %+v", r, n, got.Total, got.Hits, want.Total, want.Hits)
		}
	}
	ix.splitParts = 0
}

// TestPartRanges checks that the ranges of a split cover every document
// number of the index once, in order.
func TestPartRanges(t *testing.T) {
	ix := reopenReadOnly(t, newTestIndex(t, copies(3)))
	rs, closeReaders, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	defer closeReaders()
	docs, err := rs[0].DocCount()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 3, 7} {
		ranges := partRanges(rs[0], n)
		if len(ranges) != n {
			t.Errorf("%d parts: %d ranges", n, len(ranges))
		}
		var next uint64
		for _, rg := range ranges {
			if rg[0] != next || rg[1] <= rg[0] {
				t.Errorf("%d parts: ranges %v", n, ranges)
				break
			}
			next = rg[1]
		}
		if next < docs {
			t.Errorf("%d parts: ranges %v end before the %d articles", n, ranges, docs)
		}
	}
}
