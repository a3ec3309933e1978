package corpus

import (
	"bufio"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseLabels(t *testing.T) {
	in := `Some notes on the Reuters Categories
gave a list of 135 TOPICS categories (March 9, 1990), which were used

****Subject Codes (135)

Money/Foreign Exchange (MONEY-FX)
Trade (TRADE)

**Commodity Codes (78)

ALUM
COCOA

@heading[Organization Codes (56)]
@begin[format]
African Development Bank (ADB-AFRICA)@*
Grupo de Paises Latinoamericanos y del Caribe Exportadores de Azucar
[Group of Latin American and Caribbean Sugar Exporting Countries]
(GEPLACEA)@*
@end[format]
@heading[Country Codes (176)]
@begin[format]
AFGHANISTAN@*
ALBANIA @*
@end[format]
Egypt
@begin[itemize]
   Central Bank (Reserve Bank) Governor Bob Johnston  (JOHNSTON)
   Agriculture and Rural Development Minister Gurdial Singh Dhillon
                                                     (DHILLON)
@end[itemize]
`
	got, err := ParseLabels(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Labels{
		"money-fx":   "Money/Foreign Exchange",
		"adb-africa": "African Development Bank",
		"geplacea":   "Grupo de Paises Latinoamericanos y del Caribe Exportadores de Azucar [Group of Latin American and Caribbean Sugar Exporting Countries]",
		"johnston":   "Central Bank (Reserve Bank) Governor Bob Johnston",
		"dhillon":    "Agriculture and Rural Development Minister Gurdial Singh Dhillon",
	}
	if !maps.Equal(got, want) {
		t.Errorf("ParseLabels =\n%q\nwant\n%q", got, want)
	}
	if d := got.Of(" MONEY-FX "); d != "Money/Foreign Exchange" {
		t.Errorf("Of(MONEY-FX) = %q", d)
	}
}

func TestLoadLabels(t *testing.T) {
	fsys := fstest.MapFS{
		"cat-descriptions_120396.txt": {Data: []byte("Money/Foreign Exchange (MONEY-FX)\nCrude Oil (CRUDE)\n")},
		"sub/labels.txt":              {Data: []byte("Not read (NOT-READ)\n")},
		"reut2-000.sgm":               {Data: []byte("<REUTERS>\n")},
	}
	cfg := Config{Labels: map[string]string{"Crude": " Crude  oil ", "wheat": "Wheat"}}
	labels, files, err := LoadLabels(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := Labels{"money-fx": "Money/Foreign Exchange", "crude": "Crude oil", "wheat": "Wheat"}
	if !maps.Equal(labels, want) || len(files) != 1 || files[0] != "cat-descriptions_120396.txt" {
		t.Errorf("LoadLabels = %q from %q, want %q from the descriptions file", labels, files, want)
	}
	labels, files, err = LoadLabels(fstest.MapFS{"a.txt": {Data: []byte("Text (X)")}}, Config{})
	if err != nil || labels != nil || files != nil {
		t.Errorf("a corpus without labels: %q, %q, %v", labels, files, err)
	}
	for p, want := range map[string]bool{"cat-descriptions_120396.txt": true, "CAT-DESCRIPTIONS.TXT": true,
		"labels.txt": true, "sub/labels.txt": false, "cat-descriptions.sgm": false, "README.txt": false} {
		if IsLabelFile(p) != want {
			t.Errorf("IsLabelFile(%q) = %v", p, !want)
		}
	}
}

// TestReutersLabels reads the descriptions Reuters-21578 ships,
// cat-descriptions_120396.txt, and counts the codes of each kind its
// lists name (all-*-strings.lc.txt) that get a description. The
// commodity codes (cocoa, coffee) and the countries are listed without
// one.
func TestReutersLabels(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpora", "reuters21578")
	if _, err := os.Stat(filepath.Join(dir, "cat-descriptions_120396.txt")); err != nil {
		t.Skipf("shared corpora not available: %v", err)
	}
	labels, files, err := LoadLabels(os.DirFS(dir), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0] != "cat-descriptions_120396.txt" {
		t.Errorf("files read %q", files)
	}
	for code, want := range map[string]string{
		"money-fx": "Money/Foreign Exchange", "earn": "Earnings and Earnings Forecasts", "acq": "Mergers/Acquisitions",
		"crude": "Crude Oil", "nat-gas": "Natural Gas", "dlr": "U.S. Dollar", "opec": "Organisation of Petroleum Exporting Countries",
		"ico-coffee": "International Coffee Organisation", "nyse": "New York Stock Exchange", "lme": "London Metal Exchange",
		"geplacea":      "Grupo de Paises Latinoamericanos y del Caribe Exportadores de Azucar [Group of Latin American and Caribbean Sugar Exporting Countries]",
		"deng-xiaoping": "Elder Statesman (a member of the Standing Committee of the Communist Party Politburo) Deng Xiaoping",
	} {
		if got := labels.Of(code); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
	for _, code := range []string{"cocoa", "trade", "usa", "el-salvador"} {
		if d, ok := labels[code]; ok {
			t.Errorf("%s has description %q; the file gives none but the code", code, d)
		}
	}
	t.Logf("%d codes with a description", len(labels))
	for _, tt := range []struct {
		kind string
		min  int
	}{{"topics", 52}, {"orgs", 56}, {"exchanges", 39}, {"people", 266}} {
		codes := readLines(t, filepath.Join(dir, "all-"+tt.kind+"-strings.lc.txt"))
		n := 0
		for _, c := range codes {
			if labels.Of(c) != "" {
				n++
			}
		}
		t.Logf("%s: %d of %d codes described", tt.kind, n, len(codes))
		if n < tt.min {
			t.Errorf("%s: %d of %d codes described, want at least %d", tt.kind, n, len(codes), tt.min)
		}
	}
}

// readLines returns the non-empty lines of a file.
func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not available", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
