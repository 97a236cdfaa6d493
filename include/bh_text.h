/* bh_text.h: Vietnamese text as metrics.md reads it (normalisation, name
 * keys, upper case). Every returned char * is the caller's to free().
 * It brings the lexicon (bh_lexicon.h), CSV input (bh_csvin.h) and the
 * rounding of figures (bh_round.h) along, for the files that took them from
 * here when they were one file; a new file includes what it uses. */
#ifndef BH_TEXT_H
#define BH_TEXT_H
#include <stddef.h>
#include <sqlite3.h>

#include "bh_csvin.h"
#include "bh_lexicon.h"
#include "bh_round.h"

/* NFC, lower case, every run of non-letters/non-digits one space, trimmed.
 * Invalid UTF-8 gives "". len -1 for NUL-terminated. */
char *bh_text_norm(const char *s, long len);
/* Does a normalised text carry a diacritic (a combining mark after NFD, or đ)? */
int bh_text_has_marks(const char *norm);
/* A normalised text without its diacritics (marks removed, đ -> d). */
char *bh_text_strip(const char *norm);
/* Roster name key: NFC, case folded, whitespace runs one space, trimmed. */
char *bh_text_namekey(const char *s);
/* Key for "contains a thôn name": bh_text_strip(bh_text_norm(s)). */
char *bh_text_fold(const char *s);
/* Upper case, NFC ("Công an xã" -> "CÔNG AN XÃ"); invalid UTF-8 gives "". */
char *bh_text_upper(const char *s);
/* Length of the first invalid UTF-8 sequence's offset, or -1 when s is valid. */
long bh_utf8_invalid_at(const char *s, size_t len);

/* Registers bh_namekey(x) and bh_fold(x) on db (roster_match.sql uses them). */
void bh_text_sql_register(sqlite3 *db);

#endif
