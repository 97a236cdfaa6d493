#!/bin/sh
# shape.sh: every program has the same shape: --help on stdout with exit 0; a
# bad option named in the library's words, exit 2; a number out of range too.
. "$BH_TOP/tests/e2e/lib.sh"

for p in binhyen binhyen-unpack binhyen-extract binhyen-roster binhyen-metrics \
    binhyen-plot binhyen-report binhyen-purge; do
	set +e
	"$BH_BIN/$p" --help >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	check "$p --help: exit 0, usage on stdout, nothing on stderr" \
		"$rc $(head -c 6 "$T/out") $(wc -c <"$T/err" | tr -d ' ')" "0 usage: 0"
	cmd=$p
	[ $p = binhyen ] && cmd="binhyen run"
	set +e
	"$BH_BIN/"$cmd --bogus x >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	check "$p --bogus: exit 2, the option named, where to look" \
		"$rc $(grep -c "^$p: unknown option '--bogus'" "$T/err") $(grep -c "^(see '$p --help')" "$T/err")" "2 1 1"
	set +e
	"$BH_BIN/"$cmd -quiet >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	check "$p -quiet: a long option with one dash is named as such" \
		"$rc $(grep -c "unknown option '-quiet': a long option starts with two dashes, as in '--quiet'" "$T/err")" "2 1"
done
num() {	# num NAME PROGRAM OPTION VALUE WANT
	set +e
	"$BH_BIN/$2" "$3" "$4" >/dev/null 2>"$T/err"
	rc=$?
	set -e
	check "$1" "$rc $(grep -c -- "$3 '$4': give a whole number from $5" "$T/err")" "2 1"
}
set +e
"$BH_BIN/binhyen" --bogus 2>"$T/err"
rc=$?
set -e
check "binhyen --bogus (before a command): exit 2, named" "$rc $(grep -c "unknown option '--bogus'" "$T/err")" "2 1"
num "extract: --max-record-mib out of range" binhyen-extract --max-record-mib 0 "1 to 1024"
num "unpack: --max-ratio not a number" binhyen-unpack --max-ratio 2x "2 to 1000000"
num "unpack: --max-unpacked-mib too large" binhyen-unpack --max-unpacked-mib 99999999999 "1 to 1073741824"
num "metrics: --cutoff-day out of range" binhyen-metrics --cutoff-day 29 "2 to 28"
num "metrics: --min-thon-members negative" binhyen-metrics --min-thon-members -1 "0 to 1000000"
