#!/bin/sh
# ingest_gen.sh: ingest a generated commune (two officers' PC backups, a Web
# archiver's export, monthly archives nested in a zip, bad records) and compare
# every count with the figures the generator computed on its own.
. "$BH_TOP/tests/e2e/lib.sh"

python3 "$BH_TOP/tests/gen/bhgen.py" --out "$T/g" --seed 5 --messages 2500 --months 4 \
	--start 2024-01-01 --bad 4 --quiet
ingest "$T/g.db" "$T"/g/exports/*
check "generated: exit 1 (the planted bad records)" "$rc" 1

# expected/ingest.csv: metric,value (UTF-8 with BOM)
want() { sed '1s/^\xef\xbb\xbf//' "$T/g/expected/ingest.csv" | awk -F, -v m="$1" '$1 == m { print $2 }'; }
got() {
	case $1 in
	messages) q "$T/g.db" 'select count(*) from messages' ;;
	messages_*) q "$T/g.db" "select count(*) from v_messages where type = '${1#messages_}'" ;;
	groups) q "$T/g.db" 'select count(*) from groups' ;;
	reactions) q "$T/g.db" "select count(*) from reactions where icon <> ''" ;;
	member_events) q "$T/g.db" 'select count(*) from member_events' ;;
	private_skipped) q "$T/g.db" 'select sum(private_skipped) from ledger' ;;
	rejected) q "$T/g.db" 'select sum(rejected) from ledger' ;;
	records) q "$T/g.db" 'select sum(records) from ledger' ;;
	*) echo "unknown metric $1" ;;
	esac
}
for m in $(sed '1s/^\xef\xbb\xbf//' "$T/g/expected/ingest.csv" | tail -n +2 | cut -d, -f1); do
	check "generated: $m" "$(got "$m")" "$(want "$m")"
done
check "generated: every record in exactly one outcome" \
	"$(q "$T/g.db" 'select count(*) from ledger where records <> stored+duplicates+rejected+private_skipped+other_skipped')" 0
check "generated: no private text stored" \
	"$(q "$T/g.db" "select count(*) from messages m where not exists (select 1 from groups g where g.group_id = m.group_id)")" 0
# The Web archiver's files hold rows in every shape archivers save them in,
# private rows in every private form and phone reactions (scenario.txt counts
# them); none of the private rows' bytes is in the database or its files.
for shape in "bare rows" "responses" "responses' data alone" "zca-js listener objects" \
	"private: in msgs" "private: in pageMsgs" "private: listener type 0" \
	"private: listener isGroup false (a reaction)" 'private: bare, idTo "0"' "private: bare, cmd 501" \
	"reactions from the phone (gMsgID 0)" "reactions with content as a JSON string" \
	"recalls with content as a JSON string"; do
	n=$(grep -F "  $shape: " "$T/g/scenario.txt" | sed 's/.*: //')
	check "generated: the Web files hold $shape" "$([ "${n:-0}" -gt 0 ] && echo yes)" yes
done
check "generated: no byte of a private Web row in the database, -wal or -shm" \
	"$(cat "$T"/g.db* | grep -c 'Tin riêng tư' || true)" 0
check "generated: every phone reaction's target found" "$(q "$T/g.db" 'select count(*) from phone_reactions')" 0

# The same exports again, in another order, into the same database: nothing changes.
q "$T/g.db" 'select * from messages order by id' >"$T/m1"
ingest "$T/g.db" $(ls "$T"/g/exports/* | sort -r)
check "generated: rerun skips every archive" "$(grep -c 'already ingested' "$T/err")" "$(ls "$T"/g/exports | wc -l)"
q "$T/g.db" 'select * from messages order by id' >"$T/m2"
check "generated: rerun changes nothing" "$(cmp -s "$T/m1" "$T/m2" && echo same)" same

# Another order into a fresh database: the same messages (ids aside).
ingest "$T/r.db" $(ls "$T"/g/exports/* | sort -r)
norm='select group_id, msg_id, cli_msg_id, sender, ts, type, text, caption, recalled, dname from messages order by group_id, msg_id, cli_msg_id'
check "generated: order of the archives does not matter" \
	"$(q "$T/g.db" "$norm" | md5sum)" "$(q "$T/r.db" "$norm" | md5sum)"

# sender_names, kept by binhyen-extract, equals grouping the stored messages.
names='select sender, dname, last from sender_names order by 1, 2'
grouped="select sender, coalesce(dname, ''), max(ts) from messages group by 1, 2 order by 1, 2"
check "generated: sender_names kept by the ingest" "$(q "$T/g.db" "$names" | md5sum)" "$(q "$T/g.db" "$grouped" | md5sum)"
check "generated: sender_names marked complete" "$(q "$T/g.db" 'select last_id = (select max(id) from messages) from sender_names_seen')" 1
check "generated: sender_names in another order of archives" "$(q "$T/r.db" "$names" | md5sum)" "$(q "$T/r.db" "$grouped" | md5sum)"
