/* tables.c: the comparison's tables for machines (CSV files under tables/) and people
 * (tables.xlsx): each commune's cells carried as read, totals only where a sum
 * means something. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_mtable.h"
#include "bh_out.h"
#include "compare.h"

#define NCOMMUNE_COLS (1 + 2 * (NFIG - 1) + 2 + 1)

static const char *const c_totals[] = { "metric", "value", "prev_value", "communes",
	"prev_communes", "additive" };
static const char *const c_settings[] = { "commune", "period", "period_start", "period_end",
	"cutoff_day", "responders", "min_thon_members", "lexicon_sha256", "reviews_sha256",
	"roster_rows", "binhyen_version", "schema_version", "generated_at", "unit", "superior" };

/* commune, the contract's figures, their prev_values, then the p90 pair and the mark. */
static const char **
commune_cols(void)
{
	static const char *cols[NCOMMUNE_COLS];
	static char prev[NFIG][64];
	int f, k = 0;

	if (cols[0])
		return cols;
	cols[k++] = "commune";
	for (f = 0; f < F_TIP_P90; f++)
		cols[k++] = figures[f].id;
	for (f = 0; f < F_TIP_P90; f++) {
		snprintf(prev[f], sizeof prev[f], "prev_%s", figures[f].id);
		cols[k++] = prev[f];
	}
	cols[k++] = figures[F_TIP_P90].id;
	snprintf(prev[F_TIP_P90], sizeof prev[F_TIP_P90], "prev_%s", figures[F_TIP_P90].id);
	cols[k++] = prev[F_TIP_P90];
	cols[k++] = "tips_withheld";
	return cols;
}

const char *
total(const struct compare *cmp, int f, int prev, char *buf, size_t n, size_t *count)
{
	double sum = 0, v;
	size_t i;

	*count = 0;
	buf[0] = '\0';
	if (!figures[f].additive)
		return buf;
	for (i = 0; i < cmp->n; i++)
		if (cell_num(cell(cmp, &cmp->c[i], f, prev), &v) == 0) {
			sum += v;
			++*count;
		}
	if (*count)
		snprintf(buf, n, "%.15g", sum);
	return buf;
}

/* A cell carried: a day (a date in the workbook), a number, or the data as it is. */
static void
put(struct mtable *t, const char *v)
{
	char d[11];

	if (strlen(v) == 10 && bh_date_vi(v, d) == 0)
		mt_text(t, v);
	else
		mt_num(t, v);
}

static struct mtable *
communes_table(const struct compare *cmp)
{
	struct mtable *t = mt_new("tables/communes.csv", "communes", commune_cols(), NCOMMUNE_COLS);
	size_t i;
	int f;

	for (i = 0; i < cmp->n; i++) {
		const struct commune *c = &cmp->c[i];
		mt_data(t, c->name);
		for (f = 0; f < F_TIP_P90; f++)
			put(t, cell(cmp, c, f, 0));
		for (f = 0; f < F_TIP_P90; f++)
			put(t, cell(cmp, c, f, 1));
		mt_num(t, cell(cmp, c, F_TIP_P90, 0));
		mt_num(t, cell(cmp, c, F_TIP_P90, 1));
		mt_int(t, c->withheld);
	}
	return t;
}

static struct mtable *
totals_table(const struct compare *cmp)
{
	struct mtable *t = mt_new("tables/totals.csv", "totals", c_totals, 6);
	char a[64], b[64];
	size_t na, nb;
	int f;

	for (f = F_GROUPS; f < NFIG; f++) {
		mt_text(t, figures[f].id);
		mt_num(t, total(cmp, f, 0, a, sizeof a, &na));
		mt_num(t, total(cmp, f, 1, b, sizeof b, &nb));
		if (figures[f].additive) {
			mt_int(t, (long long)na);
			mt_int(t, (long long)nb);
		} else {
			mt_empty(t);
			mt_empty(t);
		}
		mt_int(t, figures[f].additive);
	}
	return t;
}

static struct mtable *
settings_table(const struct compare *cmp)
{
	int ncol = (int)(sizeof c_settings / sizeof c_settings[0]), k;
	struct mtable *t = mt_new("tables/commune_settings.csv", "commune_settings", c_settings, ncol);
	const char *v;
	size_t i;

	for (i = 0; i < cmp->n; i++) {
		mt_data(t, cmp->c[i].name);
		for (k = 1; k < ncol; k++) {
			v = bh_table_lookup(cmp->c[i].settings, c_settings[k], "value");
			mt_data(t, v ? v : "");
		}
	}
	return t;
}

void
compare_tables(const struct compare *cmp)
{
	struct mtable *t[3];
	char path[4200];
	int i;

	t[0] = communes_table(cmp);
	t[1] = totals_table(cmp);
	t[2] = settings_table(cmp);
	snprintf(path, sizeof path, "%s/tables", cmp->out);
	if (bh_mkdirs(path, 0755) < 0)
		bh_die(_("cannot create folder '%s':"), path);
	for (i = 0; i < 3; i++)
		if (mt_write_csv(t[i], cmp->out, 0644) < 0)
			bh_die(_("cannot write '%s/%s':"), cmp->out, t[i]->path);
	snprintf(path, sizeof path, "%s/tables.xlsx", cmp->out);
	if (mt_write_xlsx(t, 3, path) < 0)
		bh_die(_("cannot write '%s':"), path);
	for (i = 0; i < 3; i++)
		mt_free(t[i]);
	bh_note(_("wrote %s/tables/communes.csv (%zu communes), totals.csv, commune_settings.csv, "
	    "tables.xlsx"), cmp->out, cmp->n);
}
