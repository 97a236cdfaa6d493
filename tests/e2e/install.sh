#!/bin/sh
# install.sh: the installed programs work outside the source tree: binhyen run
# on the samples from an empty folder, with nothing of the repository around.
. "$BH_TOP/tests/e2e/lib.sh"

case $BH_BIN in
*bin-san) echo "ok - # SKIP make install is tested on the plain build"; exit 0 ;;
esac
make -s -C "$BH_TOP" install PREFIX=/usr DESTDIR="$T/root" >"$T/make.log" 2>&1
check "make install: exit 0" "$?" 0
for p in binhyen binhyen-unpack binhyen-extract binhyen-roster binhyen-metrics binhyen-plot binhyen-report; do
	[ -x "$T/root/usr/bin/$p" ] || notok "make install: $p installed"
done
mkdir -p "$T/work"
cp "$SAMPLES/roster.csv" "$SAMPLES/pc_backup_zmessage.zdb" "$SAMPLES/pc_backup_zconversation.zdb" \
	"$SAMPLES/web_group_messages.json" "$T/work/"
set +e
(cd "$T/work" && PATH="/usr/bin:/bin" "$T/root/usr/bin/binhyen" run -q --roster roster.csv --period 2024-03 \
	pc_backup_zmessage.zdb pc_backup_zconversation.zdb web_group_messages.json) >"$T/out" 2>"$T/err"
rc=$?
set -e
check "installed binhyen run: exit 0" "$rc" 0
check "installed: default database in the current folder" "$(stat -c %a "$T/work/binhyen.db" 2>/dev/null)" 600
check "installed: default output folder out/<period>" "$(ls "$T/work/out/2024-03/report.html" 2>/dev/null | wc -l)" 1
check "installed: the figures of the samples" \
	"$(sed '1s/^\xef\xbb\xbf//' "$T/work/out/2024-03/tables/summary.csv" | awk -F, '$1 == "messages" || $1 == "tips" { printf "%s=%s ", $1, $2 }')" \
	"messages=11 tips=2 "
