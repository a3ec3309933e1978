package search

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// TestCountsFromValueSets compares, on a read-only index of 3,000
// synthetic articles, every search counted from value sets with the same
// search counted by bleve: totals, hits, facets and timelines must be
// identical.
func TestCountsFromValueSets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	w, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := newSynthetic(3)
	var batch []corpus.Article
	for i := range 3000 {
		a := s.article(fmt.Sprintf("a%05d", i))
		a.Tags = []string{s.vocab[s.r.IntN(40)], s.vocab[s.r.IntN(400)]}
		batch = append(batch, a)
		if len(batch) == 500 {
			if err := w.Write(t.Context(), batch); err != nil {
				t.Fatal(err)
			}
			batch = nil
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	open := func(by countMode) *Index {
		ix, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		ix.countBy = by
		return ix
	}
	// Counted from value sets, from the values of each match the search
	// collects, as chosen, and by bleve.
	bySets, byValues, byChoice, byBleve := open(countSets), open(countForward), open(countAuto), open(countBleve)
	word := s.vocab[3]
	requests := []Request{
		{}, {Sort: SortOldest, Page: 4}, {Query: word}, {Query: word + " OR " + s.vocab[7]},
		{Filters: Filters{Country: []string{"US"}}},
		{Query: word, Filters: Filters{Topic: []string{"economy"}, Outlet: []string{"BBC", "AP"}}},
		{Exclude: Filters{Country: []string{"FR"}}, FacetSize: 3},
		{From: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2006, 6, 30, 0, 0, 0, 0, time.UTC)},
		{Query: word, Interval: IntervalMonth, FacetSizes: map[string]int{FacetPerson: 50, FacetTag: 30}},
		{Query: "title:" + s.vocab[5]},
	}
	for _, req := range requests {
		b, err := byBleve.Search(t.Context(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		for _, ix := range []struct {
			name string
			ix   *Index
		}{{"value sets", bySets}, {"values", byValues}, {"choice", byChoice}} {
			a, err := ix.ix.Search(t.Context(), req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			if a.Total != b.Total || !reflect.DeepEqual(a.Hits, b.Hits) {
				t.Errorf("%+v: %d hits by %s, %d by bleve, or other hits", req, a.Total, ix.name, b.Total)
			}
			for name, want := range b.Facets {
				if got := a.Facets[name]; !reflect.DeepEqual(got, want) {
					t.Errorf("%+v: facet %s\n by %s %v\n by bleve      %v", req, name, ix.name, got, want)
				}
			}
			if !reflect.DeepEqual(a.Timeline, b.Timeline) || a.Interval != b.Interval {
				t.Errorf("%+v: timelines differ by %s\n%v %s\n%v %s", req, ix.name, a.Timeline, a.Interval, b.Timeline, b.Interval)
			}
		}
	}
	if _, ok := bySets.sets[monthsKey]; !ok || len(bySets.sets) < 2 || bySets.forward != nil {
		t.Errorf("value sets read: %d, months among them: %v, inverted: %v; the searches were not counted from sets",
			len(bySets.sets), ok, bySets.forward != nil)
	}
	if _, ok := byValues.forward.firstOf(monthsKey); !ok {
		t.Errorf("values inverted: %v, months among them: %v; the searches were not counted by values", byValues.forward != nil, ok)
	}
	if len(byBleve.sets) != 0 {
		t.Errorf("value sets were read for the searches counted by bleve")
	}
}

// TestBrowseDateWindow checks that a browse sorted by date, whose counts
// are kept and whose page is then read from the last (or first) years
// only, gives the same page as a search of the whole index.
func TestBrowseDateWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	w, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := newSynthetic(5)
	var batch []corpus.Article
	for i := range 2000 {
		batch = append(batch, s.article(fmt.Sprintf("b%05d", i)))
	}
	if err := w.Write(t.Context(), batch); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	open := func() *Index {
		ix, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		return ix
	}
	warm := open()
	for _, req := range []Request{
		{}, {Page: 3}, {Sort: SortOldest}, {Sort: SortOldest, Page: 7, Size: 50},
		{Page: 40, Size: 50}, {Filters: Filters{Country: []string{"US"}}, Page: 2},
		{Sort: SortRelevance},
	} {
		for range 2 { // the second time from kept counts, in a date window
			got, err := warm.Search(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			want, err := open().Search(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total || !reflect.DeepEqual(got.Hits, want.Hits) {
				t.Errorf("%+v: %d hits, %v\nwant %d, %v", req, got.Total, ids(got.Hits), want.Total, ids(want.Hits))
				for i := range min(len(got.Hits), len(want.Hits)) {
					if !reflect.DeepEqual(got.Hits[i], want.Hits[i]) {
						t.Logf("first difference: %+v\nwant %+v", got.Hits[i], want.Hits[i])
						break
					}
				}
			}
		}
	}
}
