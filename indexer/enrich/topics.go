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
// taxonomy topics best first, then the topics the article already had.
// The source's own tags and section (a blog's categories, a newswire's
// codes such as Reuters' "earn" or "money-fx") are not topics: they stay
// in a.Tags and a.Section, which have facets of their own.
// Options.MinTopicScore is the evidence the best taxonomy topic must
// reach.
func (e *Enricher) assignTopics(a *corpus.Article, _ *document) []string {
	c := e.topics.c
	if e.opts.MinTopicScore > 0 {
		c = c.With(classify.Options{MinScore: e.opts.MinTopicScore})
	}
	text := strings.Join([]string{a.Subtitle, a.Lead, a.Body}, "\n\n")
	a.TopicScores = c.Classify(a.Title, text)
	out := make([]string, 0, len(a.TopicScores)+len(a.Topics))
	for _, s := range a.TopicScores {
		out = append(out, s.Topic)
	}
	for _, t := range a.Topics {
		out = append(out, normalizeLabel(t))
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// normalizeLabel trims a label and collapses its inner white space.
func normalizeLabel(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
