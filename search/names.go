package search

import "github.com/blevesearch/bleve/v2/search/query"

// nameQuery returns the query of a name field (person:, author:): the
// whole name (whole, on the folded twin) or all the words of value among
// the words of a name, in any order (on the words twin), so that
// person:baker finds "James Baker" and author:"kvanvig jon" finds "Jon
// Kvanvig"; the whole name ranks first.
func nameQuery(whole *query.MatchQuery, field, value string, boost float64, fuzziness int) query.Query {
	whole.SetBoost(2 * boost)
	words := query.NewMatchQuery(value)
	words.SetField(field + nameWordsSuffix)
	words.Analyzer = analyzerNameWords
	words.SetOperator(query.MatchQueryOperatorAnd)
	words.SetFuzziness(fuzziness)
	words.SetBoost(boost)
	return query.NewDisjunctionQuery([]query.Query{whole, words})
}

// withNameAnalyzer sets the analyzer of a word or phrase query cloned
// onto a words twin: the text analyzer would stem its words, which the
// twin holds as written.
func withNameAnalyzer(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.MatchQuery:
		q.Analyzer = analyzerNameWords
	case *query.MatchPhraseQuery:
		q.Analyzer = analyzerNameWords
	case phraseQuery:
		q.Analyzer = analyzerNameWords
	}
	return q
}
