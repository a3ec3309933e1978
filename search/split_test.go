package search

import (
	"cmp"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestSplitSearchSame checks that a search split into parts over ranges
// of document numbers (splitSearch) gives the result of one search: the
// same total, hits, scores, facets (disjunctive ones too) and timeline,
// for terms, AND pairs, phrases, exclusions and filters, on every page;
// on an index of one segment (parts of one range each) and on one of
// several (parts of whole segments).
func TestSplitSearchSame(t *testing.T) {
	for _, ix := range []*Index{reopenReadOnly(t, newTestIndex(t, copies(12))), segmentedIndex(t)} {
		splitSearchSame(t, ix)
	}
}

// splitSearchSame checks the requests of TestSplitSearchSame on ix.
func splitSearchSame(t *testing.T, ix *Index) {
	t.Helper()
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
// number of the index once: on an index of one segment, in ranges of
// about as many numbers, one per part; on one of several segments that
// can be dealt evenly, in whole segments.
func TestPartRanges(t *testing.T) {
	for _, ix := range []*Index{reopenReadOnly(t, newTestIndex(t, copies(3))), segmentedIndex(t)} {
		rs, closeReaders, err := ix.readers()
		if err != nil {
			t.Fatal(err)
		}
		sizes := segmentSizes(t, ix)
		docs, _ := docNumbers(rs[0]) // deleted articles included
		for _, n := range []int{1, 2, 3, 7} {
			parts := partRanges(rs[0], n)
			if len(parts) != n {
				t.Errorf("%d segments, %d parts: %v", len(sizes), n, parts)
			}
			var all [][2]uint64
			for _, p := range parts {
				if len(p) == 0 {
					t.Errorf("%d segments, %d parts: an empty part in %v", len(sizes), n, parts)
				}
				all = append(all, p...)
			}
			slices.SortFunc(all, func(a, b [2]uint64) int { return cmp.Compare(a[0], b[0]) })
			var next uint64
			for _, rg := range all {
				if rg[0] != next || rg[1] <= rg[0] {
					t.Errorf("%d segments, %d parts: ranges %v", len(sizes), n, parts)
					break
				}
				next = rg[1]
			}
			if next != docs {
				t.Errorf("%d segments, %d parts: ranges %v end at %d, not at the %d articles", len(sizes), n, parts, next, docs)
			}
		}
		closeReaders()
	}
}

// TestSegmentParts checks how segments are dealt into parts: evenly
// enough, in whole segments, adjacent ones joined; not at all when a part
// would hold too many articles or none.
func TestSegmentParts(t *testing.T) {
	for _, c := range []struct {
		sizes []uint64
		n     int
		want  [][][2]uint64
	}{
		// Reuters-21578, as reindexed.
		{[]uint64{4000, 4000, 7000, 6578}, 2, [][][2]uint64{{{4000, 15000}}, {{0, 4000}, {15000, 21578}}}},
		// The 200,000 generated articles.
		{[]uint64{53000, 95000, 10000, 10000, 10000, 10000, 1000, 1000, 10000}, 2,
			[][][2]uint64{{{53000, 148000}, {188000, 190000}}, {{0, 53000}, {148000, 188000}, {190000, 200000}}}},
		{[]uint64{10, 10, 10, 10}, 4, [][][2]uint64{{{0, 10}}, {{10, 20}}, {{20, 30}}, {{30, 40}}}},
		{[]uint64{10, 10, 10, 10}, 2, [][][2]uint64{{{0, 10}, {20, 30}}, {{10, 20}, {30, 40}}}},
		{[]uint64{100, 10, 10}, 2, nil},    // 100 of 120 in one part
		{[]uint64{100}, 2, nil},            // one segment
		{[]uint64{10, 10}, 3, nil},         // a part with none
		{[]uint64{10, 10, 10, 10}, 1, nil}, // one part: nothing to split
	} {
		if got := segmentParts(c.sizes, c.n); !reflect.DeepEqual(got, c.want) {
			t.Errorf("segments %v in %d parts: got %v, want %v", c.sizes, c.n, got, c.want)
		}
	}
}

// segmentedIndex returns a read-only index of four segments of as many
// articles, four of them deleted, and one of those four written again
// (unmergedIndex): two parts are dealt two segments apart each.
func segmentedIndex(t *testing.T) *Index {
	t.Helper()
	articles := copies(12)
	q := len(articles) / 4
	ix := unmergedIndex(t, articles[:q], articles[q:2*q], articles[2*q:3*q], articles[3*q:], articles[:4])
	if n := len(segmentSizes(t, ix)); n != 5 {
		t.Fatalf("%d segments: the test needs several", n)
	}
	return ix
}

// TestRangeQuery checks that a query limited to ranges of document
// numbers matches the articles of the whole query numbered in them: for
// ranges that start at 0 or later, leave gaps, touch, hold no match, or
// run past the last article.
func TestRangeQuery(t *testing.T) {
	ix := segmentedIndex(t)
	rs, closeReaders, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	end, _ := docNumbers(rs[0])
	closeReaders()
	for _, q := range []string{"climate", "paris AND climate", `"European Union"`, "rates", "fed OR obama"} {
		text, err := buildQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		numbersOf := func(qq query.Query) []uint64 {
			sr := bleve.NewSearchRequestOptions(qq, int(end)+1, 0, false)
			res, err := ix.run(t.Context(), sr)
			if err != nil {
				t.Fatal(err)
			}
			var out []uint64
			for _, h := range res.Hits {
				out = append(out, h.IndexInternalID.Value())
			}
			slices.Sort(out)
			return out
		}
		all := numbersOf(text)
		if len(all) < 4 {
			t.Fatalf("%q: %d matches: the test says little", q, len(all))
		}
		for _, ranges := range [][][2]uint64{
			{{0, end}},
			{{0, end / 4}, {end / 2, 3 * end / 4}},
			{{end / 4, end / 2}, {3 * end / 4, end + 10}},
			{{1, 2}, {3, end / 3}, {end / 3, end / 2}, {end - 1, end}},
			{{end, end + 5}},
		} {
			var want []uint64
			for _, n := range all {
				for _, rg := range ranges {
					if n >= rg[0] && n < rg[1] {
						want = append(want, n)
					}
				}
			}
			if got := numbersOf(rangeQuery{inner: text, ranges: ranges}); !slices.Equal(got, want) {
				t.Errorf("%q in %v: got %v, want %v", q, ranges, got, want)
			}
		}
	}
}
