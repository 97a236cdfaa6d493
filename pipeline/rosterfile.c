/* rosterfile.c: the roster CSV read and checked (columns named in English or
 * Vietnamese, a role per row, uids unique) before binhyen-roster stores it. */
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_roster.h"
#include "bh_text.h"

static const char *const col_ids[BH_RC_N] = { "uid", "name", "phone", "thon", "role" };
/* Header aliases, compared without case or diacritics ('_' counts as a space). */
static const char *const col_alias[BH_RC_N][6] = {
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

/* The reading: the rows go to out, kept only when no row was bad. */
struct roster {
	const char *file;
	int col[BH_RC_N];	/* file column of each field, -1 when absent */
	int have_header;
	bh_roster_rows *out;
	int bad;
	size_t *uids;		/* rows by uid (open addressing): index + 1, 0 empty */
	size_t nuid, capuid;	/* a power of two, at most half full */
};

/* Rows by uid, so that a million rows are checked for duplicates in seconds. */
static size_t
uid_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static const struct bh_roster_row *
uid_find(const struct roster *r, const char *uid)
{
	size_t i, m = r->capuid - 1;

	if (!r->capuid)
		return NULL;
	for (i = uid_hash(uid) & m; r->uids[i]; i = (i + 1) & m)
		if (strcmp(r->out->row[r->uids[i] - 1].cell[BH_RC_UID], uid) == 0)
			return &r->out->row[r->uids[i] - 1];
	return NULL;
}

static void
uid_slot(struct roster *r, size_t row)
{
	size_t i, m = r->capuid - 1;

	for (i = uid_hash(r->out->row[row].cell[BH_RC_UID]) & m; r->uids[i]; i = (i + 1) & m)
		;
	r->uids[i] = row + 1;
	r->nuid++;
}

static void
uid_add(struct roster *r, size_t row)
{
	size_t k;

	if (2 * (r->nuid + 1) > r->capuid) {
		r->capuid = r->capuid ? 2 * r->capuid : 1024;
		free(r->uids);
		r->uids = bh_malloc(r->capuid * sizeof *r->uids);
		memset(r->uids, 0, r->capuid * sizeof *r->uids);
		r->nuid = 0;
		for (k = 0; k < row; k++)
			if (r->out->row[k].cell[BH_RC_UID])
				uid_slot(r, k);
	}
	uid_slot(r, row);
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

	for (c = 0; c < BH_RC_N && found < 0; c++)
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

	for (c = 0; c < BH_RC_N; c++)
		r->col[c] = -1;
	for (i = 0; i < n; i++)
		if ((c = header_col(cell[i])) >= 0 && r->col[c] < 0)
			r->col[c] = i;
	r->have_header = 1;
	for (c = 0; c < BH_RC_N; c++) {
		if ((c == BH_RC_NAME || c == BH_RC_ROLE) && r->col[c] < 0) {
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
	const struct bh_roster_row *o;
	int bad = 0;

	if (!w->cell[BH_RC_NAME]) {
		bh_bad_many(NULL, "%s:%ld: row without name: fill in the name column", r->file, w->line);
		bad = 1;
	}
	if (!w->cell[BH_RC_ROLE]) {
		bh_bad_many(NULL, "%s:%ld: row without role: write officer, staff or resident", r->file, w->line);
		bad = 1;
	} else if (!(w->role = role_of(w->cell[BH_RC_ROLE]))) {
		bh_bad_many(NULL, "%s:%ld: unknown role '%s': write officer (công an), staff (cán bộ, "
		    "trưởng thôn) or resident (người dân)", r->file, w->line, w->cell[BH_RC_ROLE]);
		bad = 1;
	}
	if (w->role && strcmp(w->role, "resident") == 0 && !w->cell[BH_RC_THON]) {
		bh_bad_many(NULL, "%s:%ld: resident without thôn: fill in the thon column", r->file, w->line);
		bad = 1;
	}
	if (w->cell[BH_RC_UID] && strpbrk(w->cell[BH_RC_UID], "Ee")) {
		bh_bad_many(NULL, "%s:%ld: uid '%s' was turned into a number by a spreadsheet: format the "
		    "uid column as text and type it again", r->file, w->line, w->cell[BH_RC_UID]);
		bad = 1;
	}
	if (w->cell[BH_RC_UID] && (o = uid_find(r, w->cell[BH_RC_UID]))) {
		bh_bad_many(NULL, "%s:%ld: duplicate uid '%s' (also on line %ld): keep one row per uid",
		    r->file, w->line, w->cell[BH_RC_UID], o->line);
		bad = 1;
	}
	return bad;
}

static int
on_roster_row(void *ctx, long line, char **cell, int n)
{
	struct roster *r = ctx;
	struct bh_roster_row w;
	int c;

	if (!r->have_header)
		return read_header(r, line, cell, n);
	if (blank_row(cell, n))
		return 0;
	memset(&w, 0, sizeof w);
	w.line = line;
	for (c = 0; c < BH_RC_N; c++)
		if (r->col[c] >= 0 && r->col[c] < n)
			w.cell[c] = trimmed(cell[r->col[c]]);
	if (check_row(r, &w)) {
		r->bad = 1;
		row_free(&w);
		return 0;
	}
	if (r->out->n == r->out->cap) {
		r->out->cap = r->out->cap ? 2 * r->out->cap : 64;
		r->out->row = bh_realloc(r->out->row, r->out->cap * sizeof *r->out->row);
	}
	r->out->row[r->out->n++] = w;
	if (w.cell[BH_RC_UID])
		uid_add(r, r->out->n - 1);
	return 0;
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

bh_roster_rows *
bh_roster_read(const char *data, size_t len, const char *name)
{
	struct roster r;

	memset(&r, 0, sizeof r);
	r.file = name;
	r.out = bh_malloc(sizeof *r.out);
	memset(r.out, 0, sizeof *r.out);
	if (bh_csvin_read(data, len, name, on_roster_row, &r) < 0)
		r.bad = 1;
	else if (!r.have_header) {
		bh_bad("%s:1: empty file: the first line must name the columns "
		    "uid,name,phone,thon,role", name);
		r.bad = 1;
	}
	free(r.uids);
	if (r.bad) {
		bh_roster_rows_free(r.out);
		return NULL;
	}
	return r.out;
}
