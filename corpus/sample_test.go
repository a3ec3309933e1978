package corpus

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The shape of the embedded sample corpus. testdata/SAMPLE.md lists the
// articles; these numbers must agree with it.
const (
	sampleHTMLPages    = 12 // single-article pages under html/
	sampleArchivePosts = 5  // <article> elements in the archive page
	sampleTextFiles    = 8  // .txt and .md files under text/
	sampleWireStories  = 5  // <REUTERS> elements in the .sgm file
)

// readSample returns every file of Sample() by path.
func readSample(t *testing.T) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := fs.WalkDir(Sample(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Sample(), p)
		if err != nil {
			return err
		}
		files[p] = string(b)
		return nil
	})
	if err != nil {
		t.Fatalf("walking the sample: %v", err)
	}
	return files
}

func TestSampleFormats(t *testing.T) {
	files := readSample(t)
	want := map[string]int{
		"html/" + string(FormatHTML):    sampleHTMLPages,
		"archive/" + string(FormatHTML): 1,
		"text/" + string(FormatText):    sampleTextFiles,
		"wire/" + string(FormatSGML):    1,
	}
	got := make(map[string]int)
	for p := range files {
		format, compressed := FormatOf(p)
		if format == "" || compressed {
			t.Errorf("%s: format %q, compressed %v; every sample file must be an uncompressed article file", p, format, compressed)
			continue
		}
		dir, _, _ := strings.Cut(p, "/")
		got[dir+"/"+string(format)]++
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d files, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %d unexpected files", k, n)
		}
	}
	if _, ok := files["wire/newswire-2024.sgm"]; !ok {
		t.Error("wire/newswire-2024.sgm is missing")
	}
}

func TestSampleUTF8(t *testing.T) {
	for p, s := range readSample(t) {
		if !utf8.ValidString(s) {
			t.Errorf("%s: not valid UTF-8", p)
		}
		if strings.HasPrefix(s, "\uFEFF") {
			t.Errorf("%s: starts with a byte-order mark", p)
		}
		if strings.Contains(s, "\r") {
			t.Errorf("%s: has carriage returns", p)
		}
	}
}

var (
	titleRe   = regexp.MustCompile(`(?s)<title>\s*(\S.*?)\s*</title>`)
	articleRe = regexp.MustCompile(`<article[\s>]`)
	hentryRe  = regexp.MustCompile(`<article [^>]*class="[^"]*\bpost\b[^"]*\bhentry\b`)
	reutersRe = regexp.MustCompile(`(?m)^<REUTERS [^>]*NEWID="\d+">$`)
)

func TestSampleHTML(t *testing.T) {
	for p, s := range readSample(t) {
		if format, _ := FormatOf(p); format != FormatHTML {
			continue
		}
		m := titleRe.FindStringSubmatch(s)
		if m == nil {
			t.Errorf("%s: no <title>", p)
		}
		if !strings.Contains(s, "<html lang=") {
			t.Errorf("%s: no <html lang>", p)
		}
		articles := len(articleRe.FindAllString(s, -1))
		switch path.Dir(p) {
		case "archive":
			if articles != sampleArchivePosts {
				t.Errorf("%s: %d <article> elements, want %d", p, articles, sampleArchivePosts)
			}
			if n := len(hentryRe.FindAllString(s, -1)); n != sampleArchivePosts {
				t.Errorf("%s: %d post hentry articles, want %d", p, n, sampleArchivePosts)
			}
			if !strings.Contains(s, "Archive for March, 2024") {
				t.Errorf("%s: no archive heading", p)
			}
		default:
			if articles != 1 {
				t.Errorf("%s: %d <article> elements, want 1", p, articles)
			}
			// A page title is "Headline | Outlet".
			if m != nil && !strings.Contains(m[1], " | ") {
				t.Errorf("%s: title %q is not \"Headline | Outlet\"", p, m[1])
			}
		}
	}
}

func TestSampleWire(t *testing.T) {
	s := readSample(t)["wire/newswire-2024.sgm"]
	if n := len(reutersRe.FindAllString(s, -1)); n != sampleWireStories {
		t.Errorf("newswire-2024.sgm: %d <REUTERS> elements, want %d", n, sampleWireStories)
	}
	for _, tag := range []string{"</REUTERS>", "<TITLE>", "<BODY>", " Reuter\n&#3;</BODY></TEXT>"} {
		if n := strings.Count(s, tag); n != sampleWireStories {
			t.Errorf("newswire-2024.sgm: %d of %q, want %d", n, tag, sampleWireStories)
		}
	}
}

// TestSampleEscaping checks the strings that the end-to-end escaping tests
// search for: a script tag escaped in an HTML page, literal in a text file.
func TestSampleEscaping(t *testing.T) {
	files := readSample(t)
	const script = "<script>alert(1)</script>"
	escaped := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(script)
	if !strings.Contains(files["html/atlas-review-2025-01-20-nigeria-tech-beyond-lagos.html"], escaped) {
		t.Errorf("the Nigeria page does not contain %q", escaped)
	}
	if !strings.Contains(files["text/japan-town-hall-websites.txt"], script) {
		t.Errorf("the Japan text does not contain %q", script)
	}
	for p, s := range files {
		if format, _ := FormatOf(p); format == FormatHTML && strings.Contains(s, script) {
			t.Errorf("%s: contains an unescaped %q", p, script)
		}
	}
}

// TestSampleListed checks that testdata/SAMPLE.md, the list of expected
// articles, names every sample file and no file that is not there.
func TestSampleListed(t *testing.T) {
	b, err := os.ReadFile("testdata/SAMPLE.md")
	if err != nil {
		t.Fatal(err)
	}
	list := string(b)
	files := readSample(t)
	for p := range files {
		if !strings.Contains(list, path.Base(p)) {
			t.Errorf("testdata/SAMPLE.md does not list %s", p)
		}
	}
	names := regexp.MustCompile(`[\w.-]+\.(?:html|txt|md|sgm)\b`).FindAllString(list, -1)
	for _, name := range names {
		found := false
		for p := range files {
			found = found || path.Base(p) == name
		}
		if !found && name != "SAMPLE.md" {
			t.Errorf("testdata/SAMPLE.md lists %s, which is not in the sample", name)
		}
	}
}
