package search

import (
	"context"
	"errors"
	"fmt"
	"reflect"
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
//     at most maxRegexpCost, at most maxWideAfterStar wide positions after
//     a star (/.*x.{12}/ needs 2^12 states), and an automaton (vellum's DFA, which a
//     search builds again for each field and each pass, a dozen times
//     for a field-less pattern) of at most maxStates states and
//     maxAutomatonWork states times instructions, built within
//     automatonBudget (a safety net: the sizes decide, the same on a
//     busy machine as on an idle one);
//   - a wildcard: at most maxWildcards wildcard characters once runs of *
//     are merged, in a word of at most maxPatternBytes bytes, and then the
//     same bounds as the regular expression bleve makes of it;
//   - a fuzzy word: at most maxPatternBytes bytes.
//
// The number of terms a pattern expands to is bounded by maxClauses and
// maxTermSearchers (index.go).
const (
	maxQueryBytes    = 4096
	maxQueryTerms    = 64
	maxRepeat        = 20
	maxRegexpCost    = 400
	maxWildcards     = 8
	maxPatternBytes  = 64
	maxStates        = 2000
	maxAutomatonWork = 500_000
	automatonBudget  = time.Second
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
	if n := wideAfterStar(re); n > maxWideAfterStar {
		return 0, fmt.Errorf("after a * or +, a pattern can have at most %d positions that take many characters "+
			"(., a class, a ? wildcard), and this one has %d: its automaton would have up to 2^%d states", maxWideAfterStar, n, n)
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

// maxWideAfterStar bounds wideAfterStar: /.*x.{12}/ needs an automaton
// of 2^12 states, one for each set of positions the last 12 characters
// might be at.
const maxWideAfterStar = 6

// wideAfterStar returns the largest number of positions that match many
// characters (any character, or a class of more than two) following an
// unbounded repetition in a sequence of re, counting a repetition by its
// largest count.
func wideAfterStar(re *syntax.Regexp) int {
	n := 0
	for _, sub := range re.Sub {
		n = max(n, wideAfterStar(sub))
	}
	if re.Op != syntax.OpConcat {
		return n
	}
	after, seen := 0, false
	for _, sub := range re.Sub {
		if unbounded(sub) {
			seen, after = true, 0
			continue
		}
		if seen {
			after += width(sub)
			n = max(n, after)
		}
	}
	return n
}

// unbounded reports whether re repeats without bound somewhere.
func unbounded(re *syntax.Regexp) bool {
	if re.Op == syntax.OpStar || re.Op == syntax.OpPlus || re.Op == syntax.OpRepeat && re.Max == -1 {
		return true
	}
	for _, sub := range re.Sub {
		if unbounded(sub) {
			return true
		}
	}
	return false
}

// width returns the number of positions of re that match many
// characters, counting a repetition by its largest count.
func width(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCharClass:
		runes := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			runes += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if runes > 2 {
			return 1
		}
		return 0
	case syntax.OpRepeat:
		if len(re.Sub) == 1 && re.Max > 0 {
			return re.Max * width(re.Sub[0])
		}
	case syntax.OpQuest, syntax.OpCapture:
		return width(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n += width(sub)
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			n = max(n, width(sub))
		}
		return n
	}
	return 0
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

// automata builds the automata of patterns before a search does, one at
// a time, and remembers the verdicts, so that a pattern sent again (a
// flood of the same hostile query) costs nothing. It is safe for
// concurrent use; make it with newAutomata.
type automata struct {
	mu      sync.Mutex
	verdict map[string]verdict
	// building holds the expressions being built, each with a channel
	// closed when the build ends.
	building map[string]chan struct{}
	// builder holds a token while a build runs: vellum cannot be
	// stopped, so builds must not pile up.
	builder chan struct{}
}

func newAutomata() *automata {
	return &automata{verdict: map[string]verdict{}, building: map[string]chan struct{}{}, builder: make(chan struct{}, 1)}
}

// maxVerdicts bounds the memory of automata: beyond it, it forgets all.
const maxVerdicts = 4096

// errAutomatonSlow is the verdict of an expression whose automaton took
// longer than automatonBudget to build.
var errAutomatonSlow = fmt.Errorf("the pattern is too complex: its automaton takes more than %v to build; make it more specific", automatonBudget)

// check reports whether the automaton of expr is within the bounds (see
// build). It waits at most automatonBudget, first for the builder, then
// for the build. A build that runs out of time goes on in the background
// to its end, and its verdict is remembered for the next time; waiting
// for the builder in vain is ErrBusy, and leaves nothing to build.
func (a *automata) check(ctx context.Context, expr string) error {
	t := time.NewTimer(automatonBudget)
	defer t.Stop()
	a.mu.Lock()
	v, known := a.verdict[expr]
	done, running := a.building[expr]
	a.mu.Unlock()
	switch {
	case known && (v.expires.IsZero() || time.Now().Before(v.expires)):
		return v.err
	case !running:
		select {
		case a.builder <- struct{}{}:
		case <-t.C:
			return fmt.Errorf("%w (a pattern is waiting for another)", ErrBusy)
		case <-ctx.Done():
			return ctx.Err()
		}
		a.mu.Lock()
		if done, running = a.building[expr]; !running {
			done = make(chan struct{})
			a.building[expr] = done
			go a.build(expr, done)
		} else {
			<-a.builder // another check started it meanwhile
		}
		a.mu.Unlock()
	}
	select {
	case <-done:
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.verdict[expr].err
	case <-t.C:
		a.mu.Lock()
		defer a.mu.Unlock()
		a.rememberLocked(expr, errAutomatonSlow)
		return errAutomatonSlow
	case <-ctx.Done():
		return ctx.Err()
	}
}

// build builds the automaton of expr, with the builder token that check
// took (it gives it back at the end), and
// records the verdict: an error when vellum cannot build it, or when it
// has more than maxStates states or maxAutomatonWork states times
// instructions (the sizes decide, not the time, so that the verdict is
// the same on a busy machine as on an idle one).
func (a *automata) build(expr string, done chan struct{}) {
	defer func() { <-a.builder }()
	re, err := vregexp.New(expr)
	if err == nil {
		if states, insts, ok := automatonSize(re); ok && (states > maxStates || states*insts > maxAutomatonWork) {
			err = fmt.Errorf("the pattern is too complex: its automaton has %d states of %d instructions "+
				"(at most %d states, and %d states times instructions); make it more specific",
				states, insts, maxStates, maxAutomatonWork)
		}
	} else if errors.Is(err, vregexp.ErrTooManyStates) || errors.Is(err, vregexp.ErrCompiledTooBig) {
		err = fmt.Errorf("the pattern is too complex: %w; make it more specific", err)
	} else {
		err = fmt.Errorf("bad regular expression: %w", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rememberLocked(expr, err)
	delete(a.building, expr)
	close(done)
}

func (a *automata) rememberLocked(expr string, err error) {
	if len(a.verdict) >= maxVerdicts {
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
// automaton, nil when it is within the bounds; a verdict of slowness
// expires (and is replaced by the build's own when it ends).
type verdict struct {
	err     error
	expires time.Time
}

// slowVerdictTTL is how long a verdict of slowness is kept.
const slowVerdictTTL = time.Minute

// checkAutomata checks the automaton of every regular expression and
// wildcard of q (see automata.check). The error is a *QueryError, or
// ErrBusy, or ctx's.
func (a *automata) checkAutomata(ctx context.Context, text string, q query.Query) error {
	var err error
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
		err = a.check(ctx, expr)
		if err != nil && ctx.Err() == nil && !errors.Is(err, ErrBusy) {
			err = &QueryError{Query: text, Pos: -1, Msg: err.Error()}
		}
		return err == nil
	})
	return err
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

// automatonSize returns the number of states and instructions of the DFA
// of re, read from vellum's unexported fields (it has no method for
// them); ok is false when this version of vellum has other fields.
func automatonSize(re *vregexp.Regexp) (states, insts int, ok bool) {
	v := reflect.ValueOf(re).Elem().FieldByName("dfa")
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() {
		return 0, 0, false
	}
	s, i := v.Elem().FieldByName("states"), v.Elem().FieldByName("insts")
	if !s.IsValid() || !i.IsValid() || s.Kind() != reflect.Slice || i.Kind() != reflect.Slice {
		return 0, 0, false
	}
	return s.Len(), i.Len(), true
}
