package indexer

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer/enrich"
	"github.com/clippings/clippings/indexer/extract"
)

// Sink receives articles in batches. *search.Index implements it.
type Sink interface {
	Write(ctx context.Context, batch []corpus.Article) error
}

// LabelSink is a Sink that also keeps the descriptions of the source's
// codes (corpus.Labels), such as Reuters' "money-fx" = "Money/Foreign
// Exchange", to show beside them. *search.Index implements it.
type LabelSink interface {
	Sink
	SetLabels(ctx context.Context, labels corpus.Labels) error
}

// Options tune an Indexer. The zero value uses every core, batches of
// DefaultBatchSize, no progress bar and no log.
type Options struct {
	// Workers is the number of files read, extracted and enriched at
	// once; 0 means runtime.NumCPU().
	Workers int
	// BatchSize is the number of articles per Sink.Write; 0 means
	// DefaultBatchSize.
	BatchSize int
	// Writers is the number of Sink.Write calls Run makes at once; 0
	// means runtime.NumCPU(). The Sink must be safe for concurrent use
	// when it is more than 1. Batches written at once may finish in any
	// order; the articles of one run have distinct IDs.
	Writers int
	// Read caps the size of a decompressed file.
	Read corpus.ReadOptions
	// Extract and Enrich tune the two stages. A corpus folder's own
	// outlet aliases (corpus.Config) are added to Extract.Outlets.
	Extract extract.Options
	Enrich  enrich.Options
	// KeepCopies makes Run index every copy of a post as its own
	// article, as extracted, instead of merging the copies (see Merger).
	KeepCopies bool
	// Select chooses the files read; its zero value leaves out
	// documentation, word lists and the files the corpus's IgnoreFile
	// names.
	Select Selection
	// SkipEnrich leaves articles as extracted: no places, countries,
	// people, topics or language beyond what the source labels. For
	// measuring what enrichment costs.
	SkipEnrich bool
	// Progress, when set, receives a progress bar with rate and ETA. Set it
	// only for a terminal.
	Progress io.Writer
	// Logger receives one warning per skipped file; nil discards them
	// (the Summary still counts them).
	Logger *slog.Logger
}

// DefaultBatchSize is the number of articles per Sink.Write by default.
const DefaultBatchSize = 1000

// Indexer runs the corpus → articles pipeline. It is safe for concurrent
// use; build it once, as its extractor and enricher load tables at New.
type Indexer struct {
	opts Options
	en   *enrich.Enricher
	log  *slog.Logger
}

// New returns an Indexer with the given options.
func New(opts Options) *Indexer {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Indexer{opts: opts, en: enrich.New(opts.Enrich), log: log}
}

// Summary counts what a run did.
type Summary struct {
	// Files is the number of files read and extracted.
	Files int
	// Articles is the number of articles extracted.
	Articles int
	// ByFormat counts the articles extracted by the format of their file.
	ByFormat map[corpus.Format]int
	// Merged is the number of copies of a post merged into another copy
	// (see Merger): Articles - Merged articles were delivered.
	Merged int
	// DuplicatesLeft is the number of articles delivered that may still
	// be copies of another (MergeStats.DuplicatesLeft).
	DuplicatesLeft int
	// Bytes is the on-disk size of the files read.
	Bytes int64
	// Skipped counts the files not read, by reason ("unsupported",
	// "too large", "parse error", ...).
	Skipped map[string]int
	// Skips lists the files not read, in the order met, with the reason
	// and the error, if any.
	Skips []Skip
	// Labels is the number of codes given a description and LabelFiles
	// the files of code descriptions they were read from (see
	// corpus.LoadLabels); Run reads them for a LabelSink only.
	Labels     int
	LabelFiles []string
	// Elapsed is the wall time of the run.
	Elapsed time.Duration
}

// Skip is a file not read and why.
type Skip struct {
	Path   string
	Reason string // as in Summary.Skipped: "unsupported", "parse error", ...
	Err    error  // nil when the reason says it all
}

// String is "path: reason (error)", the error without the path and reason
// it repeats.
func (s Skip) String() string {
	if s.Err == nil {
		return s.Path + ": " + s.Reason
	}
	msg := s.Err.Error()
	if i := strings.LastIndex(msg, s.Reason+": "); i >= 0 {
		msg = msg[i+len(s.Reason)+2:]
	}
	return fmt.Sprintf("%s: %s (%s)", s.Path, s.Reason, msg)
}

// SkippedFiles is the number of files skipped for any reason.
func (s Summary) SkippedFiles() int {
	n := 0
	for _, c := range s.Skipped {
		n += c
	}
	return n
}

// Rate is articles extracted per second of wall time.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Articles) / s.Elapsed.Seconds()
}

// String is the one-line summary printed at the end of every run, e.g.
// "read 30 files, 21586 articles (21578 sgml, 8 text); skipped 2 files
// (unsupported: 2); 6.1s, 3538.7 articles/s". When copies of posts were
// merged, it tells how many and how many articles are left: "read 95
// files, 95 articles; merged 52 copies, 43 articles left (2 possible
// duplicates); ...". Code descriptions read for the sink are counted
// before the time: "...; 414 code descriptions from
// cat-descriptions_120396.txt; ...". Counts are in words: "1 file", "2
// files".
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %s, %s", Plural(s.Files, "file"), Plural(s.Articles, "article"))
	if len(s.ByFormat) > 1 {
		fmt.Fprintf(&b, " (%s)", joinCounts(s.ByFormat, "%[2]d %[1]s"))
	}
	if s.Merged > 0 || s.DuplicatesLeft > 0 {
		fmt.Fprintf(&b, "; merged %s, %s left (%s)",
			Plural(s.Merged, "copy"), Plural(s.Articles-s.Merged, "article"), Plural(s.DuplicatesLeft, "possible duplicate"))
	}
	fmt.Fprintf(&b, "; skipped %s", Plural(s.SkippedFiles(), "file"))
	if len(s.Skipped) > 0 {
		fmt.Fprintf(&b, " (%s)", joinCounts(s.Skipped, "%[1]s: %[2]d"))
	}
	if s.Labels > 0 {
		fmt.Fprintf(&b, "; %s", Plural(s.Labels, "code description"))
		if len(s.LabelFiles) > 0 {
			fmt.Fprintf(&b, " from %s", strings.Join(s.LabelFiles, ", "))
		}
	}
	fmt.Fprintf(&b, "; %s, %.1f articles/s", s.Elapsed.Round(time.Millisecond), s.Rate())
	return b.String()
}

// Plural returns n and noun, in the plural unless n is 1: "1 file", "2
// files", "3 copies".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ay") && !strings.HasSuffix(noun, "ey") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// joinCounts formats each key and count of m with format (key as %[1],
// count as %[2]) and joins them, sorted, with commas.
func joinCounts[K ~string](m map[K]int, format string) string {
	parts := make([]string, 0, len(m))
	for k, n := range m {
		parts = append(parts, fmt.Sprintf(format, k, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// Run indexes every article of the corpus in fsys into sink, in batches,
// the copies of a post merged into one article (Merger) unless
// Options.KeepCopies is set. When sink is a LabelSink, it then gives it
// the descriptions of the source's codes that the corpus has (a file of
// code descriptions at its root, its configuration's [labels]: see
// corpus.LoadLabels). It returns the summary and the first error that
// stopped the run: a failed Write, a cancelled ctx, an unreadable folder
// or configuration. Files that cannot be read or parsed do not stop the
// run.
func (ix *Indexer) Run(ctx context.Context, fsys fs.FS, sink Sink) (Summary, error) {
	sum, err := ix.run(ctx, fsys, sink)
	if err != nil {
		return sum, err
	}
	ls, ok := sink.(LabelSink)
	if !ok {
		return sum, nil
	}
	cfg, err := corpus.LoadConfig(fsys)
	if err != nil {
		return sum, fmt.Errorf("indexer: %w", err)
	}
	labels, files, err := corpus.LoadLabels(fsys, cfg)
	if err != nil {
		return sum, fmt.Errorf("indexer: %w", err)
	}
	if err := ls.SetLabels(ctx, labels); err != nil {
		return sum, fmt.Errorf("indexer: labels: %w", err)
	}
	sum.Labels, sum.LabelFiles = len(labels), files
	return sum, nil
}

// run is Run without the labels.
func (ix *Indexer) run(ctx context.Context, fsys fs.FS, sink Sink) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := newWriter(ctx, sink, ix.opts.Writers, cancel)
	batch := make([]corpus.Article, 0, ix.opts.BatchSize)
	add := func(a corpus.Article) error {
		batch = append(batch, a)
		if len(batch) < ix.opts.BatchSize {
			return nil
		}
		err := w.write(batch)
		batch = make([]corpus.Article, 0, ix.opts.BatchSize)
		return err
	}
	finish := func(sum Summary, err error) (Summary, error) {
		if err == nil && len(batch) > 0 {
			err = w.write(batch)
		}
		// The error of a Write comes first: it is why the run stopped.
		if werr := w.wait(); werr != nil {
			err = werr
		}
		sum.Elapsed = time.Since(start)
		return sum, err
	}
	if ix.opts.KeepCopies {
		return finish(ix.Extract(ctx, fsys, add))
	}
	m := ix.NewMerger(add)
	sum, err := ix.Extract(ctx, fsys, m.Add)
	if err == nil {
		var st MergeStats
		st, err = m.Close()
		sum.Merged, sum.DuplicatesLeft = st.Merged, st.DuplicatesLeft
	}
	return finish(sum, err)
}

// writer hands batches to a Sink from several goroutines at once, so that
// building the index's segments, the slowest step of a reindex, uses more
// than one core while extraction goes on.
type writer struct {
	ctx     context.Context
	batches chan []corpus.Article
	wg      sync.WaitGroup
	once    sync.Once
	err     error // the first failed Write, set before cancel is called
	errMu   sync.Mutex
}

// newWriter starts n goroutines (runtime.NumCPU() when n <= 0) that write
// the batches given to write; the first failed Write cancels the run.
func newWriter(ctx context.Context, sink Sink, n int, cancel context.CancelFunc) *writer {
	if n <= 0 {
		n = runtime.NumCPU()
	}
	w := &writer{ctx: ctx, batches: make(chan []corpus.Article)}
	for range n {
		w.wg.Go(func() {
			for b := range w.batches {
				if err := sink.Write(ctx, b); err != nil {
					w.errMu.Lock()
					if w.err == nil {
						w.err = fmt.Errorf("indexer: write: %w", err)
					}
					w.errMu.Unlock()
					cancel()
				}
			}
		})
	}
	return w
}

// write hands b to a free writing goroutine, waiting for one. It fails
// once a Write has failed or the run is cancelled.
func (w *writer) write(b []corpus.Article) error {
	if err := w.failed(); err != nil {
		return err
	}
	select {
	case w.batches <- b:
		return nil
	case <-w.ctx.Done():
		if err := w.failed(); err != nil {
			return err
		}
		return fmt.Errorf("indexer: %w", w.ctx.Err())
	}
}

// wait waits for the batches handed over to be written and returns the
// first failed Write, if any.
func (w *writer) wait() error {
	w.once.Do(func() { close(w.batches) })
	w.wg.Wait()
	return w.failed()
}

func (w *writer) failed() error {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// NewMerger returns a Merger that hands the merged articles to emit and
// logs to the Indexer's logger.
func (ix *Indexer) NewMerger(emit func(corpus.Article) error) *Merger {
	return NewMerger(emit, ix.log)
}

// job is one file to process; seq is its position in walk order.
type job struct {
	seq   int
	entry corpus.Entry
}

// done is a processed file.
type done struct {
	seq      int
	entry    corpus.Entry
	articles []corpus.Article
	reason   string // non-empty when the file was skipped
	err      error
}

// Extract calls fn for every article of the corpus in fsys, in file order
// and, within a file, in article order, each copy of a post as it was
// extracted: give fn a Merger's Add to merge them. fn is called from one goroutine at
// a time. An error from fn stops the run and is returned.
func (ix *Indexer) Extract(ctx context.Context, fsys fs.FS, fn func(corpus.Article) error) (Summary, error) {
	start := time.Now()
	sum := Summary{Skipped: map[string]int{}, ByFormat: map[corpus.Format]int{}}

	cfg, err := corpus.LoadConfig(fsys)
	if err != nil {
		return sum, fmt.Errorf("indexer: %w", err)
	}
	xopts := ix.opts.Extract
	if len(cfg.Outlets) > 0 {
		xopts.Outlets = maps.Clone(xopts.Outlets)
		if xopts.Outlets == nil {
			xopts.Outlets = map[string]string{}
		}
		maps.Copy(xopts.Outlets, cfg.Outlets)
	}
	ex := extract.New(xopts)
	// The corpus's [authors] table merges spellings of one person.
	deliverFn := fn
	if rename := cfg.AuthorRenamer(); rename != nil {
		deliverFn = func(a corpus.Article) error {
			a.Authors = rename(a.Authors)
			return fn(a)
		}
	}

	entries, skips, err := ix.selectFiles(ctx, fsys)
	if err != nil {
		return sum, err
	}
	var total int64
	for _, e := range entries {
		total += e.Size
	}
	for _, sk := range skips {
		sum.Skipped[sk.Reason]++
		sum.Skips = append(sum.Skips, sk)
	}

	bar := ix.progress(total)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan job)
	results := make(chan done, ix.opts.Workers)
	go func() {
		defer close(jobs)
		for i, e := range entries {
			select {
			case jobs <- job{seq: i, entry: e}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range ix.opts.Workers {
		wg.Go(func() {
			for j := range jobs {
				d := ix.process(fsys, ex, j)
				select {
				case results <- d:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	// Deliver in walk order: hold results that arrive early.
	pending := map[int]done{}
	next := 0
	var ferr error
	for d := range results {
		pending[d.seq] = d
		for ferr == nil {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			ferr = ix.deliver(&sum, d, deliverFn)
			if bar != nil {
				_ = bar.Add64(d.entry.Size)
				bar.Describe(fmt.Sprintf("%d articles", sum.Articles))
			}
		}
		if ferr != nil {
			cancel()
			break
		}
	}
	if ferr != nil {
		for range results { // let the workers finish
		}
	}
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(ix.opts.Progress)
	}
	sum.Elapsed = time.Since(start)
	if ferr != nil {
		return sum, ferr
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("indexer: %w", err)
	}
	return sum, nil
}

// deliver counts one processed file and hands its articles to fn.
func (ix *Indexer) deliver(sum *Summary, d done, fn func(corpus.Article) error) error {
	if d.reason != "" {
		sum.Skipped[d.reason]++
		sum.Skips = append(sum.Skips, Skip{Path: d.entry.Path, Reason: d.reason, Err: d.err})
		ix.log.Warn("skipped file", "path", d.entry.Path, "reason", d.reason, "err", d.err)
		return nil
	}
	sum.Files++
	sum.Bytes += d.entry.Size
	for _, a := range d.articles {
		if err := fn(a); err != nil {
			return err
		}
		sum.Articles++
		sum.ByFormat[d.entry.Format]++
	}
	return nil
}

// process reads, extracts and enriches one file. A panic in a parser is
// turned into a skipped file, so one pathological page cannot stop a run.
func (ix *Indexer) process(fsys fs.FS, ex *extract.Extractor, j job) (d done) {
	d = done{seq: j.seq, entry: j.entry}
	defer func() {
		if r := recover(); r != nil {
			d.articles, d.reason = nil, "parse error"
			d.err = fmt.Errorf("indexer: %s: panic: %v", j.entry.Path, r)
		}
	}()
	f, err := corpus.Read(fsys, j.entry, ix.opts.Read)
	if err != nil {
		d.reason, d.err = corpus.Reason(err), err
		return d
	}
	arts, err := ex.Extract(f)
	if err != nil {
		d.reason, d.err = "parse error", err
		return d
	}
	if len(arts) == 0 {
		d.reason, d.err = "no article", fmt.Errorf("indexer: %s: no article found", j.entry.Path)
		return d
	}
	if !ix.opts.SkipEnrich {
		for i := range arts {
			ix.en.Enrich(&arts[i])
		}
	}
	d.articles = arts
	return d
}

// progress returns a bar over total bytes, or nil when no progress writer
// is set.
func (ix *Indexer) progress(total int64) *progressbar.ProgressBar {
	if ix.opts.Progress == nil {
		return nil
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(ix.opts.Progress),
		progressbar.OptionSetDescription("indexing"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
}
