/* bh_roster.h: the roster (CSV or .xlsx) read and checked; the stored roster seen from both
 * binhyen-roster and binhyen-metrics: sender matching (rebuilt from the roster
 * and the current senders, so messages added after the roster are matched too)
 * and the roster to-do list. bh_roster_read's rows are the caller's to free with
 * bh_roster_rows_free. */
#ifndef BH_ROSTER_H
#define BH_ROSTER_H
#include <stddef.h>
#include <sqlite3.h>

enum { BH_RC_UID, BH_RC_NAME, BH_RC_PHONE, BH_RC_THON, BH_RC_ROLE, BH_RC_N };

struct bh_roster_row {
	long line;		/* where the row starts in the file */
	char *cell[BH_RC_N];	/* trimmed; NULL when empty or the column is absent */
	const char *role;	/* "officer", "staff" or "resident" */
	unsigned char uid_cut;	/* the uid may be one Excel cut (bh_roster_cut_uids) */
	unsigned char bad;	/* a refused row, kept only because its uid may be cut */
};

typedef struct bh_roster_rows {
	struct bh_roster_row *row;
	size_t n, cap;
	int bad;		/* refused (bh_roster_read_file): only the uid_cut rows are left */
} bh_roster_rows;

/* Reads and checks roster CSV data (NUL-terminated at len, as bh_slurp gives
 * it), called name in messages. Every problem is reported with bh_bad as
 * "NAME:LINE: what to fix"; NULL when there was any: a roster loads whole or not. */
bh_roster_rows *bh_roster_read(const char *data, size_t len, const char *name);
/* The same from a file: a CSV, or the first sheet of an .xlsx workbook. When
 * rows were bad but the file could be read, it returns rows with bad set that
 * hold only the rows whose uid Excel may have cut, for bh_roster_cut_uids to
 * name with the other mistakes; NULL when the file could not be read. */
bh_roster_rows *bh_roster_read_file(const char *path);
void bh_roster_rows_free(bh_roster_rows *rows);
/* A roster of any size, never held whole: reads and checks the file as
 * bh_roster_read_file does, giving each row to FN as it is read (its strings
 * last for the call; a non-zero return stops the reading): the good rows, and
 * the bad ones whose uid Excel may have cut (bad set), so that those are named
 * too. Only the uids are kept (to find one given twice). 0, or -1 when any row
 * was bad or the file could not be read (each reported; the caller undoes what
 * FN did). */
typedef int bh_roster_fn(void *ctx, const struct bh_roster_row *w);
int bh_roster_each(const char *path, bh_roster_fn *fn, void *ctx);

/* Refuses the uids Excel cut (uid_cut rows matching no stored sender; db may
 * be NULL: no stored sender): each reported with bh_bad as "FILE:LINE: …" with
 * the fix. Returns how many. */
long bh_roster_cut_uids(sqlite3 *db, const bh_roster_rows *r, const char *file);
/* The same for the rows bh_roster_each gave, kept in temp.t_roster_cut (line,
 * uid) by the caller. */
long bh_roster_cut_uids_kept(sqlite3 *db, const char *file);
/* After a roster is stored and matched: when the database holds messages and
 * fewer than half of the roster's uids are senders, says so loudly (bh_bad). */
void bh_roster_uid_check(sqlite3 *db, const char *file);
/* The thôn a display name tells ("Lan - Thôn 3" -> "Thôn 3", "Mai (xóm Đông)"
 * -> "Xóm Đông"); NULL when it tells none. Free it. */
char *bh_thon_guess(const char *dname);

/* Rebuilds sender_match (sql/roster_match.sql). Dies on a database error. */
void bh_roster_match(sqlite3 *db);
/* Makes OUT/internal (0700, tightened when it exists) and writes its path into buf. 0 or -1 with errno. */
int bh_private_dir(const char *outdir, char *buf, size_t n);
/* Writes OUT/internal/roster_todo.csv and roster_todo.xlsx (0600): the unmatched
 * senders in the roster's own format, thôn pre-filled with the guess; the sheet
 * adds messages sent, first and last seen, and a list of the roles. 0, or -1
 * with errno. */
int bh_roster_todo(sqlite3 *db, const char *outdir);

#endif
