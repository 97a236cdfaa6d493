#!/bin/sh
# run.sh: make bench: binhyen against the floor (libarchive + yajl, nothing stored) and a plain Python ingest; prints the table, writes bench/results.md.
set -eu
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

N=${BENCH_MESSAGES:-1000000}
BIG=${BENCH_BIG_MESSAGES:-$((N * 5))}
RUNS=${BENCH_RUNS:-5}
PYRUNS=${BENCH_PYTHON_RUNS:-$RUNS}
SKIP_BIG=${BENCH_SKIP_5M:-0}
SEED=11
START=2024-01-01	# the export covers the twelve months of 2024
MONTHS=12
QUARTER=2024-Q1
YEAR=2024
NEXT_START=2025-01-01	# the new month of the incremental run
NEXT=2025-01		# and the period it reports on
STAGES="unpack extract roster metrics plot report"

OUT=$ROOT/bench
WORK=$OUT/work
LOGS=$OUT/logs
BB=$ROOT/build/bench	# the floor, the RSS helper
WB=$BB/bin		# a copy of binhyen whose stages are wrappers logging their peak RSS

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 2; }
size_label() { case $1 in 1000000) echo 1M ;; 5000000) echo 5M ;; *) echo "$1" ;; esac; }
now() { date +%s%N; }
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }	# calc FORMAT EXPRESSION

# ---- data: generated once per size, reused while the stamp matches

# gen DIR ARGS...: the generator's export in DIR, unless DIR/.stamp says it is there
gen() {
	dir=$1
	shift
	stamp="$* $(sha256sum tests/gen/bhgen.py | cut -c1-16)"
	if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
		return 0
	fi
	say "generating $dir (bhgen.py $*): once, reused by later runs"
	rm -rf "$dir"
	python3 tests/gen/bhgen.py --out "$dir" "$@" --no-expected >&2 ||
	    die "tests/gen/bhgen.py failed"
	[ -f "$dir/roster.csv" ] && [ -n "$(ls "$dir/exports" 2>/dev/null)" ] ||
	    die "tests/gen/bhgen.py wrote no roster.csv or exports/ in $dir"
	printf '%s\n' "$stamp" > "$dir/.stamp"
}

L=$(size_label "$N")
D=$OUT/data-$L
DN=$OUT/data-$L-next
gen "$D" --seed $SEED --messages "$N" --start $START --months $MONTHS
# One more month: other groups and members (another seed), a twelfth of the export's size.
gen "$DN" --seed $((SEED + 1)) --messages $((N / MONTHS)) --start $NEXT_START --months 1 --bad 0
LB=
if [ "$SKIP_BIG" != 1 ]; then
	LB=$(size_label "$BIG")
	DB5=$OUT/data-$LB
	gen "$DB5" --seed $SEED --messages "$BIG" --start $START --months $MONTHS
fi

[ "${BENCH_GEN_ONLY:-0}" != 1 ] || { say "data ready"; exit 0; }

# ---- programs

mkdir -p "$BB" "$WORK" "$LOGS"
rm -f "$WORK"/t.* "$WORK"/n.* "$WORK"/fail.* "$WORK"/rss.* "$LOGS"/*.log
cc -std=c17 -D_DEFAULT_SOURCE -O2 -o "$BB/floor" tests/bench/floor.c \
    $(pkg-config --cflags --libs libarchive yajl) || die "cannot build the floor"

if /usr/bin/time -f %M true >/dev/null 2>&1; then
	GNUTIME=yes
	RSSTOOL="GNU time (/usr/bin/time -f %M)"
else
	GNUTIME=
	say "GNU time (/usr/bin/time) is missing: peak RSS by getrusage (tests/bench/rusage.c)"
	cc -O2 -o "$BB/rusage" tests/bench/rusage.c || die "cannot build tests/bench/rusage.c"
	RSSTOOL="getrusage (tests/bench/rusage.c: GNU time is missing)"
fi

# rss LABEL CMD...: run CMD, appending "LABEL peak-KiB seconds" to $BENCH_RSS_LOG
rss() {
	rss_label=$1
	shift
	if [ -n "$GNUTIME" ]; then
		/usr/bin/time -a -o "${BENCH_RSS_LOG:-/dev/null}" -f "$rss_label %M %e" "$@"
	else
		"$BB/rusage" "${BENCH_RSS_LOG:-/dev/null}" "$rss_label" "$@"
	fi
}

# binhyen runs the stages next to its own executable: a copy of it next to
# wrappers that run the real stages under rss.
rm -rf "$WB"
mkdir -p "$WB"
E2E=yes
for s in $STAGES; do
	if [ -x "bin/binhyen-$s" ]; then
		if [ -n "$GNUTIME" ]; then
			m="/usr/bin/time -a -o \"\${BENCH_RSS_LOG:-/dev/null}\" -f \"$s %M %e\""
		else
			m="'$BB/rusage' \"\${BENCH_RSS_LOG:-/dev/null}\" $s"
		fi
		printf '#!/bin/sh\nexec %s %s "$@"\n' "$m" "'$ROOT/bin/binhyen-$s'" > "$WB/binhyen-$s"
		chmod +x "$WB/binhyen-$s"
	else
		E2E="n/a (stage missing: bin/binhyen-$s)"
	fi
done
[ -x "$WB/binhyen-unpack" ] && [ -x "$WB/binhyen-extract" ] ||
    die "bin/binhyen-unpack and bin/binhyen-extract are needed: run make"
if [ -x bin/binhyen ] && bin/binhyen run --help >/dev/null 2>&1; then
	cp bin/binhyen "$WB/binhyen"
else
	E2E="n/a (stage missing: bin/binhyen run)"
fi

# ---- one measurement of each kind

fresh() { rm -rf "$1" "$1-wal" "$1-shm" "$1-journal" "$WORK/out"; }

count() {	# DB SQL: one number from a database
	[ -f "$1" ] || { echo "?"; return 0; }
	python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
	    "$1" "$2" 2>/dev/null || echo "?"
}

run_floor() { "$BB/floor" "$1"/exports/* > "$WORK/floor.count"; }

run_ingest() {	# DATA DB
	rm -f "$WORK/unpack.rc"
	{ "$WB/binhyen-unpack" -q --db "$2" "$1"/exports/* || echo $? > "$WORK/unpack.rc"; } |
	    "$WB/binhyen-extract" -q --db "$2" || return $?
	[ ! -f "$WORK/unpack.rc" ] || return "$(cat "$WORK/unpack.rc")"
}

run_python() { rss python python3 tests/bench/ingest.py --db "$WORK/py.db" "$D"/exports/*; }

run_e2e() {	# DATA PERIOD DB [INPUT...]
	data=$1 period=$2 db=$3
	shift 3
	rss binhyen "$WB/binhyen" run -q --roster "$data/roster.csv" --period "$period" \
	    --db "$db" --out "$WORK/out" "$@"
}

# timed NAME CMD...: run CMD, add its seconds to $WORK/t.NAME and the peak RSS
# of what it ran to $WORK/rss.SIZE.NAME; exit 1 (bad input, counted in the
# ledger) is fine: the export holds a few bad records on purpose
timed() {
	name=$1
	shift
	export BENCH_RSS_LOG="$WORK/rss.$SZ.$name"
	t0=$(now)
	if "$@" 2>> "$LOGS/$name.log"; then rc=0; else rc=$?; fi
	t1=$(now)
	if [ "$rc" -gt 1 ]; then
		echo "n/a (failed: exit $rc, see bench/logs/$name.log)" > "$WORK/fail.$name"
		say "$name failed (exit $rc): see bench/logs/$name.log"
		return 0
	fi
	echo "$t0 $t1" | awk '{ printf "%.3f\n", ($2 - $1) / 1e9 }' >> "$WORK/t.$name"
}

# ---- the runs, interleaved so that a noisy moment hits every kind alike

SZ=$L
i=1
while [ "$i" -le "$RUNS" ]; do
	say "run $i of $RUNS ($L messages)"
	timed floor run_floor "$D"
	fresh "$WORK/bh.db"
	timed ingest run_ingest "$D" "$WORK/bh.db"
	if [ "$i" -le "$PYRUNS" ]; then
		fresh "$WORK/py.db"
		timed python run_python
	fi
	if [ "$E2E" = yes ]; then
		fresh "$WORK/run.db"
		timed quarter run_e2e "$D" $QUARTER "$WORK/run.db" "$D"/exports/*
		count "$WORK/run.db" "SELECT count(*) FROM messages" > "$WORK/n.quarter"
		fresh "$WORK/run.db"
		timed year run_e2e "$D" $YEAR "$WORK/run.db" "$D"/exports/*
		count "$WORK/run.db" "SELECT count(*) FROM messages" > "$WORK/n.year"
		rm -rf "$WORK/out"
		timed incremental run_e2e "$D" $NEXT "$WORK/run.db" "$D"/exports/* "$DN"/exports/*
		count "$WORK/run.db" "SELECT count(*) FROM messages" > "$WORK/n.incremental"
		rm -rf "$WORK/out"
		timed rerun run_e2e "$D" $YEAR "$WORK/run.db" "$D"/exports/* "$DN"/exports/*
		count "$WORK/run.db" "SELECT count(*) FROM messages" > "$WORK/n.rerun"
	fi
	i=$((i + 1))
done

# The memory check on the big export: one ingest, then the year from its database.
if [ -n "$LB" ]; then
	SZ=$LB
	say "memory check ($LB messages)"
	fresh "$WORK/big.db"
	timed ingest_big run_ingest "$DB5" "$WORK/big.db"
	count "$WORK/big.db" "SELECT count(*) FROM messages" > "$WORK/n.ingest_big"
	[ "$E2E" != yes ] || timed year_big run_e2e "$DB5" $YEAR "$WORK/big.db"
	fresh "$WORK/big.db"
fi

# ---- the tables

median() {	# NAME: median seconds, empty when none
	[ -f "$WORK/t.$1" ] || return 0
	sort -n "$WORK/t.$1" | awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.2f", a[(NR + 1) / 2];
	    else printf "%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
mib() {		# SIZE PROGRAM: its peak RSS in MiB over every run
	cat "$WORK"/rss."$1".* 2>/dev/null | awk -v p="$2" '$1 == p && $2 ~ /^[0-9]+$/ && $2 > m { m = $2 }
	    END { if (m) printf "%.1f", m / 1024 }'
}
stage_s() {	# SIZE NAME STAGE: median seconds of a stage in measurement NAME
	[ -f "$WORK/rss.$1.$2" ] || return 0
	awk -v p="$3" '$1 == p && NF == 3 { print $3 }' "$WORK/rss.$1.$2" | sort -n |
	    awk '{ a[NR] = $1 } END { if (NR) printf "%.2f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
why() {		# NAME: why a row has no time
	if [ -f "$WORK/fail.$1" ]; then cat "$WORK/fail.$1"
	elif [ "$E2E" != yes ]; then echo "$E2E"
	else echo "n/a"; fi
}
stored() { cat "$WORK/n.$1" 2>/dev/null || true; }
verdict() { [ "$1" = 1 ] && echo PASS || echo FAIL; }

F=$(median floor)
I=$(median ingest)
P=$(median python)
Q=$(median quarter)
Y=$(median year)
R=$(median incremental)
RR=$(median rerun)
BH_MSGS=$(count "$WORK/bh.db" "SELECT count(*) FROM messages")
PY_MSGS=$(count "$WORK/py.db" "SELECT count(*) FROM messages")
BH_RECS=$(count "$WORK/bh.db" "SELECT sum(records) FROM ledger")
FL_RECS=$(cat "$WORK/floor.count" 2>/dev/null || echo "?")
MB=$(du -cm "$D"/exports/* | tail -1 | cut -f1)
NARCH=$(ls "$D"/exports | wc -l)

# row WHAT SECONDS STORED NAME: | step | median s | messages/s | × floor | vs Python | stored |
row() {
	if [ -z "$2" ]; then
		echo "| $1 | $(why "$4") | | | | |"
		return
	fi
	rate=$(calc "%.0f" "$N / $2") xp=
	[ -z "$P" ] || xp=$(calc "%.1f× faster" "$P / $2")
	case $4 in
	python) xp="—" ;;
	incremental|rerun) rate="—" xp="—" ;;	# a month or nothing is new: see the bars
	esac
	echo "| $1 | $2 | $rate | ${F:+$(calc "%.2f×" "$2 / $F")} | $xp | $3 |"
}

{
	echo "## make bench: $L messages ($(date -u +%Y-%m-%d), $(git describe --always --dirty 2>/dev/null || echo '?'))"
	echo
	echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ { print $2 " GiB RAM" }')."
	echo "Export: \`tests/gen/bhgen.py --seed $SEED --messages $N\` ($START, $MONTHS months): $NARCH archives, $MB MiB;"
	echo "$FL_RECS records read by the floor, $BH_RECS by binhyen. Median of $RUNS runs ($PYRUNS for Python), interleaved, in one invocation."
	[ "$N" = 1000000 ] || echo "The bars are set for 1M messages: on $L they are indicative only."
	echo
	echo "| step | median s | messages/s | × floor | vs Python | messages stored |"
	echo "|---|---:|---:|---:|---:|---:|"
	row "floor: libarchive + yajl, 1 thread, nothing stored" "$F" "($FL_RECS records)" floor
	row "binhyen-unpack \\| binhyen-extract, fresh db" "$I" "$BH_MSGS" ingest
	row "python3 tests/bench/ingest.py, fresh db" "$P" "$PY_MSGS" python
	row "binhyen run --period $QUARTER, fresh db" "$Q" "$(stored quarter)" quarter
	row "binhyen run --period $YEAR, fresh db (first run)" "$Y" "$(stored year)" year
	row "binhyen run --period $NEXT, same db, + the new month's archives" "$R" "$(stored incremental)" incremental
	row "binhyen run --period $YEAR again, same db and archives (nothing new)" "$RR" "$(stored rerun)" rerun
	echo
	if [ "$BH_MSGS" = "$PY_MSGS" ]; then
		echo "Sanity: binhyen and ingest.py store the same number of distinct messages ($BH_MSGS)."
	else
		echo "**Sanity check failed**: binhyen stored $BH_MSGS distinct messages, ingest.py $PY_MSGS."
	fi
	echo "messages/s: the export's $N messages over the step's time. The new month: $((N / MONTHS)) messages"
	echo "(generator seed $((SEED + 1)), $NEXT_START), in archives of its own, given with the old ones:"
	echo "the monthly report of a commune that ran binhyen on its year before."
	echo
	echo "Time per stage inside each step (median s; unpack and extract run at the same time):"
	echo
	echo "| stage | ingest | run $QUARTER | run $YEAR | run $NEXT, + 1 month | run $YEAR again |"
	echo "|---|---:|---:|---:|---:|---:|"
	for s in $STAGES; do
		echo "| $s | $(stage_s "$L" ingest $s) | $(stage_s "$L" quarter $s) | $(stage_s "$L" year $s) | $(stage_s "$L" incremental $s) | $(stage_s "$L" rerun $s) |"
	done
	echo
	echo "Peak resident memory in MiB, by $RSSTOOL, the largest over all runs"
	echo "(plot includes the gnuplot it runs; binhyen run is its whole process tree):"
	echo
	echo "| program | $L | ${LB:-(big export skipped)} |"
	echo "|---|---:|---:|"
	MAXM=0 MAXP=
	for p in $STAGES binhyen python; do
		a=$(mib "$L" $p)
		b=
		[ -z "$LB" ] || b=$(mib "$LB" $p)
		case $p in
		binhyen) name="binhyen run (whole tree)" ;;
		python) name="python3 ingest.py (for comparison)" ;;
		*) name=binhyen-$p ;;
		esac
		echo "| $name | ${a:-n/a} | ${b:-n/a} |"
		[ $p != python ] || continue
		for v in $a $b; do
			if [ "$(calc %d "$v > $MAXM")" = 1 ]; then MAXM=$v MAXP=binhyen-$p; fi
		done
	done
	echo
	echo "| bar (issue 7) | measured | result |"
	echo "|---|---:|---|"
	if [ -n "$I" ] && [ -n "$F" ]; then
		v=$(calc "%.2f" "$I / $F")
		echo "| ingest ≤ 1.5× the floor | $v× | $(verdict "$(calc %d "$v <= 1.5")") |"
	else
		echo "| ingest ≤ 1.5× the floor | $(why ingest) | n/a |"
	fi
	if [ -n "$I" ] && [ -n "$P" ]; then
		v=$(calc "%.1f" "$P / $I")
		echo "| ingest ≥ 10× faster than Python | $v× | $(verdict "$(calc %d "$v >= 10")") |"
	else
		echo "| ingest ≥ 10× faster than Python | n/a | n/a |"
	fi
	if [ -n "$Y" ] && [ -n "$F" ]; then
		v=$(calc "%.2f" "$Y / $F")
		echo "| binhyen run for a year ≤ 4× the floor | $v× | $(verdict "$(calc %d "$v <= 4")") |"
	else
		echo "| binhyen run for a year ≤ 4× the floor | $(why year) | n/a |"
	fi
	if [ -n "$MAXP" ]; then
		c=
		[ "$E2E" = yes ] && [ -n "$LB" ] || c=" (not every stage or size measured)"
		echo "| peak memory of every stage < 64 MiB, $L${LB:+ and $LB} | $MAXM MiB ($MAXP)$c | $(verdict "$(calc %d "$MAXM < 64")") |"
	else
		echo "| peak memory of every stage < 64 MiB | n/a | n/a |"
	fi
	if [ -n "$R" ] && [ -n "$Y" ]; then
		v=$(calc "%.1f" "$Y / $R")
		echo "| incremental run ≥ 10× faster than the first | $v× | $(verdict "$(calc %d "$v >= 10")") |"
	else
		echo "| incremental run ≥ 10× faster than the first | $(why incremental) | n/a |"
	fi
	if [ -n "$LB" ]; then
		bi=$(median ingest_big) by=$(median year_big)
		echo
		echo "Big export ($LB messages, one run each, for memory): ingest ${bi:-$(why ingest_big)} s," \
		    "$(stored ingest_big) messages stored; binhyen run --period $YEAR from its database ${by:-$(why year_big)} s."
	fi
} > "$OUT/results.md"
cat "$OUT/results.md"
say "written to bench/results.md; logs in bench/logs/"
