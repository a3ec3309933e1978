package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"syscall"
	"unicode/utf8"
)

// The reasons for which Walk lists an entry as skipped (Entry.Skipped).
const (
	SkipLinkLoop     = "symbolic link loop"
	SkipDanglingLink = "dangling symbolic link"
	SkipLinkToFolder = "link to a folder, not followed"
	SkipPipe         = "named pipe"
	SkipSocket       = "socket"
	SkipDevice       = "device"
	SkipIrregular    = "not a regular file"
	SkipPermission   = "permission denied"
	SkipBadName      = "name is not valid UTF-8"
	SkipUnreadable   = "cannot be read"
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
// The walk never stops on one entry: a symbolic link loop, a dangling
// link, a link to a folder, a named pipe, a socket, a device, a folder
// that cannot be read and a name that is not valid UTF-8 are each passed
// to fn with Entry.Skipped saying why (one of the Skip reasons) and
// Entry.Err the error behind it, so that the caller can report and count
// them; a folder skipped so is not entered.
//
// Walk checks ctx before each file and returns ctx.Err() once it is done.
// An error returned by fn stops the walk and is returned unchanged, except
// that fs.SkipAll stops the walk without error and fs.SkipDir skips the
// rest of the file's folder, as with fs.WalkDir. Only a root that cannot
// be opened or read stops the walk with an error, "corpus: walk .: ...".
func Walk(ctx context.Context, fsys fs.FS, fn func(Entry) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			// A folder that cannot be read, or a root that cannot be
			// opened.
			if p == "." || d == nil {
				return fmt.Errorf("corpus: walk %s: %w", p, err)
			}
			if ferr := fn(Entry{Path: p, Skipped: reason(err), Err: err}); ferr != nil {
				return ferr
			}
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(d.Name()) {
			if ferr := fn(Entry{Path: p, Skipped: SkipBadName}); ferr != nil {
				return ferr
			}
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, skipped, err := regularInfo(fsys, p, d)
		if skipped != "" {
			return fn(Entry{Path: p, Skipped: skipped, Err: err})
		}
		format, compressed := FormatOf(p)
		return fn(Entry{Path: p, Format: format, Compressed: compressed, Size: info.Size()})
	})
}

// regularInfo returns the file information of a regular file, following a
// symbolic link to its target, or for anything else (a device, a pipe, a
// link to a folder, a dangling link, a link loop) the reason it is
// skipped and the error behind it, if any.
func regularInfo(fsys fs.FS, p string, d fs.DirEntry) (fs.FileInfo, string, error) {
	var info fs.FileInfo
	var err error
	switch {
	case d.Type().IsRegular():
		info, err = d.Info()
	case d.Type()&fs.ModeSymlink != 0:
		info, err = fs.Stat(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, SkipDanglingLink, err
		}
		if err == nil && info.IsDir() {
			return nil, SkipLinkToFolder, nil
		}
	default:
		return nil, irregular(d.Type()), nil
	}
	if err != nil {
		return nil, reason(err), err
	}
	if !info.Mode().IsRegular() {
		return nil, irregular(info.Mode()), nil
	}
	return info, "", nil
}

// irregular returns the Skip reason of a file that is not regular.
func irregular(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return SkipPipe
	case m&fs.ModeSocket != 0:
		return SkipSocket
	case m&fs.ModeDevice != 0:
		return SkipDevice
	}
	return SkipIrregular
}

// reason returns the Skip reason of an error met on an entry.
func reason(err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return SkipLinkLoop
	case errors.Is(err, fs.ErrPermission):
		return SkipPermission
	}
	return SkipUnreadable
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
