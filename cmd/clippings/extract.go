package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/indexer/extract"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "extract", "PATH...",
		`Prints every article found in the files and folders PATH as one JSON object
per line, with the Article fields in snake_case and "date" as YYYY-MM-DD,
YYYY-MM or YYYY by its precision. Needs no index; pipe it into jq or pandas.
Folders are read recursively. A summary line goes to stderr.

Each article's source is its file's path as given, with its position in
the file: "a/index.html#1" for the file a/index.html, "site/2021/post.html#1"
for a file in the folder site; its id is derived from the source. As in
'clippings reindex', the copies of a post (its own page, listing pages)
are merged into one article whose seen_in lists them all; they are printed
after the other articles.

With --explain, prints instead, for each HTML file, the candidates each
decision weighed: every candidate set of posts (declared markup and
repeated structure) with its score and why, the verdict (a listing or
one article), and the evidence that won each field of each article.`)
	workers := fset.Int("workers", 0, "files processed at once (0: one per core)")
	keepCopies := fset.Bool("keep-copies", false, "print every copy of a post as extracted, without merging them")
	explain := fset.Bool("explain", false, "print the candidates and evidence of each decision instead of JSON")
	paths, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("no PATH given")
	}
	if *explain {
		return explainPaths(ctx, e, paths)
	}
	ix := indexer.New(indexer.Options{Workers: *workers, Logger: e.logger()})
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var total indexer.Summary
	add := func(a corpus.Article) error { return enc.Encode(a) }
	var m *indexer.Merger
	if !*keepCopies {
		m = ix.NewMerger(add)
		add = m.Add
	}
	for _, p := range paths {
		fsys, prefix, err := pathFS(p)
		if err != nil {
			return err
		}
		sum, err := ix.Extract(ctx, fsys, func(a corpus.Article) error {
			a.Source = path.Join(prefix, a.Source)
			a.ID = corpus.IDOf(a.Source)
			return add(a)
		})
		total = addSummary(total, sum)
		if err != nil {
			out.Flush()
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	if m != nil {
		st, err := m.Close()
		total.Merged, total.DuplicatesLeft = st.Merged, st.DuplicatesLeft
		if err != nil {
			out.Flush()
			return err
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
	a.Merged += b.Merged
	a.DuplicatesLeft += b.DuplicatesLeft
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
// (as its base name) when p is a file, and the prefix that makes the paths
// in it the paths as given: p itself for a folder, p's folder for a file,
// slash-separated and cleaned ("." for the current folder). So two files
// a/index.html and b/index.html give the sources a/index.html#1 and
// b/index.html#1, and two different ids.
func pathFS(p string) (fsys fs.FS, prefix string, err error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, "", err
	}
	if st.IsDir() {
		return os.DirFS(p), path.Clean(filepath.ToSlash(p)), nil
	}
	dir := filepath.Dir(p)
	return oneFileFS{dir: os.DirFS(dir), name: filepath.Base(p)}, path.Clean(filepath.ToSlash(dir)), nil
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

// explainPaths prints extract.Explain for every file under paths, with
// the file's path as given.
func explainPaths(ctx context.Context, e *env, paths []string) error {
	x := extract.New(extract.Options{})
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	for _, p := range paths {
		fsys, prefix, err := pathFS(p)
		if err != nil {
			return err
		}
		err = corpus.Walk(ctx, fsys, func(en corpus.Entry) error {
			if en.Format == "" {
				return nil
			}
			f, err := corpus.Read(fsys, en, corpus.ReadOptions{})
			if err != nil {
				fmt.Fprintf(out, "%s: skipped: %v\n\n", path.Join(prefix, en.Path), err)
				return nil
			}
			f.Path = path.Join(prefix, f.Path)
			s, err := x.Explain(f)
			fmt.Fprint(out, s)
			if err != nil {
				fmt.Fprintf(out, "  error: %v\n", err)
			}
			fmt.Fprintln(out)
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return out.Flush()
}
