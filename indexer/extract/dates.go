package extract

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/clippings/clippings/corpus"
	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"
)

// Dates are written in many ways. This file turns the common ones into a
// corpus.Date with an honest precision: a day when the day is written, a
// month for "March 2023", a year for "2023" in a date field.
//
// The fast path is a set of regular expressions for ISO 8601 and English
// forms. Strings in other languages ("31. Mai 2012") fall back on
// go-dateparser, but only when a four-digit year is present, so that
// relative dates ("2 days ago"), whose meaning depends on when the page was
// saved, are never turned into a date.

const monthPattern = `(january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`

var (
	// rxISO matches a whole ISO 8601 date or date-time: "2019-08-02",
	// "2019-08-02T10:00:00+02:00", "2019-08", "2019", "2019/08/02",
	// "20190802".
	rxISO = regexp.MustCompile(`^(\d{4})(?:([-/.]?)(\d{1,2})(?:([-/.]?)(\d{1,2}))?)?(?:(?:[T ]|\s*,?\s*)\d{1,2}:\d{2}.*|T.*)?$`)

	// The patterns below find a date inside a longer text.
	rxDMY      = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+of)?[\s-]+` + monthPattern + `\.?,?[\s-]+(\d{4})\b`)
	rxMDY      = regexp.MustCompile(`(?i)\b` + monthPattern + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	rxYMD      = regexp.MustCompile(`\b(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})\b`)
	rxDMYNum   = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b`)
	rxNumDate  = regexp.MustCompile(`\b(\d{1,2})([/-])(\d{1,2})([/-])(\d{4})\b`)
	rxMonthY   = regexp.MustCompile(`(?i)\b` + monthPattern + `\.?,?\s+(\d{4})\b`)
	rxYear     = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	rxHasDigit = regexp.MustCompile(`\d`)
)

var monthNumbers = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// monthOf returns the month named by an English month name or abbreviation.
func monthOf(name string) (time.Month, bool) {
	name = strings.ToLower(name)
	if len(name) > 3 && name != "sept" {
		name = name[:3]
	}
	m, ok := monthNumbers[name]
	return m, ok
}

// makeDate builds a date of the given precision, or the zero Date when the
// parts do not form a real calendar date ("31 February").
func makeDate(y int, m time.Month, d int, p corpus.Precision) corpus.Date {
	if y < 1000 || y > 2999 {
		return corpus.Date{}
	}
	switch p {
	case corpus.PrecisionYear:
		m, d = 1, 1
	case corpus.PrecisionMonth:
		d = 1
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return corpus.Date{}
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m || t.Day() != d {
		return corpus.Date{}
	}
	return corpus.NewDate(t, p)
}

// parseISODate parses a whole string in one of the ISO 8601 shapes matched
// by rxISO. The time of day, if any, is ignored: the calendar date written
// is the date, whatever its time zone.
func parseISODate(s string) corpus.Date {
	g := rxISO.FindStringSubmatch(strings.TrimSpace(s))
	if g == nil {
		return corpus.Date{}
	}
	y, _ := strconv.Atoi(g[1])
	if g[3] == "" {
		return makeDate(y, 1, 1, corpus.PrecisionYear)
	}
	if g[2] != g[4] && g[5] != "" {
		return corpus.Date{} // mixed separators: "2019-08/02"
	}
	if g[2] == "" && (len(g[3]) != 2 || (g[5] != "" && len(g[5]) != 2)) {
		return corpus.Date{} // compact form must be YYYYMMDD
	}
	m, _ := strconv.Atoi(g[3])
	if g[5] == "" {
		return makeDate(y, time.Month(m), 1, corpus.PrecisionMonth)
	}
	d, _ := strconv.Atoi(g[5])
	return makeDate(y, time.Month(m), d, corpus.PrecisionDay)
}

// dateMatch is a date found in a text, with the byte span it was written in.
type dateMatch struct {
	Date       corpus.Date
	Start, End int
}

// findDate returns the first date written in s in one of the English or
// numeric forms: "14 March 2023", "March 14, 2023", "Mar. 14 2023",
// "2023-03-14", "14.03.2023", or, when no day is written anywhere, "March
// 2023" (month precision). It reports false when s holds no such date.
func findDate(s string) (dateMatch, bool) {
	if !hasDigitRun(s, 4) {
		return dateMatch{}, false // every form has a four-digit year
	}
	var best dateMatch
	found, written := false, false
	consider := func(d corpus.Date, start, end int) {
		written = written || d.Precision == corpus.PrecisionDay || d.IsZero()
		if d.IsZero() {
			return
		}
		if !found || start < best.Start {
			best, found = dateMatch{d, start, end}, true
		}
	}
	for _, g := range rxDMY.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[g[2]:g[3]])
		m, _ := monthOf(s[g[4]:g[5]])
		y, _ := strconv.Atoi(s[g[6]:g[7]])
		consider(makeDate(y, m, d, corpus.PrecisionDay), g[0], g[1])
	}
	for _, g := range rxMDY.FindAllStringSubmatchIndex(s, -1) {
		m, _ := monthOf(s[g[2]:g[3]])
		d, _ := strconv.Atoi(s[g[4]:g[5]])
		y, _ := strconv.Atoi(s[g[6]:g[7]])
		consider(makeDate(y, m, d, corpus.PrecisionDay), g[0], g[1])
	}
	for _, g := range rxYMD.FindAllStringSubmatchIndex(s, -1) {
		if s[g[4]:g[5]] != s[g[8]:g[9]] {
			continue
		}
		y, _ := strconv.Atoi(s[g[2]:g[3]])
		m, _ := strconv.Atoi(s[g[6]:g[7]])
		d, _ := strconv.Atoi(s[g[10]:g[11]])
		consider(makeDate(y, time.Month(m), d, corpus.PrecisionDay), g[0], g[1])
	}
	for _, g := range rxDMYNum.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[g[2]:g[3]])
		m, _ := strconv.Atoi(s[g[4]:g[5]])
		y, _ := strconv.Atoi(s[g[6]:g[7]])
		consider(makeDate(y, time.Month(m), d, corpus.PrecisionDay), g[0], g[1])
	}
	if found || written {
		// A day was written, even if not a real one ("31 February"):
		// do not fall back to its month.
		return best, found
	}
	for _, g := range rxMonthY.FindAllStringSubmatchIndex(s, -1) {
		m, _ := monthOf(s[g[2]:g[3]])
		y, _ := strconv.Atoi(s[g[4]:g[5]])
		consider(makeDate(y, m, 1, corpus.PrecisionMonth), g[0], g[1])
	}
	return best, found
}

// hasDigitRun reports whether s holds n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// dateParser parses the date strings of pages and text files. Its zero
// value is not usable; see newDateParser. It is safe for concurrent use.
type dateParser struct {
	cfg *dps.Configuration
	now func() time.Time
	// memo keeps go-dateparser's answers, which cost about a millisecond
	// each: a site's pages repeat their sidebars and date lines. It is
	// emptied when it holds memoSize answers.
	mu   sync.Mutex
	memo map[string]corpus.Date
}

// memoSize bounds dateParser.memo.
const memoSize = 1 << 16

// newDateParser returns a parser that rejects dates after now().
func newDateParser(now func() time.Time) *dateParser {
	return &dateParser{
		cfg: &dps.Configuration{
			PreferredDayOfMonth:  dps.First,
			PreferredMonthOfYear: dps.FirstMonth,
			DefaultTimezone:      time.UTC,
		},
		now: now,
	}
}

// parse reads a string that is meant to be a date, such as the content of
// a date meta tag, a <time> element or a blog's date header. It tries ISO
// 8601, then the English forms of findDate, then go-dateparser for other
// languages. Dates in the future are rejected.
func (p *dateParser) parse(s string) corpus.Date {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || !rxHasDigit.MatchString(s) {
		return corpus.Date{}
	}
	if d := parseISODate(s); !d.IsZero() {
		return p.notFuture(d)
	}
	if m, ok := findDate(s); ok {
		return p.notFuture(m.Date)
	}
	if len(s) > 60 || !rxYear.MatchString(s) || !hasWordLetter(s) || rxNumDate.MatchString(s) || letterWords(s) > maxDateWords {
		// An all-numeric date such as "10/05/2022 05:22 pm" is read in
		// the order of the page's language (see parseIn), not guessed.
		return corpus.Date{}
	}
	p.mu.Lock()
	d, ok := p.memo[s]
	p.mu.Unlock()
	if !ok {
		d = p.dateparser(s)
		p.mu.Lock()
		if p.memo == nil || len(p.memo) >= memoSize {
			p.memo = make(map[string]corpus.Date)
		}
		p.memo[s] = d
		p.mu.Unlock()
	}
	return p.notFuture(d)
}

// dateparser asks go-dateparser for the date written in s.
func (p *dateParser) dateparser(s string) corpus.Date {
	d, err := dps.Parse(p.cfg, s)
	if err != nil || d.IsZero() {
		return corpus.Date{}
	}
	var prec corpus.Precision
	switch d.Period {
	case date.Year:
		prec = corpus.PrecisionYear
	case date.Month:
		prec = corpus.PrecisionMonth
	default:
		prec = corpus.PrecisionDay
	}
	return corpus.NewDate(d.Time, prec)
}

// parseIn is parse for a page in language lang (an ISO 639-1 code or ""),
// which also reads all-numeric dates with slashes ("12/03/2009") in the
// order that language writes them.
func (p *dateParser) parseIn(s, lang string) corpus.Date {
	if d := p.parse(s); !d.IsZero() {
		return d
	}
	if m, ok := numericDate(s, lang); ok {
		return p.notFuture(m.Date)
	}
	return corpus.Date{}
}

// findIn is find for a page in language lang: see parseIn.
func (p *dateParser) findIn(s, lang string) (dateMatch, bool) {
	if m, ok := p.find(s); ok {
		return m, true
	}
	m, ok := numericDate(s, lang)
	if !ok {
		return dateMatch{}, false
	}
	m.Date = p.notFuture(m.Date)
	return m, !m.Date.IsZero()
}

// monthFirst lists the languages whose pages write numeric dates month
// first: English, on the web mostly American. Other languages write the
// day first.
var monthFirst = map[string]bool{"en": true}

// numericDate finds an all-numeric date such as "12/03/2009" or
// "12-03-2009". When one number cannot be a month it decides the order;
// else the page's language does ("12/03/2009" is 12 March on an Italian
// page, December 3 on an English one). With no language, an ambiguous
// date is not read.
func numericDate(s, lang string) (dateMatch, bool) {
	for _, g := range rxNumDate.FindAllStringSubmatchIndex(s, -1) {
		if s[g[4]:g[5]] != s[g[8]:g[9]] {
			continue // "12/03-2009"
		}
		a, _ := strconv.Atoi(s[g[2]:g[3]])
		b, _ := strconv.Atoi(s[g[6]:g[7]])
		y, _ := strconv.Atoi(s[g[10]:g[11]])
		var d corpus.Date
		switch {
		case a > 12 && b <= 12:
			d = makeDate(y, time.Month(b), a, corpus.PrecisionDay)
		case b > 12 && a <= 12:
			d = makeDate(y, time.Month(a), b, corpus.PrecisionDay)
		case a == b:
			d = makeDate(y, time.Month(a), b, corpus.PrecisionDay)
		case lang == "":
			continue
		case monthFirst[lang]:
			d = makeDate(y, time.Month(a), b, corpus.PrecisionDay)
		default:
			d = makeDate(y, time.Month(b), a, corpus.PrecisionDay)
		}
		if !d.IsZero() {
			return dateMatch{d, g[0], g[1]}, true
		}
	}
	return dateMatch{}, false
}

// find returns the first English or numeric date written in a line of
// text, with its span, unless it lies in the future.
func (p *dateParser) find(s string) (dateMatch, bool) {
	m, ok := findDate(s)
	if !ok {
		return dateMatch{}, false
	}
	m.Date = p.notFuture(m.Date)
	return m, !m.Date.IsZero()
}

// notFuture returns d, or the zero Date when d starts after today.
func (p *dateParser) notFuture(d corpus.Date) corpus.Date {
	if d.IsZero() {
		return d
	}
	y, m, day := p.now().UTC().Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if d.Time.After(today) {
		return corpus.Date{}
	}
	return d
}

// notToday returns d, or the zero Date when d is today: a guess that
// lands on the day of extraction is a clock or a calendar on the page, not
// a publication date.
func (p *dateParser) notToday(d corpus.Date) corpus.Date {
	if d.Precision == corpus.PrecisionDay && d == corpus.NewDate(p.now().UTC(), corpus.PrecisionDay) {
		return corpus.Date{}
	}
	return d
}

// hasWordLetter reports whether s has a letter other than the T and Z of
// ISO 8601 date-times: whether it may name a month in words.
// maxDateWords is the most words with letters that a date written out
// has: "Tuesday, 3 March 2006", "mercredi 3 mars 2006", "3 de marzo de
// 2006". A longer text with a year in it ("Winners of the Young
// Epistemologist Prize 2017") is a title, not a date, and go-dateparser,
// which takes milliseconds a text, is not asked.
const maxDateWords = 4

// letterWords counts the words of s that hold a letter.
func letterWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

func hasWordLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsLetter(r) && r != 'T' && r != 'Z'
	}) >= 0
}
