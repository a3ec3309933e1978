package enrich

import (
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestPeople(t *testing.T) {
	e := New(Options{})
	tests := []struct {
		name string
		a    corpus.Article
		want []string
	}{
		{"title and family name first", corpus.Article{Body: "President Vladimir Putin met Xi Jinping in Moscow."},
			[]string{"Vladimir Putin", "Xi Jinping"}},
		{"surname merges", corpus.Article{Body: "President Vladimir Putin met Xi Jinping. Putin said the talks went well. " +
			"Putin added that Xi agreed. Later Putin left."}, []string{"Vladimir Putin", "Xi Jinping"}},
		{"title only", corpus.Article{Body: "It was President Putin who first spoke. Mullah Krekar was arrested."},
			[]string{"Putin", "Krekar"}},
		{"title stripped", corpus.Article{Body: "Prime Minister Margaret Thatcher and Chancellor Helmut Kohl met. Kohl spoke."},
			[]string{"Helmut Kohl", "Margaret Thatcher"}},
		{"particles and titles", corpus.Article{Body: "U.N. Secretary-General Javier Perez de Cuellar arrived."},
			[]string{"Javier Perez de Cuellar"}},
		{"initials", corpus.Article{Body: "George W. Bush met J. R. Ewing and W. Hegg."},
			[]string{"George W. Bush", "J. R. Ewing", "W. Hegg"}},
		{"hyphenated", corpus.Article{Body: "Jean-Claude Juncker met Ban Ki-moon."}, []string{"Jean-Claude Juncker", "Ban Ki-moon"}},
		{"demonym before name", corpus.Article{Body: "American Dennis Mitchell won the race."}, []string{"Dennis Mitchell"}},
		{"not an organisation", corpus.Article{Body: "General Motors and the Justice Department said. Morgan Stanley agreed."}, nil},
		{"not after an article", corpus.Article{Body: "The Charlie Hebdo killers were known. Traders at Kara Suu said."}, nil},
		{"not camel case", corpus.Article{Body: "Mohammed EmwaziMohammed Emwazi was drawn to radical ideas."}, nil},
		{"not across lines", corpus.Article{Body: "By Raffaello Pantucci\nCommentary, 20 November 2015\n\nIt was late."},
			[]string{"Raffaello Pantucci"}},
		{"Michael Jordan is a person", corpus.Article{Body: "Michael Jordan scored 30 points."}, []string{"Michael Jordan"}},
		{"surname that is a city", corpus.Article{Body: "Mark Cairns beat him in Sydney."}, []string{"Mark Cairns"}},
		{"not a place", corpus.Article{Body: "Santa Clara and San Jose grew."}, nil},
		{"headline case title skipped", corpus.Article{Title: "Will Britain Leave The Union", Body: "It may."}, nil},
		{"labelled people first", corpus.Article{People: []string{"James Baker"}, Body: "Treasury Secretary James Baker and Paul Volcker met."},
			[]string{"James Baker", "Paul Volcker"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Language = "en"
			e.Enrich(&a)
			if !slices.Equal(a.People, nonNil(tt.want)) {
				t.Errorf("People = %q, want %q", a.People, tt.want)
			}
		})
	}
}

// TestPeopleCoNLL measures the person finder on the CoNLL-2003 English
// development set (eng.testa), whose person names are hand-labelled.
// Precision counts the names found that are labelled persons of the same
// document; recall counts the labelled names of two words or more that are
// found.
func TestPeopleCoNLL(t *testing.T) {
	docs := loadCoNLL(t, "eng.testa")
	e := New(Options{})
	var tp, fp, gold, found int
	var wrong []string
	for _, d := range docs {
		a := &corpus.Article{Title: d.title, Body: d.body, Language: "en"}
		e.Enrich(a)
		got := map[string]bool{}
		for _, p := range a.People {
			got[p] = true
			if d.persons[p] {
				tp++
			} else {
				fp++
				wrong = append(wrong, p)
			}
		}
		for p := range d.persons {
			if strings.Contains(p, " ") {
				gold++
				if got[p] {
					found++
				}
			}
		}
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(found) / float64(gold)
	t.Logf("CoNLL-2003 eng.testa, %d documents: people precision %.3f (%d/%d), recall of multi-word names %.3f (%d/%d)",
		len(docs), p, tp, tp+fp, r, found, gold)
	t.Logf("not labelled persons: %q", wrong)
	if p < 0.95 || r < 0.70 {
		t.Errorf("precision %.3f, recall %.3f; want at least 0.95 and 0.70", p, r)
	}
}
