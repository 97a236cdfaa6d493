/* json.c: yajl callbacks that cut a stream of JSON into records, each built as
 * a small tree in a reused arena, with line numbers and recovery after bad records. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "bh_err.h"
#include "bh_json.h"

#define NONE ((size_t)-1)
#define INTERNED (NONE - 1)	/* a node's name is a pointer already (bh_jreader's names) */
#define MAXDEPTH 64		/* deeper records are rejected, never followed */
#define PIECE 65536		/* bytes given to yajl at once: bounds the size check */
#define NAMESLOTS 512	/* member names kept per reader: at most half full */
#define NAMEMAX 64	/* longer names are copied per record */
#define SHRINK (4u << 20)	/* arenas above this are released after a record */

/* ---- the tree builder, shared by the record reader and bh_json_parse ---- */

struct builder {
	bh_jdoc *doc;
	size_t open[MAXDEPTH + 1];	/* node index of each open container */
	int nopen;
	size_t key;			/* offset of the pending member name, NONE, or INTERNED */
	const char *keyp;		/* the pending name when INTERNED */
	int kid;			/* its BH_K_ id */
};

/* Bytes of the valid UTF-8 character at s (n bytes left), or 0. Overlong
 * forms, surrogates (yajl encodes a lone \uDC00 escape as one) and code points
 * above U+10FFFF are invalid; so is NUL, which would cut the C string short. */
static inline size_t
utf8_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
	    (c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
		return 0;
	if (c < 0xF0)
		return 3;
	if (n < 4 || (s[3] & 0xC0) != 0x80 || (c == 0xF0 && s[1] < 0x90) ||
	    (c == 0xF4 && s[1] >= 0x90))
		return 0;
	return 4;
}

/* Bytes an invalid sequence at s spans: a whole ill-formed character (an
 * encoded surrogate, an overlong form) counts once, a stray byte alone. */
static size_t
utf8_bad_len(const unsigned char *s, size_t n)
{
	size_t want = s[0] >= 0xF0 && s[0] <= 0xF7 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1, i;

	if (s[0] >= 0xF8 || want > n)
		return 1;
	for (i = 1; i < want; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return want;
}

/* Are the eight bytes at s all ASCII other than NUL? A byte from 0x01 to 0x7F
 * has its top bit clear, and so has that byte minus one (a 0x00 borrows). */
static inline int
ascii8(const unsigned char *s)
{
	uint64_t v;

	memcpy(&v, s, 8);
	return ((v | (v - 0x0101010101010101ULL)) & 0x8080808080808080ULL) == 0;
}

static void
doc_grow(bh_jdoc *d, size_t n)
{
	if (d->nstr + n + 1 > d->capstr) {
		size_t cap = d->capstr ? d->capstr : 4096;
		while (cap < d->nstr + n + 1)
			cap *= 2;
		d->str = bh_realloc(d->str, cap);
		d->capstr = cap;
	}
}

/* Stores a string of the record; *len becomes its stored length. Everything
 * stored is valid UTF-8 without NUL: each invalid sequence (which yajl lets
 * through: lone surrogates from \u escapes, overlong forms, \u0000) becomes
 * U+FFFD, as a browser shows it. */
static size_t
doc_strn(bh_jdoc *d, const unsigned char *s, size_t *len)
{
	size_t off = d->nstr, n = *len, i = 0, k, o;

	/* ASCII (ids, keys, numbers) eight bytes at a time, then a byte at a
	 * time without the full check */
	while (i < n) {
		while (n - i >= 8 && ascii8(s + i))
			i += 8;
		if (i == n)
			break;
		if (s[i] >= 0x01 && s[i] < 0x80)
			i++;
		else if ((k = utf8_char(s + i, n - i)) > 0)
			i += k;
		else
			break;
	}
	if (i == n) {
		doc_grow(d, n);
		memcpy(d->str + off, s, n);
		d->str[off + n] = '\0';
		d->nstr += n + 1;
		return off;
	}
	doc_grow(d, 3 * n);
	memcpy(d->str + off, s, i);
	for (o = off + i; i < n; ) {
		if ((k = utf8_char(s + i, n - i)) > 0) {
			memcpy(d->str + o, s + i, k);
			o += k;
			i += k;
		} else {
			memcpy(d->str + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += utf8_bad_len(s + i, n - i);
		}
	}
	d->str[o] = '\0';
	*len = o - off;
	d->nstr = o + 1;
	return off;
}

static size_t
doc_str(bh_jdoc *d, const unsigned char *s, size_t n)
{
	return doc_strn(d, s, &n);
}

static size_t
add_node(struct builder *b, enum bh_jtype t, const unsigned char *s, size_t n)
{
	bh_jdoc *d = b->doc;
	bh_jnode *x;
	size_t i = d->nnodes;

	if (d->nnodes == d->capnodes) {
		d->capnodes = d->capnodes ? d->capnodes * 2 : 128;
		d->nodes = bh_realloc(d->nodes, d->capnodes * sizeof *d->nodes);
	}
	x = &d->nodes[d->nnodes++];
	x->type = t;
	x->kid = b->kid;
	b->kid = BH_K_OTHER;
	x->koff = b->key;
	if (b->key == INTERNED)
		x->key = b->keyp;
	x->soff = s ? doc_strn(d, s, &n) : NONE;
	x->len = n;
	x->nchild = x->nnext = x->nlast = NONE;
	b->key = NONE;
	if (b->nopen) {
		bh_jnode *p = &d->nodes[b->open[b->nopen - 1]];
		if (p->nchild == NONE)
			p->nchild = i;
		else
			d->nodes[p->nlast].nnext = i;
		p->nlast = i;
	}
	return i;
}

static void
builder_reset(struct builder *b, bh_jdoc *d)
{
	b->doc = d;
	b->nopen = 0;
	b->key = NONE;
	b->kid = BH_K_OTHER;
	d->nnodes = 0;
	d->nstr = 0;
}

/* Offsets become pointers once the tree is complete and the arena stops moving. */
static void
builder_fix(bh_jdoc *d)
{
	size_t i;

	for (i = 0; i < d->nnodes; i++) {
		bh_jnode *x = &d->nodes[i];
		if (x->koff != INTERNED)
			x->key = x->koff == NONE ? NULL : d->str + x->koff;
		x->s = x->soff == NONE ? NULL : d->str + x->soff;
		x->child = x->nchild == NONE ? NULL : &d->nodes[x->nchild];
		x->next = x->nnext == NONE ? NULL : &d->nodes[x->nnext];
	}
}

void
bh_jdoc_free(bh_jdoc *d)
{
	free(d->nodes);
	free(d->str);
	free(d->ymem);
	memset(d, 0, sizeof *d);
}

/* A member named twice counts by its last value, as JavaScript's JSON.parse
 * (Zalo's own clients) reads it. */
const bh_jnode *
bh_jget(const bh_jnode *obj, const char *key)
{
	const bh_jnode *c, *found = NULL;

	if (!obj || obj->type != BH_JOBJ)
		return NULL;
	for (c = obj->child; c; c = c->next)
		if (c->key[0] == key[0] && strcmp(c->key, key) == 0)
			found = c;
	return found;
}

const char *
bh_jtext(const bh_jnode *obj, const char *key)
{
	const bh_jnode *c = bh_jget(obj, key);

	return c && (c->type == BH_JSTR || c->type == BH_JNUM) ? c->s : NULL;
}

const bh_jnode *
bh_jgetk(const bh_jnode *obj, int kid)
{
	const bh_jnode *c, *found = NULL;

	if (!obj || obj->type != BH_JOBJ)
		return NULL;
	for (c = obj->child; c; c = c->next)
		if (c->kid == kid)
			found = c;
	return found;
}

const char *
bh_jtextk(const bh_jnode *obj, int kid)
{
	const bh_jnode *c = bh_jgetk(obj, kid);

	return c && (c->type == BH_JSTR || c->type == BH_JNUM) ? c->s : NULL;
}

/* ---- the names of BH_JKEYS, by hash ---- */

#define KEYSLOTS 256	/* a power of two, at least four times the names */
#define BH_K_NAME_(n) #n,
static const char *const key_names[BH_K_COUNT] = { "", BH_JKEYS(BH_K_NAME_) };
#undef BH_K_NAME_
static unsigned char key_slots[KEYSLOTS];	/* BH_K_ id, 0 for a free slot */
static size_t key_len[BH_K_COUNT];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static size_t
key_hash(const char *s, size_t n)
{
	size_t h = n;

	while (n--)
		h = h * 31 + (unsigned char)*s++;
	return h & (KEYSLOTS - 1);
}

static void
key_init(void)
{
	int k;

	for (k = 1; k < BH_K_COUNT; k++) {
		size_t i = key_hash(key_names[k], key_len[k] = strlen(key_names[k]));
		while (key_slots[i])
			i = (i + 1) & (KEYSLOTS - 1);
		key_slots[i] = (unsigned char)k;
	}
}

int
bh_jkey_id(const char *s, size_t n)
{
	size_t i;

	pthread_once(&key_once, key_init);
	for (i = key_hash(s, n); key_slots[i]; i = (i + 1) & (KEYSLOTS - 1)) {
		int k = key_slots[i];
		if (key_len[k] == n && memcmp(key_names[k], s, n) == 0)
			return k;
	}
	return BH_K_OTHER;
}

/* ---- the record reader ---- */

enum { C_OBJ, C_ARR, C_RECARR, C_WRAP };	/* what each open container is */

/* Members that make an object a wrapper of records (formats.md §2): a Web API
 * response or websocket frame {"data":{"groupMsgs":[…],"msgs":[…],…}}, or its
 * data alone. */
enum { K_OTHER, K_DATA, K_GROUP, K_MSGS, K_PAGE };
static const char *const knames[] = {"", "data", "groupMsgs", "msgs", "pageMsgs"};

static int
key_kind(int kid)
{
	switch (kid) {
	case BH_K_data: return K_DATA;
	case BH_K_groupMsgs: return K_GROUP;
	case BH_K_msgs: return K_MSGS;
	case BH_K_pageMsgs: return K_PAGE;
	default: return K_OTHER;
	}
}

/* Rows of groupMsgs are group rows; rows of msgs (1:1 chats) and pageMsgs
 * (Official Accounts) are private. */
static int
wrap_of(int k)
{
	return k == K_GROUP ? BH_REC_WRAP_GROUP : k == K_MSGS || k == K_PAGE ? BH_REC_WRAP_PRIVATE
	    : BH_REC_WRAP_NONE;
}

struct bh_jreader {
	yajl_handle h;
	bh_jdoc doc;
	struct builder b;
	size_t max_record;
	bh_rec_cb *on_rec;
	bh_bad_cb *on_bad;
	void *ctx;

	unsigned char cont[MAXDEPTH + 2];	/* container kinds outside records */
	int depth;		/* containers open, records included */
	int in_rec;		/* building a record */
	int rec_depth;		/* depth the current record started at */
	int wrap;		/* the current record's wrapper array, BH_REC_WRAP_* */
	int pending_wrap;	/* a groupMsgs/msgs/pageMsgs key was just read */
	/* Outside records, per depth: the wrapper kind of a records array, and
	 * the member an object is reading (K_*), to rebuild the containers
	 * around the records after a bad one (see reject). */
	unsigned char wrapk[MAXDEPTH + 2];
	unsigned char member[MAXDEPTH + 2];

	long line, rec_line;
	int rec_indent, indent;	/* leading blanks of the record's and this line */
	int line_start;		/* no non-blank byte seen yet on this line */
	size_t rec_bytes;

	/* \u escapes not yet given to yajl (see fix_surrogates) */
	unsigned char *work;	/* carried bytes, then the piece being read */
	size_t ncarry, capwork;
	int esc;		/* 0 text, 1 after a backslash, 2..5 hex digits read + 2 */
	unsigned escv;		/* value of the \u escape being read */
	size_t esc_at;		/* offset in work of its backslash */
	size_t high;		/* offset of a high surrogate escape awaiting its pair, or NONE */

	/* Member names met, kept once: a record's tree points at them instead
	 * of copying each name again. */
	struct name {
		char *s;	/* NULL: a free slot */
		size_t n;
		int kid;	/* its BH_K_ id */
	} names[NAMESLOTS];
	int nnames;
	int keep, whole;	/* keep mode (bh_jreader_keep) */
	int drop;		/* >0: the value of a member left out is being read; the
				 * depth it ends at */
	int skipping;		/* after a bad record: wait for a line to resync on */
	int skip_depth;		/* the depth the bad record was at */
	int skip_top_obj;	/* the top-level value around it was an object */
	int first;		/* the entry's first top-level value: '{', '[' or 0 (none yet) */
	int line_fresh;		/* this line may begin a new top-level value (line_begins) */
	char prefix[MAXDEPTH * 16];	/* the containers around it, as JSON text */
	int stop;		/* the rest of the entry cannot be read */
	int errored;		/* a callback asked yajl to stop */
	char why[160];
	char stopped[200];
};

static void reader_open(bh_jreader *r);

static int
rec_start(bh_jreader *r)
{
	r->in_rec = 1;
	r->rec_depth = r->depth;
	r->wrap = r->depth ? r->wrapk[r->depth - 1] : BH_REC_WRAP_NONE;
	r->rec_line = r->line;
	r->rec_indent = r->indent;
	r->rec_bytes = 0;
	r->drop = 0;
	builder_reset(&r->b, &r->doc);
	return 1;
}

static void
rec_done(bh_jreader *r)
{
	r->in_rec = 0;
	builder_fix(&r->doc);
	r->on_rec(r->ctx, &r->doc.nodes[0], r->rec_line, r->wrap);
	if (r->doc.capstr > SHRINK || r->doc.capnodes * sizeof(bh_jnode) > SHRINK)
		bh_jdoc_free(&r->doc);
}

static int
fail(bh_jreader *r, const char *why)
{
	snprintf(r->why, sizeof r->why, "%s", why);
	r->errored = 1;
	return 0;
}

/* Is this value (a scalar, or a container's end) part of a member left out
 * (keep mode)? It ends with the value at the member's own depth. */
static int
in_dropped(bh_jreader *r)
{
	if (!r->drop)
		return 0;
	if (r->depth == r->drop)
		r->drop = 0;
	return 1;
}

static int
scalar(bh_jreader *r, enum bh_jtype t, const unsigned char *s, size_t n)
{
	if (in_dropped(r))
		return 1;
	if (r->in_rec) {
		add_node(&r->b, t, s, n);
		return 1;
	}
	r->pending_wrap = 0;
	if (r->depth == 0 || r->cont[r->depth - 1] == C_RECARR)
		return fail(r, N_("record is not a JSON object"));
	return 1;
}

static int cb_null(void *c) { return scalar(c, BH_JNULL, NULL, 0); }
static int cb_bool(void *c, int v) { return scalar(c, v ? BH_JTRUE : BH_JFALSE, NULL, 0); }
static int cb_num(void *c, const char *s, size_t n) { return scalar(c, BH_JNUM, (const unsigned char *)s, n); }
static int cb_str(void *c, const unsigned char *s, size_t n) { return scalar(c, BH_JSTR, s, n); }

static int
open_container(bh_jreader *r, enum bh_jtype t)
{
	if (r->depth >= MAXDEPTH)
		return fail(r, N_("record nested too deeply"));
	if (r->in_rec && !r->drop) {
		size_t i = add_node(&r->b, t, NULL, 0);
		r->b.open[r->b.nopen++] = i;
	}
	r->depth++;
	return 1;
}

static int
cb_start_map(void *c)
{
	bh_jreader *r = c;

	if (!r->in_rec) {
		if (r->depth == 0 && !r->first)
			r->first = '{';
		if (r->depth == 0 || r->cont[r->depth - 1] == C_RECARR)
			rec_start(r);
		else
			r->cont[r->depth] = C_OBJ;
		r->pending_wrap = 0;
	}
	return open_container(r, BH_JOBJ);
}

/* Are the n bytes at a and s the same? Names are short: up to 16 bytes, two
 * loads of 8 (or of 4), overlapping in the middle, cost less than a call to
 * memcmp or a loop. */
static inline int
same(const char *a, const unsigned char *s, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t p, q, w, z;

	if (n >= 8 && n <= 16) {
		memcpy(&x, a, 8), memcpy(&y, s, 8);
		memcpy(&u, a + n - 8, 8), memcpy(&v, s + n - 8, 8);
		return x == y && u == v;
	}
	if (n >= 4 && n < 8) {
		memcpy(&p, a, 4), memcpy(&q, s, 4);
		memcpy(&w, a + n - 4, 4), memcpy(&z, s + n - 4, 4);
		return p == q && w == z;
	}
	return memcmp(a, s, n) == 0;
}

/* The slot of the member name s (n bytes, 1 to NAMEMAX) in the name table:
 * its own, or the free one where it belongs. */
static struct name *
name_slot(bh_jreader *r, const unsigned char *s, size_t n)
{
	size_t i = (n * 7 + s[0] * 3u + s[n - 1] + s[n / 2] * 5u) & (NAMESLOTS - 1);

	while (r->names[i].s && !(r->names[i].n == n && same(r->names[i].s, s, n)))
		i = (i + 1) & (NAMESLOTS - 1);
	return &r->names[i];
}

/* The kept copy of a member name, or NULL when it is not kept (too long, not
 * plain ASCII, or the table is half full): then each record copies it. */
static struct name *
name_of(bh_jreader *r, const unsigned char *s, size_t n)
{
	struct name *x;
	size_t i;

	if (n == 0 || n > NAMEMAX)
		return NULL;
	x = name_slot(r, s, n);
	if (x->s)
		return x;
	if (r->nnames >= NAMESLOTS / 2)
		return NULL;
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] >= 0x7F)
			return NULL;
	x->s = bh_malloc(n + 1);
	memcpy(x->s, s, n);
	x->s[n] = '\0';
	x->n = n;
	x->kid = bh_jkey_id(x->s, n);
	r->nnames++;
	return x;
}

/* Is the container the record has open inside its own members its "data"? */
static int
open_is_data(const bh_jreader *r)
{
	const bh_jnode *x = &r->doc.nodes[r->b.open[1]];

	return x->type == BH_JOBJ && x->kid == BH_K_data;
}

static int
cb_key(void *c, const unsigned char *s, size_t n)
{
	bh_jreader *r = c;
	struct name *x;
	int kid, k;

	if (r->in_rec && r->drop)	/* inside a member left out */
		return 1;
	x = name_of(r, s, n);
	kid = x ? x->kid : bh_jkey_id((const char *)s, n);
	k = key_kind(kid);

	/* The object a record started as holds records: it is a wrapper, either
	 * a response's data ({"groupMsgs":[…]}) or the response around it
	 * ({"error_code":0,"data":{"groupMsgs":[…]}}). What it held before is
	 * not a record; its arrays' elements are. */
	if (r->in_rec && wrap_of(k)) {
		if (r->depth == r->rec_depth + 1) {
			r->in_rec = 0;
			r->cont[r->rec_depth] = C_WRAP;
		} else if (r->depth == r->rec_depth + 2 && r->b.nopen == 2 && open_is_data(r)) {
			r->in_rec = 0;
			r->cont[r->rec_depth] = C_WRAP;
			r->member[r->rec_depth] = K_DATA;
			r->cont[r->rec_depth + 1] = C_WRAP;
		}
	}
	if (r->in_rec) {
		if (r->keep && kid == BH_K_OTHER &&
		    !(r->whole && r->doc.nodes[r->b.open[r->b.nopen - 1]].kid == r->whole)) {
			r->drop = r->depth;
		} else if (!x) {
			r->b.key = doc_str(&r->doc, s, n);
			r->b.kid = kid;
		} else {
			r->b.key = INTERNED;
			r->b.keyp = x->s;
			r->b.kid = kid;
		}
		return 1;
	}
	r->member[r->depth - 1] = (unsigned char)k;
	r->pending_wrap = r->cont[r->depth - 1] == C_WRAP ? wrap_of(k) : 0;
	return 1;
}

static int
cb_end_map(void *c)
{
	bh_jreader *r = c;

	r->depth--;
	if (in_dropped(r))
		return 1;
	if (r->in_rec) {
		r->b.nopen--;
		if (r->depth == r->rec_depth)
			rec_done(r);
	}
	return 1;
}

static int
cb_start_array(void *c)
{
	bh_jreader *r = c;

	if (!r->in_rec) {
		if (r->depth == 0) {
			if (!r->first)
				r->first = '[';
			r->cont[0] = C_RECARR;
			r->wrapk[0] = BH_REC_WRAP_NONE;
		} else if (r->pending_wrap) {
			r->cont[r->depth] = C_RECARR;
			r->wrapk[r->depth] = (unsigned char)r->pending_wrap;
		} else {
			r->cont[r->depth] = C_ARR;
		}
		r->pending_wrap = 0;
	}
	return open_container(r, BH_JARR);
}

static int
cb_end_array(void *c)
{
	bh_jreader *r = c;

	r->depth--;
	if (in_dropped(r))
		return 1;
	if (r->in_rec)
		r->b.nopen--;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_num, cb_str,
	cb_start_map, cb_key, cb_end_map, cb_start_array, cb_end_array,
};

static void
reader_open(bh_jreader *r)
{
	if (r->h)
		yajl_free(r->h);
	r->h = yajl_alloc(&callbacks, NULL, r);
	if (!r->h)
		bh_die(_("out of memory"));
	yajl_config(r->h, yajl_allow_multiple_values, 1);
	r->ncarry = 0;
	r->esc = 0;
	r->high = NONE;
	r->depth = 0;
	r->in_rec = 0;
	r->drop = 0;
	r->pending_wrap = 0;
	r->errored = 0;
}

void
bh_jreader_keep(bh_jreader *r, int whole)
{
	r->keep = 1;
	r->whole = whole;
}
bh_jreader *
bh_jreader_new(size_t max_record, bh_rec_cb *on_rec, bh_bad_cb *on_bad, void *ctx)
{
	bh_jreader *r = bh_malloc(sizeof *r);

	memset(r, 0, sizeof *r);
	r->max_record = max_record;
	r->on_rec = on_rec;
	r->on_bad = on_bad;
	r->ctx = ctx;
	r->line = 1;
	r->line_start = 1;
	reader_open(r);
	return r;
}

void
bh_jreader_free(bh_jreader *r)
{
	if (!r)
		return;
	int i;

	if (r->h)
		yajl_free(r->h);
	for (i = 0; i < NAMESLOTS; i++)
		free(r->names[i].s);
	bh_jdoc_free(&r->doc);
	free(r->work);
	free(r);
}

const char *
bh_jreader_stopped(const bh_jreader *r)
{
	return r->stop ? r->stopped : NULL;
}

/* A record went wrong: reject it and look for a line to start again on.
 * The containers around it (a top-level array, a response's data and its
 * records array) are kept as JSON text, to be given to yajl again there. */
static void
reject(bh_jreader *r, const char *why)
{
	long line = r->in_rec ? r->rec_line : r->line;
	int d = r->in_rec ? r->rec_depth : r->depth, i;
	char *p = r->prefix;

	r->on_bad(r->ctx, line, why);
	if (!r->in_rec)
		r->rec_indent = r->indent;
	while (d > 0 && r->cont[d - 1] != C_RECARR)
		d--;	/* records start again in the innermost records array */
	r->skip_depth = d;
	r->skip_top_obj = d > 0 && r->cont[0] == C_WRAP;
	for (i = 0; i < d; i++)
		p += r->cont[i] == C_WRAP ? sprintf(p, "{\"%s\":", knames[r->member[i]]) : sprintf(p, "[");
	*p = '\0';
	reader_open(r);
	r->skipping = 1;
}

static void
yajl_failed(bh_jreader *r, const unsigned char *p, size_t n)
{
	char why[200];

	if (r->errored) {
		snprintf(why, sizeof why, "%s", r->why);
	} else {
		unsigned char *e = yajl_get_error(r->h, 0, p, n);
		char *nl;
		snprintf(why, sizeof why, "%s: %s", N_("invalid JSON"), e ? (char *)e : "parse error");
		if (e)
			yajl_free_error(r->h, e);
		if ((nl = strchr(why, '\n')))
			*nl = '\0';
	}
	reject(r, why);
}

/* At the first non-blank byte of a line: is this where a record can begin again? */
static int
line_begins(bh_jreader *r, unsigned char c)
{
	if (r->skipping) {
		/* After a top-level record, or at column 0 in a top-level object or
		 * in an entry that began with one (NDJSON): a new value. Else the
		 * next record of the array the bad one was in, no deeper than it. */
		int fresh = r->skip_depth == 0 ||
		    ((r->skip_top_obj || r->first == '{') && r->indent == 0);

		if (c != '{' || (!fresh && r->indent > r->rec_indent))
			return 0;
		r->skipping = 0;
		reader_open(r);
		if (!fresh)	/* the containers around the records the line continues */
			yajl_parse(r->h, (const unsigned char *)r->prefix, strlen(r->prefix));
		return 1;
	}
	/* NDJSON: a line that starts a new object at column 0 while a record is
	 * still open means that record was cut short. */
	if (r->in_rec && r->rec_depth == 0 && c == '{' && r->indent == 0) {
		r->on_bad(r->ctx, r->rec_line, N_("record not complete at the end of its line"));
		reader_open(r);
	}
	/* Between the rows of a top-level wrapper, an object at column 0 is its
	 * next row, or, in NDJSON of responses, the next response after one cut
	 * short: parse_bytes tells them apart (see there). */
	r->line_fresh = !r->in_rec && r->depth > 0 && r->cont[0] == C_WRAP && c == '{' &&
	    r->indent == 0 && r->first == '{';
	return 1;
}

/* ---- lone surrogates ----
 * yajl decodes a high surrogate escape followed by any other \u escape as one
 * wrong character, a lone high one as '?', and a lone low one as bytes that are
 * not UTF-8. So before yajl reads them, the escapes of lone surrogates are
 * rewritten to \ufffd (the same six bytes), as a browser shows them. A high
 * surrogate's escape, and an escape cut by the end of a piece, wait (at most a
 * dozen bytes) until the next bytes tell. */

static void
lone(bh_jreader *r, size_t at)
{
	memcpy(r->work + at + 2, "fffd", 4);
	if (r->high == at)
		r->high = NONE;
}

static void
escape_done(bh_jreader *r)
{
	unsigned v = r->escv;
	size_t at = r->esc_at;

	if (v >= 0xD800 && v <= 0xDBFF) {
		if (r->high != NONE)
			lone(r, r->high);
		r->high = at;
	} else if (v >= 0xDC00 && v <= 0xDFFF) {
		if (r->high != NONE && r->high + 6 == at) {
			r->high = NONE;
		} else {
			if (r->high != NONE)
				lone(r, r->high);
			lone(r, at);
		}
	} else if (r->high != NONE) {
		lone(r, r->high);
	}
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void
scan_escapes(bh_jreader *r, size_t from, size_t to)
{
	unsigned char *b = r->work;
	size_t i;
	int h;

	for (i = from; i < to; i++) {
		unsigned char c;

		/* outside an escape, with no surrogate pending: on to the next one */
		if (r->esc == 0 && r->high == NONE) {
			unsigned char *q = memchr(b + i, '\\', to - i);
			if (!q)
				break;
			i = (size_t)(q - b);
		}
		c = b[i];
		/* the escape right after a high surrogate's must be \u */
		if (r->high != NONE && i == r->high + 6 && c != '\\')
			lone(r, r->high);
		switch (r->esc) {
		case 0:
			if (c == '\\') {
				r->esc = 1;
				r->esc_at = i;
			}
			break;
		case 1:
			if (c == 'u') {
				r->esc = 2;
				r->escv = 0;
			} else {
				r->esc = 0;
				if (r->high != NONE && r->high + 6 == r->esc_at)
					lone(r, r->high);
			}
			break;
		default:
			if ((h = hexval(c)) < 0) {
				r->esc = 0;	/* not JSON: yajl says so */
				break;
			}
			r->escv = r->escv << 4 | (unsigned)h;
			if (++r->esc == 6) {
				r->esc = 0;
				escape_done(r);
			}
		}
	}
}

/* Gives yajl the bytes it can have; 0, or -1 when yajl rejected them.
 * A line at column 0 that yajl refuses at its very first byte, inside a
 * top-level wrapper, is a new top-level value after a wrapper cut short
 * (NDJSON of responses): its rows were all given already; read on afresh. */
static int
parse_bytes(bh_jreader *r, const unsigned char *p, size_t n)
{
	int fresh = r->line_fresh;

	r->line_fresh = 0;
	if (yajl_parse(r->h, p, n) == yajl_status_ok)
		return 0;
	if (fresh && !r->errored && yajl_get_bytes_consumed(r->h) <= 1) {
		reader_open(r);
		if (yajl_parse(r->h, p, n) == yajl_status_ok)
			return 0;
	}
	yajl_failed(r, p, n);
	return -1;
}

/* The piece through the surrogate check to yajl; bytes whose fate is open are
 * carried to the next piece (at_end: there is none, so they are lone). */
static int
parse_checked(bh_jreader *r, const unsigned char *p, size_t n, int at_end)
{
	size_t len = r->ncarry + n, cut;

	if (!r->ncarry && r->high == NONE && r->esc == 0 && !memchr(p, '\\', n))
		return parse_bytes(r, p, n);
	if (len > r->capwork) {
		r->capwork = len + 64;
		r->work = bh_realloc(r->work, r->capwork);
	}
	if (n)
		memcpy(r->work + r->ncarry, p, n);
	scan_escapes(r, r->ncarry, len);
	if (at_end && r->high != NONE)
		lone(r, r->high);
	cut = len;
	if (!at_end && r->esc && r->esc_at < cut)
		cut = r->esc_at;
	if (!at_end && r->high != NONE && r->high < cut)
		cut = r->high;
	r->ncarry = len - cut;
	if (cut && parse_bytes(r, r->work, cut) < 0)
		return -1;
	if (r->ncarry) {
		memmove(r->work, r->work + cut, r->ncarry);
		if (r->esc)
			r->esc_at -= cut;
		if (r->high != NONE)
			r->high -= cut;
	}
	return 0;
}

static void
feed_piece(bh_jreader *r, const unsigned char *p, size_t n)
{
	if (r->skipping || r->stop)
		return;
	if (parse_checked(r, p, n, 0) < 0)
		return;
	if (r->in_rec) {
		r->rec_bytes += n;
		if (r->rec_bytes > r->max_record) {
			char why[80];
			snprintf(why, sizeof why, "%s: %zu MiB", N_("record larger than the limit"), r->max_record >> 20);
			reject(r, why);
		}
	}
}

void
bh_jreader_feed(bh_jreader *r, const char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)buf, *end = p + n;

	while (p < end && !r->stop) {
		const unsigned char *q = p, *stop;
		size_t lim = (size_t)(end - p) < PIECE ? (size_t)(end - p) : PIECE;

		/* Blanks at the start of a line are measured to find where records
		 * begin; the first other byte may restart a skipped entry. */
		while (r->line_start && q < end && (*q == ' ' || *q == '\t' || *q == '\r')) {
			r->indent++;
			q++;
		}
		if (r->line_start && q < end && *q != '\n') {
			r->line_start = 0;
			if (!line_begins(r, *q)) {
				r->skipping = 1;
			}
		}
		lim = (size_t)(end - p) < PIECE ? (size_t)(end - p) : PIECE;
		stop = memchr(p, '\n', lim);
		stop = stop ? stop + 1 : p + lim;
		feed_piece(r, p, (size_t)(stop - p));
		if (stop[-1] == '\n') {
			r->line++;
			r->line_start = 1;
			r->indent = 0;
		}
		p = stop;
	}
}

void
bh_jreader_finish(bh_jreader *r)
{
	if (r->stop)
		return;
	/* the bytes still carried: a high surrogate there has no pair */
	if (!r->skipping && r->ncarry)
		parse_checked(r, (const unsigned char *)"", 0, 1);
	if (!r->skipping) {
		if (yajl_complete_parse(r->h) != yajl_status_ok && !r->in_rec && r->depth == 0)
			yajl_failed(r, NULL, 0);
	}
	if (r->in_rec)
		r->on_bad(r->ctx, r->rec_line, N_("record not complete at the end of the file (truncated?)"));
	r->in_rec = 0;
}

/* ---- whole small texts ---- */

struct small {
	struct builder b;
	int depth;
};

static int s_scalar(struct small *s, enum bh_jtype t, const unsigned char *p, size_t n)
{
	add_node(&s->b, t, p, n);
	return 1;
}
static int s_null(void *c) { return s_scalar(c, BH_JNULL, NULL, 0); }
static int s_bool(void *c, int v) { return s_scalar(c, v ? BH_JTRUE : BH_JFALSE, NULL, 0); }
static int s_num(void *c, const char *p, size_t n) { return s_scalar(c, BH_JNUM, (const unsigned char *)p, n); }
static int s_str(void *c, const unsigned char *p, size_t n) { return s_scalar(c, BH_JSTR, p, n); }
static int
s_open(void *c, enum bh_jtype t)
{
	struct small *s = c;

	if (s->b.nopen >= MAXDEPTH)
		return 0;
	s->b.open[s->b.nopen] = add_node(&s->b, t, NULL, 0);
	s->b.nopen++;
	return 1;
}
static int s_smap(void *c) { return s_open(c, BH_JOBJ); }
static int s_sarr(void *c) { return s_open(c, BH_JARR); }
static int s_close(void *c) { ((struct small *)c)->b.nopen--; return 1; }
static int
s_key(void *c, const unsigned char *p, size_t n)
{
	struct small *s = c;

	s->b.key = doc_str(s->b.doc, p, n);
	s->b.kid = bh_jkey_id((const char *)p, n);
	return 1;
}

static const yajl_callbacks small_callbacks = {
	s_null, s_bool, NULL, NULL, s_num, s_str, s_smap, s_key, s_close, s_sarr, s_close,
};

/* yajl's memory for a small text comes from a block of the doc, reused from
 * one text to the next (a media record parses its params once or twice:
 * malloc and free cost as much as the parse). Each piece has a header: its
 * size, and whether it came from malloc (when the block is full). */
#define YBLOCK 8192
#define YHEAD 16

static void *
y_malloc(void *c, size_t n)
{
	bh_jdoc *d = c;
	size_t need = YHEAD + ((n + 15) & ~(size_t)15);
	char *p;

	if (d->yused + need <= d->ycap) {
		p = d->ymem + d->yused;
		d->yused += need;
		p[sizeof n] = 0;
	} else {
		if (!(p = malloc(YHEAD + n)))
			return NULL;
		p[sizeof n] = 1;
	}
	memcpy(p, &n, sizeof n);
	return p + YHEAD;
}

static void
y_free(void *c, void *q)
{
	char *p = q ? (char *)q - YHEAD : NULL;

	(void)c;
	if (p && p[sizeof(size_t)])
		free(p);
}

static void *
y_realloc(void *c, void *q, size_t n)
{
	size_t old;
	void *r;

	if (!q)
		return y_malloc(c, n);
	memcpy(&old, (char *)q - YHEAD, sizeof old);
	if (n <= old)
		return q;
	if (!(r = y_malloc(c, n)))
		return NULL;
	memcpy(r, q, old);
	y_free(c, q);
	return r;
}

int
bh_json_parse(bh_jdoc *doc, const char *text, size_t len)
{
	struct small s;
	yajl_alloc_funcs af = {y_malloc, y_realloc, y_free, doc};
	yajl_handle h;
	int ok;

	memset(&s, 0, sizeof s);
	builder_reset(&s.b, doc);
	if (!doc->ymem) {
		doc->ymem = bh_malloc(YBLOCK);
		doc->ycap = YBLOCK;
	}
	doc->yused = 0;
	if (!(h = yajl_alloc(&small_callbacks, &af, &s)))
		bh_die(_("out of memory"));
	ok = yajl_parse(h, (const unsigned char *)text, len) == yajl_status_ok &&
	    yajl_complete_parse(h) == yajl_status_ok && doc->nnodes > 0;
	yajl_free(h);
	if (!ok)
		return -1;
	builder_fix(doc);
	return 0;
}
