#!/bin/sh
# settings.sh: every output folder carries settings.csv (what made its figures),
# each value checked by another route (sha256sum, the roster file, the schema,
# config.mk); --commune/--unit/--superior are kept in the database for later runs,
# replaced when given again, refused when not one line of text; the report's
# title names the commune.
. "${BH_TOP:?}/tests/e2e/lib.sh"

g=$T/g
python3 "$BH_TOP/tests/gen/bhgen.py" --out "$g" --seed 5 --messages 1500 --months 3 \
	--start 2024-01-01 --bad 0 --no-expected --jobs 1 --quiet
db=$T/db
"$BH_BIN/binhyen-unpack" -q --db "$db" "$g"/exports/* | "$BH_BIN/binhyen-extract" -q --db "$db"
"$BH_BIN/binhyen-roster" -q --db "$db" "$g/roster.csv" 2>/dev/null || true

# val FILE KEY: the value of KEY in a key,value settings.csv (python's csv reader)
val() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["key", "value"], rows[0]
d = {}
for r in rows[1:]:
    assert len(r) == 2 and r[0] not in d, r
    d[r[0]] = r[1]
print(d.get(sys.argv[2], "<missing>"))
PY
}

o=$T/o1
rc=0
"$BH_BIN/binhyen-metrics" -q --db "$db" --period 2024-Q1 --out "$o" --commune "Xã Bình An" \
	--unit "Công an xã Bình An" --superior "Công an tỉnh Hà Tĩnh" 2>"$T/err" || rc=$?
check "metrics with the three names exits 0" "$rc" 0
s=$o/settings.csv
check "settings.csv starts with a BOM and the header" "$(head -c 12 "$s" | od -An -c | tr -s ' ')" \
	" 357 273 277 k e y , v a l u e"
missing=
for k in commune period period_start period_end cutoff_day responders min_thon_members \
	lexicon_sha256 reviews_sha256 roster_rows binhyen_version schema_version generated_at unit superior; do
	[ "$(val "$s" $k)" != "<missing>" ] || missing="$missing $k"
done
check "settings.csv has every key of product.md, and unit, superior" "$missing" ""
check "commune" "$(val "$s" commune)" "Xã Bình An"
check "unit" "$(val "$s" unit)" "Công an xã Bình An"
check "superior" "$(val "$s" superior)" "Công an tỉnh Hà Tĩnh"
check "period" "$(val "$s" period)" "2024-Q1"
check "period_start" "$(val "$s" period_start)" "2024-01-01"
check "period_end" "$(val "$s" period_end)" "2024-03-31"
check "no cut-off day: empty" "$(val "$s" cutoff_day)" ""
check "responders default" "$(val "$s" responders)" "officer"
check "min_thon_members default" "$(val "$s" min_thon_members)" "10"
check "lexicon_sha256 of the built-in lexicon" "$(val "$s" lexicon_sha256)" \
	"$(sha256sum "$BH_TOP/data/lexicon.tsv" | cut -d' ' -f1)"
check "no review file: empty reviews_sha256" "$(val "$s" reviews_sha256)" ""
rows=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";"))) - 1)' "$g/roster.csv")
check "roster_rows: the roster file's rows" "$(val "$s" roster_rows)" "$rows"
check "binhyen_version: config.mk's VERSION" "$(val "$s" binhyen_version)" \
	"$(sed -n 's/^VERSION = //p' "$BH_TOP/config.mk")"
check "schema_version: the database's user_version" "$(val "$s" schema_version)" "$(q "$db" 'PRAGMA user_version')"
case $(val "$s" generated_at) in
[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]+07:00) ok "generated_at: local time" ;;
*) notok "generated_at: local time" "got: $(val "$s" generated_at)" ;;
esac
check "settings.csv is shareable (0644)" "$(stat -c %a "$s")" 644
check "period_start equals the summary's" "$(val "$s" period_start)" \
	"$(grep '^period_start,' "$o/tables/summary.csv" | cut -d, -f2)"
"$BH_BIN/binhyen-report" -q --out "$o" --period 2024-Q1
check_grep "the HTML report's title names the commune" "$o/report.html" "<title>.*— Xã Bình An</title>"
check_grep "the HTML report's header block names the unit" "$o/report.html" "<b>CÔNG AN XÃ BÌNH AN</b>"
check_grep "the Markdown report's header block names the unit" "$o/report.md" "^\*\*CÔNG AN XÃ BÌNH AN\*\*"

# A later run without the names reuses them; other settings are recorded as given.
printf 'tip_id,verdict,value,note\n' >"$T/reviews.csv"
cp "$BH_TOP/data/lexicon.tsv" "$T/lex.tsv"
printf 'trom_cap\ttip\tcon gà bị mất\n' >>"$T/lex.tsv"
o=$T/o2
"$BH_BIN/binhyen-metrics" -q --db "$db" --period 2024-03 --cutoff-day 15 --out "$o" \
	--responders officer,staff --min-thon-members 3 --lexicon "$T/lex.tsv" --reviews "$T/reviews.csv"
s=$o/settings.csv
check "stored commune reused" "$(val "$s" commune)" "Xã Bình An"
check "stored superior reused" "$(val "$s" superior)" "Công an tỉnh Hà Tĩnh"
check "cut-off period start" "$(val "$s" period_start)" "2024-02-15"
check "cut-off period end" "$(val "$s" period_end)" "2024-03-14"
check "cutoff_day" "$(val "$s" cutoff_day)" "15"
check "responders as given" "$(val "$s" responders)" "officer,staff"
check "min_thon_members as given" "$(val "$s" min_thon_members)" "3"
check "lexicon_sha256 of --lexicon" "$(val "$s" lexicon_sha256)" "$(sha256sum "$T/lex.tsv" | cut -d' ' -f1)"
check "reviews_sha256 of --reviews" "$(val "$s" reviews_sha256)" "$(sha256sum "$T/reviews.csv" | cut -d' ' -f1)"

# Given again, a name replaces the stored one; a name that looks like a formula is guarded.
"$BH_BIN/binhyen-metrics" -q --db "$db" --period 2024-Q1 --out "$o" --commune "Xã Hòa Bình" --unit "=1+1"
check "a new --commune replaces the stored one" "$(val "$o/settings.csv" commune)" "Xã Hòa Bình"
check "the database holds the new name" "$(q "$db" "SELECT value FROM settings WHERE key='commune'")" "Xã Hòa Bình"
check "a formula-like name is written with the ' guard" "$(val "$o/settings.csv" unit)" "'=1+1"
check "superior kept" "$(val "$o/settings.csv" superior)" "Công an tỉnh Hà Tĩnh"

rc=0
"$BH_BIN/binhyen-metrics" -q --db "$db" --period 2024-Q1 --out "$o" --commune "$(printf 'Xã\nBình')" 2>"$T/err" || rc=$?
check "a name with a line break is a usage error (2)" "$rc" 2
check_grep "it says to write it on one line" "$T/err" "on one line"
check "the stored name is unchanged" "$(q "$db" "SELECT value FROM settings WHERE key='commune'")" "Xã Hòa Bình"
