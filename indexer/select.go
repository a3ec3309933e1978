package indexer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/clippings/clippings/corpus"
)

// IgnoreFile is the name of the optional file at the root of a corpus
// folder that lists, in .gitignore syntax, files not to read.
const IgnoreFile = ".clippingsignore"

// Selection chooses the files of a corpus that are read. Its zero value
// reads every supported file but documentation (README, LICENSE,
// CHANGES, *.dtd...) and word lists or data files, and those that the
// corpus's IgnoreFile names. A file of code descriptions
// (corpus.IsLabelFile) is never read as articles: Run reads it as labels.
type Selection struct {
	// Include, when set, reads only the files matching one of its
	// patterns (.gitignore syntax: "*.sgm", "2015/", "news/**/*.html"),
	// documentation and data included.
	Include []string
	// Exclude leaves out the files matching one of its patterns.
	Exclude []string
	// Docs reads documentation and word lists as articles too.
	Docs bool
}

// The reasons a selection gives for leaving a file out, as counted in
// Summary.Skipped.
const (
	ReasonIgnored     = "in " + IgnoreFile
	ReasonExcluded    = "excluded by --exclude"
	ReasonNotIncluded = "not matched by --include"
	ReasonDocs        = "documentation"
	ReasonLabels      = "code descriptions"
	ReasonData        = "word list or data"
	ReasonUnsupported = "unsupported"
)

// docNames are the base names, lower-cased and without extension, of
// documentation files.
var docNames = []string{"readme", "license", "licence", "copying", "changes", "changelog", "history",
	"notice", "authors", "contributors", "install", "md5sums", "sha1sums", "sha256sums"}

// selector applies a Selection and the corpus's IgnoreFile.
type selector struct {
	fsys                     fs.FS
	ignore, include, exclude gitignore.Matcher
	docs                     bool
}

// newSelector returns the selector of sel for the corpus in fsys.
func newSelector(fsys fs.FS, sel Selection) (*selector, error) {
	s := &selector{fsys: fsys, docs: sel.Docs}
	b, err := fs.ReadFile(fsys, IgnoreFile)
	switch {
	case err == nil:
		var ps []gitignore.Pattern
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimRight(line, "\r"); strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
				ps = append(ps, gitignore.ParsePattern(line, nil))
			}
		}
		s.ignore = gitignore.NewMatcher(ps)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("indexer: %s: %w", IgnoreFile, err)
	}
	matcher := func(globs []string) gitignore.Matcher {
		if len(globs) == 0 {
			return nil
		}
		ps := make([]gitignore.Pattern, 0, len(globs))
		for _, g := range globs {
			ps = append(ps, gitignore.ParsePattern(g, nil))
		}
		return gitignore.NewMatcher(ps)
	}
	s.include, s.exclude = matcher(sel.Include), matcher(sel.Exclude)
	return s, nil
}

// skip returns why the file of e is not read, or "" when it is.
func (s *selector) skip(e corpus.Entry) string {
	parts := strings.Split(e.Path, "/")
	switch {
	case s.ignore != nil && s.ignore.Match(parts, false):
		return ReasonIgnored
	case s.exclude != nil && s.exclude.Match(parts, false):
		return ReasonExcluded
	case s.include != nil && !s.include.Match(parts, false):
		return ReasonNotIncluded
	case corpus.IsLabelFile(e.Path):
		// Read by LoadLabels as descriptions of the source's codes.
		return ReasonLabels
	case s.include == nil && !s.docs && isDocName(e.Path):
		return ReasonDocs
	case e.Format == "":
		return ReasonUnsupported
	case s.include != nil || s.docs:
		return ""
	case e.Format == corpus.FormatText && s.isData(e):
		return ReasonData
	}
	return ""
}

// isDocName reports whether the file's name is that of documentation:
// README, LICENSE, CHANGES and the like (any extension), or a DTD.
func isDocName(p string) bool {
	base := strings.ToLower(path.Base(p))
	if strings.HasSuffix(base, ".dtd") || strings.HasSuffix(base, ".dtd.gz") {
		return true
	}
	name, _, _ := strings.Cut(base, ".")
	name = strings.TrimRight(name, "-_0123456789")
	for _, d := range docNames {
		if name == d {
			return true
		}
	}
	return false
}

// dataSample is how much of a text file isData reads.
const dataSample = 64 << 10

// isData reports whether a text file is a word list or data rather than
// prose, from its first dataSample bytes: at least 10 of its lines, and
// four in five of them, are a single token ("albania"), or a sixth of its
// characters other than spaces are the quotes, brackets, commas and
// equals signs of data (`bgfact("Afghanistan","Capital",["Kabul"]).`),
// where prose has about one in thirty.
func (s *selector) isData(e corpus.Entry) bool {
	if e.Compressed {
		return false // read compressed files as they are
	}
	f, err := s.fsys.Open(e.Path)
	if err != nil {
		return false // reading it will report the error
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, dataSample))
	sc.Buffer(make([]byte, 0, 4096), dataSample)
	lines, tokens, chars, marks := 0, 0, 0, 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		lines++
		if !strings.ContainsAny(line, " \t") {
			tokens++
		}
		for _, r := range line {
			switch {
			case strings.ContainsRune("\"()[]{},=;|<>", r):
				marks++
				chars++
			case r != ' ' && r != '\t':
				chars++
			}
		}
	}
	return lines >= 10 && ((tokens >= 10 && tokens*5 >= lines*4) || marks*6 >= chars)
}

// Plan is what a run would read: the files by format, and the files left
// out and why.
type Plan struct {
	Files map[corpus.Format][]string
	Bytes int64
	Skips []Skip
}

// Plan walks the corpus in fsys and returns what Run would read, without
// reading any article.
func (ix *Indexer) Plan(ctx context.Context, fsys fs.FS) (Plan, error) {
	p := Plan{Files: map[corpus.Format][]string{}}
	entries, skips, err := ix.selectFiles(ctx, fsys)
	for _, e := range entries {
		p.Files[e.Format] = append(p.Files[e.Format], e.Path)
		p.Bytes += e.Size
	}
	p.Skips = skips
	return p, err
}

// selectFiles walks the corpus in fsys and returns the files to read and
// those left out, in walk order. The configuration files are neither.
func (ix *Indexer) selectFiles(ctx context.Context, fsys fs.FS) ([]corpus.Entry, []Skip, error) {
	sel, err := newSelector(fsys, ix.opts.Select)
	if err != nil {
		return nil, nil, err
	}
	var entries []corpus.Entry
	var skips []Skip
	err = corpus.Walk(ctx, fsys, func(e corpus.Entry) error {
		if e.Path == corpus.ConfigFile || e.Path == IgnoreFile {
			return nil // configuration, not an article
		}
		if e.Skipped != "" {
			// The walk could not treat the entry as a file (a link loop,
			// a named pipe, an unreadable folder): reported, not read.
			skips = append(skips, Skip{Path: e.Path, Reason: e.Skipped})
			return nil
		}
		if reason := sel.skip(e); reason != "" {
			skips = append(skips, Skip{Path: e.Path, Reason: reason})
			return nil
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("indexer: %w", err)
	}
	return entries, skips, nil
}
