package search

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MaxResults is how deep a search can page: Page and Size must not reach
// past the first MaxResults hits.
const MaxResults = 10000

// facetFields maps the facet names to their index fields.
var facetFields = map[string]string{
	FacetOutlet:   fieldOutlet,
	FacetCountry:  fieldCountries,
	FacetTopic:    fieldTopics,
	FacetPerson:   fieldPeople,
	FacetYear:     fieldYear,
	FacetAuthor:   fieldAuthors,
	FacetPlace:    fieldPlaces,
	FacetSection:  fieldSection,
	FacetLanguage: fieldLanguage,
	FacetTag:      fieldTags,
}

// hitFields are the stored fields loaded for each hit.
var hitFields = []string{
	fieldTitle, fieldSubtitle, fieldLead, fieldBody, fieldNote, fieldOutlet,
	fieldDate, fieldDatePrecision, fieldAuthors, fieldCountries, fieldTopics, fieldPeople,
}

// plan is a request checked and with its defaults applied.
type plan struct {
	page, size, facetSize int
	sort                  Sort
}

// check validates the paging and facet sizes of a request and applies
// their defaults.
func check(req Request) (plan, error) {
	bad := func(format string, args ...any) (plan, error) {
		return plan{}, &QueryError{Query: req.Query, Pos: -1, Msg: fmt.Sprintf(format, args...)}
	}
	p := plan{page: req.Page, size: req.Size, facetSize: req.FacetSize, sort: req.Sort}
	switch {
	case p.page < 0:
		return bad("page %d: pages start at 1", p.page)
	case p.page == 0:
		p.page = 1
	}
	switch {
	case p.size < 0 || p.size > MaxSize:
		return bad("page size %d: it must be between 1 and %d", p.size, MaxSize)
	case p.size == 0:
		p.size = DefaultSize
	}
	if (p.page-1)*p.size+p.size > MaxResults {
		return bad("page %d is beyond the first %d results: refine the search instead", p.page, MaxResults)
	}
	switch {
	case p.facetSize < 0 || p.facetSize > MaxFacetSize:
		return bad("facet size %d: it must be between 1 and %d", p.facetSize, MaxFacetSize)
	case p.facetSize == 0:
		p.facetSize = DefaultFacetSize
	}
	switch p.sort {
	case SortDefault:
		p.sort = SortNewest
		if !matchesAll(req.Query) {
			p.sort = SortRelevance
		}
	case SortRelevance, SortNewest, SortOldest:
	case "date":
		p.sort = SortNewest
	default:
		return bad("unknown sort %q: want relevance, newest or oldest", p.sort)
	}
	if !req.From.IsZero() && !req.To.IsZero() && dayStart(req.From).After(dayStart(req.To)) {
		return bad("the date range ends (%s) before it starts (%s)",
			req.To.Format(time.DateOnly), req.From.Format(time.DateOnly))
	}
	return p, nil
}

// sortOrder returns bleve's sort for s. Ties are broken by date, newest
// first, then by id, so that pages do not overlap; articles without a
// date come last whatever the direction.
func sortOrder(s Sort) bsearch.SortOrder {
	byDate := func(desc bool) bsearch.SearchSort {
		return &bsearch.SortField{Field: fieldDate, Type: bsearch.SortFieldAsDate,
			Desc: desc, Missing: bsearch.SortFieldMissingLast}
	}
	switch s {
	case SortNewest:
		return bsearch.SortOrder{byDate(true), &bsearch.SortDocID{}}
	case SortOldest:
		return bsearch.SortOrder{byDate(false), &bsearch.SortDocID{}}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, byDate(true), &bsearch.SortDocID{}}
}

// Search runs a request: the articles matching its query and filters, one
// page of them in its sort order with snippets, and the facet counts over
// all of them. An empty query (or "*") matches every article, and sorts
// newest first unless the request asks otherwise. A request that cannot
// be run as written is a *QueryError; a search that runs out of time (the
// context's deadline, or Options.Timeout when it has none) fails with an
// error wrapping context.DeadlineExceeded.
//
// Every search is bounded before it runs (see bounds.go), and takes a
// slot of Options.MaxSearches (or MaxHeavySearches) for as long as its
// work goes on; without one within its deadline, it fails with ErrBusy.
// It returns by its deadline even when bleve does not stop in time: the
// work then ends in the background, still holding its slot.
func (ix *Index) Search(ctx context.Context, req Request) (Result, error) {
	start := time.Now()
	p, err := check(req)
	if err != nil {
		return Result{}, err
	}
	text, err := buildQuery(req.Query)
	if err != nil {
		return Result{}, err
	}
	ctx, cancel := ix.deadline(ctx)
	defer cancel()
	l := ix.gate.light
	if heavy(text) {
		l = ix.gate.heavy
	}
	release, err := l.acquire(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
	}
	type outcome struct {
		res Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		defer release()
		if err := ix.gate.automata.checkAutomata(ctx, req.Query, text); err != nil {
			done <- outcome{err: fmt.Errorf("search: %q: %w", req.Query, err)}
			return
		}
		res, err := ix.search(ctx, req, p, text)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		if o.err == nil {
			o.res.Took = time.Since(start)
		}
		return o.res, o.err
	case <-ctx.Done():
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, ctx.Err())
	}
}

// heavy reports whether q has a regular expression, a wildcard or a
// fuzzy word: a term that expands to many.
func heavy(q query.Query) bool {
	return !walkLeaves(q, func(leaf query.Query) bool {
		switch l := leaf.(type) {
		case *query.RegexpQuery, *query.WildcardQuery, *query.FuzzyQuery:
			return false
		case *query.MatchQuery:
			return l.Fuzziness == 0
		}
		return true
	})
}

// search runs a checked request p with the parsed query text.
func (ix *Index) search(ctx context.Context, req Request, p plan, text query.Query) (Result, error) {
	ctx = context.WithValue(ctx, bsearch.MaxTermSearchersKey, maxTermSearchers)
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
	}
	rf, err := ix.resolveFilters(ctx, req.Filters)
	if err != nil {
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
	}
	req.Filters = rf.search
	ex, err := ix.resolveFilters(ctx, req.Exclude)
	if err != nil {
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
	}
	req.Exclude = ex.shown
	q := combine(text, req.Filters, req.From, req.To, req.Exclude)
	key := browseKey(req)
	cached, writes := ix.cachedBrowse(key)
	noFacets := req.NoFacets || cached != nil
	sr := bleve.NewSearchRequestOptions(q, p.size, (p.page-1)*p.size, false)
	sr.Fields = hitFields
	sr.SortByCustom(sortOrder(p.sort))
	var narrowed []string
	for _, name := range FacetNames {
		if noFacets {
			break
		}
		if req.hasFilter(name) {
			narrowed = append(narrowed, name)
			continue
		}
		sr.AddFacet(name, bleve.NewFacetRequest(facetFields[name], p.facetSizeOf(req, name)))
	}

	if !noFacets {
		if err := ix.planTimeline(ctx, sr, req); err != nil {
			return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
		}
	}
	facets := make(map[string][]FacetValue, len(facetFields))
	var mu sync.Mutex
	disjunctive := make(chan error, 1)
	go func() { disjunctive <- ix.disjunctive(ctx, text, req, p, narrowed, facets, &mu) }()
	var res *bleve.SearchResult
	byDate := p.sort == SortNewest || p.sort == SortOldest
	done := false
	if _, all := q.(*query.MatchAllQuery); all && byDate && cached != nil && cached.scored {
		// Every article, by date: the page is read from their order.
		if res, done, err = ix.browseByDate(ctx, sr, p.sort == SortNewest, cached.total, cached.score); err != nil {
			return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
		}
	}
	windowed := false
	if !done && cached != nil && cached.scored && req.From.IsZero() && req.To.IsZero() {
		wq, ok, err := ix.dateWindow(ctx, q, p)
		if err != nil {
			return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
		}
		if ok {
			sr.Query, windowed = wq, true
		}
	}
	var counted map[string]*bsearch.FacetResult
	var observers []func(*bsearch.DocumentMatch)
	pc := ix.passCounting(sr)
	if pc != nil {
		observers = append(observers, pc.add)
	} else if counted, err = ix.countBySets(ctx, sr, q); err != nil {
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
	}
	if !windowed && !matchesAll(req.Query) {
		// Not under a match-all, which bleve advances one article at a
		// time.
		set, ok, serr := ix.setFiltered(ctx, text, req)
		if serr != nil {
			return Result{}, fmt.Errorf("search: %q: %w", req.Query, serr)
		}
		if ok {
			sr.Query = set
		}
	}
	switch {
	case done:
	case p.sort == SortRelevance && !windowed && !matchesAll(req.Query):
		res, err = ix.searchRelevance(ctx, sr, pc)
		done = true
	case byDate && !windowed:
		res, done, err = ix.searchByDate(ctx, sr, pc, p.sort == SortNewest)
	}
	if !done && err == nil {
		res, err = ix.run(observe(ctx, observers...), sr)
	}
	if err == nil && windowed {
		for _, h := range res.Hits {
			h.Score = cached.score // the window's conjunction scores otherwise
		}
	}
	// The words of the hits shown are located while the facets and the
	// timeline are counted.
	located := make(chan error, 1)
	if err == nil && !matchesAll(req.Query) {
		go func() {
			err := ix.locate(ctx, text, res.Hits)
			newHighlighter(text, ix.b.Mapping()).locateSpelled(res.Hits)
			located <- err
		}()
	} else {
		located <- nil
	}
	if err == nil && pc != nil {
		counted, err = pc.count(ctx)
	}
	if err == nil && len(counted) > 0 {
		if res.Facets == nil {
			res.Facets = bsearch.FacetResults{}
		}
		maps.Copy(res.Facets, counted)
	}
	var (
		timeline []Bucket
		interval Interval
		outside  int
	)
	if err == nil && !noFacets {
		timeline, interval, outside, err = ix.timeline(ctx, q, res, req.Interval)
	}
	if lerr := <-located; err == nil {
		err = lerr
	}
	if derr := <-disjunctive; err == nil {
		err = derr
	}
	if err != nil {
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w (%v)", cerr, err)
		}
		if msg := err.Error(); strings.Contains(msg, "TooManyClauses") || strings.Contains(msg, "TooManyTermSearchers") {
			return Result{}, &QueryError{Query: req.Query, Pos: -1,
				Msg: "query matches too many terms: make wildcard, fuzzy and regular expression terms more specific"}
		}
		return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
	}

	out := Result{
		Total:    res.Total,
		Page:     p.page,
		Size:     p.size,
		Hits:     make([]Hit, 0, len(res.Hits)),
		Facets:   facets,
		Timeline: timeline,
		Interval: interval,

		TimelineOutside: outside,
		Filters:         rf.shown,
		FilterValues:    rf.values,
		Suggestions:     rf.suggestions,
		Excluded:        ex.shown,
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hit(h))
	}
	switch {
	case cached != nil:
		cached.fill(&out)
	case req.NoFacets:
		score, scored := uniformScore(res.Hits)
		ix.keepBrowse(key, writes, &browseCounts{total: res.Total, score: score, scored: scored,
			facets: map[string][]FacetValue{}})
	default:
		for name := range facetFields {
			if _, done := facets[name]; !done {
				facets[name] = facetTerms(res.Facets[name])
			}
		}
		// Labelled before they are kept: kept counts are shared, not
		// changed.
		labels, err := ix.Labels(ctx)
		if err != nil {
			return Result{}, fmt.Errorf("search: %q: %w", req.Query, err)
		}
		for name, vals := range facets {
			label(name, vals, labels)
		}
		score, scored := uniformScore(res.Hits)
		ix.keepBrowse(key, writes, &browseCounts{total: res.Total, score: score, scored: scored,
			facets: maps.Clone(facets), timeline: timeline, interval: interval, outside: outside})
	}
	return out, nil
}

// locate sets the term locations of the hits, which snippets mark, by
// running the text query again on these hits only. Asking bleve for the
// locations in the search itself makes it gather them for every match,
// not only for the page shown, and makes a search three times slower.
// On a read-only index of one shard, the hits found by this package's
// own searches know their numbers, which a set of them is driven
// through (setQuery); the others are found by their ids, which bleve
// looks up in the id dictionary of every segment (at 200,000 articles,
// this took about 0.09 ms of the 0.4 ms of locating a page).
func (ix *Index) locate(ctx context.Context, text query.Query, hits bsearch.DocumentMatchCollection) error {
	if len(hits) == 0 {
		return nil
	}
	var q query.Query
	if set := numbers(hits); set != nil && ix.opts.ReadOnly && len(ix.shards) == 1 {
		q = setQuery{inner: locatable(text), set: set, driven: true}
	} else {
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		q = query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), locatable(text)})
	}
	sr := bleve.NewSearchRequestOptions(q, len(hits), 0, false)
	sr.IncludeLocations = true
	sr.Score = bleve.ScoreNone // the locations are wanted, not the scores
	res, err := ix.run(ctx, sr)
	if err != nil {
		return err
	}
	locs := make(map[string]bsearch.FieldTermLocationMap, len(res.Hits))
	for _, h := range res.Hits {
		locs[h.ID] = h.Locations
	}
	for _, h := range hits {
		h.Locations = locs[h.ID]
	}
	return nil
}

// numbers returns the set of the numbers of hits (IndexInternalID), or
// nil when one has none.
func numbers(hits bsearch.DocumentMatchCollection) *roaring.Bitmap {
	set := roaring.New()
	for _, h := range hits {
		if len(h.IndexInternalID) == 0 {
			return nil
		}
		set.Add(uint32(h.IndexInternalID.Value()))
	}
	return set
}

// locatable returns q with its conjunctions made disjunctions and its
// exclusions left out, for locate: on the articles that match q, it
// gives the locations that q gives them, as a conjunction gathers those
// of all its parts and an exclusion none. Run as a conjunction, each part
// sought the next article they all hold after each hit, through every
// article between: for "singapore AND purpose" at 200,000 articles
// (27 matches), locating the words of the page took 0.62 ms of CPU
// against 0.26 for the search itself.
func locatable(q query.Query) query.Query {
	all := func(qs []query.Query) []query.Query {
		out := make([]query.Query, len(qs))
		for i, c := range qs {
			out[i] = locatable(c)
		}
		return out
	}
	switch q := q.(type) {
	case *query.ConjunctionQuery:
		return query.NewDisjunctionQuery(all(q.Conjuncts))
	case *query.DisjunctionQuery:
		return query.NewDisjunctionQuery(all(q.Disjuncts))
	case *query.BooleanQuery:
		var parts []query.Query
		for _, c := range []query.Query{q.Must, q.Should} {
			if c != nil {
				parts = append(parts, locatable(c))
			}
		}
		if len(parts) == 0 {
			return q
		}
		return query.NewDisjunctionQuery(parts)
	}
	return q
}

// hit returns the Hit of a bleve match loaded with hitFields.
func hit(h *bsearch.DocumentMatch) Hit {
	f := h.Fields
	return Hit{
		ID:        h.ID,
		Title:     str(f, fieldTitle),
		Outlet:    str(f, fieldOutlet),
		Date:      date(f),
		Authors:   strs(f, fieldAuthors),
		Countries: strs(f, fieldCountries),
		Topics:    strs(f, fieldTopics),
		People:    strs(f, fieldPeople),
		Snippets: snippets(h.Locations, str(f, fieldTitle), str(f, fieldSubtitle),
			str(f, fieldLead), str(f, fieldBody), str(f, fieldNote)),
		TitleHTML: markedTitle(h.Locations, str(f, fieldTitle)),
		Score:     h.Score,
	}
}
