package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Labels maps the codes a source tags its articles with ("money-fx",
// "opec") to their descriptions ("Money/Foreign Exchange", "Organisation
// of Petroleum Exporting Countries"). Keys are in lower case; use Of to
// look a code up.
type Labels map[string]string

// Of returns the description of code, in any case, or "".
func (l Labels) Of(code string) string {
	return l[strings.ToLower(strings.TrimSpace(code))]
}

// LabelFilePatterns are the names (path.Match patterns, matched in lower
// case) of the files at the root of a corpus folder that describe the
// source's codes, in the format ParseLabels reads. Such a file is no
// article: the indexer leaves it out and reads it with LoadLabels.
// "cat-descriptions*.txt" is the name Reuters-21578 ships its list of
// categories under; "labels.txt" is the name for any other source.
var LabelFilePatterns = []string{"cat-descriptions*.txt", "labels.txt"}

// IsLabelFile reports whether the slash-separated path, relative to the
// corpus root, is a file of code descriptions (LabelFilePatterns): a file
// at the root with one of their names.
func IsLabelFile(p string) bool {
	if strings.Contains(p, "/") {
		return false
	}
	name := strings.ToLower(p)
	return slices.ContainsFunc(LabelFilePatterns, func(pat string) bool {
		ok, _ := path.Match(pat, name)
		return ok
	})
}

// maxLabelFile is the largest file of code descriptions read.
const maxLabelFile = 4 << 20

// LoadLabels returns the descriptions of the source's codes of the corpus
// in fsys: those of each file of code descriptions at its root
// (IsLabelFile), read in name order, then the [labels] table of its
// configuration, which wins. It also returns the names of the files read.
// A corpus with neither has no labels and no error.
func LoadLabels(fsys fs.FS, cfg Config) (Labels, []string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("corpus: labels: %w", err)
	}
	labels := Labels{}
	var files []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !IsLabelFile(e.Name()) {
			continue
		}
		f, err := fsys.Open(e.Name())
		if err != nil {
			return nil, nil, fmt.Errorf("corpus: labels: %w", err)
		}
		l, err := ParseLabels(io.LimitReader(f, maxLabelFile))
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("corpus: labels: %s: %w", e.Name(), err)
		}
		for k, v := range l {
			labels[k] = v
		}
		files = append(files, e.Name())
	}
	for k, v := range cfg.Labels {
		if k, v = strings.ToLower(strings.TrimSpace(k)), strings.Join(strings.Fields(v), " "); k != "" && v != "" {
			labels[k] = v
		}
	}
	if len(labels) == 0 {
		return nil, files, nil
	}
	return labels, files, nil
}

// rxLabelLine matches a line that ends an entry of a file of code
// descriptions: the description (possibly begun on lines before) and the
// code in parentheses, in capitals, digits and hyphens.
var rxLabelLine = regexp.MustCompile(`^(.*?)\s*\(([A-Z0-9][A-Z0-9-]*)\)$`)

// ParseLabels reads code descriptions written one to an entry as
// "Description (CODE)", as Reuters-21578's cat-descriptions file does:
//
//	Money/Foreign Exchange (MONEY-FX)
//	Organisation of Petroleum Exporting Countries (OPEC)@*
//	Grupo de Paises Latinoamericanos y del Caribe Exportadores de Azucar
//	[Group of Latin American and Caribbean Sugar Exporting Countries]
//	(GEPLACEA)@*
//
// An entry may run over several lines, its code ending the last one; a
// blank line, a line of markup (starting with "@", "*" or "_") or a line
// ending in the Scribe line break "@*" ends an entry. A code listed
// without a description ("COCOA") and prose around the lists are left
// out. Codes are given in lower case, as newswire stories write them.
func ParseLabels(r io.Reader) (Labels, error) {
	labels := Labels{}
	var pending []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		line, broken := strings.CutSuffix(line, "@*")
		line = strings.TrimSpace(line)
		if line == "" || strings.ContainsRune("@*_", rune(line[0])) {
			pending = pending[:0]
			continue
		}
		if g := rxLabelLine.FindStringSubmatch(line); g != nil {
			desc := strings.Join(strings.Fields(strings.Join(append(pending, g[1]), " ")), " ")
			if code := strings.ToLower(g[2]); desc != "" && !strings.EqualFold(desc, code) {
				labels[code] = desc
			}
			pending = pending[:0]
			continue
		}
		if broken {
			pending = pending[:0]
			continue
		}
		pending = append(pending, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read code descriptions: %w", err)
	}
	return labels, nil
}
