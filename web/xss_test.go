package web

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// xssPayloads each call __xss(n) if they ever run: script elements, event
// handlers, javascript: URLs, markup that breaks out of attributes,
// titles and text areas, template syntax, escapes that a second decoding
// would turn into markup, and mutation XSS.
var xssPayloads = []string{
	`<script>__xss(1)</script>`,
	`<img src=x onerror=__xss(2)>`,
	`"><svg onload=__xss(3)>`,
	`'><body onload=__xss(4)>`,
	`javascript:__xss(5)`,
	`</title><script>__xss(6)</script>`,
	`<iframe srcdoc="<script>parent.__xss(7)</script>"></iframe>`,
	`{{__xss(8)}}`,
	`<a href="javascript:__xss(9)">x</a>`,
	`<mark onmouseover=__xss(10) style="display:block;width:9999px;height:9999px">`,
	`\u003cscript\u003e__xss(11)\u003c/script\u003e`,
	`</textarea><script>__xss(12)</script>`,
	`<base href="javascript:__xss(13)//">`,
	`<meta http-equiv="refresh" content="0;url=javascript:__xss(14)">`,
	`" onfocus=__xss(15) autofocus x="`,
	`<math><mtext><table><mglyph><style><img src=x onerror=__xss(16)>`,
	`&lt;script&gt;__xss(17)&lt;/script&gt;`,
	`<noscript><p title="</noscript><img src=x onerror=__xss(18)>">`,
	`%3Cscript%3E__xss(19)%3C/script%3E`,
	`<details open ontoggle=__xss(20)>`,
	`<svg><animate onbegin=__xss(21) attributeName=x dur=1s>`,
	`<input autofocus onfocus=__xss(22)>`,
}

// xssArticles returns one article per payload, with the payload in every
// field, facets included.
func xssArticles() []corpus.Article {
	var out []corpus.Article
	for i, p := range xssPayloads {
		v := "Oil " + p
		out = append(out, article(fmt.Sprintf("xss/%d.html#1", i), corpus.Article{
			Title: v, Subtitle: v, Lead: v + " lead.", Body: "Oil body. " + v + "\n\nSecond paragraph " + v,
			Note: v, Outlet: v, Authors: []string{v}, Date: day(2021, 1, 1+i), Section: v, Tags: []string{v},
			People: []string{v}, Places: []string{v}, Countries: []string{"X" + p}, Topics: []string{v},
			Language: p, URL: p, Mentions: []string{v},
		}))
	}
	return out
}

// TestXSS loads every page of the site with the XSS corpus in Chromium:
// the search page with each payload as the query and as a value of every
// filter, every facet listed at length, every article page with each
// payload as the query it marks, and the error pages; and counts the
// payloads that ran. It fails on any, and on a javascript: link.
func TestXSS(t *testing.T) {
	ctx, stop := newBrowser(t)
	defer stop()
	srv := newStoreServer(t, append(sampleArticles(), xssArticles()...))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b := browser{t, ctx}
	b.must("start", chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	// Before any page script: the hook the payloads call, and a count of
	// the markup that the Content-Security-Policy had to block.
	_, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__xssRan = [];
			window.__xss = n => window.__xssRan.push(n);
			window.__csp = 0;
			document.addEventListener("securitypolicyviolation", () => window.__csp++);`,
	})
	b.must("install the hook", err)

	var pages []string
	add := func(path string, v url.Values) {
		if len(v) > 0 {
			path += "?" + v.Encode()
		}
		pages = append(pages, path)
	}
	filters := []string{"outlet", "country", "topic", "person", "place", "author"}
	for i, p := range xssPayloads {
		add("/", url.Values{"q": {p}})
		add("/", url.Values{"q": {`"` + p}}) // an error page quoting the query
		// Each filter gets every payload once, and each payload two
		// filters.
		for _, f := range []string{filters[i%6], filters[(i+3)%6]} {
			add("/", url.Values{"q": {"oil"}, f: {"Oil " + p}})
		}
		add("/articles/"+url.PathEscape(p), nil) // not found
		add("/"+url.PathEscape(p), nil)
	}
	for _, f := range search.FacetNames {
		add("/", url.Values{"q": {"oil"}, "more": {f}})
		add("/", url.Values{"more": {f}})
	}
	for _, a := range xssArticles() {
		for _, p := range []string{"", "oil", xssPayloads[len(a.ID)%len(xssPayloads)]} {
			add("/articles/"+url.PathEscape(a.ID), url.Values{"q": {p}})
		}
	}

	start := time.Now()
	ran, blocked, jsLinks := 0, 0, 0
	for _, p := range pages {
		b.run("load "+p, chromedp.Navigate(ts.URL+p))
		// Give onload, ontoggle, autofocus and animations their chance.
		time.Sleep(20 * time.Millisecond)
		if !evalJS[bool](b, `typeof window.__xss == "function"`) {
			t.Fatalf("%s: the hook the payloads call is missing", p)
		}
		got := evalJS[[]int](b, `window.__xssRan || []`)
		if len(got) > 0 {
			ran += len(got)
			t.Errorf("%s: payloads %v ran", p, got)
		}
		blocked += evalJS[int](b, `window.__csp || 0`)
		if n := b.count(`a[href^="javascript:" i], [src^="javascript:" i]`); n > 0 {
			jsLinks += n
			t.Errorf("%s: %d javascript: links", p, n)
		}
	}
	t.Logf("XSS corpus: %d payloads in every field of %d articles; %d pages loaded in Chromium in %v; "+
		"payloads run: %d; blocked by the Content-Security-Policy: %d; javascript: links: %d",
		len(xssPayloads), len(xssPayloads), len(pages), time.Since(start).Round(time.Second), ran, blocked, jsLinks)
}
