/* fuzz_period.c: libFuzzer target: any bytes as a --period (with and without
 * a cut-off day) and as the local days and times of the review file. */
#include <string.h>

#include "bh_period.h"
#include "fuzz.h"

/* A day survives formatting and parsing (parsing takes 1970 on only). */
static void
check_day(long day)
{
	char t[11];
	long again;
	int y, m, d;

	bh_civil_from_days(day, &y, &m, &d);
	FZ_CHECK(m >= 1 && m <= 12 && d >= 1 && d <= bh_days_in_month(y, m));
	FZ_CHECK(bh_days_from_civil(y, m, d) == day);
	bh_fmt_day(day, t);
	FZ_CHECK(y < 1970 || (bh_parse_day(t, &again) == 0 && again == day));
	FZ_CHECK(bh_weekday(day) >= 1 && bh_weekday(day) <= 7);
}

static void
check_period(const struct bh_period *p)
{
	struct bh_period prev = bh_period_prev(p), ly = bh_period_last_year(p);
	long long n = p->last - p->first + 1;

	FZ_CHECK(n >= 1);
	FZ_CHECK(bh_period_end_ms(p) - bh_period_start_ms(p) == n * BH_DAY_MS);
	/* the previous period ends the day before this one starts */
	FZ_CHECK(prev.last == p->first - 1 && prev.first <= prev.last);
	FZ_CHECK(ly.first <= ly.last && ly.first < p->first);
	FZ_CHECK(p->kind == BH_P_DAYS || ly.last < p->first);
	check_day(p->first);
	check_day(p->last);
	check_day(prev.first);
	check_day(ly.first);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int cutoffs[] = { 0, 2, 15, 28, 1, 29, -1 };
	char *s = fz_strndup(data, size);
	struct bh_period p;
	long day;
	long long ms;
	size_t i;

	for (i = 0; i < sizeof cutoffs / sizeof cutoffs[0]; i++) {
		if (bh_period_parse(s, cutoffs[i], &p) < 0)
			continue;
		FZ_CHECK(cutoffs[i] == 0 || (cutoffs[i] >= 2 && cutoffs[i] <= 28));
		check_period(&p);
	}
	if (bh_parse_day(s, &day) == 0)
		check_day(day);
	if (bh_parse_local(s, &ms) == 0) {
		char t[26];
		long long again;

		bh_fmt_ts(ms, t);
		t[19] = '\0';	/* without "+07:00" */
		FZ_CHECK(bh_parse_local(t, &again) == 0 && again == ms);
		FZ_CHECK(bh_local_day(ms) == bh_local_day(again));
	}
	free(s);
	return 0;
}
