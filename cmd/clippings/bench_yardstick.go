package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"

	"github.com/clippings/clippings/corpus"
)

// This file is the part of `clippings bench` that measures other search
// engines than Bleve, the yardsticks a researcher might pick instead:
// SQLite FTS5 always (bench_fts5.go), SQLite FTS5 compiled from C with
// the build tag sqlite_fts5 (bench_fts5_c.go), and Xapian with the build
// tag xapian (bench_xapian.go).

// A yardstick is another search engine that the bench loads with the
// same articles and replays the same queries on, each translated into the
// engine's own terms.
type yardstick interface {
	// Name is the engine as the tables name it, such as "FTS5 modernc".
	Name() string
	// About says what the engine is, in a few words for the report.
	About() string
	// Path is the file or folder of its index.
	Path() string
	// Load writes the articles into a new index and finishes it, as a
	// bulk load would, leaving it closed.
	Load(ctx context.Context, arts []corpus.Article) error
	// Open opens the loaded index for clients queries at once.
	Open(clients int) error
	// Query returns q as the engine runs it, for the report.
	Query(q benchQuery) string
	// Search runs q and returns its number of matches. With facets it
	// also counts the five facets (ten values each) and the matches per
	// year over all matches, and makes snippets of the hits shown.
	Search(ctx context.Context, q benchQuery, facets bool) (uint64, error)
	// Close closes the index.
	Close() error
}

// yardsticks returns the yardsticks of this build, each with its index
// under dir: SQLite FTS5 through modernc.org/sqlite, and those that build
// tags add.
func yardsticks(dir string) []yardstick {
	out := []yardstick{newFTS5Modernc(filepath.Join(dir, "fts5-modernc.db"))}
	if y, ok := newFTS5C(filepath.Join(dir, "fts5-c.db")); ok {
		out = append(out, y)
	}
	if y, ok := newXapian(filepath.Join(dir, "xapian")); ok {
		out = append(out, y)
	}
	return out
}

// yardstickLoad is the load of the articles into a yardstick.
type yardstickLoad struct {
	Engine string `json:"engine"`
	About  string `json:"about"`
	Load   phase  `json:"load"`
	// Ratio is clippings's reindex at the same worker count divided by
	// the load: articles/s, CPU seconds, index size.
	Ratio ratios `json:"ratio_clippings_to_it"`
}

// loadYardstick loads arts into y with GOMAXPROCS set to procs, and
// measures it, with the size of the index it leaves.
func loadYardstick(ctx context.Context, y yardstick, arts []corpus.Article, procs int, inputBytes int64) (phase, error) {
	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	m := startMeasure()
	if err := y.Load(ctx, arts); err != nil {
		return phase{}, fmt.Errorf("%s: %w", y.Name(), err)
	}
	ph := m.stop(procs, len(arts))
	ph.MBPerSec = float64(inputBytes) / 1e6 / ph.Seconds
	var err error
	if ph.IndexBytes, err = dirSize(y.Path()); err != nil {
		return phase{}, fmt.Errorf("%s: %w", y.Name(), err)
	}
	return ph, nil
}

// printYardstickLoads prints a line per yardstick load.
func printYardstickLoads(w io.Writer, loads []yardstickLoad) {
	for _, l := range loads {
		p := l.Load
		fmt.Fprintf(w, "%s (%s) load at procs %d: %.0f articles/s, %.2f MB/s, %s CPU seconds, peak RSS %s, index size %s; clippings ÷ it: articles/s %s, CPU seconds %s, index size %s.\n",
			l.Engine, l.About, p.Procs, p.ArticlesPerSec, p.MBPerSec, cpuSeconds(p.CPUSeconds), megabytes(p.PeakRSS),
			megabytes(p.IndexBytes), times(l.Ratio.ArticlesPerSec), times(l.Ratio.CPUSeconds), times(l.Ratio.IndexBytes))
	}
}
