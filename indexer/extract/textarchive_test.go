package extract

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestOutletFromIntro(t *testing.T) {
	tests := []struct{ intro, want string }{
		{"In the meantime, a new piece about China-Russia relations for the China Economic Quarterly. Huge thanks.", "China Economic Quarterly"},
		{"Final piece from last week, looking at whether the incident in Paris could take place in the UK for my home institution RUSI.", "RUSI"},
		{"This a short piece for the BBC on how vulnerable Europe is to attacks.", "BBC"},
		{"And in a second piece, this time from Monday’s Times, looking at radicalisation.", "Monday’s Times"},
		{"First up, I wrote a longer piece in the Independent on Sunday at the weekend on the atrocity in Paris.", "Independent on Sunday"},
		{"My latest column for Foreign Policy, on the Shanghai Cooperation Organization.", "Foreign Policy"},
		{"Spoke to the Guardian about the election in Kenya.", ""}, // no piece
		{"An article about the war in Ukraine, which I enjoyed writing.", ""},
		{"An article about the war in the Balkans, for once not about Paris.", ""}, // "for once" is no outlet
		{"My op-ed in Politico on the Balkans.", "Politico"},
		{"A piece on China in the Diplomat this week.", "Diplomat"},
		{"A piece about why the harbour is not ready for Christmas, which I enjoyed.", ""},
	}
	for _, tt := range tests {
		if got := outletFromIntro(tt.intro); got != tt.want {
			t.Errorf("outletFromIntro(%q) = %q, want %q", tt.intro, got, tt.want)
		}
	}
}

func TestSpokeTo(t *testing.T) {
	tests := []struct{ intro, want string }{
		{"Still some interest, and spoke to the Sunday Times about the noisy Sally Jones, to the Huffington Post about how ISIS compares " +
			"to historical threats, as well as the South China Morning Post about China’s view on the downing of the Russian plane " +
			"and the Straits Times about what China might do to contribute to the anti-ISIS coalition. More on all of this.",
			"Sunday Times,Huffington Post,South China Morning Post,Straits Times"},
		{"Prior to the events, spoke to Wall Street Journal, Politico and La Repubblica about the large network of arrests linked to " +
			"Ansar al Islam and Mullah Krekar, and more recently to Bloomberg and Voice of America about the impact.",
			"Wall Street Journal,Politico,La Repubblica,Bloomberg,Voice of America"},
		{"Spoke to Financial Times, NBC, The Times, Bloomberg, while the Mirror ran an interview.", "Financial Times,NBC,The Times,Bloomberg"},
		{"Nobody was spoken of here.", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(spokeTo(tt.intro), ","); got != tt.want {
			t.Errorf("spokeTo(%q)\n got %q\nwant %q", tt.intro[:40], got, tt.want)
		}
	}
}

// TestTextArchive checks the shapes of plain-text archives besides the
// seed: posts found by their header lines alone, a single introduced
// piece, and texts that must stay one article.
func TestTextArchive(t *testing.T) {
	body := "The council met on Tuesday and voted to close the harbour road for the whole of the summer season.\n\n"
	tests := []struct {
		name, text string
		titles     []string
		dates      []string
		outlets    []string
		notes      []string
		authors    []string
	}{
		{
			name: "posts with date lines, no intros",
			text: "Harbour road closes\nMarch 3, 2015\n\n" + body + "Second heading here\n\nMore text.\n\n" +
				"Ferry fares rise\nBy Jane Doe\nMarch 5, 2015\n\n" + body,
			titles: []string{"Harbour road closes", "Ferry fares rise"},
			dates:  []string{"2015-03-03", "2015-03-05"},
		},
		{
			name: "one introduced piece",
			text: "Pleased to see this short piece for the Northern Ledger out today, written on the train back from the conference.\n\n" +
				"Why harbours matter\n\n" + body,
			titles:  []string{"Why harbours matter"},
			outlets: []string{"Northern Ledger"},
			notes:   []string{"Pleased to see this short piece"},
		},
		{
			name: "archive header gives the month",
			text: "Posts from March 2015\n\nA new piece for the Coastal Gazette on ferries, with thanks to the editors for their patience.\n\n" +
				"Ferries at the crossroads\n\n" + body +
				"And an older piece for the Harbour Review on the road, which took a long while to come out in print.\n\n" +
				"The road to nowhere\nBy Jane Doe\n12 February 2015\n\n" + body,
			titles:  []string{"Ferries at the crossroads", "The road to nowhere"},
			dates:   []string{"2015-03", "2015-02-12"},
			outlets: []string{"Coastal Gazette", "Harbour Review"},
			notes:   []string{"A new piece", "And an older piece"},
			authors: []string{"Jane Doe", "Jane Doe"}, // the blogger's own piece
		},
		{
			name: "introduced and plain posts mixed",
			text: "A new piece for the Coastal Gazette on ferries, with thanks to the editors for their patience.\n\n" +
				"Ferries at the crossroads\n\n" + body +
				"Harbour road closes\nMarch 3, 2015\n\n" + body,
			titles:  []string{"Ferries at the crossroads", "Harbour road closes"},
			dates:   []string{"", "2015-03-03"},
			outlets: []string{"Coastal Gazette", ""},
		},
		{
			name:   "one article with a dated subheading stays one",
			text:   "Harbour road closes\nMarch 3, 2015\n\n" + body + "Timeline\nMarch 4, 2015\n\nShort.\n",
			titles: []string{"Harbour road closes"},
		},
		{
			name:   "an intro-like paragraph inside an article stays body",
			text:   "Harbour road closes\n\n" + body + "This article for the Gazette took a week of reporting in the town and at the port.\n\nWhat comes next\n\n" + body,
			titles: []string{"Harbour road closes"},
		},
	}
	x := New(Options{Now: fixedNow})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := x.Extract(corpus.File{Entry: corpus.Entry{Path: "a.txt", Format: corpus.FormatText}, Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, a := range arts {
				titles = append(titles, a.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tt.titles, "|") {
				t.Fatalf("titles %q, want %q", titles, tt.titles)
			}
			for i, a := range arts {
				if i < len(tt.dates) && a.Date.String() != tt.dates[i] {
					t.Errorf("#%d date %q, want %q", i+1, a.Date, tt.dates[i])
				}
				if i < len(tt.outlets) && a.Outlet != tt.outlets[i] {
					t.Errorf("#%d outlet %q, want %q", i+1, a.Outlet, tt.outlets[i])
				}
				if i < len(tt.authors) && strings.Join(a.Authors, ",") != tt.authors[i] {
					t.Errorf("#%d authors %q, want %q", i+1, a.Authors, tt.authors[i])
				}
				if i < len(tt.notes) && !strings.HasPrefix(a.Note, tt.notes[i]) {
					t.Errorf("#%d note %q, want it to start %q", i+1, a.Note, tt.notes[i])
				}
				if !strings.Contains(a.Body, "The council met") {
					t.Errorf("#%d body %q", i+1, a.Body)
				}
			}
		})
	}
}

func TestImageLines(t *testing.T) {
	for _, tt := range []struct {
		line       string
		start, end bool
		want       bool
	}{
		{"Trafalgar Sq_Paris_Nov 2015", true, true, true},
		{"ISIS_BBC_Nov", true, false, true},
		{"china russia image", true, true, true},
		{"parisemergency", true, true, true},
		{"harbour-photo.jpg", true, true, true},
		{"Limited access to weaponry", true, true, false},
		{"and so it goes", false, true, false},
	} {
		if got := isImageName(textLine{text: tt.line, start: tt.start, end: tt.end}); got != tt.want {
			t.Errorf("isImageName(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
	if !isDoubledCaption("Mohammed EmwaziMohammed Emwazi was drawn to radical ideas") || isDoubledCaption("The the cat sat") {
		t.Error("isDoubledCaption")
	}
}

// FuzzExtractText checks that no text makes the extractor fail or panic,
// and that every article it returns has a source and a title or a body.
func FuzzExtractText(f *testing.F) {
	f.Add("Archive for November, 2015\n\nA new piece for the Coastal Gazette on ferries, with thanks to the editors for their patience.\n\nFerries\n\nBody.\n")
	f.Add("Harbour road closes\nMarch 3, 2015\n\nThe council met on Tuesday and voted to close the road.\n\nFerry fares rise\nBy Jane Doe\nMarch 5, 2015\n\nText.\n")
	f.Add("Title\n\nparisemergency\n\nTrafalgar Sq_Paris\nAP caption without end\n")
	f.Add("\n\n\n")
	x := New(Options{Now: fixedNow})
	f.Fuzz(func(t *testing.T, text string) {
		arts, err := x.Extract(corpus.File{Entry: corpus.Entry{Path: "f.txt", Format: corpus.FormatText}, Text: text})
		if err != nil && strings.TrimSpace(text) != "" && !strings.Contains(err.Error(), "no article") {
			t.Fatalf("error %v", err)
		}
		for _, a := range arts {
			if a.Source == "" || a.Title == "" && a.Body == "" && a.Note == "" {
				t.Fatalf("empty article %+v", a)
			}
		}
	})
}
