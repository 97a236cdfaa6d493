#!/bin/sh
# xlsx.sh: tables.xlsx is for people: Vietnamese sheet names and labels, real
# dates with a Vietnamese format, figures as in the CSV (no 88.90000000000001),
# the summary with the report's change columns, withheld thôn figures saying
# "ẩn" with a note, column widths and a frozen header row. The workbook is read
# back with Python (zipfile, xml.etree) and compared with tables/*.csv, then
# printed by LibreOffice Calc when it is installed.
. "$(dirname "$0")/lib.sh"
python3 "$BH_TOP/tests/gen/bhgen.py" --out "$T/g" --seed 7 --messages 1500 --months 6 \
	--start 2024-01-01 --no-expected >/dev/null
o=$T/out
rc=0
"$BH_BIN/binhyen" run -q --db "$T/db" --roster "$T/g/roster.csv" --period 2024-Q2 --out "$o" \
	"$T"/g/exports/* 2>"$T/err" || rc=$?
check "the run writes the workbook (exit 0 or 1: the sample has bad records on purpose)" \
	"$([ $rc -le 1 ] && [ -s "$o/tables.xlsx" ] && echo yes)" "yes"

cat >"$T/read.py" <<'EOF'
import csv, datetime, re, sys, zipfile, posixpath
import xml.etree.ElementTree as ET
S = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
PR = '{http://schemas.openxmlformats.org/package/2006/relationships}'
xlsx, out = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(xlsx)
wb = ET.fromstring(z.read('xl/workbook.xml'))
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels')).iter(PR + 'Relationship')}
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    shared = [''.join(t.text or '' for t in si.iter(S + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(S + 'si')]
st = ET.fromstring(z.read('xl/styles.xml'))
fmts = {int(n.get('numFmtId')): n.get('formatCode') for n in st.iter(S + 'numFmt')}
xfs = [int(x.get('numFmtId', 0)) for x in st.find(S + 'cellXfs').findall(S + 'xf')]
def col(ref):
    n = 0
    for ch in re.match('[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
facts = []
sheets = {}
for sh in wb.iter(S + 'sheet'):
    name = sh.get('name')
    path = posixpath.normpath(posixpath.join('xl', rels[sh.get(R + 'id')]))
    x = ET.fromstring(z.read(path))
    pane = x.find('.//' + S + 'pane')
    frozen = pane is not None and pane.get('state') == 'frozen' and pane.get('ySplit') == '1'
    widths = len(x.findall('.//' + S + 'col'))
    rows = []
    raw = []
    for row in x.iter(S + 'row'):
        cells = {}
        for c in row.findall(S + 'c'):
            t = c.get('t')
            v = c.find(S + 'v')
            fmt = fmts.get(xfs[int(c.get('s', 0))], '') if c.get('s') else ''
            if t == 'inlineStr':
                val = ('s', ''.join(e.text or '' for e in c.iter(S + 't')))
            elif t == 's':
                val = ('s', shared[int(v.text)])
            elif v is not None:
                raw.append(v.text)
                val = ('n', float(v.text), fmt)
            else:
                continue
            cells[col(c.get('r'))] = val
        rows.append(cells)
    comments = 0
    sheets[name] = rows
    facts.append('sheet %s frozen=%s widths=%d' % (name, frozen, widths))
    # every number written as the shortest text that gives it back
    long_ = [r for r in raw if r != repr(float(r)) and r != ('%d' % float(r))]
    facts.append('long %s %s' % (name, ' '.join(long_[:3]) or 'none'))
notes = ''.join(''.join(t.text or '' for t in ET.fromstring(z.read(n)).iter(S + 't'))
                for n in z.namelist() if re.match(r'xl/comments\d+\.xml$', n))
facts.append('comment_notes %d' % notes.count('để không lộ người báo tin'))
def text(cell):
    if cell is None: return ''
    if cell[0] == 's': return cell[1]
    return 'N:%r:%s' % (cell[1], cell[2])
with open(out, 'w') as f:
    for name, rows in sheets.items():
        for r in rows:
            f.write('%s|%s\n' % (name, '|'.join(text(r.get(i)) for i in range(max(r) + 1 if r else 0))))
    f.write('\n'.join(facts) + '\n')
EOF
python3 "$T/read.py" "$o/tables.xlsx" "$T/x" 2>"$T/pyerr" || cat "$T/pyerr"
csvval() {	# FILE ROWKEY COLUMN-NUMBER: a cell of a contract CSV (BOM removed)
	sed '1s/^\xef\xbb\xbf//' "$o/tables/$1" | awk -F, -v k="$2" -v c="$3" '$1 == k { print $c }'
}
sheets=$(grep '^sheet ' "$T/x" | sed 's/^sheet \(.*\) frozen=.*/\1/' | tr '\n' ';')
check "Vietnamese sheet names, in order" "$sheets" \
	"Tổng hợp;Nhóm Zalo;Theo thôn;Theo tuần;Theo ngày và giờ;Loại tin nhắn;Tin báo theo loại;Tin báo theo tháng;Thời gian phản hồi;Bài đăng của công an;Vào, rời nhóm;Nguồn dữ liệu;"
check "every sheet: the header row frozen" "$(grep -c '^sheet .* frozen=True' "$T/x")" 12
check "every sheet: column widths set" "$(grep -c '^sheet .* widths=0' "$T/x")" 0
check "every number as the shortest text (no 88.90000000000001)" "$(grep '^long ' "$T/x" | grep -vc ' none$')" 0
[ "$(grep '^long ' "$T/x" | grep -vc ' none$')" = 0 ] || grep '^long ' "$T/x" | grep -v ' none$' | sed 's/^/#   /'
check_grep "summary: the report's change columns" "$T/x" \
	"^Tổng hợp|Chỉ tiêu|Kỳ này|Kỳ trước|So với kỳ trước|Cùng kỳ năm trước|So với cùng kỳ năm trước$"
# The period's first day, 2024-04-01, is day 45383 of Excel's calendar (from 1899-12-30).
check "summary: the period's start a real date, dd/mm/yyyy" \
	"$(grep '^Tổng hợp|Ngày bắt đầu kỳ|' "$T/x" | cut -d'|' -f3)" "N:45383.0:dd/mm/yyyy"
# The messages, the previous period's, and the change, from summary.csv.
now=$(csvval summary.csv messages 2); prev=$(csvval summary.csv messages 3)
check "summary: messages as in the CSV with the change ($now, $prev)" \
	"$(grep '^Tổng hợp|Số tin nhắn|' "$T/x" | cut -d'|' -f3-5)" \
	"N:$now.0:#,##0|N:$prev.0:#,##0|N:$((now - prev)).0:+#,##0;-#,##0;0"
pct=$(csvval summary.csv participation_pct 2); ppct=$(csvval summary.csv participation_pct 3)
check "summary: a percentage rounded as in the CSV ($pct), its change in points" \
	"$(grep '^Tổng hợp|Tỷ lệ cư dân tham gia (%)|' "$T/x" | cut -d'|' -f3,5)" \
	"N:$pct:#,##0.0|N:$(python3 -c "print(round($pct - $ppct, 1))"):+#,##0.0\" điểm %\";-#,##0.0\" điểm %\";0.0\" điểm %\""
# Thôn: a withheld row (withheld=1 in thon.csv) says ẩn for its tip figures, with a note.
wh=$(sed '1s/^\xef\xbb\xbf//' "$o/tables/thon.csv" | awk -F, '$12 == 1 { print $1 }' | head -1)
nwh=$(sed '1s/^\xef\xbb\xbf//' "$o/tables/thon.csv" | awk -F, '$12 == 1' | wc -l)
check "the sample has a withheld thôn" "$([ -n "$wh" ] && echo yes)" "yes"
check "thôn: withheld figures say ẩn ($wh), no 0/1 column" \
	"$(grep "^Theo thôn|$wh|" "$T/x" | cut -d'|' -f7-9,11-)" "ẩn|ẩn|ẩn|ẩn|ẩn"
check_grep "thôn: a note under the table" "$T/x" "^Theo thôn|ẩn: số liệu tin báo, câu hỏi của thôn"
check "thôn: a note on every ẩn cell" "$(grep comment_notes "$T/x")" "comment_notes $((nwh * 5))"
check "thôn: the withheld column not shown" "$(grep -c '^Theo thôn|.*Ẩn số liệu' "$T/x")" 0
# Labels instead of codes.
check_grep "categories in Vietnamese" "$T/x" "^Tin báo theo loại|Trộm cắp|Tin báo|"
check_grep "kinds in Vietnamese" "$T/x" "^Tin báo theo loại|Thủ tục hành chính|Hỏi thủ tục|"
check_grep "buckets in Vietnamese" "$T/x" "^Thời gian phản hồi|Tin báo|Trên 15 đến 60 phút|"
check_grep "weekdays in Vietnamese" "$T/x" "^Theo ngày và giờ|Chủ nhật|N:23.0:"
check_grep "message types in Vietnamese" "$T/x" "^Loại tin nhắn|Nhãn dán|"
check_grep "officer posts: the time a real date-time, the topic in Vietnamese" "$T/x" \
	"^Bài đăng của công an|[0-9]*|N:[0-9.]*:dd/mm/yyyy hh:mm|Thông báo chung|"
check_grep "tips by month: the month as mm/yyyy" "$T/x" "^Tin báo theo tháng|N:45383.0:mm/yyyy|"
check "the CSV files keep the codes" \
	"$(sed '1s/^\xef\xbb\xbf//' "$o/tables/response_buckets.csv" | sed -n 2p)" "tip,0-15m,$(csvval response_buckets.csv tip 3 | head -1)"

# LibreOffice Calc prints it (libreoffice-calc-nogui; skipped without it).
if ! command -v soffice >/dev/null 2>&1 || [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; then
	echo "ok - # SKIP LibreOffice Calc missing (apt-get install libreoffice-calc-nogui)"
	exit 0
fi
mkdir "$T/pdf"
HOME=$T timeout 300 soffice --headless -env:UserInstallation="file://$T/lo" \
	--convert-to pdf --outdir "$T/pdf" "$o/tables.xlsx" >/dev/null 2>&1 || true
check "LibreOffice Calc opens and prints it" "$([ -s "$T/pdf/tables.pdf" ] && echo yes)" "yes"
if [ -s "$T/pdf/tables.pdf" ]; then
	pdftotext -layout "$T/pdf/tables.pdf" "$T/pdf.txt"
	check_grep "printed: the period's dates" "$T/pdf.txt" "Ngày bắt đầu kỳ  *01/04/2024"
	check_grep "printed: a withheld thôn" "$T/pdf.txt" "$wh .* ẩn  *ẩn"
fi
if [ -n "${BH_KEEP_XLSX:-}" ]; then cp "$o/tables.xlsx" "$T/pdf/tables.pdf" "$BH_KEEP_XLSX/"; fi
