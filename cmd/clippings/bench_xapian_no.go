//go:build !(xapian && cgo)

package main

// newXapian reports that this build has no Xapian yardstick: that needs
// cgo, the Xapian library (Debian: apt-get install libxapian-dev) and the
// build tag xapian.
func newXapian(string) (yardstick, bool) { return nil, false }
