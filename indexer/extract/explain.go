package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/clippings/clippings/corpus"
	"golang.org/x/net/html"
)

// Explain returns, for a person reading it, the decisions extraction
// took on an HTML file and the candidates each weighed: every candidate
// set of posts with its score and why, the verdict (a listing or one
// article), and for each article the evidence that won each field
// (Article.Provenance). Other formats get the articles' provenance only.
func (x *Extractor) Explain(f corpus.File) (string, error) {
	var b strings.Builder
	if format := first(string(f.Format), string(formatOf(f.Path))); format == string(corpus.FormatHTML) {
		root, err := html.Parse(strings.NewReader(f.Text))
		if err != nil {
			return "", fmt.Errorf("parse html: %w", err)
		}
		p := x.newPage(root, f.Path)
		l := x.decideListing(p)
		cands := l.candidates
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
		fmt.Fprintf(&b, "%s\n  candidate post sets (%d):\n", f.Path, len(cands))
		for i, c := range cands {
			if i == 12 {
				fmt.Fprintf(&b, "    … %d more\n", len(cands)-i)
				break
			}
			fmt.Fprintf(&b, "    %-16s score %7.2f  %s", c.source, c.score, c.why)
			if len(c.records) > 0 {
				fmt.Fprintf(&b, "; first: <%s class=%q> %q", c.records[0].nodes[0].Data, nodeAttr(c.records[0].nodes[0], "class"), cutWords(titleOf(c.records[0]), 60))
			}
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "  verdict: %s\n", l.verdict)
	}
	arts, err := x.Extract(f)
	if err != nil {
		return b.String(), err
	}
	for i, a := range arts {
		keys := make([]string, 0, len(a.Provenance))
		for k := range a.Provenance {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var prov []string
		for _, k := range keys {
			prov = append(prov, k+"="+a.Provenance[k])
		}
		fmt.Fprintf(&b, "  #%d %q\n     date %s, authors %q, url %s, excerpt %v\n     evidence: %s\n",
			i+1, a.Title, a.Date, a.Authors, a.URL, a.Excerpt, strings.Join(prov, ", "))
	}
	return b.String(), nil
}

// titleOf returns the text of a record's heading, or of its permalink.
func titleOf(r record) string {
	if r.heading != nil {
		return shownTextOf(r.heading)
	}
	return r.link
}
