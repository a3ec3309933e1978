package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// copies returns n copies of each fixture article, with new ids and
// dates moved by a day per copy (one in five copies has no date): the
// copies score the same, so that pages end inside groups of tied
// matches, as the copies of a wire story do.
func copies(n int) []corpus.Article {
	var out []corpus.Article
	for i := 0; i < n; i++ {
		for _, a := range fixture() {
			a.ID = fmt.Sprintf("%s-%02d", a.ID, i)
			switch {
			case i%5 == 4:
				a.Date = corpus.Date{}
			case !a.Date.IsZero():
				a.Date = corpus.NewDate(a.Date.Time.AddDate(0, 0, i%3), a.Date.Precision)
			}
			out = append(out, a)
		}
	}
	return out
}

// TestRelevanceSameAsFullSort checks that a search sorted by relevance
// gives the pages bleve gives when it sorts every match by score, date
// and id: when the page's matches can be found by score alone, when ties
// are sorted by searchRelevance itself, and when there are more ties
// than it sorts (tieLimit) and bleve sorts every match.
//
// The index is searched writable (4k+1 matches by score, then the ties
// found again) and read-only (the matches kept as they pass, topScores).
func TestRelevanceSameAsFullSort(t *testing.T) {
	w := newTestIndex(t, copies(12))
	relevanceSameAsFullSort(t, w)
	ro := reopenReadOnly(t, w)
	relevanceSameAsFullSort(t, ro)
	for _, parts := range []int{2, 3} {
		ro.splitParts = parts
		relevanceSameAsFullSort(t, ro)
	}
}

func relevanceSameAsFullSort(t *testing.T, ix *Index) {
	ctx := context.Background()
	for _, limit := range []int{0, 1} {
		ix.tieLimit = limit
		var fast, tied int
		for _, q := range []string{"climate", "rates", "Merkel", "politics OR science", `"European Union"`, "the", "climate -Hollande"} {
			for _, size := range []int{1, 3, 10, 25} {
				for page := 1; page <= 4; page++ {
					name := fmt.Sprintf("limit=%d/%s/size=%d/page=%d", limit, q, size, page)
					res, err := ix.Search(ctx, Request{Query: q, Sort: SortRelevance, Size: size, Page: page, NoFacets: true})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					text, err := buildQuery(q)
					if err != nil {
						t.Fatal(err)
					}
					want := bleve.NewSearchRequestOptions(text, size, (page-1)*size, false)
					want.SortByCustom(sortOrder(SortRelevance))
					wres, err := ix.b.SearchInContext(ctx, want)
					if err != nil {
						t.Fatal(err)
					}
					got, wantIDs := pageIDs(res, wres)
					if !slices.Equal(got, wantIDs) || res.Total != wres.Total {
						t.Errorf("%s: got %d %v, want %d %v", name, res.Total, got, wres.Total, wantIDs)
					}
					for _, h := range res.Hits {
						if h.Title == "" {
							t.Errorf("%s: hit %s has no title: its fields were not read", name, h.ID)
						}
					}
					if tiedAtEnd(t, ix, text, page*size) {
						tied++
					} else {
						fast++
					}
				}
			}
		}
		t.Logf("read-only %v, limit %d: %d pages found by score alone, %d past ties", ix.opts.ReadOnly, limit, fast, tied)
		if fast == 0 || tied == 0 {
			t.Errorf("limit %d: %d pages found by score alone and %d past ties: both ways must be tested", limit, fast, tied)
		}
	}
}

// tiedAtEnd reports whether searchRelevance sorts ties for a page ending
// at result k (or, past tieLimit, falls back on the full sort): the 4k+1
// best matches by score all tie with the k-th.
func tiedAtEnd(t *testing.T, ix *Index, q query.Query, k int) bool {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 4*k+1, 0, false)
	req.Sort = bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
	res, err := ix.b.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	h := res.Hits
	return len(h) == 4*k+1 && h[k-1].Score == h[len(h)-1].Score
}

// pageIDs returns the ids of a page of clippings's hits and of bleve's.
func pageIDs(res Result, wres *bleve.SearchResult) (got, want []string) {
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	for _, h := range wres.Hits {
		want = append(want, h.ID)
	}
	return got, want
}
