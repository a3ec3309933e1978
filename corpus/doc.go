// Package corpus owns the Article model and the reading of a corpus folder.
//
// A corpus is a folder tree (any fs.FS: the operating system's, or the
// embedded sample returned by Sample) of archived articles: HTML pages,
// plain-text files, newswire SGML, any of them gzip-compressed. Walk lists
// the files that clippings can read and Read returns one file's bytes
// decompressed and decoded to UTF-8. Turning a file into articles is the
// job of package indexer; corpus only knows what an article is (Article)
// and how its identity is formed (SourceOf, IDOf), so that reindexing the
// same folder always yields the same ids.
package corpus
