package enrich

import (
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/clippings/clippings/corpus"
)

// languageSample is how much text the language detector reads; a few
// thousand bytes decide as well as the whole article.
const languageSample = 1500

// detectLanguage returns the ISO 639-1 code of the article's language, or ""
// when the text is too short or the detector is not confident enough.
func (e *Enricher) detectLanguage(a *corpus.Article) string {
	text := a.Body
	if utf8.RuneCountInString(text) < 200 {
		text = strings.Join([]string{a.Title, a.Lead, a.Body}, "\n")
	}
	if len(text) > languageSample {
		cut := languageSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if utf8.RuneCountInString(strings.TrimSpace(text)) < 20 {
		return ""
	}
	info := whatlanggo.Detect(text)
	threshold := e.opts.MinLanguageConfidence
	if threshold <= 0 {
		threshold = whatlanggo.ReliableConfidenceThreshold
	}
	if info.Lang < 0 || info.Confidence < threshold {
		return ""
	}
	return info.Lang.Iso6391()
}
