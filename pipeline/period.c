/* period.c: report periods and the local calendar of Asia/Ho_Chi_Minh (UTC+7). */
#include <stdio.h>
#include <string.h>

#include "bh_period.h"
#include "bh_round.h"

/* Howard Hinnant's days_from_civil: proleptic Gregorian, valid for any year here. */
long
bh_days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
bh_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
bh_days_in_month(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : len[m - 1];
}

long
bh_local_day(long long ms)
{
	return (long)bh_floordiv(ms + BH_TZ_MS, BH_DAY_MS);
}

int
bh_local_hour(long long ms)
{
	long long local = ms + BH_TZ_MS;

	return (int)((local - bh_floordiv(local, BH_DAY_MS) * BH_DAY_MS) / 3600000);
}

int
bh_weekday(long day)
{
	long r = (day + 3) % 7;	/* 1970-01-01 was a Thursday (4) */

	return (int)(r < 0 ? r + 7 : r) + 1;
}

long
bh_week_start(long day)
{
	return day - (bh_weekday(day) - 1);
}

void
bh_fmt_day(long day, char buf[11])
{
	char t[64];
	int y, m, d;

	bh_civil_from_days(day, &y, &m, &d);
	snprintf(t, sizeof t, "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(buf, t, 10);
	buf[10] = '\0';
}

void
bh_fmt_ts(long long ms, char buf[26])
{
	long long local = ms + BH_TZ_MS;
	long day = (long)bh_floordiv(local, BH_DAY_MS);
	long long sec = bh_floordiv(local - (long long)day * BH_DAY_MS, 1000);
	char t[96];
	int y, m, d;

	bh_civil_from_days(day, &y, &m, &d);
	snprintf(t, sizeof t, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y % 10000, m, d,
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	memcpy(buf, t, 25);
	buf[25] = '\0';
}

void
bh_fmt_local_min(long long ms, char buf[17])
{
	char t[26];

	bh_fmt_ts(ms, t);
	t[10] = ' ';
	memcpy(buf, t, 16);
	buf[16] = '\0';
}

/* Reads exactly n digits; -1 when one is missing. */
static int
digits(const char **s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (**s < '0' || **s > '9')
			return -1;
		v = v * 10 + (*(*s)++ - '0');
	}
	return v;
}

static int
parse_date(const char **s, long *day)
{
	int y, m, d;

	if ((y = digits(s, 4)) < 0 || *(*s)++ != '-' || (m = digits(s, 2)) < 0 ||
	    *(*s)++ != '-' || (d = digits(s, 2)) < 0)
		return -1;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > bh_days_in_month(y, m))
		return -1;
	*day = bh_days_from_civil(y, m, d);
	return 0;
}

int
bh_parse_day(const char *s, long *day)
{
	return parse_date(&s, day) == 0 && *s == '\0' ? 0 : -1;
}

int
bh_parse_local(const char *s, long long *ms)
{
	long day;
	int h, mi, sec = 0;

	if (parse_date(&s, &day) < 0 || (*s != 'T' && *s != ' '))
		return -1;
	s++;
	if ((h = digits(&s, 2)) < 0 || *s++ != ':' || (mi = digits(&s, 2)) < 0)
		return -1;
	if (*s == ':' && (s++, (sec = digits(&s, 2)) < 0))
		return -1;
	if (*s != '\0' || h > 23 || mi > 59 || sec > 59)
		return -1;
	*ms = (long long)day * BH_DAY_MS - BH_TZ_MS + ((h * 60LL + mi) * 60 + sec) * 1000;
	return 0;
}

/* Month index counted from year 0, so that stepping over years is plain arithmetic. */
static long
mindex(int y, int m)
{
	return y * 12L + (m - 1);
}

static long
day_of_mindex(long mi, int d)
{
	int y = (int)(mi / 12), m = (int)(mi % 12) + 1;

	if (d > bh_days_in_month(y, m))
		d = bh_days_in_month(y, m);
	return bh_days_from_civil(y, m, d);
}

static int
months_of(enum bh_pkind k)
{
	return k == BH_P_MONTH ? 1 : k == BH_P_QUARTER ? 3 : k == BH_P_HALF ? 6 : 12;
}

/* Sets first/last of a named period from kind, year, n and cutoff. */
static void
named_days(struct bh_period *p)
{
	int len = months_of(p->kind);
	long first = mindex(p->year, 1) + (long)(p->n - 1) * len, last = first + len - 1;

	if (p->cutoff) {
		p->first = day_of_mindex(first - 1, p->cutoff);
		p->last = day_of_mindex(last, p->cutoff - 1);
	} else {
		p->first = day_of_mindex(first, 1);
		p->last = day_of_mindex(last, 31);
	}
}

int
bh_period_parse(const char *s, int cutoff, struct bh_period *p)
{
	const char *t = s;
	int y, v;

	memset(p, 0, sizeof *p);
	if (cutoff != 0 && (cutoff < 2 || cutoff > 28))
		return -1;
	if (strstr(s, "..")) {
		p->kind = BH_P_DAYS;
		if (parse_date(&t, &p->first) < 0 || strncmp(t, "..", 2) != 0)
			return -1;
		t += 2;
		if (parse_date(&t, &p->last) < 0 || *t)
			return -1;
		return p->last < p->first ? BH_P_REVERSED : 0;
	}
	if ((y = digits(&t, 4)) < 1970)
		return -1;
	p->year = y;
	p->cutoff = cutoff;
	p->n = 1;
	if (*t == '\0') {
		p->kind = BH_P_YEAR;
	} else if (*t++ != '-') {
		return -1;
	} else if (*t == 'Q' || *t == 'q' || *t == 'H' || *t == 'h') {
		p->kind = (*t == 'Q' || *t == 'q') ? BH_P_QUARTER : BH_P_HALF;
		t++;
		v = *t++ - '0';
		if (v < 1 || v > (p->kind == BH_P_QUARTER ? 4 : 2) || *t)
			return -1;
		p->n = v;
	} else {
		p->kind = BH_P_MONTH;
		if ((v = digits(&t, 2)) < 1 || v > 12 || *t)
			return -1;
		p->n = v;
	}
	named_days(p);
	return 0;
}

void
bh_period_name(const struct bh_period *p, char buf[24])
{
	char a[11], b[11];

	switch (p->kind) {
	case BH_P_MONTH: snprintf(buf, 24, "%04d-%02d", p->year % 10000, p->n % 100); break;
	case BH_P_QUARTER: snprintf(buf, 24, "%04d-Q%d", p->year % 10000, p->n % 10); break;
	case BH_P_HALF: snprintf(buf, 24, "%04d-H%d", p->year % 10000, p->n % 10); break;
	case BH_P_YEAR: snprintf(buf, 24, "%04d", p->year % 10000); break;
	case BH_P_DAYS:
		bh_fmt_day(p->first, a);
		bh_fmt_day(p->last, b);
		snprintf(buf, 24, "%s..%s", a, b);
		break;
	}
}

void
bh_period_folder(const struct bh_period *p, char *buf, size_t n)
{
	char name[24];

	bh_period_name(p, name);
	if (p->cutoff)
		snprintf(buf, n, "out/%s-c%d", name, p->cutoff);
	else
		snprintf(buf, n, "out/%s", name);
}

struct bh_period
bh_period_prev(const struct bh_period *p)
{
	struct bh_period q = *p;
	int per_year = 12 / months_of(p->kind);

	if (p->kind == BH_P_DAYS) {
		q.last = p->first - 1;
		q.first = q.last - (p->last - p->first);
		return q;
	}
	if (--q.n < 1) {
		q.n = per_year;
		q.year--;
	}
	named_days(&q);
	return q;
}

static long
day_year_back(long day)
{
	int y, m, d;

	bh_civil_from_days(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return bh_days_from_civil(y - 1, m, d);
}

struct bh_period
bh_period_last_year(const struct bh_period *p)
{
	struct bh_period q = *p;

	if (p->kind == BH_P_DAYS) {
		q.first = day_year_back(p->first);
		q.last = day_year_back(p->last);
		return q;
	}
	q.year--;
	named_days(&q);
	return q;
}

long long
bh_period_start_ms(const struct bh_period *p)
{
	return (long long)p->first * BH_DAY_MS - BH_TZ_MS;
}

long long
bh_period_end_ms(const struct bh_period *p)
{
	return (long long)(p->last + 1) * BH_DAY_MS - BH_TZ_MS;
}
