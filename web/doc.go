// Package web owns the HTTP face of clippings: an Echo server with a JSON
// API under /api/v1, a server-rendered search page and article pages that
// work without JavaScript, and the embedded templates, stylesheet and the
// small page script (static/app.js) that enhances them: keyboard
// shortcuts, facet filter boxes, brushing the timeline.
//
// The server reads an index only through the Backend interface (which
// *search.Store implements), so it never touches Bleve itself. Handlers are
// thin: they parse query parameters into a search.Request (parseRequest),
// ask the Backend, turn the answer into a view struct and render it as JSON
// or HTML.
//
// Routes:
//
//	GET /                             search page (q, sort, filters, from, to, page, size, more)
//	GET /articles/:id                 one article (q marks its terms)
//	GET /api/v1/search                search as JSON (SearchResponse)
//	GET /api/v1/articles/:id          one article as JSON (corpus.Article)
//	GET /api/v1/articles/:id/similar  articles like one (SimilarResponse)
//	GET /api/v1/export                every match as CSV or JSON Lines (format=csv|jsonl)
//	GET /api/v1/facets/:name          facet values by prefix (FacetLookupResponse)
//	GET /api/openapi.yaml             the OpenAPI 3 description of the API
//	GET /healthz                      liveness: the server answers (touches no index)
//	GET /readyz                       readiness: the live index answers a trivial query within 2 s
//	GET /static/*                     embedded stylesheet, script and icon, with cache headers
//
// Errors under /api are JSON objects {"error":{"status":N,"message":"..."}};
// elsewhere they are a small HTML page. A bad query or parameter is a 400
// with a message for the user, never a 500; a search refused because every
// slot and the queue are taken (search.ErrBusy), or out of time, is a 503
// with Retry-After. Every response carries a strict
// Content-Security-Policy (scripts only from the site's own files, no
// inline code) and the usual hardening headers.
package web
