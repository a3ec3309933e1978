package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/clippings/clippings/corpus"
	"golang.org/x/net/html"
)

// A blog archive page (a month, a category, the front page) shows several
// posts one after the other, each in its own container with its own
// heading. This file finds those containers by structure, whatever the
// blog software, and makes one article of each.

// postSelector matches the elements that may hold one post.
const postSelector = `article, .post, .hentry, .type-post, .post-outer, .date-outer, .entry, .blog-post, .h-entry`

// headingSelectors find a post's heading, best first.
var headingSelectors = []string{
	`.entry-title`,
	`.post-title`,
	`[itemprop="headline"]`,
	`.posttitle, .storytitle, .p-name`,
	`h1.entry-header, h2.entry-header, h3.entry-header, h4.entry-header`,
	`h1, h2, h3`,
}

// post is one post container of an archive page and its heading.
type post struct {
	sel     *goquery.Selection
	heading *goquery.Selection
}

// findPosts returns the posts of an archive page, or nil when the page is
// a single article: fewer than two repeated containers with headings and
// dates, a page that declares itself a single post, or one with its own
// headline.
func (x *Extractor) findPosts(p *page) []post {
	if isSinglePostPage(p) {
		return nil
	}
	cands := p.doc.Find(postSelector).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return !isCommentOrNoise(s)
	})
	if cands.Length() < 2 {
		return nil
	}
	isCand := make(map[*html.Node]bool, cands.Length())
	for _, n := range cands.Nodes {
		isCand[n] = true
	}
	// Top-level candidates: those not inside another candidate.
	var top []*html.Node
	for _, n := range cands.Nodes {
		if !hasAncestorIn(n, isCand) {
			top = append(top, n)
		}
	}
	var posts []post
	for _, n := range top {
		posts = append(posts, expandPost(n, isCand)...)
	}
	if len(posts) < 2 {
		return nil
	}
	// Blog posts are dated: each has a date of its own, or sits under a
	// date header. Teasers, FAQ entries and page sections mostly are not.
	dated := 0
	for _, ps := range posts {
		if !x.postDate(p, ps).IsZero() {
			dated++
		}
	}
	if dated < 2 || 2*dated < len(posts) {
		return nil
	}
	// A page with its own headline is one article, with teasers or
	// related posts around it: the headline is either one container's
	// heading (the main article) or outside all of them.
	if h, strong := pageHeadline(p); h != "" {
		for _, ps := range posts {
			if sameText(text(ps.heading), h) {
				return nil
			}
		}
		if strong || len(strings.Fields(h)) >= 3 {
			return nil
		}
	}
	return posts
}

// siteHeadingSelector matches the page header parts that show the site's
// name rather than an article's title.
const siteHeadingSelector = `#site-title, .site-title, #blog-title, .blog-title, #header, .header, #masthead, .masthead, #branding, .site-header, .site-branding, #banner, .Header, .logo, #logo`

// pageHeadline returns the page's own headline: an <h1> that is not the
// site's name and that the page's metadata or <title> confirms. strong
// reports a confirmation by og:title, twitter:title or JSON-LD rather
// than by <title> only.
func pageHeadline(p *page) (h string, strong bool) {
	m := p.meta
	metaTitles := []string{m.LD.Headline, m.OGTitle, m.TwTitle, m.MetaTitle}
	site := first(p.site, siteFromDOM(p.doc))
	p.doc.Find("h1").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if inNoise(s) || s.Closest(siteHeadingSelector).Length() > 0 || s.Find(`a[rel~="home"]`).Length() > 0 {
			return true
		}
		t := text(s)
		if t == "" || utf8.RuneCountInString(t) > 300 || (site != "" && sameText(t, site)) {
			return true
		}
		for _, mt := range metaTitles {
			if mt != "" && (sameText(t, mt) || sameText(t, stripSite(mt, site))) {
				h, strong = t, true
				return false
			}
		}
		if m.TitleTag != "" && utf8.RuneCountInString(t) >= 8 && containsText(m.TitleTag, t) {
			h = t
			return false
		}
		return true
	})
	return h, strong
}

// expandPost returns the posts in a top-level candidate: the candidate
// itself when it holds at most one post, else the posts of its nested
// candidates (a Blogger .date-outer holds the .post-outer of one day).
func expandPost(n *html.Node, isCand map[*html.Node]bool) []post {
	var inner []*html.Node
	var collect func(*html.Node)
	collect = func(c *html.Node) {
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if isCand[k] {
				inner = append(inner, k)
				continue
			}
			collect(k)
		}
	}
	collect(n)
	var sub []post
	for _, k := range inner {
		sub = append(sub, expandPost(k, isCand)...)
	}
	if len(sub) >= 2 {
		return sub
	}
	s := goquery.NewDocumentFromNode(n).Selection
	if h := postHeading(s); h != nil {
		return []post{{sel: s, heading: h}}
	}
	return sub
}

// postHeading returns the heading of a post container, or nil.
func postHeading(s *goquery.Selection) *goquery.Selection {
	for _, sel := range headingSelectors {
		var found *goquery.Selection
		s.Find(sel).EachWithBreak(func(_ int, h *goquery.Selection) bool {
			if isCommentOrNoise(h) {
				return true
			}
			t := text(h)
			if t == "" || utf8.RuneCountInString(t) > 300 {
				return true
			}
			found = h
			return false
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// isSinglePostPage reports whether a page says it shows one post: a
// WordPress "single" body class or an og:type of article.
func isSinglePostPage(p *page) bool {
	if p.meta.OGType == "article" {
		return true
	}
	body := attr(p.doc.Find("body").First(), "class")
	return hasToken(body, "single") || hasToken(body, "single-post") || hasToken(body, "singular") ||
		strings.Contains(body, "postid-")
}

// isCommentOrNoise reports whether e is, or is inside, a comment, a
// sidebar or a navigation block.
func isCommentOrNoise(e *goquery.Selection) bool {
	if inNoise(e) {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(e, "class"))) {
		switch c {
		case "comment", "comments", "comment-body", "comment-content", "commentlist", "comment-list",
			"pingback", "trackback", "bypostauthor":
			return true
		}
	}
	id := strings.ToLower(attr(e, "id"))
	return strings.HasPrefix(id, "comment")
}

// hasAncestorIn reports whether one of n's ancestors is in set.
func hasAncestorIn(n *html.Node, set map[*html.Node]bool) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if set[a] {
			return true
		}
	}
	return false
}

// archiveArticles makes one article of each post of an archive page.
func (x *Extractor) archiveArticles(p *page, posts []post) []corpus.Article {
	lang := primaryLanguage(p.meta.Lang)
	// The outlet is the site: its declared name, else the name its header
	// shows, else the one in <title>, else its host.
	site := first(p.meta.SiteName, p.meta.LD.Publisher, p.meta.LD.SiteName, siteFromDOM(p.doc),
		stripArchiveTitle(p.meta.TitleTag), p.site)
	out := make([]corpus.Article, 0, len(posts))
	for _, ps := range posts {
		a := corpus.Article{
			Title:    text(ps.heading),
			Outlet:   site,
			Language: lang,
		}
		a.URL = postURL(ps, p.base)
		a.Authors = bylineAuthors(ps.sel, site)
		a.Date = x.postDate(p, ps)
		a.Tags = tagLinks(ps.sel)
		body := dropBoilerplate(postBody(ps))
		body, lineAuthors, lineDate := x.trimBodyHead(body, []string{a.Title}, site, p.language())
		if len(a.Authors) == 0 {
			a.Authors = lineAuthors
		}
		if a.Date.IsZero() {
			a.Date = lineDate
		}
		a.Outlet = displaySite(p, a.Outlet)
		body = republished(&a, body)
		a.Body = strings.Join(body, "\n\n")
		if len(body) > 0 {
			a.Lead = body[0]
		}
		if a.Language == "" {
			a.Language = detectLanguage(a.Body)
		}
		out = append(out, a)
	}
	return out
}

// postDate returns the date of a post: its own dating element, else the
// date header above it.
func (x *Extractor) postDate(p *page, ps post) corpus.Date {
	if d := x.timeElementDate(ps.sel, p.language()); !d.IsZero() {
		return d
	}
	if p.order == nil {
		p.order = documentOrder(p.root)
		p.dateHeaders = p.doc.Find(`.date-header`).Nodes
	}
	return x.dateHeaderBefore(ps.sel.Nodes[0], p.dateHeaders, p.order)
}

// documentOrder numbers the nodes of a tree in document order.
func documentOrder(root *html.Node) map[*html.Node]int {
	order := map[*html.Node]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		order[n] = len(order)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return order
}

// dateHeaderBefore returns the date of the last date header that comes
// before n in the document: Blogger and TypePad print the day once above
// all the posts of that day.
func (x *Extractor) dateHeaderBefore(n *html.Node, headers []*html.Node, order map[*html.Node]int) corpus.Date {
	var last *html.Node
	for _, h := range headers {
		if order[h] < order[n] {
			last = h
		}
	}
	if last == nil {
		return corpus.Date{}
	}
	return x.dates.parse(text(goquery.NewDocumentFromNode(last).Selection))
}

// postContentSelector finds the element that holds a post's text.
const postContentSelector = `.entry-content, .entry-summary, .post-body, .entry-body, .post-content, .entry-text, .article-content, [itemprop="articleBody"], .e-content, .storycontent`

// postSkipSelector matches the parts of a post container that are not its
// text: heading, metadata, footers, share buttons.
const postSkipSelector = `header, footer, .entry-meta, .entry-utility, .entry-footer, .post-footer, .post-header, .byline, .post-meta, .postmetadata, ` +
	`.sharedaddy, .share, .sharing, .social, .share-buttons, .jp-relatedposts, .wp-caption-text, figcaption, .more-link, .comments-link, .post-share-buttons, ` +
	`.entry-footer-share, .date-header, .post-labels, .tags, .cat-links, .tags-links`

// postBody returns the paragraphs of a post's own text.
func postBody(ps post) []string {
	content := ps.sel.Find(postContentSelector).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return !isCommentOrNoise(s)
	}).First()
	root := content
	if root.Length() == 0 {
		root = ps.sel
	}
	skip := map[*html.Node]bool{}
	for _, n := range root.Find(postSkipSelector).Nodes {
		skip[n] = true
	}
	for _, n := range root.Find(noiseSelector).Nodes {
		skip[n] = true
	}
	if content.Length() == 0 {
		for _, n := range ps.heading.Nodes {
			skip[n] = true
		}
	}
	return paragraphs(root.Nodes[0], func(n *html.Node) bool { return skip[n] })
}

// postURL returns the absolute address of a post: its heading's link
// resolved against the page address, when that is known.
func postURL(ps post, pageURL string) string {
	href := attr(ps.heading.Find("a[href]").First(), "href")
	if href == "" {
		href = attr(ps.heading.Closest("a[href]"), "href")
	}
	if href == "" {
		return ""
	}
	if u := absURL(href); u != "" {
		return u
	}
	if pageURL == "" {
		return ""
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	// Archive pages often give the site's home as their canonical address:
	// a link relative to the page's own folder cannot be resolved then.
	if (base.Path == "" || base.Path == "/") && !strings.HasPrefix(href, "/") {
		return ""
	}
	ref, err := url.Parse(href)
	if err != nil {
		return ""
	}
	return base.ResolveReference(ref).String()
}

// stripArchiveTitle returns the site name from an archive page's <title>
// such as "2004 June | Certain Doubts" or "Life With Alacrity: ".
func stripArchiveTitle(title string) string {
	title = strings.TrimSpace(title)
	locs := rxTitleSep.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		// "Blog Name: May 2012", "Life With Alacrity: "
		name, _, _ := strings.Cut(title, ": ")
		if name = strings.Trim(name, " :"); !strings.ContainsAny(name, "0123456789") {
			return name
		}
		return ""
	}
	last := strings.TrimSpace(title[locs[len(locs)-1][1]:])
	firstPart := strings.TrimSpace(title[:locs[0][0]])
	// The site is the part without digits (the other part names a date).
	switch {
	case last != "" && !strings.ContainsAny(last, "0123456789"):
		return last
	case firstPart != "" && !strings.ContainsAny(firstPart, "0123456789"):
		return firstPart
	}
	return ""
}
