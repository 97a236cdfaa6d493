/* tips.c: tips and questions over all stored data: bursts, first
 * responses and acknowledgements (metrics.md). Messages are streamed in
 * (group, sender, time) order; only the tips and the messages that could start
 * one (read by the lexicon, 16 bytes each) are held in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "metrics.h"

#define BURST_GAP_MS 600000LL

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

/* A tip's or burst's message: its msgId and cliMsgId, fetched by id (bursts
 * are few next to the messages scanned). */
static void
burst_row(sqlite3_stmt *ins, sqlite3_stmt *ids, long long tip, long long row, const char *group)
{
	sqlite3_reset(ids);
	sqlite3_bind_int64(ids, 1, row);
	if (sqlite3_step(ids) != SQLITE_ROW)
		bh_die(_("database error: message %lld vanished: %s"), row,
		    sqlite3_errmsg(sqlite3_db_handle(ids)));
	sqlite3_bind_int64(ins, 1, tip);
	bh_db_text(ins, 2, group, -1);
	sqlite3_bind_value(ins, 3, sqlite3_column_value(ids, 0));
	sqlite3_bind_value(ins, 4, sqlite3_column_value(ids, 1));
	bh_db_run(ins);
	sqlite3_reset(ids);
}

/* A message that can start a tip (not recalled, read by the lexicon), by id:
 * what it reads, as an index in the lexicon or (negative, -1 first) in the
 * stored readings of purged texts. */
struct cand {
	long long row;
	long code;
};

struct reading {
	char *category;
	enum bh_kind kind;
};

struct cands {
	struct cand *c;
	size_t n, cap;
	struct reading *r;	/* stored readings of purged texts, distinct */
	size_t nr;
};

static void
start_tip(struct tips *ts, const struct bh_lexent *lxe, const struct cands *cs, long code,
    long long row, const char *group, const char *sender, long long t, const char *thon_key,
    sqlite3_stmt *ids, sqlite3_stmt *ins)
{
	struct tip *p = tip_add(ts);
	const char *id;

	p->row = row;
	p->group_id = tips_str(ts, group);
	sqlite3_reset(ids);
	sqlite3_bind_int64(ids, 1, row);
	if (sqlite3_step(ids) != SQLITE_ROW)
		bh_die(_("database error: message %lld vanished: %s"), row,
		    sqlite3_errmsg(sqlite3_db_handle(ids)));
	id = (const char *)sqlite3_column_text(ids, 0);
	if (!id)
		id = (const char *)sqlite3_column_text(ids, 1);
	p->tip_id = bh_strdup(id ? id : "");
	sqlite3_reset(ids);
	p->sender = tips_str(ts, sender);
	p->ts = t;
	p->thon_key = tips_str(ts, thon_key);
	if (code >= 0) {
		p->category = tips_str(ts, lxe[code].category);
		p->kind = lxe[code].kind;
	} else {
		p->category = tips_str(ts, cs->r[-code - 1].category);
		p->kind = cs->r[-code - 1].kind;
	}
	sqlite3_bind_int64(ins, 1, (long long)(ts->n - 1));
	bh_db_text(ins, 2, p->group_id, -1);
	bh_db_text(ins, 3, p->sender, -1);
	sqlite3_bind_int64(ins, 4, p->ts);
	bh_db_run(ins);
}

/* Lexicon readings of texts seen before: chats repeat their short texts ("ok",
 * greetings) a great deal, and matching is most of the scan's own time. Short
 * texts only, and a bounded number, so the cache stays small. */
#define LEXCACHE_TEXT 128
#define LEXCACHE_MAX 65536

struct lexcache {
	bh_htab text;
	const struct bh_lexent **hit;	/* by the text's index */
	size_t cap;
};

static const struct bh_lexent *
lex_cached(struct lexcache *c, const bh_lexicon *lx, const char *text)
{
	size_t i;

	if (!text || strlen(text) > LEXCACHE_TEXT)
		return bh_lex_match(lx, text);
	if ((i = bh_htab_str(&c->text, text, 0, NULL)) != BH_HTAB_NONE)
		return c->hit[i];
	if (c->text.n >= LEXCACHE_MAX)
		return bh_lex_match(lx, text);
	i = bh_htab_str(&c->text, text, 1, NULL);
	if (i >= c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->hit = bh_realloc(c->hit, c->cap * sizeof *c->hit);
	}
	c->hit[i] = bh_lex_match(lx, text);
	return c->hit[i];
}

/* The code of a stored reading (category, kind) of a purged text. */
static long
stored_code(struct cands *cs, const char *cat, const char *kind)
{
	enum bh_kind k = strcmp(kind, bh_kind_names[BH_KIND_QUESTION]) == 0 ?
	    BH_KIND_QUESTION : BH_KIND_TIP;
	size_t i;

	for (i = 0; i < cs->nr; i++)
		if (cs->r[i].kind == k && strcmp(cs->r[i].category, cat) == 0)
			return -(long)i - 1;
	cs->r = bh_realloc(cs->r, (cs->nr + 1) * sizeof *cs->r);
	cs->r[cs->nr].category = bh_strdup(cat);
	cs->r[cs->nr].kind = k;
	return -(long)cs->nr++ - 1;
}

/* Every message that could start a tip, in id order: what the lexicon reads in
 * its text or, when binhyen purge removed the text, what it read then (stored
 * in purged). A recalled message is never a tip. */
static void
find_candidates(sqlite3 *db, const bh_lexicon *lx, struct cands *cs)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_readings.sql");
	struct lexcache cache = { BH_HTAB_INIT, NULL, 0 };
	const struct bh_lexent *e;
	long code;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_int(q, 1))
			continue;
		if (!sqlite3_column_int(q, 3)) {
			if (!(e = lex_cached(&cache, lx, (const char *)sqlite3_column_text(q, 2))))
				continue;
			code = (long)(e - lx->e);
		} else {
			const char *cat = (const char *)sqlite3_column_text(q, 4);
			const char *kind = (const char *)sqlite3_column_text(q, 5);

			if (!cat || !kind)
				continue;
			code = stored_code(cs, cat, kind);
		}
		if (cs->n == cs->cap) {
			cs->cap = cs->cap ? 2 * cs->cap : 1024;
			cs->c = bh_realloc(cs->c, cs->cap * sizeof *cs->c);
		}
		cs->c[cs->n++] = (struct cand){ sqlite3_column_int64(q, 0), code };
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	sqlite3_finalize(q);
	bh_htab_free(&cache.text);
	free(cache.hit);
}

static int
cand_cmp(const void *key, const void *c)
{
	long long row = *(const long long *)key, r = ((const struct cand *)c)->row;

	return row < r ? -1 : row > r;
}

/* The group being walked: its figures for t_groups. */
struct gwalk {
	char *group;
	long long first, last, n, senders;
};

static void
group_done(struct gwalk *g, sqlite3_stmt *ins)
{
	if (!g->group)
		return;
	bh_db_text(ins, 1, g->group, -1);
	sqlite3_bind_int64(ins, 2, g->first);
	sqlite3_bind_int64(ins, 3, g->last);
	sqlite3_bind_int64(ins, 4, g->n);
	sqlite3_bind_int64(ins, 5, g->senders);
	bh_db_run(ins);
	free(g->group);
	g->group = NULL;
}

/* Counts the message in its group's figures (any sender, responders too). */
static void
group_count(struct gwalk *g, sqlite3_stmt *ins, const char *group, int new_sender, long long t)
{
	if (!g->group || strcmp(g->group, group) != 0) {
		group_done(g, ins);
		g->group = bh_strdup(group);
		g->first = g->last = t;
		g->n = g->senders = 0;
		new_sender = 1;
	}
	g->n++;
	g->senders += new_sender;
	if (t < g->first)
		g->first = t;
	if (t > g->last)
		g->last = t;
}

/* The sender being walked: a tipster may be among its messages when it is in
 * t_sender and no responder. */
struct walker {
	char *sender;
	int tipster;
	char *thon_key;
};

static void
walk_sender(struct walker *w, sqlite3_stmt *role, const char *sender)
{
	const char *k;

	if (w->sender && strcmp(w->sender, sender) == 0)
		return;
	free(w->sender);
	free(w->thon_key);
	w->sender = bh_strdup(sender);
	w->tipster = 0;
	w->thon_key = NULL;
	sqlite3_reset(role);
	bh_db_text(role, 1, sender, -1);
	if (sqlite3_step(role) == SQLITE_ROW && sqlite3_column_int(role, 0) == 0) {
		w->tipster = 1;
		k = (const char *)sqlite3_column_text(role, 1);
		w->thon_key = k ? bh_strdup(k) : NULL;
	}
	sqlite3_reset(role);
}

void
tips_find(sqlite3 *db, const bh_lexicon *lx, struct tips *ts)
{
	sqlite3_stmt *q, *tins, *bins, *ids, *role, *gins;
	struct burst b = { NULL, NULL, 0, -1 };
	struct gwalk g = { NULL, 0, 0, 0, 0 };
	struct cands cs = { NULL, 0, 0, NULL, 0 };
	struct walker w = { NULL, 0, NULL };
	const struct cand *c;
	size_t i;
	int rc;

	find_candidates(db, lx, &cs);
	q = bh_db_prep_res(db, "sql/metrics_scan.sql");
	tins = bh_db_prep_res(db, "sql/metrics_tip_insert.sql");
	bins = bh_db_prep_res(db, "sql/metrics_burst_insert.sql");
	ids = bh_db_prep_res(db, "sql/metrics_msg_ids.sql");
	role = bh_db_prep_res(db, "sql/metrics_sender_role.sql");
	gins = bh_db_prep_res(db, "sql/metrics_group_insert.sql");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long long row = sqlite3_column_int64(q, 0);
		const char *group = (const char *)sqlite3_column_text(q, 1);
		const char *sender = (const char *)sqlite3_column_text(q, 2);
		long long t = sqlite3_column_int64(q, 3);

		group_count(&g, gins, group, !w.sender || strcmp(w.sender, sender) != 0, t);
		/* Responders' messages (and senders not in t_sender) take no part. */
		walk_sender(&w, role, sender);
		if (!w.tipster)
			continue;
		if (continues(&b, group, sender, t)) {
			burst_row(bins, ids, b.tip, row, group);
			b.last_ts = t;
			continue;
		}
		b.tip = -1;
		if (!cs.n || !(c = bsearch(&row, cs.c, cs.n, sizeof *cs.c, cand_cmp)))
			continue;
		start_tip(ts, lx->e, &cs, c->code, row, group, sender, t, w.thon_key, ids, tins);
		burst_row(bins, ids, (long long)(ts->n - 1), row, group);
		free(b.group);
		free(b.sender);
		b.group = bh_strdup(group);
		b.sender = bh_strdup(sender);
		b.last_ts = t;
		b.tip = (long long)(ts->n - 1);
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	group_done(&g, gins);
	free(b.group);
	free(b.sender);
	free(w.sender);
	free(w.thon_key);
	for (i = 0; i < cs.nr; i++)
		free(cs.r[i].category);
	free(cs.r);
	free(cs.c);
	sqlite3_finalize(gins);
	sqlite3_finalize(role);
	sqlite3_finalize(ids);
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
	}
	free(ts->t);
	free(ts->rv);
	bh_htab_free(&ts->pool);
	memset(ts, 0, sizeof *ts);
}
