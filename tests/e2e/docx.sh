#!/bin/sh
# docx.sh: binhyen-report writes report.docx, the state report of Nghị định
# 30/2020/NĐ-CP: a package whose every part is well-formed XML, whose
# relationships resolve and whose charts are inside; A4, Times New Roman, the
# decree's margins; the header block with the names of settings.csv (a blank
# to fill when they are missing); the figures as Word tables; sentences from
# the figures. Then LibreOffice opens it and prints it to PDF: pages, text and
# charts read back with poppler.
. "$(dirname "$0")/lib.sh"
o=$T/out
mkdir -p "$o/tables"
cp "$BH_TOP"/tests/fixtures/tables/*.csv "$o/tables/"
# A hostile name: XML specials and a control character.
printf '"<b>Nhóm & ""bạn"" \001</b>",2024-01-01T08:00:00+07:00,2024-03-31T20:00:00+07:00,5,2\n' |
	sed 's/^/777,/' >>"$o/tables/groups.csv"
cat >"$o/settings.csv" <<'EOF'
key,value
commune,Xã Bình An
unit,Công an xã Bình An
superior,Công an tỉnh Hà Tĩnh
period,2024-Q1
period_start,2024-01-01
period_end,2024-03-31
EOF
charts=0
if command -v gnuplot >/dev/null 2>&1; then
	"$BH_BIN/binhyen-plot" -q --out "$o" && charts=7
fi
rc=0
"$BH_BIN/binhyen-report" -q --out "$o" 2>"$T/err" || rc=$?
d=$o/report.docx
check "exit 0, report.docx written" "$rc $([ -s "$d" ] && echo yes)" "0 yes"

# The structure, read by Python's zipfile and xml.etree (not by our code).
cat >"$T/docx.py" <<'EOF'
import re, sys, zipfile, posixpath
import xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
PR = '{http://schemas.openxmlformats.org/package/2006/relationships}'
CT = '{http://schemas.openxmlformats.org/package/2006/content-types}'
z = zipfile.ZipFile(sys.argv[1])
out = {}
names = z.namelist()
out['zip_ok'] = z.testzip() is None
bad = []
for n in names:
    if n.endswith('.xml') or n.endswith('.rels'):
        try:
            ET.fromstring(z.read(n))
        except ET.ParseError as e:
            bad.append('%s: %s' % (n, e))
out['xml_bad'] = ';'.join(bad) or 'none'
ct = ET.fromstring(z.read('[Content_Types].xml'))
defaults = {e.get('Extension'): e.get('ContentType') for e in ct.iter(CT + 'Default')}
overrides = {e.get('PartName'): e.get('ContentType') for e in ct.iter(CT + 'Override')}
untyped = [n for n in names if '/' + n not in overrides and n.rsplit('.', 1)[-1] not in defaults]
out['untyped'] = ','.join(untyped) or 'none'
out['main_type'] = overrides.get('/word/document.xml', '')
# every relationship of every .rels resolves to a part
missing = []
rels = {}
for n in names:
    if not n.endswith('.rels'):
        continue
    base = posixpath.dirname(posixpath.dirname(n))
    for r in ET.fromstring(z.read(n)).iter(PR + 'Relationship'):
        if r.get('TargetMode') == 'External':
            missing.append('external ' + r.get('Target'))
            continue
        t = posixpath.normpath(posixpath.join(base, r.get('Target')))
        if t not in names:
            missing.append(t)
        if n == 'word/_rels/document.xml.rels':
            rels[r.get('Id')] = (r.get('Type').rsplit('/', 1)[-1], t)
out['unresolved'] = ','.join(missing) or 'none'
doc = ET.fromstring(z.read('word/document.xml'))
embeds = [b.get(R + 'embed') for b in doc.iter('{http://schemas.openxmlformats.org/drawingml/2006/main}blip')]
out['images'] = len(embeds)
out['images_ok'] = all(e in rels and rels[e][0] == 'image' and
                       z.read(rels[e][1])[:8] == b'\x89PNG\r\n\x1a\n' for e in embeds)
# every image at the width of the text (165 mm = 5940000 EMU, within a mm)
ext = [int(e.get('cx')) for e in doc.iter('{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent')]
out['print_width'] = all(abs(cx - 5940000) <= 36000 for cx in ext)
sect = doc.find('.//' + W + 'sectPr')
pg = sect.find(W + 'pgSz'); mar = sect.find(W + 'pgMar')
mm = lambda v: round(int(v) / 56.7)
out['page'] = '%sx%s' % (mm(pg.get(W + 'w')), mm(pg.get(W + 'h')))
out['orient'] = pg.get(W + 'orient') or 'portrait'
out['margins'] = '%d %d %d %d' % (mm(mar.get(W + 'top')), mm(mar.get(W + 'bottom')),
                                  mm(mar.get(W + 'left')), mm(mar.get(W + 'right')))
st = ET.fromstring(z.read('word/styles.xml'))
rpr = st.find('.//' + W + 'rPrDefault/' + W + 'rPr')
out['font'] = rpr.find(W + 'rFonts').get(W + 'ascii')
out['size_pt'] = int(rpr.find(W + 'sz').get(W + 'val')) / 2
# the text, paragraph by paragraph; the tables, row by row
paras = [''.join(t.text or '' for t in p.iter(W + 't')) for p in doc.iter(W + 'p')]
open(sys.argv[2], 'w').write('\n'.join(paras) + '\n')
rows = []
for tbl in doc.iter(W + 'tbl'):
    for tr in tbl.findall(W + 'tr'):
        rows.append('|'.join(''.join(t.text or '' for t in tc.iter(W + 't')) for tc in tr.findall(W + 'tc')))
open(sys.argv[3], 'w').write('\n'.join(rows) + '\n')
out['tables'] = len(list(doc.iter(W + 'tbl')))
out['highlighted'] = sum(1 for h in doc.iter(W + 'highlight'))
for k in sorted(out):
    print('%s=%s' % (k, out[k]))
EOF
python3 "$T/docx.py" "$d" "$T/text" "$T/rows" >"$T/facts" 2>"$T/pyerr" || cat "$T/pyerr"
fact() { sed -n "s/^$1=//p" "$T/facts"; }
check "a zip Python reads (CRCs good)" "$(fact zip_ok)" "True"
check "every part well-formed XML" "$(fact xml_bad)" "none"
check "every part has a content type" "$(fact untyped)" "none"
check "the main part is a Word document" "$(fact main_type)" \
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
check "every relationship resolves, none external" "$(fact unresolved)" "none"
check "every chart embedded as a PNG part" "$(fact images) $(fact images_ok)" "$charts True"
check "charts at the width of the text" "$(fact print_width)" "True"
check "A4 portrait" "$(fact page) $(fact orient)" "210x297 portrait"
check "margins top, bottom, left, right (mm)" "$(fact margins)" "20 20 30 15"
check "Times New Roman 14 pt" "$(fact font) $(fact size_pt)" "Times New Roman 14.0"
check_grep "header block: superior" "$T/text" "^CÔNG AN TỈNH HÀ TĨNH$"
check_grep "header block: unit" "$T/text" "^CÔNG AN XÃ BÌNH AN$"
check_grep "header block: the state" "$T/text" "^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$"
check_grep "header block: the motto" "$T/text" "^Độc lập - Tự do - Hạnh phúc$"
check_grep "number to fill" "$T/text" "^Số: ……/BC-……$"
check_grep "place and date to fill" "$T/text" "^Bình An, ngày …… tháng …… năm ……$"
check_grep "BÁO CÁO" "$T/text" "^BÁO CÁO$"
check_grep "the subject line" "$T/text" "^Kết quả thực hiện mô hình “Zalo kết nối bình yên” quý I năm 2024$"
check_grep "the summary as a table row" "$T/rows" "^Số tin nhắn|1.432|1.210|+222 (+18,3%)|876|+556 (+63,5%)$"
check_grep "the thôn table, withheld shown as such" "$T/rows" "^Xóm Trại|7|2|28,6|14,3|19|ẩn|ẩn|ẩn$"
check_grep "a hostile name escaped and kept" "$T/rows" "^<b>Nhóm & \"bạn\"  </b>|"
# 1432 against 1210: +222, 222/1210 = 18.3 %; 29.2 - 26.9 = 2.3 points.
check_grep "sentence: messages against the previous period" "$T/text" \
	"1.432 tin nhắn của 212 người gửi, tăng 222 (18,3%) so với kỳ trước"
check_grep "sentence: participation against the previous period" "$T/text" \
	"Tỷ lệ cư dân tham gia đạt 29,2%, tăng 2,3 điểm phần trăm so với kỳ trước"
# thon.csv: lowest 22.7 (Thôn Hòa Bình), highest 33.8 (Thôn Đông).
check_grep "sentence: the thôn with the lowest participation" "$T/text" \
	"thấp nhất là Thôn Hòa Bình (22,7%), cao nhất là Thôn Đông (33,8%)"
# 18.5 against 24.0 minutes: 5.5 minutes faster.
check_grep "sentence: answer time against the previous period" "$T/text" \
	"thời gian phản hồi trung vị 18,5 phút, nhanh hơn 5,5 phút so với kỳ trước"
check "two places for the officer, marked" "$(fact highlighted)" "2"
check_grep "recipients" "$T/text" "^Nơi nhận:$"
check_grep "signature" "$T/text" "^TRƯỞNG CÔNG AN XÃ$"

# Without settings.csv: blanks to fill, never a crash.
mkdir -p "$T/bare/tables"
cp "$o"/tables/*.csv "$T/bare/tables/"
rc=0
"$BH_BIN/binhyen-report" -q --out "$T/bare" 2>"$T/err2" || rc=$?
python3 "$T/docx.py" "$T/bare/report.docx" "$T/text2" "$T/rows2" >/dev/null 2>&1 || true
check "no settings.csv: exit 0" "$rc" "0"
check_grep "no settings.csv: the superior left blank" "$T/text2" "^CÔNG AN TỈNH ……$"
check_grep "no settings.csv: the unit left blank" "$T/text2" "^CÔNG AN XÃ ……$"
check_grep "no settings.csv: the HTML title leaves the commune blank" "$T/bare/report.html" \
	"<title>.* — Xã ……</title>"
# A settings.csv without the commune's row, and an unreadable one.
printf 'key,value\nperiod,2024-Q1\nunit,\n' >"$T/bare/settings.csv"
rc=0
"$BH_BIN/binhyen-report" -q --out "$T/bare" 2>"$T/err2" || rc=$?
check "settings.csv without names: exit 0" "$rc" "0"
check_grep "settings.csv without names: the period still read" "$T/bare/report.md" \
	"Kết quả thực hiện mô hình “Zalo kết nối bình yên” quý I năm 2024"
check_grep "settings.csv without names: a blank in the Markdown" "$T/bare/report.md" "CÔNG AN XÃ ……"

# LibreOffice opens it and prints it.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
	echo "ok - # SKIP LibreOffice or poppler missing (sudo make deps-test)"
	exit 0
fi
mkdir "$T/pdf"
HOME=$T timeout 300 soffice --headless -env:UserInstallation="file://$T/lo" \
	--convert-to pdf --outdir "$T/pdf" "$d" >"$T/lo.out" 2>&1 || true
p=$T/pdf/report.pdf
check "LibreOffice converts it to PDF" "$([ -s "$p" ] && echo yes)" "yes"
[ -s "$p" ] || { cat "$T/lo.out"; exit 0; }
pages=$(pdfinfo "$p" | sed -n 's/^Pages: *//p')
# 7 charts at print width, 5 tables, text: more than 4 pages, fewer than 14.
check "page count in range ($pages)" "$([ "$pages" -ge 5 ] && [ "$pages" -le 13 ] && echo yes)" "yes"
pdftotext -layout "$p" "$T/pdf.txt"
check_grep "PDF text: the state" "$T/pdf.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
check_grep "PDF text: BÁO CÁO" "$T/pdf.txt" "BÁO CÁO"
check_grep "PDF text: the unit" "$T/pdf.txt" "CÔNG AN XÃ BÌNH AN"
check_grep "PDF text: a table row" "$T/pdf.txt" "Số tin nhắn *1.432 *1.210"
check_grep "PDF text: the signature" "$T/pdf.txt" "TRƯỞNG CÔNG AN XÃ"
pdftotext -f 1 -l 1 "$p" "$T/p1.txt"
check_grep "PDF: the header block on page 1" "$T/p1.txt" "Độc lập - Tự do - Hạnh phúc"
n=$(pdfimages -list "$p" | awk 'NR > 2 && $3 == "image"' | wc -l)
check "PDF: the charts are there" "$n" "$charts"
page_w=$(pdfinfo "$p" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1x\2/p')
check "PDF: A4 (595x842 pt)" "$(echo "$page_w" | awk -Fx '{printf "%dx%d", $1 + .5, $2 + .5}')" "595x842"
