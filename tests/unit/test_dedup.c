/* test_dedup.c: binhyen-extract's filters (stages/extract/dedup.c): what was
 * added is always "maybe" (a filter that forgot would store a duplicate), and
 * what was not is "no" nearly always (else they would save nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../stages/extract/dedup.c"
#include "t.h"

#define N 200000

int
main(void)
{
	static struct xnomsgid m;
	xseen *s = xseen_new();
	char id[32], gid[32];
	int i, missed = 0, false_hits = 0;

	for (i = 0; i < N; i++) {
		snprintf(id, sizeof id, "%d", 7000000 + i * 3);
		snprintf(gid, sizeof gid, "g%d", i % 17);
		false_hits += xseen_add(s, id, gid);
	}
	/* 3 bits of 512 in one of 2^16 blocks per pair, at most 200000 pairs
	 * (about 9 bits set per block): about 6e-6 false hits each */
	T_OK(false_hits < 10, "seen: %d of %d new pairs said added before", false_hits, N);
	false_hits = 0;
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof id, "%d", 7000000 + i * 3);
		snprintf(gid, sizeof gid, "g%d", i % 17);
		missed += !xseen_add(s, id, gid);
		/* the same msgId in another group, another msgId in the same group */
		snprintf(gid, sizeof gid, "g%d", i % 17 + 17);
		false_hits += xseen_add(s, id, gid);
		snprintf(id, sizeof id, "%d", 7000000 + i * 3 + 1);
		snprintf(gid, sizeof gid, "g%d", i % 17);
		false_hits += xseen_add(s, id, gid);
	}
	T_INT(missed, 0, "seen: every (msgId, group) added is said added again");
	/* up to 600000 pairs by the end: about 1.5e-4 false hits each */
	T_OK(false_hits < 200, "seen: %d false hits in %d pairs never added", false_hits, 2 * N);
	/* the hash covers the boundary between msgId and group */
	xseen_free(s);
	s = xseen_new();
	T_OK(!xseen_add(s, "12", "3"), "seen: (\"12\", \"3\") new");
	T_OK(xseen_add(s, "12", "3"), "seen: (\"12\", \"3\") added before");
	T_OK(!xseen_add(s, "1", "23"), "seen: (\"1\", \"23\") is another pair");
	xseen_free(s);

	missed = false_hits = 0;
	for (i = 0; i < 1000; i++) {
		snprintf(id, sizeof id, "17%011d", i * 7919);
		xnomsgid_add(&m, id);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(id, sizeof id, "17%011d", i * 7919);
		missed += !xnomsgid_maybe(&m, id);
		snprintf(id, sizeof id, "17%011d", i * 7919 + 1);
		false_hits += xnomsgid_maybe(&m, id);
	}
	T_INT(missed, 0, "no-msgId bitmap: every cliMsgId added is maybe");
	/* 1000 bits of 2^20 set: about one false hit in a thousand */
	T_OK(false_hits < 10, "no-msgId bitmap: %d false hits in 1000", false_hits);
	return T_DONE();
}
