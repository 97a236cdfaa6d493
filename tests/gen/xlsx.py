#!/usr/bin/env python3
"""xlsx.py: writes a workbook the way Excel saves one, for the tests of the
roster and review readers (independent of binhyen's own writer).

    python3 tests/gen/xlsx.py OUT.xlsx < spec.json

spec: {"sheets": [{"name": "Sheet1", "rows": [ROW, ...]}, ...], "order": [..]}
ROW: a list of cells (row numbers follow), or {"r": N, "c": [cells]}.
A cell: null (absent), "text" (shared string, as Excel stores typed text),
{"t": "text"} (shared string in a column formatted Text, style numFmt 49),
{"i": "text"} (inline string, as some programs write), {"n": "5.2E+18"} (a
number cell, e.g. a uid column typed Number), {"b": true}.
The first sheet of "sheets" is the first tab; "order" (optional) lists the
zip entries' sheet indexes in the order written (Excel's order may differ).
"""
import json
import sys
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main():
    out = sys.argv[1]
    spec = json.load(sys.stdin)
    sst, sst_index = [], {}

    def shared(text):
        if text not in sst_index:
            sst_index[text] = len(sst)
            sst.append(text)
        return sst_index[text]

    sheets_xml = []
    for sh in spec["sheets"]:
        rows, rnum = [], 0
        for row in sh["rows"]:
            if isinstance(row, dict):
                rnum, cells = row["r"], row["c"]
            else:
                rnum, cells = rnum + 1, row
            cx = []
            for ci, c in enumerate(cells):
                ref = "%s%d" % (col_name(ci), rnum)
                if c is None:
                    continue
                if isinstance(c, str):
                    cx.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, shared(c)))
                elif "t" in c:
                    cx.append('<c r="%s" s="1" t="s"><v>%d</v></c>' % (ref, shared(c["t"])))
                elif "i" in c:
                    cx.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>'
                              % (ref, escape(c["i"])))
                elif "n" in c:
                    cx.append('<c r="%s"><v>%s</v></c>' % (ref, c["n"]))
                elif "b" in c:
                    cx.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, 1 if c["b"] else 0))
            rows.append('<row r="%d" spans="1:%d" x14ac:dyDescent="0.25">%s</row>'
                        % (rnum, max(len(cells), 1), "".join(cx)))
        sheets_xml.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<worksheet %s %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
            '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
            '<sheetData>%s</sheetData>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>' % (NS, RNS, "".join(rows)))

    n = len(sheets_xml)
    # rIds: the workbook's first tab is rId3 + ..., not rId1, as Excel numbers them at times
    rid = ["rId%d" % (n - i + 2) for i in range(n)]
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<workbook %s %s><bookViews><workbookView/></bookViews><sheets>%s</sheets></workbook>'
                % (NS, RNS, "".join('<sheet name="%s" sheetId="%d" r:id="%s"/>'
                                    % (escape(sh["name"]), i + 1, rid[i])
                                    for i, sh in enumerate(spec["sheets"]))))
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            + "".join('<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                      'Target="worksheets/sheet%d.xml"/>' % (rid[i], i + 1) for i in range(n))
            + '</Relationships>')
    sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
               '<sst %s count="%d" uniqueCount="%d">%s</sst>'
               % (NS, len(sst), len(sst),
                  "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in sst)))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              '<styleSheet %s><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="49" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '</styleSheet>' % NS)
    ctypes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
              + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(n))
              + '</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>')
    order = spec.get("order", list(range(n)))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ctypes)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for i in order:
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), sheets_xml[i])
        z.writestr("xl/styles.xml", styles)
        # Excel writes the shared strings after the sheets
        z.writestr("xl/sharedStrings.xml", sst_xml)


if __name__ == "__main__":
    main()
