/* lexicon.c: the lexicon of tips and questions (metrics.md): parsed from
 * category<TAB>kind<TAB>keyword lines, matched against normalised texts
 * syllable by syllable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_lexicon.h"
#include "bh_res.h"
#include "bh_text.h"

const char *const bh_kind_names[] = { "tip", "question", "ignore" };

static int
lex_add(bh_lexicon *lx, const char *cat, const char *kind, const char *kw, long line,
    const char *name)
{
	struct bh_lexent *e;
	enum bh_kind k;
	char *norm;

	if (strcmp(kind, "tip") == 0)
		k = BH_KIND_TIP;
	else if (strcmp(kind, "question") == 0)
		k = BH_KIND_QUESTION;
	else if (strcmp(kind, "ignore") == 0)
		k = BH_KIND_IGNORE;
	else {
		bh_bad(_("%s:%ld: unknown kind '%s': write tip, question or ignore"), name, line, kind);
		return -1;
	}
	if (k != BH_KIND_IGNORE && !*cat) {
		bh_bad(_("%s:%ld: a %s keyword needs a category in the first column"), name, line, kind);
		return -1;
	}
	norm = bh_text_norm(kw, -1);
	if (!*norm) {
		bh_bad(_("%s:%ld: keyword '%s' has no letter or digit"), name, line, kw);
		free(norm);
		return -1;
	}
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? 2 * lx->cap : 64;
		lx->e = bh_realloc(lx->e, lx->cap * sizeof *lx->e);
	}
	e = &lx->e[lx->n++];
	e->category = bh_strdup(cat);
	e->kind = k;
	e->kw = norm;
	e->kw_plain = bh_text_strip(norm);
	/* "chay" may be cháy, chạy or chay: one marked syllable is too vague. */
	e->plain_ok = strchr(norm, ' ') != NULL || !bh_text_has_marks(norm);
	e->line = line;
	return 0;
}

/* Split one lexicon line in place at TABs; returns the number of fields. */
static int
split_tabs(char *s, char **f, int max)
{
	int n = 0;

	f[n++] = s;
	while ((s = strchr(s, '\t')) && n < max) {
		*s++ = '\0';
		f[n++] = s;
	}
	return s ? max + 1 : n;
}

bh_lexicon *
bh_lex_parse(const char *text, size_t len, const char *name)
{
	bh_lexicon *lx = bh_malloc(sizeof *lx);
	char *copy, *line, *next;
	long ln = 0, bad;
	int failed = 0;

	memset(lx, 0, sizeof *lx);
	if ((bad = bh_utf8_invalid_at(text, len)) >= 0) {
		for (ln = 1; bad-- > 0; )
			ln += text[bad] == '\n';
		bh_bad(_("%s:%ld: not valid UTF-8: save the file as UTF-8"), name, ln);
		bh_lex_free(lx);
		return NULL;
	}
	copy = bh_malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	for (line = copy; line; line = next) {
		char *f[4];
		size_t n;

		ln++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (ln == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			line += 3;
		if (line[strspn(line, " \t")] == '\0' || line[strspn(line, " \t")] == '#')
			continue;
		if (split_tabs(line, f, 3) != 3) {
			bh_bad(_("%s:%ld: expected category<TAB>kind<TAB>keyword"), name, ln);
			failed = 1;
			continue;
		}
		if (lex_add(lx, f[0], f[1], f[2], ln, name) < 0)
			failed = 1;
	}
	free(copy);
	if (!failed && lx->n == 0) {
		bh_bad(_("%s: no keyword in the lexicon"), name);
		failed = 1;
	}
	if (failed) {
		bh_lex_free(lx);
		return NULL;
	}
	return lx;
}

bh_lexicon *
bh_lex_load(const char *file)
{
	const char *text;
	char *data = NULL;
	size_t len;
	bh_lexicon *lx;

	if (file) {
		if (!(data = bh_slurp(file, &len)))
			bh_die(_("cannot read lexicon '%s':"), file);
		text = data;
	} else if (!(text = bh_res("data/lexicon.tsv", &len))) {
		bh_die(_("built-in file 'data/lexicon.tsv' is missing"));
	}
	lx = bh_lex_parse(text, len, file ? file : "data/lexicon.tsv");
	free(data);
	if (!lx)
		bh_die(_("lexicon not loaded: fix the lines above"));
	return lx;
}

void
bh_lex_free(bh_lexicon *lx)
{
	size_t i;

	if (!lx)
		return;
	for (i = 0; i < lx->n; i++) {
		free(lx->e[i].category);
		free(lx->e[i].kw);
		free(lx->e[i].kw_plain);
	}
	free(lx->e);
	free(lx);
}

/* Finds " kw " in a text padded with spaces at both ends. */
static char *
find_syllables(char *padded, const char *kw)
{
	size_t k = strlen(kw);
	char *p = padded;

	while ((p = strstr(p + 1, kw))) {
		if (p[-1] == ' ' && p[k] == ' ')
			return p - 1;
	}
	return NULL;
}

int
bh_has_syllables(const char *padded, const char *kw)
{
	return *padded && find_syllables((char *)padded, kw) != NULL;
}

/* The keyword an entry is matched with, or NULL when it sits this text out. */
static const char *
entry_kw(const struct bh_lexent *e, int plain)
{
	if (!plain)
		return e->kw;
	return e->plain_ok ? e->kw_plain : NULL;
}

/* Offsets where the syllables of a space-padded text start. */
static size_t *
syllable_starts(const char *buf, size_t *n)
{
	size_t i, k = 0, cap = 8;
	size_t *st = bh_malloc(cap * sizeof *st);

	for (i = 0; buf[i] && buf[i + 1]; i++) {
		if (buf[i] != ' ')
			continue;
		if (k == cap) {
			cap *= 2;
			st = bh_realloc(st, cap * sizeof *st);
		}
		st[k++] = i + 1;
	}
	*n = k;
	return st;
}

/* Keywords are tried at syllable starts only: much cheaper than a substring
 * search per keyword over the whole text. */
static int
has_at_starts(const char *buf, const size_t *st, size_t n, const char *kw)
{
	size_t i, k = strlen(kw);

	for (i = 0; i < n; i++)
		if (buf[st[i]] == kw[0] && strncmp(buf + st[i], kw, k) == 0 && buf[st[i] + k] == ' ')
			return 1;
	return 0;
}

const struct bh_lexent *
bh_lex_match(const bh_lexicon *lx, const char *text)
{
	char *norm, *buf, *p;
	const struct bh_lexent *hit = NULL;
	const char *kw;
	size_t i, n, *st;
	int plain;

	if (!text || !*text)
		return NULL;
	norm = bh_text_norm(text, -1);
	plain = !bh_text_has_marks(norm);
	n = strlen(norm);
	buf = bh_malloc(n + 3);
	buf[0] = ' ';
	memcpy(buf + 1, norm, n);
	buf[n + 1] = ' ';
	buf[n + 2] = '\0';
	free(norm);
	for (i = 0; i < lx->n; i++) {
		if (lx->e[i].kind != BH_KIND_IGNORE || !(kw = entry_kw(&lx->e[i], plain)))
			continue;
		/* Removing " kw " leaves the single space before it. */
		while ((p = find_syllables(buf, kw)))
			memmove(p + 1, p + strlen(kw) + 2, strlen(p + strlen(kw) + 2) + 1);
	}
	st = syllable_starts(buf, &n);
	for (i = 0; i < lx->n && !hit; i++) {
		if (lx->e[i].kind == BH_KIND_IGNORE || !(kw = entry_kw(&lx->e[i], plain)))
			continue;
		if (has_at_starts(buf, st, n, kw))
			hit = &lx->e[i];
	}
	free(st);
	free(buf);
	return hit;
}
