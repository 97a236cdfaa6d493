#!/bin/sh
# hostile_roster.sh: rosters built to hurt binhyen-roster (Windows-1258 bytes, a
# BOM in the middle, unbalanced quotes, a million rows), and names with
# spreadsheet, gnuplot, shell and HTML metacharacters in every place they reach
# a table, a chart or the report (thôn from the roster, group names from the
# conversation file, display names, categories from a lexicon), end to end
# through binhyen run. (Bad columns, roles and uids: roster.sh.)
. "$BH_TOP/tests/e2e/lib.sh"

san=0
case $BH_BIN in *bin-san) san=1 ;; esac
db=$T/db
"$BH_BIN/binhyen-unpack" -q --db "$db" "$SAMPLES"/*.zdb "$SAMPLES"/*.json | "$BH_BIN/binhyen-extract" -q --db "$db"
load() {	# file: rc, stderr in $T/err
	rc=0
	"$BH_BIN/binhyen-roster" --db "$db" --out "$T/rout" -q "$1" 2>"$T/err" || rc=$?
}
"$BH_BIN/binhyen-roster" --db "$db" -q "$SAMPLES/roster.csv"
q "$db" 'select * from roster order by id' >"$T/roster.before"
# refused whole: exit 1, the message, the stored roster unchanged
refused() {	# name, file, message
	load "$2"
	check "$1: exit 1" "$rc" 1
	check_grep "$1: says where and what" "$T/err" "$3"
	check "$1: the stored roster unchanged" "$(q "$db" 'select * from roster order by id' | cmp -s - "$T/roster.before" && echo same)" same
}

# --- a roster saved by Excel as Windows-1258 (ANSI): refused at its first
# non-ASCII line, with what to do
python3 - "$T/ansi.csv" <<'PY'
import sys
rows = ["uid;name;phone;thon;role", "7312004958821134467;Le Van Tuyen;;;officer",
        ";Trần Thị Hoa;0987000222;Thôn 2;người dân", ";Nguyễn Văn Đức;;Thôn 1;người dân"]
import unicodedata
def cp1258(text):
    # as Windows writes Vietnamese: a letter it has, then a combining tone mark
    out = b""
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            out += unicodedata.normalize("NFC", d[:-1]).encode("cp1258") + d[-1].encode("cp1258")
    return out
open(sys.argv[1], "wb").write(cp1258("\r\n".join(rows) + "\r\n"))
PY
refused "Windows-1258" "$T/ansi.csv" "ansi.csv:3: not valid UTF-8: save the file as UTF-8"

# --- a byte-order mark in the middle: removed (said once), so that a name still
# matches and "Thôn 2" stays one thôn
BOM=$(printf '\357\273\277')
printf '%suid;name;phone;thon;role\n7312004958821134467;Lê Văn Tuyền;;;công an\n5665005889540787359;Nguyễn Văn Bách;;%sThôn 3;người dân\n;%sHoa - Thôn 2;;Thôn 2;resident\n;Lan;;Thôn 2%s;resident\n' \
	"$BOM" "$BOM" "$BOM" "$BOM" >"$T/bom.csv"
load "$T/bom.csv"
check "BOM inside: loads, exit 0" "$rc" 0
check_grep "BOM inside: said, with its line" "$T/err" "bom.csv:3: an invisible byte-order mark (U+FEFF) inside the file was removed"
check "BOM inside: said once" "$(grep -c 'byte-order mark' "$T/err")" 1
check "BOM inside: nothing stored holds one" "$(q "$db" "select count(*) from roster where instr(name || coalesce(thon, ''), char(65279)) > 0")" 0
check "BOM inside: the name still matches" "$(q "$db" "select how from sender_match where sender = '6020959792036905359'")" name
check "BOM inside: Thôn 2 is one thôn" "$(q "$db" "select count(distinct thon_key) from roster where thon_key is not null")" 2
"$BH_BIN/binhyen-roster" --db "$db" -q "$SAMPLES/roster.csv"
# two exports pasted together: the second header is a row with role 'role'
printf '%suid;name;phone;thon;role\n;Lan;;Thôn 1;resident\n%suid;name;phone;thon;role\n;Hoa;;Thôn 2;resident\n' "$BOM" "$BOM" >"$T/twice.csv"
refused "two files pasted together" "$T/twice.csv" "twice.csv:3: unknown role 'role'"

# --- unbalanced quotes
printf 'uid;name;phone;thon;role\n;Lan;;Thôn 1;resident\n;Nguyễn "Bách" Văn;;Thôn 3;resident\n;Hoa;;Thôn 2;resident\n' >"$T/q1.csv"
refused "a quote inside an unquoted field" "$T/q1.csv" "q1.csv:3: malformed CSV"
printf 'uid;name;phone;thon;role\n;"Lan" Thị;;Thôn 1;resident\n' >"$T/q2.csv"
refused "text after a closing quote" "$T/q2.csv" "q2.csv:2: malformed CSV"
printf 'uid;name;phone;thon;role\n;Lan;;"Thôn 1;resident\n;Hoa;;Thôn 2;resident\n;Đức;;Thôn 1;resident\n' >"$T/q3.csv"
refused "a quote opened and never closed" "$T/q3.csv" "q3.csv:2: malformed CSV: a quoted field is not closed"
printf 'uid;name;phone;thon;role\n;Lan;;Thôn 1;resident\n;"Hoa;;Thôn 2;resident' >"$T/q4.csv"
refused "an unclosed quote on the last line, no newline" "$T/q4.csv" "q4.csv:3: malformed CSV"

# --- a million rows: loaded in bounded time (CPU seconds: the machine may be busy)
if [ $san -eq 1 ]; then
	echo "ok - a million rows # SKIP under the sanitizers (minutes); the plain build runs it"
else
	python3 - "$T/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("uid;name;phone;thon;role\n")
    # 19 digits as Zalo's, none ending in zeros (those would look cut by Excel)
    f.writelines("%d;Người dân số %d;09%08d;Thôn %d;người dân\n" % (10 ** 18 + 10 * i + 1, i, i, i % 40) for i in range(1000000))
    f.write("1000000000000000071;Trùng uid;;Thôn 1;người dân\n")
PY
	rc=0
	/usr/bin/time -f '%U %S' -o "$T/cpu" "$BH_BIN/binhyen-roster" --db "$db" -q "$T/big.csv" 2>"$T/err" || rc=$?
	check "a million rows and a duplicate uid at the end: refused (exit 1)" "$rc" 1
	check_grep "a million rows: the duplicate found" "$T/err" "big.csv:1000002: duplicate uid '1000000000000000071' (also on line 9)"
	sed -i '$d' "$T/big.csv"
	/usr/bin/time -f '%U %S' -o "$T/cpu" "$BH_BIN/binhyen-roster" --db "$db" -q "$T/big.csv" 2>"$T/err" || rc=$?
	cpu=$(awk '{ printf "%d", $1 + $2 }' "$T/cpu")
	check "a million rows: loaded" "$(q "$db" 'select count(*), count(distinct thon_key) from roster')" "1000000|40"
	if [ "$cpu" -lt 90 ]; then ok "a million rows: loaded in ${cpu} s of CPU (< 90)"
	else notok "a million rows: loaded in under 90 s of CPU" "took ${cpu} s"; fi
	rm -f "$T/big.csv"
	"$BH_BIN/binhyen-roster" --db "$db" -q "$SAMPLES/roster.csv"
fi

# --- hostile names, end to end through binhyen run
C=$T/canary
mkdir -p "$T/in" "$T/cwd"
# the group's name (conversation file) and a display name (messages)
python3 - "$SAMPLES" "$T/in" "$C" <<'PY'
import json, sys
s, out, c = sys.argv[1:4]
group = "=HYPERLINK(\"http://evil.example/g\",\"bấm\") <script>alert('g')</script> & &amp; `touch %s.g1` $(touch %s.g2) it's \"q\"" % (c, c)
with open(out + "/conv.zdb", "w") as f:
    f.write(json.dumps({"userId": "g4411205930127745519", "name": group}, ensure_ascii=False) + "\n")
dname = "@SUM(1+1) <b>Hoa</b> `touch %s.d1` $(touch %s.d2)\nplot 1 '" % (c, c)
with open(s + "/pc_backup_zmessage.zdb") as f, open(out + "/msg.zdb", "w") as o:
    for line in f:
        r = json.loads(line)
        if r.get("dName") == "Hoa - Thôn 2":
            r["dName"] = dname
        o.write(json.dumps(r, ensure_ascii=False) + "\n")
web = json.load(open(s + "/web_group_messages.json"))
for r in web:
    if r.get("dName") == "Hoa - Thôn 2":
        r["dName"] = dname
json.dump(web, open(out + "/web_group_messages.json", "w"), ensure_ascii=False, indent=1)
PY
# thôn names in the roster: a formula, shell and gnuplot commands, HTML, a line break
{
	printf '%s\n' 'uid;name;phone;thon;role' '7312004958821134467;Lê Văn Tuyền;;;công an'
	printf '5665005889540787359;Nguyễn Văn Bách;;"=HYPERLINK(""http://evil.example/t"",""bấm"")";người dân\n'
	printf ';Trần Thị Hoa;;"+<script>x</script> & &amp; it'"'"'s `touch %s.t1` $(touch %s.t2)";resident\n' "$C" "$C"
	printf ';Phạm Thị Lan;;"Xóm ""Gò""\n`touch %s.t3`\nplot 1";resident\n' "$C"
	printf ';Nguyễn Văn Đức;;"-2+3 '"'"'\nsystem(""touch %s.t4"")\n#";resident\n' "$C"
	printf ';Lò Văn Tí;;@evil;resident\n'
} >"$T/in/roster.csv"
# a category from a lexicon file, with the same kind of name
printf "=cmd|' /C calc'!A0 <i>\`touch %s.c1\`</i> \$(touch %s.c2) it's\ttip\ttrộm\n" "$C" "$C" >"$T/in/lex.tsv"
tail -n +1 "$BH_TOP/data/lexicon.tsv" >>"$T/in/lex.tsv"
rc=0
(cd "$T/cwd" && "$BH_BIN/binhyen" run --roster "$T/in/roster.csv" --period 2024-03 --db "$T/run.db" \
	--out "$T/out" --lexicon "$T/in/lex.tsv" --min-thon-members 1 \
	"$T/in/msg.zdb" "$T/in/conv.zdb" "$T/in/web_group_messages.json" 2>"$T/err") || rc=$?
O=$T/out
check "hostile names: binhyen run exits 0" "$rc" 0
check "hostile names: nothing ran (no canary file)" "$(ls "$T" "$T/cwd" "$T/out" | grep -c canary || true)" 0
check "hostile names: nothing left in the working folder" "$(ls -A "$T/cwd")" ""
check_grep "hostile names: line breaks in a chart's names shown escaped" "$O/charts/thon.svg" 'Xóm "Gò"\\x0A'
for ch in weekly thon response tips_monthly heatmap message_types membership; do
	check "hostile names: $ch.png renders" "$(od -An -c -N4 "$O/charts/$ch.png" | tr -d ' ')" '211PNG'
	check "hostile names: $ch.svg is well-formed XML" \
		"$(python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1]); print("xml")' "$O/charts/$ch.svg" 2>&1)" xml
done
check_grep "hostile names: the thôn drawn as text" "$O/charts/thon.svg" "=HYPERLINK"
check_grep "hostile names: HTML in a thôn escaped in the SVG" "$O/charts/thon.svg" "+&lt;script>x&lt;/script> &amp; &amp;amp; it's"
check_grep "hostile names: the category drawn as text, escaped" "$O/charts/tips_monthly.svg" "=cmd|' /C calc'!A0 &lt;i>"
check "report.html: no markup from the data" "$(grep -c '<script\|<b>Hoa\|<i>`' "$O/report.html" || true)" 0
check_grep "report.html: the thôn's HTML escaped" "$O/report.html" "+&lt;script&gt;x&lt;/script&gt; &amp; &amp;amp; it&#39;s"
check_grep "report.html: the group's name escaped" "$O/report.html" "&lt;script&gt;alert(&#39;g&#39;)&lt;/script&gt; &amp; &amp;amp; \`touch"
check_grep "report.html: the category escaped" "$O/report.html" "&lt;i&gt;\`touch $C.c1\`&lt;/i&gt;"
check "report.md: no markup from the data" "$(grep -c '<script\|<i>`' "$O/report.md" || true)" 0
check_grep "report.md: backticks escaped" "$O/report.md" "\\\\\`touch $C.t1\\\\\`"
check "report.md: a line break in a name does not break a table row" \
	"$(grep -c '^| Xóm &quot;Gò&quot;\\\\x0A\\`touch.*\\x0Aplot 1 | 1 |' "$O/report.md")" 1
check "display names: not in the report or the charts" "$(cat "$O/report.html" "$O/report.md" "$O"/charts/*.svg | grep -c 'SUM(1+1)' || true)" 0

# every cell that came from the data and starts with = + - @ (or TAB, CR) has a '
# in front, in every CSV a spreadsheet may open
python3 - "$O" >"$T/cells" <<'PY'
import csv, glob, os, re, sys
o = sys.argv[1]
num = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
files = glob.glob(o + "/tables/*.csv") + glob.glob(o + "/internal/*.csv") + [o + "/ledger.csv"]
bad = guarded = 0
for f in files:
    with open(f, encoding="utf-8-sig", newline="") as fp:
        for row in csv.reader(fp):
            for c in row:
                if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not num.match(c):
                    bad += 1; print("unguarded %s: %r" % (os.path.basename(f), c[:60]))
                if c.startswith("'") and c[1:2] in ("=", "+", "-", "@"):
                    guarded += 1
print("bad %d" % bad)
print("guarded %d" % guarded)
PY
check "CSV: no cell from the data starts a formula" "$(grep '^bad' "$T/cells")" "bad 0"
check_grep "CSV: thôn guarded in thon.csv" "$O/tables/thon.csv" "^\"'=HYPERLINK(\"\"http://evil.example/t"
check_grep "CSV: + thôn guarded" "$O/tables/thon.csv" "^\"'+<script>"
check_grep "CSV: - thôn guarded" "$O/tables/thon.csv" "^\"'-2+3"
check_grep "CSV: @ thôn guarded" "$O/tables/thon.csv" "^\"'@evil\","
check_grep "CSV: group name guarded in groups.csv" "$O/tables/groups.csv" ",\"'=HYPERLINK("
check_grep "CSV: category guarded in tip_categories.csv" "$O/tables/tip_categories.csv" "^\"'=cmd|"
check_grep "CSV: display name guarded in internal/unmatched_senders.csv" "$O/internal/unmatched_senders.csv" "\"'@SUM(1+1)"
check_grep "CSV: display name guarded in internal/roster_todo.csv" "$O/internal/roster_todo.csv" "\"'@SUM(1+1)"
check_grep "CSV: thôn guarded in internal/tips.csv" "$O/internal/tips.csv" "\"'=HYPERLINK("
# the workbook: the same texts as strings, never a formula
python3 - "$O/tables.xlsx" >"$T/xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xml = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}
sheets = [n for n in xml if n.startswith("xl/worksheets/")]
print("formulas %d" % sum(len(re.findall(r"<f[ >]", xml[n])) for n in sheets))
strings = xml.get("xl/sharedStrings.xml", "") + "".join(xml[n] for n in sheets)
for s in ("=HYPERLINK(\"http://evil.example/t", "=HYPERLINK(\"http://evil.example/g", "+&lt;script&gt;x", "@evil", "=cmd|"):
    print("%s %s" % ("string" if s in strings else "missing", s))
PY
check "tables.xlsx: no formula in any sheet" "$(grep '^formulas' "$T/xlsx")" "formulas 0"
check "tables.xlsx: every hostile name there as a string" "$(grep -c '^string' "$T/xlsx")" 5
