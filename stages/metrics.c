/* metrics.c: binhyen-metrics: every figure of metrics.md for a period, written as
 * the tables of the output contract (tables/ CSVs, tables.xlsx, internal/, ledger.csv). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_opt.h"
#include "bh_out.h"
#include "bh_roster.h"
#include "bh_text.h"
#include "metrics/metrics.h"

static noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp, _("usage: %s [--db DB] --period P [--cutoff-day N] [--out DIR] "
	    "[--lexicon FILE] [--reviews FILE] [--responders officer,staff] "
	    "[--min-thon-members N] [--group ID]... [--commune NAME] [--unit NAME] "
	    "[--superior NAME] [-q]\n"), bh_prog);
	bh_usage_exit(fp, status);
}

static void
parse_args(int argc, char *argv[], struct mopts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "period", required_argument, NULL, 'p' },
		{ "cutoff-day", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "lexicon", required_argument, NULL, 'l' },
		{ "reviews", required_argument, NULL, 'r' },
		{ "responders", required_argument, NULL, 'R' },
		{ "min-thon-members", required_argument, NULL, 'm' },
		{ "group", required_argument, NULL, 'g' },
		{ "commune", required_argument, NULL, 'C' },
		{ "unit", required_argument, NULL, 'U' },
		{ "superior", required_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	o->db = BH_DB_DEFAULT;
	o->responders[0] = 1;
	o->min_thon = 10;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case 'p': o->period = optarg; break;
		case 'c': o->cutoff = (int)bh_optnum("--cutoff-day", optarg, 2, 28); break;
		case 'o': o->out = optarg; break;
		case 'l': o->lexicon = optarg; break;
		case 'r': o->reviews = optarg; break;
		case 'R': bh_opt_roles("--responders", optarg, o->responders); break;
		case 'm': o->min_thon = (int)bh_optnum("--min-thon-members", optarg, 0, 1000000); break;
		case 'g':
			o->groups = bh_realloc(o->groups, (o->ngroups + 1) * sizeof *o->groups);
			o->groups[o->ngroups++] = bh_opt_group("--group", optarg);
			break;
		case 'C': o->names[NAME_COMMUNE] = bh_opt_name("--commune", optarg); break;
		case 'U': o->names[NAME_UNIT] = bh_opt_name("--unit", optarg); break;
		case 'S': o->names[NAME_SUPERIOR] = bh_opt_name("--superior", optarg); break;
		case 'q': bh_quiet = 1; break;
		case 'h': usage(stdout, 0);
		default: bh_opt_error(ch, argc, argv, opts);
		}
	}
	if (optind != argc)
		bh_usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (!o->period)
		bh_usage_error(_("--period P is required (e.g. --period 2024-03)"));
}

/* --group: only those groups are seen from here on; each must be stored. */
static void
only_groups(sqlite3 *db, const struct mopts *o)
{
	sqlite3_stmt *q;
	size_t i;
	int bad = 0;

	if (!o->ngroups)
		return;
	bh_db_exec(db, "CREATE TEMP TABLE t_only (group_id TEXT PRIMARY KEY) WITHOUT ROWID");
	q = bh_db_prep(db, "INSERT OR IGNORE INTO t_only VALUES (?1)");
	for (i = 0; i < o->ngroups; i++) {
		sqlite3_bind_text(q, 1, o->groups[i], -1, SQLITE_STATIC);
		bh_db_run(q);
	}
	sqlite3_finalize(q);
	q = bh_db_prep_res(db, "sql/metrics_group_unknown.sql");
	while (sqlite3_step(q) == SQLITE_ROW) {
		bh_warn(_("--group %s: '%s' holds no group with this id (the ids are in "
		    "tables/groups.csv of a run without --group)"), sqlite3_column_text(q, 0), o->db);
		bad = 1;
	}
	sqlite3_finalize(q);
	if (bad)
		exit(BH_FATAL);
	bh_db_exec_res(db, "sql/metrics_only_groups.sql");
}

static void
make_dirs(const char *out)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/tables", out);
	if (bh_mkdirs(out, 0755) < 0 || bh_mkdirs(path, 0755) < 0)
		bh_die(_("cannot make '%s':"), path);
	if (bh_private_dir(out, path, sizeof path) < 0)
		bh_die(_("cannot make '%s/internal' private:"), out);
}

/* Each file is replaced atomically; a failure leaves the files not yet written as they were. */
static void
write_outputs(sqlite3 *db, const char *out, const struct outputs *o, const struct mopts *mo,
    const struct bh_period *p, const struct tips *ts, const struct pfig *f)
{
	char path[4200];
	int i, private;

	make_dirs(out);
	for (i = 0; i < o->n; i++) {
		private = strncmp(o->t[i]->path, "internal/", 9) == 0;
		if (mt_write_csv(o->t[i], out, private ? 0600 : 0644) < 0)
			bh_die(_("cannot write '%s/%s':"), out, o->t[i]->path);
	}
	if (bh_roster_todo(db, out) < 0)
		bh_die(_("cannot write '%s/internal/roster_todo.csv' or '.xlsx':"), out);
	if (tips_sheet(db, out, ts, f, mo->no_roster) < 0)
		bh_die(_("cannot write '%s/internal/tips.xlsx':"), out);
	snprintf(path, sizeof path, "%s/tables.xlsx", out);
	if (mt_write_xlsx(o->t, o->n, path) < 0)
		bh_die(_("cannot write '%s':"), path);
	if (settings_write(db, mo, p, out) < 0)
		bh_die(_("cannot write '%s/settings.csv':"), out);
}

/* The first day: exports, no roster yet. What needs none is written; the
 * rest is empty, and the officer is told which and how to make the roster. */
static void
say_no_roster(const char *out)
{
	char path[4200];
	const char *todo = "roster_todo.xlsx";

	snprintf(path, sizeof path, "%s/internal/%s", out, todo);
	if (access(path, F_OK) < 0)
		todo = "roster_todo.csv";
	bh_bad(_("no roster stored yet: the figures that need one are left empty (members, "
	    "active members and participation, officer posts, tips and questions answered, "
	    "response and acknowledgement times, the thôn table, officers' and residents' "
	    "messages per week); messages, groups, senders, message types, the weekly series, "
	    "the heatmap and the tips and questions found are complete"));
	bh_warn(_("to make the roster: copy internal/%s out of the output folder (every run "
	    "replaces it), fill in the thôn and the role (officer, staff or resident) of each "
	    "sender, save it, and run again with --roster and the copy; later runs use the "
	    "stored roster"), todo);
}

/* A period without any stored message gives a report of zeros: said, with
 * what the database does hold, so that the period or the exports can be fixed. */
static void
say_no_data(sqlite3 *db, const struct bh_period *p)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/metrics_groups.sql");
	char a[11], b[11];
	int any = 0;

	bh_fmt_day(p->first, a);
	bh_fmt_day(p->last, b);
	bh_bad(_("no message stored for the period %s to %s: check --period, or give the "
	    "exports that cover it"), a, b);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 1);

		if (sqlite3_column_type(q, 2) == SQLITE_NULL)
			continue;
		bh_fmt_day(bh_local_day(sqlite3_column_int64(q, 2)), a);
		bh_fmt_day(bh_local_day(sqlite3_column_int64(q, 3)), b);
		bh_warn_many(NULL, _("the database holds group '%s' (%s) from %s to %s"),
		    name ? name : "", (const char *)sqlite3_column_text(q, 0), a, b);
		any = 1;
	}
	sqlite3_finalize(q);
	bh_many_end();
	if (!any)
		bh_warn("%s", _("the database holds no message at all: give the exports "
		    "(binhyen run ... INPUT...)"));
}

/* BH_PROFILE=1 in the environment: the CPU time of each step and the peak
 * memory so far, on stderr. */
static void
step_done(const char *what)
{
	static double last;
	double now;
	char line[128];
	long hwm = 0;
	FILE *f;

	if (!getenv("BH_PROFILE"))
		return;
	now = (double)clock() / CLOCKS_PER_SEC;
	if ((f = fopen("/proc/self/status", "r"))) {
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "VmHWM:", 6) == 0)
				hwm = atol(line + 6);
		fclose(f);
	}
	/* no i18n: BH_PROFILE, for engineers */
	fprintf(stderr, "%s: profile: %-12s %.3f s CPU, peak %.1f MiB\n", bh_prog, what,
	    now - last, hwm / 1024.0);
	last = now;
}

/* Sender roles for this run: the stored roster matched to the current senders. */
static void
prepare(sqlite3 *db, const struct mopts *o)
{
	sqlite3_stmt *q;
	int i;

	bh_roster_match(db);
	bh_db_exec_res(db, "sql/metrics_temp.sql");
	only_groups(db, o);
	q = bh_db_prep_res(db, "sql/metrics_senders.sql");
	for (i = 0; i < 3; i++)
		sqlite3_bind_int(q, i + 1, o->responders[i]);
	bh_db_run(q);
	sqlite3_finalize(q);
}

int
main(int argc, char *argv[])
{
	struct mopts o;
	struct bh_period p[3];
	struct pfig f[3];
	struct tips ts;
	struct outputs out = { { NULL }, 0 };
	struct mstmt *st;
	struct stat sb;
	bh_lexicon *lx;
	sqlite3 *db;
	char defout[512];
	long long range[3][2];
	int i;

	bh_init(argv[0]);
	memset(&ts, 0, sizeof ts);
	parse_args(argc, argv, &o);
	p[0] = bh_opt_period("--period", o.period, o.cutoff);
	p[1] = bh_period_prev(&p[0]);
	p[2] = bh_period_last_year(&p[0]);
	if (!o.out) {
		bh_period_folder(&p[0], defout, sizeof defout);
		o.out = defout;
	}
	lx = bh_lex_load(o.lexicon);
	if (stat(o.db, &sb) < 0)
		bh_die(_("no database '%s': run binhyen-extract first"), o.db);
	db = bh_db_open(o.db, BH_DB_RW);
	/* Sorts spill to disk, not memory, and the page cache (also each sort's
	 * budget) is kept small: the message scan must stay lean. */
	bh_db_exec(db, "PRAGMA temp_store=FILE; PRAGMA cache_size=-4000");
	bh_db_exec(db, "BEGIN IMMEDIATE");
	settings_store(db, &o);
	o.no_roster = roster_rows(db) == 0;
	step_done("start");
	derive_update(db, lx);
	step_done("derived");
	prepare(db, &o);
	step_done("roster");
	for (i = 0; i < 3; i++) {
		range[i][0] = bh_period_start_ms(&p[i]);
		range[i][1] = bh_period_end_ms(&p[i]);
	}
	tips_load(db, (const long long (*)[2])range, 3, &ts);
	step_done("tips");
	if (o.reviews && tips_reviews(db, &ts, lx, o.reviews) < 0)
		bh_die(_("%s: no review applied and nothing written: fix the lines above and run "
		    "again (a half-reviewed report must not go out)"), o.reviews);
	tips_pseudonyms(db, &ts);
	step_done("pseudonyms");
	tips_responses(db, &ts);
	step_done("responses");
	st = mstmt_new(db);
	/* The report period last: t_active then holds its senders for the tables. */
	for (i = 2; i >= 0; i--)
		figures_of(st, &ts, &p[i], i != 0, &f[i]);
	step_done("figures");
	build_tables(db, st, &o, lx, &ts, f, &out);
	step_done("tables");
	mstmt_free(st);
	bh_db_exec(db, "COMMIT");
	write_outputs(db, o.out, &out, &o, &p[0], &ts, &f[0]);
	step_done("written");
	if (!f[0].has_data)
		say_no_data(db, &p[0]);
	if (o.no_roster)
		say_no_roster(o.out);
	bh_note(_("%s: %lld messages, %lld tips, %lld questions"), o.period, f[0].messages,
	    f[0].tip.n, f[0].q.n);
	outputs_free(&out);
	for (i = 0; i < 3; i++)
		pfig_free(&f[i]);
	tips_free(&ts);
	free(o.groups);
	bh_lex_free(lx);
	bh_db_close(db);
	return bh_exit_status();
}
