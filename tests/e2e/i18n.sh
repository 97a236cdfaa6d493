#!/bin/sh
# i18n.sh: every message for people is in po/vi.po, translated, with the same
# printf conversions and the same trailing ':' (strerror follows); no message
# bypasses gettext (tests/i18n/scan.pl). What the programs say in which
# language: messages_vi.sh.
. "$BH_TOP/tests/e2e/lib.sh"
cd "$BH_TOP"
src=$(ls driver/*.c pipeline/*.c stages/*.c stages/*/*.c include/*.h)

# --- the catalog against the sources
for p in xgettext msgfmt msgcmp msgmerge msgattrib msguniq; do
	command -v $p >/dev/null || { notok "gettext tools installed" "$p missing: sudo make deps"; exit 0; }
done
# shellcheck disable=SC2086
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C -o "$T/bh.pot" $src
n=$(grep -c '^msgid "[^"]' "$T/bh.pot")
# po/binhyen.pot (make pot) holds exactly what make pot extracts now.
make -s -C "$BH_TOP" pot POT="$T/fresh.pot" >/dev/null 2>&1
msgids() { msgcat --no-location --sort-output --no-wrap "$1" | grep -v '^"POT-Creation-Date:'; }
msgids "$T/fresh.pot" >"$T/fresh.ids"
msgids po/binhyen.pot >"$T/pot.ids" 2>/dev/null || true
if [ -s "$T/fresh.ids" ] && cmp -s "$T/pot.ids" "$T/fresh.ids"; then
	ok "po/binhyen.pot is current"
else
	notok "po/binhyen.pot is current" "run 'make pot' and commit po/binhyen.pot; the messages that differ:" \
		"$(diff "$T/pot.ids" "$T/fresh.ids" | grep '^[<>] msgid' | head -10)"
fi
check "xgettext finds the messages ($n)" "$([ "$n" -ge 100 ] && echo yes)" yes
# The sources' messages with what po/vi.po says of them (a message twice in
# po/vi.po, as a union merge can leave it, is counted once here: the build
# keeps the first; the check below asks to remove the other).
msguniq --use-first -o "$T/vi.po" po/vi.po
msgmerge -q --no-fuzzy-matching --no-wrap -o "$T/merged.po" "$T/vi.po" "$T/bh.pot"
if msgcmp "$T/vi.po" "$T/bh.pot" 2>"$T/cmp"; then
	ok "every message of the sources is translated in po/vi.po"
else
	notok "every message of the sources is translated in po/vi.po" \
		"$(grep -c 'used but not defined' "$T/cmp") missing or untranslated (see make pot):"
	msgattrib --untranslated --no-obsolete --no-wrap "$T/merged.po" | grep '^msgid "[^"]' | head -20 |
		sed 's/^/#   /'
fi
msgfmt --statistics -o /dev/null po/vi.po 2>"$T/stat" || true
check_nogrep "po/vi.po: no fuzzy or untranslated entry" "$T/stat" "fuzzy\|untranslated"
check_nogrep "po/vi.po: compiles (no message twice)" "$T/stat" "error\|duplicate"
# Every message holding '%' is a printf format: msgfmt checks that its
# translation has the same conversions.
perl -00 -pe 's/^/#, c-format\n/ if /^msgid .*%/m && !/^#,.*c-format/m && !/^msgid ""\nmsgstr/' \
	"$T/merged.po" >"$T/formats.po"
# (msgmerge marks fuzzy the translations whose conversions differ.)
msgattrib --only-fuzzy --no-obsolete --no-wrap "$T/formats.po" | grep '^msgid "[^"]' >"$T/fmt" || true
msgfmt --check -o /dev/null "$T/formats.po" 2>&1 | grep -v "warning: header field" >>"$T/fmt" || true
if [ -s "$T/fmt" ]; then
	notok "translations keep the printf conversions"
	head -10 "$T/fmt" | sed 's/^/#   /'
else
	ok "translations keep the printf conversions"
fi
# A format ending in ':' gets strerror appended: the translation ends so too.
msgattrib --translated --no-obsolete --no-wrap "$T/merged.po" | awk '
	/^msgid / { id = $0; s = "" }
	/^msgstr / { s = $0 }
	/^$/ && s != "" {
		if ((id ~ /:"$/) != (s ~ /:"$/)) print id " -> " s
		s = ""
	}
	END { if ((id ~ /:"$/) != (s ~ /:"$/) && s != "") print id " -> " s }' >"$T/colon"
if [ -s "$T/colon" ]; then
	notok "a trailing ':' (strerror follows) is kept"
	head -5 "$T/colon" | sed 's/^/#   /'
else
	ok "a trailing ':' (strerror follows) is kept"
fi

# --- no message bypasses gettext
# shellcheck disable=SC2086
if perl tests/i18n/scan.pl $src >"$T/scan"; then
	ok "every message of the sources goes through _()"
else
	notok "every message of the sources goes through _()" "$(wc -l <"$T/scan") not wrapped:"
	head -20 "$T/scan" | sed 's/^/#   /'
fi

# --- the officer's guide quotes the messages as the programs say them: each
# phrase of section 10's table (between … or N) is in a translation of po/vi.po.
sed -n '/^## 10\./,/^## 11\./p' docs/huong-dan.md | grep '^| `' >"$T/guide" || true
python3 - "$T/guide" po/vi.po >"$T/guide.missing" <<'PY'
import re, sys
po = open(sys.argv[2], encoding="utf-8").read().replace('"\n"', "")
strs = "\n".join(re.findall(r'^msgstr "(.*)"$', po, re.M))
for line in open(sys.argv[1], encoding="utf-8"):
    for ph in re.findall(r"`([^`]*)`", line.split("|")[1]):
        for part in re.split(r"…|\bN\b", ph):
            part = part.strip(" '")
            if len(part) >= 4 and part not in strs:
                print(part)
PY
check "docs/huong-dan.md: section 10 has the table of messages" "$([ "$(wc -l <"$T/guide")" -ge 20 ] && echo yes)" yes
if [ -s "$T/guide.missing" ]; then
	notok "docs/huong-dan.md: every message of section 10 is one the programs say" "$(head -5 "$T/guide.missing")"
else
	ok "docs/huong-dan.md: every message of section 10 is one the programs say"
fi
