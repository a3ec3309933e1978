package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
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
	// dicts are the merged dictionaries read, by what was asked: each
	// shard expands a wildcard the same way.
	dicts map[string]mergedEntries
}

// mergedEntries are the entries of a merged dictionary, and the automaton
// that came with them, if any.
type mergedEntries struct {
	entries   []*index.DictEntry
	automaton any
}

// openStats opens the statistics of every shard for a search; close them
// once it is done.
func (ix *Index) openStats() (*shardStats, error) {
	rs, closeAll, err := ix.readers()
	if err != nil {
		return nil, fmt.Errorf("reading the shards: %w", err)
	}
	st := &shardStats{readers: rs, closeReaders: closeAll, df: map[string]uint64{}, dicts: map[string]mergedEntries{}}
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
// every shard, in order, each once with the sum of its counts, and the
// automaton open returned for the last shard. The dictionaries are read
// once per key, which names what open reads.
func (st *shardStats) mergedDict(key string, open func(r index.IndexReader) (index.FieldDict, any, error)) (index.FieldDict, any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if m, ok := st.dicts[key]; ok {
		return &listDict{entries: m.entries}, m.automaton, nil
	}
	byTerm := map[string]*index.DictEntry{}
	var automaton any
	for _, r := range st.readers {
		d, a, err := open(r)
		if err != nil {
			return nil, nil, err
		}
		automaton = a
		for {
			e, err := d.Next()
			if err != nil {
				_ = d.Close()
				return nil, nil, err
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
			return nil, nil, err
		}
	}
	entries := make([]*index.DictEntry, 0, len(byTerm))
	for _, e := range byTerm {
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b *index.DictEntry) int { return strings.Compare(a.Term, b.Term) })
	st.dicts[key] = mergedEntries{entries: entries, automaton: automaton}
	return &listDict{entries: entries}, automaton, nil
}

// dictKey names a dictionary for mergedDict: its kind and arguments.
func dictKey(kind string, args ...string) string {
	return kind + "\x00" + strings.Join(args, "\x00")
}

// listDict is a dictionary read into memory.
type listDict struct {
	entries []*index.DictEntry
	next    int
}

// Next implements index.FieldDict.
func (d *listDict) Next() (*index.DictEntry, error) {
	if d.next == len(d.entries) {
		return nil, nil
	}
	d.next++
	e := *d.entries[d.next-1] // shared by the shards' searches
	return &e, nil
}

// Close, Cardinality and BytesRead implement index.FieldDict.
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

// FieldDict, FieldDictRange and FieldDictPrefix list the terms of every
// shard, with the number of articles of every shard that hold them.
func (r *globalReader) FieldDict(field string) (index.FieldDict, error) {
	d, _, err := r.stats.mergedDict(dictKey("all", field), func(s index.IndexReader) (index.FieldDict, any, error) {
		d, err := s.FieldDict(field)
		return d, nil, err
	})
	return d, err
}

func (r *globalReader) FieldDictRange(field string, start, end []byte) (index.FieldDict, error) {
	d, _, err := r.stats.mergedDict(dictKey("range", field, string(start), string(end)), func(s index.IndexReader) (index.FieldDict, any, error) {
		d, err := s.FieldDictRange(field, start, end)
		return d, nil, err
	})
	return d, err
}

func (r *globalReader) FieldDictPrefix(field string, prefix []byte) (index.FieldDict, error) {
	d, _, err := r.stats.mergedDict(dictKey("prefix", field, string(prefix)), func(s index.IndexReader) (index.FieldDict, any, error) {
		d, err := s.FieldDictPrefix(field, prefix)
		return d, nil, err
	})
	return d, err
}

// FieldDictRegexp implements index.IndexReaderRegexp.
func (r *globalReader) FieldDictRegexp(field, regex string) (index.FieldDict, error) {
	d, _, err := r.FieldDictRegexpAutomaton(field, regex)
	return d, err
}

// FieldDictRegexpAutomaton implements index.IndexReaderRegexp.
func (r *globalReader) FieldDictRegexpAutomaton(field, regex string) (index.FieldDict, index.RegexAutomaton, error) {
	d, a, err := r.stats.mergedDict(dictKey("regexp", field, regex), func(s index.IndexReader) (index.FieldDict, any, error) {
		rr, ok := s.(index.IndexReaderRegexp)
		if !ok {
			return nil, nil, fmt.Errorf("search: a shard's reader cannot match regular expressions")
		}
		return rr.FieldDictRegexpAutomaton(field, regex)
	})
	if err != nil {
		return nil, nil, err
	}
	ra, _ := a.(index.RegexAutomaton)
	return d, ra, nil
}

// FieldDictFuzzy implements index.IndexReaderFuzzy.
func (r *globalReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	d, _, err := r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	return d, err
}

// FieldDictFuzzyAutomaton implements index.IndexReaderFuzzy.
func (r *globalReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	key := dictKey("fuzzy", field, term, strconv.Itoa(fuzziness), prefix)
	d, a, err := r.stats.mergedDict(key, func(s index.IndexReader) (index.FieldDict, any, error) {
		fr, ok := s.(index.IndexReaderFuzzy)
		if !ok {
			return nil, nil, fmt.Errorf("search: a shard's reader cannot match fuzzy terms")
		}
		return fr.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	})
	if err != nil {
		return nil, nil, err
	}
	fa, _ := a.(index.FuzzyAutomaton)
	return d, fa, nil
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

// Contains implements index.FieldDictContains.
func (c anyContains) Contains(key []byte) (bool, error) {
	for _, d := range c {
		ok, err := d.Contains(key)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// BytesRead implements index.FieldDictContains.
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
