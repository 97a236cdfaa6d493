#!/bin/sh
# compare.sh: binhyen compare on three generated communes run through the real
# stages: every value of communes.csv is the commune's own summary.csv value
# (joined in Python, by the commune named in each folder's settings.csv), tip
# figures of a commune under --min-members withheld, totals only where additive;
# the refusals (periods, a commune twice, not an output, no settings.csv, an
# output folder not ours) and the warning on different settings.
. "${BH_TOP:?}/tests/e2e/lib.sh"

gen() {	# seed folder
	python3 "$BH_TOP/tests/gen/bhgen.py" --out "$2" --seed "$1" --messages 1500 --months 6 \
		--start 2024-01-01 --bad 0 --no-expected --jobs 1 --quiet
}
ingest_roster() {	# gen-folder db roster
	"$BH_BIN/binhyen-unpack" -q --db "$2" "$1"/exports/* | "$BH_BIN/binhyen-extract" -q --db "$2"
	"$BH_BIN/binhyen-roster" -q --db "$2" "$3" 2>/dev/null || true
}
commune() {	# db out name [metrics options]: the stages after ingest, as binhyen run runs them
	db=$1 out=$2 name=$3; shift 3
	"$BH_BIN/binhyen-metrics" -q --db "$db" --period 2024-Q2 --out "$out" --commune "$name" "$@"
	"$BH_BIN/binhyen-plot" -q --out "$out"
	"$BH_BIN/binhyen-report" -q --out "$out" --period 2024-Q2
}

A="Xã Bình An"
B="Phường Nguyễn Trung Trực Thành phố Hà Tĩnh"
C="Xã \"Đông\" <b>Tây</b> 'Nam'"
gen 21 "$T/ga"; gen 22 "$T/gb"; gen 23 "$T/gc"
# the third commune's roster: its officers and 20 residents only (fewer than 30)
python3 - "$T/gc/roster.csv" "$T/gc/small.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig", newline="").read().split("\r\n")
out, residents = [lines[0]], 0
for l in lines[1:]:
    if not l:
        continue
    if l.rsplit(";", 1)[-1].lower() in ("resident", "người dân"):
        residents += 1
        if residents > 20:
            continue
    out.append(l)
open(sys.argv[2], "w", encoding="utf-8", newline="").write("\r\n".join(out) + "\r\n")
PY
ingest_roster "$T/ga" "$T/a.db" "$T/ga/roster.csv"
ingest_roster "$T/gb" "$T/b.db" "$T/gb/roster.csv"
ingest_roster "$T/gc" "$T/c.db" "$T/gc/small.csv"
commune "$T/a.db" "$T/send/a" "$A"
commune "$T/b.db" "$T/send/b" "$B"
commune "$T/c.db" "$T/send/c" "$C"
# what a commune sends: never internal/
rm -rf "$T"/send/*/internal

rc=0
"$BH_BIN/binhyen" compare --out "$T/cmp" "$T/send/a" "$T/send/b" "$T/send/c" 2>"$T/err" || rc=$?
check "binhyen compare of three communes exits 0" "$rc" 0
for f in report.html report.md report.docx tables/communes.csv tables/totals.csv tables/commune_settings.csv tables.xlsx; do
	[ -s "$T/cmp/$f" ] || notok "compare writes $f"
done
check "no message on the screen but progress" "$(grep -v -e ': wrote ' -e 'charts drawn' -e 'compared 3 communes' "$T/err")" ""

# Independent route: each row joined to its folder's summary.csv by the commune
# its settings.csv names; every column carried exactly, the withheld ones empty.
python3 - "$T/cmp/tables/communes.csv" "$T"/send/a "$T"/send/b "$T"/send/c >"$T/join" <<'PY'
import csv, sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))
tab = rows(sys.argv[1])
head, body = tab[0], tab[1:]
contract = ("commune,period_start,period_end,groups,messages,senders,members,active_members,"
    "participation_pct,officer_posts,tips,tips_answered,tips_answered_pct,tip_response_median_min,"
    "tips_within_1h_pct,questions,questions_answered_pct,joins,leaves").split(",")
want_head = contract + ["prev_" + c for c in contract[1:]]
print("header" if head[:len(want_head)] == want_head else "bad header %s" % head)
tipcols = {"tips", "tips_answered", "tips_answered_pct", "tip_response_median_min",
           "tips_within_1h_pct", "tip_response_p90_min"}
folders = {}
for d in sys.argv[2:]:
    s = dict(r for r in rows(d + "/settings.csv")[1:])
    summ = {r[0]: r for r in rows(d + "/tables/summary.csv")[1:]}
    folders[s["commune"]] = summ
print("rows %d" % len(body))
for r in body:
    rec = dict(zip(head, r))
    summ = folders[rec["commune"]]
    members = float(summ["members"][1] or 0)
    withheld = members < 30
    bad = []
    for c in head:
        if c in ("commune", "tips_withheld"):
            continue
        prev = c.startswith("prev_")
        m = c[5:] if prev else c
        want = summ[m][2 if prev else 1] if m in summ else "<no metric>"
        if withheld and m in tipcols:
            want = ""
        if rec[c] != want:
            bad.append("%s=%r want %r" % (c, rec[c], want))
    if rec["tips_withheld"] != ("1" if withheld else "0"):
        bad.append("tips_withheld=%s" % rec["tips_withheld"])
    print("%s: %s%s" % (rec["commune"], "withheld " if withheld else "",
        "ok" if not bad else "; ".join(bad)))
PY
check "communes.csv: the contract's columns first, then their prev_value" "$(sed -n 1p "$T/join")" header
check "communes.csv: one row per commune" "$(sed -n 2p "$T/join")" "rows 3"
check "row of $A: every value its own summary's" "$(grep -F "$A:" "$T/join")" "$A: ok"
check "row of $B: every value its own summary's" "$(grep -F "$B:" "$T/join")" "$B: ok"
check "row of the small commune: tip figures withheld, the rest its summary's" \
	"$(grep -F "$C:" "$T/join")" "$C: withheld ok"
check "rows sorted by commune" "$(python3 -c 'import csv,sys; r=[x[0] for x in csv.reader(open(sys.argv[1],encoding="utf-8-sig"))][1:]; print(r[0][:6], len(r))' "$T/cmp/tables/communes.csv")" "Phường 3"

# Totals: sums of the additive figures over the communes (the withheld ones
# left out of the tip counts), never of percentages or medians.
python3 - "$T/cmp/tables/totals.csv" "$T"/send/a "$T"/send/b "$T"/send/c >"$T/totals" <<'PY'
import csv, sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))
got = {r[0]: r for r in rows(sys.argv[1])[1:]}
summ = [{r[0]: r for r in rows(d + "/tables/summary.csv")[1:]} for d in sys.argv[2:]]
bad = []
for m in ("groups", "messages", "members", "active_members", "officer_posts", "questions",
          "joins", "leaves", "tips", "tips_answered"):
    for col in (1, 2):
        use = [s for s in summ if not (m.startswith("tips") and float(s["members"][1]) < 30)]
        vals = [s[m][col] for s in use if s[m][col] != ""]
        want = "%d" % sum(int(v) for v in vals) if vals else ""
        if got[m][col] != want:
            bad.append("%s[%d]=%s want %s" % (m, col, got[m][col], want))
for m in ("senders", "participation_pct", "tips_answered_pct", "tip_response_median_min",
          "tips_within_1h_pct", "questions_answered_pct", "tip_response_p90_min"):
    if got[m][1:3] != ["", ""] or got[m][5] != "0":
        bad.append("%s not empty: %s" % (m, got[m]))
print("; ".join(bad) or "ok")
PY
check "totals: additive figures summed, ratios and medians left empty" "$(cat "$T/totals")" ok

h=$T/cmp/report.html
check_grep "report: the commune names, escaped" "$h" "Xã &quot;Đông&quot; &lt;b&gt;Tây&lt;/b&gt; &#39;Nam&#39;"
check_nogrep "report: no raw markup from a name" "$h" "<b>Tây"
check_grep "report: medians and ratios are not added up" "$h" "không cộng được"
check_grep "report: withheld tip figures say so" "$h" "<td class=\"n\">ẩn</td>"
check_grep "report: the period" "$h" "Quý II năm 2024"
check_grep "report: the charts inside" "$h" "data:image/png;base64,"
check_grep "report.md links its charts" "$T/cmp/report.md" "(charts/compare_participation.png)"
check_nogrep "report: no warning of different settings" "$h" "khác nhau"
n=0
for c in compare_participation compare_tips compare_response compare_posts; do
	f=$T/cmp/charts/$c.png
	if [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] && [ -s "${f%.png}.svg" ]; then
		n=$((n + 1))
	fi
done
check "four charts, PNG and SVG" "$n" 4
check "report.docx: a Word document holding the table and every chart" "$(python3 - "$T/cmp/report.docx" <<'PY'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
doc = z.read("word/document.xml").decode()
xml.dom.minidom.parseString(doc)
print("Xã Bình An" in doc, "không cộng được" in doc,
      sorted(n for n in z.namelist() if n.startswith("word/media/")))
PY
)" "True True ['word/media/compare_participation.png', 'word/media/compare_posts.png', 'word/media/compare_response.png', 'word/media/compare_tips.png']"
check "the charts' scripts are not left behind" "$(ls -a "$T/cmp/charts" | grep -c plot)" 0

# Refusals: nothing written, exit 2, the folders named.
refused() {	# name expected-pattern folders...
	name=$1 pat=$2; shift 2
	rm -rf "$T/ref"
	rc=0
	"$BH_BIN/binhyen-compare" --out "$T/ref" "$@" 2>"$T/err" || rc=$?
	check "$name: exit 2" "$rc" 2
	check_grep "$name: says why" "$T/err" "$pat"
	check "$name: nothing written" "$(ls "$T/ref" 2>/dev/null | wc -l)" 0
}
"$BH_BIN/binhyen-metrics" -q --db "$T/a.db" --period 2024-Q1 --out "$T/send/a-q1" --commune "Xã Khác"
refused "different periods" "send/a-q1' (Xã Khác): period 2024-Q1, 2024-01-01 to 2024-03-31" \
	"$T/send/a" "$T/send/a-q1"
check_grep "different periods: the other folder named too" "$T/err" "send/a' ($A): period 2024-Q2"
cp -r "$T/send/a" "$T/send/a2"
refused "the same commune twice" "send/a' and '.*send/a2' are both of $A" "$T/send/a" "$T/send/b" "$T/send/a2"
"$BH_BIN/binhyen-metrics" -q --db "$T/a.db" --period 2024-Q2 --out "$T/send/a3" --commune "xã  BÌNH AN"
refused "the same commune, written otherwise" "are both of" "$T/send/a" "$T/send/a3"
mkdir -p "$T/empty"
refused "an empty folder" "empty' has no settings.csv" "$T/send/a" "$T/empty"
cp -r "$T/send/b" "$T/nosettings"; rm "$T/nosettings/settings.csv"
refused "a folder without settings.csv" "nosettings' has no settings.csv" "$T/send/a" "$T/nosettings"
refused "a file, not a folder" "is not a folder" "$T/send/a" "$T/send/a/report.html"
cp -r "$T/send/b" "$T/nosummary"; rm "$T/nosummary/tables/summary.csv"
refused "a folder without its summary" "nosummary' has no tables/summary.csv" "$T/send/a" "$T/nosummary"
cp -r "$T/send/b" "$T/noname"; sed -i "s/^commune,.*/commune,/" "$T/noname/settings.csv"
refused "a folder that names no commune" "noname' names no commune" "$T/send/a" "$T/noname"
mkdir -p "$T/mine"; echo keep >"$T/mine/notes.txt"
rc=0
"$BH_BIN/binhyen-compare" --out "$T/mine" "$T/send/a" "$T/send/b" 2>"$T/err" || rc=$?
check "an output folder that is not ours: exit 2" "$rc" 2
check "an output folder that is not ours: left as it was" "$(ls "$T/mine")" notes.txt

# Different settings: compared, exit 1, each difference named on screen and in the report.
commune "$T/b.db" "$T/send/b2" "$B" --responders officer,staff --min-thon-members 5
rc=0
"$BH_BIN/binhyen-compare" -q --out "$T/cmp2" "$T/send/a" "$T/send/b2" "$T/send/c" 2>"$T/err" || rc=$?
check "different settings: done, exit 1" "$rc" 1
check_grep "different settings: responders named on screen" "$T/err" "different settings: responders: .*'officer,staff' in $B"
check_grep "different settings: the other value too" "$T/err" "different settings: responders: .*'officer' in [^;]*$A"
check_grep "different settings: min_thon_members named on screen" "$T/err" "different settings: min_thon_members: .*'5' in $B"
check_grep "different settings: the report names --responders" "$T/cmp2/report.html" "class=\"warn\">.*(--responders)"
check_grep "different settings: the report names --min-thon-members" "$T/cmp2/report.html" "class=\"warn\">.*(--min-thon-members)"
check "different settings: communes.csv still written" "$(grep -c . "$T/cmp2/tables/communes.csv")" 4
sed -i 's/^binhyen_version,.*/binhyen_version,0.0.9/' "$T/send/b2/settings.csv"
"$BH_BIN/binhyen-compare" -q --out "$T/cmp2" "$T/send/a" "$T/send/b2" 2>"$T/err" || true
check_grep "different versions named" "$T/err" "binhyen_version: "

# --min-members: 0 withholds nothing.
"$BH_BIN/binhyen-compare" -q --min-members 0 --out "$T/cmp3" "$T/send/c" 2>"$T/err"
check "--min-members 0: the small commune's tips shown" \
	"$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding="utf-8-sig"))); print(r[0]["tips"] == [x for x in csv.reader(open(sys.argv[2],encoding="utf-8-sig")) if x[0]=="tips"][0][1], r[0]["tips_withheld"])' \
	"$T/cmp3/tables/communes.csv" "$T/send/c/tables/summary.csv")" "True 0"
check "--help exits 0" "$("$BH_BIN/binhyen-compare" --help >/dev/null; echo $?)" 0
rc=0; "$BH_BIN/binhyen-compare" 2>/dev/null || rc=$?
check "no folder: usage error (2)" "$rc" 2
