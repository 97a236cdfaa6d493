/* test_safety.c: names escaped for storage and for show (pipeline/path.c),
 * paths resolved through links and "..", and a process's identity (proc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bh_path.h"
#include "bh_proc.h"
#include "t.h"

static void
esc(const char *in, const char *store, const char *show, const char *name)
{
	char *a = bh_name_store(in), *b = bh_name_show(in), *c = bh_name_show(a);

	T_STR(a, store, name);
	T_STR(b, show, name);
	T_STR(c, store, "show leaves a stored name as it is");
	free(a);
	free(b);
	free(c);
}

int
main(void)
{
	char tmpl[] = "/tmp/bh_safetyXXXXXX", *dir, buf[512], *r, *real;
	struct bh_procid me, other;

	esc("thôn 3.json", "thôn 3.json", "thôn 3.json", "valid UTF-8 kept");
	esc("\xff\xfe.json", "\\xFF\\xFE.json", "\\xFF\\xFE.json", "invalid bytes escaped");
	esc("a\x1b[2Jb", "a\\x1B[2Jb", "a\\x1B[2Jb", "ESC escaped");
	esc("t\tn\nd\x7f", "t\\x09n\\x0Ad\\x7F", "t\\x09n\\x0Ad\\x7F", "TAB, LF, DEL escaped");
	esc("c1 \xc2\x85.", "c1 \\xC2\\x85.", "c1 \\xC2\\x85.", "a C1 control escaped");
	esc("lit\\x41", "lit\\x5Cx41", "lit\\x41", "a \\x already there: stored so it reads back");
	esc("a\\b", "a\\b", "a\\b", "another backslash kept");
	esc("\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80", "\\xC0\\xAF \\xED\\xA0\\x80 \\xF4\\x90\\x80\\x80",
	    "\\xC0\\xAF \\xED\\xA0\\x80 \\xF4\\x90\\x80\\x80", "overlong, surrogate, past U+10FFFF escaped");
	esc("\xe1\xba", "\\xE1\\xBA", "\\xE1\\xBA", "a sequence cut short escaped");
	T_INT(bh_name_clean("Lê Văn Tuyền"), 1, "clean: Vietnamese");
	T_INT(bh_name_clean("a\x1b"), 0, "clean: ESC is not");

	if (!(dir = mkdtemp(tmpl)))
		return 1;
	real = realpath(dir, NULL);
	snprintf(buf, sizeof buf, "%s/real", dir);
	mkdir(buf, 0700);
	snprintf(buf, sizeof buf, "%s/l3", dir);
	if (symlink("real", buf) < 0)
		return 1;
	snprintf(buf, sizeof buf, "%s/l3/work.db", dir);
	r = bh_path_resolve(buf);
	snprintf(buf, sizeof buf, "%s/real/work.db", real);
	T_STR(r, buf, "a file not yet made, through a link");
	free(r);
	snprintf(buf, sizeof buf, "%s/l3/../l3/./new/../x", dir);
	r = bh_path_resolve(buf);
	snprintf(buf, sizeof buf, "%s/real/x", real);
	T_STR(r, buf, "'..' after a link is the link's target's parent; '..' after a missing folder cleans");
	free(r);
	snprintf(buf, sizeof buf, "%s/real", real);
	T_INT(bh_path_within(buf, buf), 1, "within: the same path");
	T_INT(bh_path_within("/a/bc", "/a/b"), 0, "within: a longer name is not inside");
	T_INT(bh_path_within("/a/b/c", "/a/b"), 1, "within: inside");
	T_INT(bh_path_within("/x", "/"), 1, "within: everything is inside /");
	snprintf(buf, sizeof buf, "%s/l3", dir);
	unlink(buf);
	snprintf(buf, sizeof buf, "%s/real", dir);
	rmdir(buf);
	rmdir(dir);
	free(real);

	bh_procid_self(&me);
	T_INT(bh_procid_gone(&me), 0, "this process is not gone");
	other = me;
	other.start = me.start + 1;
	T_INT(bh_procid_gone(&other), 0, "our own pid is never taken as gone");
	other.pid = (long)getppid();
	T_INT(bh_procid_gone(&other), 1, "a live pid started at another time: gone (the pid was reused)");
	other = me;
	snprintf(other.boot, sizeof other.boot, "another-boot");
	T_INT(bh_procid_gone(&other), 1, "another boot: gone");
	other = me;
	snprintf(other.host, sizeof other.host, "another-pc");
	other.pid = 999999999;
	T_INT(bh_procid_gone(&other), 0, "another machine: never taken as gone");
	other = me;
	other.pid = 999999999;
	T_INT(bh_procid_gone(&other), 1, "no such process: gone");
	return T_DONE();
}
