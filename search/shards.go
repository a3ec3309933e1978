package search

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// A sharded index (Options.Shards) is one folder of N bleve indexes,
// searched as one through bleve's index alias:
//
//	DIR/clippings.shards   the number of shards, N
//	DIR/shard-0/           a bleve index
//	…
//	DIR/shard-N-1/
//
// An article goes to the shard shardOf its id, so that writing an id
// again replaces the article in the shard that holds it. A Write splits
// its batch by shard and writes the parts at once, each shard its own
// bleve batch; internal values (the MappingVersion, the labels) are
// written to every shard. Everything that reads an index below bleve's
// search (value sets, the dictionaries of keyword fields, the terms of
// similar articles) reads each shard and adds up.
//
// Scores are those of one index: bleve scores a term by the number of
// articles of the index and the number that hold the term, and an alias
// lets each shard score with its own, so that the same article scores
// differently in 4 shards than in one, and the order of the hits
// changes. Bleve's remedy, the global scoring of an alias, only covers
// BM25, and there only the number of articles and the field lengths: the
// articles that hold a term stay each shard's. So a search with scores
// gives each shard a reader (globalReader) that counts articles and term
// frequencies over every shard, and lists the terms of every shard when
// a wildcard, fuzzy or range term expands, so that each shard builds the
// same query, with the same weights, as one index would.

// shardsFile is the file of a sharded index's folder that marks it and
// holds its number of shards.
const shardsFile = "clippings.shards"

// shardPath returns the folder of shard i of the sharded index at path.
func shardPath(path string, i int) string {
	return filepath.Join(path, "shard-"+strconv.Itoa(i))
}

// shardOf returns the shard of n that holds the article id: the 32-bit
// FNV-1a hash of the id, modulo n. It must never change: an index built
// with it is read with it.
func shardOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// shard is one bleve index of an Index.
type shard struct {
	b bleve.Index
	// bulk is the state of a Bulk index; nil for any other.
	bulk *bulkState
}

// createShard creates the bleve index of a shard at path, which must
// not exist.
func createShard(path string, opts Options) (shard, error) {
	var config map[string]any
	var st *bulkState
	if opts.Bulk {
		maxSegment := opts.maxSegment
		if maxSegment == 0 {
			maxSegment = maxSegmentArticles
		}
		config = map[string]any{
			"unsafe_batch":           true,
			"asyncErrorCallbackName": asyncErrors,
			// Bleve's merger, in the background, with merges as small as
			// the final ones (see maxSegmentArticles).
			"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxSegment},
		}
		st = newBulkState(filepath.Join(path, "store"), maxSegment)
	}
	b, err := bleve.NewUsing(path, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, config)
	if err != nil {
		st.close()
		return shard{}, err
	}
	return shard{b: b, bulk: st}, nil
}

// openShard opens the bleve index of a shard at path and checks its
// MappingVersion.
func openShard(path string, opts Options) (shard, error) {
	b, err := bleve.OpenUsing(path, map[string]any{
		"read_only":    opts.ReadOnly,
		"bolt_timeout": "10s",
	})
	if err != nil {
		return shard{}, err
	}
	v, err := b.GetInternal(mappingVersionKey)
	if err != nil {
		_ = b.Close()
		return shard{}, err
	}
	if string(v) != strconv.Itoa(MappingVersion) {
		_ = b.Close()
		if v == nil {
			v = []byte("none")
		}
		return shard{}, fmt.Errorf("mapping version %s, this program needs %d: %w", v, MappingVersion, ErrMappingVersion)
	}
	return shard{b: b}, nil
}

// readShards returns the number of shards of the index at path: 1 when
// it is not sharded.
func readShards(path string) (int, error) {
	b, err := os.ReadFile(filepath.Join(path, shardsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return 1, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || n < 2 {
		return 0, fmt.Errorf("%s does not hold a number of shards: %q", shardsFile, b)
	}
	return n, nil
}

// writeShards writes the shardsFile of a sharded index of n shards at
// path, and syncs it.
func writeShards(path string, n int) error {
	f, err := os.Create(filepath.Join(path, shardsFile))
	if err != nil {
		return err
	}
	_, err = f.WriteString(strconv.Itoa(n) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// searched returns the bleve index that searches shards: the only one,
// or an alias of them all.
func searched(shards []shard) bleve.Index {
	if len(shards) == 1 {
		return shards[0].b
	}
	all := make([]bleve.Index, len(shards))
	for i, sh := range shards {
		all[i] = sh.b
	}
	alias := bleve.NewIndexAlias(all...)
	// Every shard has the same mapping; without it, an alias of several
	// indexes has none.
	_ = alias.SetIndexMapping(shards[0].b.Mapping())
	return alias
}

// eachShard runs fn for every shard of n at once, and returns their
// errors joined.
func eachShard(n int, fn func(i int) error) error {
	if n == 1 {
		return fn(0)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = fn(i) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// readers opens a reader of every shard, and returns them with the
// function that closes them.
func (ix *Index) readers() ([]index.IndexReader, func(), error) {
	rs := make([]index.IndexReader, 0, len(ix.shards))
	closeAll := func() {
		for _, r := range rs {
			_ = r.Close()
		}
	}
	for _, sh := range ix.shards {
		bi, err := sh.b.Advanced()
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		r, err := bi.Reader()
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		rs = append(rs, r)
	}
	return rs, closeAll, nil
}

// unlimitedFacet is the size asked of each shard for a term facet: every
// value, so that the counts added up are those of one index. With the
// size asked, a value just outside the top of each shard would be left
// out of every shard's list, and miss from the sum.
const unlimitedFacet = 1 << 30

// run runs a bleve search request on the index, as bleve would on one
// index. On a sharded index, a request with scores scores with the
// statistics of every shard (globalQuery), the term facets count every
// value before they are cut to their size, and a shard's failure is an
// error, where an alias reports it in the result's status.
func (ix *Index) run(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if len(ix.shards) == 1 {
		return ix.b.SearchInContext(ctx, sr)
	}
	c := *sr
	if c.Score != bleve.ScoreNone && !ix.localScores {
		st, err := ix.openStats()
		if err != nil {
			return nil, err
		}
		defer st.close()
		c.Query = globalQuery{inner: sr.Query, stats: st}
	}
	if len(sr.Facets) > 0 {
		c.Facets = make(bleve.FacetsRequest, len(sr.Facets))
		for name, fr := range sr.Facets {
			if fr.Field != "" && fr.DateTimeRanges == nil && fr.NumericRanges == nil {
				whole := *fr
				whole.Size = unlimitedFacet
				fr = &whole
			}
			c.Facets[name] = fr
		}
	}
	res, err := ix.b.SearchInContext(ctx, &c)
	if err != nil {
		return nil, err
	}
	if st := res.Status; st != nil && (st.Failed > 0 || len(st.Errors) > 0) {
		var errs []error
		for _, name := range slices.Sorted(maps.Keys(st.Errors)) {
			errs = append(errs, st.Errors[name])
		}
		if len(errs) == 0 {
			errs = append(errs, fmt.Errorf("%d of %d shards failed", st.Failed, st.Total))
		}
		return nil, errors.Join(errs...)
	}
	for name, fr := range sr.Facets {
		res.Facets.Fixup(name, fr.Size)
	}
	return res, nil
}
