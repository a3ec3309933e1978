// Package indexer turns a corpus folder into articles and hands them, in
// batches, to a Sink such as a search index.
//
// An Indexer walks the folder (package corpus), reads and decodes each file,
// extracts its articles (package indexer/extract) and enriches them with
// places, countries, people, topics and language (package indexer/enrich).
// Reading, extraction and enrichment run in parallel on all cores; articles
// leave the pipeline in file order, so every run over the same folder gives
// the same output. Run merges the copies of one post (a mirrored site
// shows each post on its own page and on listing pages) into one article
// that lists where it was seen in SeenIn (Merger, merge.go). A file that cannot be read or parsed is reported with its
// path and reason and skipped; the run goes on and its Summary counts every
// file, read or skipped.
package indexer
