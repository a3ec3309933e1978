package enrich

import (
	"slices"
	"strings"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer/classify"
)

// topicLexicon classifies articles into the default news taxonomy (IPTC
// Media Topics and security subjects, see package classify).
type topicLexicon struct {
	c *classify.Classifier
}

func newTopicLexicon() *topicLexicon {
	return &topicLexicon{c: classify.New(classify.Options{})}
}

// assignTopics sets a.TopicScores to the classifier's best one to three
// taxonomy topics and returns the article's topics in order: those
// taxonomy topics best first, then the topics the article already had,
// then the source's tags and section, normalised. Options.MinTopicScore
// is the evidence the best taxonomy topic must reach.
func (e *Enricher) assignTopics(a *corpus.Article, _ *document) []string {
	c := e.topics.c
	if e.opts.MinTopicScore > 0 {
		c = c.With(classify.Options{MinScore: e.opts.MinTopicScore})
	}
	text := strings.Join([]string{a.Subtitle, a.Lead, a.Body}, "\n\n")
	a.TopicScores = c.Classify(a.Title, text)
	out := make([]string, 0, len(a.TopicScores)+len(a.Topics)+len(a.Tags)+1)
	for _, s := range a.TopicScores {
		out = append(out, s.Topic)
	}
	out = append(out, a.Topics...)
	for _, t := range a.Tags {
		out = append(out, normalizeLabel(t))
	}
	out = append(out, normalizeLabel(a.Section))
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// normalizeLabel trims a label and collapses its inner white space.
func normalizeLabel(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
