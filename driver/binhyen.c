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

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_db.h"
#include "bh_opt.h"
#include "bh_proc.h"
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

/* The stages `binhyen run` runs, as bits: which stages an option goes to. */
enum {
	S_UNPACK = 1 << 0, S_EXTRACT = 1 << 1, S_ROSTER = 1 << 2, S_METRICS = 1 << 3,
	S_PLOT = 1 << 4, S_REPORT = 1 << 5,
	S_ALL = S_UNPACK | S_EXTRACT | S_ROSTER | S_METRICS | S_PLOT | S_REPORT
};
/* F_REQUIRED: run needs it; F_REPEAT: may be given again (each value passed);
 * F_BARE: passed to its stages as an argument, without its name. */
enum { F_REQUIRED = 1, F_REPEAT = 2, F_BARE = 4 };

struct run;
/* Checks a value before any stage runs (exits 2 when wrong); returns the
 * value the stages are given. */
typedef const char *check_fn(const struct run *r, const char *opt, const char *val);

/* One option of `binhyen run`. */
struct runopt {
	const char *name;	/* "--roster" */
	char letter;		/* a short form ('q'), or 0 */
	const char *arg;	/* the value's name in the usage; NULL: a flag */
	unsigned stages;	/* the stages given it, never 0 */
	unsigned flags;
	check_fn *check;	/* NULL: any value */
	const char *help;	/* one line for --help */
};

static check_fn check_file, check_period, check_cutoff, check_min_thon, check_roles,
    check_group, check_name, check_owner, check_dkey, check_iv, check_path;

/*
 * The options of `binhyen run`, one row each: the usage, the parsing, the
 * checks and each stage's arguments are made from this table, in its order.
 * A new option is one row (and its stages' own option); a stage that does not
 * take it fails the contract test tests/e2e/run_options.sh.
 */
enum {
	R_PERIOD, R_ROSTER, R_CUTOFF, R_DB, R_OUT, R_LEXICON, R_REVIEWS, R_RESPONDERS,
	R_MINTHON, R_GROUP, R_COMMUNE, R_UNIT, R_SUPERIOR, R_OWNER, R_DKEY, R_IV, R_STRICT, R_QUIET, NOPT
};
static const struct runopt runopts[NOPT] = {
	[R_PERIOD] = {"--period", 0, "P", S_METRICS | S_REPORT, F_REQUIRED, check_period,
	    N_("2024-03, 2024-Q1, 2024-H1, 2024 or 2024-01-10..2024-02-20")},
	[R_ROSTER] = {"--roster", 0, "FILE", S_ROSTER, F_BARE, check_file,
	    N_("the commune's roster, .xlsx or CSV; needed once (default: the stored one)")},
	[R_CUTOFF] = {"--cutoff-day", 0, "N", S_METRICS, 0, check_cutoff,
	    N_("named periods end on day N-1 (2..28), e.g. 15")},
	[R_DB] = {"--db", 0, "FILE", S_UNPACK | S_EXTRACT | S_ROSTER | S_METRICS, 0, check_path,
	    N_("work database, kept between runs (default binhyen.db)")},
	[R_OUT] = {"--out", 0, "DIR", S_ROSTER | S_METRICS | S_PLOT | S_REPORT, 0, check_path,
	    N_("output folder (default out/P, out/P-cN with --cutoff-day N); replaced only "
	    "when complete")},
	[R_LEXICON] = {"--lexicon", 0, "FILE", S_METRICS, 0, check_file,
	    N_("tip keywords (default: the built-in data/lexicon.tsv)")},
	[R_REVIEWS] = {"--reviews", 0, "FILE", S_METRICS, 0, check_file,
	    N_("the review sheet internal/tips.xlsx filled in (a copy), or its CSV")},
	[R_RESPONDERS] = {"--responders", 0, "ROLES", S_METRICS, 0, check_roles,
	    N_("who answers tips (default officer; e.g. officer,staff)")},
	[R_MINTHON] = {"--min-thon-members", 0, "N", S_METRICS, 0, check_min_thon,
	    N_("withhold tip figures of smaller thôn (default 10)")},
	[R_GROUP] = {"--group", 0, "ID", S_METRICS, F_REPEAT, check_group,
	    N_("report this group only (repeatable; default all)")},
	[R_COMMUNE] = {"--commune", 0, "NAME", S_METRICS, 0, check_name,
	    N_("the commune's name, for the report's title (kept for later runs)")},
	[R_UNIT] = {"--unit", 0, "NAME", S_METRICS, 0, check_name,
	    N_("the commune police unit's name (kept for later runs)")},
	[R_SUPERIOR] = {"--superior", 0, "NAME", S_METRICS, 0, check_name,
	    N_("the unit above it (kept for later runs)")},
	[R_OWNER] = {"--owner", 0, "UID", S_UNPACK, 0, check_owner,
	    N_("the uid of the account that made a PC backup")},
	[R_DKEY] = {"--dkey-file", 0, "FILE", S_UNPACK, 0, check_dkey,
	    N_("the account's key, to read encrypted *.zl.zip backups")},
	[R_IV] = {"--iv", 0, "zero|zie", S_UNPACK, 0, check_iv,
	    N_("the backup's IV rule, when the file was renamed")},
	[R_STRICT] = {"--strict", 0, NULL, S_EXTRACT, 0, NULL,
	    N_("stop at the first bad record instead of skipping it")},
	[R_QUIET] = {"--quiet", 'q', NULL, S_ALL, 0, NULL,
	    N_("no progress, errors only")},
};

/* What `binhyen run` was asked to do, and the paths it works with. */
struct run {
	const char **val[NOPT];	/* each option's values, in the order given */
	size_t nval[NOPT];
	char **inputs;
	int ninputs;
	char *exedir;	/* folder of this program, where the stages are looked for first */
	char *outdir;	/* the final output folder */
	char *tmpdir;	/* OUT.tmp<pid>, where this run writes until it is complete */
	int status;
};

/* The last value of option ID, or NULL when it was not given. */
static const char *
opt(const struct run *r, int id)
{
	return r->nval[id] ? r->val[id][r->nval[id] - 1] : NULL;
}

static void
set_opt(struct run *r, int id, const char *v)
{
	r->val[id] = bh_realloc(r->val[id], (r->nval[id] + 1) * sizeof *r->val[id]);
	r->val[id][r->nval[id]++] = v;
}

/* A growing argv array; the strings belong to someone else. */
struct argv {
	char **v;
	size_t n, cap;
};

/* Children that a signal to the driver is passed on to. */
static volatile sig_atomic_t interrupted;
static volatile pid_t children[2];

static noreturn void
usage(FILE *fp, int status)
{
	const struct runopt *o;
	char word[64];
	size_t col, n;
	int i;

	fputs(_("usage: binhyen run"), fp);
	col = strlen(_("usage: binhyen run"));
	for (i = 0; i < NOPT; i++) {
		o = &runopts[i];
		if (o->letter)
			snprintf(word, sizeof word, "[-%c]", o->letter);
		else
			snprintf(word, sizeof word, "%s%s%s%s%s%s", o->flags & F_REQUIRED ? "" : "[",
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "",
			    o->flags & F_REQUIRED ? "" : "]", o->flags & F_REPEAT ? "..." : "");
		n = strlen(word);
		if (col + 1 + n > 78) {
			fputs("\n          ", fp);
			col = 10;
		}
		fprintf(fp, " %s", word);
		col += 1 + n;
	}
	fputs(_(" [INPUT...]\n"
	    "       binhyen STAGE [ARG...]   (STAGE: unpack extract roster metrics plot report purge)\n"
	    "       binhyen compare [--out DIR] [-q] FOLDER...   (the province: compare communes)\n"
	    "       binhyen --help | --version\n\n"), fp);
	fputs(_("run: read the Zalo exports INPUT... into the work database, match the roster,\n"
	    "compute the figures of period P, draw the charts and write the report into DIR.\n"), fp);
	for (i = 0; i < NOPT; i++) {
		o = &runopts[i];
		if (o->letter)
			snprintf(word, sizeof word, "-%c, %s", o->letter, o->name);
		else
			snprintf(word, sizeof word, "%s%s%s", o->name, o->arg ? " " : "",
			    o->arg ? o->arg : "");
		fprintf(fp, "  %-22s  %s\n", word, _(o->help));
	}
	fputs(_("Without INPUT, the figures come from what the database already holds.\n"
	    "binhyen purge --before DATE removes the text of older messages (see its --help).\n"
	    "Exit status: 0 done, 1 done but some input was bad, 2 failed (output unchanged).\n"), fp);
	bh_usage_exit(fp, status);
}

static const char *
check_file(const struct run *r, const char *o, const char *v)
{
	return bh_opt_file(o, v);
}

static const char *
check_path(const struct run *r, const char *o, const char *v)
{
	if (!*v)
		bh_usage_error(_("%s: give a name, not an empty word"), o);
	return v;
}

/* Exactly as metrics reads it: with the cut-off day given. */
static const char *
check_period(const struct run *r, const char *o, const char *v)
{
	const char *c = opt(r, R_CUTOFF);

	bh_opt_period(o, v, c ? (int)bh_optnum(runopts[R_CUTOFF].name, c, 2, 28) : 0);
	return v;
}

static const char *
check_cutoff(const struct run *r, const char *o, const char *v)
{
	bh_optnum(o, v, 2, 28);
	return v;
}

static const char *
check_min_thon(const struct run *r, const char *o, const char *v)
{
	bh_optnum(o, v, 0, 1000000);
	return v;
}

static const char *
check_roles(const struct run *r, const char *o, const char *v)
{
	int on[3];

	bh_opt_roles(o, v, on);
	return v;
}

static const char *
check_group(const struct run *r, const char *o, const char *v)
{
	return bh_opt_group(o, v);
}

static const char *
check_name(const struct run *r, const char *o, const char *v)
{
	return bh_opt_name(o, v);
}

static const char *
check_owner(const struct run *r, const char *o, const char *v)
{
	return bh_opt_uid(o, v);
}

/* The key is read as unpack will read it, so a wrong file stops the run now. */
static const char *
check_dkey(const struct run *r, const char *o, const char *v)
{
	struct bh_zl_key k;

	if (bh_zl_load(&k, v) < 0)
		exit(BH_FATAL);
	bh_zl_key_wipe(&k);
	return v;
}

static const char *
check_iv(const struct run *r, const char *o, const char *v)
{
	static const char *const rules[] = { "zero", "zie", NULL };

	bh_opt_word(o, v, rules);
	return v;
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

/* The getopt_long table made from runopts, with --help. */
static struct option *
long_options(void)
{
	struct option *lo = bh_malloc((NOPT + 2) * sizeof *lo);
	int i;

	for (i = 0; i < NOPT; i++)
		lo[i] = (struct option){runopts[i].name + 2,
		    runopts[i].arg ? required_argument : no_argument, NULL, 256 + i};
	lo[NOPT] = (struct option){"help", no_argument, NULL, 'h'};
	lo[NOPT + 1] = (struct option){NULL, 0, NULL, 0};
	return lo;
}

/* Reads the options, then checks every value before anything runs. */
static void
parse_run(struct run *r, int argc, char *argv[])
{
	struct option *lo = long_options();
	char shorts[2 * NOPT + 4] = ":h";
	size_t i, n = strlen(shorts);
	int c, id;

	for (id = 0; id < NOPT; id++)
		if (runopts[id].letter)
			shorts[n++] = runopts[id].letter;
	shorts[n] = '\0';
	opterr = 0;	/* bh_opt_error's messages, in our words */
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == 'h')
			usage(stdout, 0);
		for (id = 0; id < NOPT && c != 256 + id && c != runopts[id].letter; id++)
			;
		if (id == NOPT)
			bh_opt_error(c, argc, argv, lo);
		if (r->nval[id] && !(runopts[id].flags & F_REPEAT))
			bh_usage_error(_("option '%s' is given twice"), runopts[id].name);
		set_opt(r, id, runopts[id].arg ? optarg : runopts[id].name);
	}
	free(lo);
	r->inputs = argv + optind;
	r->ninputs = argc - optind;
	for (id = 0; id < NOPT; id++)
		if ((runopts[id].flags & F_REQUIRED) && !r->nval[id])
			bh_usage_error(_("run: %s %s is required"), runopts[id].name, runopts[id].arg);
	for (id = 0; id < NOPT; id++)
		for (i = 0; runopts[id].check && i < r->nval[id]; i++)
			r->val[id][i] = runopts[id].check(r, runopts[id].name, r->val[id][i]);
	if (!r->nval[R_DB])
		set_opt(r, R_DB, BH_DB_DEFAULT);
	bh_quiet = r->nval[R_QUIET] > 0;
}

/* The arguments of STAGE: its options from runopts, then the bare values and
 * the inputs (unpack). argv[0] is filled in by start(). */
static void
stage_args(const struct run *r, unsigned stage, struct argv *a)
{
	static char flags[NOPT][3];
	size_t i;
	int id;

	push(a, NULL);
	for (id = 0; id < NOPT; id++) {
		if (!(runopts[id].stages & stage) || (runopts[id].flags & F_BARE))
			continue;
		for (i = 0; i < r->nval[id]; i++) {
			if (runopts[id].letter) {
				flags[id][0] = '-';
				flags[id][1] = runopts[id].letter;
				push(a, flags[id]);
			} else {
				push(a, runopts[id].name);
			}
			if (runopts[id].arg)
				push(a, r->val[id][i]);
		}
	}
	for (id = 0; id < NOPT; id++)
		if ((runopts[id].stages & stage) && (runopts[id].flags & F_BARE))
			for (i = 0; i < r->nval[id]; i++)
				push(a, r->val[id][i]);
	if (stage == S_UNPACK)
		for (id = 0; id < r->ninputs; id++)
			push(a, r->inputs[id]);
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
	char *out = bh_path_resolve(r->outdir), *db = bh_path_resolve(opt(r, R_DB)),
	    *cwd = bh_path_resolve(".");
	int here, inside;

	if (!out)
		bh_die(_("cannot find the output folder '%s':"), r->outdir);
	if (!db)
		bh_die(_("cannot find the database '%s':"), opt(r, R_DB));
	here = cwd && bh_path_within(cwd, out);
	inside = bh_path_within(db, out) || bh_path_within(out, db);
	free(out);
	free(db);
	free(cwd);
	if (here)
		bh_usage_error(_("run: --out '%s' is the current folder or holds it; binhyen replaces "
		    "its output folder whole: give a folder of its own, e.g. --out out/2024-Q1"),
		    opt(r, R_OUT) ? opt(r, R_OUT) : r->outdir);
	if (inside)
		bh_usage_error(_("run: the database '%s' must not be inside the output folder "
		    "(it is replaced on every run): give --db a path outside it"), opt(r, R_DB));
	/* A sheet filled in where binhyen wrote it (internal/roster_todo.xlsx,
	 * internal/tips.xlsx): the run would replace it, and the folder it changed
	 * is no longer binhyen's whole: said before anything runs, with the fix. */
	for (int i = 0; i < 2; i++) {
		int o = i ? R_REVIEWS : R_ROSTER;
		char *f = opt(r, o) ? bh_path_resolve(opt(r, o)) : NULL, *d = bh_path_resolve(r->outdir);

		inside = f && d && bh_path_within(f, d);
		free(f);
		free(d);
		if (inside)
			bh_usage_error(_("run: %s '%s' is inside the output folder '%s', which every "
			    "run replaces: copy it out first (e.g. cp '%s' %s) and give the copy"),
			    runopts[o].name, opt(r, o), r->outdir, opt(r, o),
			    i ? "ra_soat.xlsx" : "danh_sach.xlsx");
	}
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

	if (!opt(r, R_OUT)) {
		const char *c = opt(r, R_CUTOFF);
		struct bh_period p = bh_opt_period(runopts[R_PERIOD].name, opt(r, R_PERIOD),
		    c ? (int)bh_optnum(runopts[R_CUTOFF].name, c, 2, 28) : 0);

		r->outdir = bh_malloc(64);
		bh_period_folder(&p, r->outdir, 64);
	} else {
		r->outdir = bh_strdup(opt(r, R_OUT));
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
	bh_db_take(opt(r, R_DB));
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
	/* The stages write into the new folder. */
	if (r->nval[R_OUT])
		r->val[R_OUT][0] = r->tmpdir;
	else
		set_opt(r, R_OUT, r->tmpdir);
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
			bh_note(_("stage %s said something to check (see above); going on"), name);
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

/* unpack | extract: records flow through a pipe, never a temporary copy. */
static int
run_ingest(const struct run *r)
{
	struct argv u = {0}, x = {0};
	int fd[2], rcu, rcx, sigu, sigx, st = BH_FATAL;
	pid_t pu = -1, px = -1;

	stage_args(r, S_UNPACK, &u);
	stage_args(r, S_EXTRACT, &x);
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

/* One stage after ingest, with its arguments from runopts. */
static int
run_one(const struct run *r, const char *name, unsigned stage)
{
	struct argv a = {0};
	int st;

	stage_args(r, stage, &a);
	st = run_stage(r, name, &a);
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
		bh_warn(_("no roster yet: the figures that need one are empty; copy '%s' out of "
		    "the output folder (every run replaces it), fill it in, and run again with "
		    "--roster and the copy"), path);
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

static int
run_all(struct run *r)
{
	static const struct {
		const char *name, *prog;	/* prog NULL: unpack | extract */
		unsigned stage;
	} steps[] = {
		{"unpack | extract", NULL, S_UNPACK | S_EXTRACT}, {"roster", "roster", S_ROSTER},
		{"metrics", "metrics", S_METRICS}, {"plot", "plot", S_PLOT},
		{"report", "report", S_REPORT},
	};
	size_t i, nsteps = sizeof steps / sizeof steps[0];
	double t0;
	int st;

	for (i = 0; i < nsteps; i++) {
		if (i == 0 && r->ninputs == 0) {
			bh_note(_("[1/%zu] no INPUT given: using what '%s' already holds"),
			    nsteps, opt(r, R_DB));
			continue;
		}
		if (steps[i].stage == S_ROSTER && !opt(r, R_ROSTER)) {
			bh_note(_("[%zu/%zu] no --roster given: using the roster '%s' holds, if any"),
			    i + 1, nsteps, opt(r, R_DB));
			continue;
		}
		bh_note(_("[%zu/%zu] %s"), i + 1, nsteps, steps[i].name);
		t0 = bh_clock();
		st = steps[i].prog ? run_one(r, steps[i].prog, steps[i].stage) : run_ingest(r);
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
		bh_note(_("%s done in %.1f s"), steps[i].name, bh_clock() - t0);
	}
	return r->status;
}

static int
cmd_run(int argc, char *argv[])
{
	struct run r;
	int st, i;

	memset(&r, 0, sizeof r);
	parse_run(&r, argc, argv);
	/* Nothing to read and nothing stored: a wrong folder or a forgotten
	 * INPUT, said before an empty database or an output folder is made. */
	if (r.ninputs == 0 && access(opt(&r, R_DB), F_OK) < 0 && errno == ENOENT)
		bh_die(_("no database here ('%s'): give the exports (binhyen run --period P "
		    "EXPORTS...), or the --db of earlier runs"), opt(&r, R_DB));
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
	for (i = 0; i < NOPT; i++)
		free(r.val[i]);
	return st;
}

int
main(int argc, char *argv[])
{
	bh_init(argv[0]);
	if (argc < 2)
		bh_usage_error(_("missing command (run, or a stage name)"));
	if (argv[1][0] == '-') {	/* binhyen --help | --version, before a command */
		static const struct option top[] = {
			{"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
			{NULL, 0, NULL, 0}
		};
		int c;

		opterr = 0;
		c = getopt_long(2, argv, ":h", top, NULL);
		if (c == 'h')
			usage(stdout, 0);
		if (c != 'V')
			bh_opt_error(c, 2, argv, top);
		printf("binhyen %s\n", VERSION);
		return bh_exit_status();
	}
	if (strcmp(argv[1], "run") == 0) {
		bh_status = cmd_run(argc - 1, argv + 1);
		return bh_exit_status();
	}
	if (is_stage(argv[1]))
		exec_stage(argc - 1, argv + 1);
	bh_usage_error(_("unknown command '%s' (run, or a stage name)"), argv[1]);
}
