package extract

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// The archives-dev set (../shared/corpora/archives-dev, see its README)
// holds listing pages and single post pages of nine blogs on seven
// platforms, with truth derived from the post pages. This file scores
// extraction on it, per site and in all, on two halves of every site: the
// development half (pages whose hashed path is even) that rules may be
// written while looking at, and the held-out half that they may not. A
// figure that rises on one half only is a special case.

// devTruth is one site's truth.json.
type devTruth struct {
	Site     string `json:"site"`
	Platform string `json:"platform"`
	Language string `json:"language"`
	Pages    []struct {
		Path       string    `json:"path"`
		SourcePath string    `json:"source_path"`
		Posts      []devPost `json:"posts"`
	} `json:"pages"`
	Single []devPost `json:"single"`
}

// devPost is one post as the truth gives it: on a listing page, or a
// single post page (Path set).
type devPost struct {
	Path           string   `json:"path"`
	SourcePath     string   `json:"source_path"`
	Title          string   `json:"title"`
	TitleTruncated bool     `json:"title_truncated"`
	Date           string   `json:"date"`
	Authors        []string `json:"authors"`
	URL            string   `json:"url"`
	// DateShown is false where the listing page prints no absolute date
	// for the post (a "2 weeks ago" link): its day is not scored.
	DateShown *bool `json:"date_shown"`
}

// devScore counts one site's (or all sites') results on one half.
type devScore struct {
	pages, pagesExact          int
	posts, titles              int
	daysScored, days           int
	authorsScored, authors     int
	single, sTitles, sDays     int
	sAuthorsScored, sAuthors   int
	docs, pageErrors           int
	misses                     []string
	singleMisses, countMisses  []string
	titleMisses, authorsMisses []string
}

func (s *devScore) add(o *devScore) {
	s.pages += o.pages
	s.pagesExact += o.pagesExact
	s.posts += o.posts
	s.titles += o.titles
	s.daysScored += o.daysScored
	s.days += o.days
	s.authorsScored += o.authorsScored
	s.authors += o.authors
	s.single += o.single
	s.sTitles += o.sTitles
	s.sDays += o.sDays
	s.sAuthorsScored += o.sAuthorsScored
	s.sAuthors += o.sAuthors
	s.docs += o.docs
	s.pageErrors += o.pageErrors
}

// figures returns the scores that the targets name, in percent.
func (s *devScore) figures() []float64 {
	return []float64{
		pct(s.pagesExact, s.pages), pct(s.titles, s.posts), pct(s.days, s.daysScored),
		pct(s.authors, s.authorsScored), pct(s.sTitles, s.single), pct(s.sDays, s.single),
		pct(s.sAuthors, s.sAuthorsScored),
	}
}

var devFigureNames = []string{"count", "title", "day", "authors", "1-title", "1-day", "1-authors"}

func (s *devScore) row(name string) string {
	f := s.figures()
	return fmt.Sprintf("%-34s %4d %6.1f %5d %6.1f %6.1f %6.1f(%4d) %4d %6.1f %6.1f %6.1f",
		name, s.pages, f[0], s.posts, f[1], f[2], f[3], s.authorsScored, s.single, f[4], f[5], f[6])
}

// heldOut reports whether a page of a site belongs to the held-out half.
func heldOut(site, path string) bool {
	h := fnv.New32a()
	io.WriteString(h, site+"/"+path)
	return h.Sum32()%2 == 1
}

// readGz reads a gzipped corpus page as corpus.Read decodes it, with the
// path the page has in the site.
func readGz(t testing.TB, file, sitePath string) corpus.File {
	t.Helper()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return decodedFile(t, sitePath, b)
}

// sitePathOf returns a truth file's path in the site: its source_path,
// else its path under pages/ or posts/ without ".gz".
func sitePathOf(path, sourcePath string) string {
	if sourcePath != "" {
		return sourcePath
	}
	_, rest, _ := strings.Cut(path, "/")
	return strings.TrimSuffix(rest, ".gz")
}

// titleMatches reports whether an extracted title is the truth's title:
// the same text, or its continuation where the truth was cut.
func titleMatches(got string, want devPost) bool {
	if sameText(got, want.Title) {
		return true
	}
	if want.TitleTruncated {
		w := normText(strings.TrimRight(strings.TrimSpace(want.Title), ".… "))
		return w != "" && strings.HasPrefix(normText(got), w)
	}
	return false
}

// sameAuthors compares author lists as sets, ignoring case and spacing.
func sameAuthors(got, want []string) bool {
	norm := func(l []string) []string {
		out := make([]string, 0, len(l))
		for _, s := range l {
			out = append(out, normText(s))
		}
		sort.Strings(out)
		return slices.Compact(out)
	}
	return slices.Equal(norm(got), norm(want))
}

// urlMatches reports whether an extracted post address is the one the
// truth links to (which may be relative to the listing page).
func urlMatches(got, want string) bool {
	if got == "" || want == "" {
		return false
	}
	trim := func(s string) string {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "/"), "/index.html")
		if i := strings.Index(s, "://"); i >= 0 {
			s = s[i+3:]
			if j := strings.IndexByte(s, '/'); j >= 0 {
				s = s[j:]
			}
		}
		return strings.TrimLeft(strings.TrimPrefix(s, "./"), "./")
	}
	g, w := trim(got), trim(want)
	return g == w || strings.HasSuffix(g, "/"+w)
}

// matchPosts pairs each truth post with at most one article: by title,
// else by address, else by position when the counts agree.
func matchPosts(arts []corpus.Article, want []devPost) []int {
	used := make([]bool, len(arts))
	match := make([]int, len(want))
	for i := range match {
		match[i] = -1
	}
	try := func(ok func(a corpus.Article, w devPost) bool) {
		for i, w := range want {
			if match[i] >= 0 {
				continue
			}
			for j, a := range arts {
				if !used[j] && ok(a, w) {
					match[i], used[j] = j, true
					break
				}
			}
		}
	}
	try(func(a corpus.Article, w devPost) bool { return titleMatches(a.Title, w) })
	try(func(a corpus.Article, w devPost) bool { return urlMatches(a.URL, w.URL) })
	if len(arts) == len(want) {
		for i := range want {
			if match[i] < 0 && !used[i] {
				match[i], used[i] = i, true
			}
		}
	}
	return match
}

// scoreSite extracts every page of one site and scores it, per half.
func scoreSite(t *testing.T, x *Extractor, dir string) (truth devTruth, halves [2]*devScore) {
	raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	site := filepath.Base(dir)
	halves = [2]*devScore{{}, {}}
	for _, pg := range truth.Pages {
		sp := sitePathOf(pg.Path, pg.SourcePath)
		s := halves[b2i(heldOut(site, sp))]
		arts, err := x.Extract(readGz(t, filepath.Join(dir, pg.Path), sp))
		s.pages++
		if err != nil {
			s.pageErrors++
			s.countMisses = append(s.countMisses, fmt.Sprintf("%s: %v", sp, err))
		}
		s.docs += len(arts)
		if len(arts) == len(pg.Posts) {
			s.pagesExact++
		} else {
			s.countMisses = append(s.countMisses, fmt.Sprintf("%s: %d articles, want %d", sp, len(arts), len(pg.Posts)))
		}
		match := matchPosts(arts, pg.Posts)
		for i, w := range pg.Posts {
			s.posts++
			if w.DateShown == nil || *w.DateShown {
				s.daysScored++
			}
			if len(w.Authors) > 0 {
				s.authorsScored++
			}
			j := match[i]
			if j < 0 {
				s.titleMisses = append(s.titleMisses, fmt.Sprintf("%s: no article for %q", sp, w.Title))
				continue
			}
			a := arts[j]
			if titleMatches(a.Title, w) {
				s.titles++
			} else {
				s.titleMisses = append(s.titleMisses, fmt.Sprintf("%s: title %q, want %q", sp, a.Title, w.Title))
			}
			if (w.DateShown == nil || *w.DateShown) && a.Date.String() == w.Date {
				s.days++
			} else if w.DateShown == nil || *w.DateShown {
				s.misses = append(s.misses, fmt.Sprintf("%s: %q day %q, want %q", sp, w.Title, a.Date, w.Date))
			}
			if len(w.Authors) > 0 {
				if sameAuthors(a.Authors, w.Authors) {
					s.authors++
				} else {
					s.authorsMisses = append(s.authorsMisses, fmt.Sprintf("%s: %q authors %q, want %q", sp, w.Title, a.Authors, w.Authors))
				}
			}
		}
	}
	for _, w := range truth.Single {
		sp := sitePathOf(w.Path, w.SourcePath)
		s := halves[b2i(heldOut(site, sp))]
		s.single++
		arts, err := x.Extract(readGz(t, filepath.Join(dir, w.Path), sp))
		if err != nil || len(arts) == 0 {
			s.singleMisses = append(s.singleMisses, fmt.Sprintf("%s: %v", sp, err))
			continue
		}
		if len(arts) != 1 {
			s.singleMisses = append(s.singleMisses, fmt.Sprintf("%s: %d articles, want 1", sp, len(arts)))
		}
		a := arts[0]
		if titleMatches(a.Title, w) {
			s.sTitles++
		} else {
			s.singleMisses = append(s.singleMisses, fmt.Sprintf("%s: title %q, want %q", sp, a.Title, w.Title))
		}
		if a.Date.String() == w.Date {
			s.sDays++
		} else {
			s.singleMisses = append(s.singleMisses, fmt.Sprintf("%s: day %q, want %q", sp, a.Date, w.Date))
		}
		if len(w.Authors) > 0 {
			s.sAuthorsScored++
			if sameAuthors(a.Authors, w.Authors) && len(arts) == 1 {
				s.sAuthors++
			} else {
				s.singleMisses = append(s.singleMisses, fmt.Sprintf("%s: authors %q, want %q", sp, a.Authors, w.Authors))
			}
		}
	}
	return truth, halves
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// archivesDevFloors are the lowest figures (percent) each half of all
// sites together may reach, in the order of devFigureNames, just under
// what extraction reached; every site's own figures must stay at or over
// siteFloors.
var archivesDevFloors = []float64{95, 98, 99.5, 91, 98, 98, 97}

// archivesDevClassicFloors are the classic reading's floors, so that its
// figures are kept honest while it is the default.
var archivesDevClassicFloors = []float64{35, 22, 43, 4.5, 90, 98, 97}

// siteFloors are the lowest figures any one site may reach, in the order
// of devFigureNames. The issue asks for 85% on each; the exceptions are
// truth or figures not there yet (see docs/extraction.md): the count of
// blogger-jorgeelconstructor (its truth leaves out untitled posts, 77.5%),
// post authors (hugo-2ynhub's truth names an author its title lists do
// not show) and single authors.
var siteFloors = []float64{75, 85, 85, 0, 85, 85, 0}

// TestArchivesDev scores listing pages and single post pages of
// archives-dev per site and in all, on the development and held-out
// halves, with the evidence model and, for comparison, the classic
// reading (Options.ClassicListings). Run with -v to see every miss.
func TestArchivesDev(t *testing.T) {
	root := corpusDir(t, "archives-dev")
	t.Run("model", func(t *testing.T) { scoreArchivesDev(t, root, New(Options{}), archivesDevFloors, siteFloors) })
	t.Run("classic", func(t *testing.T) {
		scoreArchivesDev(t, root, New(Options{ClassicListings: true}), archivesDevClassicFloors, nil)
	})
}

// scoreArchivesDev prints the archives-dev table of one extractor and
// checks its figures against floors, and each site's against perSite
// (when given).
func scoreArchivesDev(t *testing.T, root string, x *Extractor, floors, perSite []float64) {
	sites, err := filepath.Glob(filepath.Join(root, "*", "truth.json"))
	if err != nil || len(sites) == 0 {
		t.Fatalf("no sites in %s: %v", root, err)
	}
	var all [2]devScore
	var both devScore
	var b strings.Builder
	head := fmt.Sprintf("%-34s %4s %6s %5s %6s %6s %12s %4s %6s %6s %6s",
		"site / half", "pgs", "count%", "posts", "title%", "day%", "authors%(n)", "1pg", "title%", "day%", "auth%")
	fmt.Fprintln(&b, head)
	for _, tf := range sites {
		dir := filepath.Dir(tf)
		name := filepath.Base(dir)
		_, halves := scoreSite(t, x, dir)
		var site devScore
		for h, s := range halves {
			all[h].add(s)
			site.add(s)
			fmt.Fprintln(&b, s.row(name+[]string{" dev", " held-out"}[h]))
			if testing.Verbose() {
				for _, l := range [][]string{s.countMisses, s.titleMisses, s.misses, s.authorsMisses, s.singleMisses} {
					for k, m := range l {
						if k >= 12 {
							t.Logf("  … %d more", len(l)-k)
							break
						}
						t.Logf("  %s", m)
					}
				}
			}
		}
		both.add(&site)
		fmt.Fprintln(&b, site.row(name))
		for i, f := range site.figures() {
			if perSite != nil && f < perSite[i] && !(i == 2 && site.daysScored == 0) {
				t.Errorf("%s: %s %.1f%% is under the per-site floor %.0f%%", name, devFigureNames[i], f, perSite[i])
			}
		}
	}
	fmt.Fprintln(&b, all[0].row("ALL dev"))
	fmt.Fprintln(&b, all[1].row("ALL held-out"))
	fmt.Fprintln(&b, both.row("ALL"))
	t.Logf("archives-dev (count%%: listing pages with the exact post count; title/day/authors: posts of listing pages; 1pg: single post pages)\n%s", b.String())
	for h := range all {
		for i, f := range all[h].figures() {
			if f < floors[i] {
				t.Errorf("%s half: %s %.1f%% is under the floor %.1f%%", []string{"dev", "held-out"}[h], devFigureNames[i], f, floors[i])
			}
		}
	}
}
