package web

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/clippings/clippings/corpus"
)

// facetArticles are articles about many countries, one more for each
// country down the list, so that the country facet has more than ten
// values and Kuwait is the last of them.
func facetArticles() []corpus.Article {
	codes := []string{"US", "GB", "FR", "DE", "JP", "CN", "RU", "IN", "BR", "CA", "IT", "ES", "KW"}
	var out []corpus.Article
	for i, c := range codes {
		for j := range len(codes) - i {
			out = append(out, article(fmt.Sprintf("wire/%s-%d.txt#1", c, j), corpus.Article{
				Title: "Oil and trade", Outlet: "Wire", Body: "Oil and trade news.", Countries: []string{c},
				Authors: []string{"Ann Writer"}, Section: "World", Language: "en", Date: day(1987, 3, 1+j),
			}))
		}
	}
	return out
}

// TestFacetLookupInResults: the facet lookup finds countries by name and
// code, over the whole index or the results of a search; the source's
// codes go by the descriptions it gives of them, in the API, the facet
// lists, the filter chips and on the article page.
func TestFacetLookupInResults(t *testing.T) {
	srv := newStoreServer(t, facetArticles())
	lookup := func(u string) []FacetValueResponse {
		t.Helper()
		var res FacetLookupResponse
		rec := get(t, srv, u)
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 {
			t.Fatalf("%s: %d %s", u, rec.Code, rec.Body)
		}
		return res.Values
	}
	if got := lookup("/api/v1/facets/country?prefix=kuw"); len(got) != 1 || got[0] != (FacetValueResponse{Value: "KW", Label: "Kuwait", Count: 1}) {
		t.Errorf("kuw in the index: %+v", got)
	}
	if got := lookup("/api/v1/facets/country?prefix=ger&q=trade"); len(got) != 1 || got[0].Value != "DE" || got[0].Count != 10 {
		t.Errorf("ger in the results of trade: %+v", got)
	}
	if got := lookup("/api/v1/facets/country?prefix=kuw&q=trade&from=1987-03-05"); len(got) != 0 {
		t.Errorf("kuw in results without Kuwait: %+v", got)
	}
	// A selected country beyond the first ten is listed with its count.
	doc := parseHTML(t, get(t, srv, "/?country=Kuwait"))
	on := doc.Find(".facet-country a.on")
	if on.Length() != 1 || on.Find(".v").Text() != "Kuwait" || on.Find(".n").Text() != "1" || on.Find(".x").Text() != "×" {
		t.Errorf("selected Kuwait: %q", squash(on.Text()))
	}
	// The author, place, section and language facets, collapsed.
	var collapsed []string
	doc.Find("details.facet").Each(func(_ int, s *goquery.Selection) {
		collapsed = append(collapsed, s.AttrOr("data-facet", ""))
	})
	if !slices.Equal(collapsed, []string{"author", "section", "language"}) {
		t.Errorf("collapsed facets %q (no places in these articles)", collapsed)
	}
	doc = parseHTML(t, get(t, srv, "/?section=world"))
	if doc.Find("details.facet-section").Length() != 0 || doc.Find("section.facet-section a.on .v").Text() != "World" {
		t.Error("a facet with a selected value is not collapsed")
	}

	// Newswire codes are tags, not topics, and go by their descriptions.
	wire := []corpus.Article{
		article("reut2-000.sgm#5", corpus.Article{Title: "Dollar falls in Tokyo", Outlet: "Reuters", Body: "The dollar fell.",
			Tags: []string{"money-fx", "dlr"}, Topics: []string{"economy, business and finance"}, Date: day(1987, 3, 2)}),
		article("reut2-000.sgm#6", corpus.Article{Title: "Bundesbank holds rates", Outlet: "Reuters", Body: "Rates held.",
			Tags: []string{"money-fx", "interest"}, Topics: []string{"economy, business and finance"}, Date: day(1987, 3, 3)}),
		article("reut2-000.sgm#7", corpus.Article{Title: "Cocoa review", Outlet: "Reuters", Body: "Showers continued.",
			Tags: []string{"cocoa"}, Date: day(1987, 3, 4)}),
	}
	srv = newLabelledStoreServer(t, wire, corpus.Labels{"money-fx": "Money/Foreign Exchange", "dlr": "U.S. Dollar", "interest": "Interest Rates"})
	var res SearchResponse
	if rec := get(t, srv, "/api/v1/search?tag=money-fx"); json.Unmarshal(rec.Body.Bytes(), &res) != nil || res.Total != 2 {
		t.Fatalf("tag=money-fx: %s", rec.Body)
	}
	if got := res.Facets["tag"]; len(got) == 0 || got[0] != (FacetValueResponse{Value: "money-fx", Label: "Money/Foreign Exchange", Count: 2}) ||
		!slices.Contains(got, FacetValueResponse{Value: "cocoa", Count: 1}) {
		t.Errorf("tag facet %+v: want money-fx with its description, cocoa without one", got)
	}
	if got := res.Facets["topic"]; len(got) != 1 || got[0].Value != "economy, business and finance" || got[0].Label != "" {
		t.Errorf("topic facet %+v: want the taxonomy topic only", got)
	}
	if got := lookup("/api/v1/facets/tag?prefix=foreign"); len(got) != 1 || got[0] != (FacetValueResponse{Value: "money-fx", Label: "Money/Foreign Exchange", Count: 2}) {
		t.Errorf("foreign in the tags: %+v", got)
	}
	if got := lookup("/api/v1/facets/tag?prefix=dollar&q=dollar"); len(got) != 1 || got[0].Value != "dlr" || got[0].Label != "U.S. Dollar" {
		t.Errorf("dollar in the tags of the results of dollar: %+v", got)
	}
	doc = parseHTML(t, get(t, srv, "/?tag=money-fx"))
	on = doc.Find(".facet-tag a.on")
	if on.Find(".v").Text() != "Money/Foreign Exchange" || on.Find(".code").Text() != "money-fx" {
		t.Errorf("selected tag %q: want the description, then the code", squash(on.Text()))
	}
	if got := doc.Find(".active a.chip").Text(); !strings.Contains(got, "Money/Foreign Exchange (money-fx)") {
		t.Errorf("active filter chip %q", got)
	}
	doc = parseHTML(t, get(t, srv, "/articles/"+wire[0].ID))
	tags := map[string]string{}
	doc.Find("dt:contains('Tags') + dd a.chip").Each(func(_ int, s *goquery.Selection) { tags[s.Text()] = s.AttrOr("href", "") })
	if tags["Money/Foreign Exchange (money-fx)"] != "/?q=tag%3A%22money-fx%22" || tags["U.S. Dollar (dlr)"] == "" {
		t.Errorf("tag chips of the article page %q", tags)
	}
}

// TestBrowserFacetFilter: typing in a facet's filter box finds values of
// the results beyond those listed, by name ("kuw" finds Kuwait, "ger"
// Germany).
func TestBrowserFacetFilter(t *testing.T) {
	ctx, stop := newBrowser(t)
	defer stop()
	srv := newStoreServer(t, facetArticles())
	ts := httptest.NewServer(srv)
	defer ts.Close()
	b := browser{t, ctx}
	b.must("start", chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	b.run("search", chromedp.Navigate(ts.URL+"/?q=oil"), chromedp.WaitVisible(chromedp.CSS(".facet-country .facet-filter")))
	if n := b.count(".facet-country ul:not(.facet-suggest) li"); n != 10 {
		t.Fatalf("country facet lists %d values, want 10", n)
	}
	b.run("type kuw", chromedp.SendKeys(chromedp.CSS(".facet-country .facet-filter"), "kuw"),
		chromedp.WaitVisible(chromedp.CSS(".facet-country .facet-suggest a")))
	got := b.text(".facet-country .facet-suggest a")
	if !strings.Contains(got, "Kuwait") {
		t.Errorf("kuw suggests %q", got)
	}
	b.screenshot("facet-filter-kuw.png")
	b.follow(".facet-country .facet-suggest a")
	if loc := b.location(); !strings.Contains(loc, "country=KW") {
		t.Errorf("after choosing Kuwait, location %q", loc)
	}
	b.run("clear", chromedp.Navigate(ts.URL+"/?q=oil"), chromedp.WaitVisible(chromedp.CSS(".facet-country .facet-filter")),
		chromedp.SendKeys(chromedp.CSS(".facet-country .facet-filter"), "ger"))
	visible := evalJS[[]string](b, `Array.from(document.querySelectorAll(".facet-country ul:not(.facet-suggest) li")).filter(li => !li.hidden).map(li => li.querySelector(".v").textContent)`)
	if !slices.Equal(visible, []string{"Germany"}) {
		t.Errorf("ger shows %q", visible)
	}
}

// TestExcludeValue: a facet value can be left out (-country=US in the
// URL); the page shows it as a struck chip that removes it, the API and
// the export leave it out.
func TestExcludeValue(t *testing.T) {
	srv := newStoreServer(t, facetArticles())
	doc := parseHTML(t, get(t, srv, "/?q=oil"))
	ex := doc.Find(`.facet-country li:has(.code:contains("US")) a.not`).AttrOr("href", "")
	if ex != "/?-country=US&q=oil" {
		t.Fatalf("exclude link of US %q", ex)
	}
	doc = parseHTML(t, get(t, srv, ex))
	if got := strings.TrimSpace(doc.Find(".summary").Contents().First().Text()); got != "1–10 of 78 articles" {
		t.Errorf("without the 13 US articles: %q", got)
	}
	chip := doc.Find(".active a.chip-not")
	if chip.Find("s").Text() != "United States (US)" || chip.AttrOr("href", "") != "/?q=oil" {
		t.Errorf("struck chip %q -> %q", chip.Text(), chip.AttrOr("href", ""))
	}
	if doc.Find(`.facet-country .code:contains("US")`).Length() != 0 {
		t.Error("the excluded country is still listed")
	}
	var res struct{ Total int }
	rec := get(t, srv, "/api/v1/search?-country=united+states&-country=GB")
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Total != 91-13-12 {
		t.Errorf("API without US and GB: %d %s", res.Total, rec.Body)
	}
	rec = get(t, srv, "/api/v1/export?format=jsonl&-country=us")
	if n := strings.Count(rec.Body.String(), "\n"); n != 91-13 {
		t.Errorf("export without US: %d lines", n)
	}
}

// TestHitShowsEntitiesOnce: a hit does not show one entity twice, as a
// country and a topic or as a person and a topic; countries go by their
// common names; the tag facet lists the source's tags.
func TestHitShowsEntitiesOnce(t *testing.T) {
	a := article("news/ru.html#1", corpus.Article{Title: "Gas talks", Body: "Gas talks in Moscow.", Outlet: "Wire",
		Countries: []string{"RU", "IR"}, People: []string{"Vladimir Putin"}, Tags: []string{"gas"},
		Topics: []string{"energy", "Russia", "Iran (Islamic Republic of)", "Vladimir Putin", "gas"}, Date: day(2020, 1, 2)})
	srv := newStoreServer(t, []corpus.Article{a})
	doc := parseHTML(t, get(t, srv, "/?q=gas"))
	chips := doc.Find("li.hit .chips a").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if want := []string{"Russia", "Iran", "energy", "gas", "Vladimir Putin"}; !slices.Equal(chips, want) {
		t.Errorf("chips %q, want %q", chips, want)
	}
	if tags := doc.Find("details.facet-tag .v").Text(); tags != "gas" {
		t.Errorf("tag facet %q", tags)
	}
}
