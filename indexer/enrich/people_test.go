package enrich

import (
	"maps"
	"os"
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
		{"not across lines", corpus.Article{Body: "Raffaello Pantucci\nCommentary, 20 November 2015\n\nIt was late."},
			[]string{"Raffaello Pantucci"}},
		{"byline is not a mention", corpus.Article{Authors: []string{"Raffaello Pantucci"},
			Body: "By Raffaello Pantucci\nCommentary, 20 November 2015\n\nIt was late. Lee Rigby was killed by Michael Adebowale."},
			[]string{"Lee Rigby", "Michael Adebowale"}},
		{"an author's name alone on a line is a byline", corpus.Article{Authors: []string{"Raffaello Pantucci"},
			Body: "Raffaello Pantucci\nCommentary, 20 November 2015\n\nLee Rigby was killed (Raffaello Pantucci writes)."},
			[]string{"Lee Rigby"}},
		{"an author's note is not a mention", corpus.Article{Authors: []string{"Raffaello Pantucci"},
			Body: "Lee Rigby was killed.\n\nRaffaello Pantucci is director of studies."}, []string{"Lee Rigby"}},
		{"names before a country in brackets", corpus.Article{Body: "1. Oskari Vainikainen (Finland) 13:02.31\n" +
			"2. Ajax Amsterdam (Netherlands) 13:05.10\n3. Bank Melli (Iran) 13:07.00"}, []string{"Oskari Vainikainen"}},
		{"wire credit lines are not mentions", corpus.Article{Body: "Lee Rigby was killed.\n\n" +
			"Reporting by Amina Yusuf and George Mwangi; Writing by Amina Yusuf; Editing by Tom Hale"}, []string{"Lee Rigby"}},
		{"a list with known people", corpus.Article{Body: "Teams: Finland - 1 - Mark Cairns, 2 - Oskari Vainikainen, " +
			"3 - Michael Adebowale."}, []string{"Mark Cairns", "Oskari Vainikainen", "Michael Adebowale"}},
		{"a list of strangers", corpus.Article{Body: "Shares of Acme Widgets, Oskari Vainikainen and Borealis Yards rose."}, nil},
		{"credits are not mentions", corpus.Article{Body: "Protesters in Paris. Photo: Reuters/Jane Doe\n\n" +
			"Smoke rose (Picture by John Smith). Credit: Anna Lee. Michael Adebolajo spoke."}, []string{"Michael Adebolajo"}},
		{"an author named in the text", corpus.Article{Authors: []string{"Raffaello Pantucci"},
			Body: "By Raffaello Pantucci\n\nAs Raffaello Pantucci wrote last year, Xi Jinping travelled."},
			[]string{"Raffaello Pantucci", "Xi Jinping"}},
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
	// Measured: precision 0.968, multi-word recall 0.885.
	if p < 0.96 || r < 0.87 {
		t.Errorf("precision %.3f, recall %.3f; want at least 0.96 and 0.87", p, r)
	}
}

// personEntities merges the names of one document into entities: a
// one-word name that is the last word of a longer name in the same set
// ("Putin", "Vladimir Putin", or "PUTIN" in a headline) is that person.
func personEntities(names []string) []string {
	var out []string
	for _, n := range names {
		if !strings.Contains(n, " ") && slices.ContainsFunc(names, func(m string) bool {
			return m != n && strings.EqualFold(lastWord(m), n)
		}) {
			continue
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// samePerson reports whether a found name and a labelled name are the same
// person: equal, or one is the surname alone of the other.
func samePerson(found, gold string) bool {
	if found == gold {
		return true
	}
	if !strings.Contains(found, " ") {
		return strings.EqualFold(lastWord(gold), found)
	}
	return !strings.Contains(gold, " ") && strings.EqualFold(lastWord(found), gold)
}

// scorePeople matches the people found in a document with its labelled
// persons, one to one, and adds to c.
func scorePeople(c *prf, found, gold []string) (extra, missed []string) {
	gold = personEntities(gold)
	used := make([]bool, len(gold))
	for _, f := range personEntities(found) {
		hit := false
		for i, g := range gold {
			if !used[i] && samePerson(f, g) {
				used[i], hit = true, true
				break
			}
		}
		if hit {
			c.tp++
		} else {
			c.fp++
			extra = append(extra, f)
		}
	}
	for i, g := range gold {
		if !used[i] {
			c.fn++
			missed = append(missed, g)
		}
	}
	return extra, missed
}

// TestPeopleCoNLLDocs measures people per document on the CoNLL-2003
// English sets, as the issue defines it: each document's people against
// its labelled person names, a surname alone counting for the full name.
// eng.testa is the reported figure; CLIPPINGS_EVAL_ERRORS=1 logs errors.
func TestPeopleCoNLLDocs(t *testing.T) {
	e := New(Options{})
	for _, tt := range []struct {
		file string
		min  float64
	}{
		// Measured: eng.testa P=0.978 R=0.850 F1=0.910; eng.train (the
		// source of data/conll_names.txt, so not a fair figure)
		// P=0.982 R=0.916 F1=0.948.
		{"eng.testa", 0.90},
		{"eng.train", 0.935},
	} {
		t.Run(tt.file, func(t *testing.T) {
			if tt.file == "eng.train" && testing.Short() {
				t.Skip("eng.train is long")
			}
			docs := loadCoNLL(t, tt.file)
			var c prf
			for i, d := range docs {
				a := &corpus.Article{Title: d.title, Body: d.body, Language: "en"}
				e.Enrich(a)
				extra, missed := scorePeople(&c, a.People, slices.Collect(maps.Keys(d.persons)))
				if os.Getenv("CLIPPINGS_EVAL_ERRORS") != "" && len(extra)+len(missed) > 0 {
					t.Logf("doc %d: +%q -%q", i, extra, missed)
				}
			}
			t.Logf("CoNLL-2003 %s, %d documents: people per document %s", tt.file, len(docs), c)
			if c.f1() < tt.min {
				t.Errorf("people F1 %.3f, want at least %.2f", c.f1(), tt.min)
			}
		})
	}
}
