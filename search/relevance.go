package search

import (
	"context"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// maxScoredPage bounds the results (page × size) that searchRelevance
// collects by score alone; a deeper page is sorted by bleve in full.
const maxScoredPage = 200

// maxTies bounds the matches tied with the last of a page that
// searchRelevance sorts itself; with more, bleve sorts every match.
const maxTies = 4096

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
// one article do) the matches tied with the k-th are found again by ties
// with their dates and ids, and sorted with those that score more; only
// with more than maxTies ties does sr run as written, sorting every
// match. The results are the same either way; the stored fields are then
// read for the page's hits only.
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
		tie := hits[k-1].Score
		limit := maxTies
		if ix.tieLimit != 0 {
			limit = ix.tieLimit
		}
		tied, ok, err := ix.ties(ctx, sr.Query, tie, limit)
		if err != nil {
			return nil, err
		}
		if !ok {
			return ix.run(ctx, sr)
		}
		above := slices.IndexFunc(hits, func(h *bsearch.DocumentMatch) bool { return h.Score == tie })
		hits = append(hits[:above:above], tied...)
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

// ties returns the matches of q whose score is exactly score, each with
// its id and its date (in Fields, as loaded), or false when there are
// more than max. It scores every match as bleve's search does (with the
// statistics of every shard on a sharded index), but reads the id and the
// date of the tied matches only; sorting every match by score, date and
// id made bleve read both for each, which took nine tenths of a search
// of many copies of the same stories.
func (ix *Index) ties(ctx context.Context, q query.Query, score float64, max int) (bsearch.DocumentMatchCollection, bool, error) {
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, false, err
	}
	defer closeReaders()
	if len(rs) > 1 && !ix.localScores {
		st, err := ix.openStats()
		if err != nil {
			return nil, false, err
		}
		defer st.close()
		q = globalQuery{inner: q, stats: st}
	}
	var out bsearch.DocumentMatchCollection
	for _, r := range rs {
		ok, err := tiesIn(ctx, r, ix.b.Mapping(), q, score, max, &out)
		if err != nil || !ok {
			return nil, false, err
		}
	}
	return out, true, nil
}

// tiesIn adds the matches of q in the index of r that score exactly
// score to out, as ties does; false when out would exceed max.
func tiesIn(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, q query.Query, score float64, max int, out *bsearch.DocumentMatchCollection) (bool, error) {
	s, err := q.Searcher(ctx, r, m, bsearch.SearcherOptions{})
	if err != nil {
		return false, err
	}
	defer s.Close()
	dates, err := r.DocValueReader([]string{fieldDate})
	if err != nil {
		return false, err
	}
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for i := 0; ; i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return err == nil, err
		}
		if dm.Score == score {
			if len(*out) == max {
				return false, nil
			}
			id, err := r.ExternalID(dm.IndexInternalID)
			if err != nil {
				return false, err
			}
			h := &bsearch.DocumentMatch{ID: id, Score: dm.Score, Fields: map[string]any{}}
			err = dates.VisitDocValues(dm.IndexInternalID, func(field string, term []byte) {
				pc := numeric.PrefixCoded(term)
				if shift, err := pc.Shift(); err != nil || shift != 0 {
					return // a coarser term of the date's range index
				}
				if n, err := pc.Int64(); err == nil {
					h.Fields[fieldDate] = time.Unix(0, n).UTC().Format(time.RFC3339Nano)
				}
			})
			if err != nil {
				return false, err
			}
			*out = append(*out, h)
		}
		sctx.DocumentMatchPool.Put(dm)
	}
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
