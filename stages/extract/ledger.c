/* ledger.c: binhyen-extract's accounting: every record of an entry counted
 * under what it became, the reasons of the rejected and skipped ones, written
 * to ledger and ledger_reasons when the entry ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "extract.h"

void
xledger_reason(struct extract *x, const char *outcome, const char *why, long line)
{
	int i;

	for (i = 0; i < x->nreasons; i++)
		if (strcmp(x->reasons[i].outcome, outcome) == 0 &&
		    strcmp(x->reasons[i].why, why) == 0) {
			x->reasons[i].count++;
			return;
		}
	x->reasons = bh_realloc(x->reasons, (x->nreasons + 1) * sizeof *x->reasons);
	x->reasons[x->nreasons++] = (struct reason){outcome, bh_strdup(why), 1, line};
}

/* A reason as the reader's language says it: the ledger keeps it in English
 * (one spelling, counted as one), the screen translates it; a reason with a
 * detail ("invalid JSON: lexical error…") has its head translated, the detail
 * (yajl's words) kept. */
static const char *
said(const char *why, char *buf, size_t size)
{
	const char *t = gettext(why), *colon = strstr(why, ": ");
	char head[128];

	if (t != why || !colon || (size_t)(colon - why) >= sizeof head)
		return t;
	memcpy(head, why, (size_t)(colon - why));
	head[colon - why] = '\0';
	if ((t = gettext(head)) == head)
		return why;
	snprintf(buf, size, "%s%s", t, colon);
	return buf;
}

void
xledger_rejected(struct extract *x, long line, const char *why)
{
	char kind[64], buf[1024];

	x->c.rejected++;
	xledger_reason(x, "rejected", why, line);
	/* Of each reason ("invalid JSON: …" by what precedes the colon) the
	 * first few are shown per entry; all are counted in the ledger. */
	snprintf(kind, sizeof kind, "%.*s", (int)strcspn(why, ":"), why);
	why = said(why, buf, sizeof buf);
	if (strcmp(x->src, x->entry) == 0)	/* a bare file: the entry is the source */
		bh_bad_many(kind, "%s:%ld: %s", x->src, line, why);
	else
		bh_bad_many(kind, "%s: %s:%ld: %s", x->src, x->entry, line, why);
	if (x->strict)
		xrollback_and_exit(x);
}

void
xledger_entry_begin(struct extract *x, const char *name)
{
	memset(&x->c, 0, sizeof x->c);
	x->entry = bh_strdup(name);
	x->owner_unknown = 0;
}

void
xledger_add(struct counts *to, const struct counts *c)
{
	to->records += c->records;
	to->stored += c->stored;
	to->duplicates += c->duplicates;
	to->rejected += c->rejected;
	to->private_skipped += c->private_skipped;
	to->other_skipped += c->other_skipped;
}

void
xledger_entry_end(struct extract *x, const char *error)
{
	char buf[1024];
	sqlite3_stmt *st;
	int i;

	if (!x->entry)
		return;
	bh_many_end();
	if (*error)
		bh_bad(_("%s: %s: entry not read to its end (%s): records after the break are missing"),
		    x->src, x->entry, said(error, buf, sizeof buf));
	if (x->owner_unknown)
		bh_warn(_("%s: %s: %ld messages were sent by the account that made this backup, "
		    "which its file names do not tell: stored as sender 0, they cannot count as "
		    "a responder's answers; give --owner UID"), x->src, x->entry, x->owner_unknown);
	st = x->q[Q_LEDGER];
	sqlite3_bind_int64(st, 1, x->source_id);
	TEXT(st, 2, x->src);
	TEXT(st, 3, x->entry);
	sqlite3_bind_int64(st, 4, x->c.records);
	sqlite3_bind_int64(st, 5, x->c.stored);
	sqlite3_bind_int64(st, 6, x->c.duplicates);
	sqlite3_bind_int64(st, 7, x->c.rejected);
	sqlite3_bind_int64(st, 8, x->c.private_skipped);
	sqlite3_bind_int64(st, 9, x->c.other_skipped);
	bh_db_run(st);
	st = x->q[Q_REASON];
	for (i = 0; i < x->nreasons; i++) {
		sqlite3_bind_int64(st, 1, x->source_id);
		TEXT(st, 2, x->entry);
		TEXT(st, 3, x->reasons[i].outcome);
		TEXT(st, 4, x->reasons[i].why);
		sqlite3_bind_int64(st, 5, x->reasons[i].count);
		sqlite3_bind_int64(st, 6, x->reasons[i].first_line);
		bh_db_run(st);
		free(x->reasons[i].why);
	}
	x->nreasons = 0;
	xledger_add(&x->total, &x->c);
	free(x->entry);
	x->entry = NULL;
}
