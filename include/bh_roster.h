/* bh_roster.h: the stored roster seen from both binhyen-roster and binhyen-metrics:
 * sender matching (rebuilt from the roster and the current senders, so messages
 * added after the roster are matched too) and the roster to-do list. */
#ifndef BH_ROSTER_H
#define BH_ROSTER_H
#include <sqlite3.h>

/* Rebuilds sender_match (sql/roster_match.sql). Dies on a database error. */
void bh_roster_match(sqlite3 *db);
/* Makes OUT/internal (0700, tightened when it exists) and writes its path into buf. 0 or -1 with errno. */
int bh_private_dir(const char *outdir, char *buf, size_t n);
/* Writes OUT/internal/roster_todo.csv (0600): the unmatched senders in the roster's
 * own format, thôn pre-filled with the guess. 0, or -1 with errno. */
int bh_roster_todo(sqlite3 *db, const char *outdir);

#endif
