/* roster.c: binhyen-roster: load the commune's roster CSV into the work database
 * (replacing the previous one), match senders to it, list the unmatched. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_roster.h"
#include "bh_text.h"

enum { C_UID, C_NAME, C_PHONE, C_THON, C_ROLE, NCOL };

static const char *const col_ids[NCOL] = { "uid", "name", "phone", "thon", "role" };
/* Header aliases, compared without case or diacritics ('_' counts as a space). */
static const char *const col_alias[NCOL][6] = {
	{ "uid", "zalo id", "zalo uid", NULL },
	{ "name", "ho ten", "ten", "ho va ten", NULL },
	{ "phone", "sdt", "dien thoai", "so dien thoai", NULL },
	{ "thon", "xom", "to dan pho", "ap", "ban", NULL },
	{ "role", "vai tro", NULL },
};

struct role_alias {
	const char *alias, *role;
};
static const struct role_alias roles[] = {
	{ "officer", "officer" }, { "cong an", "officer" }, { "cong an vien", "officer" },
	{ "cong an xa", "officer" }, { "cav", "officer" },
	{ "staff", "staff" }, { "can bo", "staff" }, { "truong thon", "staff" },
	{ "doan the", "staff" }, { "pho thon", "staff" }, { "can bo thon", "staff" },
	{ "to truong", "staff" }, { "truong xom", "staff" },
	{ "resident", "resident" }, { "nguoi dan", "resident" }, { "cu dan", "resident" },
	{ "dan", "resident" },
	{ NULL, NULL }
};

struct row {
	long line;
	char *cell[NCOL];	/* trimmed; NULL when empty or the column is absent */
	const char *role;
};

struct roster {
	const char *file;
	int col[NCOL];		/* file column of each field, -1 when absent */
	int have_header;
	struct row *rows;
	size_t n, cap;
	int bad;
};

static void
usage(void)
{
	fprintf(stderr, "usage: %s [--db DB] [--out DIR] [-q] ROSTER.csv\n", bh_prog);
	exit(BH_FATAL);
}

/* A trimmed copy of s, NULL when nothing is left. */
static char *
trimmed(const char *s)
{
	char *t;
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (!n)
		return NULL;
	t = bh_malloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

static int
header_col(const char *h)
{
	char *f = bh_text_fold(h);
	int c, i, found = -1;

	for (c = 0; c < NCOL && found < 0; c++)
		for (i = 0; col_alias[c][i] && found < 0; i++)
			if (strcmp(f, col_alias[c][i]) == 0)
				found = c;
	free(f);
	return found;
}

static int
read_header(struct roster *r, long line, char **cell, int n)
{
	int i, c;

	for (c = 0; c < NCOL; c++)
		r->col[c] = -1;
	for (i = 0; i < n; i++)
		if ((c = header_col(cell[i])) >= 0 && r->col[c] < 0)
			r->col[c] = i;
	r->have_header = 1;
	for (c = 0; c < NCOL; c++) {
		if ((c == C_NAME || c == C_ROLE) && r->col[c] < 0) {
			bh_bad("%s:%ld: no '%s' column: the first line must name the columns "
			    "uid,name,phone,thon,role (or họ tên, vai trò, ...)", r->file, line, col_ids[c]);
			r->bad = 1;
			return 1;
		}
	}
	return 0;
}

static const char *
role_of(const char *s)
{
	char *f = bh_text_fold(s);
	const struct role_alias *a;

	for (a = roles; a->alias && strcmp(f, a->alias) != 0; a++)
		;
	free(f);
	return a->role;
}

static int
blank_row(char **cell, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (cell[i][strspn(cell[i], " \t\r\n")])
			return 0;
	return 1;
}

static void
row_free(struct row *w)
{
	int c;

	for (c = 0; c < NCOL; c++)
		free(w->cell[c]);
}

/* Checks one row; reports every problem with its line. 0 when it is good. */
static int
check_row(struct roster *r, struct row *w)
{
	size_t i;
	int bad = 0;

	if (!w->cell[C_NAME]) {
		bh_bad("%s:%ld: row without name: fill in the name column", r->file, w->line);
		bad = 1;
	}
	if (!w->cell[C_ROLE]) {
		bh_bad("%s:%ld: row without role: write officer, staff or resident", r->file, w->line);
		bad = 1;
	} else if (!(w->role = role_of(w->cell[C_ROLE]))) {
		bh_bad("%s:%ld: unknown role '%s': write officer (công an), staff (cán bộ, "
		    "trưởng thôn) or resident (người dân)", r->file, w->line, w->cell[C_ROLE]);
		bad = 1;
	}
	if (w->role && strcmp(w->role, "resident") == 0 && !w->cell[C_THON]) {
		bh_bad("%s:%ld: resident without thôn: fill in the thon column", r->file, w->line);
		bad = 1;
	}
	if (w->cell[C_UID] && (strchr(w->cell[C_UID], 'E') || strchr(w->cell[C_UID], 'e'))) {
		bh_bad("%s:%ld: uid '%s' was turned into a number by a spreadsheet: "
		    "format the uid column as text and type it again", r->file, w->line, w->cell[C_UID]);
		bad = 1;
	}
	for (i = 0; w->cell[C_UID] && i < r->n; i++) {
		if (r->rows[i].cell[C_UID] && strcmp(r->rows[i].cell[C_UID], w->cell[C_UID]) == 0) {
			bh_bad("%s:%ld: duplicate uid '%s' (also on line %ld): keep one row per uid",
			    r->file, w->line, w->cell[C_UID], r->rows[i].line);
			bad = 1;
			break;
		}
	}
	return bad;
}

static int
on_roster_row(void *ctx, long line, char **cell, int n)
{
	struct roster *r = ctx;
	struct row w;
	int c;

	if (!r->have_header)
		return read_header(r, line, cell, n);
	if (blank_row(cell, n))
		return 0;
	memset(&w, 0, sizeof w);
	w.line = line;
	for (c = 0; c < NCOL; c++)
		if (r->col[c] >= 0 && r->col[c] < n)
			w.cell[c] = trimmed(cell[r->col[c]]);
	if (check_row(r, &w)) {
		r->bad = 1;
		row_free(&w);
		return 0;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->rows = bh_realloc(r->rows, r->cap * sizeof *r->rows);
	}
	r->rows[r->n++] = w;
	return 0;
}

static void
roster_free(struct roster *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		row_free(&r->rows[i]);
	free(r->rows);
}

/* Replaces the stored roster and rebuilds the matching, all in one transaction. */
static void
store(sqlite3 *db, struct roster *r)
{
	sqlite3_stmt *ins;
	size_t i;

	bh_text_sql_register(db);
	bh_db_exec(db, "BEGIN IMMEDIATE");
	bh_db_exec_res(db, "sql/roster_clear.sql");
	ins = bh_db_prep_res(db, "sql/roster_insert.sql");
	for (i = 0; i < r->n; i++) {
		struct row *w = &r->rows[i];

		sqlite3_bind_int64(ins, 1, w->line);
		bh_db_text(ins, 2, w->cell[C_UID], -1);
		bh_db_text(ins, 3, w->cell[C_NAME], -1);
		bh_db_text(ins, 4, w->cell[C_PHONE], -1);
		bh_db_text(ins, 5, w->cell[C_THON], -1);
		bh_db_text(ins, 6, w->role, -1);
		bh_db_run(ins);
	}
	sqlite3_finalize(ins);
	bh_roster_match(db);
	bh_db_exec(db, "COMMIT");
}

/* Names no sender can be matched by: shared by two uid-less rows. */
static void
report(sqlite3 *db, const char *file)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/roster_shared_names.sql");

	while (sqlite3_step(q) == SQLITE_ROW)
		bh_warn("%s:%s: name '%s' is on several rows without uid (lines %s): "
		    "no sender is matched to them by name; add their uid", file,
		    (const char *)sqlite3_column_text(q, 1), (const char *)sqlite3_column_text(q, 0),
		    (const char *)sqlite3_column_text(q, 2));
	sqlite3_finalize(q);
	q = bh_db_prep_res(db, "sql/roster_ambiguous.sql");
	while (sqlite3_step(q) == SQLITE_ROW)
		bh_warn("sender %s ('%s') matches several roster rows by name (lines %s): "
		    "left unmatched; add its uid to the right row", (const char *)sqlite3_column_text(q, 0),
		    (const char *)sqlite3_column_text(q, 1), (const char *)sqlite3_column_text(q, 2));
	sqlite3_finalize(q);
	q = bh_db_prep_res(db, "sql/roster_counts.sql");
	if (sqlite3_step(q) == SQLITE_ROW)
		bh_note("%s: %d rows; senders matched: %d by uid, %d by name; %d unmatched", file,
		    sqlite3_column_int(q, 0), sqlite3_column_int(q, 1), sqlite3_column_int(q, 2),
		    sqlite3_column_int(q, 3));
	sqlite3_finalize(q);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = BH_DB_DEFAULT, *out = NULL;
	struct roster r;
	sqlite3 *db = NULL;
	char *data;
	size_t len;
	int ch;

	bh_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': dbpath = optarg; break;
		case 'o': out = optarg; break;
		case 'q': bh_quiet = 1; break;
		default: usage();
		}
	}
	if (argc - optind != 1)
		usage();
	memset(&r, 0, sizeof r);
	r.file = argv[optind];
	if (!(data = bh_slurp(r.file, &len)))
		bh_die("cannot read '%s':", r.file);
	if (bh_csvin_read(data, len, r.file, on_roster_row, &r) < 0)
		r.bad = 1;
	else if (!r.have_header) {
		bh_bad("%s:1: empty file: the first line must name the columns uid,name,phone,thon,role", r.file);
		r.bad = 1;
	}
	free(data);
	if (r.bad) {
		bh_warn("%s: roster not loaded (the stored roster is unchanged): fix the lines above", r.file);
		goto out;
	}
	db = bh_db_open(dbpath, BH_DB_RW);
	bh_db_exec(db, "PRAGMA temp_store=FILE");
	store(db, &r);
	report(db, r.file);
	if (out && bh_roster_todo(db, out) < 0)
		bh_die("cannot write '%s/internal/roster_todo.csv':", out);
out:
	roster_free(&r);
	bh_db_close(db);
	return bh_exit_status();
}
