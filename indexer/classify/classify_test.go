package classify

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// sectionTopic is the IPTC topic that names each newspaper section.
var sectionTopic = map[string]string{
	"business":      Economy,
	"entertainment": Arts,
	"politics":      Politics,
	"sport":         Sport,
	"tech":          Science,
}

// story is one labelled validation story.
type story struct {
	section, title, text string
}

// readSections reads a validation set in testdata.
func readSections(t testing.TB, name string) []story {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []story
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || sectionTopic[parts[0]] == "" {
			t.Fatalf("bad line %q", line)
		}
		out = append(out, story{parts[0], parts[1], parts[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSectionAccuracy measures how often the first topic names the
// newspaper section of a validation story written for this purpose (the
// lexicons were not fitted to them): sections.tsv, plain stories, and
// sections2.tsv, stories that borrow another section's vocabulary. The
// second set scored 21/25 when first measured; giving the vocabulary of
// company results (profit, revenue, loss, private equity) more weight
// brought it to 23/25, kept the first set at 50/50, and on Reuters raised
// micro precision from 0.793 to 0.805 while energy recall fell from 0.757
// to 0.742.
func TestSectionAccuracy(t *testing.T) {
	for _, tt := range []struct {
		file string
		min  float64
	}{{"sections.tsv", 0.96}, {"sections2.tsv", 0.88}} {
		t.Run(tt.file, func(t *testing.T) { sectionAccuracy(t, tt.file, tt.min) })
	}
}

func sectionAccuracy(t *testing.T, file string, min float64) {
	c := New(Options{})
	stories := readSections(t, file)
	right := 0
	perSection := map[string][2]int{}
	for _, s := range stories {
		got := c.Classify(s.title, s.text)
		ok := len(got) > 0 && got[0].Topic == sectionTopic[s.section]
		n := perSection[s.section]
		n[1]++
		if ok {
			right++
			n[0]++
		} else {
			t.Logf("%s: %q -> %v", s.section, s.title, got)
		}
		perSection[s.section] = n
	}
	acc := float64(right) / float64(len(stories))
	t.Logf("section accuracy (first topic names the section): %d/%d = %.3f; per section %v", right, len(stories), acc, perSection)
	if acc < min {
		t.Errorf("section accuracy %.3f, want at least %.2f", acc, min)
	}
}

func TestClassify(t *testing.T) {
	c := New(Options{})
	tests := []struct {
		name, title, text string
		want              []string // the topics, best first
	}{
		{"sport", "", "The striker scored twice as the football team won the league championship.", []string{Sport}},
		{"weather", "", "Heavy rain and snow storms are forecast, with temperatures falling and frost overnight.", []string{Weather}},
		{"labour, not the party", "", "Workers went on strike over wages as the union rejected layoffs.", []string{Labour}},
		{"the party, not labour", "Labour wins vote", "Labour MPs backed the bill in the Commons.", []string{Politics}},
		{"nothing", "", "It was a quiet afternoon.", nil},
		{"terrorism", "Bombing in the capital", "A suicide bombing claimed by Islamic State militants killed 20 people; " +
			"counter-terrorism police said the attackers had been radicalised online.",
			[]string{Conflict, Terrorism}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Classify(tt.title, tt.text)
			var names []string
			for _, s := range got {
				names = append(names, s.Topic)
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("Classify = %v, want %q (scores %v)", got, tt.want, c.Scores(tt.title, tt.text))
			}
			for i, s := range got {
				if s.Score <= 0 || s.Score > 1 || (i > 0 && s.Score > got[i-1].Score && Parent(s.Topic) == "") {
					t.Errorf("bad score %v in %v", s, got)
				}
			}
		})
	}
}

// TestTaxonomy checks the exact IPTC top-level names and that every topic
// and subject has a lexicon.
func TestTaxonomy(t *testing.T) {
	iptc := []string{"arts, culture, entertainment and media", "conflict, war and peace", "crime, law and justice",
		"disaster, accident and emergency incident", "economy, business and finance", "education", "environment",
		"health", "human interest", "labour", "lifestyle and leisure", "politics", "religion",
		"science and technology", "society", "sport", "weather"}
	if !slices.Equal(TopLevel(), iptc) {
		t.Errorf("TopLevel() = %q, want %q", TopLevel(), iptc)
	}
	lex := lexicons()
	for _, name := range append(TopLevel(), Subjects()...) {
		if lex[name] == "" {
			t.Errorf("no terms for %q", name)
		}
		if !IsTaxonomy(strings.ToUpper(name)) {
			t.Errorf("IsTaxonomy(%q) = false", name)
		}
	}
	if len(lex) != len(TopLevel())+len(Subjects()) {
		t.Errorf("%d lexicons, want %d", len(lex), len(TopLevel())+len(Subjects()))
	}
	for _, s := range Subjects() {
		if !slices.Contains(TopLevel(), Parent(s)) {
			t.Errorf("subject %q has parent %q", s, Parent(s))
		}
	}
}
