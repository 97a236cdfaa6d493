/* gp.c: writing data into gnuplot scripts so that no data is ever read as a command. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_gnuplot.h"
#include "bh_table.h"

/* Names from the data longer than this many characters are cut and end in "…". */
#define LABEL_MAX 40

/* Opens a single-quoted piece unless one is open, joined to the previous piece. */
static void
open_piece(FILE *fp, int *open, int *pieces)
{
	if (!*open) {
		fputs((*pieces)++ ? ".'" : "'", fp);
		*open = 1;
	}
}

/* gnuplot runs `backquoted` text and expands @macros outside single quotes;
 * inside them nothing is special but the quote itself. The usual escape, the
 * quote written twice, is mis-read by gnuplot 5.4 at the start of a string and
 * after another doubled quote, so each quote is written as the constant "'"
 * joined with '.': it's -> 'it'."'".'s'. A newline would end the string and
 * start a command, so none gets through. */
void
gp_text(FILE *fp, const char *s, size_t max)
{
	size_t i, n = strlen(s), chars = 0;
	int refused = 0, open = 0, pieces = 0;

	/* Count characters, not bytes: a cut never splits one. */
	for (i = 0; max && i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			n = i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\'') {
			if (open)
				fputc('\'', fp);
			open = 0;
			fputs(pieces++ ? ".\"'\"" : "\"'\"", fp);
			continue;
		}
		open_piece(fp, &open, &pieces);
		if (c < 0x20 || c == 0x7f) {
			refused = 1;
			c = ' ';
		}
		fputc(c, fp);
	}
	if (n < strlen(s)) {
		open_piece(fp, &open, &pieces);
		fputs("…", fp);
	}
	if (open)
		fputc('\'', fp);
	else if (!pieces)
		fputs("''", fp);
	if (refused)
		bh_warn(_("a name holds a line break or control character: shown with spaces"));
}

void
gp_str(FILE *fp, const char *s)
{
	gp_text(fp, s, LABEL_MAX);
}

void
gp_var(FILE *fp, const char *name, const char *s)
{
	fprintf(fp, "%s = ", name);
	gp_text(fp, s, 0);
	fputc('\n', fp);
}

void
gp_num(FILE *fp, const char *cell)
{
	double v;

	if (bh_num(cell, &v) == 0)
		fprintf(fp, " %.10g", v);
	else
		fputs(" NaN", fp);
}

void
gp_array(FILE *fp, const char *name, const char *const *items, size_t n)
{
	size_t i;

	fprintf(fp, "array %s[%zu]\n", name, n ? n : 1);
	if (!n)
		fprintf(fp, "%s[1] = ''\n", name);
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s[%zu] = ", name, i + 1);
		gp_str(fp, items[i]);
		fputc('\n', fp);
	}
}

void
gp_wrapped(FILE *fp, const char *s, size_t width)
{
	size_t chars = 0, line = 0, wchars;
	const char *w = s, *end;
	char *word;
	int first = 1;

	for (;;) {
		while (*w == ' ')
			w++;
		if (!*w)
			break;
		for (end = w, wchars = 0; *end && *end != ' '; end++)
			wchars += ((unsigned char)*end & 0xC0) != 0x80;
		if (chars + wchars > 2 * LABEL_MAX) {
			fputs(first ? "'…'" : ".'…'", fp);
			return;
		}
		/* pieces joined with '.': a space, or a line break, between words */
		if (!first && line + 1 + wchars > width) {
			fputs(".\"\\n\".", fp);
			line = 0;
		} else if (!first) {
			fputs(".' '.", fp);
			line++;
		}
		word = bh_malloc((size_t)(end - w) + 1);
		memcpy(word, w, (size_t)(end - w));
		word[end - w] = '\0';
		gp_text(fp, word, 0);
		free(word);
		chars += wchars;
		line += wchars;
		first = 0;
		w = end;
	}
	if (first)
		fputs("''", fp);
}
