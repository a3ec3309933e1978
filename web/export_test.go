package web

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestExportFailsMidway checks what a client gets from an export that
// fails after it began: the articles so far; in JSON Lines an error line
// after them; then, for a client that accepts trailers, the end of the
// response with the X-Export-Error trailer, and for any other a cut
// connection.
func TestExportFailsMidway(t *testing.T) {
	const given = 3
	fb := newFakeBackend()
	fb.failAfter = given
	srv, logs := newTestServer(fb)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	const wantMsg = "the export stopped after 3 articles: internal server error"

	for _, tt := range []struct {
		format   string
		trailers bool
	}{
		{"jsonl", false}, {"jsonl", true}, {"csv", false}, {"csv", true},
	} {
		name := tt.format
		if tt.trailers {
			name += " with TE: trailers"
		}
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/export?format="+tt.format, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.trailers {
				req.Header.Set("TE", "trailers")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			body, readErr := io.ReadAll(res.Body)
			if tt.trailers {
				if readErr != nil {
					t.Errorf("a client that accepts trailers gets a cut response: %v", readErr)
				}
				if got := res.Trailer.Get("X-Export-Error"); got != wantMsg {
					t.Errorf("trailer X-Export-Error = %q, want %q", got, wantMsg)
				}
			} else if readErr == nil {
				t.Error("the response was not cut: the client cannot tell the export is incomplete")
			}

			if tt.format == "csv" {
				rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
				if err != nil {
					t.Fatalf("the CSV so far does not parse: %v\n%s", err, body)
				}
				if len(rows) != 1+given || rows[0][0] != "id" {
					t.Errorf("%d CSV rows, want the header and %d articles", len(rows), given)
				}
				return
			}
			var lines []map[string]any
			sc := bufio.NewScanner(bytes.NewReader(body))
			for sc.Scan() {
				var m map[string]any
				if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
					t.Fatalf("line %q: %v", sc.Text(), err)
				}
				lines = append(lines, m)
			}
			if len(lines) != given+1 {
				t.Fatalf("%d lines, want %d articles and an error line:\n%s", len(lines), given, body)
			}
			for _, l := range lines[:given] {
				if _, ok := l["id"]; !ok {
					t.Errorf("an article line without an id: %v", l)
				}
			}
			want := map[string]any{"error": map[string]any{"status": 500.0, "message": wantMsg}}
			if got := lines[given]; !jsonEqual(got, want) {
				t.Errorf("last line %v, want %v", got, want)
			}
		})
	}
	if !strings.Contains(logs.String(), "export cut short") || !strings.Contains(logs.String(), errExportFailed.Error()) {
		t.Errorf("the failure is not logged with its cause:\n%s", logs.String())
	}
}

// jsonEqual reports whether a and b encode to the same JSON.
func jsonEqual(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

func TestExportFileName(t *testing.T) {
	now := time.Date(2026, 12, 4, 23, 30, 0, 0, time.FixedZone("X", 3*3600))
	tests := []struct {
		query, format, want string
	}{
		{"q=crude+oil&country=SA&country=KW&format=csv", "csv", "clippings-crude-oil-country-sa-country-kw-2026-12-04.csv"},
		{"", "jsonl", "clippings-all-2026-12-04.jsonl"},
		{"q=Zürich+%22banks%22&from=2015-11", "csv", "clippings-zurich-banks-from-2015-11-2026-12-04.csv"},
		{"q=" + strings.Repeat("word+", 30), "csv", "clippings-" + strings.TrimSuffix(strings.Repeat("word-", 12), "-") + "-2026-12-04.csv"},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := exportFileName(v, tt.format, now); got != tt.want {
			t.Errorf("exportFileName(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
	srv, _ := newTestServer(newFakeBackend())
	rec := get(t, srv, "/api/v1/export?format=jsonl&q=oil")
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="clippings-oil-20`) || !strings.HasSuffix(cd, `.jsonl"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
}

// TestExportColumns: snippet and score columns on request, in CSV and JSON
// Lines, on a real index; lists are [] and never null.
func TestExportColumns(t *testing.T) {
	srv := newStoreServer(t, storeArticles())
	rec := get(t, srv, "/api/v1/export?format=csv&q=oil&columns=snippet,score")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || rec.Code != http.StatusOK {
		t.Fatalf("csv: %d %v", rec.Code, err)
	}
	h := rows[0]
	if h[len(h)-2] != "snippet" || h[len(h)-1] != "score" || !slices.Contains(h, "date_precision") {
		t.Errorf("header %q", h)
	}
	for _, r := range rows[1:] {
		if !strings.Contains(strings.ToLower(r[len(r)-2]), "«oil»") || r[len(r)-1] == "" || r[len(r)-1] == "0" {
			t.Errorf("row %s: snippet %q, score %q", r[0], r[len(r)-2], r[len(r)-1])
		}
	}
	rec = get(t, srv, "/api/v1/export?format=jsonl&columns=snippet")
	for _, line := range strings.Split(strings.TrimSpace(rec.Body.String()), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		if _, ok := a["snippets"].([]any); !ok {
			t.Errorf("%s: snippets %v", a["id"], a["snippets"])
		}
		if _, ok := a["score"]; ok {
			t.Errorf("%s: a score not asked for", a["id"])
		}
		for k, v := range a {
			if v == nil && k != "date" {
				t.Errorf("%s: %s is null", a["id"], k)
			}
		}
	}
	if rec := get(t, srv, "/api/v1/export?format=csv&columns=colour"); rec.Code != http.StatusBadRequest {
		t.Errorf("columns=colour: status %d", rec.Code)
	}
}
