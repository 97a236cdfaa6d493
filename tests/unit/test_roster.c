/* test_roster.c: the thôn a display name tells, header aliases, Excel day numbers. */
#include <stdlib.h>

#include "bh_roster.h"
#include "bh_xlsx.h"
#include "t.h"

static void
guess(const char *dname, const char *want)
{
	char *g = bh_thon_guess(dname);

	T_STR(g, want, dname);
	free(g);
}

int
main(void)
{
	static const char *const role[] = { "role", "vai tro", NULL };

	guess("Lan - Thôn 3", "Thôn 3");
	guess("Hùng TDP 5", "TDP 5");
	guess("Mai (xóm Đông)", "Xóm Đông");
	guess("Ấp 2", "Ấp 2");
	guess("Bản Nà", "Bản Nà");
	guess("Sùng Bản Nà", "Bản Nà");
	guess("lan thon 12", "Thôn 12");
	guess("Bình tổ dân phố 4", "Tổ dân phố 4");
	guess("Nguyễn Văn Hải", NULL);
	guess("Công an xã Bình Yên", NULL);
	guess("Lan (thôn) Hoa", NULL);			/* a bracket ends the place's name */
	guess("ban Lan", NULL);				/* "ban" without its mark is a word */
	guess("Thôn Đông Hòa Lan Anh", "Thôn Đông Hòa Lan");	/* at most three words */
	guess("", NULL);

	T_INT(bh_header_is("Vai trò", role), 1, "header: Vietnamese alias");
	T_INT(bh_header_is("VAI_TRO", role), 1, "header: case and _");
	T_INT(bh_header_is("Vai trò (công an, người dân)", role), 1, "header: a label in brackets");
	T_INT(bh_header_is("Kết luận (role)", role), 1, "header: the id in brackets");
	T_INT(bh_header_is("vai", role), 0, "header: part of a word is not it");

	/* 45352.4375 = 2024-03-01 10:30 local = 03:30 UTC */
	T_INT(bh_excel_serial_ms("45352.4375"), 1709263800000LL, "Excel day number as local time");
	T_INT(bh_excel_serial_ms("abc"), -1, "not a day number");
	return T_DONE();
}
