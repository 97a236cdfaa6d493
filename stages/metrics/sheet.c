/* sheet.c: the review sheet internal/tips.xlsx: each tip and question of the
 * period with what the officer needs to judge it (time, group, thôn, pseudonym,
 * the text, category, the answer), then the review columns, filled in with the
 * reviews applied, so that the sheet given back with --reviews gives them again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_labels.h"
#include "bh_period.h"
#include "bh_roster.h"
#include "bh_xlsx.h"
#include "metrics.h"

/* Headers: the id the review reader knows, then the Vietnamese label. */
static const char *const head[] = {
	"tip_id (Mã tin)", "time (Thời gian)", "group (Nhóm)", "thon (Thôn)",
	"tipster (Người báo)", "text (Nội dung)", "category (Loại)", "kind (Dạng tin)",
	"answered (Đã trả lời)", "first_answer (Trả lời lúc)", "minutes (Số phút)",
	"verdict (Kết luận)", "value (Giá trị)", "note (Ghi chú)"
};
enum { NHEAD = sizeof head / sizeof head[0], COL_VERDICT = 11 };
static const char *const verdict_list[] = {
	"không phải tin báo", "đổi loại", "trả lời ngoài nhóm", "not_tip", "category",
	"answered_at", NULL
};

struct sheet {
	lxw_worksheet *ws;
	lxw_format *head, *text, *tenths, *wrap;
	sqlite3_stmt *gname, *text_q;
	const struct pfig *f;
	int no_roster;		/* who answered is not known without the roster's officers */
	lxw_row_t row;
};

static int
by_time(const void *x, const void *y)
{
	const struct tip *a = *(struct tip *const *)x, *b = *(struct tip *const *)y;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static void
str(struct sheet *s, int col, const char *v, lxw_format *fmt)
{
	if (v && *v)
		worksheet_write_string(s->ws, s->row, (lxw_col_t)col, v, fmt);
}

static void
tip_line(struct sheet *s, const struct tip *p, const struct review *rv)
{
	const struct thon *th = thon_by_key(s->f, p->thon_key);
	const char *label;
	char when[17], nb[16];

	str(s, 0, p->tip_id, s->text);
	bh_fmt_local_min(p->ts, when);
	str(s, 1, when, NULL);
	sqlite3_reset(s->gname);
	bh_db_text(s->gname, 1, p->group_id, -1);
	if (sqlite3_step(s->gname) == SQLITE_ROW && sqlite3_column_text(s->gname, 0))
		str(s, 2, (const char *)sqlite3_column_text(s->gname, 0), NULL);
	else
		str(s, 2, p->group_id, NULL);
	str(s, 3, th ? th->name : NULL, NULL);
	snprintf(nb, sizeof nb, "NB-%04d", p->nb % 100000);
	str(s, 4, nb, NULL);
	sqlite3_reset(s->text_q);
	sqlite3_bind_int64(s->text_q, 1, p->row);
	if (sqlite3_step(s->text_q) == SQLITE_ROW)
		str(s, 5, (const char *)sqlite3_column_text(s->text_q, 0), s->wrap);
	label = p->category ? bh_vi_category(p->category) : NULL;
	str(s, 6, label ? label : p->category, NULL);
	str(s, 7, bh_vi_kind(bh_kind_names[p->kind]), NULL);
	if (!s->no_roster)
		str(s, 8, p->answered ? "có" : "không", NULL);
	if (p->answered && !s->no_roster) {
		bh_fmt_local_min(p->resp_ts, when);
		str(s, 9, when, NULL);
		worksheet_write_number(s->ws, s->row, 10, (double)bh_ms_tenths(p->resp_ts - p->ts) / 10,
		    s->tenths);
	}
	if (rv) {
		str(s, 11, rv->verdict, NULL);
		str(s, 12, rv->value, NULL);
		str(s, 13, rv->note, NULL);
	}
	s->row++;
}

static void
sheet_head(struct sheet *s, lxw_workbook *wb)
{
	lxw_data_validation dv;
	int c;

	s->ws = workbook_add_worksheet(wb, "tips");
	s->head = workbook_add_format(wb);
	format_set_bold(s->head);
	format_set_text_wrap(s->head);
	s->text = workbook_add_format(wb);
	format_set_num_format(s->text, "@");
	s->tenths = workbook_add_format(wb);
	format_set_num_format(s->tenths, "0.0");
	s->wrap = workbook_add_format(wb);
	format_set_text_wrap(s->wrap);
	for (c = 0; c < NHEAD; c++)
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, head[c], s->head);
	worksheet_set_column(s->ws, 0, 0, 22, s->text);
	worksheet_set_column(s->ws, 1, 4, 16, NULL);
	worksheet_set_column(s->ws, 5, 5, 50, NULL);
	worksheet_set_column(s->ws, 6, 10, 14, NULL);
	worksheet_set_column(s->ws, 11, 13, 20, NULL);
	worksheet_freeze_panes(s->ws, 1, 1);
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)verdict_list;
	dv.input_title = (char *)_("Verdict");
	dv.input_message = (char *)_("không phải tin báo (not_tip); đổi loại (category): the "
	    "category in Giá trị; trả lời ngoài nhóm (answered_at): the time in Giá trị, "
	    "2024-03-01 10:20");
	worksheet_data_validation_range(s->ws, 1, COL_VERDICT, 1048575, COL_VERDICT, &dv);
	s->row = 1;
}

int
tips_sheet(sqlite3 *db, const char *out, const struct tips *ts, const struct pfig *f,
    int no_roster)
{
	char dir[4096], path[4200];
	const struct tip **v;
	struct sheet s;
	bh_xlsx_out *x;
	size_t i, j, n = 0;

	if (bh_private_dir(out, dir, sizeof dir) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/tips.xlsx", dir);
	if (!(x = bh_xlsx_open(path)))
		return -1;
	memset(&s, 0, sizeof s);
	s.f = f;
	s.no_roster = no_roster;
	sheet_head(&s, bh_xlsx_book(x));
	s.gname = bh_db_prep_res(db, "sql/metrics_group_name.sql");
	s.text_q = bh_db_prep_res(db, "sql/metrics_tip_text.sql");
	/* the period's tips, a not_tip too: it stays listed with its verdict */
	v = bh_malloc((ts->n + 1) * sizeof *v);
	for (i = 0; i < ts->n; i++)
		if (ts->t[i].ts >= f->lo && ts->t[i].ts < f->hi)
			v[n++] = &ts->t[i];
	qsort(v, n, sizeof *v, by_time);
	for (i = 0; i < n; i++) {
		size_t k = (size_t)(v[i] - ts->t);
		int listed = 0;

		/* one line per review given (a tip may have two: category, answered_at) */
		for (j = 0; j < ts->nrv; j++) {
			if (ts->rv[j].tip == k) {
				tip_line(&s, v[i], &ts->rv[j]);
				listed = 1;
			}
		}
		if (!listed)
			tip_line(&s, v[i], NULL);
	}
	free(v);
	sqlite3_finalize(s.gname);
	sqlite3_finalize(s.text_q);
	return bh_xlsx_commit(x, 0600);
}
