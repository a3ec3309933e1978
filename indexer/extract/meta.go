package extract

import (
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself in its <head>: <meta> tags,
// <link> tags, the <html lang> attribute and JSON-LD. Each field keeps its
// source apart so that html.go can weigh the evidence.
type pageMeta struct {
	TitleTag   string // <title>
	OGTitle    string // og:title
	TwTitle    string // twitter:title
	MetaTitle  string // <meta name=title>, dc.title, itemprop=headline
	LD         ldArticle
	SiteName   string // og:site_name
	Publisher  string // <meta name=publisher>, dc.publisher
	AppName    string // application-name
	OGType     string // og:type
	Published  string // article:published_time and similar meta tags
	OtherDates []string
	// Modified lists the change stamps (article:modified_time,
	// og:updated_time, dateModified): evidence of the page's zone, never
	// its date.
	Modified   []string
	MetaAuthor []string // <meta name=author> and similar
	ArtAuthor  []string // article:author when it is a name
	Section    string   // article:section
	Tags       []string // article:tag
	Canonical  string   // <link rel=canonical>
	OGURL      string   // og:url
	Desc       string   // description, og:description
	Lang       string   // <html lang>, content-language, og:locale
}

// ldArticle is the article described by a page's JSON-LD, if any.
type ldArticle struct {
	Headline    string
	AltHeadline string
	Description string
	Published   string
	Created     string
	Modified    string
	Authors     []string
	// Persons are the author names that JSON-LD types as a Person.
	Persons   []string
	Publisher string
	SiteName  string // name of a WebSite node
	Section   string
	Keywords  []string
	URL       string
	Language  string
	// Articles counts the article nodes found; a listing page may hold many.
	Articles int
}

// readMeta collects the metadata of a parsed page.
func readMeta(doc *goquery.Document) pageMeta {
	var m pageMeta
	m.TitleTag = text(doc.Find("head title").First())
	if m.TitleTag == "" {
		m.TitleTag = text(doc.Find("title").First())
	}
	lang, _ := doc.Find("html").First().Attr("lang")
	if lang == "" {
		lang, _ = doc.Find("html").First().Attr("xml:lang")
	}
	m.Lang = lang
	// twitter:labelN and twitter:dataN come in pairs: "Written by",
	// "Jane Doe".
	twLabels, twData := map[string]string{}, map[string]string{}
	var authorURL bool
	var profileFirst, profileLast string
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content := metaText(attr(s, "content"))
		if content == "" {
			return
		}
		key := strings.ToLower(strings.TrimSpace(attr(s, "property")))
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(attr(s, "name")))
		}
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(attr(s, "itemprop")))
			if key == "author" && !ofArticle(s) {
				return // the author of a cited work or a comment
			}
		}
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(attr(s, "http-equiv")))
		}
		switch key {
		case "og:title":
			m.OGTitle = first(m.OGTitle, content)
		case "twitter:title":
			m.TwTitle = first(m.TwTitle, content)
		case "title", "dc.title", "dcterms.title", "headline", "sailthru.title", "parsely-title":
			m.MetaTitle = first(m.MetaTitle, content)
		case "og:site_name":
			m.SiteName = first(m.SiteName, content)
		case "publisher", "dc.publisher", "dcterms.publisher", "citation_publisher":
			if !isURL(content) {
				m.Publisher = first(m.Publisher, content)
			}
		case "application-name", "apple-mobile-web-app-title":
			m.AppName = first(m.AppName, content)
		case "og:type":
			m.OGType = first(m.OGType, strings.ToLower(content))
		case "article:published_time", "og:article:published_time", "article:published", "datepublished":
			m.Published = first(m.Published, content)
		case "date", "pubdate", "publishdate", "publish-date", "publish_date", "published-date",
			"dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
			"sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
			"original-publish-date", "date.available", "cxenseparse:recs:publishtime", "datecreated",
			"og:published_time", "citation_publication_date", "citation_date":
			m.OtherDates = append(m.OtherDates, content)
		case "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified":
			m.Modified = append(m.Modified, content)
		case "author", "dc.creator", "dcterms.creator", "sailthru.author", "parsely-author",
			"byl", "article.author", "citation_author", "twitter:creator:name", "cxenseparse:author",
			"parsely-author-name", "dc.contributor":
			m.MetaAuthor = append(m.MetaAuthor, content)
		case "article:author", "og:article:author":
			if !isURL(content) {
				m.ArtAuthor = append(m.ArtAuthor, content)
			} else {
				authorURL = true
			}
		case "profile:first_name":
			profileFirst = first(profileFirst, content)
		case "profile:last_name":
			profileLast = first(profileLast, content)
		case "twitter:label1", "twitter:label2", "twitter:label3", "twitter:label4":
			twLabels[key[len("twitter:label"):]] = content
		case "twitter:data1", "twitter:data2", "twitter:data3", "twitter:data4":
			twData[key[len("twitter:data"):]] = content
		case "article:section", "og:article:section", "section", "articlesection", "parsely-section":
			m.Section = first(m.Section, content)
		case "article:tag", "og:article:tag":
			m.Tags = append(m.Tags, content)
		case "og:url":
			m.OGURL = first(m.OGURL, content)
		case "description", "og:description", "twitter:description", "dc.description":
			m.Desc = first(m.Desc, content)
		case "content-language", "og:locale", "language", "dc.language":
			if m.Lang == "" {
				m.Lang = content
			}
		}
	})
	// article:author given as the address of the author's profile, and
	// the profile's names given beside it (Open Graph's profile object,
	// as WordPress's SEO plugins write it), name the article's author.
	if name := strings.TrimSpace(profileFirst + " " + profileLast); authorURL && name != "" {
		m.ArtAuthor = append(m.ArtAuthor, name)
	}
	for _, n := range []string{"1", "2", "3", "4"} {
		if rxAuthorLabel.MatchString(twLabels[n]) && twData[n] != "" {
			m.MetaAuthor = append(m.MetaAuthor, twData[n])
		}
	}
	doc.Find("link[rel]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if hasToken(attr(s, "rel"), "canonical") {
			m.Canonical = strings.TrimSpace(attr(s, "href"))
			return false
		}
		return true
	})
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		readJSONLD(s.Text(), &m.LD)
	})
	if m.Lang == "" {
		m.Lang = m.LD.Language
	}
	return m
}

// ofArticle reports whether a microdata property belongs to the page's
// article: it is in no item, or in an article or web page item, not in
// the item of a cited work, a comment or a review (an item that is a
// property of another).
func ofArticle(s *goquery.Selection) bool {
	item := s.Closest("[itemscope]")
	if item.Length() == 0 {
		return true
	}
	if prop := attr(item, "itemprop"); prop != "" && prop != "mainEntity" && prop != "mainEntityOfPage" {
		return false // a property of another item: itemprop="citation"
	}
	t := attr(item, "itemtype")
	if i := strings.LastIndexAny(t, "/#"); i >= 0 {
		t = t[i+1:]
	}
	return isArticleType(t) || strings.HasSuffix(t, "WebPage")
}

// readJSONLD adds what one JSON-LD script says to ld. Scripts that are
// not valid JSON are skipped: a page's other evidence still counts.
func readJSONLD(src string, ld *ldArticle) {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<!--")
	src = strings.TrimSuffix(src, "-->")
	src = strings.TrimPrefix(strings.TrimSpace(src), "//<![CDATA[")
	src = strings.TrimSuffix(strings.TrimSpace(src), "//]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		// Hand-written JSON-LD often breaks lines inside its strings.
		if err := json.Unmarshal(escapeControls(src), &v); err != nil {
			return
		}
	}
	// Index nodes by @id, so that {"@id": "#author"} references resolve.
	ids := map[string]map[string]any{}
	var index func(any)
	index = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				index(e)
			}
		case map[string]any:
			if id, ok := t["@id"].(string); ok && len(t) > 1 {
				ids[id] = t
			}
			for _, k := range slices.Sorted(maps.Keys(t)) {
				index(t[k])
			}
		}
	}
	index(v)
	// The authors of the WebPage, or of a recipe or how-to, are used
	// when no article names any.
	var pageAuthors, workAuthors []string
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			types := ldTypes(t)
			switch {
			case anyType(types, isArticleType):
				ld.Articles++
				if ld.Articles == 1 {
					ld.fill(t, ids)
				}
			case anyType(types, func(s string) bool { return s == "WebSite" }):
				if ld.SiteName == "" {
					ld.SiteName = ldString(t["name"])
				}
			case anyType(types, func(s string) bool { return s == "WebPage" }):
				// Older Yoast graphs put the author on the page node.
				if pageAuthors == nil {
					pageAuthors = ldNames(t["author"], ids)
				}
			case anyType(types, func(s string) bool { return s == "Recipe" || s == "HowTo" }):
				// A recipe or a how-to is the page's work when no article is.
				if workAuthors == nil {
					workAuthors = ldNames(t["author"], ids)
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"} {
				walk(t[k])
			}
		}
	}
	walk(v)
	if len(ld.Authors) == 0 {
		ld.Authors = pageAuthors
	}
	if len(ld.Authors) == 0 {
		ld.Authors = workAuthors
	}
}

// escapeControls returns src with the control characters inside its JSON
// strings (raw line breaks and tabs, which JSON forbids) made spaces.
func escapeControls(src string) []byte {
	b := []byte(src)
	inString, escaped := false, false
	for i, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString && c < 0x20:
			b[i] = ' '
		}
	}
	return b
}

// fill copies the fields of one JSON-LD article node.
func (ld *ldArticle) fill(t map[string]any, ids map[string]map[string]any) {
	ld.Headline = first(ldString(t["headline"]), ldString(t["name"]))
	ld.AltHeadline = ldString(t["alternativeHeadline"])
	ld.Description = ldString(t["description"])
	ld.Published = ldString(t["datePublished"])
	ld.Created = ldString(t["dateCreated"])
	ld.Modified = ldString(t["dateModified"])
	ld.Authors = ldNames(t["author"], ids)
	ld.Persons = ldPersons(t["author"], ids)
	if len(ld.Authors) == 0 {
		ld.Authors = ldNames(t["creator"], ids)
	}
	if p := ldNames(t["publisher"], ids); len(p) > 0 {
		ld.Publisher = p[0]
	}
	ld.Section = ldString(t["articleSection"])
	switch k := t["keywords"].(type) {
	case string:
		ld.Keywords = splitList(k)
	case []any:
		for _, e := range k {
			ld.Keywords = append(ld.Keywords, ldString(e))
		}
	}
	ld.URL = ldString(t["url"])
	if ld.URL == "" {
		if me, ok := t["mainEntityOfPage"].(map[string]any); ok {
			ld.URL = ldString(me["@id"])
		} else {
			ld.URL = ldString(t["mainEntityOfPage"])
		}
	}
	ld.Language = ldString(t["inLanguage"])
}

// ldTypes returns the @type values of a JSON-LD node.
func ldTypes(t map[string]any) []string {
	switch v := t["@type"].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func anyType(types []string, f func(string) bool) bool {
	for _, t := range types {
		if f(strings.TrimPrefix(t, "schema:")) {
			return true
		}
	}
	return false
}

// isArticleType reports whether a schema.org type is an article.
func isArticleType(t string) bool {
	return strings.HasSuffix(t, "Article") || strings.HasSuffix(t, "Posting") ||
		t == "Report" || t == "Review" || t == "OpinionNewsArticle"
}

// ldString returns a JSON-LD value as text: a string, the first string
// of a list, or the name (or @value) of a node.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return metaText(t)
	case []any:
		for _, e := range t {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldString(t["name"]); s != "" {
			return s
		}
		return ldString(t["@value"])
	}
	return ""
}

// ldNames returns the names of a JSON-LD author or publisher value: a
// string, a node, an @id reference or a list of these.
func ldNames(v any, ids map[string]map[string]any) []string {
	switch t := v.(type) {
	case string:
		if isURL(t) {
			return nil
		}
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e, ids)...)
		}
		return out
	case map[string]any:
		if name := ldString(t["name"]); name != "" {
			return []string{name}
		}
		if id, ok := t["@id"].(string); ok {
			if node, ok := ids[id]; ok {
				if name := ldString(node["name"]); name != "" {
					return []string{name}
				}
			}
		}
	}
	return nil
}

// ldPersons returns the names of the nodes of a JSON-LD author value that
// are typed Person, following @id references.
func ldPersons(v any, ids map[string]map[string]any) []string {
	switch t := v.(type) {
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldPersons(e, ids)...)
		}
		return out
	case map[string]any:
		if id, ok := t["@id"].(string); ok && ldString(t["name"]) == "" {
			if node, ok := ids[id]; ok {
				t = node
			}
		}
		if anyType(ldTypes(t), func(s string) bool { return s == "Person" }) {
			if name := ldString(t["name"]); name != "" {
				return []string{name}
			}
		}
	}
	return nil
}

// splitList splits "a, b; c" into its items.
func splitList(s string) []string {
	f := func(r rune) bool { return r == ',' || r == ';' }
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// first returns the first non-empty string.
func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// attr returns the value of an attribute, or "".
func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

// text returns the text of a selection with white space collapsed.
// Scripts and styles inside the selection are left out.
func text(s *goquery.Selection) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Noscript || n.DataAtom == atom.Template {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// metaText returns a meta tag's content as text: some sites escape their
// entities twice ("&amp;#8211;"), which leaves "&#8211;" after parsing.
func metaText(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// hasToken reports whether a space-separated attribute holds tok.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// absURL returns s when it is an absolute http(s) address, else "".
func absURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// hostOf returns the host of an absolute address without "www.".
func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// primaryLanguage returns the primary subtag of a language tag in lower
// case: "en-US" and "en_GB" give "en". Values that are not a language
// subtag give "".
func primaryLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_ ,;"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, r := range tag {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return tag
}
