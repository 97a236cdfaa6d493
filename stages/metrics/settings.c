/* settings.c: the commune's names given once and kept in the database
 * (--commune, --unit, --superior), and OUT/settings.csv: what made the figures
 * of an output folder, read by binhyen-report and binhyen compare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_out.h"
#include "bh_res.h"
#include "bh_sha256.h"
#include "metrics.h"

/* The stored names, in settings.csv's order (struct mopts' names[]). */
static const char *const names[NNAMES] = { "commune", "unit", "superior" };

void
settings_store(sqlite3 *db, const struct mopts *o)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/settings_put.sql");
	int i;

	for (i = 0; i < NNAMES; i++) {
		if (!o->names[i])
			continue;
		bh_db_text(q, 1, names[i], -1);
		bh_db_text(q, 2, o->names[i], -1);
		bh_db_run(q);
	}
	sqlite3_finalize(q);
}

/* A stored setting (the caller frees it), or NULL when never given. */
static char *
stored(sqlite3_stmt *q, const char *key)
{
	char *v = NULL;

	sqlite3_reset(q);
	bh_db_text(q, 1, key, -1);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		v = bh_strdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_reset(q);
	return v;
}

long long
roster_rows(sqlite3 *db)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/settings_roster_rows.sql");
	long long n = 0;

	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void
row(bh_csv *c, const char *key, const char *value)
{
	bh_csv_raw(c, key);
	bh_csv_raw(c, value);
	bh_csv_endrow(c);
}

/* The groups the figures are limited to (--group), comma-separated; "" for all. */
static char *
groups_list(const struct mopts *o)
{
	size_t i, n = 1;
	char *s;

	for (i = 0; i < o->ngroups; i++)
		n += strlen(o->groups[i]) + 1;
	s = bh_malloc(n);
	*s = '\0';
	for (i = 0; i < o->ngroups; i++)
		strcat(strcat(s, i ? "," : ""), o->groups[i]);
	return s;
}

int
settings_write(sqlite3 *db, const struct mopts *o, const struct bh_period *p, const char *out)
{
	static const char *const head[] = { "key", "value" };
	static const char *const roles[3] = { "officer", "staff", "resident" };
	char path[4200], buf[64], day[11], lex[BH_SHA256_HEX], rev[BH_SHA256_HEX] = "";
	char resp[32] = "", ts[26];
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/settings_get.sql");
	const char *text;
	size_t len;
	char *v;
	bh_csv *c;
	int i;

	if (o->lexicon) {
		if (bh_sha256_file(o->lexicon, lex) < 0)
			bh_die(_("cannot read lexicon '%s':"), o->lexicon);
	} else {
		if (!(text = bh_res("data/lexicon.tsv", &len)))
			bh_die(_("built-in file 'data/lexicon.tsv' is missing"));
		bh_sha256_hex(text, len, lex);
	}
	if (o->reviews && bh_sha256_file(o->reviews, rev) < 0)
		bh_die(_("cannot read the review file '%s':"), o->reviews);
	for (i = 0; i < 3; i++)
		if (o->responders[i])
			snprintf(resp + strlen(resp), sizeof resp - strlen(resp), "%s%s",
			    resp[0] ? "," : "", roles[i]);
	snprintf(path, sizeof path, "%s/settings.csv", out);
	if (!(c = bh_csv_open(path, 0644, BH_CSV_BOM)))
		return -1;
	bh_csv_row(c, head, 2);
	/* the names: data given by people, formula-guarded */
	for (i = 0; i < NNAMES; i++) {
		v = stored(q, names[i]);
		bh_csv_raw(c, names[i]);
		bh_csv_str(c, v ? v : "");
		bh_csv_endrow(c);
		free(v);
	}
	sqlite3_finalize(q);
	row(c, "period", o->period);
	bh_fmt_day(p->first, day);
	row(c, "period_start", day);
	bh_fmt_day(p->last, day);
	row(c, "period_end", day);
	v = groups_list(o);
	row(c, "groups", v);
	free(v);
	snprintf(buf, sizeof buf, "%d", o->cutoff);
	row(c, "cutoff_day", o->cutoff ? buf : "");
	row(c, "responders", resp);
	snprintf(buf, sizeof buf, "%d", o->min_thon);
	row(c, "min_thon_members", buf);
	row(c, "lexicon_sha256", lex);
	row(c, "reviews_sha256", rev);
	snprintf(buf, sizeof buf, "%lld", roster_rows(db));
	row(c, "roster_rows", buf);
	row(c, "binhyen_version", VERSION);
	snprintf(buf, sizeof buf, "%d", BH_SCHEMA_VERSION);
	row(c, "schema_version", buf);
	bh_fmt_ts((long long)time(NULL) * 1000, ts);
	row(c, "generated_at", ts);
	return bh_csv_commit(c);
}
