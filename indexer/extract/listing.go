package extract

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/clippings/clippings/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A listing page (a blog's month, a category, a tag, the home page) shows
// several posts. This file finds them the way the page itself tells them
// apart, whatever the blog software: first every candidate set of
// records, each from one source of evidence —
//
//   - markup the page declares: schema.org microdata (an itemscope whose
//     itemtype is an article type), microformats 2 (h-entry) and classic
//     hAtom (hentry);
//   - repeated structure: sibling elements of one tag that each hold a
//     link to a post of their own ("repeated-region", the data-record
//     idea of MDR and DEPTA), or runs of siblings between repeated
//     headings ("heading-run");
//
// then the evidence on each record (a heading, a permalink, a date, text)
// scores each set with the same weights on every site, and the best set
// wins. Whether the page is a listing at all is decided on the winner: a
// page that shows several posts with text of their own is a listing
// whatever its metadata claims, and records that are only titles must be
// dated to count (a sidebar of recent posts is not).

// Evidence sources named in provenance and --explain.
const (
	srcMicrodata  = "microdata"
	srcHEntry     = "h-entry"
	srcHAtom      = "hatom"
	srcRegion     = "repeated-region"
	srcHeadingRun = "heading-run"
	// srcLoneRecord is the one post a tag or category page shows.
	srcLoneRecord = "lone-record"
)

// record is one post of a listing page.
type record struct {
	// nodes are the record's elements: one container, or a run of
	// siblings that starts with its heading.
	nodes []*html.Node
	sel   *goquery.Selection
	// heading is the element holding the post's title, or nil.
	heading *html.Node
	// link is the post's permalink as written in the page, or "".
	link string
	// textLen is the length in runes of the record's visible text.
	textLen int
	// posts is the number of distinct posts the record's headings link
	// to: a record that holds several posts is a group of records.
	posts int
}

// recordSet is one candidate reading of a listing page.
type recordSet struct {
	source  string
	records []record
	score   float64
	// why says, for --explain, what the score was made of.
	why string
	// spread reports a structural set whose records sit under several
	// parents (one per day, say) rather than side by side.
	spread bool
	// shape is the shape of the permalinks the records agree on, or ""
	// (see agreeOnPermalinks).
	shape string
}

// vocabularies are the declared-markup sources, each with the selector
// of its roots.
var vocabularies = []struct{ source, root string }{
	{srcHEntry, `.h-entry`},
	{srcHAtom, `.hentry`},
	{srcMicrodata, `[itemscope][itemtype]`},
}

// isArticleItemType reports whether a microdata itemtype names an
// article: BlogPosting, NewsArticle, Article, SocialMediaPosting, ….
func isArticleItemType(t string) bool {
	for _, f := range strings.Fields(t) {
		f = f[strings.LastIndexAny(f, "/#")+1:]
		if strings.HasSuffix(f, "Article") || strings.HasSuffix(f, "Posting") {
			return true
		}
	}
	return false
}

// candidateSets returns every candidate record set of the page.
func (x *Extractor) candidateSets(p *page) []recordSet {
	var sets []recordSet
	for _, v := range vocabularies {
		var roots []*html.Node
		isRoot := map[*html.Node]bool{}
		p.doc.Find(v.root).Each(func(_ int, s *goquery.Selection) {
			if v.source == srcMicrodata && !isArticleItemType(attr(s, "itemtype")) {
				return
			}
			if inListingNoise(s.Nodes[0]) {
				return
			}
			isRoot[s.Nodes[0]] = true
			roots = append(roots, s.Nodes[0])
		})
		var recs []record
		for _, n := range roots {
			if !hasAncestorIn(n, isRoot) {
				recs = append(recs, p.newRecord([]*html.Node{n}))
			}
		}
		if len(recs) >= 2 {
			sets = append(sets, recordSet{source: v.source, records: recs})
		}
	}
	// The repeated structure is read unless a declared list of posts
	// already holds most of the page's text: the markup comes first in
	// the order of evidence, and a page that marks its posts rarely has
	// another list beside them.
	if !declaredListCovers(p, sets) {
		for _, set := range p.structureSets() {
			if set.records = p.alike(set.records); len(set.records) >= 2 {
				sets = append(sets, set)
			}
		}
	}
	for i := range sets {
		sets[i].shape = p.agreeOnPermalinks(sets[i].records)
	}
	return sets
}

// declaredCover is the share of the page's main text that a set read
// from markup (microdata, h-entry, hAtom) must hold for the repeated
// structure to be left unread.
const declaredCover = 0.6

// declaredListCovers reports whether one of sets, all read from markup,
// holds at least declaredCover of the page's main text.
func declaredListCovers(p *page, sets []recordSet) bool {
	if len(sets) == 0 {
		return false
	}
	main := mainTextLen(p)
	if main == 0 {
		return false
	}
	for _, set := range sets {
		n := 0
		for _, r := range set.records {
			n += r.textLen
		}
		if float64(n) >= declaredCover*float64(main) {
			return true
		}
	}
	return false
}

// agreeOnPermalinks chooses the records' permalinks by what the records
// agree on. A post's address has the shape of its siblings' addresses
// (/post/ID/slug, /YYYY/MM/slug.html), while the other links of a record
// (an image's page, a script's, a tag) are not in every record. The
// shape that most records link to wins when at least half of them do;
// between shapes as common, the one the records' permalinks already
// have, else one without a query, else one each record links to once. A
// record whose permalink has another shape takes its first link of that
// shape. It returns the shape, or "".
func (p *page) agreeOnPermalinks(recs []record) string {
	if len(recs) < 2 {
		return ""
	}
	links := make([]map[string][]string, len(recs))
	type tally struct{ records, current, once int }
	shapes := map[string]*tally{}
	for i, r := range recs {
		links[i] = p.postLinksByShape(r)
		for shape, hrefs := range links[i] {
			if shapes[shape] == nil {
				shapes[shape] = &tally{}
			}
			shapes[shape].records++
			if len(hrefs) == 1 {
				shapes[shape].once++
			}
		}
		if t := shapes[p.pathShape(r.link)]; t != nil {
			t.current++
		}
	}
	best := ""
	better := func(s string) bool {
		a, b := shapes[s], shapes[best]
		switch {
		case best == "" || a.records != b.records:
			return best == "" || a.records > b.records
		case a.current != b.current:
			return a.current > b.current
		case strings.HasSuffix(s, "?") != strings.HasSuffix(best, "?"):
			return !strings.HasSuffix(s, "?")
		case a.once != b.once:
			return a.once > b.once
		}
		return s < best
	}
	for shape := range shapes {
		if better(shape) {
			best = shape
		}
	}
	if best == "" || shapes[best].records < 2 || 2*shapes[best].records < len(recs) {
		return ""
	}
	for i := range recs {
		if hrefs := links[i][best]; len(hrefs) > 0 && p.pathShape(recs[i].link) != best {
			recs[i].link = hrefs[0]
		}
	}
	return best
}

// postLinksByShape returns a record's links to posts of the site, grouped
// by the shape of their paths, one per address: the first written
// without a fragment (a fragment points into the post's page, at its
// notes or comments), else the first.
func (p *page) postLinksByShape(r record) map[string][]string {
	out := map[string][]string{}
	seen := map[string]int{}
	r.sel.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href := attr(s, "href")
		if !p.isPostLink(href) || inListingNoise(s.Nodes[0]) {
			return
		}
		addr, _, frag := strings.Cut(p.resolve(href), "#")
		shape := p.pathShape(href)
		if i, ok := seen[addr]; ok {
			if !frag && strings.Contains(out[shape][i], "#") {
				out[shape][i] = href
			}
			return
		}
		seen[addr] = len(out[shape])
		out[shape] = append(out[shape], href)
	})
	return out
}

// pathShape returns the shape of a link's path: its segments, each a
// number ("#") or a word ("w"), and whether it has a query, so that
// /post/123/a-title and /post/456/another share one shape and /image/123
// has another.
func (p *page) pathShape(href string) string {
	if href == "" {
		return ""
	}
	u, err := url.Parse(p.resolve(href))
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, seg := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if seg == "" {
			continue
		}
		if strings.Trim(seg, "0123456789") == "" {
			b.WriteString("/#")
		} else {
			b.WriteString("/w")
		}
	}
	if u.RawQuery != "" {
		// A script's address (?entry_id=177) is not a page's.
		b.WriteString("?")
	}
	return b.String()
}

// alike keeps the records of a structural set that look like the others:
// their headings are of the same tag and class as most records' (a post
// has no heading at all on some platforms), and a heading is not the
// site's name (a page header beside one post is not a second post).
func (p *page) alike(recs []record) []record {
	sig := func(r record) string {
		if r.heading == nil {
			return ""
		}
		return r.heading.Data + "." + classSignature(r.heading)
	}
	count := map[string]int{}
	most := ""
	for _, r := range recs {
		if k := sig(r); k != "" {
			count[k]++
			if most == "" || count[k] > count[most] {
				most = k
			}
		}
	}
	site := p.siteGuess()
	var out []record
	for _, r := range recs {
		if k := sig(r); k != "" && (k != most || (site != "" && sameText(shownTextOf(r.heading), site))) {
			continue
		}
		if sig(r) == "" && most != "" && r.textLen < 200 {
			// Beside titled posts, a block without a title must at least
			// hold a text of its own (an untitled photo post's caption).
			continue
		}
		out = append(out, r)
	}
	return out
}

// recordTags are the elements that may wrap one post.
var recordTags = map[atom.Atom]bool{
	atom.Article: true, atom.Div: true, atom.Section: true, atom.Li: true, atom.Tr: true,
	atom.Dd: true, atom.Dt: true, atom.Td: true,
}

// headingTags are the heading elements.
var headingTags = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// structureSets returns the record sets that the page's structure shows:
// under one parent, the sibling elements of one tag that each link to a
// post of their own, and the runs of siblings that start at repeated
// headings of one tag and class.
func (p *page) structureSets() []recordSet {
	var sets []recordSet
	// pageWide are the tag.class pairs that repeat among siblings: posts
	// of one kind may also sit under several parents (one per day).
	pageWide := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (invisibleElements[n.DataAtom] || isNoiseNode(n)) {
			return
		}
		groups := map[string][]*html.Node{}
		var order []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			var key string
			switch {
			case recordTags[c.DataAtom]:
				key = "r:" + c.Data
			case headingTags[c.DataAtom]:
				key = "h:" + c.Data + "." + classSignature(c)
			default:
				continue
			}
			if groups[key] == nil {
				order = append(order, key)
			}
			groups[key] = append(groups[key], c)
		}
		for _, key := range order {
			g := groups[key]
			if len(g) < 2 {
				continue
			}
			if key[0] == 'r' {
				groups, toks := classGroups(g)
				for _, t := range toks {
					pageWide[g[0].Data+"."+t] = true
				}
				for _, members := range groups {
					var recs []record
					for _, c := range members {
						if !hasLink(c) {
							continue
						}
						r := p.newRecord([]*html.Node{c})
						if r.link != "" {
							recs = append(recs, r)
						}
					}
					if len(recs) >= 2 && 2*len(recs) >= len(members) {
						sets = append(sets, recordSet{source: srcRegion, records: recs})
					}
				}
				continue
			}
			if recs := p.headingRuns(g); len(recs) >= 2 {
				sets = append(sets, recordSet{source: srcHeadingRun, records: recs})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(p.root)
	for sel := range pageWide {
		var nodes []*html.Node
		isMember := map[*html.Node]bool{}
		p.doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			if !inListingNoise(s.Nodes[0]) {
				nodes = append(nodes, s.Nodes[0])
				isMember[s.Nodes[0]] = true
			}
		})
		var recs []record
		spread := map[*html.Node]bool{}
		for _, n := range nodes {
			if hasAncestorIn(n, isMember) {
				continue
			}
			if r := p.newRecord([]*html.Node{n}); r.link != "" {
				recs = append(recs, r)
				spread[n.Parent] = true
			}
		}
		if len(recs) >= 2 && len(spread) >= 2 {
			sets = append(sets, recordSet{source: srcRegion, records: recs, spread: true})
		}
	}
	return sets
}

// classGroups splits sibling elements of one tag into the groups that
// share a class: posts share one ("post", "entry", "hentry") while their
// other classes name each post's kind, categories or id. Each class held
// by two or more siblings makes a group, the most common first, at most
// four; siblings without classes make one more group.
func classGroups(sibs []*html.Node) ([][]*html.Node, []string) {
	count := map[string]int{}
	var toks []string
	var bare []*html.Node
	for _, n := range sibs {
		sig := classSignature(n)
		if sig == "" {
			bare = append(bare, n)
			continue
		}
		for _, t := range strings.Split(sig, ".") {
			if count[t] == 0 {
				toks = append(toks, t)
			}
			count[t]++
		}
	}
	sort.SliceStable(toks, func(i, j int) bool { return count[toks[i]] > count[toks[j]] })
	var groups [][]*html.Node
	var used []string
	seen := map[int]bool{}
	for _, t := range toks {
		if count[t] < 2 || len(groups) == 4 {
			break
		}
		if seen[count[t]] && count[t] == len(sibs) {
			continue
		}
		seen[count[t]] = true
		var g []*html.Node
		for _, n := range sibs {
			if slices.Contains(strings.Split(classSignature(n), "."), t) {
				g = append(g, n)
			}
		}
		groups = append(groups, g)
		used = append(used, t)
	}
	if len(bare) >= 2 {
		groups = append(groups, bare)
	}
	return groups, used
}

// headingRuns returns the records that start at each of the sibling
// headings hs and run until the next one (or the parent's end). Headings
// that are dates are date headers, not posts.
func (p *page) headingRuns(hs []*html.Node) []record {
	var recs []record
	for i, h := range hs {
		if p.isDateText(nodeText(h)) {
			return nil
		}
		var end *html.Node
		if i+1 < len(hs) {
			end = hs[i+1]
		}
		var run []*html.Node
		for c := h; c != nil && c != end; c = c.NextSibling {
			if c.Type == html.ElementNode {
				run = append(run, c)
			}
		}
		r := p.newRecord(run)
		r.heading = h
		if r.link == "" {
			r.link = headingLink(h)
		}
		if r.link != "" {
			recs = append(recs, r)
		}
	}
	return recs
}

// classSignature returns an element's class tokens without those that
// carry numbers (per-post ids such as "post-403").
func classSignature(n *html.Node) string {
	var toks []string
	for _, t := range strings.Fields(nodeAttr(n, "class")) {
		if !strings.ContainsAny(t, "0123456789") {
			toks = append(toks, t)
		}
	}
	return strings.Join(toks, ".")
}

// isNoiseNode reports whether n is itself a sidebar, navigation, comment
// block or the like (see noiseSelector).
func isNoiseNode(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Aside, atom.Nav, atom.Head, atom.Form:
		return true
	}
	switch nodeAttr(n, "role") {
	case "navigation", "contentinfo", "banner", "complementary", "search", "menu", "menubar":
		// ARIA landmarks of the page's frame, not its content.
		return true
	}
	cls, id := nodeAttr(n, "class"), nodeAttr(n, "id")
	if !mayBeNoise(cls) && !mayBeNoise(id) {
		return false // most elements: nothing below can match
	}
	for _, c := range strings.Fields(strings.ToLower(cls + " " + id)) {
		switch c {
		case "comments", "comment", "comment-list", "commentlist", "comment-body", "comment-content", "respond",
			"sidebar", "related", "related-posts", "jp-relatedposts", "sidebar-wrapper", "pingback", "trackback":
			return true
		}
	}
	for _, c := range strings.Fields(strings.ToLower(cls)) {
		if strings.HasPrefix(c, "comments-") || strings.HasPrefix(c, "comment-") {
			return true
		}
	}
	return strings.HasPrefix(strings.ToLower(id), "comment")
}

// noiseWords are the parts of the class and id names isNoiseNode looks
// for; an attribute without any of them cannot name noise.
var noiseWords = []string{"comment", "sidebar", "related", "respond", "pingback", "trackback"}

// mayBeNoise reports whether s holds one of noiseWords, in any case,
// without allocating: isNoiseNode runs for every ancestor of every node
// a listing page weighs.
func mayBeNoise(s string) bool {
	if len(s) < len("related") {
		return false
	}
	for _, w := range noiseWords {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	return false
}

// containsFoldASCII reports whether s contains the lower-case ASCII word
// w, ignoring the case of ASCII letters in s.
func containsFoldASCII(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for ; j < len(w); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[j] {
				break
			}
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// inListingNoise reports whether n is, or is inside, a sidebar,
// navigation or comment block. A widget is not noise by itself here:
// some platforms render the main list of posts as a widget.
func inListingNoise(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && isNoiseNode(n) {
			return true
		}
	}
	return false
}

// hasLink reports whether n holds a link, without looking further than
// the first one.
func hasLink(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A || hasLink(c) {
			return true
		}
	}
	return false
}

// siteGuess returns the site's name as the page gives it, from its
// metadata or its header; computed once per page.
func (p *page) siteGuess() string {
	if !p.siteKnown {
		p.siteKnown = true
		p.siteText = first(p.site, p.siteFromDOM())
	}
	return p.siteText
}

// siteHost returns the host name of the page's own site: its address's,
// else the host its name in a heading (or a rel=home link) links home to,
// else the host most of its absolute links go to.
func siteHost(p *page) string {
	if p.host != "" {
		return p.host
	}
	home := ""
	p.doc.Find(`h1 a[href], h2 a[href], a[rel~="home"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		u, err := url.Parse(absURL(attr(s, "href")))
		if err == nil && u.Host != "" && strings.Trim(u.Path, "/") == "" && u.RawQuery == "" {
			home = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
			return false
		}
		return true
	})
	if home != "" {
		return home
	}
	count := map[string]int{}
	best := ""
	for _, a := range linkNodes(p.root) {
		h := linkHost(nodeAttr(a, "href"))
		if h == "" {
			continue
		}
		count[h]++
		if best == "" || count[h] > count[best] {
			best = h
		}
	}
	if count[best] >= 2 {
		return best
	}
	return ""
}

// linkNodes returns the <a href> elements under n, in document order.
func linkNodes(n *html.Node) []*html.Node {
	var links []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A && hasAttr(c, "href") {
				links = append(links, c)
			}
			walk(c)
		}
	}
	walk(n)
	return links
}

// linkHost returns the host, in lower case and without "www.", of an
// absolute http(s) address, or "" for any other link.
func linkHost(href string) string {
	href = strings.TrimSpace(href)
	if len(href) < len("http://x") || !strings.EqualFold(href[:4], "http") {
		return "" // most relative links: not worth parsing
	}
	u, err := url.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// newRecord makes a record of the elements nodes and reads its heading,
// permalink and text length.
func (p *page) newRecord(nodes []*html.Node) record {
	if len(nodes) == 1 {
		if r, ok := p.records[nodes[0]]; ok {
			return r
		}
		r := p.readRecord(nodes)
		if p.records == nil {
			p.records = map[*html.Node]record{}
		}
		p.records[nodes[0]] = r
		return r
	}
	return p.readRecord(nodes)
}

// readRecord is newRecord without the page's cache of one-element
// records.
func (p *page) readRecord(nodes []*html.Node) record {
	r := record{nodes: nodes, sel: goquery.NewDocumentFromNode(nodes[0]).Selection}
	for _, n := range nodes[1:] {
		r.sel = r.sel.AddNodes(n)
	}
	r.heading = recordHeading(r)
	r.link = p.permalink(r)
	linked := map[string]bool{}
	r.sel.Find("h1, h2, h3, h4, h5, h6, .entry-title, .p-name").Each(func(_ int, s *goquery.Selection) {
		if href := headingLink(s.Nodes[0]); href != "" && p.isPostLink(href) {
			linked[href] = true
		}
	})
	r.posts = len(linked)
	for _, n := range nodes {
		r.textLen += utf8.RuneCountInString(strings.TrimSpace(visibleText(n, isHiddenNode)))
	}
	return r
}

// titleSelector finds the element the vocabularies mark as a post's
// title, best first.
var titleSelectors = compileAll(
	`[itemprop~="headline"], .p-name, .entry-title`,
	`[itemprop~="name"]:not([itemscope] [itemscope] *), .post-title, .posttitle`,
)

// recordHeading returns the element that holds a record's title: the one
// its markup names, else its first heading that is not a date or quoted,
// or nil.
func recordHeading(r record) *html.Node {
	for _, sel := range titleSelectors {
		var found *html.Node
		r.sel.FindMatcher(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if inListingNoise(s.Nodes[0]) || s.Is("meta, link") {
				return true
			}
			if t := text(s); t != "" && utf8.RuneCountInString(t) <= 300 {
				found = s.Nodes[0]
				return false
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	for _, n := range r.nodes {
		if headingTags[n.DataAtom] {
			return n
		}
	}
	var found *html.Node
	r.sel.Find("h1, h2, h3, h4, h5, h6").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if inListingNoise(s.Nodes[0]) || s.ParentsFiltered("blockquote").Length() > 0 {
			// A heading in a quotation is the quoted text's, not the post's.
			return true
		}
		if t := text(s); t != "" && utf8.RuneCountInString(t) <= 300 && !rxDateish.MatchString(t) {
			found = s.Nodes[0]
			return false
		}
		return true
	})
	return found
}

// rxDateish matches a text made of a date's parts only: digits, month or
// weekday names and separators, the shape of a date header.
var rxDateish = regexp.MustCompile(`^[\p{L}]{0,12},?\s*\d{1,4}[\s./,-]+(?:\p{L}+|\d{1,2})[\s./,-]+\d{2,4}$|^\d{4}-\d{2}-\d{2}$`)

// isDateText reports whether a short text is nothing but a date.
func (p *page) isDateText(s string) bool {
	return !p.textDate(s).IsZero()
}

// textDate returns the date a short text consists of, or the zero Date
// when it is anything else. Answers are kept for the page.
func (p *page) textDate(s string) corpus.Date {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 60 || len(strings.Fields(s)) > 7 || strings.ContainsAny(s, "!?") ||
		!strings.ContainsFunc(s, unicode.IsDigit) {
		// Every date a page writes has a number in it: a day or a year.
		return corpus.Date{}
	}
	if d, ok := p.dateTexts[s]; ok {
		return d
	}
	d := p.x.dates.parseIn(s, p.language())
	if p.dateTexts == nil {
		p.dateTexts = map[string]corpus.Date{}
	}
	p.dateTexts[s] = d
	return d
}

// headingLink returns the link of a heading: one inside it or around it.
func headingLink(h *html.Node) string {
	if a := firstLink(h); a != nil && nodeAttr(a, "href") != "" {
		return nodeAttr(a, "href")
	}
	for n := h; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && n.DataAtom == atom.A && hasAttr(n, "href") {
			return nodeAttr(n, "href")
		}
	}
	return ""
}

// firstLink returns the first <a href> inside n, or nil.
func firstLink(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A && hasAttr(c, "href") {
			return c
		}
		if a := firstLink(c); a != nil {
			return a
		}
	}
	return nil
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// rxNotPost matches the addresses of pages that list posts or act on
// them rather than show one: tags, categories, authors, searches,
// archive pages, feeds, comment anchors, share and reply links.
var rxNotPost = regexp.MustCompile(`(?i)/(?:tags?|tagged|category|categories|label|labels|authors?|search|page|feeds?|comments?|archives?/\d{4}_\d{2}\.html$|wp-login|share)(?:/|\?|$|\.)|\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp3|mp4|mov|avi|wav|css|js|xml|rss|docx?|xlsx?|pptx?|ppsx?|odt|ods|odp)(?:\?|$)|/wp-content/|[?&](?:share|replytocom|showComment|action)=|#(?:comments?|respond|more|disqus)|^mailto:|^javascript:|^#`)

// permalink returns a record's permalink: its heading's link when that
// stays on the site, else the link its markup marks (rel=bookmark,
// u-url, itemprop=url), else the link the record gives most often to a
// page of the site that shows one post.
func (p *page) permalink(r record) string {
	if r.heading != nil {
		if href := headingLink(r.heading); href != "" && p.isPostLink(href) {
			return href
		}
	}
	var marked string
	r.sel.Find(`a[rel~="bookmark"], a.u-url, [itemprop="url"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if inListingNoise(s.Nodes[0]) || s.Closest(`[itemprop~="author"], .p-author`).Length() > 0 {
			return true
		}
		href := first(attr(s, "href"), attr(s, "content"))
		if href != "" && p.isPostLink(href) {
			marked = href
			return false
		}
		return true
	})
	if marked != "" {
		return marked
	}
	// Links to one address with and without a fragment count as one, and
	// the one without stands for them.
	count := map[string]int{}
	shown := map[string]string{}
	best := ""
	r.sel.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href := attr(s, "href")
		if !p.isPostLink(href) || inListingNoise(s.Nodes[0]) {
			return
		}
		addr, _, frag := strings.Cut(p.resolve(href), "#")
		count[addr]++
		if shown[addr] == "" || (!frag && strings.Contains(shown[addr], "#")) {
			shown[addr] = href
		}
		if best == "" || count[addr] > count[best] {
			best = addr
		}
	})
	return shown[best]
}

// isPostLink reports whether href may be the address of one post of the
// site: a link on the site (relative, or to the page's own host), not to
// the site's home or the page itself, and not to a listing or an action.
func (p *page) isPostLink(href string) bool {
	if v, ok := p.postLinks[href]; ok {
		return v
	}
	v := p.readPostLink(href)
	if p.postLinks == nil {
		p.postLinks = map[string]bool{}
	}
	p.postLinks[href] = v
	return v
}

// readPostLink is isPostLink without the page's cache.
func (p *page) readPostLink(href string) bool {
	href = strings.TrimSpace(href)
	if href == "" || rxNotPost.MatchString(href) {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	if u.Host != "" {
		if p.host == "" || !sameHost(u.Host, p.host) {
			return false
		}
	}
	path := strings.TrimPrefix(strings.TrimSuffix(u.Path, "/"), ".")
	if path == "" || rxSiteHome.MatchString(path) {
		// The site's home, with or without a query: a listing or an
		// application's start page, never one post.
		return false
	}
	return true
}

// rxSiteHome matches the path of a site's home page.
var rxSiteHome = regexp.MustCompile(`(?i)^/?(?:index|default|home)\.(?:html?|php|aspx?|jsp)$`)

// sameHost compares two host names without "www." and case.
func sameHost(a, b string) bool {
	trim := func(s string) string { return strings.TrimPrefix(strings.ToLower(s), "www.") }
	return trim(a) == trim(b)
}

// isHiddenNode reports whether an element is hidden from the page's
// readers: the hidden attribute, aria-hidden, an inline display:none or
// a class that themes use to show text to screen readers only.
func isHiddenNode(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if _, ok := attrOf(n, "hidden"); ok {
		return true
	}
	if nodeAttr(n, "aria-hidden") == "true" {
		return true
	}
	if st := strings.ReplaceAll(strings.ToLower(nodeAttr(n, "style")), " ", ""); strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(nodeAttr(n, "class"))) {
		if c == "hidden" || c == "hide" || c == "invisible" || strings.Contains(c, "screen-reader") ||
			strings.Contains(c, "sr-only") || strings.Contains(c, "visually-hidden") || strings.Contains(c, "visuallyhidden") ||
			strings.Contains(c, "assistive") || strings.Contains(c, "element-invisible") {
			return true
		}
	}
	return false
}

// attrOf returns an attribute of n and whether it is there.
func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// shownText returns the text a reader sees in n, white space collapsed.
func shownTextOf(n *html.Node) string {
	t, _ := shownTextUpTo(n, 0)
	return t
}

// shownTextUpTo is shownTextOf for a text of at most limit runes (no
// limit when 0): it stops reading, and reports false, as soon as the
// text is certain to be longer.
func shownTextUpTo(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	// A rune takes 4 bytes at most: more than 4*limit bytes that are not
	// white space make more than limit runes.
	solid, most := 0, 4*limit
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
			if limit > 0 {
				for i := 0; i < len(n.Data); i++ {
					if c := n.Data[i]; c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' {
						solid++
					}
				}
				return solid <= most
			}
			return true
		case html.ElementNode:
			if invisibleElements[n.DataAtom] || isHiddenNode(n) {
				return true
			}
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	if limit > 0 && utf8.RuneCountInString(t) > limit {
		return "", false
	}
	return t, true
}
