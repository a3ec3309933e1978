package search

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// accented returns articles naming places and people with and without
// their accents, to be searched along with the fixture.
func accented() []corpus.Article {
	return []corpus.Article{
		{ID: "zur", Source: "x/zur.txt#1", Title: "Banks in Zürich brace for new rules",
			Body: "Regulators in Zürich and Genève said banks must hold more capital."},
		{ID: "zun", Source: "x/zun.txt#1", Title: "Insurer reports a record profit",
			Body: "The Zurich insurer beat forecasts."},
		{ID: "sao", Source: "x/sao.txt#1", Title: "Thousands march in São Paulo",
			Body: "Protesters marched through São Paulo on Sunday. \"Señor presidente, listen\", read one banner."},
		{ID: "sap", Source: "x/sap.txt#1", Title: "Sao Paulo stocks fall",
			Body: "Shares in Sao Paulo fell for a third day."},
		{ID: "mul", Source: "x/mul.txt#1", Title: "Bayern beat Dortmund",
			Body: "Thomas Müller scored twice in the Straße derby."},
		{ID: "mun", Source: "x/mun.txt#1", Title: "Muller signs a new contract",
			Body: "The forward will stay until 2026."},
	}
}

// TestFold checks the folding of terms to their unaccented form.
func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"zurich", "zurich"},
		{"zürich", "zurich"},
		{"São", "Sao"},
		{"señor", "senor"},
		{"françois", "francois"},
		{"müller", "muller"},
		{"straße", "strasse"},
		{"łódź", "lodz"},
		{"ærøskøbing", "aeroskobing"},
		{"œuvre", "oeuvre"},
		{"đorđević", "dordevic"},
		{"þingvellir", "thingvellir"},
		{"eyjafjallajökull", "eyjafjallajokull"},
		{"e\u0301te\u0301", "ete"}, // already decomposed
		{"ἀθῆναι", "αθηναι"},       // Greek loses its accents too
		{"Ελλάδα", "Ελλαδα"},
		{"москва", "москва"},
		{"йошкар-ола", "йошкар-ола"}, // й is a letter of its own
		{"がっこう", "がっこう"},             // so is the voiced kana が
		{"हिन्दी", "हिन्दी"},
		{"서울", "서울"}, // Hangul decomposes into jamo and is put back together
		{"東京", "東京"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldAnalyzers checks that the text analyzers fold terms and keep
// the offsets of the words as written, so that the word after an
// accented one is still found at its place.
func TestFoldAnalyzers(t *testing.T) {
	const text = "Müller's goal in São Paulo: señores running"
	m := newMapping()
	tests := []struct {
		analyzer string
		want     []string
	}{
		{analyzerText, []string{"muller", "goal", "sao", "paulo", "senor", "run"}},
		{analyzerUnstemmed, []string{"muller", "goal", "sao", "paulo", "senores", "running"}},
	}
	words := []string{"Müller's", "goal", "São", "Paulo", "señores", "running"}
	for _, tt := range tests {
		toks := m.AnalyzerNamed(tt.analyzer).Analyze([]byte(text))
		var terms, spans []string
		for _, tok := range toks {
			terms = append(terms, string(tok.Term))
			spans = append(spans, text[tok.Start:tok.End])
		}
		if !slices.Equal(terms, tt.want) {
			t.Errorf("%s: terms %q, want %q", tt.analyzer, terms, tt.want)
		}
		if !slices.Equal(spans, words) {
			t.Errorf("%s: token offsets cover %q, want %q", tt.analyzer, spans, words)
		}
	}
}

// TestFoldRegexp checks that the letters of a regular expression are
// folded as the terms it is matched against are.
func TestFoldRegexp(t *testing.T) {
	tests := []struct {
		expr      string
		match     []string
		dontMatch []string
	}{
		{"zürich", []string{"zurich"}, []string{"zürich", "zarich"}},
		{"z[üu]rich", []string{"zurich"}, []string{"zarich"}},
		{"gen[èé]ve", []string{"geneve"}, []string{"genave"}},
		{"[à-ÿ]x", []string{"ex", "ax", "ux"}, []string{"bx"}},
		{"stra(ß|ss)e", []string{"strasse"}, []string{"strase"}},
		{"polit.*", []string{"politics"}, []string{"police"}}, // ASCII: as is
		{"[^é]t", []string{"at"}, []string{"t", "att"}},       // no more than it said
	}
	for _, tt := range tests {
		folded := foldRegexp(tt.expr)
		re, err := regexp.Compile("^(?:" + folded + ")$")
		if err != nil {
			t.Errorf("foldRegexp(%q) = %q: %v", tt.expr, folded, err)
			continue
		}
		for _, s := range tt.match {
			if !re.MatchString(s) {
				t.Errorf("foldRegexp(%q) = %q does not match %q", tt.expr, folded, s)
			}
		}
		for _, s := range tt.dontMatch {
			if re.MatchString(s) {
				t.Errorf("foldRegexp(%q) = %q matches %q", tt.expr, folded, s)
			}
		}
	}
	if got := foldRegexp("politic(s|al)"); got != "politic(s|al)" {
		t.Errorf("an ASCII expression is rewritten: %q", got)
	}
}

// TestAccentInsensitiveSearch checks that words, phrases, wildcards,
// regular expressions and fuzzy terms find words with or without their
// accents, either way round.
func TestAccentInsensitiveSearch(t *testing.T) {
	ix := newTestIndex(t, append(fixture(), accented()...))
	tests := []struct {
		q    string
		want []string
	}{
		{"francois", []string{"cop", "cli"}}, // cli: about François Hollande, not naming him
		{"François", []string{"cop", "cli"}},
		{"FRANCOIS hollande", []string{"cop", "cli"}},
		{"zurich", []string{"zur", "zun"}},
		{"Zürich", []string{"zur", "zun"}},
		{"ZÜRICH", []string{"zur", "zun"}},
		{"sao paulo", []string{"sao", "sap"}},
		{"São Paulo", []string{"sao", "sap"}},
		{`"sao paulo"`, []string{"sao", "sap"}},
		{`"São Paulo"`, []string{"sao", "sap"}},
		{`"paulo sao"`, nil},
		{"senor", []string{"sao"}},
		{"señor", []string{"sao"}},
		{"muller", []string{"mul", "mun"}},
		{"müller", []string{"mul", "mun"}},
		{"strasse", []string{"mul"}},
		{"geneve", []string{"zur"}},
		{"gotze", []string{"cup"}},
		{"eyjafjallajokull", []string{"ash"}},
		{"title:zurich", []string{"zur"}},
		{"title:Zürich", []string{"zur"}},
		{"body:zurich -title:zurich", []string{"zun"}},
		{"title:muller", []string{"mun"}},
		{"title:(sao OR müller)", []string{"sao", "sap", "mun"}},
		// Wildcards, regular expressions and fuzzy terms.
		{"zur*", []string{"zur", "zun"}},
		{"Zür*", []string{"zur", "zun"}},
		{"title:zur*", []string{"zur"}},
		{"francois*", []string{"cop"}},
		{"franç*", []string{"cop"}},
		{"z?rich", []string{"zur", "zun"}},
		{"mül?er", []string{"mul", "mun"}},
		{"/zurich/", []string{"zur", "zun"}},
		{"/zürich/", []string{"zur", "zun"}},
		{"/Z[üu]rich/", []string{"zur", "zun"}},
		{"title:/s[ãa]o/", []string{"sao", "sap"}},
		{"zurch~1", []string{"zur", "zun"}},
		{"zürch~1", []string{"zur", "zun"}},
		{"mueller~1", []string{"mul", "mun"}},
		// Stemming still works on folded words.
		{"marching", []string{"sao"}},
		{"señores", []string{"sao"}},
		{"bank", []string{"zur", "boj", "fed"}},
		// Names keep matching as a whole in keyword fields.
		{`person:"francois hollande"`, []string{"cop", "cli"}},
		{"person:franç*", []string{"cop", "cli"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: tt.q, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Hits)
			slices.Sort(got)
			want := append([]string{}, tt.want...)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %v, want %v", tt.q, got, want)
			}
		})
	}
}

// TestAccentedSnippets checks that snippets mark the accented words as
// written, and the words after them at their places.
func TestAccentedSnippets(t *testing.T) {
	ix := newTestIndex(t, append(fixture(), accented()...))
	tests := []struct {
		q    string
		id   string
		want []string
	}{
		{"zurich", "zur", []string{
			"Banks in <mark>Zürich</mark> brace for new rules",
			"Regulators in <mark>Zürich</mark> and Genève said banks must hold more capital."}},
		{"Zürich", "zun", []string{"The <mark>Zurich</mark> insurer beat forecasts."}},
		{"geneve capital", "zur", []string{
			"Regulators in Zürich and <mark>Genève</mark> said banks must hold more <mark>capital</mark>."}},
		{`"sao paulo" sunday`, "sao", []string{
			"Thousands march in <mark>São</mark> <mark>Paulo</mark>",
			"Protesters marched through <mark>São</mark> <mark>Paulo</mark> on <mark>Sunday</mark>. &#34;Señor presidente, listen&#34;, read one banner."}},
		{"zur* banks", "zur", []string{
			"<mark>Banks</mark> in <mark>Zürich</mark> brace for new rules",
			"Regulators in <mark>Zürich</mark> and Genève said <mark>banks</mark> must hold more capital."}},
		{"/m[üu]ller/ OR twice", "mul", []string{
			"Thomas <mark>Müller</mark> scored <mark>twice</mark> in the Straße derby."}},
		{"strasse derby", "mul", []string{
			"Thomas Müller scored twice in the <mark>Straße</mark> <mark>derby</mark>."}},
		{"senor~1", "sao", []string{
			"Protesters marched through São Paulo on Sunday. &#34;<mark>Señor</mark> presidente, listen&#34;, read one banner."}},
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

// TestHighlighterAccents checks the article page's marks: the accented
// words as written, whether the query has the accents or not.
func TestHighlighterAccents(t *testing.T) {
	const text = "François Hollande met bankers from Zürich, São Paulo and Genève; Müller and Zurich too."
	tests := []struct {
		q    string
		want []string
	}{
		{"francois", []string{"François"}},
		{"zurich", []string{"Zürich", "Zurich"}},
		{"Zürich", []string{"Zürich", "Zurich"}},
		{`"sao paulo"`, []string{"São", "Paulo"}},
		{"geneve bankers", []string{"bankers", "Genève"}},
		{"franç* mül*", []string{"François", "Müller"}},
		{"/gen[eè]ve/", []string{"Genève"}},
		{"mueller~1", []string{"Müller"}},
		{"person:francois", nil},
	}
	for _, tt := range tests {
		h, err := NewHighlighter(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := marked(h.Mark(text)); !slices.Equal(got, tt.want) {
			t.Errorf("%q: marked %q, want %q", tt.q, got, tt.want)
		}
	}
}
