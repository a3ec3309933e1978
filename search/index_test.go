package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

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
	if MappingVersion != 5 {
		t.Errorf("MappingVersion = %d: update this test and the golden file together", MappingVersion)
	}
	golden(t, "mapping-v5.json", append(b, '\n'))
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
