/* doc_docx.c: the report as a Word document (Office Open XML), laid out as a state
 * report of Nghị định 30/2020/NĐ-CP: A4 portrait, Times New Roman 14 pt,
 * margins 20/20/30/15 mm, the header block, tables as Word tables, charts
 * embedded at the width of the text. The XML is generated here and every text
 * escaped; the package is a zip written by libarchive. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bh_doc.h"
#include "bh_err.h"
#include "bh_text.h"

/* Page geometry in twentieths of a point (1 mm = 56.7). */
#define PAGE_W 11906	/* A4 */
#define PAGE_H 16838
#define M_TOP 1134	/* 20 mm */
#define M_BOTTOM 1134	/* 20 mm */
#define M_LEFT 1701	/* 30 mm */
#define M_RIGHT 850	/* 15 mm */
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define EMU_PER_TWIP 635
#define MAX_CHARTS 64

struct docx {
	FILE *real;		/* the report.docx being written */
	char *body;		/* word/document.xml's body, in memory */
	size_t len;
	char *title;
	int ncharts;
	char *chart[MAX_CHARTS];	/* chart names, word/media/NAME.png, rIdImgN */
};

/* Text as XML character data: & < > " escaped; control characters (invalid
 * in XML) and invalid UTF-8 become a space or U+FFFD. */
static void
esc(FILE *fp, const char *s)
{
	size_t n = strlen(s);
	long bad;

	while (n > 0) {
		size_t run = n;

		if ((bad = bh_utf8_invalid_at(s, n)) >= 0)
			run = (size_t)bad;
		for (; run > 0; s++, n--, run--) {
			unsigned char c = (unsigned char)*s;

			switch (c) {
			case '&': fputs("&amp;", fp); break;
			case '<': fputs("&lt;", fp); break;
			case '>': fputs("&gt;", fp); break;
			case '"': fputs("&quot;", fp); break;
			default:
				if (c < 0x20)
					fputc(' ', fp);
				else
					fputc(c, fp);
			}
		}
		if (bad >= 0 && n > 0) {
			fputs("\xef\xbf\xbd", fp);	/* U+FFFD for one bad byte */
			s++;
			n--;
		}
	}
}

/* A run: RPR its properties (may be ""), TEXT escaped. */
static void
run(FILE *fp, const char *rpr, const char *text)
{
	fprintf(fp, "<w:r>%s%s%s<w:t xml:space=\"preserve\">", *rpr ? "<w:rPr>" : "", rpr,
	    *rpr ? "</w:rPr>" : "");
	esc(fp, text);
	fputs("</w:t></w:r>", fp);
}

/* A paragraph of one run. */
static void
para(FILE *fp, const char *ppr, const char *rpr, const char *text)
{
	fprintf(fp, "<w:p><w:pPr>%s</w:pPr>", ppr);
	run(fp, rpr, text);
	fputs("</w:p>\n", fp);
}

/* The short line under a name of the header block: a bottom border on an
 * empty paragraph narrowed by INDENT on both sides. */
static void
rule(FILE *fp, int indent)
{
	fprintf(fp, "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
	    "w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" "
	    "w:lineRule=\"exact\"/><w:ind w:left=\"%d\" w:right=\"%d\"/><w:jc w:val=\"center\"/>"
	    "<w:rPr><w:sz w:val=\"8\"/></w:rPr></w:pPr></w:p>\n", indent, indent);
}

#define CENTER "<w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"

static void
docx_begin(struct doc *d, const char *title)
{
	struct docx *x = bh_malloc(sizeof *x);

	memset(x, 0, sizeof *x);
	x->real = d->fp;
	x->title = bh_strdup(title);
	if (!(d->fp = open_memstream(&x->body, &x->len)))
		bh_die(_("out of memory while writing the Word report"));
	d->priv = x;
}

/* Two cells without borders, of widths A and B. */
static void
grid_begin(FILE *fp, int a, int b)
{
	fprintf(fp, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
	    "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>"
	    "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>"
	    "</w:tblBorders><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" "
	    "w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w=\"%d\"/>"
	    "<w:gridCol w:w=\"%d\"/></w:tblGrid>\n", a + b, a, b);
}

static void
cell_begin(FILE *fp, int w)
{
	fprintf(fp, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w);
}

#define HEAD_L 3700	/* the unit's column of the header block */
#define HEAD_R (TEXT_W - HEAD_L)

static void
docx_masthead(struct doc *d, const struct masthead *m)
{
	FILE *fp = d->fp;

	grid_begin(fp, HEAD_L, HEAD_R);
	fputs("<w:tr>", fp);
	cell_begin(fp, HEAD_L);
	para(fp, CENTER, "<w:sz w:val=\"26\"/>", m->superior);
	para(fp, CENTER, "<w:b/><w:sz w:val=\"26\"/>", m->unit);
	rule(fp, 1100);
	fputs("</w:tc>", fp);
	cell_begin(fp, HEAD_R);
	para(fp, CENTER, "<w:b/><w:sz w:val=\"24\"/>", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	para(fp, CENTER, "<w:b/><w:sz w:val=\"26\"/>", "Độc lập - Tự do - Hạnh phúc");
	rule(fp, 1250);
	fputs("</w:tc></w:tr>\n<w:tr>", fp);
	cell_begin(fp, HEAD_L);
	para(fp, CENTER, "<w:sz w:val=\"26\"/>", m->number);
	fputs("</w:tc>", fp);
	cell_begin(fp, HEAD_R);
	para(fp, CENTER, "<w:i/><w:sz w:val=\"26\"/>", m->place_date);
	fputs("</w:tc></w:tr>\n</w:tbl>\n", fp);
	para(fp, "<w:spacing w:before=\"360\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/>"
	    "<w:jc w:val=\"center\"/>", "<w:b/>", m->kind);
	para(fp, CENTER, "<w:b/>", m->subject);
	rule(fp, 3600);
}

static void
docx_heading(struct doc *d, int level, const char *text)
{
	fprintf(d->fp, "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr>", level);
	run(d->fp, "", text);
	fputs("</w:p>\n", d->fp);
}

static void
docx_para(struct doc *d, const char *text)
{
	para(d->fp, "", "", text);
}

static void
docx_warning(struct doc *d, const char *text)
{
	fputs("<w:p><w:pPr><w:pStyle w:val=\"Warning\"/></w:pPr>", d->fp);
	run(d->fp, "<w:b/>", "Lưu ý: ");
	run(d->fp, "", text);
	fputs("</w:p>\n", d->fp);
}

/* Column widths: the first (names) wider, the others shared. */
static int
col_width(int ncol, int i)
{
	int first = ncol <= 3 ? TEXT_W / 2 : ncol <= 5 ? TEXT_W * 3 / 10 : TEXT_W / 4;

	if (ncol == 1)
		return TEXT_W;
	return i == 0 ? first : (TEXT_W - first) / (ncol - 1);
}

static void
cell(struct doc *d, int i, const char *text, int head)
{
	/* small print in wide tables */
	int sz = d->ncol >= 6 ? 20 : 22;

	fprintf(d->fp, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>%s</w:tcPr><w:p><w:pPr>"
	    "<w:pStyle w:val=\"TableText\"/><w:jc w:val=\"%s\"/></w:pPr>", col_width(d->ncol, i),
	    head ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" : "",
	    head ? "center" : d->align[i] == AL_NUM ? "right" : "left");
	fprintf(d->fp, "<w:r><w:rPr>%s<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>"
	    "<w:t xml:space=\"preserve\">", head ? "<w:b/>" : "", sz, sz);
	esc(d->fp, text);
	fputs("</w:t></w:r></w:p></w:tc>", d->fp);
}

static void
docx_table_begin(struct doc *d, const char *const *head, int ncol, const char *align)
{
	int i;

	d->ncol = ncol;
	d->align = align;
	fprintf(d->fp, "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"%d\" "
	    "w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>", TEXT_W);
	for (i = 0; i < ncol; i++)
		fprintf(d->fp, "<w:gridCol w:w=\"%d\"/>", col_width(ncol, i));
	/* the header row repeats on every page the table runs onto */
	fputs("</w:tblGrid>\n<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>", d->fp);
	for (i = 0; i < ncol; i++)
		cell(d, i, head[i], 1);
	fputs("</w:tr>\n", d->fp);
}

static void
docx_table_row(struct doc *d, const char *const *cells)
{
	int i;

	fputs("<w:tr><w:trPr><w:cantSplit/></w:trPr>", d->fp);
	for (i = 0; i < d->ncol; i++)
		cell(d, i, cells[i], 0);
	fputs("</w:tr>\n", d->fp);
}

static void
docx_table_end(struct doc *d)
{
	/* a table must not touch what follows: Word merges adjacent tables */
	fputs("</w:tbl>\n<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>\n", d->fp);
}

static void
docx_figure(struct doc *d, const char *name, const char *title)
{
	struct docx *x = d->priv;
	unsigned w, h;
	long long cx, cy;
	char caption[600];
	int id;

	d->figures++;
	if (!chart_exists(d->out, name) || chart_size(d->out, name, &w, &h) < 0 ||
	    x->ncharts == MAX_CHARTS) {
		snprintf(caption, sizeof caption, "[Chưa có biểu đồ “%.300s”: chưa vẽ được (cần cài "
		    "gnuplot và phông chữ: apt-get install gnuplot-nox fonts-dejavu-core, rồi chạy lại "
		    "binhyen plot --out THƯ_MỤC).]", title);
		para(d->fp, "<w:pStyle w:val=\"Caption\"/>", "", caption);
		return;
	}
	x->chart[x->ncharts++] = bh_strdup(name);
	id = x->ncharts;
	/* the width of the text, the chart's own proportions */
	cx = (long long)TEXT_W * EMU_PER_TWIP;
	cy = cx * h / w;
	if (cy > cx * 3 / 2)	/* a very tall chart (many thôn) kept within a page */
		cx = cx * (cx * 3 / 2) / cy, cy = (long long)TEXT_W * EMU_PER_TWIP * 3 / 2;
	fputs("<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing>", d->fp);
	fprintf(d->fp, "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
	    "<wp:extent cx=\"%lld\" cy=\"%lld\"/><wp:docPr id=\"%d\" name=\"Hình %d\" descr=\"",
	    cx, cy, id, d->figures);
	esc(d->fp, title);
	fprintf(d->fp, "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
	    "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
	    "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
	    "<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"%s.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
	    "<pic:blipFill><a:blip r:embed=\"rIdImg%d\"/><a:stretch><a:fillRect/></a:stretch>"
	    "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%lld\" cy=\"%lld\"/>"
	    "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
	    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>\n",
	    id, name, id, cx, cy);
	snprintf(caption, sizeof caption, "Hình %d. %.300s", d->figures, title);
	para(d->fp, "<w:pStyle w:val=\"Caption\"/>", "", caption);
}

static void
docx_blank(struct doc *d, const char *text)
{
	para(d->fp, "", "<w:i/><w:highlight w:val=\"yellow\"/>", text);
}

#define SIGN_L 4300

static void
docx_closing(struct doc *d, const struct closing *c)
{
	FILE *fp = d->fp;
	int i;

	para(fp, "<w:spacing w:before=\"240\" w:after=\"0\"/>", "", "");
	grid_begin(fp, SIGN_L, TEXT_W - SIGN_L);
	fputs("<w:tr>", fp);
	cell_begin(fp, SIGN_L);
	para(fp, "<w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
	    "<w:b/><w:i/><w:sz w:val=\"24\"/>", "Nơi nhận:");
	for (i = 0; i < c->nto; i++)
		para(fp, "<w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/>"
		    "<w:jc w:val=\"left\"/>", "<w:sz w:val=\"22\"/>", c->to[i]);
	fputs("</w:tc>", fp);
	cell_begin(fp, TEXT_W - SIGN_L);
	para(fp, CENTER, "<w:b/>", c->signer);
	para(fp, CENTER, "<w:i/>", c->sign_note);
	for (i = 0; i < 4; i++)
		para(fp, CENTER, "", "");
	para(fp, CENTER, "<w:b/>", c->name);
	fputs("</w:tc></w:tr>\n</w:tbl>\n", fp);
}

/* The package's parts */

static const char doc_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\n<w:body>\n";

/* A4 portrait, the decree's margins; page numbers at the top from page 2 on. */
static const char doc_tail[] =
    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
    "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
    "w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>\n</w:body>\n</w:document>\n";

static const char header_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:p><w:pPr><w:jc w:val=\"center\"/><w:ind w:firstLine=\"0\"/></w:pPr>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE "
    "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>\n";

/* Times New Roman 14 pt, justified, first lines indented 1 cm, 6 pt after. */
static const char styles_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
    "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" "
    "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" "
    "w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\n"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:pPr><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"240\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>"
    "</w:pPr><w:rPr><w:b/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"240\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"120\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Warning\"><w:name w:val=\"Warning\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"18\" "
    "w:space=\"6\" w:color=\"C0392B\"/></w:pBdr><w:ind w:left=\"170\" w:firstLine=\"0\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Figure\"><w:name w:val=\"Figure\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Caption\"/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"120\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr><w:i/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\" "
    "w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
    "w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
    "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
    "w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\n"
    "<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/>"
    "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" "
    "w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
    "w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideH "
    "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val=\"single\" "
    "w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders></w:tblPr></w:style>\n"
    "</w:styles>\n";

static const char settings_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>\n";

static const char rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char content_types_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
    "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-"
    "package.core-properties+xml\"/></Types>\n";

struct zip {
	struct archive *a;
	time_t now;
	const char *path;	/* for messages */
};

static void
zip_fail(struct zip *z)
{
	bh_die(_("cannot write the Word report '%s/report.docx': %s"), z->path,
	    archive_error_string(z->a));
}

static void
zip_part(struct zip *z, const char *name, const void *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, z->now, 0);
	if (archive_write_header(z->a, e) != ARCHIVE_OK ||
	    (len && archive_write_data(z->a, data, len) != (la_ssize_t)len))
		zip_fail(z);
	archive_entry_free(e);
}

static void
zip_str(struct zip *z, const char *name, const char *s)
{
	zip_part(z, name, s, strlen(s));
}

/* A chart, read whole (a PNG of some hundred KB). */
static void
zip_chart(struct zip *z, const char *out, const char *chart)
{
	char path[4096], name[200];
	size_t len;
	char *data;

	snprintf(path, sizeof path, "%s/charts/%s.png", out, chart);
	if (!(data = bh_slurp(path, &len)))
		bh_die(_("cannot read the chart '%s':"), path);
	snprintf(name, sizeof name, "word/media/%s.png", chart);
	zip_part(z, name, data, len);
	free(data);
}

static void
docx_end(struct doc *d)
{
	struct docx *x = d->priv;
	struct zip z;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	if (fclose(d->fp) != 0)
		bh_die(_("out of memory while writing the Word report"));
	d->fp = x->real;
	z.path = d->out;
	z.now = time(NULL);
	/* no padding after the zip's end: Office refuses a file with bytes after it */
	if (!(z.a = archive_write_new()) || archive_write_set_format_zip(z.a) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(z.a, 1) != ARCHIVE_OK ||
	    archive_write_open_FILE(z.a, x->real) != ARCHIVE_OK)
		bh_die(_("cannot start the Word report's zip archive: %s"),
		    z.a ? archive_error_string(z.a) : strerror(ENOMEM));
	zip_str(&z, "[Content_Types].xml", content_types_xml);
	zip_str(&z, "_rels/.rels", rels_xml);

	if (!(fp = open_memstream(&buf, &len)))
		bh_die(_("out of memory while writing the Word report"));
	fputs(doc_head, fp);
	fwrite(x->body, 1, x->len, fp);
	fputs(doc_tail, fp);
	if (fclose(fp) != 0)
		bh_die(_("out of memory while writing the Word report"));
	zip_part(&z, "word/document.xml", buf, len);
	free(buf);

	if (!(fp = open_memstream(&buf, &len)))
		bh_die(_("out of memory while writing the Word report"));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	    "2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" "
	    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
	    "Target=\"settings.xml\"/><Relationship Id=\"rIdHeader\" Type=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>",
	    fp);
	for (i = 0; i < x->ncharts; i++)
		fprintf(fp, "<Relationship Id=\"rIdImg%d\" Type=\"http://schemas.openxmlformats.org/"
		    "officeDocument/2006/relationships/image\" Target=\"media/%s.png\"/>", i + 1,
		    x->chart[i]);
	fputs("</Relationships>\n", fp);
	if (fclose(fp) != 0)
		bh_die(_("out of memory while writing the Word report"));
	zip_part(&z, "word/_rels/document.xml.rels", buf, len);
	free(buf);

	zip_str(&z, "word/styles.xml", styles_xml);
	zip_str(&z, "word/settings.xml", settings_xml);
	zip_str(&z, "word/header1.xml", header_xml);
	for (i = 0; i < x->ncharts; i++)
		zip_chart(&z, d->out, x->chart[i]);

	if (!(fp = open_memstream(&buf, &len)))
		bh_die(_("out of memory while writing the Word report"));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
	    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>", fp);
	esc(fp, x->title);
	fputs("</dc:title><dc:creator>binhyen</dc:creator><dc:language>vi-VN</dc:language>"
	    "</cp:coreProperties>\n", fp);
	if (fclose(fp) != 0)
		bh_die(_("out of memory while writing the Word report"));
	zip_part(&z, "docProps/core.xml", buf, len);
	free(buf);

	if (archive_write_close(z.a) != ARCHIVE_OK)
		zip_fail(&z);
	archive_write_free(z.a);
	for (i = 0; i < x->ncharts; i++)
		free(x->chart[i]);
	free(x->body);
	free(x->title);
	free(x);
	d->priv = NULL;
}

const struct doc_ops docx_ops = {
	docx_begin, docx_masthead, docx_heading, docx_para, docx_warning, docx_table_begin,
	docx_table_row, docx_table_end, docx_figure, docx_blank, docx_closing, docx_end,
};
