/* fuzz_record.c: libFuzzer target: any bytes as the entry of a record file (PC
 * lines, Web arrays, NDJSON, wrappers), read by bh_jreader in two chunks and
 * mapped by bh_map; a record that is kept must have what the database needs. */
#include <string.h>

#include "bh_err.h"
#include "bh_json.h"
#include "bh_record.h"
#include "bh_text.h"
#include "fuzz.h"

struct fz {
	bh_mapper *m;
	const char *owner;
};

/* What binhyen-extract binds into NOT NULL columns, per kind. */
static void
check_kept(const bh_rec *r)
{
	int i;

	FZ_CHECK(r->kind != BH_R_NONE);
	FZ_CHECK(r->group_id && *r->group_id);
	switch (r->kind) {
	case BH_R_MESSAGE:
		FZ_CHECK(r->sender && r->type && r->type_code && r->ts > 0);
		FZ_CHECK(r->msg_id || r->cli_msg_id);
		FZ_CHECK(!r->has_media || r->m_kind);
		FZ_CHECK(!r->has_quote || r->q_msg_id || r->q_cli_msg_id);
		for (i = 0; i < r->nment; i++)
			FZ_CHECK(r->ment[i].uid);
		break;
	case BH_R_REACTION:
		FZ_CHECK(r->nreact > 0);
		break;
	case BH_R_RECALL:
		FZ_CHECK(r->r_msg_id && r->r_cli_msg_id);
		break;
	case BH_R_MEMBER:
		FZ_CHECK(r->act && r->nmember > 0 && r->ts > 0);
		break;
	case BH_R_EVENT:
		FZ_CHECK(r->act && r->ts > 0);
		break;
	default:
		break;
	}
	for (i = 0; i < r->nreact; i++)
		FZ_CHECK((r->react[i].target || r->react[i].target_cli) && r->react[i].reactor &&
		    r->react[i].icon);
	for (i = 0; i < r->nmember; i++)
		FZ_CHECK(r->members[i]);
}

/* Every string the record points to must still be there. */
static void
touch_all(const bh_rec *r)
{
	const char *s[] = {
		r->reject, r->skip, r->group_id, r->msg_id, r->cli_msg_id, r->sender, r->dname,
		r->type, r->type_code, r->text, r->caption, r->q_msg_id, r->q_cli_msg_id,
		r->q_owner, r->m_kind, r->m_file, r->m_ext, r->m_host, r->act, r->ref, r->name,
		r->r_msg_id, r->r_cli_msg_id,
	};
	size_t i;
	int k;

	for (i = 0; i < sizeof s / sizeof s[0]; i++)
		fz_touch(s[i]);
	for (k = 0; k < r->nment; k++)
		fz_touch(r->ment[k].uid);
	for (k = 0; k < r->nreact; k++) {
		fz_touch(r->react[k].target);
		fz_touch(r->react[k].target_cli);
		fz_touch(r->react[k].reactor);
		fz_touch(r->react[k].icon);
	}
	for (k = 0; k < r->nmember; k++)
		fz_touch(r->members[k]);
}

/* Every name and string of the tree is valid UTF-8 without NUL (bh_json.h). */
static void
check_tree(const bh_jnode *n, const bh_jnode *parent)
{
	for (; n; n = n->next) {
		FZ_CHECK(!parent || (parent->type == BH_JOBJ) == (n->key != NULL));
		if (n->key)
			FZ_CHECK(bh_utf8_invalid_at(n->key, fz_touch(n->key)) < 0);
		if (n->type == BH_JSTR || n->type == BH_JNUM) {
			FZ_CHECK(n->s && fz_touch(n->s) == n->len);
			FZ_CHECK(bh_utf8_invalid_at(n->s, n->len) < 0);
		}
		FZ_CHECK(!n->child || n->type == BH_JOBJ || n->type == BH_JARR);
		check_tree(n->child, n);
	}
}

static void
on_rec(void *ctx, const bh_jnode *root, long line, int wrap)
{
	struct fz *f = ctx;
	bh_rec r;

	FZ_CHECK(root && root->type == BH_JOBJ && !root->next);
	FZ_CHECK(line >= 1);
	check_tree(root, NULL);
	bh_map(f->m, root, f->owner, wrap, &r);
	touch_all(&r);
	if (!r.private_chat && !r.reject && !r.skip)
		check_kept(&r);
}

static void
on_bad(void *ctx, long line, const char *why)
{
	FZ_CHECK(line >= 1);
	FZ_CHECK(why && *why);
	fz_touch(why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = {0};
	bh_jreader *r;
	size_t cut = size ? (size_t)data[0] * 31 % (size + 1) : 0;

	bh_quiet = 1;
	f.m = bh_mapper_new();
	/* Both with and without a known backup owner; a small record limit too;
	 * in keep mode as binhyen-extract reads (only the names bh_map reads). */
	f.owner = size & 1 ? "7312004958821134467" : NULL;
	r = bh_jreader_new(size & 2 ? 512 : 16u << 20, on_rec, on_bad, &f);
	if (size & 4)
		bh_jreader_keep(r, BH_MAP_WHOLE);
	bh_jreader_feed(r, (const char *)data, cut);
	bh_jreader_feed(r, (const char *)data + cut, size - cut);
	bh_jreader_finish(r);
	fz_touch(bh_jreader_stopped(r));
	bh_jreader_free(r);
	bh_mapper_free(f.m);
	return 0;
}
