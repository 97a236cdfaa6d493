#!/bin/sh
# report.sh: binhyen-report writes report.html (self-contained, escaped, A4) and
# report.md from the fixture tables; nothing from internal/; renders in Chromium.
. "$BH_TOP/tests/e2e/lib.sh"
top=$BH_TOP
bin=$BH_BIN
t=$T
has() { grep -q -- "$2" "$1"; }

o=$t/out
mkdir -p "$o/tables" "$o/internal"
cp "$top"/tests/fixtures/tables/*.csv "$o/tables/"
# Confidential rows the report must never show.
printf 'tip_id,group_id,ts,thon,tipster,category,kind,answered,first_response_ts,response_min\n' >"$o/internal/tips.csv"
printf '1,2,2024-01-02T08:00:00+07:00,Thôn Đông,NB-0001 SECRETNAME,trom_cap,tip,1,,3.0\n' >>"$o/internal/tips.csv"
# A hostile thôn name and one with the formula guard of the CSV writer.
printf '"<script>alert(1)</script> & ""x"" \047y\047",20,2,10.0,5,1,1,3.0,\n' >>"$o/tables/thon.csv"
printf "\"'=Xóm Bãi\",30,3,10.0,5,1,1,3.0,\n" >>"$o/tables/thon.csv"

check "--help exits 0" "$(holds '"$bin/binhyen-report" --help | grep -q "usage: binhyen-report"')" yes
check "unknown option is a usage error (2)" "$(holds '"$bin/binhyen-report" --nope 2>/dev/null; [ $? -eq 2 ]')" yes
check "missing --out is a usage error (2)" "$(holds '"$bin/binhyen-report" 2>/dev/null; [ $? -eq 2 ]')" yes
check "an invalid --period is a usage error (2)" "$(holds '"$bin/binhyen-report" --out "$o" --period 2024-Q9 2>/dev/null; [ $? -eq 2 ]')" yes

charts=0
if command -v gnuplot >/dev/null 2>&1; then
	"$bin/binhyen-plot" -q --out "$o"
	charts=1
fi
rc=0
"$bin/binhyen-report" -q --out "$o" --period 2024-Q1 2>"$t/err" || rc=$?
h=$o/report.html
m=$o/report.md
check "exit 0, both files written" "$(holds '[ $rc -eq 0 ] && [ -s "$h" ] && [ -s "$m" ]')" yes
check "no temporary file left" "$(holds '[ -z "$(ls "$o" | grep tmp)" ]')" yes
check "lang=vi, utf-8" "$(holds 'has "$h" "<html lang=\"vi\">" && has "$h" "charset=\"utf-8\""')" yes
check "A4 print CSS, charts not split" "$(holds 'has "$h" "@page { size: A4" && has "$h" "break-inside: avoid"')" yes
check "the period and its dates" "$(holds 'has "$h" "Quý I năm 2024 (từ 01/01/2024 đến 31/03/2024)"')" yes
check "Vietnamese headings and table headers" \
	"$(holds 'has "$h" "<h2>1. Tổng hợp số liệu</h2>" && has "$h" "<th>Thôn</th>" && has "$h" "<th>So với cùng kỳ năm trước</th>"')" yes
check "summary with changes" "$(holds 'has "$h" "<td class=\"n\">1.432</td><td class=\"n\">1.210</td><td class=\"n\">+222 (+18,3%)</td>"')" yes
check "an empty figure shows as —" "$(holds 'has "$m" "| Tin báo được trả lời trong 15 phút (%) | 43,9 | 37,1 | +6,8 điểm % | — | — |"')" yes
check "warning for the group not covering the period" "$(holds 'has "$h" "Tổ an ninh Xóm Mới”: dữ liệu lưu trữ chỉ có từ 10/02/2024"')" yes
check "no warning for a group that covers it" "$(holds '! grep -q "xã Tân Phú”: dữ liệu" "$h"')" yes
check "withheld thôn shown as such" "$(holds 'has "$m" "| Xóm Trại | 7 | 2 | 28,6 | 14,3 | 19 | ẩn | ẩn | ẩn |"')" yes
check "tips by category" "$(holds 'has "$h" "<td>Trộm cắp</td><td>Tin báo</td>"')" yes
check "names escaped in HTML" "$(holds 'has "$h" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;" && ! grep -qi "<script" "$h"')" yes
check "names escaped in Markdown" "$(holds 'has "$m" "&lt;script&gt;alert(1)&lt;/script&gt;" && ! grep -qi "<script" "$m"')" yes
check "formula guard removed for display" "$(holds 'has "$h" "<td>=Xóm Bãi</td>"')" yes
check "no network reference" "$(holds '! grep -qiE "(https?|ftp):|//[a-z0-9.-]+\.[a-z]{2,}/" "$h"')" yes
check "nothing from internal/" "$(holds '! grep -q "SECRETNAME\|NB-0001" "$h" "$m"')" yes
if [ $charts -eq 1 ]; then
	check "every chart inline as a PNG data: URI" "$(holds '[ "$(grep -c "src=\"data:image/png;base64," "$h")" -eq 7 ]')" yes
	check "report.md links every chart" "$(holds '[ "$(grep -c "](charts/[a-z_]*\.png)" "$m")" -eq 7 ]')" yes
fi

# Charts missing (no gnuplot) and a table missing: still written, exit 1, says so.
rm -rf "$o/charts" "$o/tables/tip_categories.csv"
rc=0
"$bin/binhyen-report" -q --out "$o" 2>"$t/err" || rc=$?
check "a missing table exits 1 but the report is written" "$(holds '[ $rc -eq 1 ] && has "$t/err" "tip_categories.csv" && [ -s "$h" ]')" yes
check "missing charts are announced" "$(holds 'has "$h" "Chưa có biểu đồ" && has "$h" "apt-get install gnuplot-nox"')" yes
check "without --period the dates head the report" "$(holds 'has "$h" "Từ 01/01/2024 đến 31/03/2024"')" yes

# Headless Chromium renders it, not blank.
if [ ! -x /usr/bin/chromium ]; then
	echo "ok - # SKIP chromium not installed (apt-get install chromium)"
	exit 0
fi
cp "$top"/tests/fixtures/tables/tip_categories.csv "$o/tables/"
[ $charts -eq 1 ] && "$bin/binhyen-plot" -q --out "$o"
"$bin/binhyen-report" -q --out "$o" --period 2024-Q1
mkdir "$t/profile"
timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$t/profile" \
	--screenshot="$t/shot.png" --window-size=1240,1754 "file://$h" >/dev/null 2>&1 || true
size=$(wc -c <"$t/shot.png" 2>/dev/null || echo 0)
distinct=$(od -An -v -tu1 "$t/shot.png" 2>/dev/null | tr -s ' ' '\n' | sort -u | wc -l)
check "chromium renders report.html ($size bytes, $distinct distinct byte values)" \
	"$(holds '[ "$size" -gt 60000 ] && [ "$distinct" -gt 200 ]')" yes
if [ -n "${BH_KEEP_SHOT:-}" ]; then cp "$t/shot.png" "$BH_KEEP_SHOT"; fi
