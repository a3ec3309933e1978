package search

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clippings/clippings/corpus"
)

// longArticle has a body of about 3,000 bytes in paragraphs, in which
// "volcano" appears five times far apart and "ash" twice.
func longArticle() corpus.Article {
	filler := []string{
		"Airlines cancelled thousands of flights across northern Europe as the cloud drifted south.",
		"Passengers slept in terminals from Oslo to Madrid while officials debated the risks.",
		"Engineers said the particles could damage jet engines even at low concentrations.",
		"Trains and ferries were packed with travellers trying to get home by other means.",
	}
	var paras []string
	for i := range 5 {
		var p []string
		for j := range 6 {
			p = append(p, filler[(i+j)%len(filler)])
		}
		p[3] = "The volcano kept erupting, said the met office."
		if i == 1 || i == 3 {
			p[4] = "Fine ash fell on farms near the volcano's foot."
		}
		paras = append(paras, strings.Join(p, " "))
	}
	return corpus.Article{
		ID: "long", Outlet: "Wire", Title: "Eruption closes European airspace",
		Lead: "An Icelandic volcano shut European airspace for six days.",
		Body: strings.Join(paras, "\n\n"),
	}
}

func TestSnippetsGolden(t *testing.T) {
	markup := corpus.Article{ID: "markup", Title: "Tags like <b> & <i> in a title",
		Lead: "A lead with <em>markup</em> & an ampersand.", Body: "Body text about tags."}
	ix := newTestIndex(t, append(fixture(), longArticle(), markup))
	queries := []string{"", "interest rates", `"climate talks"`, "merkel", "data", "elected",
		"volcano", "volcano ash", "outlet:Wire", "tags", "lead:ampersand"}
	out := map[string]map[string][]string{}
	for _, q := range queries {
		res, err := ix.Search(context.Background(), Request{Query: q, Size: 100})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		out[q] = map[string][]string{}
		for _, h := range res.Hits {
			out[q][h.ID] = h.Snippets
			if len(h.Snippets) > maxSnippets {
				t.Errorf("%q: %s has %d snippets, want at most %d", q, h.ID, len(h.Snippets), maxSnippets)
			}
		}
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	golden(t, "snippets.json", []byte(b.String()))
}

func TestSnippetsEscapeHTML(t *testing.T) {
	ix := newTestIndex(t, fixture())
	for _, q := range []string{"data", "", "harvested"} {
		res, err := ix.Search(context.Background(), Request{Query: q, Filters: Filters{Topic: []string{"technology"}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || len(res.Hits[0].Snippets) == 0 {
			t.Fatalf("%q: hits %+v, want cam with snippets", q, res.Hits)
		}
		s := strings.Join(res.Hits[0].Snippets, " ")
		if strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;script&gt;alert(&#39;") ||
			!strings.Contains(s, "</mark> &amp; sold") && !strings.Contains(s, "harvested &amp; sold") {
			t.Errorf("%q: snippets %q, want the body's <script> and & escaped", q, s)
		}
		if q != "" && !strings.Contains(s, "<mark>"+q+"</mark>") {
			t.Errorf("%q: snippets %q, want the word marked", q, s)
		}
		if q == "" && strings.Contains(s, "<mark>") {
			t.Errorf("empty query: snippets %q, want nothing marked", s)
		}
	}
}

func TestFragments(t *testing.T) {
	a := longArticle()
	ix := newTestIndex(t, []corpus.Article{a})
	res, err := ix.Search(context.Background(), Request{Query: "volcano"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("hits %v, error %v", ids(res.Hits), err)
	}
	snips := res.Hits[0].Snippets
	if len(snips) != maxSnippets {
		t.Fatalf("%d snippets, want %d: %q", len(snips), maxSnippets, snips)
	}
	last := -1
	for _, s := range snips {
		if !strings.Contains(s, "<mark>volcano</mark>") {
			t.Errorf("snippet %q does not mark volcano", s)
		}
		plain := strings.NewReplacer("<mark>", "", "</mark>", "", "&#39;", "'").Replace(s)
		if n := len(plain); n > snippetBytes+2*len(ellipsis) {
			t.Errorf("snippet of %d bytes, want at most about %d: %q", n, snippetBytes, s)
		}
		if strings.Contains(plain, "  ") || strings.Contains(plain, "\n") {
			t.Errorf("snippet %q has white space left as is", s)
		}
		// Each fragment begins and ends on a word boundary of the body.
		core := strings.TrimSuffix(strings.TrimPrefix(plain, ellipsis), ellipsis)
		body := strings.Join(strings.Fields(a.Body), " ")
		at := strings.Index(body, core)
		if at < 0 {
			t.Fatalf("snippet %q is not a part of the body", s)
		}
		if at > 0 && body[at-1] != ' ' || at+len(core) < len(body) && body[at+len(core)] != ' ' {
			t.Errorf("snippet %q cuts a word", s)
		}
		if at <= last {
			t.Errorf("snippets are not in the order of the text: %q", snips)
		}
		last = at
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 100) // 500 bytes
	tests := []struct {
		text, want string
	}{
		{"Short & sweet.", "Short &amp; sweet."},
		{"Two\n\nparagraphs,  squeezed.", "Two paragraphs, squeezed."},
		{long, strings.TrimSpace(long[:excerptBytes]) + ellipsis},
		{strings.Repeat("x", 300), strings.Repeat("x", 300)[:excerptBytes] + ellipsis},
		{strings.Repeat("é", 200), strings.Repeat("é", excerptBytes/2) + ellipsis},
	}
	for _, tt := range tests {
		got := excerpt(tt.text, excerptBytes)
		if got != tt.want {
			t.Errorf("excerpt(%.20q…) = %q, want %q", tt.text, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("excerpt(%.20q…) is not valid UTF-8", tt.text)
		}
	}
}

// titleAndSnippets returns the marked title of a hit, when the query
// matched in it, followed by its snippets.
func titleAndSnippets(h Hit) []string {
	if h.TitleHTML == "" {
		return h.Snippets
	}
	return append([]string{h.TitleHTML}, h.Snippets...)
}

// TestSnippetsDoNotRepeatTheTitle: the title is marked apart, and the
// snippets come from the text, even when only the title matched.
func TestSnippetsDoNotRepeatTheTitle(t *testing.T) {
	ix := newTestIndex(t, fixture())
	res, err := ix.Search(context.Background(), Request{Query: "title:glaciers"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", ids(res.Hits))
	}
	h := res.Hits[0]
	if h.TitleHTML != "<mark>Glaciers</mark> are melting faster than ever" {
		t.Errorf("marked title %q", h.TitleHTML)
	}
	if len(h.Snippets) != 1 || !strings.HasPrefix(h.Snippets[0], "Ice sheets in Greenland") {
		t.Errorf("snippets %q, want the start of the body", h.Snippets)
	}
}
