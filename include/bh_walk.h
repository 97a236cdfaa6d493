/* bh_walk.h: the entries of an archive, read with libarchive: record entries
 * streamed to callbacks, media files catalogued, archives inside it read one
 * level deep, reading stopped when it expands too much (archive bombs).
 * Entry names are passed on for messages only, never used as paths.
 * The caller owns the archive and the walker (bh_walker_free); a name given to
 * a callback is valid during that call only. */
#ifndef BH_WALK_H
#define BH_WALK_H
#include <archive.h>
#include <stddef.h>

#define BH_WALK_BLOCK (1u << 20)	/* data comes in chunks of at most this */
#define BH_WALK_FLOOR (64LL << 20)	/* below this, no ratio applies */

/* What a walk calls, with the walker's ctx. */
struct bh_walk_cb {
	/* A record entry begins (size -1 when unknown). Returns 0 to be given its
	 * data and its end, non-zero to pass over it (listing). */
	int (*entry_begin)(void *ctx, const char *name, long long size);
	void (*entry_data)(void *ctx, const void *p, size_t n);
	/* The entry ends: why is NULL when it was read whole, else why not. */
	void (*entry_end)(void *ctx, const char *why);
	/* A media file: catalogued, never read. */
	void (*media)(void *ctx, const char *name, long long size);
};

typedef struct bh_walker bh_walker;

/* A walker for one source of size bytes, named src in messages (src must
 * outlive it): the source may expand to size * ratio bytes, or BH_WALK_FLOOR
 * when that is less, and never beyond max_bytes. */
bh_walker *bh_walker_new(const char *src, long long size, long ratio, long long max_bytes,
    const struct bh_walk_cb *cb, void *ctx);
void bh_walker_free(bh_walker *w);
/* Walks every entry of an open archive. 0, or -1 after reporting with bh_bad
 * (a corrupt archive, an archive bomb, an archive nested too deep); after a
 * data error the rest of the archive is not read, as libarchive cannot go on. */
int bh_walk(bh_walker *w, struct archive *a);

/* A reader for every format and filter libarchive knows; dies when out of memory.
 * Freed with archive_read_free. */
struct archive *bh_archive_reader_new(void);

#endif
