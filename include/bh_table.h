/* bh_table.h: read a whole small CSV table (the tables folder, ledger.csv) with libcsv.
 * bh_table_load returns a table the caller owns and frees with bh_table_free. */
#ifndef BH_TABLE_H
#define BH_TABLE_H
#include <stddef.h>

typedef struct bh_table {
	char *path;	/* as given, for messages */
	size_t ncol;	/* header width: every row has exactly ncol cells */
	size_t nrow;	/* data rows, header excluded */
	char **head;	/* ncol header names */
	char **cell;	/* nrow * ncol cells, "" for missing ones; never NULL */
} bh_table;

/* Reads PATH (UTF-8 BOM stripped; the ' formula guard removed from data cells).
 * NULL when it is missing (errno ENOENT, no message) or unreadable or malformed
 * (reported with bh_bad). */
bh_table *bh_table_load(const char *path);
void bh_table_free(bh_table *t);

/* Index of the column named NAME, or -1. */
int bh_table_col(const bh_table *t, const char *name);
/* The cell at ROW, COL; "" when COL is -1. */
const char *bh_table_get(const bh_table *t, size_t row, int col);
/* Index of each of the NULL-terminated NAMES into IDX; reports (bh_bad) the first
 * missing one and returns -1, else 0. */
int bh_table_need(const bh_table *t, const char *const *names, int *idx);
/* The value column of the row whose first column is KEY (summary.csv), or NULL. */
const char *bh_table_lookup(const bh_table *t, const char *key, const char *col);

/* Parses a whole decimal number ("12", "-3.5"); 0 when S is one, else -1 (empty too). */
int bh_num(const char *s, double *v);

#endif
