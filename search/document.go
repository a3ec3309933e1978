package search

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clippings/clippings/corpus"
)

// normalize returns the form of a that the index stores and gives back:
// tidied (corpus.Article.Tidy), with its date truncated to its precision
// (corpus.NewDate), or unknown when its year is one the index cannot
// hold (before 1678 or after 2261), and nil Mentions, SeenIn and
// Provenance when there are none.
func normalize(a corpus.Article) corpus.Article {
	a.Tidy()
	a.Tags = withoutPlaceholders(a.Tags)
	a.Topics = withoutPlaceholders(a.Topics)
	if isPlaceholder(a.Section) {
		a.Section = ""
	}
	a.Date = corpus.NewDate(a.Date.Time, a.Date.Precision)
	if y := a.Date.Time.Year(); !a.Date.IsZero() && (y < minYear || y > maxYear) {
		a.Date = corpus.Date{}
	}
	if len(a.Mentions) == 0 {
		a.Mentions = nil
	}
	if len(a.SeenIn) == 0 {
		a.SeenIn = nil
	}
	if len(a.Provenance) == 0 {
		a.Provenance = nil
	}
	return a
}

// document returns the index document of a normalized article. Empty
// strings, empty lists and an unknown date are left out.
func document(a corpus.Article) map[string]any {
	doc := make(map[string]any, 24)
	body, rest := splitBody(a.Body)
	for name, s := range map[string]string{
		fieldTitle: a.Title, fieldSubtitle: a.Subtitle, fieldLead: a.Lead,
		fieldBody: body, fieldBodyRest: rest, fieldNote: a.Note, fieldOutlet: a.Outlet,
		fieldLanguage: a.Language, fieldSection: a.Section,
		fieldSource: a.Source, fieldURL: a.URL,
	} {
		if s != "" {
			doc[name] = s
		}
	}
	for name, l := range map[string][]string{
		fieldAuthors: a.Authors, fieldCountries: a.Countries,
		fieldTopics: a.Topics, fieldPeople: a.People, fieldPlaces: a.Places,
		fieldTags: a.Tags, fieldMentions: a.Mentions, fieldSeenIn: a.SeenIn,
	} {
		if len(l) > 0 {
			doc[name] = l
		}
	}
	if len(a.TopicScores) > 0 {
		if b, err := json.Marshal(a.TopicScores); err == nil {
			doc[fieldTopicScores] = string(b)
		}
	}
	doc[fieldExcerpt] = strconv.FormatBool(a.Excerpt)
	doc[fieldTruncated] = strconv.FormatBool(rest != "")
	if len(a.Provenance) > 0 {
		if b, err := json.Marshal(a.Provenance); err == nil {
			doc[fieldProvenanceJSON] = string(b)
		}
		doc[fieldProvenance] = a.Provenance
	}
	if !a.Date.IsZero() {
		doc[fieldDate] = a.Date.Time
		doc[fieldDateEnd] = periodEnd(a.Date)
		doc[fieldDatePrecision] = a.Date.Precision.String()
		doc[fieldYear] = a.Date.Time.Format("2006")
	}
	return doc
}

// storedFields is the set of stored fields read back by article.
var storedFields = []string{
	fieldTitle, fieldSubtitle, fieldLead, fieldBody, fieldNote,
	fieldOutlet, fieldLanguage, fieldSection, fieldSource, fieldURL,
	fieldAuthors, fieldCountries, fieldTopics, fieldPeople, fieldPlaces,
	fieldTags, fieldMentions, fieldDate, fieldDatePrecision, fieldTopicScores,
	fieldSeenIn, fieldExcerpt, fieldProvenanceJSON, fieldBodyRest, fieldTruncated,
}

// article rebuilds an article from the stored fields of its document, as
// bleve returns them: a string for a single value, a []any for several,
// and the date formatted as RFC 3339.
func article(id string, f map[string]any) corpus.Article {
	a := corpus.Article{
		ID:        id,
		Source:    str(f, fieldSource),
		Title:     str(f, fieldTitle),
		Subtitle:  str(f, fieldSubtitle),
		Outlet:    str(f, fieldOutlet),
		Authors:   strs(f, fieldAuthors),
		Date:      date(f),
		Section:   str(f, fieldSection),
		Tags:      strs(f, fieldTags),
		People:    strs(f, fieldPeople),
		Places:    strs(f, fieldPlaces),
		Countries: strs(f, fieldCountries),
		Topics:    strs(f, fieldTopics),
		Language:  str(f, fieldLanguage),
		URL:       str(f, fieldURL),
		Lead:      str(f, fieldLead),
		Body:      str(f, fieldBody) + str(f, fieldBodyRest),
		Note:      str(f, fieldNote),
		Mentions:  strs(f, fieldMentions),
		SeenIn:    strs(f, fieldSeenIn),
		Excerpt:   str(f, fieldExcerpt) == "true",
		Truncated: str(f, fieldTruncated) == "true",
	}
	if len(a.Mentions) == 0 {
		a.Mentions = nil
	}
	if len(a.SeenIn) == 0 {
		a.SeenIn = nil
	}
	if s := str(f, fieldProvenanceJSON); s != "" {
		// Written by document; a value that does not decode is left out.
		_ = json.Unmarshal([]byte(s), &a.Provenance)
	}
	if s := str(f, fieldTopicScores); s != "" {
		// Written by document; a value that does not decode is left out.
		_ = json.Unmarshal([]byte(s), &a.TopicScores)
	}
	return a
}

// str returns the first value of a stored field, or "".
func str(f map[string]any, name string) string {
	switch v := f[name].(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

// strs returns the values of a stored list field, an empty (not nil)
// slice when there are none.
func strs(f map[string]any, name string) []string {
	switch v := f[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

// date returns the stored date with its precision; a missing or
// unreadable date is the zero Date.
func date(f map[string]any) corpus.Date {
	t, err := time.Parse(time.RFC3339, str(f, fieldDate))
	if err != nil {
		return corpus.Date{}
	}
	var p corpus.Precision
	switch str(f, fieldDatePrecision) {
	case "day":
		p = corpus.PrecisionDay
	case "month":
		p = corpus.PrecisionMonth
	case "year":
		p = corpus.PrecisionYear
	}
	return corpus.NewDate(t.UTC(), p)
}

// MaxIndexedText is how many bytes of an article's body are indexed: a
// longer body is stored whole and shown whole, but only its first
// MaxIndexedText bytes are searched and highlighted in results, and the
// article is flagged truncated (truncated:true finds them). One huge file,
// such as a 20 MB text on one line, then costs a search no more than a
// long article does.
const MaxIndexedText = 1 << 20

// splitBody returns the part of body that is indexed and the rest, cut at
// a space within the last 1 KB before MaxIndexedText when there is one,
// else at a character boundary.
func splitBody(body string) (indexed, rest string) {
	if len(body) <= MaxIndexedText {
		return body, ""
	}
	cut := MaxIndexedText
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	if i := strings.LastIndexAny(body[MaxIndexedText-1024:cut], " \n\t"); i >= 0 {
		cut = MaxIndexedText - 1024 + i + 1
	}
	return body[:cut], body[cut:]
}

// placeholders are the tags and sections that blog engines and sites give
// an article that has none, in folded lower case: they say nothing about
// it, so they are neither tags nor topics.
var placeholders = map[string]bool{
	"uncategorized": true, "uncategorised": true, "untagged": true, "no category": true,
	"non classe": true, "sin categoria": true, "senza categoria": true, "allgemein": true,
	"ohne kategorie": true, "geen categorie": true, "sem categoria": true,
}

// isPlaceholder reports whether a tag or section is a placeholder.
func isPlaceholder(s string) bool { return placeholders[matchKey(s)] }

// withoutPlaceholders returns tags without the placeholders, nil when
// none is left.
func withoutPlaceholders(tags []string) []string {
	var out []string
	for _, t := range tags {
		if !isPlaceholder(t) {
			out = append(out, t)
		}
	}
	if len(out) == len(tags) {
		return tags
	}
	return out
}
