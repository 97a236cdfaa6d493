/* bh_text.h: Vietnamese text as metrics.md reads it (normalisation, the
 * lexicon, name keys), UTF-8 CSV input files, and the rounding of figures.
 * Every returned char * is the caller's to free(); a bh_lexicon is freed with
 * bh_lex_free. */
#ifndef BH_TEXT_H
#define BH_TEXT_H
#include <stddef.h>
#include <sqlite3.h>

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

enum bh_kind { BH_KIND_TIP, BH_KIND_QUESTION, BH_KIND_IGNORE };
extern const char *const bh_kind_names[];	/* "tip", "question", "ignore" */

struct bh_lexent {
	char *category;		/* "" for ignore phrases */
	enum bh_kind kind;
	char *kw;		/* normalised keyword */
	char *kw_plain;		/* the keyword without diacritics */
	int plain_ok;		/* used against texts without diacritics */
	long line;
};

typedef struct bh_lexicon {
	struct bh_lexent *e;
	size_t n, cap;
} bh_lexicon;

/* Parse lexicon text (category<TAB>kind<TAB>keyword, # comments). On a bad
 * line reports "NAME:LINE: …" with bh_bad and returns NULL. */
bh_lexicon *bh_lex_parse(const char *text, size_t len, const char *name);
void bh_lex_free(bh_lexicon *lx);
/* The lexicon of FILE, or the built-in data/lexicon.tsv when FILE is NULL; dies
 * (exit 2) when it cannot be read or has bad lines (reported file:line). */
bh_lexicon *bh_lex_load(const char *file);
/* The first tip/question entry matching a message text, or NULL. */
const struct bh_lexent *bh_lex_match(const bh_lexicon *lx, const char *text);
/* Does the normalised, space-padded text " a b c " contain " kw "? */
int bh_has_syllables(const char *padded, const char *kw);

/* UTF-8 CSV input (roster, reviews): BOM skipped, ',' or ';' detected from the
 * first line, quoted fields with separators, quotes and newlines, CRLF.
 * The callback gets each row with the line it starts on; returning non-zero
 * stops reading. Returns 0, or -1 after reporting (bh_bad) "NAME:LINE: why". */
typedef int bh_csvin_cb(void *ctx, long line, char **cell, int ncell);
/* data must be NUL-terminated at len (bh_slurp does that). */
int bh_csvin_read(const char *data, size_t len, const char *name, bh_csvin_cb *cb, void *ctx);
/* Reads a whole file into a NUL-terminated buffer (free it); NULL with errno. */
char *bh_slurp(const char *path, size_t *len);

/* Figures. All rounding is half up, in integer arithmetic. */
/* Response tenths of a minute from milliseconds: floor((ms + 3000) / 6000). */
long long bh_ms_tenths(long long ms);
/* 100 * num / den in tenths (one decimal), half up; den > 0. */
long long bh_pct_tenths(long long num, long long den);
/* Percentile pnum/pden (0.5 = 1/2, 0.9 = 9/10) of n sorted tenths values with
 * linear interpolation between closest ranks, rounded half up to tenths. */
long long bh_percentile_tenths(const long long *sorted, size_t n, int pnum, int pden);
/* floor(a / b) for b > 0, whatever a's sign. */
long long bh_floordiv(long long a, long long b);

#endif
