/* bh_period.h: report periods and local time, always Asia/Ho_Chi_Minh (UTC+07:00,
 * no daylight saving), computed by hand: the machine's time zone is never used.
 * Days are counted from 1970-01-01 (local calendar); times are epoch milliseconds. */
#ifndef BH_PERIOD_H
#define BH_PERIOD_H
#include <stddef.h>

#define BH_TZ_MS (7LL * 3600 * 1000)
#define BH_DAY_MS (86400LL * 1000)

enum bh_pkind { BH_P_MONTH, BH_P_QUARTER, BH_P_HALF, BH_P_YEAR, BH_P_DAYS };

struct bh_period {
	enum bh_pkind kind;
	int year, n;		/* n: month 1-12, quarter 1-4, half 1-2 */
	int cutoff;		/* 0, or the cut-off day (2..28) */
	long first, last;	/* local days, inclusive */
};

/* The one grammar of a period: "2024-03", "2024-Q1", "2024-H1" (q and h in
 * lower case too), "2024", "2024-01-10..2024-02-20" (cutoff 0 or 2..28,
 * ignored for explicit days). 0; -1 when invalid; BH_P_REVERSED when a range
 * ends before it starts. */
#define BH_P_REVERSED (-2)
int bh_period_parse(const char *s, int cutoff, struct bh_period *p);
/* Its canonical name ("2024-Q1", "2024-01-10..2024-02-20") into buf[24]. */
void bh_period_name(const struct bh_period *p, char buf[24]);
/* The default output folder of a period: "out/2024-Q1", "out/2024-03-c15"
 * when a cut-off day shifts it (so two such runs never share a folder). */
void bh_period_folder(const struct bh_period *p, char *buf, size_t n);
/* The period of the same kind just before (explicit: as many days just before). */
struct bh_period bh_period_prev(const struct bh_period *p);
/* The same period one year earlier (explicit days: each date a year back, 29 Feb -> 28). */
struct bh_period bh_period_last_year(const struct bh_period *p);
/* [start, end) in epoch ms. */
long long bh_period_start_ms(const struct bh_period *p);
long long bh_period_end_ms(const struct bh_period *p);

long bh_days_from_civil(int y, int m, int d);
void bh_civil_from_days(long days, int *y, int *m, int *d);
int bh_days_in_month(int y, int m);
long bh_local_day(long long ms);		/* local day of an instant */
int bh_local_hour(long long ms);		/* local hour (0-23) of an instant */
int bh_weekday(long day);			/* 1 = Monday … 7 = Sunday */
long bh_week_start(long day);			/* the Monday of that week */

/* "2024-03-01" into buf[11]. */
void bh_fmt_day(long day, char buf[11]);
/* "2024-03-01T08:15:00+07:00" into buf[26] (seconds floored). */
void bh_fmt_ts(long long ms, char buf[26]);
/* "2024-03-01 08:15" (local, to the minute: as a sheet shows it) into buf[17]. */
void bh_fmt_local_min(long long ms, char buf[17]);
/* Parses local "YYYY-MM-DD" into a day; 0 or -1. */
int bh_parse_day(const char *s, long *day);
/* Parses local "YYYY-MM-DDTHH:MM[:SS]" (or a space for T) into epoch ms; 0 or -1. */
int bh_parse_local(const char *s, long long *ms);

#endif
