package search

import (
	"context"
	"slices"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestNameFindsItsPerson: person:, author: and a plain name find every
// article by or about the person, the whole name first; a name filter
// matches in any order of family and given names.
func TestNameFindsItsPerson(t *testing.T) {
	ix := newTestIndex(t, []corpus.Article{
		{ID: "by", Source: "a.txt#1", Title: "Jihadist networks in Europe", Body: "A report on networks.",
			Authors: []string{"Raffaello Pantucci"}, Date: day(2015, 1, 2)},
		{ID: "about", Source: "b.txt#1", Title: "Analysts disagree", Body: "Analysts disagreed on the threat.",
			People: []string{"Raffaello Pantucci"}, Date: day(2015, 1, 3)},
		{ID: "other", Source: "c.txt#1", Title: "Oil prices", Body: "Oil prices fell.",
			People: []string{"James Baker"}, Authors: []string{"Kvanvig Jon"}, Date: day(2015, 1, 4)},
		{ID: "only", Source: "d.txt#1", Title: "Baker speaks", Body: "Baker spoke.",
			People: []string{"Baker"}, Date: day(2015, 1, 5)},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"author:pantucci", []string{"by"}},
		{"person:pantucci", []string{"about"}},
		{"Pantucci", []string{"about", "by"}},
		{"raffaello pantucci", []string{"about", "by"}},
		{`author:"jon kvanvig"`, []string{"other"}},
		{"person:baker", []string{"only", "other"}}, // the whole name first
	} {
		res, err := ix.Search(context.Background(), Request{Query: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res.Hits)
		if tt.q == "Pantucci" || tt.q == "raffaello pantucci" {
			slices.Sort(got)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.q, got, tt.want)
		}
	}
	res, err := ix.Search(context.Background(), Request{Filters: Filters{Author: []string{"Jon Kvanvig"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res.Hits); !slices.Equal(got, []string{"other"}) || !slices.Equal(res.Filters.Author, []string{"Kvanvig Jon"}) {
		t.Errorf("author=Jon Kvanvig: %v, shown %v", got, res.Filters.Author)
	}
}
