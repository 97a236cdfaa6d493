/* test_htab.c: the one hash table: dense indexes in the order added, keys with
 * NUL bytes inside, growth past many slots, reset. */
#include <stdio.h>
#include <string.h>

#include "bh_hash.h"
#include "bh_htab.h"
#include "t.h"

int
main(void)
{
	bh_htab m = BH_HTAB_INIT;
	char k[32];
	size_t i, bad = 0;
	int added;

	T_INT(bh_htab_str(&m, "a", 0, NULL), BH_HTAB_NONE, "not found in an empty table");
	T_INT(bh_htab_str(&m, "a", 1, &added), 0, "the first key gets index 0");
	T_INT(added, 1, "and is said added");
	T_INT(bh_htab_str(&m, "a", 1, &added), 0, "found again at 0");
	T_INT(added, 0, "not added twice");
	/* "x\0y" and "x\0z" differ only after the NUL: two keys. */
	T_INT(bh_htab_find(&m, "x\0y", 3, 1, NULL), 1, "a key with a NUL inside");
	T_INT(bh_htab_find(&m, "x\0z", 3, 1, NULL), 2, "another after the same NUL");
	T_INT(bh_htab_str(&m, "x", 0, NULL), BH_HTAB_NONE, "its prefix is another key");
	for (i = 0; i < 100000; i++) {
		snprintf(k, sizeof k, "uid%zu", i);
		if (bh_htab_str(&m, k, 1, NULL) != i + 3)
			bad++;
	}
	T_INT(bad, 0, "100000 keys: indexes dense, in the order added");
	for (i = 0, bad = 0; i < 100000; i++) {
		snprintf(k, sizeof k, "uid%zu", i);
		if (bh_htab_str(&m, k, 0, NULL) != i + 3 || strcmp(m.key[i + 3], k) != 0)
			bad++;
	}
	T_INT(bad, 0, "each found at its index, its key kept");
	T_INT(m.nslot >= 2 * m.n, 1, "at most half full");
	bh_htab_reset(&m);
	T_INT(m.n, 0, "reset forgets the keys");
	T_INT(bh_htab_str(&m, "uid5", 0, NULL), BH_HTAB_NONE, "a key gone after reset");
	T_INT(bh_htab_str(&m, "b", 1, NULL), 0, "indexes start again at 0");
	bh_htab_free(&m);
	T_INT(bh_fnv1a(BH_FNV_INIT, "a", 1), 0xaf63dc4c8601ec8cULL, "FNV-1a 64 of \"a\"");
	return T_DONE();
}
