/* fuzz_walk.c: libFuzzer target: any bytes as an archive in memory, walked by
 * bh_walk as binhyen-unpack walks a file: entries, nested archives, media, and
 * the expansion limit (small here, so that bombs are stopped quickly). */
#include <archive.h>
#include <string.h>

#include "bh_err.h"
#include "bh_path.h"
#include "bh_walk.h"
#include "fuzz.h"

#define LIMIT (1LL << 20)

struct fz {
	int in_entry;		/* between entry_begin and entry_end */
	int skip;		/* pass over the entries, as --list does */
	long long bytes;	/* data given in all */
	unsigned sum;		/* bytes of it, read */
};

static int
on_begin(void *ctx, const char *name, long long size)
{
	struct fz *f = ctx;
	char owner[64];

	FZ_CHECK(!f->in_entry);
	FZ_CHECK(size >= -1);
	FZ_CHECK(bh_entry_kind(name) == BH_E_RECORDS);
	fz_touch(bh_owner_of(name, owner, sizeof owner));
	f->in_entry = !f->skip;
	return f->skip;
}

static void
on_data(void *ctx, const void *p, size_t n)
{
	struct fz *f = ctx;
	const unsigned char *b = p;

	FZ_CHECK(f->in_entry);
	FZ_CHECK(n > 0 && n <= BH_WALK_BLOCK);
	f->bytes += (long long)n;
	FZ_CHECK(f->bytes <= LIMIT);
	/* both ends, for ASan: a loop over every byte would cost most of the run */
	f->sum += b[0] + b[n - 1];
}

static void
on_end(void *ctx, const char *why)
{
	struct fz *f = ctx;

	FZ_CHECK(f->in_entry);
	FZ_CHECK(!why || *why);
	fz_touch(why);
	f->in_entry = 0;
}

static void
on_media(void *ctx, const char *name, long long size)
{
	struct fz *f = ctx;
	char id[32];

	FZ_CHECK(!f->in_entry);
	FZ_CHECK(size >= -1);
	fz_touch(bh_media_msgid(name, id, sizeof id));
}

static const struct bh_walk_cb cb = { on_begin, on_data, on_end, on_media };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = {0};
	struct archive *a = bh_archive_reader_new();
	bh_walker *w;

	bh_quiet = 1;
	f.skip = size > 0 && data[size - 1] == 'L';
	w = bh_walker_new("fuzz", (long long)size, 200, LIMIT, &cb, &f);
	if (archive_read_open_memory(a, data, size) == ARCHIVE_OK)
		bh_walk(w, a);
	FZ_CHECK(!f.in_entry);
	bh_walker_free(w);
	archive_read_free(a);
	return 0;
}
