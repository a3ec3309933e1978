package enrich

import "strings"

// creditWords introduce a photo or other credit: "Photo: Jane Doe",
// "Picture by Jane Doe".
var creditWords = map[string]bool{
	"photo": true, "photos": true, "photograph": true, "photographs": true, "photographer": true,
	"picture": true, "pictures": true, "image": true, "images": true, "illustration": true,
	"graphic": true, "video": true, "credit": true, "credits": true, "courtesy": true,
}

// creditVerbs open a wire credit line: "Reporting by Jane Doe and John
// Roe; Editing by Ann Lee".
var creditVerbs = map[string]bool{
	"reporting": true, "writing": true, "editing": true, "edited": true, "written": true, "reported": true,
	"compiled": true, "produced": true, "translated": true, "translation": true, "research": true,
	"additional": true, "interviews": true,
}

// creditLines marks the tokens of the lines that are credits: lines that
// open with "By", or with a credit word or verb followed by "by" or a
// colon ("Reporting by ...", "Photo: ...").
func creditLines(toks []token) []bool {
	var out []bool
	for i := 0; i < len(toks); {
		end := i + 1
		for end < len(toks) && !toks[end].nl {
			end++
		}
		if isCreditLine(toks[i:end]) {
			if out == nil {
				out = make([]bool, len(toks))
			}
			for j := i; j < end; j++ {
				out[j] = true
			}
		}
		i = end
	}
	if out == nil {
		return make([]bool, len(toks))
	}
	return out
}

func isCreditLine(line []token) bool {
	for k, t := range line {
		w := strings.ToLower(t.text)
		switch {
		case k == 0 && w == "by" && t.upper:
			return true
		case k < 3 && (creditVerbs[w] || creditWords[w]):
			if k+1 < len(line) && (strings.EqualFold(line[k+1].text, "by") || line[k+1].text == ":") {
				return true
			}
		case k >= 3:
			return false
		}
	}
	return false
}

// creditAgencies stand before a photographer's name: "Reuters/Jane Doe".
var creditAgencies = map[string]bool{
	"reuters": true, "ap": true, "afp": true, "getty": true, "epa": true, "pa": true, "shutterstock": true,
}

// credit reports whether the name starting at token i is a byline ("By
// Jane Doe" opening a line) or a credit ("Photo: Jane Doe", "Photo by Jane
// Doe", "Reuters/Jane Doe").
func credit(toks []token, i int) bool {
	j := i - 1
	for j >= 0 && (toks[j].text == ":" || toks[j].text == "(" || toks[j].text == "|") {
		j--
	}
	if j < 0 || !toks[j].word {
		if j >= 0 && toks[j].text == "/" && j > 0 && creditAgencies[strings.ToLower(toks[j-1].text)] {
			return true
		}
		return false
	}
	w := strings.ToLower(toks[j].text)
	if w == "by" {
		if j == 0 || toks[j].nl || (toks[j].sent && toks[j].upper) {
			return true
		}
		p := j - 1
		for p >= 0 && !toks[p].word {
			p--
		}
		return p >= 0 && creditWords[strings.ToLower(toks[p].text)]
	}
	return creditWords[w] && j < i-1 // a colon or bracket after the credit word
}

// bylineLike reports whether the name in tokens [i, end) stands as in a
// byline or an author's note: a line of its own ("Raffaello Pantucci"),
// or at the start of a sentence or bracket before "is", "writes"
// ("Raffaello Pantucci is director of ...", "(Raffaello Pantucci
// writes)"). Only authors' names are checked this way.
func bylineLike(toks []token, i, end int) bool {
	if end == len(toks) || toks[end].nl {
		return i == 0 || toks[i].nl
	}
	if i > 0 && !toks[i].sent && toks[i-1].text != "(" {
		return false
	}
	switch toks[end].text {
	case "is", "writes", "wrote", "was":
		return true
	}
	return false
}
