package search

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// A search sorted by date made bleve's collector read the date and the
// id of every match from their compressed doc values: "march" newest
// first, 553,802 matches of a million articles, took 562 ms against 66
// by relevance. A read-only index of one shard instead reads the date of
// every article once per generation into an array by document number
// (8 bytes an article: 8 MB at a million), and a search sorted by date
// (searchByDate) keeps, as the matches pass, those whose date may put
// them on the page (topDates), reads their ids, and sorts them as bleve
// would: by date, articles without one last, then by id.

// noDate is the date of an article without one in articleDates.
const noDate = math.MinInt64

// articleDates returns the date of every article of a read-only index of
// one shard, as Unix nanoseconds, by document number; noDate for an
// article without one. It is read once per Index from the date's doc
// values.
func (ix *Index) articleDates(ctx context.Context) ([]int64, error) {
	ix.setsMu.Lock()
	defer ix.setsMu.Unlock()
	if ix.nanos != nil {
		return ix.nanos, nil
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	end, ok := docNumbers(rs[0])
	if !ok {
		return nil, nil
	}
	dv, err := rs[0].DocValueReader([]string{fieldDate})
	if err != nil {
		return nil, err
	}
	nanos := make([]int64, end)
	var id index.IndexInternalID
	for num := range end {
		if num%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		nanos[num] = noDate
		id = index.NewIndexInternalID(id, num)
		err := dv.VisitDocValues(id, func(_ string, term []byte) {
			if n, ok := dateNanos(term); ok {
				nanos[num] = n
			}
		})
		if err != nil {
			return nil, err
		}
	}
	ix.nanos = nanos
	return nanos, nil
}

// readDates returns the dates of articleDates if they have been read,
// else nil, without reading them.
func (ix *Index) readDates() []int64 {
	ix.setsMu.Lock()
	defer ix.setsMu.Unlock()
	return ix.nanos
}

// dateNanos returns the date of a full precision term of the date field,
// as Unix nanoseconds.
func dateNanos(term []byte) (int64, bool) {
	pc := numeric.PrefixCoded(term)
	if shift, err := pc.Shift(); err != nil || shift != 0 {
		return 0, false
	}
	n, err := pc.Int64()
	return n, err == nil
}

// dateKey returns the key of an article's date in topDates: the greater,
// the earlier in the order, newest first or oldest first, and articles
// without a date last.
func dateKey(nanos int64, newest bool) int64 {
	if nanos == noDate || newest {
		return nanos
	}
	return -nanos
}

// topDates keeps the matches that come first by date.
type topDates struct {
	topKeys[int64]
	nanos  []int64
	newest bool
}

func (t *topDates) add(d *bsearch.DocumentMatch) {
	num := d.IndexInternalID.Value()
	t.addKeyed(num, dateKey(t.nanos[num], t.newest), d.Score)
}

func (t *topDates) join(o keeper) { t.joinKeys(&o.(*topDates).topKeys) }

// searchByDate runs sr, a request sorted newest (or oldest) first, then
// by id, on a read-only index of one shard, keeping the matches that may
// be on the page as they pass (topDates), in parts when cores are free
// (splitSearch). It returns false, having run nothing, when the index or
// the request does not allow it; the results are those of bleve's sort.
func (ix *Index) searchByDate(ctx context.Context, sr *bleve.SearchRequest, pc *passCounts, newest bool) (*bleve.SearchResult, bool, error) {
	k := sr.From + sr.Size
	if !ix.opts.ReadOnly || len(ix.shards) != 1 || k == 0 || k > maxScoredPage || len(sr.Facets) > 0 {
		return nil, false, nil
	}
	nanos, err := ix.articleDates(ctx)
	if err != nil || nanos == nil {
		return nil, false, err
	}
	limit := maxTies
	if ix.tieLimit != 0 {
		limit = ix.tieLimit
	}
	newKeeper := func() keeper {
		return &topDates{topKeys: topKeys[int64]{k: k, max: limit}, nanos: nanos, newest: newest}
	}
	fast := *sr
	fast.From, fast.Size, fast.Fields = 0, k, nil
	fast.Sort = bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
	res, top, split, err := ix.splitSearch(ctx, &fast, newKeeper, pc)
	if err != nil {
		return nil, false, err
	}
	if !split {
		top = newKeeper()
		observers := []func(*bsearch.DocumentMatch){top.add}
		if pc != nil {
			observers = append(observers, pc.add)
		}
		if res, err = ix.run(observe(ctx, observers...), &fast); err != nil {
			return nil, false, err
		}
	}
	if top.overflow() {
		// Too many ties: bleve sorts every match (pc has them all).
		res, err = ix.run(ctx, sr)
		return res, err == nil, err
	}
	hits, err := top.matches(ctx, ix)
	if err != nil {
		return nil, false, err
	}
	sortHits(hits, false, newest)
	hits = hits[min(sr.From, len(hits)):min(k, len(hits))]
	if err := ix.loadFields(ctx, hits, sr.Fields); err != nil {
		return nil, false, err
	}
	res.Hits = hits
	res.Request = sr
	return res, true, nil
}
