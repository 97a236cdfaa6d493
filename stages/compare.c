/* compare.c: binhyen-compare: the province's view. Reads the shareable part of
 * each commune's output folder (settings.csv, tables/summary.csv; never
 * internal/, never a database) and writes one comparison of them all. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_out.h"
#include "compare/compare.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "%s", _(
	    "usage: binhyen compare [--out DIR] [--min-members N] [-q] FOLDER...\n"
	    "Compares the communes whose binhyen output folders are FOLDER... (each one's\n"
	    "settings.csv and tables/summary.csv; internal/ is never needed) and writes\n"
	    "DIR/report.html, report.md, report.docx, DIR/tables/communes.csv, totals.csv,\n"
	    "commune_settings.csv, DIR/tables.xlsx and DIR/charts/compare_*.png|svg.\n"
	    "  --out DIR          the comparison's folder (default out/compare-PERIOD)\n"
	    "  --min-members N    withhold the tip figures of communes with fewer residents\n"
	    "                     in their roster (default 30)\n"
	    "  -q, --quiet        no progress, errors only\n"
	    "Folders of different periods, or two of one commune, are refused (exit 2).\n"
	    "Exit status: 0 done, 1 done but the communes' settings differ (said on the\n"
	    "screen and in the report) or a chart is missing, 2 nothing written.\n"));
}

static noreturn void
usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "%s: %s%s%s%s\n", bh_prog, what, arg ? " '" : "", arg ? arg : "",
	    arg ? "'" : "");
	fprintf(stderr, _("(see '%s --help')\n"), bh_prog);
	exit(BH_FATAL);
}

/* DIR may be written into when it is missing, empty, or an earlier comparison. */
static void
check_out(const char *out)
{
	char path[4200];
	struct stat st;
	struct dirent *e;
	DIR *d;
	int any = 0;

	if (stat(out, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode))
		bh_die(_("'%s' exists and is not a folder: choose another --out"), out);
	snprintf(path, sizeof path, "%s/tables/communes.csv", out);
	if (access(path, F_OK) == 0)
		return;
	if (!(d = opendir(out)))
		bh_die(_("cannot read folder '%s':"), out);
	while ((e = readdir(d)))
		any |= strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	if (any)
		bh_die(_("'%s' is not empty and not a comparison binhyen wrote: choose another --out"),
		    out);
}

static long
number(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi) {
		fprintf(stderr, _("%s: %s: '%s' is not a number from %ld to %ld\n"), bh_prog, opt, s,
		    lo, hi);
		exit(BH_FATAL);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"min-members", required_argument, NULL, 'm'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	struct compare cmp = {0};
	struct chartlist cl = {0};
	char defout[300];
	const char *period;
	int c;

	bh_init(argv[0]);
	cmp.min_members = 30;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': cmp.out = optarg; break;
		case 'm': cmp.min_members = number("--min-members", optarg, 0, 100000000); break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout); return bh_exit_status();
		case ':': usage_error(_("option needs a value:"), argv[optind - 1]);
		default: usage_error(_("unknown option"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		usage_error(_("give the output folders of the communes to compare"), NULL);
	compare_read(&cmp, argv + optind, argc - optind);
	if (!cmp.out) {
		period = bh_table_lookup(cmp.c[0].settings, "period", "value");
		snprintf(defout, sizeof defout, "out/compare-%s",
		    period && !strchr(period, '/') && strlen(period) < 64 ? period : "period");
		cmp.out = defout;
	}
	check_out(cmp.out);
	if (bh_mkdirs(cmp.out, 0755) < 0)
		bh_die(_("cannot create folder '%s':"), cmp.out);
	compare_tables(&cmp);
	compare_charts(&cmp, &cl);
	compare_report(&cmp, &cl);
	bh_note(_("compared %zu communes: %s/report.html"), cmp.n, cmp.out);
	chartlist_free(&cl);
	compare_free(&cmp);
	return bh_exit_status();
}
