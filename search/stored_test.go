package search

import (
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestLoadStoredSame checks that loadStored, which reads the stored
// fields of hits by their numbers, gives each hit the fields bleve's
// search gives it: on an index of several segments with deleted
// articles (so that the numbers of a segment's articles are offset, and
// some are gone), for the fields of a page, for every stored field, and
// for one field; values of several values (authors, topics) as lists.
func TestLoadStoredSame(t *testing.T) {
	articles := copies(12)
	half := len(articles) / 2
	ix := unmergedIndex(t, articles[:half], articles[half:], articles[:10])
	if n := len(segmentSizes(t, ix)); n < 3 {
		t.Fatalf("%d segments: the test needs several", n)
	}
	checkDeleted(t, ix, 10)
	for _, fields := range [][]string{hitFields, {"*"}, {fieldTitle}} {
		want := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), len(articles), 0, false)
		want.Fields = fields
		wres, err := ix.b.SearchInContext(t.Context(), want)
		if err != nil {
			t.Fatal(err)
		}
		if len(wres.Hits) != len(articles) {
			t.Fatalf("%d hits, want %d", len(wres.Hits), len(articles))
		}
		hits := make(bsearch.DocumentMatchCollection, len(wres.Hits))
		for i, h := range wres.Hits {
			hits[i] = &bsearch.DocumentMatch{ID: h.ID, IndexInternalID: slices.Clone(h.IndexInternalID),
				Fields: map[string]any{"stale": true}}
		}
		ok, err := ix.loadStored(hits, fields)
		if err != nil || !ok {
			t.Fatalf("loadStored: %v, %v", ok, err)
		}
		lists := 0
		for i, h := range hits {
			if !reflect.DeepEqual(h.Fields, wres.Hits[i].Fields) {
				t.Errorf("fields %v of %s: got %v, want %v", fields, h.ID, h.Fields, wres.Hits[i].Fields)
			}
			for _, v := range h.Fields {
				if _, ok := v.([]any); ok {
					lists++
				}
			}
		}
		if len(fields) > 1 && lists == 0 {
			t.Errorf("fields %v: no value of several values: the test says less than it should", fields)
		}
	}
	// Without numbers, the hits are loaded by a search for their ids.
	if ok, _ := ix.loadStored(bsearch.DocumentMatchCollection{{ID: articles[0].ID}}, hitFields); ok {
		t.Error("loadStored read a hit without a number")
	}
}
