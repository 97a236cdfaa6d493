/* thonguess.c: the thôn a display name tells ("Lan - Thôn 3", "Hùng TDP 5",
 * "Mai (xóm Đông)", "Ấp 2", "Bản Nà"), for the roster to-do list when no roster
 * thôn is found in the name (also before any roster is stored). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bh_err.h"
#include "bh_roster.h"

/* A word of the name: letters and digits; punct: a mark other than a space
 * came before it (a bracket, a dash: the place's name stops there). */
struct tok {
	const char *s;
	size_t n;
	int punct_before;
	int upper;		/* starts with a capital letter */
	int number;		/* digits only */
	char *low;		/* NFC, lower case */
};

/* The words that name a place, lower case, as typed with or without marks
 * where that is not ambiguous ("ban" and "ap" are words of their own; "bản"
 * and "ấp" are not), and how the guess writes them. */
static const struct {
	const char *w[4];
	const char *as;
} kinds[] = {
	{ { "tổ", "dân", "phố" }, "Tổ dân phố" },
	{ { "to", "dan", "pho" }, "Tổ dân phố" },
	{ { "khu", "phố" }, "Khu phố" },
	{ { "khu", "pho" }, "Khu phố" },
	{ { "thôn" }, "Thôn" },
	{ { "thon" }, "Thôn" },
	{ { "xóm" }, "Xóm" },
	{ { "xom" }, "Xóm" },
	{ { "tdp" }, "TDP" },
	{ { "kp" }, "KP" },
	{ { "ấp" }, "Ấp" },
	{ { "bản" }, "Bản" },
	{ { "buôn" }, "Buôn" },
	{ { "buon" }, "Buôn" },
	{ { "khóm" }, "Khóm" },
	{ { "tổ" }, "Tổ" },
	{ { NULL }, NULL }
};

static int
is_word(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	    c == UTF8PROC_CATEGORY_ND;
}

static int
is_space(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static size_t
tokenize(const char *s, struct tok *t, size_t max)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t n = 0, left = strlen(s);
	int punct = 0;

	while (left > 0 && n < max) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);

		if (k <= 0)
			break;
		if (!is_word(cp)) {
			if (!is_space(cp))
				punct = 1;
			p += k;
			left -= (size_t)k;
			continue;
		}
		t[n].s = (const char *)p;
		t[n].punct_before = punct;
		t[n].upper = utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
		    utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
		t[n].number = 1;
		punct = 0;
		while (left > 0 && (k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp)) > 0 &&
		    is_word(cp)) {
			if (utf8proc_category(cp) != UTF8PROC_CATEGORY_ND)
				t[n].number = 0;
			p += k;
			left -= (size_t)k;
		}
		t[n].n = (size_t)((const char *)p - t[n].s);
		n++;
		if (k <= 0)
			break;
	}
	return n;
}

/* How many words of kind k start at t[i], or 0. */
static int
kind_at(const struct tok *t, size_t n, size_t i, int k)
{
	int j;

	for (j = 0; j < 4 && kinds[k].w[j]; j++)
		if (i + (size_t)j >= n || strcmp(t[i + (size_t)j].low, kinds[k].w[j]) != 0 ||
		    (j > 0 && t[i + (size_t)j].punct_before))
			return 0;
	return j;
}

char *
bh_thon_guess(const char *dname)
{
	struct tok t[32];
	char *nfc, *out = NULL;
	size_t n, i, j;
	int k, w;

	if (!dname || !*dname)
		return NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)dname, -1, (utf8proc_uint8_t **)&nfc,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
		return NULL;
	n = tokenize(nfc, t, sizeof t / sizeof t[0]);
	for (i = 0; i < n; i++) {
		char *w0 = bh_malloc(t[i].n + 1);

		memcpy(w0, t[i].s, t[i].n);
		w0[t[i].n] = '\0';
		if (utf8proc_map((const utf8proc_uint8_t *)w0, -1, (utf8proc_uint8_t **)&t[i].low,
		    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
			t[i].low = bh_strdup("");
		free(w0);
	}
	for (i = 0; i < n && !out; i++) {
		for (k = 0; kinds[k].as && !(w = kind_at(t, n, i, k)); k++)
			;
		if (!kinds[k].as)
			continue;
		/* then a number, or up to three capitalised words, in the same part of the name */
		j = i + (size_t)w;
		if (j < n && !t[j].punct_before && t[j].number) {
			size_t len = strlen(kinds[k].as) + 1 + t[j].n + 1;

			out = bh_malloc(len);
			snprintf(out, len, "%s %.*s", kinds[k].as, (int)t[j].n, t[j].s);
		} else if (j < n && !t[j].punct_before && t[j].upper) {
			size_t e = j, len;

			while (e + 1 < n && e + 1 < j + 3 && !t[e + 1].punct_before && t[e + 1].upper &&
			    !t[e + 1].number)
				e++;
			len = strlen(kinds[k].as) + 1 + (size_t)(t[e].s + t[e].n - t[j].s) + 1;
			out = bh_malloc(len);
			snprintf(out, len, "%s %.*s", kinds[k].as, (int)(t[e].s + t[e].n - t[j].s), t[j].s);
		}
	}
	for (i = 0; i < n; i++)
		free(t[i].low);
	free(nfc);
	return out;
}
