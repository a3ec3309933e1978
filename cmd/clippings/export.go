package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/web"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "export", "[--index DIR] [--format csv|jsonl] [--out FILE] [QUERY] [filters]",
		`Writes every article matching QUERY and the filters (not one page) as CSV
or JSON Lines, the same as GET /api/v1/export, straight from the index in
--index: no server needed. The articles come in the search's sort order,
undated ones last, and are streamed: memory stays the same however many
there are. Without --out they go to standard output.`)
	indexDir := fset.String("index", "", "index folder (default: the one 'clippings reindex' writes, else the sample 'clippings serve' builds)")
	format := fset.String("format", "csv", "csv or jsonl")
	out := fset.String("out", "", "file to write (default: standard output)")
	columns := fset.String("columns", "", "extra columns: snippet, score or both (snippet,score)")
	sf := addSearchFlags(fset)
	pos, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	if *format != "csv" && *format != "jsonl" {
		return usagef("--format %q: want csv or jsonl", *format)
	}
	req, err := sf.request(pos)
	if err != nil {
		return err
	}
	cols, err := web.ParseColumns(*columns)
	if err != nil {
		return usagef("--columns: %v", err)
	}
	store, err := openIndex(e, *indexDir, 0)
	if err != nil {
		return err
	}
	defer store.Close()

	w := e.stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	n, err := web.WriteExport(ctx, store, req, *format, cols, bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && f != nil {
		err = f.Close()
	}
	if err != nil {
		if f != nil {
			os.Remove(*out) // an incomplete file must not pass for an export
		}
		return fmt.Errorf("export stopped after %s: %w", indexer.Plural(n, "article"), err)
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "wrote %s to %s\n", indexer.Plural(n, "article"), *out)
	}
	return nil
}
