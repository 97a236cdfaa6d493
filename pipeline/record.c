/* record.c: map a Zalo PC or Web record (formats.md §1, §2) onto a bh_rec. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_record.h"

/* Scratch space in blocks that never move, so earlier strings stay valid. */
struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

struct bh_mapper {
	struct block *blocks;
	bh_jdoc params;		/* decoded params (JSON inside a string) */
	bh_jdoc params2;	/* ... escaped twice */
	bh_jdoc content;	/* a Web row's content kept as a JSON string */
	struct bh_mention *ment;
	int capment;
	struct bh_react *react;
	int capreact;
	const char **members;
	int capmembers;
};

static char *
scratch(bh_mapper *m, size_t n)
{
	struct block *b = m->blocks;

	if (!b || b->used + n > b->cap) {
		size_t cap = n > 8192 ? n : 8192;
		b = bh_malloc(sizeof *b + cap);
		b->next = m->blocks;
		b->used = 0;
		b->cap = cap;
		m->blocks = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

static const char *
sdup(bh_mapper *m, const char *s, size_t n)
{
	char *d = scratch(m, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
scratch_reset(bh_mapper *m)
{
	struct block *b, *next;

	if (!m->blocks)
		return;
	for (b = m->blocks->next; b; b = next) {
		next = b->next;
		free(b);
	}
	m->blocks->next = NULL;
	m->blocks->used = 0;
}

bh_mapper *
bh_mapper_new(void)
{
	bh_mapper *m = bh_malloc(sizeof *m);

	memset(m, 0, sizeof *m);
	return m;
}

void
bh_mapper_free(bh_mapper *m)
{
	if (!m)
		return;
	scratch_reset(m);
	free(m->blocks);
	bh_jdoc_free(&m->params);
	bh_jdoc_free(&m->params2);
	bh_jdoc_free(&m->content);
	free(m->ment);
	free(m->react);
	free(m->members);
	free(m);
}

/* ---- small helpers ---- */

/* An id as text: a string or number token, never through a double.
 * Empty and "0" mean absent (Zalo writes 0 for "none"). */
static const char *
id_of(const bh_jnode *n)
{
	if (!n || (n->type != BH_JSTR && n->type != BH_JNUM) || !n->len)
		return NULL;
	if (strcmp(n->s, "0") == 0)
		return NULL;
	return n->s;
}

static const char *
id_get(const bh_jnode *obj, int key)
{
	return id_of(bh_jgetk(obj, key));
}

/* An integer from a number or a string of digits; -1 when there is none. */
static long long
int_of(const bh_jnode *n)
{
	const char *s;
	char *end;
	long long v;

	if (!n || (n->type != BH_JSTR && n->type != BH_JNUM))
		return -1;
	s = n->s;
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s) && !(*s == '-' && isdigit((unsigned char)s[1])))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || (*end && *end != '.'))
		return -1;
	return v;
}

static long long
int_get(const bh_jnode *obj, int key)
{
	return int_of(bh_jgetk(obj, key));
}

/* Zalo times are milliseconds since 1970; a larger value (a 40-digit number,
 * microseconds, garbage) is no time: taken, it would overflow the arithmetic
 * of local days and weeks. */
#define TIME_MAX_MS 7258118400000LL	/* 2200-01-01 */

/* A time in ms: positive and before 2200, from a string or a number; -1 when
 * there is none. */
static long long
time_get(const bh_jnode *obj, int key)
{
	long long v = int_get(obj, key);

	return v > 0 && v < TIME_MAX_MS ? v : -1;
}

/* Why a record has no time: its members are missing, or hold no time. k2:
 * BH_K_OTHER for none. */
static const char *
no_time(const bh_jnode *obj, int k1, int k2, const char *missing, const char *invalid)
{
	const bh_jnode *a = bh_jgetk(obj, k1), *b = k2 ? bh_jgetk(obj, k2) : NULL;

	return (a && a->len) || (b && b->len) ? invalid : missing;
}

static const char *
str_get(const bh_jnode *obj, int key)
{
	const bh_jnode *n = bh_jgetk(obj, key);

	return n && n->type == BH_JSTR ? n->s : NULL;
}

static int
nonempty(const char *s)
{
	return s && *s;
}

static const char *
resolve_owner(bh_rec *r, const char *uid, const char *owner)
{
	if (uid && strcmp(uid, "0") == 0) {
		if (owner && *owner)
			return owner;
		r->owner_unknown = 1;
	}
	return uid;
}

/* "0" is a real sender value here (the backup owner), so not id_get. */
static const char *
uid_get(const bh_jnode *obj, int key)
{
	const bh_jnode *n = bh_jgetk(obj, key);

	if (!n || (n->type != BH_JSTR && n->type != BH_JNUM) || !n->len)
		return NULL;
	return n->s;
}

/* params: an object, a string holding JSON, or a string holding a JSON string. */
static const bh_jnode *
params_of(bh_mapper *m, const bh_jnode *content)
{
	const bh_jnode *p = bh_jgetk(content, BH_K_params);

	if (!p)
		return NULL;
	if (p->type == BH_JOBJ)
		return p;
	if (p->type != BH_JSTR || !p->len)
		return NULL;
	if (bh_json_parse(&m->params, p->s, p->len) < 0)
		return NULL;
	p = &m->params.nodes[0];
	if (p->type == BH_JSTR && bh_json_parse(&m->params2, p->s, p->len) == 0)
		p = &m->params2.nodes[0];
	return p->type == BH_JOBJ ? p : NULL;
}

static const char *
url_host(bh_mapper *m, const char *url)
{
	const char *s, *e;

	if (!url || !(s = strstr(url, "://")))
		return NULL;
	s += 3;
	for (e = s; *e && *e != '/' && *e != ':' && *e != '?' && *e != '#'; e++)
		;
	if (e == s)
		return NULL;
	/* user@host */
	for (const char *a = s; a < e; a++)
		if (*a == '@')
			s = a + 1;
	return sdup(m, s, (size_t)(e - s));
}

static const char *
url_file(bh_mapper *m, const char *url)
{
	const char *s, *e, *slash = NULL;

	if (!url || !(s = strstr(url, "://")))
		return NULL;
	for (e = s + 3; *e && *e != '?' && *e != '#'; e++)
		if (*e == '/')
			slash = e;
	if (!slash || e - slash <= 1)
		return NULL;
	return sdup(m, slash + 1, (size_t)(e - slash - 1));
}

static const char *
ext_of(bh_mapper *m, const char *name)
{
	const char *dot;
	size_t n;
	char *d;

	if (!name || !(dot = strrchr(name, '.')) || dot == name)
		return NULL;
	n = strlen(dot + 1);
	if (n == 0 || n > 8 || strchr(dot, '/'))
		return NULL;
	d = (char *)sdup(m, dot + 1, n);
	for (char *c = d; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return d;
}

/* ---- types ---- */

static const char *
link_or_contact(const bh_jnode *content)
{
	const char *a = str_get(content, BH_K_action);

	return a && strstr(a, ".user") ? "contact" : "link";
}

const char *
bh_type_pc(long code, const bh_jnode *content)
{
	switch (code) {
	case 1: return "text";
	case 2: return "photo";
	case 3: return "voice";
	case 4: return "sticker";
	case 6: return link_or_contact(content);
	case 7: return "gif";
	case 17: return "location";
	case 18: return "video";
	case 19: return "file";
	case 20: return "recalled";
	case 26: return "poll";
	default: return "other";
	}
}

const char *
bh_type_web(const char *mt, const bh_jnode *content)
{
	static const struct { const char *web, *type; } map[] = {
		{"webchat", "text"}, {"chat.photo", "photo"},
		{"chat.video.msg", "video"}, {"chat.voice", "voice"},
		{"chat.sticker", "sticker"}, {"share.file", "file"}, {"chat.link", "link"},
		{"chat.gif", "gif"}, {"chat.location.new", "location"}, {"group.poll", "poll"},
	};
	size_t i;

	if (strcmp(mt, "chat.recommended") == 0)
		return link_or_contact(content);
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(mt, map[i].web) == 0)
			return map[i].type;
	return "other";
}

/* ---- parts of a message ---- */

static void
map_text(bh_mapper *m, const bh_jnode *content, bh_rec *r)
{
	const char *t = NULL, *d = NULL;

	if (content && content->type == BH_JSTR) {
		if (strcmp(r->type, "text") == 0)
			r->text = content->len ? content->s : NULL;
		return;
	}
	if (!content || content->type != BH_JOBJ)
		return;
	t = str_get(content, BH_K_title);
	d = str_get(content, BH_K_description);
	if (strcmp(r->type, "text") == 0) {
		r->text = nonempty(t) ? t : NULL;	/* PC rich text */
	} else if (strcmp(r->type, "photo") == 0 || strcmp(r->type, "video") == 0) {
		if (nonempty(t) && nonempty(d)) {
			size_t a = strlen(t), b = strlen(d);
			char *c = scratch(m, a + b + 2);
			memcpy(c, t, a);
			c[a] = ' ';
			memcpy(c + a + 1, d, b + 1);
			r->caption = c;
		} else {
			r->caption = nonempty(t) ? t : nonempty(d) ? d : NULL;
		}
	}
}

static int
is_media(const char *type)
{
	return strcmp(type, "photo") == 0 || strcmp(type, "video") == 0 ||
	    strcmp(type, "voice") == 0 || strcmp(type, "file") == 0 ||
	    strcmp(type, "gif") == 0;
}

static void
map_media(bh_mapper *m, const bh_jnode *content, bh_rec *r)
{
	static const int urls[] = {BH_K_oriUrl, BH_K_hdUrl, BH_K_href, BH_K_normalUrl, BH_K_fileUrl,
	    BH_K_thumbUrl, BH_K_thumb};
	const bh_jnode *p;
	const char *url = NULL;
	size_t i;

	if (!is_media(r->type) || !content || content->type != BH_JOBJ)
		return;
	r->has_media = 1;
	r->m_kind = r->type;
	for (i = 0; i < sizeof urls / sizeof urls[0] && !nonempty(url); i++)
		url = str_get(content, urls[i]);
	r->m_host = url_host(m, url);
	p = params_of(m, content);
	r->m_w = int_get(p, BH_K_width);
	r->m_h = int_get(p, BH_K_height);
	r->m_dur = int_get(p, BH_K_duration);
	r->m_size = int_get(p, BH_K_fileSize);
	if (strcmp(r->type, "file") == 0 && nonempty(str_get(content, BH_K_title)))
		r->m_file = str_get(content, BH_K_title);
	else
		r->m_file = url_file(m, url);
	r->m_ext = nonempty(str_get(p, BH_K_fileExt)) ? sdup(m, str_get(p, BH_K_fileExt), strlen(str_get(p, BH_K_fileExt)))
	    : ext_of(m, r->m_file);
}

static void
map_quote(const bh_jnode *q, const char *owner, bh_rec *r)
{
	if (!q || q->type != BH_JOBJ)
		return;
	r->q_msg_id = id_get(q, BH_K_globalMsgId);
	r->q_cli_msg_id = id_get(q, BH_K_cliMsgId);
	if (!r->q_msg_id && !r->q_cli_msg_id)
		return;
	r->has_quote = 1;
	r->q_owner = uid_get(q, BH_K_ownerId);
	if (r->q_owner && strcmp(r->q_owner, "0") == 0)
		r->q_owner = owner && *owner ? owner : r->q_owner;
	r->q_ts = time_get(q, BH_K_ts);
}

static void
map_mentions(bh_mapper *m, const bh_jnode *arr, const char *owner, bh_rec *r)
{
	const bh_jnode *e;

	if (!arr || arr->type != BH_JARR)
		return;
	for (e = arr->child; e; e = e->next) {
		const char *uid = uid_get(e, BH_K_uid);
		long long t = int_get(e, BH_K_type);
		if (!uid)
			continue;
		if (strcmp(uid, "0") == 0 && owner && *owner)
			uid = owner;
		if (r->nment == m->capment) {
			m->capment = m->capment ? m->capment * 2 : 8;
			m->ment = bh_realloc(m->ment, m->capment * sizeof *m->ment);
		}
		m->ment[r->nment].uid = uid;
		m->ment[r->nment].type = t < 0 ? 0 : (int)t;
		r->nment++;
	}
	r->ment = m->ment;
}

static void
add_react(bh_mapper *m, bh_rec *r, const char *target, const char *target_cli,
    const char *reactor, const char *icon, long long ts)
{
	if (r->nreact == m->capreact) {
		m->capreact = m->capreact ? m->capreact * 2 : 8;
		m->react = bh_realloc(m->react, m->capreact * sizeof *m->react);
	}
	m->react[r->nreact].target = target;
	m->react[r->nreact].target_cli = target_cli;
	m->react[r->nreact].reactor = reactor;
	m->react[r->nreact].icon = icon ? icon : "";
	m->react[r->nreact].ts = ts;
	r->nreact++;
	r->react = m->react;
}

static int
all_digits(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* PC "reacts": take the reactors that are named; counts alone are not reactors. */
static void
map_pc_reacts(bh_mapper *m, const bh_jnode *reacts, const char *owner, bh_rec *r)
{
	const bh_jnode *list = bh_jgetk(reacts, BH_K_reactions), *e;

	if (!r->msg_id || !list || (list->type != BH_JARR && list->type != BH_JOBJ))
		return;
	for (e = list->child; e; e = e->next) {
		const char *who = NULL, *icon = NULL;
		long long ts = -1;
		if (e->type == BH_JOBJ) {
			static const int ukeys[] = {BH_K_uidFrom, BH_K_uid, BH_K_fromUid, BH_K_userId, BH_K_id};
			for (size_t i = 0; i < 5 && !who; i++)
				who = uid_get(e, ukeys[i]);
			if (!who && e->key && all_digits(e->key))
				who = e->key;
			icon = bh_jtextk(e, BH_K_rIcon) ? bh_jtextk(e, BH_K_rIcon) : bh_jtextk(e, BH_K_icon);
			ts = time_get(e, BH_K_ts);
			if (ts < 0)
				ts = time_get(e, BH_K_time);
		} else if (e->key && all_digits(e->key) && (e->type == BH_JSTR || e->type == BH_JNUM)) {
			who = e->key;
			icon = e->s;
		}
		if (!who)
			continue;
		if (strcmp(who, "0") == 0 && owner && *owner)
			who = owner;
		add_react(m, r, r->msg_id, NULL, who, icon, ts);
	}
}

static void
add_member(bh_mapper *m, bh_rec *r, const char *uid)
{
	if (r->nmember == m->capmembers) {
		m->capmembers = m->capmembers ? m->capmembers * 2 : 8;
		m->members = bh_realloc(m->members, m->capmembers * sizeof *m->members);
	}
	m->members[r->nmember++] = uid;
	r->members = m->members;
}

static void
map_members(bh_mapper *m, const bh_jnode *list, bh_rec *r)
{
	const bh_jnode *e;

	if (!list || list->type != BH_JARR)
		return;
	for (e = list->child; e; e = e->next) {
		const char *uid = e->type == BH_JOBJ ? uid_get(e, BH_K_id) : id_of(e);
		if (!uid && e->type == BH_JOBJ)
			uid = uid_get(e, BH_K_uid);
		if (uid)
			add_member(m, r, uid);
	}
}

static int
is_member_act(const char *act)
{
	return strcmp(act, "join") == 0 || strcmp(act, "leave") == 0 ||
	    strcmp(act, "remove_member") == 0;
}

/* ---- records ---- */

/* {"act":…,"data":{…}}, or zca-js's {"type":act,"data":{…},"threadId":…} */
static void
group_event(bh_mapper *m, const char *act, const bh_jnode *data, bh_rec *r)
{
	if (!act || !*act) {
		r->reject = N_("group event without act");
		return;
	}
	r->group_id = id_get(data, BH_K_groupId);
	if (r->group_id && r->group_id[0] == 'g')
		r->group_id++;
	if (!nonempty(r->group_id)) {
		r->reject = N_("missing thread id (data.groupId)");
		return;
	}
	if ((r->ts = time_get(data, BH_K_time)) < 0) {
		r->reject = no_time(data, BH_K_time, BH_K_OTHER, N_("missing time (data.time)"),
		    N_("invalid time (data.time): not milliseconds since 1970 before 2200"));
		return;
	}
	r->sender = uid_get(data, BH_K_sourceId);
	r->act = act;
	map_members(m, bh_jgetk(data, BH_K_updateMembers), r);
	if (is_member_act(act)) {
		if (!r->nmember) {
			r->skip = "member event naming no member";
			return;
		}
		r->kind = BH_R_MEMBER;
	} else {
		r->kind = BH_R_EVENT;
		r->ref = "";
	}
}

/* PC -4: the content is an object or a JSON string; read it where it says who and what. */
static void
pc_member(bh_mapper *m, const bh_jnode *content, bh_rec *r)
{
	const bh_jnode *c = content, *data;
	const char *act;

	if (c && c->type == BH_JSTR && bh_json_parse(&m->params, c->s, c->len) == 0)
		c = &m->params.nodes[0];
	if (!c || c->type != BH_JOBJ) {
		r->skip = "member event (type -4) not readable";
		return;
	}
	data = bh_jgetk(c, BH_K_data) ? bh_jgetk(c, BH_K_data) : c;
	act = str_get(c, BH_K_act) ? str_get(c, BH_K_act) : str_get(c, BH_K_action);
	if (!act)
		act = str_get(data, BH_K_act);
	map_members(m, bh_jgetk(data, BH_K_updateMembers), r);
	if (!act || !r->nmember) {
		r->skip = "member event (type -4) not readable";
		return;
	}
	r->act = act;
	r->kind = is_member_act(act) ? BH_R_MEMBER : BH_R_EVENT;
	r->ref = "";
}

static void
message_common(bh_mapper *m, const bh_jnode *root, const bh_jnode *content,
    const char *owner, bh_rec *r)
{
	r->msg_id = id_get(root, BH_K_msgId);
	r->cli_msg_id = id_get(root, BH_K_cliMsgId);
	r->dname = str_get(root, BH_K_dName);
	map_text(m, content, r);
	map_media(m, content, r);
	map_quote(bh_jgetk(root, BH_K_quote), owner, r);
	map_mentions(m, bh_jgetk(root, BH_K_mentions), owner, r);
	if (!r->msg_id && !r->cli_msg_id) {
		r->reject = N_("message without msgId or cliMsgId");
		return;
	}
	r->kind = BH_R_MESSAGE;
}

static void
map_pc(bh_mapper *m, const bh_jnode *root, const char *owner, bh_rec *r)
{
	const char *to = uid_get(root, BH_K_toUid);
	const bh_jnode *content = bh_jgetk(root, BH_K_message), *mt = bh_jgetk(root, BH_K_msgType);
	long long code;

	if (!nonempty(to)) {
		r->reject = N_("missing thread id (toUid)");
		return;
	}
	if (to[0] != 'g') {
		r->private_chat = 1;
		return;
	}
	r->group_id = to + 1;
	if (!*r->group_id) {
		r->reject = N_("missing thread id (toUid)");
		return;
	}
	if (!(r->sender = resolve_owner(r, uid_get(root, BH_K_fromUid), owner))) {
		r->reject = N_("missing sender (fromUid)");
		return;
	}
	if ((r->ts = time_get(root, BH_K_serverTime)) < 0 && (r->ts = time_get(root, BH_K_sendDttm)) < 0) {
		r->reject = no_time(root, BH_K_serverTime, BH_K_sendDttm, N_("missing time (serverTime, sendDttm)"),
		    N_("invalid time (serverTime, sendDttm): not milliseconds since 1970 before 2200"));
		return;
	}
	if (!mt || (mt->type != BH_JNUM && mt->type != BH_JSTR) || (code = int_of(mt)) == -1) {
		r->reject = N_("msgType is missing or not a number");
		return;
	}
	r->type_code = mt->s;
	switch (code) {
	case -4:
		pc_member(m, content, r);
		return;
	case -27:
	case -1909:
		r->kind = BH_R_EVENT;
		r->act = code == -27 ? "delete" : "pin";
		r->ref = id_get(root, BH_K_msgId) ? id_get(root, BH_K_msgId) : "";
		return;
	}
	r->type = bh_type_pc((long)code, content);
	r->recalled = code == 20;
	message_common(m, root, content, owner, r);
	if (r->kind == BH_R_MESSAGE)
		map_pc_reacts(m, bh_jgetk(root, BH_K_reacts), owner, r);
}

/* A Web row's content, which archivers may keep as the JSON string received
 * (reactions, recalls): the object it holds, or the content as it is. */
static const bh_jnode *
content_obj(bh_mapper *m, const bh_jnode *content)
{
	if (content && content->type == BH_JSTR && content->len &&
	    bh_json_parse(&m->content, content->s, content->len) == 0 &&
	    m->content.nodes[0].type == BH_JOBJ)
		return &m->content.nodes[0];
	return content;
}

/* How a Web row was saved (formats.md §2): mark is 1 when its wrapper says it
 * is a group row (groupMsgs, a listener object of type 1 or isGroup true), -1
 * when it says private, 0 when it says nothing; listener: it came in a zca-js
 * listener object, whose isSelf is self. */
struct web_how {
	int mark, listener, self;
};

static void
map_web(bh_mapper *m, const bh_jnode *root, const char *owner, struct web_how how, bh_rec *r)
{
	const char *to = uid_get(root, BH_K_idTo), *mt = str_get(root, BH_K_msgType), *from;
	const bh_jnode *content = bh_jgetk(root, BH_K_content);
	long long cmd = int_get(root, BH_K_cmd);

	/* Private marks first: nothing of a private row is looked at further,
	 * not even to reject it. */
	if (how.mark < 0 || cmd == 501 || (to && strcmp(to, "0") == 0)) {
		r->private_chat = 1;
		return;
	}
	if (!nonempty(to)) {
		r->reject = N_("missing thread id (idTo)");
		return;
	}
	r->unmarked = how.mark == 0 && cmd != 521 && to[0] != 'g';
	r->group_id = to[0] == 'g' ? to + 1 : to;
	if (!*r->group_id) {
		r->reject = N_("missing thread id (idTo)");
		return;
	}
	/* zca-js has put the account's uid in place of "0": a message of its
	 * own (isSelf) tells who the owner is, for the "0"s it left (quotes). */
	from = uid_get(root, BH_K_uidFrom);
	if (how.listener && how.self && !nonempty(from))
		from = "0";
	if (how.listener && how.self && strcmp(from, "0") != 0)
		owner = from;
	if (!(r->sender = resolve_owner(r, from, owner))) {
		r->reject = N_("missing sender (uidFrom)");
		return;
	}
	if ((r->ts = time_get(root, BH_K_ts)) < 0 && (r->ts = time_get(root, BH_K_serverTime)) < 0) {
		r->reject = no_time(root, BH_K_ts, BH_K_serverTime, N_("missing time (ts)"),
		    N_("invalid time (ts): not milliseconds since 1970 before 2200"));
		return;
	}
	if (!mt) {
		const bh_jnode *n = bh_jgetk(root, BH_K_msgType);
		r->type_code = n && n->type == BH_JNUM ? n->s : "";
		if (!n || n->type != BH_JNUM) {
			r->reject = N_("msgType is missing or not a string");
			return;
		}
		r->type = bh_type_pc(strtol(n->s, NULL, 10), content);
		message_common(m, root, content, owner, r);
		return;
	}
	r->type_code = mt;
	if (strcmp(mt, "chat.reaction") == 0) {
		const bh_jnode *c = content_obj(m, content);
		const bh_jnode *rm = bh_jgetk(c, BH_K_rMsg), *e;
		const bh_jnode *icon = bh_jgetk(c, BH_K_rIcon);
		const char *ic = icon && (icon->type == BH_JSTR || icon->type == BH_JNUM) ? icon->s : "";

		/* One reaction per message the row names. gMsgID 0: a reaction
		 * from the phone, whose target is known by its cliMsgId. */
		for (e = rm && rm->type == BH_JARR ? rm->child : NULL; e; e = e->next)
			if (id_get(e, BH_K_gMsgID))
				add_react(m, r, id_get(e, BH_K_gMsgID), NULL, r->sender, ic, r->ts);
			else if (id_get(e, BH_K_cMsgID))
				add_react(m, r, NULL, id_get(e, BH_K_cMsgID), r->sender, ic, r->ts);
		if (!r->nreact) {
			r->reject = N_("reaction without target (content.rMsg[].gMsgID, cMsgID)");
			return;
		}
		r->kind = BH_R_REACTION;
		return;
	}
	if (strcmp(mt, "chat.undo") == 0) {
		/* a recall whatever deleteMsg says */
		const bh_jnode *c = content_obj(m, content);

		r->r_msg_id = id_get(c, BH_K_globalMsgId);
		r->r_cli_msg_id = id_get(c, BH_K_cliMsgId);
		if (!r->r_msg_id && !r->r_cli_msg_id) {
			r->reject = N_("recall without target (content.globalMsgId)");
			return;
		}
		if (!r->r_msg_id)
			r->r_msg_id = "";
		if (!r->r_cli_msg_id)
			r->r_cli_msg_id = "";
		r->kind = BH_R_RECALL;
		return;
	}
	r->type = bh_type_web(mt, content);
	message_common(m, root, content, owner, r);
}

static void
map_conv(const bh_jnode *root, bh_rec *r)
{
	const char *uid = uid_get(root, BH_K_userId);

	if (uid[0] != 'g') {
		r->private_chat = 1;
		return;
	}
	r->group_id = uid + 1;
	r->name = str_get(root, BH_K_name);
	if (!*r->group_id) {
		r->reject = N_("conversation without a group id (userId)");
		return;
	}
	r->kind = BH_R_CONV;
}

/* A zca-js listener object: {"type":0|1,"data":{row},"threadId":…,"isSelf":…},
 * the older {"data":{row},…,"isGroup":…}, or a group event {"type":act,"data":{…}}. */
static void
map_listener(bh_mapper *m, const bh_jnode *root, const bh_jnode *data, const char *owner,
    bh_rec *r)
{
	const bh_jnode *type = bh_jgetk(root, BH_K_type), *grp = bh_jgetk(root, BH_K_isGroup),
	    *self = bh_jgetk(root, BH_K_isSelf);
	struct web_how how = {0, 1, self && self->type == BH_JTRUE};

	if (type && type->type == BH_JSTR && bh_jgetk(data, BH_K_groupId)) {
		group_event(m, type->s, data, r);
		return;
	}
	if ((type && type->type == BH_JNUM && strcmp(type->s, "0") == 0) ||
	    (grp && grp->type == BH_JFALSE))
		how.mark = -1;
	else if ((type && type->type == BH_JNUM && strcmp(type->s, "1") == 0) ||
	    (grp && grp->type == BH_JTRUE))
		how.mark = 1;
	if (how.mark < 0) {
		r->private_chat = 1;
		return;
	}
	if (!bh_jgetk(data, BH_K_idTo) && !bh_jgetk(data, BH_K_uidFrom)) {
		r->reject = N_("unknown wrapper: a listener object whose data is no Zalo Web row (no idTo)");
		return;
	}
	map_web(m, data, owner, how, r);
}

/* Is root a listener object (members around a data object)? */
static int
is_listener(const bh_jnode *root, const bh_jnode *data)
{
	return data && data->type == BH_JOBJ &&
	    (bh_jgetk(root, BH_K_threadId) || bh_jgetk(root, BH_K_isSelf) || bh_jgetk(root, BH_K_isGroup) ||
	     bh_jgetk(root, BH_K_type));
}

void
bh_map(bh_mapper *m, const bh_jnode *root, const char *owner, int wrap, bh_rec *r)
{
	const bh_jnode *data = bh_jgetk(root, BH_K_data);
	struct web_how how = {wrap == BH_REC_WRAP_GROUP ? 1 : 0, 0, 0};

	scratch_reset(m);
	memset(r, 0, sizeof *r);
	r->q_ts = -1;
	r->m_size = r->m_w = r->m_h = r->m_dur = -1;
	r->type_code = "";

	if (wrap == BH_REC_WRAP_PRIVATE) {	/* a row of msgs or pageMsgs */
		r->private_chat = 1;
		return;
	}
	if (bh_jgetk(root, BH_K_act) && data)
		group_event(m, str_get(root, BH_K_act), data, r);
	else if (bh_jgetk(root, BH_K_toUid) || bh_jgetk(root, BH_K_fromUid))
		map_pc(m, root, owner, r);
	else if (bh_jgetk(root, BH_K_idTo) || bh_jgetk(root, BH_K_uidFrom))
		map_web(m, root, owner, how, r);
	else if (is_listener(root, data))
		map_listener(m, root, data, owner, r);
	else if (uid_get(root, BH_K_userId) && !bh_jgetk(root, BH_K_msgType))
		map_conv(root, r);
	else if (data || bh_jgetk(root, BH_K_error_code))
		r->reject = N_("unknown wrapper: no groupMsgs, msgs or pageMsgs, and no zca-js listener object");
	else
		r->reject = N_("not a Zalo message record (no toUid, idTo or act)");
}
