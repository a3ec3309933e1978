package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer/classify"
)

// topicBatch is how many articles AddTopic reads and rewrites at once.
const topicBatch = 500

// AddTopic gives the topic name to every article matching q, a query in
// the product's query syntax, and returns how many articles match. This is
// how a researcher's own topics (corpus.Config.Topics) are applied at
// reindex. The topic goes after the article's taxonomy topics (those of
// package classify, which lead) and before the researcher's other
// topics; an article that already has it is left as it is but counted. A query that cannot be
// parsed is an error naming the topic.
func (ix *Index) AddTopic(ctx context.Context, name, q string) (int, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return 0, fmt.Errorf("search: topic with query %q has no name", q)
	}
	if ix.opts.ReadOnly {
		return 0, fmt.Errorf("search: topic %q: the index %s is open read-only", name, ix.path)
	}
	if strings.TrimSpace(q) == "" {
		return 0, fmt.Errorf("search: topic %q: empty query", name)
	}
	qq, err := buildQuery(q)
	if err != nil {
		var qe *QueryError
		if errors.As(err, &qe) {
			return 0, fmt.Errorf("search: topic %q: bad query %q: %w", name, q, err)
		}
		return 0, fmt.Errorf("search: topic %q: %w", name, err)
	}
	ids, err := ix.matchingIDs(ctx, qq)
	if err != nil {
		return 0, fmt.Errorf("search: topic %q: %w", name, err)
	}
	for chunk := range slices.Chunk(ids, topicBatch) {
		arts, err := ix.articles(ctx, chunk)
		if err != nil {
			return 0, fmt.Errorf("search: topic %q: %w", name, err)
		}
		var changed []corpus.Article
		for _, a := range arts {
			if withTopic(&a, name) {
				changed = append(changed, a)
			}
		}
		if err := ix.Write(ctx, changed); err != nil {
			return 0, fmt.Errorf("search: topic %q: %w", name, err)
		}
	}
	return len(ids), nil
}

// withTopic inserts topic into a.Topics after the leading taxonomy topics
// and reports whether a changed; an article that has the topic already
// (ignoring case) is unchanged.
func withTopic(a *corpus.Article, topic string) bool {
	if slices.ContainsFunc(a.Topics, func(t string) bool { return strings.EqualFold(t, topic) }) {
		return false
	}
	at := 0
	for at < len(a.Topics) && classify.IsTaxonomy(a.Topics[at]) {
		at++
	}
	a.Topics = slices.Insert(a.Topics, at, topic)
	return true
}

// matchingIDs returns the ids of all articles matching q, paging through
// the hits in id order.
func (ix *Index) matchingIDs(ctx context.Context, q query.Query) ([]string, error) {
	var ids []string
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, topicBatch, 0, false)
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortDocID{}})
		if after != nil {
			req.SetSearchAfter(after)
		}
		ctx, cancel := ix.deadline(ctx)
		res, err := ix.run(context.WithValue(ctx, bsearch.MaxTermSearchersKey, maxTermSearchers), req)
		cancel()
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < topicBatch {
			return ids, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// articles returns the stored articles with the given ids.
func (ix *Index) articles(ctx context.Context, ids []string) ([]corpus.Article, error) {
	ctx, cancel := ix.deadline(ctx)
	defer cancel()
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = storedFields
	res, err := ix.run(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]corpus.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, article(h.ID, h.Fields))
	}
	return out, nil
}
