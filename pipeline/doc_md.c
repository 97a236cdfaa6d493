/* doc_md.c: the report in Markdown, linking charts/NAME.png beside it. */
#include <stdio.h>
#include <string.h>

#include "bh_doc.h"

/* Data must neither become markup nor raw HTML in a Markdown viewer: HTML
 * specials become entities, the inline Markdown specials get a backslash, a
 * line break becomes a space (it would end a table row). Data never starts a
 * line, so # + - need nothing. */
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
		case '\n': case '\r': case '\t': fputc(' ', fp); break;
		default:
			if (strchr("\\`*_[]|~", *s))
				fputc('\\', fp);
			fputc(*s, fp);
		}
	}
}

static void
md_begin(struct doc *d, const char *title)
{
	(void)d;
	(void)title;	/* the masthead heads the file */
}

static void
md_masthead(struct doc *d, const struct masthead *m)
{
	esc(d->fp, m->superior);
	fputs("  \n**", d->fp);
	esc(d->fp, m->unit);
	fputs("**  \n", d->fp);
	esc(d->fp, m->number);
	fputs("\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  \n**Độc lập - Tự do - Hạnh phúc**  \n*",
	    d->fp);
	esc(d->fp, m->place_date);
	fputs("*\n\n# ", d->fp);
	esc(d->fp, m->kind);
	fputs("\n\n**", d->fp);
	esc(d->fp, m->subject);
	fputs("**\n\n", d->fp);
}

static void
md_blank(struct doc *d, const char *text)
{
	fputs("> ✍ *", d->fp);
	esc(d->fp, text);
	fputs("*\n\n", d->fp);
}

static void
md_closing(struct doc *d, const struct closing *c)
{
	int i;

	fputs("***Nơi nhận:***  \n", d->fp);
	for (i = 0; i < c->nto; i++) {
		esc(d->fp, c->to[i]);
		fputs(i + 1 < c->nto ? "  \n" : "\n\n", d->fp);
	}
	fputs("**", d->fp);
	esc(d->fp, c->signer);
	fputs("**  \n*", d->fp);
	esc(d->fp, c->sign_note);
	fputs("*\n\n", d->fp);
	esc(d->fp, c->name);
	fputs("\n", d->fp);
}

static void
md_heading(struct doc *d, int level, const char *text)
{
	fprintf(d->fp, "%.*s ", level, "######");
	esc(d->fp, text);
	fputs("\n\n", d->fp);
}

static void
md_para(struct doc *d, const char *text)
{
	esc(d->fp, text);
	fputs("\n\n", d->fp);
}

static void
md_warning(struct doc *d, const char *text)
{
	fputs("> **Lưu ý:** ", d->fp);
	esc(d->fp, text);
	fputs("\n\n", d->fp);
}

static void
md_table_begin(struct doc *d, const char *const *head, int ncol, const char *align)
{
	int i;

	d->ncol = ncol;
	d->align = align;
	fputc('|', d->fp);
	for (i = 0; i < ncol; i++) {
		fputc(' ', d->fp);
		esc(d->fp, head[i]);
		fputs(" |", d->fp);
	}
	fputs("\n|", d->fp);
	for (i = 0; i < ncol; i++)
		fputs(align[i] == AL_NUM ? " ---: |" : " --- |", d->fp);
	fputc('\n', d->fp);
}

static void
md_table_row(struct doc *d, const char *const *cells)
{
	int i;

	fputc('|', d->fp);
	for (i = 0; i < d->ncol; i++) {
		fputc(' ', d->fp);
		esc(d->fp, cells[i]);
		fputs(" |", d->fp);
	}
	fputc('\n', d->fp);
}

static void
md_table_end(struct doc *d)
{
	fputc('\n', d->fp);
}

static void
md_figure(struct doc *d, const char *name, const char *title)
{
	d->figures++;
	if (!chart_exists(d->out, name)) {
		fputs("*Chưa có biểu đồ “", d->fp);
		esc(d->fp, title);
		fputs("” (cần cài gnuplot và phông chữ: `apt-get install gnuplot-nox "
		    "fonts-dejavu-core`, rồi chạy lại "
		    "`binhyen plot --out THƯ_MỤC`).*\n\n", d->fp);
		return;
	}
	fputs("![", d->fp);
	esc(d->fp, title);
	fprintf(d->fp, "](charts/%s.png)\n\n*Hình %d. ", name, d->figures);
	esc(d->fp, title);
	fputs("*\n\n", d->fp);
}

static void
md_end(struct doc *d)
{
	(void)d;
}

const struct doc_ops md_ops = {
	md_begin, md_masthead, md_heading, md_para, md_warning, md_table_begin,
	md_table_row, md_table_end, md_figure, md_blank, md_closing, md_end,
};
