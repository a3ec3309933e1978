package extract

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSubheadings checks, on real pages of go-trafilatura-eval, that the
// subheadings of an article (its h2 to h6) come out as paragraphs of their
// own, each followed by the paragraph it heads. go-trafilatura rebuilds
// these headings as elements known by name only; they used to run into
// the next paragraph without even a space: "EigentumDer Wagen gehört…",
// "Das Tiroler Freeride MekkaWer MTB am liebsten…".
func TestSubheadings(t *testing.T) {
	dir := corpusDir(t, "go-trafilatura-eval")
	x := New(Options{})
	for _, tt := range []struct {
		file string
		// pairs are each subheading and the start of the paragraph
		// after it, in body order.
		pairs [][2]string
	}{
		{"comparis.ch.autofinanzierung.html", [][2]string{
			{"Eigentum", "Der Wagen gehört von Anfang an Ihnen."},
			{"Auflösung", "Wenn es unerwartet finanziell eng wird,"},
			{"Flexibilität", "Sie verpflichten sich nicht auf eine bestimmte Servicegarage,"},
			{"Entscheiden", "Welche Teile repariert werden sollen,"},
			{"Freie Wahl der Autoversicherung", "Nach zwei bis drei Jahren"},
			{"Zinsabzug", "Die Schuldzinsen eines Kredits"},
			{"Autoversicherung", "Als Leasingnehmer sind Sie"},
			{"Eigentum", "Das Auto gehört während des Leasings nicht Ihnen."},
			{"Finanzierungsfalle", "Ändern sich Ihre Einkommensverhältnisse"},
			{"Mehrkilometer", "Im Leasingvertrag steht eine maximale Kilometerzahl"},
			{"Service", "Die Leasingfirma kann Sie per Vertrag"},
			{"Steuer", "Als Privatperson können Sie zwar Kreditzinsen"},
		}},
		{"trails.de.ischgl.html", [][2]string{
			{"Das Tiroler Freeride Mekka", "Wer MTB am liebsten bergab betreibt"},
			{"Beste Reisezeit", "Ischgl ist im Winter als Schneeloch bekannt."},
			{"Anreise", "Mit dem Auto: Auf der Inntalautobahn"},
			{"Karten & Bikeguides", "Bikeguide & Bike-Karte:"},
			{"Bike-Infrastruktur", "Seilbahn Tickets:"},
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			f := readFile(t, dir, filepath.Join("test-files", "comparison", tt.file))
			arts, err := x.Extract(f)
			if err != nil || len(arts) != 1 {
				t.Fatalf("%d articles, error %v; want 1", len(arts), err)
			}
			body := strings.Split(arts[0].Body, "\n\n")
			from := 0
			for _, p := range tt.pairs {
				i := slices.Index(body[from:], p[0])
				if i < 0 {
					t.Errorf("subheading %q is not a paragraph of its own after paragraph %d", p[0], from)
					continue
				}
				i += from
				if i+1 >= len(body) || !strings.HasPrefix(body[i+1], p[1]) {
					t.Errorf("subheading %q is not followed by %q", p[0], p[1])
				}
				from = i + 1
			}
			for _, par := range body {
				for _, p := range tt.pairs {
					if strings.HasPrefix(par, p[0]) && strings.HasPrefix(strings.TrimPrefix(par, p[0]), p[1]) {
						t.Errorf("subheading run into its paragraph: %.80q", par)
					}
				}
			}
		})
	}
}

// TestParagraphsByName checks that elements known by name only (DataAtom
// 0, as go-trafilatura builds them) split paragraphs as parsed ones do, and
// that trafilatura's own <head> is a heading, not the invisible head.
func TestParagraphsByName(t *testing.T) {
	el := func(name string, kids ...*html.Node) *html.Node {
		n := &html.Node{Type: html.ElementNode, Data: name}
		for _, k := range kids {
			n.AppendChild(k)
		}
		return n
	}
	text := func(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }
	root := el("div",
		el("h2", text("A subheading")),
		el("p", text("Its paragraph."), el("br"), text("A second line.")),
		el("head", text("A trafilatura heading")),
		el("ul", el("li", text("One")), el("li", text("Two"))),
		el("p", text("Inline "), el("em", text("emphasis")), text(" stays.")),
		el("script", text("var x;")),
	)
	got := paragraphs(root, nil)
	want := []string{"A subheading", "Its paragraph.\nA second line.", "A trafilatura heading", "One", "Two", "Inline emphasis stays."}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
}
