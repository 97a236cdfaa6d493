/* table.c: load a small CSV table into memory with libcsv (callbacks + context). */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_table.h"

/* Tables are a few thousand rows at most; a larger file is not one of ours. */
#define TABLE_MAX_BYTES (64L << 20)

struct loader {
	bh_table *t;
	char **row;	/* cells of the row being read */
	size_t nrow, caprow;	/* cells in it */
	size_t cap;	/* capacity of t->cell, in cells */
	int header_done;
	int bom_checked;
};

static char *
cell_dup(const char *s, size_t n, int data)
{
	char *c;

	/* The writer puts ' before a data cell that a spreadsheet would read as a
	 * formula; show the name as it was. */
	if (data && n >= 2 && s[0] == '\'' && strchr("=+-@\t\r", s[1])) {
		s++;
		n--;
	}
	c = bh_malloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

static void
on_field(void *s, size_t n, void *ctx)
{
	struct loader *L = ctx;

	if (L->nrow == L->caprow) {
		L->caprow = L->caprow ? 2 * L->caprow : 16;
		L->row = bh_realloc(L->row, L->caprow * sizeof *L->row);
	}
	L->row[L->nrow++] = cell_dup(s ? s : "", s ? n : 0, L->header_done);
}

static void
take_header(struct loader *L)
{
	bh_table *t = L->t;

	t->ncol = L->nrow;
	t->head = L->row;
	L->row = NULL;
	L->nrow = L->caprow = 0;
	L->header_done = 1;
}

static void
on_row(int c, void *ctx)
{
	struct loader *L = ctx;
	bh_table *t = L->t;
	size_t i;

	(void)c;
	if (!L->header_done) {
		take_header(L);
		return;
	}
	if ((t->nrow + 1) * t->ncol > L->cap) {
		L->cap = L->cap ? 2 * L->cap : 64 * (t->ncol ? t->ncol : 1);
		t->cell = bh_realloc(t->cell, L->cap * sizeof *t->cell);
	}
	/* A short row is padded, cells past the header are dropped. */
	for (i = 0; i < t->ncol; i++)
		t->cell[t->nrow * t->ncol + i] = i < L->nrow ? L->row[i] : bh_strdup("");
	for (; i < L->nrow; i++)
		free(L->row[i]);
	L->nrow = 0;
	t->nrow++;
}

/* Returns 0, or -1 with the message already given. */
static int
parse_stream(FILE *fp, struct csv_parser *p, struct loader *L)
{
	char buf[65536];
	size_t n, off;
	long total = 0;

	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		off = 0;
		if (!L->bom_checked) {
			L->bom_checked = 1;
			if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
				off = 3;
		}
		if ((total += (long)n) > TABLE_MAX_BYTES) {
			bh_bad(_("%s: too large for a table"), L->t->path);
			return -1;
		}
		if (csv_parse(p, buf + off, n - off, on_field, on_row, L) != n - off) {
			bh_bad(_("%s: invalid CSV: %s"), L->t->path, csv_strerror(csv_error(p)));
			return -1;
		}
	}
	if (ferror(fp)) {
		bh_bad(_("%s: cannot read:"), L->t->path);
		return -1;
	}
	if (csv_fini(p, on_field, on_row, L) != 0) {
		bh_bad(_("%s: invalid CSV: %s"), L->t->path, csv_strerror(csv_error(p)));
		return -1;
	}
	if (!L->header_done) {
		bh_bad(_("%s: empty table (no header)"), L->t->path);
		return -1;
	}
	return 0;
}

bh_table *
bh_table_load(const char *path)
{
	struct csv_parser p;
	struct loader L = {0};
	FILE *fp;
	int ok = -1;
	size_t i;

	if (!(fp = fopen(path, "rb"))) {
		if (errno != ENOENT)
			bh_bad(_("cannot open '%s':"), path);
		return NULL;
	}
	L.t = bh_malloc(sizeof *L.t);
	memset(L.t, 0, sizeof *L.t);
	L.t->path = bh_strdup(path);
	/* Lenient inside (a table edited by hand still reads), but an unterminated
	 * quote at the end is an error, not a silently swallowed last row. */
	if (csv_init(&p, CSV_STRICT_FINI) != 0)
		bh_die(_("out of memory"));
	ok = parse_stream(fp, &p, &L);
	csv_free(&p);
	fclose(fp);
	for (i = 0; i < L.nrow; i++)
		free(L.row[i]);
	free(L.row);
	if (ok < 0) {
		bh_table_free(L.t);
		return NULL;
	}
	return L.t;
}

void
bh_table_free(bh_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	for (i = 0; i < t->ncol; i++)
		free(t->head[i]);
	free(t->cell);
	free(t->head);
	free(t->path);
	free(t);
}

int
bh_table_col(const bh_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->head[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
bh_table_get(const bh_table *t, size_t row, int col)
{
	if (col < 0 || (size_t)col >= t->ncol || row >= t->nrow)
		return "";
	return t->cell[row * t->ncol + (size_t)col];
}

int
bh_table_need(const bh_table *t, const char *const *names, int *idx)
{
	int i;

	for (i = 0; names[i]; i++)
		if ((idx[i] = bh_table_col(t, names[i])) < 0) {
			bh_bad(_("%s: missing column '%s'"), t->path, names[i]);
			return -1;
		}
	return 0;
}

const char *
bh_table_lookup(const bh_table *t, const char *key, const char *col)
{
	int c = bh_table_col(t, col);
	size_t r;

	if (!t->ncol || c < 0)
		return NULL;
	for (r = 0; r < t->nrow; r++)
		if (strcmp(t->cell[r * t->ncol], key) == 0)
			return t->cell[r * t->ncol + (size_t)c];
	return NULL;
}

int
bh_num(const char *s, double *v)
{
	char *end;

	if (!s || !*s || strchr(" \t", *s))
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (*end || errno || !isfinite(*v))
		return -1;
	return 0;
}
