package search

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// wire returns perDay articles a day for n days from start, and one stray
// article dated 1997-06-01.
func wire(start time.Time, n, perDay int) []corpus.Article {
	var out []corpus.Article
	for i := range n * perDay {
		out = append(out, corpus.Article{ID: fmt.Sprintf("w%04d", i), Source: fmt.Sprintf("wire.sgm#%d", i+1),
			Title: "Crude oil report", Body: "Crude oil prices.", Date: corpus.NewDate(start.AddDate(0, 0, i/perDay), corpus.PrecisionDay)})
	}
	return append(out, corpus.Article{ID: "readme", Source: "README.txt#1", Title: "Readme", Body: "About the files.",
		Date: day(1997, 6, 1)})
}

// TestTimelineFollowsTheBulk: one stray article years away does not
// squeeze the others into one bar; the interval fits their span; a
// chosen interval is kept.
func TestTimelineFollowsTheBulk(t *testing.T) {
	tests := []struct {
		name     string
		articles []corpus.Article
		interval Interval
		want     Interval
		bars     int
		first    string
		last     string
		outside  int
	}{
		{"a month and a stray: by day", wire(utc(1987, 3, 1, 0), 31, 4), IntervalAuto, IntervalDay, 31, "1987-03-01", "1987-03-31", 1},
		{"five months and a stray: by week", wire(utc(1987, 2, 2, 0), 140, 1), IntervalAuto, IntervalWeek, 20, "1987-02-02", "1987-06-15", 1},
		{"eight months and a stray: by month", wire(utc(1987, 2, 2, 0), 240, 1), IntervalAuto, IntervalMonth, 8, "1987-02", "1987-09", 1},
		{"a year and a stray: by month", wire(utc(1987, 1, 1, 0), 365, 1), IntervalAuto, IntervalMonth, 12, "1987-01", "1987-12", 1},
		{"years chosen: every year", wire(utc(1987, 1, 1, 0), 365, 1), IntervalYear, IntervalYear, 11, "1987", "1997", 0},
		{"weeks chosen", wire(utc(1987, 3, 1, 0), 31, 4), IntervalWeek, IntervalWeek, 6, "1987-02-23", "1987-03-30", 1},
		{"months chosen", wire(utc(1987, 3, 1, 0), 31, 4), IntervalMonth, IntervalMonth, 1, "1987-03", "1987-03", 1},
		{"days over too long a span are weeks", wire(utc(1987, 1, 1, 0), 730, 1), IntervalDay, IntervalWeek, 105, "1986-12-29", "1988-12-26", 1},
		{"a few articles: nothing left out", wire(utc(1987, 3, 1, 0), 3, 1), IntervalAuto, IntervalYear, 11, "1987", "1997", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newTestIndex(t, tt.articles)
			res, err := ix.Search(context.Background(), Request{Interval: tt.interval})
			if err != nil {
				t.Fatal(err)
			}
			tl := res.Timeline
			if res.Interval != tt.want || len(tl) != tt.bars || tl[0].Date().String() != tt.first || tl[len(tl)-1].Date().String() != tt.last ||
				res.TimelineOutside != tt.outside {
				t.Errorf("interval %s, %d bars %s to %s, %d outside; want %s, %d, %s to %s, %d",
					res.Interval, len(tl), tl[0].Date(), tl[len(tl)-1].Date(), res.TimelineOutside, tt.want, tt.bars, tt.first, tt.last, tt.outside)
			}
			sum := 0
			for i, b := range tl {
				sum += b.Count
				if i > 0 && !b.Start.Equal(tl[i-1].End) {
					t.Errorf("bar %d starts at %s, the previous ends at %s", i, b.Start, tl[i-1].End)
				}
			}
			if sum+res.TimelineOutside != int(res.Total) {
				t.Errorf("%d in bars + %d outside, want %d", sum, res.TimelineOutside, res.Total)
			}
		})
	}
}

func TestBucketLast(t *testing.T) {
	week := Bucket{Start: utc(1987, 3, 2, 0), End: utc(1987, 3, 9, 0), Precision: corpus.PrecisionDay}
	if got := week.Last().String(); got != "1987-03-08" {
		t.Errorf("last day of the week %s", got)
	}
	if got := (Bucket{Start: utc(1987, 3, 1, 0), Precision: corpus.PrecisionMonth}).Last().String(); got != "1987-03" {
		t.Errorf("last of a month bucket %s", got)
	}
	if _, err := ParseInterval("fortnight"); err == nil {
		t.Error("ParseInterval(fortnight) gave no error")
	}
}

func TestTrimTails(t *testing.T) {
	for _, tt := range []struct {
		counts []int
		limit  int
		lo, hi int
	}{
		{[]int{1, 0, 0, 500, 400, 0, 2}, 5, 3, 4}, // strays apart from the rest go
		{[]int{3, 500, 400, 2}, 5, 0, 3},          // small ends next to the rest stay
		{[]int{0, 0, 5, 9, 0}, 0, 2, 3},           // empty ends go
		{[]int{1, 0, 1}, 5, 0, 2},                 // nothing but strays: all stays
		{[]int{7}, 5, 0, 0},
	} {
		if lo, hi := trimTails(tt.counts, tt.limit); lo != tt.lo || hi != tt.hi {
			t.Errorf("trimTails(%v, %d) = %d, %d; want %d, %d", tt.counts, tt.limit, lo, hi, tt.lo, tt.hi)
		}
	}
}
