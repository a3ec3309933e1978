package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Walk calls fn for every regular file in the tree of fsys, which may be
// any file system: os.DirFS for a folder on disk, an embed.FS for the
// embedded sample.
//
// Files are visited in lexical order within each folder, as fs.WalkDir
// does, so the order is the same on every run. Files and folders whose
// name starts with "." are skipped, folders with everything below them.
// A symbolic link to a regular file is listed like the file; a link to a
// folder is not followed, so a link cycle cannot trap the walk.
//
// Every other file is passed to fn, including the ones clippings does not
// read: their Entry has an empty Format, so the caller can count them as
// unsupported. FormatOf tells how a name is classified.
//
// Walk checks ctx before each file and returns ctx.Err() once it is done.
// An error returned by fn stops the walk and is returned unchanged, except
// that fs.SkipAll stops the walk without error and fs.SkipDir skips the
// rest of the file's folder, as with fs.WalkDir. A folder that cannot be
// read stops the walk with an error wrapped with the folder's path,
// "corpus: walk <path>: ...".
func Walk(ctx context.Context, fsys fs.FS, fn func(Entry) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			// Only a folder that cannot be read, or a root that cannot
			// be opened, reaches here.
			return fmt.Errorf("corpus: walk %s: %w", p, err)
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := regularInfo(fsys, p, d)
		if err != nil {
			return err
		}
		if info == nil {
			return nil
		}
		format, compressed := FormatOf(p)
		return fn(Entry{Path: p, Format: format, Compressed: compressed, Size: info.Size()})
	})
}

// regularInfo returns the file information of a regular file, following a
// symbolic link to its target, or nil for anything else (a device, a pipe,
// a link to a folder, a dangling link).
func regularInfo(fsys fs.FS, p string, d fs.DirEntry) (fs.FileInfo, error) {
	switch {
	case d.Type().IsRegular():
		info, err := d.Info()
		if err != nil {
			return nil, fmt.Errorf("corpus: walk %s: %w", p, err)
		}
		return info, nil
	case d.Type()&fs.ModeSymlink != 0:
		info, err := fs.Stat(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil // a dangling link is no file
		}
		if err != nil {
			return nil, fmt.Errorf("corpus: walk %s: %w", p, err)
		}
		if !info.Mode().IsRegular() {
			return nil, nil
		}
		return info, nil
	}
	return nil, nil
}

// FormatOf classifies a file by the extension of its name, ignoring case:
// .html, .htm and .xhtml are FormatHTML; .txt, .text and .md are
// FormatText; .sgm is FormatSGML; any other name has the empty Format.
// A name ending in .gz is compressed and classified by the extension
// before it, so "page.html.gz" is compressed HTML and "data.tar.gz" is
// compressed with an empty Format.
func FormatOf(name string) (format Format, compressed bool) {
	name = strings.ToLower(path.Base(name))
	if base, ok := strings.CutSuffix(name, ".gz"); ok {
		name, compressed = base, true
	}
	switch path.Ext(name) {
	case ".html", ".htm", ".xhtml":
		format = FormatHTML
	case ".txt", ".text", ".md":
		format = FormatText
	case ".sgm":
		format = FormatSGML
	}
	return format, compressed
}
