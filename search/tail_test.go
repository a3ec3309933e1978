package search

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/clippings/clippings/corpus"
)

// planSegment is a segment of a layout given to bleve's merge planner.
type planSegment struct {
	id   uint64
	live int64
}

func (s planSegment) Id() uint64          { return s.id }
func (s planSegment) FullSize() int64     { return s.live }
func (s planSegment) LiveSize() int64     { return s.live }
func (s planSegment) HasVector() bool     { return false }
func (s planSegment) FileSize() int64     { return s.live }
func (s planSegment) LiveFileSize() int64 { return s.live }

// TestTailPlan plays tailPlan with bleve's planner on the layouts of
// finished reindexes and on made-up ones: the first task must merge small
// segments only, as many as fit under the largest, and no plan is made
// when fewer than two are small.
func TestTailPlan(t *testing.T) {
	tests := []struct {
		name       string
		sizes      []uint64
		maxSegment int
		want       []uint64 // the sizes merged by the first task; nil: no plan
	}{
		{"200k generated", []uint64{53000, 95000, 10000, 10000, 10000, 10000, 1000, 1000, 10000}, maxSegmentArticles,
			[]uint64{10000, 10000, 10000, 10000, 10000, 1000, 1000}},
		{"Reuters", []uint64{4000, 4000, 7000, 6578}, maxSegmentArticles, nil},
		{"1M generated", []uint64{91000, 100000, 102000, 99000, 96000, 90000, 91000, 90000, 241000}, maxSegmentArticles, nil},
		{"one small", []uint64{1000, 100, 900}, maxSegmentArticles, nil},
		{"one segment", []uint64{1000}, maxSegmentArticles, nil},
		{"not all fit", []uint64{100, 20, 20, 20, 20, 20, 20}, maxSegmentArticles, []uint64{20, 20, 20, 20}},
		{"middle sizes left", []uint64{1000, 400, 300, 240, 200, 10}, maxSegmentArticles, []uint64{240, 200, 10}},
		{"one small under maxSegment", []uint64{5000, 60, 60, 20}, 200, nil},
		{"bounded by maxSegment", []uint64{5000, 45, 45, 45, 45, 45}, 200, []uint64{45, 45, 45, 45}},
		{"empty segments", []uint64{500, 0, 0, 400}, maxSegmentArticles, []uint64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, ok := tailPlan(tt.sizes, tt.maxSegment)
			if !ok {
				if tt.want != nil {
					t.Fatalf("no plan, want a task of %v", tt.want)
				}
				return
			}
			segs := make([]mergeplan.Segment, len(tt.sizes))
			for i, n := range tt.sizes {
				segs[i] = planSegment{id: uint64(i + 1), live: int64(n)}
			}
			got, err := mergeplan.Plan(segs, &plan)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				t.Fatalf("a plan of %d tasks, want none", len(got.Tasks))
			}
			if len(got.Tasks) != 1 {
				t.Fatalf("%d tasks, want 1", len(got.Tasks))
			}
			var merged []uint64
			for _, s := range got.Tasks[0].Segments {
				merged = append(merged, uint64(s.LiveSize()))
			}
			slices.Sort(merged)
			slices.Sort(tt.want)
			if !reflect.DeepEqual(merged, tt.want) {
				t.Errorf("merged %v, want %v", merged, tt.want)
			}
		})
	}
}

// TestMergeTail merges the small segments of an index of one segment per
// batch: afterwards fewer than two segments are under a quarter of the
// largest, no article is lost and searches find what they found before.
func TestMergeTail(t *testing.T) {
	ix, err := Create(filepath.Join(t.TempDir(), "index"), Options{Bulk: true, maxSegment: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := newSynthetic(5)
	total := 0
	for b, size := range []int{100, 10, 10, 10, 40, 5} {
		batch := make([]corpus.Article, size)
		for i := range batch {
			batch[i] = s.articleLocked(fmt.Sprintf("b%d-%d", b, i))
		}
		total += size
		if err := ix.Write(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
		if err := ix.shards[0].bulk.wait(); err != nil {
			t.Fatal(err)
		}
	}
	bi, err := ix.shards[0].b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	sc := bi.(*scorch.Scorch)
	before, err := segmentArticles(sc)
	if err != nil || len(before) != 6 {
		t.Fatalf("segments %v (%v), want one per batch", before, err)
	}
	reqs := []Request{
		{},
		{Query: s.vocab[0]},
		{Query: s.vocab[1] + " OR " + s.vocab[2], Size: 50},
		{Query: s.vocab[3], Filters: Filters{Topic: []string{"climate"}}},
		{Sort: SortOldest, Page: 2},
	}
	var want []Result
	for _, req := range reqs {
		res, err := ix.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Fatalf("search %+v: no hits, the test says less than it should", req)
		}
		want = append(want, res)
	}
	if err := mergeTail(sc, 1000); err != nil {
		t.Fatal(err)
	}
	after, err := segmentArticles(sc)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(after)
	if !reflect.DeepEqual(after, []uint64{35, 40, 100}) {
		t.Errorf("segments of %v articles after merging, before %v", after, before)
	}
	for i, req := range reqs {
		got, err := ix.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		got.Took, want[i].Took = 0, 0
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("search %+v after merging: %d hits of %d, want %d of %d", req, len(got.Hits), got.Total, len(want[i].Hits), want[i].Total)
		}
	}
	if want[0].Total != uint64(total) {
		t.Errorf("%d articles, want %d", want[0].Total, total)
	}
}
