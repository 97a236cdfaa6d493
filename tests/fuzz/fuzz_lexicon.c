/* fuzz_lexicon.c: libFuzzer target: the bytes up to the first NUL as a lexicon
 * file for bh_lex_parse, the rest (or, without a NUL, the same bytes) as a
 * message matched against it and against the built-in lexicon. */
#include <string.h>

#include "bh_err.h"
#include "bh_res.h"
#include "bh_text.h"
#include "fuzz.h"

static bh_lexicon *builtin;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *msg = nul ? fz_strndup(nul + 1, size - n - 1) : fz_strndup(data, size);
	bh_lexicon *lx;
	size_t i;

	bh_quiet = 1;
	if (!builtin) {
		size_t len;
		const char *t = bh_res("data/lexicon.tsv", &len);

		FZ_CHECK(t && (builtin = bh_lex_parse(t, len, "data/lexicon.tsv")));
	}
	lx = bh_lex_parse((const char *)data, n, "fuzz.tsv");
	for (i = 0; lx && i < lx->n; i++) {
		const struct bh_lexent *e = &lx->e[i];

		FZ_CHECK(e->kw && *e->kw && e->kw_plain && e->category);
		FZ_CHECK(e->kind == BH_KIND_TIP || e->kind == BH_KIND_QUESTION ||
		    e->kind == BH_KIND_IGNORE);
		FZ_CHECK(e->kind == BH_KIND_IGNORE || *e->category);
		FZ_CHECK(e->line >= 1);
		/* a keyword is its own normal form */
		char *again = bh_text_norm(e->kw, -1);
		FZ_CHECK(strcmp(again, e->kw) == 0);
		free(again);
	}
	if (lx) {
		const struct bh_lexent *hit = bh_lex_match(lx, msg);

		FZ_CHECK(!hit || (hit >= lx->e && hit < lx->e + lx->n && hit->kind != BH_KIND_IGNORE));
	}
	bh_lex_match(builtin, msg);
	bh_lex_free(lx);
	free(msg);
	return 0;
}
