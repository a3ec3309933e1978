package search

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
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
// On a read-only index of one shard, the matches that score at least as
// much as the k-th best, k the last result of the page, are kept as
// bleve's collector hands them on (topScores): the k best and all those
// tied with the k-th. Their ids and dates are then read, and sorting them
// by the three keys gives the page.
//
// On other indexes, the first 4k+1 matches by score are collected. The k results of the full sort all score at least as much as
// the k-th of these; when the last collected scores less than that, every
// such match is among them, and sorting them by the three keys gives the
// page. Otherwise (more than 3k matches tie with the k-th, as copies of
// one article do) the matches tied with the k-th are found again by ties
// with their dates and ids, and sorted with those that score more; only
// with more than maxTies ties does sr run as written, sorting every
// match. The results are the same either way; the stored fields are then
// read for the page's hits only.
func (ix *Index) searchRelevance(ctx context.Context, sr *bleve.SearchRequest, pc *passCounts) (*bleve.SearchResult, error) {
	var observers []func(*bsearch.DocumentMatch)
	if pc != nil {
		observers = append(observers, pc.add)
	}
	k := sr.From + sr.Size
	if k == 0 || k > maxScoredPage {
		return ix.run(observe(ctx, observers...), sr)
	}
	limit := maxTies
	if ix.tieLimit != 0 {
		limit = ix.tieLimit
	}
	fast := *sr
	fast.From, fast.Size = 0, 4*k+1
	fast.Sort = bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
	fast.Fields = []string{fieldDate}
	var (
		top   keeper
		res   *bleve.SearchResult
		split bool
		err   error
	)
	if ix.opts.ReadOnly && len(ix.shards) == 1 {
		// The matches that may be on the page are kept as they pass,
		// ties included: bleve's own hits are not needed.
		fast.Size, fast.Fields = k, nil
		if len(fast.Facets) == 0 {
			res, top, split, err = ix.searchMaxScore(ctx, &fast, func() *topScores { return newTopScores(k, limit) }, pc)
		}
		if len(fast.Facets) == 0 && !split && err == nil {
			res, top, split, err = ix.splitSearch(ctx, &fast, func() keeper { return newTopScores(k, limit) }, pc)
		}
		if !split && err == nil {
			t := newTopScores(k, limit)
			top = t
			observers = append(observers, t.add)
		}
	}
	if !split && err == nil {
		res, err = ix.run(observe(ctx, observers...), &fast)
	}
	if err != nil {
		return nil, err
	}
	hits := res.Hits
	switch {
	case top != nil && top.overflow():
		return ix.run(ctx, sr)
	case top != nil:
		if hits, err = top.matches(ctx, ix); err != nil {
			return nil, err
		}
	case len(hits) == fast.Size && len(hits) > k && hits[k-1].Score == hits[len(hits)-1].Score:
		tie := hits[k-1].Score
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

// loadFields replaces the stored fields of hits by their fields named:
// by the hits' numbers when they have them (loadStored), else by a search
// for their ids.
func (ix *Index) loadFields(ctx context.Context, hits bsearch.DocumentMatchCollection, fields []string) error {
	if len(hits) == 0 {
		return nil
	}
	if ok, err := ix.loadStored(hits, fields); ok || err != nil {
		return err
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
	complete := true
	err = eachMatch(ctx, s, func(dm *bsearch.DocumentMatch) (bool, error) {
		if dm.Score != score {
			return true, nil
		}
		if len(*out) == max {
			complete = false
			return false, nil
		}
		h, err := matchOf(r, dates, dm.IndexInternalID, dm.Score)
		if err != nil {
			return false, err
		}
		*out = append(*out, h)
		return true, nil
	})
	return complete && err == nil, err
}

// sortByRelevance sorts hits as sortOrder(SortRelevance) does: by score,
// then date, newest first and missing last, then id.
func sortByRelevance(hits bsearch.DocumentMatchCollection) {
	sortHits(hits, true, true)
}

// sortHits sorts hits as sortOrder does: by score first when byScore,
// then by date, newest first when newest, missing last, then by id.
func sortHits(hits bsearch.DocumentMatchCollection, byScore, newest bool) {
	// Each hit's date parsed once, beside it: looked up in a map by
	// the comparisons, the dates of hundreds of ties (articles of one
	// day, kept by a search sorted by date) took half of its time. The
	// ids are unique: the order is total, and a stable sort would give
	// the same.
	type dated struct {
		h  *bsearch.DocumentMatch
		t  time.Time
		ok bool
	}
	ds := make([]dated, len(hits))
	for i, h := range hits {
		ds[i].h = h
		if s, ok := h.Fields[fieldDate].(string); ok {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				ds[i].t, ds[i].ok = t, true
			}
		}
	}
	slices.SortFunc(ds, func(a, b dated) int {
		switch {
		case !byScore:
		case a.h.Score > b.h.Score:
			return -1
		case a.h.Score < b.h.Score:
			return 1
		}
		switch {
		case a.ok != b.ok:
			if a.ok {
				return -1
			}
			return 1
		case !a.t.Equal(b.t) && newest:
			return b.t.Compare(a.t)
		case !a.t.Equal(b.t):
			return a.t.Compare(b.t)
		}
		return cmp.Compare(a.h.ID, b.h.ID)
	})
	for i, d := range ds {
		hits[i] = d.h
	}
}
