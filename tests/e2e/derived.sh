#!/bin/sh
# derived.sh: the derived data binhyen-metrics keeps in the database (tips with
# their bursts, each group's senders and times) stay right as the database
# changes: after archives added one by one (new messages, and merges that fill
# a text of a message already read), a roster change (who answers), another
# lexicon, a purge, every report equals the one of a database built fresh from
# the same data, and the derived tips equal the fresh database's.
. "$(dirname "$0")/lib.sh"
gen=$BH_TOP/tests/gen/bhgen.py
B=$BH_BIN

python3 "$gen" --out "$T/g" --messages 6000 --months 6 --no-expected --quiet >/dev/null 2>&1 ||
	{ notok "derived: the generator failed"; exit 0; }
set -- "$T"/g/exports/*
narch=$#

# same LABEL DIR1 DIR2: every CSV of the two outputs (tables/, internal/, ledger.csv) equal
same() {
	d=
	[ -d "$2/tables" ] && [ -d "$3/tables" ] || { notok "$1" "no output in $2 or $3"; return 0; }
	for f in $(cd "$2" && find tables internal ledger.csv -name '*.csv' | sort); do
		cmp -s "$2/$f" "$3/$f" || d="$d $f"
	done
	n=$(cd "$2" && find tables internal -name '*.csv' | wc -l)
	if [ -z "$d" ] && [ "$n" -gt 10 ]; then ok "$1 ($n tables)"
	else notok "$1" "differ:${d:- (none)}; tables: $n"; fi
}
# tips DB: the derived tips, independent of the message ids (which differ
# between databases filled in another order)
tips() {
	q "$1" "SELECT group_id, sender, ts, category, kind, end_ts FROM derived_tips ORDER BY 1, 2, 3" |
	    sha256sum | cut -c1-16
}
report() {	# DB PERIOD OUT [options]
	db=$1 p=$2 o=$3
	shift 3
	rm -rf "$o"
	"$B/binhyen-metrics" -q --db "$db" --period "$p" --out "$o" "$@" 2>/dev/null || true
}
roster() { "$B/binhyen-roster" -q --db "$1" "$2" 2>/dev/null || true; }
# rebuilt SRC DST: a copy of SRC whose derived data its next report builds again
rebuilt() {
	cp "$1" "$2"
	q "$2" 'DELETE FROM derived_state' >/dev/null
}

# The fresh database: every archive at once.
ingest "$T/fresh.db" "$@"
roster "$T/fresh.db" "$T/g/roster.csv"
report "$T/fresh.db" 2024-03 "$T/fresh-03"
report "$T/fresh.db" 2024-Q2 "$T/fresh-q2"
check "fresh: the derived data hold every message" \
    "$(q "$T/fresh.db" 'SELECT last_id = (SELECT max(id) FROM messages) FROM derived_state')" 1

# The same archives one by one, a report after each.
i=0
for a in "$@"; do
	i=$((i + 1))
	ingest "$T/inc.db" "$a"
	[ $i -gt 1 ] || roster "$T/inc.db" "$T/g/roster.csv"
	[ $i -lt "$narch" ] || dirty=$(q "$T/inc.db" 'SELECT count(*) FROM derived_dirty')
	report "$T/inc.db" 2024-0$i "$T/inc-$i"
done
check "archives one by one: merges marked texts already read as changed" \
    "$(holds '[ "$dirty" -gt 0 ]')" yes
check "archives one by one: nothing left to redo after the report" \
    "$(q "$T/inc.db" 'SELECT count(*) FROM derived_dirty')" 0
check "archives one by one: the derived tips equal the fresh database's" "$(tips "$T/inc.db")" "$(tips "$T/fresh.db")"
check "archives one by one: each group's senders and times equal" \
    "$(q "$T/inc.db" 'SELECT * FROM derived_pairs ORDER BY 1, 2' | sha256sum)" \
    "$(q "$T/fresh.db" 'SELECT * FROM derived_pairs ORDER BY 1, 2' | sha256sum)"
report "$T/inc.db" 2024-03 "$T/inc-03"
same "archives one by one: the month's report equals the fresh database's" "$T/fresh-03" "$T/inc-03"
report "$T/inc.db" 2024-Q2 "$T/inc-q2"
same "archives one by one: the quarter's report equals the fresh database's" "$T/fresh-q2" "$T/inc-q2"

# A roster change: the officers answer no more, two others do.
awk -F';' 'BEGIN { OFS = ";" } NR > 1 && NR <= 3 { $4 = "Thôn 1"; $5 = "resident" } NR > 3 && NR <= 5 { $5 = "officer" } { print }' \
    "$T/g/roster.csv" > "$T/roster2.csv"
roster "$T/inc.db" "$T/roster2.csv"
report "$T/inc.db" 2024-03 "$T/inc-r2"
rebuilt "$T/fresh.db" "$T/fresh2.db"
roster "$T/fresh2.db" "$T/roster2.csv"
report "$T/fresh2.db" 2024-03 "$T/fresh-r2"
check "roster change: other tips answered" "$(holds '! cmp -s "$T/inc-03/internal/tips.csv" "$T/inc-r2/internal/tips.csv"')" yes
same "roster change: the report equals the fresh database's" "$T/fresh-r2" "$T/inc-r2"
roster "$T/inc.db" "$T/g/roster.csv"

# Another lexicon: the derived data are found again with it.
grep -v '^trom_cap	' "$BH_TOP/data/lexicon.tsv" > "$T/lex2.tsv"
report "$T/inc.db" 2024-03 "$T/inc-l2" --lexicon "$T/lex2.tsv"
rebuilt "$T/fresh.db" "$T/fresh3.db"
report "$T/fresh3.db" 2024-03 "$T/fresh-l2" --lexicon "$T/lex2.tsv"
check "another lexicon: other tips" "$(holds '! cmp -s "$T/inc-03/tables/summary.csv" "$T/inc-l2/tables/summary.csv"')" yes
same "another lexicon: the report equals the fresh database's" "$T/fresh-l2" "$T/inc-l2"
report "$T/inc.db" 2024-03 "$T/inc-l1"
same "the lexicon back: the report is the first one again" "$T/fresh-03" "$T/inc-l1"

# --group: the derived data of the others are not read.
g=$(q "$T/fresh.db" 'SELECT group_id FROM groups ORDER BY group_id LIMIT 1')
report "$T/inc.db" 2024-Q2 "$T/inc-g" --group "$g"
rebuilt "$T/fresh.db" "$T/fresh4.db"
report "$T/fresh4.db" 2024-Q2 "$T/fresh-g" --group "$g"
same "--group: the report equals the fresh database's" "$T/fresh-g" "$T/inc-g"

# A purge: the texts go, their readings stay; the derived data follow.
"$B/binhyen-purge" -q --before 2024-03-15 --db "$T/inc.db" --yes 2>/dev/null || true
check "purge: the messages whose text it removed are marked changed" \
    "$(holds '[ "$(q "$T/inc.db" "SELECT count(*) FROM derived_dirty")" -gt 0 ]')" yes
report "$T/inc.db" 2024-03 "$T/inc-p"
rebuilt "$T/inc.db" "$T/rebuilt.db"
report "$T/rebuilt.db" 2024-03 "$T/rebuilt-p"
same "purge: the report equals the one with the derived data built again" "$T/rebuilt-p" "$T/inc-p"
check "purge: the derived tips equal those built again" "$(tips "$T/inc.db")" "$(tips "$T/rebuilt.db")"
