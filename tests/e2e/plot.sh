#!/bin/sh
# plot.sh: binhyen-plot draws every chart from the fixture tables: PNG >= 1600x900,
# SVG with Vietnamese text; no-data charts say why; a missing gnuplot is explained.
. "$BH_TOP/tests/e2e/lib.sh"
top=$BH_TOP
bin=$BH_BIN
t=$T

# Width and height from the PNG's IHDR chunk (bytes 16..23, big-endian).
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

charts="weekly thon response tips_monthly heatmap message_types membership"
mkdir -p "$t/out/tables"
cp "$top"/tests/fixtures/tables/*.csv "$t/out/tables/"

check "--help exits 0" "$(holds '"$bin/binhyen-plot" --help | grep -q "usage: binhyen-plot"')" yes
check "unknown option is a usage error (2)" \
	"$(holds '"$bin/binhyen-plot" --bogus 2>"$t/err"; [ $? -eq 2 ] && grep -q "unknown option" "$t/err"')" yes
check "missing --out is a usage error (2)" "$(holds '"$bin/binhyen-plot" 2>/dev/null; [ $? -eq 2 ]')" yes
check "--only with an unknown chart is a usage error" \
	"$(holds '"$bin/binhyen-plot" --out "$t/out" --only nope 2>/dev/null; [ $? -eq 2 ]')" yes

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "ok - # SKIP gnuplot not installed"
	exit 0
fi

rc=0
"$bin/binhyen-plot" -q --out "$t/out" 2>"$t/err" || rc=$?
check "every chart drawn, exit 0" "$(holds '[ $rc -eq 0 ] && [ ! -s "$t/err" ]')" yes
for c in $charts; do
	read -r w h <<-EOS
	$(png_size "$t/out/charts/$c.png" 2>/dev/null || echo 0 0)
	EOS
	check "$c.png is at least 1600x900 (${w}x$h)" "$(holds '[ "$w" -ge 1600 ] && [ "$h" -ge 900 ]')" yes
	check "$c.svg is an SVG" "$(holds 'grep -q "<svg" "$t/out/charts/$c.svg"')" yes
done
check "thon.svg holds thôn names with diacritics" \
	"$(holds 'grep -q "Thôn Đông" "$t/out/charts/thon.svg" && grep -q "Xóm Trại" "$t/out/charts/thon.svg"')" yes
check "weekly.svg has Vietnamese labels" "$(holds 'grep -q "Người dân" "$t/out/charts/weekly.svg"')" yes
check "response.svg marks 15 min, 1 h, 24 h" \
	"$(holds 'grep -q "15 phút" "$t/out/charts/response.svg" && grep -q "1 giờ" "$t/out/charts/response.svg" && grep -q "24 giờ" "$t/out/charts/response.svg"')" yes
check "tips_monthly.svg names categories in Vietnamese" "$(holds 'grep -q "Trộm cắp" "$t/out/charts/tips_monthly.svg"')" yes
check "no temporary files left in charts/" \
	"$(holds '[ -z "$(ls -A "$t/out/charts" | grep -v -E "^[a-z_]+\.(png|svg)$")" ]')" yes

# No member event in the archives: say so, never draw zeros.
sed -e 's/^joins,.*/joins,,,/' -e 's/^leaves,.*/leaves,,,/' "$top/tests/fixtures/tables/summary.csv" >"$t/out/tables/summary.csv"
printf '\357\273\277date,joins,leaves\n' >"$t/out/tables/membership.csv"
"$bin/binhyen-plot" -q --out "$t/out" --only membership
check "membership without data says so" \
	"$(holds 'grep -q "Không có dữ liệu thành viên trong các tệp lưu trữ" "$t/out/charts/membership.svg"')" yes
read -r w h <<EOS
$(png_size "$t/out/charts/membership.png")
EOS
check "the no-data chart is still 1600x900" "$(holds '[ "$w" -eq 1600 ] && [ "$h" -eq 900 ]')" yes

# A missing table: that chart is left out (exit 1), the others are drawn.
rm -f "$t/out/charts"/*.png "$t/out/tables/heatmap.csv"
rc=0
"$bin/binhyen-plot" -q --out "$t/out" 2>"$t/err" || rc=$?
check "a missing table exits 1 and says which" "$(holds '[ $rc -eq 1 ] && grep -q "heatmap.csv" "$t/err"')" yes
check "the other charts are still drawn" "$(holds '[ -f "$t/out/charts/weekly.png" ] && [ ! -f "$t/out/charts/heatmap.png" ]')" yes

# gnuplot not installed: exit 1, no charts, how to install it.
rm -rf "$t/out/charts"
rc=0
PATH=/nonexistent "$bin/binhyen-plot" --out "$t/out" 2>"$t/err" || rc=$?
check "without gnuplot: exit 1 and how to install it" \
	"$(holds '[ $rc -eq 1 ] && grep -q "apt-get install gnuplot-nox" "$t/err" && [ ! -d "$t/out/charts" ]')" yes
