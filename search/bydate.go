package search

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
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

// dateOrder returns the numbers of the live articles of a read-only
// index of one shard in the order of their dates, oldest first, those
// without a date before all others; nil when articleDates has none. It
// is sorted once per Index (44 ms at a million articles, after the 0.25 s
// of articleDates), and read by a browse of every article (browseByDate).
func (ix *Index) dateOrder(ctx context.Context) ([]uint32, error) {
	nanos, err := ix.articleDates(ctx)
	if err != nil || nanos == nil || len(nanos) > math.MaxUint32 {
		return nil, err
	}
	ix.setsMu.Lock()
	defer ix.setsMu.Unlock()
	if ix.byDate != nil {
		return ix.byDate, nil
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	deleted, ok := deletedArticles(rs[0])
	if !ok {
		return nil, nil
	}
	order := make([]uint32, 0, uint64(len(nanos))-deleted.GetCardinality())
	for num := range nanos {
		if !deleted.Contains(uint32(num)) {
			order = append(order, uint32(num))
		}
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(nanos[a], nanos[b]) })
	ix.byDate = order
	return order, nil
}

// deletedArticles returns the numbers of the deleted articles of the
// snapshot r; false when r is not a scorch snapshot.
func deletedArticles(r index.IndexReader) (*roaring.Bitmap, bool) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false
	}
	out := roaring.New()
	starts := segmentStarts(snap)
	for i, seg := range snap.Segments() {
		if d := seg.Deleted(); d != nil && !d.IsEmpty() {
			out.Or(roaring.AddOffset64(d, int64(starts[i])))
		}
	}
	return out, true
}

// browseByDate returns the page of sr, a request for every article
// sorted newest (or oldest) first, then by id, on a read-only index of
// one shard, whose total and score (an empty query scores every article
// alike) are known, without a search: the articles are taken in the
// order of their dates (dateOrder) until the page is full and the next
// one's date differs from the last one's; their ids are read and they
// are sorted as bleve would. It returns false, having read nothing, when
// the index or the request does not allow it, or when more articles than
// the limit of ties share the last date of the page.
func (ix *Index) browseByDate(ctx context.Context, sr *bleve.SearchRequest, newest bool, total uint64, score float64) (*bleve.SearchResult, bool, error) {
	k := sr.From + sr.Size
	if !ix.opts.ReadOnly || len(ix.shards) != 1 || k == 0 || k > maxScoredPage {
		return nil, false, nil
	}
	order, err := ix.dateOrder(ctx)
	if err != nil || order == nil {
		return nil, false, err
	}
	nanos := ix.readDates()
	limit := maxTies
	if ix.tieLimit != 0 {
		limit = ix.tieLimit
	}
	top := &topDates{topKeys: topKeys[int64]{k: k, max: limit}, nanos: nanos, newest: newest}
	// take considers the article numbered num, and reports whether the
	// next ones, which come no earlier, may still be on the page.
	take := func(num uint32) bool {
		key := dateKey(nanos[num], newest)
		if least, ok := top.least(); ok && key < least {
			return false
		}
		top.addKeyed(uint64(num), key, score)
		return !top.overflow()
	}
	undated, _ := slices.BinarySearchFunc(order, noDate+1, func(num uint32, n int64) int { return cmp.Compare(nanos[num], n) })
	more := true
	if newest {
		for i := len(order) - 1; i >= undated && more; i-- {
			more = take(order[i])
		}
	} else {
		for i := undated; i < len(order) && more; i++ {
			more = take(order[i])
		}
	}
	for i := 0; i < undated && more; i++ {
		more = take(order[i]) // articles without a date come last
	}
	if top.overflow() {
		return nil, false, nil
	}
	hits, err := top.page(ctx, ix, sr.From, score)
	if err != nil {
		return nil, false, err
	}
	if err := ix.loadFields(ctx, hits, sr.Fields); err != nil {
		return nil, false, err
	}
	res := &bleve.SearchResult{
		Status:  &bleve.SearchStatus{Total: 1, Successful: 1},
		Request: sr,
		Hits:    hits,
		Total:   total,
	}
	return res, true, nil
}

// page returns the matches kept from the from-th on, sorted by date as
// the keeper's keys order them, then by id, each with its id, number and
// score: only the ids of the kept matches are read, where matches would
// read their dates too and make a match of each (a browse's last date is
// shared by hundreds of articles).
func (t *topDates) page(ctx context.Context, ix *Index, from int, score float64) (bsearch.DocumentMatchCollection, error) {
	t.thin()
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	type keyed struct {
		key int64
		num uint64
		id  string
	}
	all := make([]keyed, len(t.kept))
	var id index.IndexInternalID
	for i, m := range t.kept {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		id = index.NewIndexInternalID(id, m.num)
		ext, err := rs[0].ExternalID(id)
		if err != nil {
			return nil, err
		}
		all[i] = keyed{key: m.key, num: m.num, id: ext}
	}
	slices.SortFunc(all, func(a, b keyed) int {
		if c := cmp.Compare(b.key, a.key); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	all = all[min(from, len(all)):min(t.k, len(all))]
	hits := make(bsearch.DocumentMatchCollection, len(all))
	for i, m := range all {
		hits[i] = &bsearch.DocumentMatch{ID: m.id, IndexInternalID: index.NewIndexInternalID(nil, m.num), Score: score}
	}
	return hits, nil
}
