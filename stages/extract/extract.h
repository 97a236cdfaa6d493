/* extract.h: binhyen-extract's state, shared by its rooms:
 *   extract.c  main, the stream's frames, sources and entries
 *   store.c    a record into the database, merged with its stored copy
 *   dedup.c    the in-memory filters that spare lookups (dedup.h)
 *   ledger.c   every record of an entry accounted for (ledger, ledger_reasons)
 *   reader.c   the reading thread (reader.h); names.c, flush.c: see their headers
 * One thread (the storing one) uses all of it. */
#ifndef BH_EXTRACT_H
#define BH_EXTRACT_H
#include <stdnoreturn.h>
#include <stddef.h>
#include <time.h>

#include "bh_db.h"
#include "bh_record.h"
#include "dedup.h"
#include "names.h"

#define MAX_GROUPS 64		/* groups a source remembers having stored */

/* The prepared statements, one SQL file each (the table in extract.c). */
enum {
	Q_FIND_MSGID, Q_FIND_CLI, Q_INSERT, Q_MERGE, Q_QUOTE, Q_MENTION, Q_MEDIA,
	Q_REACTION, Q_RECALL, Q_MEMBER, Q_EVENT, Q_GROUP, Q_KNOWN, Q_SOURCE,
	Q_SOURCE_STATUS, Q_LEDGER, Q_REASON, Q_MEDIA_FILE, Q_WITHOUT_MSGID, Q_SOURCE_STAT,
	Q_FIND_NOMSGID, Q_SENDER_NAME, Q_PHONE_REACTION, Q_FIND_GROUP_CLI, NQ
};

/* Binding a string or an optional number: NULL, or a negative number, is NULL. */
#define TEXT(st, i, s) ((s) ? sqlite3_bind_text((st), (i), (s), -1, SQLITE_STATIC) \
                            : sqlite3_bind_null((st), (i)))
#define OPTINT(st, i, v) ((v) >= 0 ? sqlite3_bind_int64((st), (i), (v)) \
                                   : sqlite3_bind_null((st), (i)))

/* What each record of an entry became (a row of the ledger). */
struct counts {
	long records, stored, duplicates, rejected, private_skipped, other_skipped;
};

/* Reasons met in the current entry, written to ledger_reasons at its end. */
struct reason {
	const char *outcome;	/* "rejected", "skipped" or "noted", a literal */
	char *why;
	long count, first_line;
};

struct extract {
	sqlite3 *db;
	sqlite3_stmt *q[NQ];
	int strict;
	size_t max_record;

	/* the current source */
	char *src;
	sqlite3_int64 source_id;
	int in_source, skipping;
	long entries, media;	/* of the source so far */
	struct counts total;
	long long bytes;
	double t0;		/* bh_clock() when the source began */
	double last_progress;	/* seconds since t0 at the last progress line */
	int tty;		/* stderr is a terminal: progress overwrites itself */

	/* the current entry */
	char *entry;
	struct counts c;
	struct reason *reasons;
	int nreasons;
	long owner_unknown;
	char *groups[MAX_GROUPS];	/* stored already in this source */
	int ngroups, lastgroup;
	struct xnomsgid nomsgid;
	/* the names of the source's new messages, for sender_names; kept only
	 * when sender_names was complete at the start (names_current) */
	xnames *names;
	int names_current;

	long long all_bytes;
	struct counts all;
};

/* store.c: 1 when the record changed the database (a new message, reaction,
 * member event…), 0 when all of it was stored already. */
int xstore(struct extract *x, const bh_rec *r, int fresh);
/* A file of the source's media catalogue (a frame M). */
void xstore_media_file(struct extract *x, const char *name, const char *msgid, const char *size);
/* An xnames_fn: one row of sender_names. */
void xstore_name(void *x, const char *sender, const char *dname, long long last);

/* ledger.c */
void xledger_entry_begin(struct extract *x, const char *name);
/* Writes the entry's ledger rows (nothing when no entry is open); error is ""
 * or why the entry was not read to its end. */
void xledger_entry_end(struct extract *x, const char *error);
/* A reason met at line: counted under outcome, once per (outcome, why). */
void xledger_reason(struct extract *x, const char *outcome, const char *why, long line);
/* A rejected record: counted, said, and fatal under --strict. */
void xledger_rejected(struct extract *x, long line, const char *why);
void xledger_add(struct counts *to, const struct counts *c);

/* extract.c: under --strict, a bad record ends the run, its source unstored. */
noreturn void xrollback_and_exit(struct extract *x);

#endif
