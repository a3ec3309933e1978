package extract

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestHeaderDate(t *testing.T) {
	// %s is the page head's extra tags, %a the kicker above the title, %h
	// the header under it.
	const page = `<html lang="%l"><head><title>Harbour notes | Coast News</title>%s</head><body>
<header><h1>Coast News</h1><div class="today">Friday, 3 March 2023</div></header>
<article>%a<h2>Harbour notes</h2>%h
<p>The harbour reopened after three weeks of works, to the applause of the fishermen and of the traders of the market, who had waited all winter.</p>
<p>The mayor said the works cost less than planned and that the harbour road will stay open all summer long, even on market days and holidays.</p>
<p>On 1 May 2023 the ferry will call again.</p>
</article></body></html>`
	tests := []struct {
		name, lang, head, above, header, want string
	}{
		{"no declaration: the header, not the site's clock", "en", "", "", `<p class="byline">By Jane Doe | March 2, 2023</p>`, "2023-03-02"},
		{"no declaration: German date in a byline piece", "de", "", "", `<p>1. Februar 2023 , Daniel Dillenburg</p>`, "2023-02-01"},
		{"time element read from its datetime", "en", "", "", `<p>Published <time datetime="2023-02-27T23:30:00-06:00">Feb 27</time></p>`, "2023-02-27"},
		{"UTC stamp a day later, header confirmed by the URL", "en",
			`<meta property="article:published_time" content="2023-02-28T05:30:00+00:00"><link rel="canonical" href="https://news.example/2023/02/27/harbour-notes/">`,
			"", `<p>Published: February 27, 2023 at 11:30 p.m.</p>`, "2023-02-27"},
		{"unconfirmed header does not override a declaration", "en",
			`<meta property="article:published_time" content="2023-02-20T10:00:00+01:00">`,
			"", `<p>February 27, 2023</p>`, "2023-02-20"},
		{"an update date is not the header date", "en", "", "", `<p><span>Updated:</span> <span>February 27, 2023</span></p><p>First published February 26, 2023</p>`, "2023-02-26"},
		{"a generic date tag yields to the header", "en", `<meta name="date" content="2023-02-24">`, "",
			`<p>February 22, 2023</p>`, "2023-02-22"},
		{"a time element of a change is skipped", "en", "", "",
			`<p><time itemprop="dateModified" datetime="2023-02-28T10:00:00">Feb 28</time> <time itemprop="datePublished" datetime="2023-02-20T10:00:00">Feb 20</time></p>`, "2023-02-20"},
		{"the article's own aside is its metadata, not a sidebar", "de", "", "",
			`<aside class="meta"><p>Von Jana Roth</p><p><time datetime="2023-02-21">21.02.2023 - 13:30</time></p></aside>`, "2023-02-21"},
		{"German date with a comma, in pieces", "de", "", "", `<p>Von <a href="/a">Christian Thiele</a>, <span>07 Dezember, 2022</span></p>`, "2022-12-07"},
		{"a kicker above the title, closer than the site's clock", "fr", "", `<p>Politique | 30 septembre 2022</p>`, "", "2022-09-30"},
		{"numeric header in the order the URL confirms", "en", `<link rel="canonical" href="https://news.example/education/2022/oct/02/harbour-notes">`,
			"", `<p><span class="time">02/10/2022</span> <span>Jane Doe</span></p>`, "2022-10-02"},
		{"a UTC stamp printed above the title is the page's local day", "de", "", `<p><time datetime="2022-11-06T23:00:00.000Z">6.11.22</time></p>`, "", "2022-11-07"},
		{"a UTC time element under the title is the page's local day", "de", "", "", `<p>Von Marie Jaster <time datetime="2022-11-06T23:00:00Z">6. November 2022</time></p>`, "2022-11-07"},
		{"a two-digit year in a day-first header", "de", "", "", `<p><span>28.09.19</span><span>12:44</span></p>`, "2019-09-28"},
		{"numeric header in the language's order when nothing says otherwise", "en", "", "", `<p><span class="time">02/10/2022</span></p>`, "2022-02-10"},
		{"times shown without a year give the zone; an update time is skipped", "en",
			`<meta property="article:published_time" content="2023-02-28T01:19:34.819Z">`, "",
			`<div class="dateline"><span><time datetime="2023-02-28T14:41:32.524Z">Updated Feb 28, 9:41 AM;</time></span>` +
				`<span><time datetime="2023-02-28T01:19:34.819Z">Posted Feb 27, 8:19 PM </time></span></div>`, "2023-02-27"},
		{"a time without a zone that is a declared moment in UTC", "en",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-02-27T19:53:52-05:00"}</script>`, "",
			`<p class="byline">By Jane Doe <time datetime="2023-02-28T00:53:52">Feb 27, 2023, 7:53pm EST</time></p>`, "2023-02-27"},
		{"a stamp without a zone is UTC when the header's day is its evening before", "en",
			`<meta itemprop="datePublished" content="2023-02-28 02:24:00">`, "",
			`<p class="byline">By Jane Doe | Feb 27, 2023 at 9:24 pm ET</p>`, "2023-02-27"},
		{"a stamp without a zone in the afternoon is local: a header a day earlier is another date", "en",
			`<meta itemprop="datePublished" content="2023-02-28 19:31:39">`, "",
			`<p class="byline">By Jane Doe | Feb 27, 2023</p>`, "2023-02-28"},
		{"a bare day that a UTC stamp repeats is the stamp's local day", "en",
			`<meta property="article:published" content="2023-02-28"><meta property="og:updated_time" content="2023-02-27T22:15:39-05:00">` +
				`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"Tue Feb 28 2023 03:05:46 GMT+0000"}</script>`,
			"", "", "2023-02-27"},
	}
	for _, tt := range tests {
		src := strings.NewReplacer("%l", tt.lang, "%s", tt.head, "%a", tt.above, "%h", tt.header).Replace(page)
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: src})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].Date; got.String() != tt.want && !(tt.want == "" && got.IsZero()) {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	x := New(Options{Now: fixedNow})
	tests := []struct{ p, lang, want string }{
		{"29.11.2022 – Mehrfach und vehement hatte die Branche davor gewarnt.", "de", "2022-11-29"},
		{"(21. November 2022) Energieverbraucher erhalten eine Preiserhöhung nach der nächsten.", "de", "2022-11-21"},
		{"BERLIN, 3 May 2021 – The minister said the plan would be ready by June.", "en", "2021-05-03"},
		{"Bern (sda), 12.01.2022, 10:15 Uhr - Der Bundesrat hat entschieden.", "de", "2022-01-12"},
		{"On 3 May 2021 the minister said the plan would be ready by June.", "en", ""},
		{"The report of 3 May 2021 – long awaited – says little.", "en", ""},
		{"3 May 2021 was a cold day in Berlin.", "en", ""},
		{"May 2021 – The minister said the plan would be ready.", "en", ""},
	}
	for _, tt := range tests {
		if got := x.datelineDate(tt.p, tt.lang); got.String() != tt.want && !(tt.want == "" && got.IsZero()) {
			t.Errorf("datelineDate(%q) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestDatelineDatesArticle(t *testing.T) {
	// The lead comes first; the dateline opens the second paragraph.
	const page = `<html lang="de"><head><title>Branche protestiert</title></head><body><article>
<h1>Branche protestiert</h1>
<p>Am vergangenen Freitag hat die Bundesregierung den Gesetzentwurf beschlossen, und die Branche ist darüber nicht glücklich, wie ihre Verbände sagen.</p>
<p>29.11.2022 – Mehrfach und vehement hatte die Branche vor den Folgen gewarnt, doch die Regierung blieb bei ihrem Entwurf und verteidigte ihn.</p>
<p>Die Verbände kündigten an, weiter gegen das Gesetz zu kämpfen, bis es im Bundestag beraten wird, und riefen ihre Mitglieder zu Protesten auf.</p>
</article><div class="teaser"><p class="date">02.12.2022</p><p>Neue Förderung für Wärmepumpen</p></div></body></html>`
	arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].Date.String(); got != "2022-11-29" {
		t.Errorf("date %q, want 2022-11-29", got)
	}
}

func TestMarkedDate(t *testing.T) {
	// %m is the line that may announce the publication date; the page
	// also shows the date of a later episode in a teaser.
	const page = `<html lang="%l"><head><title>Episode 158</title></head><body><article>
<h1>Episode 158</h1>
<p>In this episode we talk about fusion in stars and about what particle accelerators can tell us about it, with a guest from the lab.</p>
<p>The guest explains why the experiment took ten years to prepare and what the team hopes to learn from the next runs of the machine.</p>
%m
</article><div class="teaser"><p>24.08.2019</p><p>Episode 159: Plankton</p></div>
<div id="comments"><p>Posted on 25.08.2019 by Tom</p></div></body></html>`
	tests := []struct{ name, lang, marked, want string }{
		{"German, numeric", "de", `<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde</p>`, "2019-08-16"},
		{"German, with a colon", "de", `<p>Erstellt am: 01.08.2019</p>`, "2019-08-01"},
		{"English, in words", "en", `<p>Posted on August 14, 2019 by Ann</p>`, "2019-08-14"},
		{"Italian month name", "it", `<p>Pubblicato il 12 agosto 2019</p>`, "2019-08-12"},
		{"the words and the date in two elements", "en", `<dl><dt>Published:</dt><dd>August 13, 2019</dd></dl>`, "2019-08-13"},
		{"a blog theme's sentence", "en", `<p><small>This entry was posted on Wednesday, August 14th, 2019 at 11:03 pm and is filed under <a href="/c">Radio</a>.</small></p>`, "2019-08-14"},
	}
	for _, tt := range tests {
		src := strings.NewReplacer("%l", tt.lang, "%m", tt.marked).Replace(page)
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: src})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLogoHeadingIsNoTitle(t *testing.T) {
	// No heading repeats the title; the only h1 is the site's logo, next
	// to the site's clock.
	const page = `<html lang="de"><head><title>Wir dekorieren die Liegestühle um</title>
<meta name="date" content="2017-05-01T17:05:00+0200"></head><body>
<div class="top"><h1>%h</h1><span class="today">Mittwoch, 26.02.2020</span></div>
<article><h2>Die Zukunft der Arbeit</h2>
<p>Die Digitalisierung verändert die Arbeitswelt schneller als gedacht, sagen die Forscher, und die Politik reagiert darauf nur zögerlich und ohne Plan.</p>
<p>Viele Berufe werden verschwinden, neue entstehen, und wer heute eine Ausbildung beginnt, wird sie im Laufe seines Lebens mehrmals wechseln müssen.</p>
</article></body></html>`
	tests := []struct{ name, h1, want string }{
		{"a link to the home page", `<a href="/" class="logo">Deutschlandfunk</a>`, "2017-05-01"},
		{"a link to the home page's index", `<a href="https://www.example.de/index.html">Deutschlandfunk</a>`, "2017-05-01"},
		{"a link to an anchor of the page is a title", `<a href="#top">Wir dekorieren auf der Titanic</a>`, "2020-02-26"},
		{"a link to an article is a title", `<a href="/arbeit-titanic.html">Wir dekorieren auf der Titanic</a>`, "2020-02-26"},
	}
	for _, tt := range tests {
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: strings.Replace(page, "%h", tt.h1, 1)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestURLDay(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://www.theguardian.com/education/2020/oct/02/uk-university-halls", "2020-10-02"},
		{"https://janedoe.example/2015/11/20/harbour-notes/", "2015-11-20"},
		{"https://janedoe.example/2015/11/harbour-notes/", ""},
		{"https://janedoe.example/2015/13/20/harbour-notes/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := urlDay(tt.url); got.String() != tt.want && !(tt.want == "" && got.IsZero()) {
			t.Errorf("urlDay(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestAmbiguousNumericDateNeedsLanguage(t *testing.T) {
	p := newDateParser(fixedNow)
	if d := p.parse("10/05/2022 05:22 pm"); !d.IsZero() {
		t.Errorf("parse guessed %q for an all-numeric date of unknown order", d)
	}
	if d := p.parseIn("10/05/2022 05:22 pm", "es"); d.String() != "2022-05-10" {
		t.Errorf("parseIn(es) = %q, want 2022-05-10", d)
	}
}

func TestURLOriginal(t *testing.T) {
	day := func(s string) corpus.Date { return parseISODate(s) }
	tests := []struct{ url, date, want string }{
		{"https://www.example.de/home/2017/7/12/unter-uns", "2019-06-17", "2017-07-12"},
		{"https://www.example.de/home/2017/7/12/unter-uns", "2017-07-13", "2017-07-13"},
		{"https://www.example.de/home/2017/7/12/unter-uns", "2017-07-01", "2017-07-01"},
		{"https://www.example.de/home/unter-uns", "2019-06-17", "2019-06-17"},
	}
	for _, tt := range tests {
		if got := urlOriginal(tt.url, day(tt.date)); got.String() != tt.want {
			t.Errorf("urlOriginal(%q, %s) = %q, want %q", tt.url, tt.date, got, tt.want)
		}
	}
}

func TestHeaderDateTitleAndLeads(t *testing.T) {
	// %t is the title tag, %h the heading, %d the line under it; the
	// site's clock is a <time> element above the article.
	const page = `<html lang="de"><head><title>%t</title></head><body>
<div class="top"><time datetime="2023-11-01T13:56:20+01:00">Mittwoch, 01. November 2023</time></div>
<div class="page"><h2>%h</h2>%d
<p>Dragqueens sind Kunstfiguren aus Make-Up und Glitter, auf Partys und in Shows zu Hause, und seit einigen Jahren auch auf den Bühnen der Stadttheater.</p>
<p>Woher kommt eigentlich der Hass auf sie? Die Frage stellt sich, seit in mehreren Städten Lesungen für Kinder gestört und abgesagt werden mussten.</p>
</div></body></html>`
	tests := []struct{ name, title, heading, line, want string }{
		{"title tag and heading differ in their dashes", "Kolumne: Queer Royal – Über Dragqueens auf der Bühne", "Kolumne: Queer Royal - Über Dragqueens auf der Bühne",
			`<p><span class="text_datum">31. Oktober 2023.</span></p>`, "2023-10-31"},
		{"a member's registration is not the publication", "Was ist Freie Software - Forum", "Was ist Freie Software",
			`<dl><dd><strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl><p>von Anna » 21.01.2009, 05:42</p>`, "2009-01-21"},
	}
	for _, tt := range tests {
		src := strings.NewReplacer("%t", tt.title, "%h", tt.heading, "%d", tt.line).Replace(page)
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: src})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestShortDate(t *testing.T) {
	x := New(Options{Now: fixedNow})
	tests := []struct{ s, lang, want string }{
		{"28.09.19", "de", "2019-09-28"},
		{"10.12.19, 14:05", "fr", "2019-12-10"},
		{"3.4.98", "de", "1998-04-03"},
		{"28.09.19", "en", ""},
		{"Version 1.12.19", "de", ""},
		{"31.02.19", "de", ""},
	}
	for _, tt := range tests {
		if got := x.shortDate(tt.s, tt.lang); got.String() != tt.want && !(tt.want == "" && got.IsZero()) {
			t.Errorf("shortDate(%q, %s) = %q, want %q", tt.s, tt.lang, got, tt.want)
		}
	}
}

func TestHeaderDateAboveInTitleContainer(t *testing.T) {
	// The story's own date line is above its title; below, after the
	// story's container, comes a list of other stories with their dates.
	const page = `<html lang="de"><head><title>HSV Hamburg verpflichtet Nationalspieler | Handball</title></head><body>
<div id="story"><p>02.02.2022 10:16 Uhr - 1. Bundesliga - PM Vereine</p>
<h1>HSV Hamburg verpflichtet Nationalspieler</h1><div id="news_content"></div>
<a href="/hbl1.html">zur Seite von 1. Bundesliga</a></div>
<div class="list">%l</div></body></html>`
	tests := []struct{ name, list, want string }{
		{"other stories' dates below, outside the story", `<p><small>30.01.2022 · Männer · HBL1</small></p><p><a href="/n1.html">Roth übernimmt Zweitligisten</a></p>`, "2022-02-02"},
		{"no other dates", ``, "2022-02-02"},
	}
	for _, tt := range tests {
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: strings.Replace(page, "%l", tt.list, 1)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestArchivedPageDate(t *testing.T) {
	// A blog post, as published and as saved by a web archive: no date
	// but the URL's month and the theme's copyright year, which is when
	// the page was generated.
	const page = `<html lang="de"><head><title>Literatur und Animated Typography</title>
<link rel="canonical" href="%u"></head><body><div class="post">
<h2>Literatur und Animated Typography</h2>
<p>Ein Lesehinweis in eigener Sache: Der Perlentaucher bringt heute einen Essay von mir unter dem Titel „Tanz der Lettern“, über Schrift in Bewegung.</p>
<p>Ich schlage darin vor, in der Remix-Kunst der Animated Typography ein Beispiel für eine neue Form der Literatur zu sehen, die sich bewegt.</p>
</div><div id="footer">© 2016 Theme Blass | Powered by WordPress</div></body></html>`
	tests := []struct{ url, want string }{
		{"https://web.archive.org/web/20160218174457/http://bewegliche-lettern.de/2010/05/literatur-und-animated-typography/", "2010-05"},
		{"http://bewegliche-lettern.de/2010/05/literatur-und-animated-typography/", "2010-05"},
	}
	for _, tt := range tests {
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: strings.Replace(page, "%u", tt.url, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestDayOfMonth(t *testing.T) {
	const page = `<html lang="de"><head><title>Notizen vom Hafen</title>
<link rel="canonical" href="https://blog.example/2010/05/notizen-vom-hafen/"></head><body>
<article><h1>Notizen vom Hafen</h1>
<p>Der Hafen wurde nach drei Wochen Bauzeit wieder geöffnet, zum Beifall der Fischer und der Händler auf dem Markt, die den ganzen Winter gewartet hatten.</p>
<p>Der Bürgermeister sagte, die Arbeiten hätten weniger gekostet als geplant, und die Hafenstraße bleibe den ganzen Sommer offen.</p>
</article><div id="sidebar"><h2>Über diesen Artikel</h2><p>%s</p></div></body></html>`
	for _, tt := range []struct{ name, sidebar, want string }{
		{"the one day of the URL's month", `Notizen vom Hafen wurde am <nobr>19. Mai 2010</nobr> um <nobr>23:03</nobr> Uhr gepostet`, "2010-05-19"},
		{"two days of the month: the month only", `<nobr>19. Mai 2010</nobr>, <nobr>23. Mai 2010</nobr>`, "2010-05"},
		{"a day of another month: the month only", `<nobr>19. Juni 2010</nobr>`, "2010-05"},
	} {
		src := strings.Replace(page, "%s", tt.sidebar, 1)
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: src})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestCopyrightRangeYear checks that a copyright range (here in the
// comment a CMS leaves in the page's head) dates the page to its last year.
func TestCopyrightRangeYear(t *testing.T) {
	const page = `<html lang="de"><head><!--
	This website is powered by a CMS.
	The CMS is copyright %s of its authors. Extensions are copyright of their respective owners.
--><title>Neubau Werkstatt</title></head><body>
<article><h1>Neubau Werkstatt</h1>
<p>Der Hafen wurde nach drei Wochen Bauzeit wieder geöffnet, zum Beifall der Fischer und der Händler auf dem Markt, die den ganzen Winter gewartet hatten.</p>
<p>Der Bürgermeister sagte, die Arbeiten hätten weniger gekostet als geplant, und die Hafenstraße bleibe den ganzen Sommer offen.</p>
</article></body></html>`
	for _, tt := range []struct{ years, want string }{
		{"1998-2022", "2022"},
		{"2021", "2021"},
	} {
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: strings.Replace(page, "%s", tt.years, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("copyright %s: date %q, want %q", tt.years, got, tt.want)
		}
	}
}

func TestYearlessDay(t *testing.T) {
	const page = `<html lang="ja"><head><title>港が再開しました</title></head><body>
<article><h1>港が再開しました</h1><p class="date">%s</p>
<p>港は三週間の工事のあと、ふたたび開きました。漁師や市場の人たちはとても喜んでいます。冬の間ずっと待っていました。</p>
<p>市長は、工事のお金は計画より少なかったと話しました。港の道は夏の間ずっと通ることができます。</p>
<p><a href="https://news.example/html/20190619/k1.html">元のニュース</a> 2019年6月19日</p>
</article></body></html>`
	for _, tt := range []struct{ name, header, want string }{
		{"month and day under the title, year from the page", "[06月24日 11時30分]", "2019-06-24"},
		{"a yearless day far from the page's date is not taken", "[11月24日 11時30分]", "2019-06-19"},
	} {
		arts, err := New(Options{Now: fixedNow}).Extract(corpus.File{Entry: corpus.Entry{Path: "p.html"}, Text: strings.Replace(page, "%s", tt.header, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if got := arts[0].Date.String(); got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestShortDateMonthName(t *testing.T) {
	x := New(Options{Now: fixedNow})
	for _, tt := range []struct{ in, want string }{
		{"( Pescasseroli, 14 Gennaio 20 )", "2020-01-14"},
		{"3. Mai 21, 10:00", "2021-05-03"},
		{"14 March 20:30", ""},  // a time, not a year
		{"14 Gennaio 2020", ""}, // a four-digit year is another reader's
		{"the 14 brave 20", ""},
	} {
		got := x.shortDate(tt.in, "it")
		if got.String() != tt.want && !(tt.want == "" && got.IsZero()) {
			t.Errorf("shortDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
