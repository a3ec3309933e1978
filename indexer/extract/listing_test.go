package extract

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// TestListingModel checks the listing model's rules on small synthetic
// pages, each one the shape a platform writes: the number of articles,
// their titles, days and authors, and the evidence the split came from.
func TestListingModel(t *testing.T) {
	const head = `<html><head><title>Field Notes</title></head><body><header><h1><a href="/">Field Notes</a></h1></header><main>`
	const tail = `</main><aside class="sidebar"><h2>Recent</h2><ul><li><a href="/2020/01/a.html">A</a></li><li><a href="/2020/01/b.html">B</a></li></ul></aside></body></html>`
	body := func(n int) string { return strings.Repeat("Words of the post that say something. ", n) }
	tests := []struct {
		name    string
		page    string
		titles  string // titles joined by |
		days    string // days joined by |
		authors string // first author of each, joined by |
		split   string
	}{
		{
			name: "h-entry posts",
			page: head + `<article class="h-entry"><h2 class="p-name"><a class="u-url" href="/2021/03/one.html">One</a></h2><time class="dt-published" datetime="2021-03-04">4 March</time><a class="p-author h-card" href="/about">Ann Lee</a><div class="e-content"><p>` + body(3) + `</p></div></article>` +
				`<article class="h-entry"><h2 class="p-name"><a class="u-url" href="/2021/03/two.html">Two</a></h2><time class="dt-published" datetime="2021-03-02">2 March</time><a class="p-author h-card" href="/about">Bo Chan</a><div class="e-content"><p>` + body(3) + `</p></div></article>` + tail,
			titles: "One|Two", days: "2021-03-04|2021-03-02", authors: "Ann Lee|Bo Chan", split: "h-entry",
		},
		{
			name: "posts without wrappers under one date header",
			page: head + `<div class="blog"><h2 class="date">March 5, 2004</h2><h3 class="title">First</h3><p>` + body(4) + `</p><p>Posted by bill at <a href="/archives/000012.html">07:06 PM</a></p>` +
				`<h3 class="title">Second</h3><p>` + body(4) + `</p><p>Posted by bill at <a href="/archives/000011.html">08:00 AM</a></p></div>` + tail,
			titles: "First|Second", days: "2004-03-05|2004-03-05", authors: "bill|bill", split: "heading-run",
		},
		{
			name: "a title list dated under year headings",
			page: head + `<div class="archive"><h3>2021</h3><article class="item"><a href="/posts/alpha-beta/">Alpha and beta</a> <span>02-14</span></article>` +
				`<article class="item"><a href="/posts/gamma/">Gamma and delta</a> <span>01-29</span></article><h3>2020</h3><article class="item"><a href="/posts/eps/">Epsilon post here</a> <span>12-01</span></article></div>` + tail,
			titles: "Alpha and beta|Gamma and delta|Epsilon post here", days: "2021-02-14|2021-01-29|2020-12-01", authors: "||", split: "repeated-region",
		},
		{
			name: "a post page with a related list stays one article",
			page: `<html><head><title>Moths in March | Field Notes</title><meta property="og:type" content="article"><meta property="og:title" content="Moths in March"></head><body>` +
				`<article class="post"><h1>Moths in March</h1><time datetime="2021-03-04">4 March 2021</time><p>` + body(30) + `</p></article>` +
				`<div class="more"><div class="teaser"><h3><a href="/2021/02/a.html">Older post one</a></h3><time datetime="2021-02-01">1 Feb</time></div><div class="teaser"><h3><a href="/2021/01/b.html">Older post two</a></h3><time datetime="2021-01-01">1 Jan</time></div></div></body></html>`,
			titles: "Moths in March", days: "2021-03-04", authors: "", split: "",
		},
	}
	x := New(Options{Now: fixedNow})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := x.Extract(corpus.File{Entry: corpus.Entry{Path: "p.html", Format: corpus.FormatHTML}, Text: tt.page})
			if err != nil {
				t.Fatal(err)
			}
			var titles, days, authors []string
			for _, a := range arts {
				titles = append(titles, a.Title)
				days = append(days, a.Date.String())
				au := ""
				if len(a.Authors) > 0 {
					au = a.Authors[0]
				}
				authors = append(authors, au)
				if a.Provenance["split"] != tt.split {
					t.Errorf("%q: split from %q, want %q", a.Title, a.Provenance["split"], tt.split)
				}
			}
			if got := strings.Join(titles, "|"); got != tt.titles {
				t.Errorf("titles %q, want %q", got, tt.titles)
			}
			if got := strings.Join(days, "|"); got != tt.days {
				t.Errorf("days %q, want %q", got, tt.days)
			}
			if tt.authors != "" || len(arts) > 1 {
				if got := strings.Join(authors, "|"); got != tt.authors {
					t.Errorf("authors %q, want %q", got, tt.authors)
				}
			}
		})
	}
}
