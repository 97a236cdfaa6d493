/* db.c: open the work database safely and run the SQL files of sql/. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_path.h"
#include "bh_proc.h"
#include "bh_res.h"

/* PRAGMA application_id of binhyen's databases: "BHNY" */
#define BH_APP_ID 0x42484e59UL
#define BH_APP_ID_STR "1112034905"
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
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		bh_die(_("cannot create database '%s':"), path);
	close(fd);
}

/* ---- what to say about a database error ---- */

/* The databases open in this process, for the advice bh_die adds. */
struct dbh {
	sqlite3 *db;
	char *path;
	double since;	/* when the current wait for a lock began */
	int told;	/* the wait was said */
};
static struct dbh open_dbs[8];

/* Seconds to wait for another binhyen run, or for another program's lock:
 * BH_DB_WAIT, else the default. */
static double
wait_limit(double dflt)
{
	const char *s = getenv("BH_DB_WAIT");
	char *end;
	double v;

	if (s && *s && (v = strtod(s, &end)) >= 0 && !*end)
		return v;
	return dflt;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Who else has PATH (or its log or journal) open: "NAME (pid N)", or a
 * sentence saying it cannot be seen. */
static void
holder(const char *path, char *buf, size_t n)
{
	static const char *const sfx[] = {"", "-wal", "-journal", "-shm"};
	struct stat want[4], st;
	char fdir[64], fp[320], name[64];
	struct dirent *p, *f;
	int have[4], i, found = 0;
	DIR *pd, *fd;
	long pid;

	for (i = 0; i < 4; i++) {
		snprintf(fp, sizeof fp, "%s%s", path, sfx[i]);
		have[i] = stat(fp, &want[i]) == 0;
	}
	snprintf(buf, n, "%s", _("a program of another user, or on another computer"));
	if (!(pd = opendir("/proc")))
		return;
	while (!found && (p = readdir(pd))) {
		if ((pid = strtol(p->d_name, NULL, 10)) <= 0 || pid == (long)getpid())
			continue;
		snprintf(fdir, sizeof fdir, "/proc/%ld/fd", pid);
		if (!(fd = opendir(fdir)))
			continue;
		while (!found && (f = readdir(fd))) {
			snprintf(fp, sizeof fp, "%s/%s", fdir, f->d_name);
			if (f->d_name[0] == '.' || stat(fp, &st) < 0)
				continue;
			for (i = 0; i < 4 && !found; i++)
				found = have[i] && same_file(&st, &want[i]);
		}
		closedir(fd);
		if (found) {
			bh_proc_name(pid, name, sizeof name);
			snprintf(buf, n, _("another program: %s (pid %ld)"), *name ? name : "?", pid);
		}
	}
	closedir(pd);
}

static void
damaged(const char *path, const char *what)
{
	bh_warn(_("database '%s' is damaged (%s). binhyen changed nothing in it and wrote no "
	    "output. It keeps nothing that the exports do not hold, apart from the roster and "
	    "the reviews, which you give it on each run: move it aside (mv '%s' '%s.damaged'), "
	    "then run binhyen again with every export, the roster and the reviews to rebuild it"),
	    path, what, path, path);
}

/* Added by bh_die after a stage's own message: what the last database error
 * means, naming the file, and what to do. */
static void
advise(void)
{
	char who[160];
	const char *path;
	size_t i;

	for (i = 0; i < sizeof open_dbs / sizeof *open_dbs; i++) {
		if (!open_dbs[i].db)
			continue;
		path = open_dbs[i].path;
		switch (sqlite3_errcode(open_dbs[i].db) & 0xff) {
		case SQLITE_CORRUPT:
		case SQLITE_NOTADB:
			damaged(path, sqlite3_errmsg(open_dbs[i].db));
			return;
		case SQLITE_BUSY:
		case SQLITE_LOCKED:
			holder(path, who, sizeof who);
			bh_warn(_("database '%s' is in use by %s: close it or let it finish, then "
			    "run binhyen again"), path, who);
			return;
		case SQLITE_FULL:
			bh_warn(_("the disk holding database '%s' is full: free some space, then "
			    "run binhyen again (nothing of this step was kept)"), path);
			return;
		case SQLITE_READONLY:
		case SQLITE_PERM:
			bh_warn(_("database '%s' cannot be written (a read-only file, folder or "
			    "disk): make it writable, or give another --db"), path);
			return;
		case SQLITE_IOERR:
		case SQLITE_CANTOPEN:
			bh_warn(_("reading or writing database '%s' failed (a disk error, or the "
			    "disk was removed): check the disk, then run binhyen again"), path);
			return;
		}
	}
}

static int
busy_wait(void *arg, int n)
{
	struct dbh *h = arg;
	struct timespec pause = { 0, 20 * 1000000L };
	char who[160];
	double t = bh_clock(), limit = wait_limit(BUSY_MS / 1000.0);

	if (n == 0) {
		h->since = t;
		h->told = 0;
	}
	if (t - h->since >= limit)
		return 0;
	if (t - h->since > 2 && !h->told) {
		h->told = 1;
		holder(h->path, who, sizeof who);
		bh_warn(_("database '%s' is in use by %s; waiting up to %.0f s (close it to go on)"),
		    h->path, who, limit);
	}
	nanosleep(&pause, NULL);
	return 1;
}

static struct dbh *
track(sqlite3 *db, const char *path)
{
	size_t i;

	bh_die_hook = advise;
	for (i = 0; i < sizeof open_dbs / sizeof *open_dbs; i++)
		if (!open_dbs[i].db) {
			open_dbs[i].db = db;
			open_dbs[i].path = bh_strdup(path);
			sqlite3_busy_handler(db, busy_wait, &open_dbs[i]);
			return &open_dbs[i];
		}
	sqlite3_busy_timeout(db, BUSY_MS);
	return NULL;
}

static void
untrack(sqlite3 *db)
{
	size_t i;

	for (i = 0; i < sizeof open_dbs / sizeof *open_dbs; i++)
		if (open_dbs[i].db == db) {
			free(open_dbs[i].path);
			memset(&open_dbs[i], 0, sizeof open_dbs[i]);
		}
}

static const char *
path_of(sqlite3 *db)
{
	size_t i;
	const char *f;

	for (i = 0; i < sizeof open_dbs / sizeof *open_dbs; i++)
		if (open_dbs[i].db == db)
			return open_dbs[i].path;
	f = sqlite3_db_filename(db, "main");
	return f && *f ? f : "?";
}

/* ---- is it binhyen's, before anything is changed ---- */

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static noreturn void
foreign(const char *path, const char *why)
{
	bh_die(_("'%s' is not binhyen's database (%s): binhyen leaves it as it is. Give --db "
	    "binhyen's own database, or the name of a new file"), path, why);
}

/* Opens PATH to read its schema without changing anything (not even making a
 * log beside it): immutable, unless a log holds what the file does not yet. */
static sqlite3 *
open_untouched(const char *path)
{
	char *uri = bh_malloc(strlen(path) * 3 + 40), *o;
	const unsigned char *s;
	sqlite3 *db = NULL;
	struct stat st;
	size_t n = strlen(path) + 8;
	char *wal = bh_malloc(n);
	int immutable;

	snprintf(wal, n, "%s-wal", path);
	immutable = !(stat(wal, &st) == 0 && st.st_size > 0);
	free(wal);
	o = uri + sprintf(uri, "file:");
	for (s = (const unsigned char *)path; *s; s++) {
		if (*s == '%' || *s == '?' || *s == '#' || *s <= 0x20 || *s >= 0x7f)
			o += sprintf(o, "%%%02X", *s);
		else
			*o++ = (char)*s;
	}
	sprintf(o, "%s", immutable ? "?immutable=1" : "?mode=ro");
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK)
		bh_die(_("cannot read database '%s': %s"), path, db ? sqlite3_errmsg(db) : "?");
	free(uri);
	sqlite3_busy_timeout(db, BUSY_MS);
	return db;
}

/* Is NAME a table sql/schema.sql makes? */
static int
our_table(const char *name)
{
	const char *schema = bh_res("sql/schema.sql", NULL), *s;
	size_t n = strlen(name);

	if (strncmp(name, "sqlite_", 7) == 0)
		return 1;
	for (s = schema; s && (s = strstr(s, "CREATE TABLE IF NOT EXISTS ")); s++) {
		const char *t = s + 27;
		if (strncmp(t, name, n) == 0 && (t[n] == ' ' || t[n] == '(' || t[n] == '\n'))
			return 1;
	}
	return 0;
}

/* A database of binhyen made before it set its application id: its tables are
 * all binhyen's, "sources" among them. */
static void
check_old(const char *path, unsigned long ver)
{
	sqlite3 *db = open_untouched(path);
	sqlite3_stmt *q = NULL;
	char *odd = NULL;
	int rc, sources = 0, tables = 0;

	rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &q, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3_step(q)) != SQLITE_ROW)
			break;
		const char *name = (const char *)sqlite3_column_text(q, 0);
		tables++;
		if (name && strcmp(name, "sources") == 0)
			sources = 1;
		if (name && !odd && !our_table(name))
			odd = bh_strdup(name);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		int code = sqlite3_errcode(db) & 0xff;
		if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
			bh_die(_("cannot read database '%s': %s"), path, sqlite3_errmsg(db));
		damaged(path, sqlite3_errmsg(db));
		exit(BH_FATAL);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	if (odd) {
		char why[200];
		char *shown = bh_name_show(odd);
		snprintf(why, sizeof why, _("it holds a table binhyen does not make: '%.80s'"), shown);
		free(shown);
		free(odd);
		foreign(path, why);
	}
	if (!sources || ver != BH_SCHEMA_VERSION)
		foreign(path, tables ? _("it lacks binhyen's tables") : _("an empty SQLite database "
		    "made by another program"));
}

/* Dies, leaving PATH as it is, unless it may be used as binhyen's database in
 * MODE; 1 when it holds one, 0 when it is missing or empty (a new database). */
static int
check_file(const char *path, int mode)
{
	unsigned char h[100];
	unsigned long app, ver;
	struct stat st;
	char *dir, *slash;
	ssize_t n;
	int fd;

	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		bh_die(_("cannot read database '%s':"), path);
	}
	if (!S_ISREG(st.st_mode))
		bh_die(_("'%s' is not a database file (it is a folder or a device): give --db the "
		    "path of binhyen's database, or the name of a new file"), path);
	if (mode == BH_DB_RW) {
		if (!(st.st_mode & S_IWUSR) || access(path, W_OK) < 0)
			bh_die(_("database '%s' is read-only (mode %04o): binhyen leaves it as it is. "
			    "To work in it, make it writable (chmod u+w '%s'); to keep it as it is, "
			    "copy it and give the copy with --db"), path,
			    (unsigned)(st.st_mode & 07777), path);
		dir = bh_strdup(path);
		slash = strrchr(dir, '/');
		if (slash)
			slash[slash == dir ? 1 : 0] = '\0';
		if (access(slash ? dir : ".", W_OK) < 0) {
			bh_warn(_("the folder of database '%s' cannot be written (binhyen keeps "
			    "its log beside the database): make it writable, or give another --db"),
			    path);
			free(dir);
			exit(BH_FATAL);
		}
		free(dir);
	}
	if (st.st_size == 0)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		bh_die(_("cannot read database '%s':"), path);
	n = read(fd, h, sizeof h);
	close(fd);
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		foreign(path, _("not an SQLite database, or its first page is damaged"));
	app = be32(h + 68);
	ver = be32(h + 60);
	if (app != 0 && app != BH_APP_ID) {
		char why[80];
		snprintf(why, sizeof why, _("application id 0x%08lx"), app);
		foreign(path, why);
	}
	if (ver > BH_SCHEMA_VERSION)
		bh_die(_("database '%s' was made by a newer binhyen (schema %lu; this one knows %d): "
		    "binhyen leaves it as it is. Run it with the newer binhyen"), path, ver,
		    BH_SCHEMA_VERSION);
	if (app == 0)
		check_old(path, ver);
	return 1;
}

/* ---- one writer at a time ---- */

static int lock_fd = -1;

static char *
lock_path(const char *path)
{
	size_t n = strlen(path) + 8;
	char *p = bh_malloc(n);

	snprintf(p, n, "%s.lock", path);
	return p;
}

/* Did the run that started us hand us its lock (BH_DB_LOCK_FD), on this database? */
static int
inherited(const char *lp)
{
	const char *s = getenv("BH_DB_LOCK_FD");
	struct stat a, b;
	char *end;
	long fd;

	if (!s || !*s || (fd = strtol(s, &end, 10)) < 0 || *end || fd > 1 << 20)
		return 0;
	if (fstat((int)fd, &a) < 0 || stat(lp, &b) < 0 || !same_file(&a, &b))
		return 0;
	if (flock((int)fd, LOCK_EX | LOCK_NB) < 0)
		return 0;
	lock_fd = (int)fd;
	return 1;
}

/* Who holds the lock, as its file says. */
static void
lock_holder(int fd, char *buf, size_t n)
{
	char text[1024], prog[64] = "binhyen";
	struct bh_procid who;
	ssize_t r = pread(fd, text, sizeof text - 1, 0);
	char *line, *save = NULL;

	memset(&who, 0, sizeof who);
	text[r > 0 ? r : 0] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!bh_procid_line(&who, line) && strncmp(line, "prog ", 5) == 0)
			snprintf(prog, sizeof prog, "%s", line + 5);
	if (who.pid > 0)
		snprintf(buf, n, _("%s, pid %ld on %s"), prog, who.pid, who.host);
	else
		snprintf(buf, n, "%s", prog);
}

static int
take_lock(const char *path)
{
	char *lp = lock_path(path), who[400], text[600];
	double t0, limit = wait_limit(600);
	struct timespec pause = { 0, 100 * 1000000L };
	struct bh_procid me;
	int fd, told = 0, len;
	FILE *mem;

	if (lock_fd >= 0 || inherited(lp)) {
		free(lp);
		return 1;
	}
	fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		bh_die(_("cannot make the lock file '%s' beside the database (it keeps two binhyen "
		    "runs from mixing their work):"), lp);
	t0 = bh_clock();
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			bh_die(_("cannot lock '%s':"), lp);
		lock_holder(fd, who, sizeof who);
		if (bh_clock() - t0 >= limit) {
			bh_warn(_("another binhyen run is still using '%s' after %.0f s (%s): let it "
			    "finish, then run again"), path, limit, who);
			exit(BH_FATAL);
		}
		if (!told) {
			told = 1;
			bh_warn(_("another binhyen run is using '%s' (%s); waiting (up to %.0f s)"),
			    path, who, limit);
		}
		nanosleep(&pause, NULL);
	}
	bh_procid_self(&me);
	mem = fmemopen(text, sizeof text, "w");
	if (mem) {
		fprintf(mem, "binhyen lock of %s\nprog %s\n", path, bh_prog);
		bh_procid_write(mem, &me);
		fclose(mem);
		len = (int)strnlen(text, sizeof text - 1);
		if (ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)len, 0) < 0) {
			/* the holder's name is only for others' messages */
		}
	}
	lock_fd = fd;
	free(lp);
	return 0;
}

void
bh_db_verify(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char *what = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		track(db, path);
		rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &q, NULL);
	}
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(q, 0);
		if (!r || strcmp(r, "ok") != 0) {
			char *c;
			what = bh_strdup(r ? r : "?");
			for (c = what; *c; c++)
				if (*c == '\n')
					*c = ' ';
		}
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE) {
		int code = db ? sqlite3_errcode(db) & 0xff : rc;
		if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
			what = bh_strdup(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		else
			bh_die(_("cannot check database '%s': %s"), path,
			    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	}
	sqlite3_finalize(q);
	untrack(db);
	sqlite3_close(db);
	if (what) {
		damaged(path, what);
		free(what);
		exit(BH_FATAL);
	}
}

int
bh_db_take(const char *path)
{
	char num[16];
	int had;

	check_file(path, BH_DB_RW);
	had = take_lock(path);
	/* Checked again: the run we waited for may have made it meanwhile. */
	if (!had && check_file(path, BH_DB_RW))
		bh_db_verify(path);
	/* The stages this process starts work under the same lock. */
	if (fcntl(lock_fd, F_SETFD, 0) == 0) {
		snprintf(num, sizeof num, "%d", lock_fd);
		setenv("BH_DB_LOCK_FD", num, 1);
	}
	return lock_fd;
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
			bh_die(_("database '%s': %s"), path_of(db), sqlite3_errmsg(db));
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		/* A row that is not "wal": the file system cannot share the
		 * log's memory (a network drive), and SQLite keeps the rollback
		 * journal, which is as safe. */
		if (rc == SQLITE_ROW)
			return 1;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			bh_die(_("database '%s': %s"), path_of(db), sqlite3_errmsg(db));
	}
	return 0;
}

sqlite3 *
bh_db_open(const char *path, int mode)
{
	static int configured;
	sqlite3 *db = NULL;
	struct stat st;
	int flags, rc, exists;

	/* SQLite counts the memory it uses under a lock taken at every
	 * allocation; only BH_PROFILE reads that count. */
	if (!configured) {
		configured = 1;
		if (!getenv("BH_PROFILE"))
			sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}

	/* Nothing is changed (no lock file, no mode, no log) before the file is
	 * known to be binhyen's own. */
	exists = check_file(path, mode);
	if (mode == BH_DB_RO) {
		if (!exists)
			return NULL;
		flags = SQLITE_OPEN_READONLY;
	} else {
		/* one writer at a time; the database checked for damage once */
		if (!take_lock(path) && (exists = check_file(path, mode)))
			bh_db_verify(path);
		if (!exists)
			make_private(path);
		flags = SQLITE_OPEN_READWRITE;
	}
	rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		bh_die(_("cannot open database '%s': %s"), path,
		    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	track(db, path);
	if (getenv("BH_SQL_PROFILE"))
		sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, profile, NULL);
	if (mode == BH_DB_RO)
		return db;
	/* A new database says it is binhyen's in its first page, before its log
	 * exists: a later run knows it even if this one dies now. */
	if (!exists)
		bh_db_exec(db, "PRAGMA application_id=" BH_APP_ID_STR);
	/* The WAL and journal files take the database file's mode, but one of
	 * binhyen's databases made readable by others (copied) is tightened. */
	if (stat(path, &st) == 0 && (st.st_mode & 077) && chmod(path, st.st_mode & 0700) < 0)
		bh_die(_("cannot make database '%s' private:"), path);
	if (!bh_db_wal(db))
		bh_die(_("database '%s' is held by another program (a database viewer?): close it "
		    "and run again"), path);
	bh_db_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
	    "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;");
	bh_db_schema(db);
	return db;
}

void
bh_db_schema(sqlite3 *db)
{
	char sql[128];

	/* Every statement of the schema is IF NOT EXISTS: running it each time adds
	 * what a newer binhyen brings. A change to an existing table would need a
	 * migration here, keyed on user_version. */
	bh_db_exec(db, "BEGIN IMMEDIATE");
	bh_db_exec_res(db, "sql/schema.sql");
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%lu; COMMIT",
	    BH_SCHEMA_VERSION, BH_APP_ID);
	bh_db_exec(db, sql);
}

void
bh_db_close(sqlite3 *db)
{
	if (db && sqlite3_close(db) != SQLITE_OK)
		bh_warn(_("database '%s' not closed cleanly: %s"), path_of(db), sqlite3_errmsg(db));
	untrack(db);
}

sqlite3_stmt *
bh_db_prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail) != SQLITE_OK)
		bh_die(_("database '%s': cannot prepare SQL: %s: %.80s"), path_of(db),
		    sqlite3_errmsg(db), sql);
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
		bh_warn(_("database '%s': SQL failed: %s (in: %.60s)"), path_of(db),
		    msg ? msg : sqlite3_errmsg(db), sql);
		sqlite3_free(msg);
		bh_die(_("database error in '%s'"), path_of(db));
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
		bh_warn(_("database '%s': %s: %s"), path_of(db), name, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		bh_die(_("database error in '%s'"), path_of(db));
	}
}

void
bh_db_run(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		bh_die(_("database '%s': %s"), path_of(sqlite3_db_handle(st)),
		    sqlite3_errmsg(sqlite3_db_handle(st)));
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
