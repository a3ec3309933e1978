package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestAddTopic(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name, query string
		want        []string // ids, sorted
	}{
		{"Paris climate", "Paris AND climate", []string{"cli", "cop", "par"}},
		{"Merkel", `person:"Angela Merkel"`, []string{"cop", "mer"}},
		{"nothing", "zanzibar", nil},
	}
	for _, tt := range tests {
		n, err := ix.AddTopic(ctx, tt.name, tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(tt.want) {
			t.Errorf("AddTopic(%q, %q) = %d, want %d", tt.name, tt.query, n, len(tt.want))
		}
		res, err := ix.Search(ctx, Request{Filters: Filters{Topic: []string{tt.name}}, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, tt.want) {
			t.Errorf("topic=%q finds %q, want %q", tt.name, ids, tt.want)
		}
	}
	// The custom topics go after the taxonomy topic "politics" and
	// before the others; applying a topic again changes nothing.
	if _, err := ix.AddTopic(ctx, "Merkel", `person:"Angela Merkel"`); err != nil {
		t.Fatal(err)
	}
	a, err := ix.Article(ctx, "cop")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"politics", "Merkel", "Paris climate", "climate"}; !slices.Equal(a.Topics, want) {
		t.Errorf("topics of cop = %q, want %q", a.Topics, want)
	}
	a, err = ix.Article(ctx, "fed")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"economy", "trade"}; !slices.Equal(a.Topics, want) {
		t.Errorf("topics of fed = %q, want %q (unchanged)", a.Topics, want)
	}
}

func TestAddTopicErrors(t *testing.T) {
	ix := newTestIndex(t, fixture())
	for _, tt := range []struct{ name, query, want string }{
		{"Bad one", "(climate", `topic "Bad one"`},
		{"Empty", " ", `topic "Empty": empty query`},
		{" ", "climate", "has no name"},
	} {
		_, err := ix.AddTopic(context.Background(), tt.name, tt.query)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("AddTopic(%q, %q) error = %v, want one containing %q", tt.name, tt.query, err, tt.want)
		}
	}
}

// TestAddTopicPages checks that every match is tagged when there are more
// than one page of them.
func TestAddTopicPages(t *testing.T) {
	ctx := context.Background()
	var arts []corpus.Article
	for i := range 2*topicBatch + 7 {
		body := "grain exports"
		if i%3 == 0 {
			body = "oil prices"
		}
		arts = append(arts, corpus.Article{ID: fmt.Sprintf("a%04d", i), Title: fmt.Sprint("story ", i), Body: body})
	}
	ix := newTestIndex(t, arts)
	n, err := ix.AddTopic(ctx, "Grain", "grain")
	if err != nil {
		t.Fatal(err)
	}
	want := len(arts) - (len(arts)+2)/3
	if n != want {
		t.Errorf("AddTopic = %d, want %d", n, want)
	}
	res, err := ix.Search(ctx, Request{Filters: Filters{Topic: []string{"Grain"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(want) {
		t.Errorf("topic=Grain finds %d, want %d", res.Total, want)
	}
}
