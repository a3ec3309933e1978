package web

import (
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLayout checks the article page and the search page at 1400
// and 390 pixels wide: on a wide screen the article's text is a reading
// column with its facts beside it; on a phone the facts follow the text,
// the facets open from a Filters button above the results, and there are
// no keyboard hints.
func TestBrowserLayout(t *testing.T) {
	ctx, stop := newBrowser(t)
	defer stop()
	articles := storeArticles()
	srv := newStoreServer(t, articles)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b := browser{t, ctx}
	b.must("start", chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	box := func(sel string) []float64 {
		return evalJS[[]float64](b, `(() => { const e = document.querySelector("`+sel+`"); if (!e) return [0,0,0,0]; const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	}
	article := "/articles/" + articles[5].ID

	b.run("wide article", chromedp.EmulateViewport(1400, 900), chromedp.Navigate(ts.URL+article), chromedp.WaitVisible(chromedp.CSS(".article-side")))
	main, side := box(".article-main"), box(".article-side")
	if side[0] < main[0]+main[2] || side[1] > main[1]+200 || main[2] > 700 {
		t.Errorf("1400 px: text %v, facts %v: want a reading column with the facts beside it", main, side)
	}
	b.screenshot("article-1400.png")
	b.run("wide search", chromedp.Navigate(ts.URL+"/?q=oil"), chromedp.WaitVisible(chromedp.CSS(".facets")))
	if box(".filters-open")[2] != 0 || box(".keys")[2] == 0 {
		t.Error("1400 px: a Filters button, or no keyboard hints")
	}

	b.run("narrow article", chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+article), chromedp.WaitVisible(chromedp.CSS(".article-side")))
	main, side = box(".article-main"), box(".article-side")
	if side[1] < main[1]+main[3] || main[2] > 390 {
		t.Errorf("390 px: text %v, facts %v: want the facts after the text", main, side)
	}
	b.screenshot("article-390.png")
	b.run("narrow search", chromedp.Navigate(ts.URL+"/?q=oil"), chromedp.WaitVisible(chromedp.CSS(".filters-open a")))
	if box(".facets")[2] != 0 || box(".keys")[2] != 0 {
		t.Error("390 px: facets shown before asking, or keyboard hints")
	}
	if f, r := box(".filters-open"), box(".results"); f[1] > r[1] {
		t.Errorf("390 px: the Filters button %v is not above the results %v", f, r)
	}
	if w := evalJS[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("390 px: the page is %d px wide", w)
	}
	b.screenshot("search-390.png")
	b.run("open the filters", chromedp.Click(chromedp.CSS(".filters-open a")), chromedp.WaitVisible(chromedp.CSS(".facets .facet")))
	if fb := box(".facets"); fb[2] < 300 {
		t.Errorf("390 px: open facets %v", fb)
	}
	b.screenshot("search-390-filters.png")
}
