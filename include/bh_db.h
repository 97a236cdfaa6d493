/* bh_db.h: the work database: opened 0600, schema applied, SQL from sql/ files.
 * The caller owns the sqlite3 handle (bh_db_close) and every statement it prepares. */
#ifndef BH_DB_H
#define BH_DB_H
#include <sqlite3.h>

#define BH_DB_DEFAULT "binhyen.db"
/* The schema sql/schema.sql makes (PRAGMA user_version; settings.csv's schema_version). */
#define BH_SCHEMA_VERSION 1

enum { BH_DB_RW = 0, BH_DB_RO = 1 };

/* Opens the work database. Before anything is changed, the file is checked to
 * be binhyen's (its application_id, or for one made before binhyen set it, its
 * tables), not newer, and for RW writable: any other file is refused as it is
 * (same bytes, same mode), with the reason. RW then takes the database for
 * this process (bh_db_take, unless the run that started it holds it), checks
 * it for damage (PRAGMA quick_check) when it took it itself, creates it 0600
 * with binhyen's application_id when missing, and brings the schema up to
 * date. RO returns NULL without a message when the file does not exist.
 * Dies on error, naming the file and saying what to do; while it is open, a
 * later bh_die after an SQLite error adds what that error means (damaged,
 * held by another program (which), disk full, read-only). */
sqlite3 *bh_db_open(const char *path, int mode);
/* One writer at a time: checks PATH as bh_db_open does, takes the lock file
 * PATH.lock (waiting, with a message, while another binhyen run holds it, up
 * to BH_DB_WAIT seconds, default 600, then exit 2), checks the database for
 * damage, and hands the lock to the programs this process starts
 * (BH_DB_LOCK_FD). Held until the process ends. Returns the lock's fd. */
int bh_db_take(const char *path);
/* PRAGMA quick_check of an existing database; damage: a message saying how to
 * rebuild it, exit 2. */
void bh_db_verify(const char *path);
void bh_db_close(sqlite3 *db);
/* Puts the database in WAL mode, asking again while another program holds a
 * lock, for up to the busy timeout. 1 when done (in WAL, or in the rollback
 * journal where the file system cannot have a WAL), 0 when still held. */
int bh_db_wal(sqlite3 *db);
/* Applies sql/schema.sql (what is missing is created) in its own transaction. */
void bh_db_schema(sqlite3 *db);

/* Prepare one statement from text, or from the built-in file NAME ("sql/x.sql",
 * which must hold exactly one statement). Die on error. */
sqlite3_stmt *bh_db_prep(sqlite3 *db, const char *sql);
sqlite3_stmt *bh_db_prep_res(sqlite3 *db, const char *name);
/* Run every statement of a text or built-in file (no bound data). Die on error. */
void bh_db_exec(sqlite3 *db, const char *sql);
void bh_db_exec_res(sqlite3 *db, const char *name);

/* Step a statement that returns no row (or whose rows are ignored); resets it. Dies on error. */
void bh_db_run(sqlite3_stmt *st);
/* Bind text, or NULL for a NULL pointer; len -1 for NUL-terminated. */
void bh_db_text(sqlite3_stmt *st, int i, const char *s, int len);

#endif
