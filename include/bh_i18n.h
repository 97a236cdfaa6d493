/* bh_i18n.h: messages for people in the reader's language (gettext, domain "binhyen"). */
#ifndef BH_I18N_H
#define BH_I18N_H
#include <libintl.h>

#define BH_TEXTDOMAIN "binhyen"
/* A message shown to a person: translated at run time. */
#define _(s) gettext(s)
/* Marks a string for the catalog where it cannot be translated in place (tables). */
#define N_(s) (s)

/*
 * Chooses the language once, at start (bh_init calls it): Vietnamese unless
 * the user asks for English (LANGUAGE=en…, or LC_ALL/LC_MESSAGES/LANG = en_…).
 * A machine left as Debian or WSL set it up (no LANG, C, C.UTF-8, POSIX) gets
 * Vietnamese. Only LC_MESSAGES is changed: numbers keep '.' as decimal point.
 * The catalog is looked for beside the program (DIR/locale, as the build tree
 * lays it out), then at DIR/../share/locale (make install, wherever the prefix
 * is), then under LOCALEDIR. Children inherit the choice.
 */
void bh_i18n_init(const char *argv0);
/* 1 when messages are in English (the user asked for it), 0 for Vietnamese. */
int bh_i18n_english(void);

#endif
