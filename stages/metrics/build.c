/* build.c: every table of the output contract (product.md), from the figures of
 * the three periods, the tips, and a few period queries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "metrics.h"

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const c_summary[] = { "metric", "value", "prev_value", "last_year_value" };
static const char *const c_groups[] = { "group_id", "name", "first_message", "last_message",
	"messages", "senders" };
static const char *const c_thon[] = { "thon", "members", "active_members", "participation_pct",
	"messages", "tips", "tips_answered", "tip_response_median_min", "prev_participation_pct",
	"questions", "questions_answered", "withheld" };
static const char *const c_weekly[] = { "week_start", "messages", "officer_messages",
	"resident_messages", "active_members" };
static const char *const c_heatmap[] = { "weekday", "hour", "messages" };
static const char *const c_types[] = { "type", "messages" };
static const char *const c_cats[] = { "category", "kind", "tips", "tips_answered",
	"response_median_min" };
static const char *const c_monthly[] = { "month", "category", "kind", "tips" };
static const char *const c_buckets[] = { "kind", "bucket", "tips" };
static const char *const c_posts[] = { "post_id", "ts", "topic", "reactions", "replies",
	"engaged_members" };
static const char *const c_membership[] = { "date", "joins", "leaves" };
static const char *const c_tips[] = { "tip_id", "group_id", "ts", "thon", "tipster", "category",
	"kind", "answered", "first_response_ts", "response_min", "reviewed" };
static const char *const c_unmatched[] = { "uid", "display_name", "messages", "guessed_thon" };
static const char *const c_ledger[] = { "source", "entry", "records", "stored", "duplicates",
	"rejected", "private_skipped", "other_skipped" };

static const char *const type_order[] = { "text", "photo", "video", "voice", "file", "sticker",
	"gif", "link", "contact", "location", "poll", "recalled", "other", NULL };

static struct mtable *
add(struct outputs *o, struct mtable *t)
{
	o->t[o->n++] = t;
	return t;
}

static void
bind_range(sqlite3_stmt *q, const struct pfig *f)
{
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, f->lo);
	sqlite3_bind_int64(q, 2, f->hi);
}

static void
put_ts(struct mtable *t, sqlite3_stmt *q, int i)
{
	char ts[26];

	if (sqlite3_column_type(q, i) == SQLITE_NULL) {
		mt_empty(t);
		return;
	}
	bh_fmt_ts(sqlite3_column_int64(q, i), ts);
	mt_text(t, ts);
}

/* Summary */

enum { V_INT, V_TENTHS, V_DAY };
struct sval {
	int kind, ok;
	long long v;
};

struct srow {
	const char *id;
	int kind;
	long long (*get)(const struct pfig *f, int *ok);
	int roster;	/* needs the roster (who is a resident, who answers): empty without one */
};

#define GETTER(name, expr, okexpr) \
	static long long name(const struct pfig *f, int *ok) { *ok = (okexpr); return (expr); }

GETTER(g_start, f->p.first, 1)
GETTER(g_end, f->p.last, 1)
GETTER(g_groups, f->groups, 1)
GETTER(g_messages, f->messages, 1)
GETTER(g_senders, f->senders, 1)
GETTER(g_members, f->members, 1)
GETTER(g_active, f->active, 1)
GETTER(g_part, f->members ? bh_pct_tenths(f->active, f->members) : 0, f->members > 0)
GETTER(g_posts, f->posts, 1)
GETTER(g_tips, f->tip.n, 1)
GETTER(g_tans, f->tip.answered, 1)
GETTER(g_tans_pct, f->tip.n ? bh_pct_tenths(f->tip.answered, f->tip.n) : 0, f->tip.n > 0)
GETTER(g_tmed, f->tip.med, f->tip.has_med)
GETTER(g_tp90, f->tip.p90, f->tip.has_p90)
GETTER(g_t15, f->tip.n ? bh_pct_tenths(f->tip.w15, f->tip.n) : 0, f->tip.n > 0)
GETTER(g_t1h, f->tip.n ? bh_pct_tenths(f->tip.w1h, f->tip.n) : 0, f->tip.n > 0)
GETTER(g_t24, f->tip.n ? bh_pct_tenths(f->tip.w24, f->tip.n) : 0, f->tip.n > 0)
GETTER(g_tack, f->tip.acked, 1)
GETTER(g_tackmed, f->tip.ack_med, f->tip.has_ack_med)
GETTER(g_qs, f->q.n, 1)
GETTER(g_qans, f->q.answered, 1)
GETTER(g_qans_pct, f->q.n ? bh_pct_tenths(f->q.answered, f->q.n) : 0, f->q.n > 0)
GETTER(g_qmed, f->q.med, f->q.has_med)
GETTER(g_qp90, f->q.p90, f->q.has_p90)
GETTER(g_q15, f->q.n ? bh_pct_tenths(f->q.w15, f->q.n) : 0, f->q.n > 0)
GETTER(g_q1h, f->q.n ? bh_pct_tenths(f->q.w1h, f->q.n) : 0, f->q.n > 0)
GETTER(g_q24, f->q.n ? bh_pct_tenths(f->q.w24, f->q.n) : 0, f->q.n > 0)
GETTER(g_joins, f->joins, f->members_known)
GETTER(g_leaves, f->leaves, f->members_known)
GETTER(g_purged, f->purged, 1)

static const struct srow summary_rows[] = {
	{ "period_start", V_DAY, g_start, 0 }, { "period_end", V_DAY, g_end, 0 },
	{ "groups", V_INT, g_groups, 0 }, { "messages", V_INT, g_messages, 0 },
	{ "senders", V_INT, g_senders, 0 }, { "members", V_INT, g_members, 1 },
	{ "active_members", V_INT, g_active, 1 }, { "participation_pct", V_TENTHS, g_part, 1 },
	{ "officer_posts", V_INT, g_posts, 1 }, { "tips", V_INT, g_tips, 0 },
	{ "tips_answered", V_INT, g_tans, 1 }, { "tips_answered_pct", V_TENTHS, g_tans_pct, 1 },
	{ "tip_response_median_min", V_TENTHS, g_tmed, 1 },
	{ "tip_response_p90_min", V_TENTHS, g_tp90, 1 },
	{ "tips_within_15m_pct", V_TENTHS, g_t15, 1 }, { "tips_within_1h_pct", V_TENTHS, g_t1h, 1 },
	{ "tips_within_24h_pct", V_TENTHS, g_t24, 1 }, { "tips_acknowledged", V_INT, g_tack, 1 },
	{ "tip_ack_median_min", V_TENTHS, g_tackmed, 1 }, { "questions", V_INT, g_qs, 0 },
	{ "questions_answered", V_INT, g_qans, 1 },
	{ "questions_answered_pct", V_TENTHS, g_qans_pct, 1 },
	{ "question_response_median_min", V_TENTHS, g_qmed, 1 },
	{ "question_response_p90_min", V_TENTHS, g_qp90, 1 },
	{ "questions_within_15m_pct", V_TENTHS, g_q15, 1 },
	{ "questions_within_1h_pct", V_TENTHS, g_q1h, 1 },
	{ "questions_within_24h_pct", V_TENTHS, g_q24, 1 },
	{ "joins", V_INT, g_joins, 0 }, { "leaves", V_INT, g_leaves, 0 },
	{ "purged_messages", V_INT, g_purged, 0 },
	{ NULL, 0, NULL, 0 }
};

static void
put_sval(struct mtable *t, int kind, int ok, long long v)
{
	char day[11];

	if (!ok)
		mt_empty(t);
	else if (kind == V_INT)
		mt_int(t, v);
	else if (kind == V_TENTHS)
		mt_tenths(t, v);
	else {
		bh_fmt_day((long)v, day);
		mt_text(t, day);
	}
}

static void
build_summary(struct outputs *o, const struct mopts *opt, struct pfig f[3])
{
	struct mtable *t = add(o, mt_new("tables/summary.csv", "summary", c_summary, NCOLS(c_summary)));
	const struct srow *r;
	int i, ok;
	long long v;

	for (r = summary_rows; r->id; r++) {
		mt_text(t, r->id);
		for (i = 0; i < 3; i++) {
			v = r->get(&f[i], &ok);
			/* A previous or last-year period without any message is unknown, not 0;
			 * so is, without a roster, whatever needs one. */
			put_sval(t, r->kind, ok && (i == 0 || f[i].has_data) &&
			    !(r->roster && opt->no_roster), v);
		}
	}
}

/* Thôn */

/* "Thôn 2" before "Thôn 10": digit runs compare as numbers. */
static int
natcmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);

			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int
thon_cmp(const void *x, const void *y)
{
	const struct thon *a = x, *b = y;
	int c = natcmp(a->key, b->key);

	return c ? c : strcmp(a->name, b->name);
}

const struct thon *
thon_by_key(const struct pfig *f, const char *key)
{
	size_t i;

	for (i = 0; key && i < f->nthon; i++)
		if (strcmp(f->thon[i].key, key) == 0)
			return &f->thon[i];
	return NULL;
}

static void
thon_row(struct mtable *t, const struct mopts *o, const struct tips *ts, struct pfig f[3],
    const struct thon *th)
{
	const struct thon *prev = thon_by_key(&f[1], th->key);
	int withheld = th->members < o->min_thon;
	struct kstats k, q;

	kstats_of(ts, f[0].lo, f[0].hi, BH_KIND_TIP, th->key, NULL, &k);
	kstats_of(ts, f[0].lo, f[0].hi, BH_KIND_QUESTION, th->key, NULL, &q);
	mt_data(t, th->name);
	mt_int(t, th->members);
	mt_int(t, th->active);
	put_sval(t, V_TENTHS, th->members > 0, th->members ? bh_pct_tenths(th->active, th->members) : 0);
	mt_int(t, th->messages);
	/* Small thôn give tipsters away: their tip figures stay in internal/ only. */
	put_sval(t, V_INT, !withheld, k.n);
	put_sval(t, V_INT, !withheld, k.answered);
	put_sval(t, V_TENTHS, !withheld && k.has_med, k.med);
	put_sval(t, V_TENTHS, f[1].has_data && prev && prev->members > 0,
	    prev && prev->members ? bh_pct_tenths(prev->active, prev->members) : 0);
	put_sval(t, V_INT, !withheld, q.n);
	put_sval(t, V_INT, !withheld, q.answered);
	mt_int(t, withheld);
}

static void
build_thon(struct outputs *out, const struct mopts *o, const struct tips *ts, struct pfig f[3])
{
	struct mtable *t = add(out, mt_new("tables/thon.csv", "thon", c_thon, NCOLS(c_thon)));
	size_t i;

	if (f[0].nthon)
		qsort(f[0].thon, f[0].nthon, sizeof *f[0].thon, thon_cmp);
	for (i = 0; i < f[0].nthon; i++)
		thon_row(t, o, ts, f, &f[0].thon[i]);
}

/* Series of the report period */

static void
build_weekly(struct outputs *out, const struct mopts *o, const struct pfig *f)
{
	struct mtable *t = add(out, mt_new("tables/weekly.csv", "weekly", c_weekly, NCOLS(c_weekly)));
	long wk, last = bh_week_start(f->p.last);
	size_t i = 0;
	char day[11];

	/* Every week that meets the period, with or without messages. */
	for (wk = bh_week_start(f->p.first); wk <= last; wk += 7) {
		int has = i < f->nweek && f->week[i].wk == wk;

		bh_fmt_day(wk, day);
		mt_text(t, day);
		mt_int(t, has ? f->week[i].n : 0);
		/* who is an officer or a resident: the roster says */
		put_sval(t, V_INT, !o->no_roster, has ? f->week[i].officer : 0);
		put_sval(t, V_INT, !o->no_roster, has ? f->week[i].resident : 0);
		put_sval(t, V_INT, !o->no_roster, has ? f->week[i].members : 0);
		i += has;
	}
}

static void
build_heatmap(struct outputs *out, const struct pfig *f)
{
	struct mtable *t = add(out, mt_new("tables/heatmap.csv", "heatmap", c_heatmap, NCOLS(c_heatmap)));
	int d, h;

	for (d = 0; d < 7; d++)
		for (h = 0; h < 24; h++) {
			mt_int(t, d + 1);
			mt_int(t, h);
			mt_int(t, f->heat[d][h]);
		}
}

static int
type_rank(const char *type)
{
	int i;

	for (i = 0; type_order[i] && strcmp(type_order[i], type) != 0; i++)
		;
	return i;
}

static void
build_types(struct outputs *out, const struct pfig *f)
{
	struct mtable *t = add(out, mt_new("tables/message_types.csv", "message_types", c_types,
	    NCOLS(c_types)));
	long long n[16] = { 0 };
	size_t j;
	int i, k;

	for (j = 0; j < f->ntype; j++) {
		/* Types we do not know are reported as other. */
		k = type_rank(f->type[j].type);
		n[type_order[k] ? k : type_rank("other")] += f->type[j].n;
	}
	for (i = 0; type_order[i]; i++) {
		if (!n[i])
			continue;
		mt_text(t, type_order[i]);
		mt_int(t, n[i]);
	}
}

/* Tip tables */

struct catlist {
	const char **cat;
	enum bh_kind *kind;
	size_t n;
};

static void
cat_add(struct catlist *c, const char *cat, enum bh_kind kind)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->cat[i], cat) == 0 && c->kind[i] == kind)
			return;
	c->cat = bh_realloc(c->cat, (c->n + 1) * sizeof *c->cat);
	c->kind = bh_realloc(c->kind, (c->n + 1) * sizeof *c->kind);
	c->cat[c->n] = cat;
	c->kind[c->n++] = kind;
}

static size_t
cat_rank(const struct catlist *c, const char *cat, enum bh_kind kind)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->cat[i], cat) == 0 && c->kind[i] == kind)
			return i;
	return c->n;
}

/* Lexicon categories in file order, then categories only reviews gave. */
static void
categories(const bh_lexicon *lx, const struct tips *ts, const struct pfig *f, struct catlist *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < lx->n; i++)
		if (lx->e[i].kind != BH_KIND_IGNORE)
			cat_add(c, lx->e[i].category, lx->e[i].kind);
	for (i = 0; i < ts->n; i++)
		if (!ts->t[i].dropped && ts->t[i].ts >= f->lo && ts->t[i].ts < f->hi)
			cat_add(c, ts->t[i].category, ts->t[i].kind);
}

static void
build_categories(struct outputs *out, const struct mopts *o, const struct tips *ts,
    const struct pfig *f, const struct catlist *c)
{
	struct mtable *t = add(out, mt_new("tables/tip_categories.csv", "tip_categories", c_cats,
	    NCOLS(c_cats)));
	struct kstats k;
	size_t i;

	/* Categories with at least one tip or question, in lexicon order. */
	for (i = 0; i < c->n; i++) {
		kstats_of(ts, f->lo, f->hi, c->kind[i], NULL, c->cat[i], &k);
		if (!k.n)
			continue;
		mt_data(t, c->cat[i]);
		mt_text(t, bh_kind_names[c->kind[i]]);
		mt_int(t, k.n);
		/* who answered: the roster says who the officers are */
		put_sval(t, V_INT, !o->no_roster, k.answered);
		put_sval(t, V_TENTHS, k.has_med && !o->no_roster, k.med);
	}
}

struct mcount {
	long month;		/* year * 12 + month - 1 */
	size_t cat;		/* rank in the category list */
	long long n;
};

static int
mcount_cmp(const void *x, const void *y)
{
	const struct mcount *a = x, *b = y;

	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->cat < b->cat ? -1 : a->cat > b->cat;
}

static void
build_monthly(struct outputs *out, const struct tips *ts, const struct pfig *f,
    const struct catlist *c)
{
	struct mtable *t = add(out, mt_new("tables/tips_monthly.csv", "tips_monthly", c_monthly,
	    NCOLS(c_monthly)));
	struct mcount *m = NULL;
	size_t i, j, n = 0;
	char month[16];
	int y, mo, d;

	for (i = 0; i < ts->n; i++) {
		const struct tip *p = &ts->t[i];
		long key;
		size_t cat;

		if (p->dropped || p->ts < f->lo || p->ts >= f->hi)
			continue;
		bh_civil_from_days(bh_local_day(p->ts), &y, &mo, &d);
		key = y * 12L + mo - 1;
		cat = cat_rank(c, p->category, p->kind);
		for (j = 0; j < n && !(m[j].month == key && m[j].cat == cat); j++)
			;
		if (j == n) {
			m = bh_realloc(m, (n + 1) * sizeof *m);
			m[n++] = (struct mcount){ key, cat, 0 };
		}
		m[j].n++;
	}
	if (n)
		qsort(m, n, sizeof *m, mcount_cmp);
	for (i = 0; i < n; i++) {
		snprintf(month, sizeof month, "%04ld-%02ld", m[i].month / 12 % 10000, m[i].month % 12 + 1);
		mt_text(t, month);
		mt_data(t, c->cat[m[i].cat]);
		mt_text(t, bh_kind_names[c->kind[m[i].cat]]);
		mt_int(t, m[i].n);
	}
	free(m);
}

static void
build_buckets(struct outputs *out, const struct mopts *o, const struct pfig *f)
{
	struct mtable *t = add(out, mt_new("tables/response_buckets.csv", "response_buckets",
	    c_buckets, NCOLS(c_buckets)));
	const struct kstats *k[2] = { &f->tip, &f->q };
	int i, b;

	for (i = 0; i < 2; i++)
		for (b = 0; b < NBUCKET; b++) {
			mt_text(t, bh_kind_names[i == 0 ? BH_KIND_TIP : BH_KIND_QUESTION]);
			mt_text(t, bucket_names[b]);
			put_sval(t, V_INT, !o->no_roster, k[i]->bucket[b]);
		}
}

/* The report period's posts, listed before the summary is built: their number
 * is its officer_posts (figures_of leaves it to this one run of the query). */
static struct mtable *
posts_table(struct mstmt *s, const bh_lexicon *lx, struct pfig *f)
{
	struct mtable *t = mt_new("tables/officer_posts.csv", "officer_posts", c_posts,
	    NCOLS(c_posts));
	sqlite3_stmt *q = mstmt_posts(s);
	const struct bh_lexent *e;

	bind_range(q, f);
	while (sqlite3_step(q) == SQLITE_ROW) {
		mt_data(t, (const char *)sqlite3_column_text(q, 0));
		put_ts(t, q, 1);
		if (sqlite3_column_int(q, 6)) {
			/* its text purged: the category read then */
			const char *c = (const char *)sqlite3_column_text(q, 7);
			mt_data(t, c ? c : "thong_bao");
		} else {
			e = bh_lex_match(lx, (const char *)sqlite3_column_text(q, 2));
			mt_data(t, e ? e->category : "thong_bao");
		}
		mt_int(t, sqlite3_column_int64(q, 3));
		mt_int(t, sqlite3_column_int64(q, 4));
		mt_int(t, sqlite3_column_int64(q, 5));
	}
	sqlite3_reset(q);
	f->posts = (long long)mt_rows(t);
	return t;
}

static void
build_membership(struct outputs *out, struct mstmt *s, const struct pfig *f)
{
	struct mtable *t = add(out, mt_new("tables/membership.csv", "membership", c_membership,
	    NCOLS(c_membership)));
	sqlite3_stmt *q = mstmt_membership(s);
	char day[11];

	bind_range(q, f);
	while (sqlite3_step(q) == SQLITE_ROW) {
		bh_fmt_day((long)sqlite3_column_int64(q, 0), day);
		mt_text(t, day);
		mt_int(t, sqlite3_column_int64(q, 1));
		mt_int(t, sqlite3_column_int64(q, 2));
	}
	sqlite3_reset(q);
}

static void
build_groups(struct outputs *out, sqlite3 *db)
{
	struct mtable *t = add(out, mt_new("tables/groups.csv", "groups", c_groups, NCOLS(c_groups)));
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_groups.sql");

	while (sqlite3_step(q) == SQLITE_ROW) {
		mt_data(t, (const char *)sqlite3_column_text(q, 0));
		mt_data(t, (const char *)sqlite3_column_text(q, 1));
		put_ts(t, q, 2);
		put_ts(t, q, 3);
		mt_int(t, sqlite3_column_int64(q, 4));
		mt_int(t, sqlite3_column_int64(q, 5));
	}
	sqlite3_finalize(q);
}

/* Internal (confidential) tables */

static int
tip_time_cmp(const void *x, const void *y)
{
	const struct tip *a = *(struct tip *const *)x, *b = *(struct tip *const *)y;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static void
tip_row(struct mtable *t, const struct mopts *o, const struct tip *p, const struct pfig *f)
{
	const struct thon *th = thon_by_key(f, p->thon_key);
	char ts[26], nb[16];

	mt_data(t, p->tip_id);
	mt_data(t, p->group_id);
	bh_fmt_ts(p->ts, ts);
	mt_text(t, ts);
	mt_data(t, th ? th->name : NULL);
	snprintf(nb, sizeof nb, "NB-%04d", p->nb % 100000);
	mt_text(t, nb);
	mt_data(t, p->category);
	mt_text(t, bh_kind_names[p->kind]);
	/* who answered is not known without the roster's officers */
	put_sval(t, V_INT, !o->no_roster, p->answered);
	if (p->answered && !o->no_roster) {
		bh_fmt_ts(p->resp_ts, ts);
		mt_text(t, ts);
		mt_tenths(t, bh_ms_tenths(p->resp_ts - p->ts));
	} else {
		mt_empty(t);
		mt_empty(t);
	}
	mt_text(t, p->reviewed);
}

static void
build_tips(struct outputs *out, const struct mopts *o, const struct tips *ts,
    const struct pfig *f)
{
	struct mtable *t = add(out, mt_new("internal/tips.csv", NULL, c_tips, NCOLS(c_tips)));
	const struct tip **v = bh_malloc((ts->n + 1) * sizeof *v);
	size_t i, n = 0;

	for (i = 0; i < ts->n; i++)
		if (!ts->t[i].dropped && ts->t[i].ts >= f->lo && ts->t[i].ts < f->hi)
			v[n++] = &ts->t[i];
	qsort(v, n, sizeof *v, tip_time_cmp);
	for (i = 0; i < n; i++)
		tip_row(t, o, v[i], f);
	free(v);
}

static void
build_unmatched(struct outputs *out, sqlite3 *db)
{
	struct mtable *t = add(out, mt_new("internal/unmatched_senders.csv", NULL, c_unmatched,
	    NCOLS(c_unmatched)));
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_unmatched.sql");

	while (sqlite3_step(q) == SQLITE_ROW) {
		mt_data(t, (const char *)sqlite3_column_text(q, 0));
		mt_data(t, (const char *)sqlite3_column_text(q, 1));
		mt_int(t, sqlite3_column_int64(q, 2));
		mt_data(t, (const char *)sqlite3_column_text(q, 3));
	}
	sqlite3_finalize(q);
}

static void
build_ledger(struct outputs *out, sqlite3 *db)
{
	struct mtable *t = add(out, mt_new("ledger.csv", "ledger", c_ledger, NCOLS(c_ledger)));
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_ledger.sql");
	int i;

	while (sqlite3_step(q) == SQLITE_ROW) {
		mt_data(t, (const char *)sqlite3_column_text(q, 0));
		mt_data(t, (const char *)sqlite3_column_text(q, 1));
		for (i = 2; i < 8; i++)
			mt_int(t, sqlite3_column_int64(q, i));
	}
	sqlite3_finalize(q);
}

void
build_tables(sqlite3 *db, struct mstmt *s, const struct mopts *o, const bh_lexicon *lx,
    const struct tips *ts, struct pfig f[3], struct outputs *out)
{
	struct catlist c;
	struct mtable *posts;

	memset(out, 0, sizeof *out);
	posts = posts_table(s, lx, &f[0]);
	build_summary(out, o, f);
	build_groups(out, db);
	build_thon(out, o, ts, f);
	build_weekly(out, o, &f[0]);
	build_heatmap(out, &f[0]);
	build_types(out, &f[0]);
	categories(lx, ts, &f[0], &c);
	build_categories(out, o, ts, &f[0], &c);
	build_monthly(out, ts, &f[0], &c);
	free(c.cat);
	free(c.kind);
	build_buckets(out, o, &f[0]);
	add(out, posts);
	build_membership(out, s, &f[0]);
	build_tips(out, o, ts, &f[0]);
	build_unmatched(out, db);
	build_ledger(out, db);
}

void
outputs_free(struct outputs *out)
{
	int i;

	for (i = 0; i < out->n; i++)
		mt_free(out->t[i]);
	out->n = 0;
}
