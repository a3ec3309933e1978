package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// gz returns the gzip compression of each part, one gzip member per part.
func gz(t testing.TB, parts ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write(p); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// encode returns s encoded with enc.
func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// pngImage returns a real PNG image.
func pngImage(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// readCase is one file given to Read. Successful cases have their Text in
// testdata/read/<name>.golden.
type readCase struct {
	name     string
	path     string
	data     []byte // nil: the file does not exist
	maxBytes int64
	charset  string
	contains []string // in Text
	excludes []string // not in Text
	wantErr  error
}

func readCases(t testing.TB) []readCase {
	utf16Text := "Grüße aus Köln,\r\n日本語のテキスト\r\n"
	pageUTF8 := []byte("<html><head><title>Gzipped</title></head><body><p>Café déjà vu</p></body></html>\n")
	gzPage := gz(t, pageUTF8)
	wayback := strings.Repeat("<script src=\"/_static/js/wombat.js?v=UHAOicsW\" charset=\"utf-8\"></script>\n", 20)
	return []readCase{
		{
			name:     "utf8-bom",
			path:     "utf8-bom.txt",
			data:     []byte("\xEF\xBB\xBFcafé — naïve\r\nline two\r\n"),
			charset:  "utf-8",
			contains: []string{"café — naïve\nline two\n"},
			excludes: []string{"\uFEFF", "\r"},
		},
		{
			name:     "utf16le-bom",
			path:     "utf16le-bom.txt",
			data:     encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), utf16Text),
			charset:  "utf-16le",
			contains: []string{"Grüße aus Köln,\n日本語のテキスト\n"},
			excludes: []string{"\uFEFF", "\r"},
		},
		{
			name:     "utf16be-bom",
			path:     "utf16be-bom.html",
			data:     encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "<p>"+utf16Text+"</p>"),
			charset:  "utf-16be",
			contains: []string{"<p>Grüße aus Köln,\n日本語のテキスト\n</p>"},
		},
		{
			name:     "windows-1252",
			path:     "smart-quotes.txt",
			data:     []byte("\x93Smart quotes\x94 in a caf\xe9 \x96 \x80 5\rold Mac line end\r\n"),
			charset:  "windows-1252",
			contains: []string{"“Smart quotes” in a café – € 5\nold Mac line end\n"},
			excludes: []string{"\r"},
		},
		{
			name: "iso-8859-1-meta",
			path: "latin1.html",
			data: []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">" +
				"<title>Caf\xe9</title></head><body><p>Stra\xdfe in M\xfcnchen</p></body></html>"),
			// WHATWG: the label iso-8859-1 means windows-1252.
			charset:  "windows-1252",
			contains: []string{"<title>Café</title>", "Straße in München"},
		},
		{
			name: "utf8-wrong-meta",
			path: "wrong-meta.html",
			data: []byte("<html><head><meta charset=\"iso-8859-1\"><title>Café</title></head>" +
				"<body><p>Déjà vu – “quoted” 日本</p></body></html>"),
			charset:  "utf-8",
			contains: []string{"<title>Café</title>", "Déjà vu – “quoted” 日本"},
			excludes: []string{"Ã"},
		},
		{
			name: "shift-jis-meta",
			path: "shift-jis.htm",
			data: cat([]byte("<html><head><meta charset=\"Shift_JIS\"><title>"),
				encode(t, japanese.ShiftJIS, "日本語のニュース"),
				[]byte("</title></head><body><p>"),
				encode(t, japanese.ShiftJIS, "東京で記者会見が開かれた。"),
				[]byte("</p></body></html>")),
			charset:  "shift_jis",
			contains: []string{"<title>日本語のニュース</title>", "東京で記者会見が開かれた。"},
		},
		{
			name: "koi8-r-meta",
			path: "koi8.html",
			data: cat([]byte("<html><head>\n<meta http-equiv=\"content-type\" content='text/html;charset=\"koi8-r\"'>\n</head><body><p>"),
				encode(t, charmap.KOI8R, "Привет, мир! Москва"),
				[]byte("</p></body></html>")),
			charset:  "koi8-r",
			contains: []string{"<p>Привет, мир! Москва</p>"},
		},
		{
			name: "xml-declaration",
			path: "page.xhtml",
			data: cat([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>"),
				encode(t, charmap.ISO8859_15, "Prix : 5 € œuvre"),
				[]byte("</p></body></html>")),
			charset:  "iso-8859-15",
			contains: []string{"<p>Prix : 5 € œuvre</p>"},
		},
		{
			// An archived page: the archive's toolbar pushes the page's
			// own <meta> past the 1024 bytes of the standard prescan.
			name: "meta-after-1024-bytes",
			path: "archived.html",
			data: cat([]byte("<!DOCTYPE html><html><head>\n"+wayback+
				"<!-- End Wayback Rewrite JS Include -->\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\"/>\n<title>"),
				encode(t, charmap.Windows1250, "Sejm zagłosował „za”"),
				[]byte("</title></head><body></body></html>")),
			charset:  "windows-1250",
			contains: []string{"<title>Sejm zagłosował „za”</title>"},
		},
		{
			name:     "meta-in-body-ignored",
			path:     "body-meta.html",
			data:     []byte("<html><head><title>t</title></head><body><meta charset=\"koi8-r\"><p>caf\xe9</p></body></html>"),
			charset:  "windows-1252",
			contains: []string{"<p>café</p>"},
		},
		{
			name:     "unknown-charset",
			path:     "unknown.html",
			data:     []byte("<meta charset=\"x-no-such-thing\"><meta charset=\"iso-2022-kr\"><meta charset=\"latin2\"><p>\xb1\xe6</p>"),
			charset:  "iso-8859-2",
			contains: []string{"<p>ąć</p>"},
		},
		{
			name:     "meta-ignored-in-text",
			path:     "meta.txt",
			data:     []byte("<meta charset=\"koi8-r\">\ncaf\xe9\n"),
			charset:  "windows-1252",
			contains: []string{"café"},
		},
		{
			// A UTF-8 page with one stray byte stays UTF-8, whatever its
			// declaration says.
			name: "mostly-utf8",
			path: "mostly-utf8.html",
			data: []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Ünïcödé façade, crème brûlée, " +
				"naïve \xe9 fin</p></body></html>"),
			charset:  "utf-8",
			contains: []string{"Ünïcödé façade, crème brûlée, naïve \uFFFD fin"},
		},
		{
			// Legacy text where two bytes happen to form a valid UTF-8
			// sequence is still legacy text.
			name:     "legacy-with-utf8-lookalike",
			path:     "lookalike.txt",
			data:     []byte("caf\xe9 na\xefve \xc3\xa9 \xfc\xe4\n"),
			charset:  "windows-1252",
			contains: []string{"café naïve Ã© üä\n"},
		},
		{
			name:     "declared-utf8-but-latin1",
			path:     "lying.html",
			data:     []byte("<meta charset=\"utf-8\"><p>Gr\xfc\xdfe aus K\xf6ln</p>"),
			charset:  "windows-1252",
			contains: []string{"Grüße aus Köln"},
		},
		{
			name:     "gzip",
			path:     "page.html.gz",
			data:     gzPage,
			charset:  "utf-8",
			contains: []string{"<p>Café déjà vu</p>"},
		},
		{
			name:     "gzip-two-members",
			path:     "two.txt.gz",
			data:     gz(t, []byte("first part, "), []byte("second part\n")),
			charset:  "utf-8",
			contains: []string{"first part, second part\n"},
		},
		{
			name:     "sgml-bom",
			path:     "news.sgm",
			data:     []byte("\xEF\xBB\xBF<REUTERS NEWID=\"1\">\r\n<TEXT>Z\xc3\xbcrich</TEXT>\r\n</REUTERS>\r\n"),
			charset:  "utf-8",
			contains: []string{"<REUTERS NEWID=\"1\">\n<TEXT>Zürich</TEXT>\n</REUTERS>\n"},
		},
		{
			name:     "late-nul-dropped",
			path:     "late-nul.html",
			data:     []byte(strings.Repeat("<p>text</p>\n", 700) + "<img alt=\"\" />\x00\x00\x00\n<p>after</p>\n"),
			charset:  "utf-8",
			contains: []string{"<p>text</p>\n<img alt=\"\" />\n<p>after</p>\n"},
			excludes: []string{"\x00"},
		},
		{
			name:     "empty",
			path:     "empty.txt",
			data:     []byte{},
			charset:  "utf-8",
			contains: []string{""},
		},
		{
			name:     "at-cap",
			path:     "ten.txt",
			data:     []byte("0123456789"),
			maxBytes: 10,
			charset:  "utf-8",
			contains: []string{"0123456789"},
		},
		{name: "over-cap", path: "eleven.txt", data: []byte("0123456789A"), maxBytes: 10, wantErr: ErrTooLarge},
		{name: "gzip-bomb", path: "bomb.html.gz", data: gz(t, bytes.Repeat([]byte("a"), 8<<20)), maxBytes: 1 << 20, wantErr: ErrTooLarge},
		{name: "gzip-truncated", path: "truncated.html.gz", data: gzPage[:len(gzPage)/2], wantErr: ErrCorrupt},
		{name: "gzip-bad-checksum", path: "checksum.html.gz", data: flipByte(gzPage, len(gzPage)-8), wantErr: gzip.ErrChecksum},
		{name: "gzip-not-gzip", path: "plain.html.gz", data: pageUTF8, wantErr: gzip.ErrHeader},
		{name: "gzip-empty", path: "empty.txt.gz", data: []byte{}, wantErr: ErrCorrupt},
		{name: "gzip-trailing-garbage", path: "garbage.txt.gz", data: cat(gzPage, []byte("garbage")), wantErr: ErrCorrupt},
		{name: "png-renamed", path: "photo.html", data: pngImage(t), wantErr: ErrNotText},
		{name: "png-gzipped", path: "photo.html.gz", data: gz(t, pngImage(t)), wantErr: ErrNotText},
		{name: "nul-early", path: "nul.txt", data: []byte("hello\x00world"), wantErr: ErrNotText},
		{name: "nul-many", path: "nuls.txt", data: []byte(strings.Repeat("x", 9000) + strings.Repeat("\x00", 100)), wantErr: ErrNotText},
		{name: "utf16-nul", path: "nul16.txt", data: encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "a\x00b"), wantErr: ErrNotText},
		{name: "missing", path: "absent.html", wantErr: fs.ErrNotExist},
	}
}

func flipByte(b []byte, i int) []byte {
	b = bytes.Clone(b)
	b[i] ^= 0xFF
	return b
}

func TestRead(t *testing.T) {
	cases := readCases(t)
	fsys := fstest.MapFS{}
	for _, c := range cases {
		if c.data != nil {
			fsys[c.path] = &fstest.MapFile{Data: c.data}
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			format, compressed := FormatOf(c.path)
			e := Entry{Path: c.path, Format: format, Compressed: compressed, Size: int64(len(c.data))}
			got, err := Read(fsys, e, ReadOptions{MaxBytes: c.maxBytes})
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("Read error = %v, want %v", err, c.wantErr)
				}
				if prefix := "corpus: " + c.path + ": "; !strings.HasPrefix(err.Error(), prefix) {
					t.Errorf("Read error %q does not start with %q", err, prefix)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got.Entry != e {
				t.Errorf("File.Entry = %+v, want %+v", got.Entry, e)
			}
			if got.Charset != c.charset {
				t.Errorf("Charset = %q, want %q", got.Charset, c.charset)
			}
			for _, s := range c.contains {
				if !strings.Contains(got.Text, s) {
					t.Errorf("Text does not contain %q:\n%s", s, got.Text)
				}
			}
			for _, s := range c.excludes {
				if strings.Contains(got.Text, s) {
					t.Errorf("Text contains %q:\n%s", s, got.Text)
				}
			}
			checkGolden(t, filepath.Join("testdata", "read", c.name+".golden"), got.Text)
		})
	}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("Text differs from %s:\n got %q\nwant %q", file, got, want)
	}
}

// TestReadDefaultCap checks that a zero MaxBytes means DefaultMaxBytes,
// not "no limit", with a real gzip bomb: 64 MiB and a byte of zeros.
func TestReadDefaultCap(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 64 MiB gzip bomb")
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for range DefaultMaxBytes / len(chunk) {
		if _, err := zw.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := zw.Write([]byte{0}); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"bomb.txt.gz": {Data: buf.Bytes()}}
	_, err = Read(fsys, Entry{Path: "bomb.txt.gz", Format: FormatText, Compressed: true}, ReadOptions{})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read of a %d-byte bomb = %v, want ErrTooLarge", buf.Len(), err)
	}
}

// failingFS serves files whose reads fail after the first n bytes.
type failingFS struct {
	data []byte
	n    int
}

var errDisk = errors.New("injected disk failure")

func (f failingFS) Open(name string) (fs.File, error) {
	return &failingFile{r: bytes.NewReader(f.data[:f.n]), name: name, size: int64(len(f.data))}, nil
}

type failingFile struct {
	r    *bytes.Reader
	name string
	size int64
}

func (f *failingFile) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		err = errDisk
	}
	return n, err
}
func (f *failingFile) Close() error { return nil }
func (f *failingFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{f.name: {Data: make([]byte, f.size)}}.Stat(f.name)
}

// TestReadDiskFailure checks that a failing read is "unreadable", not a
// corrupt gzip stream, even in the middle of decompression.
func TestReadDiskFailure(t *testing.T) {
	page := gz(t, bytes.Repeat([]byte("<p>Some text to compress.</p>\n"), 1000))
	for _, e := range []Entry{
		{Path: "a.html.gz", Format: FormatHTML, Compressed: true},
		{Path: "a.html", Format: FormatHTML},
	} {
		for _, n := range []int{0, 5, len(page) / 2} {
			_, err := Read(failingFS{data: page, n: n}, e, ReadOptions{})
			if !errors.Is(err, errDisk) || errors.Is(err, ErrCorrupt) {
				t.Errorf("%s failing after %d bytes: error = %v, want the disk error only", e.Path, n, err)
			}
			if r := Reason(err); r != "unreadable" {
				t.Errorf("%s failing after %d bytes: Reason = %q, want unreadable", e.Path, n, r)
			}
		}
	}
}

func TestReason(t *testing.T) {
	cases := readCases(t)
	fsys := fstest.MapFS{}
	for _, c := range cases {
		if c.data != nil {
			fsys[c.path] = &fstest.MapFile{Data: c.data}
		}
	}
	want := map[string]string{
		"over-cap":              "too large",
		"gzip-bomb":             "too large",
		"gzip-truncated":        "corrupt gzip",
		"gzip-bad-checksum":     "corrupt gzip",
		"gzip-not-gzip":         "corrupt gzip",
		"gzip-empty":            "corrupt gzip",
		"gzip-trailing-garbage": "corrupt gzip",
		"png-renamed":           "binary file (not text)",
		"png-gzipped":           "binary file (not text)",
		"nul-early":             "binary file (not text)",
		"nul-many":              "binary file (not text)",
		"utf16-nul":             "binary file (not text)",
		"missing":               "unreadable",
	}
	for _, c := range cases {
		format, compressed := FormatOf(c.path)
		_, err := Read(fsys, Entry{Path: c.path, Format: format, Compressed: compressed}, ReadOptions{MaxBytes: c.maxBytes})
		if got := Reason(err); got != want[c.name] {
			t.Errorf("%s: Reason(%v) = %q, want %q", c.name, err, got, want[c.name])
		}
	}
	if got := Reason(context.DeadlineExceeded); got != "unreadable" {
		t.Errorf("Reason(other error) = %q, want unreadable", got)
	}
}

// TestReadReuters017 reads the Reuters file that has one byte that is not
// valid UTF-8 (0xFC, before "&#5;&#30;" in a story's text).
func TestReadReuters017(t *testing.T) {
	fsys := sharedFS(t, "reuters21578")
	e := Entry{Path: "reut2-017.sgm", Format: FormatSGML}
	f, err := Read(fsys, e, ReadOptions{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if n := strings.Count(f.Text, "<REUTERS "); n != 1000 {
		t.Errorf("%d <REUTERS elements, want 1000", n)
	}
	if f.Charset != "windows-1252" {
		t.Errorf("Charset = %q, want windows-1252", f.Charset)
	}
	if !strings.Contains(f.Text, "world economic growth.ü&#5;&#30;") {
		t.Errorf("the stray byte is not decoded as windows-1252 ü")
	}
	if strings.Contains(f.Text, "\uFFFD") {
		t.Errorf("Text has a replacement character")
	}
}

// TestReadExtractionBenchmark reads every page of the
// article-extraction-benchmark: gzipped UTF-8 HTML.
func TestReadExtractionBenchmark(t *testing.T) {
	fsys := sharedFS(t, "article-extraction-benchmark/html")
	n := 0
	err := Walk(context.Background(), fsys, func(e Entry) error {
		n++
		if e.Format != FormatHTML || !e.Compressed {
			t.Errorf("%s: format %q, compressed %v; want compressed html", e.Path, e.Format, e.Compressed)
			return nil
		}
		f, err := Read(fsys, e, ReadOptions{})
		if err != nil {
			t.Error(err)
			return nil
		}
		if strings.TrimSpace(f.Text) == "" {
			t.Errorf("%s: empty text", e.Path)
		}
		if !strings.Contains(strings.ToLower(f.Text[:min(len(f.Text), 4096)]), "<html") {
			t.Errorf("%s: no <html in the first 4 KiB", e.Path)
		}
		if f.Charset != "utf-8" {
			t.Errorf("%s: charset %q, want utf-8", e.Path, f.Charset)
		}
		if int64(len(f.Text)) <= e.Size {
			t.Errorf("%s: %d bytes of text from %d compressed bytes", e.Path, len(f.Text), e.Size)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 181 {
		t.Errorf("%d files, want 181", n)
	}
}

// TestReadLegacyPages reads real pages that are not valid UTF-8, or that
// hold NUL bytes, and checks the encoding chosen on a phrase of each.
func TestReadLegacyPages(t *testing.T) {
	fsys := sharedFS(t, "go-trafilatura-eval/test-files")
	tests := []struct {
		path    string
		charset string
		phrase  string
	}{
		// <meta ... charset=gb2312> at byte 1180, after the Wayback toolbar.
		{"comparison/archive.org.he.xinhuanet.com.25340717.html", "gbk", "话剧《约定无期限》河北各市巡演结束"},
		// <meta charset="ISO-8859-2"> at byte 1222.
		{"comparison/_Ziemniaki na szóstej, surówka na dziesiątej_. Jak pomagać, żeby nie zaszkodzić_ [PORADNIK W PIGUŁCE].html",
			"iso-8859-2", "Ziemniaki na szóstej, surówka na dziesiątej"},
		// <meta ... charset=Windows-1250> at byte 2045.
		{"comparison/Unijne fundusze coraz bliżej. Sejm zagłosował _za_ - Polityka - rp.pl.html", "windows-1250", "Sejm zagłosował"},
		{"comparison/die-tagespost.de.Demut.html", "windows-1252", "Maßnahmen"},
		// <meta ... charset=iso-8859-1> at byte 2336.
		{"mock/landwirt.com.sensortechnik.html", "windows-1252", "Überwachung"},
		// <meta ... charset=iso-8859-1> at byte 58128.
		{"comparison/nmb-media.de.ebay.html", "windows-1252", "Verfügung"},
		// Declares UTF-8 and is UTF-8 except for one byte.
		{"comparison/Sprzeciw wobec ataków na Fundację Lux Veritatis - RadioMaryja.pl.html", "utf-8", "Sprzeciw wobec ataków na Fundację"},
		// Valid UTF-8 with 22 NUL bytes after a banner image, 34 KB in.
		{"comparison/lostiempos.com-juicio.html", "utf-8", "Juicio por el caso golpe II"},
	}
	for _, tt := range tests {
		f, err := Read(fsys, Entry{Path: tt.path, Format: FormatHTML}, ReadOptions{})
		if err != nil {
			t.Errorf("Read: %v", err)
			continue
		}
		if f.Charset != tt.charset {
			t.Errorf("%s: charset %q, want %q", tt.path, f.Charset, tt.charset)
		}
		if !strings.Contains(f.Text, tt.phrase) {
			t.Errorf("%s: text does not contain %q", tt.path, tt.phrase)
		}
	}
}

// TestReadSharedCorpora reads every file of the shared data that Walk
// says clippings reads: none may fail.
func TestReadSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 210 MB")
	}
	fsys := sharedFS(t, ".")
	charsets := map[string]int{}
	err := Walk(context.Background(), fsys, func(e Entry) error {
		if e.Format == "" {
			return nil
		}
		f, err := Read(fsys, e, ReadOptions{})
		if err != nil {
			t.Errorf("%v (%s)", err, Reason(err))
			return nil
		}
		if strings.ContainsAny(f.Text, "\x00\r") {
			t.Errorf("%s: text has NUL or CR", e.Path)
		}
		charsets[f.Charset]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("charsets: %v", charsets)
}

// BenchmarkRead reads the 181 gzipped pages of the
// article-extraction-benchmark; MB/s counts the decoded text.
func BenchmarkRead(b *testing.B) {
	fsys := sharedFS(b, "article-extraction-benchmark/html")
	var entries []Entry
	var size int64
	err := Walk(context.Background(), fsys, func(e Entry) error {
		f, err := Read(fsys, e, ReadOptions{})
		if err != nil {
			return err
		}
		entries = append(entries, e)
		size += int64(len(f.Text))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range entries {
			if _, err := Read(fsys, e, ReadOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
