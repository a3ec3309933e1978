package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/clippings/clippings/corpus"
)

// A Store is a folder of index generations with one of them live:
//
//	DIR/gen-20260102T150405.123456789Z/   a complete index (a generation)
//	DIR/gen-20260109T080000.000000000Z/
//	DIR/CURRENT                           the name of the live generation
//
// Rebuild builds a new generation beside the live one and switches
// CURRENT to it only when it is complete, by renaming a temporary file
// over CURRENT, so that a reader never sees a half-built index and a
// failed rebuild leaves everything as it was. It keeps the previous
// generation and removes older ones.
//
// The live generation is always opened read-only, so that several
// processes can share it: a server (`clippings serve`) opens its Store
// with Options.ReadOnly, which only forbids Rebuild, and picks up the
// generations that `clippings reindex` makes live with Reload or Watch.
// A Rebuild holds DIR/LOCK while it runs, so that a second process
// rebuilding the same folder fails with ErrLocked instead of racing it.
//
// A Store is safe for concurrent use. Search, Article and Count run on
// the live generation; switching waits for the calls in flight to end
// before closing the generation they use.
type Store struct {
	dir  string
	opts Options
	// gate limits the searches of every generation together.
	gate *gate

	// switching serializes Rebuild, Reload and Close.
	switching sync.Mutex
	closed    bool

	// mu guards live and gen; calls on live hold it for reading.
	mu   sync.RWMutex
	live *Index
	gen  string
}

// ErrNoIndex is returned by a Store that has no live generation: nothing
// was built in its folder yet.
var ErrNoIndex = errors.New("search: no index has been built yet: run a reindex")

// currentFile names the live generation.
const currentFile = "CURRENT"

// genPrefix starts the name of every generation folder.
const genPrefix = "gen-"

// OpenStore opens the store in dir and its live generation, if any. A
// writable store creates dir when it is missing; a folder without a live
// generation yet is a valid, empty Store, whose searches fail with
// ErrNoIndex until a Rebuild (or a Reload once another process built
// one). A live generation that cannot be opened (built with another
// MappingVersion, or named by a damaged CURRENT) is an error for a
// read-only store, wrapping ErrMappingVersion in the first case; a
// writable store logs it and starts empty instead, so that a Rebuild can
// repair the folder.
func OpenStore(dir string, opts Options) (*Store, error) {
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("search: open store: %w", err)
		}
	}
	s := &Store{dir: dir, opts: opts, gate: newGate(opts)}
	name, err := s.readCurrent()
	var ix *Index
	if err == nil && name != "" {
		ix, err = s.open(name)
	}
	switch {
	case err != nil && opts.ReadOnly:
		return nil, fmt.Errorf("search: open store %s: %w", dir, err)
	case err != nil:
		opts.logger().Warn("cannot open the live index: it will be rebuilt", "dir", dir, "err", err)
	case ix != nil:
		s.live, s.gen = ix, name
	}
	return s, nil
}

// liveOptions are the options of a live generation: read-only.
func (s *Store) liveOptions() Options {
	o := s.opts
	o.ReadOnly = true
	return o
}

// open opens the generation name read-only, sharing the Store's gate.
func (s *Store) open(name string) (*Index, error) {
	ix, err := Open(filepath.Join(s.dir, name), s.liveOptions())
	if err != nil {
		return nil, err
	}
	ix.gate = s.gate
	return ix, nil
}

// ReadyTimeout bounds Ready when its context has no shorter deadline.
const ReadyTimeout = 2 * time.Second

// Ready reports whether the live generation answers a trivial query, and
// returns its number of articles. It does not wait behind the searches
// that Options.MaxSearches queues, and takes at most ReadyTimeout.
func (s *Store) Ready(ctx context.Context) (uint64, error) {
	ctx, cancel := context.WithTimeout(ctx, ReadyTimeout)
	defer cancel()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return 0, ErrNoIndex
	}
	return s.live.ready(ctx)
}

// Version returns the name of the live generation, such as
// "gen-20260102T150405.123456789Z", or "" when there is none.
func (s *Store) Version() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen
}

// Search runs a request on the live generation (see Index.Search).
func (s *Store) Search(ctx context.Context, req Request) (Result, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return Result{}, ErrNoIndex
	}
	return s.live.Search(ctx, req)
}

// Article returns an article of the live generation (see Index.Article).
func (s *Store) Article(ctx context.Context, id string) (corpus.Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return corpus.Article{}, ErrNoIndex
	}
	return s.live.Article(ctx, id)
}

// Export exports the matches of req from the live generation (see
// Index.Export). It holds the generation only while it reads each page,
// so a long export does not hold up a switch; pages read after a switch
// come from the new generation, still in order and without overlap.
func (s *Store) Export(ctx context.Context, req Request, fn func(corpus.Article) error) error {
	return s.ExportWith(ctx, req, ExportOptions{}, articleOnly(fn))
}

// ExportWith is Export, giving each article with what opts asks for (see
// Index.ExportWith).
func (s *Store) ExportWith(ctx context.Context, req Request, opts ExportOptions, fn func(Exported) error) error {
	return export(ctx, req, opts, fn, func(e *exporter) ([]Exported, error) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		if s.live == nil {
			return nil, ErrNoIndex
		}
		return e.page(ctx, s.live)
	})
}

// Similar returns articles like the article id from the live generation
// (see Index.Similar).
func (s *Store) Similar(ctx context.Context, id string, n int) ([]Hit, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return nil, ErrNoIndex
	}
	return s.live.Similar(ctx, id, n)
}

// FacetValues looks up facet values in the live generation (see
// Index.FacetValues).
func (s *Store) FacetValues(ctx context.Context, facet, prefix string, size int) ([]FacetValue, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return nil, ErrNoIndex
	}
	return s.live.FacetValues(ctx, facet, prefix, size)
}

// Labels returns the descriptions of the source's codes recorded in the
// live generation (see Index.Labels).
func (s *Store) Labels(ctx context.Context) (corpus.Labels, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return nil, ErrNoIndex
	}
	return s.live.Labels(ctx)
}

// Count returns the number of articles in the live generation.
func (s *Store) Count() (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live == nil {
		return 0, ErrNoIndex
	}
	return s.live.Count()
}

// Rebuild creates a new generation (of Options.Shards shards), runs build
// to fill it, and closes it.
// Only when build succeeds and ctx is not done does it switch CURRENT to
// the new generation, make it the live index (closing the previous live
// one once the searches in flight end) and remove the generations older
// than the previous one. Otherwise it removes the new generation and
// leaves CURRENT and the live index untouched, and returns build's error
// or ctx's.
func (s *Store) Rebuild(ctx context.Context, build func(ctx context.Context, ix *Index) error) error {
	if s.opts.ReadOnly {
		return fmt.Errorf("search: rebuild %s: the store is open read-only", s.dir)
	}
	s.switching.Lock()
	defer s.switching.Unlock()
	if s.closed {
		return fmt.Errorf("search: rebuild %s: the store is closed", s.dir)
	}
	unlock, err := s.lock()
	if err != nil {
		return fmt.Errorf("search: rebuild %s: %w", s.dir, err)
	}
	defer unlock()
	s.removeLeftovers()
	name, err := s.newGeneration()
	if err != nil {
		return err
	}
	path := filepath.Join(s.dir, name)
	fail := func(err error) error {
		if rerr := os.RemoveAll(path); rerr != nil {
			s.opts.logger().Warn("could not remove a failed generation", "path", path, "err", rerr)
		}
		return fmt.Errorf("search: rebuild %s: %w", path, err)
	}

	ix, err := Create(path, Options{Timeout: s.opts.Timeout, Bulk: true, Shards: s.opts.Shards})
	if err != nil {
		return fail(err)
	}
	err = build(ctx, ix)
	if err != nil || ctx.Err() != nil {
		_ = ix.discard() // removed below: neither synced nor merged
	} else if cerr := ix.Close(); cerr != nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = markComplete(path)
	}
	if err != nil {
		return fail(err)
	}
	live, err := s.open(name)
	if err != nil {
		return fail(err)
	}
	prev, err := s.readCurrent()
	if err != nil {
		// A damaged CURRENT is replaced; nothing is pruned.
		s.opts.logger().Warn("replacing a damaged CURRENT", "dir", s.dir, "err", err)
		prev = ""
	}
	if err := s.writeCurrent(name); err != nil {
		_ = live.Close()
		return fail(err)
	}
	s.swap(live, name)
	s.prune(name, prev)
	return nil
}

// Reload makes the generation named by CURRENT live if it is not already,
// as when another process rebuilt the index, and reports whether it did.
func (s *Store) Reload() (bool, error) {
	s.switching.Lock()
	defer s.switching.Unlock()
	if s.closed {
		return false, fmt.Errorf("search: reload %s: the store is closed", s.dir)
	}
	name, err := s.readCurrent()
	if err != nil || name == "" || name == s.Version() {
		return false, err
	}
	ix, err := s.open(name)
	if err != nil {
		return false, fmt.Errorf("search: reload %s: %w", s.dir, err)
	}
	s.swap(ix, name)
	return true, nil
}

// Watch warms the live generation (Warm), then calls Reload every period
// until ctx is done, logging each switch and each failure (a failure once
// until it changes), and warms each generation it switches to. A nil log
// logs nothing; a period of 0 or less means 2 seconds.
func (s *Store) Watch(ctx context.Context, every time.Duration, log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if every <= 0 {
		every = 2 * time.Second
	}
	warm := func() {
		if err := s.Warm(ctx); err != nil && ctx.Err() == nil {
			log.Warn("cannot read the live generation's value sets ahead", "dir", s.dir, "err", err)
		}
	}
	warm()
	t := time.NewTicker(every)
	defer t.Stop()
	var lastErr string
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		switched, err := s.Reload()
		switch {
		case err != nil && err.Error() != lastErr:
			log.Warn("cannot reload the index", "dir", s.dir, "err", err)
		case switched:
			log.Info("switched to a new index generation", "dir", s.dir, "generation", s.Version())
			warm()
		}
		lastErr = ""
		if err != nil {
			lastErr = err.Error()
		}
	}
}

// Close closes the live generation. The Store cannot be used afterwards.
func (s *Store) Close() error {
	s.switching.Lock()
	defer s.switching.Unlock()
	s.closed = true
	s.mu.Lock()
	live := s.live
	s.live, s.gen = nil, ""
	s.mu.Unlock()
	if live != nil {
		return live.Close()
	}
	return nil
}

// swap makes ix the live generation and closes the previous one. Taking
// the write lock waits for the calls in flight on the previous one.
func (s *Store) swap(ix *Index, name string) {
	s.mu.Lock()
	old := s.live
	s.live, s.gen = ix, name
	s.mu.Unlock()
	if old != nil {
		if err := old.Close(); err != nil {
			s.opts.logger().Warn("could not close the previous generation", "err", err)
		}
	}
}

// readCurrent returns the generation named by CURRENT, or "" when there
// is no CURRENT (or no folder) yet.
func (s *Store) readCurrent() (string, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("search: store %s: %w", s.dir, err)
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) || name == genPrefix {
		return "", fmt.Errorf("search: store %s: %s does not name a generation: %q", s.dir, currentFile, name)
	}
	return name, nil
}

// writeCurrent points CURRENT at the generation name atomically: it
// writes a temporary file, syncs it and renames it over CURRENT.
func (s *Store) writeCurrent(name string) error {
	f, err := os.CreateTemp(s.dir, currentFile+".*.tmp")
	if err != nil {
		return fmt.Errorf("search: store %s: %w", s.dir, err)
	}
	_, err = f.WriteString(name + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(s.dir, currentFile))
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("search: store %s: write %s: %w", s.dir, currentFile, err)
	}
	// Make the rename itself durable; not possible everywhere, so best
	// effort.
	if d, err := os.Open(s.dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// newGeneration returns the name of a new generation: the UTC time, so
// that names sort by age, made unique within the folder.
func (s *Store) newGeneration() (string, error) {
	t := time.Now().UTC()
	for {
		name := genPrefix + t.Format("20060102T150405.000000000Z")
		_, err := os.Lstat(filepath.Join(s.dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
		if err != nil {
			return "", fmt.Errorf("search: store %s: %w", s.dir, err)
		}
		t = t.Add(time.Nanosecond)
	}
}

// completeFile is written in a generation's folder once it is built and
// closed, before CURRENT may name it: a generation folder without it is
// what a killed run left.
const completeFile = "clippings.complete"

// markComplete writes the completeFile of the generation at path, and
// syncs it.
func markComplete(path string) error {
	f, err := os.Create(filepath.Join(path, completeFile))
	if err == nil {
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("mark %s complete: %w", path, err)
	}
	return nil
}

// removeLeftovers removes what runs killed before their end left in the
// folder, so that it holds at most the live generation and the previous
// one: generations never completed, generations newer than the live one
// (completed by a run killed before it switched CURRENT), complete ones
// older than the previous (a run killed before it pruned them), and
// temporary CURRENT files. It runs with the LOCK held, when no other
// process can be building.
func (s *Store) removeLeftovers() {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		s.opts.logger().Warn("could not list the folder for leftovers", "dir", s.dir, "err", err)
		return
	}
	current, _ := s.readCurrent()
	var leftovers, older []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, currentFile+".") && strings.HasSuffix(n, ".tmp"):
			leftovers = append(leftovers, n)
		case !e.IsDir() || !strings.HasPrefix(n, genPrefix) || n == current:
		case current == "" || n > current:
			leftovers = append(leftovers, n)
		default:
			if _, err := os.Stat(filepath.Join(s.dir, n, completeFile)); err != nil {
				leftovers = append(leftovers, n)
			} else {
				older = append(older, n)
			}
		}
	}
	// The newest complete generation older than the live one is the
	// previous: kept.
	slices.Sort(older)
	if len(older) > 0 {
		leftovers = append(leftovers, older[:len(older)-1]...)
	}
	for _, n := range leftovers {
		path := filepath.Join(s.dir, n)
		s.opts.logger().Warn("removing the leftover of a run that did not end", "path", path)
		if err := os.RemoveAll(path); err != nil {
			s.opts.logger().Warn("could not remove a leftover", "path", path, "err", err)
		}
	}
}

// prune removes the generations older than prev, the one live before
// keep. Generations newer than prev that are not keep may be in the
// making by another process and are left alone; so is everything when
// there was no previous generation.
func (s *Store) prune(keep, prev string) {
	if prev == "" {
		return
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		s.opts.logger().Warn("could not list the generations", "dir", s.dir, "err", err)
		return
	}
	var old []string
	for _, e := range entries {
		if n := e.Name(); e.IsDir() && strings.HasPrefix(n, genPrefix) && n < prev && n != keep {
			old = append(old, n)
		}
	}
	slices.Sort(old)
	for _, n := range old {
		if err := os.RemoveAll(filepath.Join(s.dir, n)); err != nil {
			s.opts.logger().Warn("could not remove an old generation", "path", filepath.Join(s.dir, n), "err", err)
		}
	}
}
