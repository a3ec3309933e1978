package extract

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

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

func TestShownZone(t *testing.T) {
	const body = `<p>The council met on Monday and talked for a long time about the harbour, the bridge and the budget of the coming year.</p>
<p>Several members asked questions about the costs, and the mayor answered each of them in turn before the vote was taken.</p></article></body></html>`
	for _, c := range []struct{ name, head, top, want string }{
		{"a US page's UTC stamp is dated in Eastern time",
			`<html lang="en-US"><head><meta property="article:published_time" content="2019-11-19T03:05:00Z">`, ``, "2019-11-18"},
		{"a time element showing local time gives the offset",
			`<html lang="en"><head><meta property="article:published_time" content="2019-11-19T07:03:25+00:00">`,
			`<time datetime="2019-11-19T07:03:25+00:00">November 18, 2019 11:03 PM</time>`, "2019-11-18"},
		{"a time element showing the UTC day keeps it",
			`<html lang="en-US"><head><meta property="article:published_time" content="2020-01-15T01:01:01+00:00">`,
			`<time datetime="2020-01-15T01:01:01+00:00">15 January 2020</time>`, "2020-01-15"},
		{"without a region the UTC day stays",
			`<html lang="en"><head><meta property="article:published_time" content="2019-11-19T03:05:00Z">`, ``, "2019-11-19"},
	} {
		page := c.head + `<title>Council votes for the bridge</title></head><body><article><h1>Council votes for the bridge</h1>` + c.top + body
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
		if err != nil {
			t.Fatal(err)
		}
		if got := arts[0].Date.String(); got != c.want {
			t.Errorf("%s: date %q, want %q", c.name, got, c.want)
		}
	}
}
