package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// DefaultMaxBytes is the cap on a file's decompressed size used when
// ReadOptions.MaxBytes is zero.
const DefaultMaxBytes = 64 << 20

// The errors Read wraps, to be matched with errors.Is. Reason turns them
// into short strings for a run summary.
var (
	// ErrTooLarge means the file, once decompressed, is bigger than
	// ReadOptions.MaxBytes. It protects against gzip bombs.
	ErrTooLarge = errors.New("file too large")
	// ErrCorrupt means a compressed file is not a valid gzip stream.
	ErrCorrupt = errors.New("corrupt gzip")
	// ErrNotText means the file holds binary data, such as an image
	// renamed .html.
	ErrNotText = errors.New("binary file (not text)")
)

// ReadOptions tunes Read. The zero value is ready to use.
type ReadOptions struct {
	// MaxBytes caps the size of a file after decompression; a bigger
	// file is refused with ErrTooLarge. Zero means DefaultMaxBytes.
	MaxBytes int64
}

func (o ReadOptions) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Read reads the file of e from fsys, decompresses it when e.Compressed,
// and decodes it to UTF-8 with line ends normalised to "\n".
//
// The encoding is chosen in this order:
//
//  1. A byte order mark (UTF-8, UTF-16LE or UTF-16BE) wins and is removed.
//  2. Bytes that are valid UTF-8 are UTF-8, whatever the file declares.
//  3. Bytes that are mostly UTF-8 (at least four valid multi-byte
//     characters per invalid byte) are UTF-8 with the invalid bytes
//     replaced by U+FFFD: a UTF-8 page with a stray byte is not turned
//     into mojibake.
//  4. For HTML, the charset the page declares (<meta charset>,
//     <meta http-equiv="Content-Type">, or an XML declaration) in its
//     <head>, if it names an encoding known to the WHATWG encoding
//     standard. The standard's prescan stops after 1024 bytes; Read
//     looks up to 64 KiB, because archived pages often have a
//     toolbar injected before the page's own <meta>. A declared UTF-8
//     is not believed here: by step 3 the bytes are not UTF-8.
//  5. Otherwise windows-1252, which decodes any byte.
//
// Read trusts e: it decompresses when e.Compressed and looks for a
// declared charset only when e.Format is FormatHTML. Line ends are
// normalised: "\r\n" and a lone "\r" become "\n". The MaxBytes cap
// applies to uncompressed files too.
//
// A file with a NUL byte in its first 8000 bytes (after any UTF-16
// decoding), or with more than one NUL byte in a hundred, is refused with
// ErrNotText; isolated NUL bytes further on are dropped from the text.
//
// Errors are wrapped with the path, "corpus: <path>: ...", and wrap
// ErrTooLarge, ErrCorrupt or ErrNotText when they apply; any other error
// (a missing or unreadable file) wraps the underlying fs error.
func Read(fsys fs.FS, e Entry, opts ReadOptions) (File, error) {
	raw, err := readRaw(fsys, e, opts.maxBytes())
	if err != nil {
		return File{}, fmt.Errorf("corpus: %s: %w", e.Path, err)
	}
	text, charset, err := decode(raw, e.Format == FormatHTML)
	if err != nil {
		return File{}, fmt.Errorf("corpus: %s: %w", e.Path, err)
	}
	return File{Entry: e, Text: text, Charset: charset}, nil
}

// Reason returns a short, stable reason for an error returned by Read,
// for run summaries: "too large", "corrupt gzip", "binary file (not
// text)", or "unreadable" for any other error. It returns "" for nil.
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrTooLarge):
		return "too large"
	case errors.Is(err, ErrCorrupt):
		return "corrupt gzip"
	case errors.Is(err, ErrNotText):
		return "binary file (not text)"
	}
	return "unreadable"
}

// readRaw returns the file's bytes, decompressed, refusing more than max.
func readRaw(fsys fs.FS, e Entry, max int64) ([]byte, error) {
	f, err := fsys.Open(e.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	var r io.Reader = f
	src := &errRecorder{r: f}
	if e.Compressed {
		zr, err := gzip.NewReader(src)
		if err != nil {
			return nil, gzipError(src, err)
		}
		defer zr.Close()
		r = zr
	}
	var buf bytes.Buffer
	if info, err := f.Stat(); err == nil && info.Size() > 0 {
		// Size the buffer once for the usual case: the file itself, or
		// four times a compressed one (HTML compresses about 4 to 6 times).
		guess := info.Size()
		if e.Compressed {
			guess *= 4
		}
		buf.Grow(int(min(guess, max)) + bytes.MinRead)
	}
	limit := max
	if limit < math.MaxInt64 {
		limit++ // one byte more than allowed tells a file that is too large
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit))
	if err != nil {
		if e.Compressed {
			return nil, gzipError(src, err)
		}
		return nil, err
	}
	if n > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return buf.Bytes(), nil
}

// gzipError classifies an error met while decompressing: a failure to
// read the file itself is returned as is, anything else means the gzip
// stream is broken.
func gzipError(src *errRecorder, err error) error {
	if src.err != nil {
		return src.err
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // an empty file is a truncated stream
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}

// errRecorder remembers the first error, other than io.EOF, of the reader
// it wraps, so a failing disk is not mistaken for a corrupt gzip stream.
type errRecorder struct {
	r   io.Reader
	err error
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// Limits of the binary-file test and of the search for a declared charset.
const (
	binarySniffLen = 8000     // a NUL byte in this prefix means binary, as in git
	binaryNULRatio = 100      // more than one NUL byte in this many means binary
	metaSniffLen   = 64 << 10 // how far into an HTML page to look for its charset
)

// decode returns raw decoded to UTF-8 and the name of the encoding used.
func decode(raw []byte, isHTML bool) (string, string, error) {
	var text, charset string
	switch {
	case bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")):
		if err := checkText(raw); err != nil {
			return "", "", err
		}
		text, charset = strings.ToValidUTF8(string(raw[3:]), "\uFFFD"), "utf-8"
	case bytes.HasPrefix(raw, []byte("\xFF\xFE")):
		text, charset = decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw[2:]), "utf-16le"
		if err := checkText([]byte(text)); err != nil {
			return "", "", err
		}
	case bytes.HasPrefix(raw, []byte("\xFE\xFF")):
		text, charset = decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw[2:]), "utf-16be"
		if err := checkText([]byte(text)); err != nil {
			return "", "", err
		}
	default:
		if err := checkText(raw); err != nil {
			return "", "", err
		}
		text, charset = decodeUnmarked(raw, isHTML)
	}
	if strings.IndexByte(text, 0) >= 0 {
		text = strings.ReplaceAll(text, "\x00", "")
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, charset, nil
}

// decodeUnmarked decodes bytes that have no byte order mark.
func decodeUnmarked(raw []byte, isHTML bool) (string, string) {
	if utf8.Valid(raw) {
		return string(raw), "utf-8"
	}
	if mostlyUTF8(raw) {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), "utf-8"
	}
	if isHTML {
		if enc, name := declaredEncoding(raw); enc != nil && name != "utf-8" {
			return decodeWith(enc, raw), name
		}
	}
	return decodeWith(charmap.Windows1252, raw), "windows-1252"
}

// checkText returns ErrNotText when b looks like binary data.
func checkText(b []byte) error {
	if bytes.IndexByte(b[:min(len(b), binarySniffLen)], 0) >= 0 ||
		bytes.Count(b, []byte{0})*binaryNULRatio > len(b) {
		return ErrNotText
	}
	return nil
}

// mostlyUTF8 reports whether b, which is not valid UTF-8, has at least
// four valid multi-byte characters for each invalid byte. Text in a
// legacy encoding almost never forms valid multi-byte sequences.
func mostlyUTF8(b []byte) bool {
	var multi, invalid int
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		b = b[size:]
	}
	return multi >= 4*invalid
}

// decodeWith decodes b with enc. The decoders of x/text replace what they
// cannot decode by U+FFFD and never fail on their own input.
func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

var (
	xmlDeclRE = regexp.MustCompile(`^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']`)
	charsetRE = regexp.MustCompile(`(?i)\bcharset\s*=\s*["']?([^\s"';]+)`)
)

// declaredEncoding returns the first known encoding an HTML page declares
// in an XML declaration or in a <meta> of its head, looking no further
// than metaSniffLen bytes, and its WHATWG name. It returns nil when the
// page declares nothing known. As in the WHATWG standard, a UTF-16 label
// in an ASCII-compatible page means UTF-8 and x-user-defined means
// windows-1252.
func declaredEncoding(raw []byte) (encoding.Encoding, string) {
	raw = raw[:min(len(raw), metaSniffLen)]
	if m := xmlDeclRE.FindSubmatch(raw); m != nil {
		if enc, name := lookupEncoding(string(m[1])); enc != nil {
			return enc, name
		}
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return nil, ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return nil, ""
			case "meta":
				if !hasAttr {
					continue
				}
				if enc, name := lookupEncoding(metaCharset(z)); enc != nil {
					return enc, name
				}
			}
		}
	}
}

// metaCharset returns the charset label of the <meta> tag z is on, or "".
func metaCharset(z *html.Tokenizer) string {
	var charset, content string
	var httpEquiv bool
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "charset":
			charset = string(val)
		case "content":
			content = string(val)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(val)), "content-type")
		}
		if !more {
			break
		}
	}
	if charset != "" {
		return charset
	}
	if httpEquiv {
		if m := charsetRE.FindStringSubmatch(content); m != nil {
			return m[1]
		}
	}
	return ""
}

// lookupEncoding returns the encoding of a WHATWG label and its canonical
// name, or nil for an unknown label.
func lookupEncoding(label string) (encoding.Encoding, string) {
	enc, err := htmlindex.Get(strings.TrimSpace(label))
	if err != nil {
		return nil, ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return nil, ""
	}
	switch name {
	case "utf-16le", "utf-16be":
		return unicode.UTF8, "utf-8"
	case "x-user-defined":
		return charmap.Windows1252, "windows-1252"
	case "replacement":
		// The standard decodes such pages (ISO-2022-KR, HZ) to a single
		// U+FFFD; windows-1252 at least keeps their ASCII.
		return nil, ""
	}
	return enc, name
}
