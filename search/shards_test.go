package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// shardedPair writes the same articles, in batches of 250, once into one
// index and once into an index of 4 shards, closes both and returns
// their paths.
func shardedPair(t *testing.T, arts []corpus.Article) (one, four string) {
	t.Helper()
	dir := t.TempDir()
	one, four = filepath.Join(dir, "one"), filepath.Join(dir, "four")
	for _, c := range []struct {
		path   string
		shards int
	}{{one, 0}, {four, 4}} {
		ix, err := Create(c.path, Options{Shards: c.shards})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(arts); i += 250 {
			if err := ix.Write(t.Context(), arts[i:min(i+250, len(arts))]); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return one, four
}

// shardTestArticles returns 1,200 synthetic articles and the fixture's.
func shardTestArticles() []corpus.Article {
	s := newSynthetic(7)
	var arts []corpus.Article
	for i := range 1200 {
		a := s.article(fmt.Sprintf("s%05d", i))
		a.Tags = []string{s.vocab[s.r.IntN(40)], s.vocab[s.r.IntN(400)]}
		arts = append(arts, a)
	}
	return append(arts, fixture()...)
}

// shardRequests are the searches that compare a sharded index with one
// index: words, AND, OR, NOT, phrases, wildcards, fuzzy words, fields, a
// date range in the query, filters, exclusions, dates, every sort, pages
// and facet sizes.
func shardRequests(s *synthetic) []Request {
	w := func(i int) string { return s.vocab[i] }
	return []Request{
		{}, {Page: 3}, {Sort: SortOldest, Page: 5, Size: 20},
		{Query: w(3)}, {Query: w(3), Page: 4}, {Query: w(12), Size: 100},
		{Query: w(3) + " AND " + w(40)}, {Query: w(5) + " OR " + w(900)}, {Query: w(7) + " -" + w(3)},
		{Query: `"` + w(1) + " " + w(2) + `"`}, {Query: w(30)[:3] + "*"}, {Query: w(200) + "~"},
		{Query: "title:" + w(5)}, {Query: w(3) + ` date:>="2005-01-01" date:<"2010-06-01"`},
		{Query: "climate"}, {Query: "paris agreement"}, {Query: "merkel OR obama", Sort: SortNewest},
		{Query: w(3), Sort: SortNewest, Page: 2}, {Query: w(3), Sort: SortOldest},
		{Filters: Filters{Country: []string{"US"}}},
		{Query: w(4), Filters: Filters{Topic: []string{"economy"}, Outlet: []string{"BBC", "AP"}}},
		{Query: w(6), Exclude: Filters{Country: []string{"FR"}}, FacetSize: 3},
		{From: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2006, 6, 30, 0, 0, 0, 0, time.UTC)},
		{Query: w(8), Interval: IntervalMonth, FacetSizes: map[string]int{FacetPerson: 50, FacetTag: 30}},
		{Query: w(9), Interval: IntervalWeek, From: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC),
			To: time.Date(2010, 5, 1, 0, 0, 0, 0, time.UTC)},
		{Query: w(10), NoFacets: true, Page: 2},
	}
}

// compareResults reports how b differs from a, the result of one index.
func compareResults(t *testing.T, req Request, a, b Result) {
	t.Helper()
	if a.Total != b.Total {
		t.Errorf("%+v: %d hits in one index, %d in shards", req, a.Total, b.Total)
	}
	if !reflect.DeepEqual(ids(a.Hits), ids(b.Hits)) {
		t.Errorf("%+v: hits\n%v in one index\n%v in shards", req, ids(a.Hits), ids(b.Hits))
	} else if !reflect.DeepEqual(a.Hits, b.Hits) {
		t.Errorf("%+v: the same hits, with other scores or fields", req)
	}
	if !reflect.DeepEqual(a.Facets, b.Facets) {
		for _, name := range FacetNames {
			if !reflect.DeepEqual(a.Facets[name], b.Facets[name]) {
				t.Errorf("%+v: facet %s\n%v in one index\n%v in shards", req, name, a.Facets[name], b.Facets[name])
			}
		}
	}
	if !reflect.DeepEqual(a.Timeline, b.Timeline) || a.Interval != b.Interval || a.TimelineOutside != b.TimelineOutside {
		t.Errorf("%+v: timelines differ", req)
	}
}

// TestShardsSameResults checks that an index of 4 shards answers every
// search exactly as one index of the same articles does: totals, hits in
// order with their scores and snippets, facet counts and timelines, read
// only (facets counted from value sets, or by bleve for few matches) and
// writable (by bleve), and for the empty query twice (from kept counts);
// then the other calls (sameLookups).
// With each shard scoring on its own, as bleve's alias does, the order
// of the hits differs: the test would see it.
func TestShardsSameResults(t *testing.T) {
	arts := shardTestArticles()
	onePath, fourPath := shardedPair(t, arts)
	reqs := shardRequests(newSynthetic(7))
	for _, readOnly := range []bool{true, false} {
		one, err := Open(onePath, Options{ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		four, err := Open(fourPath, Options{ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		if len(four.shards) != 4 {
			t.Fatalf("Open found %d shards, want 4", len(four.shards))
		}
		for _, req := range reqs {
			for range 2 {
				a, err := one.Search(t.Context(), req)
				if err != nil {
					t.Fatalf("%+v: %v", req, err)
				}
				b, err := four.Search(t.Context(), req)
				if err != nil {
					t.Fatalf("%+v: %v", req, err)
				}
				compareResults(t, req, a, b)
			}
		}
		// A query that expands to too many terms fails in shards as in
		// one index: each shard expands it in every shard's terms.
		for _, q := range []string{"k*", "ka*", "ka* OR lo*"} {
			_, err1 := one.Search(t.Context(), Request{Query: q})
			_, err4 := four.Search(t.Context(), Request{Query: q})
			var qe1, qe4 *QueryError
			if errors.As(err1, &qe1) != errors.As(err4, &qe4) || (err1 == nil) != (err4 == nil) {
				t.Errorf("%q: %v in one index, %v in shards", q, err1, err4)
			}
			if q == "k*" && qe4 == nil {
				t.Errorf("%q in shards: %v, want too many terms", q, err4)
			}
		}
		if readOnly && len(four.sets) == 0 {
			t.Error("no value sets were read in the shards")
		}
		for _, ix := range []*Index{one, four} {
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}

	// Without the statistics of every shard, scores and order differ.
	one, err := Open(onePath, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	four, err := Open(fourPath, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer four.Close()
	four.localScores = true
	differ := 0
	for _, req := range reqs {
		a, err := one.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := four.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(a.Hits), ids(b.Hits)) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("with each shard's own statistics, every search gave the same hits: the comparison proves nothing")
	}
	t.Logf("with each shard's own statistics, %d of %d searches list other hits", differ, len(reqs))

	sameLookups(t, onePath, fourPath, arts)
}

// sameLookups checks the calls other than Search on the sharded index
// at fourPath against the index at onePath, of the same articles arts:
// Article, Count, Similar, FacetValues, Export with scores and snippets.
func sameLookups(t *testing.T, onePath, fourPath string, arts []corpus.Article) {
	one, err := Open(onePath, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	four, err := Open(fourPath, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer four.Close()
	ctx := t.Context()

	n1, err1 := one.Count()
	n4, err4 := four.Count()
	if err1 != nil || err4 != nil || n1 != n4 || n4 != uint64(len(arts)) {
		t.Errorf("Count: %d (%v) in one index, %d (%v) in shards, want %d", n1, err1, n4, err4, len(arts))
	}
	for _, id := range []string{"fed", "s00042", "s01199"} {
		a, err1 := one.Article(ctx, id)
		b, err4 := four.Article(ctx, id)
		if err1 != nil || err4 != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("Article(%s): %v, %v, or different articles", id, err1, err4)
		}
		s1, err1 := one.Similar(ctx, id, 10)
		s4, err4 := four.Similar(ctx, id, 10)
		if err1 != nil || err4 != nil || !reflect.DeepEqual(s1, s4) {
			t.Errorf("Similar(%s): %v, %v\n%v in one index\n%v in shards", id, err1, err4, ids(s1), ids(s4))
		}
		if len(s4) == 0 {
			t.Errorf("Similar(%s) found nothing", id)
		}
	}
	if _, err := four.Article(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article of an unknown id: %v, want ErrNotFound", err)
	}
	for _, c := range []struct{ facet, prefix string }{
		{FacetPerson, ""}, {FacetPerson, "person 1"}, {FacetCountry, "fr"}, {FacetTag, ""}, {FacetYear, "20"},
	} {
		a, err1 := one.FacetValues(ctx, c.facet, c.prefix, 20)
		b, err4 := four.FacetValues(ctx, c.facet, c.prefix, 20)
		if err1 != nil || err4 != nil || !reflect.DeepEqual(a, b) || len(b) == 0 {
			t.Errorf("FacetValues(%s, %q): %v, %v\n%v in one index\n%v in shards", c.facet, c.prefix, err1, err4, a, b)
		}
	}
	word := newSynthetic(7).vocab[3]
	for _, req := range []Request{{Query: word}, {Query: word, Sort: SortOldest}, {}} {
		export := func(ix *Index) []Exported {
			var out []Exported
			err := ix.ExportWith(ctx, req, ExportOptions{Scores: true, Snippets: true}, func(x Exported) error {
				out = append(out, x)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		a, b := export(one), export(four)
		if len(a) < 100 || !reflect.DeepEqual(a, b) {
			t.Errorf("export %+v: %d articles from one index, %d from shards, or different ones", req, len(a), len(b))
		}
	}
}

// TestShardRouting checks that an article goes to the shard of its id,
// that writing it again replaces it there, and that the shard of an id
// does not change between versions: an index built by one is read by
// the other.
func TestShardRouting(t *testing.T) {
	// Pinned: changing shardOf would scatter the articles of existing
	// sharded indexes.
	for id, want := range map[string]int{"fed": 0, "reuters-00001": 1, "s00042": 0, "": 1} {
		if got := shardOf(id, 4); got != want {
			t.Errorf("shardOf(%q, 4) = %d, want %d", id, got, want)
		}
	}
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Create(path, Options{Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := fixture()
	if err := ix.Write(t.Context(), arts); err != nil {
		t.Fatal(err)
	}
	changed := arts[0]
	changed.Title = "Fed holds rates"
	if err := ix.Write(t.Context(), []corpus.Article{changed}); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(arts)) {
		t.Errorf("Count after writing %s again = %d, %v; want %d", changed.ID, n, err, len(arts))
	}
	got, err := ix.Article(t.Context(), changed.ID)
	if err != nil || got.Title != changed.Title {
		t.Errorf("Article(%s) = %q, %v; want the new title", changed.ID, got.Title, err)
	}
	for _, a := range arts {
		for i, sh := range ix.shards {
			n, err := sh.b.DocCount()
			if err != nil {
				t.Fatal(err)
			}
			d, err := sh.b.Document(a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if held := d != nil; held != (i == shardOf(a.ID, 3)) {
				t.Errorf("shard %d (of %d articles) holds %s: %v; its shard is %d", i, n, a.ID, held, shardOf(a.ID, 3))
			}
		}
	}
	if err := ix.Write(t.Context(), []corpus.Article{{Title: "no id"}}); err == nil {
		t.Error("an article without an id was written")
	}
	// A topic rewrites the articles it matches, each in its shard.
	n, err := ix.AddTopic(t.Context(), "Climate talks", "paris OR climate")
	if err != nil || n == 0 {
		t.Fatalf("AddTopic = %d, %v", n, err)
	}
	if c, err := ix.Count(); err != nil || c != uint64(len(arts)) {
		t.Errorf("Count after AddTopic = %d, %v; want %d", c, err, len(arts))
	}
	res, err := ix.Search(t.Context(), Request{Filters: Filters{Topic: []string{"Climate talks"}}})
	if err != nil || res.Total != uint64(n) {
		t.Errorf("articles of the topic: %d, %v; want %d", res.Total, err, n)
	}
}

// TestShardsOpen checks what Open finds in a sharded folder: its shards,
// the labels and the mapping version of every shard, and a damaged
// marker.
func TestShardsOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	if _, err := Create(path, Options{Shards: 2, ReadOnly: true}); err == nil {
		t.Fatal("a read-only index was created")
	}
	ix, err := Create(path, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	labels := corpus.Labels{"money-fx": "Money/Foreign Exchange"}
	if err := ix.SetLabels(t.Context(), labels); err != nil {
		t.Fatal(err)
	}
	if err := ix.Write(t.Context(), fixture()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(path, Options{Shards: 2}); err == nil {
		t.Error("Create over an existing index succeeded")
	}
	for _, name := range []string{shardsFile, "shard-0", "shard-1"} {
		if _, err := os.Stat(filepath.Join(path, name)); err != nil {
			t.Errorf("the sharded folder has no %s: %v", name, err)
		}
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ro.shards) != 2 {
		t.Errorf("Open found %d shards, want 2", len(ro.shards))
	}
	if got, err := ro.Labels(t.Context()); err != nil || !reflect.DeepEqual(got, labels) {
		t.Errorf("Labels = %v, %v; want %v", got, err, labels)
	}
	if n, err := ro.Count(); err != nil || n != uint64(len(fixture())) {
		t.Errorf("Count = %d, %v", n, err)
	}
	ro.Close()

	// A shard of another mapping version: the index must be rebuilt.
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.shards[1].b.SetInternal(mappingVersionKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrMappingVersion) {
		t.Errorf("Open with an old shard: %v, want ErrMappingVersion", err)
	}
	if err := os.WriteFile(filepath.Join(path, shardsFile), []byte("many\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{ReadOnly: true}); err == nil {
		t.Error("Open with a damaged shards file succeeded")
	}
}

// TestStoreShards checks the generations of a sharded Store: a rebuild
// makes a sharded generation live, a read-only store sharing the folder
// reloads it, a second rebuild (of one index) replaces it.
func TestStoreShards(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir, Options{Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reader, err := OpenStore(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	arts := fixture()
	build := func(arts []corpus.Article) func(ctx context.Context, ix *Index) error {
		return func(ctx context.Context, ix *Index) error {
			if err := ix.SetLabels(ctx, corpus.Labels{"fed": "Federal Reserve"}); err != nil {
				return err
			}
			return ix.Write(ctx, arts)
		}
	}
	if err := s.Rebuild(t.Context(), build(arts)); err != nil {
		t.Fatal(err)
	}
	gen := s.Version()
	if n, err := readShards(filepath.Join(dir, gen)); err != nil || n != 3 {
		t.Errorf("the generation has %d shards (%v), want 3", n, err)
	}
	if switched, err := reader.Reload(); err != nil || !switched {
		t.Fatalf("Reload = %v, %v", switched, err)
	}
	want, err := newTestIndex(t, arts).Search(t.Context(), Request{Query: "climate"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := reader.Search(t.Context(), Request{Query: "climate"})
	if err != nil || res.Total != want.Total || !slices.Equal(ids(res.Hits), ids(want.Hits)) || res.Total == 0 {
		t.Errorf("search of the sharded generation: %v, %v; want %v", ids(res.Hits), err, ids(want.Hits))
	}
	if got, err := reader.Labels(t.Context()); err != nil || got.Of("fed") != "Federal Reserve" {
		t.Errorf("Labels of the sharded generation = %v, %v", got, err)
	}
	if n, err := reader.Count(); err != nil || n != uint64(len(arts)) {
		t.Errorf("Count = %d, %v", n, err)
	}
	if _, err := reader.Ready(t.Context()); err != nil {
		t.Errorf("Ready: %v", err)
	}

	one, err := OpenStore(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	s.Close() // one rebuilder at a time
	if err := one.Rebuild(t.Context(), build(arts[:4])); err != nil {
		t.Fatal(err)
	}
	if n, err := readShards(filepath.Join(dir, one.Version())); err != nil || n != 1 {
		t.Errorf("the second generation has %d shards (%v), want 1", n, err)
	}
	if switched, err := reader.Reload(); err != nil || !switched {
		t.Fatalf("Reload = %v, %v", switched, err)
	}
	if n, err := reader.Count(); err != nil || n != 4 {
		t.Errorf("Count after the second rebuild = %d, %v; want 4", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, gen)); err != nil {
		t.Errorf("the previous, sharded generation was removed: %v", err)
	}
}
