/* bh_mtable.h: output tables held in memory, written as CSV (bh_out.h, UTF-8
 * with BOM) and as the sheets of a workbook (libxlsxwriter, Vietnamese column
 * headers), both atomically. A long table moves its cells to an unnamed
 * temporary file as it grows: memory stays flat. Used by binhyen-metrics and
 * binhyen-compare. */
#ifndef BH_MTABLE_H
#define BH_MTABLE_H
#include <stdio.h>

enum ckind { C_EMPTY, C_INT, C_TENTHS, C_TEXT, C_DATA, C_NUM };
struct cell {
	enum ckind k;
	long long v;
	char *s;
};
struct mtable {
	const char *path;	/* under OUT: "tables/thon.csv" */
	const char *sheet;	/* workbook sheet name; NULL: not in the workbook */
	const char *const *cols;
	int ncol;
	struct cell *c;		/* the cells after the spilled ones */
	size_t n, cap;
	FILE *spill;		/* a long table's first cells, in an unnamed file */
	size_t spilled;
};
struct mtable *mt_new(const char *path, const char *sheet, const char *const *cols, int ncol);
void mt_int(struct mtable *t, long long v);
void mt_tenths(struct mtable *t, long long v);
void mt_empty(struct mtable *t);
void mt_text(struct mtable *t, const char *s);	/* our own text (ids, dates) */
void mt_data(struct mtable *t, const char *s);	/* text from the data: formula-guarded */
/* A number as a table cell wrote it (read and carried): as is in the CSV, a
 * number in the workbook; "" is empty; anything else is text from the data. */
void mt_num(struct mtable *t, const char *cell);
size_t mt_rows(const struct mtable *t);
int mt_col(const struct mtable *t, const char *id);	/* index of column ID, or -1 */
/* Writes OUT/path atomically with the given mode; 0 or -1 with errno. */
int mt_write_csv(const struct mtable *t, const char *out, int mode);
/* Writes the workbook of every table with a sheet, atomically; 0 or -1. */
int mt_write_xlsx(struct mtable *const *t, int n, const char *path);
void mt_free(struct mtable *t);

#endif
