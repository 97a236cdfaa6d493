#!/bin/sh
# grouped.sh: a message a stage would print many times is grouped: the first
# five of its kind, then "and N more like this: <the first>" (pipeline/err.c,
# bh_bad_many): 99 roster lines with one mistake, an export whose records are
# all rejected for one reason; other kinds keep their own five.
. "$BH_TOP/tests/e2e/lib.sh"

db=$T/db

# --- a roster of 99 residents, every one with a role the reader does not know,
# and two rows without a name
{
	echo 'uid;name;phone;thon;role'
	i=1
	while [ $i -le 99 ]; do
		echo "10000000000000000$(printf %02d $i);Người $i;;Thôn 1;dân quân"
		i=$((i + 1))
	done
	echo ';;;Thôn 2;resident'
	echo ';;;Thôn 2;resident'
} >"$T/roster.csv"
rc=0
"$BH_BIN/binhyen-roster" --db "$db" "$T/roster.csv" 2>"$T/err" || rc=$?
check "roster: refused, exit 1" "$rc" 1
check "roster: five 'unknown role' lines shown" "$(grep -c "unknown role 'dân quân'" "$T/err")" 6
check "roster: the first five lines, in order" "$(grep -v 'more like' "$T/err" | grep "roster.csv:[0-9]*: unknown role" | sed 's/.*roster.csv:\([0-9]*\):.*/\1/' | tr '\n' ' ')" "2 3 4 5 6 "
check_grep "roster: then how many more, with the first" "$T/err" \
	"^binhyen-roster: and 94 more like this: .*roster.csv:2: unknown role 'dân quân'"
check "roster: a kind seen twice is shown twice, not grouped" "$(grep -c 'row without name' "$T/err")" 2
check "roster: 'and N more' said once" "$(grep -c 'more like this' "$T/err")" 1
check_grep "roster: then that nothing was loaded" "$T/err" "roster not loaded"
check "roster: 'and 94 more' comes before 'not loaded'" \
	"$(grep -n 'more like this\|roster not loaded' "$T/err" | cut -d: -f1 | tr '\n' ' ' | awk '{print ($1 < $2)}')" 1
check "roster: nothing stored (no database made)" "$(test -e "$db" && echo made || echo none)" none
check "roster: 9 lines in all (5 + 1 + 2 + 1)" "$(wc -l <"$T/err")" 9

# --- an export of 30 records without a time and 3 without a sender: five of
# the first kind shown, then 25 more; the three of the other kind all shown
{
	i=1
	while [ $i -le 30 ]; do
		echo "{\"msgId\":\"70$i\",\"toUid\":\"g55\",\"fromUid\":\"5\",\"msgType\":1,\"message\":\"x\"}"
		i=$((i + 1))
	done
	for i in 1 2 3; do
		echo "{\"msgId\":\"80$i\",\"toUid\":\"g55\",\"serverTime\":\"1709251200000\",\"msgType\":1,\"message\":\"x\"}"
	done
	echo '{"msgId":"900","toUid":"g55","fromUid":"5","serverTime":"1709251200000","msgType":1,"message":"kept"}'
} >"$T/bad.zdb"
ingest "$db" "$T/bad.zdb"
check "extract: exit 1" "$rc" 1
check "extract: five 'missing time' shown" "$(grep -c 'missing time' "$T/err.extract")" 6
check "extract: the first five by line" "$(grep -v 'more like' "$T/err.extract" | grep 'bad.zdb:[0-9]*: missing time' | sed 's/.*bad.zdb:\([0-9]*\):.*/\1/' | tr '\n' ' ')" "1 2 3 4 5 "
check_grep "extract: then 25 more like the first" "$T/err.extract" "^binhyen-extract: and 25 more like this: .*bad.zdb:1: missing time"
check "extract: the other kind, three, all shown" "$(grep -c 'missing sender' "$T/err.extract")" 3
check "extract: every record counted in the ledger" "$(q "$db" "select records, stored, rejected from ledger")" "34|1|33"

# --- in Vietnamese (the default language), the grouping line too
rc=0
env -u LANGUAGE LANG=C.UTF-8 "$BH_BIN/binhyen-roster" --db "$db" "$T/roster.csv" 2>"$T/err" || rc=$?
check_grep "Vietnamese: 'and 94 more' in Vietnamese" "$T/err" "^binhyen-roster: và 94 thông báo khác giống như thông báo này: "
