#!/bin/sh
# run.sh: make bench: binhyen against the floor (libarchive + yajl, nothing stored)
# and a plain Python ingest: ingest, the year's and a month's report from a
# year's database, the incremental month, peak memory at 1M and 5M messages with
# a large roster; prints the table and the bars of issue 18, writes bench/results.md.
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
ROSTER_ROWS=${BENCH_ROSTER_ROWS:-200000}
SEED=11
START=2024-01-01	# the export covers the twelve months of 2024
MONTHS=12
YEAR=2024
MONTH=2024-06		# the month's report from the year's database
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
rm -f "$WORK"/t.* "$WORK"/c.* "$WORK"/n.* "$WORK"/fail.* "$WORK"/rss.* "$LOGS"/*.log
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

# clean_roster IN OUT: the generator's roster as a commune would give it once
# it is right: the generator writes a uid Excel cut on purpose (16 digits and
# more ending in zeros), for which binhyen-roster refuses the whole roster; its
# uid is left empty here (the row is matched by name), so that the bench's
# reports have their roster.
clean_roster() {
	awk 'BEGIN { FS = OFS = ";" } length($1) >= 16 && $1 ~ /0000$/ { $1 = "" } { print }' "$1" > "$2"
}
# pad_roster IN OUT ROWS: IN (cleaned) with made-up residents added up to ROWS
# rows (half with a uid no sender has, half matched by a name no sender uses),
# for the memory check: a roster as large as a district's.
pad_roster() {
	awk -v rows="$3" 'BEGIN { FS = OFS = ";" } length($1) >= 16 && $1 ~ /0000$/ { $1 = "" } { print; n++ }
	    END { for (i = n; i < rows; i++)
		printf "%s;Cư Dân Thêm %06d;;Thôn %d;resident\n", i % 2 ? "" : sprintf("7%06d123456789%03d", i, i % 997 + 1), i, i % 40 + 1 }' \
	    "$1" > "$2"
}

run_python() { rss python python3 tests/bench/ingest.py --db "$WORK/py.db" "$D"/exports/*; }

run_e2e() {	# ROSTER PERIOD DB [INPUT...]: ROSTER - for the stored one
	roster=$1 period=$2 db=$3
	shift 3
	if [ "$roster" = - ]; then set -- --period "$period" "$@"
	else set -- --roster "$roster" --period "$period" "$@"; fi
	rss binhyen "$WB/binhyen" run -q --db "$db" --out "$WORK/out" "$@"
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

# cpu_now: user + system seconds of this shell's finished children so far
# (times runs in this shell, not in a command substitution's subshell)
cpu_now() {
	times > "$WORK/times"
	awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times"
}
# timed NAME CMD...: as above, and CPU seconds (user + system, waited-for
# children) to $WORK/c.NAME: steadier than the wall time on a busy machine
timed_cpu() {
	cpu_now > "$WORK/c0"
	timed "$@"
	cpu_now > "$WORK/c1"
	c0=$(cat "$WORK/c0") c1=$(cat "$WORK/c1")
	calc "%.3f\n" "$c1 - $c0" >> "$WORK/c.$1"
}

RO=$WORK/roster-$L.csv
clean_roster "$D/roster.csv" "$RO"
SZ=$L
i=1
while [ "$i" -le "$RUNS" ]; do
	say "run $i of $RUNS ($L messages)"
	timed_cpu floor run_floor "$D"
	fresh "$WORK/bh.db"
	timed_cpu ingest run_ingest "$D" "$WORK/bh.db"
	if [ "$i" -le "$PYRUNS" ]; then
		fresh "$WORK/py.db"
		timed_cpu python run_python
	fi
	if [ "$E2E" = yes ]; then
		# the first run of the year: every archive, a fresh database
		fresh "$WORK/run.db"
		timed_cpu first run_e2e "$RO" $YEAR "$WORK/run.db" "$D"/exports/*
		count "$WORK/run.db" "SELECT count(*) FROM messages" > "$WORK/n.first"
		# reports from that database, nothing new given
		rm -rf "$WORK/out"
		timed_cpu year run_e2e - $YEAR "$WORK/run.db"
		rm -rf "$WORK/out"
		timed_cpu month run_e2e - $MONTH "$WORK/run.db"
		# the year's report from the bare ingest's database: what the first
		# report after an ingest without binhyen run costs
		rm -rf "$WORK/out"
		timed_cpu cold run_e2e "$RO" $YEAR "$WORK/bh.db"
		# the next month's archives given with the old ones, its report
		rm -rf "$WORK/out"
		timed_cpu incremental run_e2e "$RO" $NEXT "$WORK/run.db" "$D"/exports/* "$DN"/exports/*
		count "$WORK/run.db" "SELECT count(*) FROM messages" > "$WORK/n.incremental"
		rm -rf "$WORK/out"
	fi
	i=$((i + 1))
done

# The memory check on the big export with a large roster: one ingest, then the
# year from its database (the roster loaded, every derived table built).
if [ -n "$LB" ]; then
	SZ=$LB
	say "memory check ($LB messages, a roster of $ROSTER_ROWS rows)"
	pad_roster "$DB5/roster.csv" "$WORK/roster-big.csv" "$ROSTER_ROWS"
	fresh "$WORK/big.db"
	timed ingest_big run_ingest "$DB5" "$WORK/big.db"
	count "$WORK/big.db" "SELECT count(*) FROM messages" > "$WORK/n.ingest_big"
	if [ "$E2E" = yes ]; then
		timed year_big run_e2e "$WORK/roster-big.csv" $YEAR "$WORK/big.db"
		rm -rf "$WORK/out"
		timed month_big run_e2e - $MONTH "$WORK/big.db"
	fi
	fresh "$WORK/big.db"
fi

# ---- the tables

median() {	# NAME [t|c]: median seconds (wall, or CPU with c), empty when none
	[ -f "$WORK/${2:-t}.$1" ] || return 0
	sort -n "$WORK/${2:-t}.$1" | awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.2f", a[(NR + 1) / 2];
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
FR=$(median first)
Y=$(median year)
M=$(median month)
C=$(median cold)
R=$(median incremental)
BH_MSGS=$(count "$WORK/bh.db" "SELECT count(*) FROM messages")
PY_MSGS=$(count "$WORK/py.db" "SELECT count(*) FROM messages")
BH_RECS=$(count "$WORK/bh.db" "SELECT sum(records) FROM ledger")
FL_RECS=$(cat "$WORK/floor.count" 2>/dev/null || echo "?")
MB=$(du -cLm "$D"/exports/* | tail -1 | cut -f1)
NARCH=$(ls "$D"/exports | wc -l)

# row WHAT NAME STORED: | step | median s | CPU s | messages/s | × floor | vs Python | stored |
row() {
	t=$(median "$2")
	if [ -z "$t" ]; then
		echo "| $1 | $(why "$2") | | | | | |"
		return
	fi
	rate=$(calc "%.0f" "$N / $t") xp=
	[ -z "$P" ] || xp=$(calc "%.1f× faster" "$P / $t")
	case $2 in
	python) xp="—" ;;
	floor|ingest|first) ;;
	*) rate="—" xp="—" ;;	# nothing or a month is new: see the bars
	esac
	echo "| $1 | $t | $(median "$2" c) | $rate | ${F:+$(calc "%.2f×" "$t / $F")} | $xp | $3 |"
}

# ratio FORMAT A B: the median CPU seconds of A over B's, n/a when either is missing
ratio() {
	a=$(median "$2" c) b=$(median "$3" c)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$(calc %d "$b > 0")" = 1 ]; then calc "$1" "$a / $b"
	else echo n/a; fi
}

# bar TEXT VALUE FORMAT PASS-EXPRESSION(v): a line of the bars' table
bar() {
	if [ -z "$2" ]; then
		echo "| $1 | n/a | n/a |"
		return
	fi
	v=$(calc "$3" "$2")
	echo "| $1 | $v | $(verdict "$(calc %d "$(echo "$4" | sed "s/v/$v/g")")") |"
}

{
	echo "## make bench: $L messages ($(date -u +%Y-%m-%d), $(git describe --always --dirty 2>/dev/null || echo '?'))"
	echo
	echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ { print $2 " GiB RAM" }'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
	echo "Export: \`tests/gen/bhgen.py --seed $SEED --messages $N\` ($START, $MONTHS months): $NARCH archives, $MB MiB;"
	echo "$FL_RECS records read by the floor, $BH_RECS by binhyen. Median of $RUNS runs ($PYRUNS for Python), interleaved, in one invocation."
	[ "$N" = 1000000 ] || echo "The bars are set for 1M messages: on $L they are indicative only."
	echo
	echo "| step | median s | CPU s | messages/s | × floor | vs Python | messages stored |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	row "floor: libarchive + yajl, 1 thread, nothing stored" floor "($FL_RECS records)"
	row "ingest: binhyen-unpack \\| binhyen-extract, fresh db" ingest "$BH_MSGS"
	row "python3 tests/bench/ingest.py, fresh db" python "$PY_MSGS"
	row "first run of the year: binhyen run --period $YEAR, fresh db, every archive" first "$(stored first)"
	row "year's report: binhyen run --period $YEAR on that db, no input" year ""
	row "month's report: binhyen run --period $MONTH on that db, no input" month ""
	row "year's report from the bare ingest's db (derived data built then)" cold ""
	row "incremental: binhyen run --period $NEXT, that db, + the new month's archives" incremental "$(stored incremental)"
	echo
	if [ "$BH_MSGS" = "$PY_MSGS" ]; then
		echo "Sanity: binhyen and ingest.py store the same number of distinct messages ($BH_MSGS)."
	elif [ "$PYRUNS" = 0 ]; then
		echo "Python not run (BENCH_PYTHON_RUNS=0)."
	else
		echo "**Sanity check failed**: binhyen stored $BH_MSGS distinct messages, ingest.py $PY_MSGS."
	fi
	echo "messages/s: the export's $N messages over the step's time. CPU s: user + system of every"
	echo "process of the step (gnuplot's included), steadier than the wall time when others run."
	echo "The new month: $((N / MONTHS)) messages (generator seed $((SEED + 1)), $NEXT_START), in archives"
	echo "of its own, given with the old ones: the monthly report of a commune that ran binhyen on its year before."
	echo
	echo "Time per stage inside each step (median s; unpack and extract run at the same time):"
	echo
	echo "| stage | ingest | first run | year | month | cold year | incremental |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	for s in $STAGES; do
		echo "| $s | $(stage_s "$L" ingest $s) | $(stage_s "$L" first $s) | $(stage_s "$L" year $s) | $(stage_s "$L" month $s) | $(stage_s "$L" cold $s) | $(stage_s "$L" incremental $s) |"
	done
	echo
	echo "Peak resident memory in MiB, by $RSSTOOL, the largest over all runs"
	echo "(plot includes the gnuplot it runs; binhyen run is its whole process tree);"
	echo "${LB:-the big export}: its ingest, then the year's report with a roster of $ROSTER_ROWS rows"
	echo "(the generator's, padded with made-up residents), then a month's:"
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
	echo "| bar (issue 18) | measured | result |"
	echo "|---|---:|---|"
	bar "ingest ≤ 1.3× the floor" "${I:+${F:+$I / $F}}" "%.2f" "v <= 1.3"
	bar "year's report, no input, ≤ 1.5× the floor" "${Y:+${F:+$Y / $F}}" "%.2f" "v <= 1.5"
	bar "month's report from a year's db ≤ 0.5× the floor" "${M:+${F:+$M / $F}}" "%.2f" "v <= 0.5"
	bar "incremental month ≥ 10× faster than the first run" "${R:+${FR:+$FR / $R}}" "%.1f" "v >= 10"
	if [ -n "$MAXP" ]; then
		c=
		[ "$E2E" = yes ] && [ -n "$LB" ] || c=" (not every stage or size measured)"
		echo "| peak memory of every program < 64 MiB, $L${LB:+ and $LB with $ROSTER_ROWS roster rows} | $MAXM MiB ($MAXP)$c | $(verdict "$(calc %d "$MAXM < 64")") |"
	else
		echo "| peak memory of every program < 64 MiB | n/a | n/a |"
	fi
	echo
	echo "The same in CPU time (user + system): ingest $(ratio "%.2f×" ingest floor) the floor's," \
	    "year $(ratio "%.2f×" year floor), month $(ratio "%.2f×" month floor); the incremental month" \
	    "$(ratio "%.1f×" first incremental) faster than the first run."
	if [ -n "$LB" ]; then
		bi=$(median ingest_big) by=$(median year_big) bm=$(median month_big)
		echo
		echo "Big export ($LB messages, one run each, for memory): ingest ${bi:-$(why ingest_big)} s," \
		    "$(stored ingest_big) messages stored; binhyen run --period $YEAR from its database" \
		    "(roster of $ROSTER_ROWS rows) ${by:-$(why year_big)} s; --period $MONTH ${bm:-$(why month_big)} s."
	fi
} > "$OUT/results.md"
cat "$OUT/results.md"
say "written to bench/results.md; logs in bench/logs/"
