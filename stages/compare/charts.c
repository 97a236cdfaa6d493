/* charts.c: the comparison's charts, through the templates plots/compare_*.gp
 * and the library's gnuplot runner: communes sorted by the figure shown, long
 * names wrapped, at most PAGE communes a chart (more make pages). */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_gnuplot.h"
#include "bh_out.h"
#include "bh_res.h"
#include "compare.h"

#define PAGE 40		/* communes on one chart */
#define WRAP 22		/* characters of a name on one line */
#define PAR 2		/* gnuplots at a time */

/* A commune on a chart: its two values and the note where the first is missing. */
struct row {
	const struct commune *c;
	double v1, v2;
	const char *note;
};

struct chart {
	const char *name;	/* charts/NAME.png, NAME_2.png, … */
	const char *title;
	const char *tmpl;	/* plots/TMPL.gp */
	const char *xlabel, *key1, *key2, *fmt;
	int ascending;		/* sorted smallest first (answer times) */
	void (*fill)(const struct compare *, const struct commune *, struct row *);
};

static double
num(const char *s)
{
	double v;

	return cell_num(s, &v) == 0 ? v : NAN;
}

static const char *
tip_note(const struct compare *cmp, const struct commune *c, const char *none)
{
	(void)cmp;
	return c->withheld ? "ẩn (xã ít cư dân trong danh sách)" : none;
}

static void
fill_participation(const struct compare *cmp, const struct commune *c, struct row *r)
{
	r->v1 = num(cell(cmp, c, F_PARTICIPATION, 0));
	r->v2 = num(cell(cmp, c, F_PARTICIPATION, 1));
	r->note = "chưa có danh sách cư dân";
}

static void
fill_tips(const struct compare *cmp, const struct commune *c, struct row *r)
{
	double tips = num(cell(cmp, c, F_TIPS, 0)), members = num(cell(cmp, c, F_MEMBERS, 0));

	r->v1 = members > 0 ? tips * 1000.0 / members : NAN;
	r->v2 = num(cell(cmp, c, F_TIPS_ANSWERED_PCT, 0));
	r->note = tip_note(cmp, c, tips == 0 ? "không có tin báo" : "không có số liệu");
}

static void
fill_response(const struct compare *cmp, const struct commune *c, struct row *r)
{
	r->v1 = num(cell(cmp, c, F_TIP_MEDIAN, 0));
	r->v2 = num(cell(cmp, c, F_TIP_P90, 0));
	r->note = tip_note(cmp, c, "không có tin báo được trả lời");
}

static void
fill_posts(const struct compare *cmp, const struct commune *c, struct row *r)
{
	r->v1 = num(cell(cmp, c, F_POSTS, 0));
	r->v2 = num(cell(cmp, c, F_POSTS, 1));
	r->note = "không có số liệu";
}

static const struct chart charts[] = {
	{"compare_participation", "Tỷ lệ cư dân tham gia theo xã", "compare_dots",
	    "Tỷ lệ cư dân tham gia (%)", "Kỳ này", "Kỳ trước", "%.1f", 0, fill_participation},
	{"compare_tips", "Tin báo trên 1.000 cư dân và tỷ lệ được trả lời",
	    "compare_tips", NULL, NULL, NULL, NULL, 0, fill_tips},
	{"compare_response", "Thời gian phản hồi tin báo theo xã",
	    "compare_dots", "Số phút từ tin báo đến lần trả lời đầu tiên", "Trung vị",
	    "90% tin báo được trả lời trong", "%.1f", 1, fill_response},
	{"compare_posts", "Số bài đăng của công an theo xã", "compare_dots",
	    "Số bài đăng của công an", "Kỳ này", "Kỳ trước", "%.0f", 0, fill_posts},
};
#define NCHARTS (sizeof charts / sizeof charts[0])

static int ascending;

static int
by_value(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (isnan(x->v1) != isnan(y->v1))
		return isnan(x->v1) ? 1 : -1;
	if (!isnan(x->v1) && x->v1 != y->v1)
		return (x->v1 < y->v1) == ascending ? -1 : 1;
	return strcmp(x->c->key, y->c->key);
}

/* Room for two lines of name per commune. */
static int
height(size_t n)
{
	return n * 46 + 300 > 900 ? (int)(n * 46 + 300) : 900;
}

static void
put_num(FILE *fp, double v)
{
	if (isnan(v))
		fputs(" NaN", fp);
	else
		fprintf(fp, " %.10g", v);
}

/* The script of one page: the head, the data, the template drawn per terminal. */
static void
write_page(const struct compare *cmp, struct bh_gprun *run, const struct chart *ch,
    const struct row *r, size_t n, const char *name, const char *title)
{
	char file[160];
	char *path;
	const char *body;
	bh_afile *f;
	FILE *fp;
	size_t i;
	double xa, x1, x2;
	int any = 0;

	snprintf(file, sizeof file, "plots/%s.gp", ch->tmpl);
	if (!(body = bh_res(file, NULL)))
		bh_die(_("chart '%s' has no template %s built in"), ch->name, file);
	snprintf(file, sizeof file, "%s.gp", name);
	path = bh_gp_path(run, file);
	if (!(f = bh_afile_open(path, 0600)))
		bh_die(_("cannot create '%s':"), path);
	fp = bh_afile_fp(f);
	fprintf(fp, "# binhyen-compare: %s (generated: every string from the data is "
	    "single-quoted)\nset encoding utf8\nTITLE = ", name);
	gp_text(fp, title, 0);
	fputs(".\"\\n\".", fp);
	gp_text(fp, cmp->period, 0);
	/* answer times span minutes to days: a log scale from a round number */
	xa = 0;
	if (ch->ascending) {
		xa = 1;
		for (i = 0; i < n; i++)
			while ((r[i].v1 > 0 && r[i].v1 < xa) || (r[i].v2 > 0 && r[i].v2 < xa))
				xa /= 10;
	}
	fprintf(fp, "\nFONT = '%s'\nN = %zu\nH = %d\nXA = %g\nLOGX = %d\nBOTH = %d\n", BH_GP_FONT,
	    n, height(n), xa, ch->ascending, ch->ascending);
	if (ch->xlabel) {
		gp_var(fp, "XLABEL", ch->xlabel);
		gp_var(fp, "KEY1", ch->key1);
		gp_var(fp, "KEY2", ch->key2);
		gp_var(fp, "FMT", ch->fmt);
	}
	fprintf(fp, "array NAMES[%zu]\narray NOTES[%zu]\n", n, n);
	for (i = 0; i < n; i++) {
		fprintf(fp, "NAMES[%zu] = ", i + 1);
		gp_wrapped(fp, r[i].c->name, WRAP);
		fprintf(fp, "\nNOTES[%zu] = ", i + 1);
		gp_text(fp, isnan(r[i].v1) ? r[i].note : "", 0);
		fputc('\n', fp);
		any |= !isnan(r[i].v1) || !isnan(r[i].v2);
	}
	fputs("$DATA << EOD\n", fp);
	for (i = 0; i < n; i++) {
		/* on a log scale 0 sits at the axis's start */
		x1 = r[i].v1 < xa ? xa : r[i].v1;
		x2 = r[i].v2 < xa ? xa : r[i].v2;
		fprintf(fp, "%zu", i + 1);
		put_num(fp, x1);
		put_num(fp, x2);
		put_num(fp, isnan(x1) ? NAN : isnan(x2) || x1 > x2 ? x1 : x2);
		put_num(fp, r[i].v1);
		put_num(fp, r[i].v2);
		fputc('\n', fp);
	}
	fputs("EOD\n", fp);
	if (!any) {
		gp_var(fp, "NODATA", "Không xã nào có số liệu này");
		if (!(body = bh_res("plots/empty.gp", NULL)))
			bh_die(_("template plots/empty.gp is not built in"));
	}
	bh_gp_terminals(fp, name, body, height(n));
	if (bh_afile_commit(f) < 0)
		bh_die(_("cannot write '%s':"), path);
	free(path);
}

static void
add(struct chartlist *cl, const char *name, const char *title)
{
	cl->name = bh_realloc(cl->name, (cl->n + 1) * sizeof *cl->name);
	cl->title = bh_realloc(cl->title, (cl->n + 1) * sizeof *cl->title);
	cl->name[cl->n] = bh_strdup(name);
	cl->title[cl->n++] = bh_strdup(title);
}

/* Charts of an earlier comparison in this folder (with more pages, maybe) go. */
static void
remove_old(const char *charts)
{
	char path[4500];
	struct dirent *e;
	DIR *d = opendir(charts);
	size_t n;

	if (!d)
		return;
	while ((e = readdir(d))) {
		n = strlen(e->d_name);
		if (strncmp(e->d_name, "compare_", 8) != 0 || n < 5 ||
		    (strcmp(e->d_name + n - 4, ".png") != 0 && strcmp(e->d_name + n - 4, ".svg") != 0))
			continue;
		snprintf(path, sizeof path, "%s/%s", charts, e->d_name);
		if (unlink(path) < 0)
			bh_warn(_("cannot remove '%s':"), path);
	}
	closedir(d);
}

void
compare_charts(const struct compare *cmp, struct chartlist *cl)
{
	struct row *r = bh_malloc(cmp->n * sizeof *r);
	char charts_dir[4200], again[4400], name[96], title[300];
	char **pending = bh_malloc((NCHARTS * (cmp->n / PAGE + 1) + 1) * sizeof *pending);
	pid_t *pid = bh_malloc((NCHARTS * (cmp->n / PAGE + 1) + 1) * sizeof *pid);
	size_t i, k, page, pages, np = 0, done = 0, drawn = 0;
	struct bh_gprun run = {0};

	memset(cl, 0, sizeof *cl);
	snprintf(charts_dir, sizeof charts_dir, "%s/charts", cmp->out);
	snprintf(again, sizeof again, "binhyen compare --out %s …", cmp->out);
	remove_old(charts_dir);
	if (bh_gp_usable(again) < 0) {
		free(r);
		free(pending);
		free(pid);
		return;
	}
	bh_gp_begin(&run, charts_dir);
	pages = (cmp->n + PAGE - 1) / PAGE;
	for (k = 0; k < NCHARTS; k++) {
		const struct chart *ch = &charts[k];
		for (i = 0; i < cmp->n; i++) {
			r[i].c = &cmp->c[i];
			ch->fill(cmp, &cmp->c[i], &r[i]);
		}
		ascending = ch->ascending;
		qsort(r, cmp->n, sizeof *r, by_value);
		for (page = 0; page < pages; page++) {
			size_t first = page * PAGE, n = cmp->n - first < PAGE ? cmp->n - first : PAGE;
			if (page)
				snprintf(name, sizeof name, "%s_%zu", ch->name, page + 1);
			else
				snprintf(name, sizeof name, "%s", ch->name);
			if (pages > 1)
				snprintf(title, sizeof title, "%s, trang %zu/%zu", ch->title, page + 1, pages);
			else
				snprintf(title, sizeof title, "%s", ch->title);
			write_page(cmp, &run, ch, r + first, n, name, title);
			if (np - done >= PAR) {
				drawn += bh_gp_finish(&run, pending[done], pid[done]) == 0;
				done++;
			}
			pending[np] = bh_strdup(name);
			pid[np++] = bh_gp_start(&run, name);
			add(cl, name, title);
		}
	}
	for (; done < np; done++)
		drawn += bh_gp_finish(&run, pending[done], pid[done]) == 0;
	for (i = 0; i < np; i++)
		free(pending[i]);
	bh_gp_end(&run);
	bh_note(_("%zu charts drawn in '%s'"), drawn, charts_dir);
	free(pending);
	free(pid);
	free(r);
}

void
chartlist_free(struct chartlist *cl)
{
	size_t i;

	for (i = 0; i < cl->n; i++) {
		free(cl->name[i]);
		free(cl->title[i]);
	}
	free(cl->name);
	free(cl->title);
}
