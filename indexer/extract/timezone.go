package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zones by name wherever the binary runs

	"github.com/PuerkitoBio/goquery"

	"github.com/clippings/clippings/corpus"
)

// A page's machine-readable dates are often UTC time stamps
// ("2022-11-06T23:00:00Z") that a server derived from the local time the
// article was published at (midnight of 7 November in Berlin). The
// publication day is the local one. The local zone is taken from the page
// itself: another of its time stamps that carries a non-zero offset (or a
// <time> element showing its UTC stamp in local time), else the country
// of its domain, else its language and region when one zone holds most of
// its press.

var (
	// rxUTCStamp matches a time stamp given in UTC, with its time of day.
	rxUTCStamp = regexp.MustCompile(`(?i)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]00:?00|gmt|utc|gmt[+-]0000)$`)
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
		name, ok = regionZones[lang]
	}
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
	"2006-01-02T15:04Z", time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "2006-01-02 15:04:05 MST",
	"Mon Jan 02 2006 15:04:05 GMT-0700"} // the last as JavaScript writes dates

// localDate returns the local calendar day of a UTC time stamp in zone
// loc, or false when s is not a UTC time stamp or its time is exactly
// midnight UTC, the usual way of storing a bare date.
func localDate(s string, loc *time.Location) (corpus.Date, bool) {
	if loc == nil {
		return corpus.Date{}, false
	}
	t, ok := parseUTC(s)
	if !ok || t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return corpus.Date{}, false
	}
	return corpus.NewDate(t.In(loc), corpus.PrecisionDay), true
}

// parseUTC parses a time stamp given in UTC with its time of day
// ("2019-11-19T07:03:25Z", "…+00:00").
func parseUTC(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if !rxUTCStamp.MatchString(s) {
		return time.Time{}, false
	}
	for _, layout := range utcLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// regionZones maps language tags with a region to the zone most of that
// region's press publishes in, for pages whose domain names no country:
// en-US pages stamp their articles in UTC but date them in Eastern time.
var regionZones = map[string]string{
	"en-us": "America/New_York", "en-gb": "Europe/London", "en-ie": "Europe/Dublin",
	"en-ca": "America/Toronto", "fr-ca": "America/Toronto", "en-au": "Australia/Sydney",
	"en-nz": "Pacific/Auckland", "en-in": "Asia/Kolkata", "en-za": "Africa/Johannesburg",
	"pt-br": "America/Sao_Paulo", "es-mx": "America/Mexico_City", "es-ar": "America/Argentina/Buenos_Aires",
	"es-es": "Europe/Madrid", "de-de": "Europe/Berlin", "de-at": "Europe/Vienna", "de-ch": "Europe/Zurich",
}

// rxClock matches a time of day written for readers: "11:03 PM", "20:58".
var rxClock = regexp.MustCompile(`(?i)\b(\d{1,2}):(\d{2})\s*([ap])?\.?\s*m?\.?\b`)

// shownZone reads the page's <time> elements whose datetime attribute is
// a UTC stamp against the text they show. A text that shows the same
// moment in local time gives the page's own offset, as a time stamp:
// datetime "2019-11-19T07:03:25+00:00" shown as "November 18, 2019 11:03
// PM" is eight hours behind UTC. A text that shows the UTC day where the
// zone the page would otherwise get (its domain's country, its language
// and region) gives another says the page dates its articles in UTC
// (utcDay), unless the stamp is local midnight: a bare local day stored
// as a time stamp.
func (x *Extractor) shownZone(p *page) (stamps []string, utcDay bool) {
	// The zone the page would be given without this evidence: its
	// domain's country, else its language and region.
	region := pageZone(hostOf(p.url), p.zoneLanguage(), nil)
	p.doc.Find("time[datetime]").EachWithBreak(func(i int, e *goquery.Selection) bool {
		v, _ := e.Attr("datetime")
		shown := text(e)
		utc, ok := parseUTC(v)
		if !ok || shown == "" || len(shown) > 80 {
			return i < 10
		}
		utc = utc.Truncate(time.Minute)
		m := rxClock.FindStringSubmatch(shown)
		noClock := rxClock.ReplaceAllString(shown, " ")
		d := x.dates.parseIn(noClock, p.language())
		if d.Precision != corpus.PrecisionDay && m != nil && !rxYear.MatchString(noClock) {
			// "Updated Nov 19, 9:41 AM": the year is the stamp's.
			d = x.dates.parseIn(strings.Trim(noClock, " ,;:.")+", "+strconv.Itoa(utc.Year()), p.language())
			if gap := d.Time.Sub(utc); gap > 36*time.Hour || gap < -36*time.Hour {
				d = corpus.Date{}
			}
		}
		if d.Precision != corpus.PrecisionDay {
			return i < 10
		}
		y, mo, day := d.Time.Date()
		if m == nil {
			uy, umo, uday := utc.Date()
			ry, rmo, rday := utc.Date()
			midnight := false // a bare local day stored as a stamp: not a UTC day shown
			if region != nil {
				local := utc.In(region)
				ry, rmo, rday = local.Date()
				midnight = local.Hour() == 0 && local.Minute() == 0
			}
			if y == uy && mo == umo && day == uday && (ry != uy || rmo != umo || rday != uday) && !midnight {
				utcDay = true
				return false
			}
			return i < 10
		}
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		switch strings.ToLower(m[3]) {
		case "p":
			if h < 12 {
				h += 12
			}
		case "a":
			if h == 12 {
				h = 0
			}
		}
		local := time.Date(y, mo, day, h, mi, 0, 0, time.UTC)
		off := local.Sub(utc).Round(15 * time.Minute)
		if off == 0 || off > 14*time.Hour || off < -14*time.Hour {
			return i < 10
		}
		stamps = append(stamps, utc.In(time.FixedZone("", int(off.Seconds()))).Format(time.RFC3339))
		return false
	})
	return stamps, utcDay
}

// zoneOf returns the zone p's dates are local to (see pageZone), with
// the evidence of its <time> elements (see shownZone) first.
func (x *Extractor) zoneOf(p *page, stamps []string) *time.Location {
	if !p.shownKnown {
		p.shownStamps, p.shownUTC = x.shownZone(p)
		p.shownKnown = true
	}
	if p.shownUTC {
		// The page shows the UTC days of its stamps: neither its domain
		// nor its language says otherwise, only a stamp's own offset.
		return pageZone("", "", append(slices.Clip(p.shownStamps), stamps...))
	}
	return pageZone(hostOf(p.url), p.zoneLanguage(), append(slices.Clip(p.shownStamps), stamps...))
}

// zoneLanguage returns the page's declared language tag when it names a
// region that regionZones knows ("en-us"), else its language.
func (p *page) zoneLanguage() string {
	if tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(p.meta.Lang), "_", "-")); regionZones[tag] != "" {
		return tag
	}
	return p.language()
}
