/* report.h: what the parts of binhyen-report share: the tables read; the document
 * writers (HTML, Markdown, DOCX) and the number formatting are the library's (bh_doc.h). */
#ifndef REPORT_H
#define REPORT_H
#include <stdio.h>

#include "bh_doc.h"
#include "bh_period.h"
#include "bh_table.h"

/* Everything the report is made from; report.c owns it all. Any table may be NULL. */
struct report {
	const char *out;	/* OUT */
	const char *period;	/* --period P, or NULL */
	struct bh_period p;	/* --period parsed (when given) */
	const char *title;	/* --title (the subject line), or NULL: the default */
	/* OUT/settings.csv's names; NULL when missing: the documents leave a blank */
	const char *commune, *unit, *superior;
	bh_table *summary, *groups, *thon, *categories, *buckets, *settings;
};

/* The documents' title: "Báo cáo kết quả … quý I năm 2024 – Xã Bình An". */
void report_title(const struct report *r, char *buf, size_t n);
/* Writes the whole report through D. */
void report_write(const struct report *r, struct doc *d);

#endif
