/* gprun.c: running gnuplot on a script in a private folder and putting its
 * PNG and SVG in place only when they are complete (see bh_gnuplot.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_gnuplot.h"
#include "bh_out.h"
#include "bh_path.h"
#include "bh_rmtree.h"
#include "bh_spawn.h"

char *
bh_gp_path(const struct bh_gprun *r, const char *file)
{
	return bh_path_join(r->work, file);
}

/* The same body drawn once per terminal: gnuplot writes NAME.png and NAME.svg
 * in its working folder, our private one. */
void
bh_gp_terminals(FILE *fp, const char *name, const char *body, int height)
{
	static const char *const term[][2] = {
		{"png", "pngcairo size %d,%d noenhanced font '" BH_GP_FONT ",20' background rgb 'white'"},
		{"svg", "svg size %d,%d dynamic noenhanced font '" BH_GP_FONT ",20' background rgb 'white'"},
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		fputs("reset\nset encoding utf8\nset terminal ", fp);
		fprintf(fp, term[i][1], BH_GP_WIDTH, height);
		fprintf(fp, "\nset output '%s.%s'\n", name, term[i][0]);
		fputs(body, fp);
		fputs("\nset output\n", fp);
	}
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
die_if_full(const struct bh_gprun *p, const char *name, int sig)
{
	struct statvfs vfs;

	if (sig == SIGXFSZ)
		bh_die(_("chart '%s': gnuplot went past the file size limit (ulimit -f)"), name);
	if (statvfs(p->work, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 65536)
		bh_die(_("cannot write the charts in '%s': no space left on device"), p->charts);
}

pid_t
bh_gp_start(struct bh_gprun *p, const char *name)
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
wait_gnuplot(struct bh_gprun *p, const char *name, pid_t pid)
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
publish(struct bh_gprun *p, const char *name, const char *ext)
{
	char file[96];
	char *from, *to;
	struct stat st;
	int fd, rc = -1;

	snprintf(file, sizeof file, "%s.%s", name, ext);
	from = bh_path_join(p->work, file);
	to = bh_path_join(p->charts, file);
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

/* Without gnuplot, nothing; without any font, cairo draws charts without a
 * letter in them: none is drawn then. Without DejaVu Sans, another font stands
 * in (it may lack Vietnamese letters). */
int
bh_gp_usable(const char *again)
{
	if (!bh_in_path("gnuplot")) {
		bh_bad(_("gnuplot is not installed: no charts drawn; install it with "
		    "'apt-get install gnuplot-nox' (Debian, Ubuntu, WSL) and run "
		    "'%s' again"), again);
		return -1;
	}
	if (font_known(BH_GP_FONT) != 0)
		return 0;
	if (font_known(":") == 0) {
		bh_bad(_("no font is installed (fontconfig finds none): charts would have no "
		    "text, so none is drawn; install one with 'apt-get install "
		    "fonts-dejavu-core' and run '%s' again"), again);
		return -1;
	}
	bh_warn(_("the font '%s' is not installed: the charts use another one, which may "
	    "lack Vietnamese letters; install it with 'apt-get install fonts-dejavu-core'"),
	    BH_GP_FONT);
	return 0;
}

void
bh_gp_begin(struct bh_gprun *r, const char *charts)
{
	char *tmpl;

	r->charts = bh_strdup(charts);
	if (bh_mkdirs(r->charts, 0755) < 0)
		bh_die(_("cannot create folder '%s':"), r->charts);
	tmpl = bh_path_join(r->charts, ".plotXXXXXX");
	if (!(r->work = mkdtemp(tmpl)))
		bh_die(_("cannot create a temporary folder in '%s':"), r->charts);
}

void
bh_gp_end(struct bh_gprun *r)
{
	if (r->work && bh_rmtree(r->work) < 0)
		bh_warn(_("cannot remove '%s':"), r->work);
	free(r->work);
	free(r->charts);
	r->work = r->charts = NULL;
}

int
bh_gp_finish(struct bh_gprun *r, const char *name, pid_t pid)
{
	if (wait_gnuplot(r, name, pid) < 0)
		return -1;
	if (publish(r, name, "png") < 0 || publish(r, name, "svg") < 0)
		return -1;
	return 0;
}

