/* rosterfile.c: the roster (CSV, or the first sheet of an .xlsx workbook) read and
 * checked (columns named in English or Vietnamese, a role per row, uids unique,
 * uids Excel may have cut marked) before binhyen-roster stores it. */
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_htab.h"
#include "bh_roster.h"
#include "bh_text.h"
#include "bh_xlsx.h"

static const char *const col_ids[BH_RC_N] = { "uid", "name", "phone", "thon", "role" };
/* Header aliases (formats.md section 4), folded: no case or diacritics, '_' and
 * '/' a space. */
static const char *const col_alias[BH_RC_N][16] = {
	{ "uid", "zalo id", "zalo uid", "id zalo", NULL },
	{ "name", "ho ten", "ten", "ho va ten", NULL },
	{ "phone", "sdt", "dien thoai", "so dien thoai", NULL },
	{ "thon", "xom", "to dan pho", "thon xom", "thon to dan pho", "ap", "ban", "buon",
	  "khom", "khu pho", "to", "thon ban", "thon ap", "village", NULL },
	{ "role", "vai tro", NULL },
};
/* Columns roster_todo.xlsx adds for the officer, and a row number: known, not
 * read, not warned about. */
static const char *const info_alias[] = {
	"messages", "so tin nhan", "tin nhan", "first seen", "lan dau", "last seen", "lan cuoi",
	"note", "ghi chu", "stt", "display name", "ten hien thi", NULL
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

/* The reading: the rows go to out, kept only when no row was bad. */
struct roster {
	const char *file;
	int col[BH_RC_N];	/* file column of each field, -1 when absent */
	int have_header;
	bh_roster_rows *out;	/* NULL: the rows are not kept, but given to fn */
	bh_roster_fn *fn;
	void *fnctx;
	int bad;
	bh_htab uids;		/* the uids seen, so that a million rows are checked */
	long *uid_line;		/* for duplicates in seconds: the line of each */
	size_t capuid;
};

static long
uid_find(struct roster *r, const char *uid)
{
	size_t i = bh_htab_str(&r->uids, uid, 0, NULL);

	return i == BH_HTAB_NONE ? 0 : r->uid_line[i];
}

static void
uid_add(struct roster *r, const char *uid, long line)
{
	size_t i = bh_htab_str(&r->uids, uid, 1, NULL);

	if (i >= r->capuid) {
		r->capuid = r->capuid ? 2 * r->capuid : 1024;
		r->uid_line = bh_realloc(r->uid_line, r->capuid * sizeof *r->uid_line);
	}
	r->uid_line[i] = line;
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
	int c;

	for (c = 0; c < BH_RC_N; c++)
		if (bh_header_is(h, col_alias[c]))
			return c;
	return -1;
}

static int
read_header(struct roster *r, long line, char **cell, int n)
{
	int i, c;

	for (c = 0; c < BH_RC_N; c++)
		r->col[c] = -1;
	for (i = 0; i < n; i++) {
		if ((c = header_col(cell[i])) >= 0 && r->col[c] < 0)
			r->col[c] = i;
		else if (c < 0 && cell[i][strspn(cell[i], " \t\r\n")] && !bh_header_is(cell[i], info_alias))
			bh_warn(_("%s:%ld: column '%s' is not a roster column: it is not read "
			    "(the columns are uid, name, phone, thon, role)"), r->file, line, cell[i]);
	}
	r->have_header = 1;
	for (c = 0; c < BH_RC_N; c++) {
		if ((c == BH_RC_NAME || c == BH_RC_ROLE) && r->col[c] < 0) {
			bh_bad(_("%s:%ld: no '%s' column: the first line must name the columns "
			    "uid,name,phone,thon,role (or họ tên, vai trò, ...)"), r->file, line, col_ids[c]);
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
row_free(struct bh_roster_row *w)
{
	int c;

	for (c = 0; c < BH_RC_N; c++)
		free(w->cell[c]);
}

/* Checks one row; reports every problem with its line. 0 when it is good. */
static int
check_row(struct roster *r, struct bh_roster_row *w)
{
	long o;
	int bad = 0;

	if (!w->cell[BH_RC_NAME]) {
		bh_bad_many(NULL, _("%s:%ld: row without name: fill in the name column"), r->file, w->line);
		bad = 1;
	}
	if (!w->cell[BH_RC_ROLE]) {
		bh_bad_many(NULL, _("%s:%ld: row without role: write officer, staff or resident"), r->file, w->line);
		bad = 1;
	} else if (!(w->role = role_of(w->cell[BH_RC_ROLE]))) {
		bh_bad_many(NULL, _("%s:%ld: unknown role '%s': write officer (công an), staff (cán bộ, "
		    "trưởng thôn) or resident (người dân)"), r->file, w->line, w->cell[BH_RC_ROLE]);
		bad = 1;
	}
	if (w->role && strcmp(w->role, "resident") == 0 && !w->cell[BH_RC_THON]) {
		bh_bad_many(NULL, _("%s:%ld: resident without thôn: fill in the thon column"), r->file, w->line);
		bad = 1;
	}
	if (w->cell[BH_RC_UID] && (o = uid_find(r, w->cell[BH_RC_UID]))) {
		bh_bad_many(NULL, _("%s:%ld: duplicate uid '%s' (also on line %ld): keep one row per uid"),
		    r->file, w->line, w->cell[BH_RC_UID], o);
		bad = 1;
	}
	return bad;
}

/* Could Excel have cut this uid (formats.md)? A number cell, scientific notation,
 * or 16 digits or more whose digits after the 15th are all 0. Whether it matches
 * a stored sender is asked later (bh_roster_cut_uids). */
static int
uid_cut_suspect(const char *u, int num)
{
	size_t n = strspn(u, "0123456789");

	if (num)
		return 1;
	if (n && (u[n] == '.' || u[n] == ',') && (u[n + 1] >= '0' && u[n + 1] <= '9'))
		n += 1 + strspn(u + n + 1, "0123456789");
	if (n && (u[n] == 'E' || u[n] == 'e')) {
		n++;
		n += u[n] == '+' || u[n] == '-';
		return u[n] && strspn(u + n, "0123456789") == strlen(u + n);
	}
	if (u[n] || n < 16)
		return 0;
	return strspn(u + 15, "0") == n - 15;
}

static int
on_roster_row(void *ctx, long line, char **cell, const unsigned char *num, int n)
{
	struct roster *r = ctx;
	struct bh_roster_row w;
	int c, bad;

	if (!r->have_header)
		return read_header(r, line, cell, n);
	if (blank_row(cell, n))
		return 0;
	memset(&w, 0, sizeof w);
	w.line = line;
	for (c = 0; c < BH_RC_N; c++)
		if (r->col[c] >= 0 && r->col[c] < n)
			w.cell[c] = trimmed(cell[r->col[c]]);
	if (w.cell[BH_RC_UID])
		w.uid_cut = (unsigned char)uid_cut_suspect(w.cell[BH_RC_UID], num[r->col[BH_RC_UID]]);
	if ((bad = check_row(r, &w))) {
		r->bad = 1;
		if (!w.uid_cut) {
			row_free(&w);
			return 0;
		}
		w.bad = 1;	/* kept only to name its uid with the other mistakes */
	}
	if (w.cell[BH_RC_UID] && !bad)
		uid_add(r, w.cell[BH_RC_UID], w.line);
	if (!r->out) {
		int rc = r->fn(r->fnctx, &w);

		row_free(&w);
		return rc;
	}
	if (r->out->n == r->out->cap) {
		r->out->cap = r->out->cap ? 2 * r->out->cap : 64;
		r->out->row = bh_realloc(r->out->row, r->out->cap * sizeof *r->out->row);
	}
	r->out->row[r->out->n++] = w;
	return 0;
}

/* A refused roster keeps only its rows whose uid Excel may have cut (bad rows
 * too), so that the cut uids are named with the other mistakes in one go. */
static void
keep_cut_only(bh_roster_rows *rows)
{
	size_t i, n = 0;

	for (i = 0; i < rows->n; i++) {
		if (rows->row[i].uid_cut)
			rows->row[n++] = rows->row[i];
		else
			row_free(&rows->row[i]);
	}
	rows->n = n;
	rows->bad = 1;
}

void
bh_roster_rows_free(bh_roster_rows *rows)
{
	size_t i;

	if (!rows)
		return;
	for (i = 0; i < rows->n; i++)
		row_free(&rows->row[i]);
	free(rows->row);
	free(rows);
}

/* Reads the roster from data (CSV) or the file name into r (its out or fn set);
 * -2 when the file could not be read (or has no header), -1 when rows were bad
 * (each reported), else 0. */
static int
roster_run(struct roster *r, const char *data, size_t len, const char *name)
{
	int rc;

	r->file = name;
	rc = data ? bh_sheet_read_csv(data, len, name, on_roster_row, r) :
	    bh_sheet_read(name, on_roster_row, r);
	if (rc >= 0 && !r->have_header) {
		bh_bad(_("%s:1: empty file: the first line must name the columns "
		    "uid,name,phone,thon,role"), name);
		rc = -1;
	}
	bh_htab_free(&r->uids);
	free(r->uid_line);
	if (rc < 0)
		return -2;
	return r->bad ? -1 : 0;
}

static bh_roster_rows *
roster_read(const char *data, size_t len, const char *name, int keep_cut)
{
	struct roster r;
	int rc;

	memset(&r, 0, sizeof r);
	r.out = bh_malloc(sizeof *r.out);
	memset(r.out, 0, sizeof *r.out);
	rc = roster_run(&r, data, len, name);
	if (rc == -1 && keep_cut) {
		keep_cut_only(r.out);
		return r.out;
	}
	if (rc < 0) {
		bh_roster_rows_free(r.out);
		return NULL;
	}
	return r.out;
}

bh_roster_rows *
bh_roster_read(const char *data, size_t len, const char *name)
{
	return roster_read(data, len, name, 0);
}

bh_roster_rows *
bh_roster_read_file(const char *path)
{
	return roster_read(NULL, 0, path, 1);
}

int
bh_roster_each(const char *path, bh_roster_fn *fn, void *ctx)
{
	struct roster r;

	memset(&r, 0, sizeof r);
	r.fn = fn;
	r.fnctx = ctx;
	return roster_run(&r, NULL, 0, path) < 0 ? -1 : 0;
}
