/* opt.c: command-line errors and option values, in one wording for every program. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_err.h"
#include "bh_opt.h"
#include "bh_text.h"

void
bh_usage_exit(FILE *fp, int status)
{
	if (fp == stdout)
		bh_exit_status();	/* dies when stdout cannot be written */
	exit(status);
}

void
bh_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", bh_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("(see '%s --help')"), bh_prog);
	fputc('\n', stderr);
	exit(BH_FATAL);
}

/* Edit distance of a and b (names are short: b at most 63 characters counted). */
static size_t
distance(const char *a, size_t na, const char *b)
{
	size_t nb = strlen(b), row[64], i, j, diag, up;

	if (nb > 63)
		nb = 63;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			up = row[j];
			row[j] = a[i - 1] == b[j - 1] ? diag :
			    1 + (diag < up ? (diag < row[j - 1] ? diag : row[j - 1]) :
			    (up < row[j - 1] ? up : row[j - 1]));
			diag = up;
		}
	}
	return row[nb];
}

/* The long option NAME (na characters) names exactly, or NULL. */
static const struct option *
exact(const struct option *lo, const char *name, size_t na)
{
	for (; lo->name; lo++)
		if (strlen(lo->name) == na && strncmp(lo->name, name, na) == 0)
			return lo;
	return NULL;
}

/* The long option nearest to NAME when it is near enough to be a slip. */
static const struct option *
nearest(const struct option *lo, const char *name, size_t na)
{
	const struct option *best = NULL;
	size_t d, bestd = (size_t)-1, limit = na < 5 ? 1 : 2;

	for (; lo->name; lo++)
		if ((d = distance(name, na, lo->name)) < bestd) {
			bestd = d;
			best = lo;
		}
	return bestd <= limit ? best : NULL;
}

/* A word with one dash that is a long option's name ("-period"), or NULL. */
static const struct option *
one_dash(int argc, char *const argv[], const struct option *lo, const char **word)
{
	const struct option *o;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '-' || strlen(argv[i]) < 3)
			continue;
		if ((o = exact(lo, argv[i] + 1, strcspn(argv[i] + 1, "="))) ||
		    (o = nearest(lo, argv[i] + 1, strcspn(argv[i] + 1, "=")))) {
			*word = argv[i];
			return o;
		}
	}
	return NULL;
}

void
bh_opt_error(int c, int argc, char *const argv[], const struct option *lo)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "", *word;
	const struct option *o;
	size_t n, i, hits;
	char list[256];

	if (strncmp(arg, "--", 2) == 0 && arg[2]) {
		const char *name = arg + 2;

		n = strcspn(name, "=");
		if (c == ':')
			bh_usage_error(_("option '--%.*s' needs a value"), (int)n, name);
		if ((o = exact(lo, name, n)) && o->has_arg == no_argument && name[n] == '=')
			bh_usage_error(_("option '--%.*s' takes no value"), (int)n, name);
		if (!exact(lo, name, n)) {
			for (o = lo, hits = 0, list[0] = '\0'; o->name; o++)
				if (strncmp(o->name, name, n) == 0 && n > 0) {
					i = strlen(list);
					snprintf(list + i, sizeof list - i, "%s--%s", hits++ ? ", " : "", o->name);
				}
			if (hits > 1)
				bh_usage_error(_("option '--%.*s' is ambiguous: %s"), (int)n, name, list);
			if ((o = nearest(lo, name, n)))
				bh_usage_error(_("unknown option '--%.*s' (did you mean '--%s'?)"),
				    (int)n, name, o->name);
			bh_usage_error(_("unknown option '--%.*s'"), (int)n, name);
		}
	}
	if ((o = one_dash(argc, argv, lo, &word)))
		bh_usage_error(_("unknown option '%s': a long option starts with two dashes, "
		    "as in '--%s'"), word, o->name);
	if (c == ':')
		bh_usage_error(_("option '-%c' needs a value"), optopt);
	if (optopt > ' ' && optopt < 127)
		bh_usage_error(_("unknown option '-%c'"), optopt);
	bh_usage_error(_("unknown option '%s'"), arg);
}

long
bh_optnum(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		bh_usage_error(_("%s '%s': give a whole number from %ld to %ld"), opt, s, lo, hi);
	return v;
}

struct bh_period
bh_opt_period(const char *opt, const char *s, int cutoff)
{
	struct bh_period p;
	int rc = bh_period_parse(s, cutoff, &p);

	if (rc == BH_P_REVERSED)
		bh_usage_error(_("%s '%s': the range is reversed: write the earlier day first"),
		    opt, s);
	if (rc < 0)
		bh_usage_error(_("%s: invalid period '%s': write 2024-03, 2024-Q1, 2024-H1, "
		    "2024 or 2024-01-10..2024-02-20"), opt, s);
	return p;
}

const char *
bh_opt_uid(const char *opt, const char *s)
{
	if (!*s || strspn(s, "0123456789") != strlen(s))
		bh_usage_error(_("%s '%s': a Zalo uid is digits only"), opt, s);
	return s;
}

const char *
bh_opt_group(const char *opt, const char *s)
{
	const char *id = s[0] == 'g' ? s + 1 : s;	/* as a record's toUid writes it */

	if (!*id || strspn(id, "0123456789") != strlen(id))
		bh_usage_error(_("%s '%s': a group id is digits only (the group_id column of "
		    "tables/groups.csv)"), opt, s);
	return id;
}

void
bh_opt_roles(const char *opt, const char *s, int on[3])
{
	static const char *const roles[] = { "officer", "staff", "resident", NULL };
	const char *p = s;
	char word[32];
	size_t n;
	int i;

	on[0] = on[1] = on[2] = 0;
	do {
		n = strcspn(p, ",");
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
		for (i = 0; roles[i] && (strlen(roles[i]) != n || strncmp(roles[i], p, n) != 0); i++)
			;
		if (!roles[i])
			bh_usage_error(_("%s '%s': '%s' is not a role: write officer, staff or "
			    "resident, separated by commas"), opt, s, word);
		on[i] = 1;
		p += n;
	} while (*p++);
}

int
bh_opt_word(const char *opt, const char *s, const char *const *words)
{
	char list[256];
	size_t n;
	int i;

	for (i = 0; words[i]; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	for (i = 0, list[0] = '\0'; words[i]; i++) {
		n = strlen(list);
		snprintf(list + n, sizeof list - n, "%s%s", i ? (words[i + 1] ? ", " : _(" or ")) : "",
		    words[i]);
	}
	bh_usage_error(_("%s '%s': give %s"), opt, s, list);
}

const char *
bh_opt_file(const char *opt, const char *s)
{
	if (!*s || access(s, R_OK) < 0)
		bh_usage_error(_("%s '%s': cannot read it: %s"), opt, s,
		    *s ? strerror(errno) : _("no file name"));
	return s;
}

const char *
bh_opt_name(const char *opt, const char *s)
{
	size_t n = strlen(s), i;

	if (n > 200)
		bh_usage_error(_("%s: the name is too long (%zu bytes; at most 200)"), opt, n);
	if (bh_utf8_invalid_at(s, n) >= 0)
		bh_usage_error(_("%s: the name is not valid UTF-8 text"), opt);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			bh_usage_error(_("%s: write the name on one line, without control characters"),
			    opt);
	return s;
}
