// Package enrich adds places, countries, people, topics and language to
// extracted articles.
//
// It owns the gazetteer (embedded tables under data/ plus the ISO 3166-1 list
// of github.com/biter777/countries): countries with their official, common
// and historic names and their demonyms, national institutions (Federal
// Reserve, Bundesbank), regions, all national capitals and the large cities
// of the world. Names are matched in the title, lead and
// body case-sensitively on word boundaries; lines in capitals (wire
// headlines) are matched without case. Ambiguous names (Georgia, Jordan,
// Chad, Nice, Reading, Victoria, Washington) count only when the context
// decides: a dateline, a cue word ("Georgia's president"), a neighbouring
// place ("Atlanta, Georgia"), a list of countries, or another mention of the
// same country in the article. Places lists every place found, best first;
// Countries keeps only the salient countries (see Options.keep), scored
// on the dateline, title, lead and frequency, and every country the text
// discusses beyond a passing mention: named in two paragraphs, in the
// opening of a long text, or in a list of countries in the title or lead.
//
// Historic states resolve to the ISO code of today's successor so that one
// country facet spans old and new news, while Places keeps the historic name:
// West Germany and East Germany -> DE, Soviet Union (USSR) -> RU (the
// continuator state; the withdrawn SU code is not used), Yugoslavia -> RS
// (Serbia, the continuator of the Federal Republic), Czechoslovakia -> CZ,
// Burma -> MM, Zaire -> CD, Kampuchea -> KH, Rhodesia -> ZW, Netherlands
// Antilles -> CW, North and South Yemen -> YE.
//
// People are found by a precision-first rule finder: runs of capitalised
// words that start with a given name, a family name written first or a
// title, or that hold a surname of the lexicon data/conll_names.txt, which
// "go generate" derives from CoNLL-2003 eng.train (see
// internal/conllnames); names before a country in brackets, as in results
// tables. Titles are stripped and variants merge to the fullest form.
// Bylines, wire credit lines ("Reporting by ..."), photo credits and the
// authors' own notes are not mentions. The figures are measured by
// TestReutersCountries (countries against Reuters-21578 PLACES labels,
// developed on the TRAIN split, reported on the TEST split and its ModApte
// stories) and TestPeopleCoNLLDocs (people per document on
// CoNLL-2003 eng.testa).
//
// Topics come from package classify, the source's tags and section, and
// the language from github.com/RadhiFadlillah/whatlanggo.
package enrich
