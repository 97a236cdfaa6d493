/* round.c: the integer arithmetic of figures (metrics.md): every rounding
 * half up, no floating point. */
#include <stddef.h>

#include "bh_round.h"

long long
bh_floordiv(long long a, long long b)
{
	long long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

long long
bh_ms_tenths(long long ms)
{
	return bh_floordiv(ms + 3000, 6000);
}

long long
bh_pct_tenths(long long num, long long den)
{
	return bh_floordiv(2000 * num + den, 2 * den);
}

long long
bh_percentile_tenths(const long long *v, size_t n, int pnum, int pden)
{
	long long pos, lo, r, x;

	if (n == 0)
		return 0;
	pos = (long long)pnum * (long long)(n - 1);
	lo = pos / pden;
	r = pos % pden;
	x = v[lo] * pden + (r ? (v[lo + 1] - v[lo]) * r : 0);
	return bh_floordiv(2 * x + pden, 2 * (long long)pden);
}
