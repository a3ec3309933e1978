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
			outlet: "RUSI", section: "Europe", bodyStart: "French authorities",
		},
		{
			name:  "published before the update notice",
			path:  "l.txt",
			text:  "Budget day\nLast updated at 12:01AM, November 17 2015\nPublished 16 November 2015\n\nThe chancellor rose at noon.\n",
			title: "Budget day", date: "2015-11-16", bodyStart: "The chancellor rose",
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

// TestSeedText reads the project's seed document, a month of a blog saved
// as text: five posts, each the blog's introduction to a piece the author
// wrote for another outlet, then the piece.
func TestSeedText(t *testing.T) {
	dir := corpusDir(t, "seed")
	f := readFile(t, dir, "000_c3fde0068952c240.txt")
	arts, err := New(Options{Now: fixedNow}).Extract(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		title, outlet, date, authors, section, subtitle string
		bodyStart, bodyEnd, noteStart                   string
		mentions                                        string
	}{
		{
			title: "China And Russia: Locked In Reluctant Embrace", outlet: "China Economic Quarterly", date: "2015-11", authors: "Raffaello Pantucci",
			bodyStart: "The dynamic of the Sino-Russian relationship", bodyEnd: "biggest geopolitical friend.",
			noteStart: "Things are slowing down", mentions: "The Sunday Times,HuffPost,South China Morning Post,The Straits Times",
		},
		{
			title: "Could Paris happen in the UK?", outlet: "RUSI", date: "2015-11-20", authors: "Raffaello Pantucci",
			section: "Commentary", bodyStart: "Soon after the Paris attacks", bodyEnd: "the scale of the atrocity in Paris.",
			noteStart: "Final piece from last week",
			mentions:  "Financial Times,The Wall Street Journal,The New York Times,Daily Mail,NBC,The Times,Bloomberg,Politico,la Repubblica,Voice of America",
		},
		{
			title: "How vulnerable is Europe to Paris-style attacks?", outlet: "BBC", date: "2015-11-18", authors: "Raffaello Pantucci",
			section: "Europe", bodyStart: "The cancellation of the football match", bodyEnd: "Follow him @raffpantucci",
			noteStart: "Still catching up after a busy week.",
		},
		{
			title: "Radicals become the killers within", outlet: "The Times", date: "2015-11-16", authors: "Raffaello Pantucci",
			bodyStart: "As the full horror from Paris is revealed", bodyEnd: "Britain’s Suburban Terrorists",
			noteStart: "And in a second piece",
		},
		{
			title: "Paris terror attacks: The lessons of Mumbai were learned – by the jihadis", outlet: "The Independent",
			date: "2015-11", authors: "Raffaello Pantucci", subtitle: "For Isis to distinguish itself from al-Qaeda it must create greater misery",
			bodyStart: "In November 2008, a new form of terrorism", bodyEnd: "at the Royal United Services Institute",
			noteStart: "It has been rather busy of late",
		},
	}
	right := 0
	for i, w := range want {
		if i < len(arts) && arts[i].Title == w.title && arts[i].Outlet == w.outlet && arts[i].Date.String() == w.date {
			right++
		}
	}
	t.Logf("seed: %d articles (want %d); title, outlet and date right on %d", len(arts), len(want), right)
	if len(arts) != len(want) {
		t.Fatalf("got %d articles, want %d", len(arts), len(want))
	}
	for i, w := range want {
		a := arts[i]
		for _, c := range []struct{ field, got, want string }{
			{"title", a.Title, w.title},
			{"outlet", a.Outlet, w.outlet},
			{"date", a.Date.String(), w.date},
			{"authors", strings.Join(a.Authors, ","), w.authors},
			{"section", a.Section, w.section},
			{"subtitle", strings.Join(strings.Fields(a.Subtitle), " "), w.subtitle},
			{"mentions", strings.Join(a.Mentions, ","), w.mentions},
			{"source", a.Source, "000_c3fde0068952c240.txt#" + itoa(i+1)},
		} {
			if c.got != c.want {
				t.Errorf("#%d %s = %q, want %q", i+1, c.field, c.got, c.want)
			}
		}
		if !strings.HasPrefix(a.Body, w.bodyStart) || !strings.HasSuffix(a.Body, w.bodyEnd) {
			t.Errorf("#%d body %q ... %q, want %q ... %q", i+1, a.Body[:min(60, len(a.Body))], a.Body[max(0, len(a.Body)-60):], w.bodyStart, w.bodyEnd)
		}
		if !strings.HasPrefix(a.Note, w.noteStart) || strings.Contains(a.Body, a.Note) {
			t.Errorf("#%d note %q, want it to start %q and be out of the body", i+1, a.Note[:min(60, len(a.Note))], w.noteStart)
		}
		// Image file names, captions and credits are not body text.
		for _, junk := range []string{"Trafalgar Sq_Paris", "French authorities_BBC", "_BBC_Nov", "china russia image",
			"parisemergency", "Header image", "AP The French authorities", "EmwaziMohammed"} {
			if strings.Contains(a.Body, junk) {
				t.Errorf("#%d body holds %q", i+1, junk)
			}
		}
		if a.Language != "en" {
			t.Errorf("#%d language %q", i+1, a.Language)
		}
	}
	// Subheadings stay inside their article.
	if !strings.Contains(arts[1].Body, "\n\nLimited access to weaponry\n\n") {
		t.Errorf("the subheading %q is not a paragraph of %q", "Limited access to weaponry", arts[1].Title)
	}
}
