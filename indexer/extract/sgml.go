package extract

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/clippings/clippings/corpus"
)

// Newswire SGML in the shape of Reuters-21578 (see lewis.dtd) is a
// sequence of <REUTERS> elements with no root element:
//
//	<REUTERS TOPICS="YES" NEWID="1">
//	<DATE>26-FEB-1987 15:01:01.79</DATE>
//	<TOPICS><D>cocoa</D></TOPICS>
//	<PLACES><D>el-salvador</D><D>usa</D></PLACES>
//	<PEOPLE></PEOPLE>
//	<TEXT>&#2;
//	<TITLE>BAHIA COCOA REVIEW</TITLE>
//	<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued ...
//	 Reuter
//	&#3;</BODY></TEXT>
//	</REUTERS>
//
// A TEXT of TYPE="BRIEF" has a title only; one of TYPE="UNPROC" has no
// TITLE, DATELINE or BODY, only text. The files are read with string
// scanning rather than an XML parser: they are not well-formed XML.

// reutersOutlet is the outlet of every newswire story.
const reutersOutlet = "Reuters"

var (
	rxSGMLDate = regexp.MustCompile(`(\d{1,2})-([A-Za-z]{3})-(\d{4})`)
	rxSGMLD    = regexp.MustCompile(`(?s)<D>(.*?)</D>`)
	rxStars    = regexp.MustCompile(`^[*\s]+`)
)

// errNoStory is returned for an SGML file without any <REUTERS> element.
var errNoStory = errors.New("no <REUTERS> element")

// extractSGML returns one article per <REUTERS> element, in file order.
func (x *Extractor) extractSGML(f corpus.File) ([]corpus.Article, error) {
	var out []corpus.Article
	s := f.Text
	for {
		start := strings.Index(s, "<REUTERS")
		if start < 0 {
			break
		}
		end := strings.Index(s[start:], "</REUTERS>")
		if end < 0 {
			return nil, fmt.Errorf("story %d: unterminated <REUTERS> element", len(out)+1)
		}
		story := s[start : start+end]
		s = s[start+end+len("</REUTERS>"):]
		a, err := x.reutersStory(story)
		if err != nil {
			return nil, fmt.Errorf("story %d: %w", len(out)+1, err)
		}
		out = append(out, a)
		if x.opts.MaxArticlesPerFile > 0 && len(out) >= x.opts.MaxArticlesPerFile {
			break
		}
	}
	if len(out) == 0 {
		return nil, errNoStory
	}
	return out, nil
}

// reutersStory makes an article of one <REUTERS> element (without its
// closing tag).
func (x *Extractor) reutersStory(s string) (corpus.Article, error) {
	a := corpus.Article{Outlet: reutersOutlet, Language: "en"}
	a.Date = x.reutersDate(element(s, "DATE"))
	// The story's codes are its tags: its subjects and commodities
	// (TOPICS), the organisations (ORGS) and the exchanges (EXCHANGES)
	// it is about. PLACES and PEOPLE name places and persons.
	a.Tags = dValues(element(s, "TOPICS"))
	a.Tags = append(a.Tags, dValues(element(s, "ORGS"))...)
	a.Tags = append(a.Tags, dValues(element(s, "EXCHANGES"))...)
	a.Places = dValues(element(s, "PLACES"))
	for _, p := range dValues(element(s, "PEOPLE")) {
		a.People = append(a.People, humanise(p))
	}

	textType, txt, ok := textElement(s)
	if !ok {
		return a, errors.New("no <TEXT> element")
	}
	switch textType {
	case "UNPROC":
		lines := strings.Split(sgmlText(txt), "\n")
		for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
			lines = lines[1:]
		}
		if len(lines) > 0 {
			a.Title = strings.Join(strings.Fields(lines[0]), " ")
			lines = lines[1:]
		}
		a.Body = strings.Join(preformattedParagraphs(removeSignOff(strings.Join(lines, "\n"))), "\n\n")
	default:
		a.Title = rxStars.ReplaceAllString(strings.Join(strings.Fields(sgmlText(element(txt, "TITLE"))), " "), "")
		a.Authors, a.Outlet = sgmlAuthor(sgmlText(element(txt, "AUTHOR")), a.Outlet)
		if textType != "BRIEF" {
			dateline := strings.Join(strings.Fields(sgmlText(element(txt, "DATELINE"))), " ")
			body := reflow(removeSignOff(sgmlText(element(txt, "BODY"))))
			if dateline != "" && len(body) > 0 {
				if hyphenated(dateline) {
					body[0] = dateline + body[0]
				} else {
					body[0] = dateline + " " + body[0]
				}
			}
			a.Body = strings.Join(body, "\n\n")
		}
		if a.Title == "" { // a story without a TITLE: use its first line
			lines := strings.Fields(strings.SplitN(strings.TrimSpace(a.Body), "\n", 2)[0])
			a.Title = strings.Join(lines, " ")
		}
	}
	if a.Body != "" {
		a.Lead = strings.SplitN(a.Body, "\n\n", 2)[0]
	}
	if a.Title == "" {
		// A few UNPROC stories have no text at all.
		a.Title = "Untitled Reuters story " + attrValue(s, "NEWID")
	}
	return a, nil
}

// sgmlAuthor reads an AUTHOR element, "By Janie Gabbett, Reuters", into the
// author names and the outlet named after the last comma (outlet when the
// element names none).
func sgmlAuthor(s, outlet string) ([]string, string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil, outlet
	}
	if i := strings.LastIndex(s, ","); i > 0 {
		if o := strings.TrimSpace(s[i+1:]); o != "" && len(strings.Fields(o)) <= 4 && isOutletLine(o) {
			s = s[:i]
			// "Reuter", "REUTERS" and typos such as "Reutersd" are the
			// default outlet written differently.
			lo, ld := strings.ToLower(o), strings.ToLower(outlet)
			if !strings.HasPrefix(lo, ld) && !strings.HasPrefix(ld, lo) {
				outlet = o
			}
		}
	}
	return cleanAuthors(s, outlet, false), outlet
}

// reutersDate parses "26-FEB-1987 15:01:01.79" to a day.
func (x *Extractor) reutersDate(s string) corpus.Date {
	g := rxSGMLDate.FindStringSubmatch(s)
	if g == nil {
		return corpus.Date{}
	}
	d, _ := strconv.Atoi(g[1])
	m, ok := monthOf(g[2])
	if !ok {
		return corpus.Date{}
	}
	y, _ := strconv.Atoi(g[3])
	return x.dates.notFuture(makeDate(y, m, d, corpus.PrecisionDay))
}

// element returns the raw content of the first <NAME>...</NAME> in s.
func element(s, name string) string {
	open, close := "<"+name+">", "</"+name+">"
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	if j := strings.Index(s, close); j >= 0 {
		return s[:j]
	}
	return s
}

// textElement returns the TYPE attribute and the content of the <TEXT>
// element of a story.
func textElement(s string) (typ, content string, ok bool) {
	i := strings.Index(s, "<TEXT")
	if i < 0 {
		return "", "", false
	}
	s = s[i+len("<TEXT"):]
	gt := strings.Index(s, ">")
	if gt < 0 {
		return "", "", false
	}
	attrs := s[:gt]
	if j := strings.Index(attrs, `TYPE="`); j >= 0 {
		typ = attrs[j+len(`TYPE="`):]
		if k := strings.Index(typ, `"`); k >= 0 {
			typ = typ[:k]
		}
	}
	s = s[gt+1:]
	if j := strings.Index(s, "</TEXT>"); j >= 0 {
		s = s[:j]
	}
	return typ, s, true
}

// dValues returns the <D> values of a category element.
func dValues(s string) []string {
	var out []string
	for _, g := range rxSGMLD.FindAllStringSubmatch(s, -1) {
		if v := strings.TrimSpace(sgmlText(g[1])); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// sgmlText decodes entities and drops control characters (the &#2; and
// &#3; that frame a story, &#5;, &#22;, &#31;...), keeping line breaks.
func sgmlText(s string) string {
	s = html.UnescapeString(s)
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r == '\uFFFD' {
			return -1
		}
		return r
	}, s)
}

// removeSignOff removes the "Reuter" that ends a story (sometimes twice:
// "... he said. REUTER\n Reuter") and a "Blah blah blah." placeholder.
// The sign-off stands on its own line or after the end of a sentence or
// a figure.
func removeSignOff(s string) string {
	for {
		s = strings.TrimRight(s, " \t\n\r")
		t := strings.TrimSuffix(s, "Blah blah blah.")
		for _, w := range []string{"reuters", "reuter"} {
			if len(t) < len(w) || !strings.EqualFold(t[len(t)-len(w):], w) {
				continue
			}
			before := t[:len(t)-len(w)]
			trimmed := strings.TrimRight(before, " \t")
			switch {
			case trimmed == "" || strings.HasSuffix(trimmed, "\n"):
			case len(trimmed) < len(before) && strings.ContainsAny(trimmed[len(trimmed)-1:], `.!?"')0123456789`):
			default:
				continue // "... told Reuter" is a sentence, not a sign-off
			}
			t = trimmed
			break
		}
		if t == s {
			return s
		}
		s = t
	}
}

// reflow joins a wire story's hard-wrapped lines into paragraphs. A
// paragraph starts at an indented line or after a blank line.
func reflow(s string) []string {
	var (
		out []string
		cur []string
	)
	flush := func() {
		if len(cur) > 0 {
			var b strings.Builder
			for i, l := range cur {
				// "anti-\ninflation" was "anti-inflation": no space.
				if i > 0 && !hyphenated(cur[i-1]) {
					b.WriteByte(' ')
				}
				b.WriteString(l)
			}
			out = append(out, b.String())
			cur = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.Join(strings.Fields(line), " ")
		switch {
		case t == "":
			flush()
			continue
		case strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t"):
			flush()
		}
		cur = append(cur, t)
	}
	flush()
	return out
}

// hyphenated reports whether a line ends with a word broken by a hyphen,
// as in "anti-".
func hyphenated(line string) bool {
	n := len(line)
	return n >= 2 && line[n-1] == '-' && unicode.IsLetter(rune(line[n-2]))
}

// preformattedParagraphs splits tabular text at blank lines, keeping the
// line breaks and alignment inside each paragraph.
func preformattedParagraphs(s string) []string {
	var (
		out []string
		cur []string
	)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// humanise turns a label such as "james-baker" into "James Baker".
func humanise(label string) string {
	return titleCase(strings.ReplaceAll(strings.ToLower(label), "-", " "))
}

// attrValue returns the value of an attribute of a story's <REUTERS> tag.
func attrValue(story, name string) string {
	tag, _, _ := strings.Cut(story, ">")
	_, v, ok := strings.Cut(tag, name+`="`)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, `"`)
	return v
}
