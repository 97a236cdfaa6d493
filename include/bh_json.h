/* bh_json.h: streaming JSON records with yajl.
 * A reader takes the bytes of one entry in any chunks and calls back once per
 * record (a JSON object: an NDJSON line, an element of a top-level array, or an
 * element of the groupMsgs / msgs / pageMsgs arrays of a Web API response
 * {"data":{"groupMsgs":[…],…}} or of its data alone, wherever these sit) with a
 * small tree of that record alone, so memory
 * stays bounded by the largest record, whatever the size of the file.
 * The reader owns the tree; it is valid during the callback only. */
#ifndef BH_JSON_H
#define BH_JSON_H
#include <stddef.h>

enum bh_jtype { BH_JNULL, BH_JFALSE, BH_JTRUE, BH_JNUM, BH_JSTR, BH_JOBJ, BH_JARR };

/* The member names records are read by: those the record mapper looks up
 * (bh_jgetk), and the wrappers' (groupMsgs, msgs, pageMsgs). Each has an id,
 * BH_K_<name>, set on every node of that name (bh_jnode.kid). A reader in
 * keep mode (bh_jreader_keep) stores no other member: a name the mapper
 * starts to read must be added here, and the compiler says so (BH_K_). */
#define BH_JKEYS(X) \
	X(act) X(action) X(cMsgID) X(cliMsgId) X(cmd) X(content) X(dName) X(data) \
	X(description) X(duration) X(error_code) X(fileExt) X(fileSize) X(fileUrl) \
	X(fromUid) X(gMsgID) X(globalMsgId) X(groupId) X(groupMsgs) X(hdUrl) X(height) \
	X(href) X(icon) X(id) X(idTo) X(isGroup) X(isSelf) X(mentions) X(message) \
	X(msgId) X(msgType) X(msgs) X(name) X(normalUrl) X(oriUrl) X(ownerId) \
	X(pageMsgs) X(params) X(quote) X(rIcon) X(rMsg) X(reactions) X(reacts) \
	X(sendDttm) X(serverTime) X(sourceId) X(thumb) X(thumbUrl) X(threadId) X(time) \
	X(title) X(toUid) X(ts) X(type) X(uid) X(uidFrom) X(updateMembers) X(userId) \
	X(width)

#define BH_K_ENUM_(n) BH_K_##n,
enum bh_jkey { BH_K_OTHER, BH_JKEYS(BH_K_ENUM_) BH_K_COUNT };
#undef BH_K_ENUM_

typedef struct bh_jnode bh_jnode;
struct bh_jnode {
	enum bh_jtype type;
	const char *key;	/* member name inside an object, else NULL */
	const char *s;		/* string value or number token text, NUL-terminated; valid
				 * UTF-8 (each invalid sequence, \u0000 or a lone surrogate is U+FFFD) */
	size_t len;
	int kid;		/* the member name's BH_K_ id, BH_K_OTHER for any other */
	bh_jnode *child;	/* first member or element */
	bh_jnode *next;		/* next sibling */
	/* offsets while the tree is built (the arena may move) */
	size_t koff, soff, nchild, nnext, nlast;
};

/* The record tree: node 0 is the root. */
typedef struct bh_jdoc {
	bh_jnode *nodes;
	size_t nnodes, capnodes;
	char *str;
	size_t nstr, capstr;
	char *ymem;		/* yajl's memory for bh_json_parse, reused */
	size_t yused, ycap;
} bh_jdoc;

/* Lookups; NULL when absent. A member named twice: its last value. */
const bh_jnode *bh_jget(const bh_jnode *obj, const char *key);
/* The text of a string or number member, NULL for anything else. */
const char *bh_jtext(const bh_jnode *obj, const char *key);
/* The same by id (BH_K_ of BH_JKEYS): an integer compare per member. */
const bh_jnode *bh_jgetk(const bh_jnode *obj, int kid);
const char *bh_jtextk(const bh_jnode *obj, int kid);
/* The BH_K_ id of a member name of n bytes; BH_K_OTHER when not in BH_JKEYS. */
int bh_jkey_id(const char *s, size_t n);

enum { BH_REC_WRAP_NONE, BH_REC_WRAP_GROUP, BH_REC_WRAP_PRIVATE };

/* Called per record: root, the line it starts on, and which wrapper array
 * held it: BH_REC_WRAP_GROUP groupMsgs, BH_REC_WRAP_PRIVATE msgs or pageMsgs. */
typedef void bh_rec_cb(void *ctx, const bh_jnode *root, long line, int wrap);
/* Called per rejected record: the line and why. */
typedef void bh_bad_cb(void *ctx, long line, const char *why);

typedef struct bh_jreader bh_jreader;

bh_jreader *bh_jreader_new(size_t max_record, bh_rec_cb *on_rec, bh_bad_cb *on_bad, void *ctx);
/* Keep mode: a record's tree holds only the members named in BH_JKEYS, at
 * any depth, except inside an object named whole (a BH_K_ id; BH_K_OTHER for
 * none), whose members, whatever their names, are all kept. The others are
 * parsed (and checked), as they must be, but not stored: less work per
 * record. Call before the first bh_jreader_feed. */
void bh_jreader_keep(bh_jreader *r, int whole);
void bh_jreader_feed(bh_jreader *r, const char *p, size_t n);
/* End of the entry: a record left open is rejected. */
void bh_jreader_finish(bh_jreader *r);
/* A fatal problem that stopped reading the entry (the rest of it is unread), or NULL. */
const char *bh_jreader_stopped(const bh_jreader *r);
void bh_jreader_free(bh_jreader *r);

/* Parse a whole small JSON text (a params string) into doc; root is nodes[0].
 * Returns 0, or -1 when the text is not JSON. doc is reused; free with bh_jdoc_free. */
int bh_json_parse(bh_jdoc *doc, const char *text, size_t len);
void bh_jdoc_free(bh_jdoc *doc);

#endif
