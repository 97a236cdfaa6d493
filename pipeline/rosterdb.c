/* rosterdb.c: sender matching, the checks of a roster against the stored senders
 * (uids Excel cut, a roster that matches too few), and the roster to-do list
 * (CSV and sheet), shared by roster and metrics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bh_db.h"
#include "bh_err.h"
#include "bh_out.h"
#include "bh_period.h"
#include "bh_roster.h"
#include "bh_text.h"
#include "bh_xlsx.h"

static void
sql_thon_guess(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *g = s ? bh_thon_guess(s) : NULL;

	if (g)
		sqlite3_result_text(cx, g, -1, free);
	else
		sqlite3_result_null(cx);
}

void
bh_roster_match(sqlite3 *db)
{
	bh_text_sql_register(db);
	if (sqlite3_create_function(db, "bh_thon_guess", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS, NULL, sql_thon_guess, NULL, NULL) != SQLITE_OK)
		bh_die(_("cannot register SQL functions: %s"), sqlite3_errmsg(db));
	bh_db_exec_res(db, "sql/roster_match.sql");
}

/* One uid Excel cut, said with the fix. */
static void
cut_said(const char *file, long line, const char *uid)
{
	bh_bad_many(NULL, _("%s:%ld: uid '%s' was cut by Excel (it keeps 15 digits of a number): "
	    "set the uid column to Text, then copy the uids again from "
	    "internal/roster_todo.xlsx or from the roster kept before"), file, line, uid);
}

/* Is uid a stored sender (a long uid that only looks cut)? q: roster_is_sender.sql. */
static int
is_sender(sqlite3_stmt *q, const char *uid)
{
	sqlite3_reset(q);
	bh_db_text(q, 1, uid, -1);
	return sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
}

long
bh_roster_cut_uids(sqlite3 *db, const bh_roster_rows *r, const char *file)
{
	sqlite3_stmt *q = NULL;
	long bad = 0;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct bh_roster_row *w = &r->row[i];

		if (!w->uid_cut)
			continue;
		if (!q && db)
			q = bh_db_prep_res(db, "sql/roster_is_sender.sql");
		if (q && is_sender(q, w->cell[BH_RC_UID]))
			continue;
		bad++;
		cut_said(file, w->line, w->cell[BH_RC_UID]);
	}
	if (q)
		sqlite3_finalize(q);
	bh_many_end();
	return bad;
}

long
bh_roster_cut_uids_kept(sqlite3 *db, const char *file)
{
	sqlite3_stmt *c = bh_db_prep(db, "SELECT line, uid FROM temp.t_roster_cut ORDER BY line");
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/roster_is_sender.sql");
	long bad = 0;

	while (sqlite3_step(c) == SQLITE_ROW) {
		const char *uid = (const char *)sqlite3_column_text(c, 1);

		if (is_sender(q, uid))
			continue;
		bad++;
		cut_said(file, (long)sqlite3_column_int64(c, 0), uid);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(c);
	bh_many_end();
	return bad;
}

void
bh_roster_uid_check(sqlite3 *db, const char *file)
{
	sqlite3_stmt *q = bh_db_prep_res(db, "sql/roster_uid_check.sql");
	long long uids = 0, senders = 0;
	int msgs = 0;

	if (sqlite3_step(q) == SQLITE_ROW) {
		uids = sqlite3_column_int64(q, 0);
		senders = sqlite3_column_int64(q, 1);
		msgs = sqlite3_column_int(q, 2);
	}
	sqlite3_finalize(q);
	if (msgs && uids > 0 && 2 * senders < uids)
		bh_bad(_("%s: WARNING: only %lld of the roster's %lld uids sent a message in the "
		    "stored groups: is it the roster of another commune, or were its uids changed "
		    "by Excel? Check the uids against internal/roster_todo.xlsx; the figures by "
		    "thôn and role are wrong until the roster fits"), file, senders, uids);
}

int
bh_private_dir(const char *outdir, char *buf, size_t n)
{
	if ((size_t)snprintf(buf, n, "%s/internal", outdir) >= n)
		return -1;
	/* OUT itself is shareable; only internal/ is private. */
	if (bh_mkdirs(outdir, 0755) < 0)
		return -1;
	if (bh_mkdirs(buf, 0700) < 0 || chmod(buf, 0700) < 0)
		return -1;
	return 0;
}

/* The sheet's headers: Vietnamese, each one the roster reader accepts. */
static const char *const todo_head[] = {
	"Zalo ID (uid)", "Họ tên (name)", "Số điện thoại (phone)", "Thôn (thon)",
	"Vai trò (role)", "Số tin nhắn (messages)", "Lần đầu (first seen)", "Lần cuối (last seen)"
};
/* The roles the reader accepts, offered as a list in the role column. */
static const char *const todo_roles[] = {
	"người dân", "công an", "công an viên", "cán bộ", "trưởng thôn", "đoàn thể",
	"resident", "officer", "staff", NULL
};

struct todo_sheet {
	bh_xlsx_out *x;
	lxw_worksheet *ws;
	lxw_format *head, *text;
	lxw_row_t row;
};

static int
todo_sheet_open(struct todo_sheet *t, const char *path)
{
	lxw_data_validation dv;
	int c;

	if (!(t->x = bh_xlsx_open(path)))
		return -1;
	t->ws = workbook_add_worksheet(bh_xlsx_book(t->x), "roster");
	t->head = workbook_add_format(bh_xlsx_book(t->x));
	format_set_bold(t->head);
	t->text = workbook_add_format(bh_xlsx_book(t->x));
	format_set_num_format(t->text, "@");	/* uids stay text when retyped */
	for (c = 0; c < 8; c++)
		worksheet_write_string(t->ws, 0, (lxw_col_t)c, todo_head[c], t->head);
	worksheet_set_column(t->ws, 0, 0, 22, t->text);
	worksheet_set_column(t->ws, 1, 1, 28, NULL);
	worksheet_set_column(t->ws, 2, 4, 16, NULL);
	worksheet_set_column(t->ws, 5, 7, 16, NULL);
	worksheet_freeze_panes(t->ws, 1, 0);
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)todo_roles;
	dv.input_title = (char *)_("Role");
	dv.input_message = (char *)_("resident, officer, staff (or người dân, công an, cán bộ, "
	    "trưởng thôn…)");
	dv.error_title = (char *)_("Role");
	dv.error_message = (char *)_("Choose a role from the list");
	worksheet_data_validation_range(t->ws, 1, 4, 1048575, 4, &dv);
	t->row = 1;
	return 0;
}

static void
todo_sheet_row(struct todo_sheet *t, sqlite3_stmt *q)
{
	const char *s;
	char when[17];

	worksheet_write_string(t->ws, t->row, 0, (const char *)sqlite3_column_text(q, 0), t->text);
	if ((s = (const char *)sqlite3_column_text(q, 1)))
		worksheet_write_string(t->ws, t->row, 1, s, NULL);
	if ((s = (const char *)sqlite3_column_text(q, 2)))
		worksheet_write_string(t->ws, t->row, 3, s, NULL);
	worksheet_write_number(t->ws, t->row, 5, (double)sqlite3_column_int64(q, 3), NULL);
	if (sqlite3_column_type(q, 4) != SQLITE_NULL) {
		bh_fmt_local_min(sqlite3_column_int64(q, 4), when);
		worksheet_write_string(t->ws, t->row, 6, when, NULL);
		bh_fmt_local_min(sqlite3_column_int64(q, 5), when);
		worksheet_write_string(t->ws, t->row, 7, when, NULL);
	}
	t->row++;
}

int
bh_roster_todo(sqlite3 *db, const char *outdir)
{
	static const char *const head[] = { "uid", "name", "phone", "thon", "role" };
	char dir[4096], path[4200];
	struct todo_sheet t;
	sqlite3_stmt *q;
	bh_csv *c;
	int fresh;

	if (bh_private_dir(outdir, dir, sizeof dir) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/roster_todo.csv", dir);
	if (!(c = bh_csv_open(path, 0600, BH_CSV_BOM)))
		return -1;
	snprintf(path, sizeof path, "%s/roster_todo.xlsx", dir);
	if (todo_sheet_open(&t, path) < 0) {
		bh_csv_abort(c);
		return -1;
	}
	bh_csv_row(c, head, 5);
	/* each sender's messages summed from derived_pairs when they are complete
	 * (a report's), else counted from the messages (a roster load's) */
	q = bh_db_prep_res(db, "sql/roster_todo_fresh.sql");
	fresh = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	q = bh_db_prep_res(db, fresh ? "sql/roster_todo_derived.sql" : "sql/roster_todo.sql");
	while (sqlite3_step(q) == SQLITE_ROW) {
		bh_csv_str(c, (const char *)sqlite3_column_text(q, 0));
		bh_csv_str(c, (const char *)sqlite3_column_text(q, 1));
		bh_csv_empty(c);
		bh_csv_str(c, (const char *)sqlite3_column_text(q, 2));
		bh_csv_empty(c);
		bh_csv_endrow(c);
		todo_sheet_row(&t, q);
	}
	sqlite3_finalize(q);
	if (bh_csv_commit(c) < 0) {
		bh_xlsx_abort(t.x);
		return -1;
	}
	return bh_xlsx_commit(t.x, 0600);
}
