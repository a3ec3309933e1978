package extract

import (
	"regexp"
	"slices"
	"strings"
)

// This file is the last check on the authors found by every other means:
// the rule is "person names only", and metadata, bylines and
// trailing lines all let through news agencies, desks, degrees and the
// site's own name now and then.

// newsAgencies are news agencies, wire services and broadcasters, lower
// case: a byline
// that is only one of them names no person ("Reuters", "PTI", "dpa/lno").
var newsAgencies = map[string]bool{
	"reuters": true, "ap": true, "associated press": true, "the associated press": true, "afp": true,
	"agence france-presse": true, "agence france presse": true, "dpa": true, "pti": true,
	"press trust of india": true, "ani": true, "ians": true, "upi": true, "efe": true, "agencia efe": true,
	"ansa": true, "apa": true, "sda": true, "keystone-sda": true, "epd": true, "kna": true, "kap": true,
	"kathpress": true, "xinhua": true, "tass": true, "ria novosti": true, "interfax": true, "kyodo": true,
	"kyodo news": true, "jiji": true, "jiji press": true, "yonhap": true, "bernama": true, "antara": true,
	"aap": true, "the canadian press": true, "canadian press": true, "bloomberg": true,
	"bloomberg news": true, "dow jones": true, "sid": true, "ddp": true, "anp": true, "belga": true,
	"europa press": true, "notimex": true, "telam": true, "télam": true, "wam": true, "irna": true,
	"agencies": true, "agenturen": true, "wires": true, "news agencies": true,
	// Broadcasters credited like agencies.
	"ard": true, "zdf": true, "ndr": true, "wdr": true, "swr": true, "mdr": true, "br": true,
	"hr": true, "rbb": true, "orf": true, "srf": true, "bbc": true, "cnn": true, "nbc": true,
	"abc": true, "cbs": true, "npr": true, "pbs": true, "rtl": true, "sky news": true,
}

// deskWords name a desk or section of a newsroom, or a company, never a
// person: "Telegraph Sport", "CNN Business", "Editorial Board".
var deskWords = map[string]bool{
	"sport": true, "sports": true, "business": true, "editorial": true, "board": true,
	"politics": true, "opinion": true, "world": true, "entertainment": true, "lifestyle": true,
	"culture": true, "travel": true, "tech": true, "technology": true, "science": true, "health": true,
	"weather": true, "traffic": true, "sportredaktion": true, "wirtschaft": true, "feuilleton": true,
	"international": true, "national": true, "local": true, "metro": true,
	// Companies, as copyright notices name them: "Hearst Communications",
	// "NBC Universal", "Cruz Bay Publishing".
	"copyright": true, "communications": true, "publishing": true, "publishers": true,
	"publications": true, "newspapers": true, "universal": true, "holdings": true,
	"enterprises": true, "broadcasting": true, "network": true, "networks": true, "studios": true,
	"productions": true, "rights": true, "reserved": true, "limited": true, "plc": true,
	"newsdesk": true, "webteam": true, "redaktionsteam": true,
	// Broadcasters: "Hessischer Rundfunk", "SWR Fernsehen".
	"rundfunk": true, "fernsehen": true, "hörfunk": true, "television": true, "radiodiffusion": true,
}

// degrees are academic and professional letters written after a name
// ("Rachael Link, MS, RD"), which a comma turns into names of their own.
var degrees = map[string]bool{
	"ms": true, "ma": true, "ba": true, "bs": true, "bsc": true, "msc": true, "md": true, "phd": true,
	"rd": true, "rdn": true, "rn": true, "np": true, "pa": true, "do": true, "dds": true, "mph": true,
	"mba": true, "cpa": true, "jd": true, "llm": true, "cscs": true, "ld": true, "facp": true, "frcp": true,
}

// rxNameLabel is a label before the names that rxBylinePrefix does not
// know: "Analysis by", "Opinion by", "Текст:".
var rxNameLabel = regexp.MustCompile(`(?i)^(?:(?:analysis|opinion|commentary|review|column|essay|perspective|viewpoint|interview)\s+by\s+|(?:текст|автор|авторы|фото|редактор|texte|testo|tekst)\s*:\s*)`)

// rxNameThenOutlet matches a name followed by its outlet after a full
// stop: "Finian Cunningham. Sputnik International".
var rxNameThenOutlet = regexp.MustCompile(`^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+)\.\s+\p{Lu}`)

// genericSiteWords are the words a site's name adds to its brand: "The
// Beachbody Blog" is the brand Beachbody.
var genericSiteWords = map[string]bool{
	"the": true, "blog": true, "news": true, "magazine": true, "online": true, "media": true,
	"daily": true, "weekly": true, "official": true, "site": true, "website": true, "journal": true,
}

// outletBrand returns the distinctive part of an outlet's name, lower
// case: "beachbody" for "The Beachbody Blog"; or "" for a bare host,
// since a personal site is named after its author (heiko-adams.de).
func outletBrand(outlet string) string {
	if strings.Contains(outlet, ".") && !strings.Contains(outlet, " ") {
		return ""
	}
	var kept []string
	for _, w := range strings.Fields(strings.ToLower(outlet)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") // "Mywakenews's Blog"
		if !genericSiteWords[w] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// onlyPersons returns the names among authors that are persons: it
// removes labels before a name, an outlet after it, a name written twice,
// news agencies, desks, degrees, names of things ("The Russian"), the
// outlet's brand standing alone ("Beachbody" on The Beachbody Blog), and
// a lone word beside an agency or a full name (the dateline in "PTI,
// Washington", the first outlet in "Victor Tangermann, Futurism").
func onlyPersons(authors []string, outlet string) []string {
	if len(authors) == 0 {
		return authors
	}
	brand := outletBrand(outlet)
	agency := false
	out := make([]string, 0, len(authors))
	for i, n := range authors {
		n = strings.TrimSpace(rxNameLabel.ReplaceAllString(strings.TrimSpace(n), ""))
		if m := rxNameThenOutlet.FindStringSubmatch(n); m != nil {
			n = m[1]
		}
		n = undoubled(n)
		ln := strings.ToLower(n)
		words := strings.Fields(ln)
		switch {
		case n == "":
			continue
		case newsAgencies[ln] || newsAgencies[strings.TrimSuffix(ln, " staff")]:
			agency = true
			continue
		case i > 0 && degrees[strings.Trim(ln, ".")]:
			continue
		case words[0] == "the":
			continue
		case len(words) == 1 && ln == brand:
			continue
		case slices.ContainsFunc(words, func(w string) bool {
			for part := range strings.SplitSeq(w, "-") {
				if deskWords[part] || roleWords[part] {
					return true
				}
			}
			return false
		}):
			continue
		}
		out = append(out, n)
	}
	if agency || slices.ContainsFunc(out, func(n string) bool { return strings.Contains(n, " ") }) {
		// Beside an agency a lone word is a place ("PTI, Washington");
		// beside a full name, the outlet the piece first ran in
		// ("Victor Tangermann, Futurism").
		out = slices.DeleteFunc(out, func(n string) bool { return !strings.Contains(n, " ") })
	}
	return out
}

// undoubled returns a name written twice in a row ("Sean Martin Sean
// Martin") once.
func undoubled(n string) string {
	w := strings.Fields(n)
	if len(w) >= 4 && len(w)%2 == 0 && slices.Equal(w[:len(w)/2], w[len(w)/2:]) {
		return strings.Join(w[:len(w)/2], " ")
	}
	return n
}
