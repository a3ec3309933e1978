package extract

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestTextHeader(t *testing.T) {
	tests := []struct {
		name, path, text string
		// want holds the expected fields; the body is checked by its start.
		title, authors, date, outlet, tags, section, url, bodyStart string
		subtitle                                                    string
	}{
		{
			name:  "outlet line before the byline",
			path:  "i.txt",
			text:  "Grain deal signed\n\nMeridian Wire\nBy Selin Aydın and Olena Kravets\n22 July 2022\nTags: grain, diplomacy\n\nISTANBUL, July 22 - Russia and Ukraine signed.\n",
			title: "Grain deal signed", authors: "Selin Aydın,Olena Kravets", date: "2022-07-22", outlet: "Meridian Wire",
			tags: "grain,diplomacy", bodyStart: "ISTANBUL, July 22",
		},
		{
			name:  "subtitle under the title, outlet and section, reporters filing from places",
			path:  "j.txt",
			text:  "CARMAKERS LOOK ABROAD\nFactories in Hungary are the new front line\n\nNorthern Ledger | Business\n5 February 2015\nBy Wei Lin in Shanghai and Oliver Quist in London\n\nChinese electric-car makers are accelerating plans.\n",
			title: "CARMAKERS LOOK ABROAD", subtitle: "Factories in Hungary are the new front line", authors: "Wei Lin,Oliver Quist",
			date: "2015-02-05", outlet: "Northern Ledger", section: "Business", bodyStart: "Chinese electric-car makers",
		},
		{
			name:  "byline with a role, outlet with a programme",
			path:  "k.txt",
			text:  "Remittances\n\nKestrel Policy Institute - Eurasia Programme\n14 November 2023\nBy Farida Nurlanova, Senior Fellow\n\nEvery month hundreds of thousands send money home.\n",
			title: "Remittances", authors: "Farida Nurlanova", date: "2023-11-14", outlet: "Kestrel Policy Institute",
			section: "Eurasia Programme", bodyStart: "Every month",
		},
		{
			name:  "byline, outlet under it, date, tags",
			path:  "a.txt",
			text:  "Harbour reopens\n\nBy Jane Doe\nThe Coastal Gazette\nMarch 14, 2023\nTags: harbour, fishing\n\nThe harbour reopened on Tuesday.\n",
			title: "Harbour reopens", authors: "Jane Doe", date: "2023-03-14", outlet: "The Coastal Gazette",
			tags: "harbour,fishing", bodyStart: "The harbour reopened",
		},
		{
			name:  "section before the date, no byline",
			path:  "b.txt",
			text:  "Could Paris happen in the UK?\n\nCommentary, 20 November 2015\nThere are three principal reasons for this.\n",
			title: "Could Paris happen in the UK?", date: "2015-11-20", section: "Commentary",
			bodyStart: "There are three principal reasons",
		},
		{
			name:  "labelled lines",
			path:  "c.text",
			text:  "Title line\nSource: Daily Planet\nAuthor: Clark Kent\nPublished: 1938-06\nURL: https://dailyplanet.example/a\n\nBody.\n",
			title: "Title line", authors: "Clark Kent", date: "1938-06", outlet: "Daily Planet",
			url: "https://dailyplanet.example/a", bodyStart: "Body.",
		},
		{
			name:  "update notice and published in",
			path:  "d.txt",
			text:  "Budget day\nLast updated at 12:01AM, November 16 2015\nPublished in The Economist\n\nThe chancellor rose at noon.\n",
			title: "Budget day", date: "2015-11-16", outlet: "The Economist", bodyStart: "The chancellor rose",
		},
		{
			name:  "two authors, BBC style section line",
			path:  "e.txt",
			text:  "How vulnerable is Europe?\nBy Raffaello Pantucci and Jane Doe\nRoyal United Services Institute (Rusi)\n18 November 2015\nFrom the section Europe\n\nFrench authorities have stepped up security.\n",
			title: "How vulnerable is Europe?", authors: "Raffaello Pantucci,Jane Doe", date: "2015-11-18",
			outlet: "Royal United Services Institute (Rusi)", section: "Europe", bodyStart: "French authorities",
		},
		{
			name:  "no header: the second line is body",
			path:  "f.txt",
			text:  "A title\nThe first sentence of the body runs on for a while, as sentences do.\n",
			title: "A title", bodyStart: "The first sentence",
		},
		{
			name:  "markdown heading and setext",
			path:  "g.md",
			text:  "Sourdough\n=========\n\n*By* the way, **this** is body.\n",
			title: "Sourdough", bodyStart: "*By* the way, this is body.",
		},
		{
			name:  "front matter title differs from first line",
			path:  "h.md",
			text:  "---\ntitle: Real title\nauthor: Lena Fischer\ntags:\n  - a\n  - b\n---\nFirst paragraph of body.\n",
			title: "Real title", authors: "Lena Fischer", tags: "a,b", bodyStart: "First paragraph",
		},
	}
	x := New(Options{Now: fixedNow})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := x.Extract(corpus.File{Entry: corpus.Entry{Path: tt.path, Format: corpus.FormatText}, Text: tt.text})
			if err != nil || len(arts) != 1 {
				t.Fatalf("got %d articles, %v", len(arts), err)
			}
			a := arts[0]
			for _, c := range []struct{ field, got, want string }{
				{"title", a.Title, tt.title},
				{"authors", strings.Join(a.Authors, ","), tt.authors},
				{"date", a.Date.String(), tt.date},
				{"outlet", a.Outlet, tt.outlet},
				{"tags", strings.Join(a.Tags, ","), tt.tags},
				{"section", a.Section, tt.section},
				{"url", a.URL, tt.url},
				{"subtitle", a.Subtitle, tt.subtitle},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) {
				t.Errorf("body starts %q, want %q", a.Body[:min(len(a.Body), 60)], tt.bodyStart)
			}
		})
	}
}

// TestSeedText reads the project's seed document, a blog archive of
// several posts saved as text. Splitting it into posts is future work; it
// must extract to an article titled by its first line.
func TestSeedText(t *testing.T) {
	dir := corpusDir(t, "seed")
	f := readFile(t, dir, "000_c3fde0068952c240.txt")
	arts, err := New(Options{}).Extract(f)
	if err != nil {
		t.Fatal(err)
	}
	firstLine, _, _ := strings.Cut(f.Text, "\n")
	if len(arts) < 1 || arts[0].Title != strings.TrimSpace(firstLine) {
		t.Fatalf("got %d articles, first titled %q; want the first line %q", len(arts), arts[0].Title, firstLine)
	}
	if len(arts[0].Body) < 10000 || arts[0].Language != "en" {
		t.Errorf("body of %d bytes, language %q", len(arts[0].Body), arts[0].Language)
	}
}
