package extract

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/clippings/clippings/corpus"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// page is one parsed HTML file and what its <head> says. The same parsed
// tree serves goquery, go-trafilatura and go-htmldate.
type page struct {
	x    *Extractor
	root *html.Node
	doc  *goquery.Document
	meta pageMeta
	// url is the page's own absolute address, or "".
	url string
	// base is the address relative links resolve against: <base href>,
	// else url.
	base string
	// path is the file's path in the corpus.
	path string
	// host is the host name of the page's address, or "".
	host string
	// site is the name of the site the page belongs to, or "".
	site string
	// title is the article's title once singleArticle has weighed it,
	// else "", and lead the first paragraph of its text.
	title, lead string
	// order numbers the nodes in document order and dateHeaders lists
	// the date headers (as Blogger and TypePad print them above a day's
	// posts); both are computed when first needed.
	order       map[*html.Node]int
	dateHeaders []*html.Node
	// records caches the one-element records of listing candidates,
	// postLinks isPostLink, siteText siteGuess (once siteKnown).
	records   map[*html.Node]record
	ownDates  map[recordKey]sourcedDate
	postLinks map[string]bool
	siteText  string
	siteKnown bool
	// dateTexts caches textDate; headers lists the page's possible date
	// headers once headersKnown (see pageDateHeaders).
	dateTexts    map[string]corpus.Date
	headers      []dateHeader
	headersKnown bool
	// lang is the page's language (see language), known once langKnown.
	lang      string
	langKnown bool
	// lines are the page's lines of text that bylines are looked for
	// in (see pageLines), known once linesKnown.
	lines      []string
	linesKnown bool
	// shownStamps and shownUTC are what the page's <time> elements say
	// of its zone (see shownZone), known once shownKnown.
	shownStamps []string
	shownUTC    bool
	shownKnown  bool
	// domSite is the site title the page's header shows (see
	// siteFromDOM), known once domSiteKnown; tags are its tag and
	// category links (see tagLinks), known once tagsKnown.
	domSite      string
	domSiteKnown bool
	tags         []tagLink
	tagsKnown    bool
}

// extractHTML returns the articles of an HTML page: one per post on a
// blog archive page, else one.
func (x *Extractor) extractHTML(f corpus.File) ([]corpus.Article, error) {
	root, err := html.Parse(strings.NewReader(f.Text))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	p := x.newPage(root, f.Path)
	if !x.opts.ClassicListings {
		if l := x.decideListing(p); l.best != nil {
			if arts := x.archiveArticles(p, l.best); len(arts) > 0 {
				return arts, nil
			}
		}
	} else if posts := x.findPosts(p); len(posts) >= 2 {
		return x.classicArticles(p, posts), nil
	}
	a, ok := x.singleArticle(p)
	if !ok {
		return nil, fmt.Errorf("no article text or title in page")
	}
	return []corpus.Article{a}, nil
}

// shownDeclaredAuthors returns the authors the page declares (JSON-LD,
// meta tags) that it also shows as the text of a link to an author
// (rel=author, or an address with /author/ in its path) outside comments
// and sidebars: two pieces of evidence that agree, which keep a user name
// ("aimingoo", "2ynhub") that personName would not take for a person.
func shownDeclaredAuthors(p *page) []string {
	m := p.meta
	var declared []string
	for _, src := range [][]string{m.LD.Authors, m.MetaAuthor, m.ArtAuthor} {
		declared = append(declared, src...)
	}
	if len(declared) == 0 {
		return nil
	}
	var out []string
	p.doc.Find(`a[rel~="author"], a[href*="/author/"]`).Each(func(_ int, s *goquery.Selection) {
		if inListingNoise(s.Nodes[0]) {
			return
		}
		shown := shownTextOf(s.Nodes[0])
		for _, d := range declared {
			if shown != "" && strings.EqualFold(strings.TrimSpace(d), shown) && !slices.Contains(out, shown) {
				out = append(out, shown)
			}
		}
	})
	return out
}

// userNames keeps the names that are user names as blogs write them: one
// word without capitals ("aimingoo", "2ynhub"). A declared author that is
// a person's name was taken already (onlyPersons), and a capitalised word
// beside it is more often an outlet or a desk ("Reuters", "Editorial").
func userNames(names []string) []string {
	var out []string
	for _, n := range names {
		if len(strings.Fields(n)) == 1 && strings.ToLower(n) == n && !roleWords[n] {
			out = append(out, n)
		}
	}
	return out
}

// personsOrHandles keeps the names that are persons by personName's
// rule, or the one-word user names blogs show ("bill", "2ynhub"): a
// newsroom, a section or a staff line is neither.
func personsOrHandles(names []string, outlet string) []string {
	var out []string
	for _, n := range names {
		if _, ok := personName(n, outlet, true); ok || (len(strings.Fields(n)) == 1 && !roleWords[strings.ToLower(n)] && !strings.EqualFold(n, outlet)) {
			out = append(out, n)
		}
	}
	return out
}

// titleBesideSiteName returns the post's own heading when the title
// weighed for a page is only the site's name (a blog whose <h1> is its
// name, the post under an <h2> or <h3>): the first heading, outside
// sidebars and comments, that <title> also names beside the site, else
// what <title> names beside the site when no heading shows it (an
// untitled post, which the platform names by its summary). It returns ""
// when the title is not the site's name or <title> names nothing else.
func titleBesideSiteName(p *page, title string) string {
	if title == "" || !isSiteTitle(p, title) {
		return ""
	}
	site := title
	found := ""
	p.doc.Find("h1, h2, h3, h4").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t := shownTextOf(s.Nodes[0])
		if t == "" || sameText(t, site) || inListingNoise(s.Nodes[0]) || p.isDateText(t) {
			return true
		}
		if utf8.RuneCountInString(t) >= 3 && containsText(p.meta.TitleTag, t) {
			found = t
			return false
		}
		return true
	})
	if found == "" {
		if t := stripSite(p.meta.TitleTag, site); t != "" && !sameText(t, p.meta.TitleTag) {
			found = t
		}
	}
	return found
}

// isSiteTitle reports whether a text is the site's name as its header
// shows it: the text of a main heading that links to the site's home.
func isSiteTitle(p *page, t string) bool {
	home := false
	p.doc.Find("h1 a[href], a[href] h1").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		a := s
		if !s.Is("a") {
			a = s.Closest("a[href]")
		}
		u, err := url.Parse(attr(a, "href"))
		if err == nil && strings.Trim(u.Path, "/") == "" && u.RawQuery == "" && sameText(text(s), t) {
			home = true
			return false
		}
		return true
	})
	return home
}

// newPage reads what a parsed page says of itself: its metadata, its
// address, the address its links resolve against and its site's name.
func (x *Extractor) newPage(root *html.Node, path string) *page {
	p := &page{root: root, doc: goquery.NewDocumentFromNode(root), x: x, path: path}
	p.meta = readMeta(p.doc)
	p.url = first(absURL(p.meta.Canonical), absURL(p.meta.OGURL), absURL(p.meta.LD.URL))
	p.base = first(absURL(attr(p.doc.Find("base[href]").First(), "href")), p.url)
	p.host = first(hostOf(p.url), hostOf(p.base))
	p.host = siteHost(p)
	p.site = x.siteName(p)
	return p
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
		Title:    stripDatePrefix(untruncate(x.pageTitle(p, trMeta.Title), p)),
		Subtitle: subtitle(p),
		URL:      p.url,
		Section:  first(m.Section, m.LD.Section),
		Language: primaryLanguage(m.Lang),
	}
	if t := titleBesideSiteName(p, a.Title); t != "" {
		a.Title = t
	}
	a.Outlet = p.site
	if a.Outlet == "" {
		a.Outlet = siteFromTitle(m.TitleTag, a.Title)
	}
	if a.Outlet == "" {
		a.Outlet = p.siteFromDOM()
	}
	a.Tags = append(append([]string{}, m.Tags...), m.LD.Keywords...)
	a.Tags = append(a.Tags, p.tagLinks(p.doc.Selection)...)

	// The head of the extracted body often repeats the title, the byline
	// and the date: take them as evidence and keep them out of the body.
	var lineAuthors []string
	var lineDate corpus.Date
	if len(body) > 0 {
		p.lead = body[0]
	}
	body, lineAuthors, lineDate = x.trimBodyHead(body, []string{a.Title, a.Subtitle}, a.Outlet, p.language())
	body = dropBoilerplate(body)
	body = republished(&a, body)
	a.Body = strings.Join(body, "\n\n")
	if len(body) > 0 {
		a.Lead = body[0]
	} else {
		a.Lead = first(m.LD.Description, m.Desc)
	}

	p.title = a.Title
	a.Authors = onlyPersons(x.pageAuthors(p, a.Outlet), a.Outlet)
	if len(a.Authors) == 0 {
		a.Authors = onlyPersons(completeFromPage(p, lineAuthors), a.Outlet)
	}
	if len(a.Authors) == 0 && trMeta.Author != "" {
		a.Authors = onlyPersons(completeFromPage(p, guessedAuthors(p, trMeta.Author, a.Outlet)), a.Outlet)
	}
	if len(a.Authors) == 0 {
		a.Authors = onlyPersons(completeFromPage(p, bodyAuthors(body)), a.Outlet)
	}
	if len(a.Authors) == 0 {
		a.Authors = onlyPersons(notOutlet(copyrightAuthor(p, a.Outlet), a.Outlet, m.SiteName), a.Outlet)
	}
	if len(a.Authors) == 0 {
		// The post's own "Posted by" line, user names included; never a
		// commenter's. A name the author markup marks too is kept as it
		// is, even when it is the blog's name (a blog named after its
		// author, a pseudonym such as "Jorge el constructor").
		names, src := mainPostAuthors(p, a.Title)
		if strings.HasPrefix(src, "byline-line+") {
			a.Authors = names
		} else {
			a.Authors = personsOrHandles(notOutlet(names, a.Outlet, m.SiteName), a.Outlet)
		}
	}
	if len(a.Authors) == 0 {
		a.Authors = userNames(notOutlet(shownDeclaredAuthors(p), a.Outlet, m.SiteName))
	}
	a.Date = x.articleDate(p, lineDate)
	if a.Language == "" {
		a.Language = detectLanguage(a.Body)
	}
	a.Outlet = displaySite(p, a.Outlet)
	if a.Title == "" && a.Body == "" {
		return a, false
	}
	a.Provenance = x.singleProvenance(p, a)
	return a, true
}

// pruneSelector matches the page parts that go-trafilatura sometimes
// takes for text: comment sections and forms, post-to-post navigation.
const pruneSelector = `#comments, .comments, #respond, .comment-respond, .comments-area, .commentlist, .comment-list, [id^="comment-"], ` +
	`.post-navigation, .nav-links, .content-nav, #comment-form, .comment-form, form[id*="comment"], form[action*="comment"]`

// trimBodyHead removes from the first paragraphs of a body those that
// repeat the title or subtitle (heads), bylines ("By Jane Doe") and lone
// dates. It returns the names and the date it found there.
func (x *Extractor) trimBodyHead(body []string, heads []string, site, lang string) ([]string, []string, corpus.Date) {
	var (
		authors  []string
		d        corpus.Date
		dUpdated bool // d is from an update notice
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
				if m, ok := x.dates.findIn(p, lang); ok && d.IsZero() {
					d = m.Date
				}
			}
		case isDateLine(p):
			if m, ok := x.dates.findIn(p, lang); ok && (d.IsZero() || dUpdated) {
				// An update notice dates the article only if nothing else does.
				d, dUpdated = m.Date, rxUpdateNotice.MatchString(p)
			}
		default:
			for j := 0; j < datelineWindow && j < len(body) && d.IsZero(); j++ {
				d = x.datelineDate(body[j], lang)
			}
			return body, authors, d
		}
		body = body[1:]
	}
	return body, authors, d
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
// separated, for comparisons. Canonically equivalent texts ("é" written
// as one character or as "e" and an accent) compare equal.
func normText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(norm.NFC.String(s)) {
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

// noiseSelector matches page parts that hold no article metadata.
const noiseSelector = `aside, nav, #comments, .comments, .comment, [class^="comments-"], [class*=" comments-"], [class^="comment-"], [class*=" comment-"], .comment-list, .commentlist, #respond, .widget, .sidebar, #sidebar, .related, .related-posts, .jp-relatedposts`

// inNoise reports whether e is inside a sidebar, comment or navigation.
func inNoise(e *goquery.Selection) bool {
	return e.ClosestMatcher(noiseMatch).Length() > 0
}

// tagLink is a tag or category link of a page and its text.
type tagLink struct {
	node *html.Node
	text string
}

// tagLinks returns the texts of the tag and category links inside s, a
// selection of the page, skipping sidebars, tag clouds and permalinks.
// The page's links are found once and shared by its records.
func (p *page) tagLinks(s *goquery.Selection) []string {
	if !p.tagsKnown {
		p.tagsKnown = true
		p.tags = pageTagLinks(p.root)
	}
	var tags []string
	for _, l := range p.tags {
		for _, n := range s.Nodes {
			if n != l.node && contains(n, l.node) {
				tags = append(tags, l.text)
				break
			}
		}
	}
	return tags
}

// Tag and category links are links marked rel=tag or rel=category, and
// the links inside an element of one of tagListClasses, the classes
// themes give a post's list of tags or categories. Those inside an
// element that noiseSelector matches, or a tag cloud, are not a post's.
var tagListClasses = map[string]bool{
	"cat-links": true, "tags-links": true, "post-labels": true, "post-footers": true,
	"entry-categories": true, "entry-tags": true, "post-tags": true, "tags": true,
}

// pageTagLinks returns the tag and category links under root, in
// document order. It walks the tree once, which costs far less than
// matching the equivalent CSS selector group, whose descendant
// combinators climb the ancestors of every link.
func pageTagLinks(root *html.Node) []tagLink {
	var tags []tagLink
	var walk func(n *html.Node, inList bool)
	walk = func(n *html.Node, inList bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isTagNoise(c) {
				continue
			}
			if c.DataAtom == atom.A && (inList || (hasToken(nodeAttr(c, "rel"), "tag") || hasToken(nodeAttr(c, "rel"), "category"))) {
				if t, ok := tagLinkText(c); ok {
					tags = append(tags, tagLink{c, t})
				}
			}
			walk(c, inList || hasClassIn(c, tagListClasses))
		}
	}
	walk(root, false)
	return tags
}

// tagLinkText returns the text of a tag link, or false for a link to a
// comment, a permalink or a trackback, or a text too long for a tag.
func tagLinkText(a *html.Node) (string, bool) {
	href := strings.ToLower(nodeAttr(a, "href"))
	cls := strings.ToLower(nodeAttr(a, "class"))
	if strings.Contains(href, "#comment") || strings.Contains(cls, "permalink") || strings.Contains(cls, "comment") ||
		strings.Contains(cls, "trackback") {
		return "", false
	}
	t := text(&goquery.Selection{Nodes: []*html.Node{a}})
	if t == "" || utf8.RuneCountInString(t) > 60 || strings.EqualFold(t, "permalink") {
		return "", false
	}
	return t, true
}

// tagCloudClasses are the classes of tag clouds.
var tagCloudClasses = map[string]bool{"tagcloud": true, "wp-tag-cloud": true, "widget_tag_cloud": true}

// isTagNoise reports whether n is an element noiseSelector matches, or a
// tag cloud: the tag links inside it are not a post's.
func isTagNoise(n *html.Node) bool {
	return noiseMatch.Match(n) || hasClassIn(n, tagCloudClasses)
}

// hasClassIn reports whether one of n's classes is in set.
func hasClassIn(n *html.Node, set map[string]bool) bool {
	for _, c := range strings.Fields(nodeAttr(n, "class")) {
		if set[c] {
			return true
		}
	}
	return false
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
