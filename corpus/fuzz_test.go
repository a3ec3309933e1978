package corpus

import (
	"testing"
)

// FuzzParseDate checks that ParseDate never panics, and that a date it
// accepts prints as the same date.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2015", "2015-11", "2015-11-20", "20 November 2015", "Nov 20, 2015", "26-FEB-1987 15:01:01.79",
		"2015-11-20T10:00:00Z", "", "0000-00-00", "9999-99-99", "-1", "1e9", "yesterday", "2015-02-30", "\xff", "1677-01-01", "2262-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil || d.IsZero() {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q: %v prints as %q, which parses as %v, %v", s, d, d.String(), again, err)
		}
	})
}
