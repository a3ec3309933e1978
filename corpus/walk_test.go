package corpus

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// sharedCorpora is the shared, read-only real data, relative to this
// package's folder. Tests that use it skip when it is absent.
const sharedCorpora = "../../shared/corpora"

func sharedFS(t testing.TB, sub string) fs.FS {
	t.Helper()
	dir := filepath.Join(sharedCorpora, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpora not available: %v", err)
	}
	return os.DirFS(dir)
}

// collect walks fsys and returns every entry passed to fn.
func collect(t *testing.T, fsys fs.FS) []Entry {
	t.Helper()
	var got []Entry
	err := Walk(context.Background(), fsys, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// walkTree has hidden files and folders, unsupported files, upper-case
// extensions and names whose order differs from insertion order.
var walkTree = fstest.MapFS{
	"b.txt":              file("bb"),
	"a.txt":              file("a"),
	"a/z.html":           file("<p>z</p>"),
	"A.HTM":              file("<p>A</p>"),
	".hidden/x.html":     file("hidden folder"),
	".top.html":          file("hidden file"),
	"sub/.git/config":    file("hidden folder in a folder"),
	"sub/.DS_Store":      file("hidden file in a folder"),
	"sub/img.png":        file("\x89PNG"),
	"sub/page.XHTML":     file("<html/>"),
	"sub/news.SGM.gz":    file("gz"),
	"sub/notes.md":       file("# notes"),
	"sub/readme.text":    file("readme"),
	"sub/page.html.GZ":   file("gz"),
	"sub/archive.tar.gz": file("tar"),
	"sub/noext":          file("x"),
	"empty":              &fstest.MapFile{Mode: fs.ModeDir},
}

func TestWalk(t *testing.T) {
	want := []Entry{
		{Path: "A.HTM", Format: FormatHTML, Size: 8},
		{Path: "a/z.html", Format: FormatHTML, Size: 8},
		{Path: "a.txt", Format: FormatText, Size: 1},
		{Path: "b.txt", Format: FormatText, Size: 2},
		{Path: "sub/archive.tar.gz", Compressed: true, Size: 3},
		{Path: "sub/img.png", Size: 4},
		{Path: "sub/news.SGM.gz", Format: FormatSGML, Compressed: true, Size: 2},
		{Path: "sub/noext", Size: 1},
		{Path: "sub/notes.md", Format: FormatText, Size: 7},
		{Path: "sub/page.XHTML", Format: FormatHTML, Size: 7},
		{Path: "sub/page.html.GZ", Format: FormatHTML, Compressed: true, Size: 2},
		{Path: "sub/readme.text", Format: FormatText, Size: 6},
	}
	got := collect(t, walkTree)
	if !slices.Equal(got, want) {
		t.Errorf("Walk entries:\n got %v\nwant %v", got, want)
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name       string
		format     Format
		compressed bool
	}{
		{"page.html", FormatHTML, false},
		{"page.htm", FormatHTML, false},
		{"page.xhtml", FormatHTML, false},
		{"dir/PAGE.HTML", FormatHTML, false},
		{"a.txt", FormatText, false},
		{"a.text", FormatText, false},
		{"README.md", FormatText, false},
		{"reut2-000.sgm", FormatSGML, false},
		{"x/y.html.gz", FormatHTML, true},
		{"y.TXT.GZ", FormatText, true},
		{"y.sgm.gz", FormatSGML, true},
		{"data.tar.gz", "", true},
		{"index.html?p=3.html", FormatHTML, false},
		{"site.de.emden-21416", "", false},
		{"style.css", "", false},
		{"html", "", false},
		{"page.html.bak", "", false},
		{"page.gz.html", FormatHTML, false},
	}
	for _, tt := range tests {
		format, compressed := FormatOf(tt.name)
		if format != tt.format || compressed != tt.compressed {
			t.Errorf("FormatOf(%q) = %q, %v; want %q, %v", tt.name, format, compressed, tt.format, tt.compressed)
		}
	}
}

func TestWalkStops(t *testing.T) {
	errStop := errors.New("stop here")
	tests := []struct {
		name      string
		cancel    bool // cancel the context before walking
		stopAfter int  // fn returns ret on this call (1-based)
		ret       error
		wantErr   error
		wantCalls int
	}{
		{name: "fn error", stopAfter: 3, ret: errStop, wantErr: errStop, wantCalls: 3},
		{name: "skip all", stopAfter: 2, ret: fs.SkipAll, wantErr: nil, wantCalls: 2},
		// The 5th file is sub/archive.tar.gz: SkipDir skips the rest of sub.
		{name: "skip dir", stopAfter: 5, ret: fs.SkipDir, wantErr: nil, wantCalls: 5},
		{name: "cancelled before", cancel: true, wantErr: context.Canceled, wantCalls: 0},
		{name: "cancelled during", stopAfter: 2, ret: nil, wantErr: context.Canceled, wantCalls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			calls := 0
			err := Walk(ctx, walkTree, func(e Entry) error {
				calls++
				if calls == tt.stopAfter {
					if tt.ret == nil {
						cancel()
					}
					return tt.ret
				}
				return nil
			})
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("Walk error = %v, want %v", err, tt.wantErr)
			}
			if calls != tt.wantCalls {
				t.Errorf("fn called %d times, want %d", calls, tt.wantCalls)
			}
		})
	}
}

// brokenDirFS is a file system where reading one folder fails.
type brokenDirFS struct {
	fstest.MapFS
	bad string
	err error
}

var errBrokenDir = errors.New("injected read failure")

func (b brokenDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == b.bad {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: b.err}
	}
	return b.MapFS.ReadDir(name)
}

// TestWalkUnreadableFolder checks that a folder that cannot be read is
// reported, with its reason, and the walk goes on past it.
func TestWalkUnreadableFolder(t *testing.T) {
	for _, tt := range []struct {
		err    error
		reason string
	}{{errBrokenDir, SkipUnreadable}, {fs.ErrPermission, SkipPermission}} {
		var seen, skipped []string
		err := Walk(context.Background(), brokenDirFS{MapFS: walkTree, bad: "sub", err: tt.err}, func(e Entry) error {
			if e.Skipped != "" {
				skipped = append(skipped, e.Path+": "+e.Skipped)
				if !errors.Is(e.Err, tt.err) {
					t.Errorf("%s: Err = %v, want %v", e.Path, e.Err, tt.err)
				}
				return nil
			}
			seen = append(seen, e.Path)
			return nil
		})
		if err != nil {
			t.Fatalf("Walk error = %v, want the walk to go on", err)
		}
		if want := []string{"sub: " + tt.reason}; !slices.Equal(skipped, want) {
			t.Errorf("skipped = %v, want %v", skipped, want)
		}
		if want := []string{"A.HTM", "a/z.html", "a.txt", "b.txt"}; !slices.Equal(seen, want) {
			t.Errorf("files = %v, want %v", seen, want)
		}
	}
}

func TestWalkMissingRoot(t *testing.T) {
	err := Walk(context.Background(), os.DirFS(filepath.Join(t.TempDir(), "absent")), func(Entry) error {
		t.Error("fn called for a missing root")
		return nil
	})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Walk error = %v, want fs.ErrNotExist", err)
	}
}

func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "real.txt"), []byte("hello"), 0o644))
	must(os.Mkdir(filepath.Join(dir, "folder"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "folder", "inner.html"), []byte("<p>"), 0o644))
	if err := os.Symlink("real.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	must(os.Symlink("folder", filepath.Join(dir, "linkdir")))
	must(os.Symlink("missing.txt", filepath.Join(dir, "dangling.txt")))
	must(os.Symlink(".", filepath.Join(dir, "folder", "loop")))

	must(os.Symlink("loop-b", filepath.Join(dir, "loop-a")))
	must(os.Symlink("loop-a", filepath.Join(dir, "loop-b")))
	must(os.Symlink("self.html", filepath.Join(dir, "self.html")))

	want := []string{
		"dangling.txt: " + SkipDanglingLink,
		"folder/inner.html",
		"folder/loop: " + SkipLinkToFolder,
		"link.txt",
		"linkdir: " + SkipLinkToFolder,
		"loop-a: " + SkipLinkLoop,
		"loop-b: " + SkipLinkLoop,
		"real.txt",
		"self.html: " + SkipLinkLoop,
	}
	if got := described(collect(t, os.DirFS(dir))); !slices.Equal(got, want) {
		t.Errorf("Walk entries:\n got %q\nwant %q", got, want)
	}
}

// described returns the path of each entry, followed by the reason it
// was skipped if it was.
func described(entries []Entry) []string {
	var out []string
	for _, e := range entries {
		if e.Skipped != "" {
			out = append(out, e.Path+": "+e.Skipped)
			continue
		}
		out = append(out, e.Path)
	}
	return out
}

// TestWalkSharedCorpora counts the formats of each data set of the shared
// data, whose content is pinned by SOURCES.md. A set added later is not
// counted until it is pinned here; a pinned set must keep its files.
func TestWalkSharedCorpora(t *testing.T) {
	fsys := sharedFS(t, ".")
	type counts struct{ sgml, html, text, other, compressed int }
	want := map[string]counts{
		"archives-dev":                  {html: 626, text: 1, other: 9, compressed: 626},
		"article-extraction-benchmark":  {html: 181, other: 8, compressed: 181},
		"blog-archive-certaindoubts":    {html: 230, other: 1},
		"blog-archive-lifewithalacrity": {html: 187, text: 1},
		"conll2003":                     {other: 2},
		"go-trafilatura-eval":           {html: 1038, text: 1, other: 4},
		"reuters21578":                  {sgml: 22, text: 8, other: 2},
		"seed":                          {text: 1},
		"web-archives":                  {text: 1, other: 45, compressed: 19},
	}
	got := map[string]counts{}
	for _, e := range collect(t, fsys) {
		set, _, _ := strings.Cut(e.Path, "/")
		c := got[set]
		switch e.Format {
		case FormatSGML:
			c.sgml++
		case FormatHTML:
			c.html++
		case FormatText:
			c.text++
		default:
			c.other++
		}
		if e.Compressed {
			c.compressed++
		}
		got[set] = c
		if e.Size < 0 {
			t.Errorf("%s: size %d", e.Path, e.Size)
		}
	}
	for set, w := range want {
		if got[set] != w {
			t.Errorf("%s: %+v, want %+v", set, got[set], w)
		}
	}
}
