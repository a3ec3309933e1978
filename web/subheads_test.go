package web

import (
	"slices"
	"strings"
	"testing"
)

func TestSubheadings(t *testing.T) {
	prose := "Across the bridge in El Paso, Texas, volunteers at a respite centre for released families say they receive buses with little notice."
	for _, tt := range []struct {
		name  string
		paras []string
		want  []int // indexes of the subheadings
	}{
		{"a subheading between paragraphs", []string{prose, "Two cities, one queue", prose}, []int{1}},
		{"a heading and the subheading under it", []string{prose, "Vorteile eines Autokredits", "Eigentum", prose}, []int{1, 2}},
		{"a question", []string{prose, "Wieviel kostet ein Leasing?", prose}, []int{1}},
		{"a script without case", []string{prose, "엘제이의 리벤지인가", prose}, []int{1}},
		{"the first paragraph is the lead", []string{"Ischgl", prose}, nil},
		{"a list of three", []string{prose, "Soil type", "Root system", "Air temperature", prose}, nil},
		{"a list announced by a colon", []string{"You will need:", "Flour", "Water", prose}, nil},
		{"a signature closes the text", []string{prose, "Rosa Delgado"}, nil},
		{"a short paragraph follows", []string{prose, "Anreise", "Mit dem Zug."}, nil},
		{"sentences, clauses, quotes and lower case", []string{prose, "He said no.", prose, "Asked why,", prose,
			"“We never know”", prose, "and then", prose, "— Rep. Ilhan Omar", prose}, nil},
		{"a Reuters earnings table", []string{"Shr 1.10 dlrs vs 90 cts", "Net 4,000,000 vs 3,200,000", "Revs 40.0 mln vs 35.0 mln",
			"NOTE: 1986 net includes a gain of 1.2 mln dlrs from the sale of a unit, the company said in a statement."}, nil},
		{"a line of a preformatted paragraph", []string{prose, "Qtr ended\nFeb 28", prose}, nil},
		{"too long for a heading", []string{prose, strings.Repeat("Word ", 20) + "end", prose}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for i, p := range subheadings(tt.paras) {
				if p.Text != tt.paras[i] {
					t.Errorf("paragraph %d = %q, want %q", i, p.Text, tt.paras[i])
				}
				if p.Subhead {
					got = append(got, i)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("subheadings at %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTextPartsKeepSubheadings(t *testing.T) {
	long := strings.Repeat("word ", 40)
	parts := textParts([]paragraph{{Text: "Heading", Subhead: true}, {Text: long}, {Text: long, Subhead: true}}, 120)
	var flat []paragraph
	for _, p := range parts {
		flat = append(flat, p...)
	}
	if len(flat) < 4 || !flat[0].Subhead || slices.ContainsFunc(flat[1:], func(p paragraph) bool { return p.Subhead }) {
		t.Errorf("parts %+v: want the heading marked and no piece of a cut paragraph", parts)
	}
}
