/* review.c: the officers' reviews (metrics.md): the review sheet internal/tips.xlsx
 * as Excel saves it, or the CSV tip_id,verdict,value,note, read whole and checked
 * before anything is applied: a file with any bad line changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_labels.h"
#include "bh_period.h"
#include "bh_xlsx.h"
#include "metrics.h"

enum { RV_NOT_TIP, RV_CATEGORY, RV_ANSWERED_AT, NVERDICT };
const char *const review_verdicts[NVERDICT] = { "not_tip", "category", "answered_at" };
/* Verdicts in English or Vietnamese, folded (no case, no diacritics). */
static const char *const verdict_alias[NVERDICT][8] = {
	{ "not tip", "khong phai tin bao", "khong phai", "khong phai tin", NULL },
	{ "category", "doi loai", "loai", "sua loai", NULL },
	{ "answered at", "tra loi ngoai nhom", "da tra loi luc", "tra loi luc", "da tra loi", NULL },
};

/* The review columns, named in the sheet's header ("verdict (Kết luận)"). */
enum { RC_ID, RC_VERDICT, RC_VALUE, RC_NOTE, NRC };
static const char *const col_alias[NRC][4] = {
	{ "tip id", "ma tin", "ma tin bao", NULL },
	{ "verdict", "ket luan", NULL },
	{ "value", "gia tri", NULL },
	{ "note", "ghi chu", NULL },
};

struct rv_line {
	long line;
	size_t t;		/* index in struct tips */
	int verdict;
	const char *category;	/* RV_CATEGORY: the category it sets */
	long long ms;		/* RV_ANSWERED_AT */
	const char *value, *note;	/* as written, for the sheet */
};

struct review_ctx {
	sqlite3 *db;
	struct tips *ts;
	const bh_lexicon *lx;
	const char *file;
	int col[NRC];
	int rows;		/* rows seen */
	int bad;
	struct rv_line *v;
	size_t n, cap;
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

static int
verdict_of(const char *s)
{
	char *f = bh_text_fold(s);
	int v, i, found = -1;

	for (v = 0; v < NVERDICT && found < 0; v++)
		for (i = 0; verdict_alias[v][i] && found < 0; i++)
			if (strcmp(f, verdict_alias[v][i]) == 0)
				found = v;
	free(f);
	return found;
}

/* A category given by its id or by its label as the report shows it ("Lừa
 * đảo" is lua_dao); NULL when it is none of the lexicon's. */
static const char *
category_of(const bh_lexicon *lx, const char *value)
{
	char *f = bh_text_fold(value), *g;
	const char *found = NULL, *label;
	size_t i;

	for (i = 0; i < lx->n && !found; i++) {
		const char *c = lx->e[i].category;

		if (lx->e[i].kind == BH_KIND_IGNORE)
			continue;
		g = bh_text_fold(c);
		if (strcmp(f, g) == 0)
			found = c;
		free(g);
		if (!found && (label = bh_vi_category(c))) {
			g = bh_text_fold(label);
			if (strcmp(f, g) == 0)
				found = c;
			free(g);
		}
	}
	free(f);
	return found;
}

/* A local time as typed: 2024-03-01T10:20, 2024-03-01 10:20, or 01/03/2024 10:20
 * (day first, as Vietnamese write it); a day number when Excel made it a date. */
static int
time_of(const char *s, int num, long long *ms)
{
	int d, m, y, hh, mm, k = 0;
	char iso[32];

	if (num)
		return (*ms = bh_excel_serial_ms(s)) < 0 ? -1 : 0;
	if (bh_parse_local(s, ms) == 0)
		return 0;
	if (sscanf(s, "%d/%d/%d %d:%d%n", &d, &m, &y, &hh, &mm, &k) == 5 && !s[k] &&
	    y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
	    hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59) {
		snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
		return bh_parse_local(iso, ms);
	}
	return -1;
}

static int
read_header(struct review_ctx *r, char **cell, int n)
{
	int i, c;

	for (c = 0; c < NRC; c++)
		r->col[c] = -1;
	for (i = 0; i < n; i++)
		for (c = 0; c < NRC; c++)
			if (r->col[c] < 0 && bh_header_is(cell[i], col_alias[c]))
				r->col[c] = i;
	if (r->col[RC_ID] >= 0 && r->col[RC_VERDICT] >= 0)
		return 1;
	/* no header: tip_id,verdict,value,note in this order */
	for (c = 0; c < NRC; c++)
		r->col[c] = c;
	return 0;
}

static void
bad(struct review_ctx *r)
{
	r->bad = 1;
}

static int
on_review_row(void *ctx, long line, char **cell, const unsigned char *num, int n)
{
	struct review_ctx *r = ctx;
	struct rv_line w;
	char *id, *verdict, *value, *note;

	if (r->rows++ == 0 && read_header(r, cell, n))
		return 0;
	id = r->col[RC_ID] < n ? trim(cell[r->col[RC_ID]]) : "";
	verdict = r->col[RC_VERDICT] < n ? trim(cell[r->col[RC_VERDICT]]) : "";
	value = r->col[RC_VALUE] < n ? trim(cell[r->col[RC_VALUE]]) : "";
	note = r->col[RC_NOTE] < n ? trim(cell[r->col[RC_NOTE]]) : "";
	/* a tip the officer has not reviewed (a row of the sheet left as it was) */
	if (!*verdict)
		return 0;
	memset(&w, 0, sizeof w);
	w.line = line;
	if (!*id) {
		bh_bad(_("%s:%ld: fill in the tip_id of this review (copy it from internal/tips.xlsx)"),
		    r->file, line);
		bad(r);
	} else if ((w.t = tips_by_id(r->db, r->ts, id)) == (size_t)-1) {
		bh_bad(_("%s:%ld: unknown tip_id '%s': no tip or question starts at that message; "
		    "copy the id from internal/tips.xlsx"), r->file, line, id);
		bad(r);
	}
	if ((w.verdict = verdict_of(verdict)) < 0) {
		bh_bad(_("%s:%ld: unknown verdict '%s': write not_tip (không phải tin báo), "
		    "category (đổi loại) or answered_at (trả lời ngoài nhóm)"), r->file, line, verdict);
		bad(r);
	} else if (w.verdict == RV_CATEGORY && !*value) {
		bh_bad(_("%s:%ld: verdict category needs the category in the value column "
		    "(e.g. Lừa đảo or lua_dao)"), r->file, line);
		bad(r);
	} else if (w.verdict == RV_CATEGORY) {
		/* a label of the report is that category; another word is a new one */
		if (!(w.category = category_of(r->lx, value)))
			w.category = value;
		w.category = tips_str(r->ts, w.category);
	} else if (w.verdict == RV_ANSWERED_AT &&
	    time_of(value, r->col[RC_VALUE] < n && num[r->col[RC_VALUE]], &w.ms) < 0) {
		bh_bad(_("%s:%ld: invalid time '%s': write the local time as 2024-03-01 10:20"),
		    r->file, line, value);
		bad(r);
	}
	if (r->bad)
		return 0;
	if (w.verdict == RV_ANSWERED_AT) {
		/* as the sheet shows it, whatever Excel made of it (a day number) */
		char when[17];

		bh_fmt_local_min(w.ms, when);
		w.value = tips_str(r->ts, when);
	} else {
		w.value = tips_str(r->ts, value);
	}
	w.note = tips_str(r->ts, note);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->v = bh_realloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = w;
	return 0;
}

static void
mark(struct tips *ts, struct tip *t, const char *verdict)
{
	char b[40];
	size_t n = t->reviewed ? strlen(t->reviewed) : 0;

	if (n + strlen(verdict) + 2 < sizeof b) {
		snprintf(b, sizeof b, "%s%s%s", n ? t->reviewed : "", n ? " " : "", verdict);
		t->reviewed = tips_str(ts, b);
	}
}

static void
apply(struct review_ctx *r, sqlite3_stmt *drop, const struct rv_line *w)
{
	struct tip *t = &r->ts->t[w->t];
	struct review *rv;
	size_t i;

	switch (w->verdict) {
	case RV_NOT_TIP:
		t->dropped = 1;
		sqlite3_reset(drop);
		sqlite3_bind_int64(drop, 1, (long long)(t - r->ts->t));
		bh_db_run(drop);
		break;
	case RV_CATEGORY:
		t->category = w->category;
		/* a category of the lexicon brings its kind: thu_tuc makes a question */
		for (i = 0; i < r->lx->n; i++) {
			if (r->lx->e[i].kind != BH_KIND_IGNORE &&
			    strcmp(r->lx->e[i].category, w->category) == 0) {
				t->kind = r->lx->e[i].kind;
				break;
			}
		}
		break;
	default:
		if (!t->has_review_at || w->ms < t->review_at)
			t->review_at = w->ms;
		t->has_review_at = 1;
		break;
	}
	mark(r->ts, t, review_verdicts[w->verdict]);
	if (r->ts->nrv == r->ts->caprv) {
		r->ts->caprv = r->ts->caprv ? 2 * r->ts->caprv : 32;
		r->ts->rv = bh_realloc(r->ts->rv, r->ts->caprv * sizeof *r->ts->rv);
	}
	rv = &r->ts->rv[r->ts->nrv++];
	rv->tip = (size_t)(t - r->ts->t);
	rv->verdict = review_verdicts[w->verdict];
	rv->value = w->value;
	rv->note = w->note;
}

int
tips_reviews(sqlite3 *db, struct tips *ts, const bh_lexicon *lx, const char *file)
{
	struct review_ctx r;
	sqlite3_stmt *drop;
	size_t i;

	memset(&r, 0, sizeof r);
	r.db = db;
	r.ts = ts;
	r.lx = lx;
	r.file = file;
	if (bh_sheet_read(file, on_review_row, &r) < 0)
		r.bad = 1;
	if (r.bad) {
		free(r.v);
		return -1;
	}
	drop = bh_db_prep_res(db, "sql/metrics_tip_drop.sql");
	for (i = 0; i < r.n; i++)
		apply(&r, drop, &r.v[i]);
	sqlite3_finalize(drop);
	free(r.v);
	return 0;
}
