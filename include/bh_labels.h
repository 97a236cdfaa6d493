/* bh_labels.h: Vietnamese labels for what the tables name by id, the period names,
 * and the list of charts shared by binhyen-plot and binhyen-report. All static text. */
#ifndef BH_LABELS_H
#define BH_LABELS_H
#include <stddef.h>

/* Label of a lexicon category, message type, tip kind or summary metric; NULL when unknown. */
const char *bh_vi_category(const char *id);
const char *bh_vi_type(const char *id);
const char *bh_vi_kind(const char *id);
const char *bh_vi_metric(const char *id);
/* Label of a response bucket ("0-15m"), a weekday number ("1" = Monday), a
 * workbook sheet id ("summary"); NULL when unknown. */
const char *bh_vi_bucket(const char *id);
const char *bh_vi_weekday(const char *id);
const char *bh_vi_sheet(const char *id);

struct bh_period;
/* The Vietnamese name of a parsed period ("Quý I năm 2024") into BUF. */
void bh_period_label(const struct bh_period *p, char *buf, size_t n);
/* Does S start with a date YYYY-MM-DD (a real day)? Then writes "DD/MM/YYYY" into BUF[11]. */
int bh_date_vi(const char *s, char buf[11]);

struct bh_chart {
	const char *name;	/* charts/NAME.png, charts/NAME.svg, plots/NAME.gp */
	const char *title;	/* Vietnamese title, on the chart and in the report */
	const char *table;	/* the table it draws, under tables/ */
};
/* Every chart, in report order; ends with a NULL name. */
extern const struct bh_chart bh_charts[];

#endif
