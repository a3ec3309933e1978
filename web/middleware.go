package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/clippings/clippings/search"
)

// contentSecurityPolicy allows nothing but the site's own stylesheet,
// script file and images: no inline script or style, no plugins, no
// framing, and forms may only submit to the site itself.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// securityHeaders sets the hardening headers on every response, errors
// included.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		return next(c)
	}
}

// logRequests logs one line per request through slog. It hands errors to
// the error handler itself, so that the logged status is the one sent.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		req, res := c.Request(), c.Response()
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(req.Context(), level, "request",
			slog.String("method", req.Method),
			slog.String("path", req.URL.Path),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("took", time.Since(start)),
			slog.String("remote", req.RemoteAddr),
		)
		return nil
	}
}

// errPanic stands for a handler that panicked; the user sees a plain 500.
var errPanic = errors.New("web: handler panicked")

// recoverPanics turns a panic in a handler into a 500, logging the panic
// value and stack but not showing them.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.log.Error("panic", "path", c.Request().URL.Path, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = errPanic
		}()
		return next(c)
	}
}

// checkQueryString refuses with a 400 a query string that does not parse
// in full, such as one with more parameters than net/url accepts
// (10,000): its parameters would otherwise be dropped without a word and
// the request served as if it had none.
func checkQueryString(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, err := url.ParseQuery(c.Request().URL.RawQuery); err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "the query string cannot be read: "+err.Error())
		}
		return next(c)
	}
}

// limitBody refuses request bodies over Options.BodyLimit with a 413.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.ContentLength > s.opts.BodyLimit {
			return echo.ErrStatusRequestEntityTooLarge
		}
		if req.Body != nil && req.Body != http.NoBody {
			req.Body = http.MaxBytesReader(c.Response(), req.Body, s.opts.BodyLimit)
		}
		return next(c)
	}
}

// apiError is the JSON body of an error under /api.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// handleError answers with the error's status: JSON under /api, a small
// HTML page elsewhere. Only client errors show their message; server
// errors are logged with their detail and shown with a generic message.
func (s *Server) handleError(err error, c echo.Context) {
	status, msg := classify(err)
	req := c.Request()
	if status >= 500 {
		s.log.Error("request failed", "method", req.Method, "path", req.URL.Path, "status", status, "err", err)
	}
	if c.Response().Committed {
		return
	}
	if status == http.StatusServiceUnavailable {
		// Busy or out of time: the next try may well succeed.
		c.Response().Header().Set("Retry-After", retryAfter)
	}
	if isAPI(req.URL.Path) {
		err = c.JSON(status, apiError{apiErrorBody{Status: status, Message: msg}})
	} else {
		err = s.render(c, status, "error", errorView{
			page:    s.page(http.StatusText(status)),
			Status:  status,
			Message: capitalize(msg),
		})
	}
	if err != nil {
		s.log.Error("writing error response", "path", req.URL.Path, "err", err)
	}
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func isAPI(path string) bool {
	return path == "/api" || strings.HasPrefix(path, "/api/")
}

// retryAfter is the Retry-After of a 503, in seconds.
const retryAfter = "1"

// classify returns the status of err and the message the user may see.
func classify(err error) (int, string) {
	var (
		pe *paramError
		qe *search.QueryError
		he *echo.HTTPError
		me *http.MaxBytesError
	)
	switch {
	case errors.As(err, &pe):
		return http.StatusBadRequest, pe.Error()
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Error()
	case errors.Is(err, search.ErrNotFound):
		return http.StatusNotFound, "article not found"
	case errors.As(err, &me):
		return http.StatusRequestEntityTooLarge, http.StatusText(http.StatusRequestEntityTooLarge)
	case errors.Is(err, search.ErrBusy):
		return http.StatusServiceUnavailable, "the server is busy; please try again in a moment"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the search took too long; please try again"
	case errors.As(err, &he):
		if he.Code >= 500 {
			break
		}
		msg, ok := he.Message.(string)
		if !ok || msg == "" {
			msg = http.StatusText(he.Code)
		}
		return he.Code, msg
	}
	return http.StatusInternalServerError, "internal server error"
}
