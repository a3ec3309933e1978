package web

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// openAPIDoc is the OpenAPI 3 description of the JSON API, served at
// /api/openapi.yaml.
//
//go:embed openapi.yaml
var openAPIDoc []byte

// SearchResponse is the JSON body of GET /api/v1/search, also printed by
// `clippings search --json`. Every list is an array, never null.
type SearchResponse struct {
	Total  uint64                          `json:"total"`
	TookMS int64                           `json:"took_ms"`
	Page   int                             `json:"page"`
	Size   int                             `json:"size"`
	Hits   []HitResponse                   `json:"hits"`
	Facets map[string][]FacetValueResponse `json:"facets"`
	// Timeline counts the matches per TimelineInterval: per day or week
	// ("1987-03-02", the week's Monday), month ("1987-03") or year
	// ("1987"), empty periods included. TimelineOutside counts the dated
	// matches it leaves out, strays far from the bulk of them.
	Timeline         []BucketResponse `json:"timeline"`
	TimelineInterval string           `json:"timeline_interval"`
	TimelineOutside  int              `json:"timeline_outside"`
	// Unmatched lists the filter values that match no article; the
	// search then finds nothing. Suggestions offers values that exist
	// for them.
	Unmatched   []UnmatchedResponse  `json:"unmatched"`
	Suggestions []SuggestionResponse `json:"suggestions"`
}

// UnmatchedResponse is a filter value that matches no article.
type UnmatchedResponse struct {
	Filter string `json:"filter"`
	Value  string `json:"value"`
}

// SuggestionResponse is a value offered for an unmatched filter value:
// Value as the index writes it (a country's code), Label for a reader (its
// name), Count the articles with it in the whole index.
type SuggestionResponse struct {
	Filter string `json:"filter"`
	Given  string `json:"given"`
	Value  string `json:"value"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

// BucketResponse is one period of a timeline.
type BucketResponse struct {
	Period corpus.Date `json:"period"`
	Count  int         `json:"count"`
}

// HitResponse is one hit of a SearchResponse. Date is "YYYY-MM-DD",
// "YYYY-MM" or "YYYY" by precision, or null.
type HitResponse struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Outlet    string      `json:"outlet"`
	Date      corpus.Date `json:"date"`
	Authors   []string    `json:"authors"`
	Countries []string    `json:"countries"`
	Topics    []string    `json:"topics"`
	People    []string    `json:"people"`
	Snippets  []string    `json:"snippets"`
}

// FacetValueResponse is one value of a facet and the number of matching
// articles that have it. Label names the value for a reader: a country
// code's name ("Kuwait" for KW), or the description the source gives of
// one of its codes, for a tag or a section ("Money/Foreign Exchange" for
// Reuters' money-fx); it is left out for other values.
type FacetValueResponse struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// NewSearchResponse converts a search result to its JSON form: every list
// is an array, never null, and every facet of search.FacetNames is present.
// A zero page or size in res is reported as 1 or search.DefaultSize.
func NewSearchResponse(res search.Result) SearchResponse {
	return newSearchResponse(search.Request{}, res)
}

// newSearchResponse is NewSearchResponse falling back to the page and size
// of req when res leaves them zero.
func newSearchResponse(req search.Request, res search.Result) SearchResponse {
	page, size := effectivePage(req, res)
	out := SearchResponse{
		Total:    res.Total,
		TookMS:   res.Took.Milliseconds(),
		Page:     page,
		Size:     size,
		Hits:     make([]HitResponse, 0, len(res.Hits)),
		Facets:   make(map[string][]FacetValueResponse, len(search.FacetNames)),
		Timeline: make([]BucketResponse, 0, len(res.Timeline)),

		TimelineInterval: string(res.Interval),
		TimelineOutside:  res.TimelineOutside,

		Unmatched:   []UnmatchedResponse{},
		Suggestions: make([]SuggestionResponse, 0, len(res.Suggestions)),
	}
	for _, fv := range res.Unmatched() {
		out.Unmatched = append(out.Unmatched, UnmatchedResponse{Filter: fv.Filter, Value: fv.Given})
	}
	for _, sg := range res.Suggestions {
		label := sg.Value
		if sg.Filter == paramCountry {
			label = search.CountryName(sg.Value)
		}
		out.Suggestions = append(out.Suggestions, SuggestionResponse{Filter: sg.Filter, Given: sg.Given, Value: sg.Value, Label: label, Count: sg.Count})
	}
	for _, b := range res.Timeline {
		out.Timeline = append(out.Timeline, BucketResponse{Period: b.Date(), Count: b.Count})
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, HitResponse{
			ID:        h.ID,
			Title:     h.Title,
			Outlet:    h.Outlet,
			Date:      h.Date,
			Authors:   nonNil(h.Authors),
			Countries: nonNil(h.Countries),
			Topics:    nonNil(h.Topics),
			People:    nonNil(h.People),
			Snippets:  nonNil(h.Snippets),
		})
	}
	for _, name := range search.FacetNames {
		vals := make([]FacetValueResponse, 0, len(res.Facets[name]))
		for _, fv := range res.Facets[name] {
			vals = append(vals, facetValueResponse(name, fv))
		}
		out.Facets[name] = vals
	}
	return out
}

// effectivePage returns the page and size of a result, falling back to
// those asked for (and then to the defaults) when the backend left them
// zero.
func effectivePage(req search.Request, res search.Result) (page, size int) {
	page, size = res.Page, res.Size
	if page <= 0 {
		page = max(req.Page, 1)
	}
	if size <= 0 {
		size = req.Size
		if size <= 0 {
			size = search.DefaultSize
		}
	}
	return page, size
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// handleAPISearch serves GET /api/v1/search.
func (s *Server) handleAPISearch(c echo.Context) error {
	req, err := parseRequest(c.QueryParams())
	if err != nil {
		return err
	}
	res, err := s.searchBackend(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newSearchResponse(req, res))
}

// handleAPIArticle serves GET /api/v1/articles/:id with the full article.
func (s *Server) handleAPIArticle(c echo.Context) error {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	a, err := s.article(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, exportArticle(a))
}

// FacetLookupResponse is the JSON body of GET /api/v1/facets/{name}.
type FacetLookupResponse struct {
	Facet  string               `json:"facet"`
	Prefix string               `json:"prefix"`
	Values []FacetValueResponse `json:"values"`
}

// facetValueResponse is a facet value in JSON, a country with its name, a
// code of the source with its description.
func facetValueResponse(facet string, fv search.FacetValue) FacetValueResponse {
	out := FacetValueResponse{Value: fv.Value, Count: fv.Count, Label: fv.Label}
	if facet == search.FacetCountry {
		if name := search.CountryName(fv.Value); name != fv.Value {
			out.Label = name
		}
	}
	return out
}

// handleAPIFacet serves GET /api/v1/facets/:name?prefix=&size=, the
// values of a facet that start with prefix (or have a word that does; a
// country's name too), most frequent first: over the whole index, or,
// with search parameters (q, filters, from, to), over the result set of
// that search (the facet's own filter aside, as its counts on the page).
func (s *Server) handleAPIFacet(c echo.Context) error {
	name := c.Param("name")
	if !slices.Contains(search.LookupFacets, name) {
		return &paramError{Param: "name", Value: name, Want: "a facet: " + strings.Join(search.LookupFacets, ", ")}
	}
	v := c.QueryParams()
	prefix := strings.TrimSpace(v.Get("prefix"))
	if len(prefix) > 200 {
		return &paramError{Param: "prefix", Want: "at most 200 bytes"}
	}
	size, err := intParam(v, paramSize, 1, search.MaxSize)
	if err != nil {
		return err
	}
	if size == 0 {
		size = search.DefaultFacetSize
	}
	var vals []search.FacetValue
	if scoped := without(cleanValues(v), paramSize, paramMore, paramSort, paramInterval); len(scoped) > 0 {
		req, err := parseRequest(scoped)
		if err != nil {
			return err
		}
		req.Size = 1
		req.FacetSizes = map[string]int{name: search.MaxFacetSize}
		res, err := s.searchBackend(c.Request().Context(), req)
		if err != nil {
			return err
		}
		for _, fv := range res.Facets[name] {
			if len(vals) < size && (search.MatchesPrefix(name, fv.Value, prefix) || (fv.Label != "" && search.MatchesPrefix(name, fv.Label, prefix))) {
				vals = append(vals, fv)
			}
		}
	} else {
		ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.BackendTimeout)
		defer cancel()
		if vals, err = s.backend.FacetValues(ctx, name, prefix, size); err != nil {
			return fmt.Errorf("web: facet %s: %w", name, err)
		}
	}
	out := FacetLookupResponse{Facet: name, Prefix: prefix, Values: make([]FacetValueResponse, 0, len(vals))}
	for _, fv := range vals {
		out.Values = append(out.Values, facetValueResponse(name, fv))
	}
	return c.JSON(http.StatusOK, out)
}

// SimilarResponse is the JSON body of GET /api/v1/articles/{id}/similar.
type SimilarResponse struct {
	Hits []HitResponse `json:"hits"`
}

// handleAPISimilar serves GET /api/v1/articles/:id/similar?size=, the
// articles most like one by content.
func (s *Server) handleAPISimilar(c echo.Context) error {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	size, err := intParam(c.QueryParams(), paramSize, 1, 50)
	if err != nil {
		return err
	}
	hits, err := s.similar(c.Request().Context(), id, size)
	if err != nil {
		return err
	}
	out := SimilarResponse{Hits: newSearchResponse(search.Request{}, search.Result{Hits: hits}).Hits}
	return c.JSON(http.StatusOK, out)
}

// handleOpenAPI serves the OpenAPI 3 description of the JSON API.
func (s *Server) handleOpenAPI(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "application/yaml", openAPIDoc)
}

// HealthResponse is the JSON body of GET /healthz and GET /readyz.
type HealthResponse struct {
	// Status is "ok" when the server (for /readyz: its index) answers,
	// "unavailable" when it does not.
	Status string `json:"status"`
	// Articles is the number of articles in the index (/readyz only).
	Articles uint64 `json:"articles,omitempty"`
	// Error says why the index did not answer.
	Error string `json:"error,omitempty"`
}

// readier is implemented by a Backend that can tell cheaply whether its
// index answers (*search.Store does).
type readier interface {
	// Ready runs a trivial query on the live index, outside the queue of
	// user searches, and returns the number of articles.
	Ready(ctx context.Context) (uint64, error)
}

// readyTimeout bounds a /readyz probe.
const readyTimeout = 2 * time.Second

// handleHealth serves GET /healthz, a liveness check: 200 as long as the
// server answers requests at all. It touches no index, so a busy server
// is not taken for a dead one.
func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, HealthResponse{Status: "ok"})
}

// handleReady serves GET /readyz: 200 when the live index opens and
// answers a trivial query within readyTimeout, 503 when it does not, so
// that a load balancer stops sending searches to a server whose index is
// gone or damaged. The probe does not wait behind user searches.
func (s *Server) handleReady(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), readyTimeout)
	defer cancel()
	var n uint64
	var err error
	if r, ok := s.backend.(readier); ok {
		n, err = r.Ready(ctx)
	} else {
		var res search.Result
		res, err = s.backend.Search(ctx, search.Request{Size: 1})
		n = res.Total
	}
	if err != nil {
		s.opts.Logger.Error("readiness check failed", "err", err)
		return c.JSON(http.StatusServiceUnavailable, HealthResponse{Status: "unavailable", Error: err.Error()})
	}
	return c.JSON(http.StatusOK, HealthResponse{Status: "ok", Articles: n})
}
