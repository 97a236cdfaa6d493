/* read.c: each commune's folder read (settings.csv, tables/summary.csv only)
 * and checked against the others before anything is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_labels.h"
#include "bh_path.h"
#include "bh_period.h"
#include "bh_text.h"
#include "compare.h"

const struct figure figures[NFIG] = {
	[F_PERIOD_START] = {"period_start", 0, 0},
	[F_PERIOD_END] = {"period_end", 0, 0},
	[F_GROUPS] = {"groups", 1, 0},
	[F_MESSAGES] = {"messages", 1, 0},
	/* a person may write in the groups of several communes */
	[F_SENDERS] = {"senders", 0, 0},
	[F_MEMBERS] = {"members", 1, 0},
	[F_ACTIVE] = {"active_members", 1, 0},
	[F_PARTICIPATION] = {"participation_pct", 0, 0},
	[F_POSTS] = {"officer_posts", 1, 0},
	[F_TIPS] = {"tips", 1, 1},
	[F_TIPS_ANSWERED] = {"tips_answered", 1, 1},
	[F_TIPS_ANSWERED_PCT] = {"tips_answered_pct", 0, 1},
	[F_TIP_MEDIAN] = {"tip_response_median_min", 0, 1},
	[F_TIPS_1H] = {"tips_within_1h_pct", 0, 1},
	[F_QUESTIONS] = {"questions", 1, 0},
	[F_QUESTIONS_ANSWERED_PCT] = {"questions_answered_pct", 0, 0},
	[F_JOINS] = {"joins", 1, 0},
	[F_LEAVES] = {"leaves", 1, 0},
	[F_TIP_P90] = {"tip_response_p90_min", 0, 1},
};

const char *const compared_settings[] = {
	"lexicon_sha256", "responders", "cutoff_day", "min_thon_members", "binhyen_version",
	"schema_version", NULL
};

/* Every key settings.csv of a binhyen output holds. */
static const char *const required[] = {
	"commune", "period", "period_start", "period_end", "cutoff_day", "responders",
	"min_thon_members", "lexicon_sha256", "reviews_sha256", "roster_rows",
	"binhyen_version", "schema_version", "generated_at", NULL
};

/* The Vietnamese name of each compared setting, for the report. */
static const char *
setting_vi(const char *key)
{
	static const char *const vi[][2] = {
		{"lexicon_sha256", "bộ từ khóa nhận diện tin báo (--lexicon)"},
		{"responders", "những người được tính là trả lời tin báo (--responders)"},
		{"cutoff_day", "ngày chốt số liệu (--cutoff-day)"},
		{"min_thon_members", "ngưỡng ẩn số liệu của thôn ít cư dân (--min-thon-members)"},
		{"binhyen_version", "phiên bản binhyen"},
		{"schema_version", "phiên bản cơ sở dữ liệu"},
	};
	size_t i;

	for (i = 0; i < sizeof vi / sizeof vi[0]; i++)
		if (strcmp(vi[i][0], key) == 0)
			return vi[i][1];
	return key;
}

int
cell_num(const char *s, double *v)
{
	return bh_num(s, v);
}

const char *
cell(const struct compare *cmp, const struct commune *c, int f, int prev)
{
	(void)cmp;
	if (c->withheld && figures[f].tip)
		return "";
	return prev ? c->prev[f] : c->value[f];
}

static const char *
setting(const struct commune *c, const char *key)
{
	const char *v = bh_table_lookup(c->settings, key, "value");

	return v ? v : "";
}

/* 0 when FOLDER is a commune's binhyen output, else -1 after saying why. */
static int
load(struct commune *c, const char *folder)
{
	static const char *const scols[] = {"key", "value", NULL};
	static const char *const mcols[] = {"metric", "value", "prev_value", NULL};
	struct stat st;
	char *path;
	int idx[3], i;
	const char *v;

	memset(c, 0, sizeof *c);
	c->folder = folder;
	if (stat(folder, &st) < 0 || !S_ISDIR(st.st_mode)) {
		bh_warn(_("'%s' is not a folder: give the output folder of each commune's binhyen run"),
		    folder);
		return -1;
	}
	path = bh_path_join(folder, "settings.csv");
	if (!(c->settings = bh_table_load(path))) {
		if (access(path, F_OK) < 0)
			bh_warn(_("'%s' has no settings.csv: it is not a binhyen output folder, or an "
			    "older binhyen made it (run binhyen there again)"), folder);
		free(path);
		return -1;
	}
	free(path);
	if (bh_table_need(c->settings, scols, idx) < 0 || idx[0] != 0) {
		bh_warn(_("'%s': settings.csv is not a binhyen settings table (key,value)"), folder);
		return -1;
	}
	for (i = 0; required[i]; i++)
		if (!bh_table_lookup(c->settings, required[i], "value")) {
			bh_warn(_("'%s': settings.csv lacks '%s': it is not a binhyen output folder, "
			    "or an older binhyen made it (run binhyen there again)"), folder, required[i]);
			return -1;
		}
	c->name = setting(c, "commune");
	if (!*c->name) {
		bh_warn(_("'%s' names no commune: the commune runs binhyen again with "
		    "--commune \"Xã …\" and sends the new folder"), folder);
		return -1;
	}
	c->key = bh_text_namekey(c->name);
	path = bh_path_join(folder, "tables/summary.csv");
	c->summary = bh_table_load(path);
	if (!c->summary || bh_table_need(c->summary, mcols, idx) < 0 || idx[0] != 0) {
		if (!c->summary && access(path, F_OK) < 0)
			bh_warn(_("'%s' has no tables/summary.csv: it is not a binhyen output folder"),
			    folder);
		free(path);
		return -1;
	}
	free(path);
	for (i = 0; i < NFIG; i++) {
		c->value[i] = (v = bh_table_lookup(c->summary, figures[i].id, "value")) ? v : "";
		c->prev[i] = (v = bh_table_lookup(c->summary, figures[i].id, "prev_value")) ? v : "";
	}
	if (strcmp(c->value[F_PERIOD_START], setting(c, "period_start")) != 0 ||
	    strcmp(c->value[F_PERIOD_END], setting(c, "period_end")) != 0) {
		bh_warn(_("'%s': settings.csv and tables/summary.csv are of different periods: "
		    "the folder was changed after binhyen wrote it; ask the commune for it again"),
		    folder);
		return -1;
	}
	return 0;
}

static int
by_key(const void *a, const void *b)
{
	const struct commune *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	return d ? d : strcmp(x->folder, y->folder);
}

/* Every folder of another period than the first named, then exit 2. */
static void
check_periods(const struct compare *cmp)
{
	const struct commune *a = &cmp->c[0];
	size_t i;
	int differ = 0;

	for (i = 1; i < cmp->n; i++)
		differ |= strcmp(cmp->c[i].value[F_PERIOD_START], a->value[F_PERIOD_START]) != 0 ||
		    strcmp(cmp->c[i].value[F_PERIOD_END], a->value[F_PERIOD_END]) != 0;
	if (!differ)
		return;
	for (i = 0; i < cmp->n; i++)
		bh_warn(_("'%s' (%s): period %s, %s to %s"), cmp->c[i].folder, cmp->c[i].name,
		    setting(&cmp->c[i], "period"), cmp->c[i].value[F_PERIOD_START],
		    cmp->c[i].value[F_PERIOD_END]);
	bh_die(_("the folders are of different periods (above): compare the folders of one "
	    "period"));
}

static void
check_twice(const struct compare *cmp)
{
	size_t i;
	int twice = 0;

	for (i = 1; i < cmp->n; i++)
		if (strcmp(cmp->c[i].key, cmp->c[i - 1].key) == 0) {
			bh_warn(_("'%s' and '%s' are both of %s"), cmp->c[i - 1].folder,
			    cmp->c[i].folder, cmp->c[i].name);
			twice = 1;
		}
	if (twice)
		bh_die(_("a commune is given twice (above): give each commune's folder once"));
}

/* "a, b, c" of at most LIMIT names, then "và N xã khác". */
static void
names_of(const struct compare *cmp, const char *key, const char *value, char *buf, size_t n,
    size_t *count)
{
	size_t i, len = 0, shown = 0;

	*count = 0;
	buf[0] = '\0';
	for (i = 0; i < cmp->n; i++) {
		if (strcmp(setting(&cmp->c[i], key), value) != 0)
			continue;
		if (++*count <= 8 && len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", shown++ ? ", " : "",
			    cmp->c[i].name);
	}
	if (*count > 8 && len < n)
		snprintf(buf + len, n - len, " và %zu xã khác", *count - 8);
}

/* Each compared setting that differs: said on screen (exit 1) and in the report. */
static void
check_settings(struct compare *cmp)
{
	char names[1200], line[8192], screen[8192];
	const char **seen = bh_malloc(cmp->n * sizeof *seen);
	size_t i, j, nseen, count, len, slen;
	int k;

	for (k = 0; compared_settings[k]; k++) {
		const char *key = compared_settings[k];

		for (nseen = 0, i = 0; i < cmp->n; i++) {
			const char *v = setting(&cmp->c[i], key);
			for (j = 0; j < nseen && strcmp(seen[j], v) != 0; j++)
				;
			if (j == nseen)
				seen[nseen++] = v;
		}
		if (nseen < 2)
			continue;
		len = (size_t)snprintf(line, sizeof line, "Các xã được lập số liệu với %s khác "
		    "nhau, nên số liệu chưa hoàn toàn so sánh được:", setting_vi(key));
		slen = 0;
		screen[0] = '\0';
		for (j = 0; j < nseen; j++) {
			names_of(cmp, key, seen[j], names, sizeof names, &count);
			if (len < sizeof line)
				len += (size_t)snprintf(line + len, sizeof line - len, "%s “%s” ở %s",
				    j ? ";" : "", *seen[j] ? seen[j] : "(không đặt)", names);
			if (slen < sizeof screen)
				slen += (size_t)snprintf(screen + slen, sizeof screen - slen, "%s'%s' in %s",
				    j ? "; " : "", seen[j], names);
		}
		if (len < sizeof line)
			snprintf(line + len, sizeof line - len, ". Đề nghị các xã chạy lại với cùng "
			    "thiết lập.");
		bh_bad(_("the communes' figures were made with different settings: %s: %s; the "
		    "comparison is written, with this said in the report"), key, screen);
		cmp->differences = bh_realloc(cmp->differences, (cmp->ndiff + 1) * sizeof *cmp->differences);
		cmp->differences[cmp->ndiff++] = bh_strdup(line);
	}
	free(seen);
}

static void
period_line(struct compare *cmp)
{
	const struct commune *a = &cmp->c[0];
	char name[128] = "", d1[11], d2[11];
	const char *p = setting(a, "period");
	struct bh_period pp;
	size_t i;
	int same = 1;

	for (i = 1; i < cmp->n; i++)
		same &= strcmp(setting(&cmp->c[i], "period"), p) == 0;
	if (bh_date_vi(a->value[F_PERIOD_START], d1) < 0 || bh_date_vi(a->value[F_PERIOD_END], d2) < 0)
		snprintf(d1, sizeof d1, "?"), snprintf(d2, sizeof d2, "?");
	if (same && bh_period_parse(p, 0, &pp) == 0 && pp.kind != BH_P_DAYS &&
	    (bh_period_label(&pp, name, sizeof name), 1))
		snprintf(cmp->period, sizeof cmp->period, "%s (từ %s đến %s)", name, d1, d2);
	else
		snprintf(cmp->period, sizeof cmp->period, "Từ %s đến %s", d1, d2);
}

void
compare_read(struct compare *cmp, char **folders, int n)
{
	int i, bad = 0;
	double m;

	cmp->c = bh_malloc((size_t)n * sizeof *cmp->c);
	cmp->n = (size_t)n;
	for (i = 0; i < n; i++)
		bad += load(&cmp->c[i], folders[i]) < 0;
	if (bad) {
		cmp->n = 0;
		bh_die(_("%d of the %d folders cannot be compared (see above); nothing written"),
		    bad, n);
	}
	qsort(cmp->c, cmp->n, sizeof *cmp->c, by_key);
	check_periods(cmp);
	check_twice(cmp);
	check_settings(cmp);
	period_line(cmp);
	for (i = 0; i < n; i++) {
		struct commune *c = &cmp->c[i];
		c->withheld = cell_num(c->value[F_MEMBERS], &m) < 0 || m < (double)cmp->min_members;
	}
}

void
compare_free(struct compare *cmp)
{
	size_t i;

	for (i = 0; i < cmp->n; i++) {
		free(cmp->c[i].key);
		bh_table_free(cmp->c[i].settings);
		bh_table_free(cmp->c[i].summary);
	}
	free(cmp->c);
	for (i = 0; i < cmp->ndiff; i++)
		free(cmp->differences[i]);
	free(cmp->differences);
}
