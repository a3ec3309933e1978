package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// This file finds who wrote a page: metadata first, then byline markup.

// pageAuthors returns the authors a page names: JSON-LD, then author meta
// tags, then article:author, then byline elements.
func (x *Extractor) pageAuthors(p *page, site string) []string {
	m := p.meta
	host := hostOf(p.url)
	for _, src := range [][]string{m.LD.Authors, m.MetaAuthor, m.ArtAuthor} {
		var names []string
		for _, raw := range src {
			names = append(names, cleanAuthors(raw, site, false)...)
		}
		if names = notSite(names, host); len(names) > 0 {
			return names
		}
	}
	return notSite(bylineAuthors(p.doc.Selection, site), host)
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
