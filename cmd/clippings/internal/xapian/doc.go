// Package xapian is a small cgo binding of the Xapian search engine for
// the Xapian yardstick of `clippings bench`: a writer of articles and a
// search with facet counts and snippets, through a C++ shim (shim.cpp).
//
// It builds only with the build tag xapian, cgo and the Xapian library
// (Debian: apt-get install libxapian-dev); without the tag the package is
// empty.
package xapian
