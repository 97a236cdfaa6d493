/* doc_html.c: the report as one self-contained HTML file: CSS inline, charts as data: URIs. */
#include <stdio.h>
#include <string.h>

#include "bh_err.h"
#include "bh_doc.h"

static const char css[] =
    "@page { size: A4; margin: 15mm 14mm; }\n"
    "body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 11pt;"
    " color: #222; line-height: 1.45; max-width: 190mm; margin: 0 auto; padding: 8mm; }\n"
    "h1 { font-size: 18pt; color: #1f3f77; margin: 0 0 .3em; }\n"
    "h2 { font-size: 14pt; color: #1f3f77; border-bottom: 2px solid #1f5fa8;"
    " margin-top: 1.6em; break-after: avoid; page-break-after: avoid; }\n"
    "h3 { font-size: 12pt; break-after: avoid; page-break-after: avoid; }\n"
    "table { border-collapse: collapse; width: 100%; margin: .5em 0 1.2em; font-size: 9.5pt; }\n"
    "th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }\n"
    "th { background: #eaf0f8; }\n"
    "td.n { text-align: right; white-space: nowrap; }\n"
    "thead { display: table-header-group; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "figure { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }\n"
    "figure img { width: 100%; height: auto; border: 1px solid #ddd; }\n"
    "figcaption { font-size: 9.5pt; color: #555; text-align: center; margin-top: .3em; }\n"
    ".warn { border-left: 4px solid #c0392b; background: #fdf2f0; padding: .4em .8em;"
    " margin: .5em 0; break-inside: avoid; }\n"
    ".missing { border: 1px dashed #999; padding: 2em 1em; text-align: center; color: #666; }\n"
    ".note { font-size: 9.5pt; color: #555; }\n"
    "table.masthead, table.masthead td { border: none; text-align: center; font-size: 11pt;"
    " padding: 0 4px; vertical-align: top; }\n"
    "table.masthead td.l { width: 40%; }\n"
    ".masthead b { display: block; }\n"
    ".rule { display: block; width: 35%; margin: 2px auto 6px; border-top: 1px solid #222; }\n"
    ".kind { text-align: center; font-size: 16pt; font-weight: bold; margin: 1em 0 0; }\n"
    ".subject { text-align: center; font-weight: bold; font-size: 13pt; margin: .2em 0 1em; }\n"
    ".blank { border: 1px dashed #b08800; background: #fff8d6; padding: 1em; margin: .5em 0;"
    " font-style: italic; }\n"
    "table.closing, table.closing td { border: none; vertical-align: top; font-size: 11pt; }\n"
    "table.closing td.sign { text-align: center; width: 50%; }\n"
    ".sign .space { height: 5em; }\n"
    "@media print { body { max-width: none; padding: 0; } }\n";

/* Every byte of data passes here: & < > " ' become entities. */
static void
esc(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

static void
html_begin(struct doc *d, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>", d->fp);
	esc(d->fp, title);
	fprintf(d->fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

static void
html_masthead(struct doc *d, const struct masthead *m)
{
	fputs("<table class=\"masthead\">\n<tr><td class=\"l\">", d->fp);
	esc(d->fp, m->superior);
	fputs("<b>", d->fp);
	esc(d->fp, m->unit);
	fputs("</b><span class=\"rule\"></span></td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>"
	    "<b>Độc lập - Tự do - Hạnh phúc</b><span class=\"rule\"></span></td></tr>\n"
	    "<tr><td class=\"l\">", d->fp);
	esc(d->fp, m->number);
	fputs("</td><td><i>", d->fp);
	esc(d->fp, m->place_date);
	fputs("</i></td></tr>\n</table>\n<h1 class=\"kind\">", d->fp);
	esc(d->fp, m->kind);
	fputs("</h1>\n<p class=\"subject\">", d->fp);
	esc(d->fp, m->subject);
	fputs("</p>\n", d->fp);
}

static void
html_blank(struct doc *d, const char *text)
{
	fputs("<div class=\"blank\">", d->fp);
	esc(d->fp, text);
	fputs("</div>\n", d->fp);
}

static void
html_closing(struct doc *d, const struct closing *c)
{
	int i;

	fputs("<table class=\"closing\">\n<tr><td><b><i>Nơi nhận:</i></b>", d->fp);
	for (i = 0; i < c->nto; i++) {
		fputs("<br>", d->fp);
		esc(d->fp, c->to[i]);
	}
	fputs("</td><td class=\"sign\"><b>", d->fp);
	esc(d->fp, c->signer);
	fputs("</b><br><i>", d->fp);
	esc(d->fp, c->sign_note);
	fputs("</i><div class=\"space\"></div>", d->fp);
	esc(d->fp, c->name);
	fputs("</td></tr>\n</table>\n", d->fp);
}

static void
html_heading(struct doc *d, int level, const char *text)
{
	fprintf(d->fp, "<h%d>", level);
	esc(d->fp, text);
	fprintf(d->fp, "</h%d>\n", level);
}

static void
html_para(struct doc *d, const char *text)
{
	fputs("<p>", d->fp);
	esc(d->fp, text);
	fputs("</p>\n", d->fp);
}

static void
html_warning(struct doc *d, const char *text)
{
	fputs("<p class=\"warn\">⚠ ", d->fp);
	esc(d->fp, text);
	fputs("</p>\n", d->fp);
}

static void
html_table_begin(struct doc *d, const char *const *head, int ncol, const char *align)
{
	int i;

	d->ncol = ncol;
	d->align = align;
	fputs("<table>\n<thead><tr>", d->fp);
	for (i = 0; i < ncol; i++) {
		fputs("<th>", d->fp);
		esc(d->fp, head[i]);
		fputs("</th>", d->fp);
	}
	fputs("</tr></thead>\n<tbody>\n", d->fp);
}

static void
html_table_row(struct doc *d, const char *const *cells)
{
	int i;

	fputs("<tr>", d->fp);
	for (i = 0; i < d->ncol; i++) {
		fputs(d->align[i] == AL_NUM ? "<td class=\"n\">" : "<td>", d->fp);
		esc(d->fp, cells[i]);
		fputs("</td>", d->fp);
	}
	fputs("</tr>\n", d->fp);
}

static void
html_table_end(struct doc *d)
{
	fputs("</tbody>\n</table>\n", d->fp);
}

/* The PNG written into the page as base64, so the file needs nothing beside it. */
static int
base64_file(FILE *out, const char *path)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char in[3 * 4096];
	size_t n, i;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return -1;
	while ((n = fread(in, 1, sizeof in, fp)) > 0) {
		for (i = 0; i + 2 < n; i += 3) {
			unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
			fputc(b64[v >> 18], out);
			fputc(b64[(v >> 12) & 63], out);
			fputc(b64[(v >> 6) & 63], out);
			fputc(b64[v & 63], out);
		}
		if (i < n) {	/* only at the end of the file: the buffer is a multiple of 3 */
			unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0);
			fputc(b64[v >> 18], out);
			fputc(b64[(v >> 12) & 63], out);
			fputc(i + 1 < n ? b64[(v >> 6) & 63] : '=', out);
			fputc('=', out);
		}
	}
	fclose(fp);
	return 0;
}

static void
html_figure(struct doc *d, const char *name, const char *title)
{
	char path[4096];

	d->figures++;
	snprintf(path, sizeof path, "%s/charts/%s.png", d->out, name);
	if (!chart_exists(d->out, name)) {
		fputs("<div class=\"missing\">Chưa có biểu đồ “", d->fp);
		esc(d->fp, title);
		fputs("”: chưa vẽ được (cần cài gnuplot và phông chữ: "
		    "<code>apt-get install gnuplot-nox fonts-dejavu-core</code>, "
		    "rồi chạy lại <code>binhyen plot --out THƯ_MỤC</code>).</div>\n", d->fp);
		return;
	}
	fputs("<figure>\n<img alt=\"", d->fp);
	esc(d->fp, title);
	fputs("\" src=\"data:image/png;base64,", d->fp);
	if (base64_file(d->fp, path) < 0)
		bh_die(_("cannot read '%s':"), path);
	fprintf(d->fp, "\">\n<figcaption>Hình %d. ", d->figures);
	esc(d->fp, title);
	fputs("</figcaption>\n</figure>\n", d->fp);
}

static void
html_end(struct doc *d)
{
	fputs("</body>\n</html>\n", d->fp);
}

const struct doc_ops html_ops = {
	html_begin, html_masthead, html_heading, html_para, html_warning, html_table_begin,
	html_table_row, html_table_end, html_figure, html_blank, html_closing, html_end,
};
