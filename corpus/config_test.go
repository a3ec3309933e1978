package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name, file string
		outlets    int
		topics     int
		err        string
	}{
		{"no file", "", 0, 0, ""},
		{"both tables", "[outlets]\n\"Monday's Times\" = \"The Times\"\n\"Rusi\" = \"RUSI\"\n\n[topics]\n\"China–Russia relations\" = \"China AND Russia\"\n", 2, 1, ""},
		{"topics only", "[topics]\nLone = '\"lone actor\"'\n", 0, 1, ""},
		{"bad syntax", "[topics\n", 0, 0, "clippings.toml"},
		{"unknown table", "[outlet]\na = \"b\"\n", 0, 0, "unknown key"},
		{"not a string", "[topics]\na = 3\n", 0, 0, "clippings.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.file != "" {
				fsys[ConfigFile] = &fstest.MapFile{Data: []byte(tt.file)}
			}
			c, err := LoadConfig(fsys)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Outlets) != tt.outlets || len(c.Topics) != tt.topics {
				t.Errorf("got %d outlets, %d topics; want %d, %d", len(c.Outlets), len(c.Topics), tt.outlets, tt.topics)
			}
		})
	}
}
