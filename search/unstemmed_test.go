package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// spelled returns articles whose words share a stem or a beginning with
// another's: "politics", "political" and "politely" all have the stem
// "polit", while only the first two start with "politic".
func spelled() []corpus.Article {
	return []corpus.Article{
		{ID: "pol", Source: "x/pol.txt#1", Title: "A week in politics",
			Body: "Coalition talks dominated politics in Berlin."},
		{ID: "plc", Source: "x/plc.txt#1", Title: "Political risk rises in Brazil",
			Body: "Investors weighed the political risk of the vote."},
		{ID: "pln", Source: "x/pln.txt#1", Title: "Veteran resigns from the cabinet",
			Body: "The veteran politician stepped down on Monday."},
		{ID: "pte", Source: "x/pte.txt#1", Title: "Manners at the summit",
			Body: "She answered every question politely."},
		{ID: "eco", Source: "x/eco.txt#1", Title: "Economy slows",
			Lead: "The economy grew less than expected."},
		{ID: "ecn", Source: "x/ecn.txt#1", Title: "New sanctions",
			Body: "The economic sanctions hit exports; an economist's view."},
	}
}

// TestSpelledPatterns checks that wildcards, regular expressions and
// fuzzy terms match words as spelled, not their stems, while plain words
// keep matching by stem.
func TestSpelledPatterns(t *testing.T) {
	ix := newTestIndex(t, append(fixture(), spelled()...))
	tests := []struct {
		q    string
		want []string
	}{
		// "politics", "political" and "politician": stems "polit",
		// "polit" and "politician"; "politely" (stem "polit") is not.
		{"politic*", []string{"pol", "plc", "pln"}},
		{"POLITIC*", []string{"pol", "plc", "pln"}},
		{"title:politic*", []string{"pol", "plc"}},
		{"body:politic*", []string{"pol", "plc", "pln"}},
		{"politic* -berlin", []string{"plc", "pln"}},
		{"politic?", []string{"pol"}},
		{"polit*", []string{"pol", "plc", "pln", "pte"}},
		{"econom?", []string{"fed", "eco"}}, // "economy", not "economic"
		{"econom*", []string{"fed", "eco", "ecn"}},
		{"lead:econom?", []string{"eco"}},
		{"economist*", []string{"ecn"}}, // "economist's" without its possessive
		{"/politic(s|al)/", []string{"pol", "plc"}},
		{"title:/polit.*/", []string{"pol", "plc"}},
		{"/Politic(S|al)/", []string{"pol", "plc"}}, // any case, as wildcards
		// A misspelled word finds the word it is one edit from, not every
		// word sharing a stem with it (stem "politc" is one edit from
		// "polit", which would bring in "politely").
		{"politcs~1", []string{"pol"}},
		{"politcian~1", []string{"pln"}},
		{"body:poltician~1", []string{"pln"}},
		{"econmy~1", []string{"fed", "eco"}},
		{"outlet:REUTER~1", []string{"fed", "cop", "boj", "ash"}}, // a keyword as spelled, in any case
		{"language:fe~1", []string{"cli"}},
		// Plain words and phrases still match by stem.
		{"politician", []string{"pln"}},
		{"economies", []string{"fed", "eco"}},
		{`"political risk"`, []string{"plc"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: tt.q, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Hits)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", tt.q, got, want)
			}
		})
	}
}

// TestSpelledSnippets checks that the words a wildcard, a regular
// expression or a fuzzy term matched are marked in the snippets.
func TestSpelledSnippets(t *testing.T) {
	ix := newTestIndex(t, append(fixture(), spelled()...))
	tests := []struct {
		q    string
		id   string
		want []string // in the snippets, in order
	}{
		{"politic*", "pol", []string{"A week in <mark>politics</mark>", "Coalition talks dominated <mark>politics</mark> in Berlin."}},
		{"politic*", "plc", []string{"<mark>Political</mark> risk rises in Brazil", "Investors weighed the <mark>political</mark> risk of the vote."}},
		{"politic*", "pln", []string{"The veteran <mark>politician</mark> stepped down on Monday."}},
		{"econom?", "eco", []string{"<mark>Economy</mark> slows", "The <mark>economy</mark> grew less than expected."}},
		{"/politic(s|al)/ risk", "plc", []string{"<mark>Political</mark> <mark>risk</mark> rises in Brazil", "Investors weighed the <mark>political</mark> <mark>risk</mark> of the vote."}},
		{"politcian~1", "pln", []string{"The veteran <mark>politician</mark> stepped down on Monday."}},
		{"econom* OR economy", "ecn", []string{"The <mark>economic</mark> sanctions hit exports; an <mark>economist&#39;s</mark> view."}},
	}
	for _, tt := range tests {
		t.Run(tt.q+" "+tt.id, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: tt.q, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.ID == tt.id })
			if i < 0 {
				t.Fatalf("%s: %s not found in %v", tt.q, tt.id, ids(res.Hits))
			}
			if got := titleAndSnippets(res.Hits[i]); !slices.Equal(got, tt.want) {
				t.Errorf("%s: snippets of %s\n got %q\nwant %q", tt.q, tt.id, got, tt.want)
			}
		})
	}
}

// TestHighlighterSpelled checks the article page's marks for wildcards,
// regular expressions and fuzzy terms: whole words as spelled.
func TestHighlighterSpelled(t *testing.T) {
	const text = "Politics, political risk and a politician's politeness; the economy, economic data."
	tests := []struct {
		q    string
		want []string // the marked words
	}{
		{"politic*", []string{"Politics", "political", "politician's"}},
		{"title:politic?", []string{"Politics"}},
		{"/polit.*/", []string{"Politics", "political", "politician's", "politeness"}},
		{"/POLITIC(s|al)/", []string{"Politics", "political"}},
		{"politcs~1", []string{"Politics"}},
		{"politcian~1 OR econmy~1", []string{"politician's", "economy"}},
		{"econom? risk", []string{"risk", "economy"}},
		{"economic OR econom*", []string{"economy", "economic"}}, // economic's stem is "econom"
		{"person:politic*", nil},
		{"politic* -politics", []string{"Politics", "political", "politician's"}},
	}
	for _, tt := range tests {
		h, err := NewHighlighter(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		got := marked(h.Mark(text))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: marked %q, want %q", tt.q, got, tt.want)
		}
	}
}

// marked returns the words inside <mark> elements of html.
func marked(html string) []string {
	var out []string
	for _, part := range strings.Split(html, "<mark>")[1:] {
		w, _, _ := strings.Cut(part, "</mark>")
		out = append(out, strings.ReplaceAll(w, "&#39;", "'"))
	}
	return out
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"politics", "politics", 2, 0},
		{"politcs", "politics", 2, 1},  // insertion
		{"poltiics", "politics", 2, 1}, // swap of adjacent letters
		{"polotics", "politics", 2, 1}, // substitution
		{"plotics", "politics", 2, 2},
		{"economy", "politics", 2, 3}, // beyond the limit
		{"", "ab", 2, 2},
		{"été", "ete", 2, 2},
	}
	for _, tt := range tests {
		if got := editDistance([]rune(tt.a), []rune(tt.b), tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}
