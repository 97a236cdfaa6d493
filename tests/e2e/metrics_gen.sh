#!/bin/sh
# metrics_gen.sh: on the generator's commune (tests/gen/bhgen.py), every column of
# every contract table the generator computes independently equals ours, for
# several periods including a --cutoff-day one.
set -eu
LC_ALL=C; export LC_ALL
bin=${BH_BIN:?}; top=${BH_TOP:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
gen=$top/tests/gen/bhgen.py

skip() { echo "ok - metrics_gen # SKIP $1"; exit 0; }
[ -f "$gen" ] || skip "no generator"
grep -q "expected" "$gen" && grep -q "__main__" "$gen" || skip "generator writes no expected figures yet"

periods="2024-01,2024-Q1,2024-H1,2024-02-10..2024-04-20"
python3 "$gen" --out "$work/g" --periods "$periods" >/dev/null 2>&1 || skip "generator failed"
python3 "$gen" --out "$work/gc" --periods "2024-03,2024-Q2" --cutoff-day 15 >/dev/null 2>&1 ||
	skip "generator failed with --cutoff-day"

compare() {	# expected dir, our out dir, label
	python3 - "$1" "$2" "$3" <<'PY'
import csv, io, os, sys
from collections import Counter
exp, out, label = sys.argv[1:4]
def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
bad = 0
for name in sorted(os.listdir(exp)):
    if not name.endswith(".csv"):
        continue
    ours = os.path.join(out, "internal/tips.csv" if name == "internal_tips.csv" else "tables/" + name)
    if not os.path.exists(ours):
        print("not ok - %s %s: missing" % (label, name)); bad += 1; continue
    eh, er = rows(os.path.join(exp, name))
    oh, orows = rows(ours)
    if oh[:len(eh)] != eh:
        print("not ok - %s %s: header %s, want %s first" % (label, name, oh, eh)); bad += 1; continue
    want = Counter(tuple(r) for r in er)
    if name == "summary.csv":   # we report more metrics than the generator computes
        keys = {r[0] for r in er}
        orows = [r for r in orows if r and r[0] in keys]
    got = Counter(tuple(r[:len(eh)]) for r in orows)
    if want == got:
        print("ok - %s %s (%d rows)" % (label, name, len(er)))
        continue
    bad += 1
    print("not ok - %s %s" % (label, name))
    for r in list((want - got).elements())[:5]:
        print("#   want %s" % ",".join(r))
    for r in list((got - want).elements())[:5]:
        print("#   got  %s" % ",".join(r))
PY
}

run() {	# gen dir, period, label, extra options
	g=$1; p=$2; label=$3; shift 3
	db=$work/$label.db
	if [ ! -f "$g/db" ]; then
		"$bin/binhyen-unpack" --db "$g/db" "$g"/exports/* 2>/dev/null |
			"$bin/binhyen-extract" --db "$g/db" 2>/dev/null || true
		"$bin/binhyen-roster" --db "$g/db" -q "$g/roster.csv" 2>/dev/null
	fi
	"$bin/binhyen-metrics" --db "$g/db" --period "$p" --out "$work/out-$label" -q "$@"
	compare "$g/expected/$label" "$work/out-$label" "$label"
}

for p in $(echo "$periods" | tr , ' '); do
	run "$work/g" "$p" "$p"
done
for p in 2024-03 2024-Q2; do
	run "$work/gc" "$p" "${p}_c15" --cutoff-day 15
done
