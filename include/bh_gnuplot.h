/* bh_gnuplot.h: charts drawn by gnuplot without letting the data command it,
 * shared by binhyen-plot and binhyen-compare.
 *
 * Scripts: every string from the data enters a script only through gp_text and
 * its friends (single-quoted, control characters refused), every number through
 * gp_num (re-printed by us).
 * Runs: gnuplot is run as a program (never through a shell), on a script in a
 * private work folder, with no terminal input; its PNG and SVG are checked
 * complete, made durable and renamed into the charts folder in one step. A full
 * disk is a system error (exit 2), a failed chart is bad input (exit 1). */
#ifndef BH_GNUPLOT_H
#define BH_GNUPLOT_H
#include <stdio.h>
#include <sys/types.h>

#define BH_GP_FONT "DejaVu Sans"
#define BH_GP_WIDTH 1600	/* PNG and SVG width in pixels */

/* Script text from data: single-quoted gnuplot strings (a quote itself as "'"); control
 * characters (newlines) are refused, replaced by a space with a warning. */
void gp_text(FILE *fp, const char *s, size_t max_chars);	/* 0: no limit */
void gp_str(FILE *fp, const char *s);	/* a name from the data: at most 40 characters */
/* A name from the data broken at spaces into lines of at most WIDTH characters
 * (joined with "\n" in the script), at most 80 characters in all. */
void gp_wrapped(FILE *fp, const char *s, size_t width);
/* "NAME = 'text'" on a line of its own, never cut. */
void gp_var(FILE *fp, const char *name, const char *s);
/* A number from a table cell, re-printed by us; NaN (a gap) when empty or not a number. */
void gp_num(FILE *fp, const char *cell);
/* array NAME[n] of strings, at least one element. */
void gp_array(FILE *fp, const char *name, const char *const *items, size_t n);

/* One program's charts: CHARTS, the folder they go to, and WORK, a private
 * folder inside it (CHARTS/.plotXXXXXX) for the scripts and gnuplot's files. */
struct bh_gprun {
	char *charts;
	char *work;
};
/* Can charts be drawn here (gnuplot installed, a font known)? 0, or -1 after
 * saying (bh_bad) what to install and then to run AGAIN (a command). Without
 * DejaVu Sans it warns and goes on with another font. */
int bh_gp_usable(const char *again);
/* Makes CHARTS (and parents) and the work folder; dies when it cannot. */
void bh_gp_begin(struct bh_gprun *r, const char *charts);
/* Removes the work folder and frees R's members. */
void bh_gp_end(struct bh_gprun *r);
/* WORK/FILE, allocated. */
char *bh_gp_path(const struct bh_gprun *r, const char *file);
/* Writes BODY (a template) once per terminal, so that gnuplot writes NAME.png
 * and NAME.svg (BH_GP_WIDTH x HEIGHT) in the work folder. */
void bh_gp_terminals(FILE *fp, const char *name, const char *body, int height);
/* Starts gnuplot on WORK/NAME.gp: its pid (dies when it cannot start). */
pid_t bh_gp_start(struct bh_gprun *r, const char *name);
/* Waits for the gnuplot of NAME, then renames its NAME.png and NAME.svg into
 * CHARTS: 0, or -1 (reported as bad input, with gnuplot's complaints). */
int bh_gp_finish(struct bh_gprun *r, const char *name, pid_t pid);

#endif
