package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the reference time of the golden tests.
func fixedNow() time.Time { return time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC) }

// TestGolden extracts each file of testdata/ and compares the articles
// with testdata/golden/<file>.json. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	x := New(Options{Now: fixedNow})
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			f := readFile(t, "testdata", e.Name())
			arts, err := x.Extract(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(arts, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", e.Name()+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("articles differ from %s (run go test -update and review the diff):\n%s", golden, firstDiff(string(got), string(want)))
			}
		})
	}
	if n < 6 {
		t.Errorf("only %d golden inputs in testdata", n)
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ":\n got: " + g[i] + "\nwant: " + w[i]
		}
	}
	return "lengths differ: got " + itoa(len(g)) + " lines, want " + itoa(len(w))
}

func itoa(i int) string { return jsonNumber(i) }

func jsonNumber(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestGoldenFacts states in code what the golden files must show, so that
// an -update cannot silently accept a regression on the points that matter.
func TestGoldenFacts(t *testing.T) {
	x := New(Options{Now: fixedNow})
	extract := func(name string) []corpus.Article {
		t.Helper()
		arts, err := x.Extract(readFile(t, "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return arts
	}
	type check struct {
		what      string
		got, want string
	}
	var checks []check
	add := func(what, got, want string) { checks = append(checks, check{what, got, want}) }

	news := extract("news-jsonld.html")
	add("news count", jsonNumber(len(news)), "1")
	a := news[0]
	add("news title", a.Title, "Harbour reopens after storm repairs")
	add("news subtitle", a.Subtitle, "Fishing boats return to Port Wenn five months after the January gales")
	add("news outlet", a.Outlet, "The Coastal Gazette")
	add("news authors", strings.Join(a.Authors, ";"), "Jane Doe;John Roe")
	add("news date", a.Date.String(), "2023-03-14")
	add("news section", a.Section, "Local news")
	add("news language", a.Language, "en")
	add("news url", a.URL, "https://www.coastalgazette.example/news/2023/03/14/harbour-reopens")
	add("news lead", a.Lead[:40], "The harbour at Port Wenn reopened on Tue")
	add("news caption kept out", jsonNumber(strings.Count(a.Body, "Photo:")+strings.Count(a.Body, "Tweet")), "0")
	add("news teasers kept out", jsonNumber(strings.Count(a.Body, "Lifeboat")), "0")
	add("news paragraphs", jsonNumber(strings.Count(a.Body, "\n\n")+1), "5")

	to := extract("title-only.html")[0]
	add("title-only title", to.Title, "Notes on restoring a 1950s wireless set")
	add("title-only date", to.Date.String(), "2011-06-07")
	add("title-only outlet", to.Outlet, "Workbench Diaries")

	wp := extract("wordpress-archive.html")
	add("wordpress count", jsonNumber(len(wp)), "3")
	add("wordpress titles", wp[0].Title+"|"+wp[1].Title+"|"+wp[2].Title, "First Oak Beauty of the year|Building a cheaper actinic trap|An early Dark Sword-grass")
	add("wordpress dates", wp[0].Date.String()+"|"+wp[1].Date.String()+"|"+wp[2].Date.String(), "2019-03-28|2019-03-19|2019-03-04")
	add("wordpress authors", strings.Join(wp[0].Authors, ",")+"|"+strings.Join(wp[1].Authors, ",")+"|"+strings.Join(wp[2].Authors, ","), "Ruth Ellis|Tom Baird|Ruth Ellis")
	add("wordpress tags", strings.Join(wp[0].Tags, ",")+"|"+strings.Join(wp[2].Tags, ","), "Records,early spring|Records,Migrants")
	add("wordpress outlet", wp[1].Outlet, "Field Notes on Moths")
	add("wordpress url", wp[1].URL, "https://fieldnotes.example/2019/03/19/new-trap/")
	add("wordpress body", wp[0].Body, "A fine male Oak Beauty was sitting on the wall beside the trap this morning, the first of the year and a good ten days earlier than last spring.\n\nThe trap itself held eleven Common Quakers and a single Hebrew Character.")

	bl := extract("blogger-archive.html")
	add("blogger count", jsonNumber(len(bl)), "3")
	add("blogger dates", bl[0].Date.String()+"|"+bl[1].Date.String()+"|"+bl[2].Date.String(), "2012-05-24|2012-05-24|2012-05-06")
	add("blogger authors", strings.Join(bl[0].Authors, ",")+"|"+strings.Join(bl[2].Authors, ","), "Alan Pike|Meg Pike")
	add("blogger tags", strings.Join(bl[0].Tags, ","), "beans,planting")
	add("blogger outlet", bl[0].Outlet, "Allotment Year")
	add("blogger body", bl[0].Body, "The frost risk has finally passed, so the runner beans went in this evening along the old hazel poles.\n\nTwenty-four plants, two to a pole, with a row of sweet peas at the end for the bees.")

	st := extract("script-title.html")[0]
	add("script title", st.Title, "Why you should never trust <script> tags in user input")
	add("script authors", strings.Join(st.Authors, ","), "Priya Natarajan")

	tx := extract("dispatch.txt")[0]
	add("text title", tx.Title, "River levels fall as the thaw slows")
	add("text authors", strings.Join(tx.Authors, ","), "Anna Kowalski,Piotr Nowak")
	add("text outlet", tx.Outlet, "The Vistula Courier")
	add("text date", tx.Date.String(), "2023-03-14")
	add("text tags", strings.Join(tx.Tags, ","), "floods,Vistula,weather")
	add("text paragraphs", jsonNumber(strings.Count(tx.Body, "\n\n")+1), "3")
	add("text lead", tx.Lead, "River levels along the middle Vistula fell overnight for the first time in a week as colder weather slowed the thaw in the mountains, the regional water authority said on Tuesday.")

	md := extract("notes.md")[0]
	add("md title", md.Title, "Sourdough at altitude")
	add("md date", md.Date.String(), "2021-08")
	add("md authors", strings.Join(md.Authors, ","), "Lena Fischer")
	add("md outlet", md.Outlet, "Mountain Kitchen")
	add("md tags", strings.Join(md.Tags, ","), "baking,sourdough,altitude")
	add("md lead", md.Lead, "Above 1,500 metres water boils at a lower temperature and dough rises much faster, so the usual timings stop working.")

	wire := extract("wire.sgm")
	add("sgm count", jsonNumber(len(wire)), "2")
	add("sgm people", strings.Join(wire[0].People, ","), "James Baker")
	add("sgm places", strings.Join(wire[0].Places, ","), "el-salvador,usa")
	add("sgm brief title", wire[1].Title, "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK")
	add("sgm brief body", wire[1].Body, "")
	add("sgm entity", jsonNumber(strings.Count(wire[0].Body, "<SMITH>")), "1")

	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
}
