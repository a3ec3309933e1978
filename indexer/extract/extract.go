package extract

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/clippings/clippings/corpus"
)

// Options tune extraction; the zero value is ready to use.
type Options struct {
	// MaxArticlesPerFile caps the number of articles taken from one file,
	// keeping the first ones. Zero means no limit.
	MaxArticlesPerFile int
	// Fallback makes go-trafilatura compare its main text with those of
	// go-readability and go-domdistiller: on go-trafilatura-eval it finds
	// a little more of the main text (90% of snippets instead of 88.5%)
	// and lets in a little more boilerplate, for about 40% more time.
	Fallback bool
	// ClassicListings reads listing pages (a blog's month, tag or home
	// page) the way clippings did before the evidence model: post
	// containers found by the class names of common blog themes
	// (archive_classic.go). By default listing pages are read with the
	// evidence model of listing.go: candidate post sets from microdata,
	// h-entry, hAtom and repeated structure, scored with one set of
	// weights, with per-field provenance.
	ClassicListings bool
	// Now returns the current time; dates after it are rejected as
	// impossible publication dates. Nil means time.Now.
	Now func() time.Time
	// Outlets maps outlet names as found in the sources to the names they
	// are indexed under (a corpus folder's [outlets] table, see
	// corpus.Config). Keys match case-insensitively, with or without a
	// leading "the"; they extend and override the built-in aliases
	// (outlets.go), which already make "BBC News" the BBC and "Monday's
	// Times" The Times.
	Outlets map[string]string
}

// Extractor turns decoded corpus files into articles. It is safe for
// concurrent use.
type Extractor struct {
	opts    Options
	dates   *dateParser
	outlets outletTable
}

// New returns an Extractor with the given options.
func New(opts Options) *Extractor {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Extractor{opts: opts, dates: newDateParser(now), outlets: newOutletTable(opts.Outlets)}
}

// Extract returns the articles of f in file order. Each has Source =
// corpus.SourceOf(f.Path, n) (n from 1), ID = corpus.IDOf(Source), and has
// been Tidy()-ed. A file that holds no article returns (nil, nil) only if
// it is really empty (nothing but white space); an unparseable file, or
// one in which no article can be found, returns an error wrapped with the
// path. The format is f.Format, or guessed from the file name when empty.
//
// Countries and Topics are left empty: they are the enricher's job.
func (x *Extractor) Extract(f corpus.File) ([]corpus.Article, error) {
	f.Text = strings.TrimPrefix(f.Text, "\ufeff")
	if strings.TrimSpace(f.Text) == "" {
		return nil, nil
	}
	format := f.Format
	if format == "" {
		format = formatOf(f.Path)
	}
	var (
		arts []corpus.Article
		err  error
	)
	switch format {
	case corpus.FormatHTML:
		arts, err = x.extractHTML(f)
	case corpus.FormatText:
		arts, err = x.extractText(f)
	case corpus.FormatSGML:
		arts, err = x.extractSGML(f)
	default:
		err = fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", f.Path, err)
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("extract: %s: no article found", f.Path)
	}
	if n := x.opts.MaxArticlesPerFile; n > 0 && len(arts) > n {
		arts = arts[:n]
	}
	for i := range arts {
		a := &arts[i]
		a.Source = corpus.SourceOf(f.Path, i+1)
		a.ID = corpus.IDOf(a.Source)
		a.Countries, a.Topics = nil, nil
		a.Outlet = x.outlets.resolveAt(a.Outlet, a.URL)
		for j, m := range a.Mentions {
			a.Mentions[j] = x.outlets.resolve(m)
		}
		a.Tidy()
	}
	return arts, nil
}

// formatOf guesses a file's format from its name, ignoring a ".gz".
func formatOf(name string) corpus.Format {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch path.Ext(name) {
	case ".html", ".htm", ".xhtml":
		return corpus.FormatHTML
	case ".txt", ".text", ".md", ".markdown":
		return corpus.FormatText
	case ".sgm", ".sgml":
		return corpus.FormatSGML
	}
	return ""
}
