/* test_record.c: the record mapper and the streaming JSON reader, on hand-written records. */
#include <stdlib.h>
#include <string.h>

#include "bh_json.h"
#include "bh_path.h"
#include "bh_record.h"
#include "t.h"

static bh_jdoc doc;
static bh_mapper *mapper;

static const bh_rec *
map(const char *json, const char *owner, int wrap)
{
	static bh_rec r;

	if (bh_json_parse(&doc, json, strlen(json)) < 0) {
		printf("# not JSON: %s\n", json);
		memset(&r, 0, sizeof r);
		r.reject = "test: not JSON";
		return &r;
	}
	bh_map(mapper, &doc.nodes[0], owner, wrap, &r);
	return &r;
}

static void
pc_text(void)
{
	const bh_rec *r = map("{\"msgId\":\"2301000000103\",\"cliMsgId\":\"1709262000200\",\"msgType\":1,"
	    "\"message\":\"bị mất trộm xe máy\",\"serverTime\":\"1709262000000\",\"sendDttm\":\"1\","
	    "\"fromUid\":\"5665005889540787359\",\"toUid\":\"g4411205930127745519\",\"dName\":\"Bách\","
	    "\"mentions\":[{\"uid\":\"0\",\"pos\":0,\"len\":3,\"type\":0},{\"uid\":\"-1\",\"type\":1}],"
	    "\"quote\":{\"ownerId\":39456257143545255,\"cliMsgId\":1709258399800,"
	    "\"globalMsgId\":2301000000101,\"ts\":1709258400000}}", "777", 0);

	T_INT(r->kind, BH_R_MESSAGE, "PC text is a message");
	T_STR(r->group_id, "4411205930127745519", "group id without the g");
	T_STR(r->msg_id, "2301000000103", "msgId as text");
	T_STR(r->sender, "5665005889540787359", "sender");
	T_INT(r->ts, 1709262000000LL, "serverTime preferred to sendDttm");
	T_STR(r->type, "text", "type text");
	T_STR(r->text, "bị mất trộm xe máy", "text");
	T_OK(r->caption == NULL, "no caption on text");
	T_OK(r->has_quote, "quote read");
	T_STR(r->q_msg_id, "2301000000101", "quote globalMsgId from a number token");
	T_STR(r->q_owner, "39456257143545255", "17-digit ownerId kept exactly");
	T_INT(r->q_ts, 1709258400000LL, "quote ts number");
	T_INT(r->nment, 2, "two mentions");
	T_STR(r->ment[0].uid, "777", "mention of uid 0 is the owner");
	T_INT(r->ment[1].type, 1, "@all type 1");
}

static void
pc_owner_and_private(void)
{
	const bh_rec *r;

	r = map("{\"msgId\":\"1\",\"msgType\":1,\"message\":\"x\",\"serverTime\":\"5\","
	    "\"fromUid\":\"0\",\"toUid\":\"g9\"}", "123", 0);
	T_STR(r->sender, "123", "fromUid 0 resolved to the owner");
	T_OK(!r->owner_unknown, "owner known");
	r = map("{\"msgId\":\"1\",\"msgType\":1,\"message\":\"x\",\"serverTime\":\"5\","
	    "\"fromUid\":\"0\",\"toUid\":\"g9\"}", NULL, 0);
	T_STR(r->sender, "0", "unknown owner stays 0");
	T_OK(r->owner_unknown, "unknown owner flagged");
	r = map("{\"msgId\":\"1\",\"msgType\":1,\"message\":\"secret\",\"serverTime\":\"5\","
	    "\"fromUid\":\"1\",\"toUid\":\"7312004958821134467\"}", NULL, 0);
	T_OK(r->private_chat && r->kind == BH_R_NONE && r->text == NULL, "1:1 chat is private, nothing mapped");
	r = map("{\"msgId\":\"1\",\"msgType\":\"webchat\",\"content\":\"secret\",\"ts\":\"5\","
	    "\"uidFrom\":\"1\",\"idTo\":\"2\"}", NULL, BH_REC_WRAP_PRIVATE);
	T_OK(r->private_chat, "Web row from a msgs wrapper is private");
}

static void
pc_media(void)
{
	const bh_rec *r;

	r = map("{\"msgId\":\"2\",\"msgType\":2,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":{\"title\":\"Ảnh\",\"description\":\"tập huấn\","
	    "\"params\":\"\\\"{\\\\\\\"width\\\\\\\":1280,\\\\\\\"height\\\\\\\":850}\\\"\","
	    "\"oriUrl\":\"https://f1.example.invalid:443/a/b/IMG_1.JPG?x=1\"}}", NULL, 0);
	T_STR(r->type, "photo", "photo");
	T_STR(r->caption, "Ảnh tập huấn", "caption is title and description");
	T_INT(r->m_w, 1280, "width from params escaped twice");
	T_INT(r->m_h, 850, "height");
	T_STR(r->m_host, "f1.example.invalid", "URL host without port");
	T_STR(r->m_file, "IMG_1.JPG", "file name from the URL");
	T_STR(r->m_ext, "jpg", "extension lower-cased");
	r = map("{\"msgId\":\"3\",\"msgType\":19,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":{\"title\":\"bao-cao.pdf\",\"href\":\"https://x.invalid/f\","
	    "\"params\":{\"fileSize\":\"43541\",\"fileExt\":\"pdf\"}}}", NULL, 0);
	T_STR(r->type, "file", "file");
	T_STR(r->m_file, "bao-cao.pdf", "file name is the title");
	T_OK(r->text == NULL && r->caption == NULL, "a file's title is not text");
	T_INT(r->m_size, 43541, "fileSize from a params object");
	r = map("{\"msgId\":\"4\",\"msgType\":1,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":{\"action\":\"rtf\",\"title\":\"rich text\"}}", NULL, 0);
	T_STR(r->text, "rich text", "PC rich text: its title");
	r = map("{\"msgId\":\"5\",\"msgType\":6,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":{\"action\":\"recommened.user\"}}", NULL, 0);
	T_STR(r->type, "contact", "type 6 recommened.user is a contact");
	r = map("{\"msgId\":\"6\",\"msgType\":6,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":{\"action\":\"recommened.link\"}}", NULL, 0);
	T_STR(r->type, "link", "type 6 recommened.link is a link");
	r = map("{\"msgId\":\"7\",\"msgType\":99,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\"}", NULL, 0);
	T_STR(r->type, "other", "unknown type is other");
	T_STR(r->type_code, "99", "with its number");
	r = map("{\"msgId\":\"8\",\"msgType\":20,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":\"\"}", NULL, 0);
	T_OK(r->recalled && strcmp(r->type, "recalled") == 0, "type 20 is recalled");
}

static void
pc_events_and_rejects(void)
{
	const bh_rec *r;

	r = map("{\"msgId\":\"9\",\"msgType\":-1909,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\"}", NULL, 0);
	T_INT(r->kind, BH_R_EVENT, "-1909 is an event");
	T_STR(r->act, "pin", "a pin");
	r = map("{\"msgId\":\"9\",\"msgType\":-27,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\"}", NULL, 0);
	T_STR(r->act, "delete", "-27 is a delete");
	r = map("{\"msgId\":\"9\",\"msgType\":-4,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\","
	    "\"message\":\"{\\\"act\\\":\\\"join\\\",\\\"updateMembers\\\":[{\\\"id\\\":\\\"44\\\"},{\\\"id\\\":\\\"45\\\"}]}\"}", NULL, 0);
	T_INT(r->kind, BH_R_MEMBER, "-4 with readable members");
	T_INT(r->nmember, 2, "two members");
	r = map("{\"msgId\":\"9\",\"msgType\":-4,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\",\"message\":\"?\"}", NULL, 0);
	T_OK(r->kind == BH_R_NONE && r->skip, "-4 unreadable is skipped with a reason");
	r = map("{\"msgId\":\"1\",\"msgType\":1,\"message\":\"x\",\"serverTime\":\"5\",\"fromUid\":\"1\"}", NULL, 0);
	T_STR(r->reject, "missing thread id (toUid)", "missing toUid rejected");
	r = map("{\"msgId\":\"1\",\"msgType\":1,\"message\":\"x\",\"fromUid\":\"1\",\"toUid\":\"g9\"}", NULL, 0);
	T_STR(r->reject, "missing time (serverTime, sendDttm)", "missing time rejected");
	r = map("{\"msgId\":\"1\",\"msgType\":{},\"message\":\"x\",\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\"}", NULL, 0);
	T_OK(r->reject != NULL, "msgType object rejected");
	r = map("{\"hello\":1}", NULL, 0);
	T_OK(r->reject != NULL, "unknown record rejected");
	r = map("{\"msgId\":\"2\",\"msgType\":1,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\",\"message\":\"x\","
	    "\"reacts\":{\"rMsgId\":2,\"currentIcon\":3,\"reactions\":null}}", NULL, 0);
	T_INT(r->nreact, 0, "reacts without reactors: no reaction invented");
	r = map("{\"msgId\":\"2\",\"msgType\":1,\"serverTime\":\"5\",\"fromUid\":\"1\",\"toUid\":\"g9\",\"message\":\"x\","
	    "\"reacts\":{\"reactions\":[{\"uidFrom\":\"55\",\"rIcon\":\"/-heart\"},{\"total\":3}]}}", NULL, 0);
	T_INT(r->nreact, 1, "reacts with one named reactor");
	T_STR(r->react[0].reactor, "55", "reactor");
	T_INT(r->react[0].ts, -1, "no time");
}

static void
web_rows(void)
{
	const bh_rec *r;

	r = map("{\"msgId\":\"5838568651585\",\"cliMsgId\":\"1726541642393\",\"msgType\":\"webchat\","
	    "\"uidFrom\":\"39456257143545255\",\"idTo\":\"7070722571989963531\",\"ts\":1726541642555,"
	    "\"content\":\"Đã tiếp nhận\",\"quote\":{\"ownerId\":5665005889540787359,\"globalMsgId\":5836005608509}}", NULL, 0);
	T_INT(r->kind, BH_R_MESSAGE, "webchat message");
	T_STR(r->group_id, "7070722571989963531", "idTo is the group");
	T_INT(r->ts, 1726541642555LL, "ts as a number");
	T_STR(r->text, "Đã tiếp nhận", "content text");
	T_STR(r->q_owner, "5665005889540787359", "19-digit ownerId kept exactly");
	r = map("{\"msgType\":\"chat.reaction\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"rMsg\":[{\"gMsgID\":\"2301000000202\",\"cMsgID\":\"1\"}],\"rIcon\":\"\"}}", NULL, 0);
	T_INT(r->kind, BH_R_REACTION, "reaction row");
	T_STR(r->react[0].icon, "", "empty icon kept (removes)");
	T_STR(r->react[0].target, "2301000000202", "target msgId");
	r = map("{\"msgType\":\"chat.reaction\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"rMsg\":[{\"gMsgID\":\"11\"},{\"gMsgID\":\"12\"}],\"rIcon\":\"/-heart\"}}", NULL, 0);
	T_INT(r->nreact, 2, "a reaction row naming two messages is two reactions");
	T_STR(r->react[1].target, "12", "second target");
	r = map("{\"msgType\":\"chat.undo\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"globalMsgId\":5838568651585,\"cliMsgId\":1726541642393,\"deleteMsg\":1}}", NULL, 0);
	T_INT(r->kind, BH_R_RECALL, "undo row");
	T_STR(r->r_msg_id, "5838568651585", "undo target");
	r = map("{\"act\":\"remove_member\",\"data\":{\"groupId\":\"9\",\"sourceId\":\"1\","
	    "\"updateMembers\":[{\"id\":\"11\",\"dName\":\"A\"},{\"id\":\"12\"}],\"time\":\"1726541800000\"}}", NULL, 0);
	T_INT(r->kind, BH_R_MEMBER, "group event");
	T_INT(r->nmember, 2, "one event naming two members");
	T_STR(r->act, "remove_member", "act");
	r = map("{\"act\":\"add_admin\",\"data\":{\"groupId\":\"9\",\"updateMembers\":[{\"id\":\"11\"}],\"time\":\"5\"}}", NULL, 0);
	T_INT(r->kind, BH_R_EVENT, "other acts are events");
	r = map("{\"msgType\":\"chat.video.msg\",\"msgId\":\"1\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"title\":\"\",\"description\":\"cháy\",\"href\":\"https://v.invalid/x.mp4\",\"params\":\"{\\\"duration\\\":15000}\"}}", NULL, 0);
	T_STR(r->type, "video", "video");
	T_STR(r->caption, "cháy", "caption from the description alone");
	T_INT(r->m_dur, 15000, "duration");
	r = map("{\"userId\":\"g9\",\"name\":\"Nhóm\"}", NULL, 0);
	T_INT(r->kind, BH_R_CONV, "conversation line");
	T_STR(r->name, "Nhóm", "group name");
}

/* formats.md §2: how archivers save rows, private marks, zca-js objects. */
static void
web_shapes(void)
{
	const bh_rec *r;
	static const char row[] = "{\"msgId\":\"5838568651585\",\"cliMsgId\":\"1726541642393\","
	    "\"msgType\":\"webchat\",\"uidFrom\":\"39456257143545255\",\"idTo\":\"7070722571989963531\","
	    "\"ts\":\"1726541642555\",\"content\":\"tin\"}";
	char buf[1024];

	r = map(row, NULL, BH_REC_WRAP_NONE);
	T_INT(r->kind, BH_R_MESSAGE, "bare row: a group message");
	T_OK(r->unmarked, "bare row without any mark: noted as unmarked");
	r = map(row, NULL, BH_REC_WRAP_GROUP);
	T_OK(r->kind == BH_R_MESSAGE && !r->unmarked, "row of groupMsgs: marked");
	r = map("{\"msgId\":\"1\",\"msgType\":\"webchat\",\"uidFrom\":\"3\",\"idTo\":\"9\",\"ts\":\"5\","
	    "\"content\":\"x\",\"cmd\":521}", NULL, 0);
	T_OK(r->kind == BH_R_MESSAGE && !r->unmarked, "cmd 521: a group mark");
	r = map("{\"msgId\":\"1\",\"msgType\":\"webchat\",\"uidFrom\":\"3\",\"idTo\":\"9\",\"ts\":\"5\","
	    "\"content\":\"secret\",\"cmd\":501}", NULL, BH_REC_WRAP_GROUP);
	T_OK(r->private_chat && r->kind == BH_R_NONE && !r->text, "cmd 501: private, whatever else");
	r = map("{\"msgId\":\"1\",\"msgType\":\"webchat\",\"uidFrom\":\"3\",\"idTo\":\"0\",\"ts\":\"5\","
	    "\"content\":\"secret\"}", NULL, 0);
	T_OK(r->private_chat && !r->reject, "idTo \"0\": private");
	r = map("{\"msgId\":\"1\",\"msgType\":\"webchat\",\"uidFrom\":\"3\",\"idTo\":0,\"content\":\"secret\"}", NULL, 0);
	T_OK(r->private_chat && !r->reject, "idTo 0 as a number, and no time: private, not rejected");
	r = map("{\"msgType\":\"webchat\",\"content\":\"secret\",\"idTo\":\"\"}", NULL, BH_REC_WRAP_PRIVATE);
	T_OK(r->private_chat && !r->reject, "a bad row of msgs: private, not rejected");

	/* zca-js listener objects */
	snprintf(buf, sizeof buf, "{\"type\":1,\"data\":%s,\"threadId\":\"7070722571989963531\",\"isSelf\":false}", row);
	r = map(buf, "111", 0);
	T_OK(r->kind == BH_R_MESSAGE && !r->unmarked, "listener type 1: a marked group message");
	T_STR(r->group_id, "7070722571989963531", "listener: the row's idTo");
	T_STR(r->text, "tin", "listener: the row's content");
	snprintf(buf, sizeof buf, "{\"type\":0,\"data\":%s,\"threadId\":\"39456257143545255\",\"isSelf\":false}", row);
	r = map(buf, NULL, 0);
	T_OK(r->private_chat && r->kind == BH_R_NONE && !r->text, "listener type 0: private");
	snprintf(buf, sizeof buf, "{\"data\":%s,\"threadId\":\"7\",\"isSelf\":false,\"isGroup\":false}", row);
	r = map(buf, NULL, 0);
	T_OK(r->private_chat, "older listener isGroup false: private");
	snprintf(buf, sizeof buf, "{\"data\":%s,\"threadId\":\"7\",\"isSelf\":false,\"isGroup\":true}", row);
	r = map(buf, NULL, 0);
	T_OK(r->kind == BH_R_MESSAGE && !r->unmarked, "older listener isGroup true: group");
	r = map("{\"type\":1,\"data\":{\"msgId\":\"1\",\"msgType\":\"webchat\",\"uidFrom\":\"777\",\"idTo\":\"9\","
	    "\"ts\":\"5\",\"content\":\"x\",\"quote\":{\"ownerId\":\"0\",\"globalMsgId\":4}},\"threadId\":\"9\",\"isSelf\":true}",
	    NULL, 0);
	T_STR(r->sender, "777", "isSelf: uidFrom is the account's own uid already");
	T_OK(!r->owner_unknown, "isSelf: no owner to ask for");
	T_STR(r->q_owner, "777", "isSelf: the account's uid resolves a quote's ownerId 0");
	r = map("{\"type\":1,\"data\":{\"msgId\":\"1\",\"msgType\":\"webchat\",\"idTo\":\"9\",\"ts\":\"5\",\"content\":\"x\"},"
	    "\"isSelf\":true}", "555", 0);
	T_STR(r->sender, "555", "isSelf without uidFrom: the owner");
	r = map("{\"type\":\"join\",\"data\":{\"groupId\":\"9\",\"sourceId\":\"1\",\"updateMembers\":[{\"id\":\"11\"}],"
	    "\"time\":\"1726541800000\"},\"threadId\":\"9\",\"isSelf\":false}", NULL, 0);
	T_OK(r->kind == BH_R_MEMBER && strcmp(r->act, "join") == 0, "zca-js group event listener: a join");
	r = map("{\"type\":1,\"data\":{\"foo\":1},\"threadId\":\"9\"}", NULL, 0);
	T_OK(r->reject && strstr(r->reject, "unknown wrapper"), "listener without a row: unknown wrapper");
	r = map("{\"error_code\":0,\"data\":{\"lastActionId\":\"5\"}}", NULL, 0);
	T_OK(r->reject && strstr(r->reject, "unknown wrapper"), "a response without rows: unknown wrapper");
	r = map("{\"msgId\":\"1\",\"msgType\":\"chat.ecard\",\"uidFrom\":\"3\",\"idTo\":\"9\",\"ts\":\"5\","
	    "\"content\":{\"title\":\"t\"},\"propertyExt\":{\"color\":0},\"paramsExt\":{\"countUnread\":1},"
	    "\"st\":3,\"at\":0,\"realMsgId\":\"0\",\"userId\":\"u\",\"uin\":\"0\",\"topOut\":\"0\"}", NULL, 0);
	T_OK(r->kind == BH_R_MESSAGE && !r->reject && !r->skip, "unknown fields ignored");
	T_STR(r->type, "other", "unknown msgType string: other");
	T_STR(r->type_code, "chat.ecard", "with its type kept");

	/* reactions */
	r = map("{\"msgType\":\"chat.reaction\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":\"{\\\"rMsg\\\":[{\\\"gMsgID\\\":\\\"5838568651585\\\",\\\"cMsgID\\\":\\\"1\\\",\\\"msgType\\\":1}],"
	    "\\\"rIcon\\\":\\\"/-heart\\\",\\\"rType\\\":5,\\\"source\\\":6}\"}", NULL, 0);
	T_INT(r->kind, BH_R_REACTION, "reaction with content as a JSON string");
	T_STR(r->react[0].target, "5838568651585", "its target");
	T_STR(r->react[0].icon, "/-heart", "its icon");
	r = map("{\"msgType\":\"chat.reaction\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"rMsg\":[{\"gMsgID\":0,\"cMsgID\":1726541642393,\"msgType\":32}],\"rIcon\":\"/-strong\"}}", NULL, 0);
	T_INT(r->kind, BH_R_REACTION, "phone reaction (gMsgID 0)");
	T_OK(r->react[0].target == NULL, "phone reaction: no msgId target");
	T_STR(r->react[0].target_cli, "1726541642393", "phone reaction: the target's cliMsgId, from a number");
	r = map("{\"msgType\":\"chat.reaction\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"rMsg\":[{\"gMsgID\":\"0\",\"cMsgID\":\"42\"}],\"rIcon\":\"\"}}", NULL, 0);
	T_OK(r->react[0].target == NULL && strcmp(r->react[0].target_cli, "42") == 0 &&
	    strcmp(r->react[0].icon, "") == 0, "phone reaction removed (gMsgID \"0\", rIcon \"\")");
	r = map("{\"msgType\":\"chat.reaction\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"rMsg\":[{\"gMsgID\":0,\"cMsgID\":0}],\"rIcon\":\"/-heart\"}}", NULL, 0);
	T_OK(r->reject != NULL, "a reaction naming no message: rejected");

	/* recalls */
	r = map("{\"msgType\":\"chat.undo\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":{\"globalMsgId\":5838568651585,\"cliMsgId\":1726541642393,\"deleteMsg\":0,"
	    "\"srcId\":0,\"destId\":7070722571989963531}}", NULL, 0);
	T_OK(r->kind == BH_R_RECALL && strcmp(r->r_msg_id, "5838568651585") == 0, "undo with deleteMsg 0: a recall");
	r = map("{\"msgType\":\"chat.undo\",\"uidFrom\":\"6\",\"idTo\":\"9\",\"ts\":\"7\","
	    "\"content\":\"{\\\"globalMsgId\\\":5838568651585,\\\"cliMsgId\\\":1726541642393,\\\"deleteMsg\\\":1,"
	    "\\\"srcId\\\":5665005889540787359,\\\"destId\\\":7070722571989963531}\"}", NULL, 0);
	T_OK(r->kind == BH_R_RECALL, "undo with content as a JSON string");
	T_STR(r->r_cli_msg_id, "1726541642393", "its cliMsgId");
}

/* ---- the streaming reader ---- */

struct got {
	int n, bad;
	long lines[16], badlines[16];
	char why[16][100];
	int wraps[16];
	char ids[16][32];
	char keys[16][64];	/* the record's member names, joined by ',' */
};

static const char *const *skip_list;	/* given to bh_jreader_skip */

static void
on_rec(void *ctx, const bh_jnode *root, long line, int wrap)
{
	struct got *g = ctx;
	const char *id = bh_jtext(root, "id");

	if (g->n < 16) {
		const bh_jnode *c;
		for (c = root->child; c; c = c->next) {
			size_t k = strlen(g->keys[g->n]);
			snprintf(g->keys[g->n] + k, sizeof g->keys[0] - k, "%s%s", k ? "," : "", c->key);
		}
		g->lines[g->n] = line;
		g->wraps[g->n] = wrap;
		snprintf(g->ids[g->n], sizeof g->ids[0], "%s", id ? id : "");
	}
	g->n++;
}

static void
on_bad(void *ctx, long line, const char *why)
{
	struct got *g = ctx;

	if (g->bad < 16) {
		g->badlines[g->bad] = line;
		snprintf(g->why[g->bad], sizeof g->why[0], "%s", why);
	}
	g->bad++;
}

static struct got
read_text(const char *text, size_t chunk, size_t max)
{
	struct got g;
	bh_jreader *r;
	size_t n = strlen(text), off;

	memset(&g, 0, sizeof g);
	r = bh_jreader_new(max, on_rec, on_bad, &g);
	bh_jreader_skip(r, skip_list);
	for (off = 0; off < n; off += chunk)
		bh_jreader_feed(r, text + off, n - off < chunk ? n - off : chunk);
	bh_jreader_finish(r);
	bh_jreader_free(r);
	return g;
}

/* Responses, their data alone and listener objects, in arrays and NDJSON. */
static void
wrappers(void)
{
	struct got g;
	static const char mix[] =
	    "[{\"id\":\"a\"},\n"
	    " {\"error_code\":0,\"error_message\":\"\",\"data\":{\"lastActionId\":\"1\",\"msgs\":[{\"id\":\"p\"}],"
	    "\"groupMsgs\":[{\"id\":\"b\"},{\"id\":\"c\"}],\"pageMsgs\":[{\"id\":\"q\"}],\"more\":{\"id\":\"z\"}}},\n"
	    " {\"type\":1,\"data\":{\"id\":\"x\"},\"threadId\":\"9\"},\n"
	    " {\"pageMsgs\":[{\"id\":\"r\"}],\"groupMsgs\":[{\"id\":\"d\"}]},\n"
	    " {\"id\":\"e\"}]\n"
	    "{\"data\":{\"groupMsgs\":[{\"id\":\"f\"}]},\"error_code\":0}\n";
	static const char pretty[] =
	    "{\n  \"error_code\": 0,\n  \"data\": {\n    \"groupMsgs\": [\n      {\n        \"id\": \"a\"\n      },\n"
	    "      {\n        \"id\": oops\n      },\n      {\n        \"id\": \"c\"\n      }\n    ],\n"
	    "    \"msgs\": [\n      {\n        \"id\": \"p\"\n      }\n    ]\n  }\n}\n";
	static const char nd[] =
	    "{\"error_code\":0,\"data\":{\"groupMsgs\":[{\"id\":\"a\"},{\"id\": oops},{\"id\":\"b\"}]}}\n"
	    "{\"error_code\":0,\"data\":{\"groupMsgs\":[{\"id\":\"c\"}]}}\n"
	    "{\"error_code\":0,\"data\":{\"groupMsgs\":[{\"id\":\"d\"}\n"
	    "{\"error_code\":0,\"data\":{\"msgs\":[{\"id\":\"p\"}]}}\n";
	int i;

	g = read_text(mix, 5, 1 << 20);
	T_INT(g.bad, 0, "mix: nothing rejected");
	T_INT(g.n, 10, "mix: bare rows, rows of responses and data alone, a listener object");
	{
		static const char *const ids[] = {"a", "p", "b", "c", "q", "", "r", "d", "e", "f"};
		static const int wraps[] = {0, BH_REC_WRAP_PRIVATE, BH_REC_WRAP_GROUP, BH_REC_WRAP_GROUP,
		    BH_REC_WRAP_PRIVATE, 0, BH_REC_WRAP_PRIVATE, BH_REC_WRAP_GROUP, 0, BH_REC_WRAP_GROUP};
		char want[64] = "", got[64] = "";
		for (i = 0; i < 10; i++) {
			snprintf(want + strlen(want), 8, "%s%d,", ids[i], wraps[i]);
			snprintf(got + strlen(got), 8, "%s%d,", g.ids[i], g.wraps[i]);
		}
		T_STR(got, want, "mix: each record with its wrapper, in order");
	}
	T_STR(g.keys[5], "type,data,threadId", "mix: the listener object is one record");
	T_INT(g.lines[9], 6, "mix: the line of a response's row");

	g = read_text(pretty, 4, 1 << 20);
	T_INT(g.n, 3, "pretty response: the rows around a bad one read");
	T_STR(g.ids[1], "c", "the row after the bad one");
	T_INT(g.wraps[1], BH_REC_WRAP_GROUP, "still a row of groupMsgs");
	T_INT(g.wraps[2], BH_REC_WRAP_PRIVATE, "then msgs");
	T_INT(g.bad, 1, "one bad row");
	T_INT(g.badlines[0], 8, "at its line");

	g = read_text("{\"groupMsgs\":[\n{\"id\":\"a\"},\n{\"id\":\"b\"}\n],\n\"msgs\":[\n{\"id\":\"p\"}\n]}\n", 3, 1 << 20);
	T_INT(g.n, 3, "a wrapper with its rows at column 0: every row read");
	T_INT(g.bad, 0, "and none rejected");
	T_INT(g.wraps[2], BH_REC_WRAP_PRIVATE, "msgs after groupMsgs");

	g = read_text(nd, 7, 1 << 20);
	T_INT(g.n, 4, "NDJSON of responses: each line read after a bad row and a cut one");
	T_STR(g.ids[1], "c", "the next line's row");
	T_INT(g.wraps[1], BH_REC_WRAP_GROUP, "with its wrapper");
	T_STR(g.ids[2], "d", "a row complete before its line was cut");
	T_INT(g.wraps[3], BH_REC_WRAP_PRIVATE, "the last line's msgs");
	T_INT(g.bad, 1, "one bad row (the cut line lost no row)");
}

static void
reader(void)
{
	struct got g;
	static const char nd[] = "{\"id\":\"a\"}\n{\"id\":\"b\",\"x\":[1,{\"y\":2}]}\n{\"id\":\"c\"\n{\"id\":\"d\"}\nnot json\n{\"id\":\"e\"}\n";
	static const char arr[] = "[\n {\n  \"id\": \"a\"\n },\n {\n  \"id\": oops\n },\n {\n  \"id\": \"c\"\n }\n]\n";
	static const char wrap[] = "{\"lastId\":5,\"groupMsgs\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"more\":{\"id\":\"z\"}}\n"
	    "{\"msgs\":[{\"id\":\"p\"}]}";

	g = read_text(nd, 3, 1 << 20);
	T_INT(g.n, 4, "NDJSON: four good records in small chunks");
	T_STR(g.ids[2], "d", "the line after a cut record is read");
	T_INT(g.lines[3], 6, "line numbers count from 1");
	T_INT(g.bad, 2, "a cut record and a non-JSON line rejected");
	T_INT(g.badlines[0], 3, "cut record at its line");
	T_INT(g.badlines[1], 5, "bad line at its line");

	g = read_text(arr, 7, 1 << 20);
	T_INT(g.n, 2, "array: the records around a bad one are read");
	T_STR(g.ids[1], "c", "reading starts again at the next record");
	T_INT(g.lines[1], 8, "its line");
	T_INT(g.bad, 1, "one bad record");
	T_INT(g.badlines[0], 5, "rejected at the line the record starts on");

	g = read_text(wrap, 1000, 1 << 20);
	T_INT(g.n, 3, "groupMsgs and msgs wrappers: records are the elements");
	T_INT(g.wraps[0], BH_REC_WRAP_GROUP, "groupMsgs marked");
	T_INT(g.wraps[2], BH_REC_WRAP_PRIVATE, "msgs marked private");

	{
		size_t big = 3 << 20, i;
		char *t = malloc(big + 64);
		strcpy(t, "{\"id\":\"a\"}\n{\"id\":\"");
		for (i = strlen(t); i < big; i++)
			t[i] = 'x';
		strcpy(t + big, "\"}\n{\"id\":\"c\"}\n");
		g = read_text(t, 65536, 1 << 20);
		T_INT(g.n, 2, "records around a huge one are read");
		T_INT(g.bad, 1, "the huge one rejected");
		T_STR(g.why[0], "record larger than 1 MiB", "with its reason");
		free(t);
	}
	{
		char deep[300];
		memset(deep, '[', 100);
		strcpy(deep, "{\"a\":");
		memset(deep + 5, '[', 100);
		memset(deep + 105, ']', 100);
		strcpy(deep + 205, "}\n{\"id\":\"ok\"}\n");
		g = read_text(deep, 50, 1 << 20);
		T_INT(g.bad, 1, "deep nesting rejected");
		T_INT(g.n, 1, "next record read");
	}
	g = read_text("{\"id\":\"\xff\"}\n{\"id\":\"b\"}\n", 100, 1 << 20);
	T_INT(g.bad, 1, "invalid UTF-8 rejected");
	T_INT(g.n, 1, "the next line read");
	g = read_text("[1, {\"id\":\"a\"}]", 100, 1 << 20);
	T_INT(g.bad, 1, "a non-object element rejected");
	wrappers();
}

/* Unused members are left out of the tree, whatever their values hold, and
 * only at the record's top level. */
static void
skipping(void)
{
	static const char *const unused[] = {"p", "ttl", "q", NULL};
	struct got g;

	skip_list = unused;
	g = read_text("{\"p\":{\"id\":\"x\",\"a\":[1,{\"b\":2}]},\"id\":\"a\",\"ttl\":0,\"k\":{\"ttl\":1}}\n"
	    "{\"q\":[[],[{}]],\"id\":\"b\",\"pp\":null,\"p\":\"s\"}\n"
	    "[{\"ttl\":\"\\u00e9\",\"id\":\"c\"},{\"p\":{},\"id\":\"d\",\"q\":1}]\n", 5, 1 << 20);
	T_INT(g.bad, 0, "skipping: no record rejected");
	T_INT(g.n, 4, "skipping: four records");
	T_STR(g.keys[0], "id,k", "an unused object and number left out; a nested 'ttl' kept");
	T_STR(g.ids[0], "a", "the id after an unused object with an id inside");
	T_STR(g.keys[1], "id,pp", "unused arrays and strings left out; a longer name kept");
	T_STR(g.keys[2], "id", "records of an array");
	T_STR(g.ids[3], "d", "the id between unused members");
	g = read_text("{\"t\u00ean\":1,\"\":2,\"id\":\"\u00e9\"}\n", 3, 1 << 20);
	T_STR(g.keys[0], "tên,,id", "names not plain ASCII, and the empty name, are kept as they are");
	T_STR(g.ids[0], "é", "value after them");
	{
		/* More names than the reader keeps once: the rest are copied per record. */
		char *t = malloc(600 * 16), *p = t;
		int i;
		p += sprintf(p, "{");
		for (i = 0; i < 600; i++)
			p += sprintf(p, "\"k%d\":%d,", i, i);
		sprintf(p, "\"p\":{},\"id\":\"many\"}\n{\"k599\":1,\"id\":\"next\"}\n");
		g = read_text(t, 1000, 1 << 20);
		T_INT(g.n, 2, "600 names: both records read");
		T_STR(g.ids[0], "many", "the last member after 600 names");
		T_STR(g.ids[1], "next", "and the next record");
		T_STR(g.keys[1], "k599,id", "a name met after the table filled");
		free(t);
	}
	skip_list = NULL;
	g = read_text("{\"p\":1,\"id\":\"a\"}\n", 100, 1 << 20);
	T_STR(g.keys[0], "p,id", "without a list every member is kept");
}

static void
paths(void)
{
	char b[64];

	T_STR(bh_owner_of("x/123456/ZaloDownloads/database/123456_zmessage.zdb", b, sizeof b), "123456",
	    "owner from the folder above ZaloDownloads");
	T_STR(bh_owner_of("db/987_zmessage.zdb", b, sizeof b), "987", "owner from the file name");
	T_OK(bh_owner_of("db/messages.zdb", b, sizeof b) == NULL, "no owner");
	T_STR(bh_media_msgid("p/g1_group/z2301000000102_0123abcd.jpg", b, sizeof b), "2301000000102", "msgId of a media file");
	T_INT(bh_entry_kind("a/b.tar.gz"), BH_E_ARCHIVE, "tar.gz is an archive");
	T_INT(bh_entry_kind("backup.zl.zip"), BH_E_ENCRYPTED, "zl.zip is an encrypted backup");
	T_INT(bh_entry_kind("x/Index.db"), BH_E_OTHER, "Index.db ignored");
	T_INT(bh_media_private("9/ZaloDownloads/picture/5665005889540787359/z1_ab.jpg"), 1,
	    "a picture in a peer's folder is a private chat's");
	T_INT(bh_media_private("9/ZaloDownloads/picture/g4411205930127745519_group/z1_ab.jpg"), 0,
	    "a picture in a group's folder is not");
	T_INT(bh_media_private("9/zalodownloads/file/4411205930127745519_GROUP/sub/a.pdf"), 0,
	    "case does not matter, nor a deeper folder");
	T_INT(bh_media_private("9/ZaloDownloads/video/123/sub/a.mp4"), 1, "deeper in a peer's folder");
	T_INT(bh_media_private("9/ZaloDownloads/database/9_zmessage.zdb"), 0, "the database is no chat");
	T_INT(bh_media_private("9/ZaloDownloads/picture/123"), 0, "a thread folder alone");
	T_INT(bh_media_private("photos/123/z1_ab.jpg"), 0, "outside a backup's layout");
}

int
main(void)
{
	mapper = bh_mapper_new();
	pc_text();
	pc_owner_and_private();
	pc_media();
	pc_events_and_rejects();
	web_rows();
	web_shapes();
	reader();
	skipping();
	paths();
	bh_mapper_free(mapper);
	bh_jdoc_free(&doc);
	return T_DONE();
}
