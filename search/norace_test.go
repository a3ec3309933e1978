//go:build !race

package search

// raceEnabled is true under the race detector, which makes vellum's
// automata ten to twenty times slower to build.
const raceEnabled = false
