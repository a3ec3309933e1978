package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

func runReindex(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "reindex", "--corpus DIR [--index DIR] [--shards N] [--include GLOB] [--exclude GLOB] [--dry-run] [--allow-empty]",
		`Reads every article in the corpus folder DIR (HTML, text, Reuters SGML,
any of them gzip-compressed) into a fresh index built beside the live one
in the index folder, and switches to it only when it is complete: an
interrupted or failed reindex leaves the old index serving. A running
'clippings serve --index DIR' picks the new index up within seconds.
Unreadable files are reported with their path and skipped; a summary line
ends the run.

A researcher's own topics are read from clippings.toml in DIR, a table of
name = query in the search syntax:

  [topics]
  "China–Russia relations" = "China AND Russia"

Each is given to every article its query matches, after the built-in
taxonomy topics, and the run reports how many articles each tagged.

The descriptions of the source's codes are read from a file at the root of
DIR named cat-descriptions*.txt (as Reuters-21578 ships it) or labels.txt,
one "Description (CODE)" an entry, and from a [labels] table of
clippings.toml ("money-fx" = "Money/Foreign Exchange"); the tag and
section facets show them beside the codes.

--shards N builds the new index as N indexes (shards), written at once
and searched as one, with the same results as one index; an article goes
to the shard of its id. 'clippings serve' and 'search' find the shards by
themselves.

A folder that yields no article does not replace a live index (a wrong
--corpus would otherwise empty it) unless --allow-empty is given.

Not every file is an article: documentation (README, LICENSE, CHANGES,
*.dtd...) and word lists or data files are left out, and so are the files
that DIR/.clippingsignore names (.gitignore syntax). --exclude leaves out
more; --include reads only the files it matches (documentation included).
The summary names the files left out and why; --dry-run lists what would
be read, by format, without reading it.`)
	corpusDir := fset.String("corpus", "", "corpus folder to index (required)")
	indexDir := fset.String("index", defaultDir("index"), "index folder")
	workers := fset.Int("workers", 0, "files processed at once (0: one per core)")
	quiet := fset.Bool("quiet", false, "no progress bar")
	var sel indexer.Selection
	fset.Var((*multiFlag)(&sel.Include), "include", "read only the files matching this pattern, .gitignore syntax (repeatable)")
	fset.Var((*multiFlag)(&sel.Exclude), "exclude", "leave out the files matching this pattern, .gitignore syntax (repeatable)")
	dryRun := fset.Bool("dry-run", false, "list the files that would be read, by format, and those left out; read none")
	allowEmpty := fset.Bool("allow-empty", false, "replace the live index even when the folder yields no article")
	noEnrich := fset.Bool("no-enrich", false, "index articles as extracted: no places, countries, people, topics or language")
	shards := fset.Int("shards", 1, fmt.Sprintf("shards of the new index, written at once and searched as one (1 to %d)", maxShards))
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
	if *shards < 1 || *shards > maxShards {
		return usagef("--shards %d: want 1 to %d", *shards, maxShards)
	}
	st, err := os.Stat(*corpusDir)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("corpus: %s is not a folder", *corpusDir)
	}
	opts := indexer.Options{Workers: *workers, Logger: e.logger(), SkipEnrich: *noEnrich, Select: sel}
	if *dryRun {
		return printPlan(ctx, e, os.DirFS(*corpusDir), opts)
	}
	if e.stderrIsTerminal && !*quiet {
		opts.Progress = e.stderr
	}
	sum, err := reindex(ctx, os.DirFS(*corpusDir), *indexDir, reindexOptions{indexer: opts, allowEmpty: *allowEmpty, shards: *shards})
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted after reading %s: the half-built index was removed and the live index in %s is unchanged",
			indexer.Plural(sum.Files, "file"), *indexDir)
	}
	if errors.Is(err, errEmptyCorpus) {
		return err
	}
	if err != nil {
		return fmt.Errorf("stopped after reading %s, the live index in %s is unchanged: %w",
			indexer.Plural(sum.Files, "file"), *indexDir, err)
	}
	printSummary(e, sum, *indexDir)
	fmt.Fprintf(e.stderr, "index %s is live in %s\n", sum.generation, *indexDir)
	return nil
}

// planFilesShown is how many files of each format a dry run names.
const planFilesShown = 5

// printPlan prints what a reindex of fsys would read: per format, how
// many files and the first ones; then the files left out and why.
func printPlan(ctx context.Context, e *env, fsys fs.FS, opts indexer.Options) error {
	p, err := indexer.New(opts).Plan(ctx, fsys)
	if err != nil {
		return err
	}
	n := 0
	for _, f := range slices.Sorted(maps.Keys(p.Files)) {
		n += len(p.Files[f])
	}
	fmt.Fprintf(e.stdout, "would read %s (%.1f MB)\n", indexer.Plural(n, "file"), float64(p.Bytes)/1e6)
	for _, f := range slices.Sorted(maps.Keys(p.Files)) {
		files := p.Files[f]
		fmt.Fprintf(e.stdout, "  %s: %s\n", f, indexer.Plural(len(files), "file"))
		for _, path := range files[:min(len(files), planFilesShown)] {
			fmt.Fprintf(e.stdout, "    %s\n", path)
		}
		if len(files) > planFilesShown {
			fmt.Fprintf(e.stdout, "    … and %d more\n", len(files)-planFilesShown)
		}
	}
	if len(p.Skips) > 0 {
		fmt.Fprintf(e.stdout, "would leave out %s:\n", indexer.Plural(len(p.Skips), "file"))
		for _, sk := range p.Skips {
			fmt.Fprintf(e.stdout, "  %s\n", sk)
		}
	}
	return nil
}

// maxSkipsShown is how many skipped files a summary names.
const maxSkipsShown = 20

// skippedListFile is the file in the index folder that lists every file
// the last reindex skipped, when there are more than maxSkipsShown.
const skippedListFile = "skipped.txt"

// printSummary prints the summary of a reindex that completed: its line,
// the files it skipped (the first maxSkipsShown, the rest in
// skippedListFile in the index folder) and the researcher's topics.
func printSummary(e *env, sum reindexSummary, indexDir string) {
	fmt.Fprintf(e.stderr, "%s\n", sum.Summary)
	if n := len(sum.Skips); n > 0 {
		fmt.Fprintf(e.stderr, "skipped:\n")
		for _, sk := range sum.Skips[:min(n, maxSkipsShown)] {
			fmt.Fprintf(e.stderr, "  %s\n", sk)
		}
		if n > maxSkipsShown {
			var b strings.Builder
			for _, sk := range sum.Skips {
				fmt.Fprintf(&b, "%s\n", sk)
			}
			list := filepath.Join(indexDir, skippedListFile)
			if err := os.WriteFile(list, []byte(b.String()), 0o644); err != nil {
				fmt.Fprintf(e.stderr, "  and %d more (could not list them in %s: %v)\n", n-maxSkipsShown, list, err)
			} else {
				fmt.Fprintf(e.stderr, "  and %d more, all listed in %s\n", n-maxSkipsShown, list)
			}
		}
	}
	for _, t := range sum.topics {
		fmt.Fprintf(e.stderr, "topic %q: %s\n", t.name, indexer.Plural(t.n, "article"))
	}
}

// reindexSummary is an indexer summary with the generation it built and
// the researcher's own topics it applied.
type reindexSummary struct {
	indexer.Summary
	generation string
	topics     []topicCount
}

// topicCount is a researcher's topic and how many articles it tagged.
type topicCount struct {
	name string
	n    int
}

// applyTopics gives each of the corpus's own topics (clippings.toml
// [topics], name = query) to the articles matching its query, in name
// order, and returns how many articles each tagged.
func applyTopics(ctx context.Context, ix *search.Index, topics map[string]string) ([]topicCount, error) {
	var out []topicCount
	for _, name := range slices.Sorted(maps.Keys(topics)) {
		n, err := ix.AddTopic(ctx, name, topics[name])
		if err != nil {
			return out, fmt.Errorf("%s [topics]: %w", corpus.ConfigFile, err)
		}
		out = append(out, topicCount{name, n})
	}
	return out, nil
}

// The index keeps the descriptions of the source's codes that the
// indexer reads from the corpus folder.
var _ indexer.LabelSink = (*search.Index)(nil)

// errEmptyCorpus is a reindex that found no article while an index is
// live, refused unless reindexOptions.allowEmpty.
var errEmptyCorpus = errors.New("no article found")

// reindexOptions are the options of reindex. The zero value refuses to
// replace a live index with an empty one.
type reindexOptions struct {
	indexer indexer.Options
	// allowEmpty lets a corpus that yields no article replace a live
	// index.
	allowEmpty bool
	// shards is the number of shards of the new index; 0 or 1 is one
	// index.
	shards int
}

// maxShards is the most shards --shards accepts.
const maxShards = 64

// reindex builds a new generation of the index in dir from fsys and makes
// it live. A corpus that yields no article does not replace a live index
// unless opts.allowEmpty: the error then wraps errEmptyCorpus.
func reindex(ctx context.Context, fsys fs.FS, dir string, opts reindexOptions) (reindexSummary, error) {
	defer tuneGC()()
	cfg, err := corpus.LoadConfig(fsys)
	if err != nil {
		return reindexSummary{}, err
	}
	store, err := search.OpenStore(dir, search.Options{Shards: opts.shards})
	if err != nil {
		return reindexSummary{}, err
	}
	defer store.Close()
	live, _ := store.Count() // 0 without a live index
	var sum reindexSummary
	iopts := opts.indexer
	if opts.shards > 1 && iopts.BatchSize == 0 {
		// A batch is split between the shards: batches of one shard's
		// default size each make segments of the size one index's are.
		iopts.BatchSize = indexer.DefaultBatchSize * opts.shards
	}
	err = store.Rebuild(ctx, func(ctx context.Context, ix *search.Index) error {
		s, err := indexer.New(iopts).Run(ctx, fsys, ix)
		sum.Summary = s
		if err != nil {
			return err
		}
		if s.Articles == 0 && live > 0 && !opts.allowEmpty {
			return fmt.Errorf("%w (%s): refusing to replace the live index of %s with an empty one; "+
				"check the folder, or use --allow-empty to empty the index",
				errEmptyCorpus, s, indexer.Plural(int(live), "article"))
		}
		sum.topics, err = applyTopics(ctx, ix, cfg.Topics)
		return err
	})
	sum.generation = store.Version()
	return sum, err
}

// reindexGCPercent and reindexMemoryLimit tune the garbage collector for
// a reindex, which allocates much short-lived data (tokens, analysis
// results, segments being built). With the heap let grow to three times
// the live data instead of twice, a reindex of Reuters at GOMAXPROCS=1
// took 14.2 CPU s instead of 16.3, but peaked at 1.03 GB of RSS instead
// of 651 MB; the memory limit makes the collector work harder again
// before the heap passes 1 GiB.
const (
	reindexGCPercent   = 200
	reindexMemoryLimit = 1 << 30
)

// tuneGC sets the collector for a reindex, unless GOGC or GOMEMLIMIT are
// set in the environment, and returns the function that restores it.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(reindexGCPercent)
	limit := debug.SetMemoryLimit(reindexMemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
