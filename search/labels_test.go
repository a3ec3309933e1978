package search

import (
	"context"
	"maps"
	"reflect"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestLabels: the descriptions of the source's codes label the values of
// the tag and section facets, in a search and in a lookup, which also
// finds a code by its description; they are kept with the index and read
// back when it is opened again.
func TestLabels(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, []corpus.Article{
		{ID: "a", Source: "reut2-000.sgm#1", Title: "Dollar falls", Body: "Text.", Tags: []string{"money-fx", "dlr"},
			Topics: []string{"economy, business and finance", "crude"}, Section: "Markets"},
		{ID: "b", Source: "reut2-000.sgm#2", Title: "Oil rises", Body: "Text.", Tags: []string{"crude", "money-fx"}},
		{ID: "c", Source: "reut2-000.sgm#3", Title: "Cocoa", Body: "Text.", Tags: []string{"cocoa"}},
	})
	if l, err := ix.Labels(ctx); err != nil || l != nil {
		t.Fatalf("labels of a new index: %v, %v; want none", l, err)
	}
	// Browsing counts are kept until the labels come.
	if res, err := ix.Search(ctx, Request{}); err != nil || len(res.Facets[FacetTag]) == 0 || res.Facets[FacetTag][0].Label != "" {
		t.Fatalf("tag facet before labels: %+v, %v", res.Facets[FacetTag], err)
	}
	labels := corpus.Labels{"money-fx": "Money/Foreign Exchange", "crude": "Crude Oil", "dlr": "U.S. Dollar", "markets": "Financial markets"}
	if err := ix.SetLabels(ctx, labels); err != nil {
		t.Fatal(err)
	}
	want := []FacetValue{{Value: "money-fx", Count: 2, Label: "Money/Foreign Exchange"}, {Value: "cocoa", Count: 1},
		{Value: "crude", Count: 1, Label: "Crude Oil"}, {Value: "dlr", Count: 1, Label: "U.S. Dollar"}}
	var res Result
	for range 2 { // counted, then kept
		var err error
		if res, err = ix.Search(ctx, Request{Page: 2, Size: 1}); err != nil {
			t.Fatal(err)
		}
		if got := res.Facets[FacetTag]; !reflect.DeepEqual(got, want) {
			t.Errorf("tag facet %+v, want %+v", got, want)
		}
	}
	if got := res.Facets[FacetSection]; len(got) != 1 || got[0].Label != "Financial markets" {
		t.Errorf("section facet %+v, want Markets labelled", got)
	}
	for _, v := range res.Facets[FacetTopic] {
		if v.Label != "" {
			t.Errorf("topic %q labelled %q: topics are not the source's codes", v.Value, v.Label)
		}
	}
	// A filtered facet, counted apart, is labelled too.
	res, err := ix.Search(ctx, Request{Filters: Filters{Tag: []string{"crude"}}})
	if err != nil || len(res.Facets[FacetTag]) == 0 || res.Facets[FacetTag][0].Label == "" {
		t.Errorf("tag facet with tag=crude: %+v, %v", res.Facets[FacetTag], err)
	}
	for _, tt := range []struct {
		facet, prefix string
		want          []FacetValue
	}{
		{FacetTag, "foreign", []FacetValue{{Value: "money-fx", Count: 2, Label: "Money/Foreign Exchange"}}},
		{FacetTag, "mon", []FacetValue{{Value: "money-fx", Count: 2, Label: "Money/Foreign Exchange"}}},
		{FacetTag, "oil", []FacetValue{{Value: "crude", Count: 1, Label: "Crude Oil"}}},
		{FacetTopic, "oil", []FacetValue{}},
	} {
		got, err := ix.FacetValues(ctx, tt.facet, tt.prefix, 0)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FacetValues(%s, %q) = %+v, %v; want %+v", tt.facet, tt.prefix, got, err, tt.want)
		}
	}
}

// TestLabelsKept: the labels are read back from an index opened again,
// built as a reindex builds it (a bulk load) or not, and setting none
// removes them.
func TestLabelsKept(t *testing.T) {
	ctx := context.Background()
	labels := corpus.Labels{"opec": "Organisation of Petroleum Exporting Countries"}
	var path string
	for _, bulk := range []bool{true, false} {
		path = t.TempDir() + "/index"
		ix, err := Create(path, Options{Bulk: bulk})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Write(ctx, []corpus.Article{{ID: "a", Title: "OPEC meets", Tags: []string{"opec"}}}); err != nil {
			t.Fatal(err)
		}
		if err := ix.SetLabels(ctx, labels); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		ro, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ro.Labels(ctx)
		if err != nil || !maps.Equal(got, labels) {
			t.Errorf("bulk %v: labels read back %v, %v; want %v", bulk, got, err, labels)
		}
		if err := ro.SetLabels(ctx, nil); err == nil {
			t.Error("a read-only index took labels")
		}
		ro.Close()
	}
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.SetLabels(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := ix.Labels(ctx); err != nil || got != nil {
		t.Errorf("labels after removing them: %v, %v", got, err)
	}
}

// TestBulkInternalKept: the internal records of a bulk index (its
// MappingVersion, its labels) reach the disk before Close returns, even
// when no article was written: an empty corpus reindexed made an index
// that could not be opened, often (TestReindexEmptyFolder failed).
func TestBulkInternalKept(t *testing.T) {
	ctx := context.Background()
	for i := range 20 {
		path := t.TempDir() + "/index"
		ix, err := Create(path, Options{Bulk: true})
		if err != nil {
			t.Fatal(err)
		}
		var labels corpus.Labels
		if i%2 == 1 {
			labels = corpus.Labels{"opec": "Organisation of Petroleum Exporting Countries"}
		}
		if err := ix.SetLabels(ctx, labels); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		ro, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("empty bulk index %d: %v", i, err)
		}
		if got, err := ro.Labels(ctx); err != nil || !maps.Equal(got, labels) {
			t.Errorf("empty bulk index %d: labels %v, %v; want %v", i, got, err, labels)
		}
		ro.Close()
	}
}
