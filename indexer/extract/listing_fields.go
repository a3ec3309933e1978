package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/clippings/clippings/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The decision on a listing page and the fields of each of its posts.

// vocabBonus is the weight of a set that the page declares in markup
// over one only its structure shows, all else equal.
const vocabBonus = 1.15

// fullPostRunes is the length of text, besides its title, from which a
// record is a post shown in full or as an excerpt, not a title in a list.
const fullPostRunes = 300

// scoreSet scores a candidate set by the evidence on its records: every
// record with a title and a permalink counts one, a date of its own one
// more, and its text up to three more; the sum is scaled by the share of
// distinct permalinks. A set whose records are mostly titles must be
// dated to count: undated title lists are navigation.
func (x *Extractor) scoreSet(p *page, s *recordSet) {
	valid, dated, full, headed, linked, underHeader, agreed := 0, 0, 0, 0, 0, 0, 0
	links := map[string]bool{}
	var sum float64
	headers := x.dateHeaders(p, s.records)
	labels := linkLabels(s.records)
	// Untitled posts are weaker evidence than titled ones: they do not
	// outweigh a page that declares one article or shows a headline of
	// its own (the teasers beside a news story are dated and link to
	// stories too).
	untitledPosts := s.shape != "" && !declaresSingle(p)
	if untitledPosts {
		h, _ := pageHeadline(p)
		untitledPosts = h == ""
	}
	for _, r := range s.records {
		if r.link == "" || r.posts > 1 {
			continue
		}
		valid++
		if r.heading != nil {
			headed++
			if href := headingLink(r.heading); href != "" && p.resolve(href) == p.resolve(r.link) {
				linked++
			}
		} else if t := linkText(r); len(strings.Fields(t)) >= 2 && !labels[labelOf(t)] {
			// A title-only list: the permalink's text is the title.
			headed++
			linked++
		}
		links[p.resolve(r.link)] = true
		own := r.textLen - headingLen(r)
		v := 1.0
		hd := !headerBefore(p, headers, r.nodes[0]).IsZero()
		if hd {
			underHeader++
		}
		_, src := x.ownDate(p, r)
		if src != "" || x.recordMonthDay(p, r) != "" || hd {
			dated++
			v++
		}
		if untitledPosts && p.pathShape(r.link) == s.shape && src != "" && src != "permalink" {
			// Its own date and a permalink of the shape all the records
			// agree on: an untitled post (a photo, a quote, a note).
			agreed++
		}
		if own >= fullPostRunes {
			full++
		}
		v += min(float64(own), 1500) / 500
		sum += v
	}
	s.score = 0
	switch {
	case valid < 2 || len(links) < 2 || 10*valid < 6*len(s.records) || 10*len(links) < 9*valid:
		s.why = fmt.Sprintf("%d of %d records with a permalink, %d distinct: too few", valid, len(s.records), len(links))
		return
	case 2*full < valid && 2*dated < valid:
		s.why = fmt.Sprintf("%d records, %d with text, %d dated: an undated list of titles", valid, full, dated)
		return
	case s.spread && 10*full < 8*valid:
		// Records under several parents are posts only when they hold
		// their text; scattered tiles and teasers do not.
		s.why = fmt.Sprintf("%d records under several parents, %d with text: tiles, not posts", valid, full)
		return
	case (s.source == srcRegion || s.source == srcHeadingRun) && 2*headed < valid && 2*full < valid:
		s.why = fmt.Sprintf("%d records, %d with a heading or a titled link, %d with text: a list of links", valid, headed, full)
		return
	case (s.source == srcRegion || s.source == srcHeadingRun) && 2*linked < valid && 2*underHeader < valid && 2*agreed < valid:
		// A post's title links to the post, or its day is printed above
		// it, or it is dated and links to its own post as its siblings do.
		s.why = fmt.Sprintf("%d records, %d titles linking to their post, %d under a date header, %d dated with an agreed permalink: not posts",
			valid, linked, underHeader, agreed)
		return
	case (s.source == srcRegion || s.source == srcHeadingRun) && (10*dated < 8*valid || dated < 2):
		// Only markup may declare undated posts: repeated blocks without
		// dates are teasers, menus and product lists.
		s.why = fmt.Sprintf("%d records, %d dated: repeated blocks without dates", valid, dated)
		return
	}
	s.score = sum * float64(len(links)) / float64(valid)
	if s.source != srcRegion && s.source != srcHeadingRun {
		s.score *= vocabBonus
	}
	s.why = fmt.Sprintf("%d records, %d distinct permalinks, %d dated, %d with text", valid, len(links), dated, full)
}

// headingLen returns the length of a record's title text.
func headingLen(r record) int {
	if r.heading == nil {
		return 0
	}
	return utf8.RuneCountInString(shownTextOf(r.heading))
}

// listing is the decision on a page: the winning record set, or nil when
// the page shows one article, with every candidate for --explain.
type listing struct {
	best       *recordSet
	candidates []recordSet
	verdict    string
}

// decideListing weighs the page's candidate sets and decides whether it
// is a listing. Posts with text of their own outweigh what the page's
// metadata claims (a month archive that declares one BlogPosting); a
// list of titles only is a listing when the page does not declare itself
// a single post and has no headline of its own outside the list.
func (x *Extractor) decideListing(p *page) listing {
	var l listing
	// A page that shows, as its headline, the title it declares is one
	// article whatever repeats around it: decided before any candidate.
	if declaresSingle(p) && declaredHeadlineShown(p) {
		l.verdict = "single: the page declares one article and shows its declared headline"
		return l
	}
	if h := shownHeadline(p); h != "" && isArticleHeadline(p, h) {
		l.verdict = fmt.Sprintf("single: the page shows the title it declares, %q", h)
		return l
	}
	l.candidates = x.candidateSets(p)
	for i := range l.candidates {
		x.scoreSet(p, &l.candidates[i])
		if l.candidates[i].score > 0 && (l.best == nil || l.candidates[i].score > l.best.score) {
			l.best = &l.candidates[i]
		}
	}
	if l.best == nil {
		if r, ok := x.loneRecord(p); ok {
			l.best = &recordSet{source: srcLoneRecord, records: []record{r}}
			l.verdict = "listing: the page's address is a listing's and it shows one post"
			return l
		}
		l.verdict = "single: no set of two or more posts"
		return l
	}
	var recs []record
	full := 0
	for _, r := range l.best.records {
		if r.link == "" {
			continue
		}
		recs = append(recs, r)
		if r.textLen-headingLen(r) >= fullPostRunes {
			full++
		}
	}
	l.best.records = recs
	cover := 0
	for _, r := range recs {
		cover += r.textLen
	}
	// A page that declares one article and shows posts around it (teasers,
	// related posts) keeps most of its text outside them.
	total := mainTextLen(p)
	if declaresSingle(p) && 10*cover < 4*total {
		l.verdict, l.best = fmt.Sprintf("single: the page declares one article and the records hold %d of its %d characters of text", cover, total), nil
		return l
	}
	// Posts around an article (teasers, answers, references) leave the
	// article's own text, longer than all of them, outside the records.
	if block := textBlockOutside(p, recs); (block > 1000 && 2*block > cover) || (full == 0 && block > 300) {
		l.verdict, l.best = fmt.Sprintf("single: a text of %d characters outside the records, %d in them", block, cover), nil
		return l
	}
	h, strong := pageHeadline(p)
	if h != "" {
		for _, r := range recs {
			if r.heading != nil && sameText(shownTextOf(r.heading), h) {
				l.verdict, l.best = "single: the page's headline is one record's title", nil
				return l
			}
		}
		if declaresSingle(p) {
			l.verdict, l.best = fmt.Sprintf("single: the page declares one article and shows its headline %q", h), nil
			return l
		}
		if strong && isArticleHeadline(p, h) {
			l.verdict, l.best = fmt.Sprintf("single: the page shows its declared headline %q outside the records", h), nil
			return l
		}
		if full < 2 && (strong || len(strings.Fields(h)) >= 3) {
			l.verdict, l.best = fmt.Sprintf("single: the page has its own headline %q", h), nil
			return l
		}
	}
	if full < 2 && declaresSingle(p) {
		l.verdict, l.best = "single: the page declares one post and the records are titles only", nil
		return l
	}
	if full < 2 && declaredPosts(p) == 1 {
		l.verdict, l.best = "single: the page marks up one post and the records are titles only", nil
		return l
	}
	l.verdict = fmt.Sprintf("listing: %s, %d posts (%d with text)", l.best.source, len(recs), full)
	return l
}

// rxListingAddress matches the path of a page that lists the posts of a
// tag, a category, a label, an author or a page number.
var rxListingAddress = regexp.MustCompile(`(?i)/(?:tags?|tagged|category|categories|labels?|authors?|page)/[^/]+/?(?:index\.html?)?$`)

// isListingAddress reports whether the page's address, or else its path,
// is a listing's.
func isListingAddress(p *page) bool {
	for _, s := range []string{p.url, "/" + strings.TrimPrefix(p.path, "/")} {
		if u, err := url.Parse(s); err == nil && u.Path != "/" && u.Path != "" {
			return rxListingAddress.MatchString(u.Path)
		}
	}
	return false
}

// loneRecord returns the one post of a listing that shows one: on a page
// whose address is a tag's, a category's or the like, the only element
// that the page's markup or HTML itself marks as a post (<article>,
// h-entry, hAtom, an article's microdata) and that links to a post of
// the site, has a title and is dated.
func (x *Extractor) loneRecord(p *page) (record, bool) {
	if !isListingAddress(p) {
		return record{}, false
	}
	var roots []*html.Node
	isRoot := map[*html.Node]bool{}
	p.doc.Find(`article, .h-entry, .hentry, [itemscope][itemtype]`).Each(func(_ int, s *goquery.Selection) {
		if s.Is(`[itemscope]`) && !isArticleItemType(attr(s, "itemtype")) || inListingNoise(s.Nodes[0]) {
			return
		}
		isRoot[s.Nodes[0]] = true
		roots = append(roots, s.Nodes[0])
	})
	var found []record
	for _, n := range roots {
		if hasAncestorIn(n, isRoot) {
			continue
		}
		if r := p.newRecord([]*html.Node{n}); r.link != "" {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		return record{}, false
	}
	r := found[0]
	if d, _ := x.recordDate(p, r, x.dateHeaders(p, found)); d.IsZero() {
		return record{}, false
	}
	if t, _ := p.recordTitle(r, recordBody(r, recordContent(r)), nil); t == "" {
		return record{}, false
	}
	return r, true
}

// isRecordTitle reports whether h is the title of one of the records.
func isRecordTitle(recs []record, h string) bool {
	for _, r := range recs {
		if r.heading != nil && sameText(shownTextOf(r.heading), h) {
			return true
		}
	}
	return false
}

// isTextLeaf reports whether an element holds text and inline elements
// only: a paragraph written without <p>.
func isTextLeaf(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Section && n.DataAtom != atom.Td {
		return false
	}
	leaf := true
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && leaf; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if blockElements[c.DataAtom] || headingTags[c.DataAtom] {
					leaf = false
					return
				}
				walk(c)
			}
		}
	}
	walk(n)
	return leaf
}

// shownHeadline returns the text of an <h1> that shows the title the page
// declares (og:title, twitter:title, JSON-LD headline or <title>, without
// the site's name): one that holds four fifths of its words, four words
// at least. Kickers and dates around the title do not matter.
func shownHeadline(p *page) string {
	site := p.siteGuess()
	var declared [][]string
	for _, t := range []string{p.meta.LD.Headline, p.meta.OGTitle, p.meta.TwTitle, p.meta.TitleTag} {
		if t = stripSite(t, site); t != "" {
			if w := strings.Fields(normText(t)); len(w) >= 4 {
				declared = append(declared, w)
			}
		}
	}
	found := ""
	p.doc.Find("h1").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t := shownTextOf(s.Nodes[0])
		have := map[string]bool{}
		for _, w := range strings.Fields(normText(t)) {
			have[w] = true
		}
		for _, d := range declared {
			n := 0
			for _, w := range d {
				if have[w] {
					n++
				}
			}
			if 5*n >= 4*len(d) {
				found = t
				return false
			}
		}
		return true
	})
	return found
}

// isArticleHeadline reports whether a page headline reads as an
// article's title rather than a listing's name: four words or more (or
// twelve characters in scripts without spaces), and no date in it
// ("Archive for November, 2015").
func isArticleHeadline(p *page, h string) bool {
	if _, ok := p.x.dates.findIn(h, p.language()); ok {
		return false
	}
	return len(strings.Fields(h)) >= 4 || (!strings.Contains(h, " ") && utf8.RuneCountInString(h) >= 12)
}

// textBlockOutside returns the length of the longest text outside the
// records: the paragraphs and loose text of one parent element, summed. An article with
// teasers, answers or references around it has its own text there; a
// listing's sidebars hold lists and a short "about" paragraph at most.
func textBlockOutside(p *page, recs []record) int {
	inRec := map[*html.Node]bool{}
	for _, r := range recs {
		for _, n := range r.nodes {
			inRec[n] = true
		}
	}
	tally := map[*html.Node]int{}
	best := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if t := strings.TrimSpace(c.Data); t != "" {
					tally[n] += utf8.RuneCountInString(t)
					best = max(best, tally[n])
				}
				continue
			}
			if c.Type != html.ElementNode || inRec[c] || invisibleElements[c.DataAtom] || isNoiseNode(c) {
				continue
			}
			if c.Data == "p" || isTextLeaf(c) {
				tally[n] += utf8.RuneCountInString(shownTextOf(c))
				best = max(best, tally[n])
				continue
			}
			walk(c)
		}
	}
	walk(p.root)
	return best
}

// declaresSingle reports whether the page's metadata says it shows one
// article: og:type article, a JSON-LD article, or a "single" body class.
func declaresSingle(p *page) bool {
	return isSinglePostPage(p) || p.meta.LD.Headline != ""
}

// declaredHeadlineShown reports whether a headline the page's metadata
// declares (JSON-LD, og:title, twitter:title), other than the site's
// name, is shown as a heading of the page.
func declaredHeadlineShown(p *page) bool {
	site := p.siteGuess()
	var titles []string
	for _, t := range []string{p.meta.LD.Headline, p.meta.OGTitle, p.meta.TwTitle} {
		if t != "" && !sameText(t, site) && !sameText(stripSite(t, site), "") {
			titles = append(titles, t, stripSite(t, site))
		}
	}
	if len(titles) == 0 {
		return false
	}
	shown := false
	p.doc.Find("h1, h2, h3").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t := shownTextOf(s.Nodes[0])
		if t == "" || (site != "" && sameText(t, site)) {
			return true
		}
		for _, d := range titles {
			if sameText(t, d) {
				shown = true
				return false
			}
		}
		return true
	})
	return shown
}

// mainTextLen returns the length of the text a reader sees on the page
// outside its navigation, sidebars, header and footer.
func mainTextLen(p *page) int {
	body := p.doc.Find("body")
	if body.Length() == 0 {
		return 0
	}
	return utf8.RuneCountInString(visibleText(body.Nodes[0], func(n *html.Node) bool {
		return isNoiseNode(n) || isHiddenNode(n) || (n.Type == html.ElementNode && (n.Data == "header" || n.Data == "footer") && n.Parent != nil && n.Parent.Data == "body")
	}))
}

// declaredPosts returns the number of posts the page's markup declares
// outside sidebars and comments: the most of its microdata, h-entry and
// hAtom roots.
func declaredPosts(p *page) int {
	most := 0
	for _, v := range vocabularies {
		n := 0
		p.doc.Find(v.root).Each(func(_ int, s *goquery.Selection) {
			if (v.source != srcMicrodata || isArticleItemType(attr(s, "itemtype"))) && !inListingNoise(s.Nodes[0]) {
				n++
			}
		})
		most = max(most, n)
	}
	return most
}

// resolve returns href made absolute against the page's base address,
// or href itself when that is unknown.
func (p *page) resolve(href string) string {
	if u := absURL(href); u != "" {
		return u
	}
	base, err := url.Parse(p.base)
	if err != nil || p.base == "" {
		return href
	}
	ref, err := url.Parse(href)
	if err != nil {
		return href
	}
	return base.ResolveReference(ref).String()
}

// dateSelectors find the elements that date a record, each with the
// source it stands for, best first.
var dateSelectors = []struct {
	sel    cascadia.Selector
	source string
}{
	{cascadia.MustCompile(`[itemprop="datePublished"]`), srcMicrodata},
	{cascadia.MustCompile(`.dt-published`), srcHEntry},
	{cascadia.MustCompile(`abbr.published, .published[title], time.published, .published[datetime]`), srcHAtom},
	{cascadia.MustCompile(`time[pubdate], time[datetime]`), "time"},
}

// ownDate returns the date a record gives itself, with its source: a
// dating element, else a short line of its own that is a date (outside
// its text), else a day in its permalink.
func (x *Extractor) ownDate(p *page, r record) (corpus.Date, string) {
	key := recordKey{r.nodes[0], r.link}
	if len(r.nodes) == 1 {
		if od, ok := p.ownDates[key]; ok {
			return od.date, od.source
		}
	}
	d, src := x.readOwnDate(p, r)
	if len(r.nodes) == 1 {
		if p.ownDates == nil {
			p.ownDates = map[recordKey]sourcedDate{}
		}
		p.ownDates[key] = sourcedDate{d, src}
	}
	return d, src
}

// recordKey identifies a one-element record with the permalink it was
// given: the sets that hold an element may agree on different links.
type recordKey struct {
	node *html.Node
	link string
}

// sourcedDate is a date with the source it came from.
type sourcedDate struct {
	date   corpus.Date
	source string
}

// readOwnDate is ownDate without the page's cache.
func (x *Extractor) readOwnDate(p *page, r record) (corpus.Date, string) {
	lang := p.language()
	for _, ds := range dateSelectors {
		if d := x.recordDating(r, ds.sel, lang); !d.IsZero() {
			return d, ds.source
		}
	}
	content := recordContent(r)
	var d corpus.Date
	r.sel.Find("*").AddSelection(r.sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Nodes[0]
		if invisibleElements[n.DataAtom] || (content != nil && contains(content, n)) || (r.heading != nil && contains(r.heading, n)) {
			return true
		}
		if hasBlockChild(n) {
			return true
		}
		t := shownTextOf(n)
		if t == "" || utf8.RuneCountInString(t) > 80 || !strings.ContainsFunc(t, unicode.IsDigit) {
			return true
		}
		if m, ok := x.dates.findIn(t, lang); ok && m.Date.Precision == corpus.PrecisionDay && len(strings.Fields(t)) <= 12 {
			d = m.Date
			return false
		}
		return true
	})
	if !d.IsZero() {
		return d, "date-line"
	}
	if d := urlDay(p.resolve(r.link)); !d.IsZero() {
		return d, "permalink"
	}
	return corpus.Date{}, ""
}

// recordDating returns the date of the first element of a record matched
// by sel that parses, skipping comments and the dates of changes.
func (x *Extractor) recordDating(r record, sel cascadia.Selector, lang string) corpus.Date {
	var d corpus.Date
	r.sel.FindMatcher(sel).EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if inListingNoise(e.Nodes[0]) || isChangeElement(e.Nodes[0]) {
			return true
		}
		for _, a := range []string{"datetime", "content", "title"} {
			if v, ok := e.Attr(a); ok {
				if d = x.dates.parseIn(v, lang); !d.IsZero() {
					return false
				}
			}
		}
		if t := shownTextOf(e.Nodes[0]); utf8.RuneCountInString(t) < 80 {
			d = x.dates.parseIn(t, lang)
		}
		return d.IsZero()
	})
	return d
}

// recordContent returns the element that holds a record's text, or nil.
func recordContent(r record) *html.Node {
	var found *html.Node
	r.sel.FindMatcher(recordContentMatch).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if inListingNoise(s.Nodes[0]) {
			return true
		}
		found = s.Nodes[0]
		return false
	})
	return found
}

// recordContentSelector finds the element that holds a post's text, in
// the vocabularies' terms and the common theme terms for it.
const recordContentSelector = postContentSelector + `, .p-summary, .post-excerpt, .excerpt, .summary, .post-entry, .content, .caption`

// summarySelector matches a text element that the page marks as a
// summary rather than the whole post.
const summarySelector = `.entry-summary, .p-summary, .post-excerpt, .excerpt, .summary, [class*="excerpt"], [class*="summary"]`

// dateHeader is a date printed once above the posts of one day, or a
// year printed above the posts of one year (a yearly group of a list of
// titles dated "02-14").
type dateHeader struct {
	node *html.Node
	date corpus.Date
}

// rxYearOnly matches a text that is a year and nothing else.
var rxYearOnly = regexp.MustCompile(`^(?:19|20)\d{2}$`)

// rxYearlessDay matches a short day without its year: "02-14", "14.02.",
// "14/02".
var rxYearlessDay = regexp.MustCompile(`^(\d{1,2})([-./])(\d{1,2})\.?$`)

// recordMonthDay returns the month and day a record shows without a year,
// as "MM-DD", or "": a list of titles grouped under year headings dates
// each by month and day. Numbers joined by a hyphen are month and day, as
// in ISO dates; by a dot or slash, day and month; a first number over 12
// is a day either way.
func (x *Extractor) recordMonthDay(p *page, r record) string {
	md := ""
	r.sel.Find("*").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		m := rxYearlessDay.FindStringSubmatch(shownTextOf(s.Nodes[0]))
		if m == nil {
			return true
		}
		a, b := atoi(m[1]), atoi(m[3])
		month, day := a, b
		if m[2] != "-" || a > 12 {
			month, day = b, a
		}
		if month >= 1 && month <= 12 && day >= 1 && day <= 31 {
			md = fmt.Sprintf("%02d-%02d", month, day)
			return false
		}
		return true
	})
	return md
}

// atoi returns the value of a short string of digits.
func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = 10*n + int(r-'0')
	}
	return n
}

// dateHeaders returns the date headers of a listing: short elements
// under the records' common parent, outside every record, whose text is
// a date and nothing else, in document order. A lone record's headers
// are those of the whole page outside sidebars and navigation.
func (x *Extractor) dateHeaders(p *page, recs []record) []dateHeader {
	if len(recs) == 0 {
		return nil
	}
	anc := recs[0].nodes[0].Parent
	for _, r := range recs[1:] {
		for anc != nil && !contains(anc, r.nodes[0]) {
			anc = anc.Parent
		}
	}
	lone := len(recs) == 1 && len(recs[0].nodes) == 1
	if lone {
		anc = p.root
	}
	if anc == nil {
		return nil
	}
	inRec := map[*html.Node]bool{}
	for _, r := range recs {
		for _, n := range r.nodes {
			inRec[n] = true
		}
	}
	var hs []dateHeader
	for _, h := range x.pageDateHeaders(p) {
		if contains(anc, h.node) && !hasAncestorIn(h.node, inRec) && !inRec[h.node] && !(lone && inListingNoise(h.node)) {
			hs = append(hs, h)
		}
	}
	return hs
}

// pageDateHeaders returns every element of the page that could be a date
// header: one without block elements inside whose text is a day, or a
// year alone, in document order. It is computed once per page.
func (x *Extractor) pageDateHeaders(p *page) []dateHeader {
	if p.headersKnown {
		return p.headers
	}
	p.headersKnown = true
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || invisibleElements[c.DataAtom] {
				continue
			}
			if !hasBlockChild(c) {
				// A header's text is a date: 60 runes at most (see textDate).
				if t, ok := shownTextUpTo(c, 60); ok {
					if rxYearOnly.MatchString(t) {
						p.headers = append(p.headers, dateHeader{node: c, date: parseISODate(t)})
						continue
					}
					// A day is written with two numbers at least, the day's
					// and the year's: a text with one ("FEW 2013
					// Programme") is not parsed.
					if numberRuns(t) >= 2 {
						if d := p.textDate(t); d.Precision == corpus.PrecisionDay {
							p.headers = append(p.headers, dateHeader{node: c, date: d})
							continue
						}
					}
				}
			}
			walk(c)
		}
	}
	walk(p.root)
	return p.headers
}

// numberRuns counts the runs of digits in s, up to 2.
func numberRuns(s string) int {
	n, in := 0, false
	for _, r := range s {
		d := unicode.IsDigit(r)
		if d && !in {
			if n++; n == 2 {
				return n
			}
		}
		in = d
	}
	return n
}

// hasBlockChild reports whether an element has a block-level or heading
// element among its children.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockElements[c.DataAtom] || headingTags[c.DataAtom]) {
			return true
		}
	}
	return false
}

// headerBefore returns the date of the last header before n.
func headerBefore(p *page, hs []dateHeader, n *html.Node) corpus.Date {
	if p.order == nil {
		p.order = documentOrder(p.root)
	}
	var d corpus.Date
	for _, h := range hs {
		if p.order[h.node] < p.order[n] {
			d = h.date
		}
	}
	return d
}

// recordDate returns a record's date and its source: its own, else the
// date header above it, else the month of its permalink, else the
// period the archive page covers.
func (x *Extractor) recordDate(p *page, r record, hs []dateHeader) (corpus.Date, string) {
	if d, src := x.ownDate(p, r); !d.IsZero() {
		return d, src
	}
	if d := headerBefore(p, hs, r.nodes[0]); d.Precision == corpus.PrecisionDay {
		return d, "date-header"
	} else if d.Precision == corpus.PrecisionYear {
		if md := x.recordMonthDay(p, r); md != "" {
			if day := parseISODate(d.Time.Format("2006") + "-" + md); !day.IsZero() {
				return day, "date-line+year-header"
			}
		}
	}
	if d := urlMonth(p.resolve(r.link)); !d.IsZero() {
		return d, "permalink"
	}
	if d := archivePeriod(p); !d.IsZero() {
		return d, "archive-period"
	}
	return corpus.Date{}, ""
}

// rxPeriodPath matches an archive page's path that names its year and
// month: "/2006/05/", "/2006_05.html".
var rxPeriodPath = regexp.MustCompile(`(?:^|/)((?:19|20)\d{2})(?:[/_-](0[1-9]|1[0-2]))?(?:/|\.html?$|$)`)

// archivePeriod returns the month or year an archive page covers, from
// its address or its file name.
func archivePeriod(p *page) corpus.Date {
	for _, s := range []string{p.url, p.path} {
		if s == "" {
			continue
		}
		if u, err := url.Parse(s); err == nil {
			s = u.Path
		}
		if m := rxPeriodPath.FindStringSubmatch(s); m != nil {
			if m[2] != "" {
				return parseISODate(m[1] + "-" + m[2])
			}
			return parseISODate(m[1])
		}
	}
	return corpus.Date{}
}

// authorSelectors find a record's byline, with their source, best first.
var authorSelectors = []struct {
	sel    cascadia.Selector
	source string
}{
	{cascadia.MustCompile(`[itemprop~="author"] [itemprop="name"], [itemprop~="author"]`), srcMicrodata},
	{cascadia.MustCompile(`.p-author .p-name, .p-author`), srcHEntry},
	{cascadia.MustCompile(`.author .fn, .vcard .fn, .author.fn, .vcard.fn, .fn`), srcHAtom},
	{cascadia.MustCompile(`.author.vcard, .vcard`), srcHAtom},
	{cascadia.MustCompile(`a[rel~="author"]`), "rel-author"},
	{cascadia.MustCompile(`a[href*="/author/"], a[href*="/authors/"]`), "author-link"},
}

// recordAuthors returns the authors a record's byline shows, and their
// source: marked-up names, else the names of a "Posted by" line.
// Comments are never read.
func recordAuthors(r record, site string) ([]string, string) {
	for _, as := range authorSelectors {
		var names []string
		r.sel.FindMatcher(as.sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if inListingNoise(s.Nodes[0]) || (r.heading != nil && contains(r.heading, s.Nodes[0])) {
				return true
			}
			raw := shownTextOf(s.Nodes[0])
			if raw == "" {
				raw = metaText(first(attr(s, "content"), attr(s.Find(`[itemprop="name"]`), "content")))
			}
			if n := shownName(raw); n != "" {
				names = append(names, n)
			}
			return true
		})
		if len(names) > 0 {
			return compactNames(names), as.source
		}
	}
	if names := postedBy(r, rxPostedBy); len(names) > 0 {
		return names, "byline-line"
	}
	return nil, ""
}

// sameNames reports whether a and b hold the same names, ignoring case
// and order.
func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return strings.EqualFold(x, y) }) {
			return false
		}
	}
	return true
}

// postedBy returns the name of r's byline line, a shown text that rx
// matches with the name as its first group ("Posted by bill at 08:30 PM",
// see rxPostedBy), if it has one.
func postedBy(r record, rx *regexp.Regexp) []string {
	// Only an element whose text starts with a byline's first word can
	// match: find those from their first text nodes, instead of reading
	// the text of every element of the record.
	cand := map[*html.Node]bool{}
	for _, root := range r.nodes {
		bylineStarts(root, cand)
	}
	if len(cand) == 0 {
		return nil
	}
	var names []string
	r.sel.Find("*").AddSelection(r.sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if !cand[s.Nodes[0]] || inListingNoise(s.Nodes[0]) {
			return true
		}
		t := shownTextOf(s.Nodes[0])
		if t == "" || utf8.RuneCountInString(t) > 120 {
			return true
		}
		if m := rx.FindStringSubmatch(t); m != nil {
			if n := shownName(m[1]); n != "" {
				names = []string{n}
				return false
			}
		}
		return true
	})
	return names
}

// rxBylineStart matches the first word of a byline line, as rxPostedBy
// and rxByWord start.
var rxBylineStart = regexp.MustCompile(`(?i)^\s*(?:posted|written|published|publicado|publicada|publié|publiée|pubblicato|scritto|geschrieben|veröffentlicht|gepost|by|por|par|da|di|von|door|av|af)(?:\P{L}|$)`)

// bylineStarts adds to cand the elements under root, root included, whose
// text starts with a text node that rxBylineStart matches: the node's
// parent and the ancestors, up to root, of which it is the first text.
func bylineStarts(root *html.Node, cand map[*html.Node]bool) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if rxBylineStart.MatchString(c.Data) {
					for e := c.Parent; e != nil; e = e.Parent {
						if firstText(e) != c {
							break
						}
						cand[e] = true
						if e == root {
							break
						}
					}
				}
			case html.ElementNode:
				if c.DataAtom != atom.Script && c.DataAtom != atom.Style {
					walk(c)
				}
			}
		}
	}
	walk(root)
}

// firstText returns the first text node under n that is not only white
// space, or nil.
func firstText(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return c
			}
		case html.ElementNode:
			if c.DataAtom == atom.Script || c.DataAtom == atom.Style {
				continue
			}
			if t := firstText(c); t != nil {
				return t
			}
		}
	}
	return nil
}

// rxPostedBy matches a byline line of a post footer or header: "Posted
// by bill at 08:30 PM", "Publicado por Jorge el constructor", "Publié par
// André à 10:00", "Written by Jane Doe on March 3": a word such as "at",
// "el" or "on" ends the name only when a time or a date follows it.
var rxPostedBy = regexp.MustCompile(`(?i)^(?:posted|written|published|publicado|publicada|publié|publiée|pubblicato|scritto|geschrieben|veröffentlicht|gepost)(?:\s+\S+){0,3}?\s+(?:by|por|par|da|di|von|door)\s*:?\s+([^|,•·]+?)(?:\s+(?:at|on|a\s+las?|à|le|el|il|am|um|om|in)\s+(?:\p{L}+\.?,?\s+)?\d.*|\s*[|,•·].*)?$`)

// shownName returns the name a byline shows, trimmed of its label, or ""
// when the text cannot be a name: a byline's name is what the page shows,
// user names included ("bill", "2ynhub"), even when the blog is named
// after its author.
func shownName(raw string) string {
	raw = strings.TrimSpace(rxBylinePrefix.ReplaceAllString(strings.TrimSpace(raw), ""))
	raw = strings.Trim(raw, " :,;|·•-–—")
	if raw == "" || utf8.RuneCountInString(raw) > 40 || len(strings.Fields(raw)) > 4 || isURL(raw) ||
		strings.ContainsAny(raw, "@<>{}|") {
		return ""
	}
	if strings.EqualFold(raw, "admin") || strings.EqualFold(raw, "administrator") || strings.EqualFold(raw, "anonymous") {
		return ""
	}
	return raw
}

// compactNames removes repeated names, in any case.
func compactNames(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			out = append(out, n)
		}
	}
	return out
}

// rxMoreLink matches the text of a link that continues a cut post.
var rxMoreLink = regexp.MustCompile(`(?i)(?:…|\.\.\.|»|→|>>|more|continue|weiter|lire|leer|leggi|lees|阅读|繼續|继续|더\s*보기|続き)`)

// isExcerpt reports whether a record shows its post cut short: its text
// is marked as a summary, a link other than its title goes on to the
// post, or the text ends with an ellipsis.
func (p *page) isExcerpt(r record, content *html.Node, body []string) bool {
	if content != nil && goquery.NewDocumentFromNode(content).Selection.IsMatcher(summaryMatch) {
		return true
	}
	target := p.resolve(r.link)
	more := false
	r.sel.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if r.heading != nil && (contains(r.heading, s.Nodes[0]) || contains(s.Nodes[0], r.heading)) {
			return true
		}
		t := shownTextOf(s.Nodes[0])
		if p.resolve(attr(s, "href")) == target && t != "" && rxMoreLink.MatchString(t) && utf8.RuneCountInString(t) <= 40 {
			more = true
			return false
		}
		return true
	})
	if more {
		return true
	}
	if len(body) > 0 {
		last := strings.TrimSpace(body[len(body)-1])
		return strings.HasSuffix(last, "…") || strings.HasSuffix(last, "...") || strings.HasSuffix(last, "[…]")
	}
	return false
}

// recordTitle returns a record's title and its source: its heading's
// shown text, else its permalink's text when that is not a date or a
// "more" link, else the start of its text, as Tumblr names untitled posts.
func (p *page) recordTitle(r record, body []string, labels map[string]bool) (string, string) {
	if r.heading != nil {
		if t := shownTextOf(r.heading); t != "" {
			return t, headingSource(r.heading)
		}
	}
	linkText := linkText(r)
	if linkText != "" && !p.isDateText(linkText) && !rxMoreLink.MatchString(linkText) &&
		len(strings.Fields(linkText)) >= 2 && !labels[labelOf(linkText)] && textBeforeLink(r) < 60 {
		return linkText, "permalink-text"
	}
	// Untitled posts are named by the start of their text, as Tumblr
	// does: the paragraphs joined, past date lines and "more" links.
	var words []string
	for _, b := range body {
		b = strings.TrimSpace(b)
		if b == "" || p.isDateText(b) || (rxMoreLink.MatchString(b) && len(strings.Fields(b)) <= 3) || labels[labelOf(b)] {
			continue
		}
		words = append(words, b)
		if utf8.RuneCountInString(strings.Join(words, " ")) >= 100 {
			break
		}
	}
	if len(words) > 0 {
		return cutWords(strings.Join(words, " "), 100), "text-start"
	}
	return "", ""
}

// linkLabels returns the labels among the records' link texts: a text
// that links of a third of the records or more show, two at least
// ("Permalink", "Read more", "Reblog"), names the link, not a post.
func linkLabels(recs []record) map[string]bool {
	count := map[string]int{}
	for _, r := range recs {
		seen := map[string]bool{}
		r.sel.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
			if l := labelOf(shownTextOf(s.Nodes[0])); l != "" && !seen[l] {
				seen[l] = true
				count[l]++
			}
		})
	}
	labels := map[string]bool{}
	for l, n := range count {
		if n >= 2 && 3*n >= len(recs) {
			labels[l] = true
		}
	}
	return labels
}

// labelOf returns the form of a link text that linkLabels compares.
func labelOf(t string) string {
	return normText(t)
}

// textBeforeLink returns the length of the text a record shows before its
// permalink's link: a title comes first in its post (after a date or a
// kicker at most), a "more" link after the text.
func textBeforeLink(r record) int {
	n, found := 0, false
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && !found; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				n += utf8.RuneCountInString(strings.TrimSpace(c.Data))
			case c.Type != html.ElementNode || invisibleElements[c.DataAtom] || isHiddenNode(c):
			case c.DataAtom == atom.A && nodeAttr(c, "href") == r.link:
				found = true
			default:
				walk(c)
			}
		}
	}
	for _, root := range r.nodes {
		if walk(root); found {
			break
		}
	}
	return n
}

// linkText returns the shown text of a record's permalink link.
func linkText(r record) string {
	var t string
	r.sel.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if attr(s, "href") == r.link {
			t = shownTextOf(s.Nodes[0])
			return false
		}
		return true
	})
	return t
}

// headingSource names the evidence a heading element stands for.
func headingSource(n *html.Node) string {
	s := goquery.NewDocumentFromNode(n).Selection
	switch {
	case s.Is(`[itemprop~="headline"], [itemprop~="name"]`):
		return srcMicrodata
	case s.Is(`.p-name`):
		return srcHEntry
	case s.Is(`.entry-title`):
		return srcHAtom
	}
	return "heading"
}

// cutWords returns s cut at a word boundary to at most n runes.
func cutWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexAny(string(r), " \u3000"); i > n/2 {
		return strings.TrimSpace(string(r)[:i])
	}
	return string(r)
}

// mainPostAuthors returns the authors of a single post page's byline
// line ("Posted by bill at 08:30 PM") in the nearest element around the
// post's title heading that has one, and the line's source:
// "byline-line", or "byline-line+" and the markup's source when the
// author markup around it (recordAuthors) marks the same names; a bare
// "by X" line counts only with such markup ("by-line+" and its source).
// Comments and sidebars are never read.
func mainPostAuthors(p *page, title string) ([]string, string) {
	if title == "" {
		return nil, ""
	}
	var heading *html.Node
	p.doc.Find("h1, h2, h3").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if !inListingNoise(s.Nodes[0]) && sameText(shownTextOf(s.Nodes[0]), title) {
			heading = s.Nodes[0]
			return false
		}
		return true
	})
	if heading == nil {
		return nil, ""
	}
	for n, up := heading.Parent, 0; n != nil && n.DataAtom != atom.Body && up < 4; n, up = n.Parent, up+1 {
		r := record{nodes: []*html.Node{n}, sel: goquery.NewDocumentFromNode(n).Selection, heading: heading}
		if names := postedBy(r, rxPostedBy); len(names) > 0 {
			// The line's name is also the author the markup marks
			// (an h-card, itemprop=author, rel=author): two pieces of
			// evidence agree.
			if marked, src := recordAuthors(r, ""); src != "byline-line" && len(marked) > 0 && sameNames(marked, names) {
				return names, "byline-line+" + src
			}
			return names, "byline-line"
		}
		// A bare "by X" line ("par André") is a byline only when the
		// author markup around it marks the same name.
		if names := postedBy(r, rxByWord); len(names) > 0 {
			if marked, src := recordAuthors(r, ""); src != "byline-line" && len(marked) > 0 && sameNames(marked, names) {
				return names, "by-line+" + src
			}
		}
	}
	return nil, ""
}

// rxByWord matches a byline line that is only a preposition and a name:
// "by Jane Doe", "par André", "von Jana Roth".
var rxByWord = regexp.MustCompile(`(?i)^(?:by|par|por|von|di|da|door|av|af)\s*:?\s+([^|,•·]+?)(?:\s*[|,•·].*)?$`)
