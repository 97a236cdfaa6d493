/* bh_lexicon.h: the lexicon of tips and questions (metrics.md): entries
 * category<TAB>kind<TAB>keyword, matched on normalised text (bh_text.h).
 * A bh_lexicon is freed with bh_lex_free. */
#ifndef BH_LEXICON_H
#define BH_LEXICON_H
#include <stddef.h>

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

#endif
