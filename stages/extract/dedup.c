/* dedup.c: binhyen-extract's no-msgId bitmap and seen filter (dedup.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_hash.h"
#include "dedup.h"

#define SEEN_BITS (1u << 25)	/* 4 MiB: few false hits up to 5M messages */

struct xseen {
	unsigned char bits[SEEN_BITS / 8];
};

/* The bit of a cliMsgId in the bitmap. */
static size_t
nomsgid_bit(const char *cli)
{
	return (size_t)(bh_fnv1a(BH_FNV_INIT, cli, strlen(cli)) & (XNOMSGID_BITS - 1));
}

void
xnomsgid_add(struct xnomsgid *m, const char *cli)
{
	size_t b = nomsgid_bit(cli);

	m->bits[b / 8] |= (unsigned char)(1u << (b % 8));
}

int
xnomsgid_maybe(const struct xnomsgid *m, const char *cli)
{
	size_t b = nomsgid_bit(cli);

	return (m->bits[b / 8] & (1u << (b % 8))) != 0;
}

xseen *
xseen_new(void)
{
	xseen *s = bh_malloc(sizeof *s);

	memset(s, 0, sizeof *s);
	return s;
}

void
xseen_free(xseen *s)
{
	free(s);
}

/* The Bloom filter's three bits for (msgId, group): *h1 + i * *h2, the two
 * halves of one 64-bit hash. */
static void
seen_hash(const char *msg_id, const char *group_id, uint32_t *h1, uint32_t *h2)
{
	uint64_t h = bh_fnv1a(BH_FNV_INIT, msg_id, strlen(msg_id) + 1);

	h = bh_fnv1a(h, group_id, strlen(group_id));
	*h1 = (uint32_t)h;
	*h2 = (uint32_t)(h >> 32) | 1;
}

int
xseen_maybe(const xseen *s, const char *msg_id, const char *group_id)
{
	uint32_t h1, h2, i, bit;

	seen_hash(msg_id, group_id, &h1, &h2);
	for (i = 0; i < 3; i++) {
		bit = (h1 + i * h2) & (SEEN_BITS - 1);
		if (!(s->bits[bit / 8] & (1u << (bit % 8))))
			return 0;
	}
	return 1;
}

void
xseen_add(xseen *s, const char *msg_id, const char *group_id)
{
	uint32_t h1, h2, i, bit;

	seen_hash(msg_id, group_id, &h1, &h2);
	for (i = 0; i < 3; i++) {
		bit = (h1 + i * h2) & (SEEN_BITS - 1);
		s->bits[bit / 8] |= (unsigned char)(1u << (bit % 8));
	}
}
