package enrich

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biter777/countries"
)

// notCountryLabels are Reuters-21578 PLACES labels that name no country.
// All 175 labels are countries or territories with an ISO code today, so
// the set is empty; it is kept so that the test says so explicitly.
var notCountryLabels = map[string]bool{}

func TestReutersPlaceLabelsResolve(t *testing.T) {
	f, err := os.Open(filepath.Join(corpora, "reuters21578", "all-places-strings.lc.txt"))
	if os.IsNotExist(err) {
		t.Skipf("shared corpora not found: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := newGazetteer()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		label := strings.TrimSpace(sc.Text())
		if label == "" {
			continue
		}
		n++
		s, ok := g.label(label)
		switch {
		case notCountryLabels[label]:
			if ok && s.code != "" {
				t.Errorf("label %q is listed as not a country but resolves to %s", label, s.code)
			}
		case !ok || s.code == "":
			t.Errorf("label %q does not resolve to a country", label)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 175 {
		t.Errorf("read %d labels, want 175", n)
	}
}

func TestLabel(t *testing.T) {
	g := newGazetteer()
	tests := []struct {
		label, code, name string
	}{
		{"usa", "US", "United States"},
		{"uk", "GB", "United Kingdom"},
		{"west-germany", "DE", "West Germany"},
		{"east-germany", "DE", "East Germany"},
		{"ussr", "RU", "Soviet Union"},
		{"hong-kong", "HK", "Hong Kong"},
		{"saudi-arabia", "SA", "Saudi Arabia"},
		{"Saudi Arabia", "SA", "Saudi Arabia"},
		{"burma", "MM", "Burma"},
		{"zaire", "CD", "Zaire"},
		{"congo", "CG", "Republic of the Congo"},
		{"ivory-coast", "CI", "Ivory Coast"},
		{"yugoslavia", "RS", "Yugoslavia"},
		{"czechoslovakia", "CZ", "Czechoslovakia"},
		{"kampuchea", "KH", "Kampuchea"},
		{"netherlands-antilles", "CW", "Netherlands Antilles"},
		{"yemen-demo-republic", "YE", "South Yemen"},
		{"trinidad-tobago", "TT", "Trinidad and Tobago"},
		{"us-virgin-islands", "VI", "U.S. Virgin Islands"},
		{"vatican", "VA", "Vatican City"},
		{"Russian Federation", "RU", "Russia"},
		{"Iran (Islamic Republic of)", "IR", "Iran"},
		{"georgia", "GE", "Georgia"},
		{"jordan", "JO", "Jordan"},
		{"Bishkek", "KG", "Bishkek"},
		{"Peking", "CN", "Beijing"},
		{"Middle East", "", "Middle East"},
	}
	for _, tt := range tests {
		s, ok := g.label(tt.label)
		if !ok || s.code != tt.code || s.name != tt.name {
			t.Errorf("label(%q) = %q %q %v, want %q %q", tt.label, s.code, s.name, ok, tt.code, tt.name)
		}
	}
	for _, l := range []string{"north-sea", "Atlantis", ""} {
		if s, ok := g.label(l); ok {
			t.Errorf("label(%q) = %+v, want no match", l, s)
		}
	}
}

func TestHumanize(t *testing.T) {
	tests := map[string]string{
		"north-sea":      "North Sea",
		"new  caledonia": "New Caledonia",
		"Gaza Strip":     "Gaza Strip",
	}
	for in, want := range tests {
		if got := humanize(in); got != want {
			t.Errorf("humanize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := titleCase("COEUR D'ALENE"); got != "Coeur D'Alene" {
		t.Errorf("titleCase = %q", got)
	}
	if got := titleCase("WINSTON-SALEM"); got != "Winston-Salem" {
		t.Errorf("titleCase = %q", got)
	}
}

// TestISOCoverage checks the gazetteer against the ISO list: every current
// code has a canonical name, and every capital the list knows resolves to
// its country.
func TestISOCoverage(t *testing.T) {
	g := newGazetteer()
	// Capitals the ISO list spells with a qualifier or does not have.
	odd := map[string]bool{"None": true, "Willemstad Curacao": true, "Georgetown Guyana": true,
		"Basse-Terre Guadeloupe": true, "Kingston Norfolk Island": true}
	for _, c := range countries.All() {
		code := c.Alpha2()
		if withdrawn(code) {
			if _, ok := g.countries[code]; ok {
				t.Errorf("withdrawn code %s has a name", code)
			}
			continue
		}
		if g.countries[code] == "" {
			t.Errorf("%s has no canonical name", code)
		}
		capital := c.Capital().String()
		if odd[capital] || capital == "" {
			continue
		}
		if senseWith(g.letters[lettersKey(capital)], code) < 0 {
			t.Errorf("capital %q of %s does not resolve", capital, code)
		}
	}
	for key, senses := range g.exact {
		for _, s := range senses {
			if s.code != "" && g.countries[s.code] == "" {
				t.Errorf("%q resolves to unknown code %s", key, s.code)
			}
		}
	}
}

// TestGivenNames checks the size of the given-name list and a few names the
// other tests rely on.
func TestGivenNames(t *testing.T) {
	g := newGazetteer()
	if n := len(g.given); n < 2000 {
		t.Errorf("%d given names, want at least 2000", n)
	}
	for _, n := range []string{"Lee", "Vladimir", "Mohammed", "Raffaello", "Xi"} {
		if !g.given[n] && !g.family[n] {
			t.Errorf("%q is not a known name", n)
		}
	}
}
