/* test_record_cases.c: the record mapper's cases as data, in jq's style.
 * Each tests/record/NAME.json is an entry as an export holds it (NDJSON, an
 * array, a Web API response, listener objects…); it is read the way
 * binhyen-extract reads an entry (bh_jreader in keep mode: bh_jreader_keep)
 * and each record mapped by bh_map, with the backup owner's uid from
 * NAME.owner when that file exists. What the storing thread would read of
 * each record is written out (dump() below says how) and must equal
 * NAME.expected, written by hand from docs of the formats (formats.md,
 * sql/schema.sql's columns), never copied from this program's output.
 * One "ok"/"not ok" per case; a case's differences are shown as "#" lines.
 * Run from the top of the tree (tests/run.sh does); BH_TOP overrides. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_json.h"
#include "bh_record.h"
#include "t.h"

static bh_mapper *mapper;
static const char *owner;
static FILE *out;

/* A string as JSON writes it (null for NULL); UTF-8 as it is. */
static void
str(const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

/* A string member printed when set, or always (null when not). */
static void
field(const char *name, const char *s, int always)
{
	if (!s && !always)
		return;
	fprintf(out, "%s ", name);
	str(s);
	putc('\n', out);
}

static void
num(const char *name, long long v)	/* -1: none */
{
	if (v < 0)
		fprintf(out, " %s null", name);
	else
		fprintf(out, " %s %lld", name, v);
}

static const char *const kinds[] = {
	[BH_R_NONE] = "none", [BH_R_MESSAGE] = "message", [BH_R_REACTION] = "reaction",
	[BH_R_RECALL] = "recall", [BH_R_MEMBER] = "member", [BH_R_EVENT] = "event",
	[BH_R_CONV] = "conversation",
};

static void
reactions(const bh_rec *r)
{
	int i;

	for (i = 0; i < r->nreact; i++) {
		/* the target by msgId, else (a phone reaction) by cliMsgId */
		if (r->react[i].target) {
			fputs("reaction target ", out);
			str(r->react[i].target);
		} else {
			fputs("reaction target_cli ", out);
			str(r->react[i].target_cli);
		}
		fputs(" reactor ", out);
		str(r->react[i].reactor);
		fputs(" icon ", out);
		str(r->react[i].icon);
		num("ts", r->react[i].ts);
		putc('\n', out);
	}
}

/* What binhyen-extract reads of a record (stages/extract.c's on_record and
 * stages/extract/store.c), in this order:
 *   line N: private | rejected: WHY | skipped: WHY | KIND
 * then, for a stored KIND, one line per member it stores: strings as JSON
 * (null: none), numbers as they are; members that are optional appear only
 * when set; a quote, a medium, each mention, reaction and member on a line
 * of its own; owner_unknown and unmarked only when set. */
static void
dump(const bh_rec *r, long line)
{
	int i;

	fprintf(out, "line %ld: ", line);
	if (r->private_chat) {
		fputs("private\n", out);
		return;
	}
	if (r->reject) {
		fprintf(out, "rejected: %s\n", r->reject);
		return;
	}
	if (r->skip) {
		fprintf(out, "skipped: %s\n", r->skip);
		return;
	}
	fprintf(out, "%s\n", kinds[r->kind]);
	if (r->owner_unknown)
		fputs("owner_unknown\n", out);
	if (r->unmarked)
		fputs("unmarked\n", out);
	field("group", r->group_id, 1);
	switch (r->kind) {
	case BH_R_MESSAGE:
		field("msg_id", r->msg_id, 0);
		field("cli_msg_id", r->cli_msg_id, 0);
		field("sender", r->sender, 1);
		field("dname", r->dname, 0);
		fprintf(out, "ts %lld\n", r->ts);
		field("type", r->type, 1);
		field("type_code", r->type_code, 1);
		field("text", r->text, 0);
		field("caption", r->caption, 0);
		if (r->recalled)
			fputs("recalled\n", out);
		if (r->has_quote) {
			fputs("quote msg_id ", out);
			str(r->q_msg_id);
			fputs(" cli_msg_id ", out);
			str(r->q_cli_msg_id);
			fputs(" owner ", out);
			str(r->q_owner);
			num("ts", r->q_ts);
			putc('\n', out);
		}
		for (i = 0; i < r->nment; i++) {
			fputs("mention ", out);
			str(r->ment[i].uid);
			fprintf(out, " type %d\n", r->ment[i].type);
		}
		if (r->has_media) {
			fputs("media kind ", out);
			str(r->m_kind);
			fputs(" file ", out);
			str(r->m_file);
			fputs(" ext ", out);
			str(r->m_ext);
			fputs(" host ", out);
			str(r->m_host);
			num("size", r->m_size);
			num("width", r->m_w);
			num("height", r->m_h);
			num("duration", r->m_dur);
			putc('\n', out);
		}
		reactions(r);
		break;
	case BH_R_REACTION:
		reactions(r);
		break;
	case BH_R_RECALL:
		field("msg_id", r->r_msg_id, 1);
		field("cli_msg_id", r->r_cli_msg_id, 1);
		field("sender", r->sender, 1);
		fprintf(out, "ts %lld\n", r->ts);
		break;
	case BH_R_MEMBER:
	case BH_R_EVENT:
		field("act", r->act, 1);
		for (i = 0; i < r->nmember; i++)
			field("member", r->members[i], 1);
		if (!r->nmember)
			field("ref", r->ref, 1);
		field("sender", r->sender, 1);
		fprintf(out, "ts %lld\n", r->ts);
		break;
	case BH_R_CONV:
		field("name", r->name, 1);
		break;
	default:
		break;
	}
}

static void
on_rec(void *ctx, const bh_jnode *root, long line, int wrap)
{
	bh_rec r;

	(void)ctx;
	bh_map(mapper, root, owner, wrap, &r);
	dump(&r, line);
}

static void
on_bad(void *ctx, long line, const char *why)
{
	(void)ctx;
	fprintf(out, "line %ld: rejected: %s\n", line, why);
}

/* The whole file, NUL-terminated; NULL when there is none. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap && !(buf = realloc(buf, cap = 2 * cap + 4096 + 1)))
			abort();
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* The lines of got and want side by side where they differ. */
static void
show_diff(const char *got, const char *want)
{
	int n = 0;

	while ((*got || *want) && n < 12) {
		size_t g = strcspn(got, "\n"), w = strcspn(want, "\n");
		if (g != w || memcmp(got, want, g) != 0) {
			printf("#   got  %.*s\n#   want %.*s\n", (int)g, got, (int)w, want);
			n++;
		}
		got += g + (got[g] == '\n');
		want += w + (want[w] == '\n');
	}
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
ends(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

/* dir/ + the first base characters of name + ext. */
static char *
case_path(char *buf, size_t size, const char *dir, const char *name, size_t base, const char *ext)
{
	if ((size_t)snprintf(buf, size, "%s/%.*s%s", dir, (int)base, name, ext) >= size) {
		printf("not ok - %s/%s: path too long\n", dir, name);
		exit(1);
	}
	return buf;
}

static void
run_case(const char *dir, const char *name)
{
	char path[1024], *json, *want, *own, *got = NULL;
	size_t len, glen = 0, base = strlen(name) - strlen(".json");
	bh_jreader *jr;

	json = slurp(case_path(path, sizeof path, dir, name, strlen(name), ""), &len);
	own = slurp(case_path(path, sizeof path, dir, name, base, ".owner"), NULL);
	if (own)
		own[strcspn(own, "\r\n")] = '\0';
	owner = own && *own ? own : NULL;
	want = slurp(case_path(path, sizeof path, dir, name, base, ".expected"), NULL);
	if (!json || !want) {
		T_OK(0, "%s: %s", name, json ? "no .expected beside it" : "unreadable");
		free(json), free(want), free(own);
		return;
	}
	out = open_memstream(&got, &glen);
	jr = bh_jreader_new(1 << 20, on_rec, on_bad, NULL);
	bh_jreader_keep(jr, BH_MAP_WHOLE);
	bh_jreader_feed(jr, json, len);
	bh_jreader_finish(jr);
	bh_jreader_free(jr);
	fclose(out);
	/* blank lines in .expected separate records for the reader's eye */
	{
		char *p, *q;
		for (p = q = want; *p; p++)
			if (!(*p == '\n' && (q == want || q[-1] == '\n')))
				*q++ = *p;
		*q = '\0';
	}
	T_OK(strcmp(got, want) == 0, "record case %s", name);
	if (strcmp(got, want) != 0)
		show_diff(got, want);
	free(got), free(json), free(want), free(own);
}

int
main(void)
{
	const char *top = getenv("BH_TOP");
	char dir[1024], other[1200];
	struct dirent **ents;
	int n, i, cases = 0;

	snprintf(dir, sizeof dir, "%s/tests/record", top && *top ? top : ".");
	if ((n = scandir(dir, &ents, NULL, by_name)) < 0) {
		T_OK(0, "%s: no such folder (run from the top of the tree)", dir);
		return T_DONE();
	}
	mapper = bh_mapper_new();
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t base = strlen(name) - (ends(name, ".expected") ? 9 : 0);
		if (ends(name, ".json")) {
			run_case(dir, name);
			cases++;
		} else if (ends(name, ".expected")) {
			/* an expectation whose case was renamed away tests nothing */
			FILE *f;
			if (!(f = fopen(case_path(other, sizeof other, dir, name, base, ".json"), "r")))
				T_OK(0, "%s: no .json beside it", name);
			else
				fclose(f);
		}
		free(ents[i]);
	}
	free(ents);
	bh_mapper_free(mapper);
	T_OK(cases >= 10, "%d record cases run", cases);
	return T_DONE();
}
