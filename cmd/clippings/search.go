package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/indexer"
	"github.com/clippings/clippings/search"
	"github.com/clippings/clippings/web"
)

func runSearch(ctx context.Context, e *env, args []string) error {
	fset := newFlagSet(e, "search", "[filters] [--json] QUERY",
		`Searches the index in --index (default: the one 'clippings reindex' writes)
and prints the hits, or with --json the same JSON as GET /api/v1/search.
Filter flags may be repeated (values of one filter are OR-ed, filters are
AND-ed); "--country FR,DE" is the same as "--country FR --country DE".
An empty QUERY lists everything, newest first.`)
	indexDir := fset.String("index", "", "index folder (default: the one 'clippings reindex' writes, else the sample 'clippings serve' builds)")
	sf := addSearchFlags(fset)
	page := fset.Int("page", 1, "page of results")
	size := fset.Int("size", search.DefaultSize, fmt.Sprintf("hits per page (at most %d)", search.MaxSize))
	asJSON := fset.Bool("json", false, "print the API's JSON instead of text")
	timeout := fset.Duration("timeout", search.DefaultTimeout, "time the search may take")
	pos, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	req, err := sf.request(pos)
	if err != nil {
		return err
	}
	req.Page, req.Size = *page, *size
	store, err := openIndex(e, *indexDir, *timeout)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(web.NewSearchResponse(res))
	}
	printHits(e.stdout, res)
	return nil
}

// openIndex opens the index in dir for reading. With no dir it opens the
// index 'clippings reindex' writes by default, or, when there is none,
// the sample index 'clippings serve' builds, and says so on stderr.
func openIndex(e *env, dir string, timeout time.Duration) (*search.Store, error) {
	dirs := []string{dir}
	if dir == "" {
		dirs = []string{defaultDir("index"), defaultDir("sample")}
	}
	for i, d := range dirs {
		store, err := search.OpenStore(d, search.Options{ReadOnly: true, Timeout: timeout})
		if err != nil {
			return nil, err
		}
		if store.Version() != "" {
			if i > 0 {
				fmt.Fprintf(e.stderr, "no index in %s: searching the sample index in %s\n", dirs[0], d)
			}
			return store, nil
		}
		store.Close()
	}
	return nil, fmt.Errorf("no index in %s: run 'clippings reindex --corpus DIR --index %s' first, or 'clippings serve' to build the sample",
		dirs[0], dirs[0])
}

// searchFlags are the query, filter, date and sort flags that search and
// export share.
type searchFlags struct {
	f                search.Filters
	from, to, sortBy *string
}

// addSearchFlags defines the shared flags on fset.
func addSearchFlags(fset *flag.FlagSet) *searchFlags {
	sf := &searchFlags{}
	fset.Var((*multiFlag)(&sf.f.Outlet), "outlet", "only articles from this outlet, any case (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Country), "country", "only articles about this country: a code, a name or an alias such as UK (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Topic), "topic", "only articles with this topic: a taxonomy topic or one of clippings.toml [topics] (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Person), "person", "only articles naming this person (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Place), "place", "only articles naming this place (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Author), "author", "only articles by this author (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Tag), "tag", "only articles with this tag or code of the source, such as Reuters' crude (repeatable)")
	fset.Var((*multiFlag)(&sf.f.Section), "section", "only articles in this section of the source (repeatable)")
	sf.from = fset.String("from", "", "published on or after YYYY-MM-DD, YYYY-MM or YYYY")
	sf.to = fset.String("to", "", "published on or before YYYY-MM-DD, YYYY-MM or YYYY (inclusive)")
	sf.sortBy = fset.String("sort", "", "relevance, newest (or date) or oldest (default: relevance with a query, newest without)")
	return sf
}

// request returns the search request of the flags and the query words.
func (sf *searchFlags) request(words []string) (search.Request, error) {
	req := search.Request{Query: strings.Join(words, " "), Filters: sf.f}
	var err error
	if req.Sort, err = search.ParseSort(*sf.sortBy); err != nil {
		return req, usagef("--sort: %v", err)
	}
	if *sf.from != "" {
		d, err := corpus.ParseDate(*sf.from)
		if err != nil {
			return req, usagef("--from: %v", err)
		}
		req.From = d.Time
	}
	if *sf.to != "" {
		d, err := corpus.ParseDate(*sf.to)
		if err != nil {
			return req, usagef("--to: %v", err)
		}
		req.To = d.End()
	}
	return req, nil
}

var markTag = regexp.MustCompile(`</?mark>`)

// printHits writes a result as text: a count line, then per hit its date,
// outlet and title, its id and its snippets with the matches in «».
func printHits(w io.Writer, res search.Result) {
	first := (res.Page-1)*res.Size + 1
	for _, u := range res.Unmatched() {
		fmt.Fprintf(w, "no article has %s %q", u.Filter, u.Given)
		var alt []string
		for _, sg := range res.Suggestions {
			if sg.Filter == u.Filter && sg.Given == u.Given {
				label := sg.Value
				if sg.Filter == search.FilterCountry {
					label += " — " + search.CountryName(sg.Value)
				}
				alt = append(alt, fmt.Sprintf("%s (%s)", label, indexer.Plural(sg.Count, "article")))
			}
		}
		if len(alt) > 0 {
			fmt.Fprintf(w, "; did you mean %s?", strings.Join(alt, " or "))
		}
		fmt.Fprintln(w)
	}
	if res.Total == 0 {
		fmt.Fprintf(w, "no results (%d ms)\n", res.Took.Milliseconds())
		return
	}
	fmt.Fprintf(w, "%d results (%d ms), showing %d-%d\n\n", res.Total, res.Took.Milliseconds(), first, first+len(res.Hits)-1)
	for _, h := range res.Hits {
		date := h.Date.String()
		if date == "" {
			date = "undated"
		}
		fmt.Fprintf(w, "%s  %s  %s\n", date, h.Outlet, h.Title)
		fmt.Fprintf(w, "    id %s", h.ID)
		if len(h.Countries) > 0 {
			fmt.Fprintf(w, "  countries %s", strings.Join(h.Countries, ","))
		}
		if len(h.Topics) > 0 {
			fmt.Fprintf(w, "  topics %s", strings.Join(h.Topics, ","))
		}
		fmt.Fprintln(w)
		for _, s := range h.Snippets {
			s = markTag.ReplaceAllStringFunc(s, func(t string) string {
				if t == "<mark>" {
					return "«"
				}
				return "»"
			})
			fmt.Fprintf(w, "    %s\n", strings.Join(strings.Fields(html.UnescapeString(s)), " "))
		}
		fmt.Fprintln(w)
	}
}
