#!/bin/sh
# run.sh: run every unit test and end-to-end test, first on bin/ then on the
# sanitizer build bin-san/, and close with "N passed, N failed".
# Each test prints "ok - …" / "not ok - …" lines; a test program that exits
# non-zero without saying why counts as one more failure.
set -u
LC_ALL=C; export LC_ALL
# Messages are checked in English here (LANGUAGE=en); a test of the Vietnamese
# ones unsets it.
LANGUAGE=en; export LANGUAGE
top=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
one=$(mktemp)
trap 'rm -f "$log" "$one"' EXIT INT TERM

run_one() {	# $1 label, then the command
	label=$1; shift
	echo "# $label" >>"$log"
	"$@" >"$one" 2>&1
	rc=$?
	cat "$one" >>"$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$one"; then
		echo "not ok - $label exited $rc" >>"$log"
	fi
	grep -E '^not ok|^#   ' "$one" | sed "s|^|$label: |"
	[ $rc -ne 0 ] && ! grep -q '^not ok' "$one" && echo "not ok - $label exited $rc"
	return 0
}

run_suite() {	# $1 label, $2 build dir, $3 bin dir
	for t in "$top/$2"/tests/test_*; do
		[ -x "$t" ] || continue
		(cd "$top" && run_one "unit $(basename "$t") [$1]" "$t")
	done
	for t in "$top"/tests/e2e/*.sh; do
		[ -f "$t" ] || continue
		[ "$(basename "$t")" = lib.sh ] && continue	# the harness, sourced by the tests
		BH_BIN="$top/$3" BH_TOP="$top" run_one "e2e $(basename "$t") [$1]" sh "$t"
	done
}

run_suite plain build bin
if [ -d "$top/bin-san" ]; then
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		run_suite sanitizers build-san bin-san
fi
pass=$(grep -c '^ok' "$log")
fail=$(grep -c '^not ok' "$log")
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
