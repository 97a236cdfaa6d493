#!/bin/sh
# plot_safety.sh: names from the data never run as gnuplot or shell commands:
# quotes, backticks, $( ), ; and line breaks in thôn, category and type names.
. "$BH_TOP/tests/e2e/lib.sh"
top=$BH_TOP
bin=$BH_BIN
t=$T

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "ok - # SKIP gnuplot not installed"
	exit 0
fi
mkdir -p "$t/out/tables"
cp "$top"/tests/fixtures/tables/*.csv "$t/out/tables/"
c="$t/canary"
bom=$(printf '\357\273\277')
{
	echo "${bom}thon,members,active_members,participation_pct,messages,tips,tips_answered,tip_response_median_min,prev_participation_pct"
	echo "\"Thôn \`touch $c.1\`\",12,5,41.7,3,,,,40.0"
	echo "\"\$(touch $c.2)\",12,4,33.3,3,,,,"
	echo "\"it's; system(\"\"touch $c.3\"\")\",12,3,25.0,1,1,1,2.0,"
	echo "\"Xóm \"\"Gò\"\"
\`touch $c.4\`
plot 1\",12,2,16.7,1,,,,"
	echo "\"'
system(\"\"touch $c.5\"\")
#\",12,6,50.0,1,,,,"
	echo "\"''''; ! touch $c.6\",12,1,8.3,1,,,,"
	echo "\"@evil \\\\ \`touch $c.7\`'\",12,1,8.3,1,,,,"
} >"$t/out/tables/thon.csv"
{
	echo "${bom}month,category,kind,tips"
	echo "2024-01,\"'\`touch $c.8\`'\",tip,3"
	echo "2024-02,\"a'b\$(touch $c.9)\",tip,2"
} >"$t/out/tables/tips_monthly.csv"
{
	echo "${bom}type,messages"
	echo "\"text'; \`touch $c.10\`\",10"
	echo "\"'=cmd|' /C calc'!A0\",3"
} >"$t/out/tables/message_types.csv"

rc=0
(cd "$t" && "$bin/binhyen-plot" -q --out "$t/out" 2>"$t/err") || rc=$?
check "plot exits 0 on hostile names (warnings only)" "$(holds '[ $rc -eq 0 ]')" yes
check "line breaks in names are refused with a warning" "$(holds 'grep -q "line break" "$t/err"')" yes
check "no command from the data ran" "$(holds '! ls "$t" | grep -q canary')" yes
check "no stray file in the working folder" "$(holds '[ "$(ls "$t")" = "err
out" ]')" yes
for ch in thon tips_monthly message_types; do
	check "$ch.png still renders" "$(holds '[ -s "$t/out/charts/$ch.png" ] && od -An -c -N4 "$t/out/charts/$ch.png" | grep -q "P   N   G"')" yes
done
check "names are drawn as text" "$(holds 'grep -q "touch" "$t/out/charts/thon.svg" && grep -q "Gò" "$t/out/charts/thon.svg"')" yes
