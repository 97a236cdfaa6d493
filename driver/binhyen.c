/* binhyen.c: the driver: `binhyen run` runs every stage in order, `binhyen STAGE` runs one. */
#define _GNU_SOURCE	/* renameat2, getopt_long */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "bh_outdir.h"
#include "bh_path.h"
#include "bh_rmtree.h"
#include "bh_spawn.h"
#include "bh_table.h"
#include "bh_zl.h"

static const char *const stages[] = {
	"unpack", "extract", "roster", "metrics", "plot", "report", "purge", "compare", NULL
};

/* What `binhyen run` was asked to do, and the paths it works with. */
struct run {
	const char *roster, *period, *out, *db, *lexicon, *reviews, *responders;
	const char *owner, *cutoff, *min_thon;
	const char *dkey, *iv;	/* encrypted PC backups: passed to unpack */
	const char **groups;
	size_t ngroups;
	int strict;
	char **inputs;
	int ninputs;
	char *exedir;	/* folder of this program, where the stages are looked for first */
	char *outdir;	/* the final output folder */
	char *tmpdir;	/* OUT.tmp<pid>, where this run writes until it is complete */
	int status;
};

/* A growing argv array; the strings belong to someone else. */
struct argv {
	char **v;
	size_t n, cap;
};

/* Children that a signal to the driver is passed on to. */
static volatile sig_atomic_t interrupted;
static volatile pid_t children[2];

static void
usage(FILE *fp)
{
	fprintf(fp,
	    _("usage: binhyen run --roster FILE --period P [--cutoff-day N] [--out DIR]\n"
	    "           [--db FILE] [--lexicon FILE] [--reviews FILE] [--responders ROLES]\n"
	    "           [--min-thon-members N] [--group ID]... [--owner UID]\n"
	    "           [--dkey-file FILE [--iv zero|zie]] [--strict] [-q]\n"
	    "           INPUT...\n"
	    "       binhyen STAGE [ARG...]   (STAGE: unpack extract roster metrics plot report purge)\n"
	    "       binhyen compare [--out DIR] [-q] FOLDER...   (the province: compare communes)\n"
	    "       binhyen --help | --version\n"
	    "\n"
	    "run: read the Zalo exports INPUT... into the work database, match the roster,\n"
	    "compute the figures of period P, draw the charts and write the report into DIR.\n"
	    "  --roster FILE           the commune's roster CSV (uid;name;phone;thon;role)\n"
	    "  --period P              2024-03, 2024-Q1, 2024-H1, 2024 or 2024-01-10..2024-02-20\n"
	    "  --cutoff-day N          named periods end on day N-1 (2..28), e.g. 15\n"
	    "  --out DIR               output folder (default out/P); replaced only when complete\n"
	    "  --db FILE               work database, kept between runs (default binhyen.db)\n"
	    "  --lexicon FILE          tip keywords (default: the built-in data/lexicon.tsv)\n"
	    "  --reviews FILE          officers' corrections (tip_id,verdict,value,note)\n"
	    "  --responders ROLES      who answers tips (default officer; e.g. officer,staff)\n"
	    "  --min-thon-members N    withhold tip figures of smaller thôn (default 10)\n"
	    "  --group ID              report this group only (repeatable; default all)\n"
	    "  --owner UID             the uid of the account that made a PC backup\n"
	    "  --dkey-file FILE        the account's key, to read encrypted *.zl.zip backups\n"
	    "  --iv zero|zie           the backup's IV rule, when the file was renamed\n"
	    "  --strict                stop at the first bad record instead of skipping it\n"
	    "  -q, --quiet             no progress, errors only\n"
	    "Without INPUT, the figures come from what the database already holds.\n"
	    "binhyen purge --before DATE removes the text of older messages (see its --help).\n"
	    "Exit status: 0 done, 1 done but some input was bad, 2 failed (output unchanged).\n"));
}

static noreturn void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", bh_prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, _("\n(see '%s --help')\n"), bh_prog);
	exit(BH_FATAL);
}

static void
push(struct argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->v = bh_realloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

static void
push2(struct argv *a, const char *opt, const char *val)
{
	if (val) {
		push(a, opt);
		push(a, val);
	}
}

static void
on_signal(int sig)
{
	int i;

	interrupted = sig;
	for (i = 0; i < 2; i++)
		if (children[i] > 0)
			kill(children[i], sig);
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* The folder of this executable, so that an installed or uninstalled set of
 * programs runs its own stages, not others found in PATH. */
static char *
exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		return NULL;
	*slash = '\0';
	return bh_strdup(buf);
}

/* binhyen-NAME next to this program when it is there, else NAME for a PATH search. */
static char *
stage_path(const char *exedir, const char *name)
{
	size_t n = (exedir ? strlen(exedir) : 0) + strlen(name) + 16;
	char *p = bh_malloc(n);

	if (exedir) {
		snprintf(p, n, "%s/binhyen-%s", exedir, name);
		if (access(p, X_OK) == 0)
			return p;
	}
	snprintf(p, n, "binhyen-%s", name);
	return p;
}

static int
is_stage(const char *s)
{
	int i;

	for (i = 0; stages[i]; i++)
		if (strcmp(stages[i], s) == 0)
			return 1;
	return 0;
}

/* binhyen STAGE ARGS...: become binhyen-STAGE. */
static noreturn void
exec_stage(int argc, char *argv[])
{
	char *dir = exe_dir(), *path = stage_path(dir, argv[0]);
	char **av = bh_malloc(((size_t)argc + 1) * sizeof *av);
	char name[64];
	int i;

	snprintf(name, sizeof name, "binhyen-%s", argv[0]);
	av[0] = name;
	for (i = 1; i < argc; i++)
		av[i] = argv[i];
	av[argc] = NULL;
	execvp(path, av);
	bh_warn(_("cannot run '%s':"), path);
	free(av);
	free(path);
	free(dir);
	exit(BH_FATAL);
}

/* A whole number in [lo, hi] given to OPT, or a usage error. */
static const char *
check_int(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi) {
		fprintf(stderr, _("%s: %s: '%s' is not a number from %ld to %ld\n"),
		    bh_prog, opt, s, lo, hi);
		exit(BH_FATAL);
	}
	return s;
}

enum {
	O_ROSTER = 256, O_PERIOD, O_CUTOFF, O_OUT, O_DB, O_LEXICON, O_REVIEWS,
	O_RESPONDERS, O_MINTHON, O_GROUP, O_OWNER, O_STRICT, O_DKEY, O_IV
};

static const struct option run_options[] = {
	{"roster", required_argument, NULL, O_ROSTER},
	{"period", required_argument, NULL, O_PERIOD},
	{"cutoff-day", required_argument, NULL, O_CUTOFF},
	{"out", required_argument, NULL, O_OUT},
	{"db", required_argument, NULL, O_DB},
	{"lexicon", required_argument, NULL, O_LEXICON},
	{"reviews", required_argument, NULL, O_REVIEWS},
	{"responders", required_argument, NULL, O_RESPONDERS},
	{"min-thon-members", required_argument, NULL, O_MINTHON},
	{"group", required_argument, NULL, O_GROUP},
	{"owner", required_argument, NULL, O_OWNER},
	{"strict", no_argument, NULL, O_STRICT},
	{"dkey-file", required_argument, NULL, O_DKEY},
	{"iv", required_argument, NULL, O_IV},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

static void
take_option(struct run *r, int c, const char *arg)
{
	switch (c) {
	case O_ROSTER: r->roster = arg; break;
	case O_PERIOD: r->period = arg; break;
	case O_CUTOFF: r->cutoff = check_int("--cutoff-day", arg, 2, 28); break;
	case O_OUT: r->out = arg; break;
	case O_DB: r->db = arg; break;
	case O_LEXICON: r->lexicon = arg; break;
	case O_REVIEWS: r->reviews = arg; break;
	case O_RESPONDERS: r->responders = arg; break;
	case O_MINTHON: r->min_thon = check_int("--min-thon-members", arg, 0, 1000000); break;
	case O_GROUP:
		r->groups = bh_realloc(r->groups, (r->ngroups + 1) * sizeof *r->groups);
		r->groups[r->ngroups++] = arg;
		break;
	case O_OWNER: r->owner = arg; break;
	case O_STRICT: r->strict = 1; break;
	case O_DKEY: r->dkey = arg; break;
	case O_IV:
		if (strcmp(arg, "zero") != 0 && strcmp(arg, "zie") != 0)
			usage_error(_("--iv '%s': give zero or zie"), arg);
		r->iv = arg;
		break;
	case 'q': bh_quiet = 1; break;
	case 'h': usage(stdout); exit(bh_exit_status());
	default: usage_error("%s", _("invalid option"));
	}
}

static void
parse_run(struct run *r, int argc, char *argv[])
{
	char label[128];
	int c;

	opterr = 0;	/* our own messages, in our words */
	optind = 1;
	while ((c = getopt_long(argc, argv, ":qh", run_options, NULL)) != -1) {
		if (c == '?')
			usage_error(_("unknown option '%s'"), argv[optind - 1]);
		if (c == ':')
			usage_error(_("option '%s' needs a value"), argv[optind - 1]);
		take_option(r, c, optarg);
	}
	r->inputs = argv + optind;
	r->ninputs = argc - optind;
	if (r->dkey) {
		/* read as unpack reads it: a wrong key file stops the run now, even
		 * when no input needs it */
		struct bh_zl_key k;

		if (bh_zl_load(&k, r->dkey) < 0)
			exit(BH_FATAL);
		bh_zl_key_wipe(&k);
	}
	if (!r->period)
		usage_error("%s", _("run: --period P is required"));
	if (bh_period_label(r->period, label, sizeof label) < 0)
		usage_error(_("run: invalid period '%s' (e.g. 2024-03, 2024-Q1, 2024-H1, 2024, "
		    "2024-01-10..2024-02-20)"), r->period);
	if (!r->db)
		r->db = "binhyen.db";
}

/* PATH made absolute and cleaned of ".", ".." and repeated slashes, without
 * asking the file system (the folders may not exist yet). */
static char *
abs_path(const char *path)
{
	char cwd[PATH_MAX], *buf, *out, *seg, *save = NULL;
	size_t n, len = 0;

	if (path[0] == '/')
		cwd[0] = '\0';
	else if (!getcwd(cwd, sizeof cwd))
		bh_die(_("cannot find the current folder:"));
	n = strlen(cwd) + strlen(path) + 2;
	buf = bh_malloc(n);
	out = bh_malloc(n + 1);
	snprintf(buf, n, "%s/%s", cwd, path);
	out[0] = '\0';
	for (seg = strtok_r(buf, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (len > 0 && out[--len] != '/')
				;
			out[len] = '\0';
			continue;
		}
		len += (size_t)sprintf(out + len, "/%s", seg);
	}
	if (!len)
		strcpy(out, "/");
	free(buf);
	return out;
}

/* Refuses, before anything runs, an output folder that is the current folder
 * (or holds it), and a database inside the output folder or an output folder
 * inside the database's path, compared with every symbolic link and ".."
 * resolved. */
static void
check_paths(const struct run *r)
{
	char *out = bh_path_resolve(r->outdir), *db = bh_path_resolve(r->db),
	    *cwd = bh_path_resolve(".");
	int here, inside;

	if (!out)
		bh_die(_("cannot find the output folder '%s':"), r->outdir);
	if (!db)
		bh_die(_("cannot find the database '%s':"), r->db);
	here = cwd && bh_path_within(cwd, out);
	inside = bh_path_within(db, out) || bh_path_within(out, db);
	free(out);
	free(db);
	free(cwd);
	if (here)
		usage_error(_("run: --out '%s' is the current folder or holds it; binhyen replaces "
		    "its output folder whole: give a folder of its own, e.g. --out out/2024-Q1"),
		    r->out ? r->out : r->outdir);
	if (inside)
		usage_error(_("run: the database '%s' must not be inside the output folder "
		    "(it is replaced on every run): give --db a path outside it"), r->db);
}

/* Only a folder that binhyen wrote whole, as its marker records, is replaced:
 * never a folder of the user's given by mistake, nor a file they added. */
static void
check_out_ours(const struct run *r)
{
	char **foreign, *list;
	int nomark;

	if (!(foreign = bh_outdir_foreign(r->outdir, &nomark)))
		return;
	list = bh_strv_join(foreign, 8);
	if (nomark)
		bh_warn(_("run: '%s' exists and is not a binhyen output folder (it holds %s); "
		    "binhyen replaces only a folder it wrote whole: give another --out (or, if "
		    "it is the output of an older binhyen, remove it yourself)"), r->outdir, list);
	else
		bh_warn(_("run: '%s' holds what binhyen did not write, or changed since: %s; "
		    "binhyen replaces only a folder it wrote whole: move those elsewhere, or "
		    "give another --out"), r->outdir, list);
	free(list);
	bh_strv_free(foreign);
	exit(BH_FATAL);
}

static void
prepare_out(struct run *r)
{
	struct stat st;
	char *slash, *parent;
	size_t n;

	if (!r->out) {
		n = strlen(r->period) + 8;
		r->outdir = bh_malloc(n);
		snprintf(r->outdir, n, "out/%s", r->period);
	} else {
		r->outdir = bh_strdup(r->out);
	}
	while ((n = strlen(r->outdir)) > 1 && r->outdir[n - 1] == '/')
		r->outdir[n - 1] = '\0';
	if (lstat(r->outdir, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* Replace the folder the link points to, not the link. */
		char *real = realpath(r->outdir, NULL);
		if (!real)
			bh_die(_("cannot follow output folder '%s':"), r->outdir);
		free(r->outdir);
		r->outdir = real;
	}
	check_paths(r);
	check_out_ours(r);
	/* One run at a time on a database, for the whole run; damage found now,
	 * before anything is changed. */
	bh_db_take(r->db);
	bh_outdir_clean(r->outdir);
	parent = bh_strdup(r->outdir);
	if ((slash = strrchr(parent, '/')) && slash != parent) {
		*slash = '\0';
		if (bh_mkdirs(parent, 0755) < 0)
			bh_die(_("cannot create folder '%s':"), parent);
	}
	free(parent);
	n = strlen(r->outdir) + 32;
	r->tmpdir = bh_malloc(n);
	snprintf(r->tmpdir, n, "%s.tmp%ld", r->outdir, (long)getpid());
	if (bh_outdir_begin(r->tmpdir) < 0)
		bh_die(_("cannot create folder '%s':"), r->tmpdir);
}

/* Maps how a stage ended to our status; says which stage and why when it failed. */
static int
judge(const char *name, int rc, int sig)
{
	if (interrupted)
		return BH_FATAL;
	if (sig) {
		bh_warn(_("stage %s was killed by signal %d (%s)"), name, sig, strsignal(sig));
		return BH_FATAL;
	}
	if (rc == 0 || rc == BH_BADINPUT) {
		if (rc)
			bh_note(_("stage %s reported bad input (see above); going on"), name);
		return rc;
	}
	bh_warn(_("stage %s failed (exit %d%s)"), name, rc,
	    rc == 127 ? _(": program not found") : rc == 2 ? _(": see its message above") : "");
	return BH_FATAL;
}

static pid_t
start(const char *exedir, const char *name, struct argv *a, int in, int out)
{
	char *path = stage_path(exedir, name);
	pid_t pid;

	a->v[0] = path;
	pid = bh_spawn(path, a->v, in, out, -1, NULL);
	if (pid < 0)
		bh_warn(_("stage %s: cannot run '%s':"), name, path);
	a->v[0] = NULL;
	free(path);
	return pid;
}

/* Runs one stage program to its end; our status for it. */
static int
run_stage(const struct run *r, const char *name, struct argv *a)
{
	pid_t pid;
	int rc, sig;

	if ((pid = start(r->exedir, name, a, -1, -1)) < 0)
		return BH_FATAL;
	children[0] = pid;
	rc = bh_wait(pid, &sig);
	children[0] = 0;
	return judge(name, rc, sig);
}

static void
common(const struct run *r, struct argv *a)
{
	push(a, NULL);	/* argv[0], filled in by start() */
	if (bh_quiet)
		push(a, "-q");
}

/* unpack | extract: records flow through a pipe, never a temporary copy. */
static int
run_ingest(const struct run *r)
{
	struct argv u = {0}, x = {0};
	int fd[2], i, rcu, rcx, sigu, sigx, st = BH_FATAL;
	pid_t pu = -1, px = -1;

	common(r, &u);
	push2(&u, "--db", r->db);
	push2(&u, "--owner", r->owner);
	push2(&u, "--dkey-file", r->dkey);
	push2(&u, "--iv", r->iv);
	for (i = 0; i < r->ninputs; i++)
		push(&u, r->inputs[i]);
	common(r, &x);
	push2(&x, "--db", r->db);
	if (r->strict)
		push(&x, "--strict");
	if (pipe2(fd, O_CLOEXEC) < 0)
		bh_die(_("cannot create a pipe:"));
	pu = start(r->exedir, "unpack", &u, -1, fd[1]);
	if (pu > 0)
		px = start(r->exedir, "extract", &x, fd[0], -1);
	close(fd[0]);
	close(fd[1]);
	children[0] = pu;
	children[1] = px;
	rcu = pu > 0 ? bh_wait(pu, &sigu) : (sigu = 0, 127);
	rcx = px > 0 ? bh_wait(px, &sigx) : (sigx = 0, 127);
	children[0] = children[1] = 0;
	if (pu < 0 || px < 0)
		goto out;
	/* unpack dies of SIGPIPE when extract failed first: blame extract then. */
	if (sigu == SIGPIPE && (rcx != 0 || sigx))
		st = judge("extract", rcx, sigx);
	else if ((st = judge("unpack", rcu, sigu)) != BH_FATAL)
		st = (rcu = judge("extract", rcx, sigx)) > st ? rcu : st;
out:
	free(u.v);
	free(x.v);
	return st;
}

static int
run_roster(const struct run *r)
{
	struct argv a = {0};
	int st;

	common(r, &a);
	push2(&a, "--db", r->db);
	push2(&a, "--out", r->tmpdir);
	push(&a, r->roster);
	st = run_stage(r, "roster", &a);
	free(a.v);
	return st;
}

static int
run_metrics(const struct run *r)
{
	struct argv a = {0};
	size_t i;
	int st;

	common(r, &a);
	push2(&a, "--db", r->db);
	push2(&a, "--period", r->period);
	push2(&a, "--out", r->tmpdir);
	push2(&a, "--cutoff-day", r->cutoff);
	push2(&a, "--lexicon", r->lexicon);
	push2(&a, "--reviews", r->reviews);
	push2(&a, "--responders", r->responders);
	push2(&a, "--min-thon-members", r->min_thon);
	for (i = 0; i < r->ngroups; i++)
		push2(&a, "--group", r->groups[i]);
	st = run_stage(r, "metrics", &a);
	free(a.v);
	return st;
}

static int
run_plot(const struct run *r)
{
	struct argv a = {0};
	int st;

	common(r, &a);
	push2(&a, "--out", r->tmpdir);
	st = run_stage(r, "plot", &a);
	free(a.v);
	return st;
}

static int
run_report(const struct run *r)
{
	struct argv a = {0};
	int st;

	common(r, &a);
	push2(&a, "--out", r->tmpdir);
	push2(&a, "--period", r->period);
	push2(&a, "--min-thon-members", r->min_thon);
	st = run_stage(r, "report", &a);
	free(a.v);
	return st;
}

static long long
column_sum(const bh_table *t, const char *name)
{
	int c = bh_table_col(t, name);
	long long sum = 0;
	double v;
	size_t i;

	for (i = 0; i < t->nrow; i++)
		if (bh_num(bh_table_get(t, i, c), &v) == 0)
			sum += (long long)v;
	return sum;
}

/* No roster stored yet (settings.csv says roster_rows 0): the last word of
 * the run is where the roster starts from. */
static void
first_day(const struct run *r)
{
	size_t n = strlen(r->outdir) + 64;
	char *path = bh_malloc(n);
	const char *rows;
	bh_table *t;

	snprintf(path, n, "%s/settings.csv", r->outdir);
	t = bh_table_load(path);
	rows = t ? bh_table_lookup(t, "roster_rows", "value") : NULL;
	if (rows && strcmp(rows, "0") == 0) {
		snprintf(path, n, "%s/internal/roster_todo.xlsx", r->outdir);
		if (access(path, F_OK) < 0)
			snprintf(path, n, "%s/internal/roster_todo.csv", r->outdir);
		bh_warn(_("no roster yet: the figures that need one are empty; fill in '%s' and "
		    "run again with --roster and that file"), path);
	}
	bh_table_free(t);
	free(path);
}

/* The closing summary: the ledger summed, and where the report is. */
static void
summary(const struct run *r)
{
	size_t n = strlen(r->outdir) + 32;
	char *path = bh_malloc(n), *abs;
	bh_table *t;

	snprintf(path, n, "%s/ledger.csv", r->outdir);
	if ((t = bh_table_load(path))) {
		bh_note(_("read %lld records from %zu archive entries: %lld stored, "
		    "%lld duplicates, %lld rejected, %lld private and %lld other skipped"),
		    column_sum(t, "records"), t->nrow, column_sum(t, "stored"),
		    column_sum(t, "duplicates"), column_sum(t, "rejected"),
		    column_sum(t, "private_skipped"), column_sum(t, "other_skipped"));
		bh_table_free(t);
	} else {
		bh_note(_("no ledger in '%s'"), path);
	}
	snprintf(path, n, "%s/report.html", r->outdir);
	abs = abs_path(path);
	if (access(path, R_OK) == 0)
		bh_note(_("report: %s"), abs);
	else
		bh_note(_("no report was written (see the messages above)"));
	if (r->status == BH_BADINPUT)
		bh_note(_("some input was bad: see the messages above and ledger.csv"));
	free(abs);
	free(path);
	first_day(r);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
run_all(struct run *r)
{
	static const struct {
		const char *name;
		int (*fn)(const struct run *);
	} steps[] = {
		{"unpack | extract", run_ingest}, {"roster", run_roster},
		{"metrics", run_metrics}, {"plot", run_plot}, {"report", run_report},
	};
	size_t i, nsteps = sizeof steps / sizeof steps[0];
	double t0;
	int st;

	for (i = 0; i < nsteps; i++) {
		if (i == 0 && r->ninputs == 0) {
			bh_note(_("[1/%zu] no INPUT given: using what '%s' already holds"),
			    nsteps, r->db);
			continue;
		}
		if (steps[i].fn == run_roster && !r->roster) {
			bh_note(_("[%zu/%zu] no --roster given: using the roster '%s' holds, if any"),
			    i + 1, nsteps, r->db);
			continue;
		}
		bh_note("[%zu/%zu] %s", i + 1, nsteps, steps[i].name);
		t0 = now();
		st = steps[i].fn(r);
		if (interrupted) {
			bh_warn(_("interrupted during %s"), steps[i].name);
			return BH_FATAL;
		}
		if (st == BH_FATAL) {
			bh_warn(_("stopped at %s; '%s' is left as it was"), steps[i].name, r->outdir);
			return BH_FATAL;
		}
		if (st > r->status)
			r->status = st;
		bh_note(_("%s done in %.1f s"), steps[i].name, now() - t0);
	}
	return r->status;
}

static int
cmd_run(int argc, char *argv[])
{
	struct run r;
	int st;

	memset(&r, 0, sizeof r);
	parse_run(&r, argc, argv);
	/* Nothing to read and nothing stored: a wrong folder or a forgotten
	 * INPUT, said before an empty database or an output folder is made. */
	if (r.ninputs == 0 && access(r.db, F_OK) < 0 && errno == ENOENT)
		bh_die(_("no database here ('%s'): give the exports (binhyen run --period P "
		    "EXPORTS...), or the --db of earlier runs"), r.db);
	r.exedir = exe_dir();
	prepare_out(&r);
	catch_signals();
	st = run_all(&r);
	if (st == BH_FATAL) {
		if (bh_rmtree(r.tmpdir) < 0)
			bh_warn(_("cannot remove '%s':"), r.tmpdir);
	} else {
		if (bh_outdir_seal(r.tmpdir) < 0) {
			bh_warn(_("cannot record what was written into '%s':"), r.tmpdir);
			bh_rmtree(r.tmpdir);
			exit(BH_FATAL);
		}
		bh_outdir_install(r.tmpdir, r.outdir);
		summary(&r);
	}
	free(r.tmpdir);
	free(r.outdir);
	free(r.exedir);
	free(r.groups);
	return st;
}

int
main(int argc, char *argv[])
{
	bh_init(argv[0]);
	if (argc < 2)
		usage_error("%s", _("missing command (run, or a stage name)"));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return bh_exit_status();
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("binhyen %s\n", VERSION);
		return bh_exit_status();
	}
	if (strcmp(argv[1], "run") == 0) {
		bh_status = cmd_run(argc - 1, argv + 1);
		return bh_exit_status();
	}
	if (is_stage(argv[1]))
		exec_stage(argc - 1, argv + 1);
	usage_error(_("unknown command '%s' (run, or a stage name)"), argv[1]);
}
