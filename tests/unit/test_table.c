/* test_table.c: metrics output tables, long enough to move to their temporary
 * file, written as CSV and read back row by row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bh_mtable.h"
#include "t.h"

#define ROWS 10000	/* 40000 cells: several spills */

int
main(void)
{
	static const char *const cols[] = { "n", "tenths", "id", "text" };
	char dir[] = "/tmp/test_tableXXXXXX", path[256], line[256], want[256], buf[64];
	struct mtable *t;
	FILE *f;
	int i, bad = 0;

	if (!mkdtemp(dir))
		return 1;
	t = mt_new("t.csv", "t", cols, 4);
	for (i = 0; i < ROWS; i++) {
		snprintf(buf, sizeof buf, "id%d", i);
		mt_int(t, i);
		mt_tenths(t, 10LL * i + 5);
		mt_text(t, buf);
		if (i % 1000 == 7)
			mt_data(t, "=1+1");
		else if (i % 3)
			mt_data(t, "Thôn 1");
		else
			mt_empty(t);
	}
	T_OK(t->spilled > 0, "a long table spills to its temporary file (%zu cells)", t->spilled);
	T_INT((long long)mt_rows(t), ROWS, "rows counted across the spill");
	T_INT(mt_write_csv(t, dir, 0600), 0, "CSV written");
	snprintf(path, sizeof path, "%s/t.csv", dir);
	f = fopen(path, "r");
	T_OK(f && fgets(line, sizeof line, f), "CSV readable");
	T_STR(line, "\xEF\xBB\xBFn,tenths,id,text\n", "header (with BOM)");
	for (i = 0; f && i < ROWS; i++) {
		const char *last = i % 1000 == 7 ? "\"'=1+1\"" : i % 3 ? "Thôn 1" : "";
		snprintf(want, sizeof want, "%d,%d.5,id%d,%s\n", i, i, i, last);
		if (!fgets(line, sizeof line, f) || strcmp(line, want) != 0) {
			if (!bad++)
				printf("#   row %d: got '%s' want '%s'\n", i, line, want);
		}
	}
	T_INT(bad, 0, "every row back in order, formula guarded");
	T_OK(f && !fgets(line, sizeof line, f), "nothing after the last row");
	if (f)
		fclose(f);
	/* written twice (CSV, then the workbook): the spilled cells are read again */
	T_INT(mt_write_csv(t, dir, 0600), 0, "CSV written again");
	f = fopen(path, "r");
	for (i = 0; f && fgets(line, sizeof line, f); i++)
		;
	T_INT(i, ROWS + 1, "the second writing has every row");
	if (f)
		fclose(f);
	snprintf(path, sizeof path, "%s/t.xlsx", dir);
	T_INT(mt_write_xlsx(&t, 1, path), 0, "workbook written a row at a time");
	T_OK(access(path, R_OK) == 0, "workbook there");
	unlink(path);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	unlink(path);
	rmdir(dir);
	mt_free(t);
	return T_DONE();
}
