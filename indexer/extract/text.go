package extract

import (
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clippings/clippings/corpus"
)

// A plain-text article (.txt, .text, .md) is laid out the way people type
// one: an optional YAML front matter block, the title on the first line,
// then a few short header lines (byline, date, outlet, tags) and the body.
//
//	---
//	title: China And Russia
//	date: 2015-11-20
//	---
//	# Title
//	By Jane Doe
//	The Daily Planet
//	14 March 2023
//	Tags: china, russia
//
//	Body paragraph one...

// headerZone is how many non-empty lines after the title may hold header
// lines.
const headerZone = 10

var (
	rxLabel = regexp.MustCompile(`(?i)^(outlet|source|publication|publisher|published in|newspaper|magazine|site|tags|tag|keywords|labels|categories|category|section|` +
		`author|authors|byline|date|published|published on|dated|url|link|language|lang|subtitle)\s*:\s*(.+)$`)
	rxPublishedIn = regexp.MustCompile(`(?i)^(?:published in|appeared in|first published in|originally published in)\s+(.+?)\.?$`)
	rxFromSection = regexp.MustCompile(`(?i)^from the (?:section|category)\s+(.+)$`)
	rxSetext      = regexp.MustCompile(`^(?:=+|-+)\s*$`)
	rxMDHeading   = regexp.MustCompile(`^#{1,6}\s+`)
	rxMDImage     = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	rxMDLink      = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	rxMDEmphasis  = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	rxListItem    = regexp.MustCompile(`^\s*(?:[-*+•]|\d{1,3}[.)])\s+`)
	// rxUpdateNotice matches a line that dates a revision, not the
	// publication.
	rxUpdateNotice = regexp.MustCompile(`(?i)\b(?:updated|modified|revised|aktualisiert|geändert|mis à jour|actualizado|aggiornato)\b`)
	rxDatePrefix   = regexp.MustCompile(`^\s*([\p{Lu}][\p{L}&' ]{0,30}?)\s*[,:|–—-]\s*$`)
)

// extractText returns the article of a plain-text or markdown file.
func (x *Extractor) extractText(f corpus.File) ([]corpus.Article, error) {
	markdown := strings.EqualFold(path.Ext(f.Path), ".md") || strings.EqualFold(path.Ext(f.Path), ".markdown")
	txt := strings.ReplaceAll(strings.ReplaceAll(f.Text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(txt, "\n")

	var a corpus.Article
	lines = x.frontMatter(lines, &a)
	if a.Title == "" && !markdown {
		if arts, ok := x.textArchive(lines); ok {
			return arts, nil
		}
	}

	// Title: the first non-empty line.
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i < len(lines) {
		title := strings.TrimSpace(lines[i])
		if markdown {
			title = rxMDHeading.ReplaceAllString(title, "")
			title = strings.TrimRight(strings.TrimSpace(title), "#")
			title = cleanMarkdownInline(title)
		}
		if a.Title == "" {
			a.Title = strings.TrimSpace(title)
		} else if !sameText(title, a.Title) {
			i-- // the front matter gave the title: this line is body
		}
		i++
		if i < len(lines) && rxSetext.MatchString(strings.TrimSpace(lines[i])) && strings.TrimSpace(lines[i]) != "" {
			i++ // "Title\n=====" markdown heading underline
		}
	}
	i = x.textHeader(lines, i, &a)
	if markdown {
		a.Subtitle = strings.Trim(cleanMarkdownInline(a.Subtitle), "*_ ")
	}
	body := textParagraphs(lines[i:], markdown)
	a.Body = strings.Join(body, "\n\n")
	if len(body) > 0 {
		a.Lead = body[0]
	}
	if a.Language == "" {
		a.Language = detectLanguage(a.Body)
	}
	return []corpus.Article{a}, nil
}

// frontMatter reads a YAML front matter block ("---" lines around "key:
// value" pairs) into a, and returns the lines after it.
func (x *Extractor) frontMatter(lines []string, a *corpus.Article) []string {
	if len(lines) == 0 || strings.TrimSpace(strings.TrimPrefix(lines[0], "\ufeff")) != "---" {
		return lines
	}
	end := -1
	for i := 1; i < len(lines) && i < 200; i++ {
		if t := strings.TrimSpace(lines[i]); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return lines
	}
	var key string
	for _, l := range lines[1:end] {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		// A "- item" line continues the list of the previous key.
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "- ") && key != "" {
			x.setField(a, key, []string{unquote(strings.TrimSpace(t[2:]))})
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok || strings.HasPrefix(l, " ") {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		var vals []string
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
			for _, e := range strings.Split(v[1:len(v)-1], ",") {
				vals = append(vals, unquote(strings.TrimSpace(e)))
			}
		} else {
			vals = []string{unquote(v)}
		}
		x.setField(a, key, vals)
	}
	return lines[end+1:]
}

// setField stores the values of a front matter key.
func (x *Extractor) setField(a *corpus.Article, key string, vals []string) {
	v := ""
	if len(vals) > 0 {
		v = vals[0]
	}
	switch key {
	case "title", "headline":
		a.Title = first(a.Title, v)
	case "subtitle", "description", "summary", "standfirst":
		a.Subtitle = first(a.Subtitle, v)
	case "date", "published", "publishdate", "pubdate", "created":
		if a.Date.IsZero() {
			a.Date = x.dates.parse(v)
		}
	case "author", "authors", "byline", "by":
		for _, s := range vals {
			a.Authors = append(a.Authors, cleanAuthors(s, "", false)...)
		}
	case "outlet", "source", "publication", "publisher", "site", "site_name", "newspaper", "magazine":
		a.Outlet = first(a.Outlet, v)
	case "tags", "tag", "keywords", "categories", "labels":
		for _, s := range vals {
			if len(vals) == 1 {
				a.Tags = append(a.Tags, splitList(s)...)
			} else {
				a.Tags = append(a.Tags, s)
			}
		}
	case "section", "category":
		a.Section = first(a.Section, v)
	case "url", "link", "canonical", "permalink":
		a.URL = first(a.URL, absURL(v))
	case "lang", "language", "locale":
		a.Language = first(a.Language, primaryLanguage(v))
	}
}

// unquote removes YAML quotes around a scalar.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// textHeader reads the header lines that follow the title (byline, date,
// outlet, tags, labelled lines, a subtitle) into a and returns the index of
// the first body line.
//
// Header lines are short and come before the first long paragraph. The
// header ends at the last line that is clearly metadata (a byline, a date,
// a "Label: value" line); short unlabelled lines before it are the outlet
// ("Meridian Wire", "Northern Ledger - Technology") or, right under the
// title, the subtitle. Without any clear metadata line there is no header.
func (x *Extractor) textHeader(lines []string, i int, a *corpus.Article) int {
	type headerLine struct {
		idx   int
		text  string
		clear bool
	}
	var cand []headerLine
	last := -1
	var probe corpus.Article // classification only; values are set below
	for j := i; j < len(lines) && len(cand) < headerZone; j++ {
		line := strings.TrimSpace(lines[j])
		if line == "" {
			continue
		}
		if len(strings.Fields(line)) > 30 || utf8.RuneCountInString(line) > 220 {
			break // a body paragraph
		}
		if len(strings.Fields(line)) >= 15 && rxSentenceEnd.MatchString(line) && len(bylineNames(line, "")) == 0 {
			break // a sentence of the body
		}
		clear := rxLabel.MatchString(line) ||
			rxPublishedIn.MatchString(line) && len(strings.Fields(line)) <= 10 ||
			rxFromSection.MatchString(line) && len(strings.Fields(line)) <= 8 ||
			len(bylineNames(line, "")) > 0 || x.dateLine(line, &probe)
		cand = append(cand, headerLine{j, line, clear})
		if clear {
			last = len(cand) - 1
		}
	}
	if last < 0 {
		return i
	}
	if last+1 < len(cand) && isTagList(cand[last+1].text) {
		last++ // "Europe, France, Terrorism" under the date
	}
	var (
		unknown []string
		updated corpus.Article // holds the date of an update notice
	)
	for k, h := range cand[:last+1] {
		line := h.text
		switch {
		case rxLabel.MatchString(line):
			g := rxLabel.FindStringSubmatch(line)
			x.setLabel(a, strings.ToLower(g[1]), strings.TrimSpace(g[2]))
		case rxPublishedIn.MatchString(line) && len(strings.Fields(line)) <= 10:
			a.Outlet = first(a.Outlet, rxPublishedIn.FindStringSubmatch(line)[1])
		case rxFromSection.MatchString(line) && len(strings.Fields(line)) <= 8:
			a.Section = first(a.Section, rxFromSection.FindStringSubmatch(line)[1])
		case len(bylineNames(line, a.Outlet)) > 0:
			if len(a.Authors) == 0 {
				a.Authors = bylineNames(line, a.Outlet)
			}
		case rxUpdateNotice.MatchString(line) && x.dateLine(line, &updated):
			// "Last updated ...": the date only if no other is given.
		case x.dateLine(line, a):
		case k == last && isTagList(line):
			a.Tags = append(a.Tags, splitList(line)...)
		case k == 0 && h.idx == i && a.Subtitle == "" && (!isOutletLine(line) || len(strings.Fields(line)) >= 6):
			a.Subtitle = line // right under the title, no blank line between
		case isOutletLine(line) && a.Outlet == "":
			a.Outlet, a.Section = splitOutletLine(line, a.Section)
		default:
			unknown = append(unknown, line)
		}
	}
	if a.Date.IsZero() {
		a.Date = updated.Date
	}
	next := cand[last].idx + 1
	if len(unknown) > 0 {
		// Keep what was not understood: nothing is silently dropped.
		a.Subtitle = strings.TrimSpace(a.Subtitle + " " + strings.Join(unknown, " "))
	}
	return next
}

// splitOutletLine splits an outlet line such as "Northern Ledger -
// Technology" or "Kestrel Policy Institute | Eurasia Programme" into the
// outlet and, when section is still empty, the section.
func splitOutletLine(line, section string) (string, string) {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " / "} {
		if o, s, ok := strings.Cut(line, sep); ok {
			return strings.TrimSpace(o), first(section, strings.TrimSpace(s))
		}
	}
	return line, section
}

// setLabel stores a "Label: value" header line.
func (x *Extractor) setLabel(a *corpus.Article, label, v string) {
	switch label {
	case "outlet", "source", "publication", "publisher", "published in", "newspaper", "magazine", "site":
		a.Outlet = first(a.Outlet, v)
	case "tags", "tag", "keywords", "labels", "categories":
		a.Tags = append(a.Tags, splitList(v)...)
	case "category", "section":
		a.Section = first(a.Section, v)
	case "author", "authors", "byline":
		if len(a.Authors) == 0 {
			a.Authors = cleanAuthors(v, a.Outlet, false)
		}
	case "date", "published", "published on", "dated":
		if a.Date.IsZero() {
			a.Date = x.dates.parse(v)
		}
	case "url", "link":
		a.URL = first(a.URL, absURL(v))
	case "language", "lang":
		a.Language = first(a.Language, primaryLanguage(v))
	case "subtitle":
		a.Subtitle = first(a.Subtitle, v)
	}
}

// dateLine reports whether a short header line gives the date ("14 March
// 2023", "Commentary, 20 November 2015", "Last updated at 12:01AM,
// November 16 2015"); if so it stores the date, and a section written
// before it ("Commentary"), in a.
func (x *Extractor) dateLine(line string, a *corpus.Article) bool {
	if len(strings.Fields(line)) > 12 || utf8.RuneCountInString(line) > 100 {
		return false
	}
	m, ok := x.dates.findIn(line, "")
	if !ok {
		return false
	}
	// What surrounds the date must be short: a label, a time, a section.
	rest := strings.TrimSpace(line[:m.Start]) + " " + strings.TrimSpace(line[m.End:])
	if len(strings.Fields(rest)) > 6 {
		return false
	}
	if a.Date.IsZero() {
		a.Date = m.Date
	}
	if g := rxDatePrefix.FindStringSubmatch(line[:m.Start]); g != nil && strings.TrimSpace(line[m.End:]) == "" {
		lw := strings.ToLower(g[1])
		if !strings.Contains(lw, "updated") && !strings.Contains(lw, "published") && !strings.Contains(lw, "posted") &&
			!strings.Contains(lw, "date") && len(strings.Fields(g[1])) <= 3 && a.Section == "" {
			a.Section = strings.TrimSpace(g[1])
		}
	}
	return true
}

// isTagList reports whether a header line is a list of tags: three or
// more short capitalised items separated by commas, not a sentence.
func isTagList(line string) bool {
	items := strings.Split(line, ",")
	if len(items) < 3 || rxSentenceEnd.MatchString(line) {
		return false
	}
	for _, it := range items {
		it = strings.TrimSpace(it)
		r, _ := utf8.DecodeRuneInString(it)
		if n := len(strings.Fields(it)); n == 0 || n > 4 || !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isOutletLine reports whether a line under a byline looks like the name
// of a publication: short, capitalised, not a sentence.
func isOutletLine(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 8 || utf8.RuneCountInString(line) > 80 {
		return false
	}
	if strings.ContainsAny(line[len(line)-1:], ".!?:;,") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// textParagraphs splits body lines into paragraphs at blank lines. Hard-
// wrapped lines are joined with spaces; list items and fenced code keep
// their line breaks. Markdown syntax is reduced to its text.
func textParagraphs(lines []string, markdown bool) []string {
	var (
		out   []string
		cur   []string
		fence bool
		code  bool
	)
	flush := func() {
		if len(cur) == 0 {
			return
		}
		list := false
		for _, l := range cur {
			if rxListItem.MatchString(l) {
				list = true
			}
		}
		sep := " "
		if list || code {
			sep = "\n"
		}
		if p := strings.TrimSpace(strings.Join(cur, sep)); p != "" {
			out = append(out, p)
		}
		cur, code = nil, false
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if markdown && strings.HasPrefix(t, "```") {
			flush()
			fence = !fence
			code = fence
			continue
		}
		if fence {
			cur = append(cur, strings.TrimRight(l, " \t"))
			continue
		}
		if t == "" {
			flush()
			continue
		}
		if markdown {
			if rxMDHeading.MatchString(t) {
				flush()
				cur = append(cur, cleanMarkdownInline(strings.TrimRight(rxMDHeading.ReplaceAllString(t, ""), "# ")))
				flush()
				continue
			}
			if rxSetext.MatchString(t) && len(cur) > 0 {
				flush()
				continue
			}
			t = cleanMarkdownInline(strings.TrimPrefix(t, "> "))
			if t == "" {
				continue
			}
		}
		cur = append(cur, t)
	}
	flush()
	return out
}

// cleanMarkdownInline reduces inline markdown to text: images are
// dropped, links keep their text, bold markers are removed.
func cleanMarkdownInline(s string) string {
	s = rxMDImage.ReplaceAllString(s, "")
	s = rxMDLink.ReplaceAllString(s, "$1")
	s = rxMDEmphasis.ReplaceAllString(s, "$2")
	return strings.TrimSpace(s)
}
