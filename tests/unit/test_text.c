/* test_text.c: normalisation, syllable matching, the lexicon, rounding and percentiles. */
#include <stdlib.h>
#include <string.h>

#include "bh_err.h"
#include "bh_res.h"
#include "bh_text.h"
#include "t.h"

static void
norm_is(const char *in, const char *want, const char *name)
{
	char *got = bh_text_norm(in, -1);

	T_STR(got, want, name);
	free(got);
}

static void
match_is(const bh_lexicon *lx, const char *text, const char *want)
{
	const struct bh_lexent *e = bh_lex_match(lx, text);

	T_STR(e ? e->category : NULL, want, text);
}

static void
test_norm(void)
{
	char *s;

	norm_is("Bị TRỘM xe!!", "bị trộm xe", "upper case folded, punctuation a space");
	/* "trộm" written decomposed (NFD) must equal the composed one. */
	norm_is("tro\xcc\xa3\xcc\x82m", "trộm", "NFD input composed");
	norm_is("  #phananh:  ao   ", "phananh ao", "runs of non-letters one space, trimmed");
	norm_is("ĐÁNH NHAU", "đánh nhau", "Đ lowered");
	norm_is("\xff\xfe", "", "invalid UTF-8 is empty");
	T_INT(bh_text_has_marks("can cuoc"), 0, "no diacritics");
	T_INT(bh_text_has_marks("căn"), 1, "breve is a diacritic");
	T_INT(bh_text_has_marks("do"), 0, "plain d");
	T_INT(bh_text_has_marks("đi"), 1, "đ counts as a diacritic");
	s = bh_text_strip("đánh nhau ở hỏa hoạn");
	T_STR(s, "danh nhau o hoa hoan", "strip marks and đ");
	free(s);
	s = bh_text_namekey("  Trần\tTHỊ   Hoa ");
	T_STR(s, "trần thị hoa", "name key folds case and collapses spaces");
	free(s);
	s = bh_text_fold("Hùng (xóm Đông)");
	T_STR(s, "hung xom dong", "fold for thôn guessing");
	free(s);
	T_INT(bh_utf8_invalid_at("ab\xc3(", 4), 2, "invalid UTF-8 offset");
	T_INT(bh_utf8_invalid_at("Thôn", strlen("Thôn")), -1, "valid UTF-8");
}

static void
test_syllables(void)
{
	T_INT(bh_has_syllables(" bị trộm xe ", "trộm"), 1, "whole syllable");
	T_INT(bh_has_syllables(" bị trộmx xe ", "trộm"), 0, "not inside a syllable");
	T_INT(bh_has_syllables(" mất trộm ", "mất trộm"), 1, "two syllables at the end");
	T_INT(bh_has_syllables(" xtrộm trộm ", "trộm"), 1, "second occurrence");
}

static void
test_lexicon(void)
{
	size_t len;
	const char *txt = bh_res("data/lexicon.tsv", &len);
	bh_lexicon *lx = txt ? bh_lex_parse(txt, len, "data/lexicon.tsv") : NULL;
	const char bad[] = "trom_cap\ttip\ttrộm\nx\tmaybe\ty\n";

	T_OK(lx != NULL, "built-in lexicon parses");
	if (!lx)
		return;
	match_is(lx, "Đêm qua nhà tôi bị mất trộm xe máy", "trom_cap");
	match_is(lx, "nha toi bi mat trom xe", "trom_cap");
	match_is(lx, "cho em hoi lam can cuoc cho con o dau a", "thu_tuc");
	match_is(lx, "CĂN CƯỚC", "thu_tuc");
	match_is(lx, "Có người lạ hỏi đường", "nghi_van");
	match_is(lx, "chay qua nha", NULL);	/* chay: cháy? chạy? left out */
	match_is(lx, "Cháy nhà ở thôn 2", "chay_no");
	match_is(lx, "Con bé nhà tôi trộm vía ngoan", NULL);
	match_is(lx, "con be tron via ngoan trom via", NULL);
	match_is(lx, "trộm vía, nhưng bị trộm xe", "trom_cap");
	match_is(lx, "#phananh đèn đường hỏng", "khac");
	match_is(lx, "Cố gắng nổ lực", NULL);
	match_is(lx, "hỏi về cccd", "thu_tuc");
	match_is(lx, "trộmx", NULL);
	match_is(lx, "lừa đảo qua mạng, cần cccd", "lua_dao");	/* file order wins */
	match_is(lx, "", NULL);
	bh_lex_free(lx);
	T_OK(bh_lex_parse(bad, sizeof bad - 1, "x.tsv") == NULL, "unknown kind rejected");
	bh_status = 0;
}

static void
test_figures(void)
{
	long long v2[] = { 200, 250 }, v1[] = { 300 }, v5[] = { 10, 20, 30, 40, 55 };

	T_INT(bh_ms_tenths(25 * 60000), 250, "25 min");
	T_INT(bh_ms_tenths(2999), 0, "just under 0.05 min rounds down");
	T_INT(bh_ms_tenths(3000), 1, "0.05 min rounds half up");
	T_INT(bh_ms_tenths(8999), 1, "0.1499 min");
	T_INT(bh_ms_tenths(9000), 2, "0.15 min half up");
	T_INT(bh_pct_tenths(1, 4), 250, "25.0 %");
	T_INT(bh_pct_tenths(2, 3), 667, "66.7 %");
	T_INT(bh_pct_tenths(1, 3), 333, "33.3 %");
	T_INT(bh_pct_tenths(1, 8), 125, "12.5 %");
	T_INT(bh_pct_tenths(1, 16), 63, "6.25 % rounds half up to 6.3");
	T_INT(bh_percentile_tenths(v2, 2, 1, 2), 225, "median of 20.0 and 25.0");
	T_INT(bh_percentile_tenths(v2, 2, 9, 10), 245, "p90 of 20.0 and 25.0");
	T_INT(bh_percentile_tenths(v1, 1, 9, 10), 300, "p90 of one value");
	T_INT(bh_percentile_tenths(v5, 5, 1, 2), 30, "median of five");
	/* p90 of 5: position 3.6 -> 4.0 + 0.6 * 1.5 = 4.9 */
	T_INT(bh_percentile_tenths(v5, 5, 9, 10), 49, "p90 interpolated");
	T_INT(bh_floordiv(-1, 6000), -1, "floor division of negatives");
}

int
main(void)
{
	bh_init("test_text");
	test_norm();
	test_syllables();
	test_lexicon();
	test_figures();
	return T_DONE();
}
