/* bh_opt.h: the command line, the same way in every program: a bad option,
 * a number, a usage error are said in one wording (exit 2). */
#ifndef BH_OPT_H
#define BH_OPT_H
#include <getopt.h>
#include <stdio.h>
#include <stdnoreturn.h>

#include "bh_period.h"

/* The end of every usage(FILE *fp, int status): --help printed the usage on
 * stdout (flushed, or exit 2 when it cannot be written), a usage error on stderr. */
noreturn void bh_usage_exit(FILE *fp, int status);
/* "prog: WHAT\n(see 'prog --help')" on stderr, exit 2. */
noreturn void bh_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * getopt_long returned '?' or ':' (the option string must start with ':' and
 * opterr be 0): names the option at fault and what is wrong with it (unknown,
 * misspelled with the nearest name, ambiguous, a long option written with one
 * dash, a value missing or not allowed), then exits 2.
 */
noreturn void bh_opt_error(int c, int argc, char *const argv[], const struct option *lo);

/* A whole number in [lo, hi] given to OPT (e.g. "--cutoff-day"), or a usage error. */
long bh_optnum(const char *opt, const char *s, long lo, long hi);

/* The checks an option's value gets wherever it is given (the driver checks
 * before any stage runs, the stage again): each returns its value or exits 2. */
/* A period as metrics reads it, with the cut-off day (0: none). */
struct bh_period bh_opt_period(const char *opt, const char *s, int cutoff);
/* A Zalo uid: digits only. */
const char *bh_opt_uid(const char *opt, const char *s);
/* Roles "officer,staff,resident" (any of them, comma separated) into on[3]. */
void bh_opt_roles(const char *opt, const char *s, int on[3]);
/* One of the NULL-terminated words; its index. */
int bh_opt_word(const char *opt, const char *s, const char *const *words);
/* A group id: digits only (the id of tables/groups.csv). */
const char *bh_opt_group(const char *opt, const char *s);
/* A name (--commune, --unit, --superior): one line of UTF-8, at most 200 bytes. */
const char *bh_opt_name(const char *opt, const char *s);
/* A file that can be read now. */
const char *bh_opt_file(const char *opt, const char *s);

#endif
