package enrich

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// personFinder finds the people named in a document, as full names, most
// mentioned first. The rule-based ruleFinder is the first one; a better
// finder can replace it behind this interface.
type personFinder interface {
	find(d *document) []string
}

// ruleFinder is a precision-first person finder. A person is a run of two or
// three capitalised words starting with a known given name ("Lee Rigby") or
// family name written first ("Xi Jinping"), or one to three capitalised words
// after a title ("President Putin", "Chancellor Helmut Kohl"). Titles are
// stripped, and a surname alone ("Putin said") counts for the full name found
// in the same article. Words that are places, organisations or ordinary
// capitalised words end a name.
type ruleFinder struct {
	gaz *gazetteer
}

// candidate is a person's name found at one place in the text.
type candidate struct {
	words  []string
	titled bool
	pos    int
	// alone is true when the name stands as in a byline or an author's
	// note (see bylineLike).
	alone bool
}

func (f *ruleFinder) find(d *document) []string {
	w := f.gaz.words
	var cands []candidate
	for fi := range d.fields {
		fl := &d.fields[fi]
		if fl.kind == fieldTitle && headlineCase(fl.toks) {
			continue
		}
		for _, c := range f.scan(fl, 1_000_000*(int(fl.kind)+1)) {
			if !c.alone || !d.authors[strings.ToLower(strings.Join(c.words, " "))] {
				cands = append(cands, c)
			}
		}
	}
	type person struct {
		name  string
		words []string
		count int
		first int
	}
	var people []*person
	byKey := map[string]*person{}
	// Full names first: "George Bush" and "George W. Bush" are one person.
	for _, c := range cands {
		if len(c.words) < 2 {
			continue
		}
		key := c.words[0] + " " + c.words[len(c.words)-1]
		p, ok := byKey[key]
		if !ok {
			p = &person{name: strings.Join(c.words, " "), words: c.words, first: c.pos}
			byKey[key] = p
			people = append(people, p)
		}
		p.count++
	}
	// A single name refers to the full name it ends ("Putin") or, for a
	// family name written first, starts ("Xi"); otherwise it is kept only
	// after a title.
	refersTo := func(name string) *person {
		var found *person
		for _, p := range people {
			if len(p.words) < 2 {
				continue
			}
			if p.words[len(p.words)-1] == name || (p.words[0] == name && f.gaz.family[name]) {
				if found != nil && found != p {
					return nil // two people share the name: do not guess
				}
				found = p
			}
		}
		return found
	}
	for _, c := range cands {
		if len(c.words) != 1 {
			continue
		}
		if p := refersTo(c.words[0]); p != nil {
			p.count++
			continue
		}
		if !c.titled {
			continue
		}
		p, ok := byKey[c.words[0]]
		if !ok {
			p = &person{name: c.words[0], words: c.words, first: c.pos}
			byKey[c.words[0]] = p
			people = append(people, p)
		}
		p.count++
	}
	// Bare surnames elsewhere in the text add to the count.
	for _, fl := range d.fields {
		for i, t := range fl.toks {
			if t.word && t.upper && !t.caps && !fl.claimed[i] && !w.titles[prevWord(fl.toks, i)] {
				if p := refersTo(t.text); p != nil && !isPartOfName(fl.toks, i) {
					p.count++
				}
			}
		}
	}
	slices.SortStableFunc(people, func(a, b *person) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	out := make([]string, 0, len(people))
	for _, p := range people {
		out = append(out, p.name)
	}
	return out
}

// scan finds name candidates in one field; base is the field's reading
// position.
func (f *ruleFinder) scan(fl *field, base int) []candidate {
	w := f.gaz.words
	var out []candidate
	toks := fl.toks
	credits := creditLines(toks)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.word || !t.upper || t.caps || fl.claimed[i] {
			continue
		}
		if credit(toks, i) || credits[i] {
			// "By Raffaello Pantucci", "Photo: Reuters/Jane Doe": the
			// byline and credits name who made the article, not whom it
			// is about.
			i = skipRun(fl, i)
			continue
		}
		if w.titles[t.text] {
			if t.poss {
				continue
			}
			j := i + 1
			for j < len(toks) && (toks[j].text == "." || toks[j].text == "-" || w.titles[toks[j].text] ||
				w.titleModifiers[toks[j].text]) && !toks[j-1].poss {
				j++
			}
			words, end, whole := f.nameRun(fl, j)
			if len(words) > 0 && whole && !initialLast(words) && !f.placeName(words) {
				out = append(out, candidate{words: words, titled: true, pos: base + j})
			}
			i = max(i, end-1)
			continue
		}
		initials := isInitial(toks, i) && (i == 0 || !toks[i-1].word || !toks[i-1].upper)
		known := f.gaz.given[t.text] || f.gaz.given[hyphenated(toks, i)] || f.gaz.family[t.text]
		surname := f.gaz.surnames[t.text] ||
			(i+1 < len(toks) && f.gaz.surnames[toks[i+1].text] && f.isNameWord(fl, i) && !toks[i].poss && !t.sent)
		if !initials && !known && !surname && !f.beforeCountry(fl, i) {
			continue
		}
		if i > 0 && !fl.claimed[i-1] && f.notPersonAfter(toks[i-1]) {
			i = skipRun(fl, i)
			continue
		}
		words, end, whole := f.nameRun(fl, i)
		switch {
		case len(words) >= 2 && whole && !initialLast(words) && !f.placeName(words):
			out = append(out, candidate{words: words, pos: base + i, alone: bylineLike(toks, i, end)})
		case len(words) == 1 && whole && f.gaz.surnames[words[0]] && !f.gaz.given[words[0]] && !t.sent &&
			!isPartOfName(toks, i) && !f.placeName(words):
			// A learned surname alone ("Kohl") counts as a titled name.
			out = append(out, candidate{words: words, titled: true, pos: base + i})
		}
		i = max(i, end-1)
	}
	return append(out, f.listed(fl, base, out, credits)...)
}

// listed finds the people in lists of names that the other rules found
// in part: in "Alpay Ozalan, Rustu Recber, Bertrand Crasson and Lilian
// Thuram", a list of three names or more in which two are known people,
// every item of two or three name words is a person too (team sheets,
// results, casts).
func (f *ruleFinder) listed(fl *field, base int, found []candidate, credits []bool) []candidate {
	toks := fl.toks
	isFound := map[int]bool{}
	for _, c := range found {
		isFound[c.pos-base] = true
	}
	type item struct {
		start int
		words []string
	}
	var out []candidate
	var group []item
	flush := func() {
		known := 0
		for _, it := range group {
			if isFound[it.start] {
				known++
			}
		}
		if len(group) >= 3 && known >= 2 {
			for _, it := range group {
				if !isFound[it.start] && len(it.words) >= 2 {
					out = append(out, candidate{words: it.words, pos: base + it.start})
				}
			}
		}
		group = group[:0]
	}
	for i := 0; i < len(toks); i++ {
		if !f.isNameWord(fl, i) || credits[i] {
			continue
		}
		words, end, whole := f.nameRun(fl, i)
		ok := whole && len(words) > 0 && !initialLast(words) && !f.placeName(words)
		// The item must stand between list marks: a comma, "and", a
		// semicolon, or the start or end of the text.
		before := i == 0 || toks[i].nl || isListMark(toks[i-1]) || isFound[i] ||
			toks[i-1].text == "-" || toks[i-1].text == ":" // "1 - Filip De Wilde", "Teams: ..."
		after := end >= len(toks) || toks[end].nl || isListMark(toks[end]) || toks[end].text == "." ||
			toks[end].text == "(" || toks[end-1].poss
		if !ok || !before || !after {
			flush()
			i = max(i, end-1)
			continue
		}
		if len(group) > 0 && !f.joins(toks[group[len(group)-1].start:i]) {
			flush()
		}
		group = append(group, item{start: i, words: words})
		if end < len(toks) && !isListMark(toks[end]) {
			flush()
		}
		i = max(i, end-1)
	}
	flush()
	return out
}

// isListMark reports whether t separates the items of a list.
func isListMark(t token) bool {
	return t.text == "," || t.text == ";" || t.text == "and"
}

// joins reports whether the tokens from one list item to the next hold
// only the item's own words and one list mark.
func (f *ruleFinder) joins(toks []token) bool {
	marks := 0
	for _, t := range toks {
		if isListMark(t) {
			marks++
		}
	}
	return marks == 1 && len(toks) <= 8
}

// nameRun reads up to three name words from token i, with particles
// ("de"), initials ("W.") and hyphenated parts ("Jean-Claude", "Ki-moon").
// It returns the words, the token after them, and whether the capitalised
// run ends there (a longer run is an organisation or a title, not a name).
func (f *ruleFinder) nameRun(fl *field, i int) (words []string, end int, whole bool) {
	toks := fl.toks
	j := i
	parts := 0 // particles, which do not count towards the three words
	for j < len(toks) && len(words)-parts < 3 {
		t := toks[j]
		if j > i && t.nl && !fl.wrapped {
			// A name does not run on into the next line or paragraph.
			return words, j, len(words) > 0
		}
		switch {
		case j == i && isInitial(toks, j):
			// "W. Hegg", "J. R. Ewing": initials, then a surname.
			words = append(words, t.text+".")
			j += 2
			continue
		case f.isNameWord(fl, j):
			w := hyphenated(toks, j)
			words = append(words, w)
			j += 2*strings.Count(w, "-") + 1
			if toks[j-1].poss {
				return words, j, true
			}
		case len(words) > 0 && isInitial(toks, j):
			words = append(words, t.text+".")
			j += 2
		case len(words) > 0 && f.gaz.words.particles[t.text] && j+1 < len(toks) && f.isNameWord(fl, j+1):
			words = append(words, t.text)
			parts++
			j++
			continue
		default:
			return words, j, len(words) > 0
		}
	}
	// Three words read: the run must end here.
	whole = j >= len(toks) || (toks[j].nl && !fl.wrapped) || !(f.isNameWord(fl, j) || isInitial(toks, j))
	return words, j, whole && len(words) > 0
}

// beforeCountry reports whether a run of two or three name words starting
// at token i is followed by a country in brackets, as in results tables
// and lists of players: "Annemari Sandell (Finland)".
func (f *ruleFinder) beforeCountry(fl *field, i int) bool {
	if !f.isNameWord(fl, i) {
		return false
	}
	words, end, whole := f.nameRun(fl, i)
	if len(words) < 2 || !whole || end+2 >= len(fl.toks) || fl.toks[end].text != "(" {
		return false
	}
	return fl.claimed[end+1] && (fl.toks[end+2].text == ")" || fl.claimed[end+2])
}

// isNameWord reports whether token j can be a word of a person's name.
func (f *ruleFinder) isNameWord(fl *field, j int) bool {
	t := fl.toks[j]
	w := f.gaz.words
	if !t.word || !t.upper || t.caps || fl.claimed[j] || w.notNames[t.text] || w.titles[t.text] {
		return false
	}
	if utf8.RuneCountInString(t.text) < 2 || isAllCaps(t.text) || hasDigit(t.text) {
		return false
	}
	return !camelCase(t.text)
}

// initialLast reports whether a name ends with an initial ("J. R.").
func initialLast(words []string) bool {
	return strings.HasSuffix(words[len(words)-1], ".")
}

// placeName reports whether the words form a place name ("Santa Clara")
// or another known entity that is not a person ("Morgan Stanley").
func (f *ruleFinder) placeName(words []string) bool {
	name := strings.Join(words, " ")
	_, ok := f.gaz.exact[name]
	return ok || f.gaz.entities[name]
}

// hyphenated returns the word at i joined with hyphenated parts that follow
// it without spaces: "Jean-Claude", "Ki-moon".
func hyphenated(toks []token, i int) string {
	w := toks[i].text
	for i+2 < len(toks) && toks[i+1].text == "-" && !toks[i].poss &&
		toks[i+1].start == toks[i].start+len(toks[i].text) && toks[i+2].word &&
		toks[i+2].start == toks[i+1].start+1 {
		w += "-" + toks[i+2].text
		i += 2
	}
	return w
}

// isInitial reports whether token j is a capital letter followed by a dot.
func isInitial(toks []token, j int) bool {
	return j+1 < len(toks) && toks[j].word && utf8.RuneCountInString(toks[j].text) == 1 && toks[j].upper &&
		toks[j+1].text == "."
}

// skipRun returns the last token of the capitalised run starting at i,
// which does not run on into the next line.
func skipRun(fl *field, i int) int {
	for i+1 < len(fl.toks) && fl.toks[i+1].word && fl.toks[i+1].upper && !fl.toks[i].poss &&
		(!fl.toks[i+1].nl || fl.wrapped) {
		i++
	}
	return i
}

// isPartOfName reports whether the word at i stands next to another
// capitalised word, as in "Michael Adebowale" for a merged "Adebowale".
func isPartOfName(toks []token, i int) bool {
	if i > 0 && toks[i-1].word && toks[i-1].upper && !toks[i].sent {
		return true
	}
	return !toks[i].poss && i+1 < len(toks) && toks[i+1].word && toks[i+1].upper && !toks[i+1].sent
}

// notPersonAfter reports whether a given name after token p cannot start a
// person's name: after an article or a locative ("the Charlie Hebdo
// killers", "at Kara Suu"), or inside a longer capitalised run ("Royal
// Dutch Shell"); an acronym before it ("AP Anders Breivik") is allowed.
func (f *ruleFinder) notPersonAfter(p token) bool {
	if f.gaz.words.beforeNotPerson[p.text] {
		return true
	}
	return p.word && p.upper && !p.sent && !p.caps && !f.gaz.words.titles[p.text] && !isAllCaps(p.text)
}

func prevWord(toks []token, i int) string {
	if i > 0 && toks[i-1].word {
		return toks[i-1].text
	}
	return ""
}

// headlineCase reports whether most words of a title are capitalised, as
// in "Could Paris Happen In The UK"; such titles say nothing about names.
func headlineCase(toks []token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if !t.word || utf8.RuneCountInString(t.text) < 4 {
			continue
		}
		words++
		if t.upper {
			upper++
		}
	}
	return words >= 3 && upper*10 >= words*7
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func hasDigit(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}

// camelCase reports an upper-case letter after a lower-case one, as in
// "EmwaziMohammed", except in name prefixes: "McKay", "MacArthur",
// "DeLay", "LaGuardia", "O'Brien", "d'Estaing".
func camelCase(w string) bool {
	for _, p := range []string{"Mc", "Mac", "De", "Di", "La", "Le", "Van", "Fitz"} {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" && !strings.ContainsFunc(rest[1:], unicode.IsUpper) {
			return false
		}
	}
	prevLower := false
	for _, r := range w {
		if unicode.IsUpper(r) && prevLower {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}
