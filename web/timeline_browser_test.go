package web

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/clippings/clippings/corpus"
)

// TestBrowserTimeline checks in Chromium that the timeline reads: labels
// under the axis at ticks, empty periods drawn as empty slots, a visible
// bar when every hit falls in one period, a choice of interval that
// changes the bars, and one stray article that does not squeeze the rest
// into one bar.
func TestBrowserTimeline(t *testing.T) {
	ctx, stop := newBrowser(t)
	defer stop()
	var articles []corpus.Article
	for i := range 150 {
		// Every other week from January to May 1987: gaps.
		articles = append(articles, article(fmt.Sprintf("wire/reut-%03d.sgm#1", i), corpus.Article{
			Title: "Crude oil prices", Outlet: "Reuters", Body: "Crude oil prices rose.",
			Date: day(1987, 1, 5+(i/15)*14), // 15 articles every other Monday
		}))
	}
	articles = append(articles, article("README.txt#1", corpus.Article{Title: "Reuters-21578 readme", Body: "About the files.", Date: day(1997, 6, 1)}))
	srv := newStoreServer(t, articles)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b := browser{t, ctx}
	b.must("start", chromedp.Do(ctx, chromedp.Navigate("about:blank")))

	b.run("all", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".timeline svg")))
	unit := evalJS[string](b, `document.getElementById("timeline-caption").textContent`)
	if !strings.Contains(unit, "Articles per week") || !strings.Contains(unit, "1 more outside this span") {
		t.Errorf("caption %q: want weeks, with the 1997 stray left out", unit)
	}
	ticks := evalJS[[]string](b, `Array.from(document.querySelectorAll(".timeline .axis span")).map(s => s.textContent).filter(s => s)`)
	if len(ticks) < 3 || len(ticks) > 10 || ticks[0] != "Jan 1987" {
		t.Errorf("axis ticks %q", ticks)
	}
	// The labels are on screen, under the chart, and do not overlap.
	overlap := evalJS[bool](b, `(() => { const r = Array.from(document.querySelectorAll(".timeline .axis span")).filter(s => s.textContent).map(s => { const g = document.createRange(); g.selectNodeContents(s); return g.getBoundingClientRect(); }); return r.some((a, i) => i > 0 && a.left < r[i-1].right); })()`)
	if overlap {
		t.Error("axis labels overlap")
	}
	if n := b.count(".timeline a.bar.empty line.slot"); n == 0 {
		t.Error("no empty period drawn as an empty slot")
	}
	b.screenshot("timeline-weeks.png")

	// Choose years: every year from 1987 to 1997.
	b.follow(`.timeline .intervals a[href*="interval=year"]`)
	if n := b.count(".timeline a.bar"); n != 11 {
		t.Errorf("by year: %d bars, want 11 (1987 to 1997)", n)
	}
	b.screenshot("timeline-years.png")

	// All hits in one period: one bar, visible.
	b.run("one day", chromedp.Navigate(ts.URL+"/?from=1987-01-05&to=1987-01-05"), chromedp.WaitVisible(chromedp.CSS(".timeline svg")))
	box := evalJS[[]float64](b, `(() => { const r = document.querySelector(".timeline a.bar rect:not(.hit-area)").getBoundingClientRect(); return [r.width, r.height]; })()`)
	if b.count(".timeline a.bar") != 1 || box[0] < 5 || box[1] < 20 {
		t.Errorf("one period: %d bars, drawn %v", b.count(".timeline a.bar"), box)
	}
	b.screenshot("timeline-one-bar.png")
}
