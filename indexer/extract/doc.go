// Package extract turns decoded corpus files into articles.
//
// It owns the reading of the three formats clippings indexes:
//
//   - HTML pages (html.go): one parse per page, shared by goquery for the
//     page's metadata (meta.go: <meta> tags and JSON-LD), go-trafilatura
//     for the main text (blocks.go turns it into paragraphs) and
//     go-htmldate as a last resort for the date (htmldates.go). The title
//     and site name weigh several sources against each other (title.go);
//     authors come from metadata or byline markup (htmlbyline.go). A blog
//     archive page that shows several posts, each in its own repeated
//     container with its own heading and date, yields one article per
//     post (archive.go).
//   - Plain text and markdown (text.go): front matter, title line, and
//     short header lines for the byline, date, outlet and tags.
//   - Newswire SGML in the Reuters-21578 shape (sgml.go): one article per
//     <REUTERS> element.
//
// Dates carry an honest precision (dates.go) and are never in the future;
// bylines are reduced to person names (byline.go). Countries and topics
// are not filled here: package enrich derives them.
package extract
