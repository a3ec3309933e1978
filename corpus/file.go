package corpus

// Format is the kind of a corpus file, which decides how it is extracted.
type Format string

// The formats clippings reads.
const (
	FormatHTML Format = "html" // .html .htm .xhtml
	FormatText Format = "text" // .txt .text .md
	FormatSGML Format = "sgml" // .sgm: Reuters-21578 newswire, one article per <REUTERS>
)

// Entry is a file found by Walk.
type Entry struct {
	// Path is slash-separated and relative to the corpus root.
	Path string
	// Format is empty for a file clippings does not read (an image, a
	// stylesheet); such entries are listed so they can be counted.
	Format Format
	// Compressed is true for a gzip file (name ending in .gz).
	Compressed bool
	// Size is the size on disk in bytes.
	Size int64
	// Skipped, when not empty, says why Walk lists this entry without it
	// being a file to read (one of the Skip reasons: a symbolic link
	// loop, a named pipe, a folder that cannot be read, ...); Err is the
	// error behind it, if any. Such an entry has an empty Format.
	Skipped string
	Err     error
}

// File is a corpus file read and decoded by Read.
type File struct {
	Entry
	// Text is the file's content, decompressed and decoded to UTF-8.
	Text string
	// Charset is the name of the encoding the bytes were decoded from,
	// such as "utf-8" or "windows-1252".
	Charset string
}
