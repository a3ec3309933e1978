// Package web owns the HTTP face of clippings: an Echo server with a JSON
// API under /api/v1, a server-rendered search page and article pages that
// work without JavaScript, and the embedded templates and stylesheet.
//
// The server reads an index only through the Backend interface (which
// *search.Store implements), so it never touches Bleve itself. Handlers are
// thin: they parse query parameters into a search.Request (parseRequest),
// ask the Backend, turn the answer into a view struct and render it as JSON
// or HTML.
//
// Routes:
//
//	GET /                     search page (q, sort, filters, from, to, page, size)
//	GET /articles/:id         one article
//	GET /api/v1/search        search as JSON (SearchResponse)
//	GET /api/v1/articles/:id  one article as JSON (corpus.Article)
//	GET /healthz              liveness check
//	GET /static/*             embedded stylesheet and icon, with cache headers
//
// Errors under /api are JSON objects {"error":{"status":N,"message":"..."}};
// elsewhere they are a small HTML page. A bad query or parameter is a 400
// with a message for the user, never a 500. Every response carries a strict
// Content-Security-Policy and the usual hardening headers.
package web
