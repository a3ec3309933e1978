package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/clippings/clippings/corpus"
)

// Options tune an Index or a Store. The zero value opens for writing,
// with the default search timeout and no log.
type Options struct {
	// ReadOnly opens an index without write access, so that several
	// processes can share it. A Store always opens its live generation
	// read-only; for a Store, ReadOnly forbids Rebuild (a server).
	ReadOnly bool
	// Timeout bounds each Search and Article call whose context has no
	// deadline; 0 means DefaultTimeout.
	Timeout time.Duration
	// Logger receives a Store's warnings, such as an old generation it
	// could not remove; nil means none.
	Logger *slog.Logger
	// MaxSearches is how many cheap searches (facet look-ups and similar
	// articles included) run at once; 0 means twice the number of CPUs. MaxHeavySearches is how many searches with a
	// regular expression, a wildcard or a fuzzy word run at once, beside
	// them; 0 means half the CPUs, at least 1. Each kind may have eight
	// times as many searches waiting for their turn; beyond that, or once
	// its deadline passes in the queue, a search fails with ErrBusy.
	MaxSearches      int
	MaxHeavySearches int
	// Bulk makes Create build the index for a bulk load: a Write returns
	// once its batch is searchable, without waiting for it to reach the
	// disk, and Close waits until every batch has. An index killed before
	// its Close returns is incomplete, so use it only for an index that is
	// thrown away unless its build completes, as Store.Rebuild does.
	Bulk bool
	// Shards makes Create (and a Store's Rebuild) build an index of that
	// many shards, written at once and searched as one (see shards.go);
	// 0 or 1 is one index. Open finds the shards of an index by itself.
	Shards int

	// maxSegment, in tests, replaces maxSegmentArticles when not 0.
	maxSegment int
}

// DefaultTimeout is the time a search may take when neither its context
// nor Options.Timeout says otherwise.
const DefaultTimeout = 10 * time.Second

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// ErrMappingVersion is returned by Open for an index built with another
// MappingVersion (or not by clippings); it has to be rebuilt.
var ErrMappingVersion = errors.New("search: the index was built by another version of clippings: reindex")

// Bounds on expensive queries.
const (
	// maxClauses is how many terms one wildcard, fuzzy or regular
	// expression term may expand to in one field, and how many clauses a
	// disjunction may have. Beyond it the search fails with a QueryError.
	// At 4,096, a* on Reuters (thousands of words in five fields) took
	// 2.8 s; at 1,024 it is refused at once, and narrower patterns run.
	maxClauses = 1024
	// maxTermSearchers bounds the terms read by a whole search (a field-
	// less wildcard expands in five fields).
	maxTermSearchers = 4 * maxClauses
)

// sliceDisjunctions is the most clauses of a disjunction that bleve
// matches with its slice searcher (its default is 10), which adds up the
// scores of a match's clauses in the order of the clauses; beyond it, its
// heap searcher adds them up in an order that depends on the documents'
// numbers in the index, so that the scores of the same article differ in
// their last bits between two builds of an index, or between one index
// and shards, and ties break differently. Similar articles' queries have
// 50 clauses. On Reuters, in two rounds of 64 against 10, similar
// articles, oil~, stock* and a disjunction of 12 words took the same
// time (6-11 ms), pr* (a disjunction of hundreds of terms) 56 and 65 ms
// against 55; with 1,024, pr* took 97 and 104 ms.
const sliceDisjunctions = 64

// setLimits sets bleve's clause limit and sliceDisjunctions, package
// variables of bleve: they are process-wide, the same for every index,
// and set once before the first index is created or opened (only this
// package uses bleve).
var setLimits = sync.OnceFunc(func() {
	searcher.DisjunctionMaxClauseCount = maxClauses
	searcher.DisjunctionHeapTakeover = sliceDisjunctions
})

// mappingVersionKey is the internal key under which an index records its
// MappingVersion.
var mappingVersionKey = []byte("clippings.mapping_version")

// Index is a Bleve index of articles, or several searched as one (see
// Options.Shards). It is safe for concurrent use.
type Index struct {
	// b is the index searched: the only shard, or an alias of them all.
	b      bleve.Index
	shards []shard
	path   string
	opts   Options
	// localScores, in tests, lets each shard score with its own
	// statistics, as bleve's alias does.
	localScores bool
	// tieLimit, in tests, replaces maxTies when not 0.
	tieLimit int
	// splitParts, in tests, is the number of parts every search that
	// can be split is split into (splitSearch), whatever the cores and
	// the articles, when not 0.
	splitParts int
	// scoreEvery, in tests, scores every match of a word search, as
	// bleve does, instead of those that may be on the page (maxscore.go).
	scoreEvery bool
	// wordScored, in tests, is told after each word search by MaxScore
	// how many of its matches it scored.
	wordScored func(scored, matches uint64)
	// prunedConjunction, in tests, replaces minPrunedConjunction when
	// not 0.
	prunedConjunction uint64

	// gate limits the searches running at once; a Store shares one
	// between its generations.
	gate *gate

	closeOnce sync.Once
	closeErr  error

	// span caches the first and last year of the articles ({0, 0}
	// when none has a date); nil until computed, and again after a Write.
	spanMu sync.Mutex
	span   *[2]int
	// dates caches the first and last date of the articles (zero when
	// none has a date); nil until computed, and again after a Write.
	dates *[2]time.Time
	// terms caches the values of the keyword fields that filters are
	// resolved against (fieldTerms), by field; emptied by a Write.
	terms map[string][]FacetValue
	// browse caches the facets and timeline of the empty query by
	// browseKey; emptied by a Write.
	browse map[string]*browseCounts
	// writes counts the Writes, so that terms read before one are not
	// cached after it.
	writes uint64

	// sets caches the value sets of keyword fields (see counts.go), by
	// field, for a read-only index, and forward their inversion (see
	// passcounts.go).
	setsMu  sync.Mutex
	sets    map[string][]valueSet
	forward *forward
	// nanos caches the date of every article by document number (see
	// bydate.go), for a read-only index of one shard.
	nanos []int64
	// byDate caches the numbers of the live articles in the order of
	// their dates (see dateOrder), for a read-only index of one shard.
	byDate []uint32
	// countBy, in tests, sets how facets are counted; the zero value
	// chooses.
	countBy countMode

	// labels are the descriptions of the source's codes (see
	// SetLabels), once labelsRead.
	labelsMu   sync.Mutex
	labels     corpus.Labels
	labelsRead bool
}

// Create makes a new, empty index at path, which must not exist yet, and
// opens it for writing (Options.ReadOnly must be false): one bleve index,
// or a folder of Options.Shards of them.
func Create(path string, opts Options) (*Index, error) {
	if opts.ReadOnly {
		return nil, fmt.Errorf("search: create %s: cannot create a read-only index", path)
	}
	setLimits()
	shards, err := createShards(path, opts)
	if err != nil {
		return nil, fmt.Errorf("search: create %s: %w", path, err)
	}
	ix := newIndex(path, opts, shards)
	if err := ix.setInternal(mappingVersionKey, []byte(strconv.Itoa(MappingVersion))); err != nil {
		_ = ix.discard()
		_ = os.RemoveAll(path)
		return nil, fmt.Errorf("search: create %s: %w", path, err)
	}
	return ix, nil
}

// createShards creates the bleve indexes of a new index at path: one, or
// opts.Shards in a folder marked by its shardsFile.
func createShards(path string, opts Options) ([]shard, error) {
	if opts.Shards <= 1 {
		sh, err := createShard(path, opts)
		if err != nil {
			return nil, err
		}
		return []shard{sh}, nil
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("the folder exists")
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, err
	}
	shards := make([]shard, 0, opts.Shards)
	fail := func(err error) ([]shard, error) {
		for _, sh := range shards {
			sh.bulk.close()
			_ = sh.b.Close()
		}
		_ = os.RemoveAll(path)
		return nil, err
	}
	if err := writeShards(path, opts.Shards); err != nil {
		return fail(err)
	}
	for i := range opts.Shards {
		sh, err := createShard(shardPath(path, i), opts)
		if err != nil {
			return fail(fmt.Errorf("shard %d: %w", i, err))
		}
		shards = append(shards, sh)
	}
	return shards, nil
}

// newIndex returns the Index of the open shards.
func newIndex(path string, opts Options, shards []shard) *Index {
	return &Index{b: searched(shards), shards: shards, path: path, opts: opts, gate: newGate(opts)}
}

// setInternal records an internal value, or deletes it when val is nil,
// in a batch of its own. On a Bulk index the batch is counted until it is
// on disk, as the articles' batches are, so that Close waits for it: an
// internal value set on its own would otherwise be lost when the index is
// closed before bleve writes it (an empty bulk index lost its
// MappingVersion in 6 of 30 trials, and could then not be opened).
//
// A sharded index records it in every shard.
func (ix *Index) setInternal(key, val []byte) error {
	for _, sh := range ix.shards {
		b := sh.b.NewBatch()
		if val == nil {
			b.DeleteInternal(key)
		} else {
			b.SetInternal(key, val)
		}
		if err := sh.write(b); err != nil {
			return err
		}
	}
	return nil
}

// write hands a batch to the shard's bleve index; on a Bulk index, it
// counts the batch until it is on disk.
func (sh shard) write(b *bleve.Batch) error {
	if sh.bulk != nil {
		if err := sh.bulk.add(b); err != nil {
			return err
		}
	}
	if err := sh.b.Batch(b); err != nil {
		sh.bulk.persisted(nil)
		return err
	}
	return nil
}

// Open opens the index at path, one bleve index or a sharded one (whose
// Options.Shards it ignores). It fails with an error wrapping
// ErrMappingVersion when the index was built with another MappingVersion.
// A writable Open waits at most 10 seconds for another process holding
// the index open for writing, a read-only one for a writer.
func Open(path string, opts Options) (*Index, error) {
	setLimits()
	n, err := readShards(path)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", path, err)
	}
	if n == 1 {
		sh, err := openShard(path, opts)
		if err != nil {
			return nil, fmt.Errorf("search: open %s: %w", path, err)
		}
		return newIndex(path, opts, []shard{sh}), nil
	}
	shards := make([]shard, 0, n)
	for i := range n {
		sh, err := openShard(shardPath(path, i), opts)
		if err != nil {
			for _, sh := range shards {
				_ = sh.b.Close()
			}
			return nil, fmt.Errorf("search: open %s: shard %d: %w", path, i, err)
		}
		shards = append(shards, sh)
	}
	return newIndex(path, opts, shards), nil
}

// Path returns the folder of the index.
func (ix *Index) Path() string { return ix.path }

// Write adds the articles of batch to the index in one bleve batch (one
// per shard, written at once, for a sharded index), replacing any article
// with the same ID; the caller chooses the size of batches (a few hundred
// articles is a good size). Each article is stored
// as normalized: tidied (corpus.Article.Tidy), its date truncated to its
// precision, and nil Mentions when empty; Article gives back exactly that.
// A date before 1678 or after 2261 cannot be indexed and is dropped.
func (ix *Index) Write(ctx context.Context, batch []corpus.Article) error {
	if ix.opts.ReadOnly {
		return fmt.Errorf("search: write %s: the index is open read-only", ix.path)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("search: write %s: %w", ix.path, err)
	}
	if len(batch) == 0 {
		return nil
	}
	parts := make([][]corpus.Article, len(ix.shards))
	for _, a := range batch {
		if a.ID == "" {
			return fmt.Errorf("search: write %s: article %q has no id", ix.path, a.Source)
		}
		i := 0
		if len(ix.shards) > 1 {
			i = shardOf(a.ID, len(ix.shards))
		}
		parts[i] = append(parts[i], a)
	}
	err := eachShard(len(ix.shards), func(i int) error {
		if len(parts[i]) == 0 {
			return nil
		}
		sh := ix.shards[i]
		b := sh.b.NewBatch()
		m := sh.b.Mapping()
		for _, a := range parts[i] {
			a = normalize(a)
			d, err := mapDocument(m, a.ID, document(a))
			if err == nil {
				err = b.IndexAdvanced(d)
			}
			if err != nil {
				return fmt.Errorf("article %s: %w", a.ID, err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return sh.write(b)
	})
	if err != nil {
		return fmt.Errorf("search: write %s: %w", ix.path, err)
	}
	ix.spanMu.Lock()
	ix.span = nil
	ix.dates = nil
	ix.terms = nil
	ix.browse = nil
	ix.writes++
	ix.spanMu.Unlock()
	return nil
}

// Article returns the article with the given id, rebuilt from the stored
// fields: equal to the article written, as normalized by Write. It fails
// with an error wrapping ErrNotFound when there is none.
func (ix *Index) Article(ctx context.Context, id string) (corpus.Article, error) {
	ctx, cancel := ix.deadline(ctx)
	defer cancel()
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = storedFields
	res, err := ix.run(ctx, req)
	if err != nil {
		return corpus.Article{}, fmt.Errorf("search: article %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return corpus.Article{}, fmt.Errorf("search: article %s: %w", id, ErrNotFound)
	}
	return article(res.Hits[0].ID, res.Hits[0].Fields), nil
}

// Count returns the number of articles in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.b.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count %s: %w", ix.path, err)
	}
	return n, nil
}

// Close closes the index; a writable index is flushed to disk. Closing
// it again does nothing and returns the same error.
func (ix *Index) Close() error {
	return ix.close(true)
}

// discard closes a Bulk index whose build failed or was interrupted, to
// be removed: it neither waits for its batches to reach the disk nor
// merges its segments, so that an interrupted reindex of a large corpus
// stops at once.
func (ix *Index) discard() error {
	return ix.close(false)
}

// close closes the index; finish says whether a Bulk index is finished
// (written to disk, merged) first. The shards are closed at once.
func (ix *Index) close(finish bool) error {
	ix.closeOnce.Do(func() {
		var aerr error
		if len(ix.shards) > 1 {
			aerr = ix.b.Close() // the alias; the shards are closed below
		}
		err := eachShard(len(ix.shards), func(i int) error {
			sh := ix.shards[i]
			var perr error
			if sh.bulk != nil {
				if finish {
					perr = sh.finishBulk()
				}
				sh.bulk.close()
			}
			return errors.Join(perr, sh.b.Close())
		})
		if err := errors.Join(aerr, err); err != nil {
			ix.closeErr = fmt.Errorf("search: close %s: %w", ix.path, err)
		}
	})
	return ix.closeErr
}

// finishBulk waits for the batches of a Bulk shard to reach the disk,
// then merges its segments as bleve's default merge plan would have,
// had it had the time (a bulk load writes faster than the merger merges,
// and an index searched with many small segments is slower), then merges
// the small segments the plan's tiers leave (mergeTail).
func (sh shard) finishBulk() error {
	if err := sh.bulk.wait(); err != nil {
		return err
	}
	bi, err := sh.b.Advanced()
	if err != nil {
		return err
	}
	s, ok := bi.(*scorch.Scorch)
	if !ok {
		return nil
	}
	if err := mergeInSteps(s, finalMergePlan(sh.bulk.maxSegment)); err != nil {
		return err
	}
	if err := mergeTail(s, sh.bulk.maxSegment); err != nil {
		return err
	}
	waitForCleanUp(s, func() error {
		// The value it holds: a write of its own, which wakes bleve's
		// persister.
		return sh.b.SetInternal(mappingVersionKey, []byte(strconv.Itoa(MappingVersion)))
	})
	return nil
}

// maxSegmentArticles is the most articles a merge of a Bulk index puts
// in one segment, instead of bleve's 5 million. A merge reads the whole
// of the segments it merges, mapped in memory, and they count in the
// resident memory of the process until the merged segment replaces
// them: at the 2.8 kB of index per article of Reuters, 250,000 articles
// are 700 MB. Segments of more than half of it are not merged again: the
// 1M generated articles end in 9 segments (11 before the bound).
const maxSegmentArticles = 250_000

// finalMergePlan is the merge plan of a finished Bulk index: bleve's
// default plan, with at most 4 segments per tier instead of 10 and
// segments of at most maxSegmentArticles.
func finalMergePlan(maxSegment int) mergeplan.MergePlanOptions {
	opts := mergeplan.DefaultMergePlanOptions
	opts.MaxSegmentsPerTier = 4
	opts.MaxSegmentSize = int64(maxSegment)
	return opts
}

// mergeInSteps merges the segments of s as finalMergePlan plans, one
// merge task at a time. Bleve carries out every task of a plan before it
// lets go of any segment merged, and a merge reads the whole of its
// segments, mapped in memory: a plan of all tasks at once had every
// segment of the index in the resident memory of the process at its end
// (2.86 GB of mapped files for the 1M generated articles, 2.7 GB of
// index). A plan of one task lets go of its segments before the next is
// read. Each step plans again, over the segments the last one left.
func mergeInSteps(s *scorch.Scorch, plan mergeplan.MergePlanOptions) error {
	for {
		before, ok := fileSegments(s)
		if !ok || before < 2 {
			return nil
		}
		opts := plan
		opts.CalcBudget = func(total, firstTier int64, o *mergeplan.MergePlanOptions) int {
			// One task brings the segments over budget down to at
			// least before-1, where the planner stops.
			return max(mergeplan.CalcBudget(total, firstTier, o), before-1)
		}
		if err := s.ForceMerge(context.Background(), &opts); err != nil {
			return err
		}
		if after, ok := fileSegments(s); !ok || after >= before {
			return nil
		}
	}
}

// tailShare sets which segments of a finished Bulk index are small: those
// of fewer articles than a tailShare-th of its largest segment (or of
// maxSegment articles, if less). Bleve's tiers leave up to four segments
// of each size, ten times smaller from tier to tier, so that their number
// grows with the index, and every segment costs each search a lookup of
// each term in every field and the setting up of its postings. Where the
// tiers end depends on how far bleve's merger got during the load: one
// reindex of the 200,000 generated articles ended in 9 segments (95,000,
// 53,000, five of 10,000 and two of 1,000 articles), another of the same
// articles in 3. The small segments are merged together (mergeTail) into
// segments no larger than the largest: the 9 became 3 (52,000 articles
// rewritten, 1.5 s on one core), and the median search was 10-13% faster
// (docs/performance.md). Reuters (4 segments of 4,000 to 7,578 articles)
// and the million generated articles (eight of 90,000 to 102,000 and one
// of 241,000) have none under a quarter of their largest and are left as
// they are: merging segments of similar sizes rewrites much of the index
// for a few segments less.
const tailShare = 4

// mergeTail merges the small segments of s (tailShare) together, one
// merge task at a time (see mergeInSteps), until fewer than two are left.
func mergeTail(s *scorch.Scorch, maxSegment int) error {
	for {
		sizes, err := segmentArticles(s)
		if err != nil {
			return err
		}
		plan, ok := tailPlan(sizes, maxSegment)
		if !ok {
			return nil
		}
		if err := s.ForceMerge(context.Background(), &plan); err != nil {
			return err
		}
		if after, err := segmentArticles(s); err != nil || len(after) >= len(sizes) {
			return err
		}
	}
}

// tailPlan returns the merge plan of one task that merges as many of the
// small segments among those of the sizes given (live articles) as fit
// in one segment no larger than the largest, and false when fewer than
// two are small. Bleve's planner takes as eligible the segments under
// half of the plan's largest segment and merges the roster of them that
// scores lowest, in one task when its budget is one segment less than
// the eligible ones; a roster scores +Inf unless it is of at least two
// segments, all small.
func tailPlan(sizes []uint64, maxSegment int) (mergeplan.MergePlanOptions, bool) {
	largest := uint64(0)
	for _, n := range sizes {
		largest = max(largest, n)
	}
	limit := min(largest, uint64(maxSegment))
	small := func(n uint64) bool { return n < limit/tailShare }
	smalls, eligibles := 0, 0
	for _, n := range sizes {
		if small(n) {
			smalls++
		}
		if n < limit/2 {
			eligibles++
		}
	}
	plan := mergeplan.DefaultMergePlanOptions
	plan.MaxSegmentSize = int64(limit)
	plan.CalcBudget = func(int64, int64, *mergeplan.MergePlanOptions) int { return eligibles - 1 }
	plan.ScoreSegments = func(roster []mergeplan.Segment, _ *mergeplan.MergePlanOptions) float64 {
		if len(roster) < 2 {
			return math.Inf(1)
		}
		var n int64
		for _, seg := range roster {
			if !small(uint64(seg.LiveSize())) {
				return math.Inf(1)
			}
			n += seg.LiveSize()
		}
		return -float64(n) // the roster of the most articles first
	}
	return plan, smalls >= 2
}

// segmentArticles returns the live articles of each segment of s's
// current snapshot.
func segmentArticles(s *scorch.Scorch) ([]uint64, error) {
	r, err := s.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading the segments: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("reading the segments: a reader of type %T", r)
	}
	sizes := make([]uint64, 0, len(snap.Segments()))
	for _, seg := range snap.Segments() {
		sizes = append(sizes, seg.Count())
	}
	return sizes, nil
}

// fileSegments returns the number of file segments of s's current
// snapshot, and whether bleve's statistics said.
func fileSegments(s *scorch.Scorch) (int, bool) {
	n, ok := s.StatsMap()["TotFileSegmentsAtRoot"].(uint64)
	return int(n), ok
}

// waitForCleanUp waits, for at most a few seconds, until bleve has removed
// the files of the segments merged away: it removes them in the
// background, and an index closed before would keep them on disk for
// ever, as a read-only index never removes files. Bleve's persister
// removes them when it has nothing left to write, and may have looked
// before the merge let go of them, then sleep until the next write: when
// they are still there after a second, wake calls for one. Without it,
// in 2 of 10 reindexes of Reuters into 4 shards (and 1 of 11 into 2),
// merged files stayed (10-21 MB) and the wait took the full 5 seconds;
// with it, in none of 22.
func waitForCleanUp(s *scorch.Scorch, wake func() error) {
	start := time.Now()
	woken := false
	for time.Since(start) < 5*time.Second {
		m := s.StatsMap()
		files, ok1 := m["CurOnDiskFiles"].(uint64)
		segs, ok2 := m["TotFileSegmentsAtRoot"].(uint64)
		if !ok1 || !ok2 || files <= segs+1 { // the segments and root.bolt
			return
		}
		if !woken && time.Since(start) > time.Second {
			woken = true
			if wake() != nil {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ready runs a trivial query, outside the gate: a match of every
// article that loads nothing, and returns the number of articles.
func (ix *Index) ready(ctx context.Context) (uint64, error) {
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	req.Score = bleve.ScoreNone
	type outcome struct {
		n   uint64
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := ix.run(ctx, req)
		if err != nil {
			done <- outcome{err: err}
			return
		}
		done <- outcome{n: res.Total}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return 0, fmt.Errorf("search: ready %s: %w", ix.path, o.err)
		}
		return o.n, nil
	case <-ctx.Done():
		return 0, fmt.Errorf("search: ready %s: %w", ix.path, ctx.Err())
	}
}

// deadline returns ctx with Options.Timeout when it has no deadline.
func (ix *Index) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, ix.opts.timeout())
}
