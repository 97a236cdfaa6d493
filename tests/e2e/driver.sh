#!/bin/sh
# driver.sh: binhyen run drives the stages in order with the right arguments,
# joins unpack and extract by a pipe, stops at the first failing stage, never
# leaves the previous output half-replaced. Stages are fakes that record their argv
# (next to a copy of binhyen, where it looks first); plot and report are the real ones.
set -eu
LC_ALL=C; export LC_ALL
top=${BH_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${BH_BIN:-$top/bin}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT INT TERM
ok() { echo "ok - $1"; }
no() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
has() { grep -q -- "$2" "$1"; }

b=$t/bin
mkdir -p "$b" "$t/cwd"
cp "$bin/binhyen" "$bin/binhyen-plot" "$bin/binhyen-report" "$b/"
# A fake stage: logs "NAME ARGS", fails when FAKE_FAIL (exit 2) or FAKE_BAD
# (exit 1) names it; metrics writes the fixture tables and ledger into --out.
for s in unpack extract roster metrics; do
	cat >"$b/binhyen-$s" <<EOS
#!/bin/sh
echo "$s \$*" >>"$t/log"
case "$s" in
unpack) echo "RECORDS FROM UNPACK" ;;
extract) cat >"$t/extract.in" ;;
metrics)
	while [ \$# -gt 0 ]; do [ "\$1" = --out ] && out=\$2; shift; done
	mkdir -p "\$out/tables" && cp "$top"/tests/fixtures/tables/*.csv "\$out/tables/" &&
		mv "\$out/tables/ledger.csv" "\$out/ledger.csv" ;;
esac
[ "\${FAKE_FAIL:-}" = "$s" ] && { echo "binhyen-$s: something broke" >&2; exit 2; }
[ "\${FAKE_BAD:-}" = "$s" ] && { echo "binhyen-$s: a bad record" >&2; exit 1; }
exit 0
EOS
	chmod +x "$b/binhyen-$s"
done
PATH=/usr/bin:/bin; export PATH
o=$t/out/q1
run() {	# run ARGS...: binhyen run, status in rc, stderr in $t/err
	: >"$t/log"
	rc=0
	"$b/binhyen" run "$@" 2>"$t/err" || rc=$?
}

check "--help exits 0 and lists the options" '"$b/binhyen" --help | grep -q -- "--min-thon-members"'
check "no command is a usage error (2)" '"$b/binhyen" 2>/dev/null; [ $? -eq 2 ]'
run --roster r.csv
check "missing --period: exit 2, says so" '[ $rc -eq 2 ] && has "$t/err" "period"'
run --roster r.csv --period 2024-Q1 --frob x
check "unknown option: exit 2, names it" '[ $rc -eq 2 ] && has "$t/err" "unknown option .--frob"'
run --roster r.csv --period 2024-13 x
check "invalid period: exit 2" '[ $rc -eq 2 ] && has "$t/err" "invalid period"'
run --roster r.csv --period 2024-Q1 --cutoff-day 31 x
check "cutoff day out of range: exit 2" '[ $rc -eq 2 ] && has "$t/err" "cutoff-day"'
run --roster r.csv --period 2024-Q1 --out
check "option without its value: exit 2" '[ $rc -eq 2 ] && has "$t/err" "needs a value"'
check "nothing ran on usage errors" '[ ! -s "$t/log" ]'

printf '0123456789abcdef0123456789abcdef\n' >"$t/key"
run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" --owner 42 --strict \
	--dkey-file "$t/key" --iv zie \
	--lexicon lex.tsv --reviews rev.csv --responders officer,staff --min-thon-members 5 \
	--cutoff-day 15 --group G1 --group G2 a.zip "b c.json"
check "a whole run exits 0" '[ $rc -eq 0 ]'
# unpack and extract run at the same time; the others one after another.
check "stages in order" \
	'[ "$(head -2 "$t/log" | cut -d" " -f1 | sort | tr "\n" " ")$(tail -n +3 "$t/log" | cut -d" " -f1 | tr "\n" " ")" = "extract unpack roster metrics " ]'
check "unpack gets the db, owner, key file, IV rule and every input" \
	'has "$t/log" "^unpack --db $t/w.db --owner 42 --dkey-file $t/key --iv zie a.zip b c.json$"'
check "extract reads what unpack wrote, through a pipe" \
	'has "$t/log" "^extract --db $t/w.db --strict$" && has "$t/extract.in" "RECORDS FROM UNPACK"'
check "roster writes into the new output folder" 'has "$t/log" "^roster --db $t/w.db --out $o.tmp[0-9]* r.csv$"'
check "metrics gets the period and every figure option" \
	'has "$t/log" "^metrics --db $t/w.db --period 2024-Q1 --out $o.tmp[0-9]* --cutoff-day 15 --lexicon lex.tsv --reviews rev.csv --responders officer,staff --min-thon-members 5 --group G1 --group G2$"'
check "the report is in place" '[ -s "$o/report.html" ] && [ -s "$o/report.md" ]'
check "the output folder replaced whole: no temporary folder left" '[ "$(ls "$t/out")" = "q1" ]'
check "summary: the ledger summed" \
	'has "$t/err" "read 5618 records from 3 archive entries: 1711 stored, 3881 duplicates, 3 rejected, 17 private and 6 other skipped"'
check "summary: where the report is" 'has "$t/err" "report: $o/report.html"'
check "progress names the stages" 'has "$t/err" "\[1/5\] unpack | extract" && has "$t/err" "\[5/5\] report"'
cp "$o/report.html" "$t/before.html"

cp "$o/.binhyen" "$t/before.mark"
FAKE_FAIL=metrics run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "a failing stage: exit 2, names the stage" '[ $rc -eq 2 ] && has "$t/err" "stage metrics failed"'
check "and stops there" '! has "$t/log" "^plot\|^report"'
check "the previous output is left as it was" \
	'cmp -s "$o/report.html" "$t/before.html" && cmp -s "$o/.binhyen" "$t/before.mark" && [ "$(ls "$t/out")" = "q1" ]'

FAKE_FAIL=extract run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "extract failing: exit 2, names extract" '[ $rc -eq 2 ] && has "$t/err" "stage extract failed" && ! has "$t/log" "^roster"'
FAKE_FAIL=unpack run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "unpack failing: exit 2, names unpack" '[ $rc -eq 2 ] && has "$t/err" "stage unpack failed"'

FAKE_BAD=roster run -q --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "bad input in a stage: exit 1, the run goes on" '[ $rc -eq 1 ] && [ -s "$o/report.html" ] && ! cmp -s "$o/.binhyen" "$t/before.mark"'
check "-q: no progress, errors still shown" '! has "$t/err" "\[1/5\]" && has "$t/err" "a bad record"'
check "-q is passed to the stages" 'has "$t/log" "^unpack -q "'

: >"$t/w.db"	# the fake stages make none; without INPUT one must be there
run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db"
check "no INPUT: ingest skipped, figures from the database" \
	'[ $rc -eq 0 ] && ! has "$t/log" "^unpack" && has "$t/log" "^metrics"'

run --roster r.csv --period 2024-Q1 --out "$o" --db "$o/w.db" a.zip
check "a database inside the output folder is refused" '[ $rc -eq 2 ] && has "$t/err" "must not be inside" && [ ! -s "$t/log" ]'
mkdir -p "$t/mine" && echo keep >"$t/mine/letter.txt"
run --roster r.csv --period 2024-Q1 --out "$t/mine" a.zip
check "a folder that is not binhyen's is never replaced" \
	'[ $rc -eq 2 ] && has "$t/err" "not a binhyen output folder" && [ "$(cat "$t/mine/letter.txt")" = keep ]'

rc=0
(cd "$t/cwd" && "$b/binhyen" run -q --roster r.csv --period 2024-H1 a.zip 2>"$t/err") || rc=$?
check "default --out out/PERIOD and --db binhyen.db" \
	'[ $rc -eq 0 ] && [ -s "$t/cwd/out/2024-H1/report.html" ] && has "$t/log" "^metrics -q --db binhyen.db --period 2024-H1 --out out/2024-H1.tmp"'

rm "$b/binhyen-roster"
run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "a missing stage program: exit 2, says which" '[ $rc -eq 2 ] && has "$t/err" "roster"'

check "binhyen STAGE runs binhyen-STAGE" '"$b/binhyen" plot --help | grep -q "usage: binhyen-plot"'
check "binhyen STAGE passes its exit status" '"$b/binhyen" report --bogus 2>/dev/null; [ $? -eq 2 ]'
check "an unknown stage is a usage error" '"$b/binhyen" frobnicate 2>/dev/null; [ $? -eq 2 ]'

# without --roster (the first day, or any day after): the roster stage is not
# run, the others are (metrics uses the stored roster, or says there is none)
: >"$t/log"
run --period 2024-Q1 --out "$t/noroster" --db "$t/w.db" a.zip
check "without --roster: exit 0, the roster stage skipped and said" \
	'[ $rc -eq 0 ] && ! has "$t/log" "^roster" && has "$t/log" "^metrics" && has "$t/err" "no --roster given"'
