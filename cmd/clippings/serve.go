package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
	"github.com/clippings/clippings/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "serve", "[--addr ADDR] [--index DIR] [--corpus DIR]",
		`Serves the search page on http://ADDR/ and the JSON API under /api/v1/.

  --corpus DIR               reindexes DIR into the index folder, then serves it
  --index DIR                serves the index in DIR (built by 'clippings reindex'),
                             picking up a newer one as soon as a reindex completes
  neither                    indexes the sample corpus embedded in the binary into
                             the user's cache folder and serves it`)
	addr := fset.String("addr", "localhost:8080", "address to listen on")
	indexDir := fset.String("index", "", "index folder (default: the cache folder)")
	corpusDir := fset.String("corpus", "", "corpus folder to index before serving")
	timeout := fset.Duration("timeout", search.DefaultTimeout, "time a search may take before it is answered with a 503")
	maxSearches := fset.Int("max-searches", 0, "cheap searches run at once (0: twice the cores); 8 times as many may wait")
	maxHeavy := fset.Int("max-heavy-searches", 0, "searches with a regular expression, wildcard or fuzzy word run at once (0: half the cores)")
	pos, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	log := e.logger()
	opts := indexer.Options{Logger: log}
	if e.stderrIsTerminal {
		opts.Progress = e.stderr
	}
	var store *search.Store
	switch {
	case *indexDir == "" && *corpusDir == "":
		dir := defaultDir("sample")
		fmt.Fprintf(e.stderr, "indexing the embedded sample corpus into %s\n", dir)
		sum, err := reindex(ctx, corpus.Sample(), dir, reindexOptions{indexer: indexer.Options{Logger: log}})
		if err != nil {
			return err
		}
		printSummary(e, sum, dir)
		*indexDir = dir
	case *corpusDir != "":
		if *indexDir == "" {
			*indexDir = defaultDir("index")
		}
		sum, err := reindex(ctx, os.DirFS(*corpusDir), *indexDir, reindexOptions{indexer: opts})
		if err != nil {
			return err
		}
		printSummary(e, sum, *indexDir)
	}
	store, err = search.OpenStore(*indexDir, search.Options{ReadOnly: true, Timeout: *timeout,
		MaxSearches: *maxSearches, MaxHeavySearches: *maxHeavy})
	if err != nil {
		return err
	}
	defer store.Close()
	if store.Version() == "" {
		return fmt.Errorf("no index in %s: run 'clippings reindex --corpus DIR --index %s' first", *indexDir, *indexDir)
	}
	go store.Watch(ctx, 2*time.Second, log)
	srv := web.New(store, web.Options{Logger: log, BackendTimeout: *timeout})
	fmt.Fprintf(e.stderr, "serving %s (%s) on http://%s/\n", *indexDir, store.Version(), *addr)
	return srv.ListenAndServe(ctx, *addr)
}
