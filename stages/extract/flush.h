/* flush.h: while extract loads, the kernel is asked to write the database's
 * dirty pages out as they come, so that the fsync at the end of each source
 * has little left to wait for. It changes when pages reach the disk, never
 * what SQLite's syncs guarantee. Linux only; elsewhere it does nothing. */
#ifndef BH_FLUSH_H
#define BH_FLUSH_H

typedef struct xflush xflush;

/* Starts a thread nudging writeback of the file at path; NULL if it cannot
 * (the load runs as before). */
xflush *xflush_start(const char *path);
void xflush_stop(xflush *f);

#endif
