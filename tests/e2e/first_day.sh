#!/bin/sh
# first_day.sh: the first day, exports and no roster yet. The stages run; what
# needs no roster is complete, what needs one (who is a resident, who answers)
# is EMPTY, never 0, in tables/*.csv, tables.xlsx and internal/tips.csv; the
# screen and the top of the report say which figures wait and how to make the
# roster (internal/roster_todo.*); exit 1. Then the roster is loaded, and the
# next run, without --roster, uses the stored one.
# Expected figures by hand from tests/fixtures/samples/README.md: without a
# roster nobody is a responder, so the officer's post 101 ("giả danh") is a tip
# too: tips 101, 103, 201; question 106.
. "$BH_TOP/tests/e2e/lib.sh"

db=$T/db
o=$T/out
nobom() { sed '1s/^\xEF\xBB\xBF//' "$1"; }
ingest "$db" "$SAMPLES"/*.zdb "$SAMPLES"/*.json
check "ingest: exit 0" "$rc" 0

rc=0
"$BH_BIN/binhyen-metrics" --db "$db" --period 2024-03 --out "$o" 2>"$T/err" || rc=$?
check "metrics without a roster: exit 1" "$rc" 1
check_grep "metrics: says no roster, and which figures wait" "$T/err" \
	"no roster stored yet: the figures that need one are left empty (members, active members and participation, officer posts, tips and questions answered"
check_grep "metrics: says how to make the roster" "$T/err" \
	"to make the roster: copy internal/roster_todo\.[a-z]* out of the output folder (every run replaces it), fill in the thôn and the role"
check "metrics: the file it names is there" \
	"$(f=$(sed -n 's/.*copy internal\/\(roster_todo\.[a-z]*\) out of the output.*/\1/p' "$T/err"); test -f "$o/internal/$f" && echo yes)" yes
check "metrics: the roster is said once" "$(grep -c 'no roster stored' "$T/err")" 1

# what needs no roster: complete; what needs one: empty
nobom "$o/tables/summary.csv" | cut -d, -f1,2 >"$T/summary"
check "summary: messages, groups, senders" "$(grep -E '^(messages|groups|senders),' "$T/summary" | tr '\n' ' ')" \
	"groups,1 messages,11 senders,3 "
check "summary: tips and questions found" "$(grep -E '^(tips|questions),' "$T/summary" | tr '\n' ' ')" "tips,3 questions,1 "
check "summary: joins, leaves" "$(grep -E '^(joins|leaves),' "$T/summary" | tr '\n' ' ')" "joins,1 leaves,0 "
for m in members active_members participation_pct officer_posts tips_answered tips_answered_pct \
	tip_response_median_min tip_response_p90_min tips_within_15m_pct tips_within_1h_pct \
	tips_within_24h_pct tips_acknowledged tip_ack_median_min questions_answered \
	questions_answered_pct question_response_median_min question_response_p90_min \
	questions_within_15m_pct questions_within_1h_pct questions_within_24h_pct; do
	printf '%s,\n' "$m"
done >"$T/want_empty"
check "summary: the 20 figures that need a roster are empty" \
	"$(grep -c -x -F -f "$T/want_empty" "$T/summary")" 20
check "weekly: messages counted, officers', residents' and active members empty" \
	"$(nobom "$o/tables/weekly.csv" | tr '\n' ' ')" \
	"week_start,messages,officer_messages,resident_messages,active_members 2024-02-26,11,,, 2024-03-04,0,,, 2024-03-11,0,,, 2024-03-18,0,,, 2024-03-25,0,,, "
check "tip_categories: tips counted, answers empty" "$(nobom "$o/tables/tip_categories.csv" | sed 1d | sort | tr '\n' ' ')" \
	"lua_dao,tip,1,, nghi_van,tip,1,, thu_tuc,question,1,, trom_cap,tip,1,, "
check "response_buckets: all 12 rows, every count empty" "$(nobom "$o/tables/response_buckets.csv" | sed 1d | grep -c ',$')" 12
check "thon: no row (no thôn is known)" "$(nobom "$o/tables/thon.csv" | wc -l)" 1
check "officer_posts: no row (no officer is known)" "$(nobom "$o/tables/officer_posts.csv" | wc -l)" 1
check "message_types: complete" "$(nobom "$o/tables/message_types.csv" | sed 1d | tr '\n' ' ')" "text,8 photo,2 file,1 "
check "heatmap: 168 cells, 11 messages" "$(nobom "$o/tables/heatmap.csv" | sed 1d | awk -F, '{ n++; s += $3 } END { print n, s }')" "168 11"
check "internal/tips.csv: the four found, answers empty" \
	"$(nobom "$o/internal/tips.csv" | sed 1d | cut -d, -f1,6-10 | tr '\n' ' ')" \
	"2301000000101,lua_dao,tip,,, 2301000000103,trom_cap,tip,,, 2301000000106,thu_tuc,question,,, 2301000000201,nghi_van,tip,,, "
check "roster_todo: every sender, to fill in" "$(nobom "$o/internal/roster_todo.csv" | sed 1d | cut -d, -f1 | sort | tr '\n' ' ')" \
	"5665005889540787359 6020959792036905359 7312004958821134467 "
check "settings: roster_rows 0" "$(grep '^roster_rows,' "$o/settings.csv")" "roster_rows,0"

# tables.xlsx: the summary sheet has a value cell exactly where summary.csv has a value
python3 - "$o/tables.xlsx" "$o/tables/summary.csv" >"$T/xlsx" <<'PY'
import csv, re, sys, zipfile
sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
rows = {int(m.group(1)): m.group(2) for m in re.finditer(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet)}
with open(sys.argv[2], encoding="utf-8-sig") as f:
    summary = list(csv.reader(f))[1:]
bad = [r[0] for i, r in enumerate(summary)
       if (r[1] != "") != bool(re.search(r'<c r="B%d"' % (i + 2), rows.get(i + 2, "")))]
print("same" if not bad else "differ: " + " ".join(bad))
print(sum(1 for i, r in enumerate(summary) if r[1] == ""))
PY
check "tables.xlsx: the summary's empty figures are empty cells, not 0" "$(tr '\n' ' ' <"$T/xlsx")" "same 20 "

# charts and report
rc=0
"$BH_BIN/binhyen-plot" -q --out "$o" 2>"$T/err.plot" || rc=$?
check "plot: exit 0, no complaint about the empty cells" "$rc $(wc -l <"$T/err.plot")" "0 0"
"$BH_BIN/binhyen-report" -q --out "$o" --period 2024-03 2>/dev/null
for f in report.html report.md; do
	check_grep "$f: says no roster, at the top" "$o/$f" "Chưa có danh sách thành viên (roster)"
	check "$f: the banner comes before the summary table" \
		"$(grep -n 'Chưa có danh sách thành viên (roster)\|1. Tổng hợp số liệu' "$o/$f" | cut -d: -f1 | tr '\n' ' ' | awk '{ print ($1 < $2) }')" 1
	check_grep "$f: says how to make one" "$o/$f" "Cách lập danh sách: chép tệp internal/roster.\{0,1\}_todo.xlsx (hoặc internal/roster.\{0,1\}_todo.csv) ra ngoài thư mục kết quả"
done
check_grep "report.md: an empty figure shows as a dash, not 0" "$o/report.md" "^| Số cư dân trong danh sách | — |"

# --- the roster arrives: loaded once, then a run without it uses the stored one
"$BH_BIN/binhyen-roster" -q --db "$db" "$SAMPLES/roster.csv"
rc=0
"$BH_BIN/binhyen-metrics" --db "$db" --period 2024-03 --out "$T/o2" 2>"$T/err" || rc=$?
check "with the stored roster: exit 0, nothing said of a roster" "$rc $(grep -c roster "$T/err" || true)" "0 0"
check "with the stored roster: the README's figures" \
	"$(nobom "$T/o2/tables/summary.csv" | grep -E '^(members|active_members|participation_pct|tips|tips_answered|officer_posts),' | cut -d, -f1,2 | tr '\n' ' ')" \
	"members,4 active_members,1 participation_pct,25.0 officer_posts,1 tips,2 tips_answered,2 "
"$BH_BIN/binhyen-report" -q --out "$T/o2" --period 2024-03 2>/dev/null
check "with the stored roster: the report says nothing of it" "$(grep -c 'Chưa có danh sách thành viên' "$T/o2/report.html" || true)" 0

# --- the same through binhyen run: no --roster on the first day, then once,
# then never again
rdb=$T/run.db
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$rdb" --out "$T/r1" "$SAMPLES"/*.zdb "$SAMPLES"/*.json 2>"$T/err" || rc=$?
check "run without --roster: exit 1" "$rc" 1
check "run without --roster: the output folder is there, with its report" "$(test -f "$T/r1/report.html" && echo yes)" yes
check_grep "run without --roster: metrics say which figures wait" "$T/err" "no roster stored yet: the figures that need one are left empty"
check_grep "run without --roster: the last word names the file to fill in, in the output folder" "$T/err" \
	"^binhyen: no roster yet: the figures that need one are empty; copy '$T/r1/internal/roster_todo\.[a-z]*' out of the output folder (every run replaces it), fill it in, and run again with --roster and the copy"
check "run without --roster: members empty, messages counted" \
	"$(nobom "$T/r1/tables/summary.csv" | grep -E '^(members|messages),' | cut -d, -f1,2 | tr '\n' ' ')" "messages,11 members, "
check_grep "run without --roster: the report says it" "$T/r1/report.html" "Chưa có danh sách thành viên (roster)"
rc=0
"$BH_BIN/binhyen" run -q --roster "$SAMPLES/roster.csv" --period 2024-03 --db "$rdb" --out "$T/r2" 2>"$T/err" || rc=$?
check "run with --roster, no INPUT: exit 0, the figures complete" \
	"$rc $(nobom "$T/r2/tables/summary.csv" | grep '^members,' | cut -d, -f2)" "0 4"
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$rdb" --out "$T/r3" 2>"$T/err" || rc=$?
check "the next run without --roster: exit 0, the stored roster used" \
	"$rc $(nobom "$T/r3/tables/summary.csv" | grep '^members,' | cut -d, -f2) $(grep -c roster "$T/err" || true)" "0 4 0"
check "the next run: the same tables as with --roster" \
	"$(cd "$T/r2" && cat tables/*.csv internal/*.csv | md5sum) $(grep -v generated_at "$T/r2/settings.csv" | md5sum)" \
	"$(cd "$T/r3" && cat tables/*.csv internal/*.csv | md5sum) $(grep -v generated_at "$T/r3/settings.csv" | md5sum)"
