package enrich

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer/extract"
)

// corpora is the shared data folder, relative to this package.
const corpora = "../../../shared/corpora"

// reutersStory is one Reuters-21578 story: its split and PLACES labels,
// read with a few regular expressions, and the article the real extractor
// makes of it with every label field blanked, as the enricher would see an
// unlabelled newswire story.
type reutersStory struct {
	split string // LEWISSPLIT: TRAIN, TEST or NOT-USED
	// modApte is true for stories with TOPICS="YES", the ones the ModApte
	// split uses.
	modApte bool
	places  []string
	topics  []string
	body    string // the extracted body, dateline first
	art     corpus.Article
}

// article returns a copy of the story's unlabelled article.
func (s reutersStory) article() *corpus.Article {
	a := s.art
	return &a
}

var (
	reutersStoryRE = regexp.MustCompile(`(?s)<REUTERS TOPICS="([A-Z]+)" LEWISSPLIT="([A-Z-]+)"[^>]*>(.*?)</REUTERS>`)
	reutersPlaces  = regexp.MustCompile(`(?s)<PLACES>(.*?)</PLACES>`)
	reutersTopics  = regexp.MustCompile(`(?s)<TOPICS>(.*?)</TOPICS>`)
	reutersD       = regexp.MustCompile(`<D>(.*?)</D>`)
)

// loadReuters reads every story of the Reuters-21578 files, or skips the
// test when the shared corpora are absent. Stories are read once per test
// binary.
func loadReuters(tb testing.TB) []reutersStory {
	tb.Helper()
	stories, err := reutersOnce()
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("shared corpora not found: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return stories
}

var reutersOnce = sync.OnceValues(func() ([]reutersStory, error) {
	dir := filepath.Join(corpora, "reuters21578")
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fs.ErrNotExist
	}
	fsys := os.DirFS(dir)
	x := extract.New(extract.Options{})
	var out []reutersStory
	for _, f := range files {
		e := corpus.Entry{Path: filepath.Base(f), Format: corpus.FormatSGML}
		file, err := corpus.Read(fsys, e, corpus.ReadOptions{})
		if err != nil {
			return nil, err
		}
		arts, err := x.Extract(file)
		if err != nil {
			return nil, err
		}
		raw := reutersStoryRE.FindAllStringSubmatch(file.Text, -1)
		if len(raw) != len(arts) {
			return nil, fmt.Errorf("%s: %d stories with a split, %d articles extracted", e.Path, len(raw), len(arts))
		}
		for i, m := range raw {
			a := arts[i]
			// Text only: the labels stay hidden from the enricher.
			a.Places, a.People, a.Tags, a.Countries, a.Topics = nil, nil, nil, nil, nil
			out = append(out, reutersStory{split: m[2], modApte: m[1] == "YES",
				places: labels(reutersPlaces, m[3]), topics: labels(reutersTopics, m[3]), body: a.Body, art: a})
		}
	}
	return out, nil
})

func labels(re *regexp.Regexp, s string) []string {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	var out []string
	for _, d := range reutersD.FindAllStringSubmatch(m[1], -1) {
		out = append(out, d[1])
	}
	return out
}

// prf is a precision, recall and F1 count.
type prf struct{ tp, fp, fn int }

func (c prf) p() float64  { return float64(c.tp) / float64(c.tp+c.fp) }
func (c prf) r() float64  { return float64(c.tp) / float64(c.tp+c.fn) }
func (c prf) f1() float64 { return 2 * float64(c.tp) / float64(2*c.tp+c.fp+c.fn) }

func (c prf) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", c.p(), c.r(), c.f1(), c.tp, c.fp, c.fn)
}

// scoreCountries enriches the stories of part that have PLACES labels and
// counts the countries found against the labels' countries (micro-averaged).
// With errs it also returns one line per story that was not exactly right.
func scoreCountries(e *Enricher, stories []reutersStory, part reutersPart, errs bool) (c prf, n int, wrong []string) {
	seen := map[string]bool{}
	for _, s := range stories {
		if !part.has(s) || len(s.places) == 0 {
			continue
		}
		if part.unique {
			key := s.art.Title + "\x00" + s.body
			if s.body == "" || seen[key] {
				continue
			}
			seen[key] = true
		}
		want := map[string]bool{}
		for _, l := range s.places {
			if p, ok := e.gaz.label(l); ok && p.code != "" {
				want[p.code] = true
			}
		}
		a := s.article()
		e.Enrich(a)
		n++
		got := map[string]bool{}
		var extra, missed []string
		for _, code := range a.Countries {
			got[code] = true
			if want[code] {
				c.tp++
			} else {
				c.fp++
				extra = append(extra, code)
			}
		}
		for code := range want {
			if !got[code] {
				c.fn++
				missed = append(missed, code)
			}
		}
		if errs && len(extra)+len(missed) > 0 {
			wrong = append(wrong, fmt.Sprintf("%s: +%v -%v %q", a.Source, extra, missed, a.Title))
		}
	}
	return c, n, wrong
}

// reutersPart is a part of Reuters-21578: a LEWISSPLIT value, and with
// modApte only the stories with TOPICS="YES", which the ModApte split uses.
// With unique, stories without a body and repeats of a story (same title
// and body) are left out, as an index keeps them.
type reutersPart struct {
	split   string
	modApte bool
	unique  bool
}

func (p reutersPart) has(s reutersStory) bool {
	return s.split == p.split && (s.modApte || !p.modApte)
}

func (p reutersPart) String() string {
	name := p.split
	if p.modApte {
		name += "-ModApte"
	}
	if p.unique {
		name += "-unique"
	}
	return name
}

// TestReutersCountries measures Countries found in the text of the
// Reuters-21578 stories (title, dateline, body, as the extractor gives
// them, labels hidden) against their PLACES labels. The training split is
// for development; the test split is held out, reported whole, on its
// ModApte stories (TOPICS="YES", 3,071 with places) and on those of them
// an index keeps (with a body, repeats left out: the 2,991 stories issue
// 11 scores).
// CLIPPINGS_EVAL_ERRORS=1 logs the stories that are not right.
func TestReutersCountries(t *testing.T) {
	stories := loadReuters(t)
	e := New(Options{})
	for _, tt := range []struct {
		part  reutersPart
		minF1 float64
		minP  float64
		minR  float64
	}{
		// Measured with the default options: TRAIN P=0.940 R=0.937
		// F1=0.939; TEST P=0.946 R=0.935 F1=0.940; TEST-ModApte (3,071
		// stories) P=0.944 R=0.923 F1=0.933; TEST-ModApte-unique (2,991)
		// P=0.944 R=0.924 F1=0.934.
		{reutersPart{"TRAIN", false, false}, 0.935, 0.935, 0.93},
		{reutersPart{"TEST", false, false}, 0.935, 0.94, 0.93},
		{reutersPart{"TEST", true, false}, 0.93, 0.94, 0.92},
		{reutersPart{"TEST", true, true}, 0.93, 0.94, 0.92},
	} {
		t.Run(tt.part.String(), func(t *testing.T) {
			c, n, wrong := scoreCountries(e, stories, tt.part, os.Getenv("CLIPPINGS_EVAL_ERRORS") != "")
			if n == 0 {
				t.Fatalf("no %s stories with places", tt.part)
			}
			for _, w := range wrong {
				t.Log(w)
			}
			t.Logf("Reuters-21578 %s stories with places: %d; countries micro %s", tt.part, n, c)
			if c.f1() < tt.minF1 || c.p() < tt.minP || c.r() < tt.minR {
				t.Errorf("countries %s, want at least P=%.2f R=%.2f F1=%.2f", c, tt.minP, tt.minR, tt.minF1)
			}
		})
	}
}

func BenchmarkEnrich(b *testing.B) {
	stories := loadReuters(b)
	e := New(Options{})
	var arts []corpus.Article
	for _, s := range stories {
		if s.body != "" {
			arts = append(arts, *s.article())
		}
		if len(arts) == 2000 {
			break
		}
	}
	b.ResetTimer()
	done := 0
	for i := 0; b.Loop(); i++ {
		a := arts[i%len(arts)]
		e.Enrich(&a)
		done++
	}
	b.ReportMetric(float64(done)/b.Elapsed().Seconds(), "articles/s")
}
