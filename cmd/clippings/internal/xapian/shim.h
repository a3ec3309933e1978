//go:build xapian && cgo

// The C interface of the Xapian shim (shim.cpp) that package xapian calls
// through cgo. Strings returned through out and err are malloc'd and
// belong to the caller; a function that fails returns 0 and sets *err.

#ifndef CLIPPINGS_XAPIAN_SHIM_H
#define CLIPPINGS_XAPIAN_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *xap_writer_open(const char *path, char **err);
int xap_writer_add(void *w, const char *id, const char *title, const char *body, const char *byline,
	const char *date, const char *year, const char *facets, char **err);
int xap_writer_commit(void *w, char **err);
int xap_writer_close(void *w, char **err);

const char *xap_version(void);
void *xap_open(const char *path, char **err);
void xap_close(void *db);
int xap_search(void *db, const char *query, const char *filters, int facets, int size, char **out, char **err);

#ifdef __cplusplus
}
#endif

#endif
