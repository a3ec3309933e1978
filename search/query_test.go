package search

import (
	"errors"
	"testing"
)

// FuzzBuildQuery checks that any query text gives a query or a
// *QueryError with a position inside the text, and never a panic.
func FuzzBuildQuery(f *testing.F) {
	for _, s := range []string{"", "*", "climate", `"a phrase"`, `"open`, "title:merkel", "-a +b c",
		"year:>=2010", `date:>="2015-01-01"`, "date:2015-11", "merk*", "*x", "a\\", `\*x`, "m?rkel~1^2",
		"/re[gx]/", "title:", "+", "x:y", "country:fr", ":", "^", "~", `"\"`, "é*", "2015", "-2015",
		"a OR b", "a AND (b OR c)", "NOT a", "a NOT", "(a", "a)", "()", "title:(a OR b)", `("x y" OR z)^2`,
		"-(a b)", "date:>=2015-01", "year:<=1987", "OR", "AND AND", "((((a))))", `/a\/b/`, "a~", "a^"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got, err := buildQuery(q)
		var qe *QueryError
		switch {
		case err == nil && got == nil:
			t.Fatalf("%q: no query and no error", q)
		case err != nil && !errors.As(err, &qe):
			t.Fatalf("%q: error %v is not a *QueryError", q, err)
		case qe != nil && (qe.Pos < -1 || qe.Pos >= len(q) || qe.Query != q):
			t.Fatalf("%q: error %+v has a bad position or query", q, qe)
		}
	})
}
