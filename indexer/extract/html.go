package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/clippings/clippings/corpus"
	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// page is one parsed HTML file and what its <head> says. The same parsed
// tree serves goquery, go-trafilatura and go-htmldate.
type page struct {
	root *html.Node
	doc  *goquery.Document
	meta pageMeta
	// url is the page's own absolute address, or "".
	url string
	// base is the address relative links resolve against: <base href>,
	// else url.
	base string
	// site is the name of the site the page belongs to, or "".
	site string
	// order numbers the nodes in document order and dateHeaders lists
	// the date headers (as Blogger and TypePad print them above a day's
	// posts); both are computed when first needed.
	order       map[*html.Node]int
	dateHeaders []*html.Node
}

// extractHTML returns the articles of an HTML page: one per post on a
// blog archive page, else one.
func (x *Extractor) extractHTML(f corpus.File) ([]corpus.Article, error) {
	root, err := html.Parse(strings.NewReader(f.Text))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	p := &page{root: root, doc: goquery.NewDocumentFromNode(root)}
	p.meta = readMeta(p.doc)
	p.url = first(absURL(p.meta.Canonical), absURL(p.meta.OGURL), absURL(p.meta.LD.URL))
	p.base = first(absURL(attr(p.doc.Find("base[href]").First(), "href")), p.url)
	p.site = x.siteName(p)
	if posts := x.findPosts(p); len(posts) >= 2 {
		return x.archiveArticles(p, posts), nil
	}
	a, ok := x.singleArticle(p)
	if !ok {
		return nil, fmt.Errorf("no article text or title in page")
	}
	return []corpus.Article{a}, nil
}

// siteName returns the name of the site, or "". The candidates are
// og:site_name, the JSON-LD publisher and WebSite names, the publisher
// and application-name meta tags, in that order of trust; a candidate
// that the page's host or the ends of its <title> confirm gains trust
// (og:site_name is sometimes a section: "U.S." on reuters.com). Without
// any candidate the host of the page's address is the site.
func (x *Extractor) siteName(p *page) string {
	m := p.meta
	host := hostOf(p.url)
	ends := titleEnds(m.TitleTag)
	best, bestScore := "", 0
	for i, c := range []string{m.SiteName, m.LD.Publisher, m.LD.SiteName, m.Publisher, m.AppName} {
		if c == "" || isURL(c) || utf8.RuneCountInString(c) > 80 {
			continue
		}
		score := 5 - i
		if host != "" && sameLetters(c, domainLabel(host)) {
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
	if best != "" {
		return best
	}
	return host
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

// singleArticle extracts a page that holds one article. It reports false
// when the page has neither a title nor any text.
func (x *Extractor) singleArticle(p *page) (corpus.Article, bool) {
	m := p.meta
	opts := trafilatura.Options{
		ExcludeComments: true,
		ExcludeTables:   true,
		HtmlDateMode:    trafilatura.Disabled,
		EnableFallback:  x.opts.Fallback,
		PruneSelector:   pruneSelector,
	}
	if p.url != "" {
		opts.OriginalURL, _ = url.Parse(p.url)
	}
	var (
		body   []string
		trMeta trafilatura.Metadata
	)
	if res, err := trafilatura.ExtractDocument(p.root, opts); err == nil && res != nil {
		trMeta = res.Metadata
		if res.ContentNode != nil {
			body = paragraphs(res.ContentNode, nil)
		}
	}

	a := corpus.Article{
		Title:    x.pageTitle(p, trMeta.Title),
		Subtitle: subtitle(p),
		URL:      p.url,
		Section:  first(m.Section, m.LD.Section),
		Language: primaryLanguage(m.Lang),
	}
	a.Outlet = p.site
	if a.Outlet == "" {
		a.Outlet = siteFromTitle(m.TitleTag, a.Title)
	}
	if a.Outlet == "" {
		a.Outlet = siteFromDOM(p.doc)
	}
	a.Tags = append(append([]string{}, m.Tags...), m.LD.Keywords...)
	a.Tags = append(a.Tags, tagLinks(p.doc.Selection)...)

	// The head of the extracted body often repeats the title, the byline
	// and the date: take them as evidence and keep them out of the body.
	var lineAuthors []string
	var lineDate corpus.Date
	body, lineAuthors, lineDate = x.trimBodyHead(body, []string{a.Title, a.Subtitle}, a.Outlet)
	body = dropBoilerplate(body)
	a.Body = strings.Join(body, "\n\n")
	if len(body) > 0 {
		a.Lead = body[0]
	} else {
		a.Lead = first(m.LD.Description, m.Desc)
	}

	a.Authors = x.pageAuthors(p, a.Outlet)
	if len(a.Authors) == 0 {
		a.Authors = lineAuthors
	}
	if len(a.Authors) == 0 && trMeta.Author != "" {
		a.Authors = cleanAuthors(strings.ReplaceAll(trMeta.Author, ";", ","), a.Outlet, true)
	}
	a.Date = x.pageDate(p)
	if a.Date.IsZero() {
		a.Date = lineDate
	}
	if a.Date.IsZero() {
		a.Date = x.htmlDate(p)
	}
	if a.Language == "" {
		a.Language = detectLanguage(a.Body)
	}
	if a.Title == "" && a.Body == "" {
		return a, false
	}
	return a, true
}

// pruneSelector matches the page parts that go-trafilatura sometimes
// takes for text: comment sections and forms, post-to-post navigation.
const pruneSelector = `#comments, .comments, #respond, .comment-respond, .comments-area, .commentlist, .comment-list, [id^="comment-"], ` +
	`.post-navigation, .nav-links, .content-nav, #comment-form, .comment-form, form[id*="comment"], form[action*="comment"]`

// trimBodyHead removes from the first paragraphs of a body those that
// repeat the title or subtitle (heads), bylines ("By Jane Doe") and lone
// dates. It returns the names and the date it found there.
func (x *Extractor) trimBodyHead(body []string, heads []string, site string) ([]string, []string, corpus.Date) {
	var (
		authors []string
		d       corpus.Date
	)
	isHead := func(p string) bool {
		for _, h := range heads {
			if sameText(p, h) {
				return true
			}
		}
		return false
	}
	for i := 0; i < 4 && len(body) > 0; i++ {
		p := body[0]
		switch {
		case isHead(p):
		case utf8.RuneCountInString(p) < 120 && len(bylineNames(p, site)) > 0:
			if authors == nil {
				authors = bylineNames(p, site)
				if m, ok := x.dates.find(p); ok && d.IsZero() {
					d = m.Date
				}
			}
		case isDateLine(p):
			if m, ok := x.dates.find(p); ok && d.IsZero() {
				d = m.Date
			}
		default:
			return body, authors, d
		}
		body = body[1:]
	}
	return body, authors, d
}

// rxDateLineWords are the words a line that only gives a date may hold.
var rxDateLineWords = regexp.MustCompile(`(?i)^(?:(?:published|posted|updated|last updated|on|at|am|pm|utc|gmt|est|edt|cet|cest|bst|et|pt|the|of|,|\||-|–|—|:|\.|\d{1,2}:\d{2}(?::\d{2})?(?:am|pm)?|` +
	monthPattern + `|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|\d{1,4}(?:st|nd|rd|th)?)[\s,.]*)+$`)

// isDateLine reports whether a short line says nothing but a date.
func isDateLine(s string) bool {
	if utf8.RuneCountInString(s) > 80 {
		return false
	}
	if _, ok := findDate(s); !ok {
		return false
	}
	return rxDateLineWords.MatchString(strings.ReplaceAll(s, "/", " "))
}

// dropBoilerplate removes captions, credits and share rows.
func dropBoilerplate(body []string) []string {
	out := body[:0]
	for _, p := range body {
		if !isBoilerplate(p) {
			out = append(out, p)
		}
	}
	return out
}

// sameText reports whether two strings are equal once case, white space
// and punctuation are ignored.
func sameText(a, b string) bool {
	return normText(a) == normText(b) && normText(a) != ""
}

// normText lower-cases s and keeps only its letters and digits, space
// separated, for comparisons.
func normText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if isAlnum(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// pageAuthors returns the authors a page names: JSON-LD, then author meta
// tags, then article:author, then byline elements.
func (x *Extractor) pageAuthors(p *page, site string) []string {
	m := p.meta
	for _, src := range [][]string{m.LD.Authors, m.MetaAuthor, m.ArtAuthor} {
		var names []string
		for _, raw := range src {
			names = append(names, cleanAuthors(raw, site, false)...)
		}
		if len(names) > 0 {
			return names
		}
	}
	return bylineAuthors(p.doc.Selection, site)
}

// bylineSelectors find elements that name an article's authors, best
// first. The first group is markup made for machines, whose names are
// trusted as written; the second is styling, whose text must look like
// names.
var bylineSelectors = []struct {
	sel    string
	strict bool
}{
	{`[itemprop~="author"] [itemprop="name"], [itemprop~="author"], a[rel~="author"], .author .fn, .byline .fn, .vcard .fn, .post-author .fn`, false},
	{`.byline, .author-name, .post-author, .entry-author, .author, .article-author, .story-byline`, true},
	{`[class*="byline"], [class*="author"], [class*="autor"], [class*="auteur"], [data-testid*="byline"]`, true},
}

// bylineAuthors returns the names in the first byline element of s that
// yields any, ignoring comments and sidebars.
func bylineAuthors(s *goquery.Selection, site string) []string {
	var names []string
	for _, group := range bylineSelectors {
		s.Find(group.sel).EachWithBreak(func(_ int, e *goquery.Selection) bool {
			if inNoise(e) {
				return true
			}
			raw := text(e)
			if v, ok := e.Attr("content"); ok && raw == "" {
				raw = v
			}
			if utf8.RuneCountInString(raw) > 150 {
				return true
			}
			names = cleanAuthors(raw, site, group.strict)
			return len(names) == 0
		})
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// noiseSelector matches page parts that hold no article metadata.
const noiseSelector = `aside, nav, #comments, .comments, .comment, .comment-list, .commentlist, #respond, .widget, .sidebar, #sidebar, .related, .related-posts, .jp-relatedposts`

// inNoise reports whether e is inside a sidebar, comment or navigation.
func inNoise(e *goquery.Selection) bool {
	return e.Closest(noiseSelector).Length() > 0
}

// pageDate returns the publication date a page declares: article meta
// tags, JSON-LD, other date meta tags, then a <time> element.
func (x *Extractor) pageDate(p *page) corpus.Date {
	m := p.meta
	cands := append([]string{m.Published, m.LD.Published}, m.OtherDates...)
	cands = append(cands, m.LD.Created)
	for _, c := range cands {
		if d := x.dates.parse(c); !d.IsZero() {
			return d
		}
	}
	return x.timeElementDate(p.doc.Selection)
}

// timeSelectors find the element that dates an article, best first.
var timeSelectors = []string{
	`time[pubdate], [itemprop="datePublished"], time.published, time.entry-date, abbr.published, .published[title]`,
	`time[datetime]`,
	`.entry-date, .published, .post-date, .date-header, .dateline`,
}

// timeElementDate returns the date of the first dating element of s that
// parses, skipping comments and sidebars.
func (x *Extractor) timeElementDate(s *goquery.Selection) corpus.Date {
	var d corpus.Date
	for _, sel := range timeSelectors {
		s.Find(sel).EachWithBreak(func(_ int, e *goquery.Selection) bool {
			if inNoise(e) {
				return true
			}
			for _, a := range []string{"datetime", "content", "title"} {
				if v, ok := e.Attr(a); ok {
					if d = x.dates.parse(v); !d.IsZero() {
						return false
					}
				}
			}
			if t := text(e); utf8.RuneCountInString(t) < 80 {
				d = x.dates.parse(t)
			}
			return d.IsZero()
		})
		if !d.IsZero() {
			return d
		}
	}
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
	prec := corpus.PrecisionDay
	switch src := x.dates.parse(res.SrcString); {
	case rxCopyright.MatchString(res.SrcString):
		prec = corpus.PrecisionYear // "© 2022": only the year is known
	case !src.IsZero() && src.Precision < prec && src.Time.Year() == res.DateTime.Year():
		prec = src.Precision
	}
	return x.dates.notFuture(corpus.NewDate(res.DateTime, prec))
}

// rxCopyright matches a copyright notice, whose year is not a
// publication day.
var rxCopyright = regexp.MustCompile(`(?i)©|&copy;|\(c\)\s*\d|copyright`)

// Title separators split "Title | Site" and "Site - Title".
var rxTitleSep = regexp.MustCompile(`\s+(?:\||-|–|—|::|«|»|·|•|/|:)\s+|\s*(?:\||«|»|·|•)\s*`)

// pageTitle chooses a page's title from its evidence: JSON-LD headline,
// og:title, twitter:title, headings (h1 to h3 and elements marked as a
// post or entry title), the <title> element and trafilatura's guess.
//
// A heading confirmed by another source wins: one equal to a metadata
// title, else the longest one that is a part of <title> or of a metadata
// title ("Title | Blog Archive | Site"). Without confirmation the metadata
// title is used, then a marked heading, then <title> without the site
// name.
func (x *Extractor) pageTitle(p *page, trTitle string) string {
	m := p.meta
	metaTitles := []string{m.LD.Headline, m.OGTitle, m.TwTitle, m.MetaTitle}
	site := first(p.site, siteFromDOM(p.doc))
	type heading struct {
		text string
		main bool // an <h1> or a marked title, not any <h2> or <h3>
	}
	var headings []heading
	var marked, h1s []string
	p.doc.Find("h1, h2, h3, [itemprop=headline], .entry-title, .post-title, .article-title, .headline, .topic-title").EachWithBreak(func(i int, s *goquery.Selection) bool {
		if inNoise(s) {
			return true
		}
		t := text(s)
		if t == "" || utf8.RuneCountInString(t) > 300 || (site != "" && sameText(t, site)) {
			return true
		}
		name := goquery.NodeName(s)
		isMarked := s.Is("[itemprop=headline], .entry-title, .post-title, .article-title, .headline, .topic-title, h2.entry-header, h3.entry-header")
		headings = append(headings, heading{t, name == "h1" || isMarked})
		switch {
		case isMarked:
			marked = append(marked, t)
		case name == "h1":
			h1s = append(h1s, t)
		}
		return len(headings) < 40
	})
	titleTag := m.TitleTag

	for _, mt := range metaTitles {
		if mt == "" {
			continue
		}
		for _, h := range headings {
			if sameText(h.text, mt) || sameText(h.text, stripSite(mt, site)) {
				return h.text
			}
		}
	}
	best := ""
	for _, h := range headings {
		if utf8.RuneCountInString(h.text) <= utf8.RuneCountInString(best) {
			continue
		}
		for _, src := range append([]string{titleTag}, metaTitles...) {
			if src == "" {
				continue
			}
			if isTitlePart(src, h.text, h.main) || (h.main && utf8.RuneCountInString(h.text) >= 8 && containsText(src, h.text)) {
				best = h.text
				break
			}
		}
	}
	if best != "" {
		return best
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
	if isSite(title) {
		return ""
	}
	if len(locs) == 0 {
		return title
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

// siteFromDOM returns the site title shown in a page's header, if marked.
func siteFromDOM(doc *goquery.Document) string {
	t := text(doc.Find(`#site-title, .site-title, #blog-title, .blog-title, #banner-header, .header h1.title, .Header h1, .header-outer h1, #header h1`).First())
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

// tagSelectors find tag and category links.
const tagSelectors = `a[rel~="tag"], a[rel~="category"], .cat-links a, .tags-links a, .post-labels a, .post-footers a, .entry-categories a, .entry-tags a, .post-tags a, .tags a`

// tagLinks returns the texts of the tag and category links in s, skipping
// sidebars, tag clouds and permalinks.
func tagLinks(s *goquery.Selection) []string {
	var tags []string
	s.Find(tagSelectors).Each(func(_ int, e *goquery.Selection) {
		if inNoise(e) || e.Closest(".tagcloud, .wp-tag-cloud, .widget_tag_cloud").Length() > 0 {
			return
		}
		href := strings.ToLower(attr(e, "href"))
		cls := strings.ToLower(attr(e, "class"))
		if strings.Contains(href, "#comment") || strings.Contains(cls, "permalink") || strings.Contains(cls, "comment") ||
			strings.Contains(cls, "trackback") {
			return
		}
		t := text(e)
		if t == "" || utf8.RuneCountInString(t) > 60 || strings.EqualFold(t, "permalink") {
			return
		}
		tags = append(tags, t)
	})
	return tags
}

// detectLanguage guesses the language of a text long enough to tell,
// returning an ISO 639-1 code or "".
func detectLanguage(s string) string {
	if utf8.RuneCountInString(s) < 200 {
		return ""
	}
	if len(s) > 4000 {
		s = s[:4000]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	info := whatlanggo.Detect(s)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// isAlnum reports whether r is a letter or a digit.
func isAlnum(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
