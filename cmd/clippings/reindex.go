package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

func runReindex(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "reindex", "--corpus DIR [--index DIR]",
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
taxonomy topics, and the run reports how many articles each tagged.`)
	corpusDir := fset.String("corpus", "", "corpus folder to index (required)")
	indexDir := fset.String("index", defaultDir("index"), "index folder")
	workers := fset.Int("workers", 0, "files processed at once (0: one per core)")
	quiet := fset.Bool("quiet", false, "no progress bar")
	noEnrich := fset.Bool("no-enrich", false, "index articles as extracted: no places, countries, people, topics or language")
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
	st, err := os.Stat(*corpusDir)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("corpus: %s is not a folder", *corpusDir)
	}
	opts := indexer.Options{Workers: *workers, Logger: e.logger(), SkipEnrich: *noEnrich}
	if e.stderrIsTerminal && !*quiet {
		opts.Progress = e.stderr
	}
	sum, err := reindex(ctx, os.DirFS(*corpusDir), *indexDir, opts)
	fmt.Fprintf(e.stderr, "%s\n", sum)
	for _, t := range sum.topics {
		fmt.Fprintf(e.stderr, "topic %q: %d articles\n", t.name, t.n)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted: the half-built index was removed and the live index in %s is unchanged", *indexDir)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "index %s is live in %s\n", sum.generation, *indexDir)
	return nil
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

// reindex builds a new generation of the index in dir from fsys and makes
// it live.
func reindex(ctx context.Context, fsys fs.FS, dir string, opts indexer.Options) (reindexSummary, error) {
	cfg, err := corpus.LoadConfig(fsys)
	if err != nil {
		return reindexSummary{}, err
	}
	store, err := search.OpenStore(dir, search.Options{})
	if err != nil {
		return reindexSummary{}, err
	}
	defer store.Close()
	var sum reindexSummary
	err = store.Rebuild(ctx, func(ctx context.Context, ix *search.Index) error {
		s, err := indexer.New(opts).Run(ctx, fsys, ix)
		sum.Summary = s
		if err != nil {
			return err
		}
		sum.topics, err = applyTopics(ctx, ix, cfg.Topics)
		return err
	})
	sum.generation = store.Version()
	return sum, err
}
