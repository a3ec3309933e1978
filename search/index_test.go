package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/clippings/clippings/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file testdata/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s\n(if the change is intended, run go test -update)", path, got)
	}
}

// TestMappingGolden pins the index mapping: a change to it must come
// with a new MappingVersion when it changes what existing indexes hold.
func TestMappingGolden(t *testing.T) {
	b, err := json.MarshalIndent(newMapping(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if MappingVersion != 8 {
		t.Errorf("MappingVersion = %d: update this test and the golden file together", MappingVersion)
	}
	golden(t, "mapping-v8.json", append(b, '\n'))
}

func TestArticleRoundTrip(t *testing.T) {
	messy := corpus.Article{
		ID:          "messy",
		Title:       "  A title with spaces  ",
		Authors:     []string{"Ann Smith", "", "ann  smith", "Bob Jones"},
		Date:        corpus.Date{Time: time.Date(2015, 11, 20, 13, 45, 0, 0, time.UTC), Precision: corpus.PrecisionMonth},
		Countries:   []string{"FR", "DE", "FR"},
		Body:        "\n\nFirst paragraph.\n\nSecond paragraph.\n",
		Mentions:    []string{},
		Topics:      []string{"politics", "elections"},
		TopicScores: []corpus.TopicScore{{Topic: "politics", Score: 0.61}, {Topic: "elections", Score: 0.25}},
	}
	ancient := corpus.Article{ID: "ancient", Title: "Too old for the index", Date: year(1500)}
	articles := append(fixture(), messy, ancient)
	ix := newTestIndex(t, articles)
	for _, a := range articles {
		got, err := ix.Article(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := a
		want.Tidy()
		if a.ID == "messy" {
			want.Date = month(2015, 11)
			want.Mentions = nil
		}
		if a.ID == "ancient" {
			want.Date = corpus.Date{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("article %s:\n got %#v\nwant %#v", a.ID, got, want)
		}
	}
	// The caller's articles are left as they were.
	if messy.Title != "  A title with spaces  " || len(messy.Authors) != 4 {
		t.Errorf("Write changed its input: %+v", messy)
	}
	n, err := ix.Count()
	if err != nil || n != uint64(len(articles)) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(articles))
	}
}

// TestSeenInExcerptProvenance writes merged and excerpted articles with
// their provenance, reads them back as written and searches the new
// fields.
func TestSeenInExcerptProvenance(t *testing.T) {
	post := corpus.Article{
		ID: "post", Source: "site/2021/01/02/pi-hole/index.html#1", Title: "Double helping of Pi Hole",
		Outlet: "Whizzy", Date: day(2021, 1, 2), Body: "Two Pi-hole servers.",
		SeenIn:     []string{"site/2021/01/02/pi-hole/index.html#1", "site/index.html#2"},
		Provenance: map[string]string{"title": "h-entry", "date": "date-header", "authors": "byline-line", "split": "repeated-region", "new-key": "kept"},
	}
	teaser := corpus.Article{
		ID: "teaser", Source: "site/tag/linux/index.html#3", Title: "Snapping Mosquitto",
		Outlet: "Whizzy", Date: day(2015, 2, 4), Body: "Snaps are...", Excerpt: true,
		Provenance: map[string]string{"date": "url-path", "split": "repeated-region"},
	}
	plain := corpus.Article{ID: "plain", Source: "wire/a.sgm#1", Title: "Oil prices", Body: "Crude rose."}
	ix := newTestIndex(t, []corpus.Article{post, teaser, plain})
	for _, a := range []corpus.Article{post, teaser, plain} {
		got, err := ix.Article(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Tidy()
		if !reflect.DeepEqual(got, a) {
			t.Errorf("article %s:\n got %#v\nwant %#v", a.ID, got, a)
		}
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"provenance.date:date-header", []string{"post"}},
		{"-provenance.date:url-path", []string{"post", "plain"}},
		{"provenance.split:repeated-region", []string{"post", "teaser"}},
		{"provenance.date:date-*", []string{"post"}},
		{"PROVENANCE.Title:h-entry", []string{"post"}},
		{`seen_in:"site/index.html#2"`, []string{"post"}},
		{"excerpt:true", []string{"teaser"}},
		{"excerpt:false", []string{"post", "plain"}},
	} {
		res, err := ix.Search(t.Context(), Request{Query: tt.q})
		if err != nil {
			t.Errorf("%s: %v", tt.q, err)
			continue
		}
		if got := ids(res.Hits); !sameSet(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, err := ix.Search(t.Context(), Request{Query: "provenance.colour:red"}); err == nil ||
		!strings.Contains(err.Error(), "provenance.FIELD") {
		t.Errorf("an unknown provenance key: error %v", err)
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
		if seen[s] < 0 {
			return false
		}
	}
	return true
}

func TestArticleNotFound(t *testing.T) {
	ix := newTestIndex(t, fixture())
	_, err := ix.Article(context.Background(), "nope")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("error = %v, want ErrNotFound", err)
	}
}

func TestWriteReplacesAnArticle(t *testing.T) {
	ix := newTestIndex(t, fixture())
	a := fixture()[0]
	a.Title = "A new title"
	if err := ix.Write(context.Background(), []corpus.Article{a}); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Article(context.Background(), a.ID)
	if err != nil || got.Title != "A new title" {
		t.Errorf("Article = %q, %v; want the new title", got.Title, err)
	}
	if n, _ := ix.Count(); n != 12 {
		t.Errorf("Count = %d, want 12", n)
	}
}

func TestWriteErrors(t *testing.T) {
	ix := newTestIndex(t, nil)
	if err := ix.Write(context.Background(), []corpus.Article{{Source: "a.html#1", Title: "No id"}}); err == nil ||
		!strings.Contains(err.Error(), "a.html#1") {
		t.Errorf("an article without id: error = %v, want one naming its source", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Write(ctx, fixture()); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled write: error = %v, want context.Canceled", err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("Count = %d after failed writes, want 0", n)
	}
}

func TestOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Write(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(path, Options{}); err == nil {
		t.Errorf("Create over an existing index succeeded")
	}

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ro.Search(context.Background(), Request{Query: "merkel"})
	if err != nil || res.Total != 2 {
		t.Errorf("search of the reopened index: total %d, error %v; want 2", res.Total, err)
	}
	if err := ro.Write(context.Background(), fixture()[:1]); err == nil {
		t.Errorf("Write to a read-only index succeeded")
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ro.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}

	if _, err := Open(filepath.Join(t.TempDir(), "missing"), Options{ReadOnly: true}); err == nil {
		t.Errorf("Open of a missing index succeeded")
	}
}

func TestOpenMappingVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.b.SetInternal(mappingVersionKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		_, err = Open(path, Options{ReadOnly: ro})
		if !errors.Is(err, ErrMappingVersion) || !strings.Contains(err.Error(), "reindex") {
			t.Errorf("read-only %v: error = %v, want ErrMappingVersion saying to reindex", ro, err)
		}
	}
}

// TestBulkWrite writes batches from several goroutines into a Bulk index,
// closes it and opens it again: every article is there, as written, and
// its segments were merged at Close.
func TestBulkWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Create(path, Options{Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	s := newSynthetic(7)
	const writers, batches, size = 4, 6, 50
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			var err error
			for b := range batches {
				batch := make([]corpus.Article, size)
				for i := range batch {
					batch[i] = s.articleLocked(fmt.Sprintf("w%d-b%d-%d", w, b, i))
				}
				if err = ix.Write(t.Context(), batch); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	ro := reopenReadOnly(t, ix)
	n := ro.segments()
	if n < 1 || n > 8 {
		t.Errorf("%d segments after Close, want 1 to 8 (the batches were %d)", n, writers*batches)
	}
	// The files of the segments merged away are gone.
	files, err := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	if err != nil || len(files) != n {
		t.Errorf("%d segment files on disk for %d segments (%v)", len(files), n, err)
	}
	if n, err := ro.Count(); err != nil || n != writers*batches*size {
		t.Fatalf("count = %d, %v; want %d", n, err, writers*batches*size)
	}
	a, err := ro.Article(t.Context(), "w3-b5-49")
	if err != nil || a.Title == "" {
		t.Errorf("last article: %+v, %v", a, err)
	}
}

// TestBulkMergeBounded builds a Bulk index whose merges may put at most
// 300 articles in one segment, from 40 batches of 50: after Close no
// segment holds more than that, and the batches were merged (by bleve's
// merger or the final merge) into no more segments than the final merge
// plan's tiers leave: 4 beside the segments of more than 150 articles,
// which are not merged again. What the merge in steps saves, resident
// memory, is measured (docs/performance.md), not tested.
func TestBulkMergeBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	const maxSegment = 300
	ix, err := Create(path, Options{Bulk: true, maxSegment: maxSegment})
	if err != nil {
		t.Fatal(err)
	}
	s := newSynthetic(3)
	const batches, size = 40, 50
	for b := range batches {
		batch := make([]corpus.Article, size)
		for i := range batch {
			batch[i] = s.articleLocked(fmt.Sprintf("b%d-%d", b, i))
		}
		if err := ix.Write(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
	}
	sizes := segmentSizes(t, reopenReadOnly(t, ix))
	var total uint64
	for _, n := range sizes {
		total += n
		if n > maxSegment {
			t.Errorf("a segment of %d articles, want at most %d", n, maxSegment)
		}
	}
	if most := batches*size/(maxSegment/2) + 4; total != batches*size || len(sizes) > most {
		t.Errorf("%d segments of %v articles, %d in all; want at most %d, %d in all",
			len(sizes), sizes, total, most, batches*size)
	}
}

// reopenReadOnly closes ix and opens its index again, read-only, until
// the end of the test.
func reopenReadOnly(t *testing.T, ix *Index) *Index {
	t.Helper()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(ix.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ro.Close() })
	return ro
}

// unmergedIndex returns a read-only index of a segment per batch given:
// a bulk index whose segments are never merged (none is under half of 2
// articles), so that the articles written again stay deleted in the
// segments before (bleve's merger in the background would sometimes
// merge them away before the reopening), each batch on disk before the
// next is written (bleve merges the batches that wait in memory).
func unmergedIndex(t *testing.T, batches ...[]corpus.Article) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "index"), Options{Bulk: true, maxSegment: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, batch := range batches {
		if err := ix.Write(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
		for _, sh := range ix.shards {
			if err := sh.bulk.wait(); err != nil {
				t.Fatal(err)
			}
		}
	}
	return reopenReadOnly(t, ix)
}

// checkDeleted fails t unless the read-only index ix holds n deleted
// articles.
func checkDeleted(t *testing.T, ix *Index, n uint64) {
	t.Helper()
	rs, closeReaders, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	defer closeReaders()
	if deleted, ok := deletedArticles(rs[0]); !ok || deleted.GetCardinality() != n {
		t.Fatalf("deleted articles: %v, want %d", deleted, n)
	}
}

// segmentSizes returns the number of articles in each segment of ix.
func segmentSizes(t *testing.T, ix *Index) []uint64 {
	t.Helper()
	var sizes []uint64
	for _, sh := range ix.shards {
		bi, err := sh.b.Advanced()
		if err != nil {
			t.Fatal(err)
		}
		s, ok := bi.(*scorch.Scorch)
		if !ok {
			t.Fatalf("an index of type %T, want *scorch.Scorch", bi)
		}
		n, err := segmentArticles(s)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, n...)
	}
	return sizes
}
