package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// Limits on search parameters beyond those of package search.
const (
	maxQueryLen     = 1000 // bytes
	maxFilterValues = 20   // values per filter
	maxPage         = 1000
)

// The query parameters of a search, as used in URLs and forms.
const (
	paramQuery    = "q"
	paramSort     = "sort"
	paramPage     = "page"
	paramSize     = "size"
	paramFrom     = "from"
	paramTo       = "to"
	paramOutlet   = "outlet"
	paramCountry  = "country"
	paramTopic    = "topic"
	paramPerson   = "person"
	paramPlace    = "place"
	paramAuthor   = "author"
	paramSection  = "section"
	paramLanguage = "language"
	paramTag      = "tag"
	// paramMore names a facet listed at length (moreFacetSize values).
	paramMore = "more"
	// paramInterval is the timeline's interval: auto, day, week, month
	// or year.
	paramInterval = "interval"
)

// moreFacetSize is how many values a facet named by paramMore lists.
const moreFacetSize = 100

// filterParams lists the repeatable filter parameters in display order.
var filterParams = []string{paramTopic, paramCountry, paramOutlet, paramPerson, paramPlace, paramAuthor, paramSection, paramTag, paramLanguage}

// notPrefix makes a filter parameter a NOT filter: -country=US leaves out
// the articles about the United States.
const notPrefix = "-"

// notParams are the NOT filter parameters, in display order.
var notParams = func() []string {
	out := make([]string, len(filterParams))
	for i, p := range filterParams {
		out[i] = notPrefix + p
	}
	return out
}()

// searchParams lists every parameter a search URL keeps, except page.
var searchParams = append(append([]string{paramQuery, paramSort, paramSize, paramFrom, paramTo, paramMore, paramInterval}, filterParams...), notParams...)

// paramError is a query parameter that cannot be used as given. Its message
// is meant for the user.
type paramError struct {
	Param string
	Value string
	Want  string
}

func (e *paramError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("bad parameter %s: %s", e.Param, e.Want)
	}
	return fmt.Sprintf("bad parameter %s=%q: %s", e.Param, e.Value, e.Want)
}

// parseRequest turns the query parameters of a search URL into a
// search.Request. Filters are repeatable (country=FR&country=DE); from and
// to accept YYYY-MM-DD, YYYY-MM or YYYY, from meaning the first day of that
// period and to its last day (corpus.Date.End), both inclusive. Unknown parameters are ignored. The error,
// if any, is a *paramError.
func parseRequest(v url.Values) (search.Request, error) {
	var req search.Request

	req.Query = strings.TrimSpace(v.Get(paramQuery))
	if len(req.Query) > maxQueryLen {
		return req, &paramError{Param: paramQuery, Want: fmt.Sprintf("a query is at most %d bytes long", maxQueryLen)}
	}

	s := strings.TrimSpace(v.Get(paramSort))
	sort, err := search.ParseSort(s)
	if err != nil {
		return req, &paramError{paramSort, s, "want relevance, date, newest or oldest"}
	}
	req.Sort = sort

	if req.Page, err = intParam(v, paramPage, 1, maxPage); err != nil {
		return req, err
	}
	if req.Size, err = intParam(v, paramSize, 1, search.MaxSize); err != nil {
		return req, err
	}

	from, err := dateParam(v, paramFrom)
	if err != nil {
		return req, err
	}
	to, err := dateParam(v, paramTo)
	if err != nil {
		return req, err
	}
	req.From = from.Time
	req.To = to.End()
	if !req.From.IsZero() && !req.To.IsZero() && req.From.After(req.To) {
		return req, &paramError{paramFrom, v.Get(paramFrom), "the start date is after the end date (to=" + v.Get(paramTo) + ")"}
	}

	iv := strings.TrimSpace(v.Get(paramInterval))
	if req.Interval, err = search.ParseInterval(iv); err != nil {
		return req, &paramError{paramInterval, iv, "want auto, day, week, month or year"}
	}

	if more := strings.TrimSpace(v.Get(paramMore)); more != "" {
		if !slices.Contains(search.FacetNames, more) {
			return req, &paramError{paramMore, more, "want one of " + strings.Join(search.FacetNames, ", ")}
		}
		req.FacetSizes = map[string]int{more: moreFacetSize}
	}

	for _, fs := range []struct {
		prefix string
		f      *search.Filters
	}{{"", &req.Filters}, {notPrefix, &req.Exclude}} {
		f := fs.f
		for _, p := range []struct {
			name string
			dst  *[]string
		}{
			{paramOutlet, &f.Outlet}, {paramCountry, &f.Country}, {paramTopic, &f.Topic},
			{paramPerson, &f.Person}, {paramPlace, &f.Place}, {paramAuthor, &f.Author},
			{paramSection, &f.Section}, {paramLanguage, &f.Language}, {paramTag, &f.Tag},
		} {
			name := fs.prefix + p.name
			vals := filterValues(v, name)
			if len(vals) > maxFilterValues {
				return req, &paramError{name, vals[maxFilterValues], fmt.Sprintf("at most %d values per filter", maxFilterValues)}
			}
			*p.dst = vals
		}
	}
	return req, nil
}

// intParam parses an optional whole-number parameter in [lo, hi]; an
// absent or empty parameter is 0.
func intParam(v url.Values, name string, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &paramError{name, s, fmt.Sprintf("want a whole number from %d to %d", lo, hi)}
	}
	return n, nil
}

// dateParam parses an optional date parameter; an absent or empty
// parameter is the zero Date.
func dateParam(v url.Values, name string) (corpus.Date, error) {
	s := strings.TrimSpace(v.Get(name))
	d, err := corpus.ParseDate(s)
	if err != nil || (s != "" && (d.IsZero() || d.Time.Year() < 1)) {
		return corpus.Date{}, &paramError{name, s, "want a date as YYYY-MM-DD, YYYY-MM or YYYY"}
	}
	return d, nil
}

// filterValues returns the non-empty values of a repeatable parameter,
// trimmed and without duplicates (ignoring case).
func filterValues(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" && !containsFold(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// cleanValues returns the search parameters of v that a follow-up link
// should keep (everything but page), without empty values: the first
// value of a single parameter, the distinct values of a filter (as
// filterValues gives them). A URL with a parameter repeated 10,000 times
// would otherwise be copied into every link of the page.
func cleanValues(v url.Values) url.Values {
	out := url.Values{}
	for _, name := range searchParams {
		if slices.Contains(filterParams, name) {
			for _, s := range filterValues(v, name) {
				out.Add(name, s)
			}
			continue
		}
		for _, s := range v[name] {
			if s = strings.TrimSpace(s); s != "" {
				out.Add(name, s)
				break
			}
		}
	}
	return out
}
