/* path.c: reading meaning out of entry names (owner uid, msgId, kind of file). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

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

char *
bh_clean_name(const char *name)
{
	char *c = bh_strdup(name ? name : "(no name)"), *s;

	for (s = c; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
	return c;
}
