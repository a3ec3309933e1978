package enrich

import (
	"strings"

	"github.com/clippings/clippings/corpus"
)

// Options tune enrichment; the zero value is ready to use.
type Options struct {
	// MinScore is the salience score (see mentions.score) a country must
	// reach to be kept. Zero means 4: a country in the title or the
	// dateline is kept, one named twice in the lead, or once in the lead
	// and twice in the body, or four times in the body.
	MinScore int
	// MaxCountries caps the countries kept from the text, labelled ones
	// not counted. Zero means no cap.
	MaxCountries int
	// MinTopicScore is the score the best lexicon topic must reach to be
	// assigned to an article without tags. Zero means 4.
	MinTopicScore float64
	// MinLanguageConfidence is the confidence, between 0 and 1, that the
	// language detector must reach. Zero means the detector's own
	// threshold for a reliable answer (0.8).
	MinLanguageConfidence float64
}

func (o Options) minScore() int {
	if o.MinScore > 0 {
		return o.MinScore
	}
	return 4
}

// keep is the salience rule for countries: keep what the source
// labelled, what scores at least MinScore, what ties with the best score
// of the article (so a short article keeps the countries it names), and
// what the text discusses beyond a passing mention (see
// mentions.discussed).
//
// The weights and the threshold were chosen on the Reuters-21578 training
// split (see TestReutersCountries): countries named only in passing, once
// in the body or once in the lead as an adjective ("Australian dollar
// bond"), are mostly not what a story is about.
func (o Options) keep(m *mentions, top int) bool {
	s := m.score()
	return m.labelled || s >= o.minScore() || (s > 0 && s >= top) || m.discussed()
}

// Enricher adds places, countries, people, topics and language to articles.
// Build it once (tables are loaded at New); it is safe for concurrent use.
type Enricher struct {
	opts   Options
	gaz    *gazetteer
	people personFinder
	topics *topicLexicon
}

// New loads the gazetteer, name lists and topic lexicon.
func New(opts Options) *Enricher {
	g := newGazetteer()
	return &Enricher{
		opts:   opts,
		gaz:    g,
		people: &ruleFinder{gaz: g},
		topics: newTopicLexicon(),
	}
}

// Enrich fills the article's Places, Countries, People, Topics and, when
// empty, Language, keeping what the source labelled first. Labels may be
// raw wire labels ("saudi-arabia"); they are resolved to canonical names.
// It calls a.Tidy at the end.
func (e *Enricher) Enrich(a *corpus.Article) {
	d := newDocument(a)
	a.Places, a.Countries = e.places(a, d)
	a.People = mergeSurnames(append(a.People, e.people.find(d)...))
	a.Topics = e.assignTopics(a, d)
	if strings.TrimSpace(a.Language) == "" {
		a.Language = e.detectLanguage(a)
	}
	a.Tidy()
}

// mergeSurnames replaces a one-word name ("Bailey", often a wire label) by
// the fuller name that ends with it in the same list ("Andrew Bailey"),
// keeping the earlier position. A surname shared by two full names is left
// alone: it cannot be told which is meant.
func mergeSurnames(names []string) []string {
	out := make([]string, 0, len(names))
	used := make(map[string]bool)
	for _, n := range names {
		if !strings.Contains(strings.TrimSpace(n), " ") {
			var full []string
			for _, m := range names {
				if f := strings.Fields(m); len(f) > 1 && strings.EqualFold(f[len(f)-1], n) {
					full = append(full, m)
				}
			}
			if len(full) == 1 {
				n = full[0]
			}
		}
		if k := strings.ToLower(n); !used[k] {
			used[k] = true
			out = append(out, n)
		}
	}
	return out
}
