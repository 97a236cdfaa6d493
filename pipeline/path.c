/* path.c: reading meaning out of entry names (owner uid, msgId, kind of file). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_path.h"

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static const char *
base_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

enum bh_entry_kind
bh_entry_kind(const char *name)
{
	static const char *records[] = {".zdb", ".json", ".ndjson", ".jsonl"};
	static const char *archives[] = {".zip", ".tar", ".tgz", ".tar.gz", ".tar.xz", ".txz",
	    ".tar.zst", ".tzst", ".tar.bz2", ".tbz2", ".7z"};
	static const char *media[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp",
	    ".mp4", ".mov", ".3gp", ".mkv", ".amr", ".aac", ".m4a", ".mp3", ".ogg", ".wav",
	    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".rar"};
	const char *b = base_of(name);
	char id[32];
	size_t i;

	if (ends_with(b, ".zl.zip") || ends_with(b, ".zl"))
		return BH_E_ENCRYPTED;
	for (i = 0; i < sizeof records / sizeof *records; i++)
		if (ends_with(b, records[i]))
			return BH_E_RECORDS;
	for (i = 0; i < sizeof archives / sizeof *archives; i++)
		if (ends_with(b, archives[i]))
			return BH_E_ARCHIVE;
	if (bh_media_msgid(b, id, sizeof id))
		return BH_E_MEDIA;
	for (i = 0; i < sizeof media / sizeof *media; i++)
		if (ends_with(b, media[i]))
			return BH_E_MEDIA;
	return BH_E_OTHER;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 24)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

const char *
bh_owner_of(const char *path, char *buf, size_t n)
{
	const char *p = path, *prev = NULL, *s, *b;
	size_t prevlen = 0, len;

	/* Walk the components, remembering the one before. */
	while (*p) {
		s = strchr(p, '/');
		len = s ? (size_t)(s - p) : strlen(p);
		if (len == 13 && strncmp(p, "ZaloDownloads", 13) == 0 && prev &&
		    digits(prev, prevlen) && prevlen < n) {
			memcpy(buf, prev, prevlen);
			buf[prevlen] = '\0';
			return buf;
		}
		prev = p;
		prevlen = len;
		if (!s)
			break;
		p = s + 1;
	}
	b = base_of(path);
	if ((s = strstr(b, "_zmessage.zdb")) && digits(b, (size_t)(s - b)) &&
	    (size_t)(s - b) < n) {
		memcpy(buf, b, (size_t)(s - b));
		buf[s - b] = '\0';
		return buf;
	}
	return NULL;
}

const char *
bh_media_msgid(const char *path, char *buf, size_t n)
{
	const char *b = base_of(path), *u;

	if (b[0] != 'z' || !(u = strchr(b, '_')) || !digits(b + 1, (size_t)(u - b - 1)) ||
	    (size_t)(u - b - 1) >= n)
		return NULL;
	memcpy(buf, b + 1, (size_t)(u - b - 1));
	buf[u - b - 1] = '\0';
	return buf;
}

/* The PC backup keeps downloaded media as ZaloDownloads/<kind>/<thread>/<file>,
 * where a group's thread folder ends in "_group" and any other names the
 * peer of a private chat. */
int
bh_media_private(const char *path)
{
	const char *p = path, *s, *kind = NULL, *thread = NULL;
	size_t len, kindlen = 0, after = 0;	/* names after "ZaloDownloads" */

	for (; *p; p = s + 1) {
		s = strchr(p, '/');
		len = s ? (size_t)(s - p) : strlen(p);
		if (after == 0 && kind == NULL && len == 13 && strncasecmp(p, "ZaloDownloads", 13) == 0) {
			kind = p;	/* marks "found"; the kind comes next */
			after = 1;
		} else if (after == 1) {
			kind = p;
			kindlen = len;
			after = 2;
		} else if (after == 2) {
			thread = p;
			after = 3;
			if (len > 6 && strncasecmp(p + len - 6, "_group", 6) == 0)
				return 0;
		} else if (after == 3)
			break;	/* a file (or folder) inside the thread's folder */
		if (!s)
			return 0;
	}
	if (after != 3 || !*p || !thread)
		return 0;
	return !(kindlen == 8 && strncasecmp(kind, "database", 8) == 0);
}

/* The length of the valid UTF-8 sequence at s that is not a control character
 * (C0, DEL, C1), or 0. */
static size_t
utf8_ok(const unsigned char *s)
{
	unsigned c = s[0], cp;
	size_t n, i;

	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	cp = c & (0x3f >> (n - 1));
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return n;
}

static char *
escape(const char *name, int lossless)
{
	const unsigned char *s = (const unsigned char *)(name ? name : "");
	char *out = bh_malloc(strlen((const char *)s) * 4 + 1), *o = out;
	size_t n;

	while (*s) {
		if (lossless && s[0] == '\\' && s[1] == 'x') {
			o += sprintf(o, "\\x5C");
			s++;
		} else if ((n = utf8_ok(s))) {
			memcpy(o, s, n);
			o += n;
			s += n;
		} else {
			o += sprintf(o, "\\x%02X", *s++);
		}
	}
	*o = '\0';
	return out;
}

char *
bh_name_store(const char *name)
{
	return escape(name, 1);
}

char *
bh_name_show(const char *name)
{
	return escape(name, 0);
}

int
bh_name_clean(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n;

	while (*s) {
		if (!(n = utf8_ok(s)))
			return 0;
		s += n;
	}
	return 1;
}

char *
bh_clean_name(const char *name)
{
	return bh_name_store(name ? name : "(no name)");
}

static char *
abs_of(const char *path)
{
	char *cwd, *p;
	size_t n;

	if (path[0] == '/')
		return bh_strdup(path);
	if (!(cwd = getcwd(NULL, 0)))
		return NULL;
	n = strlen(cwd) + strlen(path) + 2;
	p = bh_malloc(n);
	snprintf(p, n, "%s/%s", cwd, path);
	free(cwd);
	return p;
}

static char *
resolve(char *abs, int depth)
{
	char *r, *slash, *head, *last;
	size_t n;

	if ((r = realpath(abs, NULL)) || errno != ENOENT || depth > 4096)
		return r;
	while ((n = strlen(abs)) > 1 && abs[n - 1] == '/')
		abs[n - 1] = '\0';
	slash = strrchr(abs, '/');
	last = slash + 1;
	head = bh_strdup(slash == abs ? "/" : abs);
	if (slash != abs)
		head[slash - abs] = '\0';
	r = resolve(head, depth + 1);
	free(head);
	if (!r)
		return NULL;
	if (strcmp(last, ".") == 0 || !*last)
		return r;
	if (strcmp(last, "..") == 0) {
		if ((slash = strrchr(r, '/')) && slash != r)
			*slash = '\0';
		else
			strcpy(r, "/");
		return r;
	}
	n = strlen(r) + strlen(last) + 2;
	head = bh_malloc(n);
	snprintf(head, n, "%s%s%s", r, strcmp(r, "/") == 0 ? "" : "/", last);
	free(r);
	return head;
}

char *
bh_path_resolve(const char *path)
{
	char *abs = abs_of(path), *r;
	int e;

	if (!abs)
		return NULL;
	r = resolve(abs, 0);
	e = errno;
	free(abs);
	errno = e;
	return r;
}

int
bh_path_within(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (strcmp(b, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0');
}

char *
bh_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = bh_malloc(n);

	snprintf(s, n, "%s/%s", dir, name);
	return s;
}
