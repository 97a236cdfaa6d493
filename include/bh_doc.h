/* bh_doc.h: documents for people (the commune's report, the province's
 * comparison): the HTML, Markdown and DOCX writers behind one set of callbacks,
 * the parts of a state report (Nghị định 30/2020/NĐ-CP), and numbers, changes
 * and times written as a Vietnamese reader expects them. */
#ifndef BH_DOC_H
#define BH_DOC_H
#include <stdio.h>

/* The header block of a state report (Nghị định 30/2020/NĐ-CP), every line
 * ready to print (names already in upper case where the decree wants it). */
struct masthead {
	const char *superior;	/* "CÔNG AN TỈNH HÀ TĨNH" */
	const char *unit;	/* "CÔNG AN XÃ BÌNH AN" */
	const char *number;	/* "Số: …/BC-…" */
	const char *place_date;	/* "Bình An, ngày … tháng … năm …" */
	const char *kind;	/* "BÁO CÁO" */
	const char *subject;	/* "Kết quả thực hiện mô hình … quý I năm 2024" */
};

/* The closing block: recipients on the left, the signature on the right. */
struct closing {
	const char *const *to;	/* "- Công an tỉnh Hà Tĩnh (để báo cáo);", … */
	int nto;
	const char *signer;	/* "TRƯỞNG CÔNG AN XÃ" */
	const char *sign_note;	/* "(Ký, ghi rõ họ tên, đóng dấu)" */
	const char *name;	/* a blank for the name */
};

enum { AL_LEFT = 'l', AL_NUM = 'n' };

struct doc;
/* One output format. Every text given is plain text (data or ours): the writer
 * escapes all of it for its format. */
struct doc_ops {
	/* TITLE: the file's title (HTML <title>, DOCX properties). */
	void (*begin)(struct doc *d, const char *title);
	void (*masthead)(struct doc *d, const struct masthead *m);
	void (*heading)(struct doc *d, int level, const char *text);
	void (*para)(struct doc *d, const char *text);
	void (*warning)(struct doc *d, const char *text);
	/* ALIGN has one AL_* letter per column. */
	void (*table_begin)(struct doc *d, const char *const *head, int ncol, const char *align);
	void (*table_row)(struct doc *d, const char *const *cells);
	void (*table_end)(struct doc *d);
	/* charts/NAME.png, captioned; says so when the chart is missing. */
	void (*figure)(struct doc *d, const char *name, const char *title);
	/* A place only the officer can write (assessment, proposals), marked as such. */
	void (*blank)(struct doc *d, const char *text);
	void (*closing)(struct doc *d, const struct closing *c);
	void (*end)(struct doc *d);
};

struct doc {
	const struct doc_ops *ops;
	FILE *fp;
	const char *out;	/* OUT, where charts/ is */
	int ncol;		/* of the open table */
	const char *align;
	int figures;		/* numbered in order */
	void *priv;		/* the writer's own state */
};

extern const struct doc_ops html_ops, md_ops, docx_ops;

/* OUT/FILE written in one format, shareable (0644) and atomically: BODY(CTX, d)
 * draws the document through d->ops; "wrote OUT/FILE" noted. Dies when the
 * file cannot be written (the report and the province's comparison). */
typedef void doc_body(void *ctx, struct doc *d);
void doc_write(const char *out, const char *file, const struct doc_ops *ops, doc_body *body,
    void *ctx);

/* Numbers the Vietnamese way: "1.234", "12,5"; "—" for an empty or odd cell.
 * BUF holds VN_BUF bytes; the result is BUF or a constant. */
#define VN_BUF 160
const char *vn_num(const char *cell, char *buf);
/* The change from OLD to NOW of metric ID ("+12 (+3,5%)", "+1,5 điểm %", "—"). */
const char *vn_change(const char *id, const char *now, const char *old, char *buf);
/* "12/06/2023 07:31" from an ISO 8601 time, or the text cut to 16 bytes. */
const char *vn_time(const char *iso, char *buf);

/* Is the chart file OUT/charts/NAME.png there and a PNG? */
int chart_exists(const char *out, const char *name);
/* Its width and height in pixels from the PNG header; 0, or -1. */
int chart_size(const char *out, const char *name, unsigned *w, unsigned *h);

#endif
