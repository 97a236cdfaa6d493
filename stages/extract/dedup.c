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

/* The Bloom filter's block and three bits for (msgId, group): the low bits of
 * one 64-bit hash pick the block, three 9-bit pieces of its high half the
 * bits. */
int
xseen_add(xseen *s, const char *msg_id, const char *group_id)
{
	uint64_t h = bh_fnv1a(BH_FNV_INIT, msg_id, strlen(msg_id) + 1);
	unsigned char *block;
	unsigned i, bit, all = 1;

	h = bh_fnv1a(h, group_id, strlen(group_id));
	h ^= h >> 33;	/* spread every byte's bits over all 64 (MurmurHash3's finish) */
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	block = s->bits + (size_t)(h & (SEEN_BITS / 512 - 1)) * 64;
	for (i = 0; i < 3; i++) {
		bit = (unsigned)(h >> (32 + 9 * i)) & 511;
		all &= block[bit / 8] >> (bit % 8) & 1u;
		block[bit / 8] |= (unsigned char)(1u << (bit % 8));
	}
	return (int)all;
}
