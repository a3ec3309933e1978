package enrich

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/clippings/clippings/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// facets is what Enrich adds to an article, as kept in golden files.
type facets struct {
	Source    string   `json:"source"`
	Countries []string `json:"countries"`
	Places    []string `json:"places"`
	People    []string `json:"people"`
	Topics    []string `json:"topics"`
	Language  string   `json:"language"`
}

func facetsOf(a *corpus.Article) facets {
	return facets{Source: a.Source, Countries: a.Countries, Places: a.Places, People: a.People,
		Topics: a.Topics, Language: a.Language}
}

// checkGolden compares got, as indented JSON, with the golden file, or
// rewrites the file with -update.
func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(b) {
		t.Errorf("%s differs from the output (run go test -update to accept):\n%s", path, b)
	}
}

func readArticles(t *testing.T) []corpus.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var arts []corpus.Article
	if err := json.Unmarshal(b, &arts); err != nil {
		t.Fatal(err)
	}
	return arts
}

// TestGolden enriches the sample articles in testdata/articles.json and
// compares their facets with testdata/articles.golden.json.
func TestGolden(t *testing.T) {
	e := New(Options{})
	var got []facets
	for _, a := range readArticles(t) {
		e.Enrich(&a)
		got = append(got, facetsOf(&a))
	}
	checkGolden(t, "articles.golden.json", got)
}

// TestSeed enriches the project's seed document, an archive page of four
// articles on terrorism and on China and Russia in Central Asia.
func TestSeed(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpora, "seed", "*.txt"))
	if len(files) == 0 {
		t.Skip("shared corpora not found")
	}
	e := New(Options{})
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	a := &corpus.Article{Source: "seed/" + filepath.Base(files[0]) + "#1", Title: "Archive for November, 2015", Body: string(b)}
	e.Enrich(a)
	for _, c := range []string{"GB", "FR", "CN", "RU", "KG"} {
		if !slices.Contains(a.Countries, c) {
			t.Errorf("Countries = %q, want %s among them", a.Countries, c)
		}
	}
	for _, p := range []string{"Lee Rigby", "Xi Jinping"} {
		if !slices.Contains(a.People, p) {
			t.Errorf("People = %q, want %q among them", a.People, p)
		}
	}
	if a.Language != "en" {
		t.Errorf("Language = %q, want en", a.Language)
	}
	checkGolden(t, "seed.golden.json", facetsOf(a))
}

// TestIdempotent checks that enriching an enriched article changes nothing:
// canonical place names resolve to themselves as labels.
func TestIdempotent(t *testing.T) {
	e := New(Options{})
	for _, a := range readArticles(t) {
		e.Enrich(&a)
		first := facetsOf(&a)
		first.Places = slices.Clone(first.Places)
		e.Enrich(&a)
		if second := facetsOf(&a); !equalFacets(first, second) {
			t.Errorf("%s: second Enrich changed\n%+v\nto\n%+v", a.Source, first, second)
		}
	}
}

func equalFacets(a, b facets) bool {
	return slices.Equal(a.Countries, b.Countries) && slices.Equal(a.Places, b.Places) &&
		slices.Equal(a.People, b.People) && slices.Equal(a.Topics, b.Topics) && a.Language == b.Language
}

// TestConcurrent runs one Enricher from several goroutines; with -race it
// checks that Enrich shares no mutable state.
func TestConcurrent(t *testing.T) {
	e := New(Options{})
	arts := readArticles(t)
	want := make([]facets, len(arts))
	for i := range arts {
		a := arts[i]
		e.Enrich(&a)
		want[i] = facetsOf(&a)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Go(func() {
			for i := range arts {
				a := arts[i]
				e.Enrich(&a)
				if got := facetsOf(&a); !equalFacets(got, want[i]) {
					t.Errorf("%s: concurrent result %+v, want %+v", a.Source, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func TestZeroArticle(t *testing.T) {
	var a corpus.Article
	New(Options{}).Enrich(&a)
	if a.Countries == nil || a.Places == nil || a.People == nil || a.Topics == nil || a.Language != "" {
		t.Errorf("zero article enriched to %+v", facetsOf(&a))
	}
}

// FuzzEnrich checks that no input makes Enrich panic, and that its lists
// never hold empty values.
func FuzzEnrich(f *testing.F) {
	f.Add("WEST GERMANY", "DUBLIN, April 1 - Ireland's bank said.", "usa")
	f.Add("", "President Vladimir Putin met Xi Jinping. Putin said.", "")
	f.Add("Atlanta, Georgia", "Michael Jordan in Jordan, Chad. U.S.-led G. W. Bush's", "west-germany")
	f.Add("\xff\xfe", "N'Djamena, Côte d'Ivoire\n\n  Mr. Jean-Claude de", "(")
	e := New(Options{})
	f.Fuzz(func(t *testing.T, title, body, place string) {
		a := corpus.Article{Title: title, Body: body, Places: []string{place}}
		e.Enrich(&a)
		for _, l := range [][]string{a.Countries, a.Places, a.People, a.Topics} {
			if slices.Contains(l, "") {
				t.Errorf("empty value in %q", l)
			}
		}
	})
}

func TestMergeSurnames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bailey|Andrew Bailey|Keir Starmer", "Andrew Bailey|Keir Starmer"},
		{"Keir Starmer|Starmer", "Keir Starmer"},
		{"Smith|John Smith|Mary Smith", "Smith|John Smith|Mary Smith"},
		{"Volcker|Baker", "Volcker|Baker"},
	}
	for _, tt := range tests {
		if got := strings.Join(mergeSurnames(strings.Split(tt.in, "|")), "|"); got != tt.want {
			t.Errorf("mergeSurnames(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
