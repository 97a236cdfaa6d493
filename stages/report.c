/* report.c: binhyen-report (being written). */
#include "bh_err.h"

int
main(int argc, char *argv[])
{
	(void)argc;
	bh_init(argv[0]);
	bh_die("this stage is being written");
}
