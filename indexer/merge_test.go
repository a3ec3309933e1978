package indexer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/clippings/clippings/corpus"
)

// day and month are dates of each precision for the merge tests.
func day(y, m, d int) corpus.Date {
	return corpus.NewDate(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), corpus.PrecisionDay)
}

func month(y, m int) corpus.Date {
	return corpus.NewDate(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), corpus.PrecisionMonth)
}

// copyOf is one copy of a post as the extractor gives it.
func copyOf(source, title string, d corpus.Date, u string, body string) corpus.Article {
	a := corpus.Article{Source: source, ID: corpus.IDOf(source), Title: title, Outlet: "Whizzy",
		Date: d, URL: u, Body: body, Lead: strings.SplitN(body, "\n\n", 2)[0]}
	a.Tidy()
	return a
}

// merged is what the merge tests compare of an emitted article.
func merged(a corpus.Article) string {
	return fmt.Sprintf("%s | %s | %s | authors=%v | tags=%v | excerpt=%v | body=%q | prov=%v | seen=%v",
		a.Source, a.Title, a.Date, a.Authors, a.Tags, a.Excerpt, a.Body, a.Provenance, a.SeenIn)
}

func runMerger(t *testing.T, in []corpus.Article) ([]corpus.Article, MergeStats) {
	t.Helper()
	var out []corpus.Article
	m := NewMerger(func(a corpus.Article) error { out = append(out, a); return nil }, nil)
	for _, a := range in {
		if err := m.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	st, err := m.Close()
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

func TestMergeRules(t *testing.T) {
	const (
		postPage = "site/2021/01/02/pi-hole/index.html#1"
		home     = "site/index.html#2"
		tagPage  = "site/tag/linux/index.html#1"
		month01  = "site/2021/01/index.html#3"
		wire     = "wire/reuters.sgm#4"
	)
	full := "Pi-hole twice.\n\nThe second paragraph."
	teaser := "Pi-hole twice."
	excerpt := func(a corpus.Article) corpus.Article {
		a.Excerpt = true
		a.Provenance = map[string]string{"split": "repeated-region", "date": "date-header"}
		return a
	}
	with := func(a corpus.Article, f func(*corpus.Article)) corpus.Article { f(&a); return a }

	tests := []struct {
		name string
		in   []corpus.Article
		want []string
		st   MergeStats
	}{{
		name: "permalinks that differ in scheme, host case, www, index.html, slash and fragment are one post",
		in: []corpus.Article{
			excerpt(copyOf(home, "Pi-hole", day(2021, 1, 2), "http://www.Whizzy.org/2021/01/02/pi-hole", teaser)),
			with(copyOf(postPage, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/index.html#comments", full),
				func(a *corpus.Article) { a.Provenance = map[string]string{"title": "h-entry", "date": "url-path"} }),
			excerpt(copyOf(tagPage, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/?utm_source=feed", teaser)),
		},
		want: []string{`site/2021/01/02/pi-hole/index.html#1 | Pi-hole | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[date:url-path title:h-entry] | seen=[site/2021/01/02/pi-hole/index.html#1 site/index.html#2 site/tag/linux/index.html#1]`},
		st:   MergeStats{Merged: 2},
	}, {
		name: "without URLs, title, day and outlet match up to case and spaces; the post page gives its source",
		in: []corpus.Article{
			copyOf(tagPage, "Double  helping of PI HOLE", day(2021, 1, 2), "", full+" And the next post's text."),
			copyOf(postPage, "Double helping of Pi Hole", day(2021, 1, 2), "", full),
		},
		// The post's own page wins the text although the tag page's copy,
		// cut too long, is longer.
		want: []string{`site/2021/01/02/pi-hole/index.html#1 | Double helping of Pi Hole | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[site/2021/01/02/pi-hole/index.html#1 site/tag/linux/index.html#1]`},
		st:   MergeStats{Merged: 1},
	}, {
		name: "the most precise date, the first authors, the union of tags, each with its evidence",
		in: []corpus.Article{
			with(copyOf(postPage, "Pi-hole", month(2021, 1), "https://whizzy.org/2021/01/02/pi-hole/", full), func(a *corpus.Article) {
				a.Tags = []string{"linux"}
				a.Provenance = map[string]string{"date": "archive-month", "title": "h1"}
			}),
			with(copyOf(month01, "Pi hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/", teaser), func(a *corpus.Article) {
				a.Authors = []string{"will"}
				a.Tags = []string{"Linux", "RaspberryPi"}
				a.Excerpt = true
				a.Provenance = map[string]string{"date": "date-header", "authors": "byline-line", "split": "repeated-region", "title": "heading-link"}
			}),
		},
		want: []string{`site/2021/01/02/pi-hole/index.html#1 | Pi-hole | 2021-01-02 | authors=[will] | tags=[linux RaspberryPi] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[authors:byline-line date:date-header title:h1] | seen=[site/2021/01/02/pi-hole/index.html#1 site/2021/01/index.html#3]`},
		st:   MergeStats{Merged: 1},
	}, {
		name: "only excerpts: the longest is kept and stays an excerpt",
		in: []corpus.Article{
			excerpt(copyOf(tagPage, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/", teaser)),
			excerpt(copyOf(home, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/", teaser+" More.")),
		},
		want: []string{`site/index.html#2 | Pi-hole | 2021-01-02 | authors=[] | tags=[] | excerpt=true | body="Pi-hole twice. More." | prov=map[date:date-header split:repeated-region] | seen=[site/index.html#2 site/tag/linux/index.html#1]`},
		st:   MergeStats{Merged: 1},
	}, {
		name: "different permalinks are different posts, even with one title and day: a duplicate left",
		in: []corpus.Article{
			copyOf(postPage, "Weekly links", day(2021, 1, 2), "https://whizzy.org/2021/01/02/weekly-links/", full),
			copyOf(tagPage, "Weekly links", day(2021, 1, 2), "https://whizzy.org/2021/01/02/weekly-links-2/", teaser),
		},
		want: []string{
			`site/2021/01/02/pi-hole/index.html#1 | Weekly links | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
			`site/tag/linux/index.html#1 | Weekly links | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice." | prov=map[] | seen=[]`,
		},
		st: MergeStats{DuplicatesLeft: 1},
	}, {
		name: "a copy without URL joins the one post with a URL that has its title key",
		in: []corpus.Article{
			copyOf(tagPage, "Pi-hole", day(2021, 1, 2), "", teaser),
			copyOf(postPage, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/", full),
		},
		want: []string{`site/2021/01/02/pi-hole/index.html#1 | Pi-hole | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[site/2021/01/02/pi-hole/index.html#1 site/tag/linux/index.html#1]`},
		st:   MergeStats{Merged: 1},
	}, {
		name: "a copy without URL whose title key two posts have stays apart, reported",
		in: []corpus.Article{
			copyOf(postPage, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/2021/01/02/pi-hole/", full),
			copyOf(month01, "Pi-hole", day(2021, 1, 2), "https://whizzy.org/?p=12", full),
			copyOf(tagPage, "Pi-hole", day(2021, 1, 2), "", teaser),
		},
		want: []string{
			`site/2021/01/02/pi-hole/index.html#1 | Pi-hole | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
			`site/2021/01/index.html#3 | Pi-hole | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
			`site/tag/linux/index.html#1 | Pi-hole | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice." | prov=map[] | seen=[]`,
		},
		st: MergeStats{DuplicatesLeft: 2},
	}, {
		name: "listing pages taken whole, with the site's name as title and the page's address, are not merged",
		in: []corpus.Article{
			with(copyOf("site/search/a.html#1", "Whizzy", day(2021, 1, 2), "https://whizzy.org/search?updated-max=2021-01-02", full),
				func(a *corpus.Article) { a.Outlet = "Whizzy" }),
			with(copyOf("site/search/b.html#1", "Whizzy", day(2021, 1, 2), "https://whizzy.org/search?updated-max=2021-01-02", teaser),
				func(a *corpus.Article) { a.Outlet = "Whizzy" }),
		},
		want: []string{
			`site/search/a.html#1 | Whizzy | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
			`site/search/b.html#1 | Whizzy | 2021-01-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice." | prov=map[] | seen=[]`,
		},
	}, {
		name: "a date known to the month is no key: copies without URL stay apart",
		in: []corpus.Article{
			copyOf(postPage, "Pi-hole", month(2021, 1), "", full),
			copyOf(tagPage, "Pi-hole", month(2021, 1), "", teaser),
		},
		want: []string{
			`site/2021/01/02/pi-hole/index.html#1 | Pi-hole | 2021-01 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
			`site/tag/linux/index.html#1 | Pi-hole | 2021-01 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice." | prov=map[] | seen=[]`,
		},
	}, {
		name: "newswire articles are never merged, even with one title, day and outlet",
		in: []corpus.Article{
			copyOf(wire, "OIL PRICES", day(1987, 3, 2), "", full),
			copyOf("wire/reuters.sgm#5", "OIL PRICES", day(1987, 3, 2), "", full),
		},
		want: []string{
			`wire/reuters.sgm#4 | OIL PRICES | 1987-03-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
			`wire/reuters.sgm#5 | OIL PRICES | 1987-03-02 | authors=[] | tags=[] | excerpt=false | body="Pi-hole twice.\n\nThe second paragraph." | prov=map[] | seen=[]`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, st := runMerger(t, tt.in)
			var got []string
			for _, a := range out {
				got = append(got, merged(a))
				if a.ID != corpus.IDOf(a.Source) {
					t.Errorf("%s: id %s is not that of its source", a.Source, a.ID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if st != tt.st {
				t.Errorf("stats %+v, want %+v", st, tt.st)
			}
			// The merged articles do not depend on the order of the copies.
			rev := slices.Clone(tt.in)
			slices.Reverse(rev)
			out2, _ := runMerger(t, rev)
			var got2 []string
			for _, a := range out2 {
				got2 = append(got2, merged(a))
			}
			slices.Sort(got2)
			sorted := slices.Sorted(slices.Values(got))
			if !slices.Equal(got2, sorted) {
				t.Errorf("in reverse order, got\n%s", strings.Join(got2, "\n"))
			}
		})
	}
}

func TestMergeStreamsWhatItCannotMerge(t *testing.T) {
	var out []string
	m := NewMerger(func(a corpus.Article) error { out = append(out, a.Source); return nil }, nil)
	add := func(a corpus.Article) {
		t.Helper()
		if err := m.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	add(copyOf("a.html#1", "Held", day(2021, 1, 2), "https://x.org/held/", "text"))
	add(copyOf("b.txt#1", "Text", day(2021, 1, 2), "", "text"))
	add(copyOf("c.html#1", "", corpus.Date{}, "", "no title, no date, no URL"))
	add(copyOf("d.sgm#1", "Wire", day(1987, 3, 2), "https://x.org/wire/", "text"))
	if want := []string{"b.txt#1", "c.html#1", "d.sgm#1"}; !slices.Equal(out, want) {
		t.Errorf("emitted before Close: %v, want %v", out, want)
	}
	if _, err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if len(out) != 4 || out[3] != "a.html#1" {
		t.Errorf("after Close: %v", out)
	}
}

func TestNormURL(t *testing.T) {
	same := []string{
		"https://whizzy.org/2021/01/02/pi-hole/",
		"http://www.WHIZZY.org/2021/01/02/pi-hole",
		"https://whizzy.org:443/2021/01/02/pi-hole/index.html#comments",
		"https://whizzy.org/2021/01/02/pi-hole/?utm_source=rss&utm_medium=feed",
	}
	for _, u := range same {
		if got, want := normURL(u), "whizzy.org/2021/01/02/pi-hole"; got != want {
			t.Errorf("normURL(%q) = %q, want %q", u, got, want)
		}
	}
	if normURL("https://whizzy.org/?p=12") == normURL("https://whizzy.org/?p=13") {
		t.Error("query parameters other than utm_ must tell posts apart")
	}
	if normURL("/2021/01/02/pi-hole/") != "" {
		t.Error("a relative address is no key")
	}
	for _, u := range []string{
		"https://whizzy.org/",
		"https://whizzy.org/category/linux/",
		"https://whizzy.org/2021/01/",
		"http://jorge.blogspot.com/search?updated-max=2010-11-21T12:18:00-08:00&max-results=7",
		"http://jorge.blogspot.com/search/label/obras",
		"https://2ynhub.github.io/hugo-blog/posts/",
	} {
		if k := normURL(u); k != "" {
			t.Errorf("the listing page address %s is the key %q", u, k)
		}
	}
}

func TestSiteName(t *testing.T) {
	for _, tt := range []struct {
		title, outlet string
		want          bool
	}{
		{"Jorge El Constructor", "jorgeelconstructor.blogspot.com", true},
		{"Whizzy", "Whizzy", true},
		{"whizzy.org", "Whizzy.org", true},
		{"Double helping of Pi Hole", "whizzy.org", false},
		{"Whizzy Labs Wireless Sensor", "whizzy.org", false},
		{"", "whizzy.org", false},
	} {
		if got := siteName(tt.title, tt.outlet); got != tt.want {
			t.Errorf("siteName(%q, %q) = %v, want %v", tt.title, tt.outlet, got, tt.want)
		}
	}
}

func TestPageRank(t *testing.T) {
	tests := []struct {
		source, url string
		want        int
	}{
		{"mirror/2021/01/02/pi-hole/index.html.gz#1", "https://whizzy.org/2021/01/02/pi-hole/", 2},
		{"mirror/2009/05/runner-beans.html#1", "http://x.blogspot.com/2009/05/runner-beans.html", 2},
		{"posts/2021/01/02/pi-hole/index.html.gz#1", "", 1},
		{"mirror/page/3/index.html#1", "https://whizzy.org/2021/01/02/pi-hole/", 0},
		{"mirror/category/linux/index.html#1", "", 0},
		{"mirror/2021/01/index.html#1", "", 0},
		{"index.html#1", "", 0},
		{"mirror/2009_05_01_archive.html#1", "", 0},
		{"mirror/posts/index.html#1", "", 0},
		{"mirror/posts/my-first-post/index.html#1", "", 1},
		{"mirror/2021/01/02/pi-hole/index.html#2", "", 0},
	}
	for _, tt := range tests {
		if got := pageRank(corpus.Article{Source: tt.source, URL: tt.url}); got != tt.want {
			t.Errorf("pageRank(%s, %s) = %d, want %d", tt.source, tt.url, got, tt.want)
		}
	}
}

func TestRunMergesCopies(t *testing.T) {
	page := []byte(`<!doctype html><html><head><title>Double helping of Pi Hole | Whizzy</title>
<meta property="og:site_name" content="Whizzy">
<meta property="article:published_time" content="2021-01-02T10:00:00Z"></head>
<body><article><h1>Double helping of Pi Hole</h1>
<p>I run two Pi-hole servers now, one on each floor of the house, so that a reboot of one does not take the whole network down with it.</p>
<p>The second one is a Raspberry Pi Zero that sits behind the television and answers when the first one is updating its block lists.</p>
</article></body></html>`)
	fsys := fstest.MapFS{
		"2021/01/02/pi-hole/index.html": {Data: page},
		"tag/linux/index.html":          {Data: page},
		"wire/a.txt":                    {Data: []byte("First\n\nBy Jane Doe\n3 May 2021\n\nA paragraph about Kenya.\n")},
	}
	var s sink
	sum, err := New(Options{Workers: 2}).Run(t.Context(), fsys, &s)
	if err != nil {
		t.Fatal(err)
	}
	var got []corpus.Article
	for _, b := range s.batches {
		got = append(got, b...)
	}
	if len(got) != 2 || sum.Articles != 3 || sum.Merged != 1 {
		t.Fatalf("%d articles indexed, summary %s; want 3 extracted, 1 merged, 2 indexed", len(got), sum)
	}
	post := got[1]
	if post.Source != "2021/01/02/pi-hole/index.html#1" ||
		!slices.Equal(post.SeenIn, []string{"2021/01/02/pi-hole/index.html#1", "tag/linux/index.html#1"}) {
		t.Errorf("merged post: source %s, seen in %v", post.Source, post.SeenIn)
	}
	if !strings.Contains(sum.String(), "merged 1 copy, 2 articles left") {
		t.Errorf("summary %q does not report the merge", sum)
	}

	s = sink{}
	sum, err = New(Options{Workers: 2, KeepCopies: true}).Run(t.Context(), fsys, &s)
	if err != nil || sum.Merged != 0 || len(s.batches) != 1 || len(s.batches[0]) != 3 {
		t.Errorf("KeepCopies: err %v, summary %s, batches %v", err, sum, len(s.batches))
	}
}
