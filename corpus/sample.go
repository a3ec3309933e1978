package corpus

import (
	"embed"
	"io/fs"
)

// sampleFS holds the sample corpus shipped inside the binary.
//
//go:embed sample
var sampleFS embed.FS

// Sample returns the sample corpus embedded in the binary, rooted at its
// top folder, so that paths look like "html/harbour-gazette-….html" or
// "wire/newswire-2024.sgm". It is a small, fictional archive of 30
// articles from seven invented outlets, dated 2019 to 2025: single-article
// HTML pages as saved from news sites, plain-text and Markdown articles, a
// blog's monthly archive page holding five posts, and a Reuters-21578
// style newswire file holding five stories. testdata/SAMPLE.md lists every
// article with its expected metadata. The returned fs.FS is read-only and
// safe for concurrent use.
func Sample() fs.FS {
	sub, err := fs.Sub(sampleFS, "sample")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "sample" is valid.
		panic("corpus: sample: " + err.Error())
	}
	return sub
}
