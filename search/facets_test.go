package search

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestSearchDisjunctiveFacets checks that a facet narrowed by a filter
// is counted without that filter but with all the others.
func TestSearchDisjunctiveFacets(t *testing.T) {
	ix := newTestIndex(t, fixture())
	type fv = []FacetValue
	res, err := ix.Search(context.Background(), Request{
		Filters: Filters{Country: []string{"FR"}, Outlet: []string{"Reuters"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 {
		t.Errorf("total %d, want 1 (cop)", res.Total)
	}
	// Countries of Reuters articles, whatever their country.
	if want := (fv{{Value: "DE", Count: 1}, {Value: "FR", Count: 1}, {Value: "IS", Count: 1}, {Value: "JP", Count: 1}, {Value: "US", Count: 1}}); !reflect.DeepEqual(res.Facets[FacetCountry], want) {
		t.Errorf("country facet %v, want %v", res.Facets[FacetCountry], want)
	}
	// Outlets of French articles, whatever their outlet.
	if want := (fv{{Value: "Le Monde", Count: 1}, {Value: "Reuters", Count: 1}}); !reflect.DeepEqual(res.Facets[FacetOutlet], want) {
		t.Errorf("outlet facet %v, want %v", res.Facets[FacetOutlet], want)
	}
	// Other facets have both filters.
	if want := (fv{{Value: "climate", Count: 1}, {Value: "politics", Count: 1}}); !reflect.DeepEqual(res.Facets[FacetTopic], want) {
		t.Errorf("topic facet %v, want %v", res.Facets[FacetTopic], want)
	}

	// The year facet ignores the date range.
	res, err = ix.Search(context.Background(), Request{From: utc(2015, 1, 1, 0), To: utc(2015, 12, 31, 0), FacetSizes: map[string]int{FacetYear: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (fv{{Value: "2015", Count: 4}, {Value: "2012", Count: 1}}); res.Total != 4 || !reflect.DeepEqual(res.Facets[FacetYear], want) {
		t.Errorf("total %d, year facet %v, want 4 and %v", res.Total, res.Facets[FacetYear], want)
	}
}

// TestSearchTimeline checks the buckets: by year over a long span, by
// month over a short one, empty periods included.
func TestSearchTimeline(t *testing.T) {
	ix := newTestIndex(t, fixture())
	res, err := ix.Search(context.Background(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range res.Timeline {
		got = append(got, b.Date().String()+"="+itoa(b.Count))
	}
	want := []string{"2012=1", "2013=1", "2014=1", "2015=4", "2016=1", "2017=1", "2018=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline %v, want %v", got, want)
	}

	res, err = ix.Search(context.Background(), Request{From: utc(2015, 1, 1, 0), To: utc(2016, 12, 31, 0)})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, b := range res.Timeline {
		if b.Precision != corpus.PrecisionMonth {
			t.Fatalf("bucket %+v, want months", b)
		}
		if b.Count > 0 {
			got = append(got, b.Date().String()+"="+itoa(b.Count))
		}
	}
	// cli is dated 2015 only: it counts in January 2015.
	want = []string{"2015-01=1", "2015-11=2", "2015-12=1", "2016-06=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline %v, want %v", got, want)
	}
	// A query whose matches span a short time, in an index spanning a
	// long one: months, counted by a second search.
	short, err := ix.Search(context.Background(), Request{Query: "date:2015"})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, b := range short.Timeline {
		if b.Precision != corpus.PrecisionMonth {
			t.Fatalf("bucket %+v, want months", b)
		}
		sum += b.Count
	}
	if sum != int(short.Total) || short.Timeline[0].Date().String() != "2015-01" || short.Timeline[len(short.Timeline)-1].Date().String() != "2015-12" {
		t.Errorf("timeline of date:2015: %+v, total %d", short.Timeline, short.Total)
	}
	if first, last := res.Timeline[0].Date().String(), res.Timeline[len(res.Timeline)-1].Date().String(); first != "2015-01" || last != "2016-06" || len(res.Timeline) != 18 {
		t.Errorf("timeline from %s to %s in %d months, want 2015-01 to 2016-06 in 18", first, last, len(res.Timeline))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestFacetValues(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		facet, prefix string
		size          int
		want          []FacetValue
	}{
		{"person", "mer", 0, []FacetValue{{Value: "Angela Merkel", Count: 2}}},
		{"person", "", 2, []FacetValue{{Value: "Angela Merkel", Count: 2}, {Value: "Barack Obama", Count: 2}}},
		{"outlet", "the", 0, []FacetValue{{Value: "The Guardian", Count: 2}}},
		{"country", "f", 0, []FacetValue{{Value: "FR", Count: 2}}},
		{"place", "wash", 0, []FacetValue{{Value: "Washington", Count: 1}}},
		{"topic", "zzz", 0, []FacetValue{}},
	}
	for _, tt := range tests {
		got, err := ix.FacetValues(context.Background(), tt.facet, tt.prefix, tt.size)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FacetValues(%s, %q) = %v, want %v", tt.facet, tt.prefix, got, tt.want)
		}
	}
	if _, err := ix.FacetValues(context.Background(), "colour", "", 0); err == nil {
		t.Error("unknown facet: no error")
	}
}

// TestFacetSelectedBeyondTheFirst: a selected value that is not among the
// first values of its facet is listed after them, with its count; the
// author, place, section and language facets count and filter too.
func TestFacetSelectedBeyondTheFirst(t *testing.T) {
	ix := newTestIndex(t, fixture())
	res, err := ix.Search(context.Background(), Request{Filters: Filters{Country: []string{"iceland"}}, FacetSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Facets[FacetCountry], []FacetValue{{Value: "GB", Count: 4}, {Value: "IS", Count: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("country facet %v, want %v", got, want)
	}
	res, err = ix.Search(context.Background(), Request{Filters: Filters{Section: []string{"business"}, Language: []string{"EN"}}})
	if err != nil {
		t.Fatal(err)
	}
	if ids := ids(res.Hits); len(ids) != 1 || ids[0] != "fed" || !reflect.DeepEqual(res.Facets[FacetAuthor], []FacetValue{{Value: "Ann Smith", Count: 1}, {Value: "Bob Jones", Count: 1}}) ||
		!reflect.DeepEqual(res.Facets[FacetPlace], []FacetValue{{Value: "Washington", Count: 1}}) {
		t.Errorf("section=business&language=EN: %v, authors %v, places %v", ids, res.Facets[FacetAuthor], res.Facets[FacetPlace])
	}
}

// TestPlaceholderTags: "Uncategorized" and the like are neither tags nor
// topics; the tag facet and filter work as the others.
func TestPlaceholderTags(t *testing.T) {
	ix := newTestIndex(t, []corpus.Article{
		{ID: "a", Source: "a.html#1", Title: "A post", Body: "Text.", Tags: []string{"Uncategorized", "elections"},
			Topics: []string{"politics", "Uncategorized", "elections"}, Section: "Uncategorised"},
		{ID: "b", Source: "b.html#1", Title: "B post", Body: "Text.", Tags: []string{"energy"}, Topics: []string{"energy"}},
	})
	res, err := ix.Search(context.Background(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Facets[FacetTag]; !reflect.DeepEqual(got, []FacetValue{{Value: "elections", Count: 1}, {Value: "energy", Count: 1}}) {
		t.Errorf("tag facet %v", got)
	}
	if got := res.Facets[FacetTopic]; len(got) != 3 || slices.ContainsFunc(got, func(v FacetValue) bool { return v.Value == "Uncategorized" }) {
		t.Errorf("topic facet %v", got)
	}
	if got := res.Facets[FacetSection]; len(got) != 0 {
		t.Errorf("section facet %v", got)
	}
	res, err = ix.Search(context.Background(), Request{Filters: Filters{Tag: []string{"Elections"}}})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "a" {
		t.Errorf("tag=Elections: %v %v", ids(res.Hits), err)
	}
}
