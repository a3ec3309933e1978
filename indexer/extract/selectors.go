package extract

import "github.com/andybalholm/cascadia"

// The package's CSS selectors are compiled once, when it is initialised,
// as its regular expressions are: goquery's Find(string) and the like
// compile their argument at every call, which took 4% of the time spent
// on an archive page. Each xMatch below is the compiled xSelector.
var (
	noiseMatch         = cascadia.MustCompile(noiseSelector)
	postMetaMatch      = cascadia.MustCompile(postMetaSelector)
	captionMatch       = cascadia.MustCompile(captionSelector)
	postSkipMatch      = cascadia.MustCompile(postSkipSelector)
	postMatch          = cascadia.MustCompile(postSelector)
	postContentMatch   = cascadia.MustCompile(postContentSelector)
	recordContentMatch = cascadia.MustCompile(recordContentSelector)
	summaryMatch       = cascadia.MustCompile(summarySelector)
	siteHeadingMatch   = cascadia.MustCompile(siteHeadingSelector)
	kickerMatch        = cascadia.MustCompile(kickerSelector)
	hiddenMatch        = cascadia.MustCompile(hiddenSelector)
	siteTitleMatch     = cascadia.MustCompile(siteTitleSelector)
)

// compileAll compiles a list of selectors, best first.
func compileAll(sels ...string) []cascadia.Selector {
	out := make([]cascadia.Selector, len(sels))
	for i, s := range sels {
		out[i] = cascadia.MustCompile(s)
	}
	return out
}
