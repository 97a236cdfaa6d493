/* purge.c: binhyen-purge: removes the text of the messages sent before a local
 * day from the work database, keeping what the lexicon read in each, so that
 * every figure stays computable without the text. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_lexicon.h"
#include "bh_opt.h"
#include "bh_period.h"

static noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    _("usage: binhyen-purge --before DATE [--db FILE] [--lexicon FILE] [--yes] [-q]\n"
	    "Removes the text and caption of every message sent before DATE (a local day,\n"
	    "Vietnam time) from the work database, for communes that must not keep what\n"
	    "residents wrote longer than needed. Each message keeps what the lexicon reads\n"
	    "in it now (tip or question, and its category), so every figure stays the same;\n"
	    "a later --lexicon change applies only to messages that still have their text,\n"
	    "and the report says how many messages of a period were purged. A copy of a\n"
	    "purged message read later from another export does not bring its text back.\n"
	    "The database is then rewritten (VACUUM) and its write-ahead log checkpointed\n"
	    "and emptied, so the text is not left in free pages of the database or in the\n"
	    "log. Beyond binhyen's reach: copies and backups of the database, and blocks\n"
	    "the disk itself may keep (use an encrypted disk).\n"
	    "It first says what it will remove (how many messages, from which day to which)\n"
	    "and asks for 'yes' on the terminal; without a terminal (a script) it removes\n"
	    "nothing unless --yes is given. DATE must not be after today.\n"
	    "  --before DATE    purge messages sent before this day (YYYY-MM-DD)\n"
	    "  --db FILE        the work database (default binhyen.db)\n"
	    "  --lexicon FILE   the keywords to read the text with before it goes (default:\n"
	    "                   the built-in data/lexicon.tsv; give the one the reports use)\n"
	    "  --yes            remove without asking (for scripts)\n"
	    "  -q, --quiet      no progress, errors only\n"
	    "Exit status: 0 done, 2 not confirmed, usage or system error (then nothing was\n"
	    "purged, or the text is gone from the messages but the database could not be\n"
	    "compacted yet: the message says which; run it again).\n"));
	bh_usage_exit(fp, status);
}

/* What a purge before BEFORE takes is said, and confirmed by the user typing
 * yes on the terminal, or by --yes. Returns only when it may go on. */
static void
confirm(sqlite3 *db, long long before, const char *before_s, int yes)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/purge_preview.sql");
	char first[11], last[11], answer[64];
	long long n = 0;
	size_t len;

	sqlite3_bind_int64(q, 1, before);
	if (sqlite3_step(q) == SQLITE_ROW && (n = sqlite3_column_int64(q, 0)) > 0) {
		bh_fmt_day(bh_local_day(sqlite3_column_int64(q, 1)), first);
		bh_fmt_day(bh_local_day(sqlite3_column_int64(q, 2)), last);
	}
	sqlite3_finalize(q);
	if (n == 0) {
		/* nothing goes; the date is still recorded for later copies */
		bh_note(_("nothing to remove: no message sent before %s still has its text"), before_s);
		return;
	}
	if (yes) {
		bh_note(_("removing the text of %lld messages sent from %s to %s (--yes)"), n, first, last);
		return;
	}
	bh_warn(_("this removes the text of %lld messages, sent from %s to %s (every message "
	    "before %s that still has its text); the figures stay, the text cannot be brought "
	    "back"), n, first, last, before_s);
	if (!isatty(STDIN_FILENO))
		bh_die("%s", _("nothing removed: there is no terminal to ask on; give --yes to "
		    "remove it anyway (in a script)"));
	fprintf(stderr, "%s", _("Type yes to remove it: "));
	fflush(stderr);
	if (!fgets(answer, sizeof answer, stdin))
		answer[0] = '\0';
	len = strcspn(answer, "\r\n");
	answer[len] = '\0';
	if (strcmp(answer, "yes") != 0 && strcmp(answer, "YES") != 0 && strcmp(answer, "có") != 0)
		bh_die("%s", _("nothing removed (the answer was not yes)"));
}

/* Records the lexicon's reading of each message before DAY's midnight that
 * still has text, then removes the text; one transaction. The count purged. */
static long long
purge(sqlite3 *db, const bh_lexicon *lx, long long before, const char *lexicon)
{
	sqlite3_stmt *log, *scan, *rec, *clear, *count;
	const struct bh_lexent *e;
	sqlite3_int64 id;
	long long n = 0;
	int rc;

	bh_db_exec(db, "BEGIN IMMEDIATE");
	log = bh_db_prep_res(db, "sql/purge_log.sql");
	sqlite3_bind_int64(log, 1, before);
	sqlite3_bind_int64(log, 2, (sqlite3_int64)time(NULL) * 1000);
	bh_db_text(log, 3, lexicon ? lexicon : "built-in", -1);
	bh_db_run(log);
	id = sqlite3_last_insert_rowid(db);
	scan = bh_db_prep_res(db, "sql/purge_scan.sql");
	rec = bh_db_prep_res(db, "sql/purge_record.sql");
	sqlite3_bind_int64(scan, 1, before);
	while ((rc = sqlite3_step(scan)) == SQLITE_ROW) {
		e = bh_lex_match(lx, (const char *)sqlite3_column_text(scan, 1));
		sqlite3_bind_int64(rec, 1, sqlite3_column_int64(scan, 0));
		bh_db_text(rec, 2, e ? e->category : NULL, -1);
		bh_db_text(rec, 3, e ? bh_kind_names[e->kind] : NULL, -1);
		sqlite3_bind_int64(rec, 4, id);
		bh_db_run(rec);
		n++;
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	clear = bh_db_prep_res(db, "sql/purge_clear.sql");
	count = bh_db_prep_res(db, "sql/purge_count.sql");
	sqlite3_bind_int64(clear, 1, id);
	bh_db_run(clear);
	sqlite3_bind_int64(count, 1, id);
	bh_db_run(count);
	sqlite3_finalize(count);
	sqlite3_finalize(clear);
	sqlite3_finalize(rec);
	sqlite3_finalize(scan);
	sqlite3_finalize(log);
	bh_db_exec(db, "COMMIT");
	return n;
}

/* The text is gone from the messages, but the pages that held it may still be
 * in the database file's free pages and in the write-ahead log: the database
 * is rebuilt and the log written back and truncated to nothing. */
static void
compact(sqlite3 *db, const char *path)
{
	sqlite3_stmt *q;
	int busy;

	/* VACUUM's copy goes to a deleted temporary file, not memory: the
	 * database may be larger than the PC's memory */
	bh_db_exec(db, "PRAGMA temp_store=FILE");
	bh_db_exec(db, "VACUUM");
	q = bh_db_prep(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (sqlite3_step(q) != SQLITE_ROW)
		bh_die(_("database '%s': the log cannot be written back: %s"), path, sqlite3_errmsg(db));
	busy = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (busy)
		bh_die(_("database '%s' is in use by another program: the text is removed from "
		    "the messages, but old copies of it may stay in the database's log until "
		    "binhyen purge runs again when nothing else uses the database"), path);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"before", required_argument, NULL, 'b'},
		{"db", required_argument, NULL, 'd'},
		{"lexicon", required_argument, NULL, 'l'},
		{"yes", no_argument, NULL, 'y'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	const char *dbpath = BH_DB_DEFAULT, *before_s = NULL, *lexicon = NULL;
	struct stat st;
	bh_lexicon *lx;
	sqlite3 *db;
	long day, today;
	long long before, n;
	char shown[11], now[11];
	int c, yes = 0;

	bh_init(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
		switch (c) {
		case 'b': before_s = optarg; break;
		case 'd': dbpath = optarg; break;
		case 'l': lexicon = optarg; break;
		case 'y': yes = 1; break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(c, argc, argv, opts);
		}
	}
	if (optind < argc)
		bh_usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (!before_s)
		bh_usage_error(_("--before DATE is required (e.g. --before 2024-01-01)"));
	if (bh_parse_day(before_s, &day) < 0)
		bh_usage_error(_("--before: not a date YYYY-MM-DD: '%s'"), before_s);
	before = (long long)day * BH_DAY_MS - BH_TZ_MS;
	today = bh_local_day((long long)time(NULL) * 1000);
	if (day > today) {
		bh_fmt_day(today, now);
		bh_die(_("--before %s is after today (%s): nothing removed; give a day up to today"),
		    before_s, now);
	}
	lx = bh_lex_load(lexicon);
	if (stat(dbpath, &st) < 0)
		bh_die(_("no database '%s':"), dbpath);
	db = bh_db_open(dbpath, BH_DB_RW);
	/* freed pages are overwritten with zeros as they are freed */
	bh_db_exec(db, "PRAGMA secure_delete=ON");
	confirm(db, before, before_s, yes);
	n = purge(db, lx, before, lexicon);
	bh_fmt_day(day, shown);
	bh_note(ngettext("removed the text of %lld message sent before %s (read with the %s lexicon)",
	    "removed the text of %lld messages sent before %s (read with the %s lexicon)",
	    (unsigned long)n), n, shown, lexicon ? _("given") : _("built-in"));
	compact(db, dbpath);
	bh_note(_("database '%s' rewritten and its log emptied: the removed text is not left "
	    "in it"), dbpath);
	bh_lex_free(lx);
	bh_db_close(db);
	return bh_exit_status();
}
