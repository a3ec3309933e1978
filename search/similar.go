package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// More like this: the terms that best tell an article apart (tf-idf over
// its title, lead and body, analyzed like the index) become a weighted
// query for other articles.

// Similar-article limits.
const (
	similarTerms  = 25 // the distinctive terms a similar search uses
	maxSimilar    = 50
	minTermLength = 3
)

// Similar returns up to n articles (0 means 5, at most 50) most like the
// article id by content, best first (then newest first, then by id),
// without the article itself. Hits have no snippets. It fails with an
// error wrapping ErrNotFound for an unknown id.
func (ix *Index) Similar(ctx context.Context, id string, n int) ([]Hit, error) {
	if n <= 0 {
		n = 5
	}
	n = min(n, maxSimilar)
	ctx, cancel := ix.deadline(ctx)
	defer cancel()
	release, err := ix.slot(ctx, "similar to "+id)
	if err != nil {
		return nil, err
	}
	defer release()
	a, err := ix.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	terms, err := ix.distinctive(a.Title+"\n"+a.Title+"\n"+a.Lead+"\n"+a.Body, similarTerms)
	if err != nil {
		return nil, fmt.Errorf("search: similar to %s: %w", id, err)
	}
	if len(terms) == 0 {
		return []Hit{}, nil
	}
	var should []query.Query
	for _, t := range terms {
		for _, f := range []struct {
			name  string
			boost float64
		}{{fieldTitle, 2}, {fieldBody, 1}} {
			tq := query.NewTermQuery(t.term)
			tq.SetField(f.name)
			tq.SetBoost(t.weight * f.boost)
			should = append(should, tq)
		}
	}
	b := query.NewBooleanQuery(nil, should, []query.Query{query.NewDocIDQuery([]string{id})})
	sr := bleve.NewSearchRequestOptions(b, n, 0, false)
	sr.Fields = hitFields
	// Articles of equal scores (many are) in the order of a search
	// page, not in the order of the index, which differs from build to
	// build and between shards.
	sr.SortByCustom(sortOrder(SortRelevance))
	res, err := ix.run(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: similar to %s: %w", id, err)
	}
	out := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hv := hit(h)
		hv.Snippets = hv.Snippets[:0]
		out = append(out, hv)
	}
	return out, nil
}

// weightedTerm is an analyzed term with its tf-idf weight.
type weightedTerm struct {
	term   string
	weight float64
}

// distinctive returns the n terms of text with the highest tf-idf in the
// body field, leaving out terms in one article only (this one) and very
// short ones.
func (ix *Index) distinctive(text string, n int) ([]weightedTerm, error) {
	an := ix.b.Mapping().AnalyzerNamed(analyzerText)
	if an == nil {
		return nil, fmt.Errorf("no analyzer %q", analyzerText)
	}
	tf := map[string]int{}
	for _, tok := range an.Analyze([]byte(text)) {
		if len(tok.Term) >= minTermLength {
			tf[string(tok.Term)]++
		}
	}
	st, err := ix.openStats() // every shard's counts
	if err != nil {
		return nil, err
	}
	defer st.close()
	var out []weightedTerm
	for term, f := range tf {
		df, err := st.docFreq([]byte(term), fieldBody)
		if err != nil {
			return nil, err
		}
		if df < 2 {
			continue
		}
		idf := math.Log(float64(st.docs) / float64(df))
		out = append(out, weightedTerm{term, (1 + math.Log(float64(f))) * idf})
	}
	slices.SortFunc(out, func(a, b weightedTerm) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.term, b.term))
	})
	return out[:min(n, len(out))], nil
}
