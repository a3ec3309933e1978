package search

import (
	"reflect"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// TestBrowseCache checks that the facets and timeline of the empty query
// are counted once and kept until the next Write, for every page and sort,
// and that a narrowed search is never served from them.
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

	for _, req := range []Request{
		{Query: "rates"},
		{Filters: Filters{Outlet: []string{"BBC"}}},
		{Exclude: Filters{Outlet: []string{"BBC"}}},
		{From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)},
		{NoFacets: true},
	} {
		if key := browseKey(req); key != "" {
			t.Errorf("%+v: browse key %q, want none", req, key)
		}
	}
	narrowed, err := ix.Search(t.Context(), Request{Filters: Filters{Outlet: []string{"BBC"}}})
	if err != nil {
		t.Fatal(err)
	}
	if narrowed.Total >= first.Total || reflect.DeepEqual(narrowed.Facets[FacetTopic], first.Facets[FacetTopic]) {
		t.Errorf("a filtered search got the browse counts: %d of %d", narrowed.Total, first.Total)
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
