// Command conllnames derives the person-name lexicon data/conll_names.txt
// from the CoNLL-2003 English training set (eng.train): the capitalised
// words that are, most of the time they occur, part of a person's name.
// The table holds single words and their roles only, no text.
//
// Run it from indexer/enrich with go generate, which passes
//
//	-in ../../../shared/corpora/conll2003/eng.train -out data/conll_names.txt
package main
