package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample is a CoNLL-2003 shaped file: "word POS chunk tag" per line.
const sample = `-DOCSTART- -X- -X- O

Helmut NNP I-NP B-PER
Kohl NNP I-NP I-PER
met VBD I-VP O
Kohl NNP I-NP B-PER
and CC O O
Morgan NNP I-NP B-ORG
Stanley NNP I-NP I-ORG
in IN I-PP O
Bonn NNP I-NP B-LOC
. . O O

Green NNP I-NP B-PER
said VBD I-VP O
green JJ I-NP O
grass NN I-NP O
and CC O O
green JJ I-NP O
fields NNS I-NP O
. . O O
`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "eng.train"), filepath.Join(dir, "names.txt")
	if err := os.WriteFile(in, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, out, options{minPerson: 1, minShare: 0.5, maxLower: 1}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	// Helmut starts a name, Kohl ends one or stands alone, Green is too
	// often a lower-case word, Bonn is a place: not a name word at all.
	want := []string{"G|Helmut", "S|Kohl", "X|Morgan Stanley"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("table lines %q, want %q", lines, want)
	}
}
