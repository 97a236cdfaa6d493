/* names.h: the (sender, display name) pairs of the messages a source stores,
 * with their latest time, gathered in memory and written to sender_names once
 * at the end of the source (instead of the roster matching grouping every
 * message again). */
#ifndef BH_EXTRACT_NAMES_H
#define BH_EXTRACT_NAMES_H

typedef struct xnames xnames;
typedef void xnames_fn(void *ctx, const char *sender, const char *dname, long long last);

xnames *xnames_new(void);
void xnames_free(xnames *n);
/* dname NULL counts as "" (a message sent without one). */
void xnames_add(xnames *n, const char *sender, const char *dname, long long ts);
/* Calls fn once per pair, then forgets them all. */
void xnames_flush(xnames *n, xnames_fn *fn, void *ctx);

#endif
