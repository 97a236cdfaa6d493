/* report.h: what the parts of binhyen-report share: the tables read, the document
 * writers (HTML, Markdown) behind one set of callbacks, number formatting. */
#ifndef REPORT_H
#define REPORT_H
#include <stdio.h>

#include "bh_table.h"

/* Everything the report is made from; report.c owns it all. Any table may be NULL. */
struct report {
	const char *out;	/* OUT */
	const char *period;	/* --period P, or NULL */
	const char *title;	/* --title, or the default */
	long min_thon;		/* --min-thon-members */
	bh_table *summary, *groups, *thon, *categories, *buckets;
	bh_table *settings;	/* OUT/settings.csv (key,value), or NULL */
};

enum { AL_LEFT = 'l', AL_NUM = 'n' };

struct doc;
/* One output format. Every text given is plain text (data or ours): the writer
 * escapes all of it for its format. */
struct doc_ops {
	void (*begin)(struct doc *d, const char *title);
	void (*heading)(struct doc *d, int level, const char *text);
	void (*para)(struct doc *d, const char *text);
	void (*warning)(struct doc *d, const char *text);
	/* ALIGN has one AL_* letter per column. */
	void (*table_begin)(struct doc *d, const char *const *head, int ncol, const char *align);
	void (*table_row)(struct doc *d, const char *const *cells);
	void (*table_end)(struct doc *d);
	/* charts/NAME.png, captioned; says so when the chart is missing. */
	void (*figure)(struct doc *d, const char *name, const char *title);
	void (*end)(struct doc *d);
};

struct doc {
	const struct doc_ops *ops;
	FILE *fp;
	const char *out;	/* OUT, where charts/ is */
	int ncol;		/* of the open table */
	const char *align;
	int figures;		/* numbered in order */
};

extern const struct doc_ops html_ops, md_ops;

/* Writes the whole report through D. */
void report_write(const struct report *r, struct doc *d);

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

#endif
