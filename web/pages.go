package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/clippings/clippings/corpus"
	"github.com/clippings/clippings/search"
)

// parsePages parses each page template together with the layout. It
// panics if a template does not parse, which would be a build error.
func parsePages(sf *staticFiles) map[string]*template.Template {
	funcs := template.FuncMap{"static": sf.url}
	pages := map[string]*template.Template{}
	for _, name := range []string{"search", "article", "error"} {
		t := template.New("layout.html").Funcs(funcs)
		pages[name] = template.Must(t.ParseFS(assets, "templates/layout.html", "templates/"+name+".html"))
	}
	return pages
}

// render executes a page template into a buffer and sends it, so that a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(c echo.Context, status int, name string, view any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("web: no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, view); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// page is what the layout needs from every view.
type page struct {
	Site  string
	Title string
}

func (s *Server) page(title string) page {
	return page{Site: s.opts.SiteName, Title: title}
}

// errorView is the data of the error page.
type errorView struct {
	page
	Status  int
	Message string
}

// searchView is the data of the search page.
type searchView struct {
	page
	Query       string
	SortOptions []option
	// From and To are the date range inputs, as given.
	From, To string
	// Hidden are the current filters, kept when the form is submitted.
	Hidden   []field
	Active   []activeFilter
	ClearURL string
	// Unmatched are filter values that match no article, with values
	// that exist to use instead; they have no chip in Active.
	Unmatched []unmatchedView
	// dateChips are the chips of the date range, after the filters' in
	// Active.
	dateChips []activeFilter
	// Error is a message about a query or parameter that could not be
	// used, with ErrorDetail saying why; the page then shows only the form
	// and the message.
	Error       string
	ErrorDetail string
	// QueryHelp opens the syntax help.
	QueryHelp bool
	// HasResult is false when there is no result to show (Error is set).
	HasResult        bool
	Total            string
	Took             string
	First, Last      int
	Page, Pages      int
	PrevURL, NextURL string
	Hits             []hitView
	Facets           []facetView
	Timeline         *timelineView
	// ExportCSV and ExportJSONL download the whole result set.
	ExportCSV, ExportJSONL string
	// LastPageURL is the last page, shown when the page asked for is
	// past it.
	LastPageURL string
	// Capped is set when the results go on past the pages that can be
	// shown (search.MaxResults): PageCap is how many results can be;
	// CappedPage is the page asked for when it was past them (the last
	// page that can be shown is shown instead).
	Capped     bool
	PageCap    string
	CappedPage int
}

type option struct {
	Value, Label string
	Selected     bool
}

type field struct{ Name, Value string }

// activeFilter is a filter in use, with the link that removes it; Not
// marks a NOT filter, shown struck through.
type activeFilter struct {
	Label, Value, RemoveURL string
	Not                     bool
}

type hitView struct {
	ID    string
	URL   string
	Title string
	// TitleHTML is the title with the query's matches marked, or "".
	TitleHTML template.HTML
	Outlet    string
	Date      dateView
	Authors   []string
	Chips     []chip
	Snippets  []template.HTML
}

// chip is a facet value of a hit or an article, linking to the search
// with that filter added (or, when On, removed).
type chip struct {
	Kind, Label, URL string
	On               bool
}

// dateView is a date for display: ISO for a <time> element, Human for
// the reader; Approx is "month" or "year" when the source gives only
// that, and the page marks the date as approximate.
type dateView struct{ ISO, Human, Approx string }

type facetView struct {
	Name, Label string
	Values      []facetLink
	// MoreURL lists the facet at length; LessURL goes back. Filterable
	// facets get a filter box (with the page script).
	MoreURL, LessURL string
	Filterable       bool
	// Collapsed facets are closed until opened, unless a value is
	// selected.
	Collapsed bool
}

// facetLink is a facet value linking to the same search with that value
// added to, or (when Selected) removed from, the filters. Code is a
// country's code, shown after its name; Count is -1 when not known.
type facetLink struct {
	Label    string
	Code     string
	Count    int
	URL      string
	Selected bool
	// ExcludeURL leaves the value out of the results (a NOT filter); only
	// the first values of a facet have one, to keep long lists light.
	ExcludeURL string
}

// collapsedFacetSize is how many values a collapsed facet lists.
const collapsedFacetSize = 5

// facetInfo tells, for each facet, its heading and the filter parameter
// it drives (year drives from and to).
var facetInfo = map[string]struct {
	label, param string
	collapsed    bool
}{
	search.FacetTopic:    {"Topics", paramTopic, false},
	search.FacetCountry:  {"Countries", paramCountry, false},
	search.FacetOutlet:   {"Outlets", paramOutlet, false},
	search.FacetPerson:   {"People", paramPerson, false},
	search.FacetYear:     {"Years", "", false},
	search.FacetAuthor:   {"Authors", paramAuthor, true},
	search.FacetPlace:    {"Places", paramPlace, true},
	search.FacetSection:  {"Sections", paramSection, true},
	search.FacetTag:      {"Tags", paramTag, true},
	search.FacetLanguage: {"Languages", paramLanguage, true},
}

// filterLabels names the filter parameters in the active filter list.
var filterLabels = map[string]string{
	paramTopic: "Topic", paramCountry: "Country", paramOutlet: "Outlet",
	paramPerson: "Person", paramPlace: "Place", paramAuthor: "Author",
	paramSection: "Section", paramLanguage: "Language", paramTag: "Tag",
}

// handleSearchPage serves GET /, the search page.
func (s *Server) handleSearchPage(c echo.Context) error {
	raw := c.QueryParams()
	view := s.newSearchView(raw)
	req, err := parseRequest(raw)
	// A page past the results that can be paged through shows the last
	// one that can, and says why.
	capped := 0
	if size := max(req.Size, search.DefaultSize); err == nil && req.Page > 1 && req.Page*size > search.MaxResults {
		capped, req.Page = req.Page, search.MaxResults/size
	}
	if err == nil {
		var res search.Result
		res, err = s.searchBackend(c.Request().Context(), req)
		if err == nil {
			view.setResult(req, res, cleanValues(raw))
			view.CappedPage = capped
			return s.render(c, http.StatusOK, "search", view)
		}
	}
	var (
		pe *paramError
		qe *search.QueryError
	)
	switch {
	case errors.As(err, &qe):
		view.Error = "Sorry, this search cannot be run as written."
		view.ErrorDetail = sentence(qe.Msg)
		if qe.Pos >= 0 && qe.Pos < len(qe.Query) {
			view.ErrorDetail += " The problem is at “" + excerptAt(qe.Query, qe.Pos) + "”."
		}
		view.QueryHelp = true
	case errors.As(err, &pe):
		view.Error = "Sorry, this link has a value that cannot be used."
		view.ErrorDetail = sentence(pe.Error())
	default:
		return err
	}
	return s.render(c, http.StatusBadRequest, "search", view)
}

// sentence capitalizes msg and ends it with a full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return ""
	}
	msg = capitalize(msg)
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// excerptAt returns up to 20 bytes of q from pos, cut at valid UTF-8.
func excerptAt(q string, pos int) string {
	rest := q[pos:]
	if len(rest) > 20 {
		rest = rest[:20] + "…"
	}
	return strings.ToValidUTF8(rest, "")
}

// newSearchView fills the parts of the search page that depend only on the
// URL: the form, the active filters and their removal links.
func (s *Server) newSearchView(raw url.Values) *searchView {
	v := cleanValues(raw)
	q := v.Get(paramQuery)
	title := "Search"
	if q != "" {
		title = "“" + q + "”"
	}
	view := &searchView{page: s.page(title), Query: q}

	// The sort shows what the search does: an empty query lists the
	// newest first and has no best match, so there the default option
	// says "Newest first" (and stays the default, so that typing a query
	// then sorts by relevance).
	sort := v.Get(paramSort)
	opts := []option{{"", "Best match", false}, {"newest", "Newest first", false}, {"oldest", "Oldest first", false}}
	switch {
	case q == "" && sort != "oldest":
		sort = ""
		opts = []option{{"", "Newest first", false}, opts[2]}
	case q == "":
		opts = []option{{"", "Newest first", false}, opts[2]}
	case sort == "date":
		sort = "newest"
	case sort == "relevance":
		sort = ""
	}
	for _, o := range opts {
		o.Selected = o.Value == sort
		view.SortOptions = append(view.SortOptions, o)
	}

	view.From, view.To = v.Get(paramFrom), v.Get(paramTo)
	for _, name := range append(append(slices.Clone(filterParams), notParams...), paramSize, paramMore, paramInterval) {
		for _, val := range v[name] {
			view.Hidden = append(view.Hidden, field{name, val})
		}
	}

	for _, name := range filterParams {
		for _, val := range v[name] {
			label := val
			if name == paramCountry {
				label = countryLabel(val)
			}
			view.Active = append(view.Active, activeFilter{Label: filterLabels[name], Value: label, RemoveURL: searchURL(toggle(v, name, val))})
		}
	}
	from, to := v.Get(paramFrom), v.Get(paramTo)
	switch {
	case from != "" && from == to:
		view.dateChips = append(view.dateChips, activeFilter{Label: "Date", Value: from, RemoveURL: searchURL(without(v, paramFrom, paramTo))})
	default:
		if from != "" {
			view.dateChips = append(view.dateChips, activeFilter{Label: "From", Value: from, RemoveURL: searchURL(without(v, paramFrom))})
		}
		if to != "" {
			view.dateChips = append(view.dateChips, activeFilter{Label: "To", Value: to, RemoveURL: searchURL(without(v, paramTo))})
		}
	}
	view.Active = append(view.Active, view.dateChips...)
	if len(view.Active) > 1 {
		view.ClearURL = searchURL(without(v, append(append(slices.Clone(filterParams), notParams...), paramFrom, paramTo)...))
	}
	return view
}

// setResult fills the hits, counts, facets and paging of the search page.
// v holds the current search parameters without page.
func (view *searchView) setResult(req search.Request, res search.Result, v url.Values) {
	view.HasResult = true
	sel := newSelection(res)
	described := describedValues(res)
	// The chips of the filters show the values as the index writes them,
	// once each, and none for a value that matches nothing.
	view.Active = nil
	for _, name := range filterParams {
		for _, val := range sel.order[name] {
			label := val
			if name == paramCountry {
				label = countryLabel(val)
			} else if d := described[name][val]; d != "" {
				label = codeLabel(val, d)
			}
			view.Active = append(view.Active, activeFilter{Label: filterLabels[name], Value: label, RemoveURL: searchURL(sel.toggle(v, name, val))})
		}
	}
	excluded := filterSlices(res.Excluded)
	for _, name := range filterParams {
		for _, val := range excluded[name] {
			label := val
			if name == paramCountry {
				label = countryLabel(val)
			} else if d := described[name][val]; d != "" {
				label = codeLabel(val, d)
			}
			rm := removeGiven(v, notPrefix+name, val)
			if name == paramCountry {
				// -country=Iran and -country=IR both name IR.
				for _, g := range v[notPrefix+name] {
					if code, ok := search.CountryCode(g); ok && code == val {
						rm = removeGiven(rm, notPrefix+name, g)
					}
				}
			}
			view.Active = append(view.Active, activeFilter{Label: "Not " + strings.ToLower(filterLabels[name]), Value: label, RemoveURL: searchURL(rm), Not: true})
		}
	}
	view.Active = append(view.Active, view.dateChips...)
	if len(view.Active) > 1 {
		view.ClearURL = searchURL(without(v, append(append(slices.Clone(filterParams), notParams...), paramFrom, paramTo)...))
	}
	view.Unmatched = newUnmatchedViews(res, v)
	page, size := effectivePage(req, res)
	view.Page = page
	view.Pages = max(1, int((res.Total+uint64(size)-1)/uint64(size)))
	view.Total = thousands(res.Total)
	view.Took = tookString(res.Took)
	view.First = (page-1)*size + 1
	view.Last = view.First + len(res.Hits) - 1
	if page > 1 {
		view.PrevURL = searchURL(withPage(v, min(page-1, view.Pages)))
	}
	lastShown := min(view.Pages, search.MaxResults/size, maxPage)
	if page < lastShown {
		view.NextURL = searchURL(withPage(v, page+1))
	}
	if page > view.Pages {
		view.LastPageURL = searchURL(withPage(v, view.Pages))
	}
	if lastShown < view.Pages {
		view.Capped = true
		view.PageCap = thousands(uint64(lastShown * size))
	}

	exp := without(v, paramMore, paramSize)
	exp.Set("format", formatCSV)
	view.ExportCSV = "/api/v1/export?" + exp.Encode()
	exp.Set("format", formatJSONL)
	view.ExportJSONL = "/api/v1/export?" + exp.Encode()

	q := v.Get(paramQuery)
	for _, h := range res.Hits {
		hv := hitView{
			ID:    h.ID,
			URL:   articleURL(h.ID, q),
			Title: h.Title,
			// Marked by the search package from escaped text, as
			// snippets are.
			TitleHTML: template.HTML(h.TitleHTML),
			Outlet:    h.Outlet,
			Date:      newDateView(h.Date),
			Authors:   h.Authors,
		}
		for _, c := range []struct {
			kind, param string
			vals        []string
		}{{"Country", paramCountry, h.Countries}, {"Topic", paramTopic, h.Topics}, {"Person", paramPerson, h.People}} {
			for _, val := range c.vals {
				if c.param == paramTopic && namesEntity(val, h.Countries, h.People) {
					continue // shown once, as the country or the person
				}
				label := val
				if c.param == paramCountry {
					label = countryName(val)
				}
				on := sel.has(c.param, val)
				u := searchURL(sel.toggle(v, c.param, val))
				hv.Chips = append(hv.Chips, chip{Kind: c.kind, Label: label, URL: u, On: on})
			}
		}
		for _, sn := range h.Snippets {
			// Snippets come from the search package HTML-escaped with
			// <mark> elements; they are the only text inserted as HTML.
			hv.Snippets = append(hv.Snippets, template.HTML(sn))
		}
		view.Hits = append(view.Hits, hv)
	}

	for _, name := range search.FacetNames {
		info, ok := facetInfo[name]
		if !ok || len(res.Facets[name]) == 0 {
			continue
		}
		fv := facetView{Name: name, Label: info.label}
		vals := slices.Clone(res.Facets[name])
		if name == search.FacetYear {
			slices.SortFunc(vals, func(a, b search.FacetValue) int { return strings.Compare(b.Value, a.Value) })
		}
		more := len(vals) >= search.DefaultFacetSize
		if info.collapsed && v.Get(paramMore) != name && len(vals) > collapsedFacetSize {
			// A collapsed facet lists its first values, and the selected
			// ones, to keep the page light; "show more" lists the rest.
			top := vals[:collapsedFacetSize:collapsedFacetSize]
			for _, val := range vals[collapsedFacetSize:] {
				if sel.has(info.param, val.Value) {
					top = append(top, val)
				}
			}
			vals, more = top, true
		}
		for i, val := range vals {
			link := facetLink{Label: val.Value, Count: val.Count}
			if name == search.FacetYear {
				link.Selected = v.Get(paramFrom) == val.Value && v.Get(paramTo) == val.Value
				if link.Selected {
					link.URL = searchURL(without(v, paramFrom, paramTo))
				} else {
					w := without(v, paramFrom, paramTo)
					w.Set(paramFrom, val.Value)
					w.Set(paramTo, val.Value)
					link.URL = searchURL(w)
				}
			} else {
				if name == search.FacetCountry {
					link.Label = countryName(val.Value)
					if link.Label != val.Value {
						link.Code = val.Value
					}
				} else if val.Label != "" {
					// A code of the source by its description.
					link.Label, link.Code = val.Label, val.Value
				}
				link.Selected = sel.has(info.param, val.Value)
				link.URL = searchURL(sel.toggle(v, info.param, val.Value))
				if !link.Selected && i < search.DefaultFacetSize {
					w := clone(v)
					w.Add(notPrefix+info.param, val.Value)
					link.ExcludeURL = searchURL(w)
				}
			}
			fv.Values = append(fv.Values, link)
		}
		// A selected value beyond the values listed is still shown, so
		// that it can be removed here; its count is not known.
		if name != search.FacetYear {
			for _, val := range sel.order[info.param] {
				if !slices.ContainsFunc(vals, func(fv search.FacetValue) bool { return fv.Value == val }) {
					link := facetLink{Label: val, Count: -1, URL: searchURL(sel.toggle(v, info.param, val)), Selected: true}
					if name == search.FacetCountry && countryName(val) != val {
						link.Label, link.Code = countryName(val), val
					}
					fv.Values = append(fv.Values, link)
				}
			}
		}
		// Selected values first, so that they stay in view.
		slices.SortStableFunc(fv.Values, func(a, b facetLink) int {
			switch {
			case a.Selected == b.Selected:
				return 0
			case a.Selected:
				return -1
			}
			return 1
		})
		if v.Get(paramMore) == name {
			fv.LessURL = searchURL(without(v, paramMore))
		} else if more {
			w := clone(v)
			w.Set(paramMore, name)
			fv.MoreURL = searchURL(w)
		}
		fv.Filterable = name != search.FacetYear
		fv.Collapsed = info.collapsed && len(sel.order[info.param]) == 0
		view.Facets = append(view.Facets, fv)
	}
	view.Timeline = newTimelineView(res, v)
}

// articleURL is the article page, carrying the query to highlight.
func articleURL(id, q string) string {
	u := "/articles/" + url.PathEscape(id)
	if q != "" {
		u += "?" + url.Values{paramQuery: {q}}.Encode()
	}
	return u
}

// timelineView is the SVG bar chart of the counts per period.
type timelineView struct {
	Width, Height int
	Bars          []bar
	// Unit is "day", "week", "month" or "year"; First and Last name the
	// first and last bars.
	Unit        string
	First, Last string
	Max         int
	// Outside is how many dated matches the chart leaves out (strays far
	// from the bulk of them).
	Outside int
	// Intervals are the choices of bar length, each a link.
	Intervals []intervalLink
}

// intervalLink is a choice of timeline interval.
type intervalLink struct {
	Label, URL string
	Selected   bool
}

// bar is one period of the timeline, drawn in SVG user units, linking
// to the search narrowed to that period. Tick labels the axis under it,
// when the bar starts a tick period. An empty bar is drawn as a faint
// slot, so that a gap in the articles shows as one.
type bar struct {
	X, Y, W, H float64
	// X2 is the right edge, X+W.
	X2     float64
	Period string
	// Through is the last day of a week; "" for the other bars.
	Through  string
	Label    string
	Tick     string
	Count    int
	URL      string
	Selected bool
}

// Timeline chart size, in SVG user units.
const (
	timelineWidth  = 600
	timelineHeight = 80
	// maxBarWidth keeps a lone bar, or a few, from filling the chart.
	maxBarWidth = 60
	// maxTicks is about how many labels the axis has at most.
	maxTicks = 8
)

// timelineIntervals are the choices of interval, in order.
var timelineIntervals = []struct{ value, label string }{
	{"", "auto"}, {"day", "day"}, {"week", "week"}, {"month", "month"}, {"year", "year"},
}

// newTimelineView lays out the bars of the timeline, or returns nil when
// there is nothing to draw.
func newTimelineView(res search.Result, v url.Values) *timelineView {
	buckets := res.Timeline
	if len(buckets) == 0 {
		return nil
	}
	unit := string(res.Interval)
	if unit == "" {
		unit = "year"
		if buckets[0].Precision == corpus.PrecisionMonth {
			unit = "month"
		}
	}
	tv := &timelineView{Width: timelineWidth, Height: timelineHeight, Unit: unit, Outside: res.TimelineOutside}
	for _, b := range buckets {
		tv.Max = max(tv.Max, b.Count)
	}
	if tv.Max == 0 {
		return nil
	}
	for _, iv := range timelineIntervals {
		w := without(v, paramInterval)
		if iv.value != "" {
			w.Set(paramInterval, iv.value)
		}
		tv.Intervals = append(tv.Intervals, intervalLink{Label: iv.label, URL: searchURL(w), Selected: iv.value == v.Get(paramInterval)})
	}
	step := min(float64(timelineWidth)/float64(len(buckets)), maxBarWidth)
	left := (float64(timelineWidth) - step*float64(len(buckets))) / 2
	gap := min(step*0.15, 2)
	ticks := tickLabels(buckets, unit)
	for i, b := range buckets {
		d, last := b.Date(), b.Last()
		h := float64(b.Count) / float64(tv.Max) * (timelineHeight - 2)
		if b.Count > 0 {
			h = max(h, 1.5)
		}
		w := without(v, paramFrom, paramTo)
		w.Set(paramFrom, d.String())
		w.Set(paramTo, last.String())
		label := newDateView(d).Human
		through := ""
		if unit == "week" {
			label = "week of " + label
			through = last.String()
		}
		tv.Bars = append(tv.Bars, bar{
			X: round2(left + float64(i)*step), Y: round2(timelineHeight - h), W: round2(step - gap), H: round2(h),
			X2:     round2(left + float64(i)*step + step - gap),
			Period: d.String(), Through: through, Label: label, Tick: ticks[i], Count: b.Count, URL: searchURL(w),
			Selected: v.Get(paramFrom) == d.String() && v.Get(paramTo) == last.String(),
		})
	}
	tv.First = tv.Bars[0].Label
	tv.Last = tv.Bars[len(tv.Bars)-1].Label
	return tv
}

// tickLabels returns the axis label under each bucket, "" for most: a
// tick at sensible periods (every year, every 5 years, each quarter, the
// first week of each month, every 7 days...) so that there are at most
// about maxTicks of them, each naming its period.
func tickLabels(buckets []search.Bucket, unit string) []string {
	out := make([]string, len(buckets))
	n := len(buckets)
	pick := func(steps []int) int {
		for _, s := range steps {
			if n/s <= maxTicks {
				return s
			}
		}
		return steps[len(steps)-1]
	}
	switch unit {
	case "year":
		s := pick([]int{1, 2, 5, 10, 20, 50, 100})
		for i, b := range buckets {
			if y := b.Start.Year(); y%s == 0 || (i == 0 && s == 1) {
				out[i] = strconv.Itoa(y)
			}
		}
	case "month":
		s := pick([]int{1, 2, 3, 6, 12, 24, 60})
		for i, b := range buckets {
			m := int(b.Start.Month()) - 1
			if (s <= 12 && m%s == 0) || (s > 12 && m == 0 && b.Start.Year()%(s/12) == 0) {
				out[i] = monthTick(b.Start, i == 0 || m == 0)
			}
		}
		if s > 1 && out[0] == "" && n <= maxTicks {
			out[0] = monthTick(buckets[0].Start, true)
		}
	case "week":
		// The first week starting in a month, every month or every few.
		months, s := n*7/30+1, 1
		for _, c := range []int{1, 2, 3, 6, 12} {
			if s = c; months/c <= maxTicks {
				break
			}
		}
		shown := 0
		for i, b := range buckets {
			if m := int(b.Start.Month()) - 1; b.Start.Day() <= 7 && m%s == 0 {
				out[i] = monthTick(b.Start, shown == 0 || m == 0)
				shown++
			}
		}
	default: // day
		s := pick([]int{1, 2, 7, 14, 28})
		for i, b := range buckets {
			if s < 7 && i%s == 0 || s >= 7 && b.Start.Weekday() == time.Monday && (i/7)%(s/7) == 0 {
				out[i] = b.Start.Format("2 Jan")
			}
		}
	}
	return out
}

// monthTick labels a month on the axis: "Mar", or "Mar 1987" for the
// first label and each January.
func monthTick(t time.Time, withYear bool) string {
	if withYear {
		return t.Format("Jan 2006")
	}
	return t.Format("Jan")
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// searchURL returns the search page URL for the parameters v.
func searchURL(v url.Values) string {
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// toggle returns a copy of v with value removed from the parameter name
// if it is there (ignoring case), or added to it if not.
func toggle(v url.Values, name, value string) url.Values {
	out := clone(v)
	vals := slices.DeleteFunc(slices.Clone(out[name]), func(s string) bool { return strings.EqualFold(s, value) })
	if len(vals) == len(out[name]) {
		vals = append(vals, value)
	}
	if len(vals) == 0 {
		delete(out, name)
	} else {
		out[name] = vals
	}
	return out
}

// without returns a copy of v without the named parameters.
func without(v url.Values, names ...string) url.Values {
	out := clone(v)
	for _, n := range names {
		delete(out, n)
	}
	return out
}

// withPage returns a copy of v asking for the given page.
func withPage(v url.Values, page int) url.Values {
	out := clone(v)
	if page > 1 {
		out.Set(paramPage, strconv.Itoa(page))
	}
	return out
}

func clone(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vals := range v {
		out[k] = slices.Clone(vals)
	}
	return out
}

// codeLabel returns the description of a code of the source followed by
// the code, as "Money/Foreign Exchange (money-fx)".
func codeLabel(code, description string) string {
	return description + " (" + code + ")"
}

// describedValues returns, by filter parameter, the descriptions of the
// facet values of res that have one (the source's codes: search.FacetValue
// Label).
func describedValues(res search.Result) map[string]map[string]string {
	out := map[string]map[string]string{}
	for name, vals := range res.Facets {
		info, ok := facetInfo[name]
		if !ok || info.param == "" {
			continue
		}
		for _, v := range vals {
			if v.Label == "" {
				continue
			}
			if out[info.param] == nil {
				out[info.param] = map[string]string{}
			}
			out[info.param][v.Value] = v.Label
		}
	}
	return out
}

// countryLabel returns a country's name followed by its code, as
// "France (FR)", or the code alone when it is not one.
func countryLabel(code string) string {
	if name := countryName(code); name != code {
		return name + " (" + code + ")"
	}
	return code
}

// countryName returns the common short name of an ISO 3166-1 alpha-2
// code ("Russia" for RU), or the code itself when it is not one.
func countryName(code string) string {
	return search.CountryName(code)
}

func newDateView(d corpus.Date) dateView {
	if d.IsZero() {
		return dateView{}
	}
	human := d.Time.Format("2 January 2006")
	switch d.Precision {
	case corpus.PrecisionYear:
		human = d.Time.Format("2006")
	case corpus.PrecisionMonth:
		human = d.Time.Format("January 2006")
	}
	dv := dateView{ISO: d.String(), Human: human}
	if d.Precision == corpus.PrecisionMonth || d.Precision == corpus.PrecisionYear {
		dv.Approx = d.Precision.String()
	}
	return dv
}

// thousands formats n with comma thousands separators.
func thousands(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// tookString formats a search time for the reader.
func tookString(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 1:
		return "under 1 ms"
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
}

// articleView is the data of the article page.
type articleView struct {
	page
	// Heading, Lead and Paragraphs are escaped text with the terms of
	// Query marked.
	Heading    template.HTML
	Subtitle   string
	Outlet     *link
	Date       dateView
	Authors    []link
	Lead       template.HTML
	Paragraphs []paragraphView
	Note       []string
	Facts      []fact
	// URL is the original address; URLIsLink is true only for http and
	// https addresses, which alone are shown as links.
	URL       string
	URLIsLink bool
	Source    string
	// SourceFile and SourcePos split Source ("path#n"): the file and the
	// article's position in it.
	SourceFile string
	SourcePos  string
	Language   string
	// Excerpt marks a text cut short on a listing page.
	Excerpt bool
	// SeenIn lists the sources of every copy of the article merged into
	// it, when there were several.
	SeenIn []string
	// Provenance says, field by field, which evidence won, each linking
	// to the articles whose field came from the same evidence.
	Provenance []provenanceView
	// Query is the search the article was opened from; BackURL returns
	// to it.
	Query   string
	BackURL string
	Marked  bool
	Similar []hitView
	// Part and Parts page a long text (articlePart bytes a page); the
	// URLs go to the previous and next parts.
	Part, Parts              int
	PrevPartURL, NextPartURL string
	// Truncated says that only the beginning of the text is searched.
	Truncated bool
}

// paragraphView is a paragraph of the article page: escaped text with
// the terms of the query marked, shown as a subheading when Subhead is
// set (see subheadings).
type paragraphView struct {
	HTML    template.HTML
	Subhead bool
}

// articlePart is about how many bytes of an article's text one page of
// the article shows: a longer text is shown in parts (?part=2), and only
// the part shown is marked.
const articlePart = 100 << 10

// textParts groups paragraphs into parts of about size bytes, cutting a
// paragraph longer than size at spaces (its pieces are no subheadings).
func textParts(paras []paragraph, size int) [][]paragraph {
	var parts [][]paragraph
	var cur []paragraph
	n := 0
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, cur)
			cur, n = nil, 0
		}
	}
	for _, para := range paras {
		p := para.Text
		for len(p) > size {
			cut := size
			for cut > 0 && !utf8.RuneStart(p[cut]) {
				cut--
			}
			if i := strings.LastIndexByte(p[:cut], ' '); i > size/2 {
				cut = i
			}
			flush()
			parts = append(parts, []paragraph{{Text: strings.TrimSpace(p[:cut])}})
			p = strings.TrimSpace(p[cut:])
			para.Subhead = false
		}
		if n > 0 && n+len(p) > size {
			flush()
		}
		cur = append(cur, paragraph{Text: p, Subhead: para.Subhead})
		n += len(p)
	}
	flush()
	return parts
}

// provenanceView is one field of an article and the evidence it came
// from; URL searches provenance.<field>:"<evidence>".
type provenanceView struct {
	Field, Evidence, URL string
}

// link is a chip: a label and the search it leads to.
type link struct{ Label, URL string }

// fact is a labelled list of chips in the article's details.
type fact struct {
	Label string
	Links []link
}

// similarCount is how many similar articles the article page lists.
const similarCount = 5

// handleArticlePage serves GET /articles/:id?q=, the article with the
// terms of q marked.
func (s *Server) handleArticlePage(c echo.Context) error {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	a, err := s.article(ctx, id)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(c.QueryParam(paramQuery))
	if len(q) > maxQueryLen {
		q = ""
	}
	hl, err := search.NewHighlighter(q)
	if err != nil {
		// A query that does not parse marks nothing.
		hl, _ = search.NewHighlighter("")
		q = ""
	}
	part, err := intParam(c.QueryParams(), "part", 1, 1<<20)
	if err != nil {
		return err
	}
	view := s.newArticleView(ctx, a, hl, q, max(part, 1))
	similar, err := s.similar(ctx, id, similarCount)
	if err != nil {
		s.log.Warn("similar articles", "id", id, "err", err)
	}
	for _, h := range similar {
		view.Similar = append(view.Similar, hitView{ID: h.ID, URL: articleURL(h.ID, ""), Title: h.Title,
			Outlet: h.Outlet, Date: newDateView(h.Date)})
	}
	return s.render(c, http.StatusOK, "article", view)
}

// newArticleView fills the article page; hl marks the terms of the
// query q (which may be ""), and ctx bounds the lookup of the
// descriptions of the source's codes.
func (s *Server) newArticleView(ctx context.Context, a corpus.Article, hl *search.Highlighter, q string, part int) articleView {
	title := a.Title
	if title == "" {
		title = "Untitled article"
	}
	mark := func(text string) template.HTML {
		// Mark escapes the text: the result is safe HTML.
		return template.HTML(hl.Mark(text))
	}
	view := articleView{
		page:     s.page(title),
		Heading:  mark(title),
		Subtitle: a.Subtitle,
		Date:     newDateView(a.Date),
		Lead:     mark(a.Lead),
		URL:      a.URL,
		Source:   a.Source,
		Language: a.Language,
		Excerpt:  a.Excerpt,
		SeenIn:   a.SeenIn,
		Query:    q,
		BackURL:  "/",
		Marked:   !hl.Empty(),
	}
	if q != "" {
		view.BackURL = searchURL(url.Values{paramQuery: {q}})
	}
	view.SourceFile, view.SourcePos = a.Source, ""
	if i := strings.LastIndexByte(a.Source, '#'); i >= 0 {
		view.SourceFile, view.SourcePos = a.Source[:i], a.Source[i+1:]
	}
	if a.Outlet != "" {
		view.Outlet = &link{a.Outlet, filterURL(paramOutlet, a.Outlet)}
	}
	for _, f := range slices.Sorted(maps.Keys(a.Provenance)) {
		ev := a.Provenance[f]
		view.Provenance = append(view.Provenance, provenanceView{Field: f, Evidence: ev,
			URL: fieldURL("provenance."+f, ev)})
	}
	for _, au := range a.Authors {
		view.Authors = append(view.Authors, link{au, filterURL(paramAuthor, au)})
	}
	// The lead, shown apart, is the paragraph before the body's first
	// when it is not that paragraph itself: subheadings are told in
	// their place among the paragraphs around them.
	text := paragraphs(a.Body)
	if lead := strings.TrimSpace(a.Lead); lead != "" && (len(text) == 0 || !sameText(text[0], lead)) {
		text = append([]string{lead}, text...)
	}
	paras := subheadings(text)
	if len(paras) > 0 && sameText(paras[0].Text, a.Lead) {
		paras = paras[1:]
	}
	parts := textParts(paras, articlePart)
	view.Parts, view.Part, view.Truncated = len(parts), min(part, max(len(parts), 1)), a.Truncated
	partURL := func(n int) string {
		v := url.Values{}
		if q != "" {
			v.Set(paramQuery, q)
		}
		if n > 1 {
			v.Set("part", strconv.Itoa(n))
		}
		u := articleURL(a.ID, "")
		if len(v) > 0 {
			u += "?" + v.Encode()
		}
		return u
	}
	if view.Parts > 1 {
		if view.Part > 1 {
			view.PrevPartURL = partURL(view.Part - 1)
		}
		if view.Part < view.Parts {
			view.NextPartURL = partURL(view.Part + 1)
		}
	}
	if len(parts) > 0 {
		for _, p := range parts[view.Part-1] {
			view.Paragraphs = append(view.Paragraphs, paragraphView{HTML: mark(p.Text), Subhead: p.Subhead})
		}
	}
	view.Note = paragraphs(a.Note)
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		view.URLIsLink = true
	}

	// chips adds a fact whose values link to a search: filtered by param
	// when it is set, or else for field:"value" in the query syntax.
	chips := func(label, param, field string, vals []string, name func(string) string) {
		if len(vals) == 0 {
			return
		}
		f := fact{Label: label}
		for _, v := range vals {
			l := link{Label: v}
			if param != "" {
				l.URL = filterURL(param, v)
			} else {
				l.URL = fieldURL(field, v)
			}
			if name != nil {
				l.Label = name(v)
			}
			f.Links = append(f.Links, l)
		}
		view.Facts = append(view.Facts, f)
	}
	// The source's codes go by their descriptions, when it gives them.
	labels, err := s.labels(ctx)
	if err != nil {
		s.log.Warn("labels", "err", err)
	}
	described := func(code string) string {
		if d := labels.Of(code); d != "" {
			return codeLabel(code, d)
		}
		return code
	}
	if a.Section != "" {
		chips("Section", "", "section", []string{a.Section}, described)
	}
	chips("Tags", "", "tag", a.Tags, described)
	chips("Topics", paramTopic, "", a.Topics, nil)
	chips("Countries", paramCountry, "", a.Countries, countryLabel)
	chips("People", paramPerson, "", a.People, nil)
	chips("Places", paramPlace, "", a.Places, nil)
	chips("Mentions", "", "mention", a.Mentions, nil)
	return view
}

// filterURL is the search page filtered by one value.
func filterURL(param, value string) string {
	return searchURL(url.Values{param: {value}})
}

// fieldURL is the search page searching one keyword field of the query
// syntax for value, for the fields (section, tag, mention) that have no
// filter parameter.
func fieldURL(field, value string) string {
	return searchURL(url.Values{paramQuery: {field + `:"` + strings.ReplaceAll(value, `"`, "") + `"`}})
}

var blankLines = regexp.MustCompile(`\n[ \t\r]*\n`)

// paragraphs splits text on blank lines into trimmed, non-empty
// paragraphs.
func paragraphs(text string) []string {
	var out []string
	for _, p := range blankLines.Split(strings.ReplaceAll(text, "\r\n", "\n"), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sameText reports whether a and b are equal up to white space.
func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
