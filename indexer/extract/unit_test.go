package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestParseDate(t *testing.T) {
	p := newDateParser(fixedNow)
	tests := []struct {
		in   string
		want string // corpus.Date.String(): "" for no date
		prec corpus.Precision
	}{
		{"2019-08-02", "2019-08-02", corpus.PrecisionDay},
		{"2019-08-02T23:30:00-05:00", "2019-08-02", corpus.PrecisionDay},
		{"2023-03-14 08:30:00", "2023-03-14", corpus.PrecisionDay},
		{"2019/08/02", "2019-08-02", corpus.PrecisionDay},
		{"20190802", "2019-08-02", corpus.PrecisionDay},
		{"2021-08", "2021-08", corpus.PrecisionMonth},
		{"2015", "2015", corpus.PrecisionYear},
		{"14 March 2023", "2023-03-14", corpus.PrecisionDay},
		{"14th of March, 2023", "2023-03-14", corpus.PrecisionDay},
		{"March 14, 2023", "2023-03-14", corpus.PrecisionDay},
		{"Mar. 14 2023", "2023-03-14", corpus.PrecisionDay},
		{"Thursday, May 24, 2012", "2012-05-24", corpus.PrecisionDay},
		{"Commentary, 20 November 2015", "2015-11-20", corpus.PrecisionDay},
		{"Last updated at 12:01AM, November 16 2015", "2015-11-16", corpus.PrecisionDay},
		{"Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02", corpus.PrecisionDay},
		{"30.06.2004", "2004-06-30", corpus.PrecisionDay},
		{"November 2015", "2015-11", corpus.PrecisionMonth},
		{"31. Mai 2012", "2012-05-31", corpus.PrecisionDay},
		{"März 2019", "2019-03", corpus.PrecisionMonth},
		{"31 February 2023", "", corpus.PrecisionNone},
		{"2023-13-01", "", corpus.PrecisionNone},
		{"2 days ago", "", corpus.PrecisionNone},
		{"yesterday", "", corpus.PrecisionNone},
		{"12 March 2031", "", corpus.PrecisionNone}, // after fixedNow: impossible
		{"", "", corpus.PrecisionNone},
		{"no date here", "", corpus.PrecisionNone},
	}
	for _, tt := range tests {
		d := p.parse(tt.in)
		if d.String() != tt.want || d.Precision != tt.prec {
			t.Errorf("parse(%q) = %q (%v), want %q (%v)", tt.in, d, d.Precision, tt.want, tt.prec)
		}
	}
}

func TestFindDateSpan(t *testing.T) {
	line := "Commentary, 20 November 2015"
	m, ok := findDate(line)
	if !ok || line[m.Start:m.End] != "20 November 2015" {
		t.Fatalf("findDate(%q) = %+v, %v", line, m, ok)
	}
	// A day-precise date wins over an earlier month-only mention.
	m, ok = findDate("Archive for March 2015, updated 4 April 2015")
	if !ok || m.Date.String() != "2015-04-04" {
		t.Errorf("got %v, want the day-precise date", m.Date)
	}
}

func TestCleanAuthors(t *testing.T) {
	tests := []struct {
		in     string
		site   string
		strict bool
		want   string
	}{
		{"By Jane Doe", "", true, "Jane Doe"},
		{"By Jane Doe and John Roe", "", true, "Jane Doe;John Roe"},
		{"by JANE DOE", "", true, "Jane Doe"},
		{"Jane Doe, Staff Writer", "", true, "Jane Doe"},
		{"By Jane Doe | Updated March 14, 2023 at 5:00 pm", "", true, "Jane Doe"},
		{"Posted by Alan Pike at 9:03 PM", "", true, "Alan Pike"},
		{"Jane Doe (AP)", "", true, "Jane Doe"},
		{"Jane Doe - The Daily Planet", "", true, "Jane Doe"},
		{"Von Benjamin Fischer und Marcus Theurer", "", true, "Benjamin Fischer;Marcus Theurer"},
		{"Ludwig van Beethoven", "", true, "Ludwig van Beethoven"},
		{"Dennis W.", "", false, "Dennis W."},
		{"weiner", "", false, "weiner"},
		{"weiner", "", true, ""},
		{"The Coastal Gazette", "The Coastal Gazette", false, ""},
		{"https://www.facebook.com/janedoe", "", false, ""},
		{"Reuters Staff", "", false, ""},
		{"Associated Press", "", false, ""},
		{"admin", "", false, ""},
		{"By the time we arrived the rain had stopped and the whole valley was green again", "", true, ""},
		{"Jane Doe; John Roe", "", false, "Jane Doe;John Roe"},
		{"O'BRIEN", "", false, "O'Brien"},
	}
	for _, tt := range tests {
		got := strings.Join(cleanAuthors(tt.in, tt.site, tt.strict), ";")
		if got != tt.want {
			t.Errorf("cleanAuthors(%q, %q, %v) = %q, want %q", tt.in, tt.site, tt.strict, got, tt.want)
		}
	}
}

func TestStripSite(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Harbour reopens | The Coastal Gazette", "The Coastal Gazette", "Harbour reopens"},
		{"The Coastal Gazette - Harbour reopens", "The Coastal Gazette", "Harbour reopens"},
		{"Harbour reopens - Local news - Coastal Gazette", "The Coastal Gazette", "Harbour reopens - Local news"},
		{"Notes on restoring a 1950s wireless set - Workbench Diaries", "", "Notes on restoring a 1950s wireless set"},
		{"Brexit - what happens next", "", "Brexit - what happens next"},
		{"Laufen im Winter: Von „bäh!“ zu „yeah!“", "", "Laufen im Winter: Von „bäh!“ zu „yeah!“"},
		{"Certain Doubts", "Certain Doubts", ""},
	}
	for _, tt := range tests {
		if got := stripSite(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSite(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestHumanise(t *testing.T) {
	for in, want := range map[string]string{
		"james-baker":        "James Baker",
		"de-larosiere":       "De Larosiere",
		"chiang-ching-kuo":   "Chiang Ching Kuo",
		"o'connor":           "O'Connor",
		"abdel-hadi-kandeel": "Abdel Hadi Kandeel",
	} {
		if got := humanise(in); got != want {
			t.Errorf("humanise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReflowAndSignOff(t *testing.T) {
	body := "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the\ntemporao will be late.\n    Anti-\ninflation plans failed. REUTER\n Reuter\n"
	got := reflow(removeSignOff(body))
	want := []string{
		"Showers continued throughout the week in the Bahia cocoa zone.",
		"The dry period means the temporao will be late.",
		"Anti-inflation plans failed.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestExtractEdgeCases(t *testing.T) {
	x := New(Options{Now: fixedNow})
	file := func(path, text string) corpus.File {
		return corpus.File{Entry: corpus.Entry{Path: path, Format: formatOf(path)}, Text: text}
	}
	for _, f := range []corpus.File{file("a.html", ""), file("b.txt", " \n\t\n"), file("c.sgm", "\ufeff\n")} {
		arts, err := x.Extract(f)
		if arts != nil || err != nil {
			t.Errorf("%s: got %v, %v; want nil, nil for an empty file", f.Path, arts, err)
		}
	}
	for _, f := range []corpus.File{
		file("dir/no-story.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\nnothing here\n"),
		file("dir/cut.sgm", "<REUTERS NEWID=\"1\"><DATE>26-FEB-1987</DATE><TEXT>abc"),
		file("dir/blank.html", "<html><head></head><body><div> </div></body></html>"),
		file("dir/image.png", "\x89PNG..."),
	} {
		_, err := x.Extract(f)
		if err == nil || !strings.Contains(err.Error(), f.Path) {
			t.Errorf("%s: got error %v, want one naming the path", f.Path, err)
		}
	}
	if _, err := x.Extract(file("no-story.sgm", "junk")); !errors.Is(err, errNoStory) {
		t.Errorf("got %v, want errNoStory wrapped", err)
	}
}

func TestMaxArticlesPerFile(t *testing.T) {
	f := readFile(t, "testdata", "wordpress-archive.html")
	arts, err := New(Options{MaxArticlesPerFile: 2}).Extract(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[1].Source != "wordpress-archive.html#2" || arts[1].ID != corpus.IDOf(arts[1].Source) {
		t.Errorf("got %d articles, last source %q", len(arts), arts[len(arts)-1].Source)
	}
}

func TestFormatFromName(t *testing.T) {
	// A file whose Format is not set is read by its name.
	f := corpus.File{Entry: corpus.Entry{Path: "x/wire.sgm.gz"}, Text: readFile(t, "testdata", "wire.sgm").Text}
	arts, err := New(Options{}).Extract(f)
	if err != nil || len(arts) != 2 {
		t.Fatalf("got %d articles, %v", len(arts), err)
	}
}

func TestConcurrentUse(t *testing.T) {
	x := New(Options{Now: fixedNow})
	names := []string{"news-jsonld.html", "wordpress-archive.html", "dispatch.txt", "wire.sgm"}
	files := make([]corpus.File, len(names))
	for i, n := range names {
		files[i] = readFile(t, "testdata", n)
	}
	want := make([]int, len(files))
	for i, f := range files {
		arts, err := x.Extract(f)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = len(arts)
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for i, f := range files {
				arts, err := x.Extract(f)
				if err == nil && len(arts) != want[i] {
					err = errors.New(f.Path + ": article count changed")
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestDomainLabel(t *testing.T) {
	for host, want := range map[string]string{
		"reuters.com":      "reuters",
		"bbc.co.uk":        "bbc",
		"foren.myoos.de":   "myoos",
		"blog.example.com": "example",
		"smh.com.au":       "smh",
		"localhost":        "localhost",
	} {
		if got := domainLabel(host); got != want {
			t.Errorf("domainLabel(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestSGMLAuthor(t *testing.T) {
	tests := []struct {
		in, outlet       string
		authors, wantOut string
	}{
		{"    by Janie Gabbett, Reuters", "Reuters", "Janie Gabbett", "Reuters"},
		{"By Michael Gelb, REUTERS", "Reuters", "Michael Gelb", "Reuters"},
		{"By Cal Mankowski, Reutersd", "Reuters", "Cal Mankowski", "Reuters"},
		{"By Tariq Haddad, Meridian Wire", "Reuters", "Tariq Haddad", "Meridian Wire"},
		{"By Peter Torday and Jane Doe", "Reuters", "Peter Torday,Jane Doe", "Reuters"},
		{"", "Reuters", "", "Reuters"},
	}
	for _, tt := range tests {
		authors, outlet := sgmlAuthor(tt.in, tt.outlet)
		if got := strings.Join(authors, ","); got != tt.authors || outlet != tt.wantOut {
			t.Errorf("sgmlAuthor(%q) = %q, %q; want %q, %q", tt.in, got, outlet, tt.authors, tt.wantOut)
		}
	}
}

func TestCleanAuthorsHonorifics(t *testing.T) {
	for in, want := range map[string]string{
		"By Dr Farida Nurlanova and Mark Ellery": "Farida Nurlanova,Mark Ellery",
		"Prof. Jane Roe":                         "Jane Roe",
		"By Sir Lawrence Freedman":               "Lawrence Freedman",
		"Drew Barrymore":                         "Drew Barrymore",
	} {
		if got := strings.Join(cleanAuthors(in, "", true), ","); got != want {
			t.Errorf("cleanAuthors(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanAuthorsPrefixesAndJunk(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{"Erstellt von Andri Bryner", "Andri Bryner"},
		{"Interview: Julia Lauter", "Julia Lauter"},
		{"Von:Götz Warnke", "Götz Warnke"},
		{"Pressemitteilung von Katja Kipping", "Katja Kipping"},
		{"Grant Tinsley, PhD", "Grant Tinsley"},
		{"Jens Bergmann Foto: Michael Hudler", "Jens Bergmann"},
		{"Name", ""},
		{"Alle Beiträge", ""},
		{"By J.R. Stone Thursday, November 9, 2023 7:35AM", "J.R. Stone"},
		{"Von Anna Berg Freitag, 3. März 2023", "Anna Berg"},
	} {
		if got := strings.Join(cleanAuthors(tt.raw, "", false), ","); got != tt.want {
			t.Errorf("cleanAuthors(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
	if got := notSite([]string{"Finanztreff De", "David Hutzler", "L-Mag"}, "www.finanztreff.de"); strings.Join(got, ",") != "David Hutzler,L-Mag" {
		t.Errorf("notSite = %q", got)
	}
}

func TestCleanAuthorsRoles(t *testing.T) {
	for in, want := range map[string]string{
		"By Mark Ellery, Research Fellow, Security Studies": "Mark Ellery",
		"Jane Roe, Director of the Eurasia Programme":       "Jane Roe",
		"By Farida Nurlanova, Senior Fellow":                "Farida Nurlanova",
	} {
		if got := strings.Join(cleanAuthors(in, "", true), ","); got != want {
			t.Errorf("cleanAuthors(%q) = %q, want %q", in, got, want)
		}
	}
}
