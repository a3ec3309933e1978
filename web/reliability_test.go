package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRepeatedParams checks that a filter repeated 10,000 times (issue
// 13's hostile URLs) is one filter, and is not copied into every link of
// the page: the page is no bigger than with the filter given once.
func TestRepeatedParams(t *testing.T) {
	srv, _ := newTestServer(newFakeBackend())
	once := get(t, srv, "/?q=oil&outlet=x")
	many := get(t, srv, "/?q=oil"+strings.Repeat("&outlet=x", 5000)+strings.Repeat("&q=gas", 4000))
	if once.Code != http.StatusOK || many.Code != http.StatusOK {
		t.Fatalf("status %d and %d, want 200", once.Code, many.Code)
	}
	if n, m := once.Body.Len(), many.Body.Len(); m > n+1000 {
		t.Errorf("page of the repeated filter: %d bytes, with it once: %d", m, n)
	}
	// Beyond the 10,000 parameters net/url reads, the request is refused
	// rather than served as if it had none.
	for _, path := range []string{"/", "/api/v1/search"} {
		rec := get(t, srv, path+"?q=oil"+strings.Repeat("&outlet=x", 10000))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s with 10,001 parameters: %d, want 400", path, rec.Code)
		}
	}
}
