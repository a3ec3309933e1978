package search

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/clippings/clippings/corpus"
)

// An index keeps the descriptions of the codes its source tags articles
// with (corpus.Labels: Reuters' "money-fx" is "Money/Foreign Exchange"),
// as the indexer found them in the corpus folder, in one internal record
// beside the articles. The values of the labelledFacets are given their
// description in FacetValue.Label, and a facet's values can be looked up
// by it.

// labelsKey is the internal key under which an index records its labels,
// as JSON.
var labelsKey = []byte("clippings.labels")

// labelledFacets are the facets whose values are the source's own codes,
// which labels describe.
var labelledFacets = []string{FacetTag, FacetSection}

// SetLabels records the descriptions of the source's codes, replacing
// any recorded before; nil or empty labels remove them. It implements
// indexer.LabelSink.
func (ix *Index) SetLabels(ctx context.Context, labels corpus.Labels) error {
	if ix.opts.ReadOnly {
		return fmt.Errorf("search: labels %s: the index is open read-only", ix.path)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("search: labels %s: %w", ix.path, err)
	}
	var val []byte // nil deletes the record
	if len(labels) > 0 {
		var err error
		if val, err = json.Marshal(labels); err != nil {
			return fmt.Errorf("search: labels %s: %w", ix.path, err)
		}
	}
	if err := ix.setInternal(labelsKey, val); err != nil {
		return fmt.Errorf("search: labels %s: %w", ix.path, err)
	}
	ix.labelsMu.Lock()
	ix.labels, ix.labelsRead = labels, true
	ix.labelsMu.Unlock()
	// The counts kept for browsing carry the labels they were counted
	// with.
	ix.spanMu.Lock()
	ix.browse = nil
	ix.writes++
	ix.spanMu.Unlock()
	return nil
}

// Labels returns the descriptions of the source's codes recorded with
// SetLabels, nil when there are none. They are read once and kept.
func (ix *Index) Labels(ctx context.Context) (corpus.Labels, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: labels %s: %w", ix.path, err)
	}
	ix.labelsMu.Lock()
	defer ix.labelsMu.Unlock()
	if ix.labelsRead {
		return ix.labels, nil
	}
	b, err := ix.shards[0].b.GetInternal(labelsKey) // every shard has them
	if err != nil {
		return nil, fmt.Errorf("search: labels %s: %w", ix.path, err)
	}
	var labels corpus.Labels
	if len(b) > 0 {
		if err := json.Unmarshal(b, &labels); err != nil {
			return nil, fmt.Errorf("search: labels %s: %w", ix.path, err)
		}
	}
	ix.labels, ix.labelsRead = labels, true
	return labels, nil
}

// label gives the values of facet their description, when facet is one
// of labelledFacets.
func label(facet string, vals []FacetValue, labels corpus.Labels) {
	if len(labels) == 0 || !slices.Contains(labelledFacets, facet) {
		return
	}
	for i := range vals {
		vals[i].Label = labels.Of(vals[i].Value)
	}
}
