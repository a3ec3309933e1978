// Package extract turns decoded corpus files into articles.
//
// It owns the reading of the three formats clippings indexes:
//
//   - HTML pages (html.go): one parse per page, shared by goquery for the
//     page's metadata (meta.go: <meta> tags and JSON-LD), go-trafilatura
//     for the main text (blocks.go turns it into paragraphs) and
//     go-htmldate as a last resort for the date (htmldates.go). The title
//     and site name weigh several sources against each other (title.go);
//     authors come from metadata, byline markup or byline lines in the
//     text (htmlbyline.go). A blog archive page that shows several posts,
//     each in its own repeated container with its own heading and date,
//     yields one article per post (archive.go).
//   - Plain text and markdown (text.go): front matter, title line, and
//     short header lines for the byline, date, outlet and tags. A text
//     that holds several posts, such as a blog's month saved as text,
//     yields one article per post (textarchive.go).
//   - Newswire SGML in the Reuters-21578 shape (sgml.go): one article per
//     <REUTERS> element.
//
// A post that republishes a piece its author wrote for another outlet
// ("a short piece for the BBC ...") gets that outlet, the piece's title and
// text, and keeps the blog's introduction in Note and the outlets the
// author "spoke to" in Mentions (republish.go, textarchive.go). Outlet
// names go through an alias table (outlets.go) that a corpus folder's
// [outlets] table extends.
//
// Dates carry an honest precision (dates.go), are read in the order of
// the page's language ("12/03/2009" is 12 March in Italian), prefer the
// publication date to an update notice, and are never in the future;
// bylines are reduced to person names (byline.go). Countries and topics
// are not filled here: package enrich derives them.
package extract
