package extract

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/clippings/clippings/corpus"
	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// This file finds when a page was published: metadata, dating elements,
// a date line at the head of the text, then go-htmldate.

// rxDateLineWords are the words a line that only gives a date may hold.
var rxDateLineWords = regexp.MustCompile(`(?i)^(?:(?:published|posted|updated|last updated|on|at|am|pm|utc|gmt|est|edt|cet|cest|bst|et|pt|the|of|,|\||-|–|—|:|\.|\d{1,2}:\d{2}(?::\d{2})?(?:am|pm)?|` +
	monthPattern + `|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|\d{1,4}(?:st|nd|rd|th)?)[\s,.]*)+$`)

// isDateLine reports whether a short line says nothing but a date.
func isDateLine(s string) bool {
	if utf8.RuneCountInString(s) > 80 {
		return false
	}
	if _, ok := findDate(s); !ok && !rxNumDate.MatchString(s) {
		return false
	}
	return rxDateLineWords.MatchString(strings.ReplaceAll(s, "/", " "))
}

// pageDate returns the publication date a page declares: article meta
// tags, JSON-LD, other date meta tags, then a <time> element.
func (x *Extractor) pageDate(p *page) corpus.Date {
	m := p.meta
	cands := append([]string{m.Published, m.LD.Published}, m.OtherDates...)
	cands = append(cands, m.LD.Created)
	var (
		zone      *time.Location
		zoneKnown bool
		coarse    corpus.Date // the first date known to less than a day
	)
	for i, c := range cands {
		d := x.dates.parse(c)
		if d.IsZero() {
			continue
		}
		if d.Precision < corpus.PrecisionDay {
			// A year or a month ("citation_date: 1988") yields to a day
			// given by another declaration.
			if coarse.IsZero() {
				coarse = d
			}
			continue
		}
		if !zoneKnown {
			zone, zoneKnown = x.zoneOf(p, append(append(slices.Clip(cands), m.Modified...), m.LD.Modified)), true
		}
		if ld, ok := localDate(c, zone); ok {
			return x.dates.notFuture(ld)
		}
		if !strings.Contains(c, ":") {
			// A bare day ("2019-11-19") that a later declaration stamps
			// in UTC on the same day is that stamp's UTC day: the local
			// day is the stamp's.
			for _, o := range cands[i+1:] {
				if x.dates.parse(o) == d {
					if ld, ok := localDate(o, zone); ok {
						return x.dates.notFuture(ld)
					}
				}
			}
		}
		return d
	}
	if d := x.timeElementDate(p.doc.Selection, p.language()); !d.IsZero() && (coarse.IsZero() || d.Precision > coarse.Precision) {
		return d
	}
	return coarse
}

// language returns the page's language: the one it declares, else the
// one its text is written in, or "".
func (p *page) language() string {
	if !p.langKnown {
		p.lang = primaryLanguage(p.meta.Lang)
		if p.lang == "" {
			p.lang = detectLanguage(text(p.doc.Find("body")))
		}
		p.langKnown = true
	}
	return p.lang
}

// timeSelectors find the element that dates an article, best first.
var timeSelectors = compileAll(
	`time[pubdate], [itemprop="datePublished"], time.published, time.entry-date, abbr.published, .published[title]`,
	`time[datetime]`,
	`.entry-date, .published, .post-date, .date-header, .dateline`,
)

// timeElementDate returns the date of the first dating element of s that
// parses, skipping comments, sidebars and the dates of changes.
func (x *Extractor) timeElementDate(s *goquery.Selection, lang string) corpus.Date {
	for _, sel := range timeSelectors {
		if d := x.datingElement(s, sel, lang); !d.IsZero() {
			return d
		}
	}
	return corpus.Date{}
}

// datingElement returns the date of the first element of s matched by sel
// that parses, skipping comments, sidebars and the dates of changes.
func (x *Extractor) datingElement(s *goquery.Selection, sel cascadia.Selector, lang string) corpus.Date {
	var d corpus.Date
	s.FindMatcher(sel).EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if inDateNoise(e) || isChangeElement(e.Get(0)) {
			return true
		}
		for _, a := range []string{"datetime", "content", "title"} {
			if v, ok := e.Attr(a); ok {
				if d = x.dates.parseIn(v, lang); !d.IsZero() {
					return false
				}
			}
		}
		if t := text(e); utf8.RuneCountInString(t) < 80 {
			d = x.dates.parseIn(t, lang)
		}
		return d.IsZero()
	})
	return d
}

// htmlDate asks go-htmldate for the original publication date. Its
// precision is taken from the text the date was read from when that text
// is shorter than a day.
func (x *Extractor) htmlDate(p *page) corpus.Date {
	res, err := htmldate.FromDocument(p.root, htmldate.Options{
		UseOriginalDate:     true,
		URL:                 p.url,
		SkipExtensiveSearch: false,
	})
	if err != nil || res.IsZero() {
		return corpus.Date{}
	}
	// go-htmldate reads "4. 2. 2022." month first, and takes the first
	// date of "Last changed: 31.10.2023 Published: 01.11.2023": the text it
	// read the date from decides when it spells the date out.
	if own, ok := publishedIn(res.SrcString); ok && own.Time.Year() == res.DateTime.Year() {
		return x.dates.notToday(x.dates.notFuture(own))
	}
	prec := corpus.PrecisionDay
	switch src := x.dates.parse(res.SrcString); {
	case rxURLMonth.MatchString(res.SrcString) && !rxURLDay.MatchString(res.SrcString):
		prec = corpus.PrecisionMonth // "/2015/11/slug": the month only
	case rxCopyright.MatchString(res.SrcString):
		// "© 2022" is the year the page was generated; a month in the
		// URL path, if any, is the publication's.
		if um := urlMonth(p.url); !um.IsZero() && um.Time.Year() <= res.DateTime.Year() {
			return x.dates.notFuture(um)
		}
		prec = corpus.PrecisionYear // only the year is known
		if g := rxYearRange.FindStringSubmatch(res.SrcString); g != nil && g[1] == strconv.Itoa(res.DateTime.Year()) {
			// "© 1998-2022": the page is of the range's last year.
			y, _ := strconv.Atoi(g[2])
			return x.dates.notFuture(makeDate(y, time.January, 1, corpus.PrecisionYear))
		}
	case !src.IsZero() && src.Precision < prec && src.Time.Year() == res.DateTime.Year():
		prec = src.Precision
	}
	return x.dates.notToday(x.dates.notFuture(corpus.NewDate(res.DateTime, prec)))
}

// urlMonth returns the month written in the path of URL u, or the zero
// Date.
func urlMonth(u string) corpus.Date {
	g := rxURLMonth.FindStringSubmatch(u)
	if g == nil {
		return corpus.Date{}
	}
	y, _ := strconv.Atoi(g[1])
	m, _ := strconv.Atoi(g[2])
	return makeDate(y, time.Month(m), 1, corpus.PrecisionMonth)
}

var (
	// rxURLMonth and rxURLDay match the dates in URL paths: "/2015/11/"
	// and "/2015/11/20/".
	rxURLMonth = regexp.MustCompile(`/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])(?:/|$)`)
	rxURLDay   = regexp.MustCompile(`/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])[/-](?:0?[1-9]|[12]\d|3[01])(?:/|$)`)
)

// rxYearRange matches a range of years in a copyright notice: "1998-2022".
var rxYearRange = regexp.MustCompile(`\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b`)

// rxCopyright matches a copyright notice, whose year is not a
// publication day.
var rxCopyright = regexp.MustCompile(`(?i)©|&copy;|\(c\)\s*\d|copyright`)

// rxChangeWords mark a date as that of a change, not the publication.
var rxChangeWords = regexp.MustCompile(`(?i)(?:updated|modified|changed|revised|änderung|geändert|aktualisiert|mis à jour|modifié|actualizado|aggiornato)\W*$`)

// rxOtherEventWords mark a date as that of another event than the
// publication: a forum member's registration, a birth.
var rxOtherEventWords = regexp.MustCompile(`(?i)(?:registriert|registered|joined|member since|mitglied seit|inscrit le|inscrit depuis|geboren|born)\W*$`)

// notPublicationLead reports whether the text before a date says it is
// not the publication's: a change, a registration, a birth.
func notPublicationLead(s string) bool {
	return rxChangeWords.MatchString(s) || rxOtherEventWords.MatchString(s)
}

// publishedIn returns the publication day written in a text in a form
// whose day and month order is certain ("4. 2. 2022.", "4 February
// 2022"): the first date, or the next one when the first follows a word
// of change ("Letzte Änderung: 31.10.2023 - Erschienen am: 01.11.2023").
func publishedIn(s string) (corpus.Date, bool) {
	m, ok := findDate(s)
	if !ok || m.Date.Precision != corpus.PrecisionDay {
		return corpus.Date{}, false
	}
	if rxChangeWords.MatchString(s[:m.Start]) {
		if next, ok := findDate(s[m.End:]); ok && next.Date.Precision == corpus.PrecisionDay {
			return next.Date, true
		}
	}
	return m.Date, true
}

// headerWindow is how many text pieces after the title headerDate reads:
// the header of an article (kicker, subtitle, byline, date) is short.
const headerWindow = 40

// headerAbove is how many text pieces above the title headerDate reads
// when none below it holds a date.
const headerAbove = 6

// headerDate returns the date shown in the article's header: the first
// date written in a short text piece after the title heading (see
// titleHeading), before the body starts (the second piece of more than
// 120 letters) and within headerWindow pieces, else the closest date in
// the headerAbove pieces above the title (a kicker or byline line). A
// <time> element is read from its datetime attribute. Dates after a word
// of change ("Updated 12 May 2020") and in comments, sidebars and
// navigation are skipped. It returns the zero Date
// when the page has no title heading or no such date.
func (x *Extractor) headerDate(p *page) corpus.Date {
	h := titleHeading(p)
	if h == nil {
		return corpus.Date{}
	}
	lang := p.language()
	noise := map[*html.Node]bool{}
	p.doc.FindMatcher(noiseMatch).Each(func(_ int, e *goquery.Selection) {
		noise[e.Get(0)] = !articleAside(e)
	})
	var (
		seen, long   int
		inside, done bool
		d            corpus.Date
		at           *html.Node   // where d was found below the title
		before       []*html.Node // the last text pieces above the title
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if done {
			return
		}
		if n == h {
			inside = true
			return // the title itself holds no date
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "noscript" || n.Data == "template") {
			return
		}
		if n.Type == html.ElementNode && (isChangeElement(n) || noise[n]) {
			return // the date of a change, a comment or a sidebar
		}
		if inside && n.Type == html.ElementNode && n.Data == "time" {
			if v := nodeAttr(n, "datetime"); v != "" && !changeBefore(n) {
				if d = x.timeDay(p, v); d.Precision == corpus.PrecisionDay {
					done, at = true, n
					return
				}
			}
		}
		if !inside && n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			before = append(before, n)
			if len(before) > headerAbove {
				before = before[1:]
			}
		}
		if inside && n.Type == html.TextNode {
			s := strings.Join(strings.Fields(n.Data), " ")
			if s == "" {
				return
			}
			seen++
			if utf8.RuneCountInString(s) > 120 {
				long++
			}
			if seen > headerWindow || long > 1 {
				done = true
				return
			}
			if utf8.RuneCountInString(s) <= 100 && !changeBefore(n) {
				if hd := x.dateInPiece(s, lang); !hd.IsZero() {
					d, done, at = hd, true, n
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	for i := len(before) - 1; i >= 0; i-- {
		// A kicker or byline line above the title: the closest date, or,
		// when the date below lies outside the title's container (a list
		// of other stories after an empty article), the closest date above
		// inside it.
		if !d.IsZero() && (at == nil || contains(h.Parent, at) || !contains(h.Parent, before[i])) {
			break
		}
		s := strings.Join(strings.Fields(before[i].Data), " ")
		if utf8.RuneCountInString(s) <= 100 && !changeBefore(before[i]) {
			bd := x.dateInPiece(s, lang)
			if t := before[i].Parent; !bd.IsZero() && t != nil && t.Data == "time" && nodeAttr(t, "datetime") != "" {
				if td := x.timeDay(p, nodeAttr(t, "datetime")); td.Precision == corpus.PrecisionDay {
					bd = td // "6.11.22" printed from 23:00 UTC on the eve of 7 November in Berlin
				}
			}
			if !bd.IsZero() {
				d, at = bd, nil
			}
		}
	}
	return d
}

// timeDay returns the day of the datetime attribute v of a <time>
// element: the local day of a UTC time stamp in the page's zone (see
// localDate), else the calendar day written.
func (x *Extractor) timeDay(p *page, v string) corpus.Date {
	m := p.meta
	declared := append([]string{m.Published, m.LD.Published, m.LD.Created}, m.OtherDates...)
	zone := x.zoneOf(p, append([]string{v}, declared...))
	if ld, ok := localDate(v, zone); ok {
		return x.dates.notFuture(ld)
	}
	if d, ok := sameInstant(v, declared); ok {
		return x.dates.notFuture(d)
	}
	return x.dates.parseIn(v, p.language())
}

// sameInstant returns the local day of the declared stamp with a UTC
// offset that a stamp without a zone (v, "2019-11-20T00:53:52") gives
// in UTC ("2019-11-19T19:53:52-05:00"): v is then that moment in UTC, and
// the declaration tells its local day.
func sameInstant(v string, declared []string) (corpus.Date, bool) {
	t, err := time.Parse("2006-01-02T15:04:05", strings.TrimSpace(v))
	if err != nil {
		return corpus.Date{}, false
	}
	for _, c := range declared {
		if rxOffset.FindStringSubmatch(strings.TrimSpace(c)) == nil {
			continue
		}
		if tc, err := time.Parse(time.RFC3339, strings.TrimSpace(c)); err == nil && tc.UTC().Equal(t) {
			return corpus.NewDate(tc, corpus.PrecisionDay), true
		}
	}
	return corpus.Date{}, false
}

// contains reports whether node n is anc or one of its descendants.
func contains(anc, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == anc {
			return true
		}
	}
	return false
}

// rxPieceSeparators split a header piece such as "1. Februar 2022 ,
// Daniel Dillenburg" or "Politik | 3. März 2021" into its parts.
var rxPieceSeparators = regexp.MustCompile(`\s*[,|–—•·]\s+|\s+[|–—•·]\s*`)

// dateInPiece returns the day written in a short piece of a header, in
// English, in numbers or, part by part, in the page's language; or the
// zero Date. A date after a word of change is not read.
func (x *Extractor) dateInPiece(s, lang string) corpus.Date {
	if m, ok := x.dates.findIn(s, lang); ok {
		if m.Date.Precision != corpus.PrecisionDay || notPublicationLead(s[:m.Start]) {
			return corpus.Date{}
		}
		return m.Date
	}
	if d := x.shortDate(s, lang); !d.IsZero() {
		return d
	}
	if !rxYear.MatchString(s) {
		return corpus.Date{}
	}
	if utf8.RuneCountInString(s) <= 40 && !rxUpdateNotice.MatchString(s) {
		if d := x.dates.parseIn(s, lang); d.Precision == corpus.PrecisionDay {
			return d // "07 Dezember, 2022"
		}
	}
	for _, part := range rxPieceSeparators.Split(s, -1) {
		if utf8.RuneCountInString(part) > 40 || !rxYear.MatchString(part) {
			continue
		}
		if rxUpdateNotice.MatchString(part) {
			return corpus.Date{}
		}
		if d := x.dates.parseIn(part, lang); d.Precision == corpus.PrecisionDay {
			return d
		}
	}
	return corpus.Date{}
}

// rxShortDMY matches a piece that starts with a day written with a
// two-digit year: "28.09.19", "10.12.19, 14:05".
var rxShortDMY = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:[\s,]|$)`)

// rxShortDayMonth matches a day and a month name with a two-digit year,
// which the piece must end with or follow by a space or closing
// punctuation, not a time: "( Pescasseroli, 14 Gennaio 20 )".
var rxShortDayMonth = regexp.MustCompile(`(?i)(?:^|[\s,(])(\d{1,2})\.?\s+(\p{L}{3,9})\s+(\d{2})(?:$|\s*[),;]|\s+[^\d\s:.])`)

// monthNumber numbers the full month names of English, German, French,
// Spanish, Italian, Portuguese and Dutch, in lower case.
var monthNumber = func() map[string]time.Month {
	set := map[string]time.Month{}
	for i, names := range []string{
		"january januar jänner janvier enero gennaio janeiro januari",
		"february februar février febrero febbraio fevereiro februari",
		"march märz mars marzo março maart",
		"april avril abril aprile",
		"may mai mayo maggio maio mei",
		"june juni juin junio giugno junho",
		"july juli juillet julio luglio julho",
		"august août agosto augustus",
		"september septembre septiembre settembre setembro",
		"october oktober octobre octubre ottobre outubro",
		"november novembre noviembre novembro",
		"december dezember décembre diciembre dicembre dezembro",
	} {
		for _, n := range strings.Fields(names) {
			set[n] = time.Month(i + 1)
		}
	}
	return set
}()

// shortDate returns the day of a header piece that starts with a date
// of two-digit year in the day-first order of its language ("28.09.19"),
// or that writes a day and a month name with a two-digit year ("14
// Gennaio 20"), in the century that puts it closest before today, or the
// zero Date.
func (x *Extractor) shortDate(s, lang string) corpus.Date {
	var d, m, y int
	if g := rxShortDMY.FindStringSubmatch(s); g != nil && !monthFirst[lang] {
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := rxShortDayMonth.FindStringSubmatch(s); g != nil && monthNumber[strings.ToLower(g[2])] != 0 {
		d, _ = strconv.Atoi(g[1])
		m = int(monthNumber[strings.ToLower(g[2])])
		y, _ = strconv.Atoi(g[3])
	} else {
		return corpus.Date{}
	}
	y += 2000
	if y > x.dates.now().Year() {
		y -= 100
	}
	return x.dates.notFuture(makeDate(y, time.Month(m), d, corpus.PrecisionDay))
}

// titleHeading returns the heading that holds the article's title: the
// first h1, h2 or h3 outside sidebars whose text holds a title the page
// declares or is most of it (not the site name of "Title | Site"), else
// the first such h1 that is not empty; or nil.
func titleHeading(p *page) *html.Node {
	m := p.meta
	var titles []string
	for _, t := range []string{m.OGTitle, m.TwTitle, m.MetaTitle, m.LD.Headline, m.TitleTag} {
		if t = normTitle(t); utf8.RuneCountInString(t) >= 10 {
			titles = append(titles, t)
		}
	}
	var found *html.Node
	p.doc.Find("h1, h2, h3").EachWithBreak(func(_ int, e *goquery.Selection) bool {
		t := normTitle(e.Text())
		if utf8.RuneCountInString(t) < 10 || inNoise(e) {
			return true
		}
		for _, title := range titles {
			if strings.Contains(t, title) || strings.Contains(title, t) && 2*utf8.RuneCountInString(t) >= utf8.RuneCountInString(title) {
				found = e.Get(0)
				return false
			}
		}
		return true
	})
	if found != nil {
		return found
	}
	p.doc.Find("h1").EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if inNoise(e) || strings.TrimSpace(e.Text()) == "" || isLogoHeading(e, p.site) {
			return true
		}
		found = e.Get(0)
		return false
	})
	return found
}

// isLogoHeading reports whether heading e is the site's logo, not an
// article's title: it only names the site, or only links to the site's
// home page.
func isLogoHeading(e *goquery.Selection, site string) bool {
	t := normTitle(e.Text())
	if site != "" && t == normTitle(site) {
		return true
	}
	a := e.Find("a[href]")
	if a.Length() != 1 || normTitle(a.Text()) != t {
		return false
	}
	href, _ := a.Attr("href")
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || u.RawQuery != "" || u.Fragment != "" || u.Path == "" && u.Host == "" {
		return false // an anchor on the page itself ("#top") is not the home page
	}
	return u.Path == "" || u.Path == "/" || path.Base(u.Path) == "index.html" && path.Dir(u.Path) == "/"
}

// normTitle returns a title in lower case with only its letters and
// digits, space separated: a title tag and its heading often differ in
// dashes and quotes ("Queer Royal – Über" and "Queer Royal - Über").
func normTitle(s string) string {
	return normText(s)
}

// articleAside reports whether e is an <aside> inside an <article>: the
// article's own box of metadata (author, date, tags), not a sidebar.
func articleAside(e *goquery.Selection) bool {
	return goquery.NodeName(e) == "aside" && e.ParentsFiltered("article").Length() > 0
}

// inDateNoise is inNoise for dating elements: e is inside a sidebar,
// comment or navigation, an article's own aside excepted.
func inDateNoise(e *goquery.Selection) bool {
	noisy := false
	e.ParentsMatcher(noiseMatch).AddSelection(e.FilterMatcher(noiseMatch)).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		noisy = !articleAside(a)
		return !noisy
	})
	return noisy
}

// isChangeElement reports whether element n is marked as giving the date
// of a change: itemprop="dateModified", a class naming a modification
// (WordPress's "updated" class also marks publication dates), or a <time>
// whose text starts with a word of change ("Updated Nov 19, 9:41 AM").
func isChangeElement(n *html.Node) bool {
	class := strings.ToLower(nodeAttr(n, "class"))
	return strings.EqualFold(nodeAttr(n, "itemprop"), "dateModified") ||
		strings.Contains(class, "modified") ||
		(n.Data == "time" && rxChangeStart.MatchString(nodeText(n)))
}

// rxChangeStart matches the text of a <time> element that announces a
// change: "Updated Nov 19, 9:41 AM".
var rxChangeStart = regexp.MustCompile(`(?i)^\s*(?:last\s+)?(?:updated|modified|changed|revised|aktualisiert|geändert|mis à jour|actualizado|aggiornato)\b`)

// changeBefore reports whether the text just before n (in its parent or,
// when n starts its parent, before the parent) says its date is not the
// publication's (see notPublicationLead), such as "Updated:".
func changeBefore(n *html.Node) bool {
	for i := 0; i < 3 && n != nil; i++ {
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			t := strings.TrimSpace(nodeText(s))
			if t == "" {
				continue
			}
			return notPublicationLead(t)
		}
		n = n.Parent
	}
	return false
}

// nodeAttr returns the value of attribute key of n, or "".
func nodeAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText returns the text of n and its descendants.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

// articleDate returns the publication date of a single-article page. The
// page's declarations (see pageDate) come first, then the date line that
// heads the body (lineDate) when it says more, then go-htmldate. The date
// shown in the article's header (see headerDate) is taken before
// go-htmldate's guess when the page declares none, before generic date
// tags when it declares no publication date (see declaresPublication),
// and before a publication date when another source confirms it:
// declarations disagree more often with the page than the page with
// itself (a meta tag stamped in UTC a day later, a CMS date that is not
// the one printed under the title). A day in the URL path long before
// the date found is the original publication (see urlOriginal).
func (x *Extractor) articleDate(p *page, lineDate corpus.Date) corpus.Date {
	d := x.dayOfMonth(p, urlOriginal(p.url, x.pageArticleDate(p, lineDate)))
	return x.yearlessDay(p, d)
}

// rxYearlessCJK matches a Chinese or Japanese date without a year at the
// start of a short piece: "[06月24日 11時30分]".
var rxYearlessCJK = regexp.MustCompile(`^\W{0,2}(\d{1,2})月(\d{1,2})日`)

// yearlessDay returns the day that a page's first short piece of text
// shows as a month and day without a year ("[06月24日 11時30分]" under a
// Japanese headline), in the year of d, when that day is within a month
// of d: the page's own date, told in full elsewhere (a link to the full
// report of 19 June 2019), gives the year. Only Japanese and Chinese
// pages are searched. Else it returns d.
func (x *Extractor) yearlessDay(p *page, d corpus.Date) corpus.Date {
	if lang := p.language(); d.Precision != corpus.PrecisionDay || (lang != "ja" && lang != "zh") {
		return d
	}
	var found corpus.Date
	p.doc.Find("body *").EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if e.Children().Length() > 0 {
			return true
		}
		t := strings.TrimSpace(e.Text())
		g := rxYearlessCJK.FindStringSubmatch(t)
		if g == nil || utf8.RuneCountInString(t) > 40 || inNoise(e) {
			return true
		}
		m, _ := strconv.Atoi(g[1])
		day, _ := strconv.Atoi(g[2])
		found = makeDate(d.Time.Year(), time.Month(m), day, corpus.PrecisionDay)
		return false
	})
	if found.IsZero() || found == d {
		return d
	}
	if gap := found.Time.Sub(d.Time); gap > 31*24*time.Hour || gap < -31*24*time.Hour {
		return d
	}
	return x.dates.notFuture(found)
}

// dayOfMonth returns the day of month d that the page writes, when d is
// known to the month only (from the URL path "/2010/05/slug") and the
// page's text, sidebars included, writes exactly one day of that month
// ("wurde am 19. Mai 2010 gepostet"): two sources agree on the month and
// one names the day. Else it returns d.
func (x *Extractor) dayOfMonth(p *page, d corpus.Date) corpus.Date {
	if d.Precision != corpus.PrecisionMonth {
		return d
	}
	lang := p.language()
	var day corpus.Date
	several := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case several:
			return
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "noscript" || n.Data == "template" || n.Data == "head"):
			return
		case n.Type == html.TextNode:
			see := func(w corpus.Date) {
				if w.Precision == corpus.PrecisionDay && w.Time.Year() == d.Time.Year() && w.Time.Month() == d.Time.Month() {
					several = several || (!day.IsZero() && day != w)
					day = w
				}
			}
			s := strings.Join(strings.Fields(n.Data), " ")
			if utf8.RuneCountInString(s) <= 100 {
				see(x.dateInPiece(s, lang)) // "19. Mai 2010", in the page's language
				return
			}
			for !several {
				m, ok := x.dates.findIn(s, lang)
				if !ok {
					break
				}
				see(m.Date)
				s = s[m.End:]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	if several || day.IsZero() {
		return d
	}
	return day
}

// republishGap is how much later than the day in its URL path a page's
// date must be for the URL's day to be taken as the original publication.
// Closer dates are corrections and time-zone shifts, not republications.
const republishGap = 30 * 24 * time.Hour

// urlOriginal returns the day written in the path of URL u when it is
// more than republishGap before d: the address was fixed when the piece
// first appeared, while a move to a new system or a republication
// restamped its date. Else it returns d.
func urlOriginal(u string, d corpus.Date) corpus.Date {
	if ud := urlDay(u); !ud.IsZero() && !d.IsZero() && d.Time.Sub(ud.Time) > republishGap {
		return ud
	}
	return d
}

// pageArticleDate is articleDate before the URL path is heard.
func (x *Extractor) pageArticleDate(p *page, lineDate corpus.Date) corpus.Date {
	d := x.pageDate(p)
	if d.IsZero() || lineDate.Precision > d.Precision && lineDate.Time.Year() == d.Time.Year() {
		d = lineDate // the date line under the title says more
	}
	h := x.dates.notToday(x.headerDate(p))
	if sw, ok := swapDayMonth(h); ok && !x.declared(p, h) && x.declared(p, sw) {
		h = sw // "02/10/2020" read month first, but the URL says 2 October
	}
	if !h.IsZero() && h != d && (d.IsZero() || !x.declaresPublication(p) || x.confirmed(p, h) || zoneShift(p, d, h)) {
		return h
	}
	if d.IsZero() {
		d = x.markedDate(p)
	}
	if d.IsZero() {
		d = x.htmlDate(p)
	}
	return d
}

// rxNaiveStamp matches a time stamp with a time of day and no zone:
// "2019-11-19 02:24:00", "2019-11-19T02:24".
var rxNaiveStamp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ](\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?$`)

// zoneShift reports whether the page's first date declaration, a stamp
// without a zone that dates it d, is a UTC stamp that the header's day h
// shows in a zone west or east of UTC: h is the day before d and the
// stamp's hour is in the morning ("2019-11-19 02:24:00" under a header
// "9:24 pm ET, Nov 18"), or h is the day after and the stamp's hour in
// the afternoon.
func zoneShift(p *page, d, h corpus.Date) bool {
	if d.Precision != corpus.PrecisionDay || h.Precision != corpus.PrecisionDay {
		return false
	}
	m := p.meta
	c := strings.TrimSpace(first(m.Published, m.LD.Published))
	g := rxNaiveStamp.FindStringSubmatch(c)
	if g == nil || !strings.HasPrefix(c, d.String()) {
		return false
	}
	hour, _ := strconv.Atoi(g[1])
	switch h.Time.Sub(d.Time) {
	case -24 * time.Hour:
		return hour < 12
	case 24 * time.Hour:
		return hour >= 12
	}
	return false
}

// confirmed reports whether a source other than the header gives the day
// d: a date declaration, the URL path, a dating element or go-htmldate.
func (x *Extractor) confirmed(p *page, d corpus.Date) bool {
	return x.declared(p, d) || x.timeElementDate(p.doc.Selection, p.language()) == d || x.htmlDate(p) == d
}

// declared reports whether the page's date declarations or its URL path
// give the day d.
func (x *Extractor) declared(p *page, d corpus.Date) bool {
	if d.Precision != corpus.PrecisionDay {
		return false
	}
	m := p.meta
	for _, c := range append([]string{m.Published, m.LD.Published, m.LD.Created}, m.OtherDates...) {
		if c != "" && x.dates.parse(c) == d {
			return true
		}
	}
	return urlDay(p.url) == d
}

// rxURLPathDay matches a day in a URL path, its month in digits or in
// English: "/2015/11/20/", "/2020/oct/02/".
var rxURLPathDay = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(0?[1-9]|1[0-2]|` + monthPattern + `)/(0?[1-9]|[12]\d|3[01])(?:/|$)`)

// urlDay returns the day written in the path of URL u, or the zero Date.
func urlDay(u string) corpus.Date {
	g := rxURLPathDay.FindStringSubmatch(u)
	if g == nil {
		return corpus.Date{}
	}
	y, _ := strconv.Atoi(g[1])
	m, ok := monthOf(g[2])
	if !ok {
		n, _ := strconv.Atoi(g[2])
		m = time.Month(n)
	}
	d, _ := strconv.Atoi(g[len(g)-1]) // monthPattern holds a group
	return makeDate(y, m, d, corpus.PrecisionDay)
}

// swapDayMonth returns the day d with its day and month swapped, when
// both readings are real days: the other reading of an all-numeric date
// such as "02/10/2020".
func swapDayMonth(d corpus.Date) (corpus.Date, bool) {
	if d.Precision != corpus.PrecisionDay || d.Time.Day() > 12 || d.Time.Day() == int(d.Time.Month()) {
		return corpus.Date{}, false
	}
	sw := makeDate(d.Time.Year(), time.Month(d.Time.Day()), int(d.Time.Month()), corpus.PrecisionDay)
	return sw, !sw.IsZero()
}

// declaresPublication reports whether the page declares its publication
// date in an article-specific way (article:published_time and its kin,
// JSON-LD datePublished, an element marked as the publication date), not
// only in generic date tags ("date", "dc.date") that many sites fill with
// the day a page was generated.
func (x *Extractor) declaresPublication(p *page) bool {
	return !x.dates.parse(p.meta.Published).IsZero() || !x.dates.parse(p.meta.LD.Published).IsZero() ||
		!x.datingElement(p.doc.Selection, timeSelectors[0], p.language()).IsZero()
}

var (
	// rxDatelineHead matches what may precede the date of a dateline: an
	// opening parenthesis or a place ("BERLIN, ", "Bern (sda) ").
	rxDatelineHead = regexp.MustCompile(`^(?:\(|\p{Lu}[\p{L}.' -]{0,30}(?:\s*\([\p{L}/ ]{1,12}\))?\s*,\s*)?$`)
	// rxDatelineTail matches what follows the date of a dateline before
	// the text goes on: a closing parenthesis or a dash, after an optional
	// time of day.
	rxDatelineTail = regexp.MustCompile(`^(?:,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?)?\s*(?:\)|[–—-]\s|:\s)`)
)

// datelineWindow is how many paragraphs at the head of a body may open
// with a dateline: a lead or a repeated heading may come first.
const datelineWindow = 3

// datelineDate returns the day of the dateline that opens a paragraph,
// as news agencies and press releases write it: "29.11.2022 – The
// minister said …", "(21. November 2022) Consumers …", "BERLIN, 3 May
// 2021 – …". It returns the zero Date when p does not open so.
func (x *Extractor) datelineDate(p, lang string) corpus.Date {
	// A dateline opens the paragraph: the place before the date is
	// short (rxDatelineHead), so only the paragraph's start is searched.
	head := p
	if len(head) > datelineReach {
		head = head[:datelineReach]
		for !utf8.RuneStart(head[len(head)-1]) {
			head = head[:len(head)-1]
		}
	}
	if !strings.ContainsAny(head, "0123456789") {
		return corpus.Date{} // every day date has digits
	}
	m, ok := x.dates.findIn(head, lang)
	if !ok || m.Date.Precision != corpus.PrecisionDay || !rxDatelineHead.MatchString(p[:m.Start]) ||
		!rxDatelineTail.MatchString(strings.ToLower(p[m.End:])) {
		return corpus.Date{}
	}
	return m.Date
}

// datelineReach is how far into a paragraph, in bytes, its dateline's
// date may end.
const datelineReach = 120

// rxPublishedLead matches the words that announce a publication date at
// the start of a line: "Published on", "Veröffentlicht am", "Erstellt
// am:", "Publié le", "Pubblicato il", and the sentence of blog themes
// "This entry was posted on".
var rxPublishedLead = regexp.MustCompile(`(?i)^(?:first |originally |this (?:entry|post|article) was )?(?:published|posted|veröffentlicht|erschienen|erstellt|publiziert|publié|publiée|mis en ligne|pubblicato|publicado|publicada|gepubliceerd|opublikowano)(?:\s+(?:on|am|le|il|el|op|at|den))?\s*:?\s*`)

// markedDate returns the day a page announces as its publication date in
// so many words, in the first line of its text outside sidebars, comments
// and navigation that starts with such words ("Veröffentlicht am
// 16.08.2019", "Published on March 3, 2020") or in the piece after such
// words alone ("<dt>Published:</dt><dd>March 3, 2020</dd>"), or the zero
// Date.
func (x *Extractor) markedDate(p *page) corpus.Date {
	lang := p.language()
	noise := map[*html.Node]bool{}
	p.doc.FindMatcher(noiseMatch).Each(func(_ int, e *goquery.Selection) {
		noise[e.Get(0)] = !articleAside(e)
	})
	var (
		d       corpus.Date
		pending bool // the last text piece was the words alone: "Published:"
	)
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		switch {
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "noscript" || n.Data == "template" || n.Data == "head"):
			return true
		case n.Type == html.ElementNode && (isChangeElement(n) || noise[n]):
			return true
		case n.Type == html.TextNode:
			s := strings.Join(strings.Fields(n.Data), " ")
			if s == "" || utf8.RuneCountInString(s) > 100 {
				pending = pending && s == ""
				return true
			}
			rest := ""
			if lead := rxPublishedLead.FindStringIndex(s); lead != nil {
				rest = s[lead[1]:]
				if rest == "" {
					pending = true // the date is in the next piece
					return true
				}
			} else if pending {
				rest = s
			}
			pending = false
			if rest != "" {
				if d = x.dateInPiece(rest, lang); !d.IsZero() {
					return false
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(p.root)
	return d
}
