package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zones by name wherever the binary runs

	"github.com/clippings/clippings/corpus"
)

// A page's machine-readable dates are often UTC time stamps
// ("2022-11-06T23:00:00Z") that a server derived from the local time the
// article was published at (midnight of 7 November in Berlin). The
// publication day is the local one. The local zone is taken from the page
// itself: another of its time stamps that carries a non-zero offset,
// else the country of its domain, else its language when one zone speaks
// it.

var (
	// rxUTCStamp matches a time stamp given in UTC, with its time of day.
	rxUTCStamp = regexp.MustCompile(`(?i)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]00:?00|gmt|utc)$`)
	// rxOffset matches a time stamp with a numeric UTC offset.
	rxOffset = regexp.MustCompile(`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*([+-])(\d{2}):?(\d{2})$`)
)

// countryZones maps country-code top-level domains to the zone most of
// their pages are written in. Domains of countries with several zones
// are left out, except where one zone holds most of the press.
var countryZones = map[string]string{
	"de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "fr": "Europe/Paris",
	"it": "Europe/Rome", "es": "Europe/Madrid", "nl": "Europe/Amsterdam", "be": "Europe/Brussels",
	"lu": "Europe/Luxembourg", "pl": "Europe/Warsaw", "cz": "Europe/Prague", "sk": "Europe/Bratislava",
	"hu": "Europe/Budapest", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm", "no": "Europe/Oslo",
	"fi": "Europe/Helsinki", "si": "Europe/Ljubljana", "hr": "Europe/Zagreb", "gr": "Europe/Athens",
	"ro": "Europe/Bucharest", "bg": "Europe/Sofia", "ua": "Europe/Kyiv", "tr": "Europe/Istanbul",
	"uk": "Europe/London", "ie": "Europe/Dublin", "pt": "Europe/Lisbon",
	"br": "America/Sao_Paulo", "ar": "America/Argentina/Buenos_Aires", "bo": "America/La_Paz",
	"cl": "America/Santiago", "uy": "America/Montevideo", "py": "America/Asuncion", "pe": "America/Lima",
	"co": "America/Bogota", "ve": "America/Caracas", "ec": "America/Guayaquil", "mx": "America/Mexico_City",
	"jp": "Asia/Tokyo", "kr": "Asia/Seoul", "cn": "Asia/Shanghai", "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong",
	"sg": "Asia/Singapore", "in": "Asia/Kolkata", "pk": "Asia/Karachi", "il": "Asia/Jerusalem",
	"za": "Africa/Johannesburg", "ng": "Africa/Lagos", "ke": "Africa/Nairobi", "eg": "Africa/Cairo",
	"nz": "Pacific/Auckland",
}

// languageZones maps languages spoken in one zone (or in several with the
// same offsets) to it, for pages whose domain names no country.
var languageZones = map[string]string{
	"de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "nl": "Europe/Amsterdam",
	"pl": "Europe/Warsaw", "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest",
	"da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo", "no": "Europe/Oslo",
	"fi": "Europe/Helsinki", "el": "Europe/Athens", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
	"uk": "Europe/Kyiv", "tr": "Europe/Istanbul", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai",
}

// pageZone returns the zone a page's dates are local to, or nil when the
// page does not say. stamps are the page's date strings; lang is its
// language, the last resort.
func pageZone(host, lang string, stamps []string) *time.Location {
	for _, s := range stamps {
		g := rxOffset.FindStringSubmatch(strings.TrimSpace(s))
		if g == nil || g[2] == "00" && g[3] == "00" {
			continue
		}
		h, _ := strconv.Atoi(g[2])
		m, _ := strconv.Atoi(g[3])
		off := h*3600 + m*60
		if g[1] == "-" {
			off = -off
		}
		return time.FixedZone(g[1]+g[2]+g[3], off)
	}
	name, ok := countryZones[host[strings.LastIndexByte(host, '.')+1:]]
	if !ok {
		name, ok = languageZones[lang]
	}
	if ok {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return nil
}

// utcLayouts are the shapes of UTC time stamps in page metadata.
var utcLayouts = []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z", time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "2006-01-02 15:04:05 MST"}

// localDate returns the local calendar day of a UTC time stamp in zone
// loc, or false when s is not a UTC time stamp or its time is exactly
// midnight UTC, the usual way of storing a bare date.
func localDate(s string, loc *time.Location) (corpus.Date, bool) {
	s = strings.TrimSpace(s)
	if loc == nil || !rxUTCStamp.MatchString(s) {
		return corpus.Date{}, false
	}
	for _, layout := range utcLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		t = t.UTC()
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return corpus.Date{}, false
		}
		return corpus.NewDate(t.In(loc), corpus.PrecisionDay), true
	}
	return corpus.Date{}, false
}
