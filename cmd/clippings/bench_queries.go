package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// This file is the query part of `clippings bench`: the query set, drawn
// from the corpus or read from a file, and its replay against the
// clippings index and plain Bleve.

// The kinds of benchmark queries.
const (
	kindTerm   = "term"   // one word of a body
	kindAnd    = "and"    // two words of one body, both required
	kindPhrase = "phrase" // two adjacent words of a body, as a phrase
	kindFilter = "filter" // a word and one of its article's topics or countries
	kindBrowse = "browse" // no query: every article, newest first
	kindFile   = "file"   // a line of --queries FILE, as written
	kindAll    = "all"    // every query of the set
)

// queryShares are the kinds of a drawn query set and their shares of it
// in percent.
var queryShares = []struct {
	kind    string
	percent int
}{{kindTerm, 25}, {kindAnd, 25}, {kindPhrase, 20}, {kindFilter, 20}, {kindBrowse, 10}}

// hitsShown is the number of hits a benchmark query asks for: a page.
const hitsShown = search.DefaultSize

// benchQuery is one query of the set, which each engine runs in its own
// syntax.
type benchQuery struct {
	Kind string
	// Words are the words of a term, and, phrase or filter query.
	Words []string
	// Facet ("topic" or "country") and Value are the filter of a filter
	// query.
	Facet, Value string
	// Text is a query of --queries FILE, as written.
	Text string
}

// String is the query as the clippings query language writes it, a
// filter in brackets: `crude [country=SA]`.
func (q benchQuery) String() string {
	switch q.Kind {
	case kindAnd:
		return q.Words[0] + " AND " + q.Words[1]
	case kindPhrase:
		return `"` + strings.Join(q.Words, " ") + `"`
	case kindFilter:
		return fmt.Sprintf("%s [%s=%s]", q.Words[0], q.Facet, q.Value)
	case kindBrowse:
		return "(every article, newest first)"
	case kindFile:
		return q.Text
	}
	return q.Words[0]
}

// request returns the clippings search of q.
func (q benchQuery) request() search.Request {
	req := search.Request{Size: hitsShown}
	switch q.Kind {
	case kindFilter:
		req.Query = q.Words[0]
		if q.Facet == search.FacetTopic {
			req.Filters.Topic = []string{q.Value}
		} else {
			req.Filters.Country = []string{q.Value}
		}
	case kindBrowse:
		req.Sort = search.SortNewest
	default:
		req.Query = q.String()
	}
	return req
}

// plain returns q in Bleve's query string syntax, for a PlainIndex.
func (q benchQuery) plain() string {
	switch q.Kind {
	case kindAnd:
		return "+" + q.Words[0] + " +" + q.Words[1]
	case kindFilter:
		field := "topics"
		if q.Facet == search.FacetCountry {
			field = "countries"
		}
		return fmt.Sprintf(`+%s +%s:"%s"`, q.Words[0], field, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(q.Value))
	case kindBrowse:
		return ""
	}
	return q.String()
}

// readQueries reads a query per line of the file at path; blank lines and
// lines starting with # are left out.
func readQueries(path string) ([]benchQuery, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("queries: %w", err)
	}
	defer f.Close()
	var out []benchQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, benchQuery{Kind: kindFile, Text: line})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("queries: %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("queries: %s has no query", path)
	}
	return out, nil
}

// drawQueries draws n queries from the articles, in the shares of
// queryShares, with a random source seeded by seed: the same articles and
// seed give the same queries. Words are lower-case ASCII words of four
// letters or more that are not common English words; a phrase is two
// adjacent words of three letters or more with no punctuation between
// them. A kind that the articles cannot give (no body, no topic or
// country) is left out. The queries come shuffled.
func drawQueries(arts []corpus.Article, n int, seed uint64) []benchQuery {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var withBody, withFilter []int
	for i, a := range arts {
		if len(strings.Fields(a.Body)) >= 20 {
			withBody = append(withBody, i)
			if len(a.Topics) > 0 || len(a.Countries) > 0 {
				withFilter = append(withFilter, i)
			}
		}
	}
	pick := func(from []int) []string { return strings.Fields(arts[from[rng.IntN(len(from))]].Body) }
	// word returns a random query word of a body's words, or "".
	word := func(tokens []string) string {
		for range 20 {
			if w := queryWord(tokens[rng.IntN(len(tokens))], 4); w != "" {
				return w
			}
		}
		return ""
	}
	draw := func(kind string) (benchQuery, bool) {
		q := benchQuery{Kind: kind}
		switch kind {
		case kindBrowse:
			return q, true
		case kindFilter:
			if len(withFilter) == 0 {
				return q, false
			}
			a := arts[withFilter[rng.IntN(len(withFilter))]]
			w := word(strings.Fields(a.Body))
			facet, values := search.FacetTopic, a.Topics
			if len(values) == 0 || len(a.Countries) > 0 && rng.IntN(2) == 0 {
				facet, values = search.FacetCountry, a.Countries
			}
			q.Words, q.Facet, q.Value = []string{w}, facet, values[rng.IntN(len(values))]
			return q, w != ""
		}
		if len(withBody) == 0 {
			return q, false
		}
		tokens := pick(withBody)
		switch kind {
		case kindTerm:
			q.Words = []string{word(tokens)}
			return q, q.Words[0] != ""
		case kindAnd:
			a, b := word(tokens), word(tokens)
			q.Words = []string{a, b}
			return q, a != "" && b != "" && a != b
		default: // kindPhrase
			i := rng.IntN(len(tokens) - 1)
			a, b := queryWord(tokens[i], 3), queryWord(tokens[i+1], 3)
			q.Words = []string{a, b}
			return q, a != "" && b != "" && a != b
		}
	}
	// Each kind gets its share rounded down; what is left goes to the
	// first kinds, one each.
	wants := make([]int, len(queryShares))
	left := n
	for i, s := range queryShares {
		wants[i] = n * s.percent / 100
		left -= wants[i]
	}
	for i := 0; left > 0; i, left = i+1, left-1 {
		wants[i%len(wants)]++
	}
	var out []benchQuery
	seen := map[string]bool{}
	for i, s := range queryShares {
		want := wants[i]
		got := 0
		for try := 0; got < want && try < 100*want; try++ {
			q, ok := draw(s.kind)
			if !ok || (s.kind != kindBrowse && seen[q.String()]) {
				continue
			}
			seen[q.String()] = true
			out = append(out, q)
			got++
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// queryWord returns token lower-cased when it is a plain ASCII word of at
// least minLen letters and not a common English word, or "".
func queryWord(token string, minLen int) string {
	if len(token) < minLen || len(token) > 15 {
		return ""
	}
	for _, r := range token {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return ""
		}
	}
	w := strings.ToLower(token)
	if commonWords[w] {
		return ""
	}
	return w
}

// commonWords are English words too common to make a query of, among
// them the stop words of Bleve's English analyser.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each
		few for from further had has have having he her here hers herself him himself his how however if in
		into is it its itself just last may me might more most mr mrs much must my myself new no nor not now
		of off on once one only or other our ours ourselves out over own said same says she should since so
		some such than that the their theirs them themselves then there these they this those through to too
		two under until up upon us very was we were what when where which while who whom why will with would
		year years you your yours yourself yourselves reuter reuters`) {
		m[w] = true
	}
	return m
}()

// queryReport is the query figures of a bench run.
type queryReport struct {
	// Source is "drawn from the corpus (seed N)" or the file's path.
	Source  string `json:"source"`
	Count   int    `json:"count"`
	Clients int    `json:"clients"`
	Hits    int    `json:"hits_per_page"`
	// Kinds has one entry per kind of query, in queryShares order, then
	// one for them all (kind "all").
	Kinds []kindStats `json:"kinds"`
	// Queries lists the queries, in the order they ran.
	Queries []queryText `json:"queries"`
}

// queryText is a query of the set as each engine ran it.
type queryText struct {
	Kind      string `json:"kind"`
	Clippings string `json:"clippings"`
	Plain     string `json:"plain_bleve"`
	// Others are the query in the other engines' terms, by engine.
	Others map[string]string `json:"others,omitempty"`
}

// kindStats are the figures of one kind of query on each engine, and the
// ratios of clippings's to plain Bleve's.
type kindStats struct {
	Kind          string      `json:"kind"`
	Queries       int         `json:"queries"`
	Clippings     queryStats  `json:"clippings_facets"`
	NoFacets      queryStats  `json:"clippings_no_facets"`
	Plain         queryStats  `json:"plain_bleve_facets"`
	PlainNoFacets queryStats  `json:"plain_bleve_no_facets"`
	Ratio         queryRatios `json:"ratio_to_plain_bleve_facets"`
	RatioNoFacets queryRatios `json:"ratio_to_plain_bleve_no_facets"`
	// Others are the figures of the other engines, in the order of the
	// bench's yardsticks.
	Others []otherStats `json:"others"`
	// Sharded are the same queries on indexes of shards, by number of
	// shards (bench --shards).
	Sharded []shardedStats `json:"sharded,omitempty"`
}

// otherStats are the figures of one kind of query on another engine, and
// the ratios of clippings's to them.
type otherStats struct {
	Engine        string      `json:"engine"`
	Facets        queryStats  `json:"facets"`
	NoFacets      queryStats  `json:"no_facets"`
	Ratio         queryRatios `json:"ratio_clippings_to_it_facets"`
	RatioNoFacets queryRatios `json:"ratio_clippings_to_it_no_facets"`
}

// shardedStats are the figures of one kind of query on an index of
// Shards shards, with facets and without, and their ratios to one index.
type shardedStats struct {
	Shards        int         `json:"shards"`
	Clippings     queryStats  `json:"clippings_facets"`
	NoFacets      queryStats  `json:"clippings_no_facets"`
	Ratio         queryRatios `json:"ratio_to_one_index_facets"`
	RatioNoFacets queryRatios `json:"ratio_to_one_index_no_facets"`
}

// queryStats are the figures of a set of queries on one engine.
type queryStats struct {
	// MeanHits is the mean number of matches per query.
	MeanHits float64 `json:"mean_hits"`
	// P50, P95 and P99 are latency percentiles in milliseconds, of one
	// query at a time.
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	// QPS is queries per second with Clients running at once.
	QPS float64 `json:"queries_per_second"`
}

// queryRatios are clippings's query figures divided by plain Bleve's.
type queryRatios struct {
	MeanHits float64 `json:"mean_hits"`
	P50      float64 `json:"p50"`
	P95      float64 `json:"p95"`
	P99      float64 `json:"p99"`
	QPS      float64 `json:"queries_per_second"`
}

func divide(a, b queryStats) queryRatios {
	return queryRatios{MeanHits: ratio(a.MeanHits, b.MeanHits), P50: ratio(a.P50, b.P50),
		P95: ratio(a.P95, b.P95), P99: ratio(a.P99, b.P99), QPS: ratio(a.QPS, b.QPS)}
}

// searchFunc runs one query on an engine and returns its number of
// matches.
type searchFunc func(ctx context.Context, q benchQuery) (uint64, error)

// clippingsWith returns the searchFunc of the store, with facets or
// without.
func clippingsWith(store *search.Store, facets bool) searchFunc {
	return func(ctx context.Context, q benchQuery) (uint64, error) {
		req := q.request()
		req.NoFacets = !facets
		res, err := store.Search(ctx, req)
		return res.Total, err
	}
}

// runQueries replays the queries on the clippings store, on the plain
// index and on the other engines, each with facets and without.
func runQueries(ctx context.Context, qs []benchQuery, store *search.Store, plain *search.PlainIndex, others []yardstick, clients int) (queryReport, error) {
	plainWith := func(facets bool) searchFunc {
		return func(ctx context.Context, q benchQuery) (uint64, error) {
			res, err := plain.Search(ctx, q.plain(), facets, hitsShown)
			return res.Total, err
		}
	}
	rep := queryReport{Count: len(qs), Clients: clients, Hits: hitsShown}
	for _, q := range qs {
		t := queryText{Kind: q.Kind, Clippings: q.String(), Plain: q.plain()}
		for _, y := range others {
			if t.Others == nil {
				t.Others = map[string]string{}
			}
			t.Others[y.Name()] = y.Query(q)
		}
		rep.Queries = append(rep.Queries, t)
	}
	c, err := measureQueries(ctx, qs, clippingsWith(store, true), clients)
	if err != nil {
		return rep, fmt.Errorf("clippings: %w", err)
	}
	cn, err := measureQueries(ctx, qs, clippingsWith(store, false), clients)
	if err != nil {
		return rep, fmt.Errorf("clippings without facets: %w", err)
	}
	p, err := measureQueries(ctx, qs, plainWith(true), clients)
	if err != nil {
		return rep, fmt.Errorf("plain Bleve: %w", err)
	}
	pn, err := measureQueries(ctx, qs, plainWith(false), clients)
	if err != nil {
		return rep, fmt.Errorf("plain Bleve without facets: %w", err)
	}
	var of, ofNo []map[string]queryStats
	for _, y := range others {
		with := func(facets bool) searchFunc {
			return func(ctx context.Context, q benchQuery) (uint64, error) { return y.Search(ctx, q, facets) }
		}
		s, err := measureQueries(ctx, qs, with(true), clients)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", y.Name(), err)
		}
		sn, err := measureQueries(ctx, qs, with(false), clients)
		if err != nil {
			return rep, fmt.Errorf("%s without facets: %w", y.Name(), err)
		}
		of, ofNo = append(of, s), append(ofNo, sn)
	}
	for _, kind := range queryKinds(qs) {
		k := kindStats{Kind: kind, Clippings: c[kind], NoFacets: cn[kind], Plain: p[kind], PlainNoFacets: pn[kind]}
		k.Queries = len(ofKind(qs, kind))
		k.Ratio, k.RatioNoFacets = divide(k.Clippings, k.Plain), divide(k.NoFacets, k.PlainNoFacets)
		for i, y := range others {
			o := otherStats{Engine: y.Name(), Facets: of[i][kind], NoFacets: ofNo[i][kind]}
			o.Ratio, o.RatioNoFacets = divide(k.Clippings, o.Facets), divide(k.NoFacets, o.NoFacets)
			k.Others = append(k.Others, o)
		}
		rep.Kinds = append(rep.Kinds, k)
	}
	return rep, nil
}

// runShardQueries replays the queries, with facets and without, on the
// store in dir, of an index of n shards, and adds the figures to rep,
// whose figures of one index they are compared with.
func runShardQueries(ctx context.Context, rep *queryReport, qs []benchQuery, dir string, n, clients int) error {
	store, err := search.OpenStore(dir, search.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Warm(ctx); err != nil { // as serve does, and as the one index was
		return fmt.Errorf("clippings, %d shards: %w", n, err)
	}
	c, err := measureQueries(ctx, qs, clippingsWith(store, true), clients)
	if err != nil {
		return fmt.Errorf("clippings, %d shards: %w", n, err)
	}
	cn, err := measureQueries(ctx, qs, clippingsWith(store, false), clients)
	if err != nil {
		return fmt.Errorf("clippings, %d shards, without facets: %w", n, err)
	}
	for i := range rep.Kinds {
		k := &rep.Kinds[i]
		s := shardedStats{Shards: n, Clippings: c[k.Kind], NoFacets: cn[k.Kind]}
		s.Ratio, s.RatioNoFacets = divide(s.Clippings, k.Clippings), divide(s.NoFacets, k.NoFacets)
		k.Sharded = append(k.Sharded, s)
	}
	return nil
}

// queryKinds returns the kinds of qs in queryShares order (a file's
// queries last), then kindAll.
func queryKinds(qs []benchQuery) []string {
	var kinds []string
	for _, s := range queryShares {
		kinds = append(kinds, s.kind)
	}
	var out []string
	for _, kind := range append(kinds, kindFile) {
		if slices.ContainsFunc(qs, func(q benchQuery) bool { return q.Kind == kind }) {
			out = append(out, kind)
		}
	}
	return append(out, kindAll)
}

// ofKind returns the queries of qs of a kind; kindAll is all of them.
func ofKind(qs []benchQuery, kind string) []benchQuery {
	if kind == kindAll {
		return qs
	}
	var out []benchQuery
	for _, q := range qs {
		if q.Kind == kind {
			out = append(out, q)
		}
	}
	return out
}

// measureQueries runs every query once to warm up, then once more one at
// a time for the latencies, then each kind's queries, and all of them,
// with clients at once for the queries per second. It returns the
// figures by kind, kindAll for them all.
func measureQueries(ctx context.Context, qs []benchQuery, run searchFunc, clients int) (map[string]queryStats, error) {
	for _, q := range qs {
		if _, err := run(ctx, q); err != nil {
			return nil, fmt.Errorf("query %s: %w", q, err)
		}
	}
	took := make([]time.Duration, len(qs))
	hits := make([]uint64, len(qs))
	for i, q := range qs {
		start := time.Now()
		n, err := run(ctx, q)
		took[i] = time.Since(start)
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", q, err)
		}
		hits[i] = n
	}
	out := map[string]queryStats{}
	for _, kind := range queryKinds(qs) {
		var ts []time.Duration
		var sum float64
		for i, q := range qs {
			if kind == kindAll || q.Kind == kind {
				ts = append(ts, took[i])
				sum += float64(hits[i])
			}
		}
		slices.Sort(ts)
		st := queryStats{MeanHits: sum / float64(len(ts)),
			P50: percentile(ts, 0.50), P95: percentile(ts, 0.95), P99: percentile(ts, 0.99)}
		var err error
		if st.QPS, err = throughput(ctx, ofKind(qs, kind), run, clients); err != nil {
			return nil, err
		}
		out[kind] = st
	}
	return out, nil
}

// percentile returns the nearest-rank percentile p of the sorted
// durations, in milliseconds.
func percentile(sorted []time.Duration, p float64) float64 {
	i := max(int(math.Ceil(p*float64(len(sorted))))-1, 0)
	return float64(sorted[i].Microseconds()) / 1000
}

// throughput runs every query of qs on each of clients goroutines at
// once, each starting at another place in the list, and returns the
// queries per second.
func throughput(ctx context.Context, qs []benchQuery, run searchFunc, clients int) (float64, error) {
	errs := make(chan error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for i := range qs {
				q := qs[(i+c*len(qs)/clients)%len(qs)]
				if _, err := run(ctx, q); err != nil {
					errs <- fmt.Errorf("query %s: %w", q, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(clients*len(qs)) / time.Since(start).Seconds(), nil
}

// printQueries prints the query figures as a table.
func printQueries(w io.Writer, rep queryReport) {
	var kinds []string
	for _, k := range rep.Kinds {
		if k.Kind != kindAll {
			kinds = append(kinds, fmt.Sprintf("%d %s", k.Queries, k.Kind))
		}
	}
	fmt.Fprintf(w, "Queries: %d %s (%s), top %d hits; latencies of one query at a time after a warm-up, q/s with %d at once\n",
		rep.Count, rep.Source, strings.Join(kinds, ", "), rep.Hits, rep.Clients)
	const format = "%-7s %-34s %10s %8s %8s %8s %9s\n"
	fmt.Fprintf(w, format, "kind", "engine", "hits/query", "p50 ms", "p95 ms", "p99 ms", "q/s")
	for _, k := range rep.Kinds {
		stats := func(name string, s queryStats) {
			fmt.Fprintf(w, format, k.Kind, name, fmt.Sprintf("%.1f", s.MeanHits), fmt.Sprintf("%.2f", s.P50),
				fmt.Sprintf("%.2f", s.P95), fmt.Sprintf("%.2f", s.P99), fmt.Sprintf("%.1f", s.QPS))
		}
		ratios := func(name string, r queryRatios) {
			fmt.Fprintf(w, format, k.Kind, name, times(r.MeanHits), times(r.P50), times(r.P95), times(r.P99), times(r.QPS))
		}
		stats("clippings, facets", k.Clippings)
		stats("clippings, no facets", k.NoFacets)
		stats("plain Bleve, facets", k.Plain)
		stats("plain Bleve, no facets", k.PlainNoFacets)
		ratios("clippings ÷ plain, facets", k.Ratio)
		ratios("clippings ÷ plain, no facets", k.RatioNoFacets)
		for _, o := range k.Others {
			stats(o.Engine+", facets", o.Facets)
			stats(o.Engine+", no facets", o.NoFacets)
			ratios("clippings ÷ "+o.Engine+", facets", o.Ratio)
			ratios("clippings ÷ "+o.Engine+", no facets", o.RatioNoFacets)
		}
		for _, s := range k.Sharded {
			stats(fmt.Sprintf("%d shards, facets", s.Shards), s.Clippings)
			stats(fmt.Sprintf("%d shards, no facets", s.Shards), s.NoFacets)
			ratios(fmt.Sprintf("%d shards ÷ one, facets", s.Shards), s.Ratio)
			ratios(fmt.Sprintf("%d shards ÷ one, no facets", s.Shards), s.RatioNoFacets)
		}
	}
}
