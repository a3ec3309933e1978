package corpus

import (
	"errors"
	"fmt"
	"io/fs"

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
//	# A researcher's own topics: name = query in the search syntax.
//	[topics]
//	"China–Russia relations" = "China AND Russia"
//
// The zero Config is valid: no aliases, no topics.
type Config struct {
	// Outlets maps an outlet name as found in the sources to the name
	// it is indexed under. Keys match case-insensitively.
	Outlets map[string]string `toml:"outlets"`
	// Topics maps a topic name to the query whose matches carry it.
	Topics map[string]string `toml:"topics"`
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
		return Config{}, fmt.Errorf("corpus: %s: unknown key %q (want [outlets] and [topics] tables)", ConfigFile, und[0].String())
	}
	return c, nil
}
