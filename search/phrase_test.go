package search

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPhraseSameAsBleve searches every run of two to four words of the
// fixture's texts and of generated articles (whose common words repeat,
// so that an article holds a phrase several times), and a few phrases
// that are in no article, with phraseSearcher and with bleve's
// PhraseSearcher, in every text field and the name twins: the matches,
// their scores and their term locations are the same. Stop words inside
// a phrase leave gaps ("interest rates for the first time").
func TestPhraseSameAsBleve(t *testing.T) {
	arts := copies(2)
	s := newSynthetic(11)
	for i := range 30 {
		arts = append(arts, s.article(fmt.Sprintf("syn-%d", i)))
	}
	ix := newTestIndex(t, arts)

	phrases := map[string]bool{"rates interest": true, "the union european": true, "central central bank": true}
	for i, a := range arts {
		texts := []string{a.Title, a.Subtitle, a.Lead, a.Body, strings.Join(a.Authors, " "), strings.Join(a.People, " ")}
		if i >= 10 && i%12 != 0 {
			texts = texts[:1] // the generated bodies are long
		}
		for _, text := range texts {
			words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			for n := 2; n <= 4; n++ {
				for j := 0; j+n <= len(words); j++ {
					phrases[strings.Join(words[j:j+n], " ")] = true
				}
			}
		}
	}
	fields := []struct{ name, analyzer string }{
		{fieldAuthors + nameWordsSuffix, analyzerNameWords},
		{fieldPeople + nameWordsSuffix, analyzerNameWords},
	}
	for _, f := range textFields {
		fields = append(fields, struct{ name, analyzer string }{f.name, ""})
	}
	matched, several := 0, 0
	for p := range phrases {
		for _, f := range fields {
			base := &query.MatchPhraseQuery{MatchPhrase: p, FieldVal: f.name, Analyzer: f.analyzer}
			base.SetBoost(1.5)
			ours := *base
			want := phraseHits(t, ix, base)
			got := phraseHits(t, ix, phraseQuery{&ours})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q in %s: phraseSearcher found\n%v\nbleve found\n%v", p, f.name, got, want)
			}
			if len(want) > 0 {
				matched++
			}
			for _, h := range want {
				for _, locs := range h.Locations {
					for _, l := range locs {
						if len(l) > len(strings.Fields(p)) {
							several++
						}
					}
				}
			}
		}
	}
	t.Logf("%d phrases in %d fields: %d searches matched, %d matches hold a phrase several times", len(phrases), len(fields), matched, several)
	if matched < 100 || several == 0 {
		t.Errorf("%d searches matched, %d matches hold a phrase several times: the test needs both", matched, several)
	}
}

// phraseHit is a match of a phrase as the test compares it.
type phraseHit struct {
	ID        string
	Score     float64
	Locations bsearch.FieldTermLocationMap
}

// phraseHits returns every match of q, sorted by id, with its term
// locations.
func phraseHits(t *testing.T, ix *Index, q query.Query) []phraseHit {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.IncludeLocations = true
	req.SortBy([]string{"_id"})
	res, err := ix.b.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var hits []phraseHit
	for _, h := range res.Hits {
		hits = append(hits, phraseHit{h.ID, h.Score, h.Locations})
	}
	return hits
}
