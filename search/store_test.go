package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// writeAll returns a build function writing articles.
func writeAll(articles []corpus.Article) func(context.Context, *Index) error {
	return func(ctx context.Context, ix *Index) error {
		return ix.Write(ctx, articles)
	}
}

// generations lists the generation folders in dir.
func generations(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func openStore(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s, err := OpenStore(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func total(t *testing.T, s *Store) uint64 {
	t.Helper()
	res, err := s.Search(context.Background(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestStoreEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	ro := openStore(t, dir, Options{ReadOnly: true})
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only store created its folder")
	}
	s := openStore(t, dir, Options{})
	for _, st := range []*Store{ro, s} {
		if v := st.Version(); v != "" {
			t.Errorf("Version = %q, want none", v)
		}
		if _, err := st.Search(context.Background(), Request{}); !errors.Is(err, ErrNoIndex) {
			t.Errorf("Search error = %v, want ErrNoIndex", err)
		}
		if _, err := st.Article(context.Background(), "fed"); !errors.Is(err, ErrNoIndex) {
			t.Errorf("Article error = %v, want ErrNoIndex", err)
		}
		if _, err := st.Count(); !errors.Is(err, ErrNoIndex) {
			t.Errorf("Count error = %v, want ErrNoIndex", err)
		}
		if changed, err := st.Reload(); changed || err != nil {
			t.Errorf("Reload = %v, %v; want false, nil", changed, err)
		}
	}
	if err := ro.Rebuild(context.Background(), writeAll(fixture())); err == nil {
		t.Errorf("Rebuild of a read-only store succeeded")
	}
}

func TestStoreRebuild(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, Options{})
	if err := s.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	v := s.Version()
	if !strings.HasPrefix(v, genPrefix) {
		t.Errorf("Version = %q, want a generation", v)
	}
	cur, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil || string(cur) != v+"\n" {
		t.Errorf("CURRENT = %q, %v; want %q", cur, err, v)
	}
	if n := total(t, s); n != 12 {
		t.Errorf("total = %d, want 12", n)
	}
	if a, err := s.Article(context.Background(), "fed"); err != nil || a.Outlet != "Reuters" {
		t.Errorf("Article = %+v, %v", a, err)
	}
	if n, err := s.Count(); n != 12 || err != nil {
		t.Errorf("Count = %d, %v; want 12", n, err)
	}
	if got := generations(t, dir); !slices.Equal(got, []string{v}) {
		t.Errorf("generations = %v, want %v", got, []string{v})
	}
	// Nothing else is left in the folder: no temporary CURRENT.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want a generation and CURRENT", len(entries))
	}

	// A reopened store finds the live generation.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro := openStore(t, dir, Options{ReadOnly: true})
	if ro.Version() != v || total(t, ro) != 12 {
		t.Errorf("reopened: Version %q, want %q", ro.Version(), v)
	}
}

func TestStoreFailedRebuild(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, Options{})
	if err := s.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	live := s.Version()

	errBuild := errors.New("the corpus is unreadable")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		build   func(context.Context, *Index) error
		wantErr error
	}{
		{"build fails", context.Background(), func(ctx context.Context, ix *Index) error {
			if err := ix.Write(ctx, fixture()[:3]); err != nil {
				return err
			}
			return errBuild
		}, errBuild},
		{"context cancelled", ctx, func(ctx context.Context, ix *Index) error {
			if err := ix.Write(ctx, fixture()[:3]); err != nil {
				return err
			}
			cancel() // as on Ctrl-C: build returns no error of its own
			return nil
		}, context.Canceled},
		{"context cancelled before", ctx, writeAll(fixture()[:3]), context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var path string
			err := s.Rebuild(tt.ctx, func(ctx context.Context, ix *Index) error {
				path = ix.Path()
				return tt.build(ctx, ix)
			})
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if s.Version() != live || total(t, s) != 12 {
				t.Errorf("the live generation changed: %q", s.Version())
			}
			if got := generations(t, dir); !slices.Equal(got, []string{live}) {
				t.Errorf("generations = %v, want only %s", got, live)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the partial generation %s is still there", path)
			}
			if cur, _ := os.ReadFile(filepath.Join(dir, currentFile)); string(cur) != live+"\n" {
				t.Errorf("CURRENT = %q, want %q", cur, live)
			}
		})
	}
}

func TestStoreKeepsTwoGenerations(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, Options{})
	var made []string
	for i := range 3 {
		if err := s.Rebuild(context.Background(), writeAll(fixture()[:i+1])); err != nil {
			t.Fatal(err)
		}
		made = append(made, s.Version())
		if n := total(t, s); n != uint64(i+1) {
			t.Errorf("rebuild %d: total = %d, want %d", i, n, i+1)
		}
	}
	if !slices.IsSorted(made) || len(slices.Compact(slices.Clone(made))) != 3 {
		t.Errorf("generation names %v are not distinct and in order", made)
	}
	if got := generations(t, dir); !slices.Equal(got, made[1:]) {
		t.Errorf("generations = %v, want the last two of %v", got, made)
	}
}

func TestStoreReload(t *testing.T) {
	dir := t.TempDir()
	writer := openStore(t, dir, Options{})
	if err := writer.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	reader := openStore(t, dir, Options{ReadOnly: true})
	if reader.Version() != writer.Version() {
		t.Fatalf("reader Version = %q, want %q", reader.Version(), writer.Version())
	}

	// Searches run on the reader while the writer rebuilds and the
	// reader reloads: the race detector checks the swap.
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for ctx.Err() == nil {
				res, err := reader.Search(context.Background(), Request{Query: "merkel"})
				if err != nil {
					t.Error(err)
					return
				}
				if res.Total != 2 {
					t.Errorf("total = %d during reload, want 2", res.Total)
					return
				}
			}
		})
	}
	more := append(fixture(), longArticle())
	if err := writer.Rebuild(context.Background(), writeAll(more)); err != nil {
		t.Fatal(err)
	}
	changed, err := reader.Reload()
	stop()
	wg.Wait()
	if !changed || err != nil {
		t.Fatalf("Reload = %v, %v; want true, nil", changed, err)
	}
	if reader.Version() != writer.Version() {
		t.Errorf("reader Version = %q, want %q", reader.Version(), writer.Version())
	}
	if n := total(t, reader); n != 13 {
		t.Errorf("reader total = %d, want 13", n)
	}
	if changed, err := reader.Reload(); changed || err != nil {
		t.Errorf("second Reload = %v, %v; want false, nil", changed, err)
	}
}

func TestStoreWatch(t *testing.T) {
	dir := t.TempDir()
	writer := openStore(t, dir, Options{})
	reader := openStore(t, dir, Options{ReadOnly: true}) // empty: built after
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		reader.Watch(ctx, 10*time.Millisecond, nil)
		close(done)
	}()
	if err := writer.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	// Wait for the switch; the deadline only guards against a hang.
	for deadline := time.Now().Add(time.Minute); reader.Version() != writer.Version(); {
		if time.Now().After(deadline) {
			t.Fatal("Watch did not pick up the new generation")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// And warms it.
	warmed := func() bool {
		reader.mu.RLock()
		ix := reader.live
		reader.mu.RUnlock()
		ix.setsMu.Lock()
		defer ix.setsMu.Unlock()
		return len(ix.nanos) > 0
	}
	for deadline := time.Now().Add(time.Minute); !warmed(); {
		if time.Now().After(deadline) {
			t.Fatal("Watch did not warm the new generation")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if n := total(t, reader); n != 12 {
		t.Errorf("total = %d, want 12", n)
	}
}

func TestStoreOutdatedMapping(t *testing.T) {
	// A generation left by an older clippings.
	dir := t.TempDir()
	old := "gen-20000101T000000.000000000Z"
	ix, err := Create(filepath.Join(dir, old), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.b.SetInternal(mappingVersionKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := (&Store{dir: dir}).writeCurrent(old); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(dir, Options{ReadOnly: true}); !errors.Is(err, ErrMappingVersion) {
		t.Errorf("read-only OpenStore error = %v, want ErrMappingVersion", err)
	}
	// A writable store opens empty, so that it can rebuild.
	w := openStore(t, dir, Options{})
	if w.Version() != "" {
		t.Errorf("Version = %q, want none", w.Version())
	}
	if err := w.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	if n := total(t, w); n != 12 {
		t.Errorf("total = %d, want 12", n)
	}
}

func TestStoreBadCurrent(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, currentFile), []byte("../elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(dir, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "CURRENT") {
		t.Errorf("error = %v, want one about CURRENT", err)
	}
	// A writable store opens empty and a rebuild repairs the folder.
	w := openStore(t, dir, Options{})
	if w.Version() != "" {
		t.Errorf("Version = %q, want none", w.Version())
	}
	if err := w.Rebuild(context.Background(), writeAll(fixture())); err != nil {
		t.Fatal(err)
	}
	if cur, _ := os.ReadFile(filepath.Join(dir, currentFile)); string(cur) != w.Version()+"\n" {
		t.Errorf("CURRENT = %q, want %q", cur, w.Version())
	}
	ro := openStore(t, dir, Options{ReadOnly: true})
	if n := total(t, ro); n != 12 {
		t.Errorf("total = %d, want 12", n)
	}
}

// TestStoreWarm checks that Warm reads the value sets of every facet
// field, the month sets, the dates and the values by article of the live
// generation ahead, and
// that searches then give what they give on a generation not warmed,
// reading nothing more.
func TestStoreWarm(t *testing.T) {
	dir := t.TempDir()
	if err := openStore(t, t.TempDir(), Options{ReadOnly: true}).Warm(t.Context()); err != nil {
		t.Errorf("Warm of an empty store: %v", err)
	}
	writer := openStore(t, dir, Options{})
	if err := writer.Rebuild(context.Background(), writeAll(copies(3))); err != nil {
		t.Fatal(err)
	}
	warmed := openStore(t, dir, Options{ReadOnly: true})
	cold := openStore(t, dir, Options{ReadOnly: true})
	if err := warmed.Warm(t.Context()); err != nil {
		t.Fatal(err)
	}
	ix := warmed.live
	_, months := ix.sets[monthsKey]
	if len(ix.sets) != len(facetFields)+1 || !months || len(ix.nanos) == 0 || ix.forward == nil {
		t.Fatalf("after Warm: %d value sets (months: %v), %d dates, values by article: %v; want %d, true, some, true",
			len(ix.sets), months, len(ix.nanos), ix.forward != nil, len(facetFields)+1)
	}
	for _, req := range []Request{
		{}, {Query: "climate"}, {Query: "politics", Sort: SortNewest},
		{Query: "climate", Filters: Filters{Country: []string{"FR"}}, Sort: SortOldest, Page: 2, Size: 2},
	} {
		want, err := cold.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := warmed.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		want.Took, got.Took = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: warmed %+v\nnot warmed %+v", req, got, want)
		}
	}
	if len(ix.sets) != len(facetFields)+1 {
		t.Errorf("%d value sets after the searches: they read more than Warm did", len(ix.sets))
	}
}
