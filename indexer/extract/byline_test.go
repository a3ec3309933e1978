package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/clippings/clippings/corpus"
)

func TestCleanAuthorsDropsOrganisations(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want []string
	}{
		{"Bund der Energieverbraucher e.V.", nil},
		{"Hanns-Seidel-Stiftung e.V", nil},
		{"Deutscher Caritasverband", nil},
		{"Jane Doe", []string{"Jane Doe"}},
		{"Uta Staschewski, Projektleiterin der HSS", []string{"Uta Staschewski"}},
		{"John Leiter", []string{"John Leiter"}},
		{"vom Krimiblogger", []string{"Krimiblogger"}},
		{"Gesponserte Inhalte", nil}, // a forum's advertisement
		{"red, Agenturen", nil},      // "Redaktion" and agencies
		{"Sponsored Content", nil},
	} {
		if got := cleanAuthors(c.raw, "", false); !slices.Equal(got, c.want) {
			t.Errorf("cleanAuthors(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestNotOutlet(t *testing.T) {
	for _, c := range []struct {
		names, outlets, want []string
	}{
		{[]string{"OÖ Volksblatt"}, []string{"Volksblatt"}, nil},
		{[]string{"Die FURCHE", "Ursula Baatz"}, []string{"", "DIE FURCHE"}, []string{"Ursula Baatz"}},
		{[]string{"Daniel Lemire"}, []string{"Daniel Lemire's blog"}, []string{"Daniel Lemire"}},
		{[]string{"Jane Doe"}, []string{"BBC"}, []string{"Jane Doe"}}, // too short to compare
		{[]string{"OÖ Volksblatt"}, []string{"Oberösterreichisches Volksblatt"}, nil},
		{[]string{"Jane Volksblatt"}, []string{"Oberösterreichisches Volksblatt"}, []string{"Jane Volksblatt"}},
		{[]string{"AB Sun"}, []string{"The Sun"}, []string{"AB Sun"}}, // "Sun" is too short to tell
	} {
		if got := notOutlet(slices.Clone(c.names), c.outlets...); !slices.Equal(got, c.want) {
			t.Errorf("notOutlet(%q, %q) = %q, want %q", c.names, c.outlets, got, c.want)
		}
	}
}

func TestCompleteNames(t *testing.T) {
	page := "Kulturtechnik\nvon Nils Pickert\nText ...\nÜber den Autor\nNils Pickert schreibt hier.\n" +
		"Autor: Gàbor Muniér, Datum\nLynn\nLynn Lynn\nTine Hi\nvon Henry Steinhau\nChefredakteur Christian P. Stadtfeld sagt"
	for _, c := range []struct {
		names, want []string
	}{
		{[]string{"Nils"}, []string{"Nils Pickert"}},         // completed twice the same way
		{[]string{"gabor_munier"}, []string{"Gàbor Muniér"}}, // user name written out
		{[]string{"Tine"}, []string{"Tine"}},                 // completed once only
		{[]string{"Henry"}, []string{"Henry Steinhau"}},      // once, but the host says so
		{[]string{"christian.stadtfeld"}, []string{"Christian P. Stadtfeld"}},
		{[]string{"Lynn"}, []string{"Lynn"}},                       // not by itself
		{[]string{"Jane Doe", "AFP"}, []string{"Jane Doe", "AFP"}}, // already full, or an acronym
	} {
		if got := completeNames(c.names, page, "steinhau"); !slices.Equal(got, c.want) {
			t.Errorf("completeNames(%q) = %q, want %q", c.names, got, c.want)
		}
	}
}

func TestTwitterLabelAuthor(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head>
<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karoline Herr">
<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 Minuten">
</head><body></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := readMeta(doc).MetaAuthor; !slices.Equal(got, []string{"Karoline Herr"}) {
		t.Errorf("meta authors %q, want [Karoline Herr]", got)
	}
}

func TestPageAuthorsVisibleByline(t *testing.T) {
	for _, c := range []struct {
		name, html string
		want       []string
	}{
		{"byline under the heading beats a different meta author",
			`<head><meta name="author" content="Site Admin Person"></head><body><h1>Energy prices</h1><h5><em>Von Leonora Holling</em></h5><p>Text.</p></body>`,
			[]string{"Leonora Holling"}},
		{"posted on a date by",
			`<body><h1>Items</h1><div>Posted on September 21, 2020 by Adi Tzlil</div><p>Text.</p></body>`,
			[]string{"Adi Tzlil"}},
		{"meta and byline agree: meta kept",
			`<head><meta name="author" content="Rudolf Fischer"></head><body><h1>Offroad</h1><p>By Rudolf Fischer</p></body>`,
			[]string{"Rudolf Fischer"}},
		{"a byline that writes the name out wins over a first name",
			`<head><meta name="author" content="Todd"></head><body><h1>Robot</h1><p>By</p><p>Todd Bates</p><p>Text.</p></body>`,
			[]string{"Todd Bates"}},
		{"an author label far below the heading",
			`<body><h1>Der WindRebell</h1>` + strings.Repeat("<p>Text.</p>", 40) + `<b>Von:</b><br><br>Götz Warnke</body>`,
			[]string{"Götz Warnke"}},
		{"a heading that starts with von is no byline",
			`<body><h1>Demut</h1><h2>Von Risiken und Nebenwirkungen</h2><p>Text.</p></body>`,
			nil},
		{"bylines in comments do not count",
			`<body><h1>Rules</h1><p>Text.</p><div class="comments"><p>by Jane Roe</p></div></body>`,
			nil},
		{"author label above the name",
			`<body><h1>Quarantäne</h1><h4>Autor</h4><p><a href="/p">Nikolai Huke</a></p><p>Text.</p></body>`,
			[]string{"Nikolai Huke"}},
		{"date line ending with the name",
			`<body><small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small><h1>Stellungnahme</h1><p>Text.</p></body>`,
			[]string{"Uta Helkenberg"}},
		{"a teaser from another outlet is no byline",
			`<body><h1>Forschung</h1><p>Text.</p><p>Ein Beitrag von PLASTVERARBEITER</p></body>`,
			nil},
		{"labelled author with a role",
			`<body><h1>Tunesien</h1><p>Text.</p><p>Autorin: Uta Staschewski (Projektleiterin)</p></body>`,
			[]string{"Uta Staschewski"}},
		{"the author of a reader's letter is not the article's",
			`<body><h1>Lage</h1><div class="leserbrief_meta"><span class="author">Karla Roe</span></div><p class="author">Gunter Frank</p></body>`,
			[]string{"Gunter Frank"}},
		{"a comment's author is not the article's",
			`<body><h1>Studie</h1><p>Text.</p><ol><li id="comment-2"><span class="comment-author">Philipp Roe</span></li></ol></body>`,
			nil},
		{"the author of a teaser card is not the article's",
			`<body><h1>Vielfalt</h1>` + strings.Repeat("<p>Text.</p>", 40) + `<a class="listing__link" href="/other"><h3>Other</h3><div class="item__author">Von <span>Jörn Roe</span></div></a></body>`,
			nil},
		{"the author of a teaser whose linked heading is elsewhere is not the article's",
			`<body><h1>Wochenrückblick</h1><p>Text.</p><article class="ee-post"><a href="/other"><h3>Other</h3></a><ul><li class="ee-post__meta--author">Jan Roe</li></ul></article></body>`,
			nil},
		{"the author of a teaser whose heading links elsewhere is not the article's",
			`<body><h1>Pelea</h1><p>Text.</p><article class="card"><h2><a href="/other">Other</a></h2><div class="article-author"><a href="/autor/dr">Diego Roe</a></div></article></body>`,
			nil},
		{"an interview's byline names the interviewer, not the guest, over a different meta author",
			`<head><meta name="author" content="Paul Roe"></head><body><h1>Interview mit Sonja</h1><p><em>Ein Interview von <strong>Eugen Zentner</strong> mit <strong>Sonja Silberhorn</strong>.</em></p></body>`,
			[]string{"Eugen Zentner"}},
		{"an author box whose heading names the author",
			`<body><h1>Leasing</h1><p>Text.</p><div class="author-bio"><h3>Martin Junker</h3><p><a href="/author/martin">Alles von Martin Junker</a></p><p>Kontakt | +49 030 5683 8000</p></div></body>`,
			[]string{"Martin Junker"}},
		{"the writer who took the photos too",
			`<body><h1>Hechte</h1><table><tr><td>26 | 01 | 2022</td><td class="authorbold"><span>Text &amp; Fotos:</span> Ivan Valetny</td></tr></table><p>Text.</p></body>`,
			[]string{"Ivan Valetny"}},
		{"initials linking to the author's page are the name the page writes for them",
			`<body><h1>Hunde</h1><p>Posted by <a rel="author" href="https://example.org/author/donaldtownsend/">DT</a></p><p>Text.</p><footer>Ein Tagebuch von Donald Townsend</footer></body>`,
			[]string{"Donald Townsend"}},
		{"a name alone between the heading and the date",
			`<body><h1>Woman Sees a Car Stop</h1><div><span>Cara Stiles</span> |</div><div><time>April 13, 2020</time></div><p>Text.</p></body>`,
			[]string{"Cara Stiles"}},
		{"a label led by a separator over the name",
			`<body><h1>Woman Sees a Car Stop</h1><div>yas!<br>| By<br><a href="/a/cs">Cara Stiles</a> |<br><time>April 13, 2020</time></div><p>Text.</p></body>`,
			[]string{"Cara Stiles"}},
		{"a caption three lines under the heading is no author",
			`<body><h1>Swim Results</h1><h5>Aidan Roe 100 backstroke</h5><h5>Miguel Roe North Diving</h5><h5>Ben Roe Trinity</h5><div>Posted: Fri 6:45 PM, Feb 16, 2018</div><p>Text.</p></body>`,
			nil},
		{"an outlet between the heading and the date is no author",
			`<body><h1>University fees</h1><div>The Guardian</div><div>April 13, 2020</div><p>Text.</p></body>`,
			nil},
		{"the author of a related article's box is not the article's",
			`<body><h1>Bad</h1>` + strings.Repeat("<p>Text.</p>", 40) + `<div class="gallery-related-combined__item__author"><span>Von <a href="/user/t">Thomas Roe</a></span></div></body>`,
			nil},
		{"markup naming the outlet does not hide the byline after it",
			`<body><h1>Buses</h1><span itemprop="author" content="El Colombiano"></span><div class="autor"><h6>Jacobo Betancur Peláez | Publicado hace 3 horas</h6></div><p>Text.</p></body>`,
			[]string{"Jacobo Betancur Peláez"}},
		{"a byline led by dashes",
			`<body><h1>Micropolitics</h1><p>Text.</p><div><em>---- by Kenneth Surin</em></div></body>`,
			[]string{"Kenneth Surin"}},
		{"a labelled byline after a date on the same line, above a heading that is the article's title",
			`<body><h1>Jugendwerk</h1><div>05.02.2020 - Redaktion: Eberhard Fuhr (Pressesprecher des EJW)</div><h2>Faire Lieferketten</h2><p>Text.</p></body>`,
			[]string{"Eberhard Fuhr"}},
		{"co-authors each in a link on its own line after a label",
			"<body><h1>Moon landers</h1><p class=\"byline\">By\n<a href=\"/author/tm\">Tariq Malik</a>,\n<a href=\"/author/mw\">Mike Wall</a>\n<time>2019-11-18T22:05:36Z</time>\nSpaceflight</p><p>Text.</p></body>",
			[]string{"Tariq Malik", "Mike Wall"}},
		{"co-authors joined by a comma on a line of its own",
			"<body><h1>Drugs</h1><p>By\n<a href=\"/staff/md\">Matthew Digby</a>\n,\n<a href=\"/staff/mdo\">Minh Do</a>\n<span>on Monday, November 18th, 2019</span></p><p>Text.</p></body>",
			[]string{"Matthew Digby", "Minh Do"}},
		{"a byline shown only without scripts",
			`<body><h1>Safe Browsing</h1><noscript><span class="byline-author">Posted by Nathan Parker, Eric Mill and Kiran C Nair - Chrome Safe Browsing team</span></noscript><p>Text.</p></body>`,
			[]string{"Nathan Parker", "Eric Mill", "Kiran C Nair"}},
		{"a noscript without byline markup is not read",
			`<body><h1>Safe Browsing</h1><noscript><p>By Jane Roe</p></noscript><p>Text.</p></body>`,
			nil},
		{"a link to the author's page whose address spells the name",
			"<body><h1>Waldwege</h1><div><a href=\"https://example.de/autoren/kathrin-fuehres-684124\"><img alt=\"Kathrin Führes\"><span class=\"teaser-copyright\">© Kathrin Führes</span><span itemprop=\"name\">Kathrin\n Führes</span></a><span>am</span> 26.01.2022</div><p>Text.</p></body>",
			[]string{"Kathrin Führes"}},
		{"a link to an author's page whose address spells another name",
			`<body><h1>Waldwege</h1><p>Text about <a href="/autoren/john-roe">Kathrin Führes</a>.</p></body>`,
			nil},
		{"a link to an author's page by number holding only a name",
			`<body><h1>Waldwege</h1><div><a href="/author/12345">Boris T. Kaiser</a></div><p>Text.</p></body>`,
			[]string{"Boris T. Kaiser"}},
		{"a date line that ends with the name after von, under the heading",
			`<body><h1>Ehezoff</h1><div>Seite 1 von 2</div><h2>Stars (1 / 1) <span>06.11.2023 13:30 von Olga</span></h2><p>Text.</p></body>`,
			[]string{"Olga"}},
		{"a dated teaser far below the heading is another piece's",
			`<body><h1>Impeachment</h1>` + strings.Repeat("<p>Text.</p>", 10) + `<div>Horoscope for Wednesday, 11/20/19 by Christopher Roe</div></body>`,
			nil},
		{"a byline that goes on with the post's section",
			`<body><h1>Zahlen</h1><div>Am 13. November 2019 Von Henry Roe In Aktuell</div><p>Text.</p></body>`,
			[]string{"Henry Roe"}},
		{"an author's bio in byline markup is no byline",
			`<body><h1>Musik</h1><p>Text.</p><div class="author-box"><p class="author-bio">Alles über Lautsprecher, Heimkino und HiFi-Trends. Zudem haben wir jede Menge praktische Tipps.</p></div></body>`,
			nil},
		{"a user name marked as the author's formatted name",
			`<body><h1>Metal</h1><p class="headline_meta">by <span class="author vcard fn">oz</span> on December 4, 2006</p><p>Text.</p></body>`,
			[]string{"oz"}},
		{"a code in capitals in the author meta tag that no reader sees",
			`<head><meta name="author" content="KWCHCIK"></head><body><h1>Swim Results</h1><p>Text.</p></body>`,
			nil},
		{"a name in capitals in the author meta tag that the page shows",
			`<head><meta name="author" content="HASENKOPF"></head><body><h1>Swim Results</h1><p>Text.</p><p>Foto: HASENKOPF</p></body>`,
			[]string{"Hasenkopf"}},
		{"a byline that goes on with the post's categories",
			`<body><h1>Antipoden</h1><p>Text.</p><div>Posted by Nesselsetzer under Just For Fun, Rebloggt | Schlagwörter: Antipoden, Theorie</div></body>`,
			[]string{"Nesselsetzer"}},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html>" + c.html + "</html>"))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc), title: text(doc.Find("h2").First())}
		if got := New(Options{}).pageAuthors(p, "ElColombiano.com"); !slices.Equal(got, c.want) {
			t.Errorf("%s: authors %q, want %q", c.name, got, c.want)
		}
	}
}

func TestJSONLDWebPageAuthor(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Piraten"},
{"@type":"WebPage","name":"Grundeinkommen","author":{"@id":"#/schema/person/1"}},
{"@type":["Person"],"@id":"#/schema/person/1","name":"Harald Bauer"}]}
</script></head><body></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := readMeta(doc).LD.Authors; !slices.Equal(got, []string{"Harald Bauer"}) {
		t.Errorf("JSON-LD authors %q, want [Harald Bauer]", got)
	}
}

func TestBodyAuthorsSignature(t *testing.T) {
	text := []string{"First paragraph of the report.", "Second paragraph of the report."}
	for _, c := range []struct {
		last string
		want []string
	}{
		{"Stefan Wasmer", []string{"Stefan Wasmer"}},
		{"– Marina Mucha", []string{"Marina Mucha"}},
		{"Euer HansEhrlich", []string{"HansEhrlich"}},
		{"Mehr Homestorys", nil},            // a link, not a name
		{"Blessing, 816 Seiten", nil},       // a book's details
		{"Polizei bittet um Hinweise", nil}, // a subheading
		{"© 2019 Sven Schreivogel", []string{"Sven Schreivogel"}},
		{"© 2019 Filmbüro", nil}, // not a person's full name
	} {
		if got := bodyAuthors(append(slices.Clone(text), c.last)); !slices.Equal(got, c.want) {
			t.Errorf("bodyAuthors(... %q) = %q, want %q", c.last, got, c.want)
		}
	}
	// A signature over the day it was written, or over an office.
	for _, c := range []struct {
		sig, under string
		want       []string
	}{
		{"Stefan Wasmer", "10. September 2017", []string{"Stefan Wasmer"}},
		{"Kazım TÜRKMEN", "DITIB-Bundesvorsitzender", []string{"Kazım TÜRKMEN"}},
		{"Jane Roe", "Managing Director, Example Ltd", []string{"Jane Roe"}},
		{"Jane Roe", "Example Ltd, Berlin", nil},                   // an address, not an office
		{"Weitere Informationen", "Pressestelle", nil},             // not a name
		{"Jane Roe", "She is the director of the institute.", nil}, // a sentence
	} {
		body := append(slices.Clone(text), "Third paragraph.", c.sig, c.under)
		if got := bodyAuthors(body); !slices.Equal(got, c.want) {
			t.Errorf("bodyAuthors(... %q, %q) = %q, want %q", c.sig, c.under, got, c.want)
		}
	}
}

func TestLineNamesCreditsAndAgencies(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want []string
	}{
		{"Christian Seiler    Illustration von Markus Roost", []string{"Christian Seiler"}},
		{"Jane Doe Photos by John Roe", []string{"Jane Doe"}},
		{"Peter Maahn/SP-X", []string{"Peter Maahn"}},
		{"Jane Doe, AFP, John Roe", []string{"Jane Doe", "John Roe"}},
		{"Nils, Pickert", nil}, // one-word names that are not codes: words, not names
		{"Richard David Precht im Gespräch mit Karin Fischer", []string{"Richard David Precht", "Karin Fischer"}},
		{"Jane Doe in conversation with John Roe", []string{"Jane Doe", "John Roe"}},
	} {
		if got := lineNames(c.raw, ""); !slices.Equal(got, c.want) {
			t.Errorf("lineNames(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestCompleteNamesShortWordAfterName(t *testing.T) {
	page := "November 2019 Von Henry In Aktuell\nAusschnitt: Henry Steinhau\nArtikel – Henry Steinhau"
	if got := completeNames([]string{"Henry"}, page); !slices.Equal(got, []string{"Henry Steinhau"}) {
		t.Errorf("completeNames(Henry) = %q, want [Henry Steinhau]", got)
	}
}

func TestSignatureCompletedBySiteName(t *testing.T) {
	page := `<html><head><meta property="og:site_name" content="Dr. Alexander Klier"><title>Zeitphilosophie – Dr. Alexander Klier</title></head>
<body><div class="site-title">Dr. Alexander Klier</div><h1>Zeitphilosophie</h1>` +
		strings.Repeat("<p>Die Zeit ist ein Thema der Philosophie, über das viele Denker geschrieben haben, und sie bleibt es.</p>", 6) +
		`<p>Euer Alexander</p></body></html>`
	arts, err := New(Options{}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].Authors; !slices.Equal(got, []string{"Alexander Klier"}) {
		t.Errorf("authors %q, want [Alexander Klier]", got)
	}
}

func TestVisibleBylineAboveTheLead(t *testing.T) {
	lead := "(21. November 2022) Energieverbraucher erhalten eine Preiserhöhung nach der nächsten."
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><title>site | Gaspreise</title></head><body>
<h2>Energiepreiskrise: Entlastungen</h2><h5><em>Von Leonora Holling</em></h5><p>` + lead + `</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc), title: "Gaspreise", lead: lead}
	if got := New(Options{}).pageAuthors(p, ""); !slices.Equal(got, []string{"Leonora Holling"}) {
		t.Errorf("authors %q, want [Leonora Holling]", got)
	}
	p.lead = ""
	if got := New(Options{}).pageAuthors(p, ""); got != nil {
		t.Errorf("without the lead: authors %q, want none", got)
	}
}

func TestLabelledBylineAboveTheLead(t *testing.T) {
	lead := "Oliver Frankenbach wird mit Wirkung zum 1.9.2015 zum Vorstand Finanzen bestellt, sagt der Verein."
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><title>Fanclub | Presse</title></head><body>
<div>Presse : Weichen für die Zukunft</div><div>Geschrieben von Cooper Roe am 25.08.2015 22:30 (1599 x gelesen)</div><p>` + lead + `</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc), title: "Fanclub - Weichen", lead: lead}
	if got := New(Options{}).pageAuthors(p, ""); !slices.Equal(got, []string{"Cooper Roe"}) {
		t.Errorf("authors %q, want [Cooper Roe]", got)
	}
}

func TestJSONLDWithRawLineBreaks(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><head><script type=\"application/ld+json\">" +
		"{\"@type\": \"BlogPosting\", \"articleBody\": \"line one\nline two \\\"quoted\\\"\",\n\"author\": {\"@type\": \"Person\", \"name\": \"Jacopo Cascioli\"}}" +
		"</script></head><body></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	if got := readMeta(doc).LD.Authors; !slices.Equal(got, []string{"Jacopo Cascioli"}) {
		t.Errorf("JSON-LD authors %q, want [Jacopo Cascioli]", got)
	}
}

func TestMicrodataAuthorOfCitedWork(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><meta name="citation_author" content="Marwan H. Adwan"></head>
<body><article itemscope itemtype="http://schema.org/ScholarlyArticle"><meta itemprop="author" content="Marwan H. Adwan">
<ol><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle"><meta itemprop="author" content="NH. Shear, SP. Spielberg, "></li></ol>
</article></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := readMeta(doc).MetaAuthor; !slices.Equal(got, []string{"Marwan H. Adwan", "Marwan H. Adwan"}) {
		t.Errorf("meta authors %q, want the article's author only", got)
	}
}

func TestNumberedHandles(t *testing.T) {
	for _, c := range []struct {
		raw    string
		strict bool
		want   []string
	}{
		{"freeman1984", false, []string{"freeman1984"}}, // rel=author markup
		{"Marianne1", false, []string{"Marianne1"}},
		{"freeman1984", true, nil}, // a line of text wants a capital
		{"von Marianne1", true, []string{"Marianne1"}},
		{"Author: Bo2man am 29.12.2010", false, []string{"Bo2man"}},
		{"2019", false, nil},
		{"12345abc", false, nil},
		{"Jane Doe 2019", false, nil},
	} {
		if got := cleanAuthors(c.raw, "", c.strict); !slices.Equal(got, c.want) {
			t.Errorf("cleanAuthors(%q, strict %v) = %q, want %q", c.raw, c.strict, got, c.want)
		}
	}
}

func TestJSONLDRecipeAuthor(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@type":"Recipe","name":"Mandarinen-Schmand-Kuchen","author":{"@type":"Person","name":"jesusfreak"},
"review":[{"@type":"Review","author":{"@type":"Person","name":"haferflocke22"}}]}
</script></head><body></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := readMeta(doc).LD.Authors; !slices.Equal(got, []string{"jesusfreak"}) {
		t.Errorf("JSON-LD authors %q, want [jesusfreak]", got)
	}
}

func TestJSONLDPersonNamedLikeTheSite(t *testing.T) {
	for _, c := range []struct {
		typ  string
		want []string
	}{
		{"Person", []string{"Wolfgang Schmale"}},
		{"Organization", nil}, // an outlet naming itself
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><meta property="og:site_name" content="Wolfgang Schmale">
<script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"Studie","author":{"@id":"#p1"}},
{"@type":"` + c.typ + `","@id":"#p1","name":"Wolfgang Schmale"}]}</script></head><body><h1>Studie</h1><p>Text.</p></body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc)}
		if got := New(Options{}).pageAuthors(p, "Wolfgang Schmale"); !slices.Equal(got, c.want) {
			t.Errorf("%s: authors %q, want %q", c.typ, got, c.want)
		}
	}
}

func TestBylineDateWithWeekday(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want []string
	}{
		{"Fabian am Dienstag 6. Mai 2014", []string{"Fabian"}},
		{"Jane Doe on Monday, March 3, 2020", []string{"Jane Doe"}},
	} {
		if got := cleanAuthors(c.raw, "", true); !slices.Equal(got, c.want) {
			t.Errorf("cleanAuthors(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestDomainIsNoAuthor(t *testing.T) {
	for _, raw := range []string{"jungefreiheit.de", "wien.ORF.at", "example.com/news"} {
		if got := cleanAuthors(raw, "", false); got != nil {
			t.Errorf("cleanAuthors(%q) = %q, want none", raw, got)
		}
	}
	page := `<html><head><link rel="canonical" href="https://www.katholisch.at/aktuelles/1"><meta name="author" content="katholisch.at">
<title>Alleinerziehende</title></head><body><article><h1>Alleinerziehende</h1>` +
		strings.Repeat("<p>Alleinerziehende Mütter und Väter stehen vor besonderen Herausforderungen, sagt die Caritas in Wien.</p>", 6) +
		`</article></body></html>`
	arts, err := New(Options{}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].Authors; len(got) > 0 {
		t.Errorf("authors %q, want none: the site's address is no author", got)
	}
}

func TestOrganisationsInMetadata(t *testing.T) {
	for _, c := range []struct {
		meta, site string
		want       []string
	}{
		{"hessenschau.de, Frankfurt, Germany", "hessenschau.de", nil}, // the outlet's address
		{"DITIB - Türkisch-Islamische Union der Anstalt für Religion e.V.", "", nil},
		{"Jane Doe - Staff Writer", "", []string{"Jane Doe"}},
		{"Jane Doe, John Roe", "hessenschau.de", []string{"Jane Doe", "John Roe"}},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head><meta name="author" content="` + c.meta + `"></head><body></body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc)}
		if got := New(Options{}).markedAuthors(p, c.site); !slices.Equal(got, c.want) {
			t.Errorf("meta author %q: authors %q, want %q", c.meta, got, c.want)
		}
	}
}

func TestCopyrightAuthor(t *testing.T) {
	text := strings.Repeat("<p>Mercurial moved to Python 3 over several years of work.</p>", 6)
	for _, c := range []struct {
		name, html string
		want       []string
	}{
		{"notice at the page's end", text + `<div id="footer"><p>Copyright (c) 2012- Gregory Szorc. All rights reserved.</p></div>`, []string{"Gregory Szorc"}},
		{"notice with a bullet", text + `<p class="copyrights-text">(c) Johannes Wolf • Weitere Rechte siehe Impressum</p>`, []string{"Johannes Wolf"}},
		{"a photo credit is no author", text + `<figure><img src="a.jpg"><figcaption>© Jane Roe</figcaption></figure>`, nil},
		{"an outlet's notice is no author", text + `<p>Copyright © 2022 Greentech Live</p>`, nil},
		{"a notice at the top is no closing notice", `<p>© Jane Roe</p>` + text + text, nil},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + c.html + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc)}
		if got := copyrightAuthor(p, ""); !slices.Equal(got, c.want) {
			t.Errorf("%s: authors %q, want %q", c.name, got, c.want)
		}
	}
}

func TestBylineTails(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want []string
	}{
		{"Isabel Caro , Rocío Latorre y José Miguel Wilson Hace 13 horas Tiempo de lectura: 8 minutos", []string{"Isabel Caro", "Rocío Latorre", "José Miguel Wilson"}},
		{"Jane Doe 5 hours ago", []string{"Jane Doe"}},
		{"By Glen Owen And Brendan Carlin For The Mail On Sunday", []string{"Glen Owen", "Brendan Carlin"}},
	} {
		if got := cleanAuthors(c.raw, "", true); !slices.Equal(got, c.want) {
			t.Errorf("cleanAuthors(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
}

func TestShownNames(t *testing.T) {
	for _, c := range []struct {
		name, html string
		names      []string
		all        bool
		want       []string
	}{
		{"a user name only in JSON-LD is dropped",
			`<head><script type="application/ld+json">{"@type":"Person","name":"webnata"}</script></head><body><h1>T</h1><p>Text.</p></body>`,
			[]string{"webnata"}, false, nil},
		{"a user name only in an avatar's address is dropped",
			`<body><h1>T</h1><img alt="gto" src="/gto.png"><a href="https://twitter.com/kei_eno">Twitter</a><p>Text.</p></body>`,
			[]string{"gto", "kei_eno"}, false, nil},
		{"a user name in a noscript's markup is not shown",
			`<body><h1>T</h1><noscript><img src="/pixel.gif?labels=stations.gto" alt="gto"></noscript><p>Text.</p></body>`,
			[]string{"gto"}, false, nil},
		{"a user name the page shows is kept",
			`<body><h1>T</h1><p>Posted by gnaddrig</p><p>Text.</p></body>`,
			[]string{"gnaddrig"}, false, []string{"gnaddrig"}},
		{"a longer user name in the text does not show a shorter one",
			`<body><h1>T</h1><div class="author-name">rmb8090</div></body>`,
			[]string{"rmb"}, false, nil},
		{"a first name and a full name need not be shown",
			`<body><h1>T</h1><p>Text.</p></body>`,
			[]string{"Josh", "Jane Doe"}, false, []string{"Josh", "Jane Doe"}},
		{"a first.last user name names a person",
			`<body><h1>T</h1><p>Text.</p></body>`,
			[]string{"robert.stitz"}, false, []string{"robert.stitz"}},
		{"with all, a name seen only in a reader's comment is dropped",
			`<body><h1>T</h1><p>Text.</p><ul><li><span class="comment-author-link">Вера</span> on Other</li></ul></body>`,
			[]string{"Вера"}, true, nil},
		{"with all, a name the article shows is kept",
			`<body><h1>T</h1><p>Text.</p><p>Вера</p></body>`,
			[]string{"Вера"}, true, []string{"Вера"}},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html>" + c.html + "</html>"))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc)}
		if got := shownNames(p, c.names, c.all); !slices.Equal(got, c.want) {
			t.Errorf("%s: shownNames(%q) = %q, want %q", c.name, c.names, got, c.want)
		}
	}
}

func TestKoreanByline(t *testing.T) {
	for _, c := range []struct {
		para string
		want []string
	}{
		{"필요가 있다.정덕현 칼럼니스트 thekian1@example.co.kr[사진=JTBC]저작권자", []string{"정덕현"}},
		{"인상까지 든다.칼럼니스트 박생강 pillgoo9@example.com[사진=MBC, SBS]", []string{"박생강"}},
		{"홍길동 기자 hong@example.com", []string{"홍길동"}},
		{"문의 webmaster@example.co.kr", nil},           // no name with a title
		{"정덕현 칼럼니스트의 글입니다.", nil},                     // no address: not a byline
		{"Jane Doe, reporter, jane@example.com", nil}, // not Korean
	} {
		if got := koreanByline(c.para); !slices.Equal(got, c.want) {
			t.Errorf("koreanByline(%q) = %q, want %q", c.para, got, c.want)
		}
	}
}

func TestAsWritten(t *testing.T) {
	for _, c := range []struct {
		name, html  string
		guess, want []string
	}{
		{"digits go-trafilatura dropped",
			`<body><h1>Events</h1><p>Text.</p><div>Author: <b>Bo2man</b> am 29.12.2010, 13:36 Uhr</div></body>`,
			[]string{"Bo"}, []string{"Bo2man"}},
		{"a word go-trafilatura took in",
			`<body><h1>Regeln</h1><p>Text.</p><div>von <a href="/u1">lupa</a><br>am 12.02.2010</div></body>`,
			[]string{"Lupa Am"}, []string{"lupa"}},
		{"a longer name is another person",
			`<body><h1>T</h1><p>Text.</p><div>by Janet Smith</div></body>`,
			[]string{"Jane"}, []string{"Jane"}},
		{"no byline line: the guess stays",
			`<body><h1>T</h1><p>Text by the team.</p></body>`,
			[]string{"Jane Doe"}, []string{"Jane Doe"}},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html>" + c.html + "</html>"))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc)}
		if got := asWritten(p, c.guess, ""); !slices.Equal(got, c.want) {
			t.Errorf("%s: asWritten(%q) = %q, want %q", c.name, c.guess, got, c.want)
		}
	}
}

func TestCreditsAuthors(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"interviewer over the photographer",
			[]string{"Kleid: Christopher Kane.", "Interview", "SVEN MICHAELSEN", "FOTOGRAF", "ERIC MICHAEL ROY", "STYLING"},
			[]string{"Sven Michaelsen"}},
		{"text and photos labelled with colons",
			[]string{"Text:", "Jane Roe", "Fotos:", "John Doe", "Mehr lesen"},
			[]string{"Jane Roe"}},
		{"a label without a photographer's credit is no credits block",
			[]string{"Interview", "Sharon Stone", "Wann wurden Sie", "Antwort", "Frage"},
			nil},
		{"a first name alone is not enough",
			[]string{"Text", "Jane", "Fotos", "John Doe"},
			nil},
	} {
		if got := creditsAuthors(c.lines, ""); !slices.Equal(got, c.want) {
			t.Errorf("%s: creditsAuthors = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestGuessedAuthors(t *testing.T) {
	for _, c := range []struct {
		name, guess string
		want        []string
	}{
		{"an address that starts with the site", "example.de, Frankfurt, Germany", nil},
		{"a domain written as a name", "Ciphacipha Net", nil},
		{"an editor's initials beside the outlet", "IT Finanzmagazin; PP", nil},
		{"an agency stays for the person filter", "PTI; Washington", []string{"PTI", "Washington"}},
		{"the host's label written as a name", "Auto-Motor", nil},
		{"an address go-trafilatura rewrote", "Example De; Frankfurt; Germany", nil},
		{"a name the page shows", "Jane Roe", []string{"Jane Roe"}},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><body><h1>T</h1><p>By Jane Roe in Washington.</p><p>PTI</p><p>Frankfurt</p></body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		p := &page{root: doc.Get(0), doc: doc, meta: readMeta(doc), url: "https://www.example.de/a"}
		if got := guessedAuthors(p, c.guess, "IT Finanzmagazin"); !slices.Equal(got, c.want) {
			t.Errorf("%s: guessedAuthors(%q) = %q, want %q", c.name, c.guess, got, c.want)
		}
	}
}

func TestBioName(t *testing.T) {
	bio := "Stefanus Stahl - Maschinenbauer, Abenteurer und ICB-Projektleiter. Seit 2002 auf dem Mountainbike."
	for _, c := range []struct {
		given string
		lines []string
		want  string
	}{
		{"Stefanus", []string{"Stefanus", bio, "Mehr Artikel von Stefanus"}, "Stefanus Stahl"},
		{"Jane", []string{"Jane Roe is a reporter at the Daily Planet who covers science and health."}, "Jane Roe"},
		{"Jane", []string{"Jane Roe is a reporter at the Daily Planet.", "Jane Doe, a colleague of hers at the Daily Planet, said so."}, ""},
		{"Stefanus", []string{"Stefanus Stahl"}, ""}, // a line, not a bio
		{"Stefanus", []string{"Stefanus fährt Rad. Er ist seit 2002 auf dem Mountainbike unterwegs."}, ""},
	} {
		if got := bioName(c.given, c.lines); got != c.want {
			t.Errorf("bioName(%q, %q) = %q, want %q", c.given, c.lines, got, c.want)
		}
	}
}

func TestWrittenAsHost(t *testing.T) {
	for _, c := range []struct {
		name, host string
		want       bool
	}{
		{"Auto-Motor", "auto-motor", true},
		{"Finanztreff", "finanztreff.de", false},
		{"Finanztreff", "finanztreff", true},
		{"Example De", "example.de", true},
		{"Wolfgang Michal", "wolfgangmichal", false}, // a site named after its author
	} {
		if got := writtenAsHost(c.name, c.host); got != c.want {
			t.Errorf("writtenAsHost(%q, %q) = %v, want %v", c.name, c.host, got, c.want)
		}
	}
}

func TestCreditsOtherSite(t *testing.T) {
	for _, c := range []struct {
		raw, host string
		want      bool
	}{
		{"Frank Bueltge - http://bueltge.de", "der-erfolg-gibt-recht.de", true},
		{"Jane Roe - https://www.janeroe.net/about", "example.org", true},
		{"Jane Roe - https://janeroe.net", "janeroe.net", false},  // her own site
		{"Jane Roe (www.blog.example.org)", "example.org", false}, // a subdomain of the site
		{"Jane Roe - http://janeroe.net", "", false},              // no host to compare
		{"Jane Roe", "example.org", false},
	} {
		if got := creditsOtherSite(c.raw, c.host); got != c.want {
			t.Errorf("creditsOtherSite(%q, %q) = %v, want %v", c.raw, c.host, got, c.want)
		}
	}
}
