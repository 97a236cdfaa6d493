#!/bin/sh
# demo.sh: make demo: generate a sample commune (six months, both export formats,
# several archives), run binhyen for 2024-Q2 and print where the report is.
set -eu
LC_ALL=C.UTF-8; export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
demo=demo
start=$(date +%s)

# A fresh commune every time: the generator is deterministic (seed 7) and the
# database must not mix in an earlier demo.
rm -rf "$demo/input" "$demo/out" "$demo/binhyen.db" "$demo/binhyen.db-wal" "$demo/binhyen.db-shm"
mkdir -p "$demo"
echo "demo: generating a sample commune in $demo/input" >&2
python3 tests/gen/bhgen.py --out "$demo/input" --seed 7 --messages 4000 --months 6 \
	--start 2024-01-01 --no-expected >/dev/null

echo "demo: binhyen run --period 2024-Q2" >&2
rc=0
bin/binhyen run --db "$demo/binhyen.db" --roster "$demo/input/roster.csv" --period 2024-Q2 \
	--out "$demo/out/2024-Q2" "$demo"/input/exports/* || rc=$?
# Exit 1 means some sample record was bad on purpose and was counted; the report is there.
if [ $rc -ge 2 ] || [ ! -f "$demo/out/2024-Q2/report.html" ]; then
	echo "demo: binhyen run failed (exit $rc)" >&2
	exit 2
fi
echo "demo: done in $(( $(date +%s) - start )) s; open this file in a browser:" >&2
echo "$top/$demo/out/2024-Q2/report.html"
