/* rosterdb.c: sender matching and the roster to-do list, shared by roster and metrics. */
#include <stdio.h>
#include <sys/stat.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_out.h"
#include "bh_roster.h"
#include "bh_text.h"

void
bh_roster_match(sqlite3 *db)
{
	bh_text_sql_register(db);
	bh_db_exec_res(db, "sql/roster_match.sql");
}

int
bh_private_dir(const char *outdir, char *buf, size_t n)
{
	if ((size_t)snprintf(buf, n, "%s/internal", outdir) >= n)
		return -1;
	/* OUT itself is shareable; only internal/ is private. */
	if (bh_mkdirs(outdir, 0755) < 0)
		return -1;
	if (bh_mkdirs(buf, 0700) < 0 || chmod(buf, 0700) < 0)
		return -1;
	return 0;
}

int
bh_roster_todo(sqlite3 *db, const char *outdir)
{
	static const char *const head[] = { "uid", "name", "phone", "thon", "role" };
	char dir[4096], path[4200];
	sqlite3_stmt *q;
	bh_csv *c;

	if (bh_private_dir(outdir, dir, sizeof dir) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/roster_todo.csv", dir);
	if (!(c = bh_csv_open(path, 0600, BH_CSV_BOM)))
		return -1;
	bh_csv_row(c, head, 5);
	q = bh_db_prep_res(db, "sql/roster_todo.sql");
	while (sqlite3_step(q) == SQLITE_ROW) {
		bh_csv_str(c, (const char *)sqlite3_column_text(q, 0));
		bh_csv_str(c, (const char *)sqlite3_column_text(q, 1));
		bh_csv_empty(c);
		bh_csv_str(c, (const char *)sqlite3_column_text(q, 2));
		bh_csv_empty(c);
		bh_csv_endrow(c);
	}
	sqlite3_finalize(q);
	return bh_csv_commit(c);
}
