package search

import (
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestSetFilterSame checks that a search whose keyword filters are
// applied as one set of articles (setFiltered) gives what bleve gives
// with the filters as queries: the same total, hits, scores, facets and
// timeline, for one value, several values of one filter, several
// filters, a value no article holds, and filters with an exclusion, a
// date range or a phrase; split into parts too.
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
			if page == 1 && req.Filters.Outlet == nil && got.Total == 0 {
				t.Errorf("%+v: no match: the test tests nothing", r)
			}
		}
	}
}
