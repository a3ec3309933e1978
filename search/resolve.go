package search

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/biter777/countries"
	"github.com/blevesearch/bleve/v2"
)

// Filter values are matched as field:value matches in a query: without
// regard to case or accents ("bbc" finds "BBC", "francois hollande" finds
// "François Hollande"), and a country by its code, its name or a common
// alias ("France", "UK", "Britain", "Iran"). resolveFilters turns each
// value into the values the index holds, so that the search, its facets
// and the chips a page shows all use one spelling; a value that matches
// nothing is kept as given (so that it matches nothing) and reported in
// Result.Unmatched with Suggestions of values that do exist.

// Filter parameter names, as in Suggestion.Filter and FilterValue.Filter.
const (
	FilterOutlet   = "outlet"
	FilterCountry  = "country"
	FilterTopic    = "topic"
	FilterPerson   = "person"
	FilterPlace    = "place"
	FilterAuthor   = "author"
	FilterSection  = "section"
	FilterLanguage = "language"
	FilterTag      = "tag"
)

// FilterValue is one value of one filter as asked for (Given) and as the
// index writes it (Value, empty when it matches no article). A value given
// in another case can name several index values ("bbc": "BBC" and "Bbc").
type FilterValue struct {
	Filter string
	Given  string
	Value  string
}

// Suggestion is a value the index has, offered for a filter value that
// matches no article ("did you mean FR, 4 articles").
type Suggestion struct {
	// Filter is the filter's name (FilterCountry, ...).
	Filter string
	// Given is the value asked for; Value the one suggested, as the index
	// holds it (a country's code).
	Given, Value string
	// Count is the number of articles with Value in the whole index.
	Count int
}

// maxSuggestions is how many values are suggested for one unmatched value.
const maxSuggestions = 3

// list returns pointers to the value lists of f with their filter
// names and index fields, in display order.
func (f *Filters) list() []filterList {
	return []filterList{
		{FilterTopic, fieldTopics, &f.Topic}, {FilterCountry, fieldCountries, &f.Country},
		{FilterOutlet, fieldOutlet, &f.Outlet}, {FilterPerson, fieldPeople, &f.Person},
		{FilterPlace, fieldPlaces, &f.Place}, {FilterAuthor, fieldAuthors, &f.Author},
		{FilterSection, fieldSection, &f.Section}, {FilterLanguage, fieldLanguage, &f.Language},
		{FilterTag, fieldTags, &f.Tag},
	}
}

// only returns the filters of f that hold just this list's values.
func (fl filterList) only() Filters {
	var f Filters
	for _, o := range f.list() {
		if o.name == fl.name {
			*o.values = *fl.values
		}
	}
	return f
}

// filterList is one filter of a Filters: its name, index field and
// values.
type filterList struct {
	name, field string
	values      *[]string
}

// resolved is the outcome of resolveFilters.
type resolved struct {
	// search are the filters to search with: the values the index holds,
	// and the unmatched values as given.
	search Filters
	// shown are the values the index holds only.
	shown       Filters
	values      []FilterValue
	suggestions []Suggestion
}

// resolveFilters matches the values of f against the values the index
// holds (see the comment at the top of this file).
func (ix *Index) resolveFilters(ctx context.Context, f Filters) (resolved, error) {
	var r resolved
	srchList, shownList := r.search.list(), r.shown.list()
	for i, fl := range f.list() {
		var given []string
		for _, v := range *fl.values {
			if v = strings.Join(strings.Fields(v), " "); v != "" {
				given = append(given, v)
			}
		}
		if len(given) == 0 {
			continue
		}
		terms, err := ix.fieldTerms(ctx, fl.field)
		if err != nil {
			return r, fmt.Errorf("search: filter %s: %w", fl.name, err)
		}
		for _, v := range given {
			matches := matchTerms(fl.name, v, terms)
			if len(matches) == 0 {
				*srchList[i].values = appendNew(*srchList[i].values, v)
				r.values = append(r.values, FilterValue{Filter: fl.name, Given: v})
				for _, s := range suggest(fl.name, v, terms) {
					r.suggestions = append(r.suggestions, Suggestion{Filter: fl.name, Given: v, Value: s.Value, Count: s.Count})
				}
				continue
			}
			for _, m := range matches {
				r.values = append(r.values, FilterValue{Filter: fl.name, Given: v, Value: m})
				*srchList[i].values = appendNew(*srchList[i].values, m)
				*shownList[i].values = appendNew(*shownList[i].values, m)
			}
		}
	}
	return r, nil
}

// appendNew appends s to list unless it is there.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// fieldTerms returns every value of a keyword field with its number of
// articles, read once and again after a Write.
func (ix *Index) fieldTerms(ctx context.Context, field string) ([]FacetValue, error) {
	ix.spanMu.Lock()
	cached, ok := ix.terms[field]
	writes := ix.writes
	ix.spanMu.Unlock()
	if ok {
		return cached, nil
	}
	terms, err := ix.readFieldTerms(ctx, field)
	if err != nil {
		return nil, err
	}
	ix.spanMu.Lock()
	if ix.writes == writes {
		if ix.terms == nil {
			ix.terms = map[string][]FacetValue{}
		}
		ix.terms[field] = terms
	}
	ix.spanMu.Unlock()
	return terms, nil
}

// readFieldTerms reads every value of a keyword field from the index, in
// order, with the number of articles that hold it (in every shard).
func (ix *Index) readFieldTerms(ctx context.Context, field string) ([]FacetValue, error) {
	if len(ix.shards) == 1 {
		return readDict(ctx, ix.b, field)
	}
	perShard := make([][]FacetValue, len(ix.shards))
	err := eachShard(len(ix.shards), func(i int) error {
		var err error
		perShard[i], err = readDict(ctx, ix.shards[i].b, field)
		return err
	})
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, vals := range perShard {
		for _, v := range vals {
			counts[v.Value] += v.Count
		}
	}
	out := make([]FacetValue, 0, len(counts))
	for _, v := range slices.Sorted(maps.Keys(counts)) {
		out = append(out, FacetValue{Value: v, Count: counts[v]})
	}
	return out, nil
}

// readDict reads the dictionary of a field of a bleve index: every value,
// in order, with the number of articles that hold it.
func readDict(ctx context.Context, b bleve.Index, field string) ([]FacetValue, error) {
	dict, err := b.FieldDict(field)
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var out []FacetValue
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		out = append(out, FacetValue{Value: e.Term, Count: int(e.Count)})
	}
}

// matchKey is the form in which a filter value and an index value are
// compared: lower case, accents folded, spaces collapsed.
func matchKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(fold(s))), " ")
}

// CountryCode returns the ISO 3166-1 alpha-2 code of a country given by
// its code, its name or a common alias ("fr", "France", "UK", "Britain",
// "Iran"), and whether it is one.
func CountryCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if c := countries.ByName(s); c != countries.Unknown && len(c.Alpha2()) == 2 {
		return c.Alpha2(), true
	}
	return "", false
}

// matchTerms returns the index values that the filter value v names.
func matchTerms(filter, v string, terms []FacetValue) []string {
	key := matchKey(v)
	if filter == FilterCountry {
		if code, ok := CountryCode(v); ok {
			key = strings.ToLower(code)
		}
	}
	// A person's name matches in any order of family and given names:
	// "Kvanvig Jon" is "Jon Kvanvig".
	person := filter == FilterAuthor || filter == FilterPerson
	words := sortedWords(key)
	var out []string
	for _, t := range terms {
		if k := matchKey(t.Value); k == key || (person && sortedWords(k) == words) {
			out = append(out, t.Value)
		}
	}
	return out
}

// sortedWords returns the words of key in sorted order, joined by spaces.
func sortedWords(key string) string {
	w := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(key))
	slices.Sort(w)
	return strings.Join(w, " ")
}

// suggest returns up to maxSuggestions values close to v, most frequent
// first: values with a word starting with v (a country's name too), values
// whose words include all of v's, and values, or one of their words, one or
// two edits away.
func suggest(filter, v string, terms []FacetValue) []FacetValue {
	key := matchKey(v)
	if key == "" {
		return nil
	}
	var out []FacetValue
	for _, t := range terms {
		tk := matchKey(t.Value)
		if filter == FilterCountry {
			if name := CountryName(t.Value); name != t.Value {
				tk = matchKey(name)
			}
		}
		if hasWordPrefix(tk, key) || hasAllWords(tk, key) || closeTo(tk, key) ||
			slices.ContainsFunc(strings.Fields(tk), func(w string) bool { return closeTo(w, key) }) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out[:min(len(out), maxSuggestions)]
}

// hasAllWords reports whether every word of key is a word of tk.
func hasAllWords(tk, key string) bool {
	words := strings.Fields(tk)
	for _, w := range strings.Fields(key) {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return true
}

// closeTo reports whether a and b, of four letters or more, are at most
// one edit apart (two for eight letters or more).
func closeTo(a, b string) bool {
	if len(b) < 4 {
		return false
	}
	limit := 1
	if len(b) >= 8 {
		limit = 2
	}
	return editDistance([]rune(a), []rune(b), limit) <= limit
}

// shortNames are the common short names of countries whose ISO names are
// long ("Russian Federation"), as a reader would write them.
var shortNames = map[string]string{
	"RU": "Russia", "IR": "Iran", "SY": "Syria", "KR": "South Korea", "KP": "North Korea",
	"GB": "United Kingdom", "US": "United States", "VN": "Vietnam", "LA": "Laos",
	"BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova",
	"TW": "Taiwan", "CZ": "Czechia", "CD": "DR Congo", "CG": "Congo",
	"BN": "Brunei", "MK": "North Macedonia", "FM": "Micronesia", "PS": "Palestine",
	"VA": "Vatican City", "CI": "Côte d'Ivoire", "AE": "United Arab Emirates",
}

// CountryName returns the common short name of an ISO 3166-1 alpha-2
// code ("RU" is "Russia"), or the code itself when it is not one.
func CountryName(code string) string {
	if len(code) != 2 {
		return code
	}
	code = strings.ToUpper(code)
	if n, ok := shortNames[code]; ok {
		return n
	}
	if c := countries.ByName(code); c != countries.Unknown && c.Alpha2() == code {
		return c.String()
	}
	return code
}

// Unmatched returns the filter values of the request that match no
// article in the index.
func (r Result) Unmatched() []FilterValue {
	var out []FilterValue
	for _, fv := range r.FilterValues {
		if fv.Value == "" {
			out = append(out, fv)
		}
	}
	return out
}
