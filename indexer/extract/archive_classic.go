package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/clippings/clippings/corpus"
	"golang.org/x/net/html"
)

// The classic reading of archive pages, used with Options.ClassicListings:
// post containers found by the class names of common blog themes
// (postSelector), each with a heading and a date. It is kept for
// comparison (TestArchivesDev scores both readings).

// postSelector matches the elements that may hold one post.
const postSelector = `article, .post, .hentry, .type-post, .post-outer, .date-outer, .entry, .blog-post, .h-entry`

// headingSelectors find a post's heading, best first.
var headingSelectors = compileAll(
	`.entry-title`,
	`.post-title`,
	`[itemprop="headline"]`,
	`.posttitle, .storytitle, .p-name`,
	`h1.entry-header, h2.entry-header, h3.entry-header, h4.entry-header`,
	`h1, h2, h3`,
)

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
	cands := p.doc.FindMatcher(postMatch).FilterFunction(func(_ int, s *goquery.Selection) bool {
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
		s.FindMatcher(sel).EachWithBreak(func(_ int, h *goquery.Selection) bool {
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

// classicArticles makes one article of each post that findPosts found.
func (x *Extractor) classicArticles(p *page, posts []post) []corpus.Article {
	lang := primaryLanguage(p.meta.Lang)
	// The outlet is the site: its declared name, else the name its header
	// shows, else the one in <title>, else its host.
	site := first(p.meta.SiteName, p.meta.LD.Publisher, p.meta.LD.SiteName, p.siteFromDOM(),
		stripArchiveTitle(p.meta.TitleTag), p.site)
	out := make([]corpus.Article, 0, len(posts))
	for _, ps := range posts {
		a := corpus.Article{
			Title:    text(ps.heading),
			Outlet:   site,
			Language: lang,
		}
		a.URL = p.postURL(headingLink(ps.heading.Nodes[0]))
		a.Authors = bylineAuthors(ps.sel, site)
		a.Date = x.postDate(p, ps)
		a.Tags = p.tagLinks(ps.sel)
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

// postBody returns the paragraphs of a post's own text.
func postBody(ps post) []string {
	content := ps.sel.FindMatcher(postContentMatch).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return !isCommentOrNoise(s)
	}).First()
	root := content
	if root.Length() == 0 {
		root = ps.sel
	}
	skip := map[*html.Node]bool{}
	for _, n := range root.FindMatcher(postSkipMatch).Nodes {
		skip[n] = true
	}
	for _, n := range root.FindMatcher(noiseMatch).Nodes {
		skip[n] = true
	}
	if content.Length() == 0 {
		for _, n := range ps.heading.Nodes {
			skip[n] = true
		}
	}
	return paragraphs(root.Nodes[0], func(n *html.Node) bool { return skip[n] })
}
