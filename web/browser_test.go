package web

import (
	"context"
	"encoding/csv"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromePath returns the Chromium to drive, from $CHROME_PATH or the
// usual place, or "" when there is none.
func chromePath() string {
	for _, p := range []string{os.Getenv("CHROME_PATH"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// artifactDir is where screenshots go: $CLIPPINGS_ARTIFACTS if set, a
// temporary folder otherwise.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("CLIPPINGS_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// newBrowser starts headless Chromium for a test, or skips it when there
// is none (or in -short mode).
func newBrowser(t *testing.T) (context.Context, func()) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromePath()
	if chrome == "" {
		t.Skip("no Chromium: set CHROME_PATH or install /usr/bin/chromium")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	return ctx, func() { cancelBrowser(); cancelAlloc(); cancel() }
}

// browser wraps the chromedp calls of a test, failing it on any error.
type browser struct {
	t   *testing.T
	ctx context.Context
}

func (b browser) must(step string, err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

func (b browser) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	b.must(step, chromedp.Do(ctx, actions...))
}

// stepTimeout bounds each wait for an element.
const stepTimeout = 15 * time.Second

func (b browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	b.must("text of "+sel, err)
	return strings.Join(strings.Fields(s), " ")
}

func (b browser) count(sel string) int {
	b.t.Helper()
	return evalJS[int](b, `document.querySelectorAll(`+strconv.Quote(sel)+`).length`)
}

// evalJS evaluates a JavaScript expression in the page, waiting for a
// promise, and returns its value.
func evalJS[T any](b browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	b.must("evaluate "+js, err)
	return v
}

func (b browser) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	b.must("location", err)
	return loc
}

// load runs action and waits for the page load it causes.
func (b browser) load(step string, action chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, action))
	b.must(step, err)
}

// history goes back or forward and waits until the location changes
// (the page may come from the back/forward cache, without a load event).
func (b browser) history(step, js string) {
	b.t.Helper()
	before := b.location()
	evalJS[bool](b, js+"; true")
	deadline := time.Now().Add(stepTimeout)
	for b.location() == before {
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: still at %s", step, before)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for evalJS[string](b, "document.readyState") != "complete" {
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: the page does not load", step)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// follow clicks and waits for the page it leads to.
func (b browser) follow(sel string) {
	b.t.Helper()
	b.load("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

func (b browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100 means PNG
	b.must("screenshot", err)
	path := filepath.Join(artifactDir(b.t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// TestBrowser drives the search page in headless Chromium on a real
// index: type a query, pick two facet values, check counts and
// highlights, follow a timeline bar, brush a span, open an article,
// export CSV, go back and forward; and checks that markup from articles
// never runs.
func TestBrowser(t *testing.T) {
	ctx, stop := newBrowser(t)
	defer stop()
	srv := newStoreServer(t, storeArticles())
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b := browser{t, ctx}

	// Any script from an article would open a dialog or set the title.
	var dialogs atomic.Int32
	// The first call starts the browser: it must not have a timeout.
	b.must("start", chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	events := chromedp.Events(ctx, cdppage.JavascriptDialogOpening)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	pwned := func(where string) {
		t.Helper()
		title, err := chromedp.Run(ctx, chromedp.Title())
		b.must("title", err)
		if title == "pwned" || dialogs.Load() > 0 {
			t.Errorf("%s: markup from an article ran (title %q, %d dialogs)", where, title, dialogs.Load())
		}
	}
	// apiTotal is the total the JSON API gives for the same search.
	apiTotal := func(params string) int {
		t.Helper()
		return evalJS[int](b, `fetch("/api/v1/search?`+params+`").then(r => r.json()).then(j => j.total)`)
	}
	summaryTotal := func() int {
		t.Helper()
		s := b.text(".summary")
		s = strings.TrimSpace(strings.Split(s, "article")[0])
		if i := strings.LastIndex(s, " of "); i >= 0 {
			s = s[i+4:]
		}
		n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil {
			t.Fatalf("summary %q: %v", b.text(".summary"), err)
		}
		return n
	}

	// Type a query and submit the form.
	b.run("open the search page",
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	// "/" focuses the search box (the page script).
	b.run("slash", chromedp.KeyEvent("/"))
	if focused := evalJS[string](b, `document.activeElement.id`); focused != "q" {
		t.Errorf("after pressing /, the focus is on %q", focused)
	}
	// (DevTools' synthetic char event types the slash in any case.)
	evalJS[string](b, `document.getElementById("q").value = ""`)
	b.run("type", chromedp.SendKeys(chromedp.ID("q"), "oil"))
	b.follow(`form.search button[type="submit"]`)
	pwned("results")
	if loc := b.location(); !strings.HasSuffix(loc, "/?q=oil") {
		t.Errorf("after submitting, location = %q, want only q (empty fields left out)", loc)
	}
	if n, want := summaryTotal(), apiTotal("q=oil"); n != want || b.count("li.hit") != min(want, 10) {
		t.Errorf("oil: summary %d, %d hits; the API says %d", n, b.count("li.hit"), want)
	}
	// Highlights: every mark in the snippets is the word searched.
	marks := evalJS[[]string](b, `Array.from(document.querySelectorAll(".snippet mark")).map(m => m.textContent.toLowerCase())`)
	if len(marks) < 3 {
		t.Errorf("only %d marks in the snippets", len(marks))
	}
	for _, m := range marks {
		if m != "oil" {
			t.Errorf("mark %q in a snippet of q=oil", m)
		}
	}
	b.screenshot("search-results.png")

	// Pick two countries: disjunctive counts keep the second one listed
	// with its count, and the total is what the API gives for both.
	b.follow(`.facet-country a[href*="country=FR"]`)
	if loc := b.location(); !strings.Contains(loc, "country=FR") {
		t.Fatalf("after the first facet click, location = %q", loc)
	}
	first := summaryTotal()
	saCount := evalJS[int](b, `(() => { const a = document.querySelector('.facet-country a[href*="country=SA"] .n'); return a ? +a.textContent : -1 })()`)
	if saCount <= 0 {
		t.Fatalf("with France picked, Saudi Arabia is not listed with a count (%d)", saCount)
	}
	b.follow(`.facet-country a[href*="country=SA"]`)
	both := summaryTotal()
	if want := apiTotal("q=oil&country=FR&country=SA"); both != want || both != first+saCount {
		t.Errorf("France or Saudi Arabia: %d articles; the API says %d, France %d + Saudi Arabia %d", both, want, first, saCount)
	}
	if n := b.count(".facet-country a.on"); n != 2 {
		t.Errorf("%d countries marked as picked, want 2", n)
	}
	if n := b.count(".active a.chip"); n != 2 {
		t.Errorf("%d removable chips, want 2", n)
	}
	twoFacets := b.location()
	b.screenshot("search-two-facets.png")

	// Follow a timeline bar: its count is the new total.
	b.run("no filters", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".timeline svg")))
	barPeriod := evalJS[string](b, `(() => { const a = Array.from(document.querySelectorAll(".timeline a.bar")).find(a => !/: 0 /.test(a.getAttribute("aria-label"))); a.id = "pick"; return a.getAttribute("data-period") })()`)
	barCount := evalJS[int](b, `+document.getElementById("pick").getAttribute("aria-label").match(/: ([0-9]+) articles/)[1]`)
	b.load("click a bar", chromedp.Click(chromedp.ID("pick")))
	if loc := b.location(); !strings.Contains(loc, "from="+barPeriod) || !strings.Contains(loc, "to="+barPeriod) {
		t.Errorf("after the bar click, location = %q, want %s", loc, barPeriod)
	}
	if n := summaryTotal(); n != barCount {
		t.Errorf("bar %s says %d articles, the results %d", barPeriod, barCount, n)
	}

	// Brush: drag across the bars to pick a span.
	b.run("all again", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".timeline svg")))
	boxes := evalJS[[]float64](b, `(() => { const bs = document.querySelectorAll(".timeline a.bar rect.hit-area"); const f = bs[0].getBoundingClientRect(), l = bs[bs.length-1].getBoundingClientRect(); return [f.x + f.width/2, f.y + f.height/2, l.x + l.width/2, l.y + l.height/2] })()`)
	x0, y0, x1, y1 := boxes[0], boxes[1], boxes[2], boxes[3]
	held := func(p *input.DispatchMouseEventParams) { p.Buttons = 1 }
	drag := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x0, y0, chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for i := 1; i <= 5; i++ {
		drag = append(drag, chromedp.MouseEvent(chromedp.MouseMoved, x0+(x1-x0)*float64(i)/5, y1, chromedp.ButtonLeft, held))
	}
	drag = append(drag, chromedp.MouseEvent(chromedp.MouseReleased, x1, y1, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	b.load("brush", chromedp.Steps(drag...))
	if loc := b.location(); !strings.Contains(loc, "from=") || !strings.Contains(loc, "to=") {
		t.Errorf("after brushing, location = %q", loc)
	}

	// Keyboard: Tab from the syntax help reaches the timeline, one tab
	// stop; arrows move between bars, Shift+arrows stretch a span (which
	// fills the date boxes), Escape drops it, Enter or Space filters.
	bars := func() (periods []string, counts []int) {
		t.Helper()
		periods = evalJS[[]string](b, `Array.from(document.querySelectorAll(".timeline a.bar")).map(a => a.getAttribute("data-period"))`)
		counts = evalJS[[]int](b, `Array.from(document.querySelectorAll(".timeline a.bar")).map(a => +a.getAttribute("aria-label").match(/: ([0-9]+) articles/)[1])`)
		return periods, counts
	}
	focusedBar := func() int {
		t.Helper()
		return evalJS[int](b, `Array.from(document.querySelectorAll(".timeline a.bar")).indexOf(document.activeElement)`)
	}
	shift := chromedp.KeyModifiers(chromedp.ModifierShift)
	b.run("all, by keyboard", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".timeline svg")),
		chromedp.Focus(chromedp.CSS("details.help summary")), chromedp.KeyEvent(kb.Tab))
	periods, counts := bars()
	if i := focusedBar(); i != 0 {
		t.Fatalf("Tab from the syntax help: focus on bar %d (%s), want the first bar", i, evalJS[string](b, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	if n := b.count(`.timeline a.bar[tabindex="0"]`); n != 1 {
		t.Errorf("%d bars are tab stops, want 1", n)
	}
	start := slices.IndexFunc(counts, func(n int) bool { return n > 0 })
	if start < 0 || start+2 >= len(periods) {
		t.Fatalf("timeline %v %v: want a bar with articles and two after it", periods, counts)
	}
	for range start {
		b.run("arrow right", chromedp.KeyEvent(kb.ArrowRight))
	}
	if i := focusedBar(); i != start {
		t.Fatalf("after %d arrows, focus on bar %d", start, i)
	}
	// Escape drops a span: the date boxes are empty again.
	b.run("stretch and drop", chromedp.KeyEvent(kb.ArrowRight, shift), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.ArrowLeft))
	if n, from := b.count(".timeline a.bar.brush"), evalJS[string](b, `document.getElementById("from").value`); n != 0 || from != "" {
		t.Errorf("after Escape, %d bars in the span and from=%q", n, from)
	}
	b.run("stretch", chromedp.KeyEvent(kb.ArrowRight, shift), chromedp.KeyEvent(kb.ArrowRight, shift))
	lo, hi := periods[start], periods[start+2]
	if n := b.count(".timeline a.bar.brush"); n != 3 {
		t.Errorf("after two Shift+arrows, %d bars in the span, want 3", n)
	}
	if from, to := evalJS[string](b, `document.getElementById("from").value`), evalJS[string](b, `document.getElementById("to").value`); from != lo || to != hi {
		t.Errorf("the span fills the date boxes with %q to %q, want %s to %s", from, to, lo, hi)
	}
	b.screenshot("timeline-keyboard-span.png")
	b.load("enter", chromedp.KeyEvent(kb.Enter))
	if loc := b.location(); !strings.HasSuffix(loc, "/?from="+lo+"&to="+hi) {
		t.Errorf("after Enter on a span, location = %q, want from=%s&to=%s", loc, lo, hi)
	}
	spanTotal := counts[start] + counts[start+1] + counts[start+2]
	if n, want := summaryTotal(), apiTotal("from="+lo+"&to="+hi); n != spanTotal || n != want {
		t.Errorf("span %s to %s: %d articles; the bars say %d, the API %d", lo, hi, n, spanTotal, want)
	}
	// Space on one bar filters to its period.
	b.run("all, one bar by keyboard", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".timeline svg")),
		chromedp.Focus(chromedp.CSS("details.help summary")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.End))
	last := len(periods) - 1
	for counts[last] == 0 {
		b.run("arrow left", chromedp.KeyEvent(kb.ArrowLeft))
		last--
	}
	b.load("space", chromedp.KeyEvent(" "))
	if loc := b.location(); !strings.HasSuffix(loc, "/?from="+periods[last]+"&to="+periods[last]) {
		t.Errorf("after Space on bar %s, location = %q", periods[last], loc)
	}
	if n := summaryTotal(); n != counts[last] {
		t.Errorf("bar %s says %d articles, the results %d", periods[last], counts[last], n)
	}
	// The timeline now shows the chosen period: as its own bar, the tab
	// stop, or (the automatic interval following the articles) drilled
	// down into shorter periods within it.
	inside := evalJS[[]string](b, `Array.from(document.querySelectorAll(".timeline a.bar")).map(a => a.getAttribute("data-period"))`)
	if i := evalJS[int](b, `Array.from(document.querySelectorAll(".timeline a.bar")).findIndex(a => a.classList.contains("on") && a.getAttribute("tabindex") === "0")`); i < 0 && len(inside) > 0 {
		for _, p := range inside {
			if !strings.HasPrefix(p, periods[last]) {
				t.Errorf("after choosing %s the timeline shows %s, neither the chosen bar nor within it", periods[last], p)
			}
		}
	}

	// Back and forward walk the states.
	b.history("back", "history.back()")
	if loc := b.location(); loc != ts.URL+"/" {
		t.Errorf("back: location %q", loc)
	}
	b.run("to the two facets", chromedp.Navigate(twoFacets))
	b.history("back", "history.back()")
	b.history("forward", "history.forward()")
	if loc := b.location(); loc != twoFacets {
		t.Errorf("forward: location %q, want %q", loc, twoFacets)
	}

	// The facet filter box narrows the list.
	b.run("filter box", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".facet-topic .facet-filter")),
		chromedp.SendKeys(chromedp.CSS(".facet-topic .facet-filter"), "cru"))
	visible := evalJS[[]string](b, `Array.from(document.querySelectorAll(".facet-topic ul:not(.facet-suggest) li")).filter(li => !li.hidden).map(li => li.querySelector(".v").textContent)`)
	if len(visible) != 1 || visible[0] != "crude" {
		t.Errorf("topics shown after typing cru: %q", visible)
	}

	// Export CSV from the button: every article of the search, not a page.
	b.run("search for export", chromedp.Navigate(ts.URL+"/?q=oil&size=1"), chromedp.WaitVisible(chromedp.CSS(".export a")))
	csvText := evalJS[string](b, `fetch(document.querySelector(".export a").href).then(r => r.text())`)
	rows, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := apiTotal("q=oil"); len(rows) != want+1 || rows[0][0] != "id" {
		t.Errorf("CSV export: %d lines, want a header and %d articles", len(rows), want)
	}

	// Open the evil article from its hit: marked terms, escaped markup.
	b.run("evil", chromedp.Navigate(ts.URL+"/?q=oil&outlet=Evil+Times"), chromedp.WaitVisible(chromedp.CSS("li.hit")))
	pwned("results with markup")
	b.follow("li.hit h2 a")
	pwned("article with markup")
	if h1 := b.text("article.article h1"); !strings.Contains(h1, "<script>") {
		t.Errorf("the title's markup is not shown as text: %q", h1)
	}
	if n := b.count(".body mark"); n < 2 {
		t.Errorf("%d marks in the article body", n)
	}
	if n := b.count("article img"); n != 0 {
		t.Errorf("an <img> from the article body became an element")
	}

	// An ordinary article: more like this.
	b.run("open an article", chromedp.Navigate(ts.URL+"/?q=wheat"), chromedp.WaitVisible(chromedp.CSS("li.hit")))
	b.follow("li.hit h2 a")
	if b.count(".similar li") == 0 {
		t.Error("no similar articles")
	}
	b.screenshot("article.png")

	// An excerpt seen on two pages: marked, with where it was seen and the
	// evidence of each field; following the date's evidence finds it.
	merged := storeArticles()[5]
	b.run("open a merged excerpt", chromedp.Navigate(ts.URL+"/articles/"+merged.ID), chromedp.WaitVisible(chromedp.CSS(".provenance")))
	if got := b.text("header .excerpt-mark"); !strings.EqualFold(got, "Excerpt") {
		t.Errorf("excerpt mark %q", got)
	}
	if seen := evalJS[[]string](b, `Array.from(document.querySelectorAll(".seen-in li")).map(li => li.textContent)`); !slices.Equal(seen, merged.SeenIn) {
		t.Errorf("seen in %q, want %q", seen, merged.SeenIn)
	}
	if n := b.count(".provenance dt"); n != len(merged.Provenance) {
		t.Errorf("%d fields in the provenance, want %d", n, len(merged.Provenance))
	}
	// The sections are laid out by the style sheet, not hidden.
	if shown := evalJS[bool](b, `[".seen-in", ".provenance"].every(s => document.querySelector(s).getBoundingClientRect().height > 0)`); !shown {
		t.Error("seen in or provenance is not shown")
	}
	b.screenshot("article-merged.png")
	b.follow(`.provenance dt:nth-of-type(2) + dd a`)
	if loc := b.location(); !strings.Contains(loc, "provenance.date") {
		t.Errorf("after the date's evidence, location %q", loc)
	}
	if n := summaryTotal(); n != 1 || b.count(`li.hit h2 a[href^="/articles/`+merged.ID+`"]`) != 1 {
		t.Errorf("the date's evidence finds %d articles, not the article itself", n)
	}

	// The same results on a phone-sized screen, for a look.
	b.run("narrow window",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(ts.URL+"/?q=oil&topic=crude"),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
	)
	b.screenshot("search-results-narrow.png")
}
