//go:build xapian && cgo

// A small shim from C to Xapian's C++ API for the Xapian yardstick of
// `clippings bench`: a writer that indexes articles, and a search with
// facet counts and snippets.
//
// An article is a document whose data is its id and body (for
// snippets), whose free text (title, body, byline) is indexed with
// English stemming and positions (title also under the prefix S, byline
// under A), whose facet values are boolean terms (outlet XO, author XA,
// country XC, topic XT, person XP), and whose values are its date for
// sorting (slot 0), its year (slot 1), its outlet (slot 2) and its
// multi-valued facets, NUL-separated (slots 3-6), for counting.

#include "shim.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

// The separators of the strings that cross the shim: fields within a
// record, records.
const char FS = '\x1f';
const char RS = '\x1e';

enum { SLOT_DATE = 0, SLOT_YEAR = 1, SLOT_OUTLET = 2, SLOT_AUTHORS = 3, SLOT_COUNTRIES = 4, SLOT_TOPICS = 5, SLOT_PEOPLE = 6 };

struct Facet {
	const char *field;  // the facet's name in the records
	const char *prefix; // its boolean term prefix
	const char *qfield; // its field name in a query string, as plain Bleve's
	Xapian::valueno slot;
};

const Facet facets[] = {
	{"outlet", "XO", "outlet", SLOT_OUTLET},
	{"author", "XA", "authors", SLOT_AUTHORS},
	{"country", "XC", "countries", SLOT_COUNTRIES},
	{"topic", "XT", "topics", SLOT_TOPICS},
	{"person", "XP", "people", SLOT_PEOPLE},
};

const Facet *facet(const std::string &field) {
	for (const Facet &f : facets) {
		if (field == f.field) return &f;
	}
	return nullptr;
}

// booleanTerm is the term of a facet value, as Xapian's QueryParser
// makes it for a boolean prefix: a colon between a prefix of more than
// one letter and a value that starts with a capital.
std::string booleanTerm(const std::string &prefix, const std::string &value) {
	std::string t = prefix;
	if (!value.empty() && (std::isupper((unsigned char)value[0]) || value[0] == ':')) t += ':';
	return t + value;
}

std::vector<std::string> split(const std::string &s, char sep) {
	std::vector<std::string> out;
	if (s.empty()) return out;
	size_t start = 0;
	for (;;) {
		size_t end = s.find(sep, start);
		out.push_back(s.substr(start, end - start));
		if (end == std::string::npos) return out;
		start = end + 1;
	}
}

char *dup(const std::string &s) {
	char *p = (char *)std::malloc(s.size() + 1);
	std::memcpy(p, s.data(), s.size());
	p[s.size()] = 0;
	return p;
}

void fail(char **err, const std::string &msg) { *err = dup(msg); }

// ListCountSpy counts the values of a multi-valued facet, stored
// NUL-separated in one slot, over the matches.
class ListCountSpy : public Xapian::MatchSpy {
	Xapian::valueno slot;

  public:
	std::unordered_map<std::string, Xapian::doccount> counts;

	explicit ListCountSpy(Xapian::valueno slot) : slot(slot) {}

	void operator()(const Xapian::Document &doc, double) override {
		const std::string v = doc.get_value(slot);
		size_t start = 0;
		while (start < v.size()) {
			size_t end = v.find('\0', start);
			if (end == std::string::npos) end = v.size();
			++counts[v.substr(start, end - start)];
			start = end + 1;
		}
	}
};

// top appends the n most frequent values of counts to out as records.
void top(std::string &out, const char *field, std::vector<std::pair<std::string, Xapian::doccount>> vals, size_t n) {
	auto more = [](const auto &a, const auto &b) { return a.second > b.second || (a.second == b.second && a.first < b.first); };
	n = std::min(n, vals.size());
	std::partial_sort(vals.begin(), vals.begin() + n, vals.end(), more);
	for (size_t i = 0; i < n; i++) {
		out += 'F';
		out += FS;
		out += field;
		out += FS;
		out += vals[i].first;
		out += FS;
		out += std::to_string(vals[i].second);
		out += RS;
	}
}

struct Writer {
	Xapian::WritableDatabase db;
	Xapian::TermGenerator tg;
};

} // namespace

extern "C" {

void *xap_writer_open(const char *path, char **err) {
	try {
		Writer *w = new Writer{Xapian::WritableDatabase(path, Xapian::DB_CREATE), Xapian::TermGenerator()};
		w->tg.set_stemmer(Xapian::Stem("english"));
		return w;
	} catch (const Xapian::Error &e) {
		fail(err, e.get_description());
	}
	return nullptr;
}

// xap_writer_add adds an article; facets holds records of field FS value.
int xap_writer_add(void *wp, const char *id, const char *title, const char *body, const char *byline,
	const char *date, const char *year, const char *facetRecords, char **err) {
	Writer *w = (Writer *)wp;
	try {
		Xapian::Document doc;
		std::string data = id;
		data += FS;
		data += body;
		doc.set_data(data);
		w->tg.set_document(doc);
		w->tg.index_text(title, 1, "S");
		w->tg.index_text(title);
		w->tg.increase_termpos();
		w->tg.index_text(body);
		w->tg.increase_termpos();
		w->tg.index_text(byline, 1, "A");
		w->tg.index_text(byline);
		if (*date) doc.add_value(SLOT_DATE, date);
		if (*year) doc.add_value(SLOT_YEAR, year);
		std::unordered_map<Xapian::valueno, std::string> lists;
		for (const std::string &rec : split(facetRecords, RS)) {
			std::vector<std::string> fv = split(rec, FS);
			const Facet *f = fv.size() == 2 ? facet(fv[0]) : nullptr;
			if (!f || fv[1].empty()) continue;
			doc.add_boolean_term(booleanTerm(f->prefix, fv[1]));
			std::string &l = lists[f->slot];
			if (!l.empty()) l += '\0';
			l += fv[1];
		}
		for (const auto &kv : lists) doc.add_value(kv.first, kv.second);
		w->db.add_document(doc);
		return 1;
	} catch (const Xapian::Error &e) {
		fail(err, e.get_description());
	}
	return 0;
}

int xap_writer_commit(void *wp, char **err) {
	try {
		((Writer *)wp)->db.commit();
		return 1;
	} catch (const Xapian::Error &e) {
		fail(err, e.get_description());
	}
	return 0;
}

int xap_writer_close(void *wp, char **err) {
	Writer *w = (Writer *)wp;
	int ok = 1;
	try {
		w->db.close();
	} catch (const Xapian::Error &e) {
		fail(err, e.get_description());
		ok = 0;
	}
	delete w;
	return ok;
}

const char *xap_version(void) { return Xapian::version_string(); }

void *xap_open(const char *path, char **err) {
	try {
		return new Xapian::Database(path);
	} catch (const Xapian::Error &e) {
		fail(err, e.get_description());
	}
	return nullptr;
}

void xap_close(void *db) { delete (Xapian::Database *)db; }

// xap_search runs query (QueryParser syntax, "" for every article newest
// first) with filters (records of field FS value FS "+" or "-") and
// writes to *out a record "T" FS total, then a record "H" FS id FS
// snippet per hit shown, then with facets a record "F" FS field FS value
// FS count for the ten most frequent values of each facet and for every
// year among the matches.
int xap_search(void *dbp, const char *query, const char *filters, int withFacets, int size, char **out, char **err) {
	Xapian::Database &db = *(Xapian::Database *)dbp;
	try {
		Xapian::Stem stem("english");
		// The empty term matches every article. Not a copy of
		// Query::MatchAll: copying that shared static object changes its
		// reference count, which Xapian does not guard against threads,
		// and four searches at once crashed the bench (SIGSEGV).
		Xapian::Query q{std::string()};
		if (*query) {
			Xapian::QueryParser qp;
			qp.set_stemmer(stem);
			qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
			qp.add_prefix("title", "S");
			for (const Facet &f : facets) qp.add_boolean_prefix(f.qfield, f.prefix);
			q = qp.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT);
		}
		for (const std::string &rec : split(filters, RS)) {
			std::vector<std::string> fv = split(rec, FS);
			const Facet *f = fv.size() == 3 ? facet(fv[0]) : nullptr;
			if (!f) {
				fail(err, "bad filter " + rec);
				return 0;
			}
			Xapian::Query t(booleanTerm(f->prefix, fv[1]));
			q = Xapian::Query(fv[2] == "-" ? Xapian::Query::OP_AND_NOT : Xapian::Query::OP_FILTER, q, t);
		}
		Xapian::Enquire enq(db);
		enq.set_query(q);
		if (!*query) enq.set_sort_by_value_then_relevance(SLOT_DATE, true);
		Xapian::ValueCountMatchSpy years(SLOT_YEAR), outlets(SLOT_OUTLET);
		ListCountSpy authors(SLOT_AUTHORS), countries(SLOT_COUNTRIES), topics(SLOT_TOPICS), people(SLOT_PEOPLE);
		ListCountSpy *lists[] = {&authors, &countries, &topics, &people};
		if (withFacets) {
			enq.add_matchspy(&years);
			enq.add_matchspy(&outlets);
			for (ListCountSpy *s : lists) enq.add_matchspy(s);
		}
		// Every match is looked at, for an exact total and exact counts.
		Xapian::MSet ms = enq.get_mset(0, size, db.get_doccount());
		std::string res = "T";
		res += FS;
		res += std::to_string(ms.get_matches_estimated());
		res += RS;
		for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it) {
			std::string data = it.get_document().get_data();
			size_t sep = data.find(FS);
			res += 'H';
			res += FS;
			res += data.substr(0, sep);
			res += FS;
			if (withFacets && *query && sep != std::string::npos) {
				std::string s = ms.snippet(data.substr(sep + 1), 200, stem,
					Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
				std::replace(s.begin(), s.end(), RS, ' ');
				std::replace(s.begin(), s.end(), FS, ' ');
				res += s;
			}
			res += RS;
		}
		if (withFacets) {
			std::vector<std::pair<std::string, Xapian::doccount>> vals;
			for (Xapian::TermIterator t = years.values_begin(); t != years.values_end(); ++t) {
				vals.emplace_back(*t, t.get_termfreq());
			}
			top(res, "year", vals, vals.size());
			vals.clear();
			for (Xapian::TermIterator t = outlets.values_begin(); t != outlets.values_end(); ++t) {
				vals.emplace_back(*t, t.get_termfreq());
			}
			top(res, "outlet", vals, 10);
			const char *names[] = {"author", "country", "topic", "person"};
			for (size_t i = 0; i < 4; i++) {
				top(res, names[i], std::vector<std::pair<std::string, Xapian::doccount>>(lists[i]->counts.begin(), lists[i]->counts.end()), 10);
			}
		}
		*out = dup(res);
		return 1;
	} catch (const Xapian::Error &e) {
		fail(err, e.get_description());
	}
	return 0;
}

} // extern "C"
