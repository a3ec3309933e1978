package extract

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// labelMonthNames are month names in the languages of go-trafilatura-eval,
// to find where a labelled date is written on its page.
var labelMonthNames = map[time.Month][]string{
	1:  {"january", "jan", "januar", "jänner", "janvier", "enero", "gennaio"},
	2:  {"february", "feb", "februar", "février", "febrero", "febbraio"},
	3:  {"march", "mar", "märz", "mars", "marzo"},
	4:  {"april", "apr", "avril", "abril", "aprile"},
	5:  {"may", "mai", "mayo", "maggio"},
	6:  {"june", "jun", "juni", "juin", "junio", "giugno"},
	7:  {"july", "jul", "juli", "juillet", "julio", "luglio"},
	8:  {"august", "aug", "août", "agosto"},
	9:  {"september", "sep", "sept", "septembre", "septiembre", "settembre"},
	10: {"october", "oct", "oktober", "octobre", "octubre", "ottobre"},
	11: {"november", "nov", "novembre", "noviembre"},
	12: {"december", "dec", "dezember", "décembre", "diciembre", "dicembre"},
}

// writtenForms returns the ways a page may write the day t.
func writtenForms(t time.Time) []string {
	y, m, d := t.Date()
	forms := []string{
		fmt.Sprintf("%d-%02d-%02d", y, m, d), fmt.Sprintf("%d/%02d/%02d", y, m, d), fmt.Sprintf("%d%02d%02d", y, m, d),
		fmt.Sprintf("%02d.%02d.%d", d, m, y), fmt.Sprintf("%d.%d.%d", d, m, y), fmt.Sprintf("%d. %d. %d", d, m, y),
		fmt.Sprintf("%02d/%02d/%d", d, m, y), fmt.Sprintf("%02d/%02d/%d", m, d, y), fmt.Sprintf("%d/%d/%d", m, d, y),
		fmt.Sprintf("%d/%d/%d", d, m, y), fmt.Sprintf("%02d-%02d-%d", d, m, y), fmt.Sprintf("%02d.%02d.%02d", d, m, y%100),
	}
	for _, n := range labelMonthNames[m] {
		forms = append(forms, fmt.Sprintf("%d %s %d", d, n, y), fmt.Sprintf("%d. %s %d", d, n, y),
			fmt.Sprintf("%02d %s %d", d, n, y), fmt.Sprintf("%02d. %s %d", d, n, y), fmt.Sprintf("%d de %s de %d", d, n, y),
			fmt.Sprintf("%s %d, %d", n, d, y), fmt.Sprintf("%s %02d, %d", n, d, y), fmt.Sprintf("%s %d %d", n, d, y))
	}
	return forms
}

// rxChangeContext matches the words that mark a written date as that of
// a change, in the 60 characters before it.
var rxChangeContext = regexp.MustCompile(`(?i)modif|updated|aktualisiert|geändert|mis à jour|actualizado|aggiornato`)

// TestTrafilaturaEvalDateCeiling measures how many date labels of
// go-trafilatura-eval a page can give at all: the label must be written
// in the page (its HTML, in one of the usual forms). Of those, it counts
// the labels written only next to a word of change: the label is then the
// date of an update, which the extractor is right not to take.
func TestTrafilaturaEvalDateCeiling(t *testing.T) {
	root, pages := loadGroundTruth(t)
	var n, malformed, written, changeOnly int
	for _, g := range pages {
		if g.Date == "" {
			continue
		}
		n++
		day, err := time.Parse("2006-01-02", g.Date)
		if err != nil {
			malformed++ // "2022-25-10", "2022-01.26"
			continue
		}
		page := strings.ToLower(strings.Join(strings.Fields(readFile(t, root, g.File).Text), " "))
		found, publication := false, false
		for _, f := range writtenForms(day) {
			f = strings.ToLower(f)
			for i := 0; ; {
				j := strings.Index(page[i:], f)
				if j < 0 {
					break
				}
				found = true
				at := i + j
				if !rxChangeContext.MatchString(page[max(0, at-60):at]) {
					publication = true
				}
				i = at + len(f)
			}
		}
		if found {
			written++
			if !publication {
				changeOnly++
			}
		}
	}
	t.Logf("go-trafilatura-eval dates: %d labels (%d malformed); written in the page: %d (ceiling %.1f%%), of which only as an update date: %d (ceiling for publication dates %.1f%%)",
		n, malformed, written, pct(written, n), changeOnly, pct(written-changeOnly, n))
	if pct(written, n) < 90 {
		t.Errorf("only %.1f%% of the date labels are written in their pages", pct(written, n))
	}
}
