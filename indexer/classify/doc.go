// Package classify assigns news topics to articles: the IPTC Media Topics
// top level (https://iptc.org/standards/media-topics/) and a few
// second-level subjects that matter for security and international-affairs
// research, by weighted lexicons written for general news.
//
// The classifier reads the title and the text of an article, sums the
// weights of the lexicon terms it finds (a term counts at most three
// times, title words twice) and returns the best one to three topics with
// a score, best first. The first topic is always a top-level one; the
// others are further top-level topics or subjects that score high enough
// beside it.
package classify
