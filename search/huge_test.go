package search

import (
	"context"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// hugeArticle is a text of n bytes on one line, with "zeppelin" near its
// start and "albatross" near its end.
func hugeArticle(n int) corpus.Article {
	filler := strings.Repeat("lorem ipsum dolor sit amet ", n/27+1)
	body := "zeppelin " + filler[:n-len("zeppelin  albatross")] + " albatross"
	return corpus.Article{ID: "huge", Source: "dump.txt#1", Title: "A dump", Body: body, Date: day(2020, 1, 1)}
}

// TestHugeArticle: only the first MaxIndexedText bytes of a body are
// searched; the article keeps its whole text and says it is truncated;
// its snippets come from what is searched.
func TestHugeArticle(t *testing.T) {
	a := hugeArticle(3 << 20)
	ix := newTestIndex(t, append(fixture(), a))
	for q, want := range map[string]uint64{"zeppelin": 1, "albatross": 0, "truncated:true": 1, "truncated:false": uint64(len(fixture()))} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want {
			t.Errorf("%s: %d hits, want %d", q, res.Total, want)
		}
		if q == "zeppelin" && len(res.Hits) == 1 && (len(res.Hits[0].Snippets) == 0 || !strings.Contains(res.Hits[0].Snippets[0], "<mark>zeppelin</mark>")) {
			t.Errorf("snippets %q", res.Hits[0].Snippets)
		}
	}
	got, err := ix.Article(context.Background(), "huge")
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != a.Body || !got.Truncated {
		t.Errorf("article: %d bytes (want %d), truncated %v", len(got.Body), len(a.Body), got.Truncated)
	}
	indexed, rest := splitBody(a.Body)
	if len(indexed) > MaxIndexedText || len(indexed) < MaxIndexedText-1024 || indexed+rest != a.Body || !strings.HasSuffix(indexed, " ") {
		t.Errorf("split at %d of %d", len(indexed), len(a.Body))
	}
}

// BenchmarkHugeArticleSearch measures a search whose hit is a 20 MB text
// on one line, as in issue 12 (21 s per query before its body was
// bounded).
func BenchmarkHugeArticleSearch(b *testing.B) {
	ix := newTestIndex(b, append(fixture(), hugeArticle(20<<20)))
	b.ResetTimer()
	for b.Loop() {
		res, err := ix.Search(context.Background(), Request{Query: "zeppelin OR lorem"})
		if err != nil || res.Total != 1 {
			b.Fatal(res.Total, err)
		}
	}
}
