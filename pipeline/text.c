/* text.c: Vietnamese text normalisation and the lexicon (metrics.md), name keys,
 * UTF-8 CSV input with libcsv, and the integer rounding of figures. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bh_err.h"
#include "bh_res.h"
#include "bh_text.h"

const char *const bh_kind_names[] = { "tip", "question", "ignore" };

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

/* Lexicon */

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

/* CSV input */

struct csvin {
	const char *name;
	bh_csvin_cb *cb;
	void *ctx;
	char **cell;
	int ncell, cap;
	long line;		/* line being fed */
	long row_line;		/* line the current row starts on */
	long field_line;	/* line the next field starts on; 0: the row's */
	int between;		/* the last row ended: the next non-blank line starts one */
	int stop;
	int bom_said;		/* a byte-order mark inside the file was reported */
};

static void
on_csv_field(void *s, size_t len, void *data)
{
	struct csvin *c = data;
	char *v = bh_malloc(len + 1), *b;

	memcpy(v, s ? s : "", s ? len : 0);
	v[s ? len : 0] = '\0';
	/* A byte-order mark inside the file (two exports pasted together, a cell
	 * copied from another file) is invisible, but would make "Thôn 1" two
	 * thôn and a name match nobody: it goes, and is said once. */
	while ((b = strstr(v, "\xEF\xBB\xBF"))) {
		memmove(b, b + 3, strlen(b + 3) + 1);
		if (!c->bom_said++)
			bh_warn(_("%s:%ld: an invisible byte-order mark (U+FEFF) inside the file was "
			    "removed (two files pasted together?)"), c->name, c->line);
	}
	if (c->ncell == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->cell = bh_realloc(c->cell, (size_t)c->cap * sizeof *c->cell);
	}
	c->cell[c->ncell++] = v;
	/* The delimiter that ended this field is on the line being fed. */
	c->field_line = c->line;
}

static void
free_cells(struct csvin *c)
{
	while (c->ncell > 0)
		free(c->cell[--c->ncell]);
}

static void
on_csv_row(int term, void *data)
{
	struct csvin *c = data;

	if (!c->stop && c->cb(c->ctx, c->row_line, c->cell, c->ncell))
		c->stop = 1;
	free_cells(c);
	c->between = 1;
	c->field_line = 0;
}

/* The separator the first line (outside quotes) holds most of: TAB (Excel's
 * "Unicode Text"), ';' (Vietnamese Excel) or ','; ',' when it holds none. */
static unsigned char
detect_delim(const char *p, size_t len)
{
	size_t i, tab = 0, semi = 0, comma = 0;
	int quoted = 0;

	for (i = 0; i < len && (quoted || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && p[i] == '\t')
			tab++;
		else if (!quoted && p[i] == ';')
			semi++;
		else if (!quoted && p[i] == ',')
			comma++;
	}
	if (tab > semi && tab > comma)
		return '\t';
	return semi > comma ? ';' : ',';
}

static long
line_of(const char *p, long off)
{
	long ln = 1;

	while (off-- > 0)
		ln += p[off] == '\n';
	return ln;
}

/* UTF-16 with a byte-order mark (Excel's "Unicode Text") as UTF-8, NUL-terminated;
 * NULL after reporting a broken surrogate pair with its line. */
static char *
utf16_to_utf8(const char *data, size_t len, const char *name, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)data;
	int be = u[0] == 0xFE;
	size_t i, o = 0;
	char *out = bh_malloc(len / 2 * 3 + 4);
	long line = 1;

	for (i = 2; i + 1 < len; i += 2) {
		unsigned long cp = be ? (unsigned long)u[i] << 8 | u[i + 1] :
		    (unsigned long)u[i + 1] << 8 | u[i];

		if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < len) {
			unsigned long lo = be ? (unsigned long)u[i + 2] << 8 | u[i + 3] :
			    (unsigned long)u[i + 3] << 8 | u[i + 2];

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
			bh_bad(_("%s:%ld: broken UTF-16 text: save the file again from Excel "
			    "(as CSV UTF-8 or Unicode Text)"), name, line);
			free(out);
			return NULL;
		}
		line += cp == '\n';
		o += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + o);
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

int
bh_csvin_read(const char *data, size_t len, const char *name, bh_csvin_cb *cb, void *ctx)
{
	struct csv_parser p;
	struct csvin c;
	size_t off = 0;
	char *wide = NULL;
	long bad;
	int rc = 0;

	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
	    ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
		if (!(wide = utf16_to_utf8(data, len, name, &len)))
			return -1;
		data = wide;
	}
	if ((bad = bh_utf8_invalid_at(data, len)) >= 0) {
		bh_bad(_("%s:%ld: not valid UTF-8: save the file as UTF-8 "
		    "(a Windows-1258/ANSI file must be converted to UTF-8 first)"),
		    name, line_of(data, bad));
		free(wide);
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	memset(&c, 0, sizeof c);
	c.name = name;
	c.cb = cb;
	c.ctx = ctx;
	c.between = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		bh_die(_("out of memory"));
	csv_set_delim(&p, detect_delim(data + off, len - off));
	/* Fed a line at a time so that every row knows the line it starts on. */
	while (off < len && !c.stop) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) + 1 : len - off;

		c.line++;
		/* libcsv skips blank lines: a row starts on the next line with text. */
		if (c.between && strspn(data + off, "\r\n") < n) {
			c.row_line = c.line;
			c.between = 0;
		}
		if (csv_parse(&p, data + off, n, on_csv_field, on_csv_row, &c) != n) {
			long at = c.field_line ? c.field_line : c.row_line;

			/* Named where the faulty field begins: a quote opened and never
			 * closed is found only at the next quote, lines later. */
			if (at < c.line)
				bh_bad(_("%s:%ld: malformed CSV: a quote opened on this line is not closed "
				    "(the text runs on to line %ld): close it, or double a quote "
				    "inside the text (\"\")"), name, at, c.line);
			else
				bh_bad(_("%s:%ld: malformed CSV: a quote inside a field or text after a "
				    "closing quote: put the whole field in quotes and double the quotes "
				    "inside it (\"\")"), name, at);
			rc = -1;
			break;
		}
		off += n;
	}
	if (rc == 0 && !c.stop && csv_fini(&p, on_csv_field, on_csv_row, &c) != 0) {
		bh_bad(_("%s:%ld: malformed CSV: a quoted field is not closed: close its quote"), name,
		    c.field_line ? c.field_line : c.row_line);
		rc = -1;
	}
	free_cells(&c);
	free(c.cell);
	csv_free(&p);
	free(wide);
	return rc;
}

char *
bh_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;
	int e;

	if (!fp)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? 2 * cap : 65536;
			buf = bh_realloc(buf, cap + 1);
		}
		k = fread(buf + n, 1, cap - n, fp);
		n += k;
	} while (k > 0);
	if (ferror(fp)) {
		e = errno;
		fclose(fp);
		free(buf);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Figures */

long long
bh_floordiv(long long a, long long b)
{
	long long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

long long
bh_ms_tenths(long long ms)
{
	return bh_floordiv(ms + 3000, 6000);
}

long long
bh_pct_tenths(long long num, long long den)
{
	return bh_floordiv(2000 * num + den, 2 * den);
}

long long
bh_percentile_tenths(const long long *v, size_t n, int pnum, int pden)
{
	long long pos, lo, r, x;

	if (n == 0)
		return 0;
	pos = (long long)pnum * (long long)(n - 1);
	lo = pos / pden;
	r = pos % pden;
	x = v[lo] * pden + (r ? (v[lo + 1] - v[lo]) * r : 0);
	return bh_floordiv(2 * x + pden, 2 * (long long)pden);
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
