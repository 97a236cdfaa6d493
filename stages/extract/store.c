/* store.c: binhyen-extract stores a mapped record: a message is looked up
 * first (exports overlap: most copies are stored already) and merged with its
 * stored copy, else inserted with its parts (quote, mentions, media,
 * reactions); reactions, recalls, member events and group names are inserted
 * or ignored by their SQL. Statements of this file go through bh_db_run:
 * sqlite3_changes() is read right after, before any other statement runs. */
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "extract.h"

/* What a stored copy lacks that another copy of the message may bring: the
 * bits of found()'s *lacks, read by merge_message. */
enum lack {
	LACKS_TYPE = 1 << 0,	/* its type is "recalled": the recall came first */
	LACKS_TEXT = 1 << 1,	/* no text */
	LACKS_CAPTION = 1 << 2,	/* no caption */
	LACKS_RECALL = 1 << 3,	/* not marked recalled */
	LACKS_DNAME = 1 << 4,	/* no display name of its sender */
	LACKS_MSGID = 1 << 5,	/* found by (sender, cliMsgId): it may have no msgId */
};

static int
changed(struct extract *x, sqlite3_stmt *st)
{
	bh_db_run(st);
	return sqlite3_changes(x->db) > 0;
}

static void
store_group(struct extract *x, const char *gid)
{
	int i;

	/* records come in runs of one group: the last one met first */
	if (x->lastgroup < x->ngroups && strcmp(x->groups[x->lastgroup], gid) == 0)
		return;
	for (i = 0; i < x->ngroups; i++)
		if (strcmp(x->groups[i], gid) == 0) {
			x->lastgroup = i;
			return;
		}
	if (x->ngroups < MAX_GROUPS)
		x->groups[x->ngroups++] = bh_strdup(gid);
	TEXT(x->q[Q_GROUP], 1, gid);
	sqlite3_bind_null(x->q[Q_GROUP], 2);
	bh_db_run(x->q[Q_GROUP]);
}

/* A reaction from the phone names its target by cliMsgId: stored on that
 * message's msgId when it is stored, else kept aside until it is
 * (sql/ingest_finish.sql). */
static int
store_reaction(struct extract *x, const char *gid, const struct bh_react *rc)
{
	sqlite3_stmt *st = x->q[Q_REACTION], *f = x->q[Q_FIND_GROUP_CLI];
	char *target = NULL;
	int any;

	if (!rc->target) {
		TEXT(f, 1, gid);
		TEXT(f, 2, rc->target_cli);
		if (sqlite3_step(f) == SQLITE_ROW)
			target = bh_strdup((const char *)sqlite3_column_text(f, 0));
		sqlite3_reset(f);
		if (!target)
			st = x->q[Q_PHONE_REACTION];
	}
	TEXT(st, 1, gid);
	TEXT(st, 2, rc->target ? rc->target : target ? target : rc->target_cli);
	TEXT(st, 3, rc->reactor);
	TEXT(st, 4, rc->icon);
	OPTINT(st, 5, rc->ts);
	any = changed(x, st);
	free(target);
	return any;
}

/* The copy a find statement (bound) finds, with in *lacks what it lacks that
 * this one may bring (enum lack); 0 when none. by_cli: it may lack a msgId.
 * The statements' columns: id, type, and whether text, caption, recalled and
 * dname are set. */
static sqlite3_int64
found(sqlite3_stmt *st, int by_cli, int *lacks)
{
	sqlite3_int64 id = 0;

	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*lacks = (strcmp((const char *)sqlite3_column_text(st, 1), "recalled") == 0 ?
			LACKS_TYPE : 0) |
		    (sqlite3_column_int(st, 2) ? 0 : LACKS_TEXT) |
		    (sqlite3_column_int(st, 3) ? 0 : LACKS_CAPTION) |
		    (sqlite3_column_int(st, 4) ? 0 : LACKS_RECALL) |
		    (sqlite3_column_int(st, 5) ? 0 : LACKS_DNAME) |
		    (by_cli ? LACKS_MSGID : 0);
	}
	sqlite3_reset(st);
	return id;
}

/* For a copy with a msgId: a stored copy of it that had none. */
static sqlite3_int64
find_without_msgid(struct extract *x, const bh_rec *r, int *lacks)
{
	sqlite3_stmt *st = x->q[Q_FIND_NOMSGID];

	if (!r->cli_msg_id || !xnomsgid_maybe(&x->nomsgid, r->cli_msg_id))
		return 0;
	TEXT(st, 1, r->group_id);
	TEXT(st, 2, r->sender);
	TEXT(st, 3, r->cli_msg_id);
	return found(st, 1, lacks);
}

/* The stored copy of this message: by msgId, then by (sender, cliMsgId).
 * fresh: no copy with its msgId can be stored (xreader_start). */
static sqlite3_int64
find_message(struct extract *x, const bh_rec *r, int fresh, int *lacks)
{
	sqlite3_stmt *st;
	sqlite3_int64 id;

	if (r->msg_id) {
		if (fresh)
			return find_without_msgid(x, r, lacks);
		st = x->q[Q_FIND_MSGID];
		TEXT(st, 1, r->msg_id);
		TEXT(st, 2, r->group_id);
		if ((id = found(st, 0, lacks)) != 0)
			return id;
		return find_without_msgid(x, r, lacks);
	}
	if (!r->cli_msg_id)
		return 0;
	st = x->q[Q_FIND_CLI];
	TEXT(st, 1, r->group_id);
	TEXT(st, 2, r->sender);
	TEXT(st, 3, r->cli_msg_id);
	TEXT(st, 4, r->msg_id);
	return found(st, 1, lacks);
}

/* Runs sql/ingest_merge_message.sql only when this copy brings something the
 * stored one lacks. */
static void
merge_message(struct extract *x, sqlite3_int64 id, const bh_rec *r, int lacks)
{
	sqlite3_stmt *st = x->q[Q_MERGE];
	int useful = ((lacks & LACKS_TYPE) && strcmp(r->type, "recalled") != 0) ||
	    ((lacks & LACKS_TEXT) && r->text) || ((lacks & LACKS_CAPTION) && r->caption) ||
	    ((lacks & LACKS_RECALL) && r->recalled) || ((lacks & LACKS_DNAME) && r->dname) ||
	    ((lacks & LACKS_MSGID) && r->msg_id);

	if (!useful)
		return;
	sqlite3_bind_int64(st, 1, id);
	TEXT(st, 2, r->msg_id);
	TEXT(st, 3, r->text);
	TEXT(st, 4, r->caption);
	sqlite3_bind_int(st, 5, r->recalled);
	TEXT(st, 6, r->type);
	TEXT(st, 7, r->type_code);
	TEXT(st, 8, r->dname);
	bh_db_run(st);
}

static sqlite3_int64
insert_message(struct extract *x, const bh_rec *r)
{
	sqlite3_stmt *st = x->q[Q_INSERT];

	TEXT(st, 1, r->group_id);
	TEXT(st, 2, r->msg_id);
	TEXT(st, 3, r->cli_msg_id);
	TEXT(st, 4, r->sender);
	TEXT(st, 5, r->dname);
	sqlite3_bind_int64(st, 6, r->ts);
	TEXT(st, 7, r->type);
	TEXT(st, 8, r->type_code);
	TEXT(st, 9, r->text);
	TEXT(st, 10, r->caption);
	sqlite3_bind_int(st, 11, r->recalled);
	sqlite3_bind_int64(st, 12, x->source_id);
	bh_db_run(st);
	/* 0: a copy with this msgId is stored already */
	return sqlite3_changes(x->db) ? sqlite3_last_insert_rowid(x->db) : 0;
}

static void
message_parts(struct extract *x, sqlite3_int64 id, const bh_rec *r)
{
	sqlite3_stmt *st;
	int i;

	if (r->has_quote) {
		st = x->q[Q_QUOTE];
		sqlite3_bind_int64(st, 1, id);
		TEXT(st, 2, r->q_msg_id);
		TEXT(st, 3, r->q_cli_msg_id);
		TEXT(st, 4, r->q_owner);
		OPTINT(st, 5, r->q_ts);
		bh_db_run(st);
	}
	for (i = 0; i < r->nment; i++) {
		st = x->q[Q_MENTION];
		sqlite3_bind_int64(st, 1, id);
		TEXT(st, 2, r->ment[i].uid);
		sqlite3_bind_int(st, 3, r->ment[i].type);
		bh_db_run(st);
	}
	if (r->has_media) {
		st = x->q[Q_MEDIA];
		sqlite3_bind_int64(st, 1, id);
		TEXT(st, 2, r->m_kind);
		TEXT(st, 3, r->m_file);
		TEXT(st, 4, r->m_ext);
		OPTINT(st, 5, r->m_size);
		OPTINT(st, 6, r->m_w);
		OPTINT(st, 7, r->m_h);
		OPTINT(st, 8, r->m_dur);
		TEXT(st, 9, r->m_host);
		bh_db_run(st);
	}
	for (i = 0; i < r->nreact; i++)
		store_reaction(x, r->group_id, &r->react[i]);
}

static int
store_message(struct extract *x, const bh_rec *r, int fresh)
{
	sqlite3_int64 id = 0;
	int lacks = 0;

	store_group(x, r->group_id);
	/* Looked up before the insert: exports overlap, and a failed insert costs
	 * more than a lookup. */
	id = find_message(x, r, fresh, &lacks);
	if (id == 0 && (id = insert_message(x, r)) != 0) {
		if (!r->msg_id && r->cli_msg_id)
			xnomsgid_add(&x->nomsgid, r->cli_msg_id);
		xnames_add(x->names, r->sender, r->dname, r->ts);
		message_parts(x, id, r);
		return 1;
	}
	if (id == 0 && (id = find_message(x, r, 0, &lacks)) == 0)
		bh_die(_("database error: message %s of group %s neither new nor stored"),
		    r->msg_id ? r->msg_id : "?", r->group_id);
	merge_message(x, id, r, lacks);
	message_parts(x, id, r);
	return 0;
}

static int
store_members(struct extract *x, const bh_rec *r)
{
	sqlite3_stmt *st = x->q[r->kind == BH_R_MEMBER ? Q_MEMBER : Q_EVENT];
	int i, any = 0, n = r->nmember ? r->nmember : 1;

	store_group(x, r->group_id);
	for (i = 0; i < n; i++) {
		const char *who = r->nmember ? r->members[i] : r->ref;
		TEXT(st, 1, r->group_id);
		if (r->kind == BH_R_MEMBER) {
			TEXT(st, 2, who);
			TEXT(st, 3, r->act);
		} else {
			TEXT(st, 2, r->act);
			TEXT(st, 3, who ? who : "");
		}
		sqlite3_bind_int64(st, 4, r->ts);
		TEXT(st, 5, r->sender);
		any |= changed(x, st);
	}
	return any;
}

int
xstore(struct extract *x, const bh_rec *r, int fresh)
{
	sqlite3_stmt *st;

	switch (r->kind) {
	case BH_R_MESSAGE:
		return store_message(x, r, fresh);
	case BH_R_REACTION: {
		int i, any = 0;
		store_group(x, r->group_id);
		for (i = 0; i < r->nreact; i++)
			any |= store_reaction(x, r->group_id, &r->react[i]);
		return any;
	}
	case BH_R_RECALL:
		st = x->q[Q_RECALL];
		TEXT(st, 1, r->group_id);
		TEXT(st, 2, r->r_msg_id);
		TEXT(st, 3, r->r_cli_msg_id);
		TEXT(st, 4, r->sender);
		sqlite3_bind_int64(st, 5, r->ts);
		store_group(x, r->group_id);
		return changed(x, st);
	case BH_R_MEMBER:
	case BH_R_EVENT:
		return store_members(x, r);
	case BH_R_CONV:
		st = x->q[Q_GROUP];
		TEXT(st, 1, r->group_id);
		TEXT(st, 2, r->name);
		return changed(x, st);
	default:
		return 0;
	}
}

void
xstore_media_file(struct extract *x, const char *name, const char *msgid, const char *size)
{
	sqlite3_stmt *st = x->q[Q_MEDIA_FILE];

	sqlite3_bind_int64(st, 1, x->source_id);
	TEXT(st, 2, name);
	TEXT(st, 3, *msgid ? msgid : NULL);
	if (*size && *size != '-')
		sqlite3_bind_int64(st, 4, strtoll(size, NULL, 10));
	else
		sqlite3_bind_null(st, 4);
	bh_db_run(st);
}

void
xstore_name(void *ctx, const char *sender, const char *dname, long long last)
{
	struct extract *x = ctx;
	sqlite3_stmt *st = x->q[Q_SENDER_NAME];

	TEXT(st, 1, sender);
	TEXT(st, 2, dname);
	sqlite3_bind_int64(st, 3, last);
	bh_db_run(st);
}
