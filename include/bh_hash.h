/* bh_hash.h: 64-bit FNV-1a, for binhyen's in-memory tables and filters (never
 * for anything stored or compared across runs). Chain calls to hash several
 * strings as one: h = bh_fnv1a(bh_fnv1a(BH_FNV_INIT, a, na), b, nb). */
#ifndef BH_HASH_H
#define BH_HASH_H
#include <stddef.h>
#include <stdint.h>

#define BH_FNV_INIT 14695981039346656037ull

static inline uint64_t
bh_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--)
		h = (h ^ *s++) * 1099511628211ull;
	return h;
}

#endif
