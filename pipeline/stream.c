/* stream.c: frames between binhyen-unpack and binhyen-extract (see bh_stream.h). */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "bh_err.h"
#include "bh_stream.h"

void
bh_buf_add(struct bh_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = bh_realloc(b->data, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
bh_buf_addz(struct bh_buf *b, const char *s)
{
	bh_buf_add(b, s, strlen(s) + 1);
}

int
bh_frame_put(FILE *fp, int type, const void *p, size_t n)
{
	unsigned char h[5];

	h[0] = (unsigned char)type;
	h[1] = n & 0xff;
	h[2] = (n >> 8) & 0xff;
	h[3] = (n >> 16) & 0xff;
	h[4] = (n >> 24) & 0xff;
	if (fwrite(h, 1, 5, fp) != 5 || (n && fwrite(p, 1, n, fp) != n))
		return -1;
	return 0;
}

int
bh_frame_fields(FILE *fp, int type, ...)
{
	static struct bh_buf b;	/* reused: frames are written from one thread */
	const char *s;
	va_list ap;

	b.len = 0;
	va_start(ap, type);
	while ((s = va_arg(ap, const char *)))
		bh_buf_addz(&b, s);
	va_end(ap);
	return bh_frame_put(fp, type, b.data, b.len);
}

int
bh_frame_get(FILE *fp, int *type, struct bh_buf *b)
{
	unsigned char h[5];
	size_t n, got;
	int c;

	if ((c = getc(fp)) == EOF)
		return 0;
	h[0] = (unsigned char)c;
	if (fread(h + 1, 1, 4, fp) != 4)
		return -1;
	n = h[1] | (size_t)h[2] << 8 | (size_t)h[3] << 16 | (size_t)h[4] << 24;
	if (n > BH_FRAME_MAX + 4096)
		return -1;
	b->len = 0;
	bh_buf_add(b, NULL, 0);
	if (b->cap < n + 1) {
		b->data = bh_realloc(b->data, n + 1);
		b->cap = n + 1;
	}
	got = fread(b->data, 1, n, fp);
	if (got != n)
		return -1;
	b->len = n;
	b->data[n] = '\0';
	*type = h[0];
	return 1;
}

int
bh_frame_split(struct bh_buf *b, const char **f, int n)
{
	size_t off = 0;
	int i = 0;

	while (i < n && off < b->len) {
		f[i++] = b->data + off;
		off += strlen(b->data + off) + 1;
	}
	for (int j = i; j < n; j++)
		f[j] = "";
	return i;
}
