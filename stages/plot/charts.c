/* charts.c: one builder per chart: reads its table, writes the data into the script. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "plot.h"

/* A row to sort: its label, its value, where it came from. */
struct item {
	const char *key;
	double v;
	size_t row;
};

static int
by_value_desc(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (isnan(x->v) != isnan(y->v))
		return isnan(x->v) ? 1 : -1;
	if (!isnan(x->v) && x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
by_key(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static double
num_or_nan(const char *s)
{
	double v;

	return bh_num(s, &v) == 0 ? v : NAN;
}

static int
is_month(const char *s)
{
	char d[11], buf[11];

	if (strlen(s) != 7)
		return 0;
	snprintf(buf, sizeof buf, "%s-01", s);
	return bh_date_vi(buf, d) == 0;
}

/* Rows of T whose column C holds a date (or a month with MONTH set), by date. */
static struct item *
dated_rows(const bh_table *t, int c, int month, size_t *n)
{
	struct item *it = bh_malloc((t->nrow + 1) * sizeof *it);
	char d[11];
	size_t i;

	*n = 0;
	for (i = 0; i < t->nrow; i++) {
		const char *k = bh_table_get(t, i, c);
		if (month ? !is_month(k) : strlen(k) != 10 || bh_date_vi(k, d) < 0) {
			bh_warn(_("%s: row %zu: '%.20s' is not a %s: row left out"),
			    t->path, i + 2, k, month ? _("month") : _("date"));
			continue;
		}
		it[(*n)++] = (struct item){k, 0, i};
	}
	qsort(it, *n, sizeof *it, by_key);
	return it;
}

static int
weekly(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {
		"week_start", "messages", "officer_messages", "resident_messages", NULL
	};
	struct item *it = NULL;
	int c[4], rc = -1;
	bh_table *t;
	size_t i, n;

	if (!(t = plot_table(p, "weekly.csv")) || bh_table_need(t, cols, c) < 0)
		goto out;
	it = dated_rows(t, c[0], 0, &n);
	fputs("$DATA << EOD\n", g->fp);
	for (i = 0; i < n; i++) {
		fputs(it[i].key, g->fp);	/* a checked date */
		gp_num(g->fp, bh_table_get(t, it[i].row, c[1]));
		gp_num(g->fp, bh_table_get(t, it[i].row, c[2]));
		gp_num(g->fp, bh_table_get(t, it[i].row, c[3]));
		fputc('\n', g->fp);
	}
	fputs("EOD\n", g->fp);
	if (!n)
		g->nodata = "Không có tin nhắn nào trong kỳ";
	rc = 0;
out:
	free(it);
	bh_table_free(t);
	return rc;
}

/* Horizontal bars need room: 34 px a row beyond the usual 900 (and a limit). */
static int
rows_height(size_t n)
{
	int h = n > 200 ? 160 + 34 * 200 : 160 + 34 * (int)n;

	return h > 900 ? h : 900;
}

static int
thon(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {"thon", "participation_pct", "prev_participation_pct", NULL};
	struct item *it = NULL;
	const char **names = NULL;
	int c[3], rc = -1;
	bh_table *t;
	size_t i;

	if (!(t = plot_table(p, "thon.csv")) || bh_table_need(t, cols, c) < 0)
		goto out;
	it = bh_malloc((t->nrow + 1) * sizeof *it);
	names = bh_malloc((t->nrow + 1) * sizeof *names);
	for (i = 0; i < t->nrow; i++)
		it[i] = (struct item){bh_table_get(t, i, c[0]),
		    num_or_nan(bh_table_get(t, i, c[1])), i};
	qsort(it, t->nrow, sizeof *it, by_value_desc);
	fputs("$DATA << EOD\n", g->fp);
	for (i = 0; i < t->nrow; i++) {
		names[i] = it[i].key;
		fprintf(g->fp, "%zu", i + 1);
		gp_num(g->fp, bh_table_get(t, it[i].row, c[1]));
		gp_num(g->fp, bh_table_get(t, it[i].row, c[2]));
		fputc('\n', g->fp);
	}
	fputs("EOD\n", g->fp);
	gp_array(g->fp, "NAMES", names, t->nrow);
	fprintf(g->fp, "N = %zu\n", t->nrow);
	g->height = rows_height(t->nrow);
	if (!t->nrow)
		g->nodata = "Danh sách không có thôn nào";
	rc = 0;
out:
	free(names);
	free(it);
	bh_table_free(t);
	return rc;
}

static int
find_str(const char *const *list, const char *s)
{
	int i;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

static int
response(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {"kind", "bucket", "tips", NULL};
	static const char *const buckets[] = {
		"0-15m", "15-60m", "1-4h", "4-24h", "24h+", "unanswered", NULL
	};
	static const char *const kinds[] = {"tip", "question", NULL};
	double v[6][2] = {{0}}, total = 0, x;
	int c[3], b, k, unknown = 0;
	bh_table *t;
	size_t i;

	if (!(t = plot_table(p, "response_buckets.csv")) || bh_table_need(t, cols, c) < 0) {
		bh_table_free(t);
		return -1;
	}
	for (i = 0; i < t->nrow; i++) {
		b = find_str(buckets, bh_table_get(t, i, c[1]));
		k = find_str(kinds, bh_table_get(t, i, c[0]));
		if (!*bh_table_get(t, i, c[2])) {
			unknown++;	/* no roster yet: who answered is not known */
			continue;
		}
		if (b < 0 || k < 0 || bh_num(bh_table_get(t, i, c[2]), &x) < 0) {
			bh_warn(_("%s: row %zu: unknown kind or bucket: left out"), t->path, i + 2);
			continue;
		}
		v[b][k] += x;
		total += x;
	}
	fputs("$DATA << EOD\n", g->fp);
	for (b = 0; b < 6; b++)
		fprintf(g->fp, "%d %.10g %.10g\n", b + 1, v[b][0], v[b][1]);
	fputs("EOD\n", g->fp);
	if (unknown && total <= 0)
		g->nodata = "Chưa có danh sách thành viên: chưa biết tin báo nào đã được trả lời";
	else if (total <= 0)
		g->nodata = "Không có tin báo hay câu hỏi nào trong kỳ";
	bh_table_free(t);
	return 0;
}

/* Months of the period (from summary.csv), so that a month without tips shows. */
static size_t
period_months(struct plot *p, char (*m)[8], size_t max)
{
	const char *a, *b;
	int y, mo, ye, me;
	size_t n = 0;

	if (!p->summary || !(a = bh_table_lookup(p->summary, "period_start", "value")) ||
	    !(b = bh_table_lookup(p->summary, "period_end", "value")) ||
	    sscanf(a, "%4d-%2d", &y, &mo) != 2 || sscanf(b, "%4d-%2d", &ye, &me) != 2)
		return 0;
	while ((y < ye || (y == ye && mo <= me)) && n < max && mo >= 1 && mo <= 12) {
		snprintf(m[n++], 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u);
		if (++mo > 12) {
			mo = 1;
			y++;
		}
	}
	return n;
}

static size_t
add_key(const char **keys, size_t n, const char *k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return i;
	keys[n] = k;
	return n;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
write_monthly(FILE *fp, const char **months, size_t nm, const char **cats, size_t nc,
    const double *cnt)
{
	const char **labels = bh_malloc((nc + nm + 1) * sizeof *labels);
	char (*ml)[8] = bh_malloc((nm + 1) * sizeof *ml);
	size_t i, j;

	fputs("$DATA << EOD\n", fp);
	for (i = 0; i < nm; i++) {
		fprintf(fp, "%zu", i + 1);
		for (j = 0; j < nc; j++)
			fprintf(fp, " %.10g", cnt[i * nc + j]);
		fputc('\n', fp);
	}
	fputs("EOD\n", fp);
	for (j = 0; j < nc; j++)
		labels[j] = bh_vi_category(cats[j]) ? bh_vi_category(cats[j]) : cats[j];
	gp_array(fp, "CATS", labels, nc);
	for (i = 0; i < nm; i++) {
		snprintf(ml[i], 8, "%.2s/%.4s", months[i] + 5, months[i]);
		labels[i] = ml[i];
	}
	gp_array(fp, "MONTHS", labels, nm);
	fprintf(fp, "NCAT = %zu\nNMONTH = %zu\n", nc, nm);
	free(ml);
	free(labels);
}

static int
tips_monthly(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {"month", "category", "kind", "tips", NULL};
	char (*pm)[8] = bh_malloc(64 * sizeof *pm);
	const char **months = NULL, **cats = NULL;
	size_t i, nm = 0, nc = 0, np, mi, ci;
	double *cnt = NULL, x, total = 0;
	int c[4], rc = -1;
	bh_table *t;

	if (!(t = plot_table(p, "tips_monthly.csv")) || bh_table_need(t, cols, c) < 0)
		goto out;
	np = period_months(p, pm, 64);
	months = bh_malloc((t->nrow + np + 1) * sizeof *months);
	cats = bh_malloc((t->nrow + 1) * sizeof *cats);
	for (i = 0; i < np; i++)
		nm += add_key(months, nm, pm[i]) == nm;
	for (i = 0; i < t->nrow; i++) {
		if (strcmp(bh_table_get(t, i, c[2]), "tip") != 0)
			continue;	/* questions have their own figures */
		if (!is_month(bh_table_get(t, i, c[0]))) {
			bh_warn(_("%s: row %zu: not a month: left out"), t->path, i + 2);
			continue;
		}
		nm += add_key(months, nm, bh_table_get(t, i, c[0])) == nm;
		nc += add_key(cats, nc, bh_table_get(t, i, c[1])) == nc;
	}
	qsort(months, nm, sizeof *months, by_str);
	cnt = bh_malloc((nm * nc + 1) * sizeof *cnt);
	for (i = 0; i < nm * nc; i++)
		cnt[i] = 0;
	for (i = 0; i < t->nrow; i++) {
		if (strcmp(bh_table_get(t, i, c[2]), "tip") != 0 ||
		    !is_month(bh_table_get(t, i, c[0])) ||
		    bh_num(bh_table_get(t, i, c[3]), &x) < 0)
			continue;
		for (mi = 0; strcmp(months[mi], bh_table_get(t, i, c[0])) != 0; mi++)
			;
		ci = add_key(cats, nc, bh_table_get(t, i, c[1]));
		cnt[mi * nc + ci] += x;
		total += x;
	}
	write_monthly(g->fp, months, nm, cats, nc, cnt);
	if (total <= 0)
		g->nodata = "Không có tin báo nào trong kỳ";
	rc = 0;
out:
	free(cnt);
	free(cats);
	free(months);
	free(pm);
	bh_table_free(t);
	return rc;
}

static int
heatmap(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {"weekday", "hour", "messages", NULL};
	double m[7][24] = {{0}}, x, d, h, total = 0;
	int c[3], i, j;
	bh_table *t;
	size_t r;

	if (!(t = plot_table(p, "heatmap.csv")) || bh_table_need(t, cols, c) < 0) {
		bh_table_free(t);
		return -1;
	}
	for (r = 0; r < t->nrow; r++) {
		if (bh_num(bh_table_get(t, r, c[0]), &d) < 0 || d < 1 || d > 7 || d != floor(d) ||
		    bh_num(bh_table_get(t, r, c[1]), &h) < 0 || h < 0 || h > 23 || h != floor(h) ||
		    bh_num(bh_table_get(t, r, c[2]), &x) < 0) {
			bh_warn(_("%s: row %zu: not a weekday, hour and count: left out"), t->path, r + 2);
			continue;
		}
		m[(int)d - 1][(int)h] += x;
		total += x;
	}
	fputs("$DATA << EOD\n", g->fp);
	for (i = 0; i < 7; i++) {
		for (j = 0; j < 24; j++)
			fprintf(g->fp, "%s%.10g", j ? " " : "", m[i][j]);
		fputc('\n', g->fp);
	}
	fputs("EOD\n", g->fp);
	if (total <= 0)
		g->nodata = "Không có tin nhắn nào trong kỳ";
	bh_table_free(t);
	return 0;
}

static int
message_types(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {"type", "messages", NULL};
	struct item *it = NULL;
	const char **names = NULL;
	int c[2], rc = -1;
	bh_table *t;
	size_t i, n = 0;

	if (!(t = plot_table(p, "message_types.csv")) || bh_table_need(t, cols, c) < 0)
		goto out;
	it = bh_malloc((t->nrow + 1) * sizeof *it);
	names = bh_malloc((t->nrow + 1) * sizeof *names);
	for (i = 0; i < t->nrow; i++) {
		const char *id = bh_table_get(t, i, c[0]);
		it[n++] = (struct item){bh_vi_type(id) ? bh_vi_type(id) : id,
		    num_or_nan(bh_table_get(t, i, c[1])), i};
	}
	qsort(it, n, sizeof *it, by_value_desc);
	fputs("$DATA << EOD\n", g->fp);
	for (i = 0; i < n; i++) {
		names[i] = it[i].key;
		fprintf(g->fp, "%zu", i + 1);
		gp_num(g->fp, bh_table_get(t, it[i].row, c[1]));
		fputc('\n', g->fp);
	}
	fputs("EOD\n", g->fp);
	gp_array(g->fp, "NAMES", names, n);
	fprintf(g->fp, "N = %zu\n", n);
	g->height = rows_height(n);
	if (!n)
		g->nodata = "Không có tin nhắn nào trong kỳ";
	rc = 0;
out:
	free(names);
	free(it);
	bh_table_free(t);
	return rc;
}

/* Empty joins and leaves in the summary mean the archives hold no member event
 * at all: say so, never draw zero as if it were measured. */
static int
membership_known(struct plot *p)
{
	const char *j, *l;

	if (!p->summary)
		return 0;
	j = bh_table_lookup(p->summary, "joins", "value");
	l = bh_table_lookup(p->summary, "leaves", "value");
	return (j && *j) || (l && *l);
}

static int
membership(struct plot *p, struct gp *g)
{
	static const char *const cols[] = {"date", "joins", "leaves", NULL};
	struct item *it = NULL;
	int c[3], rc = -1;
	bh_table *t;
	size_t i, n;

	if (!(t = plot_table(p, "membership.csv")) || bh_table_need(t, cols, c) < 0)
		goto out;
	it = dated_rows(t, c[0], 0, &n);
	fputs("$DATA << EOD\n", g->fp);
	for (i = 0; i < n; i++) {
		fputs(it[i].key, g->fp);
		gp_num(g->fp, bh_table_get(t, it[i].row, c[1]));
		gp_num(g->fp, bh_table_get(t, it[i].row, c[2]));
		fputc('\n', g->fp);
	}
	fputs("EOD\n", g->fp);
	if (!n && !membership_known(p))
		g->nodata = "Không có dữ liệu thành viên trong các tệp lưu trữ";
	else if (!n)
		g->nodata = "Không có thành viên vào hay rời nhóm trong kỳ";
	rc = 0;
out:
	free(it);
	bh_table_free(t);
	return rc;
}

chart_fn
chart_builder(const char *name)
{
	static const struct {
		const char *name;
		chart_fn fn;
	} builders[] = {
		{"weekly", weekly}, {"thon", thon}, {"response", response},
		{"tips_monthly", tips_monthly}, {"heatmap", heatmap},
		{"message_types", message_types}, {"membership", membership},
	};
	size_t i;

	for (i = 0; i < sizeof builders / sizeof builders[0]; i++)
		if (strcmp(builders[i].name, name) == 0)
			return builders[i].fn;
	return NULL;
}
