/* htab.c: the one in-memory hash table (bh_htab.h). */
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_hash.h"
#include "bh_htab.h"

static void
place(bh_htab *m, size_t i)
{
	size_t j, mask = m->nslot - 1;

	for (j = m->hash[i] & mask; m->slot[j]; j = (j + 1) & mask)
		;
	m->slot[j] = i + 1;
}

static void
grow(bh_htab *m)
{
	size_t i;

	m->nslot = m->nslot ? 2 * m->nslot : 1024;
	free(m->slot);
	m->slot = bh_malloc(m->nslot * sizeof *m->slot);
	memset(m->slot, 0, m->nslot * sizeof *m->slot);
	for (i = 0; i < m->n; i++)
		place(m, i);
}

size_t
bh_htab_find(bh_htab *m, const void *key, size_t len, int add, int *added)
{
	uint32_t h = (uint32_t)bh_fnv1a(BH_FNV_INIT, key, len);
	size_t j, i, mask = m->nslot - 1;

	if (added)
		*added = 0;
	if (m->nslot)
		for (j = h & mask; m->slot[j]; j = (j + 1) & mask) {
			i = m->slot[j] - 1;
			if (m->hash[i] == h && m->len[i] == len && memcmp(m->key[i], key, len) == 0)
				return i;
		}
	if (!add)
		return BH_HTAB_NONE;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->key = bh_realloc(m->key, m->cap * sizeof *m->key);
		m->len = bh_realloc(m->len, m->cap * sizeof *m->len);
		m->hash = bh_realloc(m->hash, m->cap * sizeof *m->hash);
	}
	i = m->n++;
	m->key[i] = bh_malloc(len + 1);
	memcpy(m->key[i], key, len);
	m->key[i][len] = '\0';
	m->len[i] = len;
	m->hash[i] = h;
	if (2 * m->n > m->nslot)
		grow(m);
	else
		place(m, i);
	if (added)
		*added = 1;
	return i;
}

size_t
bh_htab_str(bh_htab *m, const char *s, int add, int *added)
{
	return bh_htab_find(m, s, strlen(s), add, added);
}

void
bh_htab_reset(bh_htab *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->key[i]);
	m->n = 0;
	if (m->slot)
		memset(m->slot, 0, m->nslot * sizeof *m->slot);
}

void
bh_htab_free(bh_htab *m)
{
	bh_htab_reset(m);
	free(m->key);
	free(m->len);
	free(m->hash);
	free(m->slot);
	memset(m, 0, sizeof *m);
}
