/* mtable.c: output tables held in memory, written as CSV (bh_out.h) and as the
 * sheets of tables.xlsx (libxlsxwriter), both atomically. A long table (a row
 * per tip or post) moves its cells to an unnamed temporary file as it grows,
 * and the workbook is written a row at a time: memory stays flat. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_mtable.h"
#include "bh_out.h"
#include "bh_table.h"
#include "bh_path.h"

struct mtable *
mt_new(const char *path, const char *sheet, const char *const *cols, int ncol)
{
	struct mtable *t = bh_malloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->path = path;
	t->sheet = sheet;
	t->cols = cols;
	t->ncol = ncol;
	return t;
}

#define SPILL_CELLS 8192	/* cells a table keeps in memory */

/* The cells in memory appended to the spill file, and freed. */
static void
spill(struct mtable *t)
{
	size_t i;

	if (!t->spill && !(t->spill = tmpfile()))
		bh_die(_("cannot create a temporary file:"));
	for (i = 0; i < t->n; i++) {
		struct cell *c = &t->c[i];
		unsigned len = c->s ? (unsigned)strlen(c->s) : 0;
		unsigned char k = (unsigned char)c->k;

		if (fwrite(&k, 1, 1, t->spill) != 1 || fwrite(&c->v, sizeof c->v, 1, t->spill) != 1 ||
		    fwrite(&len, sizeof len, 1, t->spill) != 1 ||
		    (len && fwrite(c->s, 1, len, t->spill) != len))
			bh_die(_("cannot write a temporary file:"));
		free(c->s);
	}
	t->spilled += t->n;
	t->n = 0;
}

/* Every cell in order: fn(ctx, index, cell). Spilled strings live until the
 * next call of fn. */
static void
each_cell(const struct mtable *t, void (*fn)(void *, size_t, const struct cell *), void *ctx)
{
	struct cell c;
	char *buf = NULL;
	size_t i, cap = 0;

	if (t->spill) {
		if (fflush(t->spill) != 0 || fseek(t->spill, 0, SEEK_SET) != 0)
			bh_die(_("cannot read a temporary file:"));
		for (i = 0; i < t->spilled; i++) {
			unsigned char k;
			unsigned len;

			if (fread(&k, 1, 1, t->spill) != 1 || fread(&c.v, sizeof c.v, 1, t->spill) != 1 ||
			    fread(&len, sizeof len, 1, t->spill) != 1)
				bh_die(_("cannot read a temporary file:"));
			if (len + 1 > cap)
				buf = bh_realloc(buf, cap = len + 1);
			if (len && fread(buf, 1, len, t->spill) != len)
				bh_die(_("cannot read a temporary file:"));
			buf[len] = '\0';
			c.k = (enum ckind)k;
			c.s = k == C_TEXT || k == C_DATA || k == C_NUM ? buf : NULL;
			fn(ctx, i, &c);
		}
		if (fseek(t->spill, 0, SEEK_END) != 0)
			bh_die(_("cannot write a temporary file:"));
	}
	free(buf);
	for (i = 0; i < t->n; i++)
		fn(ctx, t->spilled + i, &t->c[i]);
}

static struct cell *
next_cell(struct mtable *t)
{
	if (t->n == SPILL_CELLS)
		spill(t);
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->c = bh_realloc(t->c, t->cap * sizeof *t->c);
	}
	memset(&t->c[t->n], 0, sizeof t->c[t->n]);
	return &t->c[t->n++];
}

void
mt_int(struct mtable *t, long long v)
{
	struct cell *c = next_cell(t);

	c->k = C_INT;
	c->v = v;
}

void
mt_tenths(struct mtable *t, long long v)
{
	struct cell *c = next_cell(t);

	c->k = C_TENTHS;
	c->v = v;
}

void
mt_empty(struct mtable *t)
{
	next_cell(t)->k = C_EMPTY;
}

void
mt_text(struct mtable *t, const char *s)
{
	struct cell *c = next_cell(t);

	c->k = s ? C_TEXT : C_EMPTY;
	c->s = s ? bh_name_show(s) : NULL;	/* valid UTF-8, no control character */
}

void
mt_data(struct mtable *t, const char *s)
{
	struct cell *c = next_cell(t);

	c->k = s ? C_DATA : C_EMPTY;
	c->s = s ? bh_name_show(s) : NULL;
}

int
mt_col(const struct mtable *t, const char *id)
{
	int c;

	for (c = 0; c < t->ncol; c++)
		if (strcmp(t->cols[c], id) == 0)
			return c;
	return -1;
}

void
mt_num(struct mtable *t, const char *cell)
{
	struct cell *c = next_cell(t);
	double v;

	if (!cell || !*cell) {
		c->k = C_EMPTY;
		return;
	}
	c->k = bh_num(cell, &v) == 0 ? C_NUM : C_DATA;
	c->s = bh_strdup(cell);
}

size_t
mt_rows(const struct mtable *t)
{
	return (t->spilled + t->n) / (size_t)t->ncol;
}

void
mt_free(struct mtable *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->c[i].s);
	free(t->c);
	if (t->spill)
		fclose(t->spill);
	free(t);
}

struct csv_ctx {
	bh_csv *c;
	int ncol;
};

static void
csv_cell(void *ctx, size_t i, const struct cell *x)
{
	struct csv_ctx *w = ctx;

	switch (x->k) {
	case C_EMPTY: bh_csv_empty(w->c); break;
	case C_INT: bh_csv_int(w->c, x->v); break;
	case C_TENTHS: bh_csv_tenths(w->c, x->v); break;
	case C_TEXT: case C_NUM: bh_csv_raw(w->c, x->s); break;
	case C_DATA: bh_csv_str(w->c, x->s); break;
	}
	if ((i + 1) % (size_t)w->ncol == 0)
		bh_csv_endrow(w->c);
}

int
mt_write_csv(const struct mtable *t, const char *out, int mode)
{
	char path[4200];
	struct csv_ctx w;

	snprintf(path, sizeof path, "%s/%s", out, t->path);
	if (!(w.c = bh_csv_open(path, (mode_t)mode, BH_CSV_BOM)))
		return -1;
	w.ncol = t->ncol;
	bh_csv_row(w.c, t->cols, t->ncol);
	each_cell(t, csv_cell, &w);
	return bh_csv_commit(w.c);
}

/* Vietnamese column headers for people; ids stay in the CSV files. */
static const char *const vi_cols[][2] = {
	{ "metric", "Chỉ số" }, { "value", "Kỳ này" }, { "prev_value", "Kỳ trước" },
	{ "last_year_value", "Cùng kỳ năm trước" }, { "group_id", "Mã nhóm" },
	{ "name", "Tên nhóm" }, { "first_message", "Tin nhắn đầu tiên" },
	{ "last_message", "Tin nhắn cuối cùng" }, { "messages", "Số tin nhắn" },
	{ "senders", "Số người gửi" }, { "thon", "Thôn" }, { "members", "Số cư dân" },
	{ "active_members", "Số cư dân có nhắn tin" }, { "participation_pct", "Tỷ lệ tham gia (%)" },
	{ "tips", "Số tin báo" }, { "tips_answered", "Số tin báo được trả lời" },
	{ "tip_response_median_min", "Thời gian phản hồi trung vị (phút)" },
	{ "prev_participation_pct", "Tỷ lệ tham gia kỳ trước (%)" },
	{ "questions", "Số câu hỏi thủ tục" }, { "questions_answered", "Số câu hỏi được trả lời" },
	{ "withheld", "Ẩn số liệu tin báo (thôn ít cư dân)" },
	{ "week_start", "Tuần bắt đầu từ" }, { "officer_messages", "Tin nhắn của công an" },
	{ "resident_messages", "Tin nhắn của cư dân" }, { "weekday", "Thứ trong tuần" },
	{ "hour", "Giờ" }, { "type", "Loại tin nhắn" }, { "category", "Loại vụ việc" },
	{ "kind", "Tin báo / câu hỏi" }, { "response_median_min", "Thời gian phản hồi trung vị (phút)" },
	{ "month", "Tháng" }, { "bucket", "Thời gian phản hồi" }, { "post_id", "Mã bài đăng" },
	{ "ts", "Thời điểm" }, { "topic", "Chủ đề" }, { "reactions", "Số người thả cảm xúc" },
	{ "replies", "Số trả lời" }, { "engaged_members", "Số người dân tương tác" },
	{ "date", "Ngày" }, { "joins", "Số lượt vào nhóm" }, { "leaves", "Số lượt rời nhóm" },
	{ "source", "Nguồn" }, { "entry", "Tệp trong nguồn" }, { "records", "Số bản ghi" },
	{ "stored", "Đã lưu" }, { "duplicates", "Trùng lặp" }, { "rejected", "Bị loại" },
	{ "private_skipped", "Tin riêng bỏ qua" }, { "other_skipped", "Bỏ qua khác" },
	/* binhyen compare */
	{ "commune", "Xã" }, { "period_start", "Từ ngày" }, { "period_end", "Đến ngày" },
	{ "groups", "Số nhóm" }, { "officer_posts", "Số bài đăng của công an" },
	{ "tips_answered_pct", "Tỷ lệ tin báo được trả lời (%)" },
	{ "tips_within_1h_pct", "Tỷ lệ tin báo được trả lời trong 1 giờ (%)" },
	{ "questions_answered_pct", "Tỷ lệ câu hỏi được trả lời (%)" },
	{ "tip_response_p90_min", "90% tin báo được trả lời trong (phút)" },
	{ "prev_period_start", "Kỳ trước: từ ngày" }, { "prev_period_end", "Kỳ trước: đến ngày" },
	{ "prev_groups", "Kỳ trước: số nhóm" }, { "prev_messages", "Kỳ trước: số tin nhắn" },
	{ "prev_senders", "Kỳ trước: số người gửi" }, { "prev_members", "Kỳ trước: số cư dân" },
	{ "prev_active_members", "Kỳ trước: số cư dân có nhắn tin" },
	{ "prev_officer_posts", "Kỳ trước: số bài đăng của công an" },
	{ "prev_tips", "Kỳ trước: số tin báo" },
	{ "prev_tips_answered", "Kỳ trước: số tin báo được trả lời" },
	{ "prev_tips_answered_pct", "Kỳ trước: tỷ lệ tin báo được trả lời (%)" },
	{ "prev_tip_response_median_min", "Kỳ trước: thời gian phản hồi trung vị (phút)" },
	{ "prev_tips_within_1h_pct", "Kỳ trước: tỷ lệ trả lời trong 1 giờ (%)" },
	{ "prev_questions", "Kỳ trước: số câu hỏi thủ tục" },
	{ "prev_questions_answered_pct", "Kỳ trước: tỷ lệ câu hỏi được trả lời (%)" },
	{ "prev_joins", "Kỳ trước: số lượt vào nhóm" }, { "prev_leaves", "Kỳ trước: số lượt rời nhóm" },
	{ "prev_tip_response_p90_min", "Kỳ trước: 90% tin báo được trả lời trong (phút)" },
	{ "tips_withheld", "Ẩn số liệu tin báo (xã ít cư dân)" },
	{ "communes", "Số xã được cộng" }, { "prev_communes", "Số xã được cộng (kỳ trước)" },
	{ "additive", "Cộng được" }, { "period", "Kỳ" }, { "cutoff_day", "Ngày chốt" },
	{ "responders", "Người trả lời tin báo" }, { "min_thon_members", "Ẩn thôn dưới (cư dân)" },
	{ "lexicon_sha256", "Bộ từ khóa (SHA-256)" }, { "reviews_sha256", "Tệp rà soát (SHA-256)" },
	{ "roster_rows", "Số dòng danh sách" }, { "binhyen_version", "Phiên bản binhyen" },
	{ "schema_version", "Phiên bản cơ sở dữ liệu" }, { "generated_at", "Lập lúc" },
	{ "unit", "Đơn vị" }, { "superior", "Cấp trên" },
	{ NULL, NULL }
};

static const char *
vi_col(const char *id)
{
	int i;

	for (i = 0; vi_cols[i][0]; i++)
		if (strcmp(vi_cols[i][0], id) == 0)
			return vi_cols[i][1];
	return id;
}

/* Our own ids shown to people in Vietnamese where a label exists. */
static const char *
vi_value(const char *col, const char *s)
{
	const char *v = NULL;

	if (strcmp(col, "metric") == 0)
		v = bh_vi_metric(s);
	else if (strcmp(col, "category") == 0 || strcmp(col, "topic") == 0)
		v = bh_vi_category(s);
	else if (strcmp(col, "type") == 0)
		v = bh_vi_type(s);
	else if (strcmp(col, "kind") == 0)
		v = bh_vi_kind(s);
	else if (strcmp(col, "bucket") == 0)
		v = bh_vi_bucket(s);
	else if (strcmp(col, "weekday") == 0)
		v = bh_vi_weekday(s);
	return v ? v : s;
}

/* The workbook is for people: Vietnamese sheet names and labels, real dates in
 * the Vietnamese order, numbers rounded as in the CSV, widths and a frozen
 * header row; thôn figures withheld say so. The CSV files keep the codes. */
struct fmts {
	lxw_format *head, *integer, *tenths, *date, *datetime, *month, *note, *withheld;
	lxw_format *chg_int, *chg_pct, *chg_min;
};

static void
make_formats(lxw_workbook *wb, struct fmts *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head, 0xE7E6E6);
	format_set_border(f->head, LXW_BORDER_THIN);
	f->integer = workbook_add_format(wb);
	format_set_num_format(f->integer, "#,##0");
	f->tenths = workbook_add_format(wb);
	format_set_num_format(f->tenths, "#,##0.0");
	f->date = workbook_add_format(wb);
	format_set_num_format(f->date, "dd/mm/yyyy");
	f->datetime = workbook_add_format(wb);
	format_set_num_format(f->datetime, "dd/mm/yyyy hh:mm");
	f->month = workbook_add_format(wb);
	format_set_num_format(f->month, "mm/yyyy");
	f->note = workbook_add_format(wb);
	format_set_italic(f->note);
	f->withheld = workbook_add_format(wb);
	format_set_align(f->withheld, LXW_ALIGN_RIGHT);
	format_set_italic(f->withheld);
	/* a change: its sign always shown, its unit after it */
	f->chg_int = workbook_add_format(wb);
	format_set_num_format(f->chg_int, "+#,##0;-#,##0;0");
	f->chg_pct = workbook_add_format(wb);
	format_set_num_format(f->chg_pct, "+#,##0.0\" điểm %\";-#,##0.0\" điểm %\";0.0\" điểm %\"");
	f->chg_min = workbook_add_format(wb);
	format_set_num_format(f->chg_min, "+#,##0.0\" phút\";-#,##0.0\" phút\";0.0\" phút\"");
}

static int
all_digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Our dates as Excel dates: "2024-01-31", "2024-01" (a month), and times
 * "2024-01-31T08:05:00+07:00" (Vietnam's time, as written). 0, or -1 when S
 * is none of them. */
static int
xl_date(const char *s, lxw_datetime *dt, int *kind)
{
	size_t n = strlen(s);

	memset(dt, 0, sizeof *dt);
	if (n < 7 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2))
		return -1;
	dt->year = atoi(s);
	dt->month = atoi(s + 5);
	dt->day = 1;
	*kind = 2;
	if (n > 7) {
		if (n < 10 || s[7] != '-' || !all_digits(s + 8, 2) || (n > 10 && s[10] != 'T'))
			return -1;
		dt->day = atoi(s + 8);
		*kind = 0;
	}
	if (n >= 16) {
		if (!all_digits(s + 11, 2) || s[13] != ':' || !all_digits(s + 14, 2))
			return -1;
		dt->hour = atoi(s + 11);
		dt->min = atoi(s + 14);
		if (n >= 19 && s[16] == ':' && all_digits(s + 17, 2))
			dt->sec = atoi(s + 17);
		*kind = 1;
	}
	return dt->year >= 1900 && dt->month >= 1 && dt->month <= 12 && dt->day >= 1 &&
	    dt->day <= 31 && dt->hour < 24 && dt->min < 60 && dt->sec < 60 ? 0 : -1;
}

static void
sheet_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *id,
    const struct cell *x, const struct fmts *f)
{
	lxw_datetime dt;
	char num[24];
	const char *label;
	char *g;
	int kind;

	switch (x->k) {
	case C_EMPTY:
		break;
	case C_INT:
		snprintf(num, sizeof num, "%lld", x->v);
		if ((label = vi_value(id, num)) != num)
			worksheet_write_string(ws, r, col, label, NULL);
		else
			worksheet_write_number(ws, r, col, (double)x->v, f->integer);
		break;
	case C_TENTHS:
		worksheet_write_number(ws, r, col, (double)x->v / 10.0, f->tenths);
		break;
	case C_TEXT:
		if (xl_date(x->s, &dt, &kind) == 0)
			worksheet_write_datetime(ws, r, col, &dt,
			    kind == 0 ? f->date : kind == 1 ? f->datetime : f->month);
		else
			worksheet_write_string(ws, r, col, vi_value(id, x->s), NULL);
		break;
	case C_NUM:
		worksheet_write_number(ws, r, col, strtod(x->s, NULL),
		    strchr(x->s, '.') ? f->tenths : f->integer);
		break;
	case C_DATA:
		/* A label of ours when the id has one; else the data, always a
		 * string, never a formula: the same guard as in the CSV files. */
		if ((label = vi_value(id, x->s)) != x->s) {
			worksheet_write_string(ws, r, col, label, NULL);
		} else if (bh_formula_like(x->s)) {
			g = bh_malloc(strlen(x->s) + 2);
			g[0] = '\'';
			strcpy(g + 1, x->s);
			worksheet_write_string(ws, r, col, g, NULL);
			free(g);
		} else {
			worksheet_write_string(ws, r, col, x->s, NULL);
		}
		break;
	}
}

/* A column's width in characters, from what it holds. */
static double
col_width(const char *id)
{
	static const char *const wide[] = {"metric", "name", "thon", "category", "topic", "source",
		"entry", NULL};
	static const char *const times[] = {"first_message", "last_message", "ts", NULL};
	int i;

	for (i = 0; wide[i]; i++)
		if (strcmp(id, wide[i]) == 0)
			return strcmp(id, "metric") == 0 ? 44 : 30;
	for (i = 0; times[i]; i++)
		if (strcmp(id, times[i]) == 0)
			return 17;
	if (strcmp(id, "post_id") == 0 || strcmp(id, "group_id") == 0 || strcmp(id, "kind") == 0 ||
	    strcmp(id, "bucket") == 0 || strcmp(id, "type") == 0)
		return 22;
	return 14;
}

/* Tip figures of a thôn too small to show them (withheld = 1): "ẩn". */
static int
tip_figure(const char *id)
{
	static const char *const ids[] = {"tips", "tips_answered", "tip_response_median_min",
		"questions", "questions_answered", NULL};
	int i;

	for (i = 0; ids[i]; i++)
		if (strcmp(id, ids[i]) == 0)
			return 1;
	return 0;
}

struct sheet_ctx {
	lxw_worksheet *ws;
	const struct mtable *t;
	const struct fmts *f;
	struct cell *row;	/* the row being gathered: a copy of its cells */
	int withheld;		/* the column "withheld", or -1 */
	int members;		/* the column "members", or -1 */
	lxw_row_t r;		/* the sheet's row to write next */
	int any_withheld;
};

#define WITHHELD_NOTE "ẩn: số liệu tin báo, câu hỏi của thôn có ít cư dân trong danh sách " \
	"không được nêu, để không lộ người báo tin (vẫn được tính trong số liệu tổng hợp)."

/* One table row onto the sheet: every column but "withheld", which instead
 * turns the thôn's tip figures into "ẩn" with a note. */
static void
sheet_row(struct sheet_ctx *w)
{
	const struct mtable *t = w->t;
	int hide = w->withheld >= 0 && w->row[w->withheld].k == C_INT && w->row[w->withheld].v != 0;
	char note[300];
	lxw_col_t out = 0;
	int c;

	for (c = 0; c < t->ncol; c++) {
		if (c == w->withheld)
			continue;
		if (hide && tip_figure(t->cols[c])) {
			worksheet_write_string(w->ws, w->r, out, "ẩn", w->f->withheld);
			snprintf(note, sizeof note, "Thôn chỉ có %lld cư dân trong danh sách: số liệu "
			    "tin báo được ẩn để không lộ người báo tin.",
			    w->members >= 0 ? w->row[w->members].v : 0);
			worksheet_write_comment(w->ws, w->r, out, note);
			w->any_withheld = 1;
		} else {
			sheet_cell(w->ws, w->r, out, t->cols[c], &w->row[c], w->f);
		}
		out++;
	}
	w->r++;
}

static void
sheet_each(void *ctx, size_t i, const struct cell *x)
{
	struct sheet_ctx *w = ctx;
	size_t ncol = (size_t)w->t->ncol, c = i % ncol;

	free(w->row[c].s);
	w->row[c] = *x;
	w->row[c].s = x->s ? bh_strdup(x->s) : NULL;
	if (c + 1 == ncol)
		sheet_row(w);
}

/* The summary as in the report: each figure, the previous period's, the change,
 * the same period last year's, the change. */
static const char *const summary_head[] = {
	"Chỉ tiêu", "Kỳ này", "Kỳ trước", "So với kỳ trước", "Cùng kỳ năm trước",
	"So với cùng kỳ năm trước"
};

static void
summary_change(struct sheet_ctx *w, lxw_col_t col, const struct cell *now, const struct cell *old)
{
	const char *id = w->row[0].s ? w->row[0].s : "";
	size_t n = strlen(id);
	lxw_format *fmt = w->f->chg_int;
	double d;

	if (now->k != old->k || (now->k != C_INT && now->k != C_TENTHS))
		return;	/* unknown, or a date */
	d = (double)(now->v - old->v);
	if (now->k == C_TENTHS)
		d /= 10.0;
	if (n > 4 && strcmp(id + n - 4, "_pct") == 0)
		fmt = w->f->chg_pct;
	else if (n > 4 && strcmp(id + n - 4, "_min") == 0)
		fmt = w->f->chg_min;
	worksheet_write_number(w->ws, w->r, col, d, fmt);
}

static void
summary_each(void *ctx, size_t i, const struct cell *x)
{
	struct sheet_ctx *w = ctx;
	size_t c = i % 4;

	free(w->row[c].s);
	w->row[c] = *x;
	w->row[c].s = x->s ? bh_strdup(x->s) : NULL;
	if (c != 3)
		return;
	sheet_cell(w->ws, w->r, 0, "metric", &w->row[0], w->f);
	sheet_cell(w->ws, w->r, 1, "value", &w->row[1], w->f);
	sheet_cell(w->ws, w->r, 2, "prev_value", &w->row[2], w->f);
	summary_change(w, 3, &w->row[1], &w->row[2]);
	sheet_cell(w->ws, w->r, 4, "last_year_value", &w->row[3], w->f);
	summary_change(w, 5, &w->row[1], &w->row[3]);
	w->r++;
}

static int
is_summary(const struct mtable *t)
{
	return t->ncol == 4 && strcmp(t->sheet, "summary") == 0 && strcmp(t->cols[0], "metric") == 0;
}

static void
add_sheet(lxw_workbook *wb, const struct mtable *t, const struct fmts *f)
{
	const char *name = bh_vi_sheet(t->sheet);
	struct sheet_ctx w = { workbook_add_worksheet(wb, name ? name : t->sheet), t, f, NULL, -1,
		-1, 1, 0 };
	int c, out, summary = is_summary(t);

	if (!w.ws)
		return;
	w.row = bh_malloc((size_t)t->ncol * sizeof *w.row);
	memset(w.row, 0, (size_t)t->ncol * sizeof *w.row);
	worksheet_freeze_panes(w.ws, 1, 0);
	worksheet_set_row(w.ws, 0, 48, NULL);
	/* printed on A4, as wide as the page, the header on every page */
	worksheet_set_paper(w.ws, 9);
	worksheet_set_landscape(w.ws);
	worksheet_fit_to_pages(w.ws, 1, 0);
	worksheet_repeat_rows(w.ws, 0, 0);
	if (summary) {
		worksheet_set_column(w.ws, 0, 0, 44, NULL);
		worksheet_set_column(w.ws, 1, 5, 16, NULL);
		for (c = 0; c < 6; c++)
			worksheet_write_string(w.ws, 0, (lxw_col_t)c, summary_head[c], f->head);
		each_cell(t, summary_each, &w);
	} else {
		w.withheld = strcmp(t->sheet, "thon") == 0 ? mt_col(t, "withheld") : -1;
		w.members = mt_col(t, "members");
		for (c = out = 0; c < t->ncol; c++) {
			if (c == w.withheld)
				continue;
			worksheet_set_column(w.ws, (lxw_col_t)out, (lxw_col_t)out, col_width(t->cols[c]),
			    NULL);
			worksheet_write_string(w.ws, 0, (lxw_col_t)out++, vi_col(t->cols[c]), f->head);
		}
		each_cell(t, sheet_each, &w);
	}
	if (w.any_withheld)
		worksheet_write_string(w.ws, w.r + 1, 0, WITHHELD_NOTE, f->note);
	for (c = 0; c < t->ncol; c++)
		free(w.row[c].s);
	free(w.row);
}

/* Numbers as people see them in the CSV. libxlsxwriter writes each number with
 * "%.16G", so 88.9 (a double a hair above it) is stored as "88.90000000000001":
 * the same value, but not the text of the table. Each <v> of the sheets is
 * rewritten as the shortest text that reads back as the same double. */
struct tidy {
	FILE *out;
	int match;		/* of "<v>" so far */
	int in_v;
	char num[48];
	size_t n;
};

static void
tidy_flush(struct tidy *t)
{
	char buf[40], *end;
	double v;
	int p;

	t->num[t->n] = '\0';
	v = strtod(t->num, &end);
	if (t->n && !*end && isfinite(v) && v == floor(v) && fabs(v) < 1e15) {
		fprintf(t->out, "%.0f", v);
	} else if (t->n && !*end && isfinite(v)) {
		for (p = 1; p <= 17; p++) {
			snprintf(buf, sizeof buf, "%.*g", p, v);
			if (strtod(buf, NULL) == v)
				break;
		}
		fputs(buf, t->out);
	} else {
		fwrite(t->num, 1, t->n, t->out);
	}
	t->n = 0;
}

static void
tidy_bytes(struct tidy *t, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (t->in_v) {
			if (c != '<' && t->n + 1 < sizeof t->num) {
				t->num[t->n++] = c;
				continue;
			}
			tidy_flush(t);
			t->in_v = 0;
		}
		fputc(c, t->out);
		if (c == "<v>"[t->match]) {
			if (++t->match == 3) {
				t->in_v = 1;
				t->match = 0;
			}
		} else {
			t->match = c == '<';
		}
	}
}

static int
is_sheet_part(const char *name)
{
	return strncmp(name, "xl/worksheets/sheet", 19) == 0 &&
	    strlen(name) > 23 && strcmp(name + strlen(name) - 4, ".xml") == 0;
}

/* Copies the package IN to OUT, every sheet's numbers tidied (through an
 * unnamed temporary file: memory stays flat). 0, or -1 (said). */
static int
tidy_numbers(const char *in, const char *out)
{
	struct archive *r = archive_read_new(), *w = archive_write_new();
	struct archive_entry *e;
	struct tidy t;
	char buf[65536];
	la_ssize_t n;
	int rc = -1, st;

	if (!r || !w)
		bh_die(_("out of memory"));
	archive_read_support_format_zip(r);
	archive_write_set_format_zip(w);
	archive_write_set_bytes_in_last_block(w, 1);	/* nothing after the zip's end */
	if (archive_read_open_filename(r, in, sizeof buf) != ARCHIVE_OK ||
	    archive_write_open_filename(w, out) != ARCHIVE_OK)
		goto fail;
	while ((st = archive_read_next_header(r, &e)) == ARCHIVE_OK) {
		memset(&t, 0, sizeof t);
		if (!(t.out = tmpfile()))
			bh_die(_("cannot create a temporary file:"));
		while ((n = archive_read_data(r, buf, sizeof buf)) > 0) {
			if (is_sheet_part(archive_entry_pathname(e)))
				tidy_bytes(&t, buf, (size_t)n);
			else
				fwrite(buf, 1, (size_t)n, t.out);
		}
		if (t.in_v)
			tidy_flush(&t);
		if (n < 0 || fflush(t.out) != 0 || ferror(t.out)) {
			fclose(t.out);
			goto fail;
		}
		archive_entry_set_size(e, (la_int64_t)ftell(t.out));
		rewind(t.out);
		if (archive_write_header(w, e) != ARCHIVE_OK) {
			fclose(t.out);
			goto fail;
		}
		while ((n = (la_ssize_t)fread(buf, 1, sizeof buf, t.out)) > 0)
			if (archive_write_data(w, buf, (size_t)n) != n)
				break;
		fclose(t.out);
		if (n > 0)
			goto fail;
	}
	if (st != ARCHIVE_EOF || archive_write_close(w) != ARCHIVE_OK)
		goto fail;
	rc = 0;
fail:
	if (rc < 0) {
		const char *m = archive_error_string(w) ? archive_error_string(w) :
		    archive_error_string(r);
		int e = archive_errno(w) > 0 ? archive_errno(w) : archive_errno(r) > 0 ?
		    archive_errno(r) : EIO;

		bh_warn(_("cannot write the workbook '%s': %s"), out, m ? m : strerror(e));
		errno = e;
	}
	archive_read_free(r);
	archive_write_free(w);
	return rc;
}

int
mt_write_xlsx(struct mtable *const *t, int n, const char *path)
{
	char tmp[4200], raw[4200];
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	struct fmts f;
	lxw_error err;
	int i;

	snprintf(tmp, sizeof tmp, "%s.tmp%ld.xlsx", path, (long)getpid());
	snprintf(raw, sizeof raw, "%s.raw%ld.xlsx", path, (long)getpid());
	/* a row at a time, through temporary files: memory stays flat */
	if (!(wb = workbook_new_opt(raw, &opts))) {
		errno = errno ? errno : EIO;
		return -1;
	}
	make_formats(wb, &f);
	for (i = 0; i < n; i++)
		if (t[i]->sheet)
			add_sheet(wb, t[i], &f);
	errno = 0;
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		/* a full disk or a file size limit is said as such */
		int e = errno == ENOSPC || errno == EFBIG || errno == EDQUOT || errno == EROFS ? errno : EIO;
		unlink(raw);
		bh_warn(_("cannot write '%s': %s"), path, lxw_strerror(err));
		errno = e;
		return -1;
	}
	i = tidy_numbers(raw, tmp);
	unlink(raw);
	if (i < 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	/* a shareable file, whatever the umask: readable, written by us only */
	return bh_file_install(tmp, path, 0644);
}
