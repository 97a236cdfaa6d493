/* i18n.c: which language the programs speak, and where its catalog is. */
#include <limits.h>
#include <stdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bh_i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static int english;

int
bh_i18n_english(void)
{
	return english;
}

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty (POSIX order). */
static const char *
messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;

	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++)
		if ((v = getenv(vars[i])) && *v)
			return v;
	return "";
}

static int
starts_english(const char *s)
{
	return s[0] == 'e' && s[1] == 'n' && (s[2] == '\0' || s[2] == '_' || s[2] == ':' ||
	    s[2] == '.' || s[2] == '@');
}

/* 1 when DIR holds our catalog. */
static int
has_catalog(const char *dir)
{
	char mo[PATH_MAX + 64];
	struct stat st;

	if ((size_t)snprintf(mo, sizeof mo, "%s/vi/LC_MESSAGES/" BH_TEXTDOMAIN ".mo", dir) >= sizeof mo)
		return 0;
	return stat(mo, &st) == 0;
}

/* The catalog's folder found from the running program's own folder: DIR/locale
 * (the build tree: bin/locale), then DIR/../share/locale (installed:
 * PREFIX/bin and PREFIX/share/locale, wherever PREFIX was moved or DESTDIR
 * put it). 0 when neither holds our catalog. */
static int
beside_program(const char *argv0, char *dir, size_t size)
{
	static const char *const rel[] = { "/locale", "/../share/locale" };
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0) {
		if (!argv0 || !strchr(argv0, '/') || strlen(argv0) >= sizeof exe)
			return 0;
		strcpy(exe, argv0);
	} else
		exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return 0;
	*slash = '\0';
	for (size_t i = 0; i < sizeof rel / sizeof *rel; i++)
		if ((size_t)snprintf(dir, size, "%s%s", exe, rel[i]) < size && has_catalog(dir))
			return 1;
	return 0;
}

void
bh_i18n_init(const char *argv0)
{
	const char *language = getenv("LANGUAGE");
	const char *loc = messages_locale();
	char dir[PATH_MAX];

	if (language && *language)
		english = starts_english(language);
	else
		english = starts_english(loc);

	if (english) {
		/* A LANGUAGE list such as "en:vi" would still find our vi catalog. */
		setenv("LANGUAGE", "en", 1);
		setlocale(LC_MESSAGES, "C.UTF-8");
	} else {
		/* glibc ignores LANGUAGE under the C locale: C.UTF-8 is not "C",
		 * so the catalog is read whether or not vi_VN is generated. */
		if (!setlocale(LC_MESSAGES, "") || !strcmp(setlocale(LC_MESSAGES, NULL), "C") ||
		    !strcmp(setlocale(LC_MESSAGES, NULL), "POSIX"))
			setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "vi", 1);
	}
	bindtextdomain(BH_TEXTDOMAIN, beside_program(argv0, dir, sizeof dir) ? dir : LOCALEDIR);
	bind_textdomain_codeset(BH_TEXTDOMAIN, "UTF-8");
	textdomain(BH_TEXTDOMAIN);
}
