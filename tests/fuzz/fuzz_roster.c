/* fuzz_roster.c: libFuzzer target: any bytes as a roster CSV, read and checked
 * by bh_roster_read; a roster it accepts must be one binhyen-roster can store. */
#include <string.h>

#include "bh_err.h"
#include "bh_roster.h"
#include "bh_text.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_strndup(data, size);
	bh_roster_rows *rows;
	size_t i, j;

	bh_quiet = 1;
	rows = bh_roster_read(text, size, "fuzz.csv");
	for (i = 0; rows && i < rows->n; i++) {
		const struct bh_roster_row *w = &rows->row[i];
		char *key;
		int c;

		for (c = 0; c < BH_RC_N; c++)
			FZ_CHECK(!w->cell[c] || *w->cell[c]);
		FZ_CHECK(w->line >= 1);
		FZ_CHECK(w->cell[BH_RC_NAME] && w->role);
		FZ_CHECK(!strcmp(w->role, "officer") || !strcmp(w->role, "staff") ||
		    !strcmp(w->role, "resident"));
		FZ_CHECK(strcmp(w->role, "resident") != 0 || w->cell[BH_RC_THON]);
		for (j = 0; w->cell[BH_RC_UID] && j < i; j++)
			FZ_CHECK(!rows->row[j].cell[BH_RC_UID] ||
			    strcmp(rows->row[j].cell[BH_RC_UID], w->cell[BH_RC_UID]) != 0);
		/* the keys roster_match.sql computes from these cells */
		free(bh_text_namekey(w->cell[BH_RC_NAME]));
		key = bh_text_fold(w->cell[BH_RC_THON]);
		free(key);
	}
	bh_roster_rows_free(rows);
	free(text);
	return 0;
}
