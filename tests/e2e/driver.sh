#!/bin/sh
# driver.sh: binhyen run drives the stages in order with the right arguments,
# joins unpack and extract by a pipe, stops at the first failing stage, never
# leaves the previous output half-replaced. Stages are fakes that record their argv
# (next to a copy of binhyen, where it looks first); plot and report are the real ones.
. "$BH_TOP/tests/e2e/lib.sh"
top=$BH_TOP
bin=$BH_BIN
t=$T
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
# The files the options name are checked before any stage runs: they exist.
cd "$t"
printf 'uid;name;phone;thon;role\n' >r.csv
cp r.csv "$t/cwd/r.csv"
: >lex.tsv
: >rev.csv
o=$t/out/q1
run() {	# run ARGS...: binhyen run, status in rc, stderr in $t/err
	: >"$t/log"
	rc=0
	"$b/binhyen" run "$@" 2>"$t/err" || rc=$?
}

check "--help exits 0 and lists the options" "$(holds '"$b/binhyen" --help | grep -q -- "--min-thon-members"')" yes
check "no command is a usage error (2)" "$(holds '"$b/binhyen" 2>/dev/null; [ $? -eq 2 ]')" yes
run --roster r.csv
check "missing --period: exit 2, says so" "$(holds '[ $rc -eq 2 ] && has "$t/err" "period"')" yes
run --roster r.csv --period 2024-Q1 --frob x
check "unknown option: exit 2, names it" "$(holds '[ $rc -eq 2 ] && has "$t/err" "unknown option .--frob"')" yes
run --roster r.csv --period 2024-13 x
check "invalid period: exit 2" "$(holds '[ $rc -eq 2 ] && has "$t/err" "invalid period"')" yes
run --roster r.csv --period 2024-Q1 --cutoff-day 31 x
check "cutoff day out of range: exit 2" "$(holds '[ $rc -eq 2 ] && has "$t/err" "cutoff-day"')" yes
run --roster r.csv --period 2024-Q1 --out
check "option without its value: exit 2" "$(holds '[ $rc -eq 2 ] && has "$t/err" "needs a value"')" yes
check "nothing ran on usage errors" "$(holds '[ ! -s "$t/log" ]')" yes

printf '0123456789abcdef0123456789abcdef\n' >"$t/key"
run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" --owner 42 --strict \
	--dkey-file "$t/key" --iv zie \
	--lexicon lex.tsv --reviews rev.csv --responders officer,staff --min-thon-members 5 \
	--cutoff-day 15 --group 101 --group g102 a.zip "b c.json"
check "a whole run exits 0" "$(holds '[ $rc -eq 0 ]')" yes
# unpack and extract run at the same time; the others one after another.
check "stages in order" \
	"$(holds '[ "$(head -2 "$t/log" | cut -d" " -f1 | sort | tr "\n" " ")$(tail -n +3 "$t/log" | cut -d" " -f1 | tr "\n" " ")" = "extract unpack roster metrics " ]')" yes
check "unpack gets the db, owner, key file, IV rule and every input" \
	"$(holds 'has "$t/log" "^unpack --db $t/w.db --owner 42 --dkey-file $t/key --iv zie a.zip b c.json$"')" yes
check "extract reads what unpack wrote, through a pipe" \
	"$(holds 'has "$t/log" "^extract --db $t/w.db --strict$" && has "$t/extract.in" "RECORDS FROM UNPACK"')" yes
check "roster writes into the new output folder" "$(holds 'has "$t/log" "^roster --db $t/w.db --out $o.tmp[0-9]* r.csv$"')" yes
check "metrics gets the period and every figure option" \
	"$(holds 'has "$t/log" "^metrics --period 2024-Q1 --cutoff-day 15 --db $t/w.db --out $o.tmp[0-9]* --lexicon lex.tsv --reviews rev.csv --responders officer,staff --min-thon-members 5 --group 101 --group 102$"')" yes
check "the report is in place" "$(holds '[ -s "$o/report.html" ] && [ -s "$o/report.md" ]')" yes
check "the output folder replaced whole: no temporary folder left" "$(holds '[ "$(ls "$t/out")" = "q1" ]')" yes
check "summary: the ledger summed" \
	"$(holds 'has "$t/err" "read 5618 records from 3 archive entries: 1711 stored, 3881 duplicates, 3 rejected, 17 private and 6 other skipped"')" yes
check "summary: where the report is" "$(holds 'has "$t/err" "report: $o/report.html"')" yes
check "progress names the stages" "$(holds 'has "$t/err" "\[1/5\] unpack | extract" && has "$t/err" "\[5/5\] report"')" yes
cp "$o/report.html" "$t/before.html"

cp "$o/.binhyen" "$t/before.mark"
FAKE_FAIL=metrics run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "a failing stage: exit 2, names the stage" "$(holds '[ $rc -eq 2 ] && has "$t/err" "stage metrics failed"')" yes
check "and stops there" "$(holds '! has "$t/log" "^plot\|^report"')" yes
check "the previous output is left as it was" \
	"$(holds 'cmp -s "$o/report.html" "$t/before.html" && cmp -s "$o/.binhyen" "$t/before.mark" && [ "$(ls "$t/out")" = "q1" ]')" yes

FAKE_FAIL=extract run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "extract failing: exit 2, names extract" "$(holds '[ $rc -eq 2 ] && has "$t/err" "stage extract failed" && ! has "$t/log" "^roster"')" yes
FAKE_FAIL=unpack run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "unpack failing: exit 2, names unpack" "$(holds '[ $rc -eq 2 ] && has "$t/err" "stage unpack failed"')" yes

FAKE_BAD=roster run -q --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "bad input in a stage: exit 1, the run goes on" "$(holds '[ $rc -eq 1 ] && [ -s "$o/report.html" ] && ! cmp -s "$o/.binhyen" "$t/before.mark"')" yes
check "-q: no progress, errors still shown" "$(holds '! has "$t/err" "\[1/5\]" && has "$t/err" "a bad record"')" yes
check "-q is passed to the stages" "$(holds 'has "$t/log" "^unpack .*-q .*a.zip$"')" yes

: >"$t/w.db"	# the fake stages make none; without INPUT one must be there
run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db"
check "no INPUT: ingest skipped, figures from the database" \
	"$(holds '[ $rc -eq 0 ] && ! has "$t/log" "^unpack" && has "$t/log" "^metrics"')" yes

run --roster r.csv --period 2024-Q1 --out "$o" --db "$o/w.db" a.zip
check "a database inside the output folder is refused" "$(holds '[ $rc -eq 2 ] && has "$t/err" "must not be inside" && [ ! -s "$t/log" ]')" yes
mkdir -p "$t/mine" && echo keep >"$t/mine/letter.txt"
run --roster r.csv --period 2024-Q1 --out "$t/mine" a.zip
check "a folder that is not binhyen's is never replaced" \
	"$(holds '[ $rc -eq 2 ] && has "$t/err" "not a binhyen output folder" && [ "$(cat "$t/mine/letter.txt")" = keep ]')" yes

rc=0
(cd "$t/cwd" && "$b/binhyen" run -q --roster r.csv --period 2024-H1 a.zip 2>"$t/err") || rc=$?
check "default --out out/PERIOD and --db binhyen.db" \
	"$(holds '[ $rc -eq 0 ] && [ -s "$t/cwd/out/2024-H1/report.html" ] && has "$t/log" "^metrics --period 2024-H1 --db binhyen.db --out out/2024-H1.tmp[0-9]* -q$"')" yes

rm "$b/binhyen-roster"
run --roster r.csv --period 2024-Q1 --out "$o" --db "$t/w.db" a.zip
check "a missing stage program: exit 2, says which" "$(holds '[ $rc -eq 2 ] && has "$t/err" "roster"')" yes

check "binhyen STAGE runs binhyen-STAGE" "$(holds '"$b/binhyen" plot --help | grep -q "usage: binhyen-plot"')" yes
check "binhyen STAGE passes its exit status" "$(holds '"$b/binhyen" report --bogus 2>/dev/null; [ $? -eq 2 ]')" yes
check "an unknown stage is a usage error" "$(holds '"$b/binhyen" frobnicate 2>/dev/null; [ $? -eq 2 ]')" yes

# without --roster (the first day, or any day after): the roster stage is not
# run, the others are (metrics uses the stored roster, or says there is none)
: >"$t/log"
run --period 2024-Q1 --out "$t/noroster" --db "$t/w.db" a.zip
check "without --roster: exit 0, the roster stage skipped and said" \
	"$(holds '[ $rc -eq 0 ] && ! has "$t/log" "^roster" && has "$t/log" "^metrics" && has "$t/err" "no --roster given"')" yes
