package search

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// TestExport checks that an export gives every match, in order, over
// more than one page of search-after, and each article in full.
func TestExport(t *testing.T) {
	var articles []corpus.Article
	for i := range 2*exportPage + 7 {
		articles = append(articles, corpus.Article{
			ID: fmt.Sprintf("a%04d", i), Source: fmt.Sprintf("f.txt#%d", i+1), Title: fmt.Sprintf("Story %d", i),
			Body:      "wheat harvest " + map[bool]string{true: "drought", false: "rain"}[i%3 == 0],
			Date:      corpus.NewDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), corpus.PrecisionDay),
			Countries: []string{"FR"}, Topics: []string{"grain"}, Authors: []string{"A. Writer"},
		})
		if i%5 == 0 {
			articles[i].Date = corpus.Date{} // undated articles come last
		}
	}
	ix := newTestIndex(t, articles)
	var got []string
	err := ix.Export(context.Background(), Request{Query: "drought", Sort: SortOldest}, func(a corpus.Article) error {
		got = append(got, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want, undated []string
	for i := 0; i < len(articles); i += 3 {
		if i%5 == 0 {
			undated = append(undated, articles[i].ID)
		} else {
			want = append(want, articles[i].ID)
		}
	}
	want = append(want, undated...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("export gave %d ids %v…, want %d", len(got), got[:min(5, len(got))], len(want))
	}

	var all []corpus.Article
	if err := ix.Export(context.Background(), Request{Sort: SortNewest}, func(a corpus.Article) error {
		all = append(all, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range all {
		seen[a.ID] = true
	}
	if len(all) != len(articles) || len(seen) != len(articles) || all[0].ID != articles[len(articles)-1].ID {
		t.Fatalf("export of all: %d articles starting %s, want %d newest first", len(all), all[0].ID, len(articles))
	}
	if w := normalize(articles[len(articles)-1]); !reflect.DeepEqual(all[0], w) {
		t.Errorf("exported article\n%+v\nwant\n%+v", all[0], w)
	}

	n := 0
	if err := ix.Export(context.Background(), Request{Query: "wheat"}, func(corpus.Article) error { n++; return nil }); err != nil || n != len(articles) {
		t.Errorf("export by relevance: %d articles, err %v; want %d", n, err, len(articles))
	}
	n = 0
	err = ix.Export(context.Background(), Request{}, func(corpus.Article) error {
		n++
		if n == 3 {
			return ErrStop
		}
		return nil
	})
	if err != nil || n != 3 {
		t.Errorf("stopped export: %d articles, err %v; want 3, nil", n, err)
	}
	boom := errors.New("boom")
	if err := ix.Export(context.Background(), Request{}, func(corpus.Article) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("export error %v, want boom", err)
	}
	var qe *QueryError
	if err := ix.Export(context.Background(), Request{Query: "(a"}, func(corpus.Article) error { return nil }); !errors.As(err, &qe) {
		t.Errorf("bad query: %v, want a QueryError", err)
	}
}

// TestSimilar checks that the articles most like one share its
// distinctive words, and that it is not among them.
func TestSimilar(t *testing.T) {
	ix := newTestIndex(t, fixture())
	hits, err := ix.Similar(context.Background(), "fed", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ID != "boj" {
		t.Fatalf("similar to fed: %v, want boj (interest rates) first", ids(hits))
	}
	for _, h := range hits {
		if h.ID == "fed" {
			t.Errorf("similar to fed includes fed")
		}
	}
	if _, err := ix.Similar(context.Background(), "nope", 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
}
