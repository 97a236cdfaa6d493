/* err.c: messages and exit codes shared by every binhyen program. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_path.h"

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

void (*bh_die_hook)(void);

/* A name in a message may hold any byte (a file called "\x1b[2J.json"): the
 * message goes to the screen with invalid UTF-8 and control characters
 * escaped (bh_name_show), line breaks and tabs kept. */
static void
put_shown(const char *s)
{
	char *part, *shown;
	size_t n;

	while (*s) {
		n = strcspn(s, "\n\t");
		if (n) {
			part = bh_malloc(n + 1);
			memcpy(part, s, n);
			part[n] = '\0';
			shown = bh_name_show(part);
			fputs(shown, stderr);
			free(shown);
			free(part);
			s += n;
		}
		if (*s)
			fputc(*s++, stderr);
	}
}

static void
vmsg(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);
	char *buf = NULL;
	va_list cp;
	int len;

	va_copy(cp, ap);
	len = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (len >= 0 && (buf = malloc((size_t)len + 1)))
		vsnprintf(buf, (size_t)len + 1, fmt, ap);
	fprintf(stderr, "%s: ", bh_prog);
	put_shown(buf ? buf : fmt);
	free(buf);
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

	bh_many_end();
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	if (bh_die_hook) {
		void (*hook)(void) = bh_die_hook;
		bh_die_hook = NULL;
		hook();
	}
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

/* Messages that come many times. A kind is a string (the format when none is
 * given); the first BH_MANY_SHOWN of each are printed, the rest only counted
 * until bh_many_end says how many. Past MANY_KINDS kinds, messages are all
 * printed: nothing is ever lost, only grouped. */
#define MANY_KINDS 64
#define MANY_FIRST 120	/* bytes of the first message repeated in "and N more" */

static struct many {
	char *kind;
	char *first;		/* the first message of the kind, shortened */
	long shown;
	long long more;
} many[MANY_KINDS];
static int nmany;
static pthread_mutex_t many_lock = PTHREAD_MUTEX_INITIALIZER;

/* The message as vmsg prints it (without the program name), shortened to
 * MANY_FIRST bytes on a character boundary. */
static char *
shortened(const char *fmt, va_list ap)
{
	char buf[MANY_FIRST + 8];
	size_t n = strlen(fmt), len;
	int saved = errno;

	vsnprintf(buf, sizeof buf, fmt, ap);
	len = strlen(buf);
	if (n && fmt[n - 1] == ':' && len + 2 < sizeof buf)
		snprintf(buf + len, sizeof buf - len, " %s", strerror(saved));
	if ((len = strlen(buf)) > MANY_FIRST) {
		len = MANY_FIRST;
		while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
			len--;
		strcpy(buf + len, "…");
	}
	return bh_strdup(buf);
}

static void
vmany(const char *kind, const char *fmt, va_list ap)
{
	struct many *m = NULL;
	va_list copy;
	int i, show = 1;

	pthread_mutex_lock(&many_lock);
	if (!kind)
		kind = fmt;
	for (i = 0; i < nmany && !m; i++)
		if (strcmp(many[i].kind, kind) == 0)
			m = &many[i];
	if (!m && nmany < MANY_KINDS) {
		m = &many[nmany++];
		m->kind = bh_strdup(kind);
		va_copy(copy, ap);
		m->first = shortened(fmt, copy);
		va_end(copy);
		m->shown = 0;
		m->more = 0;
	}
	if (m && m->shown >= BH_MANY_SHOWN) {
		m->more++;
		show = 0;
	} else if (m)
		m->shown++;
	pthread_mutex_unlock(&many_lock);
	if (show)
		vmsg(fmt, ap);
}

void
bh_warn_many(const char *kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmany(kind, fmt, ap);
	va_end(ap);
}

void
bh_bad_many(const char *kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmany(kind, fmt, ap);
	va_end(ap);
	if (bh_status < BH_BADINPUT)
		bh_status = BH_BADINPUT;
}

void
bh_many_end(void)
{
	int i;

	pthread_mutex_lock(&many_lock);
	for (i = 0; i < nmany; i++) {
		if (many[i].more) {
			fprintf(stderr, "%s: ", bh_prog);
			fprintf(stderr, _("and %lld more like this: %s"), many[i].more, many[i].first);
			fputc('\n', stderr);
		}
		free(many[i].kind);
		free(many[i].first);
	}
	nmany = 0;
	pthread_mutex_unlock(&many_lock);
}

int
bh_exit_status(void)
{
	bh_many_end();
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF)
		bh_die(_("cannot write standard output:"));
	return bh_status;
}

void *
bh_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		bh_die(_("out of memory"));
	return p;
}

void *
bh_realloc(void *p, size_t n)
{
	if (!(p = realloc(p, n ? n : 1)))
		bh_die(_("out of memory"));
	return p;
}

char *
bh_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(bh_malloc(n), s, n);
}
