/* tips.c: tips and questions over all stored data: bursts, reviews, first
 * responses and acknowledgements (metrics.md). Messages are streamed in
 * (group, sender, time) order; only the tips are held in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "metrics.h"

#define BURST_GAP_MS 600000LL

static char *
col_dup(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);

	return s ? bh_strdup(s) : NULL;
}

static struct tip *
tip_add(struct tips *ts)
{
	struct tip *t;

	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 256;
		ts->t = bh_realloc(ts->t, ts->cap * sizeof *ts->t);
	}
	t = &ts->t[ts->n++];
	memset(t, 0, sizeof *t);
	return t;
}

/* The state of the burst being followed, if any. */
struct burst {
	char *group, *sender;
	long long last_ts;
	long long tip;		/* index, -1 when no burst is open */
};

static int
continues(const struct burst *b, const char *group, const char *sender, long long ts)
{
	return b->tip >= 0 && strcmp(b->group, group) == 0 && strcmp(b->sender, sender) == 0 &&
	    ts - b->last_ts <= BURST_GAP_MS;
}

static void
burst_row(sqlite3_stmt *ins, long long tip, sqlite3_stmt *q)
{
	sqlite3_bind_int64(ins, 1, tip);
	sqlite3_bind_value(ins, 2, sqlite3_column_value(q, 1));
	sqlite3_bind_value(ins, 3, sqlite3_column_value(q, 2));
	sqlite3_bind_value(ins, 4, sqlite3_column_value(q, 3));
	bh_db_run(ins);
}

static void
start_tip(struct tips *ts, const struct bh_lexent *e, sqlite3_stmt *q, sqlite3_stmt *ins)
{
	struct tip *t = tip_add(ts);

	t->row = sqlite3_column_int64(q, 0);
	t->group_id = col_dup(q, 1);
	t->tip_id = col_dup(q, 2);
	if (!t->tip_id)
		t->tip_id = col_dup(q, 3);
	if (!t->tip_id)
		t->tip_id = bh_strdup("");
	t->sender = col_dup(q, 4);
	t->ts = sqlite3_column_int64(q, 5);
	t->thon_key = col_dup(q, 8);
	t->category = bh_strdup(e->category);
	t->kind = e->kind;
	sqlite3_bind_int64(ins, 1, (long long)(ts->n - 1));
	bh_db_text(ins, 2, t->group_id, -1);
	bh_db_text(ins, 3, t->sender, -1);
	sqlite3_bind_int64(ins, 4, t->ts);
	bh_db_run(ins);
}

/* What the lexicon reads in the scanned message: from its text, or, when
 * binhyen purge removed the text, what it read then (stored in purged). A
 * stored reading points into the row: valid until the next step. */
static const struct bh_lexent *
reading(sqlite3_stmt *q, const bh_lexicon *lx, struct bh_lexent *stored)
{
	const char *cat, *kind;

	if (!sqlite3_column_int(q, 9))
		return bh_lex_match(lx, (const char *)sqlite3_column_text(q, 7));
	cat = (const char *)sqlite3_column_text(q, 10);
	kind = (const char *)sqlite3_column_text(q, 11);
	if (!cat || !kind)
		return NULL;
	memset(stored, 0, sizeof *stored);
	stored->category = (char *)cat;
	stored->kind = strcmp(kind, bh_kind_names[BH_KIND_QUESTION]) == 0 ?
	    BH_KIND_QUESTION : BH_KIND_TIP;
	return stored;
}

void
tips_find(sqlite3 *db, const bh_lexicon *lx, struct tips *ts)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_scan.sql");
	sqlite3_stmt *tins = bh_db_prep_res(db, "sql/metrics_tip_insert.sql");
	sqlite3_stmt *bins = bh_db_prep_res(db, "sql/metrics_burst_insert.sql");
	struct burst b = { NULL, NULL, 0, -1 };
	const struct bh_lexent *e;
	struct bh_lexent stored;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *group = (const char *)sqlite3_column_text(q, 1);
		const char *sender = (const char *)sqlite3_column_text(q, 4);
		long long t = sqlite3_column_int64(q, 5);

		if (continues(&b, group, sender, t)) {
			burst_row(bins, b.tip, q);
			b.last_ts = t;
			continue;
		}
		b.tip = -1;
		/* A recalled message is never a tip. */
		if (sqlite3_column_int(q, 6) || !(e = reading(q, lx, &stored)))
			continue;
		start_tip(ts, e, q, tins);
		burst_row(bins, (long long)(ts->n - 1), q);
		free(b.group);
		free(b.sender);
		b.group = bh_strdup(group);
		b.sender = bh_strdup(sender);
		b.last_ts = t;
		b.tip = (long long)(ts->n - 1);
	}
	if (rc != SQLITE_DONE)
		bh_die("database error: %s", sqlite3_errmsg(db));
	free(b.group);
	free(b.sender);
	sqlite3_finalize(bins);
	sqlite3_finalize(tins);
	sqlite3_finalize(q);
}

static int
by_time(const void *a, const void *b)
{
	const struct tip *x = *(struct tip *const *)a, *y = *(struct tip *const *)b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int
by_sender_time(const void *a, const void *b)
{
	const struct tip *x = *(struct tip *const *)a, *y = *(struct tip *const *)b;
	int c = strcmp(x->sender, y->sender);

	return c ? c : by_time(a, b);
}

/* NB-0001 is the tipster of the earliest stored tip or question, and so on: it
 * depends only on the stored messages, so it is stable across runs. */
void
tips_pseudonyms(struct tips *ts)
{
	struct tip **v = bh_malloc((ts->n + 1) * sizeof *v), **first = bh_malloc((ts->n + 1) * sizeof *first);
	size_t i, j, nf = 0;

	for (i = 0; i < ts->n; i++)
		v[i] = &ts->t[i];
	qsort(v, ts->n, sizeof *v, by_sender_time);
	for (i = 0; i < ts->n; i++)
		if (i == 0 || strcmp(v[i]->sender, v[i - 1]->sender) != 0)
			first[nf++] = v[i];
	qsort(first, nf, sizeof *first, by_time);
	for (i = 0; i < nf; i++)
		first[i]->nb = (int)i + 1;
	for (i = 0, j = 0; i < ts->n; i = j) {
		for (j = i; j < ts->n && strcmp(v[j]->sender, v[i]->sender) == 0; j++)
			;
		for (size_t k = i; k < j; k++)
			v[k]->nb = v[i]->nb;
	}
	free(first);
	free(v);
}

/* Reviews */

struct review_ctx {
	struct tips *ts;
	const bh_lexicon *lx;
	const char *file;
	sqlite3_stmt *drop;
	int rows, bad;
};

static char *
trim(char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	return s;
}

static struct tip *
tip_by_id(struct tips *ts, const char *id)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].tip_id, id) == 0)
			return &ts->t[i];
	return NULL;
}

static void
mark(struct tip *t, const char *verdict)
{
	size_t n = strlen(t->reviewed);

	if (n + strlen(verdict) + 2 < sizeof t->reviewed)
		snprintf(t->reviewed + n, sizeof t->reviewed - n, "%s%s", n ? " " : "", verdict);
}

static void
set_category(struct review_ctx *r, struct tip *t, const char *value)
{
	size_t i;

	free(t->category);
	t->category = bh_strdup(value);
	/* A category of the lexicon brings its kind: thu_tuc makes a question. */
	for (i = 0; i < r->lx->n; i++) {
		if (r->lx->e[i].kind != BH_KIND_IGNORE && strcmp(r->lx->e[i].category, value) == 0) {
			t->kind = r->lx->e[i].kind;
			break;
		}
	}
}

static int
apply_review(struct review_ctx *r, long line, const char *id, const char *verdict, const char *value)
{
	struct tip *t = tip_by_id(r->ts, id);
	long long ms;

	if (!t) {
		bh_bad("%s:%ld: unknown tip_id '%s': no tip or question starts at that message; "
		    "copy the id from internal/tips.csv", r->file, line, id);
		return -1;
	}
	if (strcmp(verdict, "not_tip") == 0) {
		t->dropped = 1;
		sqlite3_bind_int64(r->drop, 1, (long long)(t - r->ts->t));
		bh_db_run(r->drop);
	} else if (strcmp(verdict, "category") == 0) {
		if (!*value) {
			bh_bad("%s:%ld: verdict category needs the category in the value column", r->file, line);
			return -1;
		}
		set_category(r, t, value);
	} else if (strcmp(verdict, "answered_at") == 0) {
		if (bh_parse_local(value, &ms) < 0) {
			bh_bad("%s:%ld: invalid time '%s': write the local time as 2024-03-01T10:20",
			    r->file, line, value);
			return -1;
		}
		if (!t->has_review_at || ms < t->review_at)
			t->review_at = ms;
		t->has_review_at = 1;
	} else {
		bh_bad("%s:%ld: unknown verdict '%s': write not_tip, category or answered_at",
		    r->file, line, verdict);
		return -1;
	}
	mark(t, verdict);
	return 0;
}

static int
on_review_row(void *ctx, long line, char **cell, int n)
{
	struct review_ctx *r = ctx;
	char *id, *verdict, *value;

	if (n < 2) {
		if (n == 1 && !*trim(cell[0]))
			return 0;
		bh_bad("%s:%ld: expected tip_id,verdict,value,note", r->file, line);
		r->bad = 1;
		return 0;
	}
	id = trim(cell[0]);
	verdict = trim(cell[1]);
	value = n > 2 ? trim(cell[2]) : "";
	if (r->rows++ == 0 && strcmp(id, "tip_id") == 0)
		return 0;
	for (char *p = verdict; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (apply_review(r, line, id, verdict, value) < 0)
		r->bad = 1;
	return 0;
}

int
tips_reviews(sqlite3 *db, struct tips *ts, const bh_lexicon *lx, const char *file)
{
	struct review_ctx r = { ts, lx, file, NULL, 0, 0 };
	size_t len;
	char *data = bh_slurp(file, &len);

	if (!data)
		bh_die("cannot read '%s':", file);
	r.drop = bh_db_prep_res(db, "sql/metrics_tip_drop.sql");
	if (bh_csvin_read(data, len, file, on_review_row, &r) < 0)
		r.bad = 1;
	sqlite3_finalize(r.drop);
	free(data);
	return r.bad ? -1 : 0;
}

void
tips_responses(sqlite3 *db, struct tips *ts)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_response.sql");
	size_t i;

	while (sqlite3_step(q) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(q, 0);

		if (k >= 0 && (size_t)k < ts->n) {
			ts->t[k].answered = 1;
			ts->t[k].resp_ts = sqlite3_column_int64(q, 1);
		}
	}
	sqlite3_finalize(q);
	q = bh_db_prep_res(db, "sql/metrics_ack.sql");
	while (sqlite3_step(q) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(q, 0);

		if (k >= 0 && (size_t)k < ts->n) {
			ts->t[k].acked = 1;
			ts->t[k].ack_timed = sqlite3_column_type(q, 1) != SQLITE_NULL;
			ts->t[k].ack_ts = sqlite3_column_int64(q, 1);
		}
	}
	sqlite3_finalize(q);
	/* An answer given off the group counts like one in it; the earlier wins. */
	for (i = 0; i < ts->n; i++) {
		struct tip *t = &ts->t[i];

		if (t->has_review_at && (!t->answered || t->review_at < t->resp_ts)) {
			t->answered = 1;
			t->resp_ts = t->review_at;
		}
	}
}

void
tips_free(struct tips *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++) {
		free(ts->t[i].tip_id);
		free(ts->t[i].group_id);
		free(ts->t[i].sender);
		free(ts->t[i].thon_key);
		free(ts->t[i].category);
	}
	free(ts->t);
	memset(ts, 0, sizeof *ts);
}
