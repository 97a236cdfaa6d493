/* compare.h: what the parts of binhyen-compare share: the communes read
 * (read.c), their tables (tables.c), charts (charts.c) and report (doc.c). */
#ifndef COMPARE_H
#define COMPARE_H
#include <stddef.h>

#include "bh_table.h"

/* The figures of each commune's summary.csv that the comparison carries, in
 * the order of tables/communes.csv (product.md); each also with its prev_value. */
enum {
	F_PERIOD_START, F_PERIOD_END, F_GROUPS, F_MESSAGES, F_SENDERS, F_MEMBERS, F_ACTIVE,
	F_PARTICIPATION, F_POSTS, F_TIPS, F_TIPS_ANSWERED, F_TIPS_ANSWERED_PCT, F_TIP_MEDIAN,
	F_TIPS_1H, F_QUESTIONS, F_QUESTIONS_ANSWERED_PCT, F_JOINS, F_LEAVES,
	F_TIP_P90,	/* after the contract's columns */
	NFIG
};
struct figure {
	const char *id;		/* summary.csv's metric */
	int additive;		/* a sum over communes means something */
	int tip;		/* a tip figure: withheld for a small commune */
};
extern const struct figure figures[NFIG];

/* The settings two folders must share to be compared without a warning. */
extern const char *const compared_settings[];

/* One commune's output folder, as read. */
struct commune {
	const char *folder;	/* as given */
	const char *name;	/* settings.csv's commune */
	char *key;		/* the name's key (case and spacing ignored) */
	bh_table *settings, *summary;
	const char *value[NFIG], *prev[NFIG];	/* cells of summary.csv, "" when absent */
	int withheld;		/* tip figures withheld: fewer members than --min-members */
};

struct compare {
	const char *out;		/* --out DIR */
	long min_members;		/* --min-members */
	struct commune *c;		/* sorted by name */
	size_t n;
	char period[300];		/* "Quý I năm 2024 (từ … đến …)" */
	char **differences;		/* one Vietnamese sentence per differing setting */
	size_t ndiff;
};

/* read.c: every FOLDER read and checked; dies (exit 2) naming each folder that
 * is not a binhyen output, folders of different periods, a commune given twice.
 * Settings that differ are said (bh_bad: exit 1) and kept in cmp->differences. */
void compare_read(struct compare *cmp, char **folders, int n);
void compare_free(struct compare *cmp);
/* The commune's cell of figure F (prev: its previous period's), "" when it is
 * withheld. */
const char *cell(const struct compare *cmp, const struct commune *c, int f, int prev);
/* A number from a cell; 0, or -1 when empty, withheld or not a number. */
int cell_num(const char *s, double *v);

/* tables.c: tables/communes.csv, totals.csv, settings.csv and tables.xlsx. */
void compare_tables(const struct compare *cmp);
/* The total of figure F over the communes (prev: previous period) into BUF
 * (VN-independent, "." decimals), and how many communes it covers; "" when
 * the figure is not additive or no commune has it. */
const char *total(const struct compare *cmp, int f, int prev, char *buf, size_t n, size_t *count);

/* charts.c: the charts (PNG and SVG) under charts/; the names drawn, in report order, into NAMES
 * (each page of a chart its own name), with their titles. 0, or -1 when none. */
struct chartlist {
	char **name, **title;
	size_t n;
};
void compare_charts(const struct compare *cmp, struct chartlist *cl);
void chartlist_free(struct chartlist *cl);

/* doc.c: report.html, report.md and report.docx. */
void compare_report(const struct compare *cmp, const struct chartlist *cl);

#endif
