/* roster.c: binhyen-roster: load the commune's roster (CSV or .xlsx) into the work database
 * (replacing the previous one), match senders to it, list the unmatched. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_opt.h"
#include "bh_roster.h"
#include "bh_text.h"

static noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp, _("usage: %s [--db DB] [--out DIR] [-q] ROSTER.csv|ROSTER.xlsx\n"), bh_prog);
	bh_usage_exit(fp, status);
}

struct store {
	sqlite3_stmt *ins, *cut;
};

/* One row into the roster (unless refused), and its uid into temp.t_roster_cut
 * when Excel may have cut it. */
static int
store_row(void *ctx, const struct bh_roster_row *w)
{
	struct store *s = ctx;

	if (!w->bad) {
		sqlite3_bind_int64(s->ins, 1, w->line);
		bh_db_text(s->ins, 2, w->cell[BH_RC_UID], -1);
		bh_db_text(s->ins, 3, w->cell[BH_RC_NAME], -1);
		bh_db_text(s->ins, 4, w->cell[BH_RC_PHONE], -1);
		bh_db_text(s->ins, 5, w->cell[BH_RC_THON], -1);
		bh_db_text(s->ins, 6, w->role, -1);
		bh_db_run(s->ins);
	}
	if (w->uid_cut) {
		sqlite3_bind_int64(s->cut, 1, w->line);
		bh_db_text(s->cut, 2, w->cell[BH_RC_UID], -1);
		bh_db_run(s->cut);
	}
	return 0;
}

/* Replaces the stored roster with FILE, read and stored row by row (a roster of
 * any size is never held whole), or with its rows read already (r), and
 * rebuilds the matching, all in one transaction; undone when a row is bad or a
 * uid Excel cut is found (-1). The cut uids are named even when other rows are
 * bad, so that one round of fixes is enough. */
static int
store(sqlite3 *db, const char *file, const bh_roster_rows *r)
{
	struct store s;
	size_t i;
	int rc = 0;

	bh_text_sql_register(db);
	bh_db_exec(db, "BEGIN IMMEDIATE");
	bh_db_exec_res(db, "sql/roster_clear.sql");
	bh_db_exec(db, "CREATE TEMP TABLE t_roster_cut (line INTEGER NOT NULL, uid TEXT NOT NULL)");
	s.ins = bh_db_prep_res(db, "sql/roster_insert.sql");
	s.cut = bh_db_prep(db, "INSERT INTO temp.t_roster_cut (line, uid) VALUES (?1, ?2)");
	if (r)
		for (i = 0; i < r->n; i++)
			store_row(&s, &r->row[i]);
	else
		rc = bh_roster_each(file, store_row, &s);
	sqlite3_finalize(s.cut);
	sqlite3_finalize(s.ins);
	bh_many_end();
	if (rc == 0)
		bh_roster_match(db);
	if (bh_roster_cut_uids_kept(db, file) > 0 || rc < 0) {
		bh_db_exec(db, "ROLLBACK");
		return -1;
	}
	bh_db_exec(db, "DROP TABLE temp.t_roster_cut; COMMIT");
	return 0;
}

/* Names no sender can be matched by: shared by two uid-less rows. */
static void
report(sqlite3 *db, const char *file)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/roster_shared_names.sql");

	while (sqlite3_step(q) == SQLITE_ROW)
		bh_warn_many(NULL, _("%s:%s: name '%s' is on several rows without uid (lines %s): "
		    "no sender is matched to them by name; add their uid"), file,
		    (const char *)sqlite3_column_text(q, 1), (const char *)sqlite3_column_text(q, 0),
		    (const char *)sqlite3_column_text(q, 2));
	sqlite3_finalize(q);
	bh_many_end();
	q = bh_db_prep_res(db, "sql/roster_ambiguous.sql");
	while (sqlite3_step(q) == SQLITE_ROW)
		bh_warn_many(NULL, _("sender %s ('%s') matches several roster rows by name (lines %s): "
		    "left unmatched; add its uid to the right row"), (const char *)sqlite3_column_text(q, 0),
		    (const char *)sqlite3_column_text(q, 1), (const char *)sqlite3_column_text(q, 2));
	sqlite3_finalize(q);
	bh_many_end();
	q = bh_db_prep_res(db, "sql/roster_counts.sql");
	if (sqlite3_step(q) == SQLITE_ROW)
		bh_note(_("%s: %d rows; senders matched: %d by uid, %d by name; %d unmatched"), file,
		    sqlite3_column_int(q, 0), sqlite3_column_int(q, 1), sqlite3_column_int(q, 2),
		    sqlite3_column_int(q, 3));
	sqlite3_finalize(q);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = BH_DB_DEFAULT, *out = NULL, *file;
	bh_roster_rows *r = NULL;
	sqlite3 *db = NULL;
	int ch;

	bh_init(argv[0]);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': dbpath = optarg; break;
		case 'o': out = optarg; break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(ch, argc, argv, opts);
		}
	}
	if (argc == optind)
		bh_usage_error(_("give the roster file (ROSTER.csv or ROSTER.xlsx)"));
	if (argc - optind > 1)
		bh_usage_error(_("one roster file only: '%s' is one too many"), argv[optind + 1]);
	file = argv[optind];
	/* No database yet: the roster is read and checked first, so that a bad one
	 * makes none (the uids Excel cut named too: no sender is stored); else it
	 * goes into the database as it is read, never held whole. */
	if (access(dbpath, F_OK) != 0) {
		r = bh_roster_read_file(file);
		bh_many_end();
		if (!r)
			goto refused;
		if (r->bad) {
			bh_roster_cut_uids(NULL, r, file);
			goto refused;
		}
	}
	db = bh_db_open(dbpath, BH_DB_RW);
	bh_db_exec(db, "PRAGMA temp_store=FILE");
	if (store(db, file, r) < 0)
		goto refused;
	report(db, file);
	bh_roster_uid_check(db, file);
	if (out && bh_roster_todo(db, out) < 0)
		bh_die(_("cannot write '%s/internal/roster_todo.csv' or '.xlsx':"), out);
	goto out;
refused:
	bh_warn(_("%s: roster not loaded (the stored roster is unchanged): fix the lines above"), file);
out:
	bh_roster_rows_free(r);
	bh_db_close(db);
	return bh_exit_status();
}
