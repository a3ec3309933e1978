package search

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/clippings/clippings/corpus"
)

// TestPlainIndex checks the yardstick index of `clippings bench`: it
// holds what it was given, finds words, phrases and facet values as
// whole values, lists every article newest first for an empty query,
// and counts facets and highlights the hits only when asked.
func TestPlainIndex(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "plain")
	ix, err := CreatePlain(path)
	if err != nil {
		t.Fatal(err)
	}
	arts := fixture()
	if err := ix.Write(ctx, arts[:5]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Write(ctx, arts[5:]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = OpenPlain(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != uint64(len(arts)) {
		t.Fatalf("Count() = %d, %v; want %d", n, err, len(arts))
	}

	tests := []struct {
		q     string
		total uint64
		first string // the first hit, if any
	}{
		{"", uint64(len(arts)), "cam"}, // newest first
		{"yellen", 1, "fed"},
		{`"benchmark interest"`, 1, "fed"},
		{`+climate +countries:US`, 1, "par"},
		{`+politics +countries:"GB"`, 1, "brx"},
		{`topics:"elections"`, 1, "oba"},
		{"zanzibar", 0, ""},
	}
	for _, tt := range tests {
		for _, facets := range []bool{false, true} {
			res, err := ix.Search(ctx, tt.q, facets, 3)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			if res.Total != tt.total {
				t.Errorf("Search(%q, %v): %d hits, want %d", tt.q, facets, res.Total, tt.total)
			}
			if tt.first != "" && (len(res.Hits) == 0 || res.Hits[0] != tt.first) {
				t.Errorf("Search(%q, %v): hits %v, want %s first", tt.q, facets, res.Hits, tt.first)
			}
			if !facets && (res.Facets != nil || res.Fragments != nil) {
				t.Errorf("Search(%q) without facets has facets or fragments", tt.q)
			}
		}
	}

	res, err := ix.Search(ctx, "climate", true, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Facets["countries"]; len(got) == 0 || got[0] != (FacetValue{Value: "FR", Count: 2}) {
		t.Errorf("countries facet of climate: %v", got)
	}
	// Three climate articles are of 2015, one has no date; years
	// without a match are left out.
	if got := res.Facets["date"]; len(got) != 1 || got[0] != (FacetValue{Value: "2015", Count: 3}) {
		t.Errorf("date facet of climate: %v", res.Facets["date"])
	}
	marked := false
	for _, frags := range res.Fragments {
		for _, f := range frags {
			marked = marked || strings.Contains(f, "<mark>")
		}
	}
	if !marked {
		t.Errorf("no highlighted fragment for climate: %v", res.Fragments)
	}
}

// TestPlainSettle checks that Settle merges the segments a PlainIndex was
// closed with, as Bleve's merger would once it is opened, and keeps every
// article. The index is written one article at a time, and opened with
// Bleve's own merges held off (no segment small enough to merge), so that
// it has one segment per article.
func TestPlainSettle(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "plain")
	noMerges := map[string]any{"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": 1}}
	var arts []corpus.Article
	for i := range 3 {
		for _, a := range fixture() {
			a.ID = fmt.Sprintf("%s-%d", a.ID, i)
			arts = append(arts, a)
		}
	}
	open := func() *PlainIndex {
		b, err := bleve.OpenUsing(path, noMerges)
		if err != nil {
			t.Fatal(err)
		}
		return &PlainIndex{b: b, path: path}
	}
	ix, err := CreatePlain(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	for i := range arts {
		ix := open()
		if err := ix.Write(ctx, arts[i:i+1]); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	segments := func() int {
		adv, err := ix.b.Advanced()
		if err != nil {
			t.Fatal(err)
		}
		n, ok := fileSegments(adv.(*scorch.Scorch))
		if !ok {
			t.Fatal("no segment count in bleve's statistics")
		}
		return n
	}
	ix = open()
	defer ix.Close()
	if n := segments(); n != len(arts) {
		t.Fatalf("%d segments before Settle, want one per article, %d", n, len(arts))
	}
	want, err := ix.Search(ctx, "interest", false, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Settle(ctx); err != nil {
		t.Fatal(err)
	}
	most := mergeplan.DefaultMergePlanOptions.MaxSegmentsPerTier
	if n := segments(); n > most {
		t.Errorf("%d segments after Settle (%d before), want at most %d (Bleve's default plan)", n, len(arts), most)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(arts)) {
		t.Errorf("Count() = %d, %v after Settle; want %d", n, err, len(arts))
	}
	res, err := ix.Search(ctx, "interest", false, 100)
	if err != nil || res.Total != want.Total || res.Total%3 != 0 {
		t.Errorf(`Search("interest") = %d matches, %v after Settle; want %d, as before, a multiple of the 3 copies`, res.Total, err, want.Total)
	}
}
