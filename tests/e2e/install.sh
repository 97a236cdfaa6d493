#!/bin/sh
# install.sh: make install into a temporary PREFIX (never the tree, never the
# system): the installed programs work outside the source tree (binhyen run on
# the samples from an empty folder, nothing of the repository around) and
# speak Vietnamese with the installed catalog: found from their own folder
# (PREFIX/bin/../share/locale, also when the prefix is moved, as DESTDIR
# does) and, for a program copied elsewhere, at the LOCALEDIR built in, which
# must be this PREFIX's even though the tree was built before with another
# PREFIX (the objects depend on the flags).
. "$BH_TOP/tests/e2e/lib.sh"

case $BH_BIN in
*bin-san) echo "ok - # SKIP make install is tested on the plain build"; exit 0 ;;
esac
P=$T/pfx
rc=0
make -s -C "$BH_TOP" install PREFIX="$P" >"$T/make.log" 2>&1 || rc=$?
check "make install PREFIX=tmp: exit 0" "$rc" 0
for p in binhyen binhyen-unpack binhyen-extract binhyen-roster binhyen-metrics binhyen-plot binhyen-report binhyen-purge binhyen-compare; do
	[ -x "$P/bin/$p" ] || notok "make install: $p installed"
done
check "make install: the catalog under PREFIX/share/locale" \
	"$(test -s "$P/share/locale/vi/LC_MESSAGES/binhyen.mo" && echo yes)" yes
check "make install: nothing else under PREFIX" "$(cd "$P" && find . -type f | sort | tr '\n' ' ')" \
	"./bin/binhyen ./bin/binhyen-compare ./bin/binhyen-extract ./bin/binhyen-metrics ./bin/binhyen-plot ./bin/binhyen-purge ./bin/binhyen-report ./bin/binhyen-roster ./bin/binhyen-unpack ./share/locale/vi/LC_MESSAGES/binhyen.mo "

# The default language (LANG unset, as Debian and WSL leave it): Vietnamese,
# from the installed catalog. The words are po/vi.po's, written here by hand.
vi() { env -u LANGUAGE -u LANG -u LC_ALL -u LC_MESSAGES PATH=/usr/bin:/bin "$@"; }
vi "$P/bin/binhyen" --help >"$T/help" 2>&1 || true
check_grep "installed binhyen --help: Vietnamese" "$T/help" "^cách dùng: binhyen run --period P"
rc=0
(cd "$T" && vi "$P/bin/binhyen-roster") >/dev/null 2>"$T/err" || rc=$?
check "installed binhyen-roster without a file: exit 2" "$rc" 2
check_grep "installed binhyen-roster: the error in Vietnamese" "$T/err" "^binhyen-roster: hãy ghi tệp danh sách"
# Moved as a whole (what DESTDIR staging does): found beside, at ../share/locale.
mv "$P" "$T/moved"
vi "$T/moved/bin/binhyen" --help >"$T/help" 2>&1 || true
check_grep "a moved prefix: still Vietnamese (../share/locale)" "$T/help" "^cách dùng:"
# A program copied away from its prefix: the LOCALEDIR built in, PREFIX's.
mv "$T/moved" "$P"
mkdir "$T/lone"
cp "$P/bin/binhyen" "$T/lone/"
vi "$T/lone/binhyen" --help >"$T/help" 2>&1 || true
check_grep "a copied program: Vietnamese from the LOCALEDIR built in (this PREFIX's)" "$T/help" "^cách dùng:"
mv "$P/share/locale" "$T/locale.away"
vi "$T/lone/binhyen" --help >"$T/help" 2>&1 || true
check_grep "without the catalog: the English words (so the Vietnamese above came from it)" "$T/help" "^usage: binhyen run"
mv "$T/locale.away" "$P/share/locale"

mkdir -p "$T/work"
cp "$SAMPLES/roster.csv" "$SAMPLES/pc_backup_zmessage.zdb" "$SAMPLES/pc_backup_zconversation.zdb" \
	"$SAMPLES/web_group_messages.json" "$T/work/"
set +e
(cd "$T/work" && PATH="/usr/bin:/bin" "$P/bin/binhyen" run -q --roster roster.csv --period 2024-03 \
	pc_backup_zmessage.zdb pc_backup_zconversation.zdb web_group_messages.json) >"$T/out" 2>"$T/err"
rc=$?
set -e
check "installed binhyen run: exit 0" "$rc" 0
check "installed: default database in the current folder" "$(stat -c %a "$T/work/binhyen.db" 2>/dev/null)" 600
check "installed: default output folder out/<period>" "$(ls "$T/work/out/2024-03/report.html" 2>/dev/null | wc -l)" 1
check "installed: the figures of the samples" \
	"$(sed '1s/^\xef\xbb\xbf//' "$T/work/out/2024-03/tables/summary.csv" | awk -F, '$1 == "messages" || $1 == "tips" { printf "%s=%s ", $1, $2 }')" \
	"messages=11 tips=2 "
