/* bh_err.h: the one error helper: "prog: what went wrong", exit codes 0/1/2. */
#ifndef BH_ERR_H
#define BH_ERR_H
#include <stddef.h>
#include <stdnoreturn.h>

#include "bh_i18n.h"

enum { BH_OK = 0, BH_BADINPUT = 1, BH_FATAL = 2 };

extern const char *bh_prog;	/* program name for messages */
extern int bh_status;		/* exit status so far: raised by bh_bad() */
extern int bh_quiet;		/* -q: no progress or notes */

/* Names the program for messages and chooses their language (bh_i18n_init);
 * a file size limit makes writes fail (EFBIG), not kill. */
void bh_init(const char *argv0);
/* A format ending in ':' appends strerror(errno), as sbase's eprintf. */
void bh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Bad input: report and raise the exit status to 1; the run goes on. */
void bh_bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage or system error: report and exit 2. */
noreturn void bh_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Progress/notes on stderr unless -q. */
void bh_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Flush and close stdout; dies if that fails. Returns bh_status. */
int bh_exit_status(void);

/* Checked allocation: dies (exit 2) when memory runs out. */
void *bh_malloc(size_t n);
void *bh_realloc(void *p, size_t n);
char *bh_strdup(const char *s);

#endif
