#!/bin/sh
# run_options.sh: the contract between `binhyen run` and its stages, with the
# real stages (no stand-in): every option `binhyen --help` lists is accepted by
# the stages it is passed to, in one run with all of them; --group works end to
# end; every option is checked before any stage runs, in the library's words.
. "$BH_TOP/tests/e2e/lib.sh"

G1=4411205930127745519	# the samples' group (README: 11 messages in 2024-03)
G2=4411205930127745520	# a copy of the Web file's 3 messages under another id
sed "s/$G1/$G2/g" "$SAMPLES/web_group_messages.json" >"$T/web2.json"
INPUTS="$SAMPLES/pc_backup_zmessage.zdb $SAMPLES/pc_backup_zconversation.zdb $SAMPLES/web_group_messages.json $T/web2.json"
printf '0123456789abcdef0123456789abcdef\n' >"$T/key"
chmod 600 "$T/key"
printf 'tip_id,verdict,value,note\n' >"$T/reviews.csv"
cp "$BH_TOP/data/lexicon.tsv" "$T/lexicon.tsv"

# A value for every option of binhyen run. An option added to the driver's
# table without a line here fails the first check below.
value() {
	case $1 in
	--roster) echo "$SAMPLES/roster.csv" ;;
	--period) echo 2024-03 ;;
	--cutoff-day) echo 15 ;;
	--db) echo "$T/all.db" ;;
	--out) echo "$T/all" ;;
	--lexicon) echo "$T/lexicon.tsv" ;;
	--reviews) echo "$T/reviews.csv" ;;
	--responders) echo officer,staff ;;
	--min-thon-members) echo 5 ;;
	--group) echo "$G1" ;;
	--commune) echo "Xã Bình An" ;;
	--unit) echo "Công an xã Bình An" ;;
	--superior) echo "Công an huyện Yên Bình" ;;
	--owner) echo 7312004958821134467 ;;
	--dkey-file) echo "$T/key" ;;
	--iv) echo zie ;;
	--strict|--quiet) echo FLAG ;;
	*) echo UNKNOWN ;;
	esac
}

"$BH_BIN/binhyen" --help >"$T/help"
sed -n 's/^  \(-., \)\{0,1\}\(--[a-z-]*\).*/\2/p' "$T/help" >"$T/options"
check "--help lists the options" "$(grep -c . "$T/options" | awk '$1 >= 15 {print "many"}')" many
unknown=
set --
for o in $(cat "$T/options"); do
	v=$(value "$o")
	case $v in
	UNKNOWN) unknown="$unknown $o" ;;
	FLAG) set -- "$@" "$o" ;;
	*) set -- "$@" "$o" "$v" ;;
	esac
done
check "this test has a value for every option of binhyen run" "$unknown" ""

set +e
"$BH_BIN/binhyen" run "$@" $INPUTS 2>"$T/all.err"
rc=$?
set -e
check "a run with every option: the real stages accept them all (exit 0)" "$rc" 0
check_nogrep "no stage refused an option" "$T/all.err" "unknown option\|unrecognized option\|usage:"
check "and the report is written" "$(ls "$T/all/report.html" 2>/dev/null | wc -l | tr -d ' ')" 1

# --group: the figures of the chosen groups only.
P=2024-03
run() {	# run OUT [options]: binhyen run on the stored data for period $P, status in rc
	out=$1; shift
	set +e
	"$BH_BIN/binhyen" run -q --db "$T/g.db" --roster "$SAMPLES/roster.csv" --period $P \
		--out "$T/$out" "$@" 2>"$T/err"
	rc=$?
	set -e
}
fig() { grep "^$2," "$T/$1/tables/summary.csv" | cut -d, -f2; }
# setting OUT KEY: its value in settings.csv (a key after the header row; a list
# of ids is quoted, as its commas ask)
setting() { sed -n "s/^$2,//p" "$T/$1/settings.csv" | tr -d '\r"'; }
run g0 $INPUTS
check "both groups stored: 14 messages in 2 groups" "$rc $(fig g0 groups) $(fig g0 messages)" "0 2 14"
check "without --group, settings.csv says so: groups empty" "$(grep -c '^groups,$' "$T/g0/settings.csv")" 1
run g1 --group "$G1"
check "--group G1: the README's figures of the samples" \
	"$rc $(fig g1 groups) $(fig g1 messages) $(fig g1 tips) $(fig g1 officer_posts)" "0 1 11 2 1"
check "--group G1: settings.csv records the group (what made these figures)" "$(setting g1 groups)" "$G1"
run g2 --group "$G2"
check "--group G2: its 3 Web messages, 1 tip, no officer post" \
	"$rc $(fig g2 groups) $(fig g2 messages) $(fig g2 tips) $(fig g2 officer_posts)" "0 1 3 1 0"
check "--group G2: groups.csv lists that group only" \
	"$(tail -n +2 "$T/g2/tables/groups.csv" | cut -d, -f1,5)" "$G2,3"
run g12 --group "$G1" --group "g$G2"
check "--group twice (one written g…, as toUid): both groups" \
	"$rc $(fig g12 groups) $(fig g12 messages)" "0 2 14"
check "--group twice: settings.csv lists both, in the order given, without the g" \
	"$(setting g12 groups)" "$G1,$G2"
run g9 --group 123
check "--group naming no stored group: exit 2, said, no output" \
	"$rc $(grep -c "group 123: .* holds no group with this id" "$T/err") $(ls -d "$T/g9" 2>/dev/null | wc -l | tr -d ' ')" "2 1 0"
set +e
"$BH_BIN/binhyen-metrics" -q --db "$T/g.db" --period 2024-03 --out "$T/m2" --group "$G2" 2>"$T/err"
rc=$?
set -e
check "binhyen-metrics takes --group itself" "$rc $(fig m2 messages)" "0 3"

# Every option is checked before any stage runs: nothing is written.
bad() {	# bad NAME WANT options...: exit 2, the message WANT, no database made
	name=$1 want=$2; shift 2
	rm -f "$T/none.db"
	set +e
	"$BH_BIN/binhyen" run --db "$T/none.db" "$@" $INPUTS 2>"$T/err"
	rc=$?
	set -e
	check "$name: exit 2, before any stage" "$rc $(ls "$T/none.db" 2>/dev/null | wc -l | tr -d ' ')" "2 0"
	check_grep "$name: said" "$T/err" "$want"
}
R="--roster $SAMPLES/roster.csv"
bad "a period metrics would refuse (1969)" "invalid period '1969'" $R --period 1969
bad "a period with a cut-off day out of range" "cutoff-day '29': give a whole number from 2 to 28" \
	$R --period 2024-03 --cutoff-day 29
bad "a responder role that does not exist" "'boss' is not a role" $R --period 2024-03 --responders officer,boss
bad "a group id that is not one" "--group 'abc': a group id is digits only" $R --period 2024-03 --group abc
bad "a missing roster file" "--roster '$T/nope.csv': cannot read it" --roster "$T/nope.csv" --period 2024-03
bad "a key file that is not a key" "expected the account's dkey" $R --period 2024-03 --dkey-file "$T/reviews.csv"
bad "an owner that is not a uid" "a Zalo uid is digits only" $R --period 2024-03 --owner abc
bad "an IV rule that does not exist" "--iv 'one': give zero or zie" $R --period 2024-03 --iv one
bad "a long option with one dash" "unknown option '-period': a long option starts with two dashes, as in '--period'" \
	$R -period 2024-03
bad "a misspelled option" "unknown option '--perod' (did you mean '--period'?)" $R --perod 2024-03
bad "an option given twice" "option '--period' is given twice" $R --period 2024-03 --period 2024-04
bad "a flag given a value" "option '--strict' takes no value" $R --period 2024-03 --strict=yes
bad "a reversed range" "--period '2024-02-20..2024-01-10': the range is reversed" $R --period 2024-02-20..2024-01-10

# Periods: lower case accepted by every stage; a cut-off day names its own folder.
mkdir "$T/cwd"
set +e
(cd "$T/cwd" && "$BH_BIN/binhyen" run -q --db "$T/g.db" --roster "$SAMPLES/roster.csv" \
	--period 2024-03 --cutoff-day 15 && "$BH_BIN/binhyen" run -q --db "$T/g.db" \
	--roster "$SAMPLES/roster.csv" --period 2024-03) 2>"$T/err"
rc=$?
set -e
check "--cutoff-day 15: default folder out/2024-03-c15, beside out/2024-03" \
	"$rc $(cd "$T/cwd/out" && ls | tr '\n' ' ')" "0 2024-03 2024-03-c15 "
check "--cutoff-day 15: its figures start on the 15th of February" \
	"$(grep '^period_start,' "$T/cwd/out/2024-03-c15/tables/summary.csv" | cut -d, -f2)" 2024-02-15
P=2024-q1
run lq
check "--period 2024-q1 (lower case): done, named Quý I in the report" \
	"$rc $(grep -c 'Quý I năm 2024' "$T/lq/report.html" | awk '{print ($1 > 0)}')" "0 1"
