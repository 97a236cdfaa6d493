#!/bin/sh
# run.sh: make fuzz: run each libFuzzer harness of build-fuzz/ in turn for
# FUZZ_SECONDS (default 60) from its seeds; every crash, leak or timeout is kept
# as a file in tests/fuzz/regress/NAME/, which make check replays.
# Usage: sh tests/fuzz/run.sh NAME...
set -u
LC_ALL=C; export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-60}
found=0

fuzz_one() {	# $1 harness name
	t=$1
	corpus=$top/build-fuzz/corpus/$t	# what libFuzzer learns; not kept in git
	regress=$top/tests/fuzz/regress/$t
	log=$top/build-fuzz/$t.log
	mkdir -p "$corpus" "$regress"
	case $t in
	record) max=16384 ;;
	walk) max=8192 ;;
	*) max=4096 ;;
	esac
	# -close_fd_mask=2 silences the messages of the code under test, not
	# libFuzzer's or the sanitizers' reports.
	set -- -max_total_time="$secs" -max_len="$max" -timeout=25 -rss_limit_mb=2048 \
	    -close_fd_mask=2 -print_final_stats=1 -artifact_prefix="$regress/"
	[ -f "$top/tests/fuzz/$t.dict" ] && set -- "$@" -dict="$top/tests/fuzz/$t.dict"
	before=$(ls "$regress" | wc -l)
	printf 'make fuzz: %s for %ss ... ' "$t" "$secs"
	"$top/build-fuzz/fuzz_$t" "$@" "$corpus" "$top/tests/fuzz/seeds/$t" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	after=$(ls "$regress" | wc -l)
	if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
		echo "no finding (${runs:-?} runs)"
	else
		found=1
		echo "FOUND (exit $rc): see $log"
		ls -t "$regress" | head -n $((after - before)) | sed "s|^|  tests/fuzz/regress/$t/|"
	fi
}

for t in "$@"; do
	fuzz_one "$t"
done
if [ "$found" -ne 0 ]; then
	echo "make fuzz: findings above: fix the code; each file stays as a regression test" >&2
	exit 1
fi
