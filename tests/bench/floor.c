/* floor.c: the bench's floor: decompress archives with libarchive and parse their records with yajl, storing nothing. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

#define BLOCK (1u << 20)	/* as binhyen-unpack reads */

/* What the callbacks need to count records, one entry at a time. */
struct count {
	long long records;
	int depth;		/* containers open */
	int top_array;		/* the entry is a JSON array of records */
	int top_wrapper;	/* the top-level object is {"groupMsgs":[...]} */
	int wrap_key;		/* the last key at depth 1 was groupMsgs (or msgs) */
	int wrap_array;		/* the array at depth 1 holds records */
};

static const char *prog = "floor";
static int status;
static char *buf;

static void
bad(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	status = 1;
}

/* libarchive's message, which may be missing */
static const char *
aerr(struct archive *a)
{
	const char *s = archive_error_string(a);

	return s ? s : "unknown error";
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int
is_records(const char *name)
{
	return ends_with(name, ".zdb") || ends_with(name, ".json") ||
	    ends_with(name, ".ndjson") || ends_with(name, ".jsonl");
}

static int
is_archive(const char *name)
{
	static const char *ext[] = {".zip", ".tar", ".tgz", ".tar.gz", ".tar.xz", ".txz",
	    ".tar.zst", ".tzst", ".tar.bz2", ".tbz2", ".7z"};
	size_t i;

	if (ends_with(name, ".zl.zip"))	/* encrypted: not the floor's business */
		return 0;
	for (i = 0; i < sizeof ext / sizeof *ext; i++)
		if (ends_with(name, ext[i]))
			return 1;
	return 0;
}

/* ---- yajl callbacks: count records, keep nothing ---- */

static int
on_scalar(struct count *c)
{
	if (c->depth == 1)
		c->wrap_key = 0;
	return 1;
}

static int on_null(void *ctx) { return on_scalar(ctx); }
static int on_bool(void *ctx, int v) { (void)v; return on_scalar(ctx); }
static int on_number(void *ctx, const char *s, size_t n) { (void)s; (void)n; return on_scalar(ctx); }
static int on_string(void *ctx, const unsigned char *s, size_t n) { (void)s; (void)n; return on_scalar(ctx); }

static int
on_start_map(void *ctx)
{
	struct count *c = ctx;

	if (c->depth == 0)
		c->top_wrapper = 0;	/* counted at its end, unless it is a wrapper */
	else if ((c->depth == 1 && c->top_array) || (c->depth == 2 && c->wrap_array))
		c->records++;
	if (c->depth == 1)
		c->wrap_key = 0;
	c->depth++;
	return 1;
}

static int
on_map_key(void *ctx, const unsigned char *s, size_t n)
{
	struct count *c = ctx;

	if (c->depth == 1) {
		c->wrap_key = (n == 9 && memcmp(s, "groupMsgs", 9) == 0) ||
		    (n == 4 && memcmp(s, "msgs", 4) == 0);
		if (c->wrap_key)
			c->top_wrapper = 1;
	}
	return 1;
}

static int
on_end_map(void *ctx)
{
	struct count *c = ctx;

	if (--c->depth == 0 && !c->top_array && !c->top_wrapper)
		c->records++;
	return 1;
}

static int
on_start_array(void *ctx)
{
	struct count *c = ctx;

	if (c->depth == 0)
		c->top_array = 1;
	else if (c->depth == 1 && c->wrap_key)
		c->wrap_array = 1;
	if (c->depth == 1)
		c->wrap_key = 0;
	c->depth++;
	return 1;
}

static int
on_end_array(void *ctx)
{
	struct count *c = ctx;

	c->depth--;
	if (c->depth == 0)
		c->top_array = 0;
	else if (c->depth == 1)
		c->wrap_array = 0;
	return 1;
}

static const yajl_callbacks callbacks = {
	on_null, on_bool, NULL, NULL, on_number, on_string,
	on_start_map, on_map_key, on_end_map, on_start_array, on_end_array,
};

/* ---- one record entry: a parser fed block by block ---- */

struct entry {
	yajl_handle h;
	struct count c;
	const char *src, *name;
	int errors;
	int skipping;	/* after a bad record: wait for the next line, as binhyen does */
};

static void
parser_open(struct entry *e)
{
	long long records = e->c.records;

	if (e->h)
		yajl_free(e->h);
	memset(&e->c, 0, sizeof e->c);
	e->c.records = records;
	if (!(e->h = yajl_alloc(&callbacks, NULL, &e->c))) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	yajl_config(e->h, yajl_allow_multiple_values, 1);
}

static void
entry_begin(struct entry *e, const char *src, const char *name)
{
	memset(e, 0, sizeof *e);
	e->src = src;
	e->name = name;
	parser_open(e);
}

/* A bad record counts as one record, as in binhyen's ledger; the first is shown. */
static void
parse_error(struct entry *e, const unsigned char *p, size_t n)
{
	unsigned char *why;

	e->c.records++;
	if (e->errors++)
		return;
	why = yajl_get_error(e->h, 0, p, n);
	fprintf(stderr, "%s: %s: %s: invalid JSON (counted; read on from the next line): %.*s\n",
	    prog, e->src, e->name, why ? (int)strcspn((char *)why, "\n") : 11,
	    why ? (char *)why : "parse error");
	if (why)
		yajl_free_error(e->h, why);
}

static void
entry_feed(struct entry *e, const unsigned char *p, size_t n)
{
	const unsigned char *nl;
	size_t used;

	while (n > 0) {
		if (e->skipping) {
			if (!(nl = memchr(p, '\n', n)))
				return;
			n -= (size_t)(nl + 1 - p);
			p = nl + 1;
			e->skipping = 0;
			parser_open(e);
			continue;
		}
		if (yajl_parse(e->h, p, n) == yajl_status_ok)
			return;
		parse_error(e, p, n);
		/* step back one byte: the error may sit on the newline that ends the record */
		used = yajl_get_bytes_consumed(e->h);
		used = used > 0 ? used - 1 : 0;
		p += used;
		n -= used;
		e->skipping = 1;
	}
}

static long long
entry_end(struct entry *e)
{
	if (!e->skipping && yajl_complete_parse(e->h) != yajl_status_ok)
		parse_error(e, NULL, 0);
	yajl_free(e->h);
	return e->c.records;
}

/* ---- archives ---- */

static long long walk(struct archive *a, const char *src, int depth);

struct nest {
	struct archive *outer;
	char *buf;
};

static la_ssize_t
nest_read(struct archive *a, void *ud, const void **p)
{
	struct nest *n = ud;
	la_ssize_t r = archive_read_data(n->outer, n->buf, BLOCK);

	if (r < 0) {
		archive_set_error(a, EIO, "%s", aerr(n->outer));
		return -1;
	}
	*p = n->buf;
	return r;
}

static struct archive *
reader_new(void)
{
	struct archive *a = archive_read_new();

	if (!a) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	return a;
}

static long long
nested(struct archive *outer, const char *src)
{
	struct nest n = {outer, malloc(BLOCK)};
	struct archive *a = reader_new();
	long long records = 0;

	if (!n.buf) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	if (archive_read_open(a, &n, NULL, nest_read, NULL) != ARCHIVE_OK)
		bad("%s: cannot open nested archive: %s", src, aerr(a));
	else
		records = walk(a, src, 1);
	archive_read_free(a);
	free(n.buf);
	return records;
}

static long long
walk(struct archive *a, const char *src, int depth)
{
	struct archive_entry *ae;
	long long records = 0;
	int r;

	while ((r = archive_read_next_header(a, &ae)) != ARCHIVE_EOF) {
		const char *name;
		struct entry e;
		la_ssize_t n;

		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			bad("%s: corrupt archive: %s", src, aerr(a));
			break;
		}
		name = archive_entry_pathname(ae);
		if (!name || archive_entry_filetype(ae) != AE_IFREG)
			continue;
		if (is_archive(name) && depth == 0) {
			records += nested(a, name);
		} else if (is_records(name)) {
			entry_begin(&e, src, name);
			while ((n = archive_read_data(a, buf, BLOCK)) > 0)
				entry_feed(&e, (unsigned char *)buf, (size_t)n);
			records += entry_end(&e);
			if (n < 0) {
				bad("%s: corrupt archive: %s", name, aerr(a));
				break;
			}
		}
	}
	return records;
}

static long long
input(const char *path)
{
	struct archive *a;
	struct entry e;
	long long records = 0;
	ssize_t n;
	int fd;

	if (is_records(path)) {
		if ((fd = open(path, O_RDONLY)) < 0) {
			bad("cannot open '%s': %s", path, strerror(errno));
			return 0;
		}
		entry_begin(&e, path, path);
		while ((n = read(fd, buf, BLOCK)) > 0)
			entry_feed(&e, (unsigned char *)buf, (size_t)n);
		close(fd);
		return entry_end(&e);
	}
	a = reader_new();
	if (archive_read_open_filename(a, path, BLOCK) != ARCHIVE_OK)
		bad("%s: cannot open: %s", path, aerr(a));
	else
		records = walk(a, path, 0);
	archive_read_free(a);
	return records;
}

int
main(int argc, char *argv[])
{
	long long records = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s ARCHIVE...\n", prog);
		return 2;
	}
	if (!(buf = malloc(BLOCK))) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 2;
	}
	for (i = 1; i < argc; i++)
		records += input(argv[i]);
	printf("%lld\n", records);
	free(buf);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the count\n", prog);
		return 2;
	}
	return status;
}
