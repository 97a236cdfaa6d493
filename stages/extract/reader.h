/* reader.h: binhyen-extract's reading thread. It reads the frames of the
 * stream, parses each entry's records with yajl and maps them (bh_map), and
 * hands everything, in stream order, to the storing thread in batches: the
 * parsing runs on one core while SQLite stores on the other.
 * The storing thread owns the reader (xreader_start / xreader_free). */
#ifndef BH_EXTRACT_READER_H
#define BH_EXTRACT_READER_H
#include <stddef.h>
#include <stdio.h>

#include "bh_record.h"
#include "bh_stream.h"

enum xkind {
	XI_FRAME,	/* a frame other than data: frame, buf (the payload, NUL-terminated) */
	XI_DATA,	/* a data frame was read: len bytes (the records follow as XI_RECORD) */
	XI_RECORD,	/* a record, mapped: rec, line, fresh */
	XI_BAD,		/* a rejected record: line, why */
	XI_EOF,		/* the stream ended: len 0 clean, 1 broken (bh_frame_get said -1) */
};

struct xitem {
	enum xkind kind;
	size_t size;		/* bytes it takes in its batch (the reader's business) */
	int frame;
	long line;
	size_t len;
	struct bh_buf buf;	/* a view: never freed or grown */
	const char *why;
	int fresh;		/* a message none of whose copies was read before */
	bh_rec rec;		/* its strings and arrays live in the batch, after the item */
};

typedef struct xreader xreader;

/* Starts the thread on in; records larger than max_record bytes are rejected.
 * fresh: the database holds no message yet, so a message none of whose copies
 * (by msgId and group) was read before is surely new: the reader keeps the
 * seen filter (dedup.h) of every message it reads and says so in XI_RECORD's
 * fresh (else always 0), which the storing thread need not look up. */
xreader *xreader_start(FILE *in, size_t max_record, int fresh);
/* The next item, valid until the next call. XI_EOF comes last, then again. */
const struct xitem *xreader_next(xreader *r);
/* After XI_EOF: joins the thread and frees everything. */
void xreader_free(xreader *r);

#endif
