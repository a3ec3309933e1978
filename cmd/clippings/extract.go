package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "extract", "PATH...",
		`Prints every article found in the files and folders PATH as one JSON object
per line, with the Article fields in snake_case and "date" as YYYY-MM-DD,
YYYY-MM or YYYY by its precision. Needs no index; pipe it into jq or pandas.
Folders are read recursively. A summary line goes to stderr.`)
	workers := fset.Int("workers", 0, "files processed at once (0: one per core)")
	paths, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("no PATH given")
	}
	ix := indexer.New(indexer.Options{Workers: *workers, Logger: e.logger()})
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var total indexer.Summary
	for _, p := range paths {
		fsys, err := pathFS(p)
		if err != nil {
			return err
		}
		sum, err := ix.Extract(ctx, fsys, func(a corpus.Article) error { return enc.Encode(a) })
		total = addSummary(total, sum)
		if err != nil {
			out.Flush()
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s\n", total)
	return nil
}

func addSummary(a, b indexer.Summary) indexer.Summary {
	a.Files += b.Files
	a.Articles += b.Articles
	a.Bytes += b.Bytes
	a.Elapsed += b.Elapsed
	if a.Skipped == nil {
		a.Skipped = map[string]int{}
	}
	if a.ByFormat == nil {
		a.ByFormat = map[corpus.Format]int{}
	}
	for k, v := range b.ByFormat {
		a.ByFormat[k] += v
	}
	for k, v := range b.Skipped {
		a.Skipped[k] += v
	}
	return a
}

// pathFS returns a file system holding the folder p, or only the file p
// (as its base name) when p is a file.
func pathFS(p string) (fs.FS, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return os.DirFS(p), nil
	}
	return oneFileFS{dir: os.DirFS(filepath.Dir(p)), name: filepath.Base(p)}, nil
}

// oneFileFS is a folder that shows a single file of another folder.
type oneFileFS struct {
	dir  fs.FS
	name string
}

func (o oneFileFS) Open(name string) (fs.File, error) {
	if name != "." && name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.dir.Open(name)
}

func (o oneFileFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	st, err := fs.Stat(o.dir, o.name)
	if err != nil {
		return nil, err
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(st)}, nil
}
