package search

import (
	"context"
	"slices"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestFiltersMatchLikeQueries checks that filter values ignore case and
// accents as field:value does, that countries take names and aliases, and
// that the result gives the values as the index writes them.
func TestFiltersMatchLikeQueries(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name  string
		f     Filters
		want  []string
		shown Filters
	}{
		{"outlet in lower case", Filters{Outlet: []string{"bbc"}}, []string{"brx", "cup"}, Filters{Outlet: []string{"BBC"}}},
		{"topic with a capital", Filters{Topic: []string{"Politics"}}, []string{"brx", "cop", "oba", "mer"}, Filters{Topic: []string{"politics"}}},
		{"person without accents", Filters{Person: []string{"francois hollande"}}, []string{"cop", "cli"}, Filters{Person: []string{"François Hollande"}}},
		{"author in lower case", Filters{Author: []string{"ann  smith"}}, []string{"fed"}, Filters{Author: []string{"Ann Smith"}}},
		{"country by name", Filters{Country: []string{"France"}}, []string{"cop", "cli"}, Filters{Country: []string{"FR"}}},
		{"country by alias", Filters{Country: []string{"Britain"}}, []string{"brx", "gla", "cup", "cam"}, Filters{Country: []string{"GB"}}},
		{"country UK", Filters{Country: []string{"uk"}}, []string{"brx", "gla", "cup", "cam"}, Filters{Country: []string{"GB"}}},
		{"country code in lower case", Filters{Country: []string{"jp"}}, []string{"boj"}, Filters{Country: []string{"JP"}}},
		{"one value twice is one value", Filters{Outlet: []string{"BBC", "bbc"}}, []string{"brx", "cup"}, Filters{Outlet: []string{"BBC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Filters: tt.f, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Hits)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("hits %v, want %v", got, want)
			}
			for i, fl := range res.Filters.list() {
				if w := *tt.shown.list()[i].values; !slices.Equal(*fl.values, w) {
					t.Errorf("shown %s %q, want %q", fl.name, *fl.values, w)
				}
			}
			if len(res.Unmatched()) != 0 || len(res.Suggestions) != 0 {
				t.Errorf("unmatched %v, suggestions %v, want none", res.Unmatched(), res.Suggestions)
			}
		})
	}
}

// TestFilterSuggestions checks that a value matching nothing finds
// nothing, is not among the values shown, and comes with suggestions.
func TestFilterSuggestions(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name string
		f    Filters
		want []Suggestion
	}{
		{"misspelt country name", Filters{Country: []string{"Frnace"}},
			[]Suggestion{{Filter: FilterCountry, Given: "Frnace", Value: "FR", Count: 2}}},
		{"start of a country name", Filters{Country: []string{"germ"}},
			[]Suggestion{{Filter: FilterCountry, Given: "germ", Value: "DE", Count: 2}}},
		{"a family name", Filters{Person: []string{"merkel"}},
			[]Suggestion{{Filter: FilterPerson, Given: "merkel", Value: "Angela Merkel", Count: 2}}},
		{"misspelt outlet", Filters{Outlet: []string{"Reuter"}},
			[]Suggestion{{Filter: FilterOutlet, Given: "Reuter", Value: "Reuters", Count: 4}}},
		{"nothing close", Filters{Outlet: []string{"Pravda"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Filters: tt.f})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 0 {
				t.Errorf("total %d, want 0", res.Total)
			}
			if u := res.Unmatched(); len(u) != 1 {
				t.Errorf("unmatched %v, want one", u)
			}
			for _, fl := range res.Filters.list() {
				if len(*fl.values) != 0 {
					t.Errorf("shown %s %q, want none", fl.name, *fl.values)
				}
			}
			if !slices.Equal(res.Suggestions, tt.want) {
				t.Errorf("suggestions %+v, want %+v", res.Suggestions, tt.want)
			}
		})
	}
}

func TestCountryName(t *testing.T) {
	for code, want := range map[string]string{"RU": "Russia", "IR": "Iran", "SY": "Syria", "FR": "France", "XX": "XX", "Mars": "Mars"} {
		if got := CountryName(code); got != want {
			t.Errorf("CountryName(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestExclude: a NOT filter leaves out the articles with any of its
// values, matched as filters are, and combines with filters.
func TestExclude(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"not Britain", Request{Exclude: Filters{Country: []string{"uk"}}}, []string{"fed", "cop", "cli", "oba", "boj", "mer", "par", "ash"}},
		{"not Reuters nor AP", Request{Exclude: Filters{Outlet: []string{"reuters", "AP"}}}, []string{"brx", "cli", "gla", "cup", "mer", "cam"}},
		{"politics but not Merkel", Request{Filters: Filters{Topic: []string{"politics"}}, Exclude: Filters{Person: []string{"angela merkel"}}}, []string{"brx", "oba"}},
		{"excluding nothing that exists", Request{Query: "merkel", Exclude: Filters{Country: []string{"Atlantis"}}}, []string{"cop", "mer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Size = 100
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Hits)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("hits %v, want %v", got, want)
			}
			var n int
			ix.Export(context.Background(), tt.req, func(corpus.Article) error { n++; return nil })
			if n != len(want) {
				t.Errorf("export gives %d articles, want %d", n, len(want))
			}
		})
	}
}
