package enrich

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer/extract"
)

// seedTitles are the titles of the five articles of the project's seed
// document, an archive page, in reading order.
var seedTitles = []string{
	"China And Russia: Locked In Reluctant Embrace",
	"Could Paris happen in the UK?",
	"How vulnerable is Europe to Paris-style attacks?",
	"Radicals become the killers within",
	"Paris terror attacks: The lessons of Mumbai were learned – by the jihadis",
}

// seedWant is what the issue asks of the seed articles: the people and
// countries of two of them, and (issue 11) the countries each article
// discusses beyond a passing mention, Belgium, Norway and Syria among them.
var seedWant = map[string]struct {
	people    []string // full names, or surnames ("Putin")
	countries []string
}{
	"China And Russia: Locked In Reluctant Embrace": {
		people:    []string{"Xi Jinping", "Putin"},
		countries: []string{"CN", "RU", "KZ", "KG", "TJ", "TM", "UZ", "UA"},
	},
	"Could Paris happen in the UK?": {
		people:    []string{"Lee Rigby", "Michael Adebowale", "Michael Adebolajo"},
		countries: []string{"GB", "FR", "BE"},
	},
	"How vulnerable is Europe to Paris-style attacks?": {
		countries: []string{"FR", "GB", "NO"},
	},
	"Radicals become the killers within": {
		countries: []string{"FR", "SY"},
	},
	"Paris terror attacks: The lessons of Mumbai were learned – by the jihadis": {
		countries: []string{"FR", "IN", "GB"},
	},
}

func readSeed(t *testing.T) (path, text string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpora, "seed", "*.txt"))
	if len(files) == 0 {
		t.Skip("shared corpora not found")
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return files[0], string(b)
}

// checkSeedArticle checks the people and countries the issue asks of the
// article with the given title, if it is one of them.
func checkSeedArticle(t *testing.T, a *corpus.Article) {
	t.Helper()
	want, ok := seedWant[a.Title]
	if !ok {
		return
	}
	for _, p := range want.people {
		if !slices.ContainsFunc(a.People, func(n string) bool { return n == p || lastWord(n) == p }) {
			t.Errorf("%q: People = %q, want %q among them", a.Title, a.People, p)
		}
	}
	for _, c := range want.countries {
		if !slices.Contains(a.Countries, c) {
			t.Errorf("%q: Countries = %q, want %s among them", a.Title, a.Countries, c)
		}
	}
}

// TestSeedArticles cuts the seed document into its articles at their
// titles, as the extractor should, and checks them.
func TestSeedArticles(t *testing.T) {
	_, text := readSeed(t)
	e := New(Options{})
	found := 0
	for i, title := range seedTitles {
		start := strings.Index(text, "\n"+title+"\n")
		if start < 0 {
			t.Fatalf("title %q not found in the seed", title)
		}
		start += len(title) + 2
		end := len(text)
		if i+1 < len(seedTitles) {
			end = strings.Index(text, "\n"+seedTitles[i+1]+"\n")
		}
		body := strings.TrimSpace(text[start:end])
		lead, _, _ := strings.Cut(body, "\n\n")
		a := &corpus.Article{Title: title, Lead: lead, Body: body}
		e.Enrich(a)
		t.Logf("%q: countries %q, people %q", title, a.Countries, a.People)
		if _, ok := seedWant[title]; ok {
			found++
		}
		checkSeedArticle(t, a)
	}
	if found != len(seedWant) {
		t.Errorf("checked %d seed articles, want %d", found, len(seedWant))
	}
}

// TestSeedExtracted runs the seed document through the real extractor and
// the enricher. It needs the extractor to split the archive page into its
// five articles, and skips until it does.
func TestSeedExtracted(t *testing.T) {
	path, text := readSeed(t)
	x := extract.New(extract.Options{})
	arts, err := x.Extract(corpus.File{Entry: corpus.Entry{Path: filepath.Base(path), Format: corpus.FormatText}, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < len(seedTitles) {
		t.Skipf("the extractor finds %d articles in the seed, not %d: the archive split has not landed", len(arts), len(seedTitles))
	}
	e := New(Options{})
	found := 0
	for i := range arts {
		a := &arts[i]
		e.Enrich(a)
		t.Logf("%q by %q: countries %q, people %q", a.Title, a.Authors, a.Countries, a.People)
		if _, ok := seedWant[a.Title]; ok {
			found++
		}
		checkSeedArticle(t, a)
	}
	if found != len(seedWant) {
		titles := make([]string, len(arts))
		for i, a := range arts {
			titles[i] = a.Title
		}
		t.Errorf("extracted titles %q, want %q among them", titles, slices.Collect(maps.Keys(seedWant)))
	}
}
