package enrich

import (
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestTopics(t *testing.T) {
	e := New(Options{})
	tests := []struct {
		name string
		a    corpus.Article
		want []string
	}{
		{"sport", corpus.Article{Body: "The striker scored twice as the football team won the league championship."},
			[]string{topicSport}},
		{"weather", corpus.Article{Body: "Heavy rain and snow storms are forecast, with temperatures falling and frost overnight."},
			[]string{topicWeather}},
		{"economy", corpus.Article{Body: "The central bank raised interest rates as inflation hit a record and the stock market fell."},
			[]string{topicEconomy}},
		{"health", corpus.Article{Body: "The hospital treated patients during the virus outbreak as vaccination began."},
			[]string{topicHealth}},
		{"conflict", corpus.Article{Body: "Rebels shelled the city and troops launched airstrikes despite the ceasefire."},
			[]string{topicConflict}},
		{"crime", corpus.Article{Body: "Police arrested the suspect and prosecutors charged him with murder in court."},
			[]string{topicCrime}},
		{"politics", corpus.Article{Body: "The prime minister called an election after parliament rejected the government's plan."},
			[]string{topicPolitics}},
		{"education", corpus.Article{Body: "Teachers and students returned to school as the university reopened its campus."},
			[]string{topicEducation}},
		{"environment", corpus.Article{Body: "Carbon emissions and pollution are driving climate change, campaigners warned."},
			[]string{topicEnvironment}},
		{"religion", corpus.Article{Body: "The pope prayed with bishops at the church during Easter."}, []string{topicReligion}},
		{"labour", corpus.Article{Body: "Workers went on strike over wages as the union rejected layoffs."}, []string{topicLabour}},
		{"two topics", corpus.Article{Body: "Police arrested the gunmen after the terrorist attack; troops and police " +
			"guarded the court where the suspects faced trial for the bombing."}, []string{topicCrime, topicConflict}},
		{"nothing passes", corpus.Article{Body: "It was a quiet afternoon."}, nil},
		{"tags win", corpus.Article{Tags: []string{" World  News ", "Politics", ""}, Section: "Europe",
			Body: "The striker scored twice as the football team won the league championship."},
			[]string{"World News", "Politics", "Europe"}},
		{"section then lexicon", corpus.Article{Section: "Local", Body: "Heavy rain and snow storms are forecast."},
			[]string{"Local", topicWeather}},
		{"existing topics kept", corpus.Article{Topics: []string{"cocoa"}, Tags: []string{"earn"}}, []string{"cocoa", "earn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Language = "en"
			e.Enrich(&a)
			if !slices.Equal(a.Topics, nonNil(tt.want)) {
				t.Errorf("Topics = %q, want %q (scores %v)", a.Topics, tt.want,
					e.topics.topicScores(wordsOf(newDocument(&tt.a))))
			}
		})
	}
}

func wordsOf(d *document) []string {
	var out []string
	for _, f := range d.fields {
		for _, t := range f.toks {
			if t.word {
				out = append(out, strings.ToLower(t.text))
			}
		}
	}
	return out
}

// TestTopicNames checks that the lexicon assigns only the IPTC Media Topics
// top-level names, spelled exactly.
func TestTopicNames(t *testing.T) {
	iptc := []string{"arts, culture, entertainment and media", "conflict, war and peace", "crime, law and justice",
		"disaster, accident and emergency incident", "economy, business and finance", "education", "environment",
		"health", "human interest", "labour", "lifestyle and leisure", "politics", "religion",
		"science and technology", "society", "sport", "weather"}
	lex := lexicon()
	if len(lex) != len(iptc) {
		t.Errorf("lexicon has %d topics, want %d", len(lex), len(iptc))
	}
	for _, name := range iptc {
		if lex[name] == "" {
			t.Errorf("no terms for %q", name)
		}
	}
}

// TestReutersTopics checks the lexicon on Reuters-21578 training stories:
// their own topics are commodities and markets, so the best IPTC topic
// should mostly be economy, business and finance.
func TestReutersTopics(t *testing.T) {
	stories := loadReuters(t)
	e := New(Options{})
	n, economy, none := 0, 0, 0
	for _, s := range stories {
		if s.split != "TRAIN" || len(s.topics) == 0 || s.body == "" {
			continue
		}
		a := s.article()
		a.Language = "en"
		e.Enrich(a)
		n++
		switch {
		case len(a.Topics) == 0:
			none++
		case a.Topics[0] == topicEconomy:
			economy++
		}
	}
	share := float64(economy) / float64(n)
	t.Logf("Reuters TRAIN stories with topics: %d; economy first %.3f, no topic %.3f",
		n, share, float64(none)/float64(n))
	if share < 0.90 {
		t.Errorf("economy first for %.3f of stories, want at least 0.90", share)
	}
}
