package search

import (
	"context"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// maxScoredPage bounds the results (page × size) that searchRelevance
// collects by score alone; a deeper page is sorted by bleve in full.
const maxScoredPage = 200

// searchRelevance runs sr, a request sorted by relevance (score, then
// date newest first, then id), without making bleve read the date and
// the id of every match. Sorting by the three keys makes bleve's
// collector read both for each match, which took two thirds of a
// search's time at 200,000 articles; sorting by score alone reads
// neither.
//
// So the first 4k+1 matches by score are collected, k the last result of
// the page. The k results of the full sort all score at least as much as
// the k-th of these; when the last collected scores less than that, every
// such match is among them, and sorting them by the three keys gives the
// page. Otherwise (more than 3k matches tie with the k-th, as copies of
// one article do) sr runs as written. The results are the same either
// way; the stored fields are then read for the page's hits only.
func (ix *Index) searchRelevance(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	k := sr.From + sr.Size
	if k == 0 || k > maxScoredPage {
		return ix.run(ctx, sr)
	}
	fast := *sr
	fast.From, fast.Size = 0, 4*k+1
	fast.Sort = bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
	fast.Fields = []string{fieldDate}
	res, err := ix.run(ctx, &fast)
	if err != nil {
		return nil, err
	}
	hits := res.Hits
	if len(hits) == fast.Size && len(hits) > k && hits[k-1].Score == hits[len(hits)-1].Score {
		return ix.run(ctx, sr)
	}
	sortByRelevance(hits)
	hits = hits[min(sr.From, len(hits)):min(k, len(hits))]
	if err := ix.loadFields(ctx, hits, sr.Fields); err != nil {
		return nil, err
	}
	res.Hits = hits
	res.Request = sr
	return res, nil
}

// loadFields replaces the stored fields of hits by their fields named.
func (ix *Index) loadFields(ctx context.Context, hits bsearch.DocumentMatchCollection, fields []string) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = fields
	req.Sort = bsearch.SortOrder{&bsearch.SortDocID{}}
	res, err := ix.run(ctx, req)
	if err != nil {
		return err
	}
	byID := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h.Fields
	}
	for _, h := range hits {
		h.Fields = byID[h.ID]
	}
	return nil
}

// sortByRelevance sorts hits as sortOrder(SortRelevance) does: by score,
// then date, newest first and missing last, then id.
func sortByRelevance(hits bsearch.DocumentMatchCollection) {
	dates := make(map[*bsearch.DocumentMatch]time.Time, len(hits))
	for _, h := range hits {
		if s, ok := h.Fields[fieldDate].(string); ok {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				dates[h] = t
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b *bsearch.DocumentMatch) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		da, oka := dates[a]
		db, okb := dates[b]
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case !da.Equal(db):
			return db.Compare(da)
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
}
