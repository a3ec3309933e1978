package search

import (
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestSortByDateSame checks that a search sorted newest or oldest first
// on a read-only index (searchByDate) gives the page, the scores and the
// total of bleve's own sort by date and id: for terms, phrases, filters
// and the first browse; on pages that end among articles of the same
// date (the copies of a story share dates) and among articles without a
// date; in one part and in two; and past the limit of ties, where bleve
// sorts every match.
func TestSortByDateSame(t *testing.T) {
	// Written last copy first, so that the order of the index is not
	// that of the ids, which break ties of date.
	articles := copies(12)
	slices.Reverse(articles)
	ix := reopenReadOnly(t, newTestIndex(t, articles))
	reqs := []Request{
		{Query: "climate"},
		{Query: "politics OR science OR rates"},
		{Query: `"European Union"`},
		{Query: "climate", Filters: Filters{Country: []string{"FR"}}},
		{Query: "the"},
		{Filters: Filters{Topic: []string{"politics"}}},
		{},
	}
	for _, limit := range []int{0, 1} {
		ix.tieLimit = limit
		for _, parts := range []int{0, 2} {
			ix.splitParts = parts
			for _, req := range reqs {
				for _, sort := range []Sort{SortNewest, SortOldest} {
					for _, size := range []int{1, 7, 25} {
						for page := 1; page <= 4; page++ {
							clear(ix.browse) // every browse counted, not windowed
							r := req
							r.Sort, r.Size, r.Page = sort, size, page
							name := fmt.Sprintf("limit %d, %d parts, %q %v, %v, size %d, page %d", limit, parts, r.Query, r.Filters.Topic, sort, size, page)
							got, err := ix.Search(t.Context(), r)
							if err != nil {
								t.Fatal(err)
							}
							text, err := buildQuery(r.Query)
							if err != nil {
								t.Fatal(err)
							}
							if matchesAll(r.Query) {
								text = query.NewMatchAllQuery()
							}
							want := bleve.NewSearchRequestOptions(combine(text, r.Filters, r.From, r.To, r.Exclude), size, (page-1)*size, false)
							want.SortByCustom(sortOrder(sort))
							wres, err := ix.b.SearchInContext(t.Context(), want)
							if err != nil {
								t.Fatal(err)
							}
							gotIDs, wantIDs := pageIDs(got, wres)
							if !slices.Equal(gotIDs, wantIDs) || got.Total != wres.Total {
								t.Errorf("%s: got %d %v, want %d %v", name, got.Total, gotIDs, wres.Total, wantIDs)
								continue
							}
							for i, h := range got.Hits {
								if h.Score != wres.Hits[i].Score || h.Title == "" {
									t.Errorf("%s: hit %s scores %v, want %v; title %q", name, h.ID, h.Score, wres.Hits[i].Score, h.Title)
								}
							}
						}
					}
				}
			}
		}
	}
	if ix.nanos == nil {
		t.Errorf("the dates of the articles were not read: searchByDate did not run")
	}
}

// TestBrowseByDateSame checks that a browse of every article, once its
// total is counted, read from the articles' order by date
// (browseByDate), gives bleve's page, scores and total: newest and oldest
// first, on pages that end among articles of the same date and among
// articles without one, on an index with deleted articles (ten articles
// written again, in a segment of their own), and past the limit of ties,
// where the page is searched instead.
func TestBrowseByDateSame(t *testing.T) {
	articles := copies(12)
	slices.Reverse(articles)
	half := len(articles) / 2
	ix := unmergedIndex(t, articles[:half], articles[half:], articles[:10])
	checkDeleted(t, ix, 10)
	for _, limit := range []int{0, 1} {
		ix.tieLimit = limit
		for _, sort := range []Sort{SortNewest, SortOldest} {
			for _, size := range []int{1, 7, 25} {
				for page := 1; page <= 6; page++ {
					r := Request{Sort: sort, Size: size, Page: page}
					name := fmt.Sprintf("limit %d, %v, size %d, page %d", limit, sort, size, page)
					if _, err := ix.Search(t.Context(), r); err != nil { // counted, then kept
						t.Fatal(err)
					}
					got, err := ix.Search(t.Context(), r)
					if err != nil {
						t.Fatal(err)
					}
					want := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), size, (page-1)*size, false)
					want.SortByCustom(sortOrder(sort))
					wres, err := ix.b.SearchInContext(t.Context(), want)
					if err != nil {
						t.Fatal(err)
					}
					gotIDs, wantIDs := pageIDs(got, wres)
					if !slices.Equal(gotIDs, wantIDs) || got.Total != wres.Total || got.Total != uint64(len(articles)) {
						t.Errorf("%s: got %d %v, want %d %v", name, got.Total, gotIDs, wres.Total, wantIDs)
						continue
					}
					for i, h := range got.Hits {
						if h.Score != wres.Hits[i].Score || h.Title == "" {
							t.Errorf("%s: hit %s scores %v, want %v; title %q", name, h.ID, h.Score, wres.Hits[i].Score, h.Title)
						}
					}
				}
			}
		}
	}
	if len(ix.byDate) != len(articles) {
		t.Errorf("%d articles in the order by date, want %d", len(ix.byDate), len(articles))
	}
	ix.tieLimit = 0
	sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 25, 50, false)
	if _, ok, err := ix.browseByDate(t.Context(), sr, true, 1, 1); !ok || err != nil {
		t.Errorf("browseByDate did not read the page: %v", err)
	}
}
