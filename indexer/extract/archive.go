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
	site := p.siteGuess()
	p.doc.Find("h1").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if inNoise(s) || s.ClosestMatcher(siteHeadingMatch).Length() > 0 || s.Find(`a[rel~="home"]`).Length() > 0 {
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

// archiveArticles makes one article of each record of a listing page.
func (x *Extractor) archiveArticles(p *page, set *recordSet) []corpus.Article {
	lang := primaryLanguage(p.meta.Lang)
	// The outlet is the site: its declared name, else the name its header
	// shows, else the one in <title>, else its host.
	site := first(p.meta.SiteName, p.meta.LD.Publisher, p.meta.LD.SiteName, p.siteFromDOM(),
		stripArchiveTitle(p.meta.TitleTag), p.site)
	headers := x.dateHeaders(p, set.records)
	labels := linkLabels(set.records)
	out := make([]corpus.Article, 0, len(set.records))
	for _, r := range set.records {
		content := recordContent(r)
		body := dropLabels(dropBoilerplate(recordBody(r, content)), labels)
		a := corpus.Article{Outlet: site, Language: lang, Provenance: map[string]string{"split": set.source}}
		a.Title, a.Provenance["title"] = p.recordTitle(r, body, labels)
		a.URL = p.postURL(r.link)
		a.Excerpt = p.isExcerpt(r, content, body)
		a.Authors, a.Provenance["authors"] = recordAuthors(r, site)
		a.Date, a.Provenance["date"] = x.recordDate(p, r, headers)
		a.Tags = p.tagLinks(r.sel)
		body, lineAuthors, lineDate := x.trimBodyHead(body, []string{a.Title}, site, p.language())
		if len(a.Authors) == 0 && len(lineAuthors) > 0 {
			a.Authors, a.Provenance["authors"] = lineAuthors, "byline-line"
		}
		if a.Date.IsZero() && !lineDate.IsZero() {
			a.Date, a.Provenance["date"] = lineDate, "date-line"
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
		for k, v := range a.Provenance {
			if v == "" {
				delete(a.Provenance, k)
			}
		}
		if a.Title == "" && a.Body == "" {
			continue // a record that shows nothing is no article
		}
		out = append(out, a)
	}
	return out
}

// dropLabels removes the paragraphs that are only a label the records'
// links share ("Permalink", "95 notes"; see linkLabels).
func dropLabels(body []string, labels map[string]bool) []string {
	out := body[:0]
	for _, b := range body {
		if !labels[labelOf(b)] {
			out = append(out, b)
		}
	}
	return out
}

// recordBody returns the paragraphs of a record's own text: its text
// element's, else the record's without its heading, metadata and footers.
// A record whose only text is an image's caption (a photo post) has the
// caption as its text.
func recordBody(r record, content *html.Node) []string {
	if body := recordParagraphs(r, content, true); len(body) > 0 {
		return body
	}
	return recordParagraphs(r, content, false)
}

// captionSelector matches the captions of images and figures.
const captionSelector = `figcaption, .wp-caption-text`

// recordParagraphs returns the paragraphs of recordBody, without the
// captions of images when skipCaptions is set.
func recordParagraphs(r record, content *html.Node, skipCaptions bool) []string {
	roots := r.nodes
	if content != nil {
		roots = []*html.Node{content}
	}
	skip := map[*html.Node]bool{}
	for _, root := range roots {
		s := goquery.NewDocumentFromNode(root).Selection
		for _, n := range s.FindMatcher(postMetaMatch).Nodes {
			skip[n] = true
		}
		if skipCaptions {
			for _, n := range s.FindMatcher(captionMatch).Nodes {
				skip[n] = true
			}
		}
		for _, n := range s.FindMatcher(noiseMatch).Nodes {
			skip[n] = true
		}
	}
	if content == nil && r.heading != nil {
		skip[r.heading] = true
	}
	var out []string
	for _, root := range roots {
		out = append(out, paragraphs(root, func(n *html.Node) bool { return skip[n] || isHiddenNode(n) })...)
	}
	return out
}

// postURL returns the absolute address of a post from its link, resolved
// against the page's base address when that is known.
func (p *page) postURL(href string) string {
	if href == "" {
		return ""
	}
	if u := absURL(href); u != "" {
		return u
	}
	if p.base == "" {
		return ""
	}
	base, err := url.Parse(p.base)
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

// postContentSelector finds the element that holds a post's text.
const postContentSelector = `.entry-content, .entry-summary, .post-body, .entry-body, .post-content, .entry-text, .article-content, [itemprop="articleBody"], .e-content, .storycontent`

// postSkipSelector matches the parts of a post container that are not its
// text: heading, metadata, footers, share buttons, captions.
const postSkipSelector = postMetaSelector + `, ` + captionSelector

// postMetaSelector is postSkipSelector without the captions.
const postMetaSelector = `header, footer, .entry-meta, .entry-utility, .entry-footer, .post-footer, .post-header, .byline, .post-meta, .postmetadata, ` +
	`.sharedaddy, .share, .sharing, .social, .share-buttons, .jp-relatedposts, .more-link, .comments-link, .post-share-buttons, ` +
	`.entry-footer-share, .date-header, .post-labels, .tags, .cat-links, .tags-links`
