package extract

import (
	"github.com/clippings/clippings/corpus"
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

// TestPageTitleEvidence extracts small pages whose title sources disagree
// and checks which title wins.
func TestPageTitleEvidence(t *testing.T) {
	const body = `<p>` + "The council met on Monday and talked for a long time about the harbour, the bridge and the budget of the coming year. " +
		"Several members asked questions about the costs, and the mayor answered each of them in turn before the vote was taken." + `</p>`
	for _, tt := range []struct{ name, head, top, want string }{
		{
			name: "visible headline over social title",
			head: `<title>Harbour: council votes for the bridge | Coastal News</title><meta property="og:title" content="Harbour: council votes for the bridge">`,
			top:  `<h1>Council votes for the new harbour bridge after long debate</h1>`,
			want: "Council votes for the new harbour bridge after long debate",
		},
		{
			name: "heading with a kicker before the title",
			head: `<title>Council votes for the bridge | Coastal News</title><meta property="og:title" content="Council votes for the bridge">`,
			top:  `<h1>Harbour Council votes for the bridge</h1>`,
			want: "Council votes for the bridge",
		},
		{
			name: "heading with a date after the title",
			head: `<title>Council votes for the bridge</title>`,
			top:  `<h1>Council votes for the bridge 02.02.2022 • Coastal News</h1>`,
			want: "Council votes for the bridge",
		},
		{
			name: "archive heading shares only a date",
			head: `<title>August 2005 – Coastal News</title><meta property="og:title" content="Council votes for the bridge">`,
			top:  `<h1>Monthly Archives: August 2005</h1>`,
			want: "Council votes for the bridge",
		},
		{
			name: "the only headline names the page",
			head: `<title>Home</title>`,
			top:  `<h1>Time to say goodbye.</h1><h2>What comes next</h2>`,
			want: "Time to say goodbye.",
		},
		{
			name: "a late h1 is no headline",
			head: `<title>Expert opinion in the crisis</title>`,
			top:  `<h2>First point</h2><h1>While you are here</h1>`,
			want: "Expert opinion in the crisis",
		},
		{
			name: "the headline goes on from the metadata title",
			head: `<title>Council votes for the bridge - Coastal News</title><meta property="og:title" content="Council votes for the bridge - Coastal News">` +
				`<meta property="og:site_name" content="Coastal News">`,
			top:  `<h1>Council votes for the bridge in Harbourtown</h1><ul><li><h3 class="entry-title">Council votes for the bridge</h3></li></ul>`,
			want: "Council votes for the bridge in Harbourtown",
		},
		{
			name: "most sources agree on the h1 in a breadcrumb",
			head: `<title>Bridge: the town sues the builder over bad stones | Coastal News</title>` +
				`<meta property="og:title" content="Bridge disaster: harbour in a bad state">` +
				`<meta name="twitter:title" content="Bridge disaster: harbour in a bad state">` +
				`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge: the town sues the builder over bad stones"}</script>`,
			top: `<nav><ol><li><a href="/">Home</a></li><li><h1>Bridge: the town sues the builder over bad stones</h1></li></ol></nav>` +
				`<h2 class="headline">Bridge disaster: harbour in a bad state</h2>`,
			want: "Bridge: the town sues the builder over bad stones",
		},
		{
			name: "the h1 that og:title and the start of <title> repeat",
			head: `<title>Bridge – the town sues the builder over bad stones | Coastal News | Harbour</title>` +
				`<meta property="og:title" content="Bridge – the town sues the builder over bad stones">`,
			top: `<nav><h1>Bridge – the town sues the builder over bad stones</h1></nav>` +
				`<h2 class="headline">Bridge – the town sues the builder</h2>`,
			want: "Bridge – the town sues the builder over bad stones",
		},
		{
			name: "an h1 that puts a kicker before the <title>, og:title a section",
			head: `<title>Council votes for the new bridge</title><meta property="og:title" content="Press releases">`,
			top: `<nav><h2>Press releases</h2></nav>` +
				`<h1><span class="c1">Press release of the council :</span> Council votes for the new bridge</h1>`,
			want: "Council votes for the new bridge",
		},
		{
			name: "without an h1 the first heading names the page",
			head: `<title>Coastal Rescue - Training</title>`,
			top:  `<h2>Boat crew training</h2><h2>Dates</h2>`,
			want: "Boat crew training",
		},
		{
			name: "without an h1 a first heading that shares no word is no title",
			head: `<title>Coastal Rescue - Training</title>`,
			top:  `<h2>Latest news</h2>`,
			want: "Coastal Rescue - Training",
		},
		{
			name: "a heading only screen readers see is no title",
			head: `<title>Boat crew training - Coastal Rescue</title>`,
			top:  `<h2 class="sr-only">Main content</h2><h2>New boat crew training centre</h2>`,
			want: "New boat crew training centre",
		},
		{
			name: "a one-word subheading of the <title> yields to the only headline",
			head: `<title>Printers • Labelling • Service | Acme AG</title>`,
			top:  `<h1>Printers and printing solutions from the experts</h1><h3>Labelling</h3><h3>Ribbons</h3>`,
			want: "Printers and printing solutions from the experts",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head>` + tt.head + `</head><body><article>` + tt.top + body + `</article></body></html>`
			arts, err := New(Options{}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
			if err != nil {
				t.Fatal(err)
			}
			if got := arts[0].Title; got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAddsToTitle(t *testing.T) {
	titles := []string{"Große Aufgaben für die neue Regierung | Stiftung", "Große Aufgaben für die neue Regierung"}
	for _, tt := range []struct {
		heading string
		want    bool
	}{
		{"Tunesien Große Aufgaben für die neue Regierung", true},
		{"Große Aufgaben für die neue Regierung 02.02.2022 • Presse", true},
		{"Große Aufgaben für die neue Regierung | Blog", true},
		{"Große Aufgaben für die neue Regierung | Stiftung", true},
		{"Große Aufgaben für die neue Regierung", false},
		{"Große Auf\u00adgaben für die neue Re\u00adgierung", true},
		{"Große Aufgaben für die neue Regierung in Tunesien", false},
	} {
		if got := addsToTitle(tt.heading, titles, "Stiftung"); got != tt.want {
			t.Errorf("addsToTitle(%q) = %v, want %v", tt.heading, got, tt.want)
		}
	}
}

func TestWithoutKicker(t *testing.T) {
	metas := []string{"Lagen-Pyramide mit GA2", "", "Einheit der Woche | Lagen-Pyramide mit GA2 - SWIM.DE"}
	for _, tt := range []struct{ in, want string }{
		{"Einheit der Woche Lagen-Pyramide mit GA2", "Lagen-Pyramide mit GA2"},
		{"Lagen-Pyramide mit GA2", "Lagen-Pyramide mit GA2"},
		{"Lagen-Pyramide mit GA2 und mehr", "Lagen-Pyramide mit GA2 und mehr"},
	} {
		if got := withoutKicker(tt.in, metas); got != tt.want {
			t.Errorf("withoutKicker(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanSiteName(t *testing.T) {
	for _, c := range []struct{ in, label, want string }{
		{"LinkNaija | Nigeria's popular news platform", "linknaija", "LinkNaija"},
		{"The Jerusalem Post | JPost.com", "jpost", "The Jerusalem Post"},
		{"Autoracing | F1 | Indy | MotoGP", "autoracing", "Autoracing"},
		{"News | Example Daily", "exampledaily", "Example Daily"},
		{"@politifact", "politifact", "politifact"},
		{" Remember 80/90 - Memorabilia anni 80/90 ", "remember8090", "Remember 80/90"},
		{"Spiegel-Online", "spiegel", "Spiegel-Online"},
	} {
		if got := cleanSiteName(c.in, c.label); got != c.want {
			t.Errorf("cleanSiteName(%q, %q) = %q, want %q", c.in, c.label, got, c.want)
		}
	}
}

func TestSiteNameEvidence(t *testing.T) {
	x := New(Options{})
	for _, c := range []struct{ name, head, url, want string }{
		{"a section as og:site_name loses to the title's end naming the host",
			`<meta property="og:site_name" content="U.S."><title>Oil drifts lower - Reuters</title>`,
			"https://www.reuters.com/article/oil", "Reuters"},
		{"a slug is written as the title writes it",
			`<meta property="og:site_name" content="@politifact"><title>What drugs cross the border? | PolitiFact West Virginia</title>`,
			"https://www.politifact.com/x", "PolitiFact"},
		{"a slug is the host the title ends with",
			`<meta property="og:site_name" content="cleveland"><title>Doobie Brothers reunite - cleveland.com</title>`,
			"https://www.cleveland.com/x", "cleveland.com"},
		{"a leading article does not hide the host",
			`<meta property="og:site_name" content="The Hollywood Reporter"><title>Stadia launches | Hollywood Reporter</title>`,
			"https://www.hollywoodreporter.com/x", "The Hollywood Reporter"},
		{"the whole title as site name names the site by its last part",
			`<meta property="og:site_name" content="Achtsam durch die Krise | Die FURCHE"><title>Achtsam durch die Krise | Die FURCHE</title>`,
			"https://www.furche.at/x", "Die FURCHE"},
		{"a personal site's title end alone does not make an outlet",
			`<title>Sorgfaltspflicht statt Gesetz | Wolfgang Michal</title><meta name="author" content="Wolfgang Michal">`,
			"https://wolfgangmichal.de/x", "Wolfgang Michal"},
		{"a subdomain word is no outlet where the alias table knows the domain's",
			`<meta property="og:site_name" content="Hosted"><title>Senator faces questions | Hosted</title>`,
			"https://hosted.ap.org/eagle/article/1/senator", "Associated Press"},
		{"a subdomain word is the outlet where the domain is not known",
			`<meta property="og:site_name" content="ProFootballTalk"><title>Browns lose | ProFootballTalk</title>`,
			"https://profootballtalk.nbcsports.com/x", "ProFootballTalk"},
		{"a slogan yields to the host's name before a generic word",
			`<meta property="og:site_name" content="Expert how-to for English Riders"><title>4 Things to Do - Expert how-to for English Riders</title>` +
				`<meta name="description" content="Practical Horseman's top picks for the month">`,
			"https://practicalhorsemanmag.com/news/x", "Practical Horseman"},
		{"a name that says the host's stem keeps it",
			`<meta property="og:site_name" content="Google Online Security Blog"><title>Protection | Google Online Security Blog</title>` +
				`<meta name="description" content="Google keeps you safe">`,
			"https://security.googleblog.com/x", "Google Online Security Blog"},
		{"without a name, the title's end that starts the host",
			`<title>Royal Arrogance - Sputnik International</title>`,
			"https://sputniknews.com/columnists/x", "Sputnik International"},
		{"without a name, the title's end that is the host plus more is not taken",
			`<title>Film night - Vortex Cannon Entertainment</title>`,
			"https://vortexcannon.org/x", "Vortex Cannon"},
		{"without a name, the host without its blog subdomain",
			`<title>Die Patientenakte</title>`,
			"https://blog.comwrap.com/x", "comwrap.com"},
	} {
		doc := `<html><head>` + c.head + `<link rel="canonical" href="` + c.url + `"></head><body><article><h1>Headline</h1><p>` +
			strings.Repeat("Some text of the article body goes here. ", 20) + `</p></article></body></html>`
		arts, err := x.Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: doc})
		if err != nil {
			t.Fatal(err)
		}
		if got := arts[0].Outlet; got != c.want {
			t.Errorf("%s: outlet = %q, want %q", c.name, got, c.want)
		}
		if strings.Contains(c.head, `name="author"`) && len(arts[0].Authors) != 1 {
			t.Errorf("%s: authors = %q, want the site's author", c.name, arts[0].Authors)
		}
	}
}

func TestStripSiteNameWithSeparators(t *testing.T) {
	for _, tt := range []struct{ title, site, want string }{
		{"Enchufla Figuren - Salsa-Figuren - Rueda in Berlin", "Salsa-Figuren - Rueda in Berlin", "Enchufla Figuren"},
		{"Harbour Guide | Tides - Moorings | Coastal News", "Harbour Guide | Tides", "Moorings | Coastal News"},
		{"Harbour Guide | Tides", "Harbour Guide | Tides", ""},
	} {
		if got := stripSite(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSite(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestSameTextCanonical(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Caf\u00e9 reopens", "Cafe\u0301 reopens", true},
		{"\u09AC\u09BE\u09DC\u09BF\u09B0", "\u09AC\u09BE\u09A1\u09BC\u09BF\u09B0", true}, // Bengali ড় precomposed and decomposed
		{"Cafe reopens", "Caf\u00e9 reopens", false},
	} {
		if got := sameText(tt.a, tt.b); got != tt.want {
			t.Errorf("sameText(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestStripCJKSite(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"武汉的声音：有英勇的你，才有英雄的城！-新华网", "武汉的声音：有英勇的你，才有英雄的城！"},
		{"河北各市巡演结束_新华网", "河北各市巡演结束"},
		{"东京-大阪间的新干线", "东京-大阪间的新干线"}, // the part after the dash is no site
		{"Harbour reopens-today", "Harbour reopens-today"},
	} {
		if got := stripSite(tt.in, ""); got != tt.want {
			t.Errorf("stripSite(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
