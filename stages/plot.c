/* plot.c: binhyen-plot: draws the charts of OUT/tables as PNG and SVG with gnuplot. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "bh_res.h"
#include "bh_rmtree.h"
#include "bh_spawn.h"
#include "plot/plot.h"

#define WIDTH 1600
#define FONT "DejaVu Sans"
#define MAX_CHARTS 16	/* more than bh_charts holds */
#define MAX_PAR 4	/* gnuplots at a time, at most */

static void
usage(FILE *fp)
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
}

static noreturn void
usage_error(const char *what, const char *arg)
{
	fprintf(stderr, _("%s: %s%s%s%s\n(see '%s --help')\n"), bh_prog, what,
	    arg ? " '" : "", arg ? arg : "", arg ? "'" : "", bh_prog);
	exit(BH_FATAL);
}

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = bh_malloc(n);

	snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* "Xã Bình An · 01/01/2024 – 31/03/2024": the commune (OUT/settings.csv, left
 * out when unknown: a chart has no blank to fill) and the period's dates from
 * the summary, for the charts' second title line. */
static void
period_text(struct plot *p, const char *out)
{
	const char *a, *b, *c = NULL;
	char da[11], db[11], *path = join(out, "settings.csv");
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
	fprintf(g->fp, "\nFONT = '%s'\n", FONT);
	write_dates(p, g->fp);
	if (fn(p, g) < 0)
		return -1;
	gp_var(g->fp, "NODATA", g->nodata ? g->nodata : "");
	return 0;
}

/* The same body drawn once per terminal: gnuplot writes NAME.png and NAME.svg
 * in its working folder, our private one. */
static void
write_body(FILE *fp, const char *name, const char *body, int height)
{
	static const char *const term[][2] = {
		{"png", "pngcairo size %d,%d noenhanced font '" FONT ",20' background rgb 'white'"},
		{"svg", "svg size %d,%d dynamic noenhanced font '" FONT ",20' background rgb 'white'"},
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		fputs("reset\nset encoding utf8\nset terminal ", fp);
		fprintf(fp, term[i][1], WIDTH, height);
		fprintf(fp, "\nset output '%s.%s'\n", name, term[i][0]);
		fputs(body, fp);
		fputs("\nset output\n", fp);
	}
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
	write_body(g.fp, ch->name, body, g.height);
	if (bh_afile_commit(f) < 0)
		bh_die(_("cannot write '%s':"), path);
	return 0;
}

/* gnuplot's complaints go to a file; shown only when the chart failed. */
static void
show_errors(const char *path, const char *name)
{
	char line[512];
	FILE *fp = fopen(path, "r");
	int n = 0;

	if (!fp)
		return;
	while (fgets(line, sizeof line, fp) && n++ < 20)
		fprintf(stderr, "%s: gnuplot (%s): %s%s", bh_prog, name, line,	/* no i18n: gnuplot's words */
		    strchr(line, '\n') ? "" : "\n");
	fclose(fp);
}

/* A chart that could not be written because the disk (or the file size limit)
 * is full is a system error, not a missing chart: the run must stop with the
 * previous output untouched rather than go on without it. */
static void
die_if_full(const struct plot *p, const char *name, int sig)
{
	struct statvfs vfs;

	if (sig == SIGXFSZ)
		bh_die(_("chart '%s': gnuplot went past the file size limit (ulimit -f)"), name);
	if (statvfs(p->work, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 65536)
		bh_die(_("cannot write the charts in '%s': no space left on device"), p->charts);
}

/* Starts gnuplot on NAME.gp in the work folder: its pid. */
static pid_t
start_gnuplot(struct plot *p, const char *name)
{
	char script[96], err[96];
	char *argv[] = {"gnuplot", script, NULL};
	int fd, null;
	pid_t pid;

	snprintf(script, sizeof script, "%s.gp", name);
	snprintf(err, sizeof err, "%s/%s.err", p->work, name);
	if ((fd = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
		bh_die(_("cannot create '%s':"), err);
	/* No terminal input: a stray "pause" in a template cannot hang the run. */
	if ((null = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		bh_die(_("cannot open /dev/null:"));
	pid = bh_spawn("gnuplot", argv, null, -1, fd, p->work);
	close(null);
	close(fd);
	if (pid < 0)
		bh_die(_("cannot run gnuplot:"));
	return pid;
}

static int
wait_gnuplot(struct plot *p, const char *name, pid_t pid)
{
	char err[96];
	int rc, sig;

	snprintf(err, sizeof err, "%s/%s.err", p->work, name);
	rc = bh_wait(pid, &sig);
	if (rc != 0) {
		show_errors(err, name);
		die_if_full(p, name, sig);
		bh_bad(_("chart '%s': gnuplot failed (%s %d)"), name, sig ? _("signal") : _("exit code"),
		    sig ? sig : rc);
		return -1;
	}
	return 0;
}

/* Did gnuplot write the whole file? A PNG ends with its IEND chunk, an SVG
 * with its closing tag: a write that failed half-way (a full disk) leaves a
 * file that is neither, which gnuplot does not always report. */
static int
complete(int fd, off_t size, const char *ext)
{
	static const unsigned char iend[12] = {
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82
	};
	unsigned char tail[64];
	size_t n = size < (off_t)sizeof tail ? (size_t)size : sizeof tail;

	if (pread(fd, tail, n, size - (off_t)n) != (ssize_t)n)
		return 0;
	if (strcmp(ext, "png") == 0)
		return n >= 12 && memcmp(tail + n - 12, iend, 12) == 0;
	while (n && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
		n--;
	return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
}

/* gnuplot's file, made durable, then renamed into charts/ in one step. */
static int
publish(struct plot *p, const char *name, const char *ext)
{
	char file[96];
	char *from, *to;
	struct stat st;
	int fd, rc = -1;

	snprintf(file, sizeof file, "%s.%s", name, ext);
	from = join(p->work, file);
	to = join(p->charts, file);
	if ((fd = open(from, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0 ||
	    st.st_size == 0 || !complete(fd, st.st_size, ext)) {
		die_if_full(p, name, 0);
		bh_bad(_("chart '%s': gnuplot wrote no complete %s"), name, file);
	} else if (fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
		bh_die(_("cannot write '%s':"), from);
	} else if (rename(from, to) < 0)
		bh_die(_("cannot rename '%s' to '%s':"), from, to);
	else
		rc = 0;
	if (fd >= 0)
		close(fd);
	free(to);
	free(from);
	return rc;
}

/* A chart's script written and gnuplot started on it: its pid, or -1. */
static pid_t
draw_start(struct plot *p, const struct bh_chart *ch)
{
	char file[96];
	char *script;
	int rc;

	snprintf(file, sizeof file, "%s.gp", ch->name);
	script = join(p->work, file);
	rc = write_script(p, ch, script);
	free(script);
	return rc < 0 ? -1 : start_gnuplot(p, ch->name);
}

/* The chart whose gnuplot is PID, finished and published: 0 when drawn. */
static int
draw_finish(struct plot *p, const struct bh_chart *ch, pid_t pid)
{
	if (pid < 0 || wait_gnuplot(p, ch->name, pid) < 0)
		return -1;
	if (publish(p, ch->name, "png") < 0 || publish(p, ch->name, "svg") < 0)
		return -1;
	bh_note(_("%s: charts/%s.png, .svg"), ch->title, ch->name);
	return 0;
}

/* fc-list -q PATTERN: does fontconfig, as gnuplot's cairo will see it, know a
 * font for it? -1 when fc-list cannot be run (then nobody can tell). */
static int
font_known(const char *pattern)
{
	char *argv[] = {"fc-list", "-q", (char *)pattern, NULL};
	int null, rc, sig;
	pid_t pid;

	if (!bh_in_path("fc-list") || (null = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
		return -1;
	pid = bh_spawn("fc-list", argv, null, null, null, NULL);
	close(null);
	if (pid < 0)
		return -1;
	rc = bh_wait(pid, &sig);
	return sig ? -1 : rc == 0;
}

/* Without any font, cairo draws charts without a letter in them: none is drawn
 * then. Without DejaVu Sans, another font stands in (it may lack Vietnamese
 * letters). 0 when the charts can be drawn. */
static int
check_fonts(const char *out)
{
	if (font_known(FONT) != 0)
		return 0;
	if (font_known(":") == 0) {
		bh_bad(_("no font is installed (fontconfig finds none): charts would have no "
		    "text, so none is drawn; install one with 'apt-get install "
		    "fonts-dejavu-core' and run 'binhyen plot --out %s' again"), out);
		return -1;
	}
	bh_warn(_("the font '%s' is not installed: the charts use another one, which may "
	    "lack Vietnamese letters; install it with 'apt-get install fonts-dejavu-core'"), FONT);
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
			usage_error(_("--only: no chart named"), only[i]);
	}
}

static void
setup(struct plot *p, const char *out)
{
	char *tmpl, *sum;

	p->tables = join(out, "tables");
	p->charts = join(out, "charts");
	if (bh_mkdirs(p->charts, 0755) < 0)
		bh_die(_("cannot create folder '%s':"), p->charts);
	tmpl = join(p->charts, ".plotXXXXXX");
	if (!(p->work = mkdtemp(tmpl)))
		bh_die(_("cannot create a temporary folder in '%s':"), p->charts);
	sum = join(p->tables, "summary.csv");
	if (!(p->summary = bh_table_load(sum)))
		bh_warn(_("'%s' is missing: charts without the period's dates"), sum);
	free(sum);
	period_text(p, out);
}

static void
teardown(struct plot *p)
{
	if (p->work && bh_rmtree(p->work) < 0)
		bh_warn(_("cannot remove '%s':"), p->work);
	bh_table_free(p->summary);
	free(p->work);
	free(p->charts);
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
	char **only;
	int c, nonly = 0, drawn = 0;

	bh_init(argv[0]);
	only = bh_malloc((size_t)argc * sizeof *only);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'n': only[nonly++] = optarg; break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout); free(only); return bh_exit_status();
		case ':': usage_error(_("option needs a value:"), argv[optind - 1]);
		default: usage_error(_("unknown option"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error(_("unexpected argument"), argv[optind]);
	if (!out)
		usage_error(_("--out DIR is required"), NULL);
	check_only(only, nonly);
	if (!bh_in_path("gnuplot")) {
		bh_bad(_("gnuplot is not installed: no charts drawn; install it with "
		    "'apt-get install gnuplot-nox' (Debian, Ubuntu, WSL) and run "
		    "'binhyen plot --out %s' again"), out);
		free(only);
		return bh_exit_status();
	}
	if (check_fonts(out) < 0) {
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
