package search

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// ids returns the ids of the hits, in order.
func ids(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func utc(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.UTC)
}

func TestSearchMatches(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name string
		req  Request
		want []string
		// ordered says the order of want matters; otherwise only the
		// set of hits is compared.
		ordered bool
	}{
		{name: "empty query lists all, newest first, undated last",
			req:     Request{Size: 100},
			want:    []string{"cam", "mer", "brx", "par", "fed", "cop", "cli", "cup", "boj", "oba", "ash", "gla"},
			ordered: true},
		{name: "star is everything, newest first", req: Request{Query: " * ", Size: 100},
			want:    []string{"cam", "mer", "brx", "par", "fed", "cop", "cli", "cup", "boj", "oba", "ash", "gla"},
			ordered: true},
		{name: "a title match ranks above a body match", req: Request{Query: "glaciers"},
			want: []string{"gla", "ash"}, ordered: true},
		{name: "stemming", req: Request{Query: "election"}, want: []string{"oba"}},
		{name: "case-insensitive", req: Request{Query: "GERMANY"}, want: []string{"cup"}},
		{name: "phrase", req: Request{Query: `"interest rates"`}, want: []string{"fed", "boj"}},
		{name: "phrase in the wrong order", req: Request{Query: `"rates interest"`}, want: []string{}},
		{name: "either word", req: Request{Query: "yellen OR götze"}, want: []string{"fed", "cup"}},
		{name: "words side by side are all required", req: Request{Query: "merkel hollande"}, want: []string{"cop"}},
		{name: "no article has both", req: Request{Query: "yellen götze"}, want: []string{}},
		{name: "required words", req: Request{Query: "+merkel +hollande"}, want: []string{"cop"}},
		{name: "excluded word", req: Request{Query: "merkel -fourth"}, want: []string{"cop"}},
		{name: "stop word left out of required words", req: Request{Query: "+the +merkel"}, want: []string{"cop", "mer"}},
		{name: "only stop words", req: Request{Query: "the of"}, want: []string{}},
		{name: "title field", req: Request{Query: "title:merkel"}, want: []string{"mer"}},
		{name: "body field", req: Request{Query: "body:merkel"}, want: []string{"cop", "mer"}},
		{name: "note field", req: Request{Query: "note:edition"}, want: []string{"cli"}},
		{name: "subtitle and lead are free text", req: Request{Query: "cheap benchmark"}, want: []string{"fed"}},
		{name: "keyword field is exact", req: Request{Query: `person:"Angela Merkel"`}, want: []string{"cop", "mer"}},
		{name: "keyword field ignores case", req: Request{Query: `person:"angela merkel"`}, want: []string{"cop", "mer"}},
		{name: "keyword field ignores accents", req: Request{Query: `person:"francois hollande"`}, want: []string{"cop", "cli"}},
		{name: "a name's word finds the person", req: Request{Query: `person:merkel`}, want: []string{"cop", "mer"}},
		{name: "a name's words in another order", req: Request{Query: `author:"smith ann"`}, want: []string{"fed"}},
		{name: "a name's words, not a word of another", req: Request{Query: `person:"angela obama"`}, want: []string{}},
		{name: "an author's family name as plain text", req: Request{Query: `jones`}, want: []string{"fed"}},
		{name: "other keyword fields are the whole value", req: Request{Query: `outlet:monde`}, want: []string{}},
		{name: "outlet in lower case", req: Request{Query: `outlet:"le monde"`}, want: []string{"cli"}},
		{name: "wildcard in a name, any case", req: Request{Query: "person:angela*"}, want: []string{"cop", "mer"}},
		{name: "regexp in a keyword field keeps the case", req: Request{Query: "person:/Angela.*/"}, want: []string{"cop", "mer"}},
		{name: "keyword fields are not free text", req: Request{Query: "Reuters"}, want: []string{}},
		{name: "outlet field", req: Request{Query: "outlet:Reuters"}, want: []string{"fed", "cop", "boj", "ash"}},
		{name: "country field in lower case", req: Request{Query: "country:fr"}, want: []string{"cop", "cli"}},
		{name: "plural field name", req: Request{Query: "topics:science"}, want: []string{"gla", "ash"}},
		{name: "mentions field", req: Request{Query: "mention:BBC"}, want: []string{"cli"}},
		{name: "date as a year", req: Request{Query: "date:2015"}, want: []string{"fed", "cop", "cli", "par"}},
		{name: "date as a month", req: Request{Query: "date:2015-11"}, want: []string{"fed", "cop"}},
		{name: "date as a day", req: Request{Query: "date:2015-11-20"}, want: []string{"fed"}},
		{name: "date range", req: Request{Query: `date:>="2017-01-01"`}, want: []string{"mer", "cam"}},
		{name: "year", req: Request{Query: "year:2014"}, want: []string{"cup"}},
		{name: "year range", req: Request{Query: "year:>=2016"}, want: []string{"brx", "mer", "cam"}},
		{name: "year range exclusive", req: Request{Query: "year:<2014"}, want: []string{"oba", "boj"}},
		{name: "year range beyond the index's dates", req: Request{Query: "year:<99999 -year:<2014"},
			want: []string{"cup", "fed", "cop", "cli", "par", "brx", "mer", "cam"}},
		{name: "date range beyond the index's dates", req: Request{Query: `date:>="1500-01-01" +date:<"2013-01-01"`},
			want: []string{"oba"}},
		{name: "date range with a time", req: Request{Query: `date:>"2016-06-24T10:00:00Z"`},
			want: []string{"mer", "cam"}},
		{name: "text and year", req: Request{Query: "+merkel +year:2017"}, want: []string{"mer"}},
		{name: "wildcard", req: Request{Query: "harvest*"}, want: []string{"cam"}},
		{name: "wildcard in upper case", req: Request{Query: "GLACI*"}, want: []string{"gla", "ash"}},
		{name: "wildcard in the middle", req: Request{Query: "m?rkel"}, want: []string{"cop", "mer"}},
		{name: "wildcard in a field", req: Request{Query: "title:merk*"}, want: []string{"mer"}},
		{name: "wildcard in a keyword field", req: Request{Query: "outlet:The*"}, want: []string{"gla", "cam"}},
		{name: "fuzzy", req: Request{Query: "merkal~1"}, want: []string{"cop", "mer"}},
		{name: "regexp", req: Request{Query: "/merk[a-z]l/"}, want: []string{"cop", "mer"}},
		{name: "escaped colon", req: Request{Query: `climate\:`}, want: []string{"cop", "cli", "par"}},
		{name: "or", req: Request{Query: "yellen OR götze"}, want: []string{"fed", "cup"}},
		{name: "and", req: Request{Query: "merkel AND hollande"}, want: []string{"cop"}},
		{name: "and binds tighter than or", req: Request{Query: "merkel AND hollande OR yellen"}, want: []string{"cop", "fed"}},
		{name: "parentheses", req: Request{Query: "(yellen OR hollande) AND fed*"}, want: []string{"fed"}},
		{name: "not", req: Request{Query: "merkel NOT fourth"}, want: []string{"cop"}},
		{name: "not a group", req: Request{Query: "merkel -(fourth OR hollande)"}, want: []string{}},
		{name: "stop word in an and", req: Request{Query: "the AND merkel"}, want: []string{"cop", "mer"}},
		{name: "lower-case or is a word, not an operator", req: Request{Query: "merkel or hollande"}, want: []string{"cop"}},
		{name: "field with a group", req: Request{Query: "title:(merkel OR glaciers)"}, want: []string{"mer", "gla"}},
		{name: "phrase in a group", req: Request{Query: `("interest rates" OR götze) -yellen`}, want: []string{"boj", "cup"}},
		{name: "date range without quotes", req: Request{Query: `date:>=2017-01-01`}, want: []string{"mer", "cam"}},

		{name: "outlet filter", req: Request{Filters: Filters{Outlet: []string{"Reuters"}}},
			want: []string{"fed", "cop", "boj", "ash"}},
		{name: "values of a filter are or-ed", req: Request{Filters: Filters{Outlet: []string{"Reuters", "BBC"}}},
			want: []string{"fed", "cop", "boj", "ash", "brx", "cup"}},
		{name: "filters are and-ed", req: Request{Filters: Filters{Outlet: []string{"Reuters"}, Country: []string{"fr"}}},
			want: []string{"cop"}},
		{name: "country filter", req: Request{Filters: Filters{Country: []string{"FR", "jp"}}},
			want: []string{"cop", "cli", "boj"}},
		{name: "topic and person filters", req: Request{Filters: Filters{Topic: []string{"climate"}, Person: []string{"Barack Obama"}}},
			want: []string{"par"}},
		{name: "place filter", req: Request{Filters: Filters{Place: []string{"Washington"}}}, want: []string{"fed"}},
		{name: "author filter", req: Request{Filters: Filters{Author: []string{"Bob Jones"}}}, want: []string{"fed"}},
		{name: "empty filter values are ignored", req: Request{Filters: Filters{Author: []string{"", " "}}, Size: 100},
			want: []string{"cam", "mer", "brx", "par", "fed", "cop", "cli", "cup", "boj", "oba", "ash", "gla"}},
		{name: "unknown filter value", req: Request{Filters: Filters{Outlet: []string{"Nobody"}}}, want: []string{}},
		{name: "query and filter", req: Request{Query: "climate", Filters: Filters{Country: []string{"US"}}},
			want: []string{"par"}},
		{name: "date range of whole days, with the month and the year it overlaps", req: Request{From: utc(2015, 11, 20, 23), To: utc(2015, 12, 12, 1)},
			want: []string{"fed", "par", "cop", "cli"}},
		{name: "date range in another time zone",
			req:  Request{From: time.Date(2015, 11, 20, 0, 0, 0, 0, time.FixedZone("X", -10*3600))},
			want: []string{"fed", "par", "brx", "mer", "cam", "cop", "cli"}},
		{name: "a range within a month matches an article of that month", req: Request{From: utc(2015, 11, 15, 0)},
			want: []string{"fed", "par", "brx", "mer", "cam", "cop", "cli"}},
		{name: "a range that starts after a month does not match it", req: Request{From: utc(2015, 12, 1, 0), To: utc(2016, 12, 31, 0)},
			want: []string{"par", "brx", "cli"}},
		{name: "a range that ends before a year does not match it", req: Request{From: utc(2014, 1, 1, 0), To: utc(2014, 12, 31, 0)},
			want: []string{"cup"}},
		{name: "from only", req: Request{From: utc(2017, 1, 1, 0)}, want: []string{"mer", "cam"}},
		{name: "to only", req: Request{To: utc(2013, 12, 31, 0)}, want: []string{"oba", "boj"}},
		{name: "a date of month precision overlaps each of its days", req: Request{From: utc(2015, 11, 15, 0), To: utc(2015, 11, 15, 0)},
			want: []string{"cop", "cli"}},
		{name: "date range and filter", req: Request{From: utc(2015, 1, 1, 0), To: utc(2015, 12, 31, 0),
			Filters: Filters{Outlet: []string{"Reuters", "AP"}}}, want: []string{"fed", "cop", "par"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Hits)
			want := slices.Clone(tt.want)
			if !tt.ordered {
				slices.Sort(got)
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("hits = %v, want %v", ids(res.Hits), tt.want)
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchSort(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		req  Request
		want []string
	}{
		{Request{Sort: SortNewest},
			[]string{"cam", "mer", "brx", "par", "fed", "cop", "cli", "cup", "boj", "oba", "ash", "gla"}},
		{Request{Sort: "date"},
			[]string{"cam", "mer", "brx", "par", "fed", "cop", "cli", "cup", "boj", "oba", "ash", "gla"}},
		{Request{Sort: SortOldest},
			[]string{"oba", "boj", "cup", "cli", "cop", "fed", "par", "brx", "mer", "cam", "ash", "gla"}},
		// Same score (a keyword match): newest first, undated last,
		// whatever the number of values of the field.
		{Request{Query: "topic:climate"}, []string{"par", "cop", "cli", "gla"}},
		{Request{Query: "topic:climate", Sort: SortRelevance}, []string{"par", "cop", "cli", "gla"}},
		{Request{Query: "topic:climate", Sort: SortOldest}, []string{"cli", "cop", "par", "gla"}},
		{Request{Query: "topic:science", Sort: SortOldest}, []string{"ash", "gla"}},
		{Request{Query: "date:2015"}, []string{"par", "fed", "cop", "cli"}},
		// Relevance: the title match first, whatever the dates.
		{Request{Query: "merkel OR fourth"}, []string{"mer", "cop"}},
		{Request{Query: "merkel OR fourth", Sort: SortOldest}, []string{"cop", "mer"}},
	}
	for _, tt := range tests {
		tt.req.Size = 100
		res, err := ix.Search(context.Background(), tt.req)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res.Hits); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: hits = %v, want %v", tt.req, got, tt.want)
		}
	}
}

func TestSearchPaging(t *testing.T) {
	ix := newTestIndex(t, fixture())
	all := []string{"cam", "mer", "brx", "par", "fed", "cop", "cli", "cup", "boj", "oba", "ash", "gla"}
	tests := []struct {
		page, size         int
		wantPage, wantSize int
		want               []string
	}{
		{0, 0, 1, DefaultSize, all[:10]},
		{1, 5, 1, 5, all[:5]},
		{2, 5, 2, 5, all[5:10]},
		{3, 5, 3, 5, all[10:]},
		{4, 5, 4, 5, []string{}},
		{2, 0, 2, DefaultSize, all[10:]},
		{1, MaxSize, 1, MaxSize, all},
		{MaxResults / 10, 10, MaxResults / 10, 10, []string{}},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), Request{Page: tt.page, Size: tt.size})
		if err != nil {
			t.Fatalf("page %d size %d: %v", tt.page, tt.size, err)
		}
		if got := ids(res.Hits); !slices.Equal(got, tt.want) {
			t.Errorf("page %d size %d: hits = %v, want %v", tt.page, tt.size, got, tt.want)
		}
		if res.Page != tt.wantPage || res.Size != tt.wantSize || res.Total != 12 {
			t.Errorf("page %d size %d: Page, Size, Total = %d, %d, %d; want %d, %d, 12",
				tt.page, tt.size, res.Page, res.Size, res.Total, tt.wantPage, tt.wantSize)
		}
		if res.Hits == nil {
			t.Errorf("page %d size %d: Hits is nil, want an empty slice", tt.page, tt.size)
		}
	}
}

func TestSearchFacets(t *testing.T) {
	ix := newTestIndex(t, fixture())
	type fv = []FacetValue
	tests := []struct {
		name string
		req  Request
		want map[string][]FacetValue
	}{
		{
			name: "all articles",
			req:  Request{},
			want: map[string][]FacetValue{
				FacetOutlet:  fv{{Value: "Reuters", Count: 4}, {Value: "AP", Count: 2}, {Value: "BBC", Count: 2}, {Value: "The Guardian", Count: 2}, {Value: "Der Spiegel", Count: 1}, {Value: "Le Monde", Count: 1}},
				FacetCountry: fv{{Value: "GB", Count: 4}, {Value: "US", Count: 3}, {Value: "DE", Count: 2}, {Value: "FR", Count: 2}, {Value: "IE", Count: 1}, {Value: "IS", Count: 1}, {Value: "JP", Count: 1}},
				FacetTopic: fv{{Value: "climate", Count: 4}, {Value: "politics", Count: 4}, {Value: "economy", Count: 2}, {Value: "science", Count: 2}, {Value: "elections", Count: 1},
					{Value: "sport", Count: 1}, {Value: "technology", Count: 1}, {Value: "trade", Count: 1}},
				FacetPerson: fv{{Value: "Angela Merkel", Count: 2}, {Value: "Barack Obama", Count: 2}, {Value: "François Hollande", Count: 2},
					{Value: "David Cameron", Count: 1}, {Value: "Janet Yellen", Count: 1}, {Value: "Shinzo Abe", Count: 1}},
				FacetYear: fv{{Value: "2015", Count: 4}, {Value: "2012", Count: 1}, {Value: "2013", Count: 1}, {Value: "2014", Count: 1}, {Value: "2016", Count: 1}, {Value: "2017", Count: 1}, {Value: "2018", Count: 1}},
			},
		},
		{
			name: "facets count every match, not one page",
			req:  Request{Filters: Filters{Topic: []string{"climate"}}, Size: 1},
			want: map[string][]FacetValue{
				FacetOutlet:  fv{{Value: "AP", Count: 1}, {Value: "Le Monde", Count: 1}, {Value: "Reuters", Count: 1}, {Value: "The Guardian", Count: 1}},
				FacetCountry: fv{{Value: "FR", Count: 2}, {Value: "DE", Count: 1}, {Value: "GB", Count: 1}, {Value: "US", Count: 1}},
				// Disjunctive: the topic facet ignores the topic filter.
				FacetTopic: fv{{Value: "climate", Count: 4}, {Value: "politics", Count: 4}, {Value: "economy", Count: 2}, {Value: "science", Count: 2}, {Value: "elections", Count: 1},
					{Value: "sport", Count: 1}, {Value: "technology", Count: 1}, {Value: "trade", Count: 1}},
				FacetPerson: fv{{Value: "François Hollande", Count: 2}, {Value: "Angela Merkel", Count: 1}, {Value: "Barack Obama", Count: 1}},
				FacetYear:   fv{{Value: "2015", Count: 3}},
			},
		},
		{
			name: "facet size",
			req:  Request{FacetSize: 2},
			want: map[string][]FacetValue{
				FacetOutlet:  fv{{Value: "Reuters", Count: 4}, {Value: "AP", Count: 2}},
				FacetCountry: fv{{Value: "GB", Count: 4}, {Value: "US", Count: 3}},
				FacetTopic:   fv{{Value: "climate", Count: 4}, {Value: "politics", Count: 4}},
				FacetPerson:  fv{{Value: "Angela Merkel", Count: 2}, {Value: "Barack Obama", Count: 2}},
				FacetYear:    fv{{Value: "2015", Count: 4}, {Value: "2012", Count: 1}},
			},
		},
		{
			name: "no match",
			req:  Request{Query: "nothingmatchesthis"},
			want: map[string][]FacetValue{
				FacetOutlet: fv{}, FacetCountry: fv{}, FacetTopic: fv{}, FacetPerson: fv{}, FacetYear: fv{},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Facets) != len(FacetNames) {
				t.Errorf("facets %v, want the keys %v", res.Facets, FacetNames)
			}
			for _, name := range FacetNames {
				got := res.Facets[name]
				if got == nil {
					t.Errorf("facet %s is nil, want an empty slice", name)
				}
				if want, ok := tt.want[name]; (ok || !slices.Contains([]string{FacetAuthor, FacetPlace, FacetSection, FacetTag, FacetLanguage}, name)) && !reflect.DeepEqual(got, want) {
					t.Errorf("facet %s = %v, want %v", name, got, want)
				}
			}
		})
	}
}

func TestSearchQueryErrors(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name    string
		req     Request
		wantPos int
		wantMsg string
	}{
		{"leading star", Request{Query: "*limate"}, 0, "wildcard"},
		{"leading question mark", Request{Query: "paris ?limate"}, 6, "wildcard"},
		{"leading wildcard after a minus", Request{Query: "paris -*limate"}, 7, "wildcard"},
		{"leading wildcard in a field", Request{Query: "merkel title:*erkel"}, 13, "wildcard"},
		{"escaped leading wildcard", Request{Query: `\*limate`}, 0, "wildcard"},
		{"unterminated quote", Request{Query: `"interest rates`}, 0, "quote"},
		{"unterminated quote later", Request{Query: `paris title:"interest rates`}, 12, "quote"},
		{"field without a value", Request{Query: "title:"}, 0, "needs a value"},
		{"lone plus", Request{Query: "+"}, 0, "must be followed"},
		{"unclosed parenthesis", Request{Query: "paris (merkel OR"}, 14, "OR needs"},
		{"unclosed group", Request{Query: "paris (merkel OR fourth"}, 6, "unclosed ("},
		{"stray closing parenthesis", Request{Query: "paris) merkel"}, 5, "unexpected )"},
		{"empty group", Request{Query: "paris ()"}, 7, "unexpected )"},
		{"dangling AND", Request{Query: "paris AND"}, 6, "AND needs"},
		{"leading OR", Request{Query: "OR paris"}, 0, "missing"},
		{"NOT alone", Request{Query: "paris NOT"}, 6, "must be followed"},
		{"unknown field", Request{Query: "paris Breaking: news"}, 6, `unknown field "Breaking"`},
		{"bad date", Request{Query: "date:yesterday"}, 0, "bad date"},
		{"bad date in a range", Request{Query: `date:>"yesterday"`}, 0, "bad date"},
		{"bad regular expression", Request{Query: "paris /[a/"}, 6, "regular expression"},
		{"bad regular expression in a field", Request{Query: "paris title:/(/"}, 12, "regular expression"},
		{"too fuzzy", Request{Query: "merkel~3"}, 6, "fuzziness"},
		{"bad fuzziness", Request{Query: "merkel~x"}, 6, "fuzziness"},
		{"bad boost", Request{Query: "merkel^x"}, 6, "boost"},
		{"size over the maximum", Request{Size: MaxSize + 1}, -1, "page size 101"},
		{"negative size", Request{Size: -1}, -1, "page size -1"},
		{"negative page", Request{Page: -1}, -1, "page -1"},
		{"too deep", Request{Page: MaxResults/10 + 1, Size: 10}, -1, "beyond"},
		{"facet size", Request{FacetSize: MaxFacetSize + 1}, -1, "facet size"},
		{"unknown sort", Request{Sort: "random"}, -1, "unknown sort"},
		{"dates in the wrong order", Request{From: utc(2016, 1, 1, 0), To: utc(2015, 1, 1, 0)}, -1, "date range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.req)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error = %v, want a *QueryError", err)
			}
			if qe.Pos != tt.wantPos || !strings.Contains(qe.Msg, tt.wantMsg) || qe.Query != tt.req.Query {
				t.Errorf("error = %+v, want Pos %d, a message with %q and the query", qe, tt.wantPos, tt.wantMsg)
			}
		})
	}
}

// TestSearchTooManyTerms checks that a wildcard matching more terms than
// maxClauses is a QueryError, not a slow search.
func TestSearchTooManyTerms(t *testing.T) {
	var words []string
	for i := range maxClauses + 10 {
		words = append(words, "zq"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+strings.Repeat("y", i/26))
	}
	big := corpus.Article{ID: "big", Title: "Many words", Body: strings.Join(words, " ")}
	ix := newTestIndex(t, []corpus.Article{big, fixture()[0]})
	res, err := ix.Search(context.Background(), Request{Query: "zqxa*"})
	if err != nil || res.Total != 1 {
		t.Fatalf("a narrow wildcard: total %d, error %v; want 1 hit", res.Total, err)
	}
	_, err = ix.Search(context.Background(), Request{Query: "zq*"})
	var qe *QueryError
	if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "too many terms") {
		t.Fatalf("error = %v, want a QueryError about too many terms", err)
	}
}

func TestSearchTimeout(t *testing.T) {
	ix := newTestIndex(t, fixture())
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := ix.Search(ctx, Request{Query: "climate"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want one wrapping context.DeadlineExceeded", err)
	}
}

func TestSearchHitFields(t *testing.T) {
	ix := newTestIndex(t, fixture())
	res, err := ix.Search(context.Background(), Request{Query: "yellen"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %v, want fed", ids(res.Hits))
	}
	h := res.Hits[0]
	want := Hit{
		ID: "fed", Title: "Fed raises interest rates for the first time in a decade", Outlet: "Reuters",
		Date: day(2015, 11, 20), Authors: []string{"Ann Smith", "Bob Jones"}, Countries: []string{"US"},
		Topics: []string{"economy", "trade"}, People: []string{"Janet Yellen"},
		Snippets: []string{"The Federal Reserve raised its benchmark interest rate on Friday, the first increase since 2006. " +
			"Chair Janet <mark>Yellen</mark> said the economy had recovered enough to bear higher borrowing costs."},
		Score: h.Score,
	}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("hit =\n%+v\nwant\n%+v", h, want)
	}
	if h.Score <= 0 || res.Took <= 0 {
		t.Errorf("score %v, took %v: want both > 0", h.Score, res.Took)
	}
	// An undated article without people has a zero Date and empty lists.
	res, err = ix.Search(context.Background(), Request{Query: "eyjafjallajökull"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("hits %v, error %v; want ash", ids(res.Hits), err)
	}
	if h := res.Hits[0]; !h.Date.IsZero() || h.People == nil || len(h.People) != 0 || h.Authors == nil {
		t.Errorf("undated hit = %+v, want a zero date and empty, non-nil lists", h)
	}
}

// TestNoFacets checks that a request with NoFacets gives the same hits and
// total as with facets, and neither facets nor a timeline.
func TestNoFacets(t *testing.T) {
	ix := newTestIndex(t, fixture())
	for _, q := range []string{"", "rate"} {
		with, err := ix.Search(t.Context(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		without, err := ix.Search(t.Context(), Request{Query: q, NoFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		if with.Total != without.Total || len(with.Hits) != len(without.Hits) {
			t.Errorf("%q: total %d, %d hits with facets; %d, %d without", q, with.Total, len(with.Hits), without.Total, len(without.Hits))
		}
		if len(with.Facets) == 0 || len(with.Timeline) == 0 {
			t.Errorf("%q: with facets: %d facets, %d timeline buckets", q, len(with.Facets), len(with.Timeline))
		}
		if len(without.Facets) != 0 || len(without.Timeline) != 0 {
			t.Errorf("%q: NoFacets gave %d facets, %d timeline buckets", q, len(without.Facets), len(without.Timeline))
		}
	}
}
