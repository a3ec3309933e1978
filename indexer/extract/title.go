package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// This file chooses a page's title and names its site, weighing what the
// page says in several places against each other.

// siteName returns the name of the site, or "". The candidates are
// og:site_name, the JSON-LD publisher and WebSite names, the publisher
// and application-name meta tags, in that order of trust, then the ends of
// the <title>; a candidate that the page's host or the ends of its
// <title> confirm gains trust (og:site_name is sometimes a section: "U.S."
// on reuters.com, whose titles end in "- Reuters"). A name written as a
// lower-case slug of the host ("cleveland", "@politifact") is replaced by
// the host's name as the <title> writes it. Without any candidate the
// host of the page's address is the site.
func (x *Extractor) siteName(p *page) string {
	m := p.meta
	host := hostOf(p.url)
	label := domainLabel(host)
	ends := titleEnds(m.TitleTag)
	best, bestScore := "", 0
	consider := func(c string, score int) {
		if isSubdomainWord(c, host) && x.outlets.resolve(label) != label {
			return // "Hosted" on hosted.ap.org names a service of the AP
		}
		if len(ends) == 2 && sameText(c, m.TitleTag) {
			// The page's whole <title> given as its site's name: only
			// its last part names the site.
			c = ends[1]
		}
		c = cleanSiteName(c, label)
		if c == "" || isURL(c) || utf8.RuneCountInString(c) > 80 {
			return
		}
		if host != "" && namesHost(c, label) {
			score += 4
		}
		for _, e := range ends {
			if sameText(c, e) {
				score += 4
				break
			}
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	for i, c := range []string{m.SiteName, m.LD.Publisher, m.LD.SiteName, m.Publisher, m.AppName} {
		consider(c, 5-i)
	}
	if host != "" && best != "" {
		// A <title> end counts only when it names the host: "Reuters"
		// on reuters.com, not the last words of a headline; and only
		// against another candidate, so that a personal site named
		// after its author ("… | Wolfgang Michal") keeps its host and
		// its author.
		for _, e := range ends {
			if namesHost(e, label) {
				consider(e, 2-4)
			}
		}
	}
	if best == "" {
		return x.hostSite(host, label, ends)
	}
	if host != "" && len(strings.Fields(best)) >= 3 && !namesHost(best, label) {
		// A slogan as the site's name ("Expert how-to for English
		// Riders" on practicalhorsemanmag.com) yields to the host's name
		// as the page writes it, before a generic word of the host, when
		// the slogan does not say that name.
		for _, t := range append([]string{m.TitleTag, m.Desc}, m.MetaAuthor...) {
			if w := hostAsWrittenStem(label, t); w != "" && !containsText(best, w) {
				return w
			}
		}
	}
	if host != "" && !hasUpper(best) && sameLetters(best, label) {
		// A slug: the page may write the name properly elsewhere.
		if w := hostAsWritten(host, m.TitleTag); w != "" {
			return w
		}
		for _, e := range ends {
			if strings.EqualFold(strings.TrimPrefix(strings.ToLower(e), "www."), host) {
				return e
			}
		}
	}
	return best
}

// isSubdomainWord reports whether a site name candidate is one word that
// spells a subdomain of host rather than its domain: "Hosted" on
// hosted.ap.org. It names the outlet's service when the alias table knows
// the domain's outlet, and may be the outlet otherwise
// ("ProFootballTalk" on profootballtalk.nbcsports.com).
func isSubdomainWord(c, host string) bool {
	labels := strings.Split(host, ".")
	if len(labels) < 3 || strings.ContainsAny(strings.TrimSpace(c), " ") {
		return false
	}
	label := domainLabel(host)
	for _, l := range labels[:len(labels)-2] {
		if l != label && l != "www" && sameLetters(c, l) {
			return true
		}
	}
	return false
}

// hostSite names the site of a page that gives no name: the outlet the
// alias table knows by the host's domain label ("ap" for hosted.ap.org),
// else the last part of the <title> when its first word and a generic
// word make the domain label ("Royal Arrogance - Sputnik International"
// on sputniknews.com), else the host without a "blog." subdomain.
func (x *Extractor) hostSite(host, label string, ends []string) string {
	if host == "" {
		return ""
	}
	if known := x.outlets.resolve(label); known != label {
		return known
	}
	if len(ends) == 2 {
		e := ends[1]
		words := strings.Fields(e)
		if n := len(words); n >= 1 && n <= 4 && hasUpper(e) {
			w := foldLetters(words[0])
			for _, g := range genericHostWords {
				if len(w) >= 4 && label == w+g {
					return e
				}
			}
		}
	}
	return strings.TrimPrefix(host, "blog.")
}

// genericHostWords end domain labels besides the outlet's name:
// practicalhorseman-mag, sputnik-news.
var genericHostWords = []string{"magazine", "mag", "news", "online", "blog", "daily", "media", "tv"}

// hostAsWrittenStem returns the name of a domain label that ends with a
// generic word, as a text writes the name without that word: "Practical
// Horseman" in "Practical Horseman's top picks" for practicalhorsemanmag;
// or "".
func hostAsWrittenStem(label, text string) string {
	for _, g := range genericHostWords {
		stem, ok := strings.CutSuffix(label, g)
		if !ok || len(stem) < 5 {
			continue
		}
		words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("|–—·•:«»,", r) })
		for i := range words {
			for j := i + 1; j <= len(words) && j <= i+4; j++ {
				name := strings.TrimSuffix(strings.TrimSuffix(strings.Join(words[i:j], " "), "'s"), "’s")
				r, _ := utf8.DecodeRuneInString(name)
				if unicode.IsUpper(r) && foldLetters(name) == stem {
					return strings.Trim(name, ".,;!?'\"")
				}
			}
		}
	}
	return ""
}

// rxSiteSep divides a site name that adds a slogan or a second name:
// "LinkNaija | Nigeria's popular news platform", "The Jerusalem Post |
// JPost.com", "Autoracing | F1 | Indy | MotoGP".
var rxSiteSep = regexp.MustCompile(`\s+(?:\||-|–|—|::|·|•)\s+|\s*\|\s*`)

// cleanSiteName trims a site name candidate: a leading "@" (a Twitter
// handle given as og:site_name) goes, and of a name divided by
// separators the part naming the host (label) is kept, or the first.
func cleanSiteName(c, label string) string {
	c = strings.TrimPrefix(strings.TrimSpace(c), "@")
	parts := rxSiteSep.Split(c, -1)
	if len(parts) < 2 {
		return c
	}
	for _, part := range parts {
		if label != "" && sameLetters(part, label) {
			return strings.TrimSpace(part)
		}
	}
	return strings.TrimSpace(parts[0])
}

// namesHost reports whether a site name spells the host's domain label,
// with or without a leading article: "The Hollywood Reporter" for
// hollywoodreporter.com.
func namesHost(name, label string) bool {
	if sameLetters(name, label) {
		return true
	}
	for _, the := range []string{"the ", "The ", "THE "} {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(name), the); ok && sameLetters(rest, label) {
			return true
		}
	}
	return false
}

// hasUpper reports whether s has an upper-case letter.
func hasUpper(s string) bool {
	return strings.IndexFunc(s, unicode.IsUpper) >= 0
}

// displaySite returns outlet, or when outlet is only the page's host
// (pluralsight.com), the host's name as the page's <title> writes it
// (Pluralsight). It is applied once the authors are known, so that a
// personal site's name does not hide its author.
func displaySite(p *page, outlet string) string {
	if outlet == "" || outlet != hostOf(p.url) {
		return outlet
	}
	return first(hostAsWritten(outlet, p.meta.TitleTag), outlet)
}

// hostAsWritten returns the name of a host's domain label as a text
// writes it: "Pluralsight" in "Pluralsight Tech Blog | Managing Python"
// for pluralsight.com, "Stack Overflow" for stackoverflow.com; or "".
func hostAsWritten(host, text string) string {
	if host == "" || text == "" {
		return ""
	}
	label := domainLabel(host)
	words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("|–—·•:«»", r) })
	for i := range words {
		for j := i + 1; j <= len(words) && j <= i+4; j++ {
			name := strings.Join(words[i:j], " ")
			r, _ := utf8.DecodeRuneInString(name)
			if unicode.IsUpper(r) && sameLetters(name, label) {
				return strings.Trim(name, ".,;!?'\"")
			}
		}
	}
	return ""
}

// titleEnds returns the first and last parts of a <title> that separators
// divide ("Title | Site" gives "Title" and "Site"), or nil.
func titleEnds(title string) []string {
	locs := rxTitleSep.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return nil
	}
	return []string{strings.TrimSpace(title[:locs[0][0]]), strings.TrimSpace(title[locs[len(locs)-1][1]:])}
}

// domainLabel returns the name part of a host: "reuters" for
// "reuters.com", "bbc" for "bbc.co.uk", "myoos" for "foren.myoos.de".
func domainLabel(host string) string {
	labels := strings.Split(host, ".")
	if len(labels) > 1 {
		labels = labels[:len(labels)-1] // the top-level domain
	}
	if len(labels) > 1 {
		switch labels[len(labels)-1] {
		case "co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "gv":
			labels = labels[:len(labels)-1] // "co.uk", "com.au"
		}
	}
	return labels[len(labels)-1]
}

// sameLetters reports whether a and b have the same letters and digits,
// ignoring case, accents, spaces and punctuation: "La Vie des idées" and
// "laviedesidees".
func sameLetters(a, b string) bool {
	fold := func(s string) string {
		var out strings.Builder
		for _, r := range norm.NFD.String(strings.ToLower(s)) {
			if isAlnum(r) && !unicode.Is(unicode.Mn, r) {
				out.WriteRune(r)
			}
		}
		return out.String()
	}
	fa := fold(a)
	return fa != "" && fa == fold(b)
}

// Title separators split "Title | Site" and "Site - Title".
var rxTitleSep = regexp.MustCompile(`\s+(?:\||-|–|—|::|«|»|·|•|/|:)\s+|\s*(?:\||«|»|·|•)\s*`)

// kickerSelector matches the kicker (German "Dachzeile") that news sites
// print inside a headline, above or before its title: "<h1><span
// class="dachzeile">Interne Unterlagen im Netz</span> Daten von
// Rheinmetall gehackt</h1>".
const kickerSelector = `[class*="kicker"], [class*="dachzeile"], [class*="topline"], [class*="overline"], [class*="eyebrow"], ` +
	`[class*="roofline"], [class*="spitzmarke"], [class*="supertitle"], [class*="pretitle"], [class*="subtitle"], [class*="visually-hidden"], [class*="sr-only"]`

// hiddenSelector matches headings that only screen readers see
// ("Hauptinhalt", "Navigation mit Access Keys"): they name parts of the
// page, not its article. A hidden heading marked as the headline for
// machines (itemprop=headline) is still evidence.
const hiddenSelector = `.sr-only, .screen-reader-text, .visually-hidden, .visuallyhidden, .text-hide, .element-invisible, .hidden, [hidden]`

// headingText returns a heading's text without its kicker, unless the
// kicker is all there is.
func headingText(s *goquery.Selection) string {
	if s.FindMatcher(kickerMatch).Length() == 0 {
		return text(s)
	}
	c := s.Clone()
	c.FindMatcher(kickerMatch).Remove()
	if t := text(c); len(strings.Fields(t)) >= 2 {
		return t
	}
	return text(s)
}

// untruncate returns the whole of a title that a source cut short with
// an ellipsis ("Brothel catering to politicians, doctors,…"), when another
// of the page's titles or headings starts the same and goes on.
func untruncate(title string, p *page) string {
	title = strings.TrimSpace(title)
	cut := strings.TrimSuffix(strings.TrimSuffix(title, "…"), "...")
	if cut == title || utf8.RuneCountInString(cut) < 10 {
		return title
	}
	m := p.meta
	cands := []string{m.LD.Headline, m.OGTitle, m.TwTitle, m.MetaTitle, stripSite(m.TitleTag, p.site)}
	p.doc.Find("h1").Each(func(_ int, s *goquery.Selection) { cands = append(cands, headingText(s)) })
	best := title
	for _, c := range cands {
		c = strings.TrimSpace(c)
		rest := strings.TrimLeft(strings.TrimPrefix(c, cut), " ")
		r, _ := utf8.DecodeRuneInString(rest)
		if strings.HasPrefix(c, cut) && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !strings.HasSuffix(c, "…") && !strings.HasSuffix(c, "...") &&
			utf8.RuneCountInString(c) > utf8.RuneCountInString(best) && utf8.RuneCountInString(c) < 300 {
			best = c
		}
	}
	return best
}

// rxTitleDate matches a date that starts a title, with its separator:
// "23.01.2022 - ".
var rxTitleDate = regexp.MustCompile(`^\s*(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\s*[-–—|:]\s+`)

// stripDatePrefix removes the date a title starts with ("23.01.2022 -
// Dorothea Wierer darf noch jubeln"): the date is the article's, not part
// of its title.
func stripDatePrefix(title string) string {
	if loc := rxTitleDate.FindStringIndex(title); loc != nil && len(strings.Fields(title[loc[1]:])) >= 2 {
		return title[loc[1]:]
	}
	return title
}

// pageTitle chooses a page's title from its evidence: JSON-LD headline,
// og:title, twitter:title, headings (h1 to h3 and elements marked as a
// post or entry title), the <title> element and trafilatura's guess.
//
// An <h1> that most sources repeat wins (see bestSupported). Else a
// heading confirmed by another source wins, a main heading (<h1> or a
// marked title) before any other: one equal to a metadata title, else
// the longest one that is a part of <title> or of a metadata title
// ("Title | Blog Archive | Site"). Without confirmation, the headline
// the reader sees is preferred to the metadata, which is often written
// for search engines and social networks: the first main heading that
// shares a word with the metadata titles, or the only <h1> of the page.
// Then the metadata title is used, then a marked heading, then <title>
// without the site name.
func (x *Extractor) pageTitle(p *page, trTitle string) string {
	m := p.meta
	metaTitles := []string{m.LD.Headline, m.OGTitle, m.TwTitle, m.MetaTitle}
	site := first(p.site, p.siteFromDOM())
	var headings []heading
	var marked, h1s []string
	p.doc.Find("h1, h2, h3, [itemprop=headline], .entry-title, .post-title, .article-title, .headline, .topic-title").EachWithBreak(func(i int, s *goquery.Selection) bool {
		if inNoise(s) || (s.IsMatcher(hiddenMatch) && !s.Is("[itemprop=headline]")) {
			return true
		}
		t := headingText(s)
		if t == "" || utf8.RuneCountInString(t) > 300 || (site != "" && sameText(t, site)) {
			return true
		}
		name := goquery.NodeName(s)
		isMarked := s.Is("[itemprop=headline], .entry-title, .post-title, .article-title, .headline, .topic-title, h2.entry-header, h3.entry-header")
		headings = append(headings, heading{text: t, main: name == "h1" || isMarked})
		switch {
		case isMarked:
			marked = append(marked, t)
		case name == "h1":
			h1s = append(h1s, t)
		}
		return len(headings) < 40
	})
	titleTag := m.TitleTag
	sources := append([]string{titleTag}, metaTitles...)
	if t := bestSupported(p, site); t != "" {
		return withoutKicker(t, metaTitles)
	}

	if t := kickedTitle(headings, stripSite(titleTag, site)); t != "" {
		return t
	}
	for _, main := range []bool{true, false} {
		for _, mt := range metaTitles {
			if mt == "" {
				continue
			}
			for _, h := range headings {
				if h.main != main {
					continue
				}
				if sameText(h.text, mt) || sameText(h.text, stripSite(mt, site)) {
					if l := longerHeadline(headings, h.text, sources, site); l != "" {
						return l
					}
					return withoutKicker(h.text, metaTitles)
				}
			}
		}
	}
	best := ""
	for _, h := range headings {
		if utf8.RuneCountInString(h.text) <= utf8.RuneCountInString(best) {
			continue
		}
		for _, src := range sources {
			if src == "" {
				continue
			}
			if isTitlePart(src, h.text, h.main) || (h.main && utf8.RuneCountInString(h.text) >= 8 && containsText(src, h.text)) {
				best = h.text
				break
			}
		}
	}
	if best != "" && len(strings.Fields(best)) == 1 && !isMain(headings, best) {
		// One word of the <title> repeated by a subheading ("Drucker •
		// Etiketten • Service") is a keyword; the page's only headline
		// names it better.
		if h := onlyHeadline(headings, sources, site); h != "" {
			return h
		}
	}
	if best != "" {
		return withoutKicker(best, metaTitles)
	}
	if h := visibleHeadline(headings, sources, site); h != "" {
		return h
	}
	if h := onlyHeadline(headings, sources, site); h != "" {
		return h
	}
	if h := firstSubheading(headings, sources, site); h != "" {
		return h
	}
	for _, mt := range metaTitles {
		if mt != "" {
			if t := stripSite(mt, site); t != "" && !sameText(t, site) {
				return t
			}
		}
	}
	if len(marked) > 0 {
		return marked[0]
	}
	if titleTag != "" {
		if t := stripSite(titleTag, site); t != "" && !sameText(t, site) {
			return t
		}
	}
	if trTitle != "" && !sameText(trTitle, site) {
		return trTitle
	}
	if len(h1s) > 0 {
		return h1s[0]
	}
	return titleTag
}

// bestSupported returns the <h1> that most of the page's independent
// title sources repeat, when three or more do (the <h1> itself counted)
// and no title of the metadata has as many. The sources are the JSON-LD
// headline, og:title (or twitter:title, its usual copy), the title meta
// tag, <title> without the site name and the <h1>s, counted even inside
// navigation (a breadcrumb ending in the headline). It returns "" when
// no <h1> stands out so.
//
// News pages often carry several titles (one for search engines, one
// for social networks, one on the page); the one that most sources
// repeat is the article's.
func bestSupported(p *page, site string) string {
	m := p.meta
	families := []string{m.LD.Headline, first(m.OGTitle, m.TwTitle), m.MetaTitle, m.TitleTag}
	var h1s []string
	p.doc.Find("h1").Each(func(_ int, s *goquery.Selection) {
		h1s = append(h1s, headingText(s))
	})
	agrees := func(src, c string) bool { return sameText(src, c) || sameText(stripSite(src, site), c) }
	agreesTag := func(c string) bool {
		// "Headline | Site | Section": the <title> up to a separator.
		if agrees(m.TitleTag, c) {
			return true
		}
		for _, l := range rxTitleSep.FindAllStringIndex(m.TitleTag, -1) {
			if sameText(m.TitleTag[:l[0]], c) {
				return true
			}
		}
		return false
	}
	best, bestN, second := "", 0, 0
	for _, c := range h1s {
		if c == "" || sameText(c, best) || (site != "" && sameText(c, site)) {
			continue
		}
		n := 0
		for i, f := range families {
			if f != "" && (agrees(f, c) || (i == len(families)-1 && agreesTag(c))) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		for _, h := range h1s {
			if sameText(h, c) {
				n++
			}
		}
		switch {
		case n > bestN:
			best, bestN, second = c, n, bestN
		case n > second:
			second = n
		}
	}
	// The families that no <h1> repeats count for their own titles.
	for _, f := range families {
		if f == "" {
			continue
		}
		n := 0
		for _, o := range families {
			if o != "" && (sameText(o, f) || sameText(stripSite(o, site), stripSite(f, site))) {
				n++
			}
		}
		if !sameText(stripSite(f, site), best) && !sameText(f, best) && n > second {
			second = n
		}
	}
	if bestN >= 3 && bestN > second {
		return best
	}
	return ""
}

// longerHeadline returns the main heading that says title and goes on
// ("Ultium Cells erhöht Gigafactory-Kapazität in Tennessee" for an <h3>
// "Ultium Cells erhöht Gigafactory-Kapazität" that repeats the metadata
// title in a list of recent posts), or "".
func longerHeadline(headings []heading, title string, sources []string, site string) string {
	nt := normText(title)
	for _, h := range headings {
		if h.main && strings.HasPrefix(normText(h.text), nt+" ") && !addsToTitle(h.text, sources, site) {
			return h.text
		}
	}
	return ""
}

// kickedTitle returns title (the page's <title> without its site name)
// when a main heading is that title with a kicker before it ("Medienmitteilung
// der Direktion : Impfen ist noch überall möglich" for the <title> "Impfen
// ist noch überall möglich"): the heading confirms the title, whatever a
// section name given as og:title says. It returns "" otherwise.
func kickedTitle(headings []heading, title string) string {
	nt := normText(title)
	if len(strings.Fields(nt)) < 3 {
		return ""
	}
	for _, h := range headings {
		if h.main && strings.HasSuffix(normText(h.text), " "+nt) {
			return title
		}
	}
	return ""
}

// withoutKicker returns the metadata title that title ends with, when
// title only adds a kicker before it ("Einheit der Woche Lagen-Pyramide
// mit GA2" for the JSON-LD headline "Lagen-Pyramide mit GA2"), else
// title.
func withoutKicker(title string, metaTitles []string) string {
	nt := normText(title)
	for _, mt := range metaTitles {
		if nm := normText(mt); len(strings.Fields(nm)) >= 2 && strings.HasSuffix(nt, " "+nm) {
			return mt
		}
	}
	return title
}

// heading is a candidate title found in a page's headings.
type heading struct {
	text string // without a kicker
	main bool   // an <h1> or a marked title, not any <h2> or <h3>
}

// visibleHeadline returns the first main heading that shares a word with
// the page's titles (<title> and the metadata titles) other than the
// site's name: the headline as the reader sees it, when the metadata
// word it differently ("Kind krank? Was Arbeitgeber jetzt wissen müssen"
// for the heading "Kind krank: Was Arbeitgeber wissen müssen"). It
// returns "" when no main heading shares a word.
func visibleHeadline(headings []heading, sources []string, site string) string {
	siteWords := wordSet(site)
	titleWords := map[string]bool{}
	for _, src := range sources {
		for w := range wordSet(src) {
			if !siteWords[w] {
				titleWords[w] = true
			}
		}
	}
	for _, h := range headings {
		if !h.main || utf8.RuneCountInString(h.text) < 4 {
			continue
		}
		if addsToTitle(h.text, sources, site) {
			return "" // the heading confirms a title, which is cleaner
		}
		for w := range wordSet(h.text) {
			if titleWords[w] {
				return h.text
			}
		}
	}
	return ""
}

// onlyHeadline returns the page's headline when the page has one <h1>,
// no marked title, and the <h1> comes before any other heading: a page
// that heads its text with "Chorgeschichte" or "Finanzierung Ihres Autos"
// names it so, whatever its <title> says ("Geschichte - St. Georgs
// Chorknaben Ulm"). In scripts written without spaces (Chinese,
// Japanese) words cannot be compared, and an <h1> there often carries
// reading aids (ruby): there it returns "".
func onlyHeadline(headings []heading, sources []string, site string) string {
	mains := 0
	for _, h := range headings {
		if h.main {
			mains++
		}
	}
	if mains != 1 || !headings[0].main {
		return ""
	}
	h := headings[0].text
	if strings.ContainsFunc(h, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
	}) || addsToTitle(h, sources, site) || sharesOnlyDate(h, sources) {
		return ""
	}
	return h
}

// firstSubheading returns the first heading of a page that has no main
// heading (no <h1>, no marked title), when it shares a word other than
// the site's with the page's titles: a page headed "Bootsdienst
// Ausbildung" in an <h2> under the <title> "Feuerwehr Oldenburg -
// Ausbildung" names its text so. It returns "" otherwise.
func firstSubheading(headings []heading, sources []string, site string) string {
	if len(headings) == 0 {
		return ""
	}
	for _, h := range headings {
		if h.main {
			return ""
		}
	}
	h := headings[0].text
	if len(strings.Fields(h)) < 2 || addsToTitle(h, sources, site) || sharesOnlyDate(h, sources) {
		return ""
	}
	siteWords := wordSet(site)
	for _, src := range sources {
		for w := range wordSet(src) {
			if !siteWords[w] && wordSet(h)[w] {
				return h
			}
		}
	}
	return ""
}

// sharesOnlyDate reports whether heading shares with the titles a number
// or a month name but no other word: "Monthly Archives: August 2005" and
// "August 2005 – Certain Doubts" name a period, not an article.
func sharesOnlyDate(heading string, titles []string) bool {
	words := map[string]bool{}
	for _, t := range titles {
		for _, w := range strings.Fields(normText(t)) {
			words[w] = true
		}
	}
	date := false
	for _, w := range strings.Fields(normText(heading)) {
		if !words[w] {
			continue
		}
		if !strings.ContainsFunc(w, unicode.IsDigit) && !monthNames[w] {
			if utf8.RuneCountInString(w) >= 4 {
				return false
			}
			continue
		}
		date = true
	}
	return date
}

// addsToTitle reports whether heading is one of the titles with words
// that are not the title's: a kicker before it ("Tunesien Große Aufgaben
// für die neue Regierung" for the title "Große Aufgaben für die neue
// Regierung"), a part after a separator ("... | FASSETTE.NET", after a
// title as written, not as guessed without its site name), or a date
// after it ("... 02.02.2022 • Presse"). The title is then the cleaner
// text.
func addsToTitle(heading string, titles []string, site string) bool {
	nh := normText(noSoftHyphens(heading))
	for _, t := range titles {
		for _, c := range []string{t, stripSite(t, site)} {
			nc := normText(noSoftHyphens(c))
			switch {
			case nc == "":
			case nc == nh:
				if normText(heading) != normText(c) {
					return true // the same words, but cut by soft hyphens
				}
			case strings.HasSuffix(nh, " "+nc), c == t && isTitlePart(heading, c, true):
				return true
			case strings.HasPrefix(nh, nc+" ") && isDigit(rune(nh[len(nc)+1])):
				return true // a date after the title
			}
		}
	}
	return false
}

// noSoftHyphens removes the soft hyphens that pages put into long words
// to allow a break ("Mes\u00adsen\u00adger\u00addiens\u00adte").
func noSoftHyphens(s string) string {
	return strings.ReplaceAll(s, "\u00ad", "")
}

// isDigit reports whether r is an ASCII digit.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// wordSet returns the words of s of four or more letters, folded as
// normText folds them, without numbers and month names: an archive's
// heading "Monthly Archives: August 2005" shares only its date with the
// page's <title> "August 2005 – Certain Doubts".
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(normText(s)) {
		if utf8.RuneCountInString(w) >= 4 && !strings.ContainsFunc(w, unicode.IsDigit) && !monthNames[w] {
			set[w] = true
		}
	}
	return set
}

// monthNames holds the names of the months in English, German, French,
// Spanish and Italian, lower-cased, of four or more letters.
var monthNames = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(`january february march april june july august september october november december
		januar februar märz april juni juli oktober dezember jänner
		janvier février mars avril juin juillet août septembre octobre novembre décembre
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
		gennaio febbraio aprile maggio giugno luglio settembre ottobre novembre dicembre`) {
		set[w] = true
	}
	return set
}()

// isTitlePart reports whether part is the whole of title or one of the
// parts that separators (" | ", " - ", " » "...) divide it into. Short
// parts only count for a main heading (<h1> or a marked title): an <h2>
// "Home" or "News" in "Home | News | Site" is no evidence.
func isTitlePart(title, part string, main bool) bool {
	if n := utf8.RuneCountInString(part); n < 8 && (!main || n < 4) {
		return false
	}
	if sameText(title, part) {
		return true
	}
	start := 0
	for _, l := range append(rxTitleSep.FindAllStringIndex(title, -1), []int{len(title), len(title)}) {
		if sameText(title[start:l[0]], part) {
			return true
		}
		start = l[1]
	}
	return false
}

// containsText reports whether the words of small appear, in order and
// contiguously, in big.
func containsText(big, small string) bool {
	b, s := " "+normText(big)+" ", " "+normText(small)+" "
	return strings.TrimSpace(s) != "" && strings.Contains(b, s)
}

// stripSite removes a site name prefix or suffix from a title: "Title |
// Site", "Site - Title", "Title - Section - Site". When the site name is
// unknown, a last (or first) part that is much shorter than the rest is
// taken as the site.
func stripSite(title, site string) string {
	title = strings.TrimSpace(title)
	locs := rxTitleSep.FindAllStringIndex(title, -1)
	parts := make([]string, 0, len(locs)+1)
	start := 0
	for _, l := range locs {
		parts = append(parts, strings.TrimSpace(title[start:l[0]]))
		start = l[1]
	}
	parts = append(parts, strings.TrimSpace(title[start:]))
	isSite := func(s string) bool {
		if s == "" {
			return true
		}
		if site == "" {
			return false
		}
		ns, nsite := normText(s), normText(site)
		if ns == nsite || strings.ReplaceAll(ns, " ", "") == strings.ReplaceAll(nsite, " ", "") {
			return true
		}
		// "Coastal Gazette" for "The Coastal Gazette", "Spiegel" for "Spiegel Online"
		short, long := ns, nsite
		if len(short) > len(long) {
			short, long = long, short
		}
		return len(short) > 3 && 10*len(short) >= 6*len(long) && strings.Contains(long, short)
	}
	if rxTitleSep.MatchString(site) {
		// A site name that has separators itself ("Salsa-Figuren - Rueda
		// in Berlin") is a run of parts.
		for _, l := range locs {
			if sameText(title[l[1]:], site) && !isSite(title[:l[0]]) {
				return strings.TrimSpace(title[:l[0]])
			}
			if sameText(title[:l[0]], site) && !isSite(title[l[1]:]) {
				return strings.TrimSpace(title[l[1]:])
			}
		}
	}
	if isSite(title) {
		return ""
	}
	if len(locs) == 0 {
		return stripCJKSite(title)
	}
	// Drop site parts at either end.
	i, j := 0, len(parts)
	for i < j && isSite(parts[j-1]) {
		j--
	}
	for i < j && isSite(parts[i]) {
		i++
	}
	if i == j {
		return ""
	}
	if i > 0 || j < len(parts) {
		return joinParts(title, locs, i, j)
	}
	// Site unknown: a short last part after a " | " or " - " is a site name.
	last := parts[len(parts)-1]
	rest := strings.TrimSpace(title[:locs[len(locs)-1][0]])
	sep := strings.TrimSpace(title[locs[len(locs)-1][0]:locs[len(locs)-1][1]])
	if sep != ":" && len(strings.Fields(last)) <= 4 && utf8.RuneCountInString(rest) > 2*utf8.RuneCountInString(last) {
		return rest
	}
	return title
}

// stripCJKSite removes the site name that a Chinese or Japanese title
// appends without spaces: "武汉的声音：有英勇的你，才有英雄的城！-新华网" and
// "…_新华网" are the headline and "新华网". The name is short, written in
// the same script, and the headline before it at least twice as long.
func stripCJKSite(title string) string {
	i := strings.LastIndexAny(title, "-_|")
	if i <= 0 {
		return title
	}
	head, site := title[:i], title[i+1:]
	before, _ := utf8.DecodeLastRuneInString(head)
	after, _ := utf8.DecodeRuneInString(site)
	cjk := func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) }
	n := utf8.RuneCountInString(site)
	if cjk(after) && (cjk(before) || unicode.IsPunct(before)) && n <= 10 && !strings.ContainsAny(site, " -_|") &&
		utf8.RuneCountInString(head) >= 2*n {
		return strings.TrimSpace(head)
	}
	return title
}

// joinParts returns the original text of parts i..j-1 of a title split at
// locs, keeping the separators between them.
func joinParts(title string, locs [][]int, i, j int) string {
	start := 0
	if i > 0 {
		start = locs[i-1][1]
	}
	end := len(title)
	if j <= len(locs) {
		end = locs[j-1][0]
	}
	return strings.TrimSpace(title[start:end])
}

// siteFromTitle guesses the site name from a <title> that adds it to the
// article title: "Map Mashup - Life With Alacrity" gives "Life With
// Alacrity" when the title is "Map Mashup".
func siteFromTitle(titleTag, title string) string {
	titleTag = strings.TrimSpace(titleTag)
	if title == "" || titleTag == "" || sameText(titleTag, title) {
		return ""
	}
	nt, nb := normText(titleTag), normText(title)
	switch {
	case strings.HasPrefix(nt, nb):
		return strings.Trim(strings.TrimSpace(titleTag[min(len(titleTag), len(title)):]), " |-–—:·•»«")
	case strings.HasSuffix(nt, nb):
		return strings.Trim(strings.TrimSpace(titleTag[:max(0, len(titleTag)-len(title))]), " |-–—:·•»«")
	}
	return ""
}

// siteFromDOM returns the site title shown in the page's header, if
// marked; computed once per page.
func (p *page) siteFromDOM() string {
	if !p.domSiteKnown {
		p.domSiteKnown = true
		p.domSite = siteInHeader(p.doc)
	}
	return p.domSite
}

// siteTitleSelector finds the site title in a page's header.
const siteTitleSelector = `#site-title, .site-title, #blog-title, .blog-title, #banner-header, .header h1.title, .Header h1, .header-outer h1, #header h1`

// siteInHeader returns the site title shown in a page's header, if marked.
func siteInHeader(doc *goquery.Document) string {
	n := siteTitleMatch.MatchFirst(doc.Nodes[0])
	if n == nil {
		return ""
	}
	t := text(&goquery.Selection{Nodes: []*html.Node{n}})
	if utf8.RuneCountInString(t) > 80 {
		return ""
	}
	return t
}

// subtitle returns a page's standfirst: JSON-LD alternativeHeadline or an
// element marked as subtitle.
func subtitle(p *page) string {
	if s := p.meta.LD.AltHeadline; s != "" {
		return s
	}
	s := text(p.doc.Find(`[itemprop="alternativeHeadline"], .subtitle, .sub-title, .subheadline, .sub-headline, .standfirst, .dek, .deck, .article-subtitle, .entry-subtitle`).First())
	if utf8.RuneCountInString(s) > 400 {
		return ""
	}
	return s
}

// isMain reports whether t is the text of a main heading.
func isMain(headings []heading, t string) bool {
	for _, h := range headings {
		if h.main && h.text == t {
			return true
		}
	}
	return false
}
