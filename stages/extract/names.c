/* names.c: an open-addressing hash table of (sender, display name) -> latest
 * time. A source holds thousands of pairs for hundreds of thousands of
 * messages, so the table stays small. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_hash.h"
#include "names.h"

struct slot {
	char *key;		/* sender NUL dname NUL; NULL when free */
	size_t len;		/* of both, with the first NUL */
	uint32_t hash;
	long long last;
};

struct xnames {
	struct slot *s;
	size_t cap, n;		/* cap: a power of two */
	char *tmp;		/* the key being looked up */
	size_t tmpcap;
};

xnames *
xnames_new(void)
{
	xnames *n = bh_malloc(sizeof *n);

	n->cap = 1024;
	n->n = 0;
	n->tmp = NULL;
	n->tmpcap = 0;
	n->s = bh_realloc(NULL, n->cap * sizeof *n->s);
	memset(n->s, 0, n->cap * sizeof *n->s);
	return n;
}

void
xnames_free(xnames *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->cap; i++)
		free(n->s[i].key);
	free(n->s);
	free(n->tmp);
	free(n);
}

static struct slot *
find(struct slot *s, size_t cap, uint32_t h, const char *key, size_t len)
{
	size_t i = h & (cap - 1);

	while (s[i].key && !(s[i].hash == h && s[i].len == len && memcmp(s[i].key, key, len) == 0))
		i = (i + 1) & (cap - 1);
	return &s[i];
}

static void
grow(xnames *n)
{
	struct slot *old = n->s;
	size_t i, cap = n->cap;

	n->cap *= 2;
	n->s = bh_realloc(NULL, n->cap * sizeof *n->s);
	memset(n->s, 0, n->cap * sizeof *n->s);
	for (i = 0; i < cap; i++)
		if (old[i].key)
			*find(n->s, n->cap, old[i].hash, old[i].key, old[i].len) = old[i];
	free(old);
}

void
xnames_add(xnames *n, const char *sender, const char *dname, long long ts)
{
	size_t ls = strlen(sender), ld, len;
	struct slot *s;
	uint32_t h;

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
	h = (uint32_t)bh_fnv1a(BH_FNV_INIT, n->tmp, len);
	s = find(n->s, n->cap, h, n->tmp, len);
	if (s->key) {
		if (ts > s->last)
			s->last = ts;
		return;
	}
	s->key = bh_malloc(len + 1);
	memcpy(s->key, n->tmp, len + 1);
	s->len = len;
	s->hash = h;
	s->last = ts;
	if (++n->n * 2 > n->cap)
		grow(n);
}

void
xnames_flush(xnames *n, xnames_fn *fn, void *ctx)
{
	size_t i;

	for (i = 0; i < n->cap; i++) {
		struct slot *s = &n->s[i];
		if (!s->key)
			continue;
		fn(ctx, s->key, s->key + strlen(s->key) + 1, s->last);
		free(s->key);
		s->key = NULL;
	}
	n->n = 0;
}
