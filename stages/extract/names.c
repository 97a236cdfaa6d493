/* names.c: (sender, display name) -> latest time, in the library's hash table
 * (bh_htab.h). A source holds thousands of pairs for hundreds of thousands of
 * messages, so the table stays small. */
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_htab.h"
#include "names.h"

struct xnames {
	bh_htab pairs;		/* keys: sender NUL dname */
	long long *last;	/* by the pair's index */
	size_t cap;
	char *tmp;		/* the key being looked up */
	size_t tmpcap;
};

xnames *
xnames_new(void)
{
	xnames *n = bh_malloc(sizeof *n);

	memset(n, 0, sizeof *n);
	return n;
}

void
xnames_free(xnames *n)
{
	if (!n)
		return;
	bh_htab_free(&n->pairs);
	free(n->last);
	free(n->tmp);
	free(n);
}

void
xnames_add(xnames *n, const char *sender, const char *dname, long long ts)
{
	size_t ls = strlen(sender), ld, len, i;
	int added;

	if (!dname)
		dname = "";
	ld = strlen(dname);
	len = ls + 1 + ld;
	if (len + 1 > n->tmpcap) {
		n->tmpcap = len + 1 > 256 ? len + 1 : 256;
		n->tmp = bh_realloc(n->tmp, n->tmpcap);
	}
	memcpy(n->tmp, sender, ls + 1);
	memcpy(n->tmp + ls + 1, dname, ld + 1);
	i = bh_htab_find(&n->pairs, n->tmp, len, 1, &added);
	if (i >= n->cap) {
		n->cap = n->cap ? 2 * n->cap : 1024;
		n->last = bh_realloc(n->last, n->cap * sizeof *n->last);
	}
	if (added || ts > n->last[i])
		n->last[i] = ts;
}

void
xnames_flush(xnames *n, xnames_fn *fn, void *ctx)
{
	size_t i;

	for (i = 0; i < n->pairs.n; i++)
		fn(ctx, n->pairs.key[i], n->pairs.key[i] + strlen(n->pairs.key[i]) + 1, n->last[i]);
	bh_htab_reset(&n->pairs);
}
