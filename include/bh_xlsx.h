/* bh_xlsx.h: a table as an officer saves it, read row by row: the first sheet of an
 * .xlsx workbook (the zip read by libarchive, the XML by expat), or a CSV file
 * (bh_csvin_read: UTF-8 or UTF-16, ',' ';' or TAB). The roster and the review
 * sheet are both read through it. Also the atomic writing of a workbook. */
#ifndef BH_XLSX_H
#define BH_XLSX_H
#include <stddef.h>
#include <xlsxwriter.h>

/* One row: the line it starts on (a CSV line, or the sheet's row number), its
 * cells from the first column on (never NULL; "" when empty), and for each a
 * flag: a number cell of the workbook (a CSV has none). Non-zero stops. */
typedef int bh_sheet_cb(void *ctx, long line, char **cell, const unsigned char *num, int ncell);

/* Reads PATH: a workbook when it starts as a zip file does, else CSV. Every
 * problem is reported with bh_bad as "PATH:LINE: what to fix"; returns 0, or -1
 * when there was one. Dies (exit 2) when the file cannot be read at all. */
int bh_sheet_read(const char *path, bh_sheet_cb *cb, void *ctx);
/* The same from CSV data in memory (NUL-terminated at len), called name. */
int bh_sheet_read_csv(const char *data, size_t len, const char *name, bh_sheet_cb *cb, void *ctx);

/* Does a column header name one of aliases (folded: no case, no diacritics, '_'
 * a space)? "Vai trò (công an, cán bộ, người dân)" names "vai tro": a part in
 * brackets is a label, tried on its own too. */
int bh_header_is(const char *head, const char *const *aliases);

/* Excel's day number (days since 1899-12-30, a fraction for the time) as epoch
 * ms of that local time (UTC+07:00); -1 when it is not one. */
long long bh_excel_serial_ms(const char *num);

/* A workbook written to PATH.tmpPID.xlsx, made PATH by bh_xlsx_commit (mode,
 * fsync, rename) or removed by bh_xlsx_abort. NULL with errno. */
typedef struct bh_xlsx_out bh_xlsx_out;
bh_xlsx_out *bh_xlsx_open(const char *path);
lxw_workbook *bh_xlsx_book(bh_xlsx_out *x);
int bh_xlsx_commit(bh_xlsx_out *x, int mode);	/* 0, or -1 with errno */
void bh_xlsx_abort(bh_xlsx_out *x);

#endif
