package enrich

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of a text.
type token struct {
	// text is the token as written, with typographic apostrophes replaced
	// by "'" and a possessive "'s" removed.
	text string
	// start is the byte offset of the token in the tokenized text.
	start int
	// word is true for a run of letters and digits, false for punctuation.
	word bool
	// upper is true when the first letter is upper case.
	upper bool
	// caps is true when the token is on a line written in capitals only,
	// such as a wire headline; case then says nothing about names.
	caps bool
	// poss is true when the word was followed by a possessive "'s".
	poss bool
	// sent is true for the first word of a sentence or paragraph.
	sent bool
	// nl is true when a line break precedes the token.
	nl bool
	// para is true for the first token of a paragraph.
	para bool
}

// tokenize splits s into words and punctuation marks. Initialisms keep
// their dots ("U.S.", "D.C."); hyphens, commas and other marks are tokens of
// their own, so that names are matched token by token.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5)
	caps := capsLines(s)
	line := 0
	sent, nl, para := true, false, true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			line++
			nl = true
			// A blank line or an indented line starts a paragraph.
			next := strings.TrimLeft(s[i+1:], " \t\r")
			if indent := len(s[i+1:]) - len(next); indent >= 2 || strings.HasPrefix(next, "\n") {
				sent, para = true, true
			}
			i += size
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			end, poss := wordEnd(s, i)
			text := s[i:end]
			if poss {
				text = strings.TrimSuffix(strings.TrimSuffix(text, "'s"), "’s")
			}
			if strings.ContainsRune(text, '’') {
				text = strings.ReplaceAll(text, "’", "'")
			}
			first, _ := utf8.DecodeRuneInString(text)
			toks = append(toks, token{text: text, start: i, word: true, upper: unicode.IsUpper(first),
				caps: caps[line], poss: poss, sent: sent, nl: nl, para: para})
			sent, nl, para = false, false, false
			i = end
		default:
			text := s[i : i+size]
			switch r {
			case '’', '‘':
				text = "'"
			case '.', '!', '?', ':', ';', '"', '“', '”', '—':
				sent = true
			}
			toks = append(toks, token{text: text, start: i, caps: caps[line], nl: nl, para: para})
			nl, para = false, false
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordEnd returns the end of the word starting at i, and whether the word
// ends with a possessive "'s" (included in the returned span).
func wordEnd(s string, i int) (end int, poss bool) {
	j := i
	letters := 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			letters++
			j += size
			continue
		}
		if r == '\'' || r == '’' {
			// An apostrophe inside a word: "Xi'an", "N'Djamena", "d'Ivoire".
			if n, _ := utf8.DecodeRuneInString(s[j+size:]); j+size < len(s) && unicode.IsLetter(n) {
				rest := s[j+size:]
				if (rest[0] == 's' || rest[0] == 'S') && (len(rest) == 1 || !isWordRune(firstRune(rest[1:]))) {
					return j + size + 1, true
				}
				j += size
				continue
			}
		}
		if r == '.' && letters == 1 && isInitialism(s[i:], j-i) {
			// "U.S.", "U.K.", "D.C.": single letters each followed by a dot.
			for j < len(s) && s[j] == '.' {
				j++
				n, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(n) || j+size >= len(s) || s[j+size] != '.' {
					break
				}
				j += size
			}
			return j, false
		}
		break
	}
	return j, false
}

// isInitialism reports whether s, whose first letter ends at n and is
// followed by a dot, continues as "X." at least once more ("U.S").
func isInitialism(s string, n int) bool {
	if n+1 >= len(s) {
		return false
	}
	r, size := utf8.DecodeRuneInString(s[n+1:])
	return unicode.IsLetter(r) && n+1+size < len(s) && s[n+1+size] == '.'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// capsLines reports for each line of s whether it is written in capitals
// only (at least two upper-case letters and no lower-case letter).
func capsLines(s string) []bool {
	var out []bool
	for {
		line, rest, more := strings.Cut(s, "\n")
		upper, lower := 0, 0
		for _, r := range line {
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
				break
			}
		}
		out = append(out, upper >= 2 && lower == 0)
		if !more {
			return out
		}
		s = rest
	}
}

// hardWrapped reports whether s is wrapped at a fixed width, as wire copy
// is: a line break inside such a text does not end a name.
func hardWrapped(s string) bool {
	lines, short := 0, 0
	for line := range strings.Lines(s) {
		n := utf8.RuneCountInString(strings.TrimSpace(line))
		if n == 0 {
			continue
		}
		lines++
		if n <= 90 {
			short++
		}
	}
	return lines >= 4 && short*10 >= lines*9
}
