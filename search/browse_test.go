package search

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// TestBrowseCache checks that the facets and timeline of the empty query
// are counted once per filters and kept until the next Write, for every
// page and sort, and that a search is never served the counts of other
// filters or of a query.
func TestBrowseCache(t *testing.T) {
	ix := newTestIndex(t, fixture())
	first, err := ix.Search(t.Context(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.browse) != 1 {
		t.Fatalf("%d browse counts kept after the first browse, want 1", len(ix.browse))
	}
	second, err := ix.Search(t.Context(), Request{Sort: SortOldest, Page: 2, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first.Facets, second.Facets) || !reflect.DeepEqual(first.Timeline, second.Timeline) {
		t.Errorf("page 2, oldest first: facets or timeline differ from page 1's")
	}
	if len(second.Hits) != 1 || second.Total != first.Total {
		t.Errorf("page 2: %d hits of %d, want 1 of %d", len(second.Hits), second.Total, first.Total)
	}

	if key := browseKey(Request{Query: "rates"}); key != "" {
		t.Errorf("a query: browse key %q, want none", key)
	}
	// A browse without facets keeps its total under a key of its own: a
	// browse with facets is never served its empty counts.
	if browseKey(Request{NoFacets: true}) == browseKey(Request{}) {
		t.Errorf("a browse without facets has the key of one with")
	}
	if browseKey(Request{NoFacets: true}) != browseKey(Request{NoFacets: true, FacetSize: 3}) {
		t.Errorf("a browse without facets is kept by facet size")
	}
	bare, err := ix.Search(t.Context(), Request{NoFacets: true, Filters: Filters{Topic: []string{"climate"}}})
	if err != nil {
		t.Fatal(err)
	}
	faceted, err := ix.Search(t.Context(), Request{Filters: Filters{Topic: []string{"climate"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(bare.Facets) != 0 || len(faceted.Facets) == 0 || bare.Total == 0 || bare.Total != faceted.Total {
		t.Errorf("a browse after one without facets: %d facets, total %d; want some, total %d",
			len(faceted.Facets), faceted.Total, bare.Total)
	}
	clear(ix.browse)
	if _, err := ix.Search(t.Context(), Request{}); err != nil {
		t.Fatal(err)
	}
	// A filtered browse is kept under its own filters: counted once, then
	// the same on every page, and never the unfiltered counts.
	bbc := Request{Filters: Filters{Outlet: []string{"BBC"}}}
	narrowed, err := ix.Search(t.Context(), bbc)
	if err != nil {
		t.Fatal(err)
	}
	if narrowed.Total >= first.Total || reflect.DeepEqual(narrowed.Facets[FacetTopic], first.Facets[FacetTopic]) {
		t.Errorf("a filtered search got the browse counts: %d of %d", narrowed.Total, first.Total)
	}
	if len(ix.browse) != 2 {
		t.Errorf("%d browse counts kept after a filtered browse, want 2", len(ix.browse))
	}
	bbc.Sort = SortOldest
	again, err := ix.Search(t.Context(), bbc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Facets, narrowed.Facets) || again.Total != narrowed.Total || len(ix.browse) != 2 {
		t.Errorf("the filtered browse, oldest first: counts differ from the first time, or were kept again")
	}
	for _, req := range []Request{
		{Filters: Filters{Outlet: []string{"BBC"}}},
		{Exclude: Filters{Outlet: []string{"BBC"}}},
		{From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)},
		{FacetSize: 3},
	} {
		if browseKey(req) == browseKey(Request{}) {
			t.Errorf("%+v: same browse key as the empty request", req)
		}
	}

	// A Write empties the cache: the new outlet is counted.
	a := corpus.Article{ID: "new", Source: "new.txt#1", Title: "New", Outlet: "New Outlet", Body: "A new article."}
	if err := ix.Write(t.Context(), []corpus.Article{a}); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Search(t.Context(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != first.Total+1 || !hasValue(after.Facets[FacetOutlet], "New Outlet") {
		t.Errorf("after a Write: total %d (was %d), outlets %v", after.Total, first.Total, after.Facets[FacetOutlet])
	}
}

func hasValue(vals []FacetValue, v string) bool {
	for _, fv := range vals {
		if fv.Value == v {
			return true
		}
	}
	return false
}

// TestBrowseWindowSameAsFullSort pages through browses, with and
// without filters, newest and oldest first, once counted (when the page
// is searched in a window of the latest or earliest days, see
// dateWindow) and compares each page with bleve's sort of every match.
func TestBrowseWindowSameAsFullSort(t *testing.T) {
	ix := newTestIndex(t, copies(12))
	for _, f := range []struct {
		name             string
		filters, exclude Filters
	}{
		{"all", Filters{}, Filters{}},
		{"BBC", Filters{Outlet: []string{"BBC"}}, Filters{}},
		{"not BBC", Filters{}, Filters{Outlet: []string{"BBC"}}},
	} {
		for _, sort := range []Sort{SortNewest, SortOldest} {
			for _, size := range []int{1, 3, 10} {
				for page := 1; page <= 3; page++ {
					for _, noFacets := range []bool{false, true} {
						req := Request{Filters: f.filters, Exclude: f.exclude, Sort: sort, Size: size, Page: page, NoFacets: noFacets}
						if _, err := ix.Search(t.Context(), req); err != nil { // counted, then kept
							t.Fatal(err)
						}
						if c, _ := ix.cachedBrowse(browseKey(req)); c == nil || !c.scored {
							t.Errorf("%s, sort %v, no facets %v: the browse's total and score are not kept", f.name, sort, noFacets)
						}
						res, err := ix.Search(t.Context(), req)
						if err != nil {
							t.Fatal(err)
						}
						want := bleve.NewSearchRequestOptions(combine(query.NewMatchAllQuery(), f.filters, time.Time{}, time.Time{}, f.exclude), size, (page-1)*size, false)
						want.SortByCustom(sortOrder(sort))
						wres, err := ix.b.SearchInContext(t.Context(), want)
						if err != nil {
							t.Fatal(err)
						}
						got, wantIDs := pageIDs(res, wres)
						if !slices.Equal(got, wantIDs) || res.Total != wres.Total {
							t.Errorf("%s, sort %v, size %d, page %d, no facets %v: got %d %v, want %d %v",
								f.name, sort, size, page, noFacets, res.Total, got, wres.Total, wantIDs)
						}
						if noFacets && (len(res.Facets) > 0 || res.Timeline != nil) {
							t.Errorf("%s, no facets: got facets %v and timeline %v", f.name, res.Facets, res.Timeline)
						}
					}
				}
			}
		}
	}
}
