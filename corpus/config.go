package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// ConfigFile is the name of the optional configuration file at the root
// of a corpus folder. It is read by LoadConfig and is not an article.
const ConfigFile = "clippings.toml"

// Config is a corpus folder's own configuration, read from ConfigFile:
//
//	# Outlet aliases: the name found in pages = the name to index.
//	[outlets]
//	"Royal United Services Institute (Rusi)" = "RUSI"
//	"Monday's Times" = "The Times"
//
//	# Author spellings: the name shown = the name to index.
//	[authors]
//	"R. Pantucci" = "Raffaello Pantucci"
//
//	# A researcher's own topics: name = query in the search syntax.
//	[topics]
//	"China–Russia relations" = "China AND Russia"
//
//	# Descriptions of the source's codes: code = description.
//	[labels]
//	"money-fx" = "Money/Foreign Exchange"
//
// The zero Config is valid: no aliases, no topics, no labels.
type Config struct {
	// Outlets maps an outlet name as found in the sources to the name
	// it is indexed under. Keys match case-insensitively.
	Outlets map[string]string `toml:"outlets"`
	// Authors maps an author's name, as an article shows it once read
	// (after the byline is tidied), to the name it is indexed under,
	// merging spellings of one person. Keys match case-insensitively and
	// in any order of the words ("Pantucci Raffaello").
	Authors map[string]string `toml:"authors"`
	// Topics maps a topic name to the query whose matches carry it.
	Topics map[string]string `toml:"topics"`
	// Labels maps a code the source tags its articles with to its
	// description, shown beside the code; keys match case-insensitively.
	// They are added to, and win over, those of a file of code
	// descriptions at the corpus root (see LoadLabels).
	Labels map[string]string `toml:"labels"`
}

// AuthorRenamer returns a function that renames the authors of an
// article by c.Authors, without duplicates, or nil when there are none.
func (c Config) AuthorRenamer() func([]string) []string {
	if len(c.Authors) == 0 {
		return nil
	}
	to := make(map[string]string, len(c.Authors))
	for k, v := range c.Authors {
		to[nameKey(k)] = strings.Join(strings.Fields(v), " ")
	}
	return func(authors []string) []string {
		var out []string
		for _, a := range authors {
			if n, ok := to[nameKey(a)]; ok {
				a = n
			}
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
		return out
	}
}

// nameKey is the form in which author names are compared: lower case,
// words sorted, commas and full stops aside.
func nameKey(s string) string {
	w := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(strings.ToLower(s)))
	slices.Sort(w)
	return strings.Join(w, " ")
}

// LoadConfig reads ConfigFile from the root of fsys. A missing file is the
// zero Config and no error; a malformed one is an error naming the file.
func LoadConfig(fsys fs.FS) (Config, error) {
	var c Config
	b, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("corpus: %s: %w", ConfigFile, err)
	}
	md, err := toml.Decode(string(b), &c)
	if err != nil {
		return Config{}, fmt.Errorf("corpus: %s: %w", ConfigFile, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return Config{}, fmt.Errorf("corpus: %s: unknown key %q (want [outlets], [authors], [topics] and [labels] tables)", ConfigFile, und[0].String())
	}
	return c, nil
}
