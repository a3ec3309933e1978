package search

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion is the version of the index schema built by this
// package. It is recorded in every index at Create; Open refuses an index
// recorded with another version (ErrMappingVersion), which must then be
// rebuilt. Increment it whenever a change to the mapping, the analyzers
// or the stored form of an article makes older indexes wrong.
//
// Version 6 added seen_in, excerpt and provenance; version 7 date_end,
// the name words of people and authors (people_words, authors_words),
// and body_rest and truncated for texts longer than MaxIndexedText;
// version 8 keeps the source's tags and section out of topics (an older
// index lists newswire codes such as "earn" as topics) and records the
// descriptions of the source's codes (SetLabels).
const MappingVersion = 8

// Field names of the index documents.
const (
	// English text, analyzed with analyzerText (possessives, lower
	// case, accents folded, stop words, Porter stemming), stored, with
	// term vectors for phrases and highlighting.
	fieldTitle    = "title"
	fieldSubtitle = "subtitle"
	fieldLead     = "lead"
	fieldBody     = "body"
	fieldNote     = "note"

	// Keywords: the whole value is one term (case-sensitive), stored,
	// with doc values for faceting.
	fieldOutlet        = "outlet"
	fieldCountries     = "countries"
	fieldTopics        = "topics"
	fieldPeople        = "people"
	fieldPlaces        = "places"
	fieldAuthors       = "authors"
	fieldLanguage      = "language"
	fieldTags          = "tags"
	fieldSection       = "section"
	fieldYear          = "year" // the date's year, "2015", for the year facet
	fieldSource        = "source"
	fieldDatePrecision = "date_precision" // "day", "month" or "year"
	fieldMentions      = "mentions"
	// fieldSeenIn is the sources of every copy merged into the article
	// (corpus.Article.SeenIn), empty when only one copy was seen.
	fieldSeenIn = "seen_in"
	// fieldExcerpt is "true" for an article whose text is an excerpt
	// cut by a listing page, "false" for any other.
	fieldExcerpt = "excerpt"
	// fieldTruncated is "true" for an article whose body is longer than
	// MaxIndexedText, "false" for any other.
	fieldTruncated = "truncated"
	// fieldBodyRest is stored only: the body after its first
	// MaxIndexedText bytes, which are indexed in body.
	fieldBodyRest = "body_rest"

	// fieldProvenance is the sub-document of the evidence that won each
	// field (corpus.Article.Provenance): its keyword fields are named
	// provenance.<key> for each of provenanceKeys, so that
	// provenance.date:date-header finds the articles whose date was read
	// from a date header, and -provenance.date:url-path leaves out those
	// whose date was only inferred from their address.
	fieldProvenance = "provenance"
	// fieldProvenanceJSON is stored only: the whole provenance map as
	// JSON, {"date":"date-header","title":"h-entry"}, given back as it
	// was written, keys outside provenanceKeys included.
	fieldProvenanceJSON = "provenance_json"

	// fieldDate is the publication date, a datetime with doc values for
	// sorting and date ranges. A date known to the month or the year is
	// indexed as the first day of that month or year.
	fieldDate = "date"
	// fieldDateEnd is the first instant after the period of the date:
	// the next day, month or year by its precision. A date range matches
	// the articles whose period it overlaps (overlapRange).
	fieldDateEnd = "date_end"
	// fieldURL is stored only: it cannot be searched.
	fieldURL = "url"
	// fieldTopicScores is stored only: the article's taxonomy topic
	// scores as JSON, [{"topic":"politics","score":0.61}, ...].
	fieldTopicScores = "topic_scores"
)

// textFields are searched by free text without a field name, each with
// its boost: a match in the title counts three times a match in the body.
// Keyword fields are not part of free text: they are searched by name
// (outlet:Reuters, person:"Angela Merkel") or through Filters, so that a
// word of the text does not match a facet value by accident.
var textFields = []struct {
	name  string
	boost float64
}{
	{fieldTitle, 3},
	{fieldSubtitle, 2},
	{fieldLead, 1.5},
	{fieldBody, 1},
	{fieldNote, 0.5},
}

// unstemmedSuffix names the unstemmed twin of a text field: body_unstemmed
// holds the words of body lower-cased but not stemmed ("politics" where
// body holds "polit"), so that a wildcard, a regular expression or a fuzzy
// term matches words as they are spelled: politic* finds "politics",
// "political" and "politician". The twins are neither stored nor given
// term vectors (which would make the Reuters-21578 index 94 MB instead of
// 74 MB): the words they match are found again in the stored text of the
// hits shown, to mark them in snippets (Highlighter.locateSpelled).
const unstemmedSuffix = "_unstemmed"

// analyzerText is the analyzer of the text fields: bleve's "en" analyzer
// (unicode words, possessives removed, lower case, English stop words
// removed, Porter stemming) with accents folded after lower-casing
// (foldFilterName), so that francois finds "François" and Zürich finds
// "Zurich". Folding changes the terms only, not their offsets, so that
// highlighting marks the words as written.
const analyzerText = "clippings_en"

// analyzerUnstemmed is the analyzer of the unstemmed twins: analyzerText
// without its stemmer.
const analyzerUnstemmed = "clippings_en_unstemmed"

// keywordFields are the keyword fields; source and seen_in have no doc
// values, as they are unique to each article and never faceted.
var keywordFields = []string{
	fieldOutlet, fieldCountries, fieldTopics, fieldPeople, fieldPlaces,
	fieldAuthors, fieldLanguage, fieldTags, fieldSection, fieldYear,
	fieldSource, fieldDatePrecision, fieldMentions, fieldSeenIn, fieldExcerpt, fieldTruncated,
}

// noDocValues are the keyword fields without doc values.
var noDocValues = map[string]bool{fieldSource: true, fieldSeenIn: true}

// provenanceKeys are the keys of corpus.Article.Provenance that are
// indexed, each as the keyword field provenance.<key>: the article's
// fields, as named in its JSON form, and "split", how the article was
// cut out of a page that holds several.
var provenanceKeys = []string{
	"title", "subtitle", "outlet", "authors", "date", "section", "tags",
	"people", "places", "countries", "topics", "language", "url", "lead",
	"body", "note", "mentions", "excerpt", "split",
}

// foldSuffix names the folded twin of a keyword field: people_fold holds
// every value of people as one lower-case term without accents, so that
// person:"angela merkel" finds "Angela Merkel" while the facets keep the
// names as written.
const foldSuffix = "_fold"

// analyzerFold is the analyzer of the folded twins: the whole value is
// one token, lower-cased, with accents folded to ASCII.
const analyzerFold = "clippings_keyword_fold"

// nameWordsSuffix names the words twin of a name field: authors_words
// holds the words of every author's name, lower-cased and without
// accents, so that author:pantucci finds "Raffaello Pantucci" and a plain
// Pantucci finds the articles he wrote. The whole name, in people_fold,
// still ranks first.
const nameWordsSuffix = "_words"

// analyzerNameWords is the analyzer of the words twins: unicode words,
// lower case, accents folded, English stop words left out (as in free
// text, so that "the" alone is no name); no stemming.
const analyzerNameWords = "clippings_name_words"

// nameFields are the keyword fields of persons' names, which get a words
// twin.
var nameFields = map[string]bool{fieldPeople: true, fieldAuthors: true}

// nameWordsBoost is the weight of a name's words in free text: below the
// text fields, so that a name counts without swamping the text.
const nameWordsBoost = 0.5

// foldedFields are the keyword fields that get a folded twin: the names
// and labels a researcher types. Countries are codes, upper-cased by the
// query; language, year, source and date_precision are written by the
// program.
var foldedFields = map[string]bool{
	fieldOutlet: true, fieldTopics: true, fieldPeople: true, fieldPlaces: true,
	fieldAuthors: true, fieldTags: true, fieldSection: true, fieldMentions: true,
}

// newMapping returns the static index mapping: every field is declared,
// nothing is guessed from the documents (dynamic mapping is off), and
// nothing goes into bleve's composite "_all" field, since free text is
// expanded over textFields by buildQuery instead.
func newMapping() *mapping.IndexMappingImpl {
	doc := mapping.NewDocumentStaticMapping()
	add := func(name string, fm *mapping.FieldMapping) {
		sub := mapping.NewDocumentStaticMapping()
		sub.AddFieldMapping(fm)
		doc.AddSubDocumentMapping(name, sub)
	}
	for _, f := range textFields {
		sub := mapping.NewDocumentStaticMapping()
		sub.AddFieldMapping(&mapping.FieldMapping{
			Type:               "text",
			Analyzer:           analyzerText,
			Store:              true,
			Index:              true,
			IncludeTermVectors: true,
		})
		sub.AddFieldMapping(&mapping.FieldMapping{
			Name:     f.name + unstemmedSuffix,
			Type:     "text",
			Analyzer: analyzerUnstemmed,
			Index:    true,
		})
		doc.AddSubDocumentMapping(f.name, sub)
	}
	for _, name := range keywordFields {
		fms := []*mapping.FieldMapping{{
			Type:      "text",
			Analyzer:  keyword.Name,
			Store:     true,
			Index:     true,
			DocValues: !noDocValues[name],
			// A keyword matches or not: how often and among how many
			// values does not make an article more relevant.
			SkipFreqNorm: true,
		}}
		if nameFields[name] {
			fms = append(fms, &mapping.FieldMapping{
				Name:               name + nameWordsSuffix,
				Type:               "text",
				Analyzer:           analyzerNameWords,
				Index:              true,
				IncludeTermVectors: true,
			})
		}
		if foldedFields[name] {
			fms = append(fms, &mapping.FieldMapping{
				Name:         name + foldSuffix,
				Type:         "text",
				Analyzer:     analyzerFold,
				Index:        true,
				SkipFreqNorm: true,
			})
		}
		sub := mapping.NewDocumentStaticMapping()
		for _, fm := range fms {
			sub.AddFieldMapping(fm)
		}
		doc.AddSubDocumentMapping(name, sub)
	}
	add(fieldDate, &mapping.FieldMapping{
		Type:      "datetime",
		Store:     true,
		Index:     true,
		DocValues: true,
	})
	add(fieldDateEnd, &mapping.FieldMapping{
		Type:  "datetime",
		Index: true,
	})
	prov := mapping.NewDocumentStaticMapping()
	for _, key := range provenanceKeys {
		sub := mapping.NewDocumentStaticMapping()
		sub.AddFieldMapping(&mapping.FieldMapping{
			Type:         "text",
			Analyzer:     keyword.Name,
			Index:        true,
			SkipFreqNorm: true,
		})
		prov.AddSubDocumentMapping(key, sub)
	}
	doc.AddSubDocumentMapping(fieldProvenance, prov)
	for _, name := range []string{fieldURL, fieldTopicScores, fieldProvenanceJSON, fieldBodyRest} {
		add(name, &mapping.FieldMapping{
			Type:  "text",
			Store: true,
		})
	}

	m := mapping.NewIndexMapping()
	// The analyzer is described in the mapping itself, so that an index
	// opened later analyzes queries the same way.
	if err := m.AddCustomAnalyzer(analyzerFold, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		panic("search: " + err.Error()) // the definition above is static
	}
	if err := m.AddCustomAnalyzer(analyzerNameWords, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, foldFilterName, en.StopName},
	}); err != nil {
		panic("search: " + err.Error()) // the definition above is static
	}
	// The text analyzer is the unstemmed one followed by the stemmer, as
	// the shared analysis of a field and its twin needs (twins.go).
	unstemmed := []any{en.PossessiveName, lowercase.Name, foldFilterName, en.StopName}
	if err := m.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": append(append([]any{}, unstemmed...), porter.Name),
	}); err != nil {
		panic("search: " + err.Error()) // the definition above is static
	}
	if err := m.AddCustomAnalyzer(analyzerUnstemmed, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": unstemmed,
	}); err != nil {
		panic("search: " + err.Error()) // the definition above is static
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerText
	// Only reached by a field-less query that buildQuery did not expand.
	m.DefaultField = fieldBody
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m
}
