package extract

import (
	"regexp"
	"strings"
)

// Outlets are named in many ways: "BBC News", "bbc.co.uk" and "the BBC"
// are one outlet, and so are "Royal United Services Institute (Rusi)" and
// "RUSI", or "Monday's Times" and "The Times". An outletTable maps the
// names found in pages to the names articles are indexed under: a
// built-in table of common aliases, extended and overridden by the corpus
// folder's [outlets] table (Options.Outlets).

// builtinOutlets maps normalised aliases (see outletKey) to outlet names.
var builtinOutlets = map[string]string{
	"bbc": "BBC", "bbc news": "BBC", "bbc.co.uk": "BBC", "bbc.com": "BBC", "bbc online": "BBC",
	"bbc world service":               "BBC",
	"royal united services institute": "RUSI", "royal united services institute (rusi)": "RUSI",
	"rusi": "RUSI", "rusi.org": "RUSI",
	"times": "The Times", "times of london": "The Times", "thetimes.co.uk": "The Times",
	"sunday times": "The Sunday Times",
	"independent":  "The Independent", "independent on sunday": "The Independent",
	"independent.co.uk": "The Independent",
	"guardian":          "The Guardian", "theguardian.com": "The Guardian", "guardian.co.uk": "The Guardian",
	"observer":       "The Observer",
	"new york times": "The New York Times", "nytimes.com": "The New York Times", "nyt": "The New York Times",
	"ft": "Financial Times", "financial times": "Financial Times", "ft.com": "Financial Times",
	"wall street journal": "The Wall Street Journal", "wsj": "The Wall Street Journal",
	"wsj.com":         "The Wall Street Journal",
	"washington post": "The Washington Post", "washingtonpost.com": "The Washington Post",
	"huffington post": "HuffPost", "huffpost": "HuffPost", "huffingtonpost.com": "HuffPost",
	"huffingtonpost.co.uk":     "HuffPost",
	"south china morning post": "South China Morning Post", "scmp": "South China Morning Post",
	"scmp.com":      "South China Morning Post",
	"straits times": "The Straits Times", "straitstimes.com": "The Straits Times",
	"daily mail": "Daily Mail", "mail online": "Daily Mail", "dailymail.co.uk": "Daily Mail",
	"mirror": "Daily Mirror", "daily mirror": "Daily Mirror",
	"telegraph": "The Daily Telegraph", "daily telegraph": "The Daily Telegraph",
	"telegraph.co.uk": "The Daily Telegraph",
	"economist":       "The Economist", "economist.com": "The Economist",
	"reuters": "Reuters", "reuters.com": "Reuters", "thomson reuters": "Reuters",
	"associated press": "Associated Press", "ap": "Associated Press", "the associated press": "Associated Press",
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
	"bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "bloomberg.com": "Bloomberg",
	"cnn": "CNN", "cnn.com": "CNN", "nbc": "NBC", "nbc news": "NBC",
	"voice of america": "Voice of America", "voa": "Voice of America",
	"politico": "Politico", "politico.eu": "Politico", "la repubblica": "la Repubblica",
	"repubblica": "la Repubblica", "repubblica.it": "la Repubblica",
	"china economic quarterly": "China Economic Quarterly",
	"foreign policy":           "Foreign Policy", "foreignpolicy.com": "Foreign Policy",
	"foreign affairs": "Foreign Affairs", "foreignaffairs.com": "Foreign Affairs",
	"al jazeera": "Al Jazeera", "al jazeera english": "Al Jazeera", "aljazeera.com": "Al Jazeera",
}

var (
	// rxWeekdayOf matches the day that names an edition: "Monday's Times".
	rxWeekdayOf = regexp.MustCompile(`(?i)^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\s+`)
	// rxLeadingWWW matches the "www." of a host name.
	rxLeadingWWW = regexp.MustCompile(`^www\d?\.`)
)

// outletTable resolves outlet aliases. Its zero value knows only the
// built-in aliases.
type outletTable struct {
	user map[string]string // outletKey(alias) without "the " → outlet, from Options.Outlets
}

// newOutletTable returns a table with the user's aliases, which win over
// the built-in ones.
func newOutletTable(user map[string]string) outletTable {
	t := outletTable{user: make(map[string]string, len(user))}
	for from, to := range user {
		if k := strings.TrimPrefix(outletKey(from), "the "); k != "" && strings.TrimSpace(to) != "" {
			t.user[k] = strings.TrimSpace(to)
		}
	}
	return t
}

// outletKey normalises an outlet name for lookup: lower case, single
// spaces, straight apostrophes, no "www." and no edition day.
func outletKey(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, " .,;:")
	s = strings.ReplaceAll(s, "’", "'")
	s = rxWeekdayOf.ReplaceAllString(s, "")
	return rxLeadingWWW.ReplaceAllString(strings.ToLower(s), "")
}

// resolve returns the indexed name of an outlet: the user's alias, else
// the built-in alias, else the name itself (tidied, without an edition
// day such as "Monday's"). A leading "the" is optional in aliases.
func (t outletTable) resolve(name string) string {
	k := outletKey(name)
	if k == "" {
		return ""
	}
	bare := strings.TrimPrefix(k, "the ")
	if to, ok := t.user[bare]; ok {
		return to
	}
	if to, ok := builtinOutlets[k]; ok {
		return to
	}
	if to, ok := builtinOutlets[bare]; ok {
		return to
	}
	name = strings.Join(strings.Fields(name), " ")
	return strings.TrimSpace(rxWeekdayOf.ReplaceAllString(name, ""))
}

// genericOutletWords end the names that sites give themselves besides the
// outlet's own name: "Stack Overflow Blog", "Spiegel Online".
var genericOutletWords = map[string]bool{
	"blog": true, "news": true, "online": true, "magazine": true, "magazin": true, "website": true,
}

// resolveAt resolves an outlet named on the page at pageURL. A name that
// is the host's name plus a generic word ("Stack Overflow Blog" on
// stackoverflow.blog) is the outlet the host names, unless the user's
// table says otherwise.
func (t outletTable) resolveAt(name, pageURL string) string {
	if _, ok := t.user[strings.TrimPrefix(outletKey(name), "the ")]; ok {
		return t.resolve(name)
	}
	out := t.resolve(name)
	words := strings.Fields(out)
	host := hostOf(pageURL)
	if len(words) < 2 || host == "" || !genericOutletWords[strings.ToLower(words[len(words)-1])] {
		return out
	}
	core := strings.Join(words[:len(words)-1], " ")
	if label := foldLetters(domainLabel(host)); label != "" && label == foldLetters(core) {
		return t.resolve(core)
	}
	return out
}
