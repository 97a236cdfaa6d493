/* test_names.c: binhyen-extract's (sender, display name) -> latest time table
 * (stages/extract/names.c), against expectations computed beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../stages/extract/names.c"
#include "t.h"

/* Pair i is sender "s<i % 1700>" with name "n<i / 1700>", except the pairs of
 * block 2 (i from 3400), sent without a name. Grows the table past its start. */
#define N 5000
#define BLOCK 1700

static long long want[N];
static char seen[N];
static int got_n, bad;

static void
check_pair(void *ctx, const char *sender, const char *dname, long long last)
{
	int s, d = 2, i;

	(void)ctx;
	got_n++;
	if (sscanf(sender, "s%d", &s) != 1 || (*dname && sscanf(dname, "n%d", &d) != 1) ||
	    (*dname && d == 2)) {
		bad++;
		return;
	}
	i = d * BLOCK + s;
	if (i < 0 || i >= N || seen[i] || want[i] != last)
		bad++;
	else
		seen[i] = 1;
}

static long long long_last;

static void
count_long(void *ctx, const char *sender, const char *dname, long long last)
{
	(void)ctx, (void)sender;
	got_n++;
	if (strlen(dname) == 2999)
		long_last = last;
}

int
main(void)
{
	xnames *n = xnames_new();
	char sender[32], dname[32], big[3000];
	int i, k;

	/* each pair three times, times going up and down: the largest counts */
	for (k = 0; k < 3; k++)
		for (i = 0; i < N; i++) {
			long long ts = 1000000 + (i * 7919LL + k * 104729LL) % 100000;
			snprintf(sender, sizeof sender, "s%d", i % BLOCK);
			snprintf(dname, sizeof dname, "n%d", i / BLOCK);
			if (ts > want[i])
				want[i] = ts;
			xnames_add(n, sender, i / BLOCK == 2 ? NULL : dname, ts);
		}
	xnames_flush(n, check_pair, NULL);
	T_INT(got_n, N, "every distinct pair once");
	T_INT(bad, 0, "each pair with its latest time; a missing name filed as \"\"");
	got_n = 0;
	xnames_flush(n, check_pair, NULL);
	T_INT(got_n, 0, "a flush forgets the pairs");

	/* a name longer than any fixed buffer; the table reused after a flush */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	xnames_add(n, "s1", big, 5);
	xnames_add(n, "s1", big, 7);
	xnames_add(n, "s1", big, 6);
	xnames_add(n, "s1", "x", 1);
	got_n = 0;
	xnames_flush(n, count_long, NULL);
	T_INT(got_n, 2, "a long name and a short one: two pairs");
	T_INT(long_last, 7, "the long name's latest time");
	xnames_free(n);
	return T_DONE();
}
