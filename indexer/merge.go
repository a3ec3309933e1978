package indexer

import (
	"cmp"
	"log/slog"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/clippings/clippings/corpus"
)

// This file merges the copies of one post. A mirrored site shows each
// post on its own page and again on listing pages (the home page, month,
// category and tag archives), and each of these files yields an article:
// indexed as they are, one post would be counted five times. A Merger
// makes them one article that keeps the fullest text and the best
// metadata, and lists in SeenIn every place the post was seen.
//
// Two copies are the same post when the first of these keys that both
// have is equal:
//
//  1. the URL, normalised (normURL): on a listing page the extractor sets
//     it to the post's permalink, on a post's own page to its canonical
//     address; an Article has one URL, so the permalink and canonical
//     keys of issue 11 are one key here. An address shaped like a listing
//     page's (listingPath: the home page, /category/..., /search?...,
//     /2015/06/) is no key: it is the address of a page of several posts
//     that was taken as one article (a Blogger search page's canonical
//     address is the same for its pages at every offset);
//  2. title, day and outlet, each lower-cased with white space folded
//     (titleKey), for copies without a URL; a date known only to the
//     month or the year is no key, and neither is a title that is the
//     outlet's name (siteName: a listing page taken whole).
//
// So two copies with different URLs are two posts even when their titles
// and days agree (two "Weekly links" of one day); a copy without a URL
// joins the copies with a URL only when exactly one post has its title
// key, and stays apart when several do. What is left apart with the
// title key of another article is counted as a possible duplicate left
// (MergeStats.DuplicatesLeft).
//
// Only HTML articles with a key are held until Close: posts of websites
// are what mirrors repeat. Text and SGML articles (a newswire file holds
// thousands, with neither URL nor site) and HTML articles without a key
// are passed on at once, as they come. A held post costs one full copy,
// the one whose text wins so far, plus the metadata of its other copies
// without their text, so a mirror of 10^5 posts fits in memory.

// Merger merges the copies of a post into one article (see the comment at
// the top of merge.go). Add every article, then Close; articles go to the
// emit function given to NewMerger, those not held at once and the merged
// ones at Close, in the order in which their first copy was added. A
// Merger is not safe for concurrent use.
type Merger struct {
	emit func(corpus.Article) error
	log  *slog.Logger
	// byURL and byTitle are the posts held, by key; order lists them
	// in the order of their first copy.
	byURL   map[string]*post
	byTitle map[string]*post
	order   []*post
}

// post is the copies of one post held by a Merger.
type post struct {
	// url is the normalised URL of the post's copies, or "" for a post
	// keyed by title.
	url string
	// copies are every copy seen, without their text (see shell).
	copies []corpus.Article
	// text is the whole copy whose text wins so far (betterText).
	text corpus.Article
	// into is the post this one was merged into at Close, if any.
	into *post
}

// MergeStats counts what a Merger did.
type MergeStats struct {
	// Merged is the number of copies merged into another: the articles
	// added minus the articles emitted.
	Merged int
	// DuplicatesLeft is the number of articles emitted whose title, day
	// and outlet are those of an article emitted before them: copies that
	// the keys could not tell to be one post (different URLs, or a copy
	// without URL whose title key several posts have).
	DuplicatesLeft int
}

// maxDuplicateLines is the number of possible duplicates left that a
// Merger logs one by one; MergeStats counts them all.
const maxDuplicateLines = 20

// NewMerger returns a Merger that hands articles to emit. log, if not
// nil, receives one line for each of the first maxDuplicateLines possible
// duplicates left.
func NewMerger(emit func(corpus.Article) error, log *slog.Logger) *Merger {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Merger{emit: emit, log: log, byURL: map[string]*post{}, byTitle: map[string]*post{}}
}

// Add takes one article. An article that cannot have copies (not HTML, or
// without URL and title key) is emitted at once; any error of emit is
// returned.
func (m *Merger) Add(a corpus.Article) error {
	if !isHTML(a.Source) {
		return m.emit(a)
	}
	held, key, byURL := m.byURL, normURL(a.URL), true
	if key == "" {
		held, key, byURL = m.byTitle, titleKey(a), false
	}
	if key == "" {
		return m.emit(a)
	}
	p := held[key]
	if p == nil {
		p = &post{text: a}
		if byURL {
			p.url = key
		}
		held[key] = p
		m.order = append(m.order, p)
	} else if betterText(a, p.text) {
		p.text = a
	}
	p.copies = append(p.copies, shell(a))
	return nil
}

// Close merges the posts held and emits them. It returns what was merged
// and the first error of emit.
func (m *Merger) Close() (MergeStats, error) {
	var st MergeStats
	// A post keyed by title joins the one post with a URL that has a copy
	// with its title key, when there is exactly one.
	withURL := map[string][]*post{}
	for _, p := range m.order {
		if p.url == "" {
			continue
		}
		for _, c := range p.copies {
			if k := titleKey(c); k != "" && !slices.Contains(withURL[k], p) {
				withURL[k] = append(withURL[k], p)
			}
		}
	}
	for k, p := range m.byTitle {
		if to := withURL[k]; len(to) == 1 {
			to[0].copies = append(to[0].copies, p.copies...)
			if betterText(p.text, to[0].text) {
				to[0].text = p.text
			}
			p.into = to[0]
		}
	}

	seen := map[string]string{} // title key → source of the first article with it
	for _, p := range m.order {
		if p.into != nil {
			continue
		}
		a := p.merge()
		st.Merged += len(p.copies) - 1
		for _, k := range copyKeys(p.copies) {
			if first, ok := seen[k]; ok {
				st.DuplicatesLeft++
				if st.DuplicatesLeft <= maxDuplicateLines {
					m.log.Info("possible duplicate left", "source", a.Source, "like", first, "title", a.Title)
				}
				break
			}
		}
		for _, k := range copyKeys(p.copies) {
			if _, ok := seen[k]; !ok {
				seen[k] = a.Source
			}
		}
		if err := m.emit(a); err != nil {
			return st, err
		}
	}
	clear(m.byURL)
	clear(m.byTitle)
	m.order = nil
	return st, nil
}

// copyKeys returns the distinct title keys of copies.
func copyKeys(copies []corpus.Article) []string {
	var keys []string
	for _, c := range copies {
		if k := titleKey(c); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// merge returns the post's one article. A post seen once is its copy
// unchanged. Otherwise, with the copies ordered strongest first (by
// pageRank, then by source in byte order):
//   - Source and ID are those of the strongest copy, so that the ID
//     depends on the copies found, not on the order they were found in;
//   - the text (body, lead, note and what enrichment found in it: people,
//     places, countries, topics, language) is that of the copy that wins
//     betterText: a whole copy over an excerpt, so Excerpt is false when
//     any copy is whole;
//   - title, subtitle, outlet, section, URL and authors come from the
//     strongest copy that has them, the date from the strongest copy
//     with the most precise date (a day over a month);
//   - tags are the union of the copies' tags, strongest first (they are
//     not topics: the topics are those of the copy whose text won);
//   - Provenance gives each field the evidence of the copy it came from;
//   - SeenIn lists the sources of every copy, sorted.
func (p *post) merge() corpus.Article {
	if len(p.copies) == 1 {
		return p.text
	}
	copies := slices.Clone(p.copies)
	slices.SortFunc(copies, func(a, b corpus.Article) int {
		return cmp.Or(-cmp.Compare(pageRank(a), pageRank(b)), strings.Compare(a.Source, b.Source))
	})
	a := p.text
	a.Source = copies[0].Source
	a.ID = corpus.IDOf(a.Source)
	a.Provenance = maps.Clone(a.Provenance)
	if a.Provenance == nil {
		a.Provenance = map[string]string{}
	}
	// from sets the provenance of field to that of the copy c it came from.
	from := func(field string, c corpus.Article) {
		if v, ok := c.Provenance[field]; ok {
			a.Provenance[field] = v
		} else {
			delete(a.Provenance, field)
		}
	}
	for _, f := range []struct {
		name string
		dst  *string
		get  func(corpus.Article) string
	}{
		{"title", &a.Title, func(c corpus.Article) string { return c.Title }},
		{"subtitle", &a.Subtitle, func(c corpus.Article) string { return c.Subtitle }},
		{"outlet", &a.Outlet, func(c corpus.Article) string { return c.Outlet }},
		{"section", &a.Section, func(c corpus.Article) string { return c.Section }},
		{"url", &a.URL, func(c corpus.Article) string { return c.URL }},
	} {
		if i := slices.IndexFunc(copies, func(c corpus.Article) bool { return f.get(c) != "" }); i >= 0 {
			*f.dst = f.get(copies[i])
			from(f.name, copies[i])
		}
	}
	if i := slices.IndexFunc(copies, func(c corpus.Article) bool { return len(c.Authors) > 0 }); i >= 0 {
		a.Authors = slices.Clone(copies[i].Authors)
		from("authors", copies[i])
	}
	best := 0
	for i, c := range copies {
		if c.Date.Precision > copies[best].Date.Precision && !c.Date.IsZero() {
			best = i
		}
	}
	if !copies[best].Date.IsZero() {
		a.Date = copies[best].Date
		from("date", copies[best])
	}
	var tags []string
	for _, c := range copies {
		tags = append(tags, c.Tags...)
	}
	a.Tags = tags
	if len(a.Provenance) == 0 {
		a.Provenance = nil
	}
	for _, c := range copies {
		a.SeenIn = append(a.SeenIn, c.Source)
	}
	slices.Sort(a.SeenIn)
	a.SeenIn = slices.Compact(a.SeenIn)
	a.Tidy()
	return a
}

// shell returns a copy of a without its text and what enrichment found
// in it: what a Merger keeps of a copy whose text has not won.
func shell(a corpus.Article) corpus.Article {
	a.Body, a.Lead, a.Note = "", "", ""
	a.Mentions, a.People, a.Places, a.Countries, a.Topics, a.TopicScores = nil, nil, nil, nil, nil, nil
	return a
}

// betterText reports whether the text of a is better than that of b: a
// whole text over an excerpt, then the stronger page (pageRank: a
// listing page's copy is only as good as the split that cut it out of
// the page), then the longer body, then the first source in byte order,
// so that the choice does not depend on the order of the copies.
func betterText(a, b corpus.Article) bool {
	if a.Excerpt != b.Excerpt {
		return !a.Excerpt
	}
	return cmp.Or(
		cmp.Compare(pageRank(a), pageRank(b)),
		cmp.Compare(len(a.Body), len(b.Body)),
		strings.Compare(b.Source, a.Source),
	) > 0
}

// pageRank tells how surely a copy comes from the post's own page: 2 when
// the post's URL is the address of the copy's file (its path ends with
// the URL's path), 1 when nothing says it comes from a listing page, 0
// when something does: the extractor split it out of a page
// (Provenance["split"]), it is not the first article of its file, it is
// an excerpt, or its file's path is one of a listing page (listingPath).
func pageRank(a corpus.Article) int {
	file, n := splitSource(a.Source)
	switch {
	case ownPage(file, a.URL):
		return 2
	case a.Provenance["split"] != "" || n > 1 || a.Excerpt || listingPath(file):
		return 0
	}
	return 1
}

// splitSource splits a source "path#n" into the path and n (0 when there
// is no position).
func splitSource(source string) (file string, n int) {
	i := strings.LastIndexByte(source, '#')
	if i < 0 {
		return source, 0
	}
	n, err := strconv.Atoi(source[i+1:])
	if err != nil {
		return source, 0
	}
	return source[:i], n
}

// isHTML reports whether the source is an article of an HTML file.
func isHTML(source string) bool {
	file, _ := splitSource(source)
	f, _ := corpus.FormatOf(file)
	return f == corpus.FormatHTML
}

// pagePath returns the path of a file as a web address would give it:
// without ".gz", without a last "index.html" (or .htm, .php) and without
// slashes at either end.
func pagePath(p string) string {
	p = strings.TrimSuffix(p, ".gz")
	if base := path.Base(p); strings.HasPrefix(base, "index.") {
		if f, _ := corpus.FormatOf(base); f == corpus.FormatHTML || base == "index.php" {
			p = path.Dir(p)
		}
	}
	p = strings.Trim(p, "/")
	if p == "." {
		return ""
	}
	return p
}

// ownPage reports whether rawURL is the address of the file: the file's
// page path ends with the URL's page path, which is not empty.
func ownPage(file, rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || rawURL == "" {
		return false
	}
	up := pagePath(u.Path)
	if up == "" {
		return false
	}
	fp := pagePath(file)
	return fp == up || strings.HasSuffix(fp, "/"+up)
}

// listingWords are folder names under which blog platforms put their
// listing pages (WordPress, Blogger, Jekyll, Hugo, Ghost, Tumblr,
// Movable Type).
var listingWords = map[string]bool{
	"page": true, "category": true, "categories": true, "tag": true, "tags": true,
	"tagged": true, "author": true, "authors": true, "label": true, "archive": true,
	"archives": true, "search": true, "feed": true, "topics": true,
}

// listingEnds are the last folder names of the pages that list a whole
// section ("/posts/", "/blog/"), which, unlike listingWords, are also the
// first folder of post addresses ("/posts/my-post/").
var listingEnds = map[string]bool{
	"posts": true, "blog": true, "articles": true, "entries": true, "news": true,
}

// listingPath reports whether a file's path is shaped like a listing
// page's: the site's home page (a top index.html), a folder of
// listingWords on the way, a last folder of listingEnds, a page path
// ending in a number (page/2, 2015/06: a page of a list, a month's
// archive) or a Blogger-style "2015_06_01_archive.html".
func listingPath(file string) bool {
	p := pagePath(file)
	if p == "" {
		return true
	}
	parts := strings.Split(p, "/")
	for _, s := range parts {
		if listingWords[strings.ToLower(s)] {
			return true
		}
	}
	last := strings.ToLower(parts[len(parts)-1])
	if listingEnds[last] || strings.Contains(last, "_archive.") {
		return true
	}
	if _, err := strconv.Atoi(strings.TrimSuffix(last, path.Ext(last))); err == nil {
		return true
	}
	return false
}

// normURL returns the key of a post's address: host lower-cased without
// "www." or a default port, the scheme left out (http and https are one
// address), the path without a last "index.html" and a trailing slash,
// the query without utm_ tracking parameters and in sorted order, the
// fragment dropped. It returns "" for an address without a host and for
// the address of a listing page (listingPath), which is no post's, unless
// its query names a WordPress post or page (?p=12, ?page_id=3).
func normURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	q := u.Query()
	if listingPath(u.Path) && q.Get("p") == "" && q.Get("page_id") == "" {
		// A listing page, unless it names a WordPress post (/?p=12).
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") {
			delete(q, k)
		}
	}
	key := host + "/" + pagePath(u.Path)
	if len(q) > 0 {
		key += "?" + q.Encode()
	}
	return key
}

// titleKey returns the key of a post without URL: title, day and outlet,
// lower-cased with white space folded, or "" when the title or outlet is
// empty, the title is the outlet's name or the date is not known to the
// day.
func titleKey(a corpus.Article) string {
	if a.Date.Precision != corpus.PrecisionDay || a.Date.IsZero() {
		return ""
	}
	title, outlet := foldText(a.Title), foldText(a.Outlet)
	if title == "" || outlet == "" || siteName(a.Title, a.Outlet) {
		return ""
	}
	return title + "\x00" + a.Date.String() + "\x00" + outlet
}

// siteName reports whether a title is the name of the outlet: equal
// to it up to case, spaces and punctuation ("Jorge El Constructor" and
// "jorge el constructor"), or, when the outlet is a host name, to its
// first label ("jorgeelconstructor.blogspot.com"). Such a title is a
// listing page's taken whole, not a post's.
func siteName(title, outlet string) bool {
	t, o := squash(title), squash(outlet)
	if t == "" || t == o {
		return t != ""
	}
	if host := strings.ToLower(strings.TrimSpace(outlet)); strings.Contains(host, ".") && !strings.ContainsAny(host, " /") {
		label, _, _ := strings.Cut(strings.TrimPrefix(host, "www."), ".")
		return squash(label) == t
	}
	return false
}

// squash returns the letters and digits of s, lower-cased.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldText lower-cases s and folds its white space to single spaces.
func foldText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
