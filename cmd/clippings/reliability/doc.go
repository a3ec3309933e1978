// Package reliability holds the reliability suite of clippings (issue
// 13), as tests run against the real binary and a served index:
//
//   - TestCrashReindex SIGKILLs `clippings reindex` at seeded random
//     points and checks after each kill that the index opens, serves and
//     holds exactly the last completed reindex;
//   - TestDiskFull reindexes into a small filesystem that fills up;
//   - TestHostileQueries sends generated hostile queries to a server of
//     the Reuters index and checks that none is a 5xx, that health and
//     readiness answer throughout and that memory stays bounded;
//   - TestLoadDuringReindex sends queries at a fixed arrival rate while a
//     reindex runs and its generation goes live.
//
// By default each runs a short version, fit for CI; -long runs the full
// one (see docs/reliability.md for the commands and the figures):
//
//	go test -v -timeout 2h ./cmd/clippings/reliability -args -long
//
// The fuzz targets live beside the code they fuzz (FuzzQuery in search,
// FuzzParseDate in corpus, the extractors' in indexer/extract).
package reliability
