/* db.c: open the work database safely and run the SQL files of sql/. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_res.h"

#define BUSY_MS 60000	/* how long to wait for another program's lock */

/* BH_SQL_PROFILE=1 in the environment: each statement's time on stderr, for
 * finding the slow one (an engineer's aid; see README "Speed"). */
static int
profile(unsigned type, void *ctx, void *stmt, void *ns)
{
	char *sql;

	(void)ctx;
	if (type != SQLITE_TRACE_PROFILE || *(sqlite3_int64 *)ns < 50000000)
		return 0;
	sql = sqlite3_expanded_sql(stmt);
	/* no i18n: BH_PROFILE, for engineers */
	fprintf(stderr, "%s: sql %.3f s: %.200s\n", bh_prog, *(sqlite3_int64 *)ns / 1e9,
	    sql ? sql : sqlite3_sql(stmt));
	sqlite3_free(sql);
	return 0;
}

static void
make_private(const char *path)
{
	int fd;

	/* Create the file ourselves so that it is 0600 from the first byte. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		bh_die(_("cannot create database '%s':"), path);
	close(fd);
}

/* Entering WAL needs the database to ourselves for a moment, and SQLite asks
 * for that once, without the busy handler: while another program writes in
 * rollback-journal mode (extract's load, or an extract just killed and still
 * letting go of its locks) the open would fail at once. So it is asked again
 * for as long as the busy timeout would wait. A database already in WAL (the
 * usual case) costs one query. */
int
bh_db_wal(sqlite3 *db)
{
	struct timespec pause = { 0, 20 * 1000000L };
	sqlite3_stmt *q;
	int i, rc;

	for (i = 0; i < BUSY_MS / 20; i++) {
		if (i)
			nanosleep(&pause, NULL);
		if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &q, NULL) != SQLITE_OK)
			bh_die(_("database error: %s"), sqlite3_errmsg(db));
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		/* A row that is not "wal": the file system cannot share the
		 * log's memory (a network drive), and SQLite keeps the rollback
		 * journal, which is as safe. */
		if (rc == SQLITE_ROW)
			return 1;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			bh_die(_("database error: %s"), sqlite3_errmsg(db));
	}
	return 0;
}

sqlite3 *
bh_db_open(const char *path, int mode)
{
	static int configured;
	sqlite3 *db = NULL;
	struct stat st;
	int flags, rc, ver;

	/* SQLite counts the memory it uses under a lock taken at every
	 * allocation; only BH_PROFILE reads that count. */
	if (!configured) {
		configured = 1;
		if (!getenv("BH_PROFILE"))
			sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	sqlite3_stmt *q;

	if (mode == BH_DB_RO) {
		if (stat(path, &st) < 0)
			return NULL;
		flags = SQLITE_OPEN_READONLY;
	} else {
		if (stat(path, &st) < 0)
			make_private(path);
		else if (!S_ISREG(st.st_mode))
			bh_die(_("database '%s' is not a regular file"), path);
		flags = SQLITE_OPEN_READWRITE;
	}
	rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		bh_die(_("cannot open database '%s': %s"), path,
		    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_busy_timeout(db, BUSY_MS);
	if (getenv("BH_SQL_PROFILE"))
		sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, profile, NULL);
	if (mode == BH_DB_RO) {
		return db;
	}
	/* The WAL and journal files take the database file's mode, but an old
	 * database made by other means is tightened too. */
	if (chmod(path, 0600) < 0)
		bh_die(_("cannot make database '%s' private:"), path);
	if (!bh_db_wal(db))
		bh_die(_("database '%s' is held by another program (another binhyen run, or a "
		    "database viewer): close it and run again"), path);
	bh_db_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
	    "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;");
	q = bh_db_prep(db, "PRAGMA user_version");
	ver = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (ver > BH_SCHEMA_VERSION)
		bh_die(_("database '%s' was made by a newer binhyen (schema %d)"), path, ver);
	bh_db_schema(db);
	return db;
}

void
bh_db_schema(sqlite3 *db)
{
	char sql[64];

	/* Every statement of the schema is IF NOT EXISTS: running it each time adds
	 * what a newer binhyen brings. A change to an existing table would need a
	 * migration here, keyed on user_version. */
	bh_db_exec(db, "BEGIN IMMEDIATE");
	bh_db_exec_res(db, "sql/schema.sql");
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d; COMMIT", BH_SCHEMA_VERSION);
	bh_db_exec(db, sql);
}

void
bh_db_close(sqlite3 *db)
{
	if (db && sqlite3_close(db) != SQLITE_OK)
		bh_warn(_("database not closed cleanly: %s"), sqlite3_errmsg(db));
}

sqlite3_stmt *
bh_db_prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail) != SQLITE_OK)
		bh_die(_("cannot prepare SQL: %s: %.80s"), sqlite3_errmsg(db), sql);
	if (!st)
		bh_die(_("empty SQL statement"));
	return st;
}

sqlite3_stmt *
bh_db_prep_res(sqlite3 *db, const char *name)
{
	const char *sql = bh_res(name, NULL);

	if (!sql)
		bh_die(_("built-in file '%s' is missing"), name);
	return bh_db_prep(db, sql);
}

void
bh_db_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		bh_warn(_("SQL failed: %s (in: %.60s)"), msg ? msg : sqlite3_errmsg(db), sql);
		sqlite3_free(msg);
		bh_die(_("database error"));
	}
}

void
bh_db_exec_res(sqlite3 *db, const char *name)
{
	const char *sql = bh_res(name, NULL);
	char *msg = NULL;

	if (!sql)
		bh_die(_("built-in file '%s' is missing"), name);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		bh_warn("%s: %s", name, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		bh_die(_("database error"));
	}
}

void
bh_db_run(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
}

void
bh_db_text(sqlite3_stmt *st, int i, const char *s, int len)
{
	if (s)
		sqlite3_bind_text(st, i, s, len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}
