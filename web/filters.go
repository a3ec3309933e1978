package web

import (
	"net/url"
	"slices"
	"strings"

	"github.com/clippings/clippings/search"
)

// selection is the filter values of a search as the index writes them,
// each with the URL values that name it: country=France and country=fr
// both name FR, outlet=bbc names BBC. Chips, facet lists and hit chips
// show and compare these values, so that a value is never shown twice
// nor a value that does not exist.
type selection struct {
	// given maps a filter parameter and an index value to the URL
	// values that name it.
	given map[string]map[string][]string
	// order lists the values of each parameter as first named.
	order map[string][]string
}

// newSelection returns the selection of a search result.
func newSelection(res search.Result) selection {
	s := selection{given: map[string]map[string][]string{}, order: map[string][]string{}}
	for _, fv := range res.FilterValues {
		if fv.Value == "" {
			continue
		}
		if s.given[fv.Filter] == nil {
			s.given[fv.Filter] = map[string][]string{}
		}
		if _, seen := s.given[fv.Filter][fv.Value]; !seen {
			s.order[fv.Filter] = append(s.order[fv.Filter], fv.Value)
		}
		s.given[fv.Filter][fv.Value] = append(s.given[fv.Filter][fv.Value], fv.Given)
	}
	return s
}

// has reports whether value of the filter param is selected.
func (s selection) has(param, value string) bool {
	_, ok := s.given[param][value]
	return ok
}

// toggle returns a copy of v without the URL values that name value when
// it is selected, or with value added when it is not.
func (s selection) toggle(v url.Values, param, value string) url.Values {
	given, ok := s.given[param][value]
	if !ok {
		return toggle(v, param, value)
	}
	out := clone(v)
	vals := slices.DeleteFunc(slices.Clone(out[param]), func(x string) bool {
		return slices.ContainsFunc(given, func(g string) bool { return strings.EqualFold(strings.Join(strings.Fields(x), " "), g) })
	})
	if len(vals) == 0 {
		delete(out, param)
	} else {
		out[param] = vals
	}
	return out
}

// unmatchedView is a filter value that matches no article, with values
// that do exist to put in its place.
type unmatchedView struct {
	Label, Value string
	RemoveURL    string
	Suggestions  []suggestionView
}

// suggestionView is a value offered for an unmatched one: "FR — France, 4
// articles", linking to the search with it in place of the unmatched one.
type suggestionView struct {
	Label string
	Count int
	URL   string
}

// newUnmatchedViews returns the unmatched filter values of a result with
// their suggestions.
func newUnmatchedViews(res search.Result, v url.Values) []unmatchedView {
	var out []unmatchedView
	for _, fv := range res.Unmatched() {
		rm := removeGiven(v, fv.Filter, fv.Given)
		uv := unmatchedView{Label: strings.ToLower(filterLabels[fv.Filter]), Value: fv.Given, RemoveURL: searchURL(rm)}
		for _, sg := range res.Suggestions {
			if sg.Filter != fv.Filter || sg.Given != fv.Given {
				continue
			}
			label := sg.Value
			if sg.Filter == paramCountry {
				label = sg.Value + " — " + search.CountryName(sg.Value)
			}
			w := clone(rm)
			if !slices.Contains(w[fv.Filter], sg.Value) {
				w.Add(fv.Filter, sg.Value)
			}
			uv.Suggestions = append(uv.Suggestions, suggestionView{Label: label, Count: sg.Count, URL: searchURL(w)})
		}
		out = append(out, uv)
	}
	return out
}

// removeGiven returns a copy of v without the value given of param.
func removeGiven(v url.Values, param, given string) url.Values {
	out := clone(v)
	vals := slices.DeleteFunc(slices.Clone(out[param]), func(x string) bool {
		return strings.EqualFold(strings.Join(strings.Fields(x), " "), given)
	})
	if len(vals) == 0 {
		delete(out, param)
	} else {
		out[param] = vals
	}
	return out
}

// filterSlices returns the values of f by filter parameter.
func filterSlices(f search.Filters) map[string][]string {
	return map[string][]string{
		paramOutlet: f.Outlet, paramCountry: f.Country, paramTopic: f.Topic, paramPerson: f.Person,
		paramPlace: f.Place, paramAuthor: f.Author, paramSection: f.Section, paramLanguage: f.Language,
		paramTag: f.Tag,
	}
}

// namesEntity reports whether a topic names one of the countries (by
// code, common or official name) or people of a hit, so that the hit does
// not show one entity twice, as a country and a topic.
func namesEntity(topic string, countryCodes, people []string) bool {
	for _, c := range countryCodes {
		if strings.EqualFold(topic, c) || strings.EqualFold(topic, search.CountryName(c)) {
			return true
		}
		if code, ok := search.CountryCode(topic); ok && code == c {
			return true
		}
	}
	for _, p := range people {
		if strings.EqualFold(topic, p) {
			return true
		}
	}
	return false
}
