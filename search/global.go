package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// The scores of a sharded index (see shards.go): each shard searches
// through a globalReader, which answers the questions a scorer asks — how
// many articles there are, how many hold a term, which terms a wildcard
// expands to — for every shard together.

// shardStats are readers of every shard of an index, opened for one
// search, and the counts read from them.
type shardStats struct {
	readers      []index.IndexReader
	closeReaders func()
	// docs is the number of articles of every shard.
	docs uint64

	mu sync.Mutex
	// df is the number of articles of every shard that hold a term, by
	// field, NUL, term: the shards of a search ask for the same terms.
	df map[string]uint64
}

// openStats opens the statistics of every shard for a search; close them
// once it is done.
func (ix *Index) openStats() (*shardStats, error) {
	rs, closeAll, err := ix.readers()
	if err != nil {
		return nil, fmt.Errorf("reading the shards: %w", err)
	}
	st := &shardStats{readers: rs, closeReaders: closeAll, df: map[string]uint64{}}
	for _, r := range rs {
		n, err := r.DocCount()
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("counting the articles of a shard: %w", err)
		}
		st.docs += n
	}
	return st, nil
}

// close closes the readers.
func (st *shardStats) close() { st.closeReaders() }

// docFreq returns the number of articles of every shard that hold term in
// field.
func (st *shardStats) docFreq(term []byte, field string) (uint64, error) {
	key := field + "\x00" + string(term)
	st.mu.Lock()
	defer st.mu.Unlock()
	if n, ok := st.df[key]; ok {
		return n, nil
	}
	var n uint64
	for _, r := range st.readers {
		// The shards' readers are read on behalf of the search of one
		// shard: the costs bleve accounts through ctx are not its own.
		tfr, err := r.TermFieldReader(context.Background(), term, field, false, false, false)
		if err != nil {
			return 0, err
		}
		n += tfr.Count()
		if err := tfr.Close(); err != nil {
			return 0, err
		}
	}
	st.df[key] = n
	return n, nil
}

// mergedDict returns the terms of the dictionaries that open returns for
// every shard, in order, each once with the sum of its counts.
func (st *shardStats) mergedDict(open func(r index.IndexReader) (index.FieldDict, error)) (index.FieldDict, error) {
	byTerm := map[string]*index.DictEntry{}
	for _, r := range st.readers {
		d, err := open(r)
		if err != nil {
			return nil, err
		}
		for {
			e, err := d.Next()
			if err != nil {
				_ = d.Close()
				return nil, err
			}
			if e == nil {
				break
			}
			if seen, ok := byTerm[e.Term]; ok {
				seen.Count += e.Count
				continue
			}
			c := *e // bleve may reuse e
			byTerm[e.Term] = &c
		}
		if err := d.Close(); err != nil {
			return nil, err
		}
	}
	entries := make([]*index.DictEntry, 0, len(byTerm))
	for _, e := range byTerm {
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b *index.DictEntry) int { return strings.Compare(a.Term, b.Term) })
	return &listDict{entries: entries}, nil
}

// listDict is a dictionary read into memory.
type listDict struct {
	entries []*index.DictEntry
	next    int
}

func (d *listDict) Next() (*index.DictEntry, error) {
	if d.next == len(d.entries) {
		return nil, nil
	}
	d.next++
	return d.entries[d.next-1], nil
}

func (d *listDict) Close() error      { return nil }
func (d *listDict) Cardinality() int  { return len(d.entries) }
func (d *listDict) BytesRead() uint64 { return 0 }

// globalQuery is a query whose scores are those of one index of every
// shard: it searches a shard through a globalReader.
type globalQuery struct {
	inner query.Query
	stats *shardStats
}

// Searcher implements query.Query.
func (q globalQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return q.inner.Searcher(ctx, &globalReader{IndexReader: r, stats: q.stats}, m, opts)
}

// globalReader is the reader of one shard, which counts the articles and
// those that hold a term over every shard, and lists the terms of every
// shard's dictionaries. It reads the articles of its shard only.
type globalReader struct {
	index.IndexReader
	stats *shardStats
}

// local returns the reader of the shard alone, which r is if it is not
// a globalReader.
func local(r index.IndexReader) index.IndexReader {
	if g, ok := r.(*globalReader); ok {
		return g.IndexReader
	}
	return r
}

// DocCount returns the number of articles of every shard.
func (r *globalReader) DocCount() (uint64, error) { return r.stats.docs, nil }

// TermFieldReader returns the reader of a term in this shard, whose Count
// is the number of articles of every shard that hold it when it is read
// to be scored (with frequencies or norms).
func (r *globalReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil || (!freq && !norm) {
		return tfr, err
	}
	n, err := r.stats.docFreq(term, field)
	if err != nil {
		_ = tfr.Close()
		return nil, err
	}
	return &globalTermReader{TermFieldReader: tfr, count: n}, nil
}

func (r *globalReader) FieldDict(field string) (index.FieldDict, error) {
	return r.stats.mergedDict(func(s index.IndexReader) (index.FieldDict, error) { return s.FieldDict(field) })
}

func (r *globalReader) FieldDictRange(field string, start, end []byte) (index.FieldDict, error) {
	return r.stats.mergedDict(func(s index.IndexReader) (index.FieldDict, error) {
		return s.FieldDictRange(field, start, end)
	})
}

func (r *globalReader) FieldDictPrefix(field string, prefix []byte) (index.FieldDict, error) {
	return r.stats.mergedDict(func(s index.IndexReader) (index.FieldDict, error) {
		return s.FieldDictPrefix(field, prefix)
	})
}

// FieldDictRegexp implements index.IndexReaderRegexp.
func (r *globalReader) FieldDictRegexp(field, regex string) (index.FieldDict, error) {
	d, _, err := r.FieldDictRegexpAutomaton(field, regex)
	return d, err
}

// FieldDictRegexpAutomaton implements index.IndexReaderRegexp.
func (r *globalReader) FieldDictRegexpAutomaton(field, regex string) (index.FieldDict, index.RegexAutomaton, error) {
	var a index.RegexAutomaton
	d, err := r.stats.mergedDict(func(s index.IndexReader) (index.FieldDict, error) {
		rr, ok := s.(index.IndexReaderRegexp)
		if !ok {
			return nil, fmt.Errorf("search: a shard's reader cannot match regular expressions")
		}
		d, sa, err := rr.FieldDictRegexpAutomaton(field, regex)
		a = sa
		return d, err
	})
	return d, a, err
}

// FieldDictFuzzy implements index.IndexReaderFuzzy.
func (r *globalReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	d, _, err := r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	return d, err
}

// FieldDictFuzzyAutomaton implements index.IndexReaderFuzzy.
func (r *globalReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	var a index.FuzzyAutomaton
	d, err := r.stats.mergedDict(func(s index.IndexReader) (index.FieldDict, error) {
		fr, ok := s.(index.IndexReaderFuzzy)
		if !ok {
			return nil, fmt.Errorf("search: a shard's reader cannot match fuzzy terms")
		}
		d, sa, err := fr.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
		a = sa
		return d, err
	})
	return d, a, err
}

// FieldDictContains implements index.IndexReaderContains: a term is in
// the dictionary when it is in any shard's.
func (r *globalReader) FieldDictContains(field string) (index.FieldDictContains, error) {
	var all anyContains
	for _, s := range r.stats.readers {
		cr, ok := s.(index.IndexReaderContains)
		if !ok {
			return nil, fmt.Errorf("search: a shard's reader cannot look terms up")
		}
		d, err := cr.FieldDictContains(field)
		if err != nil {
			return nil, err
		}
		all = append(all, d)
	}
	return all, nil
}

// anyContains holds a term that any of its dictionaries holds.
type anyContains []index.FieldDictContains

func (c anyContains) Contains(key []byte) (bool, error) {
	for _, d := range c {
		ok, err := d.Contains(key)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func (c anyContains) BytesRead() uint64 { return 0 }

// globalTermReader reads a term in one shard, and counts the articles
// that hold it in every shard.
type globalTermReader struct {
	index.TermFieldReader
	count uint64
}

// Count returns the number of articles of every shard that hold the term.
func (t *globalTermReader) Count() uint64 { return t.count }

// Optimize implements index.Optimizable, as the shard's reader does.
func (t *globalTermReader) Optimize(kind string, octx index.OptimizableContext) (index.OptimizableContext, error) {
	o, ok := t.TermFieldReader.(index.Optimizable)
	if !ok {
		return nil, nil
	}
	return o.Optimize(kind, octx)
}
