/* report.c: binhyen-report: writes OUT/report.html and OUT/report.md from the tables and charts. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "bh_table.h"
#include "report/report.h"

#define DEFAULT_TITLE "Báo cáo kết quả thực hiện mô hình “Zalo kết nối bình yên”"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: binhyen-report --out DIR [--period P] [--title TEXT]\n"
	    "           [--min-thon-members N] [-q]\n"
	    "Writes DIR/report.html (one self-contained file: charts and styles inside,\n"
	    "nothing fetched from the network, prints on A4) and DIR/report.md (the same,\n"
	    "linking charts/) from DIR/tables/*.csv and DIR/charts/*.png. Never reads\n"
	    "DIR/internal/.\n"
	    "  --out DIR               the output folder of binhyen-metrics and binhyen-plot\n"
	    "  --period P              the period's name for the heading (e.g. 2024-Q1)\n"
	    "  --title TEXT            the report's title (default: the model's report,\n"
	    "                          naming the commune of DIR/settings.csv)\n"
	    "  --min-thon-members N    thôn with fewer residents show tip figures as\n"
	    "                          withheld (default 10, as binhyen-metrics)\n"
	    "  -q, --quiet             no progress, errors only\n"
	    "Exit status: 0 written, 1 written but a table was missing or bad, 2 failed.\n");
}

static noreturn void
usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "%s: %s%s%s%s\n(see '%s --help')\n", bh_prog, what,
	    arg ? " '" : "", arg ? arg : "", arg ? "'" : "", bh_prog);
	exit(BH_FATAL);
}

static long
number(const char *opt, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0)
		usage_error(opt, s);
	return v;
}

static bh_table *
load(const char *out, const char *name)
{
	char path[4096];
	bh_table *t;

	snprintf(path, sizeof path, "%s/tables/%s", out, name);
	if (!(t = bh_table_load(path)) && access(path, F_OK) < 0)
		bh_bad("'%s' is missing: the report leaves it out", path);
	return t;
}

static void
write_one(const struct report *r, const char *file, const struct doc_ops *ops)
{
	char path[4096];
	struct doc d = {0};
	bh_afile *f;

	snprintf(path, sizeof path, "%s/%s", r->out, file);
	if (!(f = bh_afile_open(path, 0644)))
		bh_die("cannot create '%s':", path);
	d.ops = ops;
	d.fp = bh_afile_fp(f);
	d.out = r->out;
	report_write(r, &d);
	if (bh_afile_commit(f) < 0)
		bh_die("cannot write '%s':", path);
	bh_note("wrote %s", path);
}

/* OUT/settings.csv (binhyen-metrics) names the commune: the default title says
 * which commune the report is of. */
static void
title_of(struct report *r, char *buf, size_t n)
{
	char path[4096];
	const char *commune;

	snprintf(path, sizeof path, "%s/settings.csv", r->out);
	if (!(r->settings = bh_table_load(path)) && access(path, F_OK) < 0)
		bh_warn(_("'%s' is missing: the report does not name the commune"), path);
	commune = r->settings ? bh_table_lookup(r->settings, "commune", "value") : NULL;
	if (r->title)
		return;	/* --title: as given */
	if (commune && *commune) {
		snprintf(buf, n, "%s — %s", DEFAULT_TITLE, commune);
		r->title = buf;
	} else {
		r->title = DEFAULT_TITLE;
	}
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"period", required_argument, NULL, 'p'},
		{"title", required_argument, NULL, 't'},
		{"min-thon-members", required_argument, NULL, 'm'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	struct report r = {0};
	char label[128], title[1024];
	int c;

	bh_init(argv[0]);
	r.min_thon = 10;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': r.out = optarg; break;
		case 'p': r.period = optarg; break;
		case 't': r.title = optarg; break;
		case 'm': r.min_thon = number("--min-thon-members: not a number:", optarg); break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout); return bh_exit_status();
		case ':': usage_error("option needs a value:", argv[optind - 1]);
		default: usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument", argv[optind]);
	if (!r.out)
		usage_error("--out DIR is required", NULL);
	if (r.period && bh_period_label(r.period, label, sizeof label) < 0)
		usage_error("--period: invalid period", r.period);
	title_of(&r, title, sizeof title);
	r.summary = load(r.out, "summary.csv");
	r.groups = load(r.out, "groups.csv");
	r.thon = load(r.out, "thon.csv");
	r.categories = load(r.out, "tip_categories.csv");
	r.buckets = load(r.out, "response_buckets.csv");
	write_one(&r, "report.html", &html_ops);
	write_one(&r, "report.md", &md_ops);
	bh_table_free(r.buckets);
	bh_table_free(r.categories);
	bh_table_free(r.thon);
	bh_table_free(r.groups);
	bh_table_free(r.summary);
	bh_table_free(r.settings);
	return bh_exit_status();
}
