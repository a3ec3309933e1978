package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
)

// mirrorTruth is the part of an archives-dev truth.json these tests read:
// the posts of each listing page (pages/...) and the single post pages
// (posts/...), each with the path of the post's own page in the mirror.
type mirrorTruth struct {
	Pages []struct {
		Path  string `json:"path"`
		Posts []struct {
			Title    string `json:"title"`
			Date     string `json:"date"`
			URL      string `json:"url"`
			PostPath string `json:"post_path"`
		} `json:"posts"`
	} `json:"pages"`
	Single []struct {
		Path       string `json:"path"`
		SourcePath string `json:"source_path"`
		Title      string `json:"title"`
		Date       string `json:"date"`
	} `json:"single"`
}

// TestReindexMirror reindexes site mirrors of archives-dev, their listing
// pages (pages/) and post pages (posts/) together, and checks the
// articles in the index against truth.json:
//   - every copy extracted is in exactly one article of the index, as its
//     source or in its seen_in, and the index holds the articles extracted
//     minus the copies the summary says were merged;
//   - a post seen on its own page and on a listing page whose copy the
//     merge keys can recognise (the same URL, or no URL and the same
//     title, day and outlet) is one article whose seen_in lists both;
//     there must be such posts;
//   - the listing appearances of the posts that today's listing-page
//     extraction does not give as copies of their own, and the posts whose
//     title and day are in more than one article (duplicates left), are
//     figures, logged, not failures.
func TestReindexMirror(t *testing.T) {
	for _, site := range []string{"wp-whizzy", "wp-partitopirata"} {
		t.Run(site, func(t *testing.T) {
			dir := needShared(t, filepath.Join("archives-dev", site))
			var truth mirrorTruth
			b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &truth); err != nil {
				t.Fatal(err)
			}

			// The copies as extracted, before merging.
			copies := map[string]corpus.Article{}
			_, err = indexer.New(indexer.Options{SkipEnrich: true}).Extract(t.Context(), os.DirFS(dir), func(a corpus.Article) error {
				copies[a.Source] = a
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}

			indexDir := t.TempDir()
			code, _, stderr := runCmd(t, t.Context(), "reindex", "--corpus", dir, "--index", indexDir, "--no-enrich")
			if code != exitOK {
				t.Fatalf("reindex exit %d: %s", code, stderr)
			}
			merged := 0
			if m := regexp.MustCompile(`merged (\d+) copies`).FindStringSubmatch(stderr); m != nil {
				merged, _ = strconv.Atoi(m[1])
			}
			store, err := search.OpenStore(indexDir, search.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			var docs []corpus.Article
			if err := store.Export(t.Context(), search.Request{}, func(a corpus.Article) error {
				docs = append(docs, a)
				return nil
			}); err != nil {
				t.Fatal(err)
			}

			// Every copy is in exactly one article.
			docOf := map[string]int{}
			for i, d := range docs {
				sources := d.SeenIn
				if len(sources) == 0 {
					sources = []string{d.Source}
				} else if !strings.Contains(strings.Join(sources, "\n")+"\n", d.Source+"\n") {
					t.Errorf("%s: its source is not in its seen_in %q", d.Source, d.SeenIn)
				}
				for _, s := range sources {
					if j, ok := docOf[s]; ok {
						t.Errorf("%s is in two articles: %s and %s", s, docs[j].Source, d.Source)
					}
					docOf[s] = i
				}
			}
			for s := range copies {
				if _, ok := docOf[s]; !ok {
					t.Errorf("the copy %s is in no article", s)
				}
			}
			if len(docs) != len(copies)-merged {
				t.Errorf("%d articles in the index; %d copies extracted, %d merged", len(docs), len(copies), merged)
			}

			// Each appearance of a post with its own page on a listing page.
			listedOn := map[string][]string{} // post_path → listing page files
			for _, p := range truth.Pages {
				for _, post := range p.Posts {
					listedOn[post.PostPath] = append(listedOn[post.PostPath], p.Path)
				}
			}
			var pairs, recognisable, together int
			for _, s := range truth.Single {
				own := s.Path + "#1"
				ownCopy, ok := copies[own]
				if !ok {
					t.Errorf("no article from the post page %s", s.Path)
					continue
				}
				for _, page := range listedOn[s.SourcePath] {
					pairs++
					var same []string // copies of the listing page the keys can match
					seen := false
					for src, c := range copies {
						if !strings.HasPrefix(src, page+"#") {
							continue
						}
						if docOf[src] == docOf[own] {
							seen = true
						}
						if sameByKeys(c, ownCopy) {
							same = append(same, src)
						}
					}
					if seen {
						together++
					}
					if len(same) > 0 {
						recognisable++
						if !seen {
							t.Errorf("%q is on %s as %q but not merged with its own page %s (article %s, seen in %q)",
								s.Title, page, same, own, docs[docOf[own]].Source, docs[docOf[own]].SeenIn)
						}
					}
				}
			}
			if recognisable == 0 {
				t.Errorf("no post of a post page was recognisable on a listing page: nothing was tested")
			}

			// Duplicates left: posts found in more than one article, by
			// their address or by their title and day.
			docsOf := map[string]map[int]bool{}
			for i, d := range docs {
				for _, k := range []string{"u:" + urlPath(d.URL), "t:" + foldKey(d.Title, d.Date.String())} {
					if docsOf[k] == nil {
						docsOf[k] = map[int]bool{}
					}
					docsOf[k][i] = true
				}
			}
			posts := map[string][]string{} // post_path → its keys
			for _, p := range truth.Pages {
				for _, post := range p.Posts {
					posts[post.PostPath] = []string{"u:" + urlPath(post.URL), "t:" + foldKey(post.Title, post.Date)}
				}
			}
			for _, s := range truth.Single {
				posts[s.SourcePath] = []string{"u:" + urlPath("/"+s.SourcePath), "t:" + foldKey(s.Title, s.Date)}
			}
			found, dupLeft := 0, 0
			for _, keys := range posts {
				in := map[int]bool{}
				for _, k := range keys {
					if k == "u:" {
						continue
					}
					for i := range docsOf[k] {
						in[i] = true
					}
				}
				if len(in) > 0 {
					found++
				}
				if len(in) > 1 {
					dupLeft++
				}
			}
			t.Logf("%s: %d copies extracted, %d merged, %d articles in the index", site, len(copies), merged, len(docs))
			t.Logf("%s: %d post pages appear %d times on listing pages; %d appearances extracted as recognisable copies, %d merged with the post page; %d not extracted as copies of their own today",
				site, len(truth.Single), pairs, recognisable, together, pairs-together)
			t.Logf("%s: %d posts in truth.json, %d found by address or title and day; duplicates left: %d posts found in more than one article",
				site, len(posts), found, dupLeft)
		})
	}
}

// sameByKeys reports whether the merge keys can tell that a and b are one
// post: both have the same URL (up to the scheme and a trailing slash), or
// neither has one and their title, day and outlet agree.
func sameByKeys(a, b corpus.Article) bool {
	norm := func(u string) string {
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		return strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/")
	}
	if a.URL != "" && b.URL != "" {
		return norm(a.URL) == norm(b.URL)
	}
	return a.URL == "" && b.URL == "" && a.Date.Precision == corpus.PrecisionDay &&
		foldKey(a.Title, a.Date.String()) == foldKey(b.Title, b.Date.String()) &&
		strings.EqualFold(a.Outlet, b.Outlet)
}

// urlPath returns the path of an address without index.html and slashes
// at either end, so that a post's permalink and its page's path in the
// mirror compare equal; "" when there is none.
func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.Trim(strings.TrimSuffix(u.Path, "index.html"), "/")
}

// foldKey is a title and a day, lower-cased with white space folded.
func foldKey(title, day string) string {
	return strings.ToLower(strings.Join(strings.Fields(title), " ")) + "|" + day
}
