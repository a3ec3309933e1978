package web

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
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

// TestBrowser drives the search page in headless Chromium, without any
// page script: search, follow a facet, page through, open an article.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromePath()
	if chrome == "" {
		t.Skip("no Chromium: set CHROME_PATH or install /usr/bin/chromium")
	}
	fb := newFakeBackend()
	ts := httptest.NewServer(New(fb, Options{Logger: slog.New(slog.DiscardHandler)}))
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
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
	defer cancelAlloc()
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	defer cancelBrowser()

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must("text of "+sel, err)
		return strings.Join(strings.Fields(s), " ")
	}
	count := func(sel string) int {
		t.Helper()
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(sel)))
		must("count "+sel, err)
		return len(nodes)
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		must("location", err)
		return loc
	}
	// follow clicks and waits for the page it leads to.
	follow := func(sel string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
		must("click "+sel, err)
	}
	screenshot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 means PNG
		must("screenshot", err)
		path := filepath.Join(artifactDir(t), name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}

	// Type a query and submit the form.
	must("open the search page", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "oil"),
	))
	follow(`form.search button[type="submit"]`)
	if loc := location(); !strings.Contains(loc, "q=oil") {
		t.Errorf("after submitting, location = %q", loc)
	}
	if n, summary := count("li.hit"), text(".summary"); n != 3 || !strings.HasPrefix(summary, "3 articles") {
		t.Errorf("oil: %d hits, summary %q; want 3", n, summary)
	}
	screenshot("search-results.png")

	// Click a facet value: the URL gains the filter, the hits narrow.
	follow(`.facet-topic li:first-child a`)
	if loc := location(); !strings.Contains(loc, "topic=crude") || !strings.Contains(loc, "q=oil") {
		t.Errorf("after the facet click, location = %q", loc)
	}
	if sel, n, summary := text(".facet-topic a.on .v"), count("li.hit"), text(".summary"); sel != "crude" || n != 2 || !strings.HasPrefix(summary, "2 articles") {
		t.Errorf("after the facet click: selected %q, %d hits, summary %q", sel, n, summary)
	}
	if req, _ := fb.lastRequest(); req.Query != "oil" || len(req.Filters.Topic) != 1 || req.Filters.Topic[0] != "crude" {
		t.Errorf("backend got %+v", req)
	}

	// Remove it again with its chip.
	follow(`.active a.chip`)
	if loc, n := location(), count("li.hit"); strings.Contains(loc, "topic=") || n != 3 {
		t.Errorf("after removing the filter: location %q, %d hits", loc, n)
	}

	// Page through two at a time.
	must("two per page", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?q=oil&size=2")))
	follow(`.pager a[rel="next"]`)
	if loc, where, n := location(), text(".pager .where"), count("li.hit"); !strings.Contains(loc, "page=2") || !strings.Contains(loc, "size=2") || where != "Page 2 of 2" || n != 1 {
		t.Errorf("page 2: location %q, %q, %d hits", loc, where, n)
	}
	screenshot("search-page-2.png")
	follow(`.pager a[rel="prev"]`)
	if where := text(".pager .where"); where != "Page 1 of 2" {
		t.Errorf("back on page 1: %q", where)
	}

	// A query that cannot run keeps the form and says why.
	must("bad query", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?q=%22oil+prices&topic=crude")))
	if msg := text(".notice-error"); !strings.Contains(msg, "unclosed quote") {
		t.Errorf("bad query message = %q", msg)
	}
	screenshot("bad-query.png")

	// Open the first hit.
	must("back to oil", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?q=oil")))
	title := text("li.hit h2 a")
	follow("li.hit h2 a")
	if loc, h1, body := location(), text("article.article h1"), text("article.article .body"); !strings.Contains(loc, "/articles/") || h1 != title || !strings.Contains(body, "oil") {
		t.Errorf("article page: location %q, h1 %q (want %q), body %q", loc, h1, title, body)
	}
	screenshot("article.png")

	// The same results on a phone-sized screen, for a look.
	must("narrow window", chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(ts.URL+"/?q=oil&topic=crude"),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
	))
	screenshot("search-results-narrow.png")
}
