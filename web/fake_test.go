package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// fakeBackend is a small in-memory Backend: it matches every query word
// as a substring of title, lead and body, applies the filters and dates,
// counts the facets, pages the hits and marks the words in snippets, the
// way search.Store does. It records every Request it gets. A query with
// an unclosed double quote is a *search.QueryError.
type fakeBackend struct {
	articles []corpus.Article
	// err, when set, is returned by every call.
	err error
	// panicOn, when set, makes Search panic for that query.
	panicOn string
	// failAfter, when above 0, makes Export fail with errExportFailed
	// after giving that many articles.
	failAfter int
	// labels, when set, describe the source's codes: the tag and section
	// facets are then counted, their values labelled.
	labels corpus.Labels

	mu   sync.Mutex
	reqs []search.Request
}

func newFakeBackend(articles ...corpus.Article) *fakeBackend {
	if len(articles) == 0 {
		articles = sampleArticles()
	}
	return &fakeBackend{articles: articles}
}

// lastRequest returns the last Request that Search got.
func (f *fakeBackend) lastRequest() (search.Request, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) == 0 {
		return search.Request{}, false
	}
	return f.reqs[len(f.reqs)-1], true
}

func (f *fakeBackend) Search(ctx context.Context, req search.Request) (search.Result, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.err != nil {
		return search.Result{}, f.err
	}
	if f.panicOn != "" && req.Query == f.panicOn {
		panic("fake backend: " + req.Query)
	}
	if i := strings.Index(req.Query, `"`); i >= 0 && strings.Count(req.Query, `"`)%2 == 1 {
		return search.Result{}, &search.QueryError{Query: req.Query, Pos: strings.LastIndex(req.Query, `"`), Msg: "unclosed quote"}
	}
	if req.Size > search.MaxSize {
		return search.Result{}, &search.QueryError{Pos: -1, Msg: "size too large"}
	}
	matches, words := f.matches(req)

	page, size := max(req.Page, 1), req.Size
	if size == 0 {
		size = search.DefaultSize
	}
	res := search.Result{
		Total:    uint64(len(matches)),
		Took:     12*time.Millisecond + 345*time.Microsecond,
		Page:     page,
		Size:     size,
		Facets:   f.facetCounts(matches),
		Timeline: yearTimeline(matches),
		Interval: search.IntervalYear,

		FilterValues: f.filterValues(req.Filters),
	}
	start := min((page-1)*size, len(matches))
	end := min(start+size, len(matches))
	for _, a := range matches[start:end] {
		res.Hits = append(res.Hits, search.Hit{
			ID: a.ID, Title: a.Title, Outlet: a.Outlet, Date: a.Date,
			Authors: a.Authors, Countries: a.Countries, Topics: a.Topics, People: a.People,
			Snippets: snippets(a, words), Score: 1,
		})
	}
	return res, nil
}

// filterValues pairs each filter value with the values of the articles
// it names, ignoring case, as search.Index does.
func (f *fakeBackend) filterValues(fl search.Filters) []search.FilterValue {
	var out []search.FilterValue
	for _, p := range []struct {
		name  string
		given []string
		have  func(corpus.Article) []string
	}{
		{paramTopic, fl.Topic, func(a corpus.Article) []string { return a.Topics }},
		{paramCountry, fl.Country, func(a corpus.Article) []string { return a.Countries }},
		{paramOutlet, fl.Outlet, func(a corpus.Article) []string { return []string{a.Outlet} }},
		{paramPerson, fl.Person, func(a corpus.Article) []string { return a.People }},
		{paramPlace, fl.Place, func(a corpus.Article) []string { return a.Places }},
		{paramAuthor, fl.Author, func(a corpus.Article) []string { return a.Authors }},
	} {
		for _, g := range p.given {
			fv := search.FilterValue{Filter: p.name, Given: g}
			for _, a := range f.articles {
				if i := slices.IndexFunc(p.have(a), func(h string) bool { return strings.EqualFold(h, g) }); i >= 0 {
					fv.Value = p.have(a)[i]
					break
				}
			}
			out = append(out, fv)
		}
	}
	return out
}

// matches returns the articles matching req, in its order, and the
// words of its query.
func (f *fakeBackend) matches(req search.Request) ([]corpus.Article, []string) {
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(req.Query, `"`, " ")))
	var matches []corpus.Article
	for _, a := range f.articles {
		if matchesAll(a, words) && matchesFilters(a, req) {
			matches = append(matches, a)
		}
	}
	slices.SortStableFunc(matches, func(a, b corpus.Article) int {
		c := b.Date.Time.Compare(a.Date.Time)
		if req.Sort == search.SortOldest {
			c = -c
		}
		return cmp.Or(c, strings.Compare(a.ID, b.ID))
	})
	return matches, words
}

func (f *fakeBackend) ExportWith(ctx context.Context, req search.Request, opts search.ExportOptions, fn func(search.Exported) error) error {
	if f.err != nil {
		return f.err
	}
	if strings.Count(req.Query, `"`)%2 == 1 {
		return &search.QueryError{Query: req.Query, Pos: strings.LastIndex(req.Query, `"`), Msg: "unclosed quote"}
	}
	matches, _ := f.matches(req)
	for i, a := range matches {
		if f.failAfter > 0 && i == f.failAfter {
			return errExportFailed
		}
		x := search.Exported{Article: a}
		if opts.Scores {
			x.Score = 1
		}
		if opts.Snippets {
			x.Snippets = snippets(a, strings.Fields(strings.ToLower(req.Query)))
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

// errExportFailed is the error of an export that fails midway.
var errExportFailed = errors.New("fake: the index went away")

// Similar returns the articles sharing a topic with id, in id order.
func (f *fakeBackend) Similar(ctx context.Context, id string, n int) ([]search.Hit, error) {
	a, err := f.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	hits := []search.Hit{}
	for _, b := range f.articles {
		if b.ID != id && len(hits) < n && slices.ContainsFunc(b.Topics, func(t string) bool { return slices.Contains(a.Topics, t) }) {
			hits = append(hits, search.Hit{ID: b.ID, Title: b.Title, Outlet: b.Outlet, Date: b.Date,
				Authors: b.Authors, Countries: b.Countries, Topics: b.Topics, People: b.People})
		}
	}
	return hits, nil
}

// FacetValues counts the values of a facet over all articles that start
// with prefix, ignoring case.
func (f *fakeBackend) FacetValues(ctx context.Context, facet, prefix string, size int) ([]search.FacetValue, error) {
	if f.err != nil {
		return nil, f.err
	}
	if size == 0 {
		size = search.DefaultFacetSize
	}
	out := []search.FacetValue{}
	for _, fv := range f.facetCounts(f.articles)[facet] {
		if (strings.HasPrefix(strings.ToLower(fv.Value), strings.ToLower(prefix)) ||
			strings.Contains(strings.ToLower(fv.Label), strings.ToLower(prefix))) && len(out) < size {
			out = append(out, fv)
		}
	}
	return out, nil
}

func (f *fakeBackend) Article(ctx context.Context, id string) (corpus.Article, error) {
	if f.err != nil {
		return corpus.Article{}, f.err
	}
	for _, a := range f.articles {
		if a.ID == id {
			return a, nil
		}
	}
	return corpus.Article{}, search.ErrNotFound
}

// yearTimeline counts the articles per year, from the first year with
// one to the last.
func yearTimeline(matches []corpus.Article) []search.Bucket {
	counts := map[int]int{}
	first, last := 0, 0
	for _, a := range matches {
		if a.Date.IsZero() {
			continue
		}
		y := a.Date.Time.Year()
		counts[y]++
		if first == 0 || y < first {
			first = y
		}
		last = max(last, y)
	}
	out := []search.Bucket{}
	for y := first; first > 0 && y <= last; y++ {
		out = append(out, search.Bucket{Start: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Precision: corpus.PrecisionYear, Count: counts[y]})
	}
	return out
}

func matchesAll(a corpus.Article, words []string) bool {
	text := strings.ToLower(a.Title + "\n" + a.Lead + "\n" + a.Body)
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func matchesFilters(a corpus.Article, req search.Request) bool {
	anyOf := func(want, have []string) bool {
		if len(want) == 0 {
			return true
		}
		for _, w := range want {
			if containsFold(have, w) {
				return true
			}
		}
		return false
	}
	f := req.Filters
	if !anyOf(f.Outlet, []string{a.Outlet}) || !anyOf(f.Country, a.Countries) || !anyOf(f.Topic, a.Topics) ||
		!anyOf(f.Person, a.People) || !anyOf(f.Place, a.Places) || !anyOf(f.Author, a.Authors) {
		return false
	}
	if (!req.From.IsZero() || !req.To.IsZero()) && a.Date.IsZero() {
		return false
	}
	if !req.From.IsZero() && a.Date.Time.Before(req.From) {
		return false
	}
	return req.To.IsZero() || !a.Date.Time.After(req.To)
}

// Labels returns the labels the fake was given.
func (f *fakeBackend) Labels(ctx context.Context) (corpus.Labels, error) {
	if f.err != nil {
		return nil, f.err
	}
	return f.labels, nil
}

// facetCounts counts the facets of the matches; with labels, the tag and
// section facets too, their values labelled.
func (f *fakeBackend) facetCounts(matches []corpus.Article) map[string][]search.FacetValue {
	counts := map[string]map[string]int{}
	add := func(facet string, vals ...string) {
		if counts[facet] == nil {
			counts[facet] = map[string]int{}
		}
		for _, v := range vals {
			if v != "" {
				counts[facet][v]++
			}
		}
	}
	for _, a := range matches {
		add(search.FacetOutlet, a.Outlet)
		add(search.FacetCountry, a.Countries...)
		add(search.FacetTopic, a.Topics...)
		add(search.FacetPerson, a.People...)
		if f.labels != nil {
			add(search.FacetTag, a.Tags...)
			add(search.FacetSection, a.Section)
		}
		if !a.Date.IsZero() {
			add(search.FacetYear, a.Date.Time.Format("2006"))
		}
	}
	out := map[string][]search.FacetValue{}
	for facet, m := range counts {
		var vals []search.FacetValue
		for v, n := range m {
			fv := search.FacetValue{Value: v, Count: n}
			if facet == search.FacetTag || facet == search.FacetSection {
				fv.Label = f.labels.Of(v)
			}
			vals = append(vals, fv)
		}
		slices.SortFunc(vals, func(a, b search.FacetValue) int {
			return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value))
		})
		out[facet] = vals
	}
	return out
}

// snippets returns the first body paragraph holding a query word, escaped,
// with the words marked; or the escaped lead when there is no query.
func snippets(a corpus.Article, words []string) []string {
	if len(words) == 0 {
		if a.Lead == "" {
			return nil
		}
		return []string{html.EscapeString(a.Lead)}
	}
	for _, p := range paragraphs(a.Lead + "\n\n" + a.Body) {
		lp := strings.ToLower(p)
		i := strings.Index(lp, words[0])
		if i < 0 {
			continue
		}
		j := i + len(words[0])
		return []string{fmt.Sprintf("%s<mark>%s</mark>%s", html.EscapeString(p[:i]), html.EscapeString(p[i:j]), html.EscapeString(p[j:]))}
	}
	return nil
}

// article returns a tidy Article with its source and id set.
func article(source string, a corpus.Article) corpus.Article {
	a.Source = source
	a.ID = corpus.IDOf(source)
	a.Tidy()
	return a
}

func day(y int, m time.Month, d int) corpus.Date {
	return corpus.NewDate(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), corpus.PrecisionDay)
}

// sampleArticles are newswire stories and blog posts in the shape the
// indexer produces from the corpora.
func sampleArticles() []corpus.Article {
	return []corpus.Article{
		article("reuters21578/reut2-000.sgm#5", corpus.Article{
			Title: "Saudi Arabia says OPEC output accord is holding", Outlet: "Reuters", Date: day(1987, 3, 2),
			Topics: []string{"crude"}, Countries: []string{"SA"}, People: []string{"Hisham Nazer"}, Places: []string{"Riyadh"},
			Lead: "Saudi Arabia said OPEC members were keeping to the output accord agreed in December.",
			Body: "Saudi Arabia said OPEC members were keeping to the output accord agreed in December.\n\n" +
				"Oil Minister Hisham Nazer told reporters in Riyadh that crude oil prices had firmed to the group's reference price of 18 dlrs a barrel.\n\n" +
				"He said Saudi output was below its quota of 4.133 mln barrels per day.",
			Language: "en",
		}),
		article("reuters21578/reut2-000.sgm#12", corpus.Article{
			Title: "Bundesbank leaves key interest rates unchanged", Outlet: "Reuters", Date: day(1987, 3, 5),
			Topics: []string{"interest", "money-fx"}, Countries: []string{"DE"}, People: []string{"Karl Otto Poehl"}, Places: []string{"Frankfurt"},
			Body: "The Bundesbank left its discount and Lombard rates unchanged at its council meeting, a spokesman said.\n\n" +
				"President Karl Otto Poehl said the mark's rise against the dollar had eased pressure on interest rates.",
			Language: "en",
		}),
		article("reuters21578/reut2-001.sgm#40", corpus.Article{
			Title: "U.S. wheat exports to the Soviet Union rise", Outlet: "Reuters", Date: day(1987, 4, 8),
			Topics: []string{"grain", "wheat"}, Countries: []string{"US", "RU"}, People: []string{"Richard Lyng"}, Places: []string{"Washington", "Moscow"},
			Body: "U.S. wheat exports to the Soviet Union rose in the week, the Agriculture Department said.\n\n" +
				"Agriculture Secretary Richard Lyng said an export subsidy offer on wheat remained open.",
			Language: "en",
		}),
		article("reuters21578/reut2-001.sgm#77", corpus.Article{
			Title: "France weighs a tax on oil imports", Outlet: "Reuters",
			Date:   corpus.NewDate(time.Date(1987, 4, 1, 0, 0, 0, 0, time.UTC), corpus.PrecisionMonth),
			Topics: []string{"crude", "trade"}, Countries: []string{"FR"}, People: []string{"Edouard Balladur"}, Places: []string{"Paris"},
			Body: "France is considering a tax on crude oil imports to support domestic energy producers, Finance Minister Edouard Balladur said.\n\n" +
				"Oil companies in Paris said such a tax would raise prices at the pump.",
			Language: "en",
		}),
		article("reuters21578/reut2-002.sgm#3", corpus.Article{
			Title: "Japan's trade surplus with the U.S. widens", Outlet: "Reuters", Date: day(1987, 3, 20),
			Topics: []string{"trade"}, Countries: []string{"JP", "US"}, People: []string{"Yasuhiro Nakasone"}, Places: []string{"Tokyo"},
			Body: "Japan's trade surplus with the United States widened in February, the Finance Ministry said.\n\n" +
				"Prime Minister Yasuhiro Nakasone said Japan would do more to open its markets and cut its dependence on oil imports.",
			Language: "en",
		}),
		article("blog-archive-certaindoubts/2005/03/index.html#2", corpus.Article{
			Title: "Disagreement and the value of evidence", Subtitle: "Peer disagreement, once more", Outlet: "Certain Doubts",
			Authors: []string{"Jon Kvanvig"}, Section: "Epistemology", Tags: []string{"disagreement", "evidence"},
			Date:   corpus.NewDate(time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), corpus.PrecisionYear),
			Topics: []string{"philosophy"},
			URL:    "https://certaindoubts.com/disagreement-and-the-value-of-evidence/",
			Body: "When two peers disagree, should either lower their confidence?\n\n" +
				"The answer depends on what the evidence of disagreement is evidence of.",
			Note:     "A new piece I wrote for the group blog; I also spoke about it to The Philosophers' Magazine.",
			Mentions: []string{"The Philosophers' Magazine"},
			Language: "en",
			Excerpt:  true,
			SeenIn:   []string{"blog-archive-certaindoubts/2005/03/index.html#2", "blog-archive-certaindoubts/index.html#4"},
			Provenance: map[string]string{"title": "h-entry", "date": "archive-heading", "authors": "byline-line",
				"split": "repeated-region"},
		}),
		article("blog-archive-lifewithalacrity/previous/2004/12/social-software.html#1", corpus.Article{
			Title: "Tracing the evolution of social software", Outlet: "Life With Alacrity", Authors: []string{"Christopher Allen"},
			Topics: []string{"technology"}, Countries: []string{"US"},
			URL:  "javascript:alert(1)",
			Body: "Social software is not new. Its roots go back to the 1940s, to Vannevar Bush and the memex.",
		}),
	}
}
