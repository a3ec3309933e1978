package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
)

// This file is the corpus generator of `clippings bench --generate N`:
// it replicates the articles of a corpus into a Reuters-21578 style SGML
// corpus of any size, for the scale runs.

// storiesPerFile is how many stories a generated SGML file holds, as in
// Reuters-21578.
const storiesPerFile = 1000

// earliestGenerated is the earliest date the generator shifts a copy to:
// the index drops dates before 1678, and the SGML reader reads four-digit
// years only.
var earliestGenerated = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)

// generateOptions are the options of generateCorpus.
type generateOptions struct {
	// articles is how many articles to write.
	articles int
	// out is the folder written; it must be missing or empty.
	out string
	// workers is the number of files extracted at once; 0 means one per
	// core.
	workers int
}

// generateSummary tells what generateCorpus wrote.
type generateSummary struct {
	// Source is the number of articles extracted from the source corpus.
	Source int `json:"source_articles"`
	// Articles and Files are what was written, Bytes their size.
	Articles int   `json:"articles"`
	Files    int   `json:"files"`
	Bytes    int64 `json:"bytes"`
	// Copies is how many times the source articles were used, the last
	// time in part; ShiftDays is how many days earlier each copy is
	// dated than the one before.
	Copies    int `json:"copies"`
	ShiftDays int `json:"shift_days"`
}

func (s generateSummary) String() string {
	return fmt.Sprintf("wrote %s in %s (%.1f MB): %s of %s, each copy dated %s before the one before",
		indexer.Plural(s.Articles, "article"), indexer.Plural(s.Files, "file"), float64(s.Bytes)/1e6,
		indexer.Plural(s.Copies, "copy"), indexer.Plural(s.Source, "source article"), indexer.Plural(s.ShiftDays, "day"))
}

// generateCorpus writes opts.articles articles to opts.out, made by
// replicating the articles of the corpus in src (extracted and merged as a
// reindex does, without enrichment: a reindex of the copies enriches
// them). Copy k of an article (k from 0) is dated k×S days earlier than
// the article, S being the span of the source's dates in days (less when
// the copies would otherwise reach back before 1700), and has an id of
// its own, as each story has its own place in the files. The files are
// Reuters-21578 style SGML, storiesPerFile stories each, with the title,
// body, date (to the day), authors and outlet, tags (TOPICS), places and
// people of each article: what a reindex of the folder reads back with
// full extraction. Other fields (URL, subtitle, section...) are left out.
func generateCorpus(ctx context.Context, src fs.FS, opts generateOptions) (generateSummary, error) {
	if opts.articles <= 0 {
		return generateSummary{}, fmt.Errorf("generate: %d articles: want at least 1", opts.articles)
	}
	if err := emptyFolder(opts.out); err != nil {
		return generateSummary{}, fmt.Errorf("generate: %w", err)
	}
	arts, _, err := extractAll(ctx, src, indexer.Options{Workers: opts.workers, SkipEnrich: true})
	if err != nil {
		return generateSummary{}, fmt.Errorf("generate: %w", err)
	}
	if len(arts) == 0 {
		return generateSummary{}, errors.New("generate: the source corpus has no article")
	}
	copies := (opts.articles + len(arts) - 1) / len(arts)
	sum := generateSummary{Source: len(arts), Copies: copies, ShiftDays: shiftDays(arts, copies)}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return sum, fmt.Errorf("generate: %w", err)
	}
	for start := 0; start < opts.articles; start += storiesPerFile {
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("generate: %w", err)
		}
		path := filepath.Join(opts.out, fmt.Sprintf("gen-%05d.sgm", sum.Files))
		n, err := writeStories(path, arts, start, min(start+storiesPerFile, opts.articles), sum.ShiftDays)
		if err != nil {
			return sum, fmt.Errorf("generate: %w", err)
		}
		sum.Files++
		sum.Articles += min(start+storiesPerFile, opts.articles) - start
		sum.Bytes += n
	}
	return sum, nil
}

// emptyFolder returns an error unless dir is missing or an empty folder,
// so that a generated corpus is never mixed with other files.
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

// shiftDays returns the number of days between copies: the span of the
// articles' dates in days (1 when they have none or all have one day),
// or less, at least 1, when copies copies would reach back before
// earliestGenerated.
func shiftDays(arts []corpus.Article, copies int) int {
	var first, last time.Time
	for _, a := range arts {
		if a.Date.IsZero() {
			continue
		}
		t := a.Date.Time
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return 1
	}
	span := int(last.Sub(first).Hours()/24) + 1
	if copies > 1 {
		room := int(first.Sub(earliestGenerated).Hours() / 24)
		span = min(span, room/(copies-1))
	}
	return max(span, 1)
}

// writeStories writes the stories from to to (exclusive) to the SGML file
// at path and returns its size. Story i is copy i/len(arts) of article
// i%len(arts); its NEWID is i+1.
func writeStories(path string, arts []corpus.Article, from, to, shift int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := from; i < to; i++ {
		a := arts[i%len(arts)]
		if !a.Date.IsZero() {
			a.Date = corpus.NewDate(a.Date.Time.AddDate(0, 0, -(i/len(arts))*shift), corpus.PrecisionDay)
		}
		writeStory(w, a, i+1)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	return st.Size(), nil
}

// writeStory writes one article as a <REUTERS> element, in the shape the
// SGML reader of package extract reads (see lewis.dtd): each paragraph of
// the body on one indented line, the authors and the outlet in an AUTHOR
// element "By A and B, Outlet", people as labels (james-baker).
func writeStory(w *bufio.Writer, a corpus.Article, newID int) {
	esc := html.EscapeString
	fmt.Fprintf(w, "<REUTERS TOPICS=\"YES\" NEWID=\"%d\">\n", newID)
	if !a.Date.IsZero() {
		t := a.Date.Time
		fmt.Fprintf(w, "<DATE>%02d-%s-%04d 12:00:00.00</DATE>\n", t.Day(), strings.ToUpper(t.Format("Jan")), t.Year())
	}
	people := make([]string, len(a.People))
	for i, p := range a.People {
		people[i] = strings.ToLower(strings.Join(strings.Fields(p), "-"))
	}
	for _, el := range []struct {
		name   string
		values []string
	}{{"TOPICS", a.Tags}, {"PLACES", a.Places}, {"PEOPLE", people}} {
		fmt.Fprintf(w, "<%s>", el.name)
		for _, v := range el.values {
			fmt.Fprintf(w, "<D>%s</D>", esc(v))
		}
		fmt.Fprintf(w, "</%s>\n", el.name)
	}
	if strings.TrimSpace(a.Body) == "" {
		fmt.Fprintf(w, "<TEXT TYPE=\"BRIEF\">\n<TITLE>%s</TITLE>\n</TEXT>\n</REUTERS>\n", esc(oneLine(a.Title)))
		return
	}
	fmt.Fprintf(w, "<TEXT>\n<TITLE>%s</TITLE>\n", esc(oneLine(a.Title)))
	if len(a.Authors) > 0 || a.Outlet != "Reuters" {
		fmt.Fprintf(w, "<AUTHOR>By %s, %s</AUTHOR>\n", esc(strings.Join(a.Authors, " and ")), esc(oneLine(a.Outlet)))
	}
	w.WriteString("<BODY>")
	for _, p := range strings.Split(a.Body, "\n\n") {
		if p = oneLine(p); p != "" {
			fmt.Fprintf(w, "    %s\n", esc(p))
		}
	}
	w.WriteString("</BODY></TEXT>\n</REUTERS>\n")
}

// oneLine folds the white space of s, line breaks included, to single
// spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// extractAll returns every article of the corpus in fsys as a reindex
// with opts gives them to the index (extracted, enriched unless
// opts.SkipEnrich, copies merged), in order, with the run's summary.
// Batches are written one at a time (opts.Writers is 1): the sink keeps
// them in order, and is not safe for concurrent use.
func extractAll(ctx context.Context, fsys fs.FS, opts indexer.Options) ([]corpus.Article, indexer.Summary, error) {
	opts.Writers = 1
	var sink articleSink
	sum, err := indexer.New(opts).Run(ctx, fsys, &sink)
	if err != nil {
		return nil, sum, fmt.Errorf("extract: %w", err)
	}
	return sink.articles, sum, nil
}

// articleSink is an indexer.Sink that keeps the articles in memory.
type articleSink struct{ articles []corpus.Article }

// Write appends the articles of batch (the indexer reuses batch).
func (s *articleSink) Write(_ context.Context, batch []corpus.Article) error {
	s.articles = append(s.articles, batch...)
	return nil
}
