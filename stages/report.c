/* report.c: binhyen-report: writes OUT/report.html, OUT/report.md and OUT/report.docx
 * from the tables, the charts and OUT/settings.csv (the commune's names). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_opt.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "bh_table.h"
#include "report/report.h"

static noreturn void
usage(FILE *fp, int status)
{
	fputs(_(
	    "usage: binhyen-report --out DIR [--period P] [--title TEXT] [-q]\n"
	    "Writes DIR/report.html (one self-contained file: charts and styles inside,\n"
	    "nothing fetched from the network, prints on A4), DIR/report.md (the same,\n"
	    "linking charts/) and DIR/report.docx (the state report to finish in Word,\n"
	    "laid out by Nghị định 30/2020/NĐ-CP) from DIR/tables/*.csv, DIR/charts/*.png\n"
	    "and DIR/settings.csv (commune, unit, superior: a blank to fill when missing).\n"
	    "Never reads DIR/internal/.\n"
	    "  --out DIR               the output folder of binhyen-metrics and binhyen-plot\n"
	    "  --period P              the period's name for the heading (e.g. 2024-Q1;\n"
	    "                          default: settings.csv's period)\n"
	    "  --title TEXT            the report's subject line\n"
	    "  -q, --quiet             no progress, errors only\n"
	    "Thôn whose tip figures binhyen-metrics withheld (column withheld of\n"
	    "tables/thon.csv) show them as withheld.\n"
	    "Exit status: 0 written, 1 written but a table was missing or bad, 2 failed.\n"), fp);
	bh_usage_exit(fp, status);
}

static bh_table *
load(const char *out, const char *name)
{
	char path[4096];
	bh_table *t;

	snprintf(path, sizeof path, "%s/tables/%s", out, name);
	if (!(t = bh_table_load(path)) && access(path, F_OK) < 0)
		bh_bad(_("'%s' is missing: the report leaves it out"), path);
	return t;
}

/* A name of settings.csv, or NULL when missing or empty. */
static const char *
setting(const bh_table *s, const char *key)
{
	const char *v = s ? bh_table_lookup(s, key, "value") : NULL;

	return v && *v ? v : NULL;
}

static void
read_settings(struct report *r)
{
	char path[4096];
	const char *p;

	snprintf(path, sizeof path, "%s/settings.csv", r->out);
	if (!(r->settings = bh_table_load(path)) && access(path, F_OK) < 0)
		bh_warn(_("'%s' is missing: the report does not name the commune"), path);
	else if (!r->settings)
		bh_warn(_("'%s' cannot be read: the report leaves the commune's names blank; "
		    "run binhyen metrics again to rewrite it"), path);
	r->commune = setting(r->settings, "commune");
	r->unit = setting(r->settings, "unit");
	r->superior = setting(r->settings, "superior");
	if (!r->period && (p = setting(r->settings, "period")) && bh_period_parse(p, 0, &r->p) == 0)
		r->period = p;
}

static void
draw(void *r, struct doc *d)
{
	report_write(r, d);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"period", required_argument, NULL, 'p'},
		{"title", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	struct report r = {0};
	int c;

	bh_init(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': r.out = optarg; break;
		case 'p': r.period = optarg; break;
		case 't': r.title = optarg; break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(c, argc, argv, opts);
		}
	}
	if (optind < argc)
		bh_usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (!r.out)
		bh_usage_error(_("--out DIR is required"));
	if (r.period)
		r.p = bh_opt_period("--period", r.period, 0);
	read_settings(&r);
	r.summary = load(r.out, "summary.csv");
	r.groups = load(r.out, "groups.csv");
	r.thon = load(r.out, "thon.csv");
	r.categories = load(r.out, "tip_categories.csv");
	r.buckets = load(r.out, "response_buckets.csv");
	doc_write(r.out, "report.html", &html_ops, draw, &r);
	doc_write(r.out, "report.md", &md_ops, draw, &r);
	doc_write(r.out, "report.docx", &docx_ops, draw, &r);
	bh_table_free(r.buckets);
	bh_table_free(r.categories);
	bh_table_free(r.thon);
	bh_table_free(r.groups);
	bh_table_free(r.summary);
	bh_table_free(r.settings);
	return bh_exit_status();
}
