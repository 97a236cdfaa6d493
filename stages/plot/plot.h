/* plot.h: what the parts of binhyen-plot share (plot.c, plot/charts.c). */
#ifndef PLOT_H
#define PLOT_H
#include <stdio.h>

#include "bh_gnuplot.h"
#include "bh_table.h"

/* One run of binhyen-plot; plot.c owns every member. */
struct plot {
	char *tables;		/* OUT/tables */
	struct bh_gprun run;	/* OUT/charts, and its work folder for scripts and gnuplot's output */
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

/* Loads OUT/tables/FILE; NULL (reported as bad input) when missing or unusable. */
bh_table *plot_table(struct plot *p, const char *file);

#endif
