/* test_record.c: the streaming JSON reader (records, wrappers, members left
 * out) and entry names. The record mapper's cases are data: tests/record/
 * (test_record_cases.c). */
#include <stdlib.h>
#include <string.h>

#include "bh_json.h"
#include "bh_path.h"
#include "t.h"

/* ---- the streaming reader ---- */

struct got {
	int n, bad;
	long lines[16], badlines[16];
	char why[16][100];
	int wraps[16];
	char ids[16][32];
	char keys[16][64];	/* the record's member names, joined by ',' */
	char tree[16][128];	/* its whole tree's names: a{b,c},d */
};

static int keep_whole = -1;	/* given to bh_jreader_keep; -1: keep everything */

/* The member names of a tree, objects' and arrays' in braces. */
static void
names_of(const bh_jnode *n, char *b, size_t size)
{
	for (; n; n = n->next) {
		size_t k = strlen(b);
		snprintf(b + k, size - k, "%s%s", k && b[k - 1] != '{' ? "," : "", n->key ? n->key : "");
		if (n->child) {
			k = strlen(b);
			snprintf(b + k, size - k, "{");
			names_of(n->child, b, size);
			k = strlen(b);
			snprintf(b + k, size - k, "}");
		}
	}
}

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
		names_of(root->child, g->tree[g->n], sizeof g->tree[0]);
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
	if (keep_whole >= 0)
		bh_jreader_keep(r, keep_whole);
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
		T_STR(g.why[0], "record larger than the limit: 1 MiB", "with its reason");
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

/* Keep mode: only the members named in BH_JKEYS are in the tree, at any
 * depth, whatever the values of the others hold; inside the whole object
 * every member. */
static void
keeping(void)
{
	struct got g;

	keep_whole = BH_K_reactions;
	g = read_text("{\"p\":{\"id\":\"x\",\"a\":[1,{\"b\":2}]},\"id\":\"a\",\"ttl\":0,\"k\":{\"ttl\":1}}\n"
	    "{\"q\":[[],[{}]],\"id\":\"b\",\"pp\":null,\"p\":\"s\"}\n"
	    "[{\"ttl\":\"\\u00e9\",\"id\":\"c\"},{\"p\":{},\"id\":\"d\",\"q\":1}]\n", 5, 1 << 20);
	T_INT(g.bad, 0, "keeping: no record rejected");
	T_INT(g.n, 4, "keeping: four records");
	T_STR(g.keys[0], "id", "an unknown object, number and object with known names inside left out");
	T_STR(g.ids[0], "a", "the id after an unknown object with an id inside");
	T_STR(g.keys[1], "id", "unknown arrays, null and strings left out");
	T_STR(g.keys[2], "id", "records of an array");
	T_STR(g.ids[3], "d", "the id between unknown members");
	g = read_text("{\"quote\":{\"msg\":\"long text\",\"ts\":5,\"x\":{\"ts\":1},\"fromD\":\"A\"},\"id\":\"e\","
	    "\"mentions\":[{\"uid\":\"1\",\"pos\":0,\"len\":3},7],"
	    "\"reacts\":{\"total\":2,\"reactions\":{\"123\":{\"rIcon\":\"/-strong\",\"z\":1},\"z\":[{\"q\":1}]}}}\n",
	    7, 1 << 20);
	T_STR(g.tree[0], "quote{ts},id,mentions{{uid},},reacts{reactions{123{rIcon},z{}}}",
	    "nested: only known names, but every member of the whole object");
	T_STR(g.ids[0], "e", "its id");
	g = read_text("{\"id\":\"a\",\"bad\":\"\xff\"}\n{\"id\":\"b\"}\n", 4, 1 << 20);
	T_INT(g.bad, 1, "a member left out is still checked: invalid UTF-8 rejected");
	T_STR(g.ids[0], "b", "and the next line read");
	g = read_text("{\"data\":{\"x\":1,\"groupMsgs\":[{\"id\":\"f\",\"y\":2}]},\"error_code\":0}\n", 3, 1 << 20);
	T_INT(g.n, 1, "a response: its row read");
	T_STR(g.tree[0], "id", "with its known names only");
	T_INT(g.wraps[0], BH_REC_WRAP_GROUP, "as a row of groupMsgs");
	{
		/* More names than the reader keeps once: the known ones met after
		 * are still kept (copied per record). */
		char *t = malloc(600 * 16), *p = t;
		int i;
		p += sprintf(p, "{");
		for (i = 0; i < 600; i++)
			p += sprintf(p, "\"k%d\":%d,", i, i);
		sprintf(p, "\"p\":{},\"id\":\"many\"}\n{\"k599\":1,\"type\":\"t\",\"id\":\"next\"}\n");
		g = read_text(t, 1000, 1 << 20);
		T_INT(g.n, 2, "600 names: both records read");
		T_STR(g.ids[0], "many", "the last member after 600 names");
		T_STR(g.keys[0], "id", "the only known one");
		T_STR(g.ids[1], "next", "and the next record");
		T_STR(g.keys[1], "type,id", "known names met after the table filled");
		keep_whole = -1;
		g = read_text(t, 1000, 1 << 20);
		T_STR(g.keys[1], "k599,type,id", "without keep mode: a name met after the table filled");
		free(t);
	}
	g = read_text("{\"t\u00ean\":1,\"\":2,\"id\":\"\u00e9\"}\n", 3, 1 << 20);
	T_STR(g.keys[0], "tên,,id", "without keep mode: names not plain ASCII, and the empty name, as they are");
	T_STR(g.ids[0], "é", "value after them");
	keep_whole = BH_K_OTHER;
	g = read_text("{\"t\u00ean\":1,\"\":2,\"id\":\"\u00e9\",\"reactions\":{\"1\":2}}\n", 3, 1 << 20);
	T_STR(g.tree[0], "id,reactions", "keep mode without a whole object: no name inside it kept");
	keep_whole = -1;
	g = read_text("{\"p\":1,\"id\":\"a\"}\n", 100, 1 << 20);
	T_STR(g.keys[0], "p,id", "without keep mode every member is kept");
	T_OK(bh_jkey_id("msgId", 5) == BH_K_msgId && bh_jkey_id("msgIdx", 5) == BH_K_msgId &&
	    bh_jkey_id("msgI", 4) == BH_K_OTHER && bh_jkey_id("", 0) == BH_K_OTHER &&
	    bh_jkey_id("width", 5) == BH_K_width && bh_jkey_id("act", 3) == BH_K_act,
	    "names to ids: whole names only");
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
	reader();
	keeping();
	paths();
	return T_DONE();
}
