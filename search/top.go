package search

import (
	"cmp"
	"container/heap"
	"context"
	"slices"
	"time"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// A keeper keeps, of the matches a search's collector hands to it in
// passing, those that may be on the page: the k first in the search's
// order and every match tied with the k-th. Bleve's own collector would
// read the sort keys of every match (the date and the id) to keep only
// the k first; a keeper reads a key it has at hand (the score, or the
// date from an array) and leaves the rest to the matches it kept.
type keeper interface {
	// add considers a match.
	add(d *bsearch.DocumentMatch)
	// join considers the matches kept by o, a keeper of the same kind
	// for another part of the same search (splitSearch).
	join(o keeper)
	// overflow reports whether more than the keeper's limit of matches
	// tied with the k-th: the search must then sort every match.
	overflow() bool
	// matches returns the kept matches, each with its id, its score and
	// its date (in Fields, as loaded), read from the index.
	matches(ctx context.Context, ix *Index) (bsearch.DocumentMatchCollection, error)
}

// topKeys keeps, of the matches handed to it, those whose key is at
// least the k-th greatest: the k greatest and every match tied with the
// k-th. The k-th greatest key so far only rises, so a match below it is
// never needed again; a match at or above it is kept, and the kept
// matches are thinned out as it rises. More than max ties with the k-th
// set over.
type topKeys[K cmp.Ordered] struct {
	k, max int
	// best are the k greatest keys so far, the least first (a min-heap).
	best keyHeap[K]
	kept []keptMatch[K]
	over bool
}

// keptMatch is a kept match: its number in the index, its key and its
// score.
type keptMatch[K cmp.Ordered] struct {
	num   uint64
	key   K
	score float64
}

// addKeyed considers the match numbered num, of key key and score score.
func (t *topKeys[K]) addKeyed(num uint64, key K, score float64) {
	if t.over {
		return
	}
	switch {
	case len(t.best) < t.k:
		heap.Push(&t.best, key)
	case key > t.best[0]:
		t.best[0] = key
		heap.Fix(&t.best, 0)
	case key < t.best[0]:
		return
	}
	t.kept = append(t.kept, keptMatch[K]{num: num, key: key, score: score})
	if len(t.kept) > 2*(t.k+t.max) {
		t.thin()
	}
}

// joinKeys considers the matches kept by o: every match whose key is at
// least the k-th greatest of both is among them.
func (t *topKeys[K]) joinKeys(o *topKeys[K]) {
	o.thin()
	t.over = t.over || o.over
	for _, m := range o.kept {
		t.addKeyed(m.num, m.key, m.score)
	}
}

// thin drops the kept matches below the k-th greatest key.
func (t *topKeys[K]) thin() {
	if len(t.best) < t.k {
		return
	}
	low := t.best[0]
	t.kept = slices.DeleteFunc(t.kept, func(m keptMatch[K]) bool { return m.key < low })
	if len(t.kept) > t.k+t.max {
		t.over = true
	}
}

func (t *topKeys[K]) overflow() bool { return t.over }

// least returns the k-th greatest key so far, or false while fewer than
// k matches were considered.
func (t *topKeys[K]) least() (K, bool) {
	if len(t.best) < t.k {
		var zero K
		return zero, false
	}
	return t.best[0], true
}

// matches returns the kept matches, each with its id, its score and its
// date (in Fields, as loaded), read from the index.
func (t *topKeys[K]) matches(ctx context.Context, ix *Index) (bsearch.DocumentMatchCollection, error) {
	t.thin()
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return nil, err
	}
	defer closeReaders()
	r := rs[0]
	// The dates from the array of every article's (bydate.go), when it
	// is read (Warm, or a search sorted by date): reading them from the
	// doc values decoded a compressed chunk for nearly every kept match,
	// which made 45% of the bytes a search at 200k allocated. A one-off
	// search (the CLI's) does not read the whole array for a page.
	nanos := ix.readDates()
	var dates index.DocValueReader
	if nanos == nil {
		var err error
		if dates, err = r.DocValueReader([]string{fieldDate}); err != nil {
			return nil, err
		}
	}
	out := make(bsearch.DocumentMatchCollection, 0, len(t.kept))
	var id index.IndexInternalID
	for _, m := range t.kept {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id = index.NewIndexInternalID(id, m.num)
		var h *bsearch.DocumentMatch
		if nanos != nil {
			h, err = datedMatch(r, nanos, id, m.score)
		} else {
			h, err = matchOf(r, dates, id, m.score)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// datedMatch returns the match of the article numbered id in r, with its
// id, its number, its score and its date (in Fields, as matchOf loads
// it) from nanos.
func datedMatch(r index.IndexReader, nanos []int64, id index.IndexInternalID, score float64) (*bsearch.DocumentMatch, error) {
	ext, err := r.ExternalID(id)
	if err != nil {
		return nil, err
	}
	h := &bsearch.DocumentMatch{ID: ext, IndexInternalID: slices.Clone(id), Score: score, Fields: map[string]any{}}
	if n := nanos[id.Value()]; n != noDate {
		h.Fields[fieldDate] = time.Unix(0, n).UTC().Format(time.RFC3339Nano)
	}
	return h, nil
}

// topScores keeps the matches of the greatest scores.
type topScores struct {
	topKeys[float64]
}

func newTopScores(k, max int) *topScores {
	return &topScores{topKeys[float64]{k: k, max: max}}
}

func (t *topScores) add(d *bsearch.DocumentMatch) {
	t.addKeyed(d.IndexInternalID.Value(), d.Score, d.Score)
}

func (t *topScores) join(o keeper) { t.joinKeys(&o.(*topScores).topKeys) }

// matchOf returns the match of the article numbered id in r, with its
// id, its number, its score and its date (in Fields, as loaded).
func matchOf(r index.IndexReader, dates index.DocValueReader, id index.IndexInternalID, score float64) (*bsearch.DocumentMatch, error) {
	ext, err := r.ExternalID(id)
	if err != nil {
		return nil, err
	}
	h := &bsearch.DocumentMatch{ID: ext, IndexInternalID: slices.Clone(id), Score: score, Fields: map[string]any{}}
	err = dates.VisitDocValues(id, func(field string, term []byte) {
		if t, ok := dateTerm(term); ok {
			h.Fields[fieldDate] = t.Format(time.RFC3339Nano)
		}
	})
	return h, err
}

// keyHeap is a min-heap of keys.
type keyHeap[K cmp.Ordered] []K

func (h keyHeap[K]) Len() int           { return len(h) }
func (h keyHeap[K]) Less(i, j int) bool { return h[i] < h[j] }
func (h keyHeap[K]) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *keyHeap[K]) Push(x any)        { *h = append(*h, x.(K)) }
func (h *keyHeap[K]) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
