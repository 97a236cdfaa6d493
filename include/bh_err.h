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
/* Usage or system error: report and exit 2. Invalid UTF-8 and control
 * characters in any message are shown escaped ("\xHH"). */
noreturn void bh_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Messages that may come many times (every line of a roster with one mistake
 * throughout, every record of an export rejected for one reason): of each kind
 * the first BH_MANY_SHOWN are printed, the others counted, and bh_many_end()
 * prints "and N more like this: <the first>" for each kind held back, then
 * forgets them (call it where a batch ends: the end of a file, an entry).
 * KIND groups them (NULL: the format itself is the kind). bh_bad_many raises
 * the exit status like bh_bad, shown or not. bh_die and bh_exit_status call
 * bh_many_end first. Safe from several threads. */
#define BH_MANY_SHOWN 5
void bh_warn_many(const char *kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bh_bad_many(const char *kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bh_many_end(void);
/* Called once by bh_die after its message, before exiting: the database
 * module adds what to do about a database error (see bh_db.h). */
extern void (*bh_die_hook)(void);
/* Progress/notes on stderr unless -q. */
void bh_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Flush and close stdout; dies if that fails. Returns bh_status. */
int bh_exit_status(void);

/* Checked allocation: dies (exit 2) when memory runs out. */
void *bh_malloc(size_t n);
void *bh_realloc(void *p, size_t n);
char *bh_strdup(const char *s);

#endif
