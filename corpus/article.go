package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Article is one article found in a corpus file. A file may hold many
// articles; each becomes its own Article with its own ID.
//
// The JSON form uses snake_case field names and is the contract of
// `clippings extract` and of GET /api/v1/articles/{id}.
type Article struct {
	// ID is stable across runs: it is derived from Source (see IDOf).
	ID string `json:"id"`
	// Source is the file's slash-separated path relative to the corpus
	// root and the 1-based position of the article within the file,
	// as "path#n" (see SourceOf).
	Source   string   `json:"source"`
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle"`
	Outlet   string   `json:"outlet"`
	Authors  []string `json:"authors"`
	// Date is the original publication date with its precision.
	Date    Date     `json:"date"`
	Section string   `json:"section"`
	Tags    []string `json:"tags"`
	// People are persons named in the article, as full names.
	People []string `json:"people"`
	// Places are place names found in, or labelled on, the article.
	Places []string `json:"places"`
	// Countries are ISO 3166-1 alpha-2 codes, upper case.
	Countries []string `json:"countries"`
	// Topics are the article's topics, best first: the classifier's
	// taxonomy topics, then the researcher's own topics (applied at
	// reindex). The source's own tags and section are in Tags and
	// Section, not here.
	Topics []string `json:"topics"`
	// TopicScores are the classifier's taxonomy topics with their scores,
	// best first; they lead Topics.
	TopicScores []TopicScore `json:"topic_scores,omitempty"`
	// Language is a BCP 47 tag such as "en", or empty when unknown.
	Language string `json:"language"`
	URL      string `json:"url"`
	// Lead is the article's first paragraph or standfirst.
	Lead string `json:"lead"`
	// Body is the article's text, paragraphs separated by blank lines.
	Body string `json:"body"`
	// Note is an introduction that a republishing page put before the
	// article (a blog's "a new piece I wrote for ..."), kept out of Body.
	Note string `json:"note,omitempty"`
	// Mentions are outlets the note says the author spoke to.
	Mentions []string `json:"mentions,omitempty"`
	// Excerpt reports that Body is a cut version of the article: a
	// listing page's teaser ended by "Read more", an ellipsis or a
	// summary block.
	Excerpt bool `json:"excerpt,omitempty"`
	// Provenance names, per field, the evidence that won the field's
	// decision: {"title": "h-entry", "date": "date-header",
	// "authors": "byline-line", "split": "repeated-region"}. Keys are
	// field names as in this JSON form plus "split"; values are the
	// evidence source names of package extract.
	Provenance map[string]string `json:"provenance,omitempty"`
	// SeenIn lists the sources (as in Source) of every copy of this
	// article that was merged into it: a post seen on its own page and
	// on month, tag and home pages of a mirrored site is one article
	// seen in several places. Empty when only one copy was seen.
	SeenIn []string `json:"seen_in,omitempty"`
	// Truncated reports that Body is longer than an index searches: the
	// whole text is kept and shown, only its beginning is searched
	// (search.MaxIndexedText).
	Truncated bool `json:"truncated,omitempty"`
}

// TopicScore is a taxonomy topic given by the topic classifier with its
// score, between 0 and 1: the topic's share of the evidence found.
type TopicScore struct {
	Topic string  `json:"topic"`
	Score float64 `json:"score"`
}

// SourceOf returns the source of the n-th (1-based) article in the file
// at path, in the form "path#n".
func SourceOf(path string, n int) string {
	return path + "#" + strconv.Itoa(n)
}

// IDOf returns the stable article id for a source: the first 16 hex digits
// of the SHA-256 of the source string.
func IDOf(source string) string {
	sum := sha256.Sum256([]byte(source))
	return hex.EncodeToString(sum[:8])
}

// Tidy trims white space in every field, removes empty and duplicate list
// values (keeping first occurrence order) and replaces nil lists by empty
// ones, so that the JSON form always has the same columns.
func (a *Article) Tidy() {
	for _, s := range []*string{&a.Title, &a.Subtitle, &a.Outlet, &a.Section,
		&a.Language, &a.URL, &a.Lead, &a.Body, &a.Note} {
		*s = strings.TrimSpace(*s)
	}
	for _, l := range []*[]string{&a.Authors, &a.Tags, &a.People, &a.Places,
		&a.Countries, &a.Topics} {
		*l = uniq(*l)
	}
	if len(a.Mentions) > 0 {
		a.Mentions = uniq(a.Mentions)
	}
}

func uniq(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.Join(strings.Fields(s), " ")
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return slices.Clip(out)
}

// Precision says how much of a Date is known.
type Precision uint8

// The precisions of a Date, from none to a whole day.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// String returns "day", "month", "year" or "" for PrecisionNone.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return ""
}

// Date is a calendar date known to a given precision. The zero Date is
// unknown. Time is in UTC; parts below the precision are at their minimum
// (the first of the month for PrecisionMonth, January 1 for PrecisionYear).
type Date struct {
	Time      time.Time
	Precision Precision
}

// NewDate returns the date of t truncated to precision p.
func NewDate(t time.Time, p Precision) Date {
	if p == PrecisionNone || t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	switch p {
	case PrecisionYear:
		m, d = 1, 1
	case PrecisionMonth:
		d = 1
	}
	return Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Precision: p}
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone || d.Time.IsZero() }

// String formats the date by its precision: "2015-11-20", "2015-11",
// "2015", or "" when unknown.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Precision == PrecisionYear:
		return d.Time.Format("2006")
	case d.Precision == PrecisionMonth:
		return d.Time.Format("2006-01")
	}
	return d.Time.Format("2006-01-02")
}

// ParseDate parses the forms written by String: "YYYY-MM-DD", "YYYY-MM"
// or "YYYY". The empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	layouts := []struct {
		layout string
		p      Precision
	}{{"2006-01-02", PrecisionDay}, {"2006-01", PrecisionMonth}, {"2006", PrecisionYear}}
	if s == "" {
		return Date{}, nil
	}
	for _, l := range layouts {
		if len(s) == len(l.layout) {
			t, err := time.Parse(l.layout, s)
			if err != nil {
				break
			}
			return NewDate(t, l.p), nil
		}
	}
	return Date{}, fmt.Errorf("corpus: bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// MarshalJSON writes the date as a string by precision, or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("corpus: date: %w", err)
	}
	if s == nil {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(*s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// End returns the last day the date covers: the date itself for
// PrecisionDay, the month's last day for PrecisionMonth, December 31 for
// PrecisionYear, and the zero time when the date is unknown. Date ranges
// such as "to 2015-11" use it to include the whole period.
func (d Date) End() time.Time {
	switch {
	case d.IsZero():
		return time.Time{}
	case d.Precision == PrecisionYear:
		return d.Time.AddDate(1, 0, -1)
	case d.Precision == PrecisionMonth:
		return d.Time.AddDate(0, 1, -1)
	}
	return d.Time
}
