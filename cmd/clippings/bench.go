package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

func runBench(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "bench", "--corpus DIR [--procs 1,2] [--shards N,...] [--clients N] [--queries FILE] [--json FILE]\n"+
		"       clippings bench --generate N --out DIR --corpus SRC",
		`Measures clippings against a plain Bleve index of the same articles, in
one run, and prints every figure also as a ratio to plain Bleve.

Reindex: a full reindex of DIR as 'clippings reindex' does it (reading,
extraction, enrichment, index) into a fresh index in a temporary folder,
once at each worker count of --procs (GOMAXPROCS and workers set to it):
articles/s, MB/s of corpus files, CPU seconds, peak RSS (Linux only),
index size, and the speed-up over one worker.

Yardstick: the same articles, extracted once beforehand and held in
memory, written by one goroutine in batches of the same size into a plain
Bleve index (search.PlainIndex: Bleve's default mapping, the facet fields
as keywords), at the same --procs: the same figures, index only.

Queries: a query set drawn from the corpus (seeded by --seed): words,
AND pairs, two-word phrases from bodies, a word with a topic or country
filter, and browsing (no query, newest first); or the lines of --queries
FILE, each passed as written to both engines (words, "phrases", +word,
-word and field:value mean the same in both). They run against the
clippings index as a search page does (ten facets, timeline, snippets)
and without facets and timeline, and against plain Bleve with facets
(five term facets, years, highlighting) and without: a warm-up pass, a
timed pass one query at a time (p50, p95, p99), then --clients at once
(queries per second), per kind and overall. Before the queries, the
merges of the plain index's segments that Bleve leaves undone at Close,
and would make in the background once it is opened, are made and
measured apart (not in plain Bleve's rate), so that no engine's queries
share the cores with them.

Other engines, in the same run: the same articles loaded at the last
--procs into SQLite FTS5 through modernc.org/sqlite (SQLite's C
transpiled to Go): an FTS5 table of title, body and byline with Porter
stemming, the facet values in a side table; the same queries as MATCH
expressions ranked by bm25, filters as conditions on the side table,
facet counts and matches per year as GROUP BY over the matches, snippet()
for the hits shown. Built with -tags sqlite_fts5 (cgo), also SQLite FTS5
compiled from C (github.com/mattn/go-sqlite3); with -tags xapian (cgo
and libxapian-dev), also Xapian: free text with English stemming and
positions, facet values as boolean terms and values, counts by match
spies, snippets by MSet::snippet. Each gets the load's figures, the
query figures with and without facets and clippings's ratios to them.

Shards: with --shards N (or a list, 2,4), the reindex is also run into an
index of N shards (see 'clippings reindex --shards') at each worker
count, and the queries also run against it (facets and none), each
figure with its ratio to one index.

The machine should be otherwise idle: the figures are wall-clock times.
--json FILE writes every figure as JSON.

Generator: with --generate N, bench does not measure but writes a corpus
of N articles to the folder --out (missing or empty) by replicating the
articles of --corpus: each copy is dated one span of the source's dates
earlier and has ids of its own, in Reuters-21578 style SGML files of 1,000
stories, which a reindex reads with full extraction. For scale runs:

  clippings bench --generate 200000 --out /tmp/reuters-200k --corpus reuters21578
  clippings bench --corpus /tmp/reuters-200k`)
	corpusDir := fset.String("corpus", "", "corpus folder to measure, or the source of --generate (required)")
	procsFlag := fset.String("procs", "1,2", "comma-separated worker counts (GOMAXPROCS) to reindex and index at")
	shardsFlag := fset.String("shards", "1", "comma-separated shard counts to reindex into and query besides one index")
	work := fset.String("work", "", "folder for the temporary indexes (default: the system's temporary folder)")
	queriesFile := fset.String("queries", "", "file of queries, one per line (default: a query set drawn from the corpus)")
	queryCount := fset.Int("query-count", 200, "size of the query set drawn from the corpus")
	clients := fset.Int("clients", 4, "queries run at once for the queries-per-second figures")
	seed := fset.Uint64("seed", 1, "seed of the query set drawn from the corpus")
	jsonFile := fset.String("json", "", "also write every figure to this file as JSON")
	generate := fset.Int("generate", 0, "write a corpus of this many articles to --out instead of measuring")
	out := fset.String("out", "", "folder the generated corpus is written to (with --generate)")
	pos, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *corpusDir == "" {
		return usagef("--corpus is required")
	}
	if st, err := os.Stat(*corpusDir); err != nil {
		return fmt.Errorf("corpus: %w", err)
	} else if !st.IsDir() {
		return fmt.Errorf("corpus: %s is not a folder", *corpusDir)
	}
	if *generate != 0 || *out != "" {
		if *generate <= 0 || *out == "" {
			return usagef("--generate N (at least 1) and --out DIR go together")
		}
		sum, err := generateCorpus(ctx, os.DirFS(*corpusDir), generateOptions{articles: *generate, out: *out})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s to %s\n", sum, *out)
		return nil
	}
	procs, err := parseProcs(*procsFlag)
	if err != nil {
		return usagef("--procs: %v", err)
	}
	shards, err := parseShards(*shardsFlag)
	if err != nil {
		return usagef("--shards: %v", err)
	}
	if *clients < 1 {
		return usagef("--clients %d: want at least 1", *clients)
	}
	if *queryCount < 1 {
		return usagef("--query-count %d: want at least 1", *queryCount)
	}
	opts := benchOptions{corpus: *corpusDir, procs: procs, shards: shards, work: *work, queriesFile: *queriesFile,
		queryCount: *queryCount, clients: *clients, seed: *seed, progress: e.stderr}
	rep, err := bench(ctx, opts)
	if err != nil {
		return err
	}
	printBench(e.stdout, rep)
	if *jsonFile != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("json: %w", err)
		}
		if err := os.WriteFile(*jsonFile, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("json: %w", err)
		}
	}
	return nil
}

// parseProcs parses a comma-separated list of worker counts.
func parseProcs(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a worker count", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseShards parses a comma-separated list of shard counts, and returns
// the counts above 1, in order and once each: one index is always built.
func parseShards(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > maxShards {
			return nil, fmt.Errorf("%q is not a number of shards from 1 to %d", f, maxShards)
		}
		if n > 1 && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}

// benchOptions are the options of a bench run.
type benchOptions struct {
	// corpus is the corpus folder.
	corpus string
	// procs are the worker counts to index at, in order.
	procs []int
	// shards are the shard counts, above 1, that the reindex is also run
	// with, and the queries are also run on.
	shards []int
	// work is the folder under which a temporary folder holds the
	// indexes; "" is the system's temporary folder.
	work string
	// queriesFile, when set, gives the queries, one per line;
	// otherwise queryCount queries are drawn from the corpus with seed.
	queriesFile string
	queryCount  int
	seed        uint64
	// clients is how many queries run at once for the q/s figures.
	clients int
	// progress receives a line as each phase starts; nil is silent.
	progress io.Writer
}

// benchReport is every figure of a bench run, as printed and as written
// by --json.
type benchReport struct {
	Corpus     string    `json:"corpus"`
	Started    time.Time `json:"started"`
	GoVersion  string    `json:"go_version"`
	OS         string    `json:"os"`
	Arch       string    `json:"arch"`
	CPUs       int       `json:"cpus"`
	BatchSize  int       `json:"batch_size"`
	Files      int       `json:"files"`
	Articles   int       `json:"articles"`
	InputBytes int64     `json:"input_bytes"`
	// Reindex has one row per worker count of --procs, in order.
	Reindex []reindexRow `json:"reindex"`
	// SpeedupBase is the worker count the speed-ups are relative to.
	SpeedupBase int `json:"speedup_base_procs"`
	// Extraction is the extraction and enrichment alone, without an
	// index, at the last worker count: the run that gives plain Bleve
	// its articles.
	Extraction phase `json:"extraction"`
	// Yardsticks are the loads of the same articles into the other
	// engines, at the last worker count.
	Yardsticks []yardstickLoad `json:"yardsticks"`
	// PlainSettle is the merging of the plain index's segments that
	// Bleve leaves undone at Close and its merger makes once the index
	// is opened again (PlainIndex.Settle), made before the queries. It
	// is not part of plain Bleve's rate, which is that of a load ended by
	// Close.
	PlainSettle phase `json:"plain_bleve_settle"`
	// Warm is the reading of what the first searches of the clippings
	// generation would read (Store.Warm), which serve does in the
	// background when a generation goes live, made before the queries.
	Warm phase `json:"clippings_warm"`
	// Queries are the query figures.
	Queries queryReport `json:"queries"`
}

// reindexRow is the reindex of clippings and the index of plain Bleve at
// one worker count, and their ratios.
type reindexRow struct {
	Procs     int    `json:"procs"`
	Clippings phase  `json:"clippings"`
	Plain     phase  `json:"plain_bleve"`
	Ratio     ratios `json:"ratio_to_plain_bleve"`
	// Sharded are the reindexes into shards at this worker count, by
	// number of shards.
	Sharded []shardedPhase `json:"sharded,omitempty"`
}

// shardedPhase is a reindex into Shards shards, and its ratios to the
// reindex into one index at the same worker count.
type shardedPhase struct {
	Shards int    `json:"shards"`
	Phase  phase  `json:"clippings"`
	Ratio  ratios `json:"ratio_to_one_index"`
}

// phase is what one indexing run measured.
type phase struct {
	Procs          int     `json:"procs"`
	Articles       int     `json:"articles"`
	Seconds        float64 `json:"seconds"`
	ArticlesPerSec float64 `json:"articles_per_second"`
	// MBPerSec is the corpus files' megabytes (10^6 bytes) per second:
	// for plain Bleve, the same bytes.
	MBPerSec float64 `json:"mb_per_second"`
	// CPUSeconds is the user and system time of the process during the
	// run; 0 when unknown.
	CPUSeconds float64 `json:"cpu_seconds"`
	// PeakRSS is the peak resident set size during the run (VmHWM after
	// a reset), RSSAtStart the resident set size before it; 0 when
	// unknown (not Linux). Plain Bleve's include the articles it is
	// given, held in memory.
	PeakRSS    int64 `json:"peak_rss_bytes"`
	RSSAtStart int64 `json:"rss_at_start_bytes"`
	// IndexBytes is the size of the index's files.
	IndexBytes int64 `json:"index_bytes"`
	// Speedup is ArticlesPerSec over the rate at SpeedupBase workers (1
	// when --procs has it, else its first count); 0 in the row of that
	// count.
	Speedup float64 `json:"speedup"`
	// Serial is the serial part of the work that Amdahl's law infers
	// from Speedup: with n times the workers of the base, speed-up S
	// means a serial part of (n/S - 1)/(n - 1); 0 in the base row.
	Serial float64 `json:"serial_part_amdahl"`
}

// ratios are clippings's figures divided by plain Bleve's; 0 where a
// figure is unknown.
type ratios struct {
	ArticlesPerSec float64 `json:"articles_per_second"`
	MBPerSec       float64 `json:"mb_per_second"`
	CPUSeconds     float64 `json:"cpu_seconds"`
	PeakRSS        float64 `json:"peak_rss"`
	IndexBytes     float64 `json:"index_bytes"`
	Speedup        float64 `json:"speedup"`
	Serial         float64 `json:"serial_part_amdahl"`
}

// ratio returns a/b, or 0 when either is unknown (0).
func ratio(a, b float64) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return a / b
}

// bench runs the whole benchmark: the reindex and plain Bleve runs at
// each worker count, then the queries on the indexes of the last one.
func bench(ctx context.Context, opts benchOptions) (*benchReport, error) {
	rep := &benchReport{
		Corpus: opts.corpus, Started: time.Now().UTC().Truncate(time.Second),
		GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH, CPUs: runtime.NumCPU(),
		BatchSize: indexer.DefaultBatchSize, SpeedupBase: opts.procs[0],
	}
	if slices.Contains(opts.procs, 1) {
		rep.SpeedupBase = 1
	}
	var queries []benchQuery
	if opts.queriesFile != "" {
		var err error
		if queries, err = readQueries(opts.queriesFile); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp(opts.work, "clippings-bench-")
	if err != nil {
		return nil, fmt.Errorf("work folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	say := func(format string, args ...any) {
		if opts.progress != nil {
			fmt.Fprintf(opts.progress, "bench: "+format+"\n", args...)
		}
	}
	fsys := os.DirFS(opts.corpus)
	if err := warmFiles(fsys); err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}

	// Reindex at each worker count; the last indexes stay for the queries.
	storeDir := ""
	var shardDirs []string
	for _, p := range opts.procs {
		if storeDir != "" {
			if err := os.RemoveAll(storeDir); err != nil {
				return nil, err
			}
		}
		for _, dir := range shardDirs {
			if err := os.RemoveAll(dir); err != nil {
				return nil, err
			}
		}
		storeDir = filepath.Join(tmp, fmt.Sprintf("clippings-%d", p))
		say("reindex at procs %d", p)
		ph, sum, err := reindexPhase(ctx, fsys, storeDir, p, 1)
		if err != nil {
			return nil, err
		}
		rep.Files, rep.Articles, rep.InputBytes = sum.Files, sum.Articles-sum.Merged, sum.Bytes
		row := reindexRow{Procs: p, Clippings: ph}
		shardDirs = shardDirs[:0]
		for _, n := range opts.shards {
			dir := filepath.Join(tmp, fmt.Sprintf("clippings-%d-shards-%d", p, n))
			shardDirs = append(shardDirs, dir)
			say("reindex into %d shards at procs %d", n, p)
			sph, _, err := reindexPhase(ctx, fsys, dir, p, n)
			if err != nil {
				return nil, err
			}
			row.Sharded = append(row.Sharded, shardedPhase{Shards: n, Phase: sph, Ratio: ratios{
				ArticlesPerSec: ratio(sph.ArticlesPerSec, ph.ArticlesPerSec),
				MBPerSec:       ratio(sph.MBPerSec, ph.MBPerSec),
				CPUSeconds:     ratio(sph.CPUSeconds, ph.CPUSeconds),
				PeakRSS:        ratio(float64(sph.PeakRSS), float64(ph.PeakRSS)),
				IndexBytes:     ratio(float64(sph.IndexBytes), float64(ph.IndexBytes)),
			}})
		}
		rep.Reindex = append(rep.Reindex, row)
	}

	// The articles for plain Bleve, extracted once at the last worker count.
	last := opts.procs[len(opts.procs)-1]
	say("extraction and enrichment alone at procs %d", last)
	arts, ph, err := extractionPhase(ctx, fsys, last)
	if err != nil {
		return nil, err
	}
	ph.MBPerSec = float64(rep.InputBytes) / 1e6 / ph.Seconds
	rep.Extraction = ph

	plainDir := ""
	for i, p := range opts.procs {
		if plainDir != "" {
			if err := os.RemoveAll(plainDir); err != nil {
				return nil, err
			}
		}
		plainDir = filepath.Join(tmp, fmt.Sprintf("plain-%d", p))
		say("plain Bleve at procs %d", p)
		ph, err := plainPhase(ctx, arts, plainDir, p)
		if err != nil {
			return nil, err
		}
		ph.MBPerSec = float64(rep.InputBytes) / 1e6 / ph.Seconds
		rep.Reindex[i].Plain = ph
	}
	rep.setSpeedups()

	ys := yardsticks(tmp)
	for _, y := range ys {
		say("%s at procs %d", y.Name(), last)
		ph, err := loadYardstick(ctx, y, arts, last, rep.InputBytes)
		if err != nil {
			return nil, err
		}
		c := rep.Reindex[len(rep.Reindex)-1].Clippings
		rep.Yardsticks = append(rep.Yardsticks, yardstickLoad{Engine: y.Name(), About: y.About(), Load: ph, Ratio: ratios{
			ArticlesPerSec: ratio(c.ArticlesPerSec, ph.ArticlesPerSec),
			MBPerSec:       ratio(c.MBPerSec, ph.MBPerSec),
			CPUSeconds:     ratio(c.CPUSeconds, ph.CPUSeconds),
			PeakRSS:        ratio(float64(c.PeakRSS), float64(ph.PeakRSS)),
			IndexBytes:     ratio(float64(c.IndexBytes), float64(ph.IndexBytes)),
		}})
	}

	if queries == nil {
		queries = drawQueries(arts, opts.queryCount, opts.seed)
	}
	arts = nil // the queries are drawn: let the articles go
	store, err := search.OpenStore(storeDir, search.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	plain, err := search.OpenPlain(plainDir)
	if err != nil {
		return nil, err
	}
	defer plain.Close()
	// Bleve's merger goes on merging the plain index once it is opened:
	// at a million articles it took a core for a minute or two, during
	// the timed queries. Its merges are made first, measured on their own.
	say("plain Bleve's merges left for its next open")
	m := startMeasure()
	if err := plain.Settle(ctx); err != nil {
		return nil, err
	}
	rep.PlainSettle = m.stop(last, 0)
	say("clippings's generation warmed as serve warms it")
	m = startMeasure()
	if err := store.Warm(ctx); err != nil {
		return nil, err
	}
	rep.Warm = m.stop(last, 0)
	for _, y := range ys {
		if err := y.Open(opts.clients); err != nil {
			return nil, fmt.Errorf("%s: %w", y.Name(), err)
		}
		defer y.Close()
	}
	say("%s against every index", indexer.Plural(len(queries), "query"))
	rep.Queries, err = runQueries(ctx, queries, store, plain, ys, opts.clients)
	if err != nil {
		return nil, err
	}
	for i, n := range opts.shards {
		say("%s against %d shards", indexer.Plural(len(queries), "query"), n)
		if err := runShardQueries(ctx, &rep.Queries, queries, shardDirs[i], n, opts.clients); err != nil {
			return nil, err
		}
	}
	rep.Queries.Source = fmt.Sprintf("drawn from the corpus with seed %d", opts.seed)
	if opts.queriesFile != "" {
		rep.Queries.Source = "from " + opts.queriesFile
	}
	return rep, nil
}

// setSpeedups sets the speed-ups over the base worker count and the
// ratios of every row.
func (rep *benchReport) setSpeedups() {
	var base reindexRow
	for _, r := range rep.Reindex {
		if r.Procs == rep.SpeedupBase {
			base = r
			break
		}
	}
	for i := range rep.Reindex {
		r := &rep.Reindex[i]
		if r.Procs != rep.SpeedupBase {
			n := float64(r.Procs) / float64(rep.SpeedupBase)
			r.Clippings.setSpeedup(base.Clippings, n)
			r.Plain.setSpeedup(base.Plain, n)
		}
		c, p := r.Clippings, r.Plain
		r.Ratio = ratios{
			ArticlesPerSec: ratio(c.ArticlesPerSec, p.ArticlesPerSec),
			MBPerSec:       ratio(c.MBPerSec, p.MBPerSec),
			CPUSeconds:     ratio(c.CPUSeconds, p.CPUSeconds),
			PeakRSS:        ratio(float64(c.PeakRSS), float64(p.PeakRSS)),
			IndexBytes:     ratio(float64(c.IndexBytes), float64(p.IndexBytes)),
			Speedup:        ratio(c.Speedup, p.Speedup),
			Serial:         ratio(c.Serial, p.Serial),
		}
	}
}

// setSpeedup sets the speed-up of ph over base, a run with 1/n of its
// workers, and the serial part that it implies.
func (ph *phase) setSpeedup(base phase, n float64) {
	ph.Speedup = ratio(ph.ArticlesPerSec, base.ArticlesPerSec)
	if ph.Speedup > 0 && n != 1 {
		ph.Serial = (n/ph.Speedup - 1) / (n - 1)
	}
}

// warmFiles reads every file of fsys once, so that the first run does
// not pay for a cold page cache and the others do not gain from a warm one.
func warmFiles(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := fsys.Open(path)
		if err != nil {
			return nil // the reindex reports it
		}
		defer f.Close()
		_, err = io.Copy(io.Discard, f)
		return err
	})
}

// reindexPhase runs a full reindex of fsys into a new store of shards
// shards in dir with GOMAXPROCS and the workers set to procs, and
// measures it.
func reindexPhase(ctx context.Context, fsys fs.FS, dir string, procs, shards int) (phase, indexer.Summary, error) {
	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	m := startMeasure()
	sum, err := reindex(ctx, fsys, dir, reindexOptions{indexer: indexer.Options{Workers: procs}, shards: shards})
	if err != nil {
		return phase{}, sum.Summary, fmt.Errorf("reindex at procs %d: %w", procs, err)
	}
	ph := m.stop(procs, sum.Articles-sum.Merged)
	ph.MBPerSec = float64(sum.Bytes) / 1e6 / ph.Seconds
	if ph.IndexBytes, err = dirSize(dir); err != nil {
		return phase{}, sum.Summary, err
	}
	return ph, sum.Summary, nil
}

// extractionPhase extracts and enriches the articles of fsys as a
// reindex does, without an index, and returns them, measured.
func extractionPhase(ctx context.Context, fsys fs.FS, procs int) ([]corpus.Article, phase, error) {
	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	m := startMeasure()
	arts, _, err := extractAll(ctx, fsys, indexer.Options{Workers: procs})
	if err != nil {
		return nil, phase{}, err
	}
	return arts, m.stop(procs, len(arts)), nil
}

// plainPhase writes arts into a new PlainIndex at path in batches of
// indexer.DefaultBatchSize from one goroutine, with GOMAXPROCS set to
// procs, closes it, and measures it.
func plainPhase(ctx context.Context, arts []corpus.Article, path string, procs int) (phase, error) {
	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	m := startMeasure()
	ix, err := search.CreatePlain(path)
	if err != nil {
		return phase{}, err
	}
	for i := 0; i < len(arts); i += indexer.DefaultBatchSize {
		if err := ix.Write(ctx, arts[i:min(i+indexer.DefaultBatchSize, len(arts))]); err != nil {
			ix.Close()
			return phase{}, err
		}
	}
	if err := ix.Close(); err != nil {
		return phase{}, err
	}
	ph := m.stop(procs, len(arts))
	if ph.IndexBytes, err = dirSize(path); err != nil {
		return phase{}, err
	}
	return ph, nil
}

// measure is a run being measured: its start in wall and CPU time.
type measure struct {
	start    time.Time
	cpu      time.Duration
	cpuKnown bool
	rss      int64
	hwm      bool // whether the peak RSS was reset
}

// startMeasure collects garbage, returns the freed memory to the system,
// resets the peak RSS (Linux: clear_refs 5) and starts the clocks.
func startMeasure() measure {
	runtime.GC()
	debug.FreeOSMemory()
	m := measure{hwm: os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil}
	m.rss = procStatus("VmRSS")
	m.cpu, m.cpuKnown = cpuTime()
	m.start = time.Now()
	return m
}

// stop ends the measure of a run at procs that handled n articles.
func (m measure) stop(procs, n int) phase {
	ph := phase{Procs: procs, Articles: n, Seconds: time.Since(m.start).Seconds()}
	if cpu, ok := cpuTime(); ok && m.cpuKnown {
		ph.CPUSeconds = (cpu - m.cpu).Seconds()
	}
	if m.hwm {
		ph.PeakRSS, ph.RSSAtStart = procStatus("VmHWM"), m.rss
	}
	ph.ArticlesPerSec = float64(n) / ph.Seconds
	return ph
}

// procStatus returns a size in bytes from /proc/self/status ("VmHWM:
// 123 kB"), or 0 when it cannot be read (not Linux).
func procStatus(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(line, key+":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return 0
}

// dirSize returns the total size of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	return n, nil
}

// printBench prints the report as tables.
func printBench(w io.Writer, rep *benchReport) {
	fmt.Fprintf(w, "clippings bench of %s\n", rep.Corpus)
	fmt.Fprintf(w, "%s from %s, %.1f MB; %s %s/%s, %d CPUs; batches of %d; %s\n\n",
		indexer.Plural(rep.Articles, "article"), indexer.Plural(rep.Files, "file"), float64(rep.InputBytes)/1e6,
		rep.GoVersion, rep.OS, rep.Arch, rep.CPUs, rep.BatchSize, rep.Started.Format(time.RFC3339))

	fmt.Fprintln(w, "Reindex: clippings (reading, extraction, enrichment, index) against plain Bleve (index only)")
	const format = "%5s  %-16s %11s %12s %18s\n"
	fmt.Fprintf(w, format, "procs", "", "clippings", "plain Bleve", "clippings ÷ plain")
	for _, r := range rep.Reindex {
		c, p, x := r.Clippings, r.Plain, r.Ratio
		row := func(name, cv, pv string, rv float64) {
			fmt.Fprintf(w, format, strconv.Itoa(r.Procs), name, cv, pv, times(rv))
		}
		row("articles/s", fmt.Sprintf("%.0f", c.ArticlesPerSec), fmt.Sprintf("%.0f", p.ArticlesPerSec), x.ArticlesPerSec)
		row("MB/s", fmt.Sprintf("%.2f", c.MBPerSec), fmt.Sprintf("%.2f", p.MBPerSec), x.MBPerSec)
		row("CPU seconds", cpuSeconds(c.CPUSeconds), cpuSeconds(p.CPUSeconds), x.CPUSeconds)
		row("peak RSS", megabytes(c.PeakRSS), megabytes(p.PeakRSS), x.PeakRSS)
		row("index size", megabytes(c.IndexBytes), megabytes(p.IndexBytes), x.IndexBytes)
		if r.Procs != rep.SpeedupBase {
			row(fmt.Sprintf("speed-up over %d", rep.SpeedupBase), times(c.Speedup), times(p.Speedup), x.Speedup)
			row("serial (Amdahl)", fmt.Sprintf("%.2f", c.Serial), fmt.Sprintf("%.2f", p.Serial), x.Serial)
		}
	}
	printShards(w, rep)
	x := rep.Extraction
	fmt.Fprintf(w, "Extraction and enrichment alone (no index) at procs %d: %.0f articles/s, %.2f MB/s, %s CPU seconds.\n",
		x.Procs, x.ArticlesPerSec, x.MBPerSec, cpuSeconds(x.CPUSeconds))
	printYardstickLoads(w, rep.Yardsticks)
	if st := rep.PlainSettle; st.Seconds > 0 {
		fmt.Fprintf(w, "Plain Bleve's merges left undone at Close, made before the queries (not in its rate): %.1f s, %s CPU seconds.\n",
			st.Seconds, cpuSeconds(st.CPUSeconds))
	}
	if wm := rep.Warm; wm.Seconds > 0 {
		fmt.Fprintf(w, "clippings's generation warmed before the queries, as serve warms it when it goes live: %.2f s.\n", wm.Seconds)
	}
	fmt.Fprintln(w, "Plain Bleve's and the other engines' peak RSS include the articles they are given, held in memory.")
	fmt.Fprintln(w)
	printQueries(w, rep.Queries)
}

// printShards prints the reindexes into shards, if any, against one
// index at the same worker count.
func printShards(w io.Writer, rep *benchReport) {
	if len(rep.Reindex) == 0 || len(rep.Reindex[0].Sharded) == 0 {
		return
	}
	fmt.Fprintln(w, "Reindex into shards: clippings against one index at the same procs")
	const format = "%5s  %6s  %-12s %11s %12s %14s\n"
	fmt.Fprintf(w, format, "procs", "shards", "", "shards", "one index", "shards ÷ one")
	for _, r := range rep.Reindex {
		c := r.Clippings
		for _, s := range r.Sharded {
			p, x := s.Phase, s.Ratio
			row := func(name, sv, cv string, rv float64) {
				fmt.Fprintf(w, format, strconv.Itoa(r.Procs), strconv.Itoa(s.Shards), name, sv, cv, times(rv))
			}
			row("articles/s", fmt.Sprintf("%.0f", p.ArticlesPerSec), fmt.Sprintf("%.0f", c.ArticlesPerSec), x.ArticlesPerSec)
			row("CPU seconds", cpuSeconds(p.CPUSeconds), cpuSeconds(c.CPUSeconds), x.CPUSeconds)
			row("peak RSS", megabytes(p.PeakRSS), megabytes(c.PeakRSS), x.PeakRSS)
			row("index size", megabytes(p.IndexBytes), megabytes(c.IndexBytes), x.IndexBytes)
		}
	}
}

// times formats a ratio as "1.07×", or "n/a" when unknown (0).
func times(r float64) string {
	if r == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", r)
}

// megabytes formats a size in bytes as "12.3 MB", or "n/a" when unknown
// (0).
func megabytes(n int64) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// cpuSeconds formats CPU seconds, or "n/a" when unknown (0).
func cpuSeconds(s float64) string {
	if s == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", s)
}
