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
