package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

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
