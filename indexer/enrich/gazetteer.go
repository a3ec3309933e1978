package enrich

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"unicode"

	"github.com/biter777/countries"
)

//go:generate go run ./internal/conllnames -in ../../../shared/corpora/conll2003/eng.train -out data/conll_names.txt

//go:embed data/countries.txt data/regions.txt data/cities.txt data/given_names.txt data/family_names.txt
//go:embed data/conll_names.txt data/region_members.txt data/institutions.txt
var dataFiles embed.FS

// kind is what a gazetteer name refers to.
type kind uint8

const (
	kindCountry kind = iota + 1 // a country or a historic state
	kindRegion                  // a part of a country, or a world region
	kindCity                    // a city or a landmark within one
	kindDemonym                 // "Chinese", "Kyrgyz": evidence for a country, not a place
	kindBlock                   // "Bank of America": holds a place name but is not a place
)

// sense is one thing a written name can refer to.
type sense struct {
	// name is the canonical place name: "Saudi Arabia", "Bishkek". For a
	// demonym it is the name of the country it points to.
	name string
	// code is the ISO 3166-1 alpha-2 code of the country, or "" for a
	// world region.
	code string
	kind kind
	// vague is true when the written form is ambiguous (a person, a
	// common word, another place) and needs supporting context.
	vague bool
}

// gazetteer maps written names to the places they refer to. It is built once
// by newGazetteer and only read afterwards.
type gazetteer struct {
	// exact maps the tokens of a name, joined by spaces, to its senses,
	// the default sense first. It is used on running text.
	exact map[string][]sense
	// folded is exact with lower-cased keys, used on lines in capitals.
	folded map[string][]sense
	// maxExact and maxFolded give, for the first token of any name, the
	// largest number of tokens of a name starting with it.
	maxExact, maxFolded map[string]int
	// letters maps a name reduced to its lower-case letters ("saudiarabia",
	// "usa") to its senses; it resolves labels and datelines.
	letters map[string][]sense
	// abbrevs maps dateline abbreviations of regions ("calif", "nj") to
	// the region.
	abbrevs map[string]sense
	// countries maps an ISO code to the country's canonical name.
	countries map[string]string
	// given holds given names, and family holds family names that are
	// written first ("Xi Jinping"), for the person finder.
	given, family map[string]bool
	// surnames holds words that are mostly surnames or names used alone
	// ("Kohl", "Bruguera"), learned from CoNLL-2003 eng.train; the given
	// names learned there are in given.
	surnames map[string]bool
	// entities holds names of organisations, places and other things
	// that read like a person's name ("Morgan Stanley"), learned from
	// CoNLL-2003 eng.train.
	entities map[string]bool
	// members maps the canonical name of a world region to the codes of
	// its countries, for the regions whose membership is clear.
	members map[string][]string
	// words are the word lists of the resolver and the person finder.
	words *wordLists
}

// withdrawn reports whether the ISO list still carries code for a state that
// no longer exists (Netherlands Antilles, Yugoslavia); such names resolve to
// the successor's code instead (see doc.go).
func withdrawn(code string) bool { return code == "AN" || code == "YU" }

// newGazetteer loads the embedded tables. The tables are part of the
// program, so a malformed line is a bug and panics (the tests load them).
func newGazetteer() *gazetteer {
	g := &gazetteer{
		exact:     map[string][]sense{},
		folded:    map[string][]sense{},
		maxExact:  map[string]int{},
		maxFolded: map[string]int{},
		letters:   map[string][]sense{},
		abbrevs:   map[string]sense{},
		countries: map[string]string{},
		given:     map[string]bool{},
		family:    map[string]bool{},
		surnames:  map[string]bool{},
		entities:  map[string]bool{},
		members:   map[string][]string{},
		words:     newWordLists(),
	}
	iso := map[string]countries.CountryCode{}
	for _, c := range countries.All() {
		if !withdrawn(c.Alpha2()) {
			iso[c.Alpha2()] = c
		}
	}
	mustRead := func(name string, fn func(fields []string) error) {
		if err := readTable(name, fn); err != nil {
			panic(err)
		}
	}
	checkCode := func(code string) error {
		if _, ok := iso[code]; !ok {
			return fmt.Errorf("unknown ISO 3166-1 code %q", code)
		}
		return nil
	}
	mustRead("data/countries.txt", func(f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, got %d", len(f))
		}
		code, name := f[0], f[1]
		if err := checkCode(code); err != nil {
			return err
		}
		canonical := strings.TrimSuffix(name, "~")
		if _, ok := g.countries[code]; !ok {
			g.countries[code] = canonical
		}
		for _, n := range append([]string{name}, split(f[2])...) {
			g.add(n, sense{name: canonical, code: code, kind: kindCountry})
		}
		for _, d := range split(f[3]) {
			s := sense{name: canonical, code: code, kind: kindDemonym}
			g.add(d, s)
			if plural, ok := demonymPlural(d); ok {
				g.add(plural, s)
			}
		}
		return nil
	})
	mustRead("data/institutions.txt", func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		code := f[0]
		name, ok := g.countries[code]
		if !ok {
			return fmt.Errorf("%q is not a country of countries.txt", code)
		}
		for _, n := range split(f[1]) {
			g.add(n, sense{name: name, code: code, kind: kindDemonym})
		}
		return nil
	})
	mustRead("data/regions.txt", func(f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, got %d", len(f))
		}
		code, name := f[0], f[1]
		k := kindRegion
		switch code {
		case "-":
			code = ""
		case "!":
			code, k = "", kindBlock
		default:
			if err := checkCode(code); err != nil {
				return err
			}
		}
		s := sense{name: strings.TrimSuffix(name, "~"), code: code, kind: k}
		for _, n := range append([]string{name}, split(f[2])...) {
			g.add(n, s)
		}
		for _, a := range split(f[3]) {
			g.abbrevs[lettersKey(a)] = s
		}
		return nil
	})
	mustRead("data/cities.txt", func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields, got %d", len(f))
		}
		if err := checkCode(f[0]); err != nil {
			return err
		}
		s := sense{name: strings.TrimSuffix(f[1], "~"), code: f[0], kind: kindCity}
		for _, n := range append([]string{f[1]}, split(f[2])...) {
			g.add(n, s)
		}
		return nil
	})
	// The ISO list's own names resolve labels ("Russian Federation"), and
	// name any territory the tables above leave out.
	for code, c := range iso {
		name := isoName(c)
		if _, ok := g.countries[code]; !ok {
			g.countries[code] = name
			g.add(name, sense{name: name, code: code, kind: kindCountry})
		}
		g.addLetters(name, sense{name: g.countries[code], code: code, kind: kindCountry})
	}
	mustRead("data/region_members.txt", func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		if s := g.exact[f[0]]; len(s) == 0 || s[0].kind != kindRegion || s[0].code != "" {
			return fmt.Errorf("%q is not a world region", f[0])
		}
		for _, code := range strings.Fields(f[1]) {
			if err := checkCode(code); err != nil {
				return err
			}
			g.members[f[0]] = append(g.members[f[0]], code)
		}
		return nil
	})
	mustRead("data/given_names.txt", func(f []string) error {
		for _, n := range strings.Fields(f[0]) {
			g.given[n] = true
		}
		return nil
	})
	mustRead("data/conll_names.txt", func(f []string) error {
		if len(f) != 2 || (f[0] != "G" && f[0] != "S" && f[0] != "X") {
			return fmt.Errorf("want G|names, S|names or X|name")
		}
		if f[0] == "X" {
			g.entities[f[1]] = true
			return nil
		}
		for _, n := range strings.Fields(f[1]) {
			if f[0] == "G" {
				g.given[n] = true
			} else {
				g.surnames[n] = true
			}
		}
		return nil
	})
	mustRead("data/family_names.txt", func(f []string) error {
		for _, n := range strings.Fields(f[0]) {
			g.family[n] = true
		}
		return nil
	})
	return g
}

// isoName returns the ISO list's English name without its parenthesised
// qualifier: "Iran (Islamic Republic of)" -> "Iran".
func isoName(c countries.CountryCode) string {
	name := c.String()
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	return name
}

// readTable calls fn with the "|"-separated fields of each line of an
// embedded table, skipping comments and blank lines.
func readTable(name string, fn func(fields []string) error) error {
	f, err := dataFiles.Open(name)
	if err != nil {
		return fmt.Errorf("enrich: %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(strings.Split(line, "|")); err != nil {
			return fmt.Errorf("enrich: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("enrich: %s: %w", name, err)
	}
	return nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// demonymPlural returns the plural of a demonym that takes an "s":
// "Iranian" -> "Iranians", "Saudi" -> "Saudis"; "Chinese" takes none.
func demonymPlural(d string) (string, bool) {
	vague := strings.HasSuffix(d, "~")
	d = strings.TrimSuffix(d, "~")
	switch d[len(d)-1] {
	case 'a', 'i', 'o', 'n':
		if vague {
			return d + "s~", true
		}
		return d + "s", true
	}
	return "", false
}

// add records a written name (ending in "~" when vague) for a sense.
func (g *gazetteer) add(written string, s sense) {
	if strings.HasSuffix(written, "~") {
		written = strings.TrimSuffix(written, "~")
		s.vague = true
	}
	toks := tokenize(written)
	if len(toks) == 0 {
		panic(fmt.Sprintf("enrich: empty gazetteer name for %s", s.name))
	}
	key := joinKey(toks, false)
	g.exact[key] = addSense(g.exact[key], s)
	g.maxExact[toks[0].text] = max(g.maxExact[toks[0].text], len(toks))
	fkey := joinKey(toks, true)
	g.folded[fkey] = addSense(g.folded[fkey], s)
	first := strings.ToLower(toks[0].text)
	g.maxFolded[first] = max(g.maxFolded[first], len(toks))
	if s.kind != kindBlock {
		g.addLetters(written, s)
	}
}

func (g *gazetteer) addLetters(written string, s sense) {
	if k := lettersKey(written); k != "" {
		g.letters[k] = addSense(g.letters[k], s)
	}
}

// addSense appends s unless a sense for the same country (or, for world
// regions, the same name) is already there: the first one listed wins.
func addSense(senses []sense, s sense) []sense {
	for _, o := range senses {
		if o.code == s.code && (s.code != "" || o.name == s.name) {
			return senses
		}
	}
	return append(senses, s)
}

// joinKey joins token texts with single spaces, lower-cased when fold is
// set. The gazetteer keys and the lookups in text use the same function.
func joinKey(toks []token, fold bool) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		if fold {
			b.WriteString(strings.ToLower(t.text))
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// lettersKey reduces a name to its lower-case letters: "Saudi-Arabia" ->
// "saudiarabia", "U.S." -> "us".
func lettersKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// oddLabel returns the name meant by a Reuters-21578 PLACES label that no
// ordinary name spells: "congo" was the Republic of the Congo in 1987 (Zaire
// was the other Congo), and the two Yemens had abbreviated names.
func oddLabel(l string) (string, bool) {
	switch strings.ToLower(l) {
	case "congo":
		return "Republic of the Congo", true
	case "yemen-demo-republic":
		return "South Yemen", true
	case "yemen-arab-republic":
		return "North Yemen", true
	}
	return "", false
}

// label resolves a place label: a raw wire label ("saudi-arabia",
// "west-germany") or a name ("Saudi Arabia"). It prefers countries, then
// regions, then cities, and reports false when nothing matches.
func (g *gazetteer) label(l string) (sense, bool) {
	return g.labelIn(l, nil)
}

// labelIn is label, but an ambiguous label takes the sense in one of the
// preferred countries first: "Georgia" on an article already labelled US is
// the state.
func (g *gazetteer) labelIn(l string, prefer map[string]bool) (sense, bool) {
	l = strings.TrimSpace(l)
	if i := strings.Index(l, " ("); i > 0 {
		l = l[:i] // "Iran (Islamic Republic of)"
	}
	if odd, ok := oddLabel(l); ok {
		l = odd
	}
	senses := g.letters[lettersKey(l)]
	best := -1
	for i, s := range senses {
		if s.kind == kindDemonym || s.kind == kindBlock {
			continue
		}
		switch {
		case best < 0:
			best = i
		case prefer[s.code] != prefer[senses[best].code]:
			if prefer[s.code] {
				best = i
			}
		case s.kind < senses[best].kind:
			best = i
		}
	}
	if best < 0 {
		return sense{}, false
	}
	return senses[best], true
}

// humanize turns an unresolved raw label into a readable place name:
// "north-sea" -> "North Sea".
func humanize(l string) string {
	l = strings.Join(strings.Fields(strings.ReplaceAll(l, "-", " ")), " ")
	if l != strings.ToLower(l) {
		return l
	}
	return titleCase(l)
}

// titleCase capitalises the first letter of each word of a lower-case or
// upper-case name: "NEW YORK" -> "New York", "COEUR D'ALENE" -> "Coeur
// D'Alene".
func titleCase(s string) string {
	out := []rune(strings.ToLower(s))
	start := true
	for i, r := range out {
		if unicode.IsLetter(r) {
			if start {
				out[i] = unicode.ToUpper(r)
			}
			start = false
			continue
		}
		start = r == ' ' || r == '-' || r == '\'' || r == '.'
	}
	return string(out)
}
