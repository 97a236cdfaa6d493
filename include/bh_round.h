/* bh_round.h: the integer arithmetic of figures (metrics.md). */
#ifndef BH_ROUND_H
#define BH_ROUND_H
#include <stddef.h>

/* All rounding is half up, in integer arithmetic. */
/* Response tenths of a minute from milliseconds: floor((ms + 3000) / 6000). */
long long bh_ms_tenths(long long ms);
/* 100 * num / den in tenths (one decimal), half up; den > 0. */
long long bh_pct_tenths(long long num, long long den);
/* Percentile pnum/pden (0.5 = 1/2, 0.9 = 9/10) of n sorted tenths values with
 * linear interpolation between closest ranks, rounded half up to tenths. */
long long bh_percentile_tenths(const long long *sorted, size_t n, int pnum, int pden);
/* floor(a / b) for b > 0, whatever a's sign. */
long long bh_floordiv(long long a, long long b);

#endif
