/* test_period.c: period forms, cut-off day, previous and last-year periods, UTC+7. */
#include <string.h>

#include "bh_labels.h"
#include "bh_period.h"
#include "t.h"

static void
range_is(const struct bh_period *p, const char *first, const char *last, const char *name)
{
	char a[11], b[11], got[32], want[32];

	bh_fmt_day(p->first, a);
	bh_fmt_day(p->last, b);
	snprintf(got, sizeof got, "%s..%s", a, b);
	snprintf(want, sizeof want, "%s..%s", first, last);
	T_STR(got, want, name);
}

static void
parse_is(const char *s, int cutoff, const char *first, const char *last)
{
	struct bh_period p;
	char name[64];

	snprintf(name, sizeof name, "%s cutoff %d", s, cutoff);
	if (bh_period_parse(s, cutoff, &p) < 0) {
		T_OK(0, "%s parses", name);
		return;
	}
	range_is(&p, first, last, name);
}

static void
test_forms(void)
{
	struct bh_period p;

	parse_is("2024-03", 0, "2024-03-01", "2024-03-31");
	parse_is("2024-02", 0, "2024-02-01", "2024-02-29");
	parse_is("2023-02", 0, "2023-02-01", "2023-02-28");
	parse_is("2024-Q1", 0, "2024-01-01", "2024-03-31");
	parse_is("2024-Q4", 0, "2024-10-01", "2024-12-31");
	parse_is("2024-H1", 0, "2024-01-01", "2024-06-30");
	parse_is("2024-H2", 0, "2024-07-01", "2024-12-31");
	parse_is("2024", 0, "2024-01-01", "2024-12-31");
	parse_is("2024-01-10..2024-02-20", 0, "2024-01-10", "2024-02-20");
	parse_is("2024-03", 15, "2024-02-15", "2024-03-14");
	parse_is("2024-H1", 15, "2023-12-15", "2024-06-14");
	parse_is("2024-01", 15, "2023-12-15", "2024-01-14");
	parse_is("2024", 20, "2023-12-20", "2024-12-19");
	parse_is("2024-Q2", 2, "2024-03-02", "2024-06-01");
	parse_is("2024-01-10..2024-02-20", 15, "2024-01-10", "2024-02-20");
	T_INT(bh_period_parse("2024-13", 0, &p), -1, "month 13 rejected");
	T_INT(bh_period_parse("2024-Q5", 0, &p), -1, "Q5 rejected");
	T_INT(bh_period_parse("2024-H3", 0, &p), -1, "H3 rejected");
	T_INT(bh_period_parse("2024-02-30..2024-03-01", 0, &p), -1, "30 Feb rejected");
	T_INT(bh_period_parse("2024-03-02..2024-03-01", 0, &p), BH_P_REVERSED,
	    "reversed range rejected as reversed");
	parse_is("2024-q1", 0, "2024-01-01", "2024-03-31");
	parse_is("2024-h2", 0, "2024-07-01", "2024-12-31");
	T_INT(bh_period_parse("1969", 0, &p), -1, "1969 rejected");
	T_INT(bh_period_parse("2024-03", 1, &p), -1, "cutoff 1 rejected");
	T_INT(bh_period_parse("2024-03", 29, &p), -1, "cutoff 29 rejected");
	T_INT(bh_period_parse("24-03", 0, &p), -1, "short year rejected");
	T_INT(bh_period_parse("2024-03x", 0, &p), -1, "trailing junk rejected");
}

static void
rel_is(const char *s, int cutoff, int last_year, const char *first, const char *last)
{
	struct bh_period p, q;
	char name[80];

	snprintf(name, sizeof name, "%s of %s cutoff %d", last_year ? "last year" : "prev", s, cutoff);
	if (bh_period_parse(s, cutoff, &p) < 0) {
		T_OK(0, "%s parses", name);
		return;
	}
	q = last_year ? bh_period_last_year(&p) : bh_period_prev(&p);
	range_is(&q, first, last, name);
}

static void
test_relative(void)
{
	rel_is("2024-03", 0, 0, "2024-02-01", "2024-02-29");
	rel_is("2024-01", 0, 0, "2023-12-01", "2023-12-31");
	rel_is("2024-Q1", 0, 0, "2023-10-01", "2023-12-31");
	rel_is("2024-H1", 0, 0, "2023-07-01", "2023-12-31");
	rel_is("2024-H2", 0, 0, "2024-01-01", "2024-06-30");
	rel_is("2024", 0, 0, "2023-01-01", "2023-12-31");
	rel_is("2024-03", 15, 0, "2024-01-15", "2024-02-14");
	rel_is("2024-01-10..2024-02-20", 0, 0, "2023-11-29", "2024-01-09");
	rel_is("2024-03", 0, 1, "2023-03-01", "2023-03-31");
	rel_is("2024-02", 0, 1, "2023-02-01", "2023-02-28");
	rel_is("2025-02", 0, 1, "2024-02-01", "2024-02-29");
	rel_is("2024-H1", 15, 1, "2022-12-15", "2023-06-14");
	rel_is("2024-02-29..2024-03-05", 0, 1, "2023-02-28", "2023-03-05");
	rel_is("2024-03", 30 - 2, 0, "2024-01-28", "2024-02-27");
}

static void
test_local_time(void)
{
	struct bh_period p;
	char ts[26];
	long long ms;

	bh_period_parse("2024-03", 0, &p);
	/* 2024-03-01 00:00 +07:00 is 2024-02-29 17:00 UTC. */
	T_INT(bh_period_start_ms(&p), 1709226000000LL, "period start at local midnight");
	T_INT(bh_period_end_ms(&p), 1711904400000LL, "period end exclusive");
	bh_fmt_ts(1709258400000LL, ts);
	T_STR(ts, "2024-03-01T09:00:00+07:00", "ISO time with offset");
	bh_fmt_ts(1709225999999LL, ts);
	T_STR(ts, "2024-02-29T23:59:59+07:00", "just before local midnight");
	T_INT(bh_local_day(1709226000000LL), bh_days_from_civil(2024, 3, 1), "local day at midnight");
	T_INT(bh_local_day(1709225999999LL), bh_days_from_civil(2024, 2, 29), "local day before");
	T_INT(bh_weekday(bh_days_from_civil(2024, 3, 4)), 1, "2024-03-04 is a Monday");
	T_INT(bh_weekday(bh_days_from_civil(2024, 3, 3)), 7, "2024-03-03 is a Sunday");
	T_INT(bh_week_start(bh_days_from_civil(2024, 3, 1)), bh_days_from_civil(2024, 2, 26),
	    "week of 2024-03-01 starts on 2024-02-26");
	T_INT(bh_parse_local("2024-03-01T10:20", &ms), 0, "local time parses");
	T_INT(ms, 1709263200000LL, "local time is UTC+7");
	T_INT(bh_parse_local("2024-03-01 10:20:30", &ms), 0, "with seconds and a space");
	T_INT(bh_parse_local("2024-03-01T24:00", &ms), -1, "hour 24 rejected");
	T_INT(bh_days_from_civil(2000, 2, 29) + 1, bh_days_from_civil(2000, 3, 1), "2000 is leap");
	T_INT(bh_days_in_month(1900, 2), 28, "1900 is not leap");
}

/* Names, folders and Vietnamese labels are made from the parsed period. */
static void
test_names(void)
{
	static const struct {
		const char *in;
		int cutoff;
		const char *name, *folder, *label;
	} c[] = {
		{"2024-03", 0, "2024-03", "out/2024-03", "Tháng 3 năm 2024"},
		{"2024-03", 15, "2024-03", "out/2024-03-c15", "Tháng 3 năm 2024"},
		{"2024-q1", 0, "2024-Q1", "out/2024-Q1", "Quý I năm 2024"},
		{"2024-Q4", 0, "2024-Q4", "out/2024-Q4", "Quý IV năm 2024"},
		{"2024-h2", 20, "2024-H2", "out/2024-H2-c20", "6 tháng cuối năm 2024"},
		{"2024-H1", 0, "2024-H1", "out/2024-H1", "6 tháng đầu năm 2024"},
		{"2024", 0, "2024", "out/2024", "Năm 2024"},
		{"2024-01-10..2024-02-20", 15, "2024-01-10..2024-02-20",
		    "out/2024-01-10..2024-02-20", "Từ 10/01/2024 đến 20/02/2024"},
	};
	struct bh_period p;
	char name[24], buf[128], what[96];
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		if (bh_period_parse(c[i].in, c[i].cutoff, &p) < 0) {
			T_OK(0, "%s parses", c[i].in);
			continue;
		}
		bh_period_name(&p, name);
		snprintf(what, sizeof what, "%s cutoff %d: name", c[i].in, c[i].cutoff);
		T_STR(name, c[i].name, what);
		bh_period_folder(&p, buf, sizeof buf);
		snprintf(what, sizeof what, "%s cutoff %d: folder", c[i].in, c[i].cutoff);
		T_STR(buf, c[i].folder, what);
		bh_period_label(&p, buf, sizeof buf);
		snprintf(what, sizeof what, "%s cutoff %d: label", c[i].in, c[i].cutoff);
		T_STR(buf, c[i].label, what);
	}
	T_INT(bh_date_vi("2024-03-02T09:00:00+07:00", buf), 0, "a timestamp's day");
	T_STR(buf, "02/03/2024", "its Vietnamese date");
	T_INT(bh_date_vi("2024-02-30", buf), -1, "30 February is no day");
	/* 2024-03-03 23:30 +07:00 (a Sunday) is 16:30 UTC; 00:30 +07:00 is the day before in UTC. */
	T_INT(bh_local_hour(1709483400000LL), 23, "local hour of a late evening");
	T_INT(bh_weekday(bh_local_day(1709483400000LL)), 7, "still Sunday in Vietnam");
	T_INT(bh_local_hour(1709487000000LL), 0, "local midnight half past");
	T_INT(bh_weekday(bh_local_day(1709487000000LL)), 1, "already Monday in Vietnam");
}

int
main(void)
{
	test_forms();
	test_names();
	test_relative();
	test_local_time();
	return T_DONE();
}
