package extract

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// fuzzExtract runs the extractor on text as a file of format at path, and
// fails on an article without a source or without any text. A parser's
// panic fails the fuzz run by itself.
func fuzzExtract(t *testing.T, x *Extractor, path string, format corpus.Format, text string) {
	arts, _ := x.Extract(corpus.File{Entry: corpus.Entry{Path: path, Format: format}, Text: text})
	for _, a := range arts {
		if a.Source == "" || a.Title == "" && a.Body == "" && a.Note == "" && a.Lead == "" {
			t.Fatalf("empty article %+v", a)
		}
	}
}

// addFiles adds the files of the sample corpus folder dir as seeds.
func addFiles(f *testing.F, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(dir + "/" + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

func FuzzExtractHTML(f *testing.F) {
	addFiles(f, "../../corpus/sample/html")
	for _, s := range []string{"", "<html>", "<p>", "<title>x</title><article><h1>A</h1><p>b</p></article>",
		"<meta property=\"article:published_time\" content=\"2015-13-45\">", strings.Repeat("<div>", 500),
		"<script>alert(1)</script><h1>x</h1>", "\x00<h1>\xff</h1>"} {
		f.Add(s)
	}
	x := New(Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	f.Fuzz(func(t *testing.T, text string) { fuzzExtract(t, x, "f.html", corpus.FormatHTML, text) })
}

func FuzzExtractArchivePage(f *testing.F) {
	addFiles(f, "../../corpus/sample/archive")
	f.Add(`<html><body><div class="post"><h2><a href="/a">One</a></h2><p>March 3, 2015</p><p>Text one.</p></div>` +
		`<div class="post"><h2><a href="/b">Two</a></h2><p>March 4, 2015</p><p>Text two.</p></div></body></html>`)
	x := New(Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	f.Fuzz(func(t *testing.T, text string) { fuzzExtract(t, x, "archive/2015-03.html", corpus.FormatHTML, text) })
}

func FuzzExtractSGML(f *testing.F) {
	addFiles(f, "../../corpus/sample/wire")
	for _, s := range []string{"", "<REUTERS>", "<REUTERS NEWID=\"1\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>T</TITLE><BODY>b</BODY></TEXT></REUTERS>",
		"<REUTERS><TEXT>&#3;&lt;</TEXT></REUTERS>", "<REUTERS><DATE>99-XXX-9999</DATE></REUTERS>"} {
		f.Add(s)
	}
	x := New(Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	f.Fuzz(func(t *testing.T, text string) { fuzzExtract(t, x, "f.sgm", corpus.FormatSGML, text) })
}

// FuzzParseArticleDate checks that the date parser of pages and text
// files never panics and never returns a date after its now.
func FuzzParseArticleDate(f *testing.F) {
	for _, s := range []string{"2015-11-20", "20 November 2015", "Nov. 20, 2015 10:00 EST", "26-FEB-1987 15:01:01.79",
		"20. November 2015", "2015年11月20日", "20/11/2015", "11/20/15", "Tuesday", "posted 3 days ago", "0", "99999999999",
		"2015-11-20T10:00:00+25:00", "\xff\xfe1", "31 février 2015", "1 января 2020 г."} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newDateParser(func() time.Time { return now })
	f.Fuzz(func(t *testing.T, s string) {
		if d := p.parse(s); !d.IsZero() && d.Time.After(now) {
			t.Fatalf("%q: %v is after now", s, d)
		}
	})
}
