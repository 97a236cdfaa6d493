/* t.h: a tiny TAP-style harness for unit tests: each check prints ok / not ok. */
#ifndef T_H
#define T_H
#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define T_OK(cond, ...) do { \
	if (cond) { t_pass++; printf("ok - "); } \
	else { t_fail++; printf("not ok - %s:%d: ", __FILE__, __LINE__); } \
	printf(__VA_ARGS__); putchar('\n'); } while (0)

#define T_STR(got, want, name) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0); \
	T_OK(same_, "%s", name); \
	if (!same_) printf("#   got  '%s'\n#   want '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

#define T_INT(got, want, name) do { \
	long long g_ = (got), w_ = (want); \
	T_OK(g_ == w_, "%s", name); \
	if (g_ != w_) printf("#   got  %lld\n#   want %lld\n", g_, w_); \
	} while (0)

#define T_DONE() (printf("# %d passed, %d failed\n", t_pass, t_fail), t_fail ? 1 : 0)

#endif
