#!/bin/sh
# no_english.sh: a run in the default language (no LANGUAGE, no LANG) writes no
# English label meant for people in any chart, table or document: report.html,
# report.md, report.docx, tables.xlsx (sheet names, headers, labels, notes) and
# the charts' SVG text. Codes (snake_case ids such as participation_pct,
# trom_cap) and English words a label could fall back to are searched for;
# data (the ledger's file names) and commands the report quotes are not
# labels; "Video" is Vietnamese too. The machines' tables/*.csv keep their
# codes and are not searched.
# With settings.csv the charts' titles name the commune.
. "$(dirname "$0")/lib.sh"
unset LANGUAGE LANG LC_MESSAGES
LC_ALL=C.UTF-8
python3 "$BH_TOP/tests/gen/bhgen.py" --out "$T/g" --seed 11 --messages 1500 --months 6 \
	--start 2024-01-01 --no-expected >/dev/null
o=$T/out
rc=0
"$BH_BIN/binhyen" run -q --db "$T/db" --roster "$T/g/roster.csv" --period 2024-Q2 --out "$o" \
	"$T"/g/exports/* 2>"$T/err" || rc=$?
check "the run writes its outputs (exit 0 or 1: the sample has bad records on purpose)" \
	"$([ $rc -le 1 ] && [ -s "$o/report.docx" ] && [ -s "$o/tables.xlsx" ] && echo yes)" "yes"
# The commune's names, given to binhyen-metrics (kept in the database, written
# to settings.csv), then the charts and the documents again.
"$BH_BIN/binhyen-metrics" -q --db "$T/db" --period 2024-Q2 --out "$o" --commune "Xã Bình An" \
	--unit "Công an xã Bình An" --superior "Công an tỉnh Hà Tĩnh" 2>>"$T/err" || true
check_grep "settings.csv names the commune" "$o/settings.csv" "^commune,Xã Bình An"
charts=0
if command -v gnuplot >/dev/null 2>&1; then
	"$BH_BIN/binhyen-plot" -q --out "$o" && charts=1
fi
"$BH_BIN/binhyen-report" -q --out "$o"

cat >"$T/words.py" <<'EOF'
import glob, html, re, sys, zipfile
import xml.etree.ElementTree as ET
o = sys.argv[1]
texts = []	# (where, text)
h = open(o + '/report.html', encoding='utf-8').read()
h = re.sub(r'<style>.*?</style>', ' ', h, flags=re.S)
h = re.sub(r'src="data:[^"]*"', ' ', h)
for a in re.findall(r'alt="([^"]*)"', h):
    texts.append(('report.html alt', html.unescape(a)))
texts.append(('report.html', html.unescape(re.sub(r'<[^>]*>', ' ', h))))
md = open(o + '/report.md', encoding='utf-8').read()
texts.append(('report.md', re.sub(r'\]\(charts/[a-z_]+\.png\)', ']', md)))
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
z = zipfile.ZipFile(o + '/report.docx')
for n in ('word/document.xml', 'word/header1.xml'):
    texts.append(('report.docx ' + n, ' '.join(t.text or '' for t in ET.fromstring(z.read(n)).iter(W + 't'))))
texts.append(('report.docx title', ' '.join(ET.fromstring(z.read('docProps/core.xml')).itertext())))
S = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(o + '/tables.xlsx')
wb = ET.fromstring(z.read('xl/workbook.xml'))
names = [s.get('name') for s in wb.iter(S + 'sheet')]
texts.append(('tables.xlsx sheet names', ' ; '.join(names)))
for n in sorted(z.namelist()):
    if re.match(r'xl/(worksheets/sheet\d+|sharedStrings|comments\d+)\.xml$', n):
        x = ET.fromstring(z.read(n))
        rows = list(x.iter(S + 'row')) or [x]
        for i, r in enumerate(rows):
            t = ' | '.join(e.text or '' for e in r.iter(S + 't'))
            # the ledger's rows name the input files: data, not labels
            if n == 'xl/worksheets/sheet%d.xml' % (names.index('Nguồn dữ liệu') + 1) and i > 0:
                continue
            texts.append(('tables.xlsx ' + n, t))
for f in sorted(glob.glob(o + '/charts/*.svg')):
    x = open(f, encoding='utf-8').read()
    for t in re.findall(r'<text[^>]*>(.*?)</text>', x, flags=re.S):
        texts.append((f[len(o) + 1:], html.unescape(re.sub(r'<[^>]*>', '', t))))
english = set('''messages message tips tip questions question answered unanswered week weeks weekly
weekday hour hours members member active participation summary groups group category categories
kind kinds type types bucket buckets topic topics posts post officer officers resident residents
joins join leaves leave value values previous prev last year years total none unknown null nan
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december date dates period start end median response responses
reactions replies engaged withheld yes true false chart charts count sender senders text photo
voice file sticker link contact location poll recalled other records stored duplicates
rejected skipped source entry missing error warning page figure table minutes pct percent rate
day days month months thon name uid display reviewed review verdict note acknowledged ack
first'''.split())
# commands and file names the report quotes for the officer to type
quoted = re.compile(r'apt-get install [a-z -]+|binhyen [a-z]+( --[a-z]+ [A-ZĐƯƠ_]+)?|'
                    r'tables/\*\.csv|tables\.xlsx|internal/|--lexicon|gnuplot|'
                    r'[a-z_]+\.(csv|png|svg|xlsx|docx|html|md)\b')
found = {}
for where, t in texts:
    t = quoted.sub(' ', t)
    for w in re.findall(r'[A-Za-z_]+(?:-[A-Za-z_]+)*', t):
        lw = w.lower()
        if re.fullmatch(r'[a-z]+(_[a-z0-9]+)+', lw) or lw in english:
            found.setdefault(where, set()).add(w)
print('sources %d' % len(texts))
for where in sorted(found):
    print('english %s: %s' % (where, ' '.join(sorted(found[where]))))
svgs = [t for w, t in texts if w.startswith('charts/')]
print('commune_in_charts %d' % sum('Xã Bình An' in t for t in svgs))
EOF
python3 "$T/words.py" "$o" >"$T/words" 2>"$T/pyerr" || cat "$T/pyerr"
check "the outputs were read ($(sed -n 's/^sources //p' "$T/words") texts)" \
	"$(awk '/^sources/ { print ($2 > 100) ? "yes" : "no" }' "$T/words")" "yes"
check "no English label or code in any chart, table or document" "$(grep -c '^english' "$T/words")" 0
grep '^english' "$T/words" | sed 's/^/#   /' | head -20
# The test can fail: an English header put into a copy of the workbook is found.
mkdir -p "$T/bad/charts"
cp "$o/report.html" "$o/report.md" "$o/report.docx" "$T/bad/"
python3 - "$o/tables.xlsx" "$T/bad/tables.xlsx" <<'EOF'
import sys, zipfile
a = zipfile.ZipFile(sys.argv[1]); b = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for n in a.namelist():
    d = a.read(n)
    if n == 'xl/worksheets/sheet2.xml':
        d = d.replace('Tên nhóm'.encode(), b'first_message', 1)
    b.writestr(n, d)
EOF
python3 "$T/words.py" "$T/bad" >"$T/words.bad" 2>&1 || true
check_grep "a code left in a header would be found" "$T/words.bad" "^english tables.xlsx .*first_message"
if [ $charts -eq 1 ]; then
	check "every chart's title names the commune" "$(sed -n 's/^commune_in_charts //p' "$T/words")" \
		"$(ls "$o"/charts/*.svg | wc -l)"
fi
# End to end: the names given to binhyen-metrics head the Word report.
python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())' \
	"$o/report.docx" >"$T/doc.xml"
check "end to end: the DOCX header block names the superior and the unit" \
	"$(grep -o 'CÔNG AN TỈNH HÀ TĨNH\|CÔNG AN XÃ BÌNH AN\|Bình An, ngày' "$T/doc.xml" | sort | tr '\n' ';')" \
	"Bình An, ngày;CÔNG AN TỈNH HÀ TĨNH;CÔNG AN XÃ BÌNH AN;"
