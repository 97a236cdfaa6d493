/* figures.c: the figures of one period (summary and per thôn), from SQL over the
 * period's messages and from the tips held in memory. */
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "metrics.h"

const char *const bucket_names[NBUCKET] = { "0-15m", "15-60m", "1-4h", "4-24h", "24h+", "unanswered" };

struct mstmt {
	sqlite3_stmt *active_clear, *active, *counts, *thon, *posts, *member_any, *membership;
	sqlite3_stmt *purged;
};

struct mstmt *
mstmt_new(sqlite3 *db)
{
	struct mstmt *s = bh_malloc(sizeof *s);

	s->active_clear = bh_db_prep_res(db, "sql/metrics_active_clear.sql");
	s->active = bh_db_prep_res(db, "sql/metrics_active.sql");
	s->counts = bh_db_prep_res(db, "sql/metrics_counts.sql");
	s->thon = bh_db_prep_res(db, "sql/metrics_thon.sql");
	s->posts = bh_db_prep_res(db, "sql/metrics_posts.sql");
	s->member_any = bh_db_prep_res(db, "sql/metrics_member_any.sql");
	s->membership = bh_db_prep_res(db, "sql/metrics_membership.sql");
	s->purged = bh_db_prep_res(db, "sql/metrics_purged.sql");
	return s;
}

void
mstmt_free(struct mstmt *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->purged);
	sqlite3_finalize(s->membership);
	sqlite3_finalize(s->member_any);
	sqlite3_finalize(s->posts);
	sqlite3_finalize(s->thon);
	sqlite3_finalize(s->counts);
	sqlite3_finalize(s->active);
	sqlite3_finalize(s->active_clear);
	free(s);
}

sqlite3_stmt *
mstmt_posts(struct mstmt *s)
{
	return s->posts;
}

sqlite3_stmt *
mstmt_membership(struct mstmt *s)
{
	return s->membership;
}

static void
bind_range(sqlite3_stmt *q, long long lo, long long hi)
{
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int
selected(const struct tip *t, long long lo, long long hi, enum bh_kind kind,
    const char *thon_key, const char *category)
{
	if (t->dropped || t->kind != kind || t->ts < lo || t->ts >= hi)
		return 0;
	if (thon_key && (!t->thon_key || strcmp(t->thon_key, thon_key) != 0))
		return 0;
	return !category || strcmp(t->category, category) == 0;
}

static int
bucket_of(long long ms)
{
	if (ms <= 15 * 60000LL)
		return B_15M;
	if (ms <= 60 * 60000LL)
		return B_60M;
	if (ms <= 4 * 3600000LL)
		return B_4H;
	return ms <= 24 * 3600000LL ? B_24H : B_MORE;
}

void
kstats_of(const struct tips *ts, long long lo, long long hi, enum bh_kind kind,
    const char *thon_key, const char *category, struct kstats *k)
{
	long long *resp = bh_malloc((ts->n + 1) * sizeof *resp);
	long long *ack = bh_malloc((ts->n + 1) * sizeof *ack);
	size_t i, nr = 0, na = 0;

	memset(k, 0, sizeof *k);
	for (i = 0; i < ts->n; i++) {
		const struct tip *t = &ts->t[i];
		long long ms = t->resp_ts - t->ts;

		if (!selected(t, lo, hi, kind, thon_key, category))
			continue;
		k->n++;
		if (t->acked) {
			k->acked++;
			if (t->ack_timed)
				ack[na++] = bh_ms_tenths(t->ack_ts - t->ts);
		}
		if (!t->answered) {
			k->bucket[B_NONE]++;
			continue;
		}
		k->answered++;
		resp[nr++] = bh_ms_tenths(ms);
		/* Thresholds compare milliseconds, before any rounding. */
		k->w15 += ms <= 15 * 60000LL;
		k->w1h += ms <= 60 * 60000LL;
		k->w24 += ms <= 24 * 3600000LL;
		k->bucket[bucket_of(ms)]++;
	}
	qsort(resp, nr, sizeof *resp, cmp_ll);
	qsort(ack, na, sizeof *ack, cmp_ll);
	if ((k->has_med = k->has_p90 = nr > 0)) {
		k->med = bh_percentile_tenths(resp, nr, 1, 2);
		k->p90 = bh_percentile_tenths(resp, nr, 9, 10);
	}
	if ((k->has_ack_med = na > 0))
		k->ack_med = bh_percentile_tenths(ack, na, 1, 2);
	free(ack);
	free(resp);
}

static void
fill_counts(struct mstmt *s, struct pfig *f)
{
	sqlite3_stmt *q = s->counts;

	bind_range(q, f->lo, f->hi);
	if (sqlite3_step(q) != SQLITE_ROW)
		bh_die("database error: %s", sqlite3_errmsg(sqlite3_db_handle(q)));
	f->groups = sqlite3_column_int64(q, 0);
	f->messages = sqlite3_column_int64(q, 1);
	f->senders = sqlite3_column_int64(q, 2);
	f->has_data = f->messages > 0;
	sqlite3_reset(q);
}

static void
fill_thon(struct mstmt *s, struct pfig *f)
{
	sqlite3_stmt *q = s->thon;
	size_t cap = 0;

	sqlite3_reset(q);
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct thon *t;

		if (f->nthon == cap) {
			cap = cap ? 2 * cap : 16;
			f->thon = bh_realloc(f->thon, cap * sizeof *f->thon);
		}
		t = &f->thon[f->nthon++];
		t->key = bh_strdup((const char *)sqlite3_column_text(q, 0));
		t->name = bh_strdup((const char *)sqlite3_column_text(q, 1));
		t->members = sqlite3_column_int64(q, 2);
		t->active = sqlite3_column_int64(q, 3);
		t->messages = sqlite3_column_int64(q, 4);
		f->members += t->members;
		f->active += t->active;
	}
	sqlite3_reset(q);
}

static void
fill_membership(struct mstmt *s, struct pfig *f)
{
	sqlite3_stmt *q = s->member_any;

	bind_range(q, f->lo, f->hi);
	f->members_known = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	q = s->membership;
	bind_range(q, f->lo, f->hi);
	while (sqlite3_step(q) == SQLITE_ROW) {
		f->joins += sqlite3_column_int64(q, 1);
		f->leaves += sqlite3_column_int64(q, 2);
	}
	sqlite3_reset(q);
}

void
figures_of(struct mstmt *s, const struct tips *ts, const struct bh_period *p, struct pfig *f)
{
	memset(f, 0, sizeof *f);
	f->p = *p;
	f->lo = bh_period_start_ms(p);
	f->hi = bh_period_end_ms(p);
	bh_db_run(s->active_clear);
	bind_range(s->active, f->lo, f->hi);
	bh_db_run(s->active);
	fill_counts(s, f);
	fill_thon(s, f);
	bind_range(s->posts, f->lo, f->hi);
	while (sqlite3_step(s->posts) == SQLITE_ROW)
		f->posts++;
	sqlite3_reset(s->posts);
	fill_membership(s, f);
	bind_range(s->purged, f->lo, f->hi);
	if (sqlite3_step(s->purged) == SQLITE_ROW)
		f->purged = sqlite3_column_int64(s->purged, 0);
	sqlite3_reset(s->purged);
	kstats_of(ts, f->lo, f->hi, BH_KIND_TIP, NULL, NULL, &f->tip);
	kstats_of(ts, f->lo, f->hi, BH_KIND_QUESTION, NULL, NULL, &f->q);
}

void
pfig_free(struct pfig *f)
{
	size_t i;

	for (i = 0; i < f->nthon; i++) {
		free(f->thon[i].key);
		free(f->thon[i].name);
	}
	free(f->thon);
	f->thon = NULL;
	f->nthon = 0;
}
