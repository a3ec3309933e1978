package enrich

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/clippings/clippings/corpus"
)

// fieldKind says which part of an article a text comes from; it weighs the
// evidence found there.
type fieldKind uint8

const (
	fieldTitle fieldKind = iota
	fieldDateline
	fieldLead
	fieldBody
)

// field is one tokenized text of an article. The dateline is not a field:
// it is resolved on its own (see datelinePlaces).
type field struct {
	kind fieldKind
	text string
	toks []token
	// claimed marks tokens that belong to an accepted place name, a
	// demonym or a blocked phrase; the person finder skips them.
	claimed []bool
	// wrapped is true for text wrapped at a fixed width (see hardWrapped).
	wrapped bool
}

// document is an article cut into tokenized fields, in reading order.
type document struct {
	fields []field
	// dateline is the place part of a dateline ("NEW YORK", "STAMFORD,
	// Conn."), or "" when the article has none.
	dateline string
	// authors are the article's authors, lower-cased: their name alone on
	// a line is a byline, not a mention (see ruleFinder).
	authors map[string]bool
}

// newDocument cuts an article into fields. A dateline at the start of the
// lead or body ("DUBLIN, April 1 -") is set apart in document.dateline, and
// a body that repeats the lead is not counted twice.
func newDocument(a *corpus.Article) *document {
	d := &document{authors: map[string]bool{}}
	for _, au := range a.Authors {
		d.authors[strings.ToLower(strings.Join(strings.Fields(au), " "))] = true
	}
	lead, body := strings.TrimSpace(a.Lead), strings.TrimSpace(a.Body)
	if lead != "" && strings.HasPrefix(body, lead) {
		body = body[len(lead):]
	}
	var dateline string
	if dl, rest, ok := splitDateline(lead); ok {
		dateline, lead = dl, rest
	} else if dl, rest, ok := splitDateline(body); ok {
		dateline, body = dl, rest
	}
	d.dateline = dateline
	d.add(fieldTitle, a.Title)
	d.add(fieldLead, a.Subtitle)
	d.add(fieldLead, lead)
	d.add(fieldBody, body)
	return d
}

func (d *document) add(k fieldKind, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	toks := tokenize(text)
	d.fields = append(d.fields, field{kind: k, text: text, toks: toks, claimed: make([]bool, len(toks)),
		wrapped: hardWrapped(text)})
}

// datelineRE matches the dateline that opens a wire story: a place, an
// optional state or country, an optional date and agency, then a dash:
// "NEW YORK, March 3 - ", "STAMFORD, Conn., March 2 - ", "LONDON (Reuters) - ",
// "AMSTERDAM, 2 March - ". A dated dateline may also end the line
// ("LONDON, March 3" above a table). Wire markers ("****") may precede it.
var datelineRE = regexp.MustCompile(`^[\s*]*(\p{Lu}[\p{L}\p{M}.'’ -]{0,40}?)` +
	`(?:\s*,\s*(\p{Lu}[\p{L}\p{M}.'’ ]{0,30}?))?\s*` +
	`(,?\s*(?:(?:(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-zA-Z]*|\p{Lu}\p{Ll}{2,4})\.?\s*\d{1,2}|` +
	`\d{1,2}\s+(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-zA-Z]*)(?:,?\s+\d{4})?[ \t]*)?` +
	`(\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg|IANS|PTI|EFE|ANSA|Kyodo)\)\s*|,\s*Reuters?\s*)?` +
	`(?:,?\s*(?:-{1,2}|–|—)\s|(\n))`)

// splitDateline returns the place part of a dateline at the start of s and
// the text after it. Without a date or an agency the place must be written
// in capitals, so that an ordinary sentence is not taken for a dateline.
func splitDateline(s string) (dateline, rest string, ok bool) {
	head := s
	if len(head) > 200 {
		head = head[:200] // a dateline is short; do not scan the whole text
	}
	m := datelineRE.FindStringSubmatchIndex(head)
	if m == nil {
		return "", s, false
	}
	return splitDatelineMatch(s, m)
}

func splitDatelineMatch(s string, m []int) (string, string, bool) {
	place := strings.TrimSpace(s[m[2]:m[3]])
	dated := m[6] >= 0 || m[8] >= 0
	caps := place == strings.ToUpper(place) && len(lettersKey(place)) >= 3
	lineEnd := m[10] >= 0
	if (!dated || lineEnd) && !caps || lineEnd && m[6] < 0 {
		return "", s, false
	}
	dateline := place
	if m[4] >= 0 {
		dateline += ", " + strings.TrimSpace(s[m[4]:m[5]])
	}
	return dateline, s[m[1]:], true
}

// match is a gazetteer name found in a field.
type match struct {
	field  int // index in document.fields
	tok, n int // first token and number of tokens
	senses []sense
	// pick is the index of the chosen sense, pickNone when the name is
	// not counted, pickOpen while undecided.
	pick int
}

const (
	pickNone = -1
	pickOpen = -2
)

func (m *match) sense() sense { return m.senses[m.pick] }

// scan finds gazetteer names in the tokens of a field, longest first.
// Names start with an upper-case word; lines in capitals are matched
// without regard to case.
func (g *gazetteer) scan(fi int, toks []token) []match {
	var out []match
	var key []byte
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.word || !t.upper {
			continue
		}
		index, maxLen := g.exact, g.maxExact[t.text]
		if t.caps {
			index, maxLen = g.folded, g.maxFolded[strings.ToLower(t.text)]
		}
		for n := min(maxLen, len(toks)-i); n > 0; n-- {
			key = key[:0]
			for j, u := range toks[i : i+n] {
				if j > 0 {
					key = append(key, ' ')
				}
				if t.caps {
					key = append(key, strings.ToLower(u.text)...)
				} else {
					key = append(key, u.text...)
				}
			}
			if senses, ok := index[string(key)]; ok {
				out = append(out, match{field: fi, tok: i, n: n, senses: senses, pick: pickOpen})
				i += n - 1
				break
			}
		}
	}
	return out
}

// findPlaces scans every field and decides which names count, and as what.
func (g *gazetteer) findPlaces(d *document) []match {
	var all []match
	for fi := range d.fields {
		all = append(all, g.scan(fi, d.fields[fi].toks)...)
	}
	// Names that need no context count at once, and are the support that
	// decides the ambiguous ones.
	support := map[string]int{}
	for i := range all {
		m := &all[i]
		switch {
		case m.senses[0].kind == kindBlock:
			m.pick = pickNone
		case g.beforeCurrency(d, m):
			// "Australian dollar bond", "50 mln U.S. dlrs": a currency, not
			// the country.
			m.pick = pickNone
		case g.namesAgreement(d, m) || isTicker(d, m):
			// "the Paris accord", "Carbide <UK>".
			m.pick = pickNone
		case !m.senses[0].vague && g.afterGivenName(d, m):
			// "Mark Cairns", "Jack London": a surname, not the city.
			m.pick = pickNone
		case !m.senses[0].vague:
			m.pick = 0
			support[m.senses[0].code]++
		}
	}
	g.resolvePairs(d, all)
	for i := range all {
		if all[i].pick == pickOpen {
			all[i].pick = g.resolveVague(d, &all[i], support)
		}
	}
	for _, m := range all {
		if m.pick == pickNone && m.senses[0].kind != kindBlock {
			continue
		}
		claimed := d.fields[m.field].claimed
		for j := m.tok; j < m.tok+m.n; j++ {
			claimed[j] = true
		}
	}
	return all
}

// beforeCurrency reports whether a name or a demonym names a currency:
// "Australian dlr", "Canadian dollars", "U.S. dlrs", "Hong Kong dollar". A
// possessive ("Canada's dollar") still names the country.
func (g *gazetteer) beforeCurrency(d *document, m *match) bool {
	toks := d.fields[m.field].toks
	e := m.tok + m.n
	return e < len(toks) && !toks[e-1].poss && g.words.currencies[strings.ToLower(toks[e].text)]
}

// namesAgreement reports whether a city names an agreement, a group or a
// meeting: "the Paris accord", "the Paris Club", "the Venice summit".
func (g *gazetteer) namesAgreement(d *document, m *match) bool {
	toks := d.fields[m.field].toks
	e := m.tok + m.n
	return m.senses[0].kind == kindCity && e < len(toks) && !toks[e-1].poss &&
		g.words.agreements[strings.ToLower(toks[e].text)]
}

// isTicker reports whether a name stands alone in angle brackets, as a
// wire writes a stock symbol: "Union Carbide <UK>".
func isTicker(d *document, m *match) bool {
	toks := d.fields[m.field].toks
	e := m.tok + m.n
	return m.tok > 0 && e < len(toks) && toks[m.tok-1].text == "<" && toks[e].text == ">"
}

// afterGivenName reports whether a city or region name follows a given
// name, and so is a surname.
func (g *gazetteer) afterGivenName(d *document, m *match) bool {
	if k := m.senses[0].kind; (k != kindCity && k != kindRegion) || m.tok == 0 {
		return false
	}
	p := d.fields[m.field].toks[m.tok-1]
	return p.word && p.upper && !p.caps && g.given[p.text]
}

// resolvePairs uses neighbouring names. "Atlanta, Georgia" and "Tbilisi,
// Georgia" pick the sense the two share; in "Paris, Texas" the city is
// another Paris and is dropped; in "Ukraine and Georgia" a list of
// countries makes the ambiguous item a country too.
func (g *gazetteer) resolvePairs(d *document, all []match) {
	for i := 0; i+1 < len(all); i++ {
		a, b := &all[i], &all[i+1]
		if a.field != b.field || a.pick == pickNone || b.pick == pickNone {
			continue
		}
		between := d.fields[a.field].toks[a.tok+a.n : b.tok]
		if len(between) == 0 {
			continue
		}
		if len(between) == 1 && between[0].text == "," && !d.fields[a.field].toks[a.tok+a.n-1].poss &&
			hasKind(a.senses, kindCity, kindRegion) && hasKind(b.senses, kindRegion, kindCountry) {
			if code, ok := sharedCode(a.senses, b.senses); ok {
				a.pick, b.pick = senseWith(a.senses, code), senseWith(b.senses, code)
				continue
			}
			if a.pick >= 0 && b.pick >= 0 && a.sense().kind == kindCity {
				a.pick = pickNone
				continue
			}
		}
		if !slices.ContainsFunc(between, func(t token) bool { return !g.words.joiners[t.text] }) {
			switch {
			case a.pick >= 0 && b.pick == pickOpen:
				b.pick = senseOfKind(b.senses, a.sense().kind)
			case b.pick >= 0 && a.pick == pickOpen:
				a.pick = senseOfKind(a.senses, b.sense().kind)
			}
		}
	}
}

// resolveVague decides an ambiguous name from its context: a person's name
// around it rules it out; a cue word ("Georgia's president", "governor of
// Georgia"), a country the article names elsewhere without ambiguity, or a
// locative ("in Jordan") rules it in. When nothing decides, the name is not
// counted. (Datelines and lists are decided before, see datelinePlaces and
// resolvePairs.)
func (g *gazetteer) resolveVague(d *document, m *match, support map[string]int) int {
	toks := d.fields[m.field].toks
	var prev, prev2, next, next2 token
	if m.tok > 0 {
		prev = toks[m.tok-1]
	}
	if m.tok > 1 {
		prev2 = toks[m.tok-2]
	}
	last := toks[m.tok+m.n-1]
	if e := m.tok + m.n; e < len(toks) {
		next = toks[e]
		if e+1 < len(toks) {
			next2 = toks[e+1]
		}
	}
	// "Michael Jordan", "President Washington", "Jordan Peterson".
	if prev.word && prev.upper && !prev.sent && !prev.caps && (g.given[prev.text] || g.words.titles[prev.text]) {
		return pickNone
	}
	if !last.poss && next.word && next.upper && !next.caps && !g.startsName(toks, m.tok+m.n) {
		return pickNone
	}
	// A cue word right after the name, or "<cue> of <name>" before it.
	after := []string{strings.ToLower(next.text), strings.ToLower(next2.text)}
	before := ""
	if strings.EqualFold(prev.text, "of") {
		before = strings.ToLower(prev2.text)
	}
	for _, w := range append(after, before) {
		switch {
		case g.words.countryCues[w]:
			if p := senseOfKind(m.senses, kindCountry); p >= 0 {
				return p
			}
		case g.words.regionCues[w]:
			if p := senseOfKind(m.senses, kindRegion); p >= 0 {
				return p
			}
		}
	}
	best, bestN := pickNone, 0
	for i, s := range m.senses {
		if n := support[s.code]; s.code != "" && n > bestN {
			best, bestN = i, n
		}
	}
	if best >= 0 {
		return best
	}
	if prev.word && g.words.locatives[prev.text] && singleCode(m.senses) {
		return 0
	}
	return pickNone
}

// startsName reports whether a gazetteer name starts at token i: "Georgia
// Ukraine" is not a person, "Jordan Peterson" may be.
func (g *gazetteer) startsName(toks []token, i int) bool {
	t := toks[i]
	if t.caps {
		return g.maxFolded[strings.ToLower(t.text)] > 0
	}
	return g.maxExact[t.text] > 0
}

func hasKind(senses []sense, kinds ...kind) bool {
	for _, s := range senses {
		if slices.Contains(kinds, s.kind) {
			return true
		}
	}
	return false
}

func sharedCode(a, b []sense) (string, bool) {
	for _, s := range a {
		if s.code != "" && senseWith(b, s.code) >= 0 {
			return s.code, true
		}
	}
	return "", false
}

func senseWith(senses []sense, code string) int {
	return slices.IndexFunc(senses, func(s sense) bool { return s.code == code })
}

// senseOfKind returns the first sense of kind k, counting cities and
// regions as one kind (parts of a country), or pickOpen when there is none.
func senseOfKind(senses []sense, k kind) int {
	group := func(k kind) kind {
		if k == kindCity {
			return kindRegion
		}
		return k
	}
	for i, s := range senses {
		if group(s.kind) == group(k) {
			return i
		}
	}
	return pickOpen
}

func singleCode(senses []sense) bool {
	for _, s := range senses[1:] {
		if s.code != senses[0].code {
			return false
		}
	}
	return true
}

// mentions is the evidence for one country (or one place) in an article:
// where it is named and how often. The rule that keeps the salient ones is
// Options.keep.
type mentions struct {
	code     string
	name     string // the place name, for places
	labelled bool   // the source labelled the article with it
	title    int
	dateline int
	lead     int
	body     int
	// adjectives counts the mentions, by field kind, that are demonyms
	// ("Chinese") rather than names.
	adjectives [4]int
	first      int // reading position of the first mention
	// region is added to the score of a country in a salient region.
	region int
	// paras counts the paragraphs of the lead and body that name the
	// country or one of its cities (demonyms aside); lastPara is the last
	// of them. named is true when the lead or body names the country
	// itself.
	paras, lastPara int
	named           bool
	// listed is true when the title or the lead names the country in a
	// list of countries ("India, Pakistan, Egypt and Syria bought").
	listed bool
	// opening is true when the country is named in the opening tenth of
	// the lead and body.
	opening bool
}

// regionBoost is what a country gains from being in a salient world region.
const regionBoost = 3

func (m *mentions) add(k fieldKind, pos int) {
	switch k {
	case fieldTitle:
		m.title++
	case fieldDateline:
		m.dateline++
	case fieldLead:
		m.lead++
	default:
		m.body++
	}
	m.first = min(m.first, pos)
}

// score weighs the evidence for salience: 6 for being in the dateline, 4
// for the title, 2 for each name in the lead and 1 for each demonym there
// (both up to two mentions), and 1 for each mention in the body (up to
// five), plus the region boost: the wire's dateline and headline say what
// a story is about, a passing mention does not.
func (m *mentions) score() int {
	s := 0
	if m.dateline > 0 {
		s += 6
	}
	if m.title > 0 {
		s += 4
	}
	adj := m.adjectives[fieldLead]
	s += 2*min(m.lead-adj, 2) + min(adj, 2)
	return s + min(m.body, 5) + m.region
}

// discussed reports whether the text discusses the country beyond a
// passing mention, whatever its score: it names the country, and names it
// or one of its cities in another paragraph ("Norway" and later "Oslo");
// or it names the country in the opening tenth of a long text, or in a
// list of countries in the title or lead.
func (m *mentions) discussed() bool {
	return (m.named && m.paras >= 2) || m.opening || m.listed
}

// longText is the length in bytes (about 400 words) from which the opening
// of a text runs over more than its lead paragraph.
const longText = 2500

// textMention records a mention in the lead or body, in paragraph para
// at byte pos of a lead and body of total bytes: by the country's name, or
// by the name of one of its cities.
func (m *mentions) textMention(para, pos, total int, byName bool) {
	if para != m.lastPara {
		m.paras++
		m.lastPara = para
	}
	if byName {
		m.named = true
		if total >= longText && pos*10 < total {
			m.opening = true
		}
	}
}

// tally collects mentions by key in first-seen order.
type tally struct {
	byKey map[string]*mentions
	order []*mentions
}

func (t *tally) get(key, code, name string) *mentions {
	if t.byKey == nil {
		t.byKey = map[string]*mentions{}
	}
	m, ok := t.byKey[key]
	if !ok {
		m = &mentions{code: code, name: name, first: 1 << 30}
		t.byKey[key] = m
		t.order = append(t.order, m)
	}
	return m
}

// sorted returns the mentions, labelled ones first in label order, then by
// score and first mention.
func (t *tally) sorted() []*mentions {
	out := slices.Clone(t.order)
	slices.SortStableFunc(out, func(a, b *mentions) int {
		if a.labelled != b.labelled {
			if a.labelled {
				return -1
			}
			return 1
		}
		if a.labelled {
			return cmp.Compare(a.first, b.first)
		}
		if c := cmp.Compare(b.score(), a.score()); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	return out
}

// places computes the article's places and countries from its labels and
// text.
func (e *Enricher) places(a *corpus.Article, d *document) (places, codes []string) {
	countries, named := e.evidence(a, d)
	// A country of a salient world region ("Central Asia") is one the
	// article is about when it is named at all.
	for _, p := range named.order {
		if p.code != "" || p.score() < e.opts.minScore() {
			continue
		}
		for _, code := range e.gaz.members[p.name] {
			if c, ok := countries.byKey[code]; ok {
				c.region = regionBoost
			}
		}
	}
	texts := 0
	top := 0
	for _, m := range countries.order {
		top = max(top, m.score())
	}
	for _, m := range countries.sorted() {
		if !e.opts.keep(m, top) {
			continue
		}
		if !m.labelled {
			if e.opts.MaxCountries > 0 && texts >= e.opts.MaxCountries {
				continue
			}
			texts++
		}
		codes = append(codes, m.code)
	}
	// Places keeps every place named, salient or not, best first: the
	// country facet is the salient summary, Places the full record.
	for _, p := range named.sorted() {
		places = append(places, p.name)
	}
	return places, codes
}

// evidence tallies the mentions of countries and of named places in the
// article's labels, dateline and text.
func (e *Enricher) evidence(a *corpus.Article, d *document) (countries, named *tally) {
	countries, named = &tally{}, &tally{}
	pos := 0
	labelled := map[string]bool{}
	for _, c := range a.Countries {
		c = strings.ToUpper(strings.TrimSpace(c))
		if _, ok := e.gaz.countries[c]; ok {
			m := countries.get(c, c, "")
			m.labelled = true
			m.first = min(m.first, pos)
			labelled[c] = true
			pos++
		}
	}
	for _, l := range a.Places {
		if strings.TrimSpace(l) == "" {
			continue
		}
		s, ok := e.gaz.labelIn(l, labelled)
		name := s.name
		if !ok {
			name = humanize(l)
		}
		p := named.get(strings.ToLower(name), s.code, name)
		p.labelled = true
		p.first = min(p.first, pos)
		// Place labels stand for country labels only when the source gave
		// none: once Countries is filled, Places also holds passing
		// mentions, which must not become labels on a second Enrich.
		if s.code != "" && len(labelled) == 0 {
			c := countries.get(s.code, s.code, "")
			c.labelled = true
			c.first = min(c.first, pos)
		}
		pos++
	}
	e.datelinePlaces(d, countries, named)
	all := e.gaz.findPlaces(d)
	listed := e.gaz.lists(d, all)
	total := d.textLen()
	var cur cursor
	for i, m := range all {
		if m.pick < 0 {
			continue
		}
		s := m.sense()
		f := d.fields[m.field]
		at := 1_000_000*(int(f.kind)+1) + m.tok
		para, pos, firstPara := cur.moveTo(d, m.field, m.tok)
		if s.code != "" {
			c := countries.get(s.code, s.code, "")
			c.add(f.kind, at)
			switch {
			case s.kind == kindDemonym:
				c.adjectives[f.kind]++
			case f.kind == fieldTitle:
			case s.kind == kindCountry && !f.toks[m.tok+m.n-1].poss && beforeName(f.toks, m.tok+m.n):
				// "U.S. Agriculture Department": the name qualifies another.
			case s.kind == kindCountry || s.kind == kindCity:
				c.textMention(para, pos, total, s.kind == kindCountry)
			}
			// A body without a lead opens with its lead paragraph.
			if listed[i] && (f.kind != fieldBody || firstPara && !d.hasLead()) {
				c.listed = true
			}
		}
		// A demonym's sense is named after its country: "Chinese cash"
		// is a mention of China.
		named.get(strings.ToLower(s.name), s.code, s.name).add(f.kind, at)
	}
	return countries, named
}

// datelinePlaces counts the dateline's place: "STAMFORD, Conn." is Stamford
// in Connecticut, US; "WASHINGTON" alone is the US capital.
func (e *Enricher) datelinePlaces(d *document, countries, named *tally) {
	if d.dateline == "" {
		return
	}
	place, region, _ := strings.Cut(d.dateline, ",")
	place, region = strings.TrimSpace(place), strings.TrimSpace(region)
	at := 1_000_000 * (int(fieldDateline) + 1)
	count := func(s sense) {
		if s.code != "" {
			countries.get(s.code, s.code, "").add(fieldDateline, at)
		}
		named.get(strings.ToLower(s.name), s.code, s.name).add(fieldDateline, at)
	}
	g := e.gaz
	var within sense
	if region != "" {
		if s, ok := g.abbrevs[lettersKey(region)]; ok {
			within = s
		} else if s, ok := g.label(region); ok {
			within = s
		}
	}
	senses := g.letters[lettersKey(place)]
	pick := -1
	for i, s := range senses {
		if s.kind == kindDemonym || s.kind == kindBlock {
			continue
		}
		if within.code != "" && s.code != within.code {
			continue
		}
		if pick < 0 || (s.kind == kindCity && senses[pick].kind != kindCity) {
			pick = i
		}
	}
	switch {
	case pick >= 0:
		count(senses[pick])
	case within.code != "":
		count(sense{name: titleCase(place), code: within.code, kind: kindCity})
	}
	if within.code != "" && within.kind != kindCountry {
		named.get(strings.ToLower(within.name), within.code, within.name).add(fieldDateline, at)
	}
}

// lists reports, for each match, whether it is an item of a list of at
// least three country names joined by commas and conjunctions: "India,
// Pakistan, Egypt and Syria".
func (g *gazetteer) lists(d *document, all []match) []bool {
	out := make([]bool, len(all))
	joined := func(a, b *match) bool {
		if a.field != b.field || !isCountryName(a) || !isCountryName(b) {
			return false
		}
		between := d.fields[a.field].toks[a.tok+a.n : b.tok]
		return len(between) > 0 && len(between) <= 2 &&
			!slices.ContainsFunc(between, func(t token) bool { return !g.words.joiners[t.text] })
	}
	for start := 0; start < len(all); {
		end := start + 1
		for end < len(all) && joined(&all[end-1], &all[end]) {
			end++
		}
		if end-start >= 3 {
			for i := start; i < end; i++ {
				out[i] = true
			}
		}
		start = end
	}
	return out
}

func isCountryName(m *match) bool {
	return m.pick >= 0 && m.sense().kind == kindCountry
}

// hasLead reports whether the document has a lead field.
func (d *document) hasLead() bool {
	return slices.ContainsFunc(d.fields, func(f field) bool { return f.kind == fieldLead })
}

// textLen returns the length in bytes of the lead and body fields.
func (d *document) textLen() int {
	n := 0
	for _, f := range d.fields {
		if f.kind != fieldTitle {
			n += len(f.text)
		}
	}
	return n
}

// cursor walks the tokens of a document in reading order, counting the
// paragraphs started and the bytes of lead and body text passed.
type cursor struct {
	field, tok int
	para       int
	start      int // the paragraph index of the field's first token
	offset     int // bytes of lead and body in the fields before field
}

// moveTo advances the cursor to token tok of field fi, which must not be
// before the cursor. It returns the index of the token's paragraph, the
// token's byte position in the lead and body, and whether the token is in
// the first paragraph of its field.
func (c *cursor) moveTo(d *document, fi, tok int) (para, pos int, first bool) {
	if c.start == 0 {
		c.start = 1
	}
	for c.field < fi {
		f := &d.fields[c.field]
		for ; c.tok < len(f.toks); c.tok++ {
			if f.toks[c.tok].para {
				c.para++
			}
		}
		if f.kind != fieldTitle {
			c.offset += len(f.text)
		}
		c.field++
		c.tok = 0
		c.start = c.para + 1
	}
	toks := d.fields[fi].toks
	for ; c.tok <= tok; c.tok++ {
		if toks[c.tok].para {
			c.para++
		}
	}
	return c.para, c.offset + toks[tok].start, c.para == c.start
}

// beforeName reports whether token i starts a proper name that a country
// name before it qualifies: "U.S. Agriculture Department", "Japan Fund".
func beforeName(toks []token, i int) bool {
	return i < len(toks) && toks[i].word && toks[i].upper && !toks[i].caps
}
