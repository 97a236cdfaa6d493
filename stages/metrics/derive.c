/* derive.c: the derived data of the stored messages (sql/schema.sql, derived_*):
 * every tip and question with its burst, found as if no sender were a
 * responder (a report keeps its non-responders'), and each (group, sender)'s
 * messages. Built over all messages once, then kept up to date: a run walks
 * again only the (group, sender) with messages stored since the last run or
 * changed since (merged, recalled, purged), from the start of the burst that
 * may hold the first of them. Another lexicon builds everything again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_res.h"
#include "bh_sha256.h"
#include "metrics.h"

#define BURST_GAP_MS 600000LL
/* Part of the lexicon's hash: change it when the rules of derive.c change, and
 * every database's derived data is built again by its next run. */
#define DERIVE_RULES "binhyen derived tips 1\n"

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
		while (c->cap <= i)
			c->cap *= 2;
		c->hit = bh_realloc(c->hit, c->cap * sizeof *c->hit);
	}
	c->hit[i] = bh_lex_match(lx, text);
	return c->hit[i];
}

static void
lexcache_free(struct lexcache *c)
{
	bh_htab_free(&c->text);
	free(c->hit);
}

/* What a message reads: a category and kind, or nothing (category NULL). */
struct reading {
	const char *category;
	const char *kind;
	const struct bh_lexent *e;	/* the lexicon's entry; NULL for a purged text's */
};

/* The reading of a row of metrics_derive_readings.sql or _pair.sql from column
 * RC on (recalled, body, purged, category, kind): a recalled message is never a
 * tip; a purged text reads what it read when purged. The strings last until the
 * row is stepped. */
static struct reading
read_row(sqlite3_stmt *q, int rc, struct lexcache *c, const bh_lexicon *lx)
{
	struct reading r = { NULL, NULL, NULL };
	const struct bh_lexent *e;

	if (sqlite3_column_int(q, rc))
		return r;
	if (!sqlite3_column_int(q, rc + 2)) {
		if ((e = lex_cached(c, lx, (const char *)sqlite3_column_text(q, rc + 1)))) {
			r.category = e->category;
			r.kind = bh_kind_names[e->kind];
			r.e = e;
		}
		return r;
	}
	r.category = (const char *)sqlite3_column_text(q, rc + 3);
	r.kind = (const char *)sqlite3_column_text(q, rc + 4);
	if (!r.category || !r.kind)
		r.category = r.kind = NULL;
	return r;
}

/* One (group, sender) walked in (ts, id) order: the burst open, if any. A tip
 * starts at a message that reads something when no burst is open; its burst
 * takes every later message sent at most 10 minutes after the one before. */
struct dwalk {
	sqlite3_stmt *ins;
	char *group, *sender;
	int open;
	long long row, ts, end_ts, end_id;
	char *category;
	const char *kind;
};

static void
dwalk_close(struct dwalk *w)
{
	if (!w->open)
		return;
	sqlite3_bind_int64(w->ins, 1, w->row);
	bh_db_text(w->ins, 2, w->group, -1);
	bh_db_text(w->ins, 3, w->sender, -1);
	sqlite3_bind_int64(w->ins, 4, w->ts);
	bh_db_text(w->ins, 5, w->category, -1);
	bh_db_text(w->ins, 6, w->kind, -1);
	sqlite3_bind_int64(w->ins, 7, w->end_ts);
	sqlite3_bind_int64(w->ins, 8, w->end_id);
	bh_db_run(w->ins);
	free(w->category);
	w->category = NULL;
	w->open = 0;
}

/* The walk moves to another (group, sender). */
static void
dwalk_pair(struct dwalk *w, const char *group, const char *sender)
{
	dwalk_close(w);
	free(w->group);
	free(w->sender);
	w->group = bh_strdup(group);
	w->sender = bh_strdup(sender);
}

static void
dwalk_msg(struct dwalk *w, long long row, long long ts, struct reading r)
{
	if (w->open && ts - w->end_ts <= BURST_GAP_MS) {
		w->end_ts = ts;
		w->end_id = row;
		return;
	}
	dwalk_close(w);
	if (!r.category)
		return;
	w->open = 1;
	w->row = w->end_id = row;
	w->ts = w->end_ts = ts;
	w->category = bh_strdup(r.category);
	w->kind = strcmp(r.kind, bh_kind_names[BH_KIND_QUESTION]) == 0 ?
	    bh_kind_names[BH_KIND_QUESTION] : bh_kind_names[BH_KIND_TIP];
}

static void
dwalk_free(struct dwalk *w)
{
	dwalk_close(w);
	free(w->group);
	free(w->sender);
}

/* A message that can start a tip, by id: its reading, an index in the
 * lexicon or (negative, -1 first) in the stored readings of purged texts. */
struct cand {
	long long row;
	long code;
};

struct cands {
	struct cand *c;
	size_t n, cap;
	struct reading *r;	/* stored readings of purged texts, distinct (strings owned) */
	size_t nr;
};

static long
stored_code(struct cands *cs, struct reading r)
{
	size_t i;

	for (i = 0; i < cs->nr; i++)
		if (strcmp(cs->r[i].kind, r.kind) == 0 && strcmp(cs->r[i].category, r.category) == 0)
			return -(long)i - 1;
	cs->r = bh_realloc(cs->r, (cs->nr + 1) * sizeof *cs->r);
	cs->r[cs->nr].category = bh_strdup(r.category);
	cs->r[cs->nr].kind = bh_strdup(r.kind);
	cs->r[cs->nr].e = NULL;
	return -(long)cs->nr++ - 1;
}

/* Every message that could start a tip, in id order (16 bytes each: the
 * messages themselves are read in table order, the cheap way). */
static void
find_candidates(sqlite3 *db, const bh_lexicon *lx, struct cands *cs)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_derive_readings.sql");
	struct lexcache cache = { BH_HTAB_INIT, NULL, 0 };
	struct reading r;
	long code;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		r = read_row(q, 1, &cache, lx);
		if (!r.category)
			continue;
		code = r.e ? (long)(r.e - lx->e) : stored_code(cs, r);
		if (cs->n == cs->cap) {
			cs->cap = cs->cap ? 2 * cs->cap : 1024;
			cs->c = bh_realloc(cs->c, cs->cap * sizeof *cs->c);
		}
		cs->c[cs->n++] = (struct cand){ sqlite3_column_int64(q, 0), code };
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	sqlite3_finalize(q);
	lexcache_free(&cache);
}

static int
cand_cmp(const void *key, const void *c)
{
	long long row = *(const long long *)key, r = ((const struct cand *)c)->row;

	return row < r ? -1 : row > r;
}

/* The (group, sender) being counted for derived_pairs. */
struct pairc {
	sqlite3_stmt *ins;
	long long n, first, last;
};

static void
pair_done(struct pairc *p, const struct dwalk *w)
{
	if (!p->n)
		return;
	bh_db_text(p->ins, 1, w->group, -1);
	bh_db_text(p->ins, 2, w->sender, -1);
	sqlite3_bind_int64(p->ins, 3, p->n);
	sqlite3_bind_int64(p->ins, 4, p->first);
	sqlite3_bind_int64(p->ins, 5, p->last);
	bh_db_run(p->ins);
	p->n = 0;
}

/* Everything again, over every stored message: the readings in table order,
 * then one walk of the (group, sender, ts) index. */
static void
build_all(sqlite3 *db, const bh_lexicon *lx)
{
	struct cands cs = { NULL, 0, 0, NULL, 0 };
	struct dwalk w;
	struct pairc p;
	sqlite3_stmt *q;
	const struct cand *c;
	size_t i;
	int rc;

	bh_db_exec_res(db, "sql/metrics_derive_clear.sql");
	find_candidates(db, lx, &cs);
	memset(&w, 0, sizeof w);
	memset(&p, 0, sizeof p);
	w.ins = bh_db_prep_res(db, "sql/metrics_derive_tip.sql");
	p.ins = bh_db_prep_res(db, "sql/metrics_derive_pair_insert.sql");
	q = bh_db_prep_res(db, "sql/metrics_derive_scan.sql");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long long row = sqlite3_column_int64(q, 0);
		const char *group = (const char *)sqlite3_column_text(q, 1);
		const char *sender = (const char *)sqlite3_column_text(q, 2);
		long long t = sqlite3_column_int64(q, 3);
		struct reading r = { NULL, NULL, NULL };

		if (!w.group || strcmp(w.sender, sender) != 0 || strcmp(w.group, group) != 0) {
			pair_done(&p, &w);
			dwalk_pair(&w, group, sender);
			p.first = t;
		}
		p.n++;
		p.last = t;
		if (cs.n && (c = bsearch(&row, cs.c, cs.n, sizeof *cs.c, cand_cmp))) {
			if (c->code >= 0) {
				r.category = lx->e[c->code].category;
				r.kind = bh_kind_names[lx->e[c->code].kind];
			} else {
				r = cs.r[-c->code - 1];
			}
		}
		dwalk_msg(&w, row, t, r);
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	pair_done(&p, &w);
	dwalk_free(&w);
	sqlite3_finalize(q);
	sqlite3_finalize(p.ins);
	sqlite3_finalize(w.ins);
	for (i = 0; i < cs.nr; i++) {
		free((char *)cs.r[i].category);
		free((char *)cs.r[i].kind);
	}
	free(cs.r);
	free(cs.c);
}

/* The start of the burst that may hold a message of (group, sender) at t0: the
 * earliest of its messages before t0 reached by steps of at most 10 minutes
 * (t0 itself when none is). Before it, a gap of more than 10 minutes closed
 * every burst, and the walk can start afresh. */
static long long
burst_start(sqlite3_stmt *back, const char *group, const char *sender, long long t0)
{
	long long s = t0;

	sqlite3_reset(back);
	bh_db_text(back, 1, group, -1);
	bh_db_text(back, 2, sender, -1);
	sqlite3_bind_int64(back, 3, t0);
	while (sqlite3_step(back) == SQLITE_ROW) {
		long long t = sqlite3_column_int64(back, 0);

		if (s - t > BURST_GAP_MS)
			break;
		s = t;
	}
	sqlite3_reset(back);
	return s;
}

/* t_redo filled (sql/metrics_derive_redo.sql, each statement with ?1 bound to
 * the last id the derived data hold). */
static void
redo_find(sqlite3 *db, long long last)
{
	const char *sql = bh_res("sql/metrics_derive_redo.sql", NULL), *tail;
	sqlite3_stmt *q;

	for (; sql && *sql; sql = tail) {
		if (sqlite3_prepare_v2(db, sql, -1, &q, &tail) != SQLITE_OK)
			bh_die(_("database error: %s"), sqlite3_errmsg(db));
		if (!q)
			break;
		if (sqlite3_bind_parameter_count(q))
			sqlite3_bind_int64(q, 1, last);
		bh_db_run(q);
		sqlite3_finalize(q);
	}
}

/* The (group, sender) of t_redo walked again from the burst that may hold
 * their first new or changed message. */
static void
redo_pairs(sqlite3 *db, const bh_lexicon *lx)
{
	sqlite3_stmt *q, *back, *forget, *pair;
	struct lexcache cache = { BH_HTAB_INIT, NULL, 0 };
	struct dwalk w;
	int rc;

	memset(&w, 0, sizeof w);
	w.ins = bh_db_prep_res(db, "sql/metrics_derive_tip.sql");
	back = bh_db_prep_res(db, "sql/metrics_derive_back.sql");
	forget = bh_db_prep_res(db, "sql/metrics_derive_forget.sql");
	pair = bh_db_prep_res(db, "sql/metrics_derive_pair.sql");
	q = bh_db_prep(db, "SELECT group_id, sender, t0 FROM temp.t_redo");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *group = (const char *)sqlite3_column_text(q, 0);
		const char *sender = (const char *)sqlite3_column_text(q, 1);
		long long s = burst_start(back, group, sender, sqlite3_column_int64(q, 2));

		sqlite3_reset(forget);
		bh_db_text(forget, 1, group, -1);
		bh_db_text(forget, 2, sender, -1);
		sqlite3_bind_int64(forget, 3, s);
		bh_db_run(forget);
		dwalk_pair(&w, group, sender);
		sqlite3_reset(pair);
		bh_db_text(pair, 1, group, -1);
		bh_db_text(pair, 2, sender, -1);
		sqlite3_bind_int64(pair, 3, s);
		while ((rc = sqlite3_step(pair)) == SQLITE_ROW)
			dwalk_msg(&w, sqlite3_column_int64(pair, 0), sqlite3_column_int64(pair, 1),
			    read_row(pair, 2, &cache, lx));
		if (rc != SQLITE_DONE)
			bh_die(_("database error: %s"), sqlite3_errmsg(db));
		dwalk_close(&w);
	}
	if (rc != SQLITE_DONE)
		bh_die(_("database error: %s"), sqlite3_errmsg(db));
	dwalk_free(&w);
	sqlite3_finalize(q);
	sqlite3_finalize(pair);
	sqlite3_finalize(forget);
	sqlite3_finalize(back);
	sqlite3_finalize(w.ins);
	lexcache_free(&cache);
	bh_db_exec(db, "DROP TABLE temp.t_redo");
}

/* The hash of the lexicon as the rules read it (its entries in order) and of
 * the rules' version. */
static void
lexicon_hash(const bh_lexicon *lx, char hex[BH_SHA256_HEX])
{
	size_t i, n = strlen(DERIVE_RULES), cap = n + 1;
	char *b = bh_malloc(cap);

	memcpy(b, DERIVE_RULES, n);
	for (i = 0; i < lx->n; i++) {
		const struct bh_lexent *e = &lx->e[i];
		size_t k = strlen(e->category) + strlen(e->kw) + strlen(e->kw_plain) + 32;

		if (n + k >= cap) {
			cap = 2 * cap + k;
			b = bh_realloc(b, cap);
		}
		n += (size_t)snprintf(b + n, cap - n, "%s\t%d\t%s\t%s\t%d\n", e->category,
		    (int)e->kind, e->kw, e->kw_plain, e->plain_ok);
	}
	bh_sha256_hex(b, n, hex);
	free(b);
}

void
derive_update(sqlite3 *db, const bh_lexicon *lx)
{
	char hex[BH_SHA256_HEX];
	sqlite3_stmt *q;
	long long last = -1, max = 0;
	int same = 0;

	lexicon_hash(lx, hex);
	q = bh_db_prep(db, "SELECT lexicon, last_id, (SELECT coalesce(max(id), 0) FROM main.messages) "
	    "FROM main.derived_state WHERE id = 1");
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(q, 0);

		same = h && strcmp(h, hex) == 0;
		last = sqlite3_column_int64(q, 1);
		max = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	if (!same) {
		build_all(db, lx);
	} else {
		redo_find(db, last);
		redo_pairs(db, lx);
	}
	if (same && last == max)
		return;
	q = bh_db_prep_res(db, "sql/metrics_derive_state.sql");
	bh_db_text(q, 1, hex, -1);
	if (!same) {
		sqlite3_stmt *m = bh_db_prep(db, "SELECT coalesce(max(id), 0) FROM main.messages");

		if (sqlite3_step(m) == SQLITE_ROW)
			max = sqlite3_column_int64(m, 0);
		sqlite3_finalize(m);
	}
	sqlite3_bind_int64(q, 2, max);
	bh_db_run(q);
	sqlite3_finalize(q);
}
