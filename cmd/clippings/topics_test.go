package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCustomTopics reindexes a corpus whose clippings.toml defines two
// topics of its own and checks that searching by each finds exactly the
// articles its query matches, and that a bad query is an error naming
// its topic.
func TestCustomTopics(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"china-russia.txt":   "China and Russia sign gas deal\n\nBeijing and Moscow signed a long-term gas supply deal on Tuesday.\n\nChina will buy Russian gas for thirty years.",
		"russia-ukraine.txt": "Russia shells Ukrainian port\n\nRussian artillery hit the port of Odesa overnight.\n\nUkraine said grain silos were damaged.",
		"china-trade.txt":    "China exports rise\n\nChina's exports rose in March as demand from Asia recovered.",
		"grain.txt":          "Wheat harvest lifts exports\n\nA record wheat harvest lifted grain exports from the Black Sea.\n\nUkraine and Russia are both large exporters.",
		"football.txt":       "Late goal wins the cup\n\nA late goal won the cup final for the home side.",
		"clippings.toml": `[topics]
"China–Russia relations" = "China AND Russia"
"Black Sea grain" = "grain OR wheat"
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	idx := filepath.Join(t.TempDir(), "index")
	code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", dir, "--index", idx, "--quiet")
	if code != exitOK {
		t.Fatalf("reindex: exit %d\n%s", code, stderr)
	}
	for _, line := range []string{`topic "Black Sea grain": 2 articles`, `topic "China–Russia relations": 1 article`} {
		if !strings.Contains(stderr, line) {
			t.Errorf("reindex output lacks %q:\n%s", line, stderr)
		}
	}
	for topic, want := range map[string][]string{
		"China–Russia relations": {"China and Russia sign gas deal"},
		"Black Sea grain":        {"Russia shells Ukrainian port", "Wheat harvest lifts exports"},
	} {
		code, stdout, stderr := runCmd(t, t.Context(), "search", "--index", idx, "--topic", topic, "--json")
		if code != exitOK {
			t.Fatalf("search --topic %q: exit %d\n%s", topic, code, stderr)
		}
		var res struct {
			Hits []struct {
				Title  string   `json:"title"`
				Topics []string `json:"topics"`
			} `json:"hits"`
			Facets map[string][]struct {
				Value string `json:"value"`
			} `json:"facets"`
		}
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("search --json: %v\n%s", err, stdout)
		}
		var titles []string
		for _, h := range res.Hits {
			titles = append(titles, h.Title)
			if !slices.Contains(h.Topics, topic) {
				t.Errorf("%q: topics %q lack %q", h.Title, h.Topics, topic)
			}
		}
		slices.Sort(titles)
		if !slices.Equal(titles, want) {
			t.Errorf("topic %q finds %q, want %q", topic, titles, want)
		}
	}

	// A bad query fails the reindex with the topic's name, and the live
	// index stays as it was.
	toml := "[topics]\n\"Broken\" = \"(China\"\n"
	if err := os.WriteFile(filepath.Join(dir, "clippings.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, t.Context(), "reindex", "--corpus", dir, "--index", idx, "--quiet")
	if code != exitFail || !strings.Contains(stderr, `topic "Broken"`) {
		t.Errorf("reindex with a bad topic query: exit %d, want %d with the topic named:\n%s", code, exitFail, stderr)
	}
	code, stdout, _ := runCmd(t, t.Context(), "search", "--index", idx, "--topic", "Black Sea grain", "--json")
	if code != exitOK || !strings.Contains(stdout, "Wheat harvest") {
		t.Errorf("after a failed reindex the old index should still serve: exit %d\n%s", code, stdout)
	}
}
