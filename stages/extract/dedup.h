/* dedup.h: binhyen-extract's two in-memory filters, which spare the database
 * lookups that would find nothing. Both may say "maybe" wrongly (then the
 * lookup runs and finds nothing), never "no" wrongly: they only save time,
 * and what is stored is the same without them.
 *  - the no-msgId bitmap: the cliMsgIds of the messages stored without a
 *    msgId, one hashed bit each; a copy with a msgId whose cliMsgId's bit is
 *    clear has no msgId-less copy to merge with (one is rarely set);
 *  - the seen filter, into an empty database only: the (msgId, group) of
 *    every message read, as a Bloom filter of three bits in one 64-byte
 *    block (one cache miss, not three); a copy not in it is new without
 *    asking SQLite. The reading thread keeps it (reader.h). */
#ifndef BH_EXTRACT_DEDUP_H
#define BH_EXTRACT_DEDUP_H

#define XNOMSGID_BITS (1u << 20)	/* 128 KiB */

struct xnomsgid {
	unsigned char bits[XNOMSGID_BITS / 8];
};

void xnomsgid_add(struct xnomsgid *m, const char *cli);
/* 0: no message was stored without a msgId with this cliMsgId. */
int xnomsgid_maybe(const struct xnomsgid *m, const char *cli);

typedef struct xseen xseen;

/* 4 MiB, few false hits up to 5M messages. */
xseen *xseen_new(void);
void xseen_free(xseen *s);
/* Adds (msg_id, group_id); 0 when it was never added before. */
int xseen_add(xseen *s, const char *msg_id, const char *group_id);

#endif
