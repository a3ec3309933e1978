package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/clippings/clippings/corpus"
)

// The query language, from loosest to tightest binding:
//
//	a OR b        either
//	a AND b       both
//	a b           side by side: all of them (as a AND b)
//	+a            a is required
//	-a  NOT a     a is excluded
//	( ... )       grouping
//	"a phrase"    words in this order
//	field:value   a word or "a phrase" in one field, field:(a OR b) too
//	field:>=value a range: date:>="2015-01-01", year:<2010
//	wor*  w?rd    wildcards, not at the start of a word
//	word~1        fuzzy: up to 1 edit (at most 2)
//	word^2        boost
//	/regexp/      a regular expression over the terms of a field
//	\:            a backslash escapes the next character
//
// AND, OR and NOT are operators only in capitals; "and" is a word.

// maxDepth bounds the nesting of parentheses and prefixes.
const maxDepth = 32

// parser is a recursive-descent parser over the query text q. Every
// error is a *QueryError with the byte offset where the problem is.
type parser struct {
	q     string
	pos   int
	depth int
	// terms counts the words, phrases, patterns and ranges read, which
	// maxQueryTerms bounds.
	terms int
}

// parse parses the whole query.
func (p *parser) parse() (query.Query, error) {
	q, err := p.orExpr("")
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.q) {
		// Only a stray ")" stops an expression before the end.
		return nil, p.errAt(p.pos, "unexpected ): there is no ( to close")
	}
	return q, nil
}

func (p *parser) errAt(pos int, format string, args ...any) *QueryError {
	if pos >= len(p.q) {
		pos = len(p.q) - 1
	}
	return &QueryError{Query: p.q, Pos: max(pos, 0), Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) space() {
	for p.pos < len(p.q) && isSpace(p.q[p.pos]) {
		p.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// keyword reports whether the operator word op (AND, OR, NOT) comes next,
// as a word of its own, and consumes it if so.
func (p *parser) keyword(op string) bool {
	p.space()
	if !strings.HasPrefix(p.q[p.pos:], op) {
		return false
	}
	end := p.pos + len(op)
	if end < len(p.q) && !isSpace(p.q[end]) && p.q[end] != '(' && p.q[end] != '"' {
		return false
	}
	p.pos = end
	return true
}

// orExpr parses and-expressions separated by OR. field is the field of
// an enclosing field:( ... ), or "".
func (p *parser) orExpr(field string) (query.Query, error) {
	return p.chain(field, "OR", p.andExpr, func(qs []query.Query) query.Query {
		return query.NewBooleanQueryForQueryString(nil, qs, nil)
	})
}

// andExpr parses sequences separated by AND.
func (p *parser) andExpr(field string) (query.Query, error) {
	return p.chain(field, "AND", p.sequence, func(qs []query.Query) query.Query {
		return query.NewBooleanQueryForQueryString(qs, nil, nil)
	})
}

// chain parses operands separated by the operator op and joins two or
// more of them with join; a single operand is returned as it is.
func (p *parser) chain(field, op string, operand func(string) (query.Query, error),
	join func([]query.Query) query.Query) (query.Query, error) {
	var qs []query.Query
	for {
		q, err := operand(field)
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
		p.space()
		opPos := p.pos
		if !p.keyword(op) {
			if len(qs) == 1 {
				return q, nil
			}
			return join(qs), nil
		}
		p.space()
		if p.atEnd() {
			return nil, p.errAt(opPos, "%s needs something on both sides", op)
		}
	}
}

// atEnd reports whether the text of the current expression has ended:
// the end of the query or a closing parenthesis.
func (p *parser) atEnd() bool {
	return p.pos >= len(p.q) || p.q[p.pos] == ')'
}

// sequence parses clauses side by side. Every clause is required unless
// it is excluded (-clause, NOT clause): researchers count matches, so
// "crude oil" means articles with both words, as in a web search engine.
// A leading + is accepted and changes nothing.
func (p *parser) sequence(field string) (query.Query, error) {
	var must, should, mustNot []query.Query
	for {
		p.space()
		if p.atEnd() {
			break
		}
		if p.peekKeyword("AND") || p.peekKeyword("OR") {
			break
		}
		start := p.pos
		occur := byte(0)
		switch {
		case p.q[p.pos] == '+' || p.q[p.pos] == '-':
			occur = p.q[p.pos]
			p.pos++
		case p.keyword("NOT"):
			occur = '-'
		}
		if occur != 0 {
			p.space()
			if p.atEnd() || p.peekKeyword("AND") || p.peekKeyword("OR") {
				return nil, p.errAt(start, "%s must be followed by a word, a phrase or ( ... )", p.q[start:p.pos])
			}
		}
		q, err := p.primary(field)
		if err != nil {
			return nil, err
		}
		if occur == '-' {
			mustNot = append(mustNot, q)
		} else {
			must = append(must, q)
		}
	}
	if len(must)+len(should)+len(mustNot) == 0 {
		if p.pos < len(p.q) && p.q[p.pos] == ')' {
			return nil, p.errAt(p.pos, "unexpected ): there is nothing to group")
		}
		return nil, p.errAt(p.pos, "something is missing here")
	}
	if len(must) == 1 && len(should)+len(mustNot) == 0 {
		return must[0], nil
	}
	if len(should) == 1 && len(must)+len(mustNot) == 0 {
		return should[0], nil
	}
	return query.NewBooleanQueryForQueryString(must, should, mustNot), nil
}

// peekKeyword reports whether op comes next, without consuming it.
func (p *parser) peekKeyword(op string) bool {
	save := p.pos
	ok := p.keyword(op)
	p.pos = save
	return ok
}

// primary parses a group, a phrase or a term, with an optional field.
func (p *parser) primary(field string) (query.Query, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errAt(p.pos, "the query is nested too deeply")
	}
	start := p.pos
	switch c := p.q[p.pos]; {
	case c == '(':
		p.pos++
		q, err := p.orExpr(field)
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.q) || p.q[p.pos] != ')' {
			return nil, p.errAt(start, "unclosed (: add the closing )")
		}
		p.pos++
		return p.suffixes(q, start)
	case c == '"':
		text, err := p.quoted()
		if err != nil {
			return nil, err
		}
		q, err := p.suffixes(&query.MatchPhraseQuery{MatchPhrase: text, FieldVal: field}, start)
		if err != nil {
			return nil, err
		}
		return p.rewrite(field, start, q)
	case c == '/':
		return p.regexp(field, start)
	}
	word, colon := p.word()
	if colon {
		if field != "" {
			return nil, p.errAt(start, "a field inside field:( ... ): write the field once")
		}
		if word == "" {
			return nil, p.errAt(start, "a colon needs a field name before it (to search for a colon, write \\:)")
		}
		p.pos++ // the colon
		return p.fieldValue(word, start)
	}
	return p.term(word, field, start, start)
}

// regexp parses a /regular expression/ starting at p.pos; \/ is a
// slash inside it.
func (p *parser) regexp(field string, start int) (query.Query, error) {
	open := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.q) && p.q[p.pos] != '/' {
		if p.q[p.pos] == '\\' && p.pos+1 < len(p.q) && p.q[p.pos+1] == '/' {
			p.pos++
		}
		b.WriteByte(p.q[p.pos])
		p.pos++
	}
	if p.pos >= len(p.q) {
		return nil, p.errAt(open, "unterminated regular expression: add the closing /")
	}
	p.pos++
	rq := query.NewRegexpQuery(b.String())
	rq.SetField(field)
	q, err := p.suffixes(rq, start)
	if err != nil {
		return nil, err
	}
	return p.rewrite(field, start, q)
}

// word reads a word up to white space, a parenthesis, a quote or an
// unescaped colon, with its escapes removed, and reports whether it
// ended at a colon. A ~ or ^ suffix ends it too.
func (p *parser) word() (string, bool) {
	var b strings.Builder
	for p.pos < len(p.q) {
		c := p.q[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.q):
			b.WriteByte(p.q[p.pos+1])
			p.pos += 2
			continue
		case isSpace(c) || c == '(' || c == ')' || c == '"' || c == '~' || c == '^':
			return b.String(), false
		case c == ':':
			return b.String(), true
		}
		b.WriteByte(c)
		p.pos++
	}
	return b.String(), false
}

// quoted reads a "quoted" text starting at the quote; \" is a quote
// inside it.
func (p *parser) quoted() (string, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.q) {
		c := p.q[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.q):
			b.WriteByte(p.q[p.pos+1])
			p.pos += 2
			continue
		case c == '"':
			p.pos++
			return b.String(), nil
		}
		b.WriteByte(c)
		p.pos++
	}
	return "", p.errAt(start, "unterminated quote: add the closing \"")
}

// fieldValue parses what follows "field:" at p.pos; start is where the
// field name began.
func (p *parser) fieldValue(field string, start int) (query.Query, error) {
	if _, err := p.rewriter(field, start).field(field); err != nil {
		return nil, err
	}
	if p.pos >= len(p.q) || isSpace(p.q[p.pos]) || p.q[p.pos] == ')' {
		return nil, p.errAt(start, "%s: needs a value right after the colon", field)
	}
	switch p.q[p.pos] {
	case '(', '"', '/':
		p.depth--
		defer func() { p.depth++ }()
		return p.primary(field)
	case '>', '<':
		return p.rangeValue(field, start)
	}
	at := p.pos
	word, colon := p.word()
	if colon {
		return nil, p.errAt(p.pos, "a second colon: put a value with a colon in quotes")
	}
	if word == "" {
		return nil, p.errAt(start, "%s: needs a value after the colon", field)
	}
	return p.term(word, field, start, at)
}

// rangeValue parses field:>value, >=, < or <=, the value a number
// (year:>=2010) or a date, quoted or not (date:>="2015-01-01").
func (p *parser) rangeValue(field string, start int) (query.Query, error) {
	op := p.q[p.pos : p.pos+1]
	p.pos++
	if p.pos < len(p.q) && p.q[p.pos] == '=' {
		op += "="
		p.pos++
	}
	var value string
	if p.pos < len(p.q) && p.q[p.pos] == '"' {
		v, err := p.quoted()
		if err != nil {
			return nil, err
		}
		value = v
	} else {
		value, _ = p.word()
	}
	if value == "" {
		return nil, p.errAt(start, "%s:%s needs a value", field, op)
	}
	incl := strings.HasSuffix(op, "=")
	lower := op[0] == '>'
	var q query.Query
	if n, err := strconv.ParseFloat(value, 64); err == nil && !strings.Contains(value, "-") {
		var nq *query.NumericRangeQuery
		if lower {
			nq = query.NewNumericRangeInclusiveQuery(&n, nil, &incl, nil)
		} else {
			nq = query.NewNumericRangeInclusiveQuery(nil, &n, nil, &incl)
		}
		nq.SetField(field)
		q = nq
	} else {
		t, err := rangeTime(value)
		if err != nil {
			return nil, p.errAt(start, "bad date %q in a range: write it as 2015, 2015-11, 2015-11-20 or 2015-11-20T10:00:00Z", value)
		}
		var dq *query.DateRangeQuery
		if lower {
			dq = query.NewDateRangeInclusiveQuery(t, time.Time{}, &incl, nil)
		} else {
			dq = query.NewDateRangeInclusiveQuery(time.Time{}, t, nil, &incl)
		}
		dq.SetField(field)
		q = dq
	}
	return p.rewrite(field, start, q)
}

// rangeTime parses the date of a range: RFC 3339 or a date as
// corpus.ParseDate reads it.
func rangeTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := corpus.ParseDate(s)
	if err != nil || d.IsZero() {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	return d.Time, nil
}

// term builds the query of a word in field (or in the text fields when
// field is ""): a regular expression /.../, a wildcard, or a match with
// its ~fuzziness and ^boost. start is where the term and its field
// begin, at where the word itself does.
func (p *parser) term(word, field string, start, at int) (query.Query, error) {
	var q query.Query
	switch {
	case strings.HasPrefix(word, "*") || strings.HasPrefix(word, "?"):
		return nil, leadingWildcard(p.q, at)
	case strings.ContainsAny(word, "*?"):
		wq := query.NewWildcardQuery(word)
		wq.SetField(field)
		q = wq
	case word == "":
		return nil, p.errAt(start, "something is missing here")
	default:
		mq := query.NewMatchQuery(word)
		mq.SetField(field)
		q = mq
	}
	q, err := p.suffixes(q, start)
	if err != nil {
		return nil, err
	}
	return p.rewrite(field, start, q)
}

// suffixes reads the ~fuzziness and ^boost that may follow a term, a
// phrase or a group.
func (p *parser) suffixes(q query.Query, start int) (query.Query, error) {
	for p.pos < len(p.q) && (p.q[p.pos] == '~' || p.q[p.pos] == '^') {
		at := p.pos
		c := p.q[p.pos]
		p.pos++
		n := p.pos
		for n < len(p.q) && (p.q[n] >= '0' && p.q[n] <= '9' || p.q[n] == '.') {
			n++
		}
		num := p.q[p.pos:n]
		p.pos = n
		if p.pos < len(p.q) && !isSpace(p.q[p.pos]) && p.q[p.pos] != ')' && p.q[p.pos] != '~' && p.q[p.pos] != '^' {
			if c == '~' {
				return nil, p.errAt(at, "bad fuzziness: write word~1 or word~2")
			}
			return nil, p.errAt(at, "bad boost: write word^2")
		}
		if c == '~' {
			mq, ok := q.(*query.MatchQuery)
			if !ok {
				return nil, p.errAt(at, "only a word can be fuzzy (word~1)")
			}
			f := 1
			if num != "" {
				v, err := strconv.Atoi(num)
				if err != nil || v > maxFuzziness {
					return nil, p.errAt(at, "bad fuzziness ~%s: it can be at most ~%d", num, maxFuzziness)
				}
				f = v
			}
			mq.SetFuzziness(f)
			continue
		}
		b, err := strconv.ParseFloat(num, 64)
		if err != nil || b < 0 {
			return nil, p.errAt(at, "bad boost: write word^2")
		}
		bq, ok := q.(query.BoostableQuery)
		if !ok {
			return nil, p.errAt(at, "bad boost: only a word, a phrase or a group can have one")
		}
		bq.SetBoost(b)
	}
	return q, nil
}

// rewriter returns the rewriter of a leaf whose field name (if any)
// starts at pos.
func (p *parser) rewriter(field string, pos int) *rewriter {
	return &rewriter{q: p.q, scan: scanResult{fields: map[string]int{field: pos}}}
}

// rewrite rewrites a leaf query that starts at pos (see rewriter); an
// error without a position is given that of the leaf.
func (p *parser) rewrite(field string, pos int, q query.Query) (query.Query, error) {
	if p.terms++; p.terms > maxQueryTerms {
		return nil, p.errAt(pos, "the query has more than %d words, phrases and patterns: split it", maxQueryTerms)
	}
	out, err := p.rewriter(field, pos).rewrite(q)
	if qe, ok := err.(*QueryError); ok && qe.Pos < 0 {
		qe.Pos = min(pos, len(p.q)-1)
	}
	return out, err
}

// scanResult records where the field names of a query are.
type scanResult struct {
	// fields maps each field name, as written, to its offset.
	fields map[string]int
}

func leadingWildcard(q string, pos int) *QueryError {
	return &QueryError{Query: q, Pos: pos,
		Msg: "a word cannot start with a wildcard (* or ?): give its first letters"}
}
