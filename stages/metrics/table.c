/* table.c: output tables held in memory, written as CSV (bh_out.h) and as the
 * sheets of tables.xlsx (libxlsxwriter), both atomically. A long table (a row
 * per tip or post) moves its cells to an unnamed temporary file as it grows,
 * and the workbook is written a row at a time: memory stays flat. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "metrics.h"

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
		bh_die("cannot create a temporary file:");
	for (i = 0; i < t->n; i++) {
		struct cell *c = &t->c[i];
		unsigned len = c->s ? (unsigned)strlen(c->s) : 0;
		unsigned char k = (unsigned char)c->k;

		if (fwrite(&k, 1, 1, t->spill) != 1 || fwrite(&c->v, sizeof c->v, 1, t->spill) != 1 ||
		    fwrite(&len, sizeof len, 1, t->spill) != 1 ||
		    (len && fwrite(c->s, 1, len, t->spill) != len))
			bh_die("cannot write a temporary file:");
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
			bh_die("cannot read a temporary file:");
		for (i = 0; i < t->spilled; i++) {
			unsigned char k;
			unsigned len;

			if (fread(&k, 1, 1, t->spill) != 1 || fread(&c.v, sizeof c.v, 1, t->spill) != 1 ||
			    fread(&len, sizeof len, 1, t->spill) != 1)
				bh_die("cannot read a temporary file:");
			if (len + 1 > cap)
				buf = bh_realloc(buf, cap = len + 1);
			if (len && fread(buf, 1, len, t->spill) != len)
				bh_die("cannot read a temporary file:");
			buf[len] = '\0';
			c.k = (enum ckind)k;
			c.s = k == C_TEXT || k == C_DATA ? buf : NULL;
			fn(ctx, i, &c);
		}
		if (fseek(t->spill, 0, SEEK_END) != 0)
			bh_die("cannot write a temporary file:");
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
	c->s = s ? bh_strdup(s) : NULL;
}

void
mt_data(struct mtable *t, const char *s)
{
	struct cell *c = next_cell(t);

	c->k = s ? C_DATA : C_EMPTY;
	c->s = s ? bh_strdup(s) : NULL;
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
	case C_TEXT: bh_csv_raw(w->c, x->s); break;
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
	{ "resident_messages", "Tin nhắn của cư dân" }, { "weekday", "Thứ (1 = thứ Hai)" },
	{ "hour", "Giờ" }, { "type", "Loại tin nhắn" }, { "category", "Loại vụ việc" },
	{ "kind", "Tin báo / câu hỏi" }, { "response_median_min", "Thời gian phản hồi trung vị (phút)" },
	{ "month", "Tháng" }, { "bucket", "Thời gian phản hồi" }, { "post_id", "Mã bài đăng" },
	{ "ts", "Thời điểm" }, { "topic", "Chủ đề" }, { "reactions", "Số người thả cảm xúc" },
	{ "replies", "Số trả lời" }, { "engaged_members", "Số người dân tương tác" },
	{ "date", "Ngày" }, { "joins", "Số lượt vào nhóm" }, { "leaves", "Số lượt rời nhóm" },
	{ "source", "Nguồn" }, { "entry", "Tệp trong nguồn" }, { "records", "Số bản ghi" },
	{ "stored", "Đã lưu" }, { "duplicates", "Trùng lặp" }, { "rejected", "Bị loại" },
	{ "private_skipped", "Tin riêng bỏ qua" }, { "other_skipped", "Bỏ qua khác" },
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
	return v ? v : s;
}

struct fmts {
	lxw_format *head, *tenths;
};

static void
sheet_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *id,
    const struct cell *x, const struct fmts *f)
{
	char *g;

	switch (x->k) {
	case C_EMPTY:
		break;
	case C_INT:
		worksheet_write_number(ws, r, col, (double)x->v, NULL);
		break;
	case C_TENTHS:
		worksheet_write_number(ws, r, col, (double)x->v / 10.0, f->tenths);
		break;
	case C_TEXT:
		worksheet_write_string(ws, r, col, vi_value(id, x->s), NULL);
		break;
	case C_DATA:
		/* Always a string, never a formula; the same guard as in the CSV files. */
		if (bh_formula_like(x->s)) {
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

struct sheet_ctx {
	lxw_worksheet *ws;
	const struct mtable *t;
	const struct fmts *f;
};

static void
sheet_each(void *ctx, size_t i, const struct cell *x)
{
	struct sheet_ctx *w = ctx;
	size_t ncol = (size_t)w->t->ncol;

	sheet_cell(w->ws, (lxw_row_t)(i / ncol + 1), (lxw_col_t)(i % ncol), w->t->cols[i % ncol], x, w->f);
}

static void
add_sheet(lxw_workbook *wb, const struct mtable *t, const struct fmts *f)
{
	struct sheet_ctx w = { workbook_add_worksheet(wb, t->sheet), t, f };
	int c;

	if (!w.ws)
		return;
	for (c = 0; c < t->ncol; c++)
		worksheet_set_column(w.ws, (lxw_col_t)c, (lxw_col_t)c, c == 0 ? 34 : 18, NULL);
	for (c = 0; c < t->ncol; c++)
		worksheet_write_string(w.ws, 0, (lxw_col_t)c, vi_col(t->cols[c]), f->head);
	each_cell(t, sheet_each, &w);
}

static int
sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
mt_write_xlsx(struct mtable *const *t, int n, const char *path)
{
	char tmp[4200];
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	struct fmts f;
	lxw_error err;
	int i;

	snprintf(tmp, sizeof tmp, "%s.tmp%ld.xlsx", path, (long)getpid());
	/* a row at a time, through temporary files: memory stays flat */
	if (!(wb = workbook_new_opt(tmp, &opts))) {
		errno = errno ? errno : EIO;
		return -1;
	}
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_text_wrap(f.head);
	f.tenths = workbook_add_format(wb);
	format_set_num_format(f.tenths, "0.0");
	for (i = 0; i < n; i++)
		if (t[i]->sheet)
			add_sheet(wb, t[i], &f);
	errno = 0;
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		/* a full disk or a file size limit is said as such */
		int e = errno == ENOSPC || errno == EFBIG || errno == EDQUOT || errno == EROFS ? errno : EIO;
		unlink(tmp);
		bh_warn("cannot write '%s': %s", path, lxw_strerror(err));
		errno = e;
		return -1;
	}
	/* a shareable file, whatever the umask: readable, written by us only */
	if (chmod(tmp, 0644) < 0 || sync_file(tmp) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}
