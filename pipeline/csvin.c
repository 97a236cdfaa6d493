/* csvin.c: UTF-8 (or UTF-16 with BOM) CSV input with libcsv, for the roster
 * and the review file; whole files read into memory. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bh_csvin.h"
#include "bh_err.h"
#include "bh_text.h"

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
