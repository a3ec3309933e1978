package indexer

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clippings/clippings/corpus"
)

// selectCorpus is a folder with articles, documentation, a word list, a
// data file and an ignore file.
func selectCorpus() fstest.MapFS {
	prose := "A title\n\nSome prose about oil prices, which rose on Monday.\n"
	words := strings.Repeat("afghanistan\nalbania\nalgeria\n", 5)
	data := "Facts extracted from the factbook.\n\n" + strings.Repeat(`bgfact("Afghanistan","Capital",["Kabul"]).`+"\n", 12)
	return fstest.MapFS{
		"news/a.txt":        {Data: []byte(prose)},
		"news/b.html":       {Data: []byte("<html><head><title>B</title></head><body><p>Oil.</p></body></html>")},
		"news/draft/c.txt":  {Data: []byte(prose)},
		"README.txt":        {Data: []byte(prose)},
		"LICENSE":           {Data: []byte(prose)},
		"CHANGES.md":        {Data: []byte(prose)},
		"lewis.dtd":         {Data: []byte("<!ELEMENT REUTERS>")},
		"all-places.lc.txt": {Data: []byte(words)},
		"factbook-data.txt": {Data: []byte(data)},
		"photo.jpg":         {Data: []byte("x")},
		IgnoreFile:          {Data: []byte("# drafts are not published\ndraft/\n")},
		corpus.ConfigFile:   {Data: []byte("")},
	}
}

func TestSelection(t *testing.T) {
	tests := []struct {
		name  string
		sel   Selection
		read  []string
		skips []string
	}{
		{"default", Selection{}, []string{"news/a.txt", "news/b.html"}, []string{
			"CHANGES.md: documentation", "LICENSE: documentation", "README.txt: documentation",
			"all-places.lc.txt: word list or data", "factbook-data.txt: word list or data", "lewis.dtd: documentation",
			"news/draft/c.txt: in .clippingsignore", "photo.jpg: unsupported"}},
		{"exclude", Selection{Exclude: []string{"*.html"}}, []string{"news/a.txt"}, nil},
		{"include", Selection{Include: []string{"*.txt", "*.md"}}, []string{"CHANGES.md", "README.txt", "all-places.lc.txt", "factbook-data.txt", "news/a.txt"}, nil},
		{"docs", Selection{Docs: true}, []string{"CHANGES.md", "README.txt", "all-places.lc.txt", "factbook-data.txt", "news/a.txt", "news/b.html"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(Options{Select: tt.sel}).Plan(context.Background(), selectCorpus())
			if err != nil {
				t.Fatal(err)
			}
			var read []string
			for _, files := range p.Files {
				read = append(read, files...)
			}
			slices.Sort(read)
			if !slices.Equal(read, tt.read) {
				t.Errorf("read %q, want %q", read, tt.read)
			}
			if tt.skips != nil {
				var skips []string
				for _, s := range p.Skips {
					skips = append(skips, s.String())
				}
				slices.Sort(skips)
				if !slices.Equal(skips, tt.skips) {
					t.Errorf("skips %q, want %q", skips, tt.skips)
				}
			}
		})
	}
}
