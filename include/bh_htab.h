/* bh_htab.h: the one in-memory hash table: a set of byte strings, each with a
 * dense index (0, 1, 2… in the order added) that the caller's own arrays are
 * indexed by. Open addressing over index + 1 (0: a free slot), FNV-1a
 * (bh_hash.h), at most half full. Keys are copied (with a NUL after them). */
#ifndef BH_HTAB_H
#define BH_HTAB_H
#include <stddef.h>
#include <stdint.h>

#define BH_HTAB_NONE ((size_t)-1)

typedef struct bh_htab {
	char **key;		/* key[i]: the i-th key added */
	size_t *len;		/* its length */
	uint32_t *hash;		/* its hash, so that growing rehashes nothing */
	size_t n, cap;
	size_t *slot;
	size_t nslot;		/* a power of two, at least twice n */
} bh_htab;
#define BH_HTAB_INIT { NULL, NULL, NULL, 0, 0, NULL, 0 }

/* The index of KEY (LEN bytes); added when new (*added set, if given) when
 * ADD, else BH_HTAB_NONE. Adding may move key[]: take pointers after it. */
size_t bh_htab_find(bh_htab *m, const void *key, size_t len, int add, int *added);
/* The same for a NUL-terminated string. */
size_t bh_htab_str(bh_htab *m, const char *s, int add, int *added);
/* Forgets every key, keeping the memory for the next ones. */
void bh_htab_reset(bh_htab *m);
void bh_htab_free(bh_htab *m);

#endif
