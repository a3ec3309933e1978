// Package search owns the full-text index of articles: its schema, the
// writing of articles into it, the queries run on it, and the generations
// of it on disk. It is the only package that uses Bleve, and no Bleve type
// appears in its API.
//
// An Index is one Bleve index, or several searched as one (shards.go,
// Options.Shards), with a static mapping (mapping.go): English
// text fields (title, subtitle, lead, body, note), whose words are
// stemmed and folded to their unaccented form by a token filter of this
// package (fold.go), so that zurich finds "Zürich" and the marks of a
// match stay on the word as written; keyword fields for the
// facets and filters (outlet, countries, topics, people, places, authors,
// language, tags, section, year, source, date_precision, mentions,
// seen_in, excerpt), the evidence that won each field as keyword fields
// provenance.<field> (provenance.date:date-header), a date and the
// stored-only URL. The MappingVersion is recorded in the index,
// and an index of another version must be rebuilt (ErrMappingVersion).
// Index.Write stores articles in batches and Index.Article gives them back
// as written; Index.Search runs a Request: a query in the product's own
// query language (parse.go: AND, OR, NOT, -word, parentheses, phrases,
// field:value, prefix*; rewritten for the index in query.go), filters, a
// date range, a sort order and a page, and returns hits with HTML-escaped
// snippets in which the matched words are marked (snippet.go), facet
// counts over all matches, disjunctive for the facets a filter narrows,
// and a timeline by month or year (facets.go). Index.Export streams every
// match with search-after paging (export.go), Index.Similar finds articles
// like one by its distinctive terms (similar.go), Index.FacetValues looks
// facet values up by prefix, and a Highlighter marks a query's terms in
// any text (highlight.go).
//
// A search sorted by relevance on a read-only index of one shard runs in
// parts over ranges of the index's document numbers, at once, when cores
// are free (split.go): bleve scores a query on one goroutine. Its keyword
// filters are applied there as one set of articles, joined from the
// value sets the facet counts read (setfilter.go), instead of as queries.
// A search sorted by date there reads each match's date from an array by
// document number (bydate.go), not from bleve's doc values.
//
// A sharded index routes each article by a hash of its id, writes its
// shards at once, searches them through Bleve's index alias, and scores
// with the statistics of every shard (global.go), so that its results
// are those of one index.
//
// A Store (store.go) is a folder of index generations, one of them live:
// a reindex builds a new generation beside the live one and switches to
// it atomically when it is complete, and a server sharing the folder
// picks the new generation up without restarting; Store.Warm (which
// Watch calls) reads ahead, in the background, what the first searches of
// a generation would otherwise read while others wait.
package search
