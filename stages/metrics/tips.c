/* tips.c: the tips and questions of the run's periods, from the derived data
 * (derive.c): the tipsters' pseudonyms, first responses and acknowledgements
 * (metrics.md). Only the periods' tips are held in memory; what the rules look
 * back or ahead for (the next tip of a tipster, a later answer, the first tip of
 * every tipster) is asked of the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "metrics.h"

const char *
tips_str(struct tips *ts, const char *s)
{
	size_t i;

	if (!s)
		return NULL;
	i = bh_htab_str(&ts->pool, s, 1, NULL);	/* may move pool.key: first */
	return ts->pool.key[i];
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

/* A row of metrics_tips_load.sql or metrics_tip_by_id.sql as a tip. */
static void
tip_of_row(struct tips *ts, sqlite3_stmt *q, struct tip *p)
{
	const char *kind = (const char *)sqlite3_column_text(q, 5);

	memset(p, 0, sizeof *p);
	p->row = sqlite3_column_int64(q, 0);
	p->group_id = tips_str(ts, (const char *)sqlite3_column_text(q, 1));
	p->sender = tips_str(ts, (const char *)sqlite3_column_text(q, 2));
	p->ts = sqlite3_column_int64(q, 3);
	p->category = tips_str(ts, (const char *)sqlite3_column_text(q, 4));
	p->kind = kind && strcmp(kind, bh_kind_names[BH_KIND_QUESTION]) == 0 ?
	    BH_KIND_QUESTION : BH_KIND_TIP;
	p->tip_id = bh_strdup((const char *)sqlite3_column_text(q, 6));
	p->thon_key = tips_str(ts, (const char *)sqlite3_column_text(q, 7));
}

static void
tip_insert(sqlite3_stmt *ins, const struct tips *ts, size_t i)
{
	const struct tip *p = &ts->t[i];

	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, (long long)i);
	sqlite3_bind_int64(ins, 2, p->row);
	bh_db_text(ins, 3, p->group_id, -1);
	bh_db_text(ins, 4, p->sender, -1);
	sqlite3_bind_int64(ins, 5, p->ts);
	bh_db_run(ins);
}

static int
range_cmp(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

void
tips_load(sqlite3 *db, const long long (*range)[2], size_t nrange, struct tips *ts)
{
	sqlite3_stmt *q, *ins;
	long long r[3][2] = { { 0, 0 }, { 0, 0 }, { 0, 0 } };
	size_t i, n = 0, want = 0;
	int rc;

	/* the periods may overlap (a range of days longer than a year): each tip once */
	if (nrange > 3)
		nrange = 3;
	memcpy(r, range, nrange * sizeof *r);
	qsort(r, nrange, sizeof *r, range_cmp);
	for (i = 0; i < nrange; i++) {
		if (r[i][1] <= r[i][0])
			continue;
		if (n && r[i][0] <= r[n - 1][1]) {
			if (r[i][1] > r[n - 1][1])
				r[n - 1][1] = r[i][1];
		} else {
			r[n][0] = r[i][0];
			r[n++][1] = r[i][1];
		}
	}
	for (i = n; i < 3; i++)
		r[i][0] = r[i][1] = 0;
	/* one allocation of the right size: a year of a large district holds 100k tips */
	q = bh_db_prep_res(db, "sql/metrics_tips_count.sql");
	for (i = 0; i < 6; i++)
		sqlite3_bind_int64(q, (int)i + 1, r[i / 2][i % 2]);
	if (sqlite3_step(q) == SQLITE_ROW)
		want = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	ts->cap = want + 16;
	ts->t = bh_realloc(ts->t, ts->cap * sizeof *ts->t);
	q = bh_db_prep_res(db, "sql/metrics_tips_load.sql");
	for (i = 0; i < 6; i++)
		sqlite3_bind_int64(q, (int)i + 1, r[i / 2][i % 2]);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		tip_of_row(ts, q, tip_add(ts));
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	sqlite3_finalize(q);
	ins = bh_db_prep_res(db, "sql/metrics_tip_insert.sql");
	for (i = 0; i < ts->n; i++)
		tip_insert(ins, ts, i);
	sqlite3_finalize(ins);
	bh_db_exec_res(db, "sql/metrics_bursts.sql");
}

size_t
tips_by_id(sqlite3 *db, struct tips *ts, const char *id)
{
	sqlite3_stmt *q, *ins;
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].tip_id, id) == 0)
			return i;
	/* a tip of another period: held from now on, so that a review can drop it */
	q = bh_db_prep_res(db, "sql/metrics_tip_by_id.sql");
	bh_db_text(q, 1, id, -1);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_finalize(q);
		return (size_t)-1;
	}
	tip_of_row(ts, q, tip_add(ts));
	sqlite3_finalize(q);
	ins = bh_db_prep_res(db, "sql/metrics_tip_insert.sql");
	tip_insert(ins, ts, ts->n - 1);
	sqlite3_finalize(ins);
	return ts->n - 1;
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
 * depends only on the stored messages, so it is stable across runs. Every
 * tipster's first tip is read (metrics_tipsters.sql); only those of the run's
 * tips are kept. */
void
tips_pseudonyms(sqlite3 *db, struct tips *ts)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_tipsters.sql");
	struct tip **v = bh_malloc((ts->n + 1) * sizeof *v);
	size_t i, lo, hi, mid;
	int nb = 0, c;

	for (i = 0; i < ts->n; i++)
		v[i] = &ts->t[i];
	qsort(v, ts->n, sizeof *v, by_sender_time);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *sender = (const char *)sqlite3_column_text(q, 0);

		nb++;
		if (!sender)
			continue;
		/* the first of this sender's tips in v, if any */
		for (lo = 0, hi = ts->n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (strcmp(v[mid]->sender, sender) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ts->n && (c = strcmp(v[lo]->sender, sender)) == 0; lo++)
			v[lo]->nb = nb;
	}
	sqlite3_finalize(q);
	free(v);
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

	for (i = 0; i < ts->n; i++)
		free(ts->t[i].tip_id);
	free(ts->t);
	free(ts->rv);
	bh_htab_free(&ts->pool);
	memset(ts, 0, sizeof *ts);
}
