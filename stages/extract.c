/* extract.c: binhyen-extract: read the stream of binhyen-unpack, parse every
 * record with yajl and store it in the work database once, one transaction per
 * source, accounting for every record in the ledger. Two threads: the reader
 * (extract/reader.c) parses and maps, this one stores. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_opt.h"
#include "bh_hash.h"
#include "bh_json.h"
#include "bh_period.h"
#include "bh_record.h"
#include "bh_res.h"
#include "bh_stream.h"
#include "extract/flush.h"
#include "extract/names.h"
#include "extract/reader.h"

#define MAX_RECORD_DEFAULT (16u << 20)
#define MAX_GROUPS 64		/* groups a source remembers having stored */
#define NOMSGID_BITS (1u << 20)
#define SEEN_BITS (1u << 25)	/* 4 MiB: few false hits up to 5M messages */

enum {
	Q_FIND_MSGID, Q_FIND_CLI, Q_INSERT, Q_MERGE, Q_QUOTE, Q_MENTION, Q_MEDIA,
	Q_REACTION, Q_RECALL, Q_MEMBER, Q_EVENT, Q_GROUP, Q_KNOWN, Q_SOURCE,
	Q_SOURCE_STATUS, Q_LEDGER, Q_REASON, Q_MEDIA_FILE, Q_WITHOUT_MSGID, Q_SOURCE_STAT,
	Q_FIND_NOMSGID, Q_SENDER_NAME, Q_PHONE_REACTION, Q_FIND_GROUP_CLI, NQ
};

static const char *const qfiles[NQ] = {
	"sql/ingest_find_by_msgid.sql", "sql/ingest_find_by_cli.sql",
	"sql/ingest_insert_message.sql", "sql/ingest_merge_message.sql",
	"sql/ingest_quote.sql", "sql/ingest_mention.sql", "sql/ingest_media.sql",
	"sql/ingest_reaction.sql", "sql/ingest_recall.sql", "sql/ingest_member_event.sql",
	"sql/ingest_event.sql", "sql/ingest_group.sql", "sql/ingest_known_source.sql",
	"sql/ingest_source.sql", "sql/ingest_source_status.sql", "sql/ingest_ledger.sql",
	"sql/ingest_reason.sql", "sql/ingest_media_file.sql", "sql/ingest_without_msgid.sql",
	"sql/ingest_source_stat.sql", "sql/ingest_find_without_msgid.sql",
	"sql/ingest_sender_name.sql", "sql/ingest_phone_reaction.sql",
	"sql/ingest_find_by_group_cli.sql",
};

struct counts {
	long records, stored, duplicates, rejected, private_skipped, other_skipped;
};

/* Reasons met in the current entry, written to ledger_reasons at its end. */
struct reason {
	const char *outcome;
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
	struct timespec t0;
	double last_progress;	/* seconds since t0 at the last progress line */
	int tty;		/* stderr is a terminal: progress overwrites itself */

	/* the current entry */
	char *entry;
	struct counts c;
	struct reason *reasons;
	int nreasons;
	long owner_unknown;
	char *groups[MAX_GROUPS];	/* stored already in this source */
	int ngroups;
	/* cliMsgIds of the messages stored without a msgId, hashed into a bitmap:
	 * a copy whose bit is clear has no such copy to find (one is rarely set) */
	unsigned char nomsgid[NOMSGID_BITS / 8];
	/* the names of the source's new messages, for sender_names; kept only
	 * when sender_names was complete at the start (names_current) */
	xnames *names;
	int names_current;
	/* Into an empty database: the (msgId, group) of every message stored, as
	 * a Bloom filter. A copy not in it is new without asking SQLite. */
	unsigned char *seen;

	long long all_bytes;
	struct counts all;
};

static noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    _("usage: binhyen-unpack [options] INPUT... | binhyen-extract [--db FILE] [--strict] "
	    "[--max-record-mib N] [-q]\n"
	    "  --db FILE            work database (default binhyen.db), created owner-only\n"
	    "  --strict             a bad record is fatal: nothing of its source is stored, exit 1\n"
	    "  --max-record-mib N   records larger than N MiB are rejected (default 16)\n"
	    "  -q                   quiet\n"));
	bh_usage_exit(fp, status);
}

#define TEXT(st, i, s) ((s) ? sqlite3_bind_text((st), (i), (s), -1, SQLITE_STATIC) \
                            : sqlite3_bind_null((st), (i)))
#define OPTINT(st, i, v) ((v) >= 0 ? sqlite3_bind_int64((st), (i), (v)) \
                                   : sqlite3_bind_null((st), (i)))

static int
changed(struct extract *x, sqlite3_stmt *st)
{
	bh_db_run(st);
	return sqlite3_changes(x->db) > 0;
}

/* ---- accounting ---- */

static void
reason(struct extract *x, const char *outcome, const char *why, long line)
{
	int i;

	for (i = 0; i < x->nreasons; i++)
		if (x->reasons[i].outcome == outcome && strcmp(x->reasons[i].why, why) == 0) {
			x->reasons[i].count++;
			return;
		}
	x->reasons = bh_realloc(x->reasons, (x->nreasons + 1) * sizeof *x->reasons);
	x->reasons[x->nreasons++] = (struct reason){outcome, bh_strdup(why), 1, line};
}

static void rollback_and_exit(struct extract *x);

/* A reason as the reader's language says it: the ledger keeps it in English
 * (one spelling, counted as one), the screen translates it; a reason with a
 * detail ("invalid JSON: lexical error…") has its head translated, the detail
 * (yajl's words) kept. */
static const char *
said(const char *why, char *buf, size_t size)
{
	const char *t = gettext(why), *colon = strstr(why, ": ");
	char head[128];

	if (t != why || !colon || (size_t)(colon - why) >= sizeof head)
		return t;
	memcpy(head, why, (size_t)(colon - why));
	head[colon - why] = '\0';
	if ((t = gettext(head)) == head)
		return why;
	snprintf(buf, size, "%s%s", t, colon);
	return buf;
}

static void
rejected(struct extract *x, long line, const char *why)
{
	char kind[64], buf[1024];

	x->c.rejected++;
	reason(x, "rejected", why, line);
	/* Of each reason ("invalid JSON: …" by what precedes the colon) the
	 * first few are shown per entry; all are counted in the ledger. */
	snprintf(kind, sizeof kind, "%.*s", (int)strcspn(why, ":"), why);
	why = said(why, buf, sizeof buf);
	if (strcmp(x->src, x->entry) == 0)	/* a bare file: the entry is the source */
		bh_bad_many(kind, "%s:%ld: %s", x->src, line, why);
	else
		bh_bad_many(kind, "%s: %s:%ld: %s", x->src, x->entry, line, why);
	if (x->strict)
		rollback_and_exit(x);
}

/* ---- storing ---- */

/* Statements of this file go through bh_db_run: sqlite3_changes() is read
 * right after, before any other statement runs. */

static void
store_group(struct extract *x, const char *gid)
{
	int i;

	for (i = 0; i < x->ngroups; i++)
		if (strcmp(x->groups[i], gid) == 0)
			return;
	if (x->ngroups < MAX_GROUPS)
		x->groups[x->ngroups++] = bh_strdup(gid);
	TEXT(x->q[Q_GROUP], 1, gid);
	sqlite3_bind_null(x->q[Q_GROUP], 2);
	bh_db_run(x->q[Q_GROUP]);
}

/* A reaction from the phone names its target by cliMsgId: stored on that
 * message's msgId when it is stored, else kept aside until it is
 * (sql/ingest_finish.sql). */
static int
store_reaction(struct extract *x, const char *gid, const struct bh_react *rc)
{
	sqlite3_stmt *st = x->q[Q_REACTION], *f = x->q[Q_FIND_GROUP_CLI];
	char *target = NULL;
	int any;

	if (!rc->target) {
		TEXT(f, 1, gid);
		TEXT(f, 2, rc->target_cli);
		if (sqlite3_step(f) == SQLITE_ROW)
			target = bh_strdup((const char *)sqlite3_column_text(f, 0));
		sqlite3_reset(f);
		if (!target)
			st = x->q[Q_PHONE_REACTION];
	}
	TEXT(st, 1, gid);
	TEXT(st, 2, rc->target ? rc->target : target ? target : rc->target_cli);
	TEXT(st, 3, rc->reactor);
	TEXT(st, 4, rc->icon);
	OPTINT(st, 5, rc->ts);
	any = changed(x, st);
	free(target);
	return any;
}

/* The copy a find statement (bound) finds, with in *flags what it lacks that
 * this one may bring; 0 when none. by_cli: it may lack a msgId. */
static sqlite3_int64
found(sqlite3_stmt *st, int by_cli, int *flags)
{
	sqlite3_int64 id = 0;

	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*flags = (strcmp((const char *)sqlite3_column_text(st, 1), "recalled") == 0) |
		    !sqlite3_column_int(st, 2) << 1 | !sqlite3_column_int(st, 3) << 2 |
		    !sqlite3_column_int(st, 4) << 3 | !sqlite3_column_int(st, 5) << 4 |
		    by_cli << 5;
	}
	sqlite3_reset(st);
	return id;
}

/* The bit of a cliMsgId in the bitmap. */
static size_t
nomsgid_bit(const char *cli)
{
	return (size_t)(bh_fnv1a(BH_FNV_INIT, cli, strlen(cli)) & (NOMSGID_BITS - 1));
}

static void
nomsgid_add(struct extract *x, const char *cli)
{
	size_t b = nomsgid_bit(cli);

	x->nomsgid[b / 8] |= (unsigned char)(1u << (b % 8));
}

/* The Bloom filter's three bits for (msgId, group): *h1 + i * *h2, the two
 * halves of one 64-bit hash. */
static void
seen_hash(const bh_rec *r, uint32_t *h1, uint32_t *h2)
{
	uint64_t h = bh_fnv1a(BH_FNV_INIT, r->msg_id, strlen(r->msg_id) + 1);

	h = bh_fnv1a(h, r->group_id, strlen(r->group_id));
	*h1 = (uint32_t)h;
	*h2 = (uint32_t)(h >> 32) | 1;
}

static int
seen_maybe(const struct extract *x, const bh_rec *r)
{
	uint32_t h1, h2, i, bit;

	seen_hash(r, &h1, &h2);
	for (i = 0; i < 3; i++) {
		bit = (h1 + i * h2) & (SEEN_BITS - 1);
		if (!(x->seen[bit / 8] & (1u << (bit % 8))))
			return 0;
	}
	return 1;
}

static void
seen_add(struct extract *x, const bh_rec *r)
{
	uint32_t h1, h2, i, bit;

	seen_hash(r, &h1, &h2);
	for (i = 0; i < 3; i++) {
		bit = (h1 + i * h2) & (SEEN_BITS - 1);
		x->seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
	}
}

/* For a copy with a msgId: a stored copy of it that had none. */
static sqlite3_int64
find_without_msgid(struct extract *x, const bh_rec *r, int *flags)
{
	sqlite3_stmt *st = x->q[Q_FIND_NOMSGID];
	size_t b;

	if (!r->cli_msg_id)
		return 0;
	b = nomsgid_bit(r->cli_msg_id);
	if (!(x->nomsgid[b / 8] & (1u << (b % 8))))
		return 0;
	TEXT(st, 1, r->group_id);
	TEXT(st, 2, r->sender);
	TEXT(st, 3, r->cli_msg_id);
	return found(st, 1, flags);
}

/* The stored copy of this message: by msgId, then by (sender, cliMsgId). */
static sqlite3_int64
find_message(struct extract *x, const bh_rec *r, int *flags)
{
	sqlite3_stmt *st;
	sqlite3_int64 id;

	if (r->msg_id) {
		if (x->seen && !seen_maybe(x, r))
			return find_without_msgid(x, r, flags);
		st = x->q[Q_FIND_MSGID];
		TEXT(st, 1, r->msg_id);
		TEXT(st, 2, r->group_id);
		if ((id = found(st, 0, flags)) != 0)
			return id;
		return find_without_msgid(x, r, flags);
	}
	if (!r->cli_msg_id)
		return 0;
	st = x->q[Q_FIND_CLI];
	TEXT(st, 1, r->group_id);
	TEXT(st, 2, r->sender);
	TEXT(st, 3, r->cli_msg_id);
	TEXT(st, 4, r->msg_id);
	return found(st, 1, flags);
}

static void
merge_message(struct extract *x, sqlite3_int64 id, const bh_rec *r, int lacks)
{
	sqlite3_stmt *st = x->q[Q_MERGE];
	int useful = ((lacks & 1) && strcmp(r->type, "recalled") != 0) ||
	    ((lacks & 2) && r->text) || ((lacks & 4) && r->caption) ||
	    ((lacks & 8) && r->recalled) || ((lacks & 16) && r->dname) ||
	    ((lacks & 32) && r->msg_id);

	if (!useful)
		return;
	sqlite3_bind_int64(st, 1, id);
	TEXT(st, 2, r->msg_id);
	TEXT(st, 3, r->text);
	TEXT(st, 4, r->caption);
	sqlite3_bind_int(st, 5, r->recalled);
	TEXT(st, 6, r->type);
	TEXT(st, 7, r->type_code);
	TEXT(st, 8, r->dname);
	bh_db_run(st);
}

static sqlite3_int64
insert_message(struct extract *x, const bh_rec *r)
{
	sqlite3_stmt *st = x->q[Q_INSERT];

	TEXT(st, 1, r->group_id);
	TEXT(st, 2, r->msg_id);
	TEXT(st, 3, r->cli_msg_id);
	TEXT(st, 4, r->sender);
	TEXT(st, 5, r->dname);
	sqlite3_bind_int64(st, 6, r->ts);
	TEXT(st, 7, r->type);
	TEXT(st, 8, r->type_code);
	TEXT(st, 9, r->text);
	TEXT(st, 10, r->caption);
	sqlite3_bind_int(st, 11, r->recalled);
	sqlite3_bind_int64(st, 12, x->source_id);
	bh_db_run(st);
	/* 0: a copy with this msgId is stored already */
	return sqlite3_changes(x->db) ? sqlite3_last_insert_rowid(x->db) : 0;
}

static void
message_parts(struct extract *x, sqlite3_int64 id, const bh_rec *r)
{
	sqlite3_stmt *st;
	int i;

	if (r->has_quote) {
		st = x->q[Q_QUOTE];
		sqlite3_bind_int64(st, 1, id);
		TEXT(st, 2, r->q_msg_id);
		TEXT(st, 3, r->q_cli_msg_id);
		TEXT(st, 4, r->q_owner);
		OPTINT(st, 5, r->q_ts);
		bh_db_run(st);
	}
	for (i = 0; i < r->nment; i++) {
		st = x->q[Q_MENTION];
		sqlite3_bind_int64(st, 1, id);
		TEXT(st, 2, r->ment[i].uid);
		sqlite3_bind_int(st, 3, r->ment[i].type);
		bh_db_run(st);
	}
	if (r->has_media) {
		st = x->q[Q_MEDIA];
		sqlite3_bind_int64(st, 1, id);
		TEXT(st, 2, r->m_kind);
		TEXT(st, 3, r->m_file);
		TEXT(st, 4, r->m_ext);
		OPTINT(st, 5, r->m_size);
		OPTINT(st, 6, r->m_w);
		OPTINT(st, 7, r->m_h);
		OPTINT(st, 8, r->m_dur);
		TEXT(st, 9, r->m_host);
		bh_db_run(st);
	}
	for (i = 0; i < r->nreact; i++)
		store_reaction(x, r->group_id, &r->react[i]);
}

static int
store_message(struct extract *x, const bh_rec *r)
{
	sqlite3_int64 id = 0;
	int lacks = 0;

	store_group(x, r->group_id);
	/* Looked up before the insert: exports overlap, and a failed insert costs
	 * more than a lookup. */
	id = find_message(x, r, &lacks);
	if (id == 0 && (id = insert_message(x, r)) != 0) {
		if (!r->msg_id && r->cli_msg_id)
			nomsgid_add(x, r->cli_msg_id);
		xnames_add(x->names, r->sender, r->dname, r->ts);
		if (x->seen && r->msg_id)
			seen_add(x, r);
		message_parts(x, id, r);
		return 1;
	}
	if (id == 0 && (id = find_message(x, r, &lacks)) == 0)
		bh_die(_("database error: message %s of group %s neither new nor stored"),
		    r->msg_id ? r->msg_id : "?", r->group_id);
	merge_message(x, id, r, lacks);
	message_parts(x, id, r);
	return 0;
}

static int
store_members(struct extract *x, const bh_rec *r)
{
	sqlite3_stmt *st = x->q[r->kind == BH_R_MEMBER ? Q_MEMBER : Q_EVENT];
	int i, any = 0, n = r->nmember ? r->nmember : 1;

	store_group(x, r->group_id);
	for (i = 0; i < n; i++) {
		const char *who = r->nmember ? r->members[i] : r->ref;
		TEXT(st, 1, r->group_id);
		if (r->kind == BH_R_MEMBER) {
			TEXT(st, 2, who);
			TEXT(st, 3, r->act);
		} else {
			TEXT(st, 2, r->act);
			TEXT(st, 3, who ? who : "");
		}
		sqlite3_bind_int64(st, 4, r->ts);
		TEXT(st, 5, r->sender);
		any |= changed(x, st);
	}
	return any;
}

static int
store(struct extract *x, const bh_rec *r)
{
	sqlite3_stmt *st;

	switch (r->kind) {
	case BH_R_MESSAGE:
		return store_message(x, r);
	case BH_R_REACTION: {
		int i, any = 0;
		store_group(x, r->group_id);
		for (i = 0; i < r->nreact; i++)
			any |= store_reaction(x, r->group_id, &r->react[i]);
		return any;
	}
	case BH_R_RECALL:
		st = x->q[Q_RECALL];
		TEXT(st, 1, r->group_id);
		TEXT(st, 2, r->r_msg_id);
		TEXT(st, 3, r->r_cli_msg_id);
		TEXT(st, 4, r->sender);
		sqlite3_bind_int64(st, 5, r->ts);
		store_group(x, r->group_id);
		return changed(x, st);
	case BH_R_MEMBER:
	case BH_R_EVENT:
		return store_members(x, r);
	case BH_R_CONV:
		st = x->q[Q_GROUP];
		TEXT(st, 1, r->group_id);
		TEXT(st, 2, r->name);
		return changed(x, st);
	default:
		return 0;
	}
}

/* ---- records from the reading thread ---- */

static void
on_record(struct extract *x, const bh_rec *rp, long line)
{
	const bh_rec r = *rp;

	x->c.records++;
	if (r.private_chat) {
		x->c.private_skipped++;
		return;
	}
	if (r.reject) {
		rejected(x, line, r.reject);
		return;
	}
	if (r.skip) {
		x->c.other_skipped++;
		reason(x, "skipped", r.skip, line);
		return;
	}
	if (r.owner_unknown)
		x->owner_unknown++;
	/* formats.md §2: visible, so that an archive of unmarked rows is seen */
	if (r.unmarked)
		reason(x, "noted", "no group mark (a bare Web row: taken as a group row)", line);
	if (store(x, &r))
		x->c.stored++;
	else
		x->c.duplicates++;
}

static void
on_bad(struct extract *x, long line, const char *why)
{
	x->c.records++;
	rejected(x, line, why);
}

/* ---- entries and sources ---- */

static void
entry_begin(struct extract *x, const char *name)
{
	memset(&x->c, 0, sizeof x->c);
	x->entry = bh_strdup(name);
	x->owner_unknown = 0;
}

static void
add_counts(struct counts *to, const struct counts *c)
{
	to->records += c->records;
	to->stored += c->stored;
	to->duplicates += c->duplicates;
	to->rejected += c->rejected;
	to->private_skipped += c->private_skipped;
	to->other_skipped += c->other_skipped;
}

static void
entry_end(struct extract *x, const char *error)
{
	sqlite3_stmt *st;
	int i;

	if (!x->entry)
		return;
	bh_many_end();
	if (*error)
		bh_bad(_("%s: %s: entry not read to its end (%s): records after the break are missing"),
		    x->src, x->entry, error);
	if (x->owner_unknown)
		bh_warn(_("%s: %s: %ld messages were sent by the account that made this backup, "
		    "which its file names do not tell: stored as sender 0, they cannot count as "
		    "a responder's answers; give --owner UID"), x->src, x->entry, x->owner_unknown);
	st = x->q[Q_LEDGER];
	sqlite3_bind_int64(st, 1, x->source_id);
	TEXT(st, 2, x->src);
	TEXT(st, 3, x->entry);
	sqlite3_bind_int64(st, 4, x->c.records);
	sqlite3_bind_int64(st, 5, x->c.stored);
	sqlite3_bind_int64(st, 6, x->c.duplicates);
	sqlite3_bind_int64(st, 7, x->c.rejected);
	sqlite3_bind_int64(st, 8, x->c.private_skipped);
	sqlite3_bind_int64(st, 9, x->c.other_skipped);
	bh_db_run(st);
	st = x->q[Q_REASON];
	for (i = 0; i < x->nreasons; i++) {
		sqlite3_bind_int64(st, 1, x->source_id);
		TEXT(st, 2, x->entry);
		TEXT(st, 3, x->reasons[i].outcome);
		TEXT(st, 4, x->reasons[i].why);
		sqlite3_bind_int64(st, 5, x->reasons[i].count);
		sqlite3_bind_int64(st, 6, x->reasons[i].first_line);
		bh_db_run(st);
		free(x->reasons[i].why);
	}
	x->nreasons = 0;
	add_counts(&x->total, &x->c);
	free(x->entry);
	x->entry = NULL;
}

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Where the source's file is, so that next time it is known without hashing. */
static void
remember_file(struct extract *x, const char *hash, const char *size, const char *real,
    const char *mtime)
{
	sqlite3_stmt *st = x->q[Q_SOURCE_STAT];

	if (!*real)
		return;
	TEXT(st, 1, real);
	sqlite3_bind_int64(st, 2, strtoll(size, NULL, 10));
	sqlite3_bind_int64(st, 3, strtoll(mtime, NULL, 10));
	TEXT(st, 4, hash);
	bh_db_run(st);
}

/* Statements of a multi-statement file, each with the hash as ?1. */
static void
forget_bad_source(struct extract *x, const char *hash)
{
	const char *sql = bh_res("sql/ingest_forget_bad_source.sql", NULL), *tail;
	sqlite3_stmt *st;

	for (; sql && *sql; sql = tail) {
		if (sqlite3_prepare_v2(x->db, sql, -1, &st, &tail) != SQLITE_OK)
			bh_die(_("sql/ingest_forget_bad_source.sql: %s"), sqlite3_errmsg(x->db));
		if (!st)
			break;
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
		bh_db_run(st);
		sqlite3_finalize(st);
	}
}

/* While a large source is read: records and MB so far, and the rate; on a
 * terminal every second on one line, in a log every 15 seconds. */
static void
progress(struct extract *x)
{
	double t = since(&x->t0);
	long n = x->total.records + x->c.records;

	if (bh_quiet || t - x->last_progress < (x->tty ? 1.0 : 15.0))
		return;
	x->last_progress = t;
	fprintf(stderr, _("%s%s: %s: %ld records, %.1f MB, %.0f records/s%s"), x->tty ? "\r" : "",
	    bh_prog, x->src, n, (double)x->bytes / 1e6, n / t, x->tty ? "\033[K" : "\n");
}

static void
source_begin(struct extract *x, const char *path, const char *hash, const char *size,
    const char *real, const char *mtime)
{
	sqlite3_stmt *st = x->q[Q_KNOWN];

	x->src = bh_strdup(path);
	x->entries = x->media = 0;
	memset(&x->total, 0, sizeof x->total);
	x->bytes = 0;
	x->last_progress = 0;
	clock_gettime(CLOCK_MONOTONIC, &x->t0);
	x->in_source = 1;
	/* Checked inside the write transaction: another binhyen may have stored
	 * the same file while this one waited for the database. */
	bh_db_exec(x->db, "BEGIN IMMEDIATE");
	TEXT(st, 1, hash);
	x->skipping = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (x->skipping) {
		remember_file(x, hash, size, real, mtime);
		bh_db_exec(x->db, "COMMIT");
		bh_note(_("%s: already ingested, skipped"), path);
		return;
	}
	forget_bad_source(x, hash);
	st = x->q[Q_SOURCE];
	TEXT(st, 1, hash);
	TEXT(st, 2, path);
	sqlite3_bind_int64(st, 3, strtoll(size, NULL, 10));
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL) * 1000);
	bh_db_run(st);
	x->source_id = sqlite3_last_insert_rowid(x->db);
	/* in the source's transaction: remembered only if the source is stored */
	remember_file(x, hash, size, real, mtime);
}

/* BH_PROFILE=1 in the environment: memory at the steps of the run, on stderr
 * (an engineer's aid, with the threads' CPU times; see README "Speed"). */
static void
rss_note(const char *where)
{
	static struct timespec start;
	char line[256];
	FILE *f;

	if (!getenv("BH_PROFILE") || !(f = fopen("/proc/self/status", "r")))
		return;
	if (!start.tv_sec)
		clock_gettime(CLOCK_MONOTONIC, &start);
	/* no i18n: BH_PROFILE, for engineers */
	fprintf(stderr, "%s: %s: at %.2f s\n", bh_prog, where, since(&start));
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS", 5) == 0 || strncmp(line, "VmHWM", 5) == 0)
			fprintf(stderr, "%s: %s: %s", bh_prog, where, line);
	fclose(f);
	{
		sqlite3_int64 cur, hi;
		sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hi, 0);
		/* no i18n: BH_PROFILE */
		fprintf(stderr, "%s: %s: SQLite %lld kB, at most %lld kB\n", bh_prog, where,
		    cur / 1024, hi / 1024);
	}
}

static void
put_name(void *ctx, const char *sender, const char *dname, long long last)
{
	struct extract *x = ctx;
	sqlite3_stmt *st = x->q[Q_SENDER_NAME];

	TEXT(st, 1, sender);
	TEXT(st, 2, dname);
	sqlite3_bind_int64(st, 3, last);
	bh_db_run(st);
}

static void
forget_name(void *ctx, const char *sender, const char *dname, long long last)
{
	(void)ctx, (void)sender, (void)dname, (void)last;
}

static void
source_end(struct extract *x, const char *status)
{
	sqlite3_stmt *st = x->q[Q_SOURCE_STATUS];
	double secs = since(&x->t0);

	if (!x->skipping) {
		entry_end(x, "");
		/* An empty archive, or one of other files only, is most likely the
		 * wrong file: said, and read again next time as a corrupt one is. */
		if (strcmp(status, "ok") == 0 && !x->entries && !x->media) {
			bh_bad(_("%s: holds no Zalo chat file (.zdb .json .ndjson .jsonl): nothing "
			    "read from it; is it the right file?"), x->src);
			status = "empty";
		} else if (!x->entries && !strstr(x->src, " (media files)")) {
			bh_warn(ngettext("%s: holds no Zalo chat file, only %ld other file (catalogued)",
			    "%s: holds no Zalo chat file, only %ld other files (catalogued)",
			    (unsigned long)x->media), x->src, x->media);
		}
		bh_db_exec_res(x->db, "sql/ingest_finish.sql");
		if (x->names_current) {
			xnames_flush(x->names, put_name, x);
			bh_db_exec_res(x->db, "sql/ingest_names_seen.sql");
		}
		sqlite3_bind_int64(st, 1, x->source_id);
		TEXT(st, 2, strcmp(status, "ok") == 0 ? "ok" : "bad");
		bh_db_run(st);
		bh_db_exec(x->db, "COMMIT");
		rss_note("source committed");
		if (!bh_quiet)
			fprintf(stderr, _("%s%s: %s: %ld records (%ld stored, %ld duplicates, %ld rejected, "
			    "%ld private skipped, %ld other skipped), %.1f MB in %.1f s, %.0f records/s\n"),
			    x->tty && x->last_progress > 0 ? "\r\033[K" : "", bh_prog, x->src, x->total.records, x->total.stored, x->total.duplicates,
			    x->total.rejected, x->total.private_skipped, x->total.other_skipped,
			    (double)x->bytes / 1e6, secs, secs > 0 ? (double)x->total.records / secs : 0.0);
		add_counts(&x->all, &x->total);
	}
	x->all_bytes += x->bytes;
	x->in_source = x->skipping = 0;
	xnames_flush(x->names, forget_name, NULL);	/* what the source did not write */
	free(x->src);
	x->src = NULL;
	while (x->ngroups > 0)
		free(x->groups[--x->ngroups]);
}

static void
rollback_and_exit(struct extract *x)
{
	if (x->in_source && !x->skipping)
		sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
	bh_warn(_("%s: nothing of this source was stored (--strict)"), x->src ? x->src : "?");
	exit(BH_BADINPUT);
}

static void
media_file(struct extract *x, const char *name, const char *msgid, const char *size)
{
	sqlite3_stmt *st = x->q[Q_MEDIA_FILE];

	sqlite3_bind_int64(st, 1, x->source_id);
	TEXT(st, 2, name);
	TEXT(st, 3, *msgid ? msgid : NULL);
	if (*size && *size != '-')
		sqlite3_bind_int64(st, 4, strtoll(size, NULL, 10));
	else
		sqlite3_bind_null(st, 4);
	bh_db_run(st);
}

/* Old messages read now from an export that binhyen purge never saw come with
 * their text: the commune asked for it to go, so it is said. */
static void
purge_pending(struct extract *x)
{
	sqlite3_stmt *q = bh_db_prep_res(x->db, "sql/purge_pending.sql");
	char day[11];

	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 1) > 0) {
		bh_fmt_day(bh_local_day(sqlite3_column_int64(q, 0)), day);
		bh_warn(_("%lld messages sent before %s, the date of the last binhyen purge, "
		    "were stored with their text: run 'binhyen purge --before %s' again"),
		    (long long)sqlite3_column_int64(q, 1), day, day);
	}
	sqlite3_finalize(q);
}

/* Into an empty database, some indexes are built at the end: 1 when dropped. */
static int
defer_indexes(sqlite3 *db)
{
	sqlite3_stmt *q = bh_db_prep(db, "SELECT NOT EXISTS (SELECT 1 FROM messages)");
	int empty = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);

	sqlite3_finalize(q);
	if (empty)
		bh_db_exec_res(db, "sql/ingest_defer_indexes.sql");
	return empty;
}

/* The load goes straight into the database file, with a rollback journal,
 * rather than through the WAL: every page is written once, not twice, and no
 * checkpoint stalls the end of each source. unpack has read what it needs
 * before the stream starts; leaving WAL needs the database to ourselves, so if
 * someone else has it open the load goes through the WAL as usual. A journal
 * left by a kill is rolled back at the next open. 1 when left. */
static int
leave_wal(sqlite3 *db)
{
	sqlite3_stmt *q = bh_db_prep(db, "PRAGMA journal_mode=DELETE");
	int left = sqlite3_step(q) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(q, 0), "delete") == 0;

	sqlite3_finalize(q);
	if (left)
		bh_db_exec(db, "PRAGMA synchronous=FULL");	/* the safe setting out of WAL */
	return left;
}

/* A frame other than data: the reading thread has sent the records before it. */
static void
frame(struct extract *x, int type, struct bh_buf *b)
{
	const char *f[5];

	if (type != BH_F_SOURCE && !x->in_source)
		bh_die(_("broken stream: data outside a source"));
	if (x->skipping && type != BH_F_DONE)
		return;
	switch (type) {
	case BH_F_SOURCE:
		if (x->in_source)
			bh_die(_("broken stream: a source inside a source"));
		bh_frame_split(b, f, 5);
		source_begin(x, f[0], f[1], f[2], f[3], f[4]);
		break;
	case BH_F_ENTRY:
		entry_end(x, "");
		x->entries++;
		bh_frame_split(b, f, 3);
		entry_begin(x, f[0]);
		break;
	case BH_F_END:
		entry_end(x, b->data);
		break;
	case BH_F_MEDIA:
		x->media++;
		bh_frame_split(b, f, 3);
		media_file(x, f[0], f[1], f[2]);
		break;
	case BH_F_DONE:
		source_end(x, b->data);
		break;
	default:
		bh_die(_("broken stream: unknown frame '%c'"), type);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"strict", no_argument, NULL, 's'},
		{"max-record-mib", required_argument, NULL, 'm'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct extract x = {0};
	const char *dbpath = BH_DB_DEFAULT;
	char magic[sizeof BH_STREAM_MAGIC];
	const struct xitem *it;
	xreader *rd;
	xflush *fl;
	sqlite3_stmt *q;
	int c, i, deferred, broken, left_wal;

	bh_init(argv[0]);
	x.max_record = MAX_RECORD_DEFAULT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":q", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 's': x.strict = 1; break;
		case 'm':
			x.max_record = (size_t)bh_optnum("--max-record-mib", optarg, 1, 1024) << 20;
			break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(c, argc, argv, opts);
		}
	}
	if (optind != argc)
		bh_usage_error(_("unexpected argument '%s': the inputs go to binhyen-unpack"),
		    argv[optind]);
	if (isatty(STDIN_FILENO))
		bh_die(_("standard input is a terminal: run binhyen-unpack INPUT... | binhyen-extract"));
	if (fread(magic, 1, sizeof magic - 1, stdin) != sizeof magic - 1 ||
	    memcmp(magic, BH_STREAM_MAGIC, sizeof magic - 1) != 0) {
		/* unpack wrote nothing: it failed before its first input, and said why */
		if (feof(stdin) && ftell(stdin) <= 0)
			bh_die(_("no input stream: binhyen-unpack wrote nothing"));
		bh_die(_("standard input is not a binhyen-unpack stream"));
	}
	x.db = bh_db_open(dbpath, BH_DB_RW);
	rss_note("opened");	/* BH_PROFILE's times count from here */
	for (i = 0; i < NQ; i++)
		x.q[i] = bh_db_prep_res(x.db, qfiles[i]);
	x.tty = isatty(STDERR_FILENO);
	while (sqlite3_step(x.q[Q_WITHOUT_MSGID]) == SQLITE_ROW)
		nomsgid_add(&x, (const char *)sqlite3_column_text(x.q[Q_WITHOUT_MSGID], 0));
	sqlite3_reset(x.q[Q_WITHOUT_MSGID]);
	/* Temporary data (the statement journal of an update of thousands of
	 * rows, index sorts) goes to an unnamed file, not to memory: the peak
	 * stays flat however large a source. */
	bh_db_exec(x.db, "PRAGMA temp_store=FILE");
	left_wal = leave_wal(x.db);
	x.names = xnames_new();
	q = bh_db_prep_res(x.db, "sql/ingest_names_current.sql");
	x.names_current = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if ((deferred = defer_indexes(x.db)) != 0) {
		x.seen = bh_malloc(SEEN_BITS / 8);
		memset(x.seen, 0, SEEN_BITS / 8);
	}
	fl = xflush_start(dbpath);
	rd = xreader_start(stdin, x.max_record);
	while ((it = xreader_next(rd))->kind != XI_EOF) {
		if (!x.in_source && it->kind != XI_FRAME)
			bh_die(_("broken stream: data outside a source"));
		if (x.skipping && it->kind != XI_FRAME)
			continue;
		switch (it->kind) {
		case XI_FRAME:
			frame(&x, it->frame, (struct bh_buf *)&it->buf);
			break;
		case XI_DATA:
			if (!x.entry)
				bh_die(_("broken stream: data outside an entry"));
			x.bytes += (long long)it->len;
			progress(&x);
			break;
		case XI_RECORD:
			on_record(&x, &it->rec, it->line);
			break;
		case XI_BAD:
			on_bad(&x, it->line, it->why);
			break;
		case XI_EOF:
			break;
		}
	}
	broken = it->len != 0;
	rss_note("loop end");
	xreader_free(rd);
	rss_note("reader freed");	/* its memory back before the indexes are built */
	if (broken || x.in_source) {
		if (x.in_source && !x.skipping)
			sqlite3_exec(x.db, "ROLLBACK", NULL, NULL, NULL);
		bh_die(_("the stream from binhyen-unpack ended inside '%s': "
		    "nothing of that source was stored; run again to complete it"),
		    x.src ? x.src : "?");
	}
	if (deferred) {
		/* Nothing else runs now: the sort gets a second thread (about
		 * 7 MB more) and a smaller page cache, released first. */
		bh_db_exec(x.db, "PRAGMA shrink_memory; PRAGMA cache_size=-6000; PRAGMA threads=2");
		bh_db_schema(x.db);
		rss_note("indexes built");
	}
	/* Fresh statistics let SQLite plan the metrics' joins well (the group of a
	 * message narrows little); a sample of the rows is enough. */
	if (x.all.stored > 0)
		bh_db_exec(x.db, "PRAGMA analysis_limit=1000; ANALYZE;");
	rss_note("analyzed");
	xflush_stop(fl);
	if (!bh_quiet && x.all.records)
		fprintf(stderr, _("%s: in all: %ld records: %ld stored, %ld duplicates, %ld rejected, "
		    "%ld private skipped, %ld other skipped\n"), bh_prog, x.all.records, x.all.stored,
		    x.all.duplicates, x.all.rejected, x.all.private_skipped, x.all.other_skipped);
	if (x.all.stored)
		purge_pending(&x);
	for (i = 0; i < NQ; i++)
		sqlite3_finalize(x.q[i]);
	xnames_free(x.names);
	free(x.seen);
	free(x.reasons);
	/* Should another program hold the database for the whole busy timeout,
	 * it stays in rollback-journal mode, which is safe: the next open
	 * returns it to WAL. */
	if (left_wal && bh_db_wal(x.db))
		bh_db_exec(x.db, "PRAGMA synchronous=NORMAL");
	rss_note("before close");
	bh_db_close(x.db);
	rss_note("closed");
	return bh_exit_status();
}
