/* err.c: messages and exit codes shared by every binhyen program. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"

const char *bh_prog = "binhyen";
int bh_status = BH_OK;
int bh_quiet = 0;

void
bh_init(const char *argv0)
{
	const char *s;

	if (argv0 && *argv0)
		bh_prog = (s = strrchr(argv0, '/')) ? s + 1 : argv0;
	bh_i18n_init(argv0);
	/* Past a file size limit (ulimit -f) a write fails with EFBIG, reported
	 * like a full disk, instead of killing the program mid-file. */
	signal(SIGXFSZ, SIG_IGN);
}

static void
vmsg(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", bh_prog);
	vfprintf(stderr, fmt, ap);
	if (n && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
bh_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
bh_bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	if (bh_status < BH_BADINPUT)
		bh_status = BH_BADINPUT;
}

void
bh_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(BH_FATAL);
}

void
bh_note(const char *fmt, ...)
{
	va_list ap;

	if (bh_quiet)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

int
bh_exit_status(void)
{
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF)
		bh_die("cannot write standard output:");
	return bh_status;
}

void *
bh_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		bh_die("out of memory");
	return p;
}

void *
bh_realloc(void *p, size_t n)
{
	if (!(p = realloc(p, n ? n : 1)))
		bh_die("out of memory");
	return p;
}

char *
bh_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(bh_malloc(n), s, n);
}
