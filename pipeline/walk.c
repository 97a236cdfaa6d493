/* walk.c: the entries of an archive (see bh_walk.h), shared by binhyen-unpack
 * and the fuzz harness that feeds it archives from memory. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_path.h"
#include "bh_walk.h"

struct bh_walker {
	const struct bh_walk_cb *cb;
	void *ctx;
	const char *src;
	long ratio;		/* for the message only */
	long long limit;	/* bytes the source may expand to */
	long long unpacked;	/* bytes decompressed so far */
	int stopped;		/* past the limit, and said so */
	char *buf;		/* BH_WALK_BLOCK bytes */
};

bh_walker *
bh_walker_new(const char *src, long long size, long ratio, long long max_bytes,
    const struct bh_walk_cb *cb, void *ctx)
{
	bh_walker *w = bh_malloc(sizeof *w);

	memset(w, 0, sizeof *w);
	w->cb = cb;
	w->ctx = ctx;
	w->src = src;
	w->ratio = ratio;
	/* compared by division first: size * ratio may not fit in a long long */
	if (ratio > 0 && size > max_bytes / ratio)
		w->limit = max_bytes;
	else if ((w->limit = size * ratio) < BH_WALK_FLOOR)
		w->limit = BH_WALK_FLOOR;
	if (w->limit > max_bytes)
		w->limit = max_bytes;
	w->buf = bh_malloc(BH_WALK_BLOCK);
	return w;
}

void
bh_walker_free(bh_walker *w)
{
	if (!w)
		return;
	free(w->buf);
	free(w);
}

struct archive *
bh_archive_reader_new(void)
{
	struct archive *a = archive_read_new();

	if (!a)
		bh_die(_("out of memory"));
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	return a;
}

/* Has the source expanded past its limit? Says so once: a nested archive
 * stopped inside is seen again by each level around it. */
static int
too_big(bh_walker *w, struct archive *a)
{
	long long n = archive_filter_bytes(a, 0);

	if (w->stopped)
		return 1;
	if (n < w->unpacked)
		n = w->unpacked;
	if (n <= w->limit)
		return 0;
	w->stopped = 1;
	bh_bad(_("%s: expands beyond %lld MiB (more than %ld times its size): reading stopped, "
	    "as an archive bomb would be; if this is a real export, raise --max-ratio or "
	    "--max-unpacked-mib"), w->src, w->limit >> 20, w->ratio);
	return 1;
}

/* Stream one record entry. Returns -1 when the archive broke. */
static int
entry_data(bh_walker *w, struct archive *a, const char *name, long long size)
{
	la_ssize_t n;

	if (w->cb->entry_begin(w->ctx, name, size))
		return 0;
	while ((n = archive_read_data(a, w->buf, BH_WALK_BLOCK)) > 0) {
		w->unpacked += n;
		if (too_big(w, a)) {
			w->cb->entry_end(w->ctx, N_("stopped: the archive expands too much"));
			return -1;
		}
		w->cb->entry_data(w->ctx, w->buf, (size_t)n);
	}
	if (n < 0) {
		const char *why = archive_error_string(a);
		char msg[300];
		snprintf(msg, sizeof msg, "%s: %s", N_("corrupt or truncated archive"), why ? why : "read error");
		w->cb->entry_end(w->ctx, msg);
		bh_bad(_("%s: %s%scorrupt or truncated archive: %s"), w->src, name, ": ", why ? why : _("read error"));
		return -1;
	}
	w->cb->entry_end(w->ctx, NULL);
	return 0;
}

static int walk(bh_walker *w, struct archive *a, const char *prefix, int depth);

/* The inner archive reads straight from the outer one's data: nothing is
 * unpacked to disk, and its bytes count against the same limit. */
struct nest {
	struct archive *outer;
	char *buf;
	bh_walker *w;
};

static la_ssize_t
nest_read(struct archive *a, void *ud, const void **buf)
{
	struct nest *n = ud;
	la_ssize_t r = archive_read_data(n->outer, n->buf, BH_WALK_BLOCK);

	if (r < 0) {
		archive_set_error(a, EIO, "%s", archive_error_string(n->outer));
		return -1;
	}
	n->w->unpacked += r;
	if (too_big(n->w, n->outer)) {
		archive_set_error(a, EFBIG, "expands too much");
		return -1;
	}
	*buf = n->buf;
	return r;
}

static int
nested(bh_walker *w, struct archive *outer, const char *name)
{
	struct nest n = {outer, bh_malloc(BH_WALK_BLOCK), w};
	struct archive *a = bh_archive_reader_new();
	char *prefix = bh_malloc(strlen(name) + 2);
	int rc;

	sprintf(prefix, "%s/", name);
	if (archive_read_open(a, &n, NULL, nest_read, NULL) != ARCHIVE_OK) {
		bh_bad(_("%s: %s: cannot open nested archive: %s"), w->src, name, archive_error_string(a));
		rc = -1;
	} else {
		rc = walk(w, a, prefix, 1);
	}
	archive_read_free(a);
	free(prefix);
	free(n.buf);
	return rc;
}

static int
walk(bh_walker *w, struct archive *a, const char *prefix, int depth)
{
	struct archive_entry *e;
	int r, bad = 0;

	for (;;) {
		char *name, *full;
		long long size;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (too_big(w, a))
			return -1;
		if (r == ARCHIVE_WARN)
			bh_warn("%s: %s", w->src, archive_error_string(a));
		else if (r != ARCHIVE_OK) {
			bh_bad(_("%s: %s%scorrupt or truncated archive: %s"), w->src, prefix,
			    *prefix ? ": " : "",
			    archive_error_string(a) ? archive_error_string(a) : _("cannot read"));
			return -1;
		}
		name = bh_clean_name(archive_entry_pathname(e));
		full = bh_malloc(strlen(prefix) + strlen(name) + 1);
		sprintf(full, "%s%s", prefix, name);
		size = archive_entry_size_is_set(e) ? (long long)archive_entry_size(e) : -1;
		/* Only regular files are read; links and devices are never followed. */
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e)) {
			if (archive_entry_filetype(e) != AE_IFDIR)
				bh_note(_("%s: %s: not a regular file, skipped"), w->src, full);
		} else {
			switch (bh_entry_kind(name)) {
			case BH_E_RECORDS:
				if (entry_data(w, a, full, size) < 0) {
					/* libarchive cannot go on after a data error */
					free(full);
					free(name);
					return -1;
				}
				break;
			case BH_E_ARCHIVE:
			case BH_E_ENCRYPTED:
				if (depth > 0) {
					bh_bad(_("%s: %s: archive nested more than one level deep: not read; "
					    "unpack it and give it on the command line"), w->src, full);
					bad = -1;
				} else if (nested(w, a, full) < 0) {
					bad = -1;
				}
				break;
			case BH_E_MEDIA:
				w->cb->media(w->ctx, full, size);
				break;
			default:
				break;
			}
		}
		free(full);
		free(name);
	}
	return bad;
}

int
bh_walk(bh_walker *w, struct archive *a)
{
	return walk(w, a, "", 0);
}
