#!/bin/sh
# guards.sh: no report with silently wrong figures. A period without any stored
# message: exit 1, the screen and the report say what the database covers
# (first and last day of each group). (The samples hold one group, 1 and 2
# March 2024, by hand from tests/fixtures/samples.)
. "$BH_TOP/tests/e2e/lib.sh"

db=$T/db
ingest "$db" "$SAMPLES"/*.zdb "$SAMPLES"/*.json
"$BH_BIN/binhyen-roster" -q --db "$db" "$SAMPLES/roster.csv"

# --- a period with no stored message (2023 instead of 2024)
rc=0
"$BH_BIN/binhyen-metrics" --db "$db" --period 2023-03 --out "$T/o" 2>"$T/err" || rc=$?
check "empty period: exit 1" "$rc" 1
check_grep "empty period: said, with its days" "$T/err" \
	"no message stored for the period 2023-03-01 to 2023-03-31: check --period, or give the exports that cover it"
check_grep "empty period: what the database holds, per group" "$T/err" \
	"the database holds group 'Zalo kết nối bình yên - xã Bùi La Nhân' (4411205930127745519) from 2024-03-01 to 2024-03-02"
check "empty period: the tables still written" "$(test -f "$T/o/tables/summary.csv" && echo yes)" yes
"$BH_BIN/binhyen-report" -q --out "$T/o" --period 2023-03 2>/dev/null
for f in report.html report.md; do
	check_grep "empty period: $f says so" "$T/o/$f" "Không có tin nhắn nào được lưu trong kỳ báo cáo"
	check_grep "empty period: $f says what is stored" "$T/o/$f" "Dữ liệu đã lưu: nhóm “Zalo kết nối bình yên - xã Bùi La Nhân” từ 01/03/2024 đến 02/03/2024"
done
# a period with messages says nothing of the kind
rc=0
"$BH_BIN/binhyen-metrics" --db "$db" --period 2024-03 --out "$T/o2" 2>"$T/err" || rc=$?
check "a period with messages: exit 0, nothing said" "$rc $(grep -c 'no message stored' "$T/err" || true)" "0 0"
"$BH_BIN/binhyen-report" -q --out "$T/o2" --period 2024-03 2>/dev/null
check "a period with messages: the report says nothing of it" "$(grep -c 'Không có tin nhắn nào được lưu trong kỳ' "$T/o2/report.html" || true)" 0

# --- a database that holds nothing at all: said so
"$BH_BIN/binhyen-roster" -q --db "$T/empty.db" "$SAMPLES/roster.csv"
rc=0
"$BH_BIN/binhyen-metrics" --db "$T/empty.db" --period 2024-03 --out "$T/o3" 2>"$T/err" || rc=$?
check "empty database: exit 1" "$rc" 1
check_grep "empty database: says there is no message at all" "$T/err" "the database holds no message at all: give the exports"

# --- binhyen run with no INPUT and a database that is not there: said plainly,
# exit 2, and nothing made: no empty database, no output folder
mkdir "$T/cwd"
rc=0
(cd "$T/cwd" && "$BH_BIN/binhyen" run --period 2024-03 2>"$T/err") || rc=$?
check "no database, no INPUT: exit 2" "$rc" 2
check_grep "no database, no INPUT: said, with what to do" "$T/err" \
	"no database here ('binhyen.db'): give the exports (binhyen run --period P EXPORTS...)"
check "no database, no INPUT: nothing made (no database, no out/)" "$(ls -A "$T/cwd" | wc -l)" 0
rc=0
"$BH_BIN/binhyen" run --period 2024-03 --db "$T/cwd/other.db" --out "$T/cwd/o" 2>"$T/err" || rc=$?
check "--db not there, no INPUT: exit 2, said, nothing made" \
	"$rc $(grep -c "no database here ('$T/cwd/other.db')" "$T/err") $(ls -A "$T/cwd" | wc -l)" "2 1 0"
# with INPUT it is the first run: the database is made
rc=0
(cd "$T/cwd" && "$BH_BIN/binhyen" run -q --period 2024-03 "$SAMPLES/web_group_messages.json" 2>"$T/err") || rc=$?
check "no database, with INPUT: the first run makes it (exit 1: no roster)" "$rc $(test -f "$T/cwd/binhyen.db" && echo made)" "1 made"

# --- --dkey-file naming a missing file: an error even when no backup needs it
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$db" --out "$T/k1" --dkey-file "$T/no.key" 2>"$T/err" || rc=$?
check "missing --dkey-file, no INPUT: exit 2, no output" "$rc $(test -e "$T/k1" && echo made || echo none)" "2 none"
check_grep "missing --dkey-file: the file named" "$T/err" "cannot open key file '$T/no.key'"
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$db" --out "$T/k2" --dkey-file "$T/no.key" "$SAMPLES/web_group_messages.json" 2>"$T/err" || rc=$?
check "missing --dkey-file, INPUT without a backup: exit 2, no output" "$rc $(test -e "$T/k2" && echo made || echo none)" "2 none"
rc=0
"$BH_BIN/binhyen-unpack" --list --dkey-file "$T/no.key" "$SAMPLES/web_group_messages.json" >/dev/null 2>"$T/err" || rc=$?
check "binhyen-unpack alone: missing --dkey-file, exit 2" "$rc $(grep -c "no.key" "$T/err")" "2 1"

# --- a sheet filled in where binhyen wrote it: the run would replace it. Said
# before anything runs (exit 2), with the fix; the copy then works.
rdb=$T/day1.db
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$rdb" --out "$T/d1" "$SAMPLES"/*.zdb "$SAMPLES"/*.json 2>/dev/null || rc=$?
check "first day: exit 1 (no roster)" "$rc" 1
cp "$SAMPLES/roster.csv" "$T/d1/internal/roster_todo.csv"	# as if filled in, in place
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$rdb" --out "$T/d1" --roster "$T/d1/internal/roster_todo.csv" 2>"$T/err" || rc=$?
check "--roster inside the output folder: exit 2" "$rc" 2
check_grep "--roster inside the output folder: said, with the fix" "$T/err" \
	"run: --roster '$T/d1/internal/roster_todo.csv' is inside the output folder '$T/d1', which every run replaces: copy it out first (e.g. cp '$T/d1/internal/roster_todo.csv' danh_sach.xlsx) and give the copy"
check "--roster inside the output folder: nothing stored, the filled file kept" \
	"$(q "$rdb" 'select count(*) from roster') $(cmp -s "$SAMPLES/roster.csv" "$T/d1/internal/roster_todo.csv" && echo kept)" "0 kept"
rc=0
(cd "$T" && "$BH_BIN/binhyen" run -q --period 2024-03 --db "$rdb" --out d1 --reviews ./d1/../d1/internal/tips.csv 2>"$T/err") || rc=$?
check "--reviews inside the output folder (a relative path): exit 2, said" \
	"$rc $(grep -c "run: --reviews './d1/../d1/internal/tips.csv' is inside the output folder 'd1'" "$T/err")" "2 1"
cp "$T/d1/internal/roster_todo.csv" "$T/danh_sach.csv"
rm "$T/d1/internal/roster_todo.csv"
rc=0
"$BH_BIN/binhyen" run -q --period 2024-03 --db "$rdb" --out "$T/d1" --roster "$T/danh_sach.csv" 2>"$T/err" || rc=$?
check "the copy outside: exit 0, the roster stored (its 5 rows)" "$rc $(q "$rdb" 'select count(*) from roster')" "0 5"
