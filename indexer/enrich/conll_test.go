package enrich

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// conllDoc is one document of the CoNLL-2003 English NER data: its text
// rebuilt from the tokens, and its person names.
type conllDoc struct {
	title, body string
	persons     map[string]bool
}

// loadCoNLL reads a CoNLL-2003 file, or skips the test when the shared
// corpora are absent.
func loadCoNLL(tb testing.TB, name string) []conllDoc {
	tb.Helper()
	f, err := os.Open(filepath.Join(corpora, "conll2003", name))
	if os.IsNotExist(err) {
		tb.Skipf("shared corpora not found: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var docs []conllDoc
	var sents []string
	var words []string
	doc := conllDoc{persons: map[string]bool{}}
	var person []string
	flushPerson := func() {
		if len(person) > 0 {
			doc.persons[detokenize(person)] = true
			person = nil
		}
	}
	flushSent := func() {
		flushPerson()
		if len(words) > 0 {
			sents = append(sents, detokenize(words))
			words = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if len(sents) > 0 {
			doc.title = sents[0]
			doc.body = strings.Join(sents[1:], " ")
			docs = append(docs, doc)
		}
		sents = nil
		doc = conllDoc{persons: map[string]bool{}}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-DOCSTART-") {
			flushDoc()
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			flushSent()
			continue
		}
		word, tag := fields[0], fields[3]
		words = append(words, word)
		switch {
		case tag == "B-PER" || (tag == "I-PER" && person == nil):
			flushPerson()
			person = []string{word}
		case tag == "I-PER":
			person = append(person, word)
		default:
			flushPerson()
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	flushDoc()
	return docs
}

// detokenize joins CoNLL tokens back into running text.
func detokenize(toks []string) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && !strings.Contains(",.;:)!?'s n't %", t) && t != "'s" && t != "n't" {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}
