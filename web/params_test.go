package web

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/clippings/clippings/search"
)

func TestParseRequest(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s, ns int) time.Time {
		return time.Date(y, m, d, h, min, s, ns, time.UTC)
	}
	tests := []struct {
		name  string
		query string
		want  search.Request
	}{
		{"empty", "", search.Request{}},
		{"query trimmed", "q=+oil+prices+", search.Request{Query: "oil prices"}},
		{"repeatable filters", "country=fr&country=DE&country=&topic=crude&topic=trade&outlet=Reuters&person=Karl+Otto+Poehl&place=Paris&author=Jon+Kvanvig",
			search.Request{Filters: search.Filters{
				Outlet: []string{"Reuters"}, Country: []string{"fr", "DE"}, Topic: []string{"crude", "trade"},
				Person: []string{"Karl Otto Poehl"}, Place: []string{"Paris"}, Author: []string{"Jon Kvanvig"},
			}}},
		{"duplicate filter values", "topic=crude&topic=Crude&topic=+crude+", search.Request{Filters: search.Filters{Topic: []string{"crude"}}}},
		{"day range", "from=1987-03-02&to=1987-03-05",
			search.Request{From: utc(1987, 3, 2, 0, 0, 0, 0), To: utc(1987, 3, 5, 0, 0, 0, 0)}},
		{"month range", "from=1987-02&to=1987-02",
			search.Request{From: utc(1987, 2, 1, 0, 0, 0, 0), To: utc(1987, 2, 28, 0, 0, 0, 0)}},
		{"year range", "from=2004&to=2005",
			search.Request{From: utc(2004, 1, 1, 0, 0, 0, 0), To: utc(2005, 12, 31, 0, 0, 0, 0)}},
		{"leap February", "to=2004-02", search.Request{To: utc(2004, 2, 29, 0, 0, 0, 0)}},
		{"open start", "to=1987", search.Request{To: utc(1987, 12, 31, 0, 0, 0, 0)}},
		{"same year both ends", "from=1987&to=1987",
			search.Request{From: utc(1987, 1, 1, 0, 0, 0, 0), To: utc(1987, 12, 31, 0, 0, 0, 0)}},
		{"sort date is newest", "sort=date", search.Request{Sort: search.SortNewest}},
		{"sort oldest", "sort=oldest", search.Request{Sort: search.SortOldest}},
		{"sort relevance", "sort=relevance&q=oil", search.Request{Query: "oil", Sort: search.SortRelevance}},
		{"page and size", "page=3&size=25", search.Request{Page: 3, Size: 25}},
		{"largest size", "size=100", search.Request{Size: search.MaxSize}},
		{"empty page and size", "page=&size=", search.Request{}},
		{"unknown parameters ignored", "utm_source=x&q=wheat", search.Request{Query: "wheat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseRequest(v)
			if err != nil {
				t.Fatalf("parseRequest(%q): %v", tt.query, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseRequest(%q)\n got %+v\nwant %+v", tt.query, got, tt.want)
			}
		})
	}
}

func TestParseRequestErrors(t *testing.T) {
	long := make([]byte, maxQueryLen+1)
	for i := range long {
		long[i] = 'a'
	}
	many := url.Values{}
	for i := 0; i <= maxFilterValues; i++ {
		many.Add("topic", string(rune('a'+i)))
	}
	tests := []struct {
		name  string
		query string
		param string
	}{
		{"page not a number", "page=abc", "page"},
		{"page zero", "page=0", "page"},
		{"page negative", "page=-1", "page"},
		{"page too deep", "page=1001", "page"},
		{"size too large", "size=500", "size"},
		{"size zero", "size=0", "size"},
		{"size fraction", "size=1.5", "size"},
		{"unknown sort", "sort=best", "sort"},
		{"bad day", "from=1987-02-30", "from"},
		{"bad month", "to=1987-13", "to"},
		{"bad form", "from=03/02/1987", "from"},
		{"year zero", "from=0000", "from"},
		{"words for a date", "to=yesterday", "to"},
		{"from after to", "from=1988&to=1987-06", "from"},
		{"query too long", "q=" + string(long), "q"},
		{"too many filter values", many.Encode(), "topic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = parseRequest(v)
			var pe *paramError
			if !errors.As(err, &pe) {
				t.Fatalf("parseRequest(%.40q) = %v, want a *paramError", tt.query, err)
			}
			if pe.Param != tt.param {
				t.Errorf("error names parameter %q, want %q (%v)", pe.Param, tt.param, err)
			}
		})
	}
}

func TestCleanValues(t *testing.T) {
	v, _ := url.ParseQuery("q=oil&page=3&topic=crude&topic=&country=FR&utm=x&from=&size=5")
	got := cleanValues(v).Encode()
	want := "country=FR&q=oil&size=5&topic=crude"
	if got != want {
		t.Errorf("cleanValues = %q, want %q", got, want)
	}
}
