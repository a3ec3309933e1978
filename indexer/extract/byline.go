package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A byline is the line that names who wrote an article: "By Jane Doe and
// John Roe, Staff Writers | Updated March 14, 2023". This file reduces it
// to person names.

var (
	// rxBylinePrefix is the word that introduces the names, or the label
	// of a writer who took the photos too ("Text & Fotos:").
	rxBylinePrefix = regexp.MustCompile(`(?i)^\s*(?:(?:text|texte|words)\s*(?:&|und|and|/|\+)\s*(?:fotos?|photos?|bilder|bild)\s*(?:[:\-–—]\s*|\s+)|` +
		`(?:(?:written|posted|published|reported|words|text|story|compiled|edited|erstellt|geschrieben|verfasst|artikel|beitrag|ein beitrag|pressemitteilung|interview|alles)\s+)?` +
		`(?:by|from|von|vom|par|por|di|door|av|af|autor(?:in)?|author|authors|auteur|text|texto|redakteur|reporter|interview|fotos?)\s*(?:[:\-–—]\s*|\s+))`)
	// rxDateTail cuts a byline where a date, a time ago ("Hace 13 horas")
	// or an update notice starts.
	rxDateTail = regexp.MustCompile(`(?i)\s*(?:\b(?:(?:on|am|le|el|den)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:` + monthPattern + `|\d)|\b(?:(?:am|den)\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+\d|\bupdated\b|\bpublished\b|\bposted\b|\blast modified\b|\baktualisiert\b|\bveröffentlicht\b|\b(?:on|am|le|el|il|den|vom|at|um)\s+(?:` + monthPattern + `|\d)|\b\d{1,2}(?:st|nd|rd|th)?\.?\s+` + monthPattern + `\b|\b` + monthPattern + `\.?\s+\d{1,2}\b|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d{1,2}:\d{2}|\b(?:hace|vor|il y a)\s+\d|\b\d+\s+(?:min|mins|minutes?|hours?|hrs?|days?)\s+ago\b).*$`)
	// rxCreditTail cuts a byline where a photo credit starts: "Jane Doe
	// Foto: John Roe", "Jane Doe Illustration von John Roe".
	rxCreditTail = regexp.MustCompile(`(?i)\s+(?:fotos?|photos?|bild|bilder|illustrations?|images?|grafik)\s*(?::|\s(?:von|by|par|de|di)\s).*$`)
	// rxForOutlet cuts the outlet a name wrote for: "Brendan Carlin For
	// The Mail On Sunday".
	rxForOutlet = regexp.MustCompile(`\s+(?:[Ff]or|[Ff]ür)\s+\p{Lu}.*$`)
	// rxFiledUnder cuts a byline where the post's categories start:
	// "Posted by Jane Doe under Just For Fun".
	rxFiledUnder = regexp.MustCompile(`(?i)\s+(?:filed\s+)?(?:under|unter|in\s+categor(?:y|ies)|kategorien?:)\s.*$`)
	// rxNameSeparator splits several names, also those of an interview:
	// "Richard David Precht im Gespräch mit Karin Fischer".
	rxNameSeparator = regexp.MustCompile(`\s*(?:,|;|\||/|•|·|&|\s(?i:im\s+gespräch\s+mit|im\s+interview\s+mit|in\s+conversation\s+with|en\s+conversation\s+avec)\s|\s(?:and|And|AND|und|et|y|e|en|with|mit)\s)\s*`)
	// rxBracketed removes "(AP)", "[Reuters]" and similar.
	rxBracketed = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)
)

// roleWords are words that make a byline part a job title or an
// organisation rather than a person's name.
var roleWords = map[string]bool{
	"writer": true, "writers": true, "reporter": true, "reporters": true, "correspondent": true,
	"correspondents": true, "editor": true, "editors": true, "staff": true, "contributor": true,
	"contributors": true, "columnist": true, "journalist": true, "producer": true, "photographer": true,
	"senior": true, "chief": true, "bureau": true, "desk": true, "team": true, "contributing": true,
	"special": true, "guest": true, "analyst": true, "associated": true, "press": true, "news": true,
	"newsroom": true, "admin": true, "administrator": true, "webmaster": true, "anonymous": true,
	"unknown": true, "redaktion": true, "rédaction": true, "redacción": true, "redazione": true,
	"agency": true, "agencies": true, "wire": true, "services": true, "service": true, "online": true,
	"magazine": true, "newspaper": true, "times": true, "post": true, "daily": true, "media": true,
	"group": true, "inc": true, "ltd": true, "llc": true, "gmbh": true, "department": true,
	"office": true, "university": true, "institute": true, "foundation": true, "comments": true,
	"comment": true, "view": true, "posts": true, "profile": true, "follow": true, "email": true,
	"twitter": true, "facebook": true, "read": true, "more": true, "mehr": true, "about": true, "share": true,
	"min": true, "minute": true, "minutes": true, "ago": true, "hours": true, "photos": true,
	"photo": true, "video": true, "illustration": true, "illustrations": true, "images": true,
	"said": true, "says": true, "wrote": true, "writes": true, "schreibt": true, "designed": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true,
	"samstag": true, "sonntag": true, "lundi": true, "mardi": true, "mercredi": true, "jeudi": true,
	"vendredi": true, "samedi": true, "dimanche": true, "lunes": true, "martes": true, "miércoles": true,
	"jueves": true, "viernes": true, "sábado": true, "domingo": true, "redakteur": true, "redakteurin": true,
	"autor": true, "autorin": true, "author": true, "interview": true, "text": true, "fotos": true,
	"name": true, "datum": true, "date": true, "stand": true, "abgelegt": true, "unter": true,
	"beiträge": true, "archiv": true, "anzeigen": true, "hecho": true, "experte": true, "expertin": true,
	"phd": true, "md": true, "mba": true, "msc": true, "pressestelle": true,
	"sponsored": true, "gesponserte": true, "gesponsert": true, "inhalte": true, "anzeige": true,
	// Outlets and agencies: "The Guardian", "Greentech Live", "red"
	// (Redaktion).
	"agentur": true, "agenturen": true, "agence": true, "red": true, "the": true,
	"forum": true, "live": true, "tv": true, "radio": true,
	// Think-tank and academic roles: "Mark Ellery, Research Fellow, Security Studies".
	"fellow": true, "fellows": true, "research": true, "researcher": true, "studies": true,
	"director": true, "professor": true, "lecturer": true, "associate": true, "programme": true,
	"program": true, "deputy": true, "manager": true, "officer": true, "coordinator": true,
	"consultant": true, "adviser": true, "advisor": true, "specialist": true, "secretary": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "intern": true,
	// Organisations: "Bund der Energieverbraucher e.V.", "Hanns-Seidel-Stiftung".
	"e.v": true, "ev": true, "verein": true, "verband": true, "verlag": true, "zeitung": true,
	"ag": true, "association": true, "society": true, "council": true, "ministry": true,
	"ministerium": true, "partei": true, "gesellschaft": true, "kg": true, "corp": true,
	"corporation": true, "company": true, "organisation": true, "organization": true,
}

var (
	// orgSuffixes end words that name organisations, not persons:
	// "Hanns-Seidel-Stiftung", "Caritasverband".
	orgSuffixes = []string{"stiftung", "verband", "verbände", "verein", "institut", "zeitung", "verlag", "redaktion", "präsidium"}
	// jobSuffixes end compound words that name jobs: "Projektleiterin",
	// "Geschäftsführer" (but "Leiter" alone may be a surname).
	jobSuffixes = []string{"leiter", "leiterin", "sprecher", "sprecherin", "referent", "referentin",
		"direktor", "direktorin", "führer", "führerin", "redakteur", "redakteurin", "korrespondent", "korrespondentin"}
)

// lowercaseNameWords may appear in lower case inside a name ("Ludwig van
// Beethoven", "Ana de la Cruz").
var lowercaseNameWords = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "la": true, "le": true,
	"da": true, "di": true, "del": true, "dos": true, "du": true, "bin": true, "al": true,
	"ten": true, "ter": true, "zu": true, "y": true,
}

// rxInPlace matches the place a reporter filed from, after the name: "Jane
// Doe in Mexico City", or the section a post is filed in: "Henry In
// Aktuell".
var rxInPlace = regexp.MustCompile(`\s+[Ii]n\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$`)

// rxHonorific matches a title before a name: "Dr Farida Nurlanova".
var rxHonorific = regexp.MustCompile(`^(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Rev|Revd|Dipl|Ing|Mag)\.?\s+|(?:Rechtsanwalt|Rechtsanwältin|Notar|Notarin|Steuerberater|Steuerberaterin|Pfarrer|Pfarrerin|Maître|Me)\s+)+`)

// cleanAuthors reduces a raw byline to person names. site is the outlet's
// name (or domain), which is never an author. strict asks for names that
// look like names (capitalised words); it is used for bylines found in
// page text, while names from metadata are trusted more.
func cleanAuthors(raw, site string, strict bool) []string {
	raw = strings.Join(strings.Fields(strings.ReplaceAll(raw, "\u00ad", "")), " ") // no soft hyphens
	if raw == "" || isURL(raw) {
		return nil
	}
	raw = rxBracketed.ReplaceAllString(raw, " ")
	raw = rxBylinePrefix.ReplaceAllString(raw, "")
	raw = rxDateTail.ReplaceAllString(raw, "")
	raw = rxCreditTail.ReplaceAllString(raw, "")
	raw = rxFiledUnder.ReplaceAllString(raw, "")
	// "Jane Doe - Staff Writer", "Jane Doe — The Daily Planet"
	for _, sep := range []string{" - ", " – ", " — ", " | "} {
		if i := strings.Index(raw, sep); i > 0 {
			if w := strings.Fields(raw[:i]); len(w) == 1 && isAllCaps(w[0]) && hasOrgWord(raw[i+len(sep):]) {
				return nil // "DITIB - Türkisch-Islamische Union ... e.V.": an acronym
			}
			raw = raw[:i]
		}
	}
	var names []string
	for _, part := range rxNameSeparator.Split(raw, -1) {
		part = strings.Trim(part, " :,;-–—'\"“”‘’*#@")
		part = trimPeriod(part)
		part = rxBylinePrefix.ReplaceAllString(part+" ", "")
		part = strings.TrimSpace(rxInPlace.ReplaceAllString(strings.TrimSpace(part), ""))
		part = rxForOutlet.ReplaceAllString(part, "")
		part = rxHonorific.ReplaceAllString(part, "")
		if name, ok := personName(part, site, strict); ok {
			names = append(names, name)
		}
	}
	return names
}

// hasOrgWord reports whether s holds a word that marks an organisation:
// "e.V.", "GmbH", "Stiftung", "Verband".
func hasOrgWord(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,()")
		if orgWords[w] {
			return true
		}
		for _, suf := range orgSuffixes {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// orgWords are the words that end or name an organisation.
var orgWords = map[string]bool{
	"e.v": true, "ev": true, "gmbh": true, "ag": true, "kg": true, "inc": true, "ltd": true, "llc": true,
	"union": true, "verein": true, "verband": true, "association": true, "society": true, "foundation": true,
}

// personName reports whether s looks like one person's name and returns it
// tidied (an all-capitals name is put in title case).
func personName(s, site string, strict bool) (string, bool) {
	if s == "" || utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s, "@/\\=<>{}|") {
		return "", false
	}
	if strings.ContainsAny(s, "0123456789") && !rxNumberedHandle.MatchString(s) {
		return "", false
	}
	if site != "" && (strings.EqualFold(s, site) || strings.EqualFold(strings.ReplaceAll(s, " ", ""), strings.ReplaceAll(site, " ", ""))) {
		return "", false
	}
	words := strings.Fields(s)
	if len(words) > 5 {
		return "", false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return "", false
	}
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if roleWords[lw] {
			return "", false
		}
		for _, suf := range orgSuffixes {
			if strings.HasSuffix(lw, suf) {
				return "", false
			}
		}
		for _, suf := range jobSuffixes {
			if strings.HasSuffix(lw, suf) && len(lw) > len(suf)+2 {
				return "", false
			}
		}
		if rxDomainWord.MatchString(lw) {
			return "", false // "example.com", "jungefreiheit.de"
		}
	}
	if isAllCaps(s) && letters > 3 {
		s = titleCase(strings.ToLower(s))
		words = strings.Fields(s)
	}
	if strict {
		capitalised := 0
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case unicode.IsUpper(r):
				capitalised++
			case lowercaseNameWords[strings.ToLower(w)]:
			default:
				return "", false
			}
		}
		if capitalised == 0 {
			return "", false
		}
	}
	return s, true
}

// rxDomainWord matches a word that is or ends like a web address:
// "orf.at", "wien.orf.at", "example.com/news".
var rxDomainWord = regexp.MustCompile(`\p{L}\.(?:com|org|net|info|de|at|ch|it|fr|es|uk|io|eu|nl|be|pl|se|dk|no)(?:/|$)|\.(?:com|org|net)\b`)

// rxNumberedHandle matches a user name with digits, as forums and markup
// made for machines (rel=author) give it: "freeman1984", "von
// Marianne1", "Bo2man". It starts with two letters and holds at most
// four digits in a row. Other names with digits are dates or junk.
var rxNumberedHandle = regexp.MustCompile(`^\p{L}{2,}[\p{L}_.-]*\d{1,4}(?:[\p{L}_.-]+\d{0,4})*$`)

// isAllCaps reports whether s has letters and none of them is lower case.
func isAllCaps(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			has = true
		}
	}
	return has
}

// titleCase upper-cases the first letter of each word of s, and the letter
// after an apostrophe ("o'brien" becomes "O'Brien").
func titleCase(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if upper && unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
			upper = false
			continue
		}
		b.WriteRune(r)
		upper = r == ' ' || r == '-' || r == '\''
	}
	return b.String()
}

// isURL reports whether s is a web address rather than a name.
func isURL(s string) bool {
	ls := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(ls, "http://") || strings.HasPrefix(ls, "https://") ||
		strings.HasPrefix(ls, "www.") || strings.HasPrefix(ls, "/")
}

// rxByLine matches a line that is only a byline: "By Jane Doe".
var rxByLine = regexp.MustCompile(`(?i)^\s*(?:(?:written\s+|posted\s+|reported\s+|text\s+|words\s+|story\s+|texto\s+|texte\s+)?by|(?:text\s+|ein\s+beitrag\s+)?von|(?:texte\s+)?par|(?:texto\s+)?por|door)\s*:?\s+\S`)

// bylineNames returns the names of a line that is a byline ("By Jane Doe
// and John Roe"), or nil when the line is something else.
func bylineNames(line, site string) []string {
	if !rxByLine.MatchString(line) || len(strings.Fields(line)) > 16 {
		return nil
	}
	return cleanAuthors(line, site, true)
}

// trimPeriod removes the full stops around a name, but not the one that
// ends an initial ("Dennis W.").
func trimPeriod(s string) string {
	s = strings.TrimLeft(s, ". ")
	for strings.HasSuffix(s, ".") {
		words := strings.Fields(s)
		if last := words[len(words)-1]; utf8.RuneCountInString(last) == 2 && unicode.IsUpper([]rune(last)[0]) {
			break
		}
		s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	}
	return s
}

var (
	// rxWrites matches "(Jane Doe writes)" or "Jane Doe writes:".
	rxWrites = regexp.MustCompile(`(?:^|\()\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s+writes\b`)
	// rxBio matches a trailing bio line: "Jane Doe is director of ...".
	rxBio = regexp.MustCompile(`(?i)^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s+is\s+(?:a|an|the)?\s*(?:[\p{L}-]+\s+){0,3}?` +
		`(?:director|professor|editor|fellow|correspondent|author|writer|journalist|researcher|analyst|lecturer|head|chair|founder|president|member|reporter|columnist|associate|senior|deputy|chief|visiting|research)\b`)
)

// bodyAuthors finds the author in the text: "(Jane Doe writes)" or a
// byline ("Text von Jane Doe") near the top, or at the end a bio line
// ("Jane Doe is director of ..."), a Korean reporter's line, a copyright
// notice that names a person, or a signature (above a date).
func bodyAuthors(body []string) []string {
	for _, p := range body[:min(len(body), 3)] {
		if g := rxWrites.FindStringSubmatch(p); g != nil {
			if names := cleanAuthors(g[1], "", true); len(names) > 0 {
				return names
			}
		}
	}
	for _, p := range body[:min(len(body), 6)] {
		if utf8.RuneCountInString(p) < 120 {
			if names := bylineNames(p, ""); len(names) > 0 {
				return names
			}
		}
	}
	for k := len(body) - 1; k >= 0 && k >= len(body)-2; k-- {
		if g := rxBio.FindStringSubmatch(body[k]); g != nil {
			if names := cleanAuthors(g[1], "", true); len(names) > 0 {
				return names
			}
		}
	}
	// A Korean reporter's line may stand above a photo credit and two
	// copyright lines, each a paragraph of its own.
	for k := len(body) - 1; k >= 0 && k >= len(body)-koreanBylineReach; k-- {
		if names := koreanByline(body[k]); len(names) > 0 {
			return names
		}
	}
	if len(body) >= 3 {
		last := body[len(body)-1]
		if g := rxCopyrightHolder.FindStringSubmatch(strings.TrimSpace(last)); g != nil && utf8.RuneCountInString(last) <= 80 {
			// "© 2019 Sven Schreivogel" closing the text.
			if names := fullNames(lineNames(g[1], "")); len(names) == 1 {
				return names
			}
		}
		if len(body) >= 4 && (isDateLine(last) || isRoleLine(last)) {
			// A signature over the day it was written or over the
			// writer's office ("Kazım TÜRKMEN" over
			// "DITIB-Bundesvorsitzender").
			if names := signature(body[len(body)-2]); len(names) > 0 {
				return names
			}
		}
		return signature(last)
	}
	return nil
}

// officeWords end the words that name the office or job a signature is
// signed with: "Bundesvorsitzender", "President and CEO", "Managing
// Director". A department ("Pressestelle") or company is no office.
var officeWords = []string{"vorsitzender", "vorsitzende", "präsident", "präsidentin", "president", "chairman",
	"chairwoman", "ceo", "founder", "gründer", "gründerin", "bürgermeister", "bürgermeisterin", "bischof",
	"director", "editor", "reporter", "correspondent", "columnist", "journalist", "professor", "lecturer",
	"fellow", "researcher", "analyst", "manager", "officer", "coordinator", "consultant", "adviser", "advisor",
	"secretary", "spokesperson", "spokesman", "spokeswoman", "writer", "author", "autor", "autorin"}

// isRoleLine reports whether a paragraph is only an office or job title,
// as signs a statement under the name: short, without a sentence's
// punctuation, and holding a word that names an office or a job.
func isRoleLine(p string) bool {
	if utf8.RuneCountInString(p) > 60 || strings.ContainsAny(p, ".!?:") {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return r == ' ' || r == '-' || r == ',' }) {
		if slices.ContainsFunc(officeWords, func(o string) bool { return strings.HasSuffix(w, o) }) ||
			slices.ContainsFunc(jobSuffixes, func(j string) bool { return strings.HasSuffix(w, j) }) {
			return true
		}
	}
	return false
}

// koreanBylineReach is how many of an article's last paragraphs are
// looked at for a Korean reporter's line.
const koreanBylineReach = 5

// koreanRoles are the titles Korean bylines write beside a name:
// reporter, correspondent, columnist, editorial writer, critic.
const koreanRoles = `(?:기자|특파원|칼럼니스트|논설위원|편집위원|평론가|객원기자|선임기자|전문기자)`

// rxKoreanByline matches the byline that closes a Korean article: a name
// of two to four syllables with its title, before or after it, and the
// writer's e-mail address ("정덕현 칼럼니스트 thekian1@example.co.kr",
// "칼럼니스트 박생강 pillgoo9@example.com"). The name is in group 1 or 2.
var rxKoreanByline = regexp.MustCompile(`(?:^|[^\p{Hangul}])(?:(\p{Hangul}{2,4})\s?` + koreanRoles + `|` + koreanRoles + `\s(\p{Hangul}{2,4}))\s*[\w.+-]+@[\w-]+\.[\w.-]+`)

// koreanByline returns the name of a Korean byline in paragraph p, or
// nil.
func koreanByline(p string) []string {
	if !strings.Contains(p, "@") {
		return nil
	}
	if g := rxKoreanByline.FindStringSubmatch(p); g != nil {
		return []string{g[1] + g[2]}
	}
	return nil
}

var (
	// rxSignature matches a paragraph that is only a name of two or three
	// words, as an author signs an article at its end: "Stefan Wasmer".
	rxSignature = regexp.MustCompile(`^[-–—]?\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’-]+){1,2})$`)
	// rxSignOff matches a sign-off and the name after it, which may be a
	// single word: "Euer HansEhrlich", "Cheers, Jane".
	rxSignOff = regexp.MustCompile(`(?i)^(?:euer|eure|dein|deine|yours|cheers|love|grüße|gruß),?\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})$`)
)

// signature returns the name an article's last paragraph signs it with,
// or nil when that paragraph is something else.
func signature(last string) []string {
	last = strings.TrimSpace(last)
	g := rxSignOff.FindStringSubmatch(last)
	if g == nil {
		g = rxSignature.FindStringSubmatch(last)
	}
	if g == nil {
		return nil
	}
	if names := cleanAuthors(g[1], "", true); len(names) == 1 && names[0] == g[1] {
		return names
	}
	return nil
}

// rxAuthorLabel matches the label of a twitter:labelN meta tag whose
// twitter:dataN is the author: "Written by", "Verfasst von".
var rxAuthorLabel = regexp.MustCompile(`(?i)^\s*(?:written\s+by|posted\s+by|author|autor(?:in)?|auteur|verfasst\s+von|geschrieben\s+von|écrit\s+par|escrito\s+por|scritto\s+da)\s*:?\s*$`)
