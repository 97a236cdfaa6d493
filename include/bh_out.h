/* bh_out.h: atomic output files (write NAME.tmp, fsync, rename) and CSV tables.
 * bh_afile_open/bh_csv_open return an object the caller must end with exactly one of
 * *_commit (keeps the file) or *_abort (removes the temporary file); both free it. */
#ifndef BH_OUT_H
#define BH_OUT_H
#include <stdio.h>
#include <sys/types.h>

typedef struct bh_afile bh_afile;

bh_afile *bh_afile_open(const char *path, mode_t mode);	/* NULL and errno on failure */
FILE *bh_afile_fp(bh_afile *f);
int bh_afile_commit(bh_afile *f);	/* 0, or -1 with errno (the target is untouched) */
void bh_afile_abort(bh_afile *f);
/* The one way a finished temporary file becomes an output: TMP given MODE
 * (-1: as it is), fsync'd and renamed to PATH; removed when any of that fails.
 * For files another library writes (workbooks). 0, or -1 with errno. */
int bh_file_install(const char *tmp, const char *path, int mode);

/* Make a directory (and parents) with the given mode; 0 or -1 with errno. */
int bh_mkdirs(const char *path, mode_t mode);

/* CSV tables written through libcsv. */
typedef struct bh_csv bh_csv;

enum { BH_CSV_BOM = 1 };

bh_csv *bh_csv_open(const char *path, mode_t mode, int flags);	/* NULL and errno */
/* A cell whose text came from data: a leading = + - @ TAB or CR gets a ' in front,
 * so that a spreadsheet never reads it as a formula. */
void bh_csv_str(bh_csv *c, const char *s);
void bh_csv_raw(bh_csv *c, const char *s);	/* our own text (ids, labels), NULL = empty */
void bh_csv_int(bh_csv *c, long long v);
void bh_csv_tenths(bh_csv *c, long long tenths);	/* 123 -> "12.3" */
void bh_csv_empty(bh_csv *c);
void bh_csv_endrow(bh_csv *c);
/* A header or a whole row of our own text. */
void bh_csv_row(bh_csv *c, const char *const *cells, int n);
int bh_csv_commit(bh_csv *c);	/* 0, or -1 with errno */
void bh_csv_abort(bh_csv *c);

/* Does a data cell need the formula guard? (Shared with the workbook writer.) */
int bh_formula_like(const char *s);

#endif
