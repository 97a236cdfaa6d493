/* bh_stream.h: the framed stream binhyen-unpack writes and binhyen-extract reads.
 * A stream is the magic line then frames: one type byte, a 4-byte little-endian
 * length, the payload. Text fields inside a payload are separated by NUL bytes. */
#ifndef BH_STREAM_H
#define BH_STREAM_H
#include <stddef.h>
#include <stdio.h>

#define BH_STREAM_MAGIC "binhyen-stream 1\n"
#define BH_FRAME_MAX (1u << 20)	/* data frames are cut to this size */

enum {
	BH_F_SOURCE = 'S',	/* path, sha256 hex, size, realpath, mtime_ns: a source begins */
	BH_F_ENTRY = 'E',	/* entry name, owner uid or "", kind ("rec" or "conv") */
	BH_F_DATA = 'D',	/* bytes of the current entry */
	BH_F_END = 'F',		/* "" when the entry was read whole, else why not */
	BH_F_MEDIA = 'M',	/* entry name, msgId or "", size: a media file catalogued */
	BH_F_DONE = 'Z',	/* "ok" or "bad": the source ends */
};

/* Growable byte buffer; the owner frees data with free(). */
struct bh_buf {
	char *data;
	size_t len, cap;
};
void bh_buf_add(struct bh_buf *b, const void *p, size_t n);
void bh_buf_addz(struct bh_buf *b, const char *s);	/* with its NUL */

/* 0 on success, -1 with errno when the write failed. */
int bh_frame_put(FILE *fp, int type, const void *p, size_t n);
/* Put NUL-separated text fields; the list ends with NULL. */
int bh_frame_fields(FILE *fp, int type, ...);
/* 1 frame read, 0 clean end of stream, -1 broken stream. The payload is
 * NUL-terminated in b (b->len excludes that NUL). */
int bh_frame_get(FILE *fp, int *type, struct bh_buf *b);
/* Split a payload into up to n fields; returns how many were found. */
int bh_frame_split(struct bh_buf *b, const char **f, int n);

#endif
