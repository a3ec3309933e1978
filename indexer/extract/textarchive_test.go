package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
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
		{"An article about the war in Ukraine, which I enjoyed writing.", "Ukraine"},
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

func TestOutletAliases(t *testing.T) {
	x := New(Options{Outlets: map[string]string{"The Times": "Times of London", "Kestrel": "Kestrel Policy Institute"}})
	tests := []struct{ in, want string }{
		{"Royal United Services Institute (Rusi)", "RUSI"},
		{"rusi", "RUSI"},
		{"BBC News", "BBC"},
		{"www.bbc.co.uk", "BBC"},
		{"the BBC", "BBC"},
		{"Monday’s Times", "Times of London"}, // the user's alias wins
		{"the Times", "Times of London"},
		{"Sunday Times", "The Sunday Times"},
		{"kestrel", "Kestrel Policy Institute"},
		{"Saturday's Gazette", "Gazette"},
		{"Meridian Wire", "Meridian Wire"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := x.outlets.resolve(tt.in); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.in, got, tt.want)
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

func TestNumericDateOrder(t *testing.T) {
	tests := []struct{ s, lang, want string }{
		{"12/03/2009 at 11:52 am", "it", "2009-03-12"},
		{"12/03/2009 at 11:52 am", "en", "2009-12-03"},
		{"12/03/2009", "", ""}, // ambiguous, language unknown
		{"25/03/2009", "", "2009-03-25"},
		{"03/25/2009", "fr", "2009-03-25"},
		{"31/02/2009", "it", ""},
		{"12/03-2009", "it", ""},
	}
	for _, tt := range tests {
		m, _ := numericDate(tt.s, tt.lang)
		if got := m.Date.String(); got != tt.want {
			t.Errorf("numericDate(%q, %q) = %q, want %q", tt.s, tt.lang, got, tt.want)
		}
	}
	// On a page: the language comes from <html lang>, else from the text.
	const page = `<html lang="it"><head><title>Il porto riapre | Gazzetta del Porto</title></head><body><article>
<h1>Il porto riapre</h1><p class="byline">di Maria Rossi</p><p class="date">12/03/2009 at 11:52 am</p>
<p>Il porto della città ha riaperto ieri mattina dopo tre settimane di lavori, tra gli applausi dei pescatori e dei commercianti del mercato.</p>
<p>Il sindaco ha detto che i lavori sono costati meno del previsto e che la strada del porto resterà aperta per tutta l'estate.</p>
</article></body></html>`
	arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].Date.String(); got != "2009-03-12" {
		t.Errorf("Italian page dated %q, want 2009-03-12", got)
	}
}

func TestHostAsWritten(t *testing.T) {
	for _, tt := range []struct{ host, title, want string }{
		{"www.pluralsight.com", "Pluralsight Tech Blog  | Managing Python Environments", "Pluralsight"},
		{"stackoverflow.blog", "How Rust manages memory - Stack Overflow", "Stack Overflow"},
		{"example.com", "Nothing here | Other Site", ""},
		{"lowercase.org", "a post on lowercase", ""},
	} {
		if got := hostAsWritten(tt.host, tt.title); got != tt.want {
			t.Errorf("hostAsWritten(%q, %q) = %q, want %q", tt.host, tt.title, got, tt.want)
		}
	}
}

func TestBodyAuthors(t *testing.T) {
	tests := []struct {
		body []string
		want string
	}{
		{[]string{"As the horror is revealed, news has emerged (Raffaello Pantucci writes).", "More."}, "Raffaello Pantucci"},
		{[]string{"Text von Christian Seiler", "Der Purzelbaum ist alt."}, "Christian Seiler"},
		{[]string{"Grenzen setzen.", "von Daniela Obers", "Grenzen sind das Fundament."}, "Daniela Obers"},
		{[]string{"Body.", "Raffaello Pantucci is director of international security studies at the Royal United Services Institute"}, "Raffaello Pantucci"},
		{[]string{"Body.", "Mehr Homestorys"}, ""},
		{[]string{"The minister writes often about trade.", "The Bank of England is the central bank of the UK."}, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(bodyAuthors(tt.body), ","); got != tt.want {
			t.Errorf("bodyAuthors(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestHeadingKicker(t *testing.T) {
	for _, tt := range []struct{ h1, want string }{
		{`<h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span></h1>`, "Daten von Rheinmetall gehackt"},
		{`<h1><span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">:</span> <span class="article-heading__title">Bohren, bis es heiß wird</span></h1>`, "Bohren, bis es heiß wird"},
		{`<h1><span class="kicker">Only a kicker here</span></h1>`, "Only a kicker here"},
		{`<h1>A plain <em>headline</em></h1>`, "A plain headline"},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(tt.h1))
		if err != nil {
			t.Fatal(err)
		}
		if got := headingText(doc.Find("h1")); got != tt.want {
			t.Errorf("headingText(%s) = %q, want %q", tt.h1, got, tt.want)
		}
	}
}

func TestStripDatePrefix(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"23.01.2022 - Dorothea Wierer darf noch jubeln", "Dorothea Wierer darf noch jubeln"},
		{"2022-01-23 | Results", "2022-01-23 | Results"},
		{"1984 - A novel", "1984 - A novel"},
		{"12/03/2009: Harbour reopens today", "Harbour reopens today"},
	} {
		if got := stripDatePrefix(tt.in); got != tt.want {
			t.Errorf("stripDatePrefix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLocalDate(t *testing.T) {
	tests := []struct {
		host   string
		lang   string
		stamps []string
		s      string
		want   string
	}{
		{"www.kas.de", "", nil, "2021-11-04T23:00Z", "2021-11-05"},
		{"www.lanacion.com.ar", "es", nil, "2022-05-04T00:53:29.274Z", "2022-05-03"},
		{"www.eldeber.com.bo", "", nil, "Wed, 04 May 2022 02:41:00 GMT", "2022-05-03"},
		{"example.com", "en", []string{"Sat, 19 Oct 2019 00:04:00 +0200"}, "2019-10-18T22:04:00Z", "2019-10-19"},
		{"example.wordpress.com", "de", nil, "2018-12-31T23:11:59+00:00", "2019-01-01"},
		{"example.com", "en", nil, "2019-10-18T22:04:00Z", ""},              // no zone known: the stamp's own day
		{"example.com", "es", nil, "2019-10-18T22:04:00Z", ""},              // Spanish is spoken in many zones
		{"www.lanacion.com.ar", "es", nil, "2022-05-04T00:00:00Z", ""},      // midnight UTC stores a bare date
		{"www.lanacion.com.ar", "es", nil, "2022-05-04T00:53:29-03:00", ""}, // not UTC: the day written
	}
	for _, tt := range tests {
		d, ok := localDate(tt.s, pageZone(tt.host, tt.lang, tt.stamps))
		if got := d.String(); ok != (tt.want != "") || got != tt.want {
			t.Errorf("localDate(%q) on %s = %q, %v; want %q", tt.s, tt.host, got, ok, tt.want)
		}
	}
}

func TestPublishedIn(t *testing.T) {
	for _, tt := range []struct{ s, want string }{
		{"4. 2. 2022.", "2022-02-04"},
		{"Letzte Änderung: 31.10.2023 - 14:49:39Erschienen am: 01.11.2023 Lesungen: 61", "2023-11-01"},
		{"Published 3 May 2021, updated 5 May 2021", "2021-05-03"},
		{"02/10/2020", ""}, // the order is not certain
		{"March 2020", ""},
	} {
		d, ok := publishedIn(tt.s)
		if got := d.String(); ok != (tt.want != "") || got != tt.want {
			t.Errorf("publishedIn(%q) = %q, %v; want %q", tt.s, got, ok, tt.want)
		}
	}
}

func TestUntruncate(t *testing.T) {
	const src = `<html><head><meta property="og:title" content="Brothel catering to politicians, doctors, lawyers busted in Boston"></head>
<body><h1>Alles Neue macht der Mai… | Blog</h1></body></html>`
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	p := &page{doc: doc, meta: readMeta(doc)}
	for _, tt := range []struct{ in, want string }{
		{"Brothel catering to politicians, doctors,…", "Brothel catering to politicians, doctors, lawyers busted in Boston"},
		{"Alles Neue macht der Mai…", "Alles Neue macht der Mai…"}, // the ellipsis is the title's
		{"Denkmäler in neuem Licht.", "Denkmäler in neuem Licht."},
	} {
		if got := untruncate(tt.in, p); got != tt.want {
			t.Errorf("untruncate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRepublished(t *testing.T) {
	long := "The cancellation of the football match on Tuesday night was the latest expression of a terrorist fear that wracks the region."
	tests := []struct {
		name          string
		body          []string
		title, outlet string
		note          bool
	}{
		{"intro and title", []string{"Final piece from last week, this time looking at whether it could happen here, for my home institution RUSI.", "Could it happen here?", long}, "Could it happen here?", "RUSI", true},
		{"self reference", []string{"Still catching up after a busy week. This a short piece for the BBC on how vulnerable Europe is.", long}, "Page", "BBC", true},
		{"first person writing", []string{"It has been busy of late. First up, I wrote a longer piece in the Independent on Sunday at the weekend.", long}, "Page", "Independent on Sunday", true},
		{"a column's own opening", []string{"In my column for The Times last week, I argued that the harbour should stay open all year round.", long}, "Page", "Site", false},
		{"news about a piece", []string{"In a new piece for the Atlantic, the minister argues that the harbour should stay open all year round.", long}, "Page", "Site", false},
	}
	for _, tt := range tests {
		a := corpus.Article{Title: "Page", Outlet: "Site"}
		body := republished(&a, tt.body)
		if a.Title != tt.title || a.Outlet != tt.outlet || (a.Note != "") != tt.note || body[len(body)-1] != long {
			t.Errorf("%s: title %q, outlet %q, note %q, body %q", tt.name, a.Title, a.Outlet, a.Note, body)
		}
	}
}

func TestHTMLDateNotToday(t *testing.T) {
	// A page whose only date is a calendar widget showing the day of
	// extraction has no publication date.
	const page = `<html><head><title>Harbour notes</title></head><body><article><h1>Harbour notes</h1>
<p>The harbour reopened after three weeks of works, to the applause of the fishermen and of the traders of the market.</p>
<p>The mayor said the works cost less than planned and that the harbour road will stay open all summer long.</p>
</article><div class="calendar">Today is January 15, 2024</div></body></html>`
	arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if d := arts[0].Date; !d.IsZero() {
		t.Errorf("date %v, want none", d)
	}
}

func TestURLPathDate(t *testing.T) {
	const page = `<html><head><title>Harbour notes</title><link rel="canonical" href="https://janedoe.example/%s/harbour-notes/"></head>
<body><article><h1>Harbour notes</h1>
<p>The harbour reopened after three weeks of works, to the applause of the fishermen and of the traders of the market.</p>
<p>The mayor said the works cost less than planned and that the harbour road will stay open all summer long.</p>
</article></body></html>`
	for _, tt := range []struct{ path, want string }{{"2015/11/20", "2015-11-20"}, {"2015/11", "2015-11"}} {
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: strings.Replace(page, "%s", tt.path, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("URL /%s/: date %q, want %q", tt.path, got, tt.want)
		}
	}
}
