package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestForwardCount checks that the values of the matches, counted in one
// pass for every key and in one part or several at once, give each key
// the top values that its value sets give.
func TestForwardCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	keys := []string{fieldTopics, fieldPeople, monthsKey}
	sets := make([][]valueSet, len(keys))
	for i := range keys {
		for j := range 30 + 20*i {
			docs := roaring.New()
			for range r.IntN(400) {
				docs.Add(uint32(r.IntN(20_000)))
			}
			sets[i] = append(sets[i], valueSet{value: fmt.Sprintf("v%03d", j), docs: []*roaring.Bitmap{docs}, total: docs.GetCardinality()})
		}
		sort.Slice(sets[i], func(a, b int) bool { // as setsOf orders them
			if sets[i][a].total != sets[i][b].total {
				return sets[i][a].total > sets[i][b].total
			}
			return sets[i][a].value < sets[i][b].value
		})
	}
	fw := newForward(keys, sets)
	many := roaring.New()
	for range 9000 {
		many.Add(uint32(r.IntN(21_000))) // some past the last article with a value
	}
	for _, hits := range []*roaring.Bitmap{many, roaring.BitmapOf(5, 17, 19_999), roaring.New()} {
		for _, parts := range []int{1, 2, 3, 7} {
			counts := fw.count(hits, parts)
			for i, key := range keys {
				first, ok := fw.firstOf(key)
				if !ok {
					t.Fatalf("%s not in the forward", key)
				}
				got := topCounts(sets[i], counts[first:first+len(sets[i])], 10).Terms()
				want := topValues(sets[i], newMatchSets([]*roaring.Bitmap{hits}), 10).Terms()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%d hits in %d parts, %s:\n got %v\nwant %v", hits.GetCardinality(), parts, key, got, want)
				}
			}
		}
	}
	if _, ok := fw.firstOf("unknown"); ok {
		t.Error("a key the forward does not hold has a first value")
	}
}
