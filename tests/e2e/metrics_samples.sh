#!/bin/sh
# metrics_samples.sh: the samples of tests/fixtures/samples give exactly the figures
# of their README for 2024-03; outputs are private where they must be and name no tipster.
. "$BH_TOP/tests/e2e/lib.sh"
top=$BH_TOP
bin=$BH_BIN
work=$T
s=$top/tests/fixtures/samples
db=$work/db
out=$work/out
nobom() { sed '1s/^\xEF\xBB\xBF//' "$1"; }
same() {	# name, file, expected text on stdin
	nobom "$2" >"$work/got"
	cat >"$work/want"
	if cmp -s "$work/got" "$work/want"; then ok "$1"; else
		notok "$1"; diff "$work/want" "$work/got" | sed 's/^/#   /'; fi
}

"$bin/binhyen-unpack" --db "$db" "$s"/*.zdb "$s"/*.json 2>"$work/err1" |
	"$bin/binhyen-extract" --db "$db" 2>>"$work/err1"
"$bin/binhyen-roster" --db "$db" -q "$s/roster.csv"
rc=0
"$bin/binhyen-metrics" --db "$db" --period 2024-03 --out "$out" -q 2>"$work/err" || rc=$?
check "metrics exits 0" "$(holds '[ $rc -eq 0 ]')" yes

same "summary figures as in the README" "$out/tables/summary.csv" <<'X'
metric,value,prev_value,last_year_value
period_start,2024-03-01,,
period_end,2024-03-31,,
groups,1,,
messages,11,,
senders,3,,
members,4,,
active_members,1,,
participation_pct,25.0,,
officer_posts,1,,
tips,2,,
tips_answered,2,,
tips_answered_pct,100.0,,
tip_response_median_min,22.5,,
tip_response_p90_min,24.5,,
tips_within_15m_pct,0.0,,
tips_within_1h_pct,100.0,,
tips_within_24h_pct,100.0,,
tips_acknowledged,0,,
tip_ack_median_min,,,
questions,1,,
questions_answered,1,,
questions_answered_pct,100.0,,
question_response_median_min,30.0,,
question_response_p90_min,30.0,,
questions_within_15m_pct,0.0,,
questions_within_1h_pct,100.0,,
questions_within_24h_pct,100.0,,
joins,1,,
leaves,0,,
purged_messages,0,,
X
same "thôn figures, tips withheld in thôn under 10 residents" "$out/tables/thon.csv" <<'X'
thon,members,active_members,participation_pct,messages,tips,tips_answered,tip_response_median_min,prev_participation_pct,questions,questions_answered,withheld
Thôn 1,2,0,0.0,0,,,,,,,1
Thôn 2,1,0,0.0,0,,,,,,,1
Thôn 3,1,1,100.0,3,,,,,,,1
X
same "message types" "$out/tables/message_types.csv" <<'X'
type,messages
text,8
photo,2
file,1
X
same "officer posts" "$out/tables/officer_posts.csv" <<'X'
post_id,ts,topic,reactions,replies,engaged_members
2301000000101,2024-03-01T09:00:00+07:00,lua_dao,0,0,0
X
same "membership" "$out/tables/membership.csv" <<'X'
date,joins,leaves
2024-03-02,1,0
X
same "tips per month" "$out/tables/tips_monthly.csv" <<'X'
month,category,kind,tips
2024-03,trom_cap,tip,1
2024-03,nghi_van,tip,1
2024-03,thu_tuc,question,1
X
same "internal tips with pseudonyms" "$out/internal/tips.csv" <<'X'
tip_id,group_id,ts,thon,tipster,category,kind,answered,first_response_ts,response_min,reviewed
2301000000103,4411205930127745519,2024-03-01T10:00:00+07:00,Thôn 3,NB-0001,trom_cap,tip,1,2024-03-01T10:25:00+07:00,25.0,
2301000000106,4411205930127745519,2024-03-01T12:13:20+07:00,,NB-0002,thu_tuc,question,1,2024-03-01T12:43:20+07:00,30.0,
2301000000201,4411205930127745519,2024-03-02T09:00:00+07:00,Thôn 3,NB-0001,nghi_van,tip,1,2024-03-02T09:20:00+07:00,20.0,
X
same "unmatched senders with the guessed thôn" "$out/internal/unmatched_senders.csv" <<'X'
uid,display_name,messages,guessed_thon
6020959792036905359,Hoa - Thôn 2,4,Thôn 2
X
check "heatmap has 168 cells" "$(holds '[ "$(nobom "$out/tables/heatmap.csv" | wc -l)" -eq 169 ]')" yes
check "weekly has every week meeting March 2024" \
	"$(holds '[ "$(nobom "$out/tables/weekly.csv" | cut -d, -f1 | tr "\n" " ")" = "week_start 2024-02-26 2024-03-04 2024-03-11 2024-03-18 2024-03-25 " ]')" yes
check "response buckets: 6 per kind" "$(holds '[ "$(nobom "$out/tables/response_buckets.csv" | wc -l)" -eq 13 ]')" yes
check "tables start with a UTF-8 BOM" "$(holds '[ "$(head -c 3 "$out/tables/summary.csv" | od -An -tx1 | tr -d " ")" = efbbbf ]')" yes
check "internal/ is 0700" "$(holds '[ "$(stat -c %a "$out/internal")" = 700 ]')" yes
check "internal files are 0600" \
	"$(holds '[ "$(stat -c %a "$out"/internal/*.csv | sort -u)" = 600 ]')" yes
check "roster_todo.csv written" "$(holds 'grep -q "^6020959792036905359,Hoa - Thôn 2,,Thôn 2," "$out/internal/roster_todo.csv"')" yes
check "ledger.csv header" \
	"$(holds '[ "$(nobom "$out/ledger.csv" | head -1)" = "source,entry,records,stored,duplicates,rejected,private_skipped,other_skipped" ]')" yes
check "tables.xlsx is a workbook" "$(holds '[ "$(head -c 2 "$out/tables.xlsx")" = PK ]')" yes

# Confidentiality: no tipster name or uid, no tip text, in anything shareable.
python3 - "$out/tables.xlsx" >"$work/xlsx.txt" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    sys.stdout.write(z.read(n).decode("utf-8", "replace"))
PY
check "workbook has the summary sheet" "$(holds 'grep -q "Tổng hợp" "$work/xlsx.txt"')" yes
leak=""
for w in "Nguyễn Văn Bách" "Hoa - Thôn 2" 5665005889540787359 6020959792036905359 \
	"mất trộm xe máy" "Xe Wave" "người lạ đi xe" "can cuoc"; do
	if grep -rqF "$w" "$out/tables" "$out/ledger.csv" "$work/xlsx.txt"; then leak="$leak $w"; fi
done
check "nothing shareable names a tipster or quotes a tip" "$(holds '[ -z "$leak" ]')" yes
[ -z "$leak" ] || echo "#   found:$leak"

# A second run over the same database keeps the pseudonyms.
cp "$out/internal/tips.csv" "$work/tips1"
"$bin/binhyen-metrics" --db "$db" --period 2024-03 --out "$out" -q
check "pseudonyms stable across runs" "$(holds 'cmp -s "$work/tips1" "$out/internal/tips.csv"')" yes

# Reviews: drop a tip, recategorise, answer off the group; an unknown id is an error.
printf 'tip_id,verdict,value,note\n2301000000201,not_tip,,\n2301000000103,category,lua_dao,\n2301000000106,answered_at,2024-03-01T12:23,phone\n' >"$work/rev.csv"
"$bin/binhyen-metrics" --db "$db" --period 2024-03 --out "$work/o2" --reviews "$work/rev.csv" -q
check "review not_tip drops the tip" "$(holds 'nobom "$work/o2/tables/summary.csv" | grep -qx "tips,1,,"')" yes
check "review category applies" "$(holds 'grep -q "^lua_dao,tip,1,1,25.0" "$work/o2/tables/tip_categories.csv"')" yes
check "review answered_at counts when earlier" \
	"$(holds 'nobom "$work/o2/tables/summary.csv" | grep -qx "question_response_median_min,9.7,,"')" yes
check "reviewed tips are marked" "$(holds 'grep -q ",category$" "$work/o2/internal/tips.csv"')" yes
printf 'tip_id,verdict,value,note\n2301000000103,category,lua_dao,\n123,not_tip,,\n' >"$work/bad.csv"
rc=0
"$bin/binhyen-metrics" --db "$db" --period 2024-03 --out "$work/o3" --reviews "$work/bad.csv" -q 2>"$work/err" || rc=$?
check "unknown tip_id exits 2, nothing written" "$(holds '[ $rc -eq 2 ] && [ ! -e "$work/o3" ]')" yes
check "unknown tip_id names the line" "$(holds "grep -q \"bad.csv:3: unknown tip_id '123'\" \"$work/err\"")" yes

# Previous period holds data when asked for April: prev_value is March. April
# itself holds no message: written, said, exit 1 (guards.sh checks the words).
rc=0
"$bin/binhyen-metrics" --db "$db" --period 2024-04 --out "$work/o4" -q 2>"$work/err" || rc=$?
check "April: no message stored: exit 1, said" "$(holds '[ $rc -eq 1 ] && grep -q "no message stored" "$work/err"')" yes
check "April: prev_value is March, value 0" "$(holds 'nobom "$work/o4/tables/summary.csv" | grep -qx "messages,0,11,"')" yes
check "April: ratios of nothing are empty" "$(holds 'nobom "$work/o4/tables/summary.csv" | grep -qx "tips_answered_pct,,100.0,"')" yes
check "April: previous participation per thôn" "$(holds 'grep -q "^Thôn 3,1,0,0.0,0,,,,100.0," "$work/o4/tables/thon.csv"')" yes

# --min-thon-members 1 shows thôn tips; --responders officer,staff still works.
"$bin/binhyen-metrics" --db "$db" --period 2024-03 --out "$work/o5" --min-thon-members 1 -q
check "thôn tips shown at --min-thon-members 1" "$(holds 'grep -q "^Thôn 3,1,1,100.0,3,2,2,22.5,,0,0,0" "$work/o5/tables/thon.csv"')" yes
rc=0
"$bin/binhyen-metrics" --db "$db" --period 2024-3 --out "$work/o6" -q 2>"$work/err" || rc=$?
check "invalid period exits 2" "$(holds '[ $rc -eq 2 ] && grep -q "invalid period" "$work/err"')" yes
printf 'trom_cap\ttip\ttrộm\nx\tmaybe\ty\n' >"$work/lex.tsv"
rc=0
"$bin/binhyen-metrics" --db "$db" --period 2024-03 --out "$work/o7" --lexicon "$work/lex.tsv" -q 2>"$work/err" || rc=$?
check "bad lexicon names file:line" "$(holds '[ $rc -eq 2 ] && grep -q "lex.tsv:2: unknown kind" "$work/err"')" yes
