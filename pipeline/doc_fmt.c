/* doc_fmt.c: numbers, changes and times written as a Vietnamese reader expects
 * them; a document written to its file in one format. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_doc.h"
#include "bh_err.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "bh_path.h"
#include "bh_table.h"

#define DASH "—"

/* |v| with DEC decimals, "." between thousands and "," before the decimals. */
static void
group_digits(double v, int dec, char *buf, size_t n)
{
	char raw[64], *dot, *o = buf;
	size_t len, i, lead;

	snprintf(raw, sizeof raw, "%.*f", dec, fabs(v));
	dot = strchr(raw, '.');
	len = dot ? (size_t)(dot - raw) : strlen(raw);
	lead = len % 3 ? len % 3 : 3;
	for (i = 0; i < len && (size_t)(o - buf) + 4 < n; i++) {
		if (i && i >= lead && (i - lead) % 3 == 0)
			*o++ = '.';
		*o++ = raw[i];
	}
	if (dot && (size_t)(o - buf) + strlen(dot) + 1 < n) {
		*o++ = ',';
		strcpy(o, dot + 1);
		o += strlen(dot + 1);
	}
	*o = '\0';
}

/* How many decimals a table cell was written with. */
static int
decimals(const char *cell)
{
	const char *dot = strchr(cell, '.');

	return dot ? (int)strlen(dot + 1) : 0;
}

const char *
vn_num(const char *cell, char *buf)
{
	char body[60];
	double v;

	if (bh_num(cell, &v) < 0)
		return DASH;
	group_digits(v, decimals(cell) > 3 ? 3 : decimals(cell), body, sizeof body);
	snprintf(buf, VN_BUF, "%s%s", v < 0 ? "−" : "", body);
	return buf;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

const char *
vn_change(const char *id, const char *now, const char *old, char *buf)
{
	char d[40], pct[40];
	const char *sign;
	double a, b, diff;
	int dec;

	if (bh_num(now, &a) < 0 || bh_num(old, &b) < 0)
		return DASH;
	diff = a - b;
	dec = decimals(now) > decimals(old) ? decimals(now) : decimals(old);
	if (dec > 3)
		dec = 3;
	group_digits(diff, dec, d, sizeof d);
	sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
	if (ends_with(id, "_pct"))
		snprintf(buf, VN_BUF, "%s%s điểm %%", sign, d);
	else if (ends_with(id, "_min"))
		snprintf(buf, VN_BUF, "%s%s phút", sign, d);
	else if (b != 0) {
		group_digits(100.0 * diff / b, 1, pct, sizeof pct);
		snprintf(buf, VN_BUF, "%s%s (%s%s%%)", sign, d, sign, pct);
	} else
		snprintf(buf, VN_BUF, "%s%s", sign, d);
	return buf;
}

const char *
vn_time(const char *iso, char *buf)
{
	char day[11];

	if (bh_date_vi(iso, day) < 0) {
		snprintf(buf, VN_BUF, "%.16s", *iso ? iso : DASH);
		return buf;
	}
	if (strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(buf, VN_BUF, "%s %.5s", day, iso + 11);
	else
		snprintf(buf, VN_BUF, "%s", day);
	return buf;
}

int
chart_exists(const char *out, const char *name)
{
	char path[4096], sig[8];
	FILE *fp;
	int ok;

	snprintf(path, sizeof path, "%s/charts/%s.png", out, name);
	if (!(fp = fopen(path, "rb")))
		return 0;
	ok = fread(sig, 1, 8, fp) == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0;
	fclose(fp);
	return ok;
}

int
chart_size(const char *out, const char *name, unsigned *w, unsigned *h)
{
	char path[4096];
	unsigned char hd[24];
	FILE *fp;
	int ok;

	snprintf(path, sizeof path, "%s/charts/%s.png", out, name);
	if (!(fp = fopen(path, "rb")))
		return -1;
	ok = fread(hd, 1, sizeof hd, fp) == sizeof hd && memcmp(hd, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(hd + 12, "IHDR", 4) == 0;
	fclose(fp);
	if (!ok)
		return -1;
	*w = (unsigned)hd[16] << 24 | (unsigned)hd[17] << 16 | (unsigned)hd[18] << 8 | hd[19];
	*h = (unsigned)hd[20] << 24 | (unsigned)hd[21] << 16 | (unsigned)hd[22] << 8 | hd[23];
	return *w && *h ? 0 : -1;
}

void
doc_write(const char *out, const char *file, const struct doc_ops *ops, doc_body *body, void *ctx)
{
	char *path = bh_path_join(out, file);
	struct doc d = {0};
	bh_afile *f;

	if (!(f = bh_afile_open(path, 0644)))
		bh_die(_("cannot create '%s':"), path);
	d.ops = ops;
	d.fp = bh_afile_fp(f);
	d.out = out;
	body(ctx, &d);
	if (bh_afile_commit(f) < 0)
		bh_die(_("cannot write '%s':"), path);
	bh_note(_("wrote %s"), path);
	free(path);
}
