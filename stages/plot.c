/* plot.c: binhyen-plot: draws the charts of OUT/tables as PNG and SVG with gnuplot. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_gnuplot.h"
#include "bh_opt.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "bh_path.h"
#include "bh_res.h"
#include "plot/plot.h"

#define MAX_CHARTS 16	/* more than bh_charts holds */
#define MAX_PAR 4	/* gnuplots at a time, at most */

static noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    _("usage: binhyen-plot --out DIR [--only NAME] [-q]\n"
	    "Draws the charts of DIR/tables/*.csv into DIR/charts/NAME.png (1600x900 or\n"
	    "taller) and DIR/charts/NAME.svg with gnuplot, from the templates plots/NAME.gp\n"
	    "built into this program.\n"
	    "  --out DIR     the output folder of binhyen-metrics\n"
	    "  --only NAME   draw this chart only (repeatable): weekly thon response\n"
	    "                tips_monthly heatmap message_types membership\n"
	    "  -q, --quiet   no progress, errors only\n"
	    "Exit status: 0 every chart drawn, 1 some chart missing (a table missing or bad,\n"
	    "or gnuplot not installed), 2 usage or system error.\n"));
	bh_usage_exit(fp, status);
}

/* "Xã Bình An · 01/01/2024 – 31/03/2024": the commune (OUT/settings.csv, left
 * out when unknown: a chart has no blank to fill) and the period's dates from
 * the summary, for the charts' second title line. */
static void
period_text(struct plot *p, const char *out)
{
	const char *a, *b, *c = NULL;
	char da[11], db[11], *path = bh_path_join(out, "settings.csv");
	bh_table *set = bh_table_load(path);
	size_t n = 0;

	free(path);
	p->period[0] = '\0';
	if (set && (c = bh_table_lookup(set, "commune", "value")) && *c && strlen(c) < 150)
		n = (size_t)snprintf(p->period, sizeof p->period, "%s", c);
	bh_table_free(set);
	if (p->summary && (a = bh_table_lookup(p->summary, "period_start", "value")) &&
	    (b = bh_table_lookup(p->summary, "period_end", "value")) &&
	    bh_date_vi(a, da) == 0 && bh_date_vi(b, db) == 0)
		snprintf(p->period + n, sizeof p->period - n, "%s%s – %s", n ? " · " : "", da, db);
}

/* PSTART, PEND: the period's first and last day (checked dates), for time axes. */
static void
write_dates(struct plot *p, FILE *fp)
{
	const char *a, *b;
	char d[11];

	if (p->summary && (a = bh_table_lookup(p->summary, "period_start", "value")) &&
	    (b = bh_table_lookup(p->summary, "period_end", "value")) &&
	    strlen(a) == 10 && strlen(b) == 10 && bh_date_vi(a, d) == 0 && bh_date_vi(b, d) == 0) {
		gp_var(fp, "PSTART", a);
		gp_var(fp, "PEND", b);
	}
}

/* The script head: title, the builder's data, the no-data message. */
static int
write_head(struct plot *p, const struct bh_chart *ch, chart_fn fn, struct gp *g)
{
	fprintf(g->fp, "# binhyen-plot: %s (generated: every string from the data is "
	    "single-quoted)\nset encoding utf8\n", ch->name);
	fputs("TITLE = ", g->fp);
	gp_text(g->fp, ch->title, 0);
	if (p->period[0]) {
		fputs(".\"\\n\".", g->fp);
		gp_text(g->fp, p->period, 0);
	}
	fprintf(g->fp, "\nFONT = '%s'\n", BH_GP_FONT);
	write_dates(p, g->fp);
	if (fn(p, g) < 0)
		return -1;
	gp_var(g->fp, "NODATA", g->nodata ? g->nodata : "");
	return 0;
}

static int
write_script(struct plot *p, const struct bh_chart *ch, const char *path)
{
	char res[64];
	const char *body;
	struct gp g = {NULL, NULL, 900};
	chart_fn fn = chart_builder(ch->name);
	bh_afile *f;

	snprintf(res, sizeof res, "plots/%s.gp", ch->name);
	if (!fn || !(body = bh_res(res, NULL)))
		bh_die(_("chart '%s' has no template %s built in"), ch->name, res);
	if (!(f = bh_afile_open(path, 0600)))
		bh_die(_("cannot create '%s':"), path);
	g.fp = bh_afile_fp(f);
	if (write_head(p, ch, fn, &g) < 0) {
		bh_afile_abort(f);
		return -1;
	}
	if (g.nodata && !(body = bh_res("plots/empty.gp", NULL)))
		bh_die(_("template plots/empty.gp is not built in"));
	bh_gp_terminals(g.fp, ch->name, body, g.height);
	if (bh_afile_commit(f) < 0)
		bh_die(_("cannot write '%s':"), path);
	return 0;
}

/* A chart's script written and gnuplot started on it: its pid, or -1. */
static pid_t
draw_start(struct plot *p, const struct bh_chart *ch)
{
	char file[96];
	char *script;
	int rc;

	snprintf(file, sizeof file, "%s.gp", ch->name);
	script = bh_gp_path(&p->run, file);
	rc = write_script(p, ch, script);
	free(script);
	return rc < 0 ? -1 : bh_gp_start(&p->run, ch->name);
}

/* The chart whose gnuplot is PID, finished and published: 0 when drawn. */
static int
draw_finish(struct plot *p, const struct bh_chart *ch, pid_t pid)
{
	if (pid < 0 || bh_gp_finish(&p->run, ch->name, pid) < 0)
		return -1;
	bh_note(_("%s: charts/%s.png, .svg"), ch->title, ch->name);
	return 0;
}

static int
wanted(char **only, int nonly, const char *name)
{
	int i;

	for (i = 0; i < nonly; i++)
		if (strcmp(only[i], name) == 0)
			return 1;
	return nonly == 0;
}

static void
check_only(char **only, int nonly)
{
	const struct bh_chart *ch;
	int i, found;

	for (i = 0; i < nonly; i++) {
		for (found = 0, ch = bh_charts; ch->name; ch++)
			found |= strcmp(ch->name, only[i]) == 0;
		if (!found)
			bh_usage_error(_("--only: no chart named '%s'"), only[i]);
	}
}

static void
setup(struct plot *p, const char *out)
{
	char *charts, *sum;

	p->tables = bh_path_join(out, "tables");
	charts = bh_path_join(out, "charts");
	bh_gp_begin(&p->run, charts);
	free(charts);
	sum = bh_path_join(p->tables, "summary.csv");
	if (!(p->summary = bh_table_load(sum)))
		bh_warn(_("'%s' is missing: charts without the period's dates"), sum);
	free(sum);
	period_text(p, out);
}

bh_table *
plot_table(struct plot *p, const char *file)
{
	size_t n = strlen(p->tables) + strlen(file) + 2;
	char *path = bh_malloc(n);
	bh_table *t;

	snprintf(path, n, "%s/%s", p->tables, file);
	/* A missing table is not reported by the loader; an unusable one is. */
	if (!(t = bh_table_load(path)) && access(path, F_OK) < 0)
		bh_bad(_("'%s' is missing: its chart is left out"), path);
	free(path);
	return t;
}

static void
teardown(struct plot *p)
{
	bh_gp_end(&p->run);
	bh_table_free(p->summary);
	free(p->tables);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"only", required_argument, NULL, 'n'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	const struct bh_chart *ch, *chosen[MAX_CHARTS];
	pid_t pid[MAX_CHARTS];
	long par, i, n = 0, done = 0;
	struct plot p = {0};
	const char *out = NULL;
	char **only, again[4200];
	int c, nonly = 0, drawn = 0;

	bh_init(argv[0]);
	only = bh_malloc((size_t)argc * sizeof *only);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'n': only[nonly++] = optarg; break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(c, argc, argv, opts);
		}
	}
	if (optind < argc)
		bh_usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (!out)
		bh_usage_error(_("--out DIR is required"));
	check_only(only, nonly);
	snprintf(again, sizeof again, "binhyen plot --out %s", out);
	if (bh_gp_usable(again) < 0) {
		free(only);
		return bh_exit_status();
	}
	setup(&p, out);
	/* One gnuplot per CPU at a time, finished in the charts' order. */
	par = sysconf(_SC_NPROCESSORS_ONLN);
	par = par < 1 ? 1 : par > MAX_PAR ? MAX_PAR : par;
	for (ch = bh_charts; ch->name; ch++)
		if (wanted(only, nonly, ch->name) && n < MAX_CHARTS)
			chosen[n++] = ch;
	for (i = 0; i < n; i++) {
		if (i - done >= par) {
			drawn += draw_finish(&p, chosen[done], pid[done]) == 0;
			done++;
		}
		pid[i] = draw_start(&p, chosen[i]);
	}
	for (; done < n; done++)
		drawn += draw_finish(&p, chosen[done], pid[done]) == 0;
	teardown(&p);
	free(only);
	bh_note(ngettext("%d chart drawn in '%s/charts'", "%d charts drawn in '%s/charts'",
	    (unsigned long)drawn), drawn, out);
	return bh_exit_status();
}
