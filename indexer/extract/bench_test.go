package extract

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

// BenchmarkExtractHTML extracts the labelled pages of go-trafilatura-eval
// (a sample of 100, the same each run) and reports pages per second.
func BenchmarkExtractHTML(b *testing.B) {
	root, pages := loadGroundTruth(b)
	var files []corpus.File
	var size int64
	for i := 0; i < len(pages) && len(files) < 100; i += max(1, len(pages)/100) {
		f := readFile(b, root, pages[i].File)
		files = append(files, f)
		size += int64(len(f.Text))
	}
	benchmarkExtract(b, files, size)
}

// BenchmarkExtractSGML extracts one Reuters-21578 file (1,000 stories) and
// reports stories per second.
func BenchmarkExtractSGML(b *testing.B) {
	dir := corpusDir(b, "reuters21578")
	f := readFile(b, dir, filepath.Base("reut2-000.sgm"))
	benchmarkExtract(b, []corpus.File{f}, int64(len(f.Text)))
}

// BenchmarkExtractArchive extracts blog archive pages of certaindoubts.
func BenchmarkExtractArchive(b *testing.B) {
	dir := corpusDir(b, "blog-archive-certaindoubts")
	matches, _ := filepath.Glob(filepath.Join(dir, "20*", "*", "index.html"))
	var files []corpus.File
	var size int64
	for _, m := range matches {
		rel, _ := filepath.Rel(dir, m)
		f := readFile(b, dir, rel)
		files = append(files, f)
		size += int64(len(f.Text))
	}
	benchmarkExtract(b, files, size)
}

// benchmarkExtract extracts files b.N times and reports files ("pages")
// and articles per second.
func benchmarkExtract(b *testing.B, files []corpus.File, size int64) {
	benchmarkExtractWith(b, New(Options{}), files, size)
}

// benchmarkExtractWith is benchmarkExtract with a given extractor.
func benchmarkExtractWith(b *testing.B, x *Extractor, files []corpus.File, size int64) {
	b.SetBytes(size)
	b.ResetTimer()
	articles := 0
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			arts, err := x.Extract(f)
			if err != nil {
				b.Fatal(err)
			}
			articles += len(arts)
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(files)*b.N)/secs, "pages/s")
	b.ReportMetric(float64(articles)/secs, "articles/s")
}

// BenchmarkExtractText extracts the seed, a plain-text blog archive of
// five posts.
func BenchmarkExtractText(b *testing.B) {
	dir := corpusDir(b, "seed")
	f := readFile(b, dir, "000_c3fde0068952c240.txt")
	benchmarkExtract(b, []corpus.File{f}, int64(len(f.Text)))
}

// BenchmarkExtractListings extracts the listing pages of archives-dev
// (nine sites, 493 pages) with the evidence model and, as the yardstick in
// the same run, with the classic reading (Options.ClassicListings).
func BenchmarkExtractListings(b *testing.B) {
	root := corpusDir(b, "archives-dev")
	truths, _ := filepath.Glob(filepath.Join(root, "*", "truth.json"))
	var files []corpus.File
	var size int64
	for _, tf := range truths {
		dir := filepath.Dir(tf)
		err := filepath.WalkDir(filepath.Join(dir, "pages"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html.gz") {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			f := readGz(b, p, sitePathOf(filepath.ToSlash(rel), ""))
			files = append(files, f)
			size += int64(len(f.Text))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.Run("model", func(b *testing.B) { benchmarkExtractWith(b, New(Options{}), files, size) })
	b.Run("classic", func(b *testing.B) { benchmarkExtractWith(b, New(Options{ClassicListings: true}), files, size) })
}
