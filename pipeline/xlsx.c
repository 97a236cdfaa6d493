/* xlsx.c: the first sheet of a workbook as Excel saves it, row by row (the zip
 * by libarchive, the XML by expat: shared strings, inline strings, number
 * cells), or a CSV file; column headers matched to their aliases; a workbook
 * written atomically. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_out.h"
#include "bh_period.h"
#include "bh_text.h"
#include "bh_xlsx.h"

/* Excel's own limits, and what a roster or review sheet may hold in memory. */
enum { MAX_COLS = 16384, MAX_CELL = 1 << 20, MAX_STRINGS_BYTES = 32 << 20 };
#define MAX_ROW 1048576L

/* ---- CSV, through bh_csvin_read */

struct csvwrap {
	bh_sheet_cb *cb;
	void *ctx;
	unsigned char *zero;
	int nzero;
};

static int
csv_row(void *ctx, long line, char **cell, int n)
{
	struct csvwrap *w = ctx;

	if (n > w->nzero) {
		w->zero = bh_realloc(w->zero, (size_t)n);
		memset(w->zero, 0, (size_t)n);
		w->nzero = n;
	}
	return w->cb(w->ctx, line, cell, w->zero, n);
}

int
bh_sheet_read_csv(const char *data, size_t len, const char *name, bh_sheet_cb *cb, void *ctx)
{
	struct csvwrap w = { cb, ctx, NULL, 0 };
	int rc = bh_csvin_read(data, len, name, csv_row, &w);

	free(w.zero);
	return rc;
}

/* ---- The workbook: one zip entry at a time through expat */

/* Element names come as "namespace|local": only the local part matters
 * ("c", "x:c" and Strict OOXML alike). */
static const char *
local(const char *name)
{
	const char *s = strrchr(name, '|');

	return s ? s + 1 : name;
}

static const char *
attr(const char **a, const char *want)
{
	for (; a && a[0]; a += 2)
		if (strcmp(local(a[0]), want) == 0)
			return a[1];
	return NULL;
}

/* Text being collected (a cell's value, a shared string). */
struct buf {
	char *s;
	size_t n, cap;
	int over;		/* longer than a cell may be */
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n > MAX_CELL) {
		b->over = 1;
		return;
	}
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = bh_realloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
buf_clear(struct buf *b)
{
	b->n = 0;
	b->over = 0;
	if (b->s)
		b->s[0] = '\0';
}

struct book {
	const char *path;
	XML_Parser xp;
	const char *entry;	/* the zip entry being parsed */
	int bad;		/* reported already */
	/* workbook.xml and its relationships: the first sheet's part */
	char *first_rid, *sheet_part, *strings_part;
	/* shared strings */
	char **str;
	size_t nstr, capstr, strbytes;
	int in_si, in_t, in_rph;
	/* the sheet */
	bh_sheet_cb *cb;
	void *ctx;
	int stop;
	long row, lastrow;
	int col, lastcol;
	char ctype[16];
	int in_v, in_is;
	struct buf text;
	char **cell;
	unsigned char *num;
	int ncell, capcell;
};

static void
book_bad(struct book *b, const char *what)
{
	if (!b->bad)
		bh_bad(_("%s: %s: %s: save the file again from Excel as an .xlsx workbook, "
		    "or as CSV UTF-8"), b->path, b->entry, what);
	b->bad = 1;
	XML_StopParser(b->xp, XML_FALSE);
}

static char *
part_name(const char *target)
{
	char *s;

	if (target[0] == '/')
		return bh_strdup(target + 1);
	s = bh_malloc(strlen(target) + 4);
	strcpy(s, "xl/");
	strcat(s, target);
	return s;
}

static void XMLCALL
wb_start(void *ud, const char *name, const char **a)
{
	struct book *b = ud;
	const char *n = local(name), *v, *t;

	if (strcmp(n, "sheet") == 0 && !b->first_rid && (v = attr(a, "id")))
		b->first_rid = bh_strdup(v);
	if (strcmp(n, "Relationship") == 0 && (v = attr(a, "Id")) && (t = attr(a, "Target"))) {
		const char *type = attr(a, "Type");
		size_t k = type ? strlen(type) : 0;

		if (b->first_rid && strcmp(v, b->first_rid) == 0 && !b->sheet_part)
			b->sheet_part = part_name(t);
		if (k >= 14 && strcmp(type + k - 14, "/sharedStrings") == 0 && !b->strings_part)
			b->strings_part = part_name(t);
	}
}

static void XMLCALL
no_end(void *ud, const char *name)
{
}

static void XMLCALL
ss_start(void *ud, const char *name, const char **a)
{
	struct book *b = ud;
	const char *n = local(name);

	if (strcmp(n, "si") == 0) {
		b->in_si = 1;
		buf_clear(&b->text);
	} else if (strcmp(n, "rPh") == 0) {
		b->in_rph = 1;
	} else if (strcmp(n, "t") == 0 && b->in_si && !b->in_rph) {
		b->in_t = 1;
	}
}

static void XMLCALL
ss_end(void *ud, const char *name)
{
	struct book *b = ud;
	const char *n = local(name);

	if (strcmp(n, "t") == 0) {
		b->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		b->in_rph = 0;
	} else if (strcmp(n, "si") == 0 && b->in_si) {
		b->in_si = 0;
		b->strbytes += b->text.n + 1 + sizeof *b->str;
		if (b->text.over || b->strbytes > MAX_STRINGS_BYTES) {
			book_bad(b, _("too much text for a roster or a review sheet"));
			return;
		}
		if (b->nstr == b->capstr) {
			b->capstr = b->capstr ? 2 * b->capstr : 256;
			b->str = bh_realloc(b->str, b->capstr * sizeof *b->str);
		}
		b->str[b->nstr++] = bh_strdup(b->text.s ? b->text.s : "");
	}
}

static void XMLCALL
ss_text(void *ud, const char *s, int len)
{
	struct book *b = ud;

	if (b->in_t)
		buf_add(&b->text, s, (size_t)len);
}

/* "B12" -> column 1 and row 12; -1 when it is no cell reference. */
static int
cell_ref(const char *r, int *col, long *row)
{
	long c = 0, w = 0;

	for (; *r >= 'A' && *r <= 'Z'; r++)
		if ((c = c * 26 + (*r - 'A' + 1)) > MAX_COLS)
			return -1;
	if (!c)
		return -1;
	for (; *r >= '0' && *r <= '9'; r++)
		if ((w = w * 10 + (*r - '0')) > MAX_ROW)
			return -1;
	if (*r || !w)
		return -1;
	*col = (int)c - 1;
	*row = w;
	return 0;
}

static void
row_flush(struct book *b)
{
	int i;

	if (b->ncell && !b->stop && b->cb(b->ctx, b->row, b->cell, b->num, b->ncell))
		b->stop = 1;
	for (i = 0; i < b->ncell; i++)
		free(b->cell[i]);
	b->ncell = 0;
	if (b->stop)
		XML_StopParser(b->xp, XML_FALSE);
}

static void XMLCALL
sh_start(void *ud, const char *name, const char **a)
{
	struct book *b = ud;
	const char *n = local(name), *v;

	if (strcmp(n, "row") == 0) {
		long r = b->lastrow + 1;
		char *end;

		if ((v = attr(a, "r"))) {
			r = strtol(v, &end, 10);
			if (*end || r <= b->lastrow || r > MAX_ROW) {
				book_bad(b, _("rows out of order"));
				return;
			}
		}
		b->row = b->lastrow = r;
		b->lastcol = -1;
		b->ncell = 0;
	} else if (strcmp(n, "c") == 0) {
		long r;

		b->col = b->lastcol + 1;
		if ((v = attr(a, "r")) && (cell_ref(v, &b->col, &r) < 0 || r != b->row ||
		    b->col <= b->lastcol)) {
			book_bad(b, _("a cell out of place"));
			return;
		}
		if (b->col >= MAX_COLS) {
			book_bad(b, _("too many columns"));
			return;
		}
		b->lastcol = b->col;
		v = attr(a, "t");
		snprintf(b->ctype, sizeof b->ctype, "%s", v ? v : "n");
		buf_clear(&b->text);
	} else if (strcmp(n, "v") == 0) {
		b->in_v = 1;
	} else if (strcmp(n, "is") == 0) {
		b->in_is = 1;
	} else if (strcmp(n, "rPh") == 0) {
		b->in_rph = 1;
	} else if (strcmp(n, "t") == 0 && b->in_is && !b->in_rph) {
		b->in_t = 1;
	}
}

/* A number as Excel writes it ("3", "3.5", "5.2138108971137802E+18"): an
 * integer below 10^15 loses its ".0". */
static char *
number_text(const char *s)
{
	char *end, *t;
	double d = strtod(s, &end);

	if (*end || !isfinite(d) || d != floor(d) || fabs(d) >= 1e15 || strpbrk(s, "eE"))
		return bh_strdup(s);
	t = bh_malloc(24);
	snprintf(t, 24, "%.0f", d);
	return t;
}

static void
cell_store(struct book *b)
{
	const char *raw = b->text.s ? b->text.s : "";
	char *v;
	int isnum = 0, i;

	if (b->text.over) {
		book_bad(b, _("a cell holds too much text"));
		return;
	}
	if (strcmp(b->ctype, "s") == 0) {
		char *end;
		unsigned long k = strtoul(raw, &end, 10);

		if (!*raw || *end || k >= b->nstr) {
			book_bad(b, _("a cell names a shared string the file does not hold"));
			return;
		}
		v = bh_strdup(b->str[k]);
	} else if (strcmp(b->ctype, "b") == 0) {
		v = bh_strdup(strcmp(raw, "1") == 0 ? "TRUE" : "FALSE");
	} else if (strcmp(b->ctype, "n") == 0) {
		v = number_text(raw);
		isnum = *raw != '\0';
	} else {
		v = bh_strdup(raw);	/* inlineStr, str (a formula's text), e, d */
	}
	if (b->col >= b->capcell) {
		int cap = b->capcell ? b->capcell : 8;

		while (cap <= b->col)
			cap *= 2;
		b->cell = bh_realloc(b->cell, (size_t)cap * sizeof *b->cell);
		b->num = bh_realloc(b->num, (size_t)cap);
		b->capcell = cap;
	}
	for (i = b->ncell; i < b->col; i++) {
		b->cell[i] = bh_strdup("");
		b->num[i] = 0;
	}
	b->cell[b->col] = v;
	b->num[b->col] = (unsigned char)isnum;
	b->ncell = b->col + 1;
}

static void XMLCALL
sh_end(void *ud, const char *name)
{
	struct book *b = ud;
	const char *n = local(name);

	if (strcmp(n, "v") == 0)
		b->in_v = 0;
	else if (strcmp(n, "t") == 0)
		b->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		b->in_rph = 0;
	else if (strcmp(n, "is") == 0)
		b->in_is = 0;
	else if (strcmp(n, "c") == 0)
		cell_store(b);
	else if (strcmp(n, "row") == 0)
		row_flush(b);
}

static void XMLCALL
sh_text(void *ud, const char *s, int len)
{
	struct book *b = ud;

	if (b->in_v || b->in_t)
		buf_add(&b->text, s, (size_t)len);
}

static struct archive *
zip_open(const char *path)
{
	struct archive *a = archive_read_new();

	if (!a)
		bh_die(_("out of memory"));
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Parses the entry called part with the given handlers: 1 when found and
 * parsed, 0 when the workbook has no such part, -1 after reporting. */
static int
parse_part(struct book *b, const char *part, XML_StartElementHandler st,
    XML_EndElementHandler en, XML_CharacterDataHandler tx)
{
	struct archive *a = zip_open(b->path);
	struct archive_entry *e;
	char chunk[65536];
	la_ssize_t n;
	int r, found = 0;

	if (!a) {
		bh_bad(_("%s: not a workbook that can be read: save it again from Excel as .xlsx"),
		    b->path);
		return -1;
	}
	while (!found && (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *nm = archive_entry_pathname(e);

		if (!nm || strcmp(nm, part) != 0)
			continue;
		found = 1;
		b->entry = part;
		if (!(b->xp = XML_ParserCreateNS("UTF-8", '|')))
			bh_die(_("out of memory"));
		XML_SetUserData(b->xp, b);
		XML_SetElementHandler(b->xp, st, en);
		XML_SetCharacterDataHandler(b->xp, tx);
		while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0 && !b->bad && !b->stop)
			if (XML_Parse(b->xp, chunk, (int)n, 0) == XML_STATUS_ERROR && !b->bad && !b->stop) {
				char what[200];

				snprintf(what, sizeof what, _("broken XML at line %lu (%s)"),
				    (unsigned long)XML_GetCurrentLineNumber(b->xp),
				    XML_ErrorString(XML_GetErrorCode(b->xp)));
				book_bad(b, what);
			}
		if (n < 0 && !b->bad)
			book_bad(b, archive_error_string(a) ? archive_error_string(a) : "damaged");
		if (!b->bad && !b->stop && XML_Parse(b->xp, "", 0, 1) == XML_STATUS_ERROR)
			book_bad(b, _("the XML ends too early"));
		XML_ParserFree(b->xp);
		b->xp = NULL;
	}
	if (!found && r != ARCHIVE_EOF) {
		b->entry = part;
		bh_bad(_("%s: a damaged workbook (%s): save it again from Excel as .xlsx"), b->path,
		    archive_error_string(a) ? archive_error_string(a) : "zip");
		b->bad = 1;
	}
	archive_read_free(a);
	return b->bad ? -1 : found;
}

static void
book_free(struct book *b)
{
	size_t i;
	int k;

	for (i = 0; i < b->nstr; i++)
		free(b->str[i]);
	free(b->str);
	for (k = 0; k < b->ncell; k++)
		free(b->cell[k]);
	free(b->cell);
	free(b->num);
	free(b->text.s);
	free(b->first_rid);
	free(b->sheet_part);
	free(b->strings_part);
}

static int
read_book(const char *path, bh_sheet_cb *cb, void *ctx)
{
	struct book b;
	int r;

	memset(&b, 0, sizeof b);
	b.path = path;
	b.cb = cb;
	b.ctx = ctx;
	if ((r = parse_part(&b, "xl/workbook.xml", wb_start, no_end, NULL)) > 0)
		r = parse_part(&b, "xl/_rels/workbook.xml.rels", wb_start, no_end, NULL);
	if (r == 0 || (r > 0 && !b.sheet_part)) {
		bh_bad(_("%s: no sheet found in this workbook: save it again from Excel as .xlsx"), path);
		r = -1;
	}
	if (r > 0)
		r = parse_part(&b, b.strings_part ? b.strings_part : "xl/sharedStrings.xml",
		    ss_start, ss_end, ss_text);
	b.in_rph = 0;
	if (r >= 0 && (r = parse_part(&b, b.sheet_part, sh_start, sh_end, sh_text)) == 0) {
		bh_bad(_("%s: the first sheet (%s) is missing from the workbook: save it again "
		    "from Excel as .xlsx"), path, b.sheet_part);
		r = -1;
	}
	book_free(&b);
	return r < 0 ? -1 : 0;
}

int
bh_sheet_read(const char *path, bh_sheet_cb *cb, void *ctx)
{
	char magic[4] = { 0 };
	FILE *fp = fopen(path, "rb");
	size_t len;
	char *data;
	int rc;

	if (!fp)
		bh_die(_("cannot read '%s':"), path);
	if (fread(magic, 1, 4, fp) < 4 && ferror(fp))
		bh_die(_("cannot read '%s':"), path);
	fclose(fp);
	if (memcmp(magic, "PK\3\4", 4) == 0)
		return read_book(path, cb, ctx);
	if (!(data = bh_slurp(path, &len)))
		bh_die(_("cannot read '%s':"), path);
	rc = bh_sheet_read_csv(data, len, path, cb, ctx);
	free(data);
	return rc;
}

/* ---- Headers */

static int
is_alias(const char *folded, const char *const *aliases)
{
	for (; *aliases; aliases++)
		if (strcmp(folded, *aliases) == 0)
			return 1;
	return 0;
}

int
bh_header_is(const char *head, const char *const *aliases)
{
	char *f = bh_text_fold(head), *open = strchr(head, '('), *part;
	int yes = is_alias(f, aliases);

	free(f);
	if (yes || !open)
		return yes;
	/* "verdict (Kết luận)": the words before the bracket, then those inside. */
	part = bh_strdup(head);
	part[open - head] = '\0';
	f = bh_text_fold(part);
	yes = is_alias(f, aliases);
	free(f);
	if (!yes) {
		char *close = strchr(part + (open - head) + 1, ')');

		if (close)
			*close = '\0';
		f = bh_text_fold(part + (open - head) + 1);
		yes = is_alias(f, aliases);
		free(f);
	}
	free(part);
	return yes;
}

long long
bh_excel_serial_ms(const char *num)
{
	char *end;
	double d = strtod(num, &end);
	long long ms;

	/* 1 = 1900-01-01 (Excel's 1900 leap year: from day 61 on, 1899-12-30 is day 0) */
	if (*end || !*num || !isfinite(d) || d < 61 || d > 2958465)
		return -1;
	ms = llround(d * 86400000.0);
	return ms - 25569LL * 86400000 - BH_TZ_MS;
}

/* ---- Writing */

struct bh_xlsx_out {
	lxw_workbook *wb;
	char path[4096], tmp[4200];
};

bh_xlsx_out *
bh_xlsx_open(const char *path)
{
	bh_xlsx_out *x = bh_malloc(sizeof *x);
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };

	if (snprintf(x->path, sizeof x->path, "%s", path) >= (int)sizeof x->path) {
		free(x);
		errno = ENAMETOOLONG;
		return NULL;
	}
	snprintf(x->tmp, sizeof x->tmp, "%s.tmp%ld.xlsx", path, (long)getpid());
	errno = 0;
	/* a row at a time, through temporary files: memory stays flat however many
	 * rows (the callers write rows in order, cells left to right) */
	if (!(x->wb = workbook_new_opt(x->tmp, &opts))) {
		errno = errno ? errno : EIO;
		free(x);
		return NULL;
	}
	return x;
}

lxw_workbook *
bh_xlsx_book(bh_xlsx_out *x)
{
	return x->wb;
}

int
bh_xlsx_commit(bh_xlsx_out *x, int mode)
{
	lxw_error err;
	int e = 0;

	errno = 0;
	if ((err = workbook_close(x->wb)) != LXW_NO_ERROR) {
		e = errno == ENOSPC || errno == EFBIG || errno == EDQUOT || errno == EROFS ? errno : EIO;
		bh_warn("%s: %s", x->path, lxw_strerror(err));
		unlink(x->tmp);
	} else if (bh_file_install(x->tmp, x->path, mode) < 0) {
		e = errno;
	}
	free(x);
	errno = e;
	return e ? -1 : 0;
}

void
bh_xlsx_abort(bh_xlsx_out *x)
{
	workbook_close(x->wb);
	unlink(x->tmp);
	free(x);
}
