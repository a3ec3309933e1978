package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file turns an HTML subtree into paragraphs of plain text: block
// elements (p, div, h2, li, ...) end a paragraph, <br> ends a line, and
// everything else is inline text whose white space is collapsed. A
// subheading (h2 to h6) is thus a paragraph of its own, never the start
// of the next one.

var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Figure: true, atom.Figcaption: true, atom.Address: true, atom.Hr: true, atom.Main: true,
	atom.Aside: true, atom.Nav: true, atom.Form: true, atom.Center: true, atom.Details: true,
	atom.Summary: true, atom.Fieldset: true, atom.Caption: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Body: true, atom.Html: true,
}

// invisibleElements never hold article text.
var invisibleElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Select: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Audio: true, atom.Video: true, atom.Map: true, atom.Title: true,
}

// rxBlankLine matches an empty line between two line breaks.
var rxBlankLine = regexp.MustCompile(`\n[ \t\r\x{a0}]*\n`)

// paragraphs returns the text of n as paragraphs. skip, when not nil, tells
// which elements to leave out with their whole subtree.
func paragraphs(n *html.Node, skip func(*html.Node) bool) []string {
	var (
		out  []string
		cur  strings.Builder
		pre  int
		walk func(*html.Node)
	)
	flush := func() {
		chunks := []string{cur.String()}
		if pre == 0 {
			// "<br><br>" separates paragraphs in much hand-written HTML.
			chunks = rxBlankLine.Split(chunks[0], -1)
		}
		for _, c := range chunks {
			if p := tidyParagraph(c, pre > 0); p != "" {
				out = append(out, p)
			}
		}
		cur.Reset()
	}
	walk = func(n *html.Node) {
		a := elementAtom(n)
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if invisibleElements[a] || (skip != nil && skip(n)) {
				return
			}
			if a == atom.Br {
				cur.WriteString("\n")
				return
			}
			if a == atom.Img {
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		block := n.Type == html.ElementNode && (blockElements[a] || !isKnownInline(n))
		if block {
			flush()
		}
		if a == atom.Pre {
			pre++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if a == atom.Pre {
			pre--
		}
		if a == atom.Td || a == atom.Th {
			cur.WriteString(" ")
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}

// trafilaturaBlocks are the names of the block elements of trafilatura's
// own tree format (<head rend="h2"> for a heading, <list>, <item>...),
// which a content tree may hold.
var trafilaturaBlocks = map[string]bool{
	"head": true, "list": true, "item": true, "quote": true, "graphic": true, "cell": true, "row": true,
}

// elementAtom returns the atom of an element node by its name when the
// node does not carry it. The HTML parser sets DataAtom, but go-trafilatura
// builds the elements of its content tree by name only: a subheading it
// rebuilds is an <h2> whose DataAtom is 0, which would otherwise be taken
// for inline text and run into the next paragraph. trafilatura's own
// element names (trafilaturaBlocks: its <head> is a heading, not the
// document's head) keep atom 0.
func elementAtom(n *html.Node) atom.Atom {
	if n.Type != html.ElementNode || n.DataAtom != 0 || trafilaturaBlocks[n.Data] {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

// isKnownInline reports whether n is an inline element. Elements unknown
// to HTML (trafilatura's own, custom elements) count as inline unless their
// name is one of trafilaturaBlocks.
func isKnownInline(n *html.Node) bool {
	if elementAtom(n) != 0 {
		return true // known elements that are not in blockElements are inline
	}
	return !trafilaturaBlocks[n.Data]
}

// tidyParagraph collapses white space inside each line of a paragraph and
// drops empty lines. Preformatted text keeps its lines and indentation.
func tidyParagraph(s string, preformatted bool) string {
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if preformatted {
			l = strings.TrimRight(l, " \t\r\u00a0")
		} else {
			l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " ")
		}
		if strings.TrimSpace(l) != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// Paragraph filters remove what is not the article's own text: share
// buttons, photo captions and credits.
var (
	rxCredit = regexp.MustCompile(`(?i)^\(?\s*(?:photo|photograph|image|picture|foto|bild|credit|illustration|graphic|video|source: getty|©|\(c\)|copyright)s?\b[^.!?]{0,80}(?::|©|\bby\b|\bcredit\b|/)`)
	rxAgency = regexp.MustCompile(`(?i)(getty images|ap photo|afp photo|reuters/|shutterstock|istock|epa-efe|/ ?afp|/ ?ap\b|dpa\b|picture alliance|imago)`)
	rxShare  = regexp.MustCompile(`(?i)^(?:share|share this|share on|share this article|share via|tweet|facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|e-mail|print|copy link|mail|like this:|like|loading\.\.\.|related|advertisement|anzeige|werbung|comments?|leave a comment|click to share.*|teilen|drucken|\s|,|\||·|•)+[.:]?$`)
)

// isBoilerplate reports whether a paragraph is a caption, a photo credit,
// a share-button row or a similar fragment that is not article text.
func isBoilerplate(p string) bool {
	if rxShare.MatchString(p) {
		return true
	}
	n := utf8.RuneCountInString(p)
	if n < 200 && rxCredit.MatchString(p) {
		return true
	}
	if n < 120 && rxAgency.MatchString(p) && !strings.ContainsAny(p[len(p)-1:], ".!?\"”") {
		return true
	}
	return false
}
