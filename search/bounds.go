package search

import (
	"context"
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	vregexp "github.com/blevesearch/vellum/regexp"
)

// Every query is bounded before it runs, not only by its deadline: bleve
// turns a regular expression or a wildcard into an automaton (vellum's
// DFA) before it reads a single term, and builds it without looking at
// the context, so a 17-byte expression such as /(.{0,300}){0,3}/ could
// hold a CPU for half a minute. The bounds, each rejected with a
// QueryError (a 400) that says which one was passed:
//   - the query text: at most maxQueryBytes bytes of valid UTF-8, and at
//     most maxQueryTerms words, phrases and patterns;
//   - a regular expression: repetition counts of at most maxRepeat, a
//     compiled size (weighted by the ranges of its character classes) of
//     at most maxRegexpCost, and an automaton that vellum builds within
//     automatonBudget and its own state limit (a search builds it again
//     for each field and each pass, a dozen times for a field-less
//     pattern, so the budget of one build is small);
//   - a wildcard: at most maxWildcards wildcard characters once runs of *
//     are merged, in a word of at most maxPatternBytes bytes, and then the
//     same bounds as the regular expression bleve makes of it;
//   - a fuzzy word: at most maxPatternBytes bytes.
//
// The number of terms a pattern expands to is bounded by maxClauses and
// maxTermSearchers (index.go).
const (
	maxQueryBytes   = 4096
	maxQueryTerms   = 256
	maxRepeat       = 20
	maxRegexpCost   = 400
	maxWildcards    = 8
	maxPatternBytes = 64
	automatonBudget = 50 * time.Millisecond
)

// checkText checks the bounds of the query text itself.
func checkText(q string) error {
	if len(q) > maxQueryBytes {
		return &QueryError{Query: q, Pos: -1, Msg: fmt.Sprintf(
			"the query is %d bytes long; it can be at most %d", len(q), maxQueryBytes)}
	}
	if !utf8.ValidString(q) {
		return &QueryError{Query: q, Pos: -1, Msg: "the query is not valid UTF-8 text"}
	}
	return nil
}

// regexpCost returns the weighted size of the compiled expression: one
// per instruction, the number of ranges for a character class (the
// automaton has a branch for each), 4 for "any character" (its UTF-8
// forms). It fails for an expression that does not parse, or with a
// repetition count over maxRepeat.
func regexpCost(expr string) (int, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return 0, fmt.Errorf("bad regular expression: %w", err)
	}
	if n := maxCount(re); n > maxRepeat {
		return 0, fmt.Errorf("a repetition count can be at most %d, and this expression asks for %d", maxRepeat, n)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, fmt.Errorf("bad regular expression: %w", err)
	}
	cost := 0
	for _, in := range prog.Inst {
		switch in.Op {
		case syntax.InstRune:
			cost += max(1, len(in.Rune)/2)
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			cost += 4
		default:
			cost++
		}
	}
	return cost, nil
}

// maxCount returns the largest repetition count in re; nested counts
// multiply, as (a{0,10}){0,3} repeats a up to 30 times.
func maxCount(re *syntax.Regexp) int {
	n := 0
	for _, sub := range re.Sub {
		n = max(n, maxCount(sub))
	}
	if re.Op == syntax.OpRepeat {
		m := max(re.Min, re.Max)
		if n == 0 {
			return m
		}
		return m * n
	}
	return n
}

// checkRegexp checks the static bounds of a regular expression as bleve
// will run it.
func checkRegexp(expr string) error {
	cost, err := regexpCost(expr)
	if err != nil {
		return err
	}
	if cost > maxRegexpCost {
		return fmt.Errorf("the regular expression is too complex (size %d, at most %d): "+
			"use fewer or smaller repetitions, alternatives and Unicode classes", cost, maxRegexpCost)
	}
	return nil
}

// checkWildcard checks the bounds of a wildcard word and returns it with
// runs of * merged (a***b is a*b, and builds a smaller automaton).
func checkWildcard(word string) (string, error) {
	for strings.Contains(word, "**") {
		word = strings.ReplaceAll(word, "**", "*")
	}
	if len(word) > maxPatternBytes {
		return "", fmt.Errorf("a wildcard word can be at most %d bytes long", maxPatternBytes)
	}
	if n := strings.Count(word, "*") + strings.Count(word, "?"); n > maxWildcards {
		return "", fmt.Errorf("a word can have at most %d wildcards (* or ?), and this one has %d", maxWildcards, n)
	}
	return word, nil
}

// automata remembers which expressions vellum can build an automaton
// for within automatonBudget, so that a pattern sent again (a flood of
// the same hostile query) costs nothing. It is safe for concurrent use.
type automata struct {
	mu      sync.Mutex
	verdict map[string]verdict
	// building holds the expressions being tried, each with a channel
	// closed when the try ends.
	building map[string]chan struct{}
}

// maxVerdicts bounds the memory of automata: beyond it, it forgets all.
const maxVerdicts = 4096

// errAutomatonSlow is the verdict of an expression whose automaton took
// longer than automatonBudget to build.
var errAutomatonSlow = fmt.Errorf("the pattern is too complex: its automaton takes more than %v to build; make it more specific", automatonBudget)

// check reports whether vellum builds the automaton of expr within
// automatonBudget and its state limit. A build that runs out of time goes
// on in the background to its end (vellum cannot be stopped): the verdict
// waits for no one and is remembered, and the returned channel, closed
// when the build ends, lets the caller hold its share of the machine
// until then.
func (a *automata) check(ctx context.Context, expr string) (<-chan struct{}, error) {
	a.mu.Lock()
	if v, ok := a.verdict[expr]; ok && (v.expires.IsZero() || time.Now().Before(v.expires)) {
		a.mu.Unlock()
		return nil, v.err
	}
	done, running := a.building[expr]
	if !running {
		done = make(chan struct{})
		if a.building == nil {
			a.building = map[string]chan struct{}{}
		}
		a.building[expr] = done
		go a.build(expr, done)
	}
	a.mu.Unlock()

	t := time.NewTimer(automatonBudget)
	defer t.Stop()
	select {
	case <-done:
		a.mu.Lock()
		defer a.mu.Unlock()
		return nil, a.verdict[expr].err
	case <-t.C:
		a.remember(expr, errAutomatonSlow)
		return done, errAutomatonSlow
	case <-ctx.Done():
		return done, ctx.Err()
	}
}

// build builds the automaton of expr and records the verdict, unless
// the budget ran out first (that verdict stands).
func (a *automata) build(expr string, done chan struct{}) {
	_, err := vregexp.New(expr)
	if errors.Is(err, vregexp.ErrTooManyStates) || errors.Is(err, vregexp.ErrCompiledTooBig) {
		err = fmt.Errorf("the pattern is too complex: %w; make it more specific", err)
	} else if err != nil {
		err = fmt.Errorf("bad regular expression: %w", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if v, decided := a.verdict[expr]; !decided || v.err != errAutomatonSlow {
		a.rememberLocked(expr, err)
	}
	delete(a.building, expr)
	close(done)
}

func (a *automata) remember(expr string, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rememberLocked(expr, err)
}

func (a *automata) rememberLocked(expr string, err error) {
	if a.verdict == nil || len(a.verdict) >= maxVerdicts {
		a.verdict = map[string]verdict{}
	}
	v := verdict{err: err}
	if err == errAutomatonSlow {
		// Time depends on the load of the moment: ask again later.
		v.expires = time.Now().Add(slowVerdictTTL)
	}
	a.verdict[expr] = v
}

// verdict is what automata remembers of an expression: the error of its
// automaton, nil when it builds in time; a verdict of slowness expires.
type verdict struct {
	err     error
	expires time.Time
}

// slowVerdictTTL is how long a verdict of slowness is kept.
const slowVerdictTTL = time.Minute

// checkAutomata tries the automaton of every regular expression and
// wildcard of q (see automata.check). The error is a *QueryError, or
// ctx's; wait, when not nil, is closed when a build that outlived its
// budget ends.
func (a *automata) checkAutomata(ctx context.Context, text string, q query.Query) (wait <-chan struct{}, err error) {
	walkLeaves(q, func(leaf query.Query) bool {
		var expr string
		switch l := leaf.(type) {
		case *query.RegexpQuery:
			expr = l.Regexp
		case *query.WildcardQuery:
			expr = wildcardRegexp(l.Wildcard)
		default:
			return true
		}
		if w, e := a.check(ctx, expr); e != nil {
			err, wait = e, w
			if ctx.Err() == nil {
				err = &QueryError{Query: text, Pos: -1, Msg: e.Error()}
			}
			return false
		}
		return true
	})
	return wait, err
}

// walkLeaves calls fn with every leaf of q until fn returns false, and
// reports whether it went through all of them.
func walkLeaves(q query.Query, fn func(query.Query) bool) bool {
	var subs []query.Query
	switch q := q.(type) {
	case *query.BooleanQuery:
		subs = []query.Query{q.Must, q.Should, q.MustNot, q.Filter}
	case *query.ConjunctionQuery:
		subs = q.Conjuncts
	case *query.DisjunctionQuery:
		subs = q.Disjuncts
	case *anyFieldQuery:
		subs = q.clauses
	case unscored:
		subs = []query.Query{q.Query}
	case nil:
		return true
	default:
		return fn(q)
	}
	for _, s := range subs {
		if s != nil && !walkLeaves(s, fn) {
			return false
		}
	}
	return true
}
