package search

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestSearchBoundsHostile checks that the queries of issue 13, which ran
// for up to 88 seconds, answered with a 500 or outlived their deadline,
// are each rejected with a QueryError that says which bound they pass.
func TestSearchBoundsHostile(t *testing.T) {
	ix := newTestIndex(t, fixture())
	tests := []struct {
		name, query, wantMsg string
	}{
		{"nested repetition", "/(.{0,300}){0,3}/", "repetition count can be at most 20"},
		{"long repetition", "/.{0,1000}/", "repetition count can be at most 20"},
		{"unicode class repeated", `/\pL{0,10}/`, "too complex"},
		{"exponential automaton", "/.*x.{12}/", "after a * or +, a pattern can have at most 6"},
		{"exponential automaton, classes", "/[a-z]*x[a-z]{8}/", "after a * or +, a pattern can have at most 6"},
		{"exponential automaton, wildcard", "a*b???????", "after a * or +, a pattern can have at most 6"},
		{"automaton too large", "/.{0,20}.{0,20}/", "too complex"}, // its size, or its time under -race
		{"many question marks", "a" + strings.Repeat("?", 999), "at most 64 bytes"},
		{"many wildcards", "a" + strings.Repeat("?b", 9), "at most 8 wildcards"},
		{"long wildcard word", strings.Repeat("ab", 40) + "*", "at most 64 bytes"},
		{"long fuzzy word", strings.Repeat("ab", 40) + "~2", "at most 64 bytes"},
		{"2,000-term OR", strings.TrimSuffix(strings.Repeat("oil OR ", 2000), " OR "), "at most 4096"},
		{"100-term OR", strings.TrimSuffix(strings.Repeat("a OR ", 100), " OR "), "more than 64"},
		{"long query", strings.Repeat("x", maxQueryBytes+1), "at most 4096"},
		{"invalid UTF-8", "oil \xff\xfe", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), Request{Query: tt.query})
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error = %v, want a *QueryError", err)
			}
			if !strings.Contains(qe.Msg, tt.wantMsg) {
				t.Errorf("message %q, want one with %q", qe.Msg, tt.wantMsg)
			}
		})
	}
}

// TestSearchBoundsAllowed checks that ordinary patterns still run, and
// that a run of stars is one star: a******** is a*.
func TestSearchBoundsAllowed(t *testing.T) {
	ix := newTestIndex(t, fixture())
	allowed := []string{
		"polit*", "a" + strings.Repeat("*", 999) + "merkel", "/polit.*/", "/[0-9]{4}/", "/colou?r/",
		"merk?l", "merkle~1", "title:/(interest|rate)s?/", "/[a-z]{0,20}[0-9]{0,20}/",
		"date:0000", "date:9999-12", // found by FuzzSearch: were not QueryErrors but bleve's
	}
	if !raceEnabled {
		// Near the bounds: their automata take longer than the safety
		// net of automatonBudget to build under the race detector.
		allowed = append(allowed, "/.{0,20}/", "/.*x.{6}/", "/a.*b.*c.*d.*e.*f/")
	}
	for _, q := range allowed {
		if _, err := ix.Search(context.Background(), Request{Query: q}); err != nil {
			t.Errorf("%.40q: %v", q, err)
		}
	}
	a, err := ix.Search(context.Background(), Request{Query: "y" + strings.Repeat("*", 999) + "n"})
	b, err2 := ix.Search(context.Background(), Request{Query: "y*n"})
	if err != nil || err2 != nil || a.Total != b.Total || a.Total == 0 {
		t.Errorf("y***n: %d hits (%v), y*n: %d hits (%v); want the same, more than 0", a.Total, err, b.Total, err2)
	}
}

// TestLaneQueue checks that a lane runs its slots, queues up to its
// bound, and refuses beyond it or once the deadline passes in the queue.
func TestLaneQueue(t *testing.T) {
	l := newLane(1, 1)
	release, err := l.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, err := l.acquire(context.Background())
		if err == nil {
			r()
		}
		got <- err
	}()
	// Wait until the second search is queued.
	for {
		l.mu.Lock()
		n := l.queued
		l.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := l.acquire(context.Background()); !errors.Is(err, ErrBusy) {
		t.Errorf("third search with the queue full: %v, want ErrBusy", err)
	}
	release()
	if err := <-got; err != nil {
		t.Errorf("queued search: %v, want it run once the slot is free", err)
	}

	release, _ = l.acquire(context.Background())
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.acquire(ctx); !errors.Is(err, ErrBusy) {
		t.Errorf("search whose deadline passed in the queue: %v, want ErrBusy", err)
	}
}

// FuzzSearch runs whole searches, bounds included, on a small index: a
// search either answers or fails with a QueryError, never with another
// error or a panic.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"climate", "/(.{0,300}){0,3}/", "/.{0,1000}/", "a" + strings.Repeat("*", 50), "merk?l~1",
		`/\pL{0,10}/`, "/.*x.{12}/", "title:/(interest|rate)s?/", "((((a))))", `"open`, "date:>=2015", "a OR b OR c*",
		"\x00", "\xff", "person:merk*", "/[a-z]{3,5}ing/", "country:/f./"} {
		f.Add(s)
	}
	ix := newTestIndex(f, fixture())
	f.Fuzz(func(t *testing.T, q string) {
		_, err := ix.Search(context.Background(), Request{Query: q})
		var qe *QueryError
		if err != nil && !errors.As(err, &qe) {
			t.Fatalf("%q: %v, want a result or a *QueryError", q, err)
		}
	})
}

// TestSearchAnswersByDeadline checks that a search whose work cannot go
// on (here: the automaton builder held, as by a long build) answers when
// its deadline passes, with an error that the server turns into a 503,
// and that it gives its slot back.
func TestSearchAnswersByDeadline(t *testing.T) {
	ix := newTestIndex(t, fixture())
	ix.gate.automata.builder <- struct{}{} // a build that does not end
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := ix.Search(ctx, Request{Query: "/polit.*/"})
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, ErrBusy) {
		t.Fatalf("error = %v, want the deadline or ErrBusy", err)
	}
	<-ix.gate.automata.builder
	// The slot is given back: the next search gets it.
	if _, err := ix.Search(context.Background(), Request{Query: "/polit.*/"}); err != nil {
		t.Errorf("the next search: %v", err)
	}
}
