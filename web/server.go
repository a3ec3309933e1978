package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// Backend is what the server needs from an index; *search.Store implements it.
type Backend interface {
	Search(ctx context.Context, req search.Request) (search.Result, error)
	Article(ctx context.Context, id string) (corpus.Article, error)
	// ExportWith calls fn with every article matching req, in its
	// order, with its score and snippets when opts asks for them.
	ExportWith(ctx context.Context, req search.Request, opts search.ExportOptions, fn func(search.Exported) error) error
	// Similar returns up to n articles most like the article id.
	Similar(ctx context.Context, id string, n int) ([]search.Hit, error)
	// FacetValues returns the values of a facet matching prefix.
	FacetValues(ctx context.Context, facet, prefix string, size int) ([]search.FacetValue, error)
	// Labels returns the descriptions of the source's codes, shown
	// beside the tags and sections they describe; nil when there are
	// none.
	Labels(ctx context.Context) (corpus.Labels, error)
}

// Options configure a Server; the zero value is usable.
type Options struct {
	// Logger receives one line per request and the detail of every
	// failure; nil means slog.Default().
	Logger *slog.Logger
	// SiteName is shown in page titles and the header; empty means
	// "clippings".
	SiteName string
	// BodyLimit is the largest request body accepted, in bytes; 0 means
	// 1 MiB.
	BodyLimit int64
	// BackendTimeout bounds each call to the Backend; 0 means 10 seconds.
	BackendTimeout time.Duration
	// ShutdownTimeout bounds the graceful shutdown of Serve; 0 means 10
	// seconds.
	ShutdownTimeout time.Duration
}

// Defaults for the zero Options.
const (
	defaultSiteName        = "clippings"
	defaultBodyLimit       = 1 << 20
	defaultBackendTimeout  = 10 * time.Second
	defaultShutdownTimeout = 10 * time.Second
)

// Server is the clippings web application. It is an http.Handler; use
// ListenAndServe or Serve to run it, or ServeHTTP with httptest.
type Server struct {
	backend Backend
	opts    Options
	log     *slog.Logger
	echo    *echo.Echo
	pages   map[string]*template.Template
	static  *staticFiles
}

// New returns a Server that answers from b.
func New(b Backend, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.SiteName == "" {
		opts.SiteName = defaultSiteName
	}
	if opts.BodyLimit <= 0 {
		opts.BodyLimit = defaultBodyLimit
	}
	if opts.BackendTimeout <= 0 {
		opts.BackendTimeout = defaultBackendTimeout
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = defaultShutdownTimeout
	}
	s := &Server{backend: b, opts: opts, log: opts.Logger}
	s.static = loadStatic()
	s.pages = parsePages(s.static)

	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.Use(securityHeaders, s.logRequests, s.recoverPanics, s.limitBody, checkQueryString)

	get := []string{http.MethodGet, http.MethodHead}
	e.Match(get, "/", s.handleSearchPage)
	e.Match(get, "/articles/:id", s.handleArticlePage)
	e.Match(get, "/api/v1/search", s.handleAPISearch)
	e.Match(get, "/api/v1/articles/:id", s.handleAPIArticle)
	e.Match(get, "/api/v1/articles/:id/similar", s.handleAPISimilar)
	e.Match(get, "/api/v1/export", s.handleExport)
	e.Match(get, "/api/v1/facets/:name", s.handleAPIFacet)
	e.Match(get, "/api/openapi.yaml", s.handleOpenAPI)
	e.Match(get, "/healthz", s.handleHealth)
	e.Match(get, "/readyz", s.handleReady)
	e.Match(get, "/static/*", s.handleStatic)
	s.echo = e
	return s
}

// ServeHTTP serves the whole application.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
}

// ListenAndServe listens on the TCP address addr and serves until ctx is
// done, then shuts down gracefully. It returns nil after a clean shutdown.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done, then shuts down gracefully,
// letting requests in flight finish within Options.ShutdownTimeout. It
// closes ln and returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      s.opts.BackendTimeout + 20*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("listening", "addr", "http://"+ln.Addr().String())

	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	select {
	case err := <-done:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}

// searchBackend runs a search with the server's backend timeout.
func (s *Server) searchBackend(ctx context.Context, req search.Request) (search.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.BackendTimeout)
	defer cancel()
	res, err := s.backend.Search(ctx, req)
	if err != nil {
		return res, fmt.Errorf("web: search %q: %w", req.Query, err)
	}
	return res, nil
}

// similar fetches the articles like id with the server's backend timeout;
// a failure leaves the list empty, as it is an extra of the article page.
func (s *Server) similar(ctx context.Context, id string, n int) ([]search.Hit, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.BackendTimeout)
	defer cancel()
	hits, err := s.backend.Similar(ctx, id, n)
	if err != nil {
		return nil, fmt.Errorf("web: similar to %q: %w", id, err)
	}
	return hits, nil
}

// labels fetches the descriptions of the source's codes with the server's
// backend timeout; a failure leaves the codes without them, as they are
// an extra of the article page.
func (s *Server) labels(ctx context.Context) (corpus.Labels, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.BackendTimeout)
	defer cancel()
	l, err := s.backend.Labels(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: labels: %w", err)
	}
	return l, nil
}

// article fetches one article with the server's backend timeout.
func (s *Server) article(ctx context.Context, id string) (corpus.Article, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.BackendTimeout)
	defer cancel()
	a, err := s.backend.Article(ctx, id)
	if err != nil {
		return a, fmt.Errorf("web: article %q: %w", id, err)
	}
	return a, nil
}
