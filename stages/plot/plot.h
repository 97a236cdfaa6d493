/* plot.h: what the parts of binhyen-plot share (plot.c, plot/gp.c, plot/charts.c). */
#ifndef PLOT_H
#define PLOT_H
#include <stdio.h>

#include "bh_table.h"

/* One run of binhyen-plot; plot.c owns every member. */
struct plot {
	char *tables;		/* OUT/tables */
	char *charts;		/* OUT/charts */
	char *work;		/* OUT/charts/.plotXXXXXX: scripts and gnuplot's output (0700) */
	bh_table *summary;	/* tables/summary.csv, or NULL */
	char period[256];	/* "Xã Bình An · 01/01/2024 – 31/03/2024", or "" */
};

/* The head of one chart's script, written by its builder. */
struct gp {
	FILE *fp;
	const char *nodata;	/* set when there is nothing to draw: the message shown */
	int height;		/* PNG/SVG height in pixels (width is 1600) */
};

/* Writes the chart's data (data blocks, arrays, variables) into g->fp.
 * 0, or -1 when its table is missing or unusable (already reported). */
typedef int (*chart_fn)(struct plot *p, struct gp *g);
chart_fn chart_builder(const char *name);

/* Script text from data: single-quoted gnuplot strings (a quote itself as "'"); control
 * characters (newlines) are refused, replaced by a space with a warning. */
void gp_text(FILE *fp, const char *s, size_t max_chars);	/* 0: no limit */
void gp_str(FILE *fp, const char *s);	/* a name from the data: at most 40 characters */
/* "NAME = 'text'" on a line of its own, never cut. */
void gp_var(FILE *fp, const char *name, const char *s);
/* A number from a table cell, re-printed by us; NaN (a gap) when empty or not a number. */
void gp_num(FILE *fp, const char *cell);
/* array NAME[n] of strings, at least one element. */
void gp_array(FILE *fp, const char *name, const char *const *items, size_t n);
/* Loads OUT/tables/FILE; NULL (reported as bad input) when missing or unusable. */
bh_table *plot_table(struct plot *p, const char *file);

#endif
