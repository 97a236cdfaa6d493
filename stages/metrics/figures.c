/* figures.c: the figures of one period (summary and per thôn), from SQL over the
 * period's messages and from the tips held in memory. */
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "metrics.h"

const char *const bucket_names[NBUCKET] = { "0-15m", "15-60m", "1-4h", "4-24h", "24h+", "unanswered" };

enum { R_NONE, R_OFFICER, R_RESIDENT, R_OTHER };

/* A sender of the pass: role and roster row from t_sender, messages in the period. */
struct msender {
	int role;
	long member;		/* dense index of its roster row (residents), -1: none */
	long long n;
};

struct mstmt {
	sqlite3_stmt *active_clear, *active, *thon, *posts, *member_any, *membership;
	sqlite3_stmt *purged, *period, *period_all, *role;
	bh_htab senders;	/* the senders the periods hold, as met */
	struct msender *snd;
	size_t cap;
	bh_htab members;	/* their residents' roster rows (ids), numbered densely */
	long long first, last;	/* the stored messages' time span */
};

/* A sender of the periods, with its role and roster row (metrics_roles.sql)
 * looked up when first met: only the periods' senders are held, however large
 * the roster. */
static struct msender *
sender_of(struct mstmt *s, const char *name)
{
	int added;
	size_t i = bh_htab_str(&s->senders, name, 1, &added);
	struct msender *p;

	if (i >= s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		while (s->cap <= i)
			s->cap *= 2;
		s->snd = bh_realloc(s->snd, s->cap * sizeof *s->snd);
	}
	p = &s->snd[i];
	if (!added)
		return p;
	*p = (struct msender){ R_NONE, -1, 0 };
	sqlite3_reset(s->role);
	bh_db_text(s->role, 1, name, -1);
	if (sqlite3_step(s->role) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(s->role, 0);

		p->role = !role ? R_NONE : strcmp(role, "officer") == 0 ? R_OFFICER :
		    strcmp(role, "resident") == 0 ? R_RESIDENT : R_OTHER;
		/* Residents always have their roster row; others need none. */
		if (p->role == R_RESIDENT && sqlite3_column_type(s->role, 1) != SQLITE_NULL) {
			long long id = sqlite3_column_int64(s->role, 1);

			p->member = (long)bh_htab_find(&s->members, &id, sizeof id, 1, NULL);
		}
	}
	sqlite3_reset(s->role);
	return p;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

struct mstmt *
mstmt_new(sqlite3 *db)
{
	struct mstmt *s = bh_malloc(sizeof *s);
	sqlite3_stmt *q;

	memset(s, 0, sizeof *s);
	s->active_clear = bh_db_prep_res(db, "sql/metrics_active_clear.sql");
	s->active = bh_db_prep_res(db, "sql/metrics_active.sql");
	s->thon = bh_db_prep_res(db, "sql/metrics_thon.sql");
	s->posts = bh_db_prep_res(db, "sql/metrics_posts.sql");
	s->member_any = bh_db_prep_res(db, "sql/metrics_member_any.sql");
	s->membership = bh_db_prep_res(db, "sql/metrics_membership.sql");
	s->purged = bh_db_prep_res(db, "sql/metrics_purged.sql");
	s->period = bh_db_prep_res(db, "sql/metrics_period.sql");
	s->period_all = bh_db_prep_res(db, "sql/metrics_period_all.sql");
	s->role = bh_db_prep_res(db, "sql/metrics_roles.sql");
	q = bh_db_prep_res(db, "sql/metrics_span.sql");
	if (sqlite3_step(q) == SQLITE_ROW) {
		s->first = sqlite3_column_int64(q, 0);
		s->last = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	return s;
}

void
mstmt_free(struct mstmt *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->role);
	sqlite3_finalize(s->period_all);
	sqlite3_finalize(s->period);
	sqlite3_finalize(s->purged);
	sqlite3_finalize(s->membership);
	sqlite3_finalize(s->member_any);
	sqlite3_finalize(s->posts);
	sqlite3_finalize(s->thon);
	sqlite3_finalize(s->active);
	sqlite3_finalize(s->active_clear);
	bh_htab_free(&s->senders);
	bh_htab_free(&s->members);
	free(s->snd);
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
count_type(struct pfig *f, const char *type)
{
	size_t i;

	for (i = 0; i < f->ntype && strcmp(f->type[i].type, type) != 0; i++)
		;
	if (i == f->ntype) {
		f->type = bh_realloc(f->type, (f->ntype + 1) * sizeof *f->type);
		f->type[f->ntype++] = (struct tcount){ bh_strdup(type), 0 };
	}
	f->type[i].n++;
}

/* The local Monday (day number) of the week of ts. */
static long
week_of(long long ts)
{
	return bh_week_start(bh_local_day(ts));
}

/* One pass over the period's messages, in any order: senders (into t_active),
 * groups, weeks, heatmap and types. A resident counts once a week: a bit per
 * (roster row met, week), the bits of a row together so that rows met later
 * add bits at the end. Whether member events exist is asked per group seen. A
 * period spanning most of the stored time is read straight from the table:
 * going through the time index fetches every row apart, at thrice the cost. */
static void
period_pass(struct mstmt *s, struct pfig *f)
{
	sqlite3_stmt *q;
	bh_htab groups = BH_HTAB_INIT;
	struct week *w;
	unsigned char *seen = NULL;
	size_t nseen = 0;
	long wk0 = week_of(f->lo);
	size_t i, nw = f->hi > f->lo ? (size_t)((week_of(f->hi - 1) - wk0) / 7 + 1) : 0;
	long long from = f->lo > s->first ? f->lo : s->first;
	long long to = f->hi < s->last + 1 ? f->hi : s->last + 1;
	int rc;

	q = 2 * (to - from) >= s->last + 1 - s->first ? s->period_all : s->period;
	w = bh_malloc((nw + 1) * sizeof *w);
	memset(w, 0, (nw + 1) * sizeof *w);
	for (i = 0; i < s->senders.n; i++)
		s->snd[i].n = 0;
	bind_range(q, f->lo, f->hi);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long long ts = sqlite3_column_int64(q, 0);
		long day = bh_local_day(ts);
		int wd = bh_weekday(day), hr = bh_local_hour(ts);
		long k = (bh_week_start(day) - wk0) / 7;
		struct msender *p = sender_of(s, (const char *)sqlite3_column_text(q, 2));

		bh_htab_str(&groups, (const char *)sqlite3_column_text(q, 1), 1, NULL);
		count_type(f, (const char *)sqlite3_column_text(q, 3));
		if (wd >= 1 && wd <= 7 && hr >= 0 && hr < 24)
			f->heat[wd - 1][hr]++;
		/* Every week of the period has its place (ts in [lo, hi)). */
		if (k >= 0 && (size_t)k < nw) {
			w[k].n++;
			w[k].officer += p->role == R_OFFICER;
			if (p->role == R_RESIDENT) {
				w[k].resident++;
				if (p->member >= 0) {
					size_t bit = (size_t)p->member * nw + (size_t)k;

					if (bit / 8 >= nseen) {
						size_t n = nseen ? 2 * nseen : 4096;

						while (n <= bit / 8)
							n *= 2;
						seen = bh_realloc(seen, n);
						memset(seen + nseen, 0, n - nseen);
						nseen = n;
					}

					if (!(seen[bit / 8] & (1u << bit % 8))) {
						seen[bit / 8] |= (unsigned char)(1u << bit % 8);
						w[k].members++;
					}
				}
			}
		}
		if (p->n++ == 0)
			f->senders++;
		f->messages++;
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(sqlite3_db_handle(q)));
	sqlite3_reset(q);
	for (i = 0; i < nw; i++) {
		if (!w[i].n)
			continue;
		w[i].wk = wk0 + 7 * (long)i;
		f->week = bh_realloc(f->week, (f->nweek + 1) * sizeof *f->week);
		f->week[f->nweek++] = w[i];
	}
	free(seen);
	free(w);
	f->groups = (long long)groups.n;
	f->has_data = f->messages > 0;
	for (i = 0; i < s->senders.n; i++) {
		if (!s->snd[i].n)
			continue;
		bh_db_text(s->active, 1, s->senders.key[i], -1);
		sqlite3_bind_int64(s->active, 2, s->snd[i].n);
		bh_db_run(s->active);
	}
	for (i = 0; i < groups.n && !f->members_known; i++) {
		sqlite3_reset(s->member_any);
		bh_db_text(s->member_any, 1, groups.key[i], -1);
		f->members_known = sqlite3_step(s->member_any) == SQLITE_ROW &&
		    sqlite3_column_int(s->member_any, 0);
		sqlite3_reset(s->member_any);
	}
	bh_htab_free(&groups);
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
	sqlite3_stmt *q = s->membership;


	bind_range(q, f->lo, f->hi);
	while (sqlite3_step(q) == SQLITE_ROW) {
		f->joins += sqlite3_column_int64(q, 1);
		f->leaves += sqlite3_column_int64(q, 2);
	}
	sqlite3_reset(q);
}

void
figures_of(struct mstmt *s, const struct tips *ts, const struct bh_period *p, int posts,
    struct pfig *f)
{
	memset(f, 0, sizeof *f);
	f->p = *p;
	f->lo = bh_period_start_ms(p);
	f->hi = bh_period_end_ms(p);
	bh_db_run(s->active_clear);
	period_pass(s, f);
	fill_thon(s, f);
	/* Posts are messages of the period: none without any (the query costs
	 * a fifth of a second even then). */
	if (posts && f->has_data) {
		bind_range(s->posts, f->lo, f->hi);
		while (sqlite3_step(s->posts) == SQLITE_ROW)
			f->posts++;
		sqlite3_reset(s->posts);
	}
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
	for (i = 0; i < f->ntype; i++)
		free(f->type[i].type);
	free(f->type);
	f->type = NULL;
	f->ntype = 0;
	free(f->week);
	f->week = NULL;
	f->nweek = 0;
}
