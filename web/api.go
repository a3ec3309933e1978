package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// SearchResponse is the JSON body of GET /api/v1/search, also printed by
// `clippings search --json`. Every list is an array, never null.
type SearchResponse struct {
	Total  uint64                          `json:"total"`
	TookMS int64                           `json:"took_ms"`
	Page   int                             `json:"page"`
	Size   int                             `json:"size"`
	Hits   []HitResponse                   `json:"hits"`
	Facets map[string][]FacetValueResponse `json:"facets"`
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
// articles that have it.
type FacetValueResponse struct {
	Value string `json:"value"`
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
		Total:  res.Total,
		TookMS: res.Took.Milliseconds(),
		Page:   page,
		Size:   size,
		Hits:   make([]HitResponse, 0, len(res.Hits)),
		Facets: make(map[string][]FacetValueResponse, len(search.FacetNames)),
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
			vals = append(vals, FacetValueResponse{Value: fv.Value, Count: fv.Count})
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
	for _, l := range []*[]string{&a.Authors, &a.Tags, &a.People, &a.Places, &a.Countries, &a.Topics} {
		*l = nonNil(*l)
	}
	return c.JSON(http.StatusOK, a)
}

// handleHealth serves GET /healthz.
func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
