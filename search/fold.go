package search

import (
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// foldFilterName is the name under which the accent-folding token filter
// is registered with bleve. The text analyzers (analyzerText,
// analyzerUnstemmed) name it, so an index opened later folds its queries
// the same way.
const foldFilterName = "clippings_fold"

func init() {
	// Registration is bleve's own mechanism: a name bound once, at
	// start-up, to a constructor; it holds no state of this package.
	err := registry.RegisterTokenFilter(foldFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	})
	if err != nil {
		panic("search: " + err.Error()) // the name is this package's own
	}
}

// foldFilter is a token filter that folds each term to its unaccented
// form (see fold): "zürich" becomes "zurich", "são" "sao". It changes
// only the Term of a token, never its Start and End, which stay the byte
// offsets of the word as written; highlighting therefore marks
// "Zürich" in the original text. A char filter such as asciifolding
// would instead change the text before it is cut into words, and shift
// the offsets of every word after an accented one.
type foldFilter struct{}

// Filter implements analysis.TokenFilter.
func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if !isASCII(tok.Term) {
			tok.Term = []byte(fold(string(tok.Term)))
		}
	}
	return input
}

// foldSpecial holds the letters that are not a base letter plus
// combining marks, and so are not taken apart by canonical decomposition,
// with the ASCII letters a reader types for them.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "SS",
	'æ': "ae", 'Æ': "AE",
	'œ': "oe", 'Œ': "OE",
	'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L",
	'đ': "d", 'Đ': "D",
	'ð': "d", 'Ð': "D",
	'þ': "th", 'Þ': "TH",
	'ħ': "h", 'Ħ': "H",
	'ı': "i",
	'ŀ': "l", 'Ŀ': "L",
	'ŧ': "t", 'Ŧ': "T",
}

// fold returns s without accents: decomposed (NFD), without the
// combining marks of Latin and Greek letters, and with the letters of
// foldSpecial spelled out in ASCII. Other scripts are left as they are,
// since their marks can tell words apart (the voicing mark of Japanese
// kana, Indic vowel signs, the breve of Cyrillic й). Case is kept; the
// analyzers lower-case before folding.
func fold(s string) string {
	if isASCIIString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var base rune // the letter the marks that follow belong to
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			if !unicode.In(base, unicode.Latin, unicode.Greek) {
				b.WriteRune(r)
			}
			continue
		}
		base = r
		if sp, ok := foldSpecial[r]; ok {
			b.WriteString(sp)
			continue
		}
		b.WriteRune(r)
	}
	// Recompose what is left, such as Hangul syllables or Japanese kana
	// with their marks, so that a term keeps its usual form.
	return norm.NFC.String(b.String())
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldRegexp returns the regular expression expr with the letters it
// matches literally folded as the text terms are (fold), so that
// /zürich/ matches the term "zurich": the letters of literal runs, and
// single letters of character classes ([éè] also matches "e"). An
// expression in ASCII, or one that does not parse, is returned as is.
func foldRegexp(expr string) string {
	if isASCIIString(expr) {
		return expr
	}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return expr
	}
	foldRegexpNode(re)
	return re.String()
}

// maxFoldedRange is the largest range of a character class whose
// letters foldRegexpNode folds.
const maxFoldedRange = 512

// foldRegexpNode folds the literals and character classes of re and of
// its sub-expressions in place.
func foldRegexpNode(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		re.Rune = []rune(fold(string(re.Rune)))
	case syntax.OpCharClass:
		// Rune holds inclusive ranges [lo, hi] in pairs. Only short
		// ranges of letters beyond ASCII are looked into: [à-ÿ] but not
		// the whole of Unicode that [^a] is.
		n := len(re.Rune)
		for i := 0; i+1 < n; i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi < utf8.RuneSelf || hi-lo > maxFoldedRange {
				continue
			}
			for r := max(lo, utf8.RuneSelf); r <= hi; r++ {
				if f := []rune(fold(string(r))); len(f) == 1 && f[0] != r {
					re.Rune = append(re.Rune, f[0], f[0])
				}
			}
		}
	}
	for _, sub := range re.Sub {
		foldRegexpNode(sub)
	}
}
