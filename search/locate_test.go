package search

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestLocateSameAsSearch checks that locate gives the hits of a page the
// term locations bleve's search gives them when asked to gather them
// (which makes it gather them for every match): for words, conjunctions,
// disjunctions, exclusions, phrases, fields, prefixes and nested
// queries, whose conjunctions locate runs as disjunctions (locatable);
// and for a Boolean query of optional clauses, which the parser does not
// make. On a writable index the hits are found by their ids; on a
// read-only one, by their numbers.
func TestLocateSameAsSearch(t *testing.T) {
	writable := newTestIndex(t, copies(3))
	readOnly := reopenReadOnly(t, newTestIndex(t, copies(3)))
	parsed := func(q string) query.Query {
		text, err := buildQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		return text
	}
	queries := map[string]query.Query{
		"should climate, rates, not summit": query.NewBooleanQuery(nil,
			[]query.Query{parsed("climate"), parsed("rates")}, []query.Query{parsed("summit")}),
		"must paris, should climate, agreement": query.NewBooleanQuery([]query.Query{parsed("paris")},
			[]query.Query{parsed("climate"), parsed("agreement")}, nil),
	}
	for _, q := range []string{
		"climate",
		"climate AND paris",
		"paris AND climate AND agreement",
		"climate OR rates",
		"climate AND NOT summit",
		"climate -summit +paris",
		`"European Union" AND leave`,
		`"interest rates" OR (paris AND (climate OR agreement))`,
		"(fed OR obama) AND (rates OR term)",
		"title:climate AND paris",
		"melt* AND NOT climate",
		"glacier~1 OR melting",
	} {
		queries[q] = parsed(q)
	}
	for name, text := range queries {
		for _, ix := range []*Index{writable, readOnly} {
			t.Run(fmt.Sprintf("%s, read-only %v", name, ix.opts.ReadOnly), func(t *testing.T) {
				sr := bleve.NewSearchRequestOptions(text, 100, 0, false)
				sr.IncludeLocations = true
				want, err := ix.b.SearchInContext(t.Context(), sr)
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Hits) == 0 {
					t.Fatalf("no match: the test says nothing")
				}
				hits := make(bsearch.DocumentMatchCollection, len(want.Hits))
				for i, h := range want.Hits {
					hits[i] = &bsearch.DocumentMatch{ID: h.ID}
					if ix.opts.ReadOnly {
						hits[i].IndexInternalID = slices.Clone(h.IndexInternalID)
					}
				}
				if err := ix.locate(t.Context(), text, hits); err != nil {
					t.Fatal(err)
				}
				for i, h := range hits {
					if !reflect.DeepEqual(h.Locations, want.Hits[i].Locations) {
						t.Errorf("%s: located %v, want %v", h.ID, h.Locations, want.Hits[i].Locations)
					}
				}
			})
		}
	}
}
