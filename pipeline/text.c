/* text.c: Vietnamese text as metrics.md reads it: normalisation, diacritics,
 * name keys (also as SQL functions), upper case. The lexicon is lexicon.c,
 * CSV input csvin.c, the rounding of figures round.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bh_err.h"
#include "bh_text.h"

static int
is_word(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int
is_mark(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* utf8proc_map that never fails: invalid input maps to "". */
static char *
map(const char *s, size_t len, int opts)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
	    (utf8proc_option_t)(opts | UTF8PROC_STABLE)) < 0) {
		free(out);
		return bh_strdup("");
	}
	if (!out)
		bh_die(_("out of memory"));
	return (char *)out;
}

/* Runs of characters that `keep` refuses become one space; kept ones are
 * lowered when asked. The result is trimmed. */
static char *
squeeze(const char *s, size_t n, int (*keep)(utf8proc_int32_t), int lower)
{
	size_t o = 0;
	char *out = bh_malloc(4 * n + 1);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int gap = 0;

	while (n > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (*p < 0x80) {
			cp = *p;
			k = 1;
		} else if ((k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp)) <= 0) {
			break;
		}
		p += k;
		n -= (size_t)k;
		if (!keep(cp)) {
			gap = 1;
			continue;
		}
		if (gap && o > 0)
			out[o++] = ' ';
		gap = 0;
		if (cp < 0x80)
			out[o++] = (char)(lower && cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		else
			o += (size_t)utf8proc_encode_char(lower ? utf8proc_tolower(cp) : cp,
			    (utf8proc_uint8_t *)out + o);
	}
	out[o] = '\0';
	return out;
}

/* Per code point, cached below U+3000 (Latin, Vietnamese, punctuation): */
enum { CP_KNOWN = 1, CP_NFC_SAFE = 2, CP_MARKED = 4 };
static unsigned char cp_cache[0x3000];

/* NFC-safe: not a mark, its own NFC, and not a Hangul vowel or final jamo, so
 * it composes with nothing before it: a text of such characters is NFC.
 * Marked: a mark, or a letter whose decomposition holds one, or đ/Đ. */
static int
cp_flags(utf8proc_int32_t cp)
{
	utf8proc_int32_t d[8];
	utf8proc_uint8_t enc[8];
	utf8proc_ssize_t n, i, k;
	int f = CP_KNOWN, bound = 0;
	char *nfc;

	if (cp < 0x3000 && cp_cache[cp])
		return cp_cache[cp];
	k = utf8proc_encode_char(cp, enc);
	nfc = map((const char *)enc, (size_t)k, UTF8PROC_COMPOSE);
	if (!is_mark(cp) && strlen(nfc) == (size_t)k && memcmp(nfc, enc, (size_t)k) == 0 &&
	    !(cp >= 0x1160 && cp <= 0x11FF))
		f |= CP_NFC_SAFE;
	free(nfc);
	n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &bound);
	if (cp == 0x110 || cp == 0x111)
		f |= CP_MARKED;
	for (i = 0; i < n && i < 8; i++)
		if (is_mark(d[i]))
			f |= CP_MARKED;
	if (cp < 0x3000)
		cp_cache[cp] = (unsigned char)f;
	return f;
}

/* Most chat texts are already NFC: then the costly utf8proc_map is skipped. */
static int
nfc_already(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

	while (n > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (*p < 0x80) {
			p++;
			n--;
			continue;
		}
		if ((k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp)) <= 0 ||
		    !(cp_flags(cp) & CP_NFC_SAFE))
			return 0;
		p += k;
		n -= (size_t)k;
	}
	return 1;
}

char *
bh_text_norm(const char *s, long len)
{
	char *nfc, *out;
	size_t n;

	if (!s)
		return bh_strdup("");
	n = len < 0 ? strlen(s) : (size_t)len;
	if (nfc_already(s, n))
		return squeeze(s, n, is_word, 1);
	nfc = map(s, n, UTF8PROC_COMPOSE);
	out = squeeze(nfc, strlen(nfc), is_word, 1);
	free(nfc);
	return out;
}

int
bh_text_has_marks(const char *norm)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)norm;
	size_t n = strlen(norm);

	while (n > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (*p < 0x80) {
			p++;
			n--;
			continue;
		}
		if ((k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp)) <= 0)
			break;
		if (cp_flags(cp) & CP_MARKED)
			return 1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

char *
bh_text_strip(const char *norm)
{
	char *out = map(norm, strlen(norm), UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
	char *r = out, *w = out;

	/* đ/Đ are letters of their own, not d plus a mark: map them by hand. */
	while (*r) {
		if ((unsigned char)r[0] == 0xC4 && ((unsigned char)r[1] == 0x91 ||
		    (unsigned char)r[1] == 0x90)) {
			*w++ = (unsigned char)r[1] == 0x91 ? 'd' : 'D';
			r += 2;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return out;
}

static int
not_space(utf8proc_int32_t cp)
{
	return !(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
	    cp == '\f' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS);
}

char *
bh_text_namekey(const char *s)
{
	char *folded, *out;

	if (!s)
		return bh_strdup("");
	folded = map(s, strlen(s), UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	out = squeeze(folded, strlen(folded), not_space, 0);
	free(folded);
	return out;
}

char *
bh_text_fold(const char *s)
{
	char *n = bh_text_norm(s, -1), *out = bh_text_strip(n);

	free(n);
	return out;
}

long
bh_utf8_invalid_at(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t off = 0;

	while (off < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (p[off] < 0x80) {
			off++;
			continue;
		}
		k = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off), &cp);
		if (k <= 0)
			return (long)off;
		off += (size_t)k;
	}
	return -1;
}

static void
sql_apply(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char *(*fn)(const char *) = (char *(*)(const char *))sqlite3_user_data(cx);
	const char *s = (const char *)sqlite3_value_text(argv[0]);

	if (!s) {
		sqlite3_result_null(cx);
		return;
	}
	sqlite3_result_text(cx, fn(s), -1, free);
}

void
bh_text_sql_register(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(db, "bh_namekey", 1, flags, (void *)bh_text_namekey,
	    sql_apply, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "bh_fold", 1, flags, (void *)bh_text_fold,
	    sql_apply, NULL, NULL) != SQLITE_OK)
		bh_die(_("cannot register SQL functions: %s"), sqlite3_errmsg(db));
}

/* Upper case, NFC (a heading of an official document: "CÔNG AN XÃ BÌNH AN");
 * invalid UTF-8 gives "". */
char *
bh_text_upper(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *nfc = map(s, n, UTF8PROC_COMPOSE), *out;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)nfc;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	n = strlen(nfc);
	out = bh_malloc(4 * n + 1);
	while (n > 0 && (k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp)) > 0) {
		o += (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)out + o);
		p += k;
		n -= (size_t)k;
	}
	out[o] = '\0';
	free(nfc);
	return out;
}
