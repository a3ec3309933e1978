package reliability

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	hostileQueries = flag.Int("hostile.n", 0, "hostile queries to send (0: 1,000, or 10,000 with -long)")
	hostileSeed    = flag.Uint64("hostile.seed", 13, "seed of the hostile queries")
)

// hostileRequest is one generated request: its kind and its URL path
// with the query string.
type hostileRequest struct {
	kind, path string
}

var hostileWords = []string{"oil", "crude", "opec", "wheat", "grain", "bank", "rates", "trade", "dollar",
	"yen", "gold", "coffee", "sugar", "acq", "earn", "shares", "profit", "tonnes"}

var hostileFields = []string{"title", "body", "lead", "country", "topic", "person", "place", "date", "year",
	"outlet", "bogus", "", "_all", "_id"}

// hostile generates the i-th request of the hostile suite with rng: the
// cases of issue 13 (regular expressions whose automaton explodes,
// wildcards of 1,000 stars, a 2,000-term OR, deep nesting, 1 MB strings,
// invalid UTF-8 and NUL, absurd paging, 10,000 repeated parameters) and
// random mixtures of the query language, on every endpoint that takes
// user input.
func hostile(rng *rand.Rand) hostileRequest {
	word := func() string { return hostileWords[rng.IntN(len(hostileWords))] }
	n := func(hi int) int { return rng.IntN(hi) + 1 }
	search := func(kind, q string, extra ...string) hostileRequest {
		v := url.Values{"q": {q}}
		path := "/api/v1/search?"
		if rng.IntN(4) == 0 {
			path = "/?"
		}
		return hostileRequest{kind, path + v.Encode() + strings.Join(extra, "")}
	}
	switch k := rng.IntN(14); k {
	case 0: // regular expressions whose automaton explodes
		t := []string{"/(.{0,%d}){0,%d}/", "/.{0,%d}%.0d/", "/.*x.{%d}%.0d/", `/\pL{0,%d}%.0d/`,
			"/(a|b)*c(a|b){%d}%.0d/", "/(.*){%d}%.0d/", "/[^a]{%d,}%.0d/", "/((a{0,%d}){0,%d})*/"}
		return search("regexp bomb", fmt.Sprintf(t[rng.IntN(len(t))], n(1000), n(10)))
	case 1: // random regular expressions
		tok := []string{".", "*", "+", "?", "{0,9}", "{2}", "(", ")", "|", "[a-z]", `\pL`, `\w`, "x", "o", "^", "$", `\`, "[", "]", "{", "ö"}
		var b strings.Builder
		for range n(30) {
			b.WriteString(tok[rng.IntN(len(tok))])
		}
		f := hostileFields[rng.IntN(len(hostileFields))]
		if f != "" {
			f += ":"
		}
		return search("random regexp", f+"/"+b.String()+"/")
	case 2: // wildcards
		switch rng.IntN(3) {
		case 0:
			return search("wildcard stars", "a"+strings.Repeat("*", n(1000)))
		case 1:
			return search("wildcard marks", word()+strings.Repeat("?", n(300)))
		}
		var b strings.Builder
		b.WriteString(word())
		for range n(20) {
			b.WriteString([]string{"*", "?", "a", "b*c"}[rng.IntN(4)])
		}
		return search("wildcard mix", b.String())
	case 3: // fuzzy words
		return search("fuzzy", strings.Repeat(word(), n(40))+"~"+fmt.Sprint(rng.IntN(10)))
	case 4: // long ORs
		terms := make([]string, n(2000))
		for i := range terms {
			terms[i] = word() + []string{"", "*", "~1", ""}[rng.IntN(4)]
		}
		return search("big OR", strings.Join(terms, " OR "))
	case 5: // deep nesting
		d := n(2000)
		return search("deep nesting", strings.Repeat("(", d)+word()+strings.Repeat(")", d-rng.IntN(2)))
	case 6: // 1 MB strings (a few, they are slow to send)
		if rng.IntN(20) != 0 {
			return search("long string", strings.Repeat(word()+" ", n(400)))
		}
		return search("1 MB string", strings.Repeat("x", 1<<20))
	case 7: // invalid UTF-8 and NUL
		b := make([]byte, n(200))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(5) == 0 {
				b[i] = 0
			}
		}
		return search("bytes and NUL", word()+" "+string(b))
	case 8: // absurd paging and parameters
		vals := []string{"-1", "0", "1", "99999999999999999999", "1e9", "abc", "", "2147483648", "-9223372036854775808", "\x00"}
		p := func() string { return url.QueryEscape(vals[rng.IntN(len(vals))]) }
		return search("paging", word(), "&page="+p(), "&size="+p(), "&sort="+p(), "&from="+p(), "&to="+p(), "&more="+p())
	case 9: // repeated parameters
		name := []string{"country", "topic", "outlet", "person", "q", "page", "place", "author"}[rng.IntN(8)]
		times := n(10000)
		return search("repeated params", word(), strings.Repeat("&"+name+"=x", times))
	case 10: // mixtures of the query language
		parts := []string{`"`, "(", ")", ":", "^", "~", "-", "+", "NOT ", " AND ", " OR ", `\`, "*", ">=", "<", "/"}
		var b strings.Builder
		for range n(15) {
			if rng.IntN(2) == 0 {
				f := hostileFields[rng.IntN(len(hostileFields))]
				if f != "" {
					b.WriteString(f + ":")
				}
			}
			b.WriteString(word())
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return search("mixture", b.String())
	case 11: // facet look-ups
		facet := []string{"country", "topic", "person", "outlet", "year", "bogus", "..", "%00"}[rng.IntN(8)]
		prefix := []string{"", "a", strings.Repeat("z", n(5000)), "\xff\x00", "*", "(."}[rng.IntN(6)]
		return hostileRequest{"facets", "/api/v1/facets/" + facet + "?prefix=" + url.QueryEscape(prefix) + "&size=" + fmt.Sprint(rng.IntN(100000)-10)}
	case 12: // articles and similar articles by hostile ids
		id := []string{"..%2f..%2fetc%2fpasswd", strings.Repeat("a", n(5000)), "%00", "%ff%fe", "reut2-000.sgm%231", "%2A"}[rng.IntN(6)]
		path := []string{"/articles/", "/api/v1/articles/", "/api/v1/articles/%s/similar"}[rng.IntN(3)]
		if strings.Contains(path, "%s") {
			return hostileRequest{"articles", fmt.Sprintf(path, id) + "?n=" + fmt.Sprint(rng.IntN(1000)-10)}
		}
		return hostileRequest{"articles", path + id + "?q=" + url.QueryEscape(word()+"*")}
	default: // plain searches between the hostile ones
		return search("plain", word()+" "+word())
	}
}

// TestHostileQueries sends generated hostile queries to a server of the
// Reuters index (two files of it in the short version, all of it with
// -long), with a few at once, and checks that none is answered with a
// 5xx or not at all, while /healthz and /readyz answer 200 throughout.
// It reports the time of the slowest answers (issue 13 asks for 2 s at
// most) and the server's peak memory.
func TestHostileQueries(t *testing.T) {
	total, files := *hostileQueries, 2
	if total == 0 {
		total = 1000
		if *long {
			total, files = 10000, 0
		}
	}
	bin := buildBinary(t)
	indexDir := t.TempDir()
	reindex(t, bin, reutersSubset(t, files), indexDir)
	srv := serve(t, bin, indexDir)
	client := &http.Client{Timeout: 60 * time.Second}
	base := rss(srv.pid)
	stopMem := memoryWatch(srv.pid)

	// Health and readiness, polled throughout.
	ctx, cancel := context.WithCancel(context.Background())
	var probes, probeFailures int
	probed := make(chan struct{})
	go func() {
		defer close(probed)
		probe := &http.Client{Timeout: 2 * time.Second}
		for ctx.Err() == nil {
			for _, p := range []string{"/healthz", "/readyz"} {
				probes++
				resp, err := probe.Get(srv.base + p)
				if err != nil {
					probeFailures++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					probeFailures++
				}
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()

	type answer struct {
		req    hostileRequest
		status int
		took   time.Duration
		err    error
	}
	rng := rand.New(rand.NewPCG(*hostileSeed, 1))
	reqs := make(chan hostileRequest)
	answers := make(chan answer)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for r := range reqs {
				start := time.Now()
				resp, err := client.Get(srv.base + r.path)
				a := answer{req: r, err: err}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					a.status = resp.StatusCode
				}
				a.took = time.Since(start)
				answers <- a
			}
		})
	}
	go func() {
		for range total {
			reqs <- hostile(rng)
		}
		close(reqs)
		wg.Wait()
		close(answers)
	}()

	start := time.Now()
	statuses := map[int]int{}
	kinds := map[string]int{}
	var took []time.Duration
	var slow, all []answer
	var failures []string
	for a := range answers {
		kinds[a.req.kind]++
		took = append(took, a.took)
		all = append(all, a)
		if a.took > 2*time.Second {
			slow = append(slow, a)
		}
		if a.err != nil || a.status >= 500 {
			if len(failures) < 10 {
				failures = append(failures, fmt.Sprintf("%s %.120s: %d %v", a.req.kind, a.req.path, a.status, a.err))
			}
			statuses[-1]++
		}
		statuses[a.status]++
	}
	elapsed := time.Since(start)
	cancel()
	<-probed
	peak := stopMem()

	var st []string
	for code, c := range statuses {
		if code >= 0 {
			st = append(st, fmt.Sprintf("%d: %d", code, c))
		}
	}
	sort.Strings(st)
	var ks []string
	for k, c := range kinds {
		ks = append(ks, fmt.Sprintf("%s %d", k, c))
	}
	sort.Strings(ks)
	t.Logf("hostile queries: %d in %v, 4 at once, seed %d; kinds: %s", total, elapsed.Round(time.Second), *hostileSeed, strings.Join(ks, ", "))
	t.Logf("statuses: %s; failures (5xx or no answer): %d", strings.Join(st, ", "), statuses[-1])
	t.Logf("answer time: p50 %v, p99 %v, max %v; over 2 s: %d", percentile(took, 50).Round(time.Microsecond),
		percentile(took, 99).Round(time.Microsecond), percentile(took, 100).Round(time.Millisecond), len(slow))
	sort.Slice(all, func(i, j int) bool { return all[i].took > all[j].took })
	for _, a := range all[:min(5, len(all))] {
		t.Logf("  slowest: %s %.100s: %d in %v", a.req.kind, a.req.path, a.status, a.took.Round(time.Millisecond))
	}
	t.Logf("server memory: %s at start, peak %s; health and readiness probes: %d, failed %d", mib(base), mib(peak), probes, probeFailures)
	for _, f := range failures {
		t.Errorf("failure: %s", f)
	}
	if probeFailures > 0 {
		t.Errorf("%d of %d health and readiness probes failed", probeFailures, probes)
	}
	if base > 0 && peak > base+1<<30 {
		t.Errorf("server memory grew from %s to %s", mib(base), mib(peak))
	}
}
