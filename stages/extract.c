/* extract.c: binhyen-extract: read the stream of binhyen-unpack, parse every
 * record with yajl and store it in the work database once, one transaction per
 * source, accounting for every record in the ledger. Two threads: the reader
 * (extract/reader.c) parses and maps, this one stores (extract/store.c) and
 * accounts (extract/ledger.c); extract/extract.h says what is where. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_opt.h"
#include "bh_proc.h"
#include "bh_period.h"
#include "bh_record.h"
#include "bh_res.h"
#include "bh_stream.h"
#include "extract/extract.h"
#include "extract/flush.h"
#include "extract/reader.h"

#define MAX_RECORD_DEFAULT (16u << 20)

static const char *const qfiles[NQ] = {
	[Q_FIND_MSGID] = "sql/ingest_find_by_msgid.sql",
	[Q_FIND_CLI] = "sql/ingest_find_by_cli.sql",
	[Q_INSERT] = "sql/ingest_insert_message.sql",
	[Q_MERGE] = "sql/ingest_merge_message.sql",
	[Q_QUOTE] = "sql/ingest_quote.sql",
	[Q_MENTION] = "sql/ingest_mention.sql",
	[Q_MEDIA] = "sql/ingest_media.sql",
	[Q_REACTION] = "sql/ingest_reaction.sql",
	[Q_RECALL] = "sql/ingest_recall.sql",
	[Q_MEMBER] = "sql/ingest_member_event.sql",
	[Q_EVENT] = "sql/ingest_event.sql",
	[Q_GROUP] = "sql/ingest_group.sql",
	[Q_KNOWN] = "sql/ingest_known_source.sql",
	[Q_SOURCE] = "sql/ingest_source.sql",
	[Q_SOURCE_STATUS] = "sql/ingest_source_status.sql",
	[Q_LEDGER] = "sql/ingest_ledger.sql",
	[Q_REASON] = "sql/ingest_reason.sql",
	[Q_MEDIA_FILE] = "sql/ingest_media_file.sql",
	[Q_WITHOUT_MSGID] = "sql/ingest_without_msgid.sql",
	[Q_SOURCE_STAT] = "sql/ingest_source_stat.sql",
	[Q_FIND_NOMSGID] = "sql/ingest_find_without_msgid.sql",
	[Q_SENDER_NAME] = "sql/ingest_sender_name.sql",
	[Q_PHONE_REACTION] = "sql/ingest_phone_reaction.sql",
	[Q_FIND_GROUP_CLI] = "sql/ingest_find_by_group_cli.sql",
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

/* ---- records from the reading thread ---- */

static void
on_record(struct extract *x, const bh_rec *rp, long line, int fresh)
{
	const bh_rec r = *rp;

	x->c.records++;
	if (r.private_chat) {
		x->c.private_skipped++;
		return;
	}
	if (r.reject) {
		xledger_rejected(x, line, r.reject);
		return;
	}
	if (r.skip) {
		x->c.other_skipped++;
		xledger_reason(x, "skipped", r.skip, line);
		return;
	}
	if (r.owner_unknown)
		x->owner_unknown++;
	/* formats.md §2: visible, so that an archive of unmarked rows is seen */
	if (r.unmarked)
		xledger_reason(x, "noted", "no group mark (a bare Web row: taken as a group row)", line);
	if (xstore(x, &r, fresh))
		x->c.stored++;
	else
		x->c.duplicates++;
}

static void
on_bad(struct extract *x, long line, const char *why)
{
	x->c.records++;
	xledger_rejected(x, line, why);
}

/* ---- sources ---- */

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
	double t = bh_clock() - x->t0;
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
	x->t0 = bh_clock();
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
	static double start;
	char line[256];
	FILE *f;

	if (!getenv("BH_PROFILE") || !(f = fopen("/proc/self/status", "r")))
		return;
	if (!start)
		start = bh_clock();
	/* no i18n: BH_PROFILE, for engineers */
	fprintf(stderr, "%s: %s: at %.2f s\n", bh_prog, where, bh_clock() - start);
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
forget_name(void *ctx, const char *sender, const char *dname, long long last)
{
	(void)ctx, (void)sender, (void)dname, (void)last;
}

static void
source_end(struct extract *x, const char *status)
{
	sqlite3_stmt *st = x->q[Q_SOURCE_STATUS];
	double secs = bh_clock() - x->t0;

	if (!x->skipping) {
		xledger_entry_end(x, "");
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
			xnames_flush(x->names, xstore_name, x);
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
		xledger_add(&x->all, &x->total);
	}
	x->all_bytes += x->bytes;
	x->in_source = x->skipping = 0;
	xnames_flush(x->names, forget_name, NULL);	/* what the source did not write */
	free(x->src);
	x->src = NULL;
	while (x->ngroups > 0)
		free(x->groups[--x->ngroups]);
}

noreturn void
xrollback_and_exit(struct extract *x)
{
	if (x->in_source && !x->skipping)
		sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
	bh_warn(_("%s: nothing of this source was stored (--strict)"), x->src ? x->src : "?");
	exit(BH_BADINPUT);
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
		xledger_entry_end(x, "");
		x->entries++;
		bh_frame_split(b, f, 3);
		xledger_entry_begin(x, f[0]);
		break;
	case BH_F_END:
		xledger_entry_end(x, b->data);
		break;
	case BH_F_MEDIA:
		x->media++;
		bh_frame_split(b, f, 3);
		xstore_media_file(x, f[0], f[1], f[2]);
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
		xnomsgid_add(&x.nomsgid, (const char *)sqlite3_column_text(x.q[Q_WITHOUT_MSGID], 0));
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
	deferred = defer_indexes(x.db);
	fl = xflush_start(dbpath);
	/* into an empty database the reader tells which messages are surely new */
	rd = xreader_start(stdin, x.max_record, deferred);
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
			on_record(&x, &it->rec, it->line, it->fresh);
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