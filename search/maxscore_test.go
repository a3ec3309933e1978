package search

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// maxScoreRequests are word searches of the fixture: words in the
// title, the lead, the body and the names, stop words and unknown words,
// and conjunctions of words, with filters, an exclusion and a date range.
var maxScoreRequests = []Request{
	{Query: "rates"}, {Query: "climate"}, {Query: "Merkel"}, {Query: "agreement"},
	{Query: "glaciers"}, {Query: "Britain"}, {Query: "Paris"}, {Query: "bank"},
	{Query: "the"}, {Query: "nosuchword"}, {Query: "e-mail"},
	{Query: "climate", Filters: Filters{Topic: []string{"science"}}},
	{Query: "rates", Filters: Filters{Country: []string{"US", "GB"}}},
	{Query: "politics", Exclude: Filters{Outlet: []string{"BBC"}}},
	{Query: "Paris", From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)},
	{Query: "rates", Sort: SortRelevance, NoFacets: true},
	{Query: "Paris AND climate"}, {Query: "interest rates"}, {Query: "Paris climate agreement"},
	{Query: "Paris climate", Filters: Filters{Country: []string{"fr"}}},
	{Query: "Paris climate", Exclude: Filters{Outlet: []string{"BBC"}}},
	{Query: "interest rates", From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)},
	{Query: "the AND climate"},
}

// TestMaxScoreSame checks that a word search that scores only the
// matches that may be on its page (searchMaxScore) gives the result of
// scoring every match: total, hits and scores, facets and timeline, on
// every page and in parts; that its pages are bleve's own; and that it
// did leave matches unscored.
func TestMaxScoreSame(t *testing.T) {
	ix := reopenReadOnly(t, newTestIndex(t, copies(12)))
	ix.prunedConjunction = 1 // the fixture's conjunctions have few matches
	var searches, pruned int
	ix.wordScored = func(scored, matches uint64) {
		searches++
		if scored < matches {
			pruned++
		}
	}
	for _, req := range maxScoreRequests {
		for _, size := range []int{1, 3, 10} {
			for page := 1; page <= 3; page++ {
				r := req
				r.Size, r.Page = size, page
				ix.scoreEvery = true
				want, err := ix.Search(t.Context(), r)
				ix.scoreEvery = false
				if err != nil {
					t.Fatal(err)
				}
				sameInParts(t, ix, r, want, 1, 2, 3)
				sameAsBleve(t, ix, r)
			}
		}
	}
	t.Logf("%d word searches by MaxScore, %d of them left matches unscored", searches, pruned)
	if searches == 0 || pruned == 0 {
		t.Errorf("%d word searches by MaxScore, %d left matches unscored: the test tests nothing", searches, pruned)
	}
}

// TestFieldBounds checks that the bounds of a word's fields bound
// bleve's scores: every match scores at most the bounds of the fields
// that hold the word, times their share of the fields searched; and
// that they are reached: an article whose title and body are the word
// alone scores its bound.
func TestFieldBounds(t *testing.T) {
	arts := append(copies(3), corpus.Article{ID: "tight", Outlet: "Test", Title: "Climate", Body: "Climate."})
	ix := reopenReadOnly(t, newTestIndex(t, arts))
	var tight bool
	rs, closeReaders, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	defer closeReaders()
	for _, word := range []string{"rates", "climate", "Merkel", "agreement", "Paris", "bank", "Obama", "europe",
		"Paris AND climate", "interest rates", "climate talks Paris"} {
		text, err := buildQuery(word)
		if err != nil {
			t.Fatal(err)
		}
		w, ok := wordSearchOf(text)
		if !ok {
			t.Fatalf("%s: not a word search", word)
		}
		fields, ns, ok, err := fieldBounds(t.Context(), rs[0], ix.b.Mapping(), w)
		if err != nil || !ok || len(fields) == 0 || len(ns) != len(w.words) {
			t.Fatalf("%s: no bounds (%v)", word, err)
		}
		held := make([]map[uint64]bool, len(fields))
		for i, f := range fields {
			set, err := ix.wordMatches(t.Context(), rs[0], f.q)
			if err != nil {
				t.Fatal(err)
			}
			held[i] = map[uint64]bool{}
			for _, d := range set.ToArray() {
				held[i][uint64(d)] = true
			}
		}
		req := bleve.NewSearchRequestOptions(text, 1000, 0, false)
		req.Sort = bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
		res, err := ix.b.SearchInContext(t.Context(), req)
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%s: %v matches (%v)", word, res, err)
		}
		for _, h := range res.Hits {
			// For each word, the bounds of the fields that hold it,
			// times their share of its fields.
			var bound float64
			var in int
			for i, n := range ns {
				var sum float64
				var inWord int
				for j, f := range fields {
					if f.word == i && held[j][h.IndexInternalID.Value()] {
						sum += f.bound
						inWord++
					}
				}
				bound += sum * float64(inWord) / float64(n)
				in += inWord
			}
			bound *= boundSlack
			if h.Score > bound {
				t.Errorf("%s: %s scores %v, above its bound %v", word, h.ID, h.Score, bound)
			}
			if h.ID == "tight" && word == "climate" {
				tight = true
				if in != 2 || h.Score*boundSlack*boundSlack < bound {
					t.Errorf("%s: %s, in %d fields, scores %v under its bound %v", word, h.ID, in, h.Score, bound)
				}
			}
		}
	}
	if !tight {
		t.Error(`"climate" does not find the article of the word alone`)
	}
}

// TestWordSet checks that the matches of a word in one field read from
// the postings as bitmaps are those bleve finds, for words of one term,
// of two (OR and AND), stop words, names and unknown words, in an index
// of several segments with deleted articles; and those of words in any
// field and of conjunctions of words.
func TestWordSet(t *testing.T) {
	w := newTestIndex(t, copies(4))
	for _, id := range []string{"fed-01", "climate-02"} {
		if err := w.b.Delete(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Write(t.Context(), copies(1)); err != nil { // replaced: deleted in their segment
		t.Fatal(err)
	}
	ix := reopenReadOnly(t, w)
	rs, closeReaders, err := ix.readers()
	if err != nil {
		t.Fatal(err)
	}
	defer closeReaders()
	if n, _ := docNumbers(rs[0]); n == 0 {
		t.Fatal("no documents")
	}
	m := ix.b.Mapping()
	and := query.NewMatchQuery("Paris agreement")
	and.SetField(fieldBody)
	and.SetOperator(query.MatchQueryOperatorAnd)
	or := query.NewMatchQuery("Paris agreement")
	or.SetField(fieldBody)
	if a, o := must(ix.matchSet(t.Context(), rs[0], and)), must(ix.matchSet(t.Context(), rs[0], or)); a.IsEmpty() || a.Equals(o) {
		t.Fatalf("%v articles hold both words, %v either: the test tests nothing", a.ToArray(), o.ToArray())
	}
	term := query.NewTermQuery("rate")
	term.SetField(fieldTitle)
	qs := []query.Query{and, or, term}
	for _, word := range []string{"rates", "interest rates", "the", "Merkel", "e-mail", "nosuchword", "climate"} {
		for _, f := range textFields {
			q := query.NewMatchQuery(word)
			q.SetField(f.name)
			qs = append(qs, q)
		}
		for _, f := range []string{fieldAuthors, fieldPeople} {
			q := query.NewMatchQuery(word)
			q.SetField(f + nameWordsSuffix)
			qs = append(qs, withNameAnalyzer(q))
		}
	}
	var some int
	for _, q := range qs {
		got, ok, err := wordSet(rs[0], m, q)
		if err != nil || !ok {
			t.Fatalf("%+v: not read from the postings (%v)", q, err)
		}
		want, err := ix.matchSet(t.Context(), rs[0], q)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equals(want) {
			t.Errorf("%+v: postings %v, bleve %v", q, got.ToArray(), want.ToArray())
		}
		if !want.IsEmpty() {
			some++
		}
	}
	if some < 10 {
		t.Errorf("only %d of %d queries match: the test tests little", some, len(qs))
	}
	if _, ok, _ := wordSet(rs[0], m, query.NewFuzzyQuery("rates")); ok {
		t.Error("a fuzzy query read as a word")
	}
	// Words in any field, and conjunctions of them.
	for _, text := range []string{"climate", "Paris climate", "Paris AND agreement", "interest rates bank", "Merkel", "nosuchword Paris"} {
		q, err := buildQuery(text)
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := wordsSet(rs[0], m, q)
		if err != nil || !ok {
			t.Fatalf("%s: not read from the postings (%v)", text, err)
		}
		want, err := ix.matchSet(t.Context(), rs[0], q)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equals(want) {
			t.Errorf("%s: postings %v, bleve %v", text, got.ToArray(), want.ToArray())
		}
	}
	// A stop word, which bleve leaves out of a conjunction, is left to
	// bleve.
	q, err := buildQuery("the AND climate")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := wordsSet(rs[0], m, q); ok {
		t.Error(`"the AND climate" read from the postings`)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestMaxScoreLowFields checks word searches whose best matches hold
// the word only in the fields of the lower bounds, so that every match
// must be scored for the page to be bleve's:
//   - ten articles hold it in a title of 41 words, ten others as their
//     whole body. The title's bound (boost 3) is three times the body's,
//     but such a title scores a sixth of its bound, and the body alone
//     its own bound.
//   - ten articles have the word alone as their title, ten others as
//     their lead and their body. The title scores its bound, 3 (in units
//     of idf²·queryNorm/n), above the bound of one of the other two
//     fields (1.5 or 1) but under their bounds together, 2 × 2.5: a
//     match in two fields counts twice (coord).
//   - "zebra yak": ten articles have "zebra" alone as their title and
//     "yak" as their body; ten others "yak" as their lead and "zebra yak"
//     as their body. The first ten score 1.23 (in units of
//     queryNorm/n), the bound of "zebra" in the body 0.37, that of "yak"
//     in the lead and the body 1.35: the bound of the rest is that of
//     both words.
func TestMaxScoreLowFields(t *testing.T) {
	filler := strings.Fields("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike " +
		"november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee amber " +
		"basalt cobalt dune ember flint garnet harbor islet jasper kelp lagoon meadow nectar opal")
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	article := func(id string, i int, title, lead, body string) corpus.Article {
		return corpus.Article{ID: fmt.Sprintf("%s-%d", id, i), Outlet: "Test",
			Date: corpus.NewDate(day.AddDate(0, 0, i), corpus.PrecisionDay), Title: title, Lead: lead, Body: body}
	}
	var longTitles, shortTitles, twoWords []corpus.Article
	for i := range 10 {
		twoWords = append(twoWords,
			article("title", i, "Zebra", "", "Yak."),
			article("body", i, "A report on "+filler[i+10], "Yak.", "Zebra yak."))
		longTitles = append(longTitles,
			article("title", i, "zebra "+strings.Join(filler, " "), "", "Nothing to see here, "+filler[i]+"."),
			article("body", i, "A report on "+filler[i+10], "", "Zebra."))
		shortTitles = append(shortTitles,
			article("title", i, "Zebra", "", "Nothing to see here, "+filler[i]+"."),
			article("body", i, "A report on "+filler[i+10], "Zebra.", "Zebra."))
	}
	for _, c := range []struct {
		name, query string
		arts        []corpus.Article
	}{{"long titles", "zebra", longTitles}, {"short titles", "zebra", shortTitles}, {"two words", "zebra yak", twoWords}} {
		name := c.name
		ix := reopenReadOnly(t, newTestIndex(t, c.arts))
		ix.prunedConjunction = 1
		var scored, matches uint64
		ix.wordScored = func(s, m uint64) { scored, matches = s, m }
		for _, size := range []int{5, 10, 15} {
			r := Request{Query: c.query, Size: size}
			ix.scoreEvery = true
			want, err := ix.Search(t.Context(), r)
			ix.scoreEvery = false
			if err != nil {
				t.Fatal(err)
			}
			if want.Hits[0].ID[:5] != "body-" || want.Total != 20 {
				t.Fatalf("%s: %d matches, the best %s: the index is not as the test needs", name, want.Total, want.Hits[0].ID)
			}
			sameInParts(t, ix, r, want, 1, 2)
			if scored != matches || matches != 20 {
				t.Errorf("%s, size %d: %d of %d matches scored, want all 20", name, size, scored, matches)
			}
		}
	}
}
