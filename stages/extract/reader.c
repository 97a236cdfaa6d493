/* reader.c: the reading thread of binhyen-extract (see reader.h).
 *
 * Items are laid out one after another in batches of BATCH bytes: a struct
 * xitem, then the strings and arrays its record points to. A batch is filled
 * by the reading thread, queued, used by the storing thread, and comes back
 * on a free list, so that neither thread allocates per record. At most
 * QUEUED batches wait: memory stays bounded whatever the input. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "bh_err.h"
#include "bh_json.h"
#include "dedup.h"
#include "reader.h"

#define BATCH (1u << 20)
#define QUEUED 8
#define ALIGN(n) (((n) + 15) & ~(size_t)15)

struct batch {
	struct batch *next;
	size_t used, cap, at;	/* at: the next item to hand out */
	char *mem;		/* 16-byte aligned, cap bytes */
};

struct xreader {
	FILE *in;
	size_t max_record;
	pthread_t thread;

	/* shared, under mu */
	pthread_mutex_t mu;
	pthread_cond_t ready, room;
	struct batch *head, *tail;	/* queued, oldest first */
	int nqueued, stop;
	struct batch *spare;		/* free list of BATCH-sized batches */

	/* the reading thread's own */
	struct batch *cur;
	bh_jreader *jr;
	bh_mapper *map;
	char *owner;
	xseen *seen;		/* fresh only */

	/* the storing thread's own */
	struct batch *out;
	struct xitem eof;
	int done;
};

/* Batches are mapped and unmapped whole, so that their memory goes back to
 * the system when the reading ends (malloc would keep it for later). */
static struct batch *
batch_new(size_t cap)
{
	struct batch *b = mmap(NULL, sizeof *b + cap + 16, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		bh_die(_("out of memory"));
	b->next = NULL;
	b->used = b->at = 0;
	b->cap = cap;
	b->mem = (char *)(((uintptr_t)(b + 1) + 15) & ~(uintptr_t)15);
	return b;
}

static void
batch_free(struct batch *b)
{
	if (b)
		munmap(b, sizeof *b + b->cap + 16);
}

/* Queue the current batch (if it holds anything), waiting while QUEUED wait. */
static void
flush(xreader *r)
{
	struct batch *b = r->cur;

	if (!b || b->used == 0)
		return;
	r->cur = NULL;
	pthread_mutex_lock(&r->mu);
	while (r->nqueued >= QUEUED && !r->stop)
		pthread_cond_wait(&r->room, &r->mu);
	if (r->tail)
		r->tail->next = b;
	else
		r->head = b;
	r->tail = b;
	r->nqueued++;
	pthread_cond_signal(&r->ready);
	pthread_mutex_unlock(&r->mu);
}

/* Room for an item of n bytes (item and its data), zeroed. */
static struct xitem *
item_new(xreader *r, size_t n)
{
	struct xitem *it;

	n = ALIGN(n);
	if (r->cur && r->cur->used + n > r->cur->cap)
		flush(r);
	if (!r->cur) {
		if (n <= BATCH) {
			pthread_mutex_lock(&r->mu);
			if ((r->cur = r->spare))
				r->spare = r->spare->next;
			pthread_mutex_unlock(&r->mu);
		}
		if (!r->cur)
			r->cur = batch_new(n > BATCH ? n : BATCH);
		r->cur->next = NULL;
		r->cur->used = r->cur->at = 0;
	}
	it = (struct xitem *)(r->cur->mem + r->cur->used);
	memset(it, 0, sizeof *it);
	it->size = n;
	r->cur->used += n;
	return it;
}

/* ---- copying a record into its item ---- */

/* Each string field of bh_rec. */
#define REC_STRINGS(X) X(reject) X(skip) X(group_id) X(msg_id) X(cli_msg_id) X(sender) \
	X(dname) X(type) X(type_code) X(text) X(caption) X(q_msg_id) X(q_cli_msg_id) \
	X(q_owner) X(m_kind) X(m_file) X(m_ext) X(m_host) X(act) X(ref) X(name) \
	X(r_msg_id) X(r_cli_msg_id)

static size_t
slen(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Bytes the strings and arrays of a record take in a batch. */
static size_t
rec_size(const bh_rec *c)
{
	size_t n = 0;
	int i;

#define X(f) n += slen(c->f);
	REC_STRINGS(X)
#undef X
	n += ALIGN((size_t)c->nment * sizeof *c->ment) + ALIGN((size_t)c->nreact * sizeof *c->react) +
	    ALIGN((size_t)c->nmember * sizeof *c->members);
	for (i = 0; i < c->nment; i++)
		n += slen(c->ment[i].uid);
	for (i = 0; i < c->nreact; i++)
		n += slen(c->react[i].target) + slen(c->react[i].target_cli) +
		    slen(c->react[i].reactor) + slen(c->react[i].icon);
	for (i = 0; i < c->nmember; i++)
		n += slen(c->members[i]);
	return n + 16;
}

static const char *
put_str(char **p, const char *s)
{
	size_t n;
	char *d = *p;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	memcpy(d, s, n);
	*p += n;
	return d;
}

static void *
put_array(char **p, const void *a, size_t n)
{
	void *d = *p;

	if (!n)
		return NULL;
	memcpy(d, a, n);
	*p += ALIGN(n);
	return d;
}

/* A deep copy of c into dst; p: where its data goes (aligned). */
static void
rec_copy(bh_rec *dst, const bh_rec *c, char *p)
{
	int i;

	*dst = *c;
	dst->ment = put_array(&p, c->ment, (size_t)c->nment * sizeof *c->ment);
	dst->react = put_array(&p, c->react, (size_t)c->nreact * sizeof *c->react);
	dst->members = put_array(&p, c->members, (size_t)c->nmember * sizeof *c->members);
#define X(f) dst->f = put_str(&p, c->f);
	REC_STRINGS(X)
#undef X
	for (i = 0; i < c->nment; i++)
		dst->ment[i].uid = put_str(&p, c->ment[i].uid);
	for (i = 0; i < c->nreact; i++) {
		dst->react[i].target = put_str(&p, c->react[i].target);
		dst->react[i].target_cli = put_str(&p, c->react[i].target_cli);
		dst->react[i].reactor = put_str(&p, c->react[i].reactor);
		dst->react[i].icon = put_str(&p, c->react[i].icon);
	}
	for (i = 0; i < c->nmember; i++)
		dst->members[i] = put_str(&p, c->members[i]);
}

static void
on_record(void *ctx, const bh_jnode *root, long line, int wrap)
{
	xreader *r = ctx;
	struct xitem *it;
	bh_rec rec;

	bh_map(r->map, root, r->owner && *r->owner ? r->owner : NULL, wrap, &rec);
	/* A private chat is only counted: nothing of it goes further. */
	if (rec.private_chat)
		rec = (bh_rec){ .kind = BH_R_NONE, .private_chat = 1 };
	it = item_new(r, ALIGN(sizeof *it) + rec_size(&rec));
	it->kind = XI_RECORD;
	it->line = line;
	if (r->seen && rec.kind == BH_R_MESSAGE && !rec.reject && !rec.skip && rec.msg_id)
		it->fresh = !xseen_add(r->seen, rec.msg_id, rec.group_id);
	rec_copy(&it->rec, &rec, (char *)it + ALIGN(sizeof *it));
}

static void
on_bad(void *ctx, long line, const char *why)
{
	xreader *r = ctx;
	struct xitem *it = item_new(r, ALIGN(sizeof *it) + slen(why));
	char *p = (char *)it + ALIGN(sizeof *it);

	it->kind = XI_BAD;
	it->line = line;
	it->why = put_str(&p, why);
}

/* ---- the thread ---- */

/* The entry being read has ended: its last records first. */
static void
entry_done(xreader *r)
{
	if (!r->jr)
		return;
	bh_jreader_finish(r->jr);
	bh_jreader_free(r->jr);
	r->jr = NULL;
	free(r->owner);
	r->owner = NULL;
}

static void
put_frame(xreader *r, int type, const struct bh_buf *b)
{
	struct xitem *it = item_new(r, ALIGN(sizeof *it) + b->len + 1);

	it->kind = XI_FRAME;
	it->frame = type;
	it->buf.data = (char *)it + ALIGN(sizeof *it);
	memcpy(it->buf.data, b->data, b->len + 1);
	it->buf.len = b->len;
	it->buf.cap = b->len + 1;
}

static void *
run(void *arg)
{
	xreader *r = arg;
	struct bh_buf b = {0};
	const char *f[2];
	struct xitem *it;
	int type, rc;

	while ((rc = bh_frame_get(r->in, &type, &b)) == 1) {
		switch (type) {
		case BH_F_DATA:
			it = item_new(r, sizeof *it);
			it->kind = XI_DATA;
			it->len = b.len;
			if (r->jr)	/* else the storing thread stops: data outside an entry */
				bh_jreader_feed(r->jr, b.data, b.len);
			break;
		case BH_F_ENTRY:
			entry_done(r);
			put_frame(r, type, &b);
			bh_frame_split(&b, f, 2);
			r->owner = bh_strdup(f[1]);
			r->jr = bh_jreader_new(r->max_record, on_record, on_bad, r);
			bh_jreader_keep(r->jr, BH_MAP_WHOLE);
			break;
		case BH_F_END:
		case BH_F_DONE:
			entry_done(r);
			put_frame(r, type, &b);
			break;
		default:
			put_frame(r, type, &b);
		}
	}
	if (r->jr) {	/* the stream broke inside an entry: nothing of it is stored */
		bh_jreader_free(r->jr);
		r->jr = NULL;
	}
	free(r->owner);
	r->owner = NULL;
	it = item_new(r, sizeof *it);
	it->kind = XI_EOF;
	it->len = rc < 0;
	flush(r);
	free(b.data);
	if (getenv("BH_PROFILE")) {
		struct timespec t;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
		/* no i18n: BH_PROFILE, for engineers */
		fprintf(stderr, "%s: reading thread: %.2f s of CPU\n", bh_prog, t.tv_sec + t.tv_nsec / 1e9);
	}
	return NULL;
}

xreader *
xreader_start(FILE *in, size_t max_record, int fresh)
{
	xreader *r = bh_realloc(NULL, sizeof *r);
	int e;

	memset(r, 0, sizeof *r);
	r->in = in;
	r->max_record = max_record;
	r->map = bh_mapper_new();
	r->seen = fresh ? xseen_new() : NULL;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->ready, NULL);
	pthread_cond_init(&r->room, NULL);
	if ((e = pthread_create(&r->thread, NULL, run, r)) != 0)
		bh_die(_("cannot start the reading thread: %s"), strerror(e));
	return r;
}

/* Give the batch just used back (kept for reuse if BATCH-sized). */
static void
release(xreader *r, struct batch *b)
{
	pthread_mutex_lock(&r->mu);
	if (b->cap == BATCH) {
		b->next = r->spare;
		r->spare = b;
		b = NULL;
	}
	pthread_mutex_unlock(&r->mu);
	batch_free(b);
}

const struct xitem *
xreader_next(xreader *r)
{
	struct xitem *it;

	if (r->done)
		return &r->eof;
	while (!r->out || r->out->at >= r->out->used) {
		if (r->out)
			release(r, r->out);
		pthread_mutex_lock(&r->mu);
		while (!r->head)
			pthread_cond_wait(&r->ready, &r->mu);
		r->out = r->head;
		if (!(r->head = r->head->next))
			r->tail = NULL;
		r->nqueued--;
		pthread_cond_signal(&r->room);
		pthread_mutex_unlock(&r->mu);
	}
	it = (struct xitem *)(r->out->mem + r->out->at);
	r->out->at += it->size;
	if (it->kind == XI_EOF) {
		r->eof = *it;
		r->done = 1;
		return &r->eof;
	}
	return it;
}

void
xreader_free(xreader *r)
{
	struct batch *b;

	if (!r)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_broadcast(&r->room);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	if (getenv("BH_PROFILE")) {
		struct timespec t;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
		/* no i18n: BH_PROFILE, for engineers */
		fprintf(stderr, "%s: storing thread: %.2f s of CPU\n", bh_prog, t.tv_sec + t.tv_nsec / 1e9);
	}
	batch_free(r->out);
	batch_free(r->cur);
	while ((b = r->head)) {
		r->head = b->next;
		batch_free(b);
	}
	while ((b = r->spare)) {
		r->spare = b->next;
		batch_free(b);
	}
	bh_mapper_free(r->map);
	xseen_free(r->seen);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->ready);
	pthread_cond_destroy(&r->room);
	free(r);
}
