package extract

import (
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/clippings/clippings/corpus"
)

// singleProvenance names, for an article read from a single page, the
// source that agrees with each field as decided: the first, in the order
// of the page's own declarations (JSON-LD, microdata, Open Graph and meta
// tags) and then what it shows (its <h1>, <time> elements, its address,
// its <title>), that gives the same value; "text" when only the text
// does. The weighing that chose each value is in title.go, htmldates.go
// and htmlbyline.go; this records which evidence it agrees with.
func (x *Extractor) singleProvenance(p *page, a corpus.Article) map[string]string {
	prov := map[string]string{}
	m := p.meta
	if a.Title != "" {
		switch {
		case m.LD.Headline != "" && sameText(m.LD.Headline, a.Title):
			prov["title"] = "json-ld"
		case m.OGTitle != "" && (sameText(m.OGTitle, a.Title) || sameText(stripSite(m.OGTitle, p.site), a.Title)):
			prov["title"] = "og"
		case m.MetaTitle != "" && sameText(m.MetaTitle, a.Title):
			prov["title"] = "meta"
		case p.hasHeading("h1", a.Title):
			prov["title"] = "h1"
		case p.hasHeading("h2, h3, h4", a.Title):
			prov["title"] = "heading"
		case m.TitleTag != "" && containsText(m.TitleTag, a.Title):
			prov["title"] = "title-tag"
		default:
			prov["title"] = "text"
		}
	}
	if !a.Date.IsZero() {
		day := a.Date.String()
		same := func(v string) bool {
			d := x.dates.parseIn(v, p.language())
			return !d.IsZero() && strings.HasPrefix(d.String(), day)
		}
		switch {
		case m.LD.Published != "" && same(m.LD.Published):
			prov["date"] = "json-ld"
		case m.Published != "" && same(m.Published):
			prov["date"] = "meta"
		case x.timeElementDate(p.doc.Selection, p.language()).String() == day:
			prov["date"] = "time"
		case urlDay(p.url).String() == day || urlMonth(p.url).String() == day:
			prov["date"] = "permalink"
		default:
			prov["date"] = "text"
		}
	}
	if len(a.Authors) > 0 {
		has := func(names []string) bool {
			return slices.ContainsFunc(names, func(n string) bool { return sameText(n, a.Authors[0]) })
		}
		switch {
		case has(m.LD.Authors):
			prov["authors"] = "json-ld"
		case has(m.MetaAuthor) || has(m.ArtAuthor):
			prov["authors"] = "meta"
		default:
			prov["authors"] = "byline"
		}
	}
	return prov
}

// hasHeading reports whether one of the page's headings matched by sel
// shows the text t.
func (p *page) hasHeading(sel, t string) bool {
	found := false
	p.doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		found = sameText(shownTextOf(s.Nodes[0]), t)
		return !found
	})
	return found
}
