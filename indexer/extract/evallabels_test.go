package extract

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// rxLabelDate matches a labelled date whose parts are out of shape:
// "2022-11-1", "2022-01.26", "2022-29-11".
var rxLabelDate = regexp.MustCompile(`^(\d{4})[-.](\d{1,2})[-.](\d{1,2})$`)

// normLabelDate writes a labelled date as YYYY-MM-DD. A few labels of
// go-trafilatura-eval are malformed: a one-digit day, a dot for a dash,
// or the day before the month. A label that names a month over 12 is read
// day first; any other label is returned as it is.
func normLabelDate(s string) string {
	m := rxLabelDate.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return s
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo > 12 && d <= 12 {
		mo, d = d, mo
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

func TestNormLabelDate(t *testing.T) {
	for in, want := range map[string]string{
		"2022-11-1":  "2022-11-01",
		"2022-01.26": "2022-01-26",
		"2022-29-11": "2022-11-29",
		"2022-05-06": "2022-05-06",
		"2019-09-17": "2019-09-17",
		"2022":       "2022",
		"2018-08":    "2018-08",
	} {
		if got := normLabelDate(in); got != want {
			t.Errorf("normLabelDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// bylineAudit maps an author label of go-trafilatura-eval to the persons
// it names under issue 3's rule (person names only), for the labels that
// name something else too or instead: a newsroom, agency, organisation,
// site, place or placeholder. See testdata/eval/bylines-audit.tsv.
type bylineAudit map[string][]string

// loadBylineAudit reads testdata/eval/bylines-audit.tsv.
func loadBylineAudit(t testing.TB) bylineAudit {
	t.Helper()
	fh, err := os.Open("testdata/eval/bylines-audit.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	audit := bylineAudit{}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("bylines-audit.tsv: %q: want 3 tab-separated fields", line)
		}
		var persons []string
		for p := range strings.SplitSeq(f[1], ";") {
			if p = strings.TrimSpace(p); p != "" {
				persons = append(persons, p)
			}
		}
		audit[strings.TrimSpace(f[0])] = persons
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return audit
}

// persons returns the normalised person names a page's author labels
// name under issue 3's rule.
func (a bylineAudit) persons(labels []string) map[string]bool {
	want := map[string]bool{}
	for _, l := range labels {
		names, ok := a[strings.TrimSpace(l)]
		if !ok {
			names = rxLabelNameSep.Split(l, -1)
		}
		for _, n := range names {
			n = strings.TrimSpace(rxLabelNoise.ReplaceAllString(strings.TrimSpace(n), ""))
			if n = normText(n); n != "" {
				want[n] = true
			}
		}
	}
	return want
}

// sameByRule reports whether the authors found are the persons the labels
// name under issue 3's rule; a label naming no person wants no author.
func (a bylineAudit) sameByRule(got, labels []string) bool {
	have := map[string]bool{}
	for _, n := range got {
		have[normText(n)] = true
	}
	return maps.Equal(a.persons(labels), have)
}

func TestBylineAudit(t *testing.T) {
	audit := loadBylineAudit(t)
	for _, c := range []struct {
		got, labels []string
		want        bool
	}{
		{nil, []string{"Redaktion"}, true},
		{[]string{"Redaktion"}, []string{"Redaktion"}, false},
		{[]string{"Glen Owen", "Brendan Carlin"}, []string{"Glen Owen And Brendan Carlin For The Mail On Sunday"}, true},
		{[]string{"Lars Fischer", "Alina Schadwinkel"}, []string{"Lars Fischer und Alina Schadwinkel"}, true},
		{[]string{"Lars Fischer"}, []string{"Lars Fischer und Alina Schadwinkel"}, false},
		{nil, []string{"Jan Koch"}, false},
		{[]string{"Volkmar Kabisch"}, []string{"Volkmar Kabisch", "NDR"}, true},
		{[]string{"Rainer Quitzow"}, []string{"Dr. Rainer Quitzow"}, true},
	} {
		if got := audit.sameByRule(c.got, c.labels); got != c.want {
			t.Errorf("sameByRule(%q, %q) = %v, want %v", c.got, c.labels, got, c.want)
		}
	}
}
