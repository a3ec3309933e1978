package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// This file finds who wrote a page: metadata first, then byline markup.

// pageAuthors returns the authors a page names: JSON-LD, then author meta
// tags, then article:author, then byline elements; but a byline the page
// shows with its heading wins when it names someone else. A credits
// block is the last resort.
func (x *Extractor) pageAuthors(p *page, site string) []string {
	names := x.markedAuthors(p, site)
	vis := notOutlet(visibleAuthors(p, site), site, p.meta.SiteName)
	if len(vis) > 0 && (!agree(names, vis) || fuller(vis, names)) {
		names = vis
	}
	if len(names) == 0 {
		names = notOutlet(creditsAuthors(pageLines(p), site), site, p.meta.SiteName)
	}
	return completeFromPage(p, names)
}

var (
	// rxWriterCredit matches the label of the writer's credit in a
	// credits block, alone on its line: "Text", "Interview:".
	rxWriterCredit = regexp.MustCompile(`(?i)^(?:text|texte|texto|words|interview|autor(?:in)?|author|redaktion)\s*:?$`)
	// rxPhotoCredit matches the label of a photographer's credit, alone
	// on its line: "Fotograf", "Photos:".
	rxPhotoCredit = regexp.MustCompile(`(?i)^(?:fotos?|fotograf(?:ie|in)?|photos?|photograph(?:er|y)|bilder|illustrations?)\s*:?$`)
)

// creditsAuthors returns the writer a credits block names, as magazines
// close an article or a photo story: a label on its own line over a
// name ("Interview" over "SVEN MICHAELSEN"), with a photographer's
// credit in the same way within the next four lines ("FOTOGRAF" over
// "ERIC MICHAEL ROY"). The name must be a full one.
func creditsAuthors(lines []string, site string) []string {
	for i := 0; i+3 < len(lines); i++ {
		if !rxWriterCredit.MatchString(lines[i]) || utf8.RuneCountInString(lines[i+1]) > 60 {
			continue
		}
		photo := false
		for _, l := range lines[i+2 : min(len(lines), i+6)] {
			photo = photo || rxPhotoCredit.MatchString(l)
		}
		if !photo {
			continue
		}
		if names := fullNames(lineNames(lines[i+1], site)); len(names) > 0 {
			return names
		}
	}
	return nil
}

// completeFromPage writes out the names given in a short form (a first
// name, a user name, initials) as the page writes them in full (see
// completeNames), and drops the user names the page never shows (see
// shownNames).
func completeFromPage(p *page, names []string) []string {
	return shownNames(p, completeShort(p, names), false)
}

// shownNames removes the user names that the page never writes in its
// text, only in markup made for machines (a JSON-LD Person, a meta tag
// or an avatar's address): they name a content system's accounts ("gto",
// "webnata", "kei_eno"), not the bylines readers see. A user name is one
// word without capitals; one of the form "first.last" names a person
// and stays. With all, every one-word name must be shown ("Вера" that
// go-trafilatura takes from a reader's comment). Text in comments does
// not count: it is the readers'.
func shownNames(p *page, names []string, all bool) []string {
	weak := func(n string) bool {
		return !strings.Contains(n, " ") && (all || isUserName(n))
	}
	if !slices.ContainsFunc(names, weak) {
		return names
	}
	shown, ok := shownText(p)
	if !ok {
		return names
	}
	return slices.DeleteFunc(slices.Clone(names), func(n string) bool {
		return weak(n) && !containsWord(shown, n)
	})
}

// shownText returns the text of the page's body that readers see, lower
// case, leaving out readers' comments; false when the page has no body.
func shownText(p *page) (string, bool) {
	body := p.doc.Find("body").First()
	if body.Length() == 0 {
		return "", false
	}
	return visibleText(body.Get(0), func(n *html.Node) bool {
		return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool {
			return (a.Key == "class" || a.Key == "id") && rxCommentClass.MatchString(a.Val)
		})
	}), true
}

// isCodeWord reports whether an author given by metadata is one word in
// capitals of four letters or more ("KWCHCIK"): an account's or a
// station's code unless the page shows it.
func isCodeWord(raw string) bool {
	raw = strings.TrimSpace(raw)
	return !strings.ContainsAny(raw, " \t") && isAllCaps(raw) && utf8.RuneCountInString(raw) >= 4
}

// rxFirstDotLast matches a user name written "first.last":
// "robert.stitz".
var rxFirstDotLast = regexp.MustCompile(`^\p{L}{2,}\.\p{L}{2,}$`)

// isUserName reports whether a one-word name is written as an account's
// user name: without capitals, and not "first.last".
func isUserName(n string) bool {
	return strings.ToLower(n) == n && !rxFirstDotLast.MatchString(n)
}

// visibleText returns the text a reader of the page under n may see,
// lower case: script, style and the like left out, <noscript> kept. The
// elements skip reports are left out too.
func visibleText(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if n.Parent != nil && n.Parent.DataAtom == atom.Noscript {
				// The parser keeps a <noscript>'s markup as text: its
				// tags and their attributes are not shown.
				b.WriteString(rxMarkupTag.ReplaceAllString(n.Data, " "))
			} else {
				b.WriteString(n.Data)
			}
			b.WriteByte(' ')
			return
		case html.ElementNode:
			if n.DataAtom != atom.Noscript && invisibleElements[n.DataAtom] || skip(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.ToLower(b.String())
}

// rxMarkupTag matches an HTML tag in text.
var rxMarkupTag = regexp.MustCompile(`<[^>]*>`)

// containsWord reports whether the lower-case text holds word as a whole
// word, in any case: "rmb" is not in "rmb8090".
func containsWord(text, word string) bool {
	word = strings.ToLower(word)
	for i := 0; ; {
		k := strings.Index(text[i:], word)
		if k < 0 || word == "" {
			return false
		}
		start, end := i+k, i+k+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

// isWordRune reports whether r may be part of a user name.
func isWordRune(r rune) bool {
	return isAlnum(r) || r == '_'
}

// completeShort writes out the names given in a short form; see
// completeFromPage.
func completeShort(p *page, names []string) []string {
	if !slices.ContainsFunc(names, func(n string) bool { return needsCompleting(n) || isInitials(n) }) {
		return names
	}
	pageText := p.meta.TitleTag + "\n" + text(p.doc.Find("body"))
	names = slices.Clone(names)
	for i, n := range names {
		if isInitials(n) {
			names[i] = first(slugName(p, n, pageText), n)
		}
	}
	names = completeNames(names, pageText, p.meta.SiteName, domainLabel(hostOf(p.url)))
	if slices.ContainsFunc(names, isFirstName) {
		lines := pageLines(p)
		for i, n := range names {
			if isFirstName(n) {
				names[i] = first(bioName(n, lines), n)
			}
		}
	}
	return names
}

// rxBioStart matches what follows a name that opens an author's bio: a
// dash or comma and a description, or "is", "ist", "was".
var rxBioStart = regexp.MustCompile(`^(\p{Lu}\p{Ll}[\p{L}'’-]*)(?:\s*[-–—,]\s+\p{L}|\s+(?:is|ist|was|war|est|es)\s)`)

// bioName returns the full name that an author's bio opens with, for a
// first name given alone ("Stefanus" over "Stefanus Stahl -
// Maschinenbauer, Abenteurer und ..."), or "" when no line of the page
// opens so, or lines open with different surnames.
func bioName(given string, lines []string) string {
	var full string
	for _, l := range lines {
		rest, ok := strings.CutPrefix(l, given+" ")
		if !ok || utf8.RuneCountInString(l) < 40 {
			continue
		}
		g := rxBioStart.FindStringSubmatch(rest)
		if g == nil || roleWords[strings.ToLower(g[1])] {
			continue
		}
		if full != "" && full != given+" "+g[1] {
			return ""
		}
		full = given + " " + g[1]
	}
	return full
}

// rxAuthorSlug matches the address of an author's page and its last
// part: "/author/donaldtownsend/".
var rxAuthorSlug = regexp.MustCompile(`/(?:author|autor|autoren|authors)/([\p{L}\d._-]+)/?$`)

// slugName returns the full name the page writes for the initials of an
// author link ("DT" linking to /author/donaldtownsend/ is the "Donald
// Townsend" of the page's footer), or "".
func slugName(p *page, initials, pageText string) string {
	var name string
	p.doc.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if text(a) != initials {
			return true
		}
		if g := rxAuthorSlug.FindStringSubmatch(attr(a, "href")); g != nil {
			n := writtenName(foldLetters(g[1]), pageText)
			if n != "" && initialsOf(n) == initials {
				name = n
			}
		}
		return name == ""
	})
	return name
}

// initialsOf returns the capital initials of a name: "DT" for "Donald
// Townsend".
func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// markedAuthors returns the authors that metadata or byline markup name.
func (x *Extractor) markedAuthors(p *page, site string) []string {
	m := p.meta
	host := hostOf(p.url)
	for _, src := range [][]string{m.LD.Authors, m.MetaAuthor, m.ArtAuthor} {
		var names, persons []string
		for _, raw := range src {
			if head, _, ok := strings.Cut(raw, ","); ok && isSiteName(head, site, m.SiteName) {
				continue // "hessenschau.de, Frankfurt, Germany": an address
			}
			if creditsOtherSite(raw, host) {
				continue // "Frank Bueltge - http://bueltge.de": the theme's maker
			}
			if isCodeWord(raw) {
				if shown, ok := shownText(p); ok && !containsWord(shown, raw) {
					continue // "KWCHCIK": a code that no reader sees
				}
			}
			if slices.Contains(m.LD.Persons, raw) {
				// A JSON-LD Person written as a full name is one even when
				// the site bears it ("Wolfgang Schmale" on his own site).
				n := cleanAuthors(raw, "", true)
				if len(n) == 1 && strings.Contains(n[0], " ") && (sameLetters(n[0], site) || sameLetters(n[0], m.SiteName)) {
					persons = append(persons, n[0])
				}
			}
			names = append(names, cleanAuthors(raw, site, false)...)
		}
		names = slices.DeleteFunc(notOutlet(notSite(names, host), site, m.SiteName), isInitials)
		if len(names) == 0 {
			names = persons
		}
		if len(names) > 0 {
			return names
		}
	}
	names := bylineAuthors(p.doc.Selection, site)
	if len(names) == 0 {
		names = noscriptBylines(p, site)
	}
	if len(names) == 0 {
		names = authorLinkNames(p.doc.Selection, site)
	}
	return notOutlet(notSite(names, host), site, m.SiteName)
}

// noscriptBylines returns the names in the byline markup that a page
// shows only without scripts, inside <noscript> (a blog whose posts a
// script writes out), or nil. The parser keeps such markup as text: it
// is parsed here, only when it mentions an author or a byline.
func noscriptBylines(p *page, site string) []string {
	var names []string
	p.doc.Find("body noscript").EachWithBreak(func(_ int, e *goquery.Selection) bool {
		n := e.Get(0).FirstChild
		if n == nil || n.Type != html.TextNode || !rxBylineMarkup.MatchString(n.Data) {
			return true
		}
		box := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		nodes, err := html.ParseFragment(strings.NewReader(n.Data), box)
		if err != nil {
			return true
		}
		for _, c := range nodes {
			box.AppendChild(c)
		}
		names = bylineAuthors(goquery.NewDocumentFromNode(box).Selection, site)
		return len(names) == 0
	})
	return names
}

// rxAuthorPage matches the address of an author's page and its last
// part: "/autoren/kathrin-fuehres-684124", "/author/jane-doe/".
var rxAuthorPage = regexp.MustCompile(`(?i)/(?:authors?|autor|autoren|auteurs?|redakteur|redakteure)/([^/?#]+)/?(?:[?#].*)?$`)

// authorLinkNames returns the name of the first link to an author's page
// that is not in a sidebar, comment or teaser, when the link's text
// holds one full name and the page's address spells the same name
// ("Kathrin Führes" for kathrin-fuehres-684124), or the address holds no
// name and the text is only the name. Links without byline markup
// around them are found so.
func authorLinkNames(s *goquery.Selection, site string) []string {
	var names []string
	s.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		g := rxAuthorPage.FindStringSubmatch(attr(a, "href"))
		if g == nil || inNoise(a) || otherPost(a, s.Get(0)) {
			return true
		}
		raw := strings.Join(strings.Fields(text(a)), " ")
		if raw == "" || utf8.RuneCountInString(raw) > 150 {
			return true
		}
		slug := slugLetters(g[1])
		if len(slug) < 5 {
			// No name in the address: the text must be one name alone.
			if n := fullNames(lineNames(raw, site)); len(n) == 1 && n[0] == raw {
				names = n
			}
			return names == nil
		}
		for _, c := range rxCapName.FindAllString(raw, -1) {
			words := strings.Fields(c) // "Kathrin Führes Kathrin Führes"
			for i := range words {
				for j := i + 2; j <= len(words) && j <= i+4; j++ {
					name := strings.Join(words[i:j], " ")
					if slugLetters(name) != slug {
						continue
					}
					if n, ok := personName(name, site, true); ok {
						names = []string{n}
						return false
					}
				}
			}
		}
		return true
	})
	return names
}

// slugLetters returns the letters of a name or an address's slug as a
// slug writes them: lower case, umlauts spelled out, no accents, digits
// or punctuation ("Kathrin Führes" and "kathrin-fuehres-684124" are
// both "kathrinfuehres").
func slugLetters(s string) string {
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss").Replace(s)
	var b strings.Builder
	for _, r := range foldLetters(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// rxBylineMarkup matches markup that may hold a byline.
var rxBylineMarkup = regexp.MustCompile(`(?i)byline|author|autor|auteur`)

// rxWebAddress matches a web address inside a text.
var rxWebAddress = regexp.MustCompile(`(?i)\bhttps?://[^\s,;)]+|\bwww\.[^\s,;)]+`)

// creditsOtherSite reports whether an author given by metadata comes with
// the address of another site than the page's host: the credit of the
// theme or template's maker, not the article's author. Without the
// page's host nothing is compared.
func creditsOtherSite(raw, host string) bool {
	addr := rxWebAddress.FindString(raw)
	if addr == "" || host == "" {
		return false
	}
	if !strings.Contains(addr, "://") {
		addr = "http://" + addr
	}
	other := hostOf(addr)
	return other != "" && other != host && !strings.HasSuffix(host, "."+other) && !strings.HasSuffix(other, "."+host)
}

// isSiteName reports whether s names the site: a web address, or one of
// the site's names.
func isSiteName(s string, names ...string) bool {
	s = strings.TrimSpace(s)
	if rxDomainWord.MatchString(strings.ToLower(s)) {
		return true
	}
	return slices.ContainsFunc(names, func(n string) bool { return n != "" && sameLetters(s, n) })
}

// rxCommentClass matches the class or id of a comment or reader's letter
// ("comment-author", "leserbrief_meta"), whose author is not the
// article's; the word must start the name ("category-kommentar" is an
// opinion piece's category). A related article's box is another post
// too ("gallery-related-combined__item__author").
var rxCommentClass = regexp.MustCompile(`(?i)(?:^|\s)(?:comment|leserbrief|reply|kommentar|respond)|related`)

// otherPost reports whether the byline element e belongs to something
// other than the article that scope holds: a comment or reader's letter,
// or a teaser for another article (inside a link, or in a list item or
// <article> whose heading links elsewhere and that has no h1 and no long
// paragraph). Only the elements inside scope are looked at: an archive's
// post may itself be an <article> whose heading links to the post.
func otherPost(e *goquery.Selection, scope *html.Node) bool {
	for n := e.Get(0); n != nil && n != scope && n.Type == html.ElementNode; n = n.Parent {
		for _, a := range n.Attr {
			if (a.Key == "class" || a.Key == "id") && rxCommentClass.MatchString(a.Val) {
				return true
			}
		}
		if n == e.Get(0) {
			continue
		}
		switch n.DataAtom {
		case atom.A:
			if slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "href" }) {
				return true // a teaser card is one link
			}
		case atom.Article, atom.Li:
			box := e.Closest(n.Data)
			return box.Find("h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4").Length() > 0 && box.Find("h1").Length() == 0 &&
				box.Find("p").FilterFunction(func(_ int, p *goquery.Selection) bool { return utf8.RuneCountInString(text(p)) > 300 }).Length() == 0
		}
	}
	return false
}

// isInitials reports whether a name from metadata is only initials in
// capitals ("DT", "LN"), which sites use as editor codes.
func isInitials(n string) bool {
	for _, r := range n {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return n != "" && utf8.RuneCountInString(n) <= 3
}

// notOutlet removes from names those that name the outlet rather than a
// person: "OÖ Volksblatt" when the site is "Volksblatt", "Die Furche"
// when it is "Furche". The outlet's names count when they have four
// letters or more. A site named after its author ("Daniel Lemire's
// blog", lemire.me) keeps the author: neither the host nor a site name
// that contains the name is evidence against it.
func notOutlet(names []string, outlets ...string) []string {
	var keys []string
	for _, o := range outlets {
		if strings.Contains(o, ".") && !strings.Contains(o, " ") {
			o = domainLabel(o)
		}
		if k := foldLetters(o); utf8.RuneCountInString(k) >= 4 {
			keys = append(keys, k)
		}
	}
	out := names[:0]
	for _, n := range names {
		fn, keep := foldLetters(n), !abbreviatedOutlet(n, outlets)
		for _, k := range keys {
			if strings.Contains(fn, k) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, n)
		}
	}
	return out
}

// abbreviatedOutlet reports whether a name is an outlet's name with its
// other words abbreviated: a word of the outlet's name (of four letters
// or more) beside acronyms in capitals, as "OÖ Volksblatt" is for
// "Oberösterreichisches Volksblatt".
func abbreviatedOutlet(name string, outlets []string) bool {
	words := strings.Fields(name)
	if len(words) < 2 {
		return false
	}
	outletWords := map[string]bool{}
	for _, o := range outlets {
		for _, w := range strings.Fields(o) {
			if fw := foldLetters(w); utf8.RuneCountInString(fw) >= 4 {
				outletWords[fw] = true
			}
		}
	}
	shared := false
	for _, w := range words {
		switch {
		case outletWords[foldLetters(w)]:
			shared = true
		case isAllCaps(w) && utf8.RuneCountInString(w) <= 4:
		default:
			return false
		}
	}
	return shared
}

// rxCapName matches a run of two to four capitalised words in text.
var rxCapName = regexp.MustCompile(`\p{Lu}[\p{L}'’-]*\.?(?:[ \x{a0}]\p{Lu}[\p{L}'’-]*\.?){1,3}`)

// completeNames replaces names that metadata gives in a short form by the
// full name the page writes: a user name ("arian-schlichenmayer",
// "christian.stadtfeld") by the capitalised name with the same letters
// ("Arian Schlichenmayer", "Christian P. Stadtfeld"), and a lone first
// name ("Nils") by the name it starts in the page ("Nils Pickert") when
// the page completes it one way only. outlets are the site's name and
// host label: a surname they contain ("Henry" on steinhau.com) needs to
// be seen only once.
func completeNames(names []string, pageText string, outlets ...string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		switch {
		case isHandle(n):
			want := foldLetters(n)
			n = first(writtenName(want, pageText), n)
		case isFirstName(n):
			n = first(fullName(n, pageText, outlets), n)
		}
		out = append(out, n)
	}
	return out
}

// needsCompleting reports whether completeNames may write a name out.
func needsCompleting(n string) bool {
	return isHandle(n) || isFirstName(n)
}

// isFirstName reports whether n may be a first name alone: one
// capitalised word, not in capitals.
func isFirstName(n string) bool {
	return !strings.ContainsAny(n, " .") && utf8.RuneCountInString(n) >= 3 && startsUpper(n) && !isAllCaps(n)
}

// writtenName returns the capitalised name of two or more words in
// pageText whose letters, with or without a middle initial, are those of
// the user name handle (folded), or "".
func writtenName(handle, pageText string) string {
	for _, c := range rxCapName.FindAllString(pageText, -1) {
		words := strings.Fields(c)
		for i := 0; i+2 <= len(words); i++ { // "Chefredakteur Christian P. Stadtfeld"
			name := strings.Join(words[i:], " ")
			if foldLetters(name) == handle || foldLetters(rxMiddleInitial.ReplaceAllString(name, " ")) == handle {
				if n, ok := personName(name, "", true); ok { // not "Staff Report"
					return n
				}
			}
		}
	}
	return ""
}

// rxMiddleInitial matches an initial between two names: the "P." of
// "Christian P. Stadtfeld".
var rxMiddleInitial = regexp.MustCompile(`\s\p{Lu}\.\s`)

// isHandle reports whether a name is written as a user name: in lower
// case, without spaces.
func isHandle(n string) bool {
	return !strings.Contains(n, " ") && strings.ToLower(n) == n && utf8.RuneCountInString(foldLetters(n)) >= 5
}

// startsUpper reports whether s starts with a capital letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// fullName returns the first name given followed by the one surname the
// page puts after it, or "" when the page gives none or several. The
// surname must be seen twice (in the byline and the author box, say), or
// once when an outlet's name contains it. A word of two letters after
// the name is no surname ("Von Henry In Aktuell").
func fullName(given, pageText string, outlets []string) string {
	rx, err := regexp.Compile(`\b` + regexp.QuoteMeta(given) + `[ \x{a0}](\p{Lu}\p{Ll}[\p{L}'’-]*)\b`)
	if err != nil {
		return ""
	}
	surnames := map[string]int{}
	for _, g := range rx.FindAllStringSubmatch(pageText, 50) {
		if !roleWords[strings.ToLower(g[1])] && g[1] != given && utf8.RuneCountInString(g[1]) > 2 {
			surnames[g[1]]++
		}
	}
	if len(surnames) != 1 {
		return ""
	}
	for s, n := range surnames {
		inOutlet := slices.ContainsFunc(outlets, func(o string) bool {
			fo, fs := foldLetters(o), foldLetters(s)
			return len(fs) >= 4 && strings.Contains(fo, fs)
		})
		if n >= 2 || inOutlet {
			return given + " " + s
		}
	}
	return ""
}

// foldLetters lower-cases s and keeps only its letters and digits,
// without accents: "Gàbor Muniér" and "gabor_munier" fold alike.
func foldLetters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if isAlnum(r) && !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// notSite removes from names those that are the site's host written as a
// name ("Finanztreff De" on finanztreff.de, "L-Mag" on l-mag.de).
func notSite(names []string, host string) []string {
	if host == "" {
		return names
	}
	label := domainLabel(host)
	whole := strings.TrimPrefix(host, "www.")
	out := names[:0]
	for _, n := range names {
		if !sameLetters(n, label) && !sameLetters(n, whole) {
			out = append(out, n)
		}
	}
	return out
}

// bylineSelectors find elements that name an article's authors, best
// first. The first group is markup made for machines, whose names are
// trusted as written; the others are styling, whose text must look like
// names: the usual class names, then any class that mentions an author
// or a byline.
var bylineSelectors = []struct {
	sel    cascadia.Selector
	strict bool
}{
	{cascadia.MustCompile(`[itemprop~="author"] [itemprop="name"], [itemprop~="author"], a[rel~="author"], .author .fn, .byline .fn, .vcard .fn, .post-author .fn, .author.fn, .vcard.fn`), false},
	{cascadia.MustCompile(`byline, .byline, .author-name, .post-author, .entry-author, .author, .article-author, .story-byline`), true},
	{cascadia.MustCompile(`[class*="byline"], [class*="author"], [class*="autor"], [class*="auteur"], [data-testid*="byline"]`), true},
}

// bylineAuthors returns the names in the first byline element of s that
// yields any, ignoring comments and sidebars.
func bylineAuthors(s *goquery.Selection, site string) []string {
	var names []string
	for _, group := range bylineSelectors {
		s.FindMatcher(group.sel).EachWithBreak(func(_ int, e *goquery.Selection) bool {
			if inNoise(e) || otherPost(e, s.Get(0)) {
				return true
			}
			raw := text(e)
			if v, ok := e.Attr("content"); ok && raw == "" {
				raw = v
			}
			if utf8.RuneCountInString(raw) <= 150 && !isProse(raw) {
				// The outlet named as author does not end the search.
				if names = notOutlet(cleanAuthors(raw, site, group.strict), site); len(names) > 0 {
					return false
				}
			}
			// An author box with a biography or links: its heading names
			// the author ("<h3>Martin Junker</h3><p>Martin is ...").
			if h := text(e.Find("h2, h3, h4, h5").First()); h != "" && !strings.ContainsAny(h, ",;&") && utf8.RuneCountInString(h) <= 60 {
				if names = fullNames(cleanAuthors(h, site, true)); len(names) == 1 {
					return false
				}
			}
			names = nil
			return true
		})
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// bylineWords are the words in lower case a byline may hold besides
// names: "Posted on ... by", "von ... am", "and".
var bylineWords = map[string]bool{
	"by": true, "von": true, "vom": true, "and": true, "und": true, "on": true, "am": true, "at": true,
	"um": true, "le": true, "el": true, "par": true, "por": true, "in": true, "mit": true, "with": true,
	"et": true, "y": true, "e": true, "posted": true, "written": true, "geschrieben": true, "updated": true,
	"published": true, "veröffentlicht": true, "aktualisiert": true, "uhr": true, "de": true, "di": true,
	"da": true, "van": true, "der": true, "den": true, "du": true, "la": true, "from": true, "for": true,
}

// isProse reports whether the text of a byline element is a sentence
// about the author rather than a byline: four words in lower case or
// more besides those a byline holds ("Alles über Lautsprecher, Heimkino
// und HiFi-Trends. Zudem haben wir ...").
func isProse(raw string) bool {
	n := 0
	for _, w := range strings.Fields(raw) {
		w = strings.Trim(w, ".,;:!?()\"'“”‘’")
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !bylineWords[w] {
			n++
		}
	}
	return n >= 4
}

var (
	// rxLabelledByline matches a line that says outright who wrote the
	// article, with the names in group 1 or 2: "Text von Christian Seiler",
	// "Posted on September 21, 2020 by Adi Tzlil", "Ein Artikel von Pamela
	// Sladky", "Autorin: Uta Staschewski, Projektleiterin", "Auteur :
	// Kossivi Tiassou", "Ein Interview von Eugen Zentner mit Sonja
	// Silberhorn" (the interviewer, in group 3).
	rxLabelledByline = regexp.MustCompile(`(?i)^(?:(?:blog\s+)?beitrag|artikel|ein\s+(?:beitrag|artikel|text|bericht)|text|texte|texto|story|words|posted|written|published|reported|erstellt|geschrieben|verfasst|publié|écrit|escrito|publicado|scritto|pubblicato)\s+` +
		`(?:(?:on|am|le|el|il)\s+[^:]{3,30}?\s+)?(?:by|von|vom|par|por|di|door)\s*:?\s+(.+)$|` +
		`^(?:autor(?:in|en)?|authors?|auteur(?:\(s\))?|autore|verfasser(?:in)?|redaktion|text)\s*:\s*(.+)$|` +
		`^(?:ein\s+|an\s+)?interview\s+(?:von|by)\s+(.+?)(?:\s+(?:mit|with)\s+.+)?$`)
	// rxBareByline matches a line that starts with the word that
	// introduces names: "Von Leonora Holling", "By Jane Doe". Such a line
	// may also be a heading ("Von Risiken und Nebenwirkungen").
	rxBareByline = regexp.MustCompile(`(?i)^(?:by|von|vom|par|por|door)\s*:?\s+(.+)$|^(?:autor(?:in|en)?|authors?|auteur)\s+(.+)$`)
	// rxAuthorLabelLine matches a line that only announces the author,
	// whose name is on the next line: "Autor", "Written by".
	rxAuthorLabelLine = regexp.MustCompile(`(?i)^(?:autor(?:in|en)?|authors?|auteur(?:\(s\))?|verfasser(?:in)?|written\s+by|von|by)\s*:?$`)
	// rxStrongLabelLine matches an author label that cannot be anything
	// else: "Autorin", "Von:".
	rxStrongLabelLine = regexp.MustCompile(`(?i)^(?:autor(?:in|en)?|authors?|auteur(?:\(s\))?|verfasser(?:in)?|written\s+by|von\s*:|by\s*:)\s*:?$`)
	// rxDatePart matches a part of a date line: "11.12.2019", "13:10
	// Uhr", "27 January 2022".
	rxDatePart = regexp.MustCompile(`(?i)^(?:\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?:\s*uhr)?|\d{1,2}\.?\s+` + monthPattern + `\.?\s+\d{4}|` + monthPattern + `\.?\s+\d{1,2},?\s+\d{4})$`)
	// rxDatedByline matches a line that ends with a date and the names
	// after "von" or "by": "Stars (1 / 1) 06.11.2023 13:30 von Olga",
	// "March 3, 2021 by Jane Doe". The names are in the last group.
	rxDatedByline = regexp.MustCompile(`(?i)(?:\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+` + monthPattern + `\.?\s+\d{4}|` + monthPattern + `\.?\s+\d{1,2},?\s+\d{4})` +
		`(?:,?\s+(?:um\s+|at\s+)?\d{1,2}:\d{2}(?:\s*(?:uhr|am|pm))?)?\s+(?:von|by|par|por)\s+(.+)$`)
	// rxMetaSep separates the parts of a date-and-author line.
	rxMetaSep = regexp.MustCompile(`\s+[|•·–—-]\s+`)
)

// visibleAuthors returns the names of the byline the page shows with its
// main heading, leaving out navigation, sidebars, footers and comments:
// a line that names the author outright anywhere in the article (from
// three lines above the heading to two hundred below), else a line that
// starts with "By" or "Von", an author label followed by the name, or a
// date line that ends with a name ("04.02.2022 | 13:10 Uhr | Uta
// Helkenberg"), close to the heading. The heading is the first line
// that repeats the title of the metadata, the article's title or the
// first h1. It returns nil when the page has no heading or no such line.
func visibleAuthors(p *page, site string) []string {
	// The heading is a line that repeats the title the metadata gives or
	// the first h1.
	heads := []string{p.meta.OGTitle, p.meta.TwTitle, p.meta.MetaTitle, p.title}
	if h1 := p.doc.Find("h1").FilterFunction(func(_ int, e *goquery.Selection) bool { return !inNoise(e) }).First(); h1.Length() > 0 {
		heads = append(heads, text(h1))
	}
	lines := pageLines(p)
	if len(lines) == 0 {
		return nil
	}
	var anchors []int // the lines that repeat the heading
	normHeads := map[string]bool{}
	minLen, maxLen := 1<<30, 0
	for _, h := range heads {
		if nh := normText(h); nh != "" {
			normHeads[nh] = true
			minLen, maxLen = min(minLen, len(nh)), max(maxLen, len(nh))
		}
	}
	for i, l := range lines {
		// Only lines about as long as a heading are worth normalising.
		if len(anchors) < 3 && len(l) >= minLen && len(l) <= 2*maxLen+8 && normHeads[normText(l)] {
			anchors = append(anchors, i)
		}
	}
	if len(anchors) == 0 {
		// No line repeats the heading: the byline may still stand just
		// above the first paragraph of the article's text.
		if at := leadLine(lines, p.lead); at >= 0 {
			return nearByline(lines, at, site)
		}
		return nil
	}
	at := anchors[0]
	from := max(0, at-3)
	wide := lines[from:min(len(lines), at+200)]
	for i, l := range wide {
		if len(l) > 400 {
			continue // a paragraph of text, not a byline
		}
		for _, part := range lineParts(l) {
			if utf8.RuneCountInString(part) > 100 {
				continue
			}
			if g := rxLabelledByline.FindStringSubmatch(part); g != nil {
				if names := lineNames(g[1]+g[2]+g[3], site); len(names) > 0 {
					return names
				}
			}
		}
		if rxStrongLabelLine.MatchString(l) && i+1 < len(wide) && utf8.RuneCountInString(wide[i+1]) <= 60 {
			if names := fullNames(lineNames(namesAfterLabel(wide, i+1), site)); len(names) > 0 {
				return names
			}
		}
	}
	for _, at := range anchors {
		if names := nearByline(lines, at, site); len(names) > 0 {
			return names
		}
	}
	return nil
}

// pageLines returns the lines of text of the page's body, leaving out
// navigation, sidebars, footers and comments. They are read once.
func pageLines(p *page) []string {
	if p.linesKnown {
		return p.lines
	}
	p.lines, p.linesKnown = readLines(p), true
	return p.lines
}

// readLines reads the lines pageLines returns.
func readLines(p *page) []string {
	body := p.doc.Find("body").First()
	if body.Length() == 0 {
		return nil
	}
	noise := map[*html.Node]bool{}
	body.Find(noiseSelector + `, footer, #footer, .footer`).Each(func(_ int, e *goquery.Selection) {
		noise[e.Get(0)] = true
	})
	var lines []string
	for _, par := range paragraphs(body.Get(0), func(n *html.Node) bool { return noise[n] }) {
		for _, l := range strings.Split(par, "\n") {
			if l = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " ")); l != "" {
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// guessedAuthors returns the person names of go-trafilatura's guess at
// the author, raw, which is weaker evidence than the page's own markup:
// it may be an address ("hessenschau.de, Frankfurt, Germany"), the site's
// domain written as a name ("Jungefreiheit De", "Ciphacipha Net"), an
// editor's initials ("IT Finanzmagazin; PP"), a byline it mangled (see
// asWritten) or a name seen only in readers' comments (see shownNames).
func guessedAuthors(p *page, raw, outlet string) []string {
	raw = strings.ReplaceAll(raw, ";", ",") // go-trafilatura's separator
	if head, _, ok := strings.Cut(raw, ","); ok && isSiteName(head, outlet, p.meta.SiteName, hostOf(p.url)) {
		return nil
	}
	var hosts []string
	for _, h := range []string{hostOf(p.url), strings.ToLower(outlet)} {
		if h = strings.TrimPrefix(h, "www."); h != "" {
			hosts = append(hosts, h, domainLabel(h))
		}
	}
	names := slices.DeleteFunc(cleanAuthors(raw, outlet, true), func(n string) bool {
		return endsWithDomain(n) || isInitials(n) && !newsAgencies[strings.ToLower(n)] || // "PTI" stays for onlyPersons
			slices.ContainsFunc(hosts, func(h string) bool { return writtenAsHost(n, h) })
	})
	return shownNames(p, asWritten(p, names, outlet), true)
}

// writtenAsHost reports whether a name is a host or its label written as
// a name ("Auto-Motor" for auto-motor.at, "Jungefreiheit De" for
// jungefreiheit.de), with the same words: a person's site is named
// after them ("Wolfgang Michal" on wolfgangmichal.de).
func writtenAsHost(name, host string) bool {
	dashed := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
	return dashed == host || strings.ReplaceAll(dashed, "-", ".") == host ||
		!strings.Contains(name, " ") && sameLetters(name, host)
}

// topLevelDomains are the endings of web addresses that go-trafilatura
// leaves as a name's last word: "Ciphacipha Net".
var topLevelDomains = map[string]bool{
	"com": true, "net": true, "org": true, "de": true, "at": true, "ch": true, "eu": true,
	"info": true, "io": true, "uk": true, "fr": true, "nl": true, "it": true, "es": true,
}

// endsWithDomain reports whether a name of two words or more ends with a
// top-level domain, as a web address written as a name does.
func endsWithDomain(n string) bool {
	w := strings.Fields(n)
	return len(w) >= 2 && topLevelDomains[strings.ToLower(w[len(w)-1])]
}

// rxBylineWord matches the word or label that introduces a name inside a
// line: "von", "by", "Author:".
var rxBylineWord = regexp.MustCompile(`(?i)(?:^|\s)(?:by|von|autor|author|auteur|par|por)\s*:?\s+`)

// asWritten returns the names of a go-trafilatura guess as the page's
// byline writes them. go-trafilatura drops digits and takes the next
// word in: "Author: Bo2man am 29.12.2010" becomes "Author Bo", "von lupa
// am ..." becomes "Lupa Am". The byline is the first short line where
// a byline word is followed by a word that starts like the guess; it is
// read again as a byline. The guess's first word must end there or
// before a digit. Without such a line the guess stays.
func asWritten(p *page, guess []string, site string) []string {
	if len(guess) != 1 {
		return guess
	}
	first, _, _ := strings.Cut(guess[0], " ")
	lf := strings.ToLower(first)
	for _, l := range pageLines(p) {
		if utf8.RuneCountInString(l) > 100 || !strings.Contains(strings.ToLower(l), lf) {
			continue
		}
		for _, m := range rxBylineWord.FindAllStringIndex(l, -1) {
			rest := l[m[1]:]
			if !strings.HasPrefix(strings.ToLower(rest), lf) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(rest[len(lf):]); unicode.IsLetter(r) {
				continue // "Jane" does not start "Janet"
			}
			if names := cleanAuthors(rest, site, false); len(names) == 1 && strings.HasPrefix(strings.ToLower(names[0]), lf) {
				return names
			}
		}
	}
	return guess
}

// leadLine returns the index of the line that starts like the article's
// first paragraph lead, or -1.
func leadLine(lines []string, lead string) int {
	want := normText(lead)
	if len(want) < 40 {
		return -1
	}
	want = want[:40]
	for i, l := range lines {
		// The first 120 bytes are enough to compare 40 normalised ones.
		if len(l) >= 40 && strings.HasPrefix(normText(l[:min(len(l), 120)]), want) {
			return i
		}
	}
	return -1
}

// nearByline returns the names of a byline close to the heading at line
// at: a line that starts with "By" or "Von" or says who wrote the article
// ("Geschrieben von Cooper am ..."), an author label followed by the
// name, or a date line that ends with a name, with "von" or "by" just
// under the heading ("06.11.2023 13:30 von Olga") or without anywhere
// near it.
func nearByline(lines []string, at int, site string) []string {
	from := max(0, at-3)
	near := lines[from:min(len(lines), at+30)]
	for i, l := range near {
		if utf8.RuneCountInString(l) > 100 {
			continue
		}
		for _, part := range lineParts(l) {
			if g := rxBareByline.FindStringSubmatch(part); g != nil {
				if names := lineNames(g[1]+g[2], site); len(names) > 0 {
					return names
				}
			}
			if g := rxLabelledByline.FindStringSubmatch(part); g != nil {
				if names := lineNames(g[1]+g[2]+g[3], site); len(names) > 0 {
					return names
				}
			}
			if from+i > at+3 {
				continue
			}
			if g := rxDatedByline.FindStringSubmatch(part); g != nil {
				if names := lineNames(g[len(g)-1], site); len(names) > 0 {
					return names
				}
			}
		}
		if rxAuthorLabelLine.MatchString(strings.TrimLeft(l, "-–—*•·|>~ ")) && i+1 < len(near) && utf8.RuneCountInString(near[i+1]) <= 60 {
			if names := fullNames(lineNames(namesAfterLabel(near, i+1), site)); len(names) > 0 {
				return names
			}
		}
		if from+i > at && from+i <= at+2 && i+1 < len(near) && isDateLine(near[i+1]) {
			// A name alone between the heading and the date: "Cara
			// Stiles |" over "April 13, 2020".
			if g := rxSignature.FindStringSubmatch(strings.TrimRight(l, " |•·")); g != nil {
				if names := lineNames(g[1], site); len(names) == 1 && names[0] == g[1] {
					return names
				}
			}
		}
		if parts := rxMetaSep.Split(l, -1); len(parts) > 1 && from+i <= at+5 && rxDatePart.MatchString(parts[0]) {
			rest := parts[1:]
			for len(rest) > 1 && rxDatePart.MatchString(rest[0]) {
				rest = rest[1:]
			}
			if len(rest) == 1 {
				if names := lineNames(rest[0], site); len(names) == 1 && strings.Contains(names[0], " ") {
					return names
				}
			}
		}
	}
	return nil
}

// namesAfterLabel returns the names that follow an author label, from
// line at on: that line, and the lines after it that a separator joins
// to it, as markup that puts each name in its own link leaves them ("By"
// over "Tariq Malik," over "Mike Wall", or "Matthew Digby" over "," over
// "Minh Do"). A line that no separator joins, such as the date, ends
// them.
func namesAfterLabel(lines []string, at int) string {
	parts := []string{lines[at]}
	joined := utf8.RuneCountInString(lines[at])
	for j := at + 1; j < len(lines) && len(parts) < 7; j++ {
		next := lines[j]
		joined += utf8.RuneCountInString(next)
		if joined > 100 || !(endsWithSeparator(parts[len(parts)-1]) || isSeparatorLine(next)) {
			break
		}
		parts = append(parts, next)
	}
	for len(parts) > 1 && isSeparatorLine(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1] // a separator before the date
	}
	return strings.Join(parts, " ")
}

// rxNameJoin matches a separator between names on its own line or at the
// end of one: ",", "&", "and", "und".
var rxNameJoin = regexp.MustCompile(`(?:,|(?:^|\s)(?:&|[Aa]nd|AND|und|et|y|e))$`)

// endsWithSeparator reports whether a line ends with a separator between
// names: "Tariq Malik,", "Jane Doe and".
func endsWithSeparator(l string) bool {
	return rxNameJoin.MatchString(strings.TrimSpace(l))
}

// isSeparatorLine reports whether a line is only a separator between
// names, or starts with one (", Minh Do").
func isSeparatorLine(l string) bool {
	l = strings.TrimSpace(l)
	return rxNameJoin.MatchString(l) && !strings.Contains(l, " ") || strings.HasPrefix(l, ",") || strings.HasPrefix(l, "& ")
}

// lineParts returns the forms of a page line worth reading as a byline:
// the line without the dashes or bullets that lead it ("---- by Jane
// Doe"), and each part of a line that strings several facts together
// ("yas! | By Cara Stiles | April 13, 2020", "05.02.2020 - Redaktion:
// Eberhard Fuhr").
func lineParts(l string) []string {
	l = strings.TrimLeft(l, "-–—*•·|>~ ")
	if !strings.ContainsAny(l, "|•·–—-") {
		return []string{l}
	}
	parts := rxMetaSep.Split(l, -1)
	if len(parts) == 1 {
		return parts
	}
	return append([]string{l}, parts...)
}

// fullNames returns names when each has two words or more, else nil: a
// line under an author label must hold full names.
func fullNames(names []string) []string {
	if slices.ContainsFunc(names, func(n string) bool { return !strings.Contains(n, " ") }) {
		return nil
	}
	return names
}

// lineNames returns the person names of a byline seen in the page, or nil
// when they look like words rather than names ("Von Risiken und
// Nebenwirkungen" gives two one-word "names") or like an outlet (one word
// in capitals).
func lineNames(raw, site string) []string {
	if w := strings.Fields(raw); len(w) == 1 && isAllCaps(w[0]) {
		return nil // "Ein Beitrag von PLASTVERARBEITER": an outlet
	}
	names := cleanAuthors(raw, site, true)
	if len(names) > 1 && slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, " ") }) {
		// "Peter Maahn/SP-X": an agency's code beside the names.
		names = slices.DeleteFunc(names, func(n string) bool { return !strings.Contains(n, " ") && isAllCaps(n) })
	}
	if len(names) > 1 && slices.ContainsFunc(names, func(n string) bool { return !strings.Contains(n, " ") }) {
		return nil
	}
	return names
}

// fuller reports whether the names a hold every name of b, some of them
// written out more fully or with more names besides ("Todd Bates" for
// "Todd"; "Rudolf Fischer, Simon Kohler" for "Rudolf Fischer").
func fuller(a, b []string) bool {
	for _, y := range b {
		fy := foldLetters(y)
		if !slices.ContainsFunc(a, func(x string) bool { return strings.HasPrefix(foldLetters(x), fy) }) {
			return false
		}
	}
	return len(b) > 0 && len(strings.Join(a, "")) > len(strings.Join(b, ""))
}

// agree reports whether two lists of names share a person, written alike
// or one in the other ("Rudolf Fischer" in "Rudolf Fischer, Simon
// Kohler", "Nils" in "Nils Pickert").
func agree(a, b []string) bool {
	for _, x := range a {
		fx := foldLetters(x)
		for _, y := range b {
			fy := foldLetters(y)
			if fx != "" && fy != "" && (strings.Contains(fx, fy) || strings.Contains(fy, fx)) {
				return true
			}
		}
	}
	return false
}

// rxCopyrightHolder matches a copyright notice that names a person: "© 2019
// Sven Schreivogel", "(c) Johannes Wolf • Weitere Rechte", "Copyright
// (c) 2012- Gregory Szorc. All rights reserved."
var rxCopyrightHolder = regexp.MustCompile(`(?i)^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?,?\s*)?(?:by\s+)?` +
	`(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’-]+){1,2})\s*(?:$|[.,•|·]|all\s+rights|alle\s+rechte)`)

// copyrightAuthor returns the person the copyright notice at the end of
// a page names, outside figures and their captions (a photographer's
// credit), or nil. On a personal site the holder is the author; it is
// the last resort.
func copyrightAuthor(p *page, site string) []string {
	body := p.doc.Find("body").First()
	if body.Length() == 0 {
		return nil
	}
	skip := map[*html.Node]bool{}
	body.Find(`figure, figcaption, [class*="caption"], [class*="credit"], picture`).Each(func(_ int, e *goquery.Selection) {
		skip[e.Get(0)] = true
	})
	var lines []string
	for _, par := range paragraphs(body.Get(0), func(n *html.Node) bool { return skip[n] }) {
		lines = append(lines, strings.Split(par, "\n")...)
	}
	// The notice closes the page: its last third.
	var names []string
	for _, l := range lines[len(lines)*2/3:] {
		l = strings.TrimSpace(l)
		if len(l) > 200 || !strings.ContainsAny(l, "©(cC") {
			continue
		}
		if g := rxCopyrightHolder.FindStringSubmatch(l); g != nil {
			if n := fullNames(lineNames(g[1], site)); len(n) == 1 {
				names = n
			}
		}
	}
	return slices.DeleteFunc(names, func(n string) bool { return isSiteName(n, site, p.meta.SiteName, hostOf(p.url)) })
}
