package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clippings/clippings/corpus"
)

// A blog saved as plain text often holds several posts, one after the
// other, each in the shape bloggers use to republish their pieces:
//
//	Archive for November, 2015            ← optional archive header: the month
//
//	A short piece for the BBC on ...      ← the blog's introduction (note)
//
//	How vulnerable is Europe to ...       ← the piece's title
//	By Raffaello Pantucci                 ← optional header lines
//	18 November 2015
//
//	The cancellation of the match ...     ← the piece's body, up to the
//	                                        next introduction
//
// A post starts where an introduction paragraph that speaks of a piece
// ("piece", "article", "op-ed" ...) and names where it appeared is
// followed by a short title line, or where a title line is followed by
// byline or date lines; the latter must repeat to count. The intro gives
// the outlet ("for the BBC", "from Monday's Times") and the outlets the
// author "spoke to" (mentions); the archive header gives the month of
// posts that state no date.

var (
	// rxArchiveHeader matches the header line of an archive: "Archive for
	// November, 2015", "Posts from March 2012".
	rxArchiveHeader = regexp.MustCompile(`(?i)^(?:blog\s+|monthly\s+)?(?:archives?|posts|entries|articles)\b`)
	// rxPieceWord is a word by which an introduction speaks of a piece.
	rxPieceWord = regexp.MustCompile(`(?i)\b(?:piece|article|op-?ed|column|essay|commentary|editorial)s?\b`)
	// rxOutletAfter finds a publication named after "for", "in", "from"
	// or "at": "for the China Economic Quarterly", "for my home
	// institution RUSI", "from Monday's Times".
	rxOutletAfter = regexp.MustCompile(`\b(for|in|from|at)\s+((?:(?:the|my|our|his|her|their|own|home|institution|think[- ]tank|website|site|blog|newspaper|magazine|paper|journal)\s+){0,4})` +
		`(` + capsSeq + `)`)
	// rxSpokeTo finds the outlets an author "spoke to".
	rxSpokeTo = regexp.MustCompile(`(?i)\b(?:spoke|talked|spoken|talking|speaking)\s+(?:to|with)\s+`)
	// rxListStop ends the list of outlets spoken to.
	rxListStop = regexp.MustCompile(`(?i)\b(?:while|but|though|although|who|which|when|because)\b|[;:.!?](?:\s|$)`)
	// rxLeadCaps matches a capitalised name at the start of a text.
	rxLeadCaps = regexp.MustCompile(`^(?:the\s+)?(` + capsSeq + `)`)
	// rxCreditLine matches an image credit or caption line.
	rxCreditLine = regexp.MustCompile(`(?i)^\*?\s*(?:header\s+|main\s+|top\s+|featured\s+)?(?:image|photo|photograph|picture|caption|credit|illustration)s?(?:\s+(?:courtesy|credit))?\s*:`)
	// rxImageFile matches a file name left where an image was: words
	// joined by underscores, or an image extension.
	rxImageFile = regexp.MustCompile(`(?i)[\p{L}\d]_[\p{L}\d]|_[\p{L}]|\.(?:jpe?g|png|gif|webp|tiff?)$`)
	// rxSentenceEnd matches the end of a sentence.
	rxSentenceEnd = regexp.MustCompile(`[.!?…]["”’')\]]*$`)
)

// capsSeq matches a capitalised name of a few words, which may hold
// "of", "on", "and" ("Independent on Sunday", "Voice of America").
const capsSeq = `\p{Lu}[\p{L}\d'’&-]*(?:\.\p{L}+)*(?:\s+(?:(?:of|on|and|for|de|del|di|la|le|du)\s+)?\p{Lu}[\p{L}\d'’&-]*(?:\.\p{L}+)*){0,5}`

// textLine is a non-empty line of a text file.
type textLine struct {
	idx   int    // index in the file's lines
	text  string // trimmed
	start bool   // first line of a paragraph (a blank line or the file start before it)
	end   bool   // last line of a paragraph
}

// textPost is where one post lies among the lines of a file.
type textPost struct {
	intro   string // the blog's introduction, or ""
	introAt int    // index in lines of the introduction
	title   int    // index in lines of the title line
	end     int    // index in lines just after the post
}

// nonEmptyLines returns the non-empty lines of a file with their
// paragraph boundaries.
func nonEmptyLines(lines []string) []textLine {
	var out []textLine
	blank := true
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			if len(out) > 0 {
				out[len(out)-1].end = true
			}
			blank = true
			continue
		}
		out = append(out, textLine{idx: i, text: t, start: blank})
		blank = false
	}
	if len(out) > 0 {
		out[len(out)-1].end = true
	}
	return out
}

// textArchive returns the posts of a plain-text blog archive, or false
// when the file is not one: when no post, or only one post that is not
// introduced by the blog, is found. A single introduced piece is returned
// as one article with its note.
func (x *Extractor) textArchive(lines []string) ([]corpus.Article, bool) {
	nl := nonEmptyLines(lines)
	if len(nl) < 3 {
		return nil, false
	}
	// The archive header gives the month of undated posts.
	var context corpus.Date
	first := 0
	if h := nl[0].text; len(strings.Fields(h)) <= 8 && rxArchiveHeader.MatchString(h) {
		if m, ok := x.dates.find(h); ok {
			context = m.Date
		} else if g := rxYear.FindString(h); g != "" {
			context = x.dates.parse(g)
		}
		first = 1
	}
	var (
		posts   []textPost
		headers []int // title lines found by their header lines alone
		last    = -1  // the last title line found, of either kind
	)
	for k := first; k < len(nl); k++ {
		if !nl[k].start || !isTextTitle(nl[k].text) {
			continue
		}
		// The intro, and between it and the title perhaps an image.
		p := k - 1
		for p > first && isImageName(nl[p]) {
			p--
		}
		if p >= first && p < k && isIntro(nl[p]) && (outletFromIntro(nl[p].text) != "" || x.hasHeaderAfter(nl, k)) {
			posts = append(posts, textPost{intro: nl[p].text, introAt: p, title: k})
			last = k
			continue
		}
		// A title with byline or date lines under it, apart from the
		// previous title by some prose (not one of its header lines).
		if x.hasHeaderAfter(nl, k) && (k == first || nl[k-1].end) && (last < 0 || hasProse(nl[last+1:k])) {
			headers = append(headers, k)
			last = k
		}
	}
	// Posts found by their header lines alone count when they repeat, or
	// beside introduced posts.
	if len(headers) >= 2 || len(posts) > 0 {
		for _, k := range headers {
			posts = append(posts, textPost{title: k})
		}
		slices.SortFunc(posts, func(a, b textPost) int { return a.title - b.title })
	}
	if len(posts) == 0 || len(posts) == 1 && posts[0].intro == "" {
		return nil, false // a single article: read by extractText
	}
	start := posts[0].title
	if posts[0].intro != "" {
		start = posts[0].introAt
	}
	if start != first {
		// Text before the first post that is not its introduction: the
		// file is not a sequence of posts.
		return nil, false
	}
	for i := range posts {
		posts[i].end = len(nl)
		if i+1 < len(posts) {
			posts[i].end = posts[i+1].title
			if posts[i+1].intro != "" {
				posts[i].end = posts[i+1].introAt
			}
		}
	}
	arts := make([]corpus.Article, 0, len(posts))
	for _, ps := range posts {
		arts = append(arts, x.textPost(nl, ps, context))
	}
	bloggerAuthors(arts)
	return arts, true
}

// bloggerAuthors gives an introduced post without a byline the author of
// the archive's other posts, when they all have the same one: the blog's
// author introducing a piece of their own ("a new piece ... for the China
// Economic Quarterly. Huge thanks to the editors").
func bloggerAuthors(arts []corpus.Article) {
	var author []string
	for _, a := range arts {
		switch {
		case len(a.Authors) == 0:
		case author == nil:
			author = a.Authors
		case !slices.Equal(author, a.Authors):
			return // several authors: the blog's is unknown
		}
	}
	for i := range arts {
		if len(arts[i].Authors) == 0 && author != nil && arts[i].Note != "" &&
			(rxSelfReference.MatchString(arts[i].Note) || rxFirstPerson.MatchString(arts[i].Note) || rxOwnPiece.MatchString(arts[i].Note)) {
			arts[i].Authors = slices.Clone(author)
		}
	}
}

// rxOwnPiece matches a blogger announcing a piece of their own without
// "I": "a new piece ... for the China Economic Quarterly".
var rxOwnPiece = regexp.MustCompile(`(?i)\ba\s+(?:new|second|short|longer|final|recent)\s+(?:\w+\s+)?piece\b`)

// isTextTitle reports whether a line may be a title: a few words, not a
// sentence, not a date or a byline.
func isTextTitle(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 20 || utf8.RuneCountInString(s) > 160 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“‘'", r) {
		return false
	}
	if strings.ContainsAny(s[len(s)-1:], ".,;:") || rxImageFile.MatchString(s) {
		return false
	}
	if len(bylineNames(s, "")) > 0 {
		return false
	}
	if m, ok := findDate(s); ok && m.End-m.Start > len(s)/2 {
		return false
	}
	return true
}

// hasProse reports whether some of the lines are prose: a sentence of a
// dozen words or more. Posts found by their header lines must be apart.
func hasProse(lines []textLine) bool {
	for _, l := range lines {
		if len(strings.Fields(l.text)) >= 12 && rxSentenceEnd.MatchString(l.text) {
			return true
		}
	}
	return false
}

// isIntro reports whether a line is a whole paragraph that introduces a
// piece: long enough to be prose, speaking of a piece.
func isIntro(l textLine) bool {
	return l.start && l.end && len(strings.Fields(l.text)) >= 12 && rxPieceWord.MatchString(l.text)
}

// hasHeaderAfter reports whether the title line nl[k] is followed, within
// a few short lines, by a byline or a date line.
func (x *Extractor) hasHeaderAfter(nl []textLine, k int) bool {
	var probe corpus.Article
	for j := k + 1; j < len(nl) && j <= k+4; j++ {
		t := nl[j].text
		if len(strings.Fields(t)) > 15 {
			return false
		}
		if len(bylineNames(t, "")) > 0 || x.dateLine(t, &probe) {
			return true
		}
		if rxSentenceEnd.MatchString(t) {
			return false // a sentence: the body has begun
		}
	}
	return false
}

// outletFromIntro returns the outlet an introduction says the piece was
// written for: in the sentence that speaks of the piece, the first name
// known as an outlet or after "for the", "for my ...", or "for" right after
// the piece word; else one right after the piece word and "in the", "from
// the" or "at the".
func outletFromIntro(intro string) string {
	for _, sent := range sentences(intro) {
		loc := rxPieceWord.FindStringIndex(sent)
		if loc == nil {
			continue
		}
		rest := sent[loc[1]:]
		var fallback string
		for _, ix := range rxOutletAfter.FindAllStringSubmatchIndex(rest, -1) {
			prep, fillers := rest[ix[2]:ix[3]], strings.ToLower(rest[ix[4]:ix[5]])
			name := trimOutletName(rest[ix[6]:ix[7]])
			if name == "" {
				continue
			}
			near := len(strings.Fields(rest[:ix[0]])) <= 2
			if isKnownOutlet(name) || prep == "for" && (near || fillers != "") {
				return name // "for the BBC", "for my home institution RUSI"
			}
			// "a longer piece in the Independent on Sunday", not "a piece
			// about the war in the Balkans" nor "in Paris": after "in",
			// "from" or "at", an unknown name needs its article and must
			// follow the piece closely.
			if fallback == "" && strings.Contains(fillers, "the") && near {
				fallback = name
			}
		}
		if fallback != "" {
			return fallback
		}
	}
	return ""
}

// isKnownOutlet reports whether a name is in the built-in alias table.
func isKnownOutlet(name string) bool {
	k := outletKey(name)
	_, ok := builtinOutlets[k]
	_, bare := builtinOutlets[strings.TrimPrefix(k, "the ")]
	return ok || bare
}

// trimOutletName drops what cannot be an outlet's name: a sentence's
// first word taken along, a day or month alone.
func trimOutletName(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), "'’-&")
	switch strings.ToLower(s) {
	case "", "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return ""
	}
	if _, ok := monthOf(s); ok && !strings.Contains(s, " ") {
		return ""
	}
	return s
}

// sentences splits a paragraph into sentences at ". ", "! " and "? ".
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(p); i++ {
		if strings.ContainsRune(".!?", rune(p[i])) && p[i+1] == ' ' {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

// spokeTo returns the outlets an introduction says the author spoke to:
// "spoke to the Sunday Times about ..., to the Huffington Post about ...
// and the Straits Times about ...".
func spokeTo(intro string) []string {
	var out []string
	for _, loc := range rxSpokeTo.FindAllStringIndex(intro, -1) {
		rest := intro[loc[1]:]
		if stop := rxListStop.FindStringIndex(rest); stop != nil {
			rest = rest[:stop[0]]
		}
		out = append(out, outletList(rest)...)
	}
	return out
}

// rxListItem splits a list of outlets: ", to the X", ", and more recently
// to X", " and X", " as well as the X".
var rxListSep = regexp.MustCompile(`\s*,\s*(?:(?:and|as well as)\s+)?|\s+(?:and|as well as)\s+`)

// outletList reads a list of outlets spoken to. An item that goes on with
// a topic ("the Sunday Times about the noisy ...") ends the plain list;
// after such a topic, only an item introduced by "to" after a comma, or an
// item with its own topic, counts: names inside a topic ("arrests linked
// to Ansar al Islam and Mullah Krekar") are not outlets.
func outletList(s string) []string {
	var out []string
	inTopic := false
	parts := rxListSep.Split(s, -1)
	seps := rxListSep.FindAllString(s, -1)
	for i, part := range parts {
		part = strings.TrimSpace(part)
		commaBefore := i > 0 && strings.Contains(seps[i-1], ",")
		// "more recently to Bloomberg", "also to the Times"
		introducedByTo := false
		if j := strings.Index(part, " to "); j >= 0 && !strings.ContainsFunc(part[:j], unicode.IsUpper) && len(strings.Fields(part[:j])) <= 3 {
			part, introducedByTo = part[j+4:], true
		} else if strings.HasPrefix(part, "to ") {
			part, introducedByTo = part[3:], true
		}
		g := rxLeadCaps.FindStringSubmatch(part)
		if g == nil {
			continue
		}
		name := trimOutletName(g[1])
		tail := strings.TrimSpace(part[len(g[0]):])
		ownTopic := strings.HasPrefix(tail, "about ") || strings.HasPrefix(tail, "on ") || strings.HasPrefix(tail, "regarding ")
		if inTopic && !(introducedByTo && commaBefore) && !ownTopic {
			continue
		}
		if name != "" && (tail == "" || ownTopic) {
			out = append(out, name)
		}
		if tail != "" {
			inTopic = true
		} else if introducedByTo {
			inTopic = false
		}
	}
	return out
}

// textPost builds the article of one post.
func (x *Extractor) textPost(nl []textLine, ps textPost, context corpus.Date) corpus.Article {
	var a corpus.Article
	t := nl[ps.title]
	a.Title = t.text
	a.Note = ps.intro
	// The post's own lines, without images, their captions and credits.
	var own []string
	afterImage, inCaption := false, false
	for k := ps.title + 1; k < ps.end; k++ {
		l := nl[k]
		if l.start && k > ps.title+1 {
			own = append(own, "")
		}
		switch {
		case isImageName(l):
			afterImage, inCaption = true, false
			continue
		case afterImage && len(strings.Fields(l.text)) >= 5 && !rxSentenceEnd.MatchString(l.text):
			inCaption = true
			continue // the caption under an image
		case inCaption && !l.start && len(strings.Fields(l.text)) <= 5 && !rxSentenceEnd.MatchString(l.text):
			continue // a label run into the caption
		case rxCreditLine.MatchString(l.text) || isDoubledCaption(l.text):
			afterImage, inCaption = false, false
			continue
		}
		afterImage, inCaption = false, false
		own = append(own, l.text)
	}
	// A bare name right above a date line is the byline.
	for j := 0; j+1 < len(own) && j < 4; j++ {
		var probe corpus.Article
		if own[j] != "" && own[j+1] != "" && len(cleanAuthors(own[j], "", true)) == 1 &&
			len(strings.Fields(own[j])) <= 4 && x.dateLine(own[j+1], &probe) {
			own[j] = "By " + own[j]
			break
		}
	}
	// A line right under the title, in its paragraph, is the subtitle
	// when no header follows.
	i := x.textHeader(own, 0, &a)
	if i == 0 && !t.end && len(own) > 0 && own[0] != "" && len(strings.Fields(own[0])) <= 30 {
		a.Subtitle = own[0]
		i = 1
	}
	body := textParagraphs(own[i:], false)
	a.Body = strings.Join(body, "\n\n")
	if len(body) > 0 {
		a.Lead = body[0]
	}
	if o := outletFromIntro(ps.intro); o != "" {
		a.Outlet = o
	}
	a.Mentions = spokeTo(ps.intro)
	if len(a.Authors) == 0 {
		a.Authors = bodyAuthors(body)
	}
	if a.Date.IsZero() {
		a.Date = context
	}
	a.Language = detectLanguage(a.Body)
	return a
}

// isImageName reports whether a line is what is left of an image: a file
// name ("Trafalgar Sq_Paris_Nov 2015") or a bare lower-case label
// standing alone ("china russia image").
func isImageName(l textLine) bool {
	words := strings.Fields(l.text)
	if len(words) > 6 {
		return false
	}
	if rxImageFile.MatchString(l.text) {
		return true
	}
	if !l.start || !l.end || len(words) > 4 {
		return false
	}
	for _, r := range l.text {
		if !unicode.IsLower(r) && r != ' ' {
			return false
		}
	}
	return true
}

// isDoubledCaption reports whether a line starts with a phrase written
// twice, the mark of an image's alt text run into its caption ("Jane
// DoeJane Doe was drawn to ...").
func isDoubledCaption(s string) bool {
	for k := 6; 2*k <= len(s) && k <= 60; k++ {
		if s[:k] == s[k:2*k] && strings.Contains(s[:k], " ") {
			return true
		}
	}
	return false
}
