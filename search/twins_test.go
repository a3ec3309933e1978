package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	bdoc "github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/clippings/clippings/corpus"
)

// TestTwinAnalysisSame checks that the shared analysis of a text field
// and its unstemmed twin (pairTwins) gives each field the terms,
// frequencies, positions, offsets and length that bleve's own analysis
// of each field gives, on every field of the fixture's articles and of
// articles with possessives, accents, stop words, repeated words and
// several paragraphs.
func TestTwinAnalysisSame(t *testing.T) {
	m := newMapping()
	articles := append(fixture(), corpus.Article{
		ID: "pos", Title: "Britain's Ministers' policies", Lead: "The policy, the policies and the POLITICIANS",
		Body:     strings.Repeat("Zürich's bankers banked on banking; François said it was the politics of politicians. ", 40),
		Subtitle: "Running runners ran", Note: "a note of the editors' notes",
	}, corpus.Article{ID: "one", Body: "the"})
	paired, differ := 0, 0
	for _, a := range articles {
		a = normalize(a)
		data := document(a)
		want := bdoc.NewDocument(a.ID)
		if err := m.MapDocument(want, data); err != nil {
			t.Fatal(err)
		}
		got, err := mapDocument(m, a.ID, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Fields) != len(want.Fields) {
			t.Fatalf("%s: %d fields, want %d", a.ID, len(got.Fields), len(want.Fields))
		}
		// The document is a map, whose fields bleve maps in any order;
		// the keys are taken before the analysis, which lower-cases the
		// text of a field that is not stored.
		key := func(f bdoc.Field) string {
			return fmt.Sprint(f.Name(), f.ArrayPositions(), string(f.Value()))
		}
		byKey := map[string]bdoc.Field{}
		for _, g := range got.Fields {
			byKey[key(g)] = g
			if _, ok := g.(*pairedField); ok {
				paired++
			}
		}
		wantKeys := make([]string, len(want.Fields))
		for i, w := range want.Fields {
			wantKeys[i] = key(w)
		}
		for _, f := range want.Fields {
			f.Analyze()
		}
		for _, f := range got.Fields {
			f.Analyze()
		}
		for i, w := range want.Fields {
			g := byKey[wantKeys[i]]
			if g == nil {
				t.Fatalf("%s: no field %s", a.ID, wantKeys[i])
			}
			if g.AnalyzedLength() != w.AnalyzedLength() {
				t.Errorf("%s %s: length %d, want %d", a.ID, w.Name(), g.AnalyzedLength(), w.AnalyzedLength())
			}
			if gs, ws := freqs(g.AnalyzedTokenFrequencies()), freqs(w.AnalyzedTokenFrequencies()); !slices.Equal(gs, ws) {
				t.Errorf("%s %s: terms\n%v\nwant\n%v", a.ID, w.Name(), gs, ws)
			}
		}
		for i := 0; i+1 < len(got.Fields); i++ {
			if p, ok := got.Fields[i].(*pairedField); ok && p.stemmed &&
				!slices.Equal(freqs(p.AnalyzedTokenFrequencies()), freqs(got.Fields[i+1].AnalyzedTokenFrequencies())) {
				differ++
			}
		}
	}
	// Every text field of every article is paired, and the twins do
	// differ from their stemmed fields, so the comparison above compares
	// something.
	if paired < 2*len(articles) || differ < len(articles)/2 {
		t.Errorf("%d paired fields, %d pairs with different terms: the pairing did not happen", paired, differ)
	}
}

// freqs lists the terms of an analysis with their frequencies and
// locations, sorted.
func freqs(tf index.TokenFrequencies) []string {
	var out []string
	for term, f := range tf {
		var b strings.Builder
		fmt.Fprintf(&b, "%s×%d", term, f.Frequency())
		for _, l := range f.Locations {
			fmt.Fprintf(&b, " %d:%d-%d%v", l.Position, l.Start, l.End, l.ArrayPositions)
		}
		out = append(out, b.String())
	}
	slices.Sort(out)
	return out
}
