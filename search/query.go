package search

import (
	"context"
	"fmt"
	"math"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/clippings/clippings/corpus"
)

// This file turns the user's query text into a bleve query with the
// product's own query language (parse.go parses it; bleve's query string
// has no OR and no parentheses). The leaves of the parsed query are then
// rewritten here:
//   - a field-less term is expanded over the text fields, with their
//     boosts (textFields), instead of searching bleve's "_all" field;
//   - the singular facet names are accepted as field names (country,
//     topic, person, place, author, tag, mention); unknown fields are
//     rejected;
//   - provenance.date:date-header searches the evidence that won a field
//     (provenance.<key> for each of provenanceKeys);
//   - keyword fields match the whole value, without regard to case or
//     accents for names and labels (person:"angela merkel" finds "Angela
//     Merkel", through the folded twin people_fold), countries in upper
//     case (country:fr);
//   - date:2015, date:2015-11 and date:2015-11-20 are that period,
//     date:>="2015-01-01" a range, and year:>=2010 a date range;
//   - a wildcard, a regular expression or a fuzzy term on text searches
//     the unstemmed twins of the text fields (unstemmedSuffix), which hold
//     words as spelled, while plain words and phrases search the stemmed
//     fields;
//   - text terms hold words lower-cased and without accents (fold), so
//     the letters of a wildcard or a regular expression on text are
//     folded too: zür* matches as zur* does (words and phrases are folded
//     by the fields' analyzers);
//   - a leading wildcard, which would scan the whole dictionary, is
//     rejected.

// fieldKind says how a field is searched.
type fieldKind int

const (
	kindText fieldKind = iota
	kindKeyword
	kindDate
	kindYear
)

// queryField is an index field and how it is searched.
type queryField struct {
	field string
	kind  fieldKind
}

// queryFields maps the field names accepted in queries to index fields.
var queryFields = map[string]queryField{
	"title": {fieldTitle, kindText}, "subtitle": {fieldSubtitle, kindText},
	"lead": {fieldLead, kindText}, "body": {fieldBody, kindText},
	"note": {fieldNote, kindText},

	"outlet": {fieldOutlet, kindKeyword}, "language": {fieldLanguage, kindKeyword},
	"section": {fieldSection, kindKeyword}, "source": {fieldSource, kindKeyword},
	"date_precision": {fieldDatePrecision, kindKeyword},
	"countries":      {fieldCountries, kindKeyword}, "country": {fieldCountries, kindKeyword},
	"topics": {fieldTopics, kindKeyword}, "topic": {fieldTopics, kindKeyword},
	"people": {fieldPeople, kindKeyword}, "person": {fieldPeople, kindKeyword},
	"places": {fieldPlaces, kindKeyword}, "place": {fieldPlaces, kindKeyword},
	"authors": {fieldAuthors, kindKeyword}, "author": {fieldAuthors, kindKeyword},
	"tags": {fieldTags, kindKeyword}, "tag": {fieldTags, kindKeyword},
	"mentions": {fieldMentions, kindKeyword}, "mention": {fieldMentions, kindKeyword},
	"seen_in": {fieldSeenIn, kindKeyword}, "excerpt": {fieldExcerpt, kindKeyword},
	"truncated": {fieldTruncated, kindKeyword},

	"date": {fieldDate, kindDate},
	"year": {fieldYear, kindYear},
}

// maxFuzziness is the largest edit distance of a fuzzy term (word~2)
// that bleve accepts.
const maxFuzziness = 2

// knownFields is the list of field names given in the error for an
// unknown field.
const knownFields = "title, subtitle, lead, body, note, outlet, country, topic, " +
	"person, place, author, tag, section, language, source, seen_in, excerpt, " +
	"provenance.FIELD (provenance.date, provenance.title, ...), date, year"

// buildQuery parses the user's query text. An empty query (or "*")
// matches every article. Errors are *QueryError.
func buildQuery(q string) (query.Query, error) {
	if err := checkText(q); err != nil {
		return nil, err
	}
	if matchesAll(q) {
		return query.NewMatchAllQuery(), nil
	}
	p := parser{q: q}
	return p.parse()
}

// matchesAll reports whether the query text is empty or "*", which match
// every article.
func matchesAll(q string) bool {
	s := strings.TrimSpace(q)
	return s == "" || s == "*"
}

// rewriter rewrites the leaves of a parsed query (see the comment at the
// top of this file).
type rewriter struct {
	q    string
	scan scanResult
}

func (r *rewriter) rewrite(q query.Query) (query.Query, error) {
	var err error
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
			if *sub != nil {
				if *sub, err = r.rewrite(*sub); err != nil {
					return nil, err
				}
			}
		}
		return q, nil
	case *query.ConjunctionQuery:
		for i := range q.Conjuncts {
			if q.Conjuncts[i], err = r.rewrite(q.Conjuncts[i]); err != nil {
				return nil, err
			}
		}
		return q, nil
	case *query.DisjunctionQuery:
		for i := range q.Disjuncts {
			if q.Disjuncts[i], err = r.rewrite(q.Disjuncts[i]); err != nil {
				return nil, err
			}
		}
		return q, nil
	case *query.MatchQuery:
		if q.Fuzziness > maxFuzziness {
			return nil, &QueryError{Query: r.q, Pos: -1,
				Msg: fmt.Sprintf("fuzziness ~%d: it can be at most ~%d", q.Fuzziness, maxFuzziness)}
		}
		// A fuzzy word is compared with the words as spelled, not with
		// their stems: politcs~1 finds "politics".
		fuzzy := q.Fuzziness > 0
		if fuzzy && len(q.Match) > maxPatternBytes {
			return nil, &QueryError{Query: r.q, Pos: -1,
				Msg: fmt.Sprintf("a fuzzy word can be at most %d bytes long", maxPatternBytes)}
		}
		return r.leaf(q.FieldVal, q.Match, q.Boost(), q.Fuzziness, func(field string, boost float64) query.Query {
			c := *q
			c.FieldVal = field
			if fuzzy {
				// Only text fields are cloned: on the unstemmed twins.
				c.Analyzer = analyzerUnstemmed
			}
			c.SetBoost(boost)
			return &c
		})
	case *query.MatchPhraseQuery:
		return r.leaf(q.FieldVal, q.MatchPhrase, q.Boost(), 0, func(field string, boost float64) query.Query {
			c := *q
			c.FieldVal = field
			c.SetBoost(boost)
			return phraseQuery{&c}
		})
	case *query.WildcardQuery:
		if strings.HasPrefix(q.Wildcard, "*") || strings.HasPrefix(q.Wildcard, "?") {
			return nil, leadingWildcard(r.q, -1) // prescan missed it
		}
		w, err := checkWildcard(q.Wildcard)
		if err == nil {
			err = checkRegexp(wildcardRegexp(fold(strings.ToLower(w))))
		}
		if err != nil {
			return nil, &QueryError{Query: r.q, Pos: -1, Msg: err.Error()}
		}
		q.Wildcard = w
		return r.pattern(q.FieldVal, q.Boost(), true, func(field string, boost float64, text bool) query.Query {
			c := *q
			c.FieldVal = field
			if text {
				// The text fields and the folded twins hold lower-case
				// terms without accents: Zür* matches them as zur* does.
				c.Wildcard = fold(strings.ToLower(c.Wildcard))
			}
			c.SetBoost(boost)
			return &c
		})
	case *query.RegexpQuery:
		if _, err := syntax.Parse(q.Regexp, syntax.Perl); err != nil {
			pos := -1
			if p, ok := r.scan.fields[q.FieldVal]; ok && q.FieldVal != "" {
				pos = p
			}
			return nil, &QueryError{Query: r.q, Pos: pos, Msg: "bad regular expression: " + err.Error()}
		}
		// Bounded as bleve will run it: on text, folded and without
		// regard to case.
		for _, expr := range []string{q.Regexp, "(?i)" + foldRegexp(q.Regexp)} {
			if err := checkRegexp(expr); err != nil {
				return nil, &QueryError{Query: r.q, Pos: -1, Msg: err.Error()}
			}
		}
		return r.pattern(q.FieldVal, q.Boost(), false, func(field string, boost float64, text bool) query.Query {
			c := *q
			c.FieldVal = field
			if text {
				// The text fields hold lower-case terms without
				// accents: /Politic.*/ matches them as /politic.*/ does,
				// /zürich|münchen/ as /zurich|munchen/.
				c.Regexp = "(?i)" + foldRegexp(c.Regexp)
			}
			c.SetBoost(boost)
			return &c
		})
	case *query.NumericRangeQuery:
		return r.numericRange(q)
	case *query.DateRangeQuery:
		f, err := r.field(q.FieldVal)
		if err != nil {
			return nil, err
		}
		if f.kind != kindDate && f.kind != kindYear {
			return query.NewMatchNoneQuery(), nil
		}
		q.FieldVal = fieldDate
		for _, t := range []*query.BleveQueryTime{&q.Start, &q.End} {
			if !t.IsZero() {
				t.Time = clampTime(t.Time)
			}
		}
		return unscored{q}, nil
	}
	return q, nil
}

// field resolves a field name written in the query: one of queryFields,
// or provenance.<key> for a key of provenanceKeys.
func (r *rewriter) field(name string) (queryField, error) {
	f, ok := queryFields[strings.ToLower(name)]
	if key, isProv := strings.CutPrefix(strings.ToLower(name), fieldProvenance+"."); isProv && slices.Contains(provenanceKeys, key) {
		f, ok = queryField{fieldProvenance + "." + key, kindKeyword}, true
	}
	if !ok {
		pos, found := r.scan.fields[name]
		if !found {
			pos = -1
		}
		return f, &QueryError{Query: r.q, Pos: pos, Msg: fmt.Sprintf(
			"unknown field %q: the fields are %s (to search for a word with a colon, put it in quotes)",
			name, knownFields)}
	}
	return f, nil
}

// leaf rewrites a match or phrase query on field with the text value:
// field-less into all text fields (their unstemmed twins when the word is
// fuzzy), keyword fields into an exact term (or one within fuzziness
// edits), dates into a date range. clone copies the query onto another
// field with another boost.
func (r *rewriter) leaf(field, value string, boost float64, fuzziness int, clone func(string, float64) query.Query) (query.Query, error) {
	suffix := ""
	if fuzziness > 0 {
		suffix = unstemmedSuffix
	}
	if field == "" {
		return anyField(boost, suffix, clone), nil
	}
	f, err := r.field(field)
	if err != nil {
		return nil, err
	}
	switch f.kind {
	case kindText:
		return clone(f.field+suffix, boost), nil
	case kindKeyword:
		if foldedFields[f.field] {
			m := query.NewMatchQuery(value)
			m.SetField(f.field + foldSuffix)
			m.Analyzer = analyzerFold
			m.SetFuzziness(fuzziness)
			m.SetBoost(boost)
			if nameFields[f.field] {
				return nameQuery(m, f.field, value, boost, fuzziness), nil
			}
			return m, nil
		}
		if f.field == fieldCountries {
			value = strings.ToUpper(value)
		}
		if fuzziness > 0 {
			fq := query.NewFuzzyQuery(value)
			fq.SetFuzziness(fuzziness)
			fq.SetField(f.field)
			fq.SetBoost(boost)
			return fq, nil
		}
		t := query.NewTermQuery(value)
		t.SetField(f.field)
		t.SetBoost(boost)
		return t, nil
	case kindYear:
		t := query.NewTermQuery(value)
		t.SetField(fieldYear)
		t.SetBoost(boost)
		return t, nil
	}
	d, err := corpus.ParseDate(value)
	if err != nil || d.IsZero() {
		return nil, &QueryError{Query: r.q, Pos: r.scan.fields[field], Msg: fmt.Sprintf(
			"bad date %q: write date:2015, date:2015-11, date:2015-11-20 or a range such as date:>=\"2015-01-01\"", value)}
	}
	// Kept within the dates the index can hold: date:0000 is a period
	// bleve cannot search, and matches nothing.
	return dateRange(clampTime(d.Time), clampTime(periodEnd(d))), nil
}

// pattern rewrites a wildcard or regular expression query on field. On
// text it searches the unstemmed twins, so that politic* finds
// "politics" (stemmed "polit"). A wildcard on a keyword field with a
// folded twin (fold) searches the twin, so that person:merk* finds
// "Merkel"; a regular expression keeps to the values as written.
func (r *rewriter) pattern(field string, boost float64, fold bool, clone func(string, float64, bool) query.Query) (query.Query, error) {
	if field == "" {
		return anyField(boost, unstemmedSuffix, func(f string, b float64) query.Query { return clone(f, b, true) }), nil
	}
	f, err := r.field(field)
	if err != nil {
		return nil, err
	}
	switch f.kind {
	case kindText:
		return clone(f.field+unstemmedSuffix, boost, true), nil
	case kindKeyword, kindYear:
		if fold && foldedFields[f.field] {
			// The folded twin holds lower-case terms without accents,
			// and the wildcard is folded the same way.
			return clone(f.field+foldSuffix, boost, true), nil
		}
		return clone(f.field, boost, false), nil
	}
	return nil, &QueryError{Query: r.q, Pos: r.scan.fields[field],
		Msg: "a date cannot take a wildcard: write date:2015 or a range such as date:>=\"2015-01-01\""}
}

// numericRange rewrites a numeric range. The only numbers are years:
// year:>=2010 becomes a date range. Elsewhere a range matches nothing, as
// the parser also adds one to every number it sees ("2015" is the word
// 2015 or the number 2015).
func (r *rewriter) numericRange(q *query.NumericRangeQuery) (query.Query, error) {
	if q.FieldVal == "" {
		return query.NewMatchNoneQuery(), nil
	}
	f, err := r.field(q.FieldVal)
	if err != nil {
		return nil, err
	}
	if f.kind != kindYear {
		return query.NewMatchNoneQuery(), nil
	}
	var start, end time.Time
	if q.Min != nil {
		y := math.Floor(*q.Min) + 1 // exclusive: the next whole year
		if q.InclusiveMin == nil || *q.InclusiveMin {
			y = math.Ceil(*q.Min)
		}
		start = yearStart(y)
	}
	if q.Max != nil {
		y := math.Ceil(*q.Max) - 1 // exclusive: the previous whole year
		if q.InclusiveMax != nil && *q.InclusiveMax {
			y = math.Floor(*q.Max)
		}
		end = yearStart(y + 1)
	}
	return dateRange(start, end), nil
}

// yearStart returns January 1 of year y, kept within the dates the index
// can hold.
func yearStart(y float64) time.Time {
	y = max(minYear, min(maxYear, y))
	return time.Date(int(y), 1, 1, 0, 0, 0, 0, time.UTC)
}

// clampTime returns t kept within the dates the index can hold.
func clampTime(t time.Time) time.Time {
	if lo := yearStart(minYear); t.Before(lo) {
		return lo
	}
	if hi := yearStart(maxYear + 1); t.After(hi) {
		return hi
	}
	return t
}

// periodEnd returns the first day after the period of d.
func periodEnd(d corpus.Date) time.Time {
	switch d.Precision {
	case corpus.PrecisionYear:
		return d.Time.AddDate(1, 0, 0)
	case corpus.PrecisionMonth:
		return d.Time.AddDate(0, 1, 0)
	}
	return d.Time.AddDate(0, 0, 1)
}

// overlapRange matches the articles whose date's period (a day, a month
// or a year, by its precision) overlaps [start, end), so that an article
// of "2015-11" is within from=2015-11-15; a zero bound is open. It does
// not add to the score.
func overlapRange(start, end time.Time) query.Query {
	var parts []query.Query
	if !end.IsZero() {
		parts = append(parts, dateRange(time.Time{}, end))
	}
	if !start.IsZero() {
		excl := false
		q := query.NewDateRangeInclusiveQuery(start, time.Time{}, &excl, nil)
		q.SetField(fieldDateEnd)
		parts = append(parts, unscored{q})
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return query.NewConjunctionQuery(parts)
}

// dateRange matches dates in [start, end); a zero bound is open. It does
// not add to the score (see unscored).
func dateRange(start, end time.Time) query.Query {
	incl, excl := true, false
	q := query.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
	q.SetField(fieldDate)
	return unscored{q}
}

// unscored is a query that adds nothing to the score of the articles it
// matches. A date range is one: bleve scores it as the sum of the numeric
// terms it is made of, which would rank 2015-01-01 above 2015-12-12 for
// no reason, where equal scores leave the order to the date.
type unscored struct {
	query.Query
}

// Searcher implements query.Query. The searcher has no weight either, so
// that the query norm bleve divides every score by is that of the scored
// part of the query only: the same factor for every hit, but one that
// would differ between the shards of an index, which hold different
// numeric terms. It reads the shard alone (see globalReader): its terms
// are not scored.
func (q unscored) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	opts.Score = "none"
	opts.IncludeTermVectors = false
	s, err := q.Query.Searcher(ctx, local(r), m, opts)
	if err != nil {
		return nil, err
	}
	if _, none := s.(*searcher.MatchNoneSearcher); none {
		return s, nil // bleve's boolean and conjunction queries look for it
	}
	return weightless{s}, nil
}

// weightless is a searcher without weight in the query norm.
type weightless struct {
	bsearch.Searcher
}

func (weightless) Weight() float64        { return 0 }
func (weightless) SetQueryNorm(_ float64) {}

// Optimize implements index.Optimizable, as the searcher it wraps does.
func (w weightless) Optimize(kind string, octx index.OptimizableContext) (index.OptimizableContext, error) {
	o, ok := w.Searcher.(index.Optimizable)
	if !ok {
		return nil, nil
	}
	return o.Optimize(kind, octx)
}

// anyField returns a query matching in any text field (or in the twin
// of each named by suffix), cloned from a field-less one with clone.
func anyField(boost float64, suffix string, clone func(field string, boost float64) query.Query) query.Query {
	q := &anyFieldQuery{}
	for _, f := range textFields {
		q.clauses = append(q.clauses, clone(f.name+suffix, boost*f.boost))
	}
	if suffix == "" {
		for _, f := range []string{fieldAuthors, fieldPeople} {
			q.clauses = append(q.clauses, withNameAnalyzer(clone(f+nameWordsSuffix, boost*nameWordsBoost)))
		}
	}
	return q
}

// anyFieldQuery is a disjunction over the text fields that, like the
// query string's own clauses, matches nothing at all (and is then left out
// of its parent) when its word is a stop word in every field. A plain
// DisjunctionQuery would instead make "+the +war" match nothing.
type anyFieldQuery struct {
	clauses []query.Query
}

// Searcher implements query.Query.
func (q *anyFieldQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	var ss []bsearch.Searcher
	for _, c := range q.clauses {
		s, err := c.Searcher(ctx, r, m, opts)
		if err != nil {
			for _, s := range ss {
				_ = s.Close()
			}
			return nil, err
		}
		if _, none := s.(*searcher.MatchNoneSearcher); none {
			_ = s.Close()
			continue
		}
		ss = append(ss, s)
	}
	if len(ss) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	return searcher.NewDisjunctionSearcher(ctx, r, ss, 0, opts)
}

// filterQuery returns the query of the filters and the date range of a
// request, or nil when there are none. The values of one filter are
// OR-ed; the filters are AND-ed.
func filterQuery(f Filters, from, to time.Time) query.Query {
	var all []query.Query
	for _, ft := range filterTerms(f) {
		var or []query.Query
		for _, v := range ft.terms {
			t := query.NewTermQuery(v)
			t.SetField(ft.field)
			or = append(or, t)
		}
		all = append(all, query.NewDisjunctionQuery(or))
	}
	if !from.IsZero() || !to.IsZero() {
		var start, end time.Time
		if !from.IsZero() {
			start = dayStart(from)
		}
		if !to.IsZero() {
			end = dayStart(to).AddDate(0, 0, 1)
		}
		all = append(all, overlapRange(start, end))
	}
	if len(all) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(all)
}

// fieldFilter is one filter of a request: the terms of a keyword field,
// any of which an article must hold.
type fieldFilter struct {
	field string
	terms []string
}

// filterTerms returns the filters of f that have values, each with its
// terms as the index holds them (trimmed; country codes upper-cased).
func filterTerms(f Filters) []fieldFilter {
	var out []fieldFilter
	for _, fl := range []struct {
		field  string
		values []string
	}{
		{fieldOutlet, f.Outlet}, {fieldCountries, f.Country}, {fieldTopics, f.Topic},
		{fieldPeople, f.Person}, {fieldPlaces, f.Place}, {fieldAuthors, f.Author},
		{fieldSection, f.Section}, {fieldLanguage, f.Language}, {fieldTags, f.Tag},
	} {
		ff := fieldFilter{field: fl.field}
		for _, v := range fl.values {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if fl.field == fieldCountries {
				v = strings.ToUpper(v)
			}
			ff.terms = append(ff.terms, v)
		}
		if len(ff.terms) > 0 {
			out = append(out, ff)
		}
	}
	return out
}

// dayStart returns midnight UTC of t's calendar day (in t's location),
// kept within the dates the index can hold.
func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	if float64(y) < minYear {
		return yearStart(minYear)
	}
	if float64(y) > maxYear {
		return yearStart(maxYear)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// The years of the dates the index can hold: bleve stores a date as
// nanoseconds since 1970 in an int64 (1677-09-21 to 2262-04-11).
const (
	minYear = 1678
	maxYear = 2261
)
