package search

import (
	"slices"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// TestSetFilterSame checks that a search whose keyword filters are
// applied as one set of articles (setFiltered) gives what bleve gives
// with the filters as queries: the same total, hits, scores, facets and
// timeline, for one value, several values of one filter, several
// filters, a value no article holds, and filters with an exclusion, a
// date range or a phrase; split into parts too. And the same for
// conjunctions of words, whose searcher is driven through their matches
// read unscored (drivenSearcher), alone or with filters, an exclusion or
// a date range.
func TestSetFilterSame(t *testing.T) {
	w := newTestIndex(t, copies(12))
	path := w.Path()
	ix := reopenReadOnly(t, w)
	byBleve, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = byBleve.Close() })
	byBleve.countBy = countBleve

	reqs := []Request{
		{Query: "glaciers OR climate", Filters: Filters{Topic: []string{"science"}}},
		{Query: "politics OR climate", Filters: Filters{Country: []string{"fr", "US"}}},
		{Query: "Paris OR Britain OR Obama OR rates", Filters: Filters{Outlet: []string{"Reuters"}, Topic: []string{"politics"}}},
		{Query: "politics", Filters: Filters{Outlet: []string{"No Such Outlet"}}},
		{Query: "glaciers OR Britain", Filters: Filters{Country: []string{"GB"}}, Exclude: Filters{Outlet: []string{"BBC"}}},
		{Query: "Paris OR Britain", Filters: Filters{Topic: []string{"politics"}},
			From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)},
		{Query: `"European Union"`, Filters: Filters{Topic: []string{"politics", "economy"}}},
		{Query: "Paris climate"},
		{Query: "Paris AND agreement AND Obama"},
		{Query: "title:climate Paris"},
		{Query: "interest rates", Filters: Filters{Topic: []string{"economy"}}},
		{Query: "Paris climate", Exclude: Filters{Outlet: []string{"BBC"}}},
		{Query: "Paris climate", Filters: Filters{Country: []string{"fr"}}, Exclude: Filters{Outlet: []string{"BBC"}}},
		{Query: "Paris climate", From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)},
		{Query: "climate -glaciers", Filters: Filters{Country: []string{"fr", "US"}}},
	}
	for _, req := range reqs {
		for _, page := range []int{1, 2} {
			r := req
			r.Size, r.Page = 3, page
			want, err := byBleve.Search(t.Context(), r)
			if err != nil {
				t.Fatal(err)
			}
			text, err := buildQuery(r.Query)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok, err := ix.setFiltered(t.Context(), text, r); err != nil || !ok {
				t.Fatalf("%+v: not filtered by sets (%v)", r, err)
			}
			sameInParts(t, ix, r, want, 1, 2)
			// And bleve's own search of the filters as queries.
			got := sameAsBleve(t, ix, r)
			if page == 1 && req.Filters.Outlet == nil && got.Total == 0 {
				t.Errorf("%+v: no match: the test tests nothing", r)
			}
		}
	}
}

// TestDrivenSearcher checks that a searcher driven through a set hands
// on exactly its matches that are in the set, when the set also holds
// articles it does not match and leaves out some that it does.
func TestDrivenSearcher(t *testing.T) {
	ix := reopenReadOnly(t, newTestIndex(t, copies(12)))
	rs, closeReaders, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	defer closeReaders()
	q, err := buildQuery("Paris OR climate OR rates")
	if err != nil {
		t.Fatal(err)
	}
	matches, err := ix.matchSet(t.Context(), rs[0], q)
	if err != nil {
		t.Fatal(err)
	}
	set := roaring.New()
	for d := range matches.Maximum() + 5 {
		if d%3 != 0 {
			set.Add(d)
		}
	}
	want := roaring.And(matches, set)
	if want.IsEmpty() || want.GetCardinality() == matches.GetCardinality() || roaring.AndNot(set, matches).IsEmpty() {
		t.Fatalf("%d matches, %d in the set of %d: the test tests nothing", matches.GetCardinality(), want.GetCardinality(), set.GetCardinality())
	}
	s, err := setQuery{inner: q, set: set, driven: true}.Searcher(t.Context(), rs[0], ix.b.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := roaring.New()
	err = eachMatch(t.Context(), s, func(dm *bsearch.DocumentMatch) (bool, error) {
		got.Add(uint32(dm.IndexInternalID.Value()))
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equals(want) {
		t.Errorf("driven through the set: %v\nwant the matches in the set: %v", got.ToArray(), want.ToArray())
	}
}

// TestConjunctive checks which queries are searched through their
// matches read unscored: conjunctions of two or more exact words.
func TestConjunctive(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"Paris climate", true},
		{"Paris AND climate AND rates", true},
		{"title:climate Paris", true},
		{"country:fr Paris", true},
		{"Paris", false},
		{"Paris OR climate", false},
		{"Paris -climate", false},
		{`"Paris agreement" climate`, false},
		{"Paris~1 climate", false},
		{"clim* Paris", false},
		{"(Paris OR Rome) climate", false},
	} {
		q, err := buildQuery(c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := conjunctive(q); got != c.want {
			t.Errorf("conjunctive(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

// sameAsBleve checks that r, a search by relevance, gives the page and
// the total of bleve's own search of its query with its filters, dates
// and exclusions as queries, and returns its result.
func sameAsBleve(t *testing.T, ix *Index, r Request) Result {
	t.Helper()
	text, err := buildQuery(r.Query)
	if err != nil {
		t.Fatal(err)
	}
	page := max(r.Page, 1)
	breq := bleve.NewSearchRequestOptions(combine(text, r.Filters, r.From, r.To, r.Exclude), r.Size, (page-1)*r.Size, false)
	breq.SortByCustom(sortOrder(SortRelevance))
	bres, err := ix.b.SearchInContext(t.Context(), breq)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ix.Search(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	gotIDs, wantIDs := pageIDs(got, bres)
	if !slices.Equal(gotIDs, wantIDs) || got.Total != bres.Total {
		t.Errorf("%+v: got %d %v, bleve %d %v", r, got.Total, gotIDs, bres.Total, wantIDs)
	}
	return got
}
