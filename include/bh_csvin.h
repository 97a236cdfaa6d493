/* bh_csvin.h: UTF-8 CSV input files (the roster, the review file), and
 * whole files read into memory. */
#ifndef BH_CSVIN_H
#define BH_CSVIN_H
#include <stddef.h>

/* UTF-8 CSV input (roster, reviews): BOM skipped, ',' or ';' detected from the
 * first line, quoted fields with separators, quotes and newlines, CRLF.
 * The callback gets each row with the line it starts on; returning non-zero
 * stops reading. Returns 0, or -1 after reporting (bh_bad) "NAME:LINE: why". */
typedef int bh_csvin_cb(void *ctx, long line, char **cell, int ncell);
/* data must be NUL-terminated at len (bh_slurp does that). */
int bh_csvin_read(const char *data, size_t len, const char *name, bh_csvin_cb *cb, void *ctx);
/* Reads a whole file into a NUL-terminated buffer (free it); NULL with errno. */
char *bh_slurp(const char *path, size_t *len);

#endif
