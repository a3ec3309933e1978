package search

import (
	"errors"
	"fmt"
	"time"

	"github.com/clippings/clippings/corpus"
)

// Sort orders the hits of a search.
type Sort string

// The sort orders. The zero Sort is relevance when the request has a
// query and newest first when it has none.
const (
	SortDefault   Sort = ""
	SortRelevance Sort = "relevance"
	SortNewest    Sort = "newest" // also accepted as "date"
	SortOldest    Sort = "oldest"
)

// ParseSort accepts "", "relevance", "date", "newest" and "oldest".
func ParseSort(s string) (Sort, error) {
	switch s {
	case "", "relevance", "newest", "oldest":
		return Sort(s), nil
	case "date":
		return SortNewest, nil
	}
	return "", &QueryError{Pos: -1, Msg: fmt.Sprintf("unknown sort %q: want relevance, date, newest or oldest", s)}
}

// Filters restrict a search to articles with given facet values. Values
// of one filter are OR-ed; different filters are AND-ed.
type Filters struct {
	Outlet []string
	// Country takes ISO 3166-1 alpha-2 codes, names and common aliases
	// ("FR", "France", "UK", "Britain"). Every filter value is matched
	// without regard to case or accents, as field:value is in a query.
	Country  []string
	Topic    []string
	Person   []string
	Place    []string
	Author   []string
	Section  []string
	Language []string
	Tag      []string
}

// Request is a search. Its zero value lists every article, newest first,
// first page of DefaultSize.
type Request struct {
	// Query is free text in the product's query syntax; empty matches all.
	Query   string
	Filters Filters
	// Exclude leaves out the articles with any of its values (a NOT
	// filter: -country=US), matched as Filters are.
	Exclude Filters
	// From and To bound the publication date, inclusive; zero is open.
	From, To time.Time
	Sort     Sort
	// Page is 1-based; 0 means 1.
	Page int
	// Size is the page size: 0 means DefaultSize, more than MaxSize is
	// an error.
	Size int
	// FacetSize is how many values each facet lists; 0 means
	// DefaultFacetSize.
	FacetSize int
	// FacetSizes overrides FacetSize for the facets it names (a "show
	// more" list); values over MaxFacetSize are cut to it.
	FacetSizes map[string]int
	// Interval is the length of the timeline's bars; the zero value
	// chooses one from the dates of the matches.
	Interval Interval
	// NoFacets leaves out the facet counts and the timeline: the Result
	// has the hits and the total only, as for a page of an export.
	NoFacets bool
}

// Page size limits.
const (
	DefaultSize      = 10
	MaxSize          = 100
	DefaultFacetSize = 10
	MaxFacetSize     = 1000
)

// Facet names, the keys of Result.Facets.
const (
	FacetOutlet   = "outlet"
	FacetCountry  = "country"
	FacetTopic    = "topic"
	FacetPerson   = "person"
	FacetYear     = "year"
	FacetAuthor   = "author"
	FacetPlace    = "place"
	FacetSection  = "section"
	FacetLanguage = "language"
	FacetTag      = "tag"
)

// FacetNames lists the facets every Result carries, in display order.
var FacetNames = []string{FacetTopic, FacetCountry, FacetOutlet, FacetPerson, FacetYear,
	FacetAuthor, FacetPlace, FacetSection, FacetTag, FacetLanguage}

// Result is one page of hits with facet counts over all matches. The
// counts of a facet narrowed by a filter are disjunctive: counted with
// every filter but that facet's own (the year facet without the date
// range).
type Result struct {
	Total  uint64
	Took   time.Duration
	Page   int
	Size   int
	Hits   []Hit
	Facets map[string][]FacetValue
	// Timeline counts the matches per Interval (a day, a week, a month or
	// a year), from the first period with a match to the last, empty
	// periods included. TimelineOutside is how many dated matches it
	// leaves out: strays far from the bulk of them, when the interval is
	// automatic (see Index.timeline).
	Timeline        []Bucket
	Interval        Interval
	TimelineOutside int

	// Filters are the request's filter values that match articles, as
	// the index writes them: outlet "bbc" is "BBC", country "France" is
	// "FR". FilterValues pairs each value asked for with the values it
	// names; a value that names none matches no article (the search then
	// finds nothing: see Unmatched), and Suggestions offers values that
	// exist for it.
	Filters      Filters
	FilterValues []FilterValue
	Suggestions  []Suggestion
	// Excluded are the values of Request.Exclude as the index writes
	// them, the ones that match nothing left out.
	Excluded Filters
}

// Hit is one matching article, with the fields a result list shows.
type Hit struct {
	ID        string
	Title     string
	Outlet    string
	Date      corpus.Date
	Authors   []string
	Countries []string
	Topics    []string
	People    []string
	// Snippets are fragments of the article with the query's terms
	// marked: HTML-escaped text with <mark> elements, safe to insert
	// into a page as is. They do not repeat the title.
	Snippets []string
	// TitleHTML is the title marked the same way when the query matched
	// in it, or "".
	TitleHTML string
	Score     float64
}

// FacetValue is a facet value and the number of matching articles.
// Label is the description of a code of the source ("Money/Foreign
// Exchange" for Reuters' tag "money-fx"), for the facets of the source's
// tags and sections when the index has one for the value (see
// Index.SetLabels), else "".
type FacetValue struct {
	Value string
	Count int
	Label string
}

// QueryError is a request that cannot be run as written: bad syntax, a
// leading wildcard, an out-of-range size. Its message is meant for the
// user. Pos is the 0-based byte offset in Query where the problem is, or
// -1 when it is not about a position.
type QueryError struct {
	Query string
	Pos   int
	Msg   string
}

func (e *QueryError) Error() string {
	if e.Pos >= 0 && e.Query != "" {
		return fmt.Sprintf("bad query at position %d: %s", e.Pos, e.Msg)
	}
	return "bad query: " + e.Msg
}

// ErrNotFound is returned for an article id that is not in the index.
var ErrNotFound = errors.New("search: article not found")
