package enrich

import (
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer/classify"
)

func TestTopics(t *testing.T) {
	e := New(Options{})
	tests := []struct {
		name string
		a    corpus.Article
		want []string
	}{
		{"classifier", corpus.Article{Body: "The striker scored twice as the football team won the league championship."},
			[]string{classify.Sport}},
		{"nothing passes", corpus.Article{Body: "It was a quiet afternoon."}, nil},
		{"tags and section are not topics", corpus.Article{Tags: []string{" World  News ", "Politics", ""},
			Section: "Europe", Body: "The striker scored twice as the football team won the league championship."},
			[]string{classify.Sport}},
		{"a newswire's codes are not topics", corpus.Article{Tags: []string{"earn", "money-fx"}, Section: "Uncategorized"}, nil},
		{"topics the article had follow the taxonomy", corpus.Article{Topics: []string{" China–Russia  relations "},
			Tags: []string{"earn"}, Body: "The striker scored twice as the football team won the league championship."},
			[]string{classify.Sport, "China–Russia relations"}},
		{"title counts", corpus.Article{Title: "Central bank raises interest rates",
			Body: "The decision was announced on Thursday."}, []string{classify.Economy}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Language = "en"
			e.Enrich(&a)
			if !slices.Equal(a.Topics, nonNil(tt.want)) {
				t.Errorf("Topics = %q, want %q (scores %v)", a.Topics, tt.want, a.TopicScores)
			}
			if len(tt.a.Tags) > 0 && !slices.Contains(a.Tags, strings.Join(strings.Fields(tt.a.Tags[0]), " ")) {
				t.Errorf("Tags = %q: the source's tags are kept", a.Tags)
			}
			for i, s := range a.TopicScores {
				if a.Topics[i] != s.Topic {
					t.Errorf("TopicScores %v do not lead Topics %q", a.TopicScores, a.Topics)
				}
			}
		})
	}
}

// TestReutersTopics checks the classifier on Reuters-21578 training
// stories: their own topics are commodities and markets, so the best IPTC
// topic should mostly be economy, business and finance. (Precision and
// recall against the TOPICS labels are in package classify.)
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
		case len(a.TopicScores) == 0:
			none++
		case a.TopicScores[0].Topic == classify.Economy:
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
