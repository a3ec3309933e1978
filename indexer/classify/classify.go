package classify

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/clippings/clippings/corpus"
)

// The IPTC Media Topics top-level names, spelled as IPTC spells them.
const (
	Arts        = "arts, culture, entertainment and media"
	Conflict    = "conflict, war and peace"
	Crime       = "crime, law and justice"
	Disaster    = "disaster, accident and emergency incident"
	Economy     = "economy, business and finance"
	Education   = "education"
	Environment = "environment"
	Health      = "health"
	Human       = "human interest"
	Labour      = "labour"
	Lifestyle   = "lifestyle and leisure"
	Politics    = "politics"
	Religion    = "religion"
	Science     = "science and technology"
	Society     = "society"
	Sport       = "sport"
	Weather     = "weather"
)

// The second-level subjects, each under a top-level topic (see Parent).
const (
	Terrorism     = "terrorism"
	ArmedConflict = "armed conflict"
	Diplomacy     = "diplomacy and international relations"
	Elections     = "elections"
	Energy        = "energy"
	Migration     = "migration"
	HumanRights   = "human rights"
	Intelligence  = "espionage and intelligence"
	Cyber         = "cyber security"
)

// parents maps each subject to its top-level topic.
var parents = map[string]string{
	Terrorism:     Conflict,
	ArmedConflict: Conflict,
	Intelligence:  Conflict,
	Diplomacy:     Politics,
	Elections:     Politics,
	HumanRights:   Society,
	Migration:     Society,
	Energy:        Economy,
	Cyber:         Science,
}

// TopLevel returns the 17 IPTC Media Topics top-level names in
// alphabetical order.
func TopLevel() []string {
	return []string{Arts, Conflict, Crime, Disaster, Economy, Education, Environment, Health, Human,
		Labour, Lifestyle, Politics, Religion, Science, Society, Sport, Weather}
}

// Subjects returns the second-level subjects in alphabetical order.
func Subjects() []string {
	out := make([]string, 0, len(parents))
	for s := range parents {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Parent returns the top-level topic of a subject, or "" when topic is
// not a subject.
func Parent(topic string) string { return parents[topic] }

// IsTaxonomy reports whether name is one of the classifier's topics,
// top-level or subject, ignoring case.
func IsTaxonomy(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	return slices.Contains(TopLevel(), name) || parents[name] != ""
}

// Options tune a Classifier; the zero value is ready to use.
type Options struct {
	// MinScore is the evidence (summed term weights) the best top-level
	// topic must reach for the article to get any topic. Zero means 4.
	MinScore float64
	// Max is the most topics returned. Zero means 3.
	Max int
}

func (o Options) minScore() float64 {
	if o.MinScore > 0 {
		return o.MinScore
	}
	return 4
}

func (o Options) max() int {
	if o.Max > 0 {
		return o.Max
	}
	return 3
}

// Classifier assigns taxonomy topics to text. Build it once with New; it
// is safe for concurrent use.
type Classifier struct {
	opts Options
	// words maps a lower-case word or two-word phrase to its weights;
	// exact holds the terms written with a capital, which match only
	// that spelling ("Labour" the party, not "labour").
	words, exact map[string][]weight
	// prefixes maps a lower-case word start to its weights.
	prefixes map[string][]weight
	maxStem  int
	// firsts holds the first word of every two-word term, as written in
	// exact and in lower case in words and prefixes, and starts the first
	// four bytes of every prefix: a word that starts no two-word term
	// needs no pair looked up, and one whose start no prefix has needs no
	// prefix looked up.
	firsts, starts map[string]bool
	// shortPrefix is set when a prefix is shorter than startLen, which
	// starts cannot rule out.
	shortPrefix bool
}

// startLen is the length of the word starts in Classifier.starts: the
// shortest prefix a word is looked up by (lookup's minLen).
const startLen = 4

// weight is a term's weight for one topic.
type weight struct {
	topic string
	w     float64
}

// New parses the lexicons.
func New(opts Options) *Classifier {
	c := &Classifier{opts: opts, words: map[string][]weight{}, exact: map[string][]weight{},
		prefixes: map[string][]weight{}, firsts: map[string]bool{}, starts: map[string]bool{}}
	for topic, terms := range lexicons() {
		for _, t := range parseTerms(topic, terms) {
			tws := []weight{{topic, t.w}}
			if p := parents[topic]; p != "" {
				tws = append(tws, weight{p, t.w})
			}
			if first, _, ok := strings.Cut(t.text, " "); ok {
				c.firsts[first] = true
			}
			switch {
			case t.prefix:
				c.prefixes[t.text] = append(c.prefixes[t.text], tws...)
				c.maxStem = max(c.maxStem, len(t.text))
				if len(t.text) >= startLen {
					c.starts[t.text[:startLen]] = true
				} else {
					c.shortPrefix = true
				}
			case t.exact:
				c.exact[t.text] = append(c.exact[t.text], tws...)
			default:
				c.words[t.text] = append(c.words[t.text], tws...)
			}
		}
	}
	return c
}

// With returns a classifier with other options that shares c's parsed
// lexicons; it is cheap.
func (c *Classifier) With(opts Options) *Classifier {
	d := *c
	d.opts = opts
	return &d
}

// Classify returns the article's best one to three topics with their
// scores, best first, or nil when the text gives too little evidence.
// A score is the topic's share of the evidence for all top-level topics,
// between 0 and 1.
func (c *Classifier) Classify(title, text string) []corpus.TopicScore {
	raw := c.Scores(title, text)
	type scored struct {
		topic string
		s     float64
	}
	var top, subs []scored
	total := 0.0
	for t, s := range raw {
		if parents[t] != "" {
			subs = append(subs, scored{t, s})
			continue
		}
		top = append(top, scored{t, s})
		total += s
	}
	byScore := func(a, b scored) int {
		if c := cmp.Compare(b.s, a.s); c != 0 {
			return c
		}
		return strings.Compare(a.topic, b.topic)
	}
	slices.SortFunc(top, byScore)
	if len(top) == 0 || top[0].s < c.opts.minScore() {
		return nil
	}
	best := top[0].s
	// Beside the best topic: other top-level topics with at least half
	// its evidence, and subjects with at least a third of it whose
	// parent is among the chosen or candidate topics.
	var more []scored
	for _, t := range top[1:] {
		if t.s >= best/2 {
			more = append(more, t)
		}
	}
	for _, s := range subs {
		if s.s >= c.opts.minScore() && s.s >= best/3 {
			more = append(more, s)
		}
	}
	slices.SortFunc(more, byScore)
	out := []corpus.TopicScore{{Topic: top[0].topic, Score: round(top[0].s / total)}}
	for _, m := range more {
		if len(out) >= c.opts.max() {
			break
		}
		out = append(out, corpus.TopicScore{Topic: m.topic, Score: round(m.s / total)})
	}
	return out
}

// round keeps three decimals, enough to rank and stable in golden files.
func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// Scores returns the summed term weights per topic, subjects included
// (a subject's terms count for its parent too). Title words count twice;
// a term counts at most three times in each of title and text.
func (c *Classifier) Scores(title, text string) map[string]float64 {
	scores := map[string]float64{}
	c.add(scores, tokens(title), 2)
	c.add(scores, tokens(text), 1)
	return scores
}

// token is a word as written and in lower case.
type token struct {
	text, lower string
}

// tokens splits s into words: runs of letters and digits; an apostrophe
// inside a word ends it ("Labour's" gives "Labour" and "s").
func tokens(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, token{s[start:i], strings.ToLower(s[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{s[start:], strings.ToLower(s[start:])})
	}
	return out
}

// add adds the weights of the terms found in toks, times factor.
func (c *Classifier) add(scores map[string]float64, toks []token, factor float64) {
	seen := map[string]int{}
	count := func(term string, tws []weight) {
		seen[term]++
		if seen[term] > 3 {
			return
		}
		for _, tw := range tws {
			scores[tw.topic] += tw.w * factor
		}
	}
	for i, t := range toks {
		if tws, ok := c.exact[t.text]; ok {
			count(t.text, tws)
		} else {
			c.lookup(t.lower, 4, count)
		}
		if i+1 < len(toks) && (c.firsts[t.text] || c.firsts[t.lower]) {
			pair := t.text + " " + toks[i+1].text
			if tws, ok := c.exact[pair]; ok {
				count(pair, tws)
			} else {
				c.lookup(t.lower+" "+toks[i+1].lower, len(t.lower)+2, count)
			}
		}
	}
}

// lookup counts the entry for a lower-case word or phrase, else its
// longest prefix entry of at least minLen bytes (for a phrase, longer than
// its first word, which was looked up alone).
func (c *Classifier) lookup(w string, minLen int, count func(string, []weight)) {
	if tws, ok := c.words[w]; ok {
		count(w, tws)
		return
	}
	if !c.shortPrefix && (len(w) < startLen || !c.starts[w[:startLen]]) {
		return
	}
	for n := min(len(w), c.maxStem); n >= minLen; n-- {
		if tws, ok := c.prefixes[w[:n]]; ok {
			count(w[:n]+"*", tws)
			return
		}
	}
}
