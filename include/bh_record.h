/* bh_record.h: one Zalo record (PC or Web format) mapped to what binhyen stores.
 * Strings in a bh_rec point into the JSON tree or the mapper's scratch space:
 * valid until the next bh_map call. The caller owns the mapper (bh_mapper_free). */
#ifndef BH_RECORD_H
#define BH_RECORD_H
#include "bh_json.h"

enum bh_rkind {
	BH_R_NONE,		/* rejected or skipped: see reject / skip / private_chat */
	BH_R_MESSAGE,
	BH_R_REACTION,		/* a Web chat.reaction row */
	BH_R_RECALL,		/* a Web chat.undo row */
	BH_R_MEMBER,		/* join / leave / remove_member, one per member named */
	BH_R_EVENT,		/* pin, delete, other group events */
	BH_R_CONV,		/* a _zconversation line naming a group */
};

struct bh_mention { const char *uid; int type; };
/* target: the msgId reacted to; NULL for a reaction from the Zalo phone app
 * (gMsgID 0), whose target is the group's message with cliMsgId target_cli. */
struct bh_react { const char *target, *target_cli, *reactor, *icon; long long ts; /* -1: none */ };

typedef struct bh_rec {
	enum bh_rkind kind;
	const char *reject;	/* the record is bad: why */
	const char *skip;	/* the record is fine but not stored: why */
	int private_chat;	/* a 1:1 chat: never stored */
	int owner_unknown;	/* sent by a backup owner nobody could name */
	int unmarked;		/* a Web row with no group mark, taken as a group row */

	const char *group_id, *msg_id, *cli_msg_id, *sender, *dname;
	long long ts;
	const char *type, *type_code, *text, *caption;
	int recalled;

	int has_quote;
	const char *q_msg_id, *q_cli_msg_id, *q_owner;
	long long q_ts;		/* -1: none */

	struct bh_mention *ment;
	int nment;

	int has_media;
	const char *m_kind, *m_file, *m_ext, *m_host;
	long long m_size, m_w, m_h, m_dur;	/* -1: unknown */

	struct bh_react *react;	/* PC reacts entries, or the one Web reaction */
	int nreact;

	const char *act;	/* member event act, or event kind */
	const char **members;	/* member uids (member events, other acts) */
	int nmember;
	const char *ref;	/* event: the msgId it concerns, or "" */

	const char *name;	/* conversation: group name */
	const char *r_msg_id, *r_cli_msg_id;	/* recall target ("" when unknown) */
} bh_rec;

typedef struct bh_mapper bh_mapper;

bh_mapper *bh_mapper_new(void);
void bh_mapper_free(bh_mapper *m);
/* owner: the backup owner's uid, or NULL; wrap: BH_REC_WRAP_* of bh_json.h.
 * root is a row, a zca-js listener object around one, or a group event. */
void bh_map(bh_mapper *m, const bh_jnode *root, const char *owner, int wrap, bh_rec *out);

/* bh_map reads members by their BH_K_ ids (bh_json.h's BH_JKEYS), so a reader
 * in keep mode need store no other; except inside this object, whose members
 * (PC reactions by reactor uid) it walks whatever their names:
 * bh_jreader_keep(r, BH_MAP_WHOLE). */
#define BH_MAP_WHOLE BH_K_reactions

/* The reported message type for a PC msgType number / Web msgType string. */
const char *bh_type_pc(long code, const bh_jnode *content);
const char *bh_type_web(const char *mt, const bh_jnode *content);

#endif
