#!/bin/sh
# ingest.sh: binhyen-unpack | binhyen-extract on the samples and on archives made
# from them. Expected figures are the hand-counted ones of tests/fixtures/samples/README.md.
. "$BH_TOP/tests/e2e/lib.sh"

OFFICER=7312004958821134467
PCF=$SAMPLES/pc_backup_zmessage.zdb
CONV=$SAMPLES/pc_backup_zconversation.zdb
WEB=$SAMPLES/web_group_messages.json
mkdir -p "$T/s"
cp "$PCF" "$CONV" "$WEB" "$T/s/"

# --- the samples as bare files
ingest "$T/a.db" "$T/s/pc_backup_zmessage.zdb" "$T/s/pc_backup_zconversation.zdb" "$T/s/web_group_messages.json"
check "samples: exit 0" "$rc" 0
check "samples: 11 messages" "$(q "$T/a.db" 'select count(*) from messages')" 11
check "samples: types" "$(q "$T/a.db" "select group_concat(type||' '||n, ', ') from (select type, count(*) n from v_messages group by type order by type)")" "file 1, photo 2, text 8"
check "samples: private chat not stored" "$(q "$T/a.db" "select count(*) from messages where text like '%riêng%'")" 0
check "samples: ledger accounts for 15 records" \
	"$(q "$T/a.db" 'select sum(records), sum(stored), sum(duplicates), sum(rejected), sum(private_skipped), sum(other_skipped) from ledger')" \
	"15|14|0|0|1|0"
check "samples: every record in exactly one outcome" \
	"$(q "$T/a.db" 'select count(*) from ledger where records <> stored+duplicates+rejected+private_skipped+other_skipped')" 0
check "samples: group name from the conversation file" "$(q "$T/a.db" 'select name from groups')" "Zalo kết nối bình yên - xã Bùi La Nhân"
check "samples: one reaction" "$(q "$T/a.db" 'select target, reactor, icon from reactions')" "2301000000202|6020959792036905359|/-strong"
check "samples: one join" "$(q "$T/a.db" 'select member, act from member_events')" "8123456789012345678|join"
check "samples: quotes by msgId and cliMsgId" "$(q "$T/a.db" "select group_concat(q_msg_id||'/'||q_cli_msg_id, ' ') from (select * from quotes order by q_msg_id)")" \
	"2301000000104/1709262060300 2301000000201/1709344799000"
check "samples: one mention" "$(q "$T/a.db" 'select uid, type from mentions')" "6020959792036905359|0"
check "samples: file metadata" "$(q "$T/a.db" "select file_name, ext, size from media where kind='file'")" "to-khai-cccd.pdf|pdf|43541"
check "samples: database is owner-only" "$(stat -c %a "$T/a.db")" 600
check "samples: progress says what was stored" "$(grep -c 'stored' "$T/err")" 4
# Into an empty database some indexes are built after the load: all are there.
indexes="select group_concat(name, ' ') from (select name from sqlite_master where type = 'index' order by 1)"
sqlite3 "$T/schema.db" <"$BH_TOP/sql/schema.sql"
check "samples: every index of the schema, built after the load" "$(q "$T/a.db" "$indexes")" "$(q "$T/schema.db" "$indexes")"
# They are written outside the WAL, which is on again after.
check "samples: WAL again after the index build" "$(q "$T/a.db" 'pragma journal_mode')" wal
check "samples: no rollback journal left" "$(ls "$T" | grep -c 'a.db-journal')" 0
# Someone holding the database open: the indexes are built through the WAL.
ingest "$T/held.db" "$T/s/pc_backup_zconversation.zdb"
check "held: groups only, no messages yet" "$(q "$T/held.db" 'select count(*) from groups') $(q "$T/held.db" 'select count(*) from messages')" "1 0"
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("select count(*) from groups").fetchall()
open(sys.argv[2], "w").close()
time.sleep(4)' "$T/held.db" "$T/reading" &
holder=$!
wait_for "$T/reading"
ingest "$T/held.db" "$T/s/pc_backup_zmessage.zdb"
check "held: exit 0" "$rc" 0
check "held: every index built" "$(q "$T/held.db" "$indexes")" "$(q "$T/schema.db" "$indexes")"
check "held: still WAL" "$(q "$T/held.db" 'pragma journal_mode')" wal
wait "$holder" || true
# A database in rollback-journal mode (another ingest loading, or a kill during
# the load) while a writer holds it for a moment: SQLite refuses the switch to
# WAL at once, without its busy handler, so the open asks again until the
# writer is done, rather than failing with "database is locked".
q "$T/held.db" 'pragma journal_mode=delete' >/dev/null
python3 - "$T/held.db" "$T/holding" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("begin immediate")
open(sys.argv[2], "w").close()
time.sleep(2)
con.execute("commit")
PY
holder=$!
while [ ! -e "$T/holding" ]; do sleep 0.05; done
ingest "$T/held.db" "$T/s/web_group_messages.json"
wait "$holder" || true
check "held by a writer in rollback mode: the open waits, exit 0" "$rc" 0
check "held by a writer in rollback mode: no 'locked' error" "$(grep -c locked "$T/err")" 0
check "held by a writer in rollback mode: WAL after" "$(q "$T/held.db" 'pragma journal_mode')" wal
# unpack reads the database before the stream starts, then lets go of it: while
# it streams, extract has the database to itself.
python3 -c 'import sys
for i in range(40000): sys.stdout.write("{\"msgId\":\"%d\",\"content\":\"%s\"}\n" % (i, "x" * 80))' >"$T/big.json"
mkfifo "$T/fifo"
"$BH_BIN/binhyen-unpack" -q --db "$T/held.db" "$T/big.json" >"$T/fifo" 2>/dev/null &
upid=$!
sleep 5 <"$T/fifo" &	# opens the pipe, never reads
reader=$!
sleep 1
check "streaming: unpack no longer holds the database" \
	"$(ls -l /proc/$upid/fd 2>/dev/null | grep -c 'held.db')" 0
check "streaming: unpack is still writing (blocked on the full pipe)" "$(kill -0 $upid 2>/dev/null && echo alive)" alive
kill $upid $reader 2>/dev/null || true
wait $upid $reader 2>/dev/null || true

# --- the same inputs again: nothing changes
q "$T/a.db" 'select * from messages order by id' >"$T/before"
ingest "$T/a.db" "$T/s/pc_backup_zmessage.zdb" "$T/s/pc_backup_zconversation.zdb" "$T/s/web_group_messages.json"
q "$T/a.db" 'select * from messages order by id' >"$T/after"
check "rerun: exit 0" "$rc" 0
check "rerun: skipped as already ingested" "$(grep -c 'already ingested' "$T/err")" 3
check "rerun: messages unchanged" "$(cmp -s "$T/before" "$T/after" && echo same)" same
check "rerun: unchanged files known without hashing" "$(grep -c 'already ingested (unchanged)' "$T/err")" 3
touch -d '2030-01-01' "$T/s/web_group_messages.json"
ingest "$T/a.db" "$T/s/web_group_messages.json"
check "rerun: a touched file is still known by its content" "$(grep -c 'already ingested (same content)' "$T/err")" 1

# --- containers (made with bsdtar, which libarchive ships)
for fmt in zip tar tar.gz tar.xz tar.zst 7z; do
	case $fmt in
	zip) opt="--format zip" ;; tar) opt="--format ustar" ;; tar.gz) opt="-z --format ustar" ;;
	tar.xz) opt="-J --format ustar" ;; tar.zst) opt="--zstd --format ustar" ;; 7z) opt="--format 7zip" ;;
	esac
	(cd "$T/s" && bsdtar $opt -cf "$T/samples.$fmt" pc_backup_zmessage.zdb pc_backup_zconversation.zdb web_group_messages.json)
	ingest "$T/c-$fmt.db" "$T/samples.$fmt"
	check "$fmt: 11 messages, exit 0" "$(q "$T/c-$fmt.db" 'select count(*) from messages') $rc" "11 0"
done

# --- overlapping exports: every container into one database, stored once
ingest "$T/o.db" "$T/samples.zip" "$T/samples.tar.gz" "$T/samples.7z"
check "overlap: still 11 messages" "$(q "$T/o.db" 'select count(*) from messages')" 11
check "overlap: copies counted as duplicates" "$(q "$T/o.db" 'select sum(stored), sum(duplicates), sum(private_skipped) from ledger')" "14|28|3"
check "overlap: one reaction, one join" "$(q "$T/o.db" 'select (select count(*) from reactions), (select count(*) from member_events)')" "1|1"

# --- nested archives: one level read, two refused
(cd "$T" && bsdtar --format zip -cf "$T/nest1.zip" samples.tar.gz)
ingest "$T/n1.db" "$T/nest1.zip"
check "nested once: read" "$(q "$T/n1.db" 'select count(*) from messages') $rc" "11 0"
check "nested once: entry named inside its archive" "$(q "$T/n1.db" "select count(*) from ledger where entry = 'samples.tar.gz/web_group_messages.json'")" 1
(cd "$T" && bsdtar --format zip -cf "$T/nest2.zip" nest1.zip)
ingest "$T/n2.db" "$T/nest2.zip" "$WEB"
check "nested twice: exit 1" "$rc" 1
check_grep "nested twice: refused with a reason" "$T/err" "nest2.zip: nest1.zip/samples.tar.gz: archive nested more than one level deep"
check "nested twice: other inputs still read" "$(q "$T/n2.db" 'select count(*) from messages')" 3

# --- the backup owner: "0" resolved from the top folder
B=$T/b/$OFFICER/ZaloDownloads/database
mkdir -p "$B" "$T/b/$OFFICER/ZaloDownloads/picture/g4411205930127745519_group"
sed "s/\"fromUid\":\"$OFFICER\"/\"fromUid\":\"0\"/" "$PCF" >"$B/${OFFICER}_zmessage.zdb"
cp "$CONV" "$B/${OFFICER}_zconversation.zdb"
printf 'jpegbytes' >"$T/b/$OFFICER/ZaloDownloads/picture/g4411205930127745519_group/z2301000000102_0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg"
# a private chat's picture: its folder names the peer, never to be stored
PEER=7000000000000000123
mkdir -p "$T/b/$OFFICER/ZaloDownloads/picture/$PEER"
printf 'jpegbytes' >"$T/b/$OFFICER/ZaloDownloads/picture/$PEER/z2301000000999_00112233445566778899aabbccddeeff.jpg"
printf 'sqlcipher' >"$T/b/Index.db"
check "owner fixture has fromUid 0" "$(grep -c '"fromUid":"0"' "$B/${OFFICER}_zmessage.zdb")" 3
ingest "$T/f.db" "$T/b"
check "folder: exit 0" "$rc" 0
check "folder: owner's messages attributed" "$(q "$T/f.db" "select count(*) from messages where sender = '$OFFICER'")" 3
check "folder: no sender 0 left" "$(q "$T/f.db" "select count(*) from messages where sender = '0'")" 0
check "folder: media file matched to its message" "$(q "$T/f.db" "select m.msg_id from media d join messages m on m.id = d.message_id where in_archive = 1")" 2301000000102
check "folder: a private chat's picture not catalogued" "$(q "$T/f.db" "select count(*) from media_files where entry like '%$PEER%' or msg_id = '2301000000999'")" 0
check "folder: the peer's uid in no byte of the database" "$(cat "$T"/f.db* | grep -c -a "$PEER")" 0
check_grep "folder: the private picture counted" "$T/err" "1 media files of private chats skipped"
(cd "$T/b" && bsdtar --format zip -cf "$T/backup.zip" "$OFFICER" Index.db)
ingest "$T/fz.db" "$T/backup.zip"
check "zipped backup: owner from the top folder" "$(q "$T/fz.db" "select count(*) from messages where sender = '$OFFICER'")" 3
check "zipped backup: media file matched" "$(q "$T/fz.db" "select count(*) from media where in_archive = 1")" 1
check "zipped backup: the private picture not catalogued" "$(q "$T/fz.db" "select count(*) from media_files where entry like '%$PEER%'")" 0
cp "$B/${OFFICER}_zmessage.zdb" "$T/export.zdb"
ingest "$T/u.db" "$T/export.zdb"
check_grep "unknown owner: warned" "$T/err" "export.zdb: 3 messages were sent by the account that made this backup.*--owner UID"
check "unknown owner: stored as sender 0" "$(q "$T/u.db" "select count(*) from messages where sender = '0'")" 3
rm -f "$T/u.db"
ingest "$T/u.db" --owner "$OFFICER" "$T/export.zdb"
check "--owner: attributed" "$(q "$T/u.db" "select count(*) from messages where sender = '$OFFICER'")" 3

# --- encrypted backup refused, the rest still read
head -c 4096 /dev/urandom >"$T/backup.zl.zip"
ingest "$T/e.db" "$T/backup.zl.zip" "$WEB"
check "encrypted: exit 1" "$rc" 1
check_grep "encrypted: says what it is" "$T/err" "backup.zl.zip: encrypted Zalo PC backup.*decrypt it first"
check "encrypted: other input stored" "$(q "$T/e.db" 'select count(*) from messages')" 3

# --- corrupt and truncated archives
size=$(stat -c %s "$T/samples.tar.gz")
head -c $((size / 2)) "$T/samples.tar.gz" >"$T/cut.tar.gz"
ingest "$T/t.db" "$T/cut.tar.gz" "$WEB"
check "truncated: exit 1" "$rc" 1
check_grep "truncated: clear error" "$T/err" "cut.tar.gz: .*corrupt or truncated archive"
check "truncated: other input stored" "$(q "$T/t.db" "select count(*) from messages where source_id = (select id from sources where path like '%web_group%')")" 3
ingest "$T/t.db" "$T/cut.tar.gz"
check_grep "truncated again: read again and reported again" "$T/err" "cut.tar.gz: .*corrupt or truncated archive"
check "truncated again: one source row for it, status bad" "$(q "$T/t.db" "select count(*), min(status) from sources where path like '%cut.tar.gz'")" "1|bad"
head -c 3000 /dev/urandom >"$T/junk.zip"
ingest "$T/j.db" "$T/junk.zip"
check "junk zip: exit 1" "$rc" 1
check_grep "junk zip: names the file" "$T/err" "junk.zip: corrupt or truncated archive, or not an archive"

# --- bad records: rejected with file, entry and line; the rest stored
{
	sed -n 1p "$PCF"
	echo '{"msgId":"9","msgType":1,"message":"x"'
	sed -n 3p "$PCF" | sed 's/"toUid":"[^"]*",//'
	sed -n 4p "$PCF" | sed 's/"serverTime":"[^"]*",//; s/"sendDttm":"[^"]*",//'
	sed -n 5p "$PCF"
} >"$T/bad.zdb"
(cd "$T" && bsdtar --format zip -cf "$T/bad.zip" bad.zdb)
ingest "$T/r.db" "$T/bad.zip"
check "bad records: exit 1" "$rc" 1
check_grep "bad records: cut record named by line" "$T/err" "bad.zip: bad.zdb:2: record not complete"
check_grep "bad records: missing thread" "$T/err" "bad.zip: bad.zdb:3: missing thread id (toUid)"
check_grep "bad records: missing time" "$T/err" "bad.zip: bad.zdb:4: missing time"
check "bad records: ledger" "$(q "$T/r.db" 'select records, stored, rejected from ledger')" "5|2|3"
check "bad records: reasons kept" "$(q "$T/r.db" "select count(*) from ledger_reasons where outcome = 'rejected'")" 3
set +e
"$BH_BIN/binhyen-unpack" --db "$T/st.db" "$T/bad.zip" "$WEB" 2>/dev/null | "$BH_BIN/binhyen-extract" --strict --db "$T/st.db" 2>"$T/err"
rc=$?
set -e
check "strict: exit 1" "$rc" 1
check "strict: nothing of the bad source stored" "$(q "$T/st.db" 'select count(*) from messages')" 0

# --- a record over the size limit
{
	sed -n 1p "$PCF"
	printf '{"msgId":"77","msgType":1,"toUid":"g1","fromUid":"1","serverTime":"5","message":"'
	head -c 1200000 /dev/zero | tr '\0' 'a'
	echo '"}'
	sed -n 3p "$PCF"
} >"$T/big.zdb"
set +e
"$BH_BIN/binhyen-unpack" --db "$T/big.db" "$T/big.zdb" | "$BH_BIN/binhyen-extract" --max-record-mib 1 --db "$T/big.db" 2>"$T/err"
rc=$?
set -e
check "big record: exit 1" "$rc" 1
check_grep "big record: rejected by the limit" "$T/err" "big.zdb:2: record larger than the limit: 1 MiB"
check "big record: neighbours stored" "$(q "$T/big.db" 'select count(*) from messages')" 2

# --- merging copies: caption from one copy, recall from another
cat >"$T/copy.ndjson" <<'J'
{"msgId":"2301000000102","cliMsgId":"1709258999100","msgType":"chat.photo","uidFrom":"6020959792036905359","idTo":"4411205930127745519","ts":"1709259000000","content":{"title":"","description":"ảnh hiện trường","href":"https://example.invalid/o.jpg","params":"{\"width\":1280,\"height\":960}"}}
{"msgType":"chat.undo","uidFrom":"5665005889540787359","idTo":"4411205930127745519","ts":"1709262100000","content":{"globalMsgId":2301000000104,"cliMsgId":1709262060300,"deleteMsg":1}}
J
ingest "$T/a.db" "$T/copy.ndjson"
check "merge: still 11 messages" "$(q "$T/a.db" 'select count(*) from messages')" 11
check "merge: caption from the Web copy" "$(q "$T/a.db" "select caption from messages where msg_id = '2301000000102'")" "ảnh hiện trường"
check "merge: recalled by chat.undo" "$(q "$T/a.db" "select type, recalled from v_messages where msg_id = '2301000000104'")" "recalled|1"
check "merge: copy counted as duplicate, undo stored" "$(q "$T/a.db" "select duplicates, stored from ledger where entry like '%copy.ndjson'")" "1|1"

# --- Web wrappers: groupMsgs stored, msgs (1:1) skipped
printf '{"groupMsgs":[{"msgId":"500","msgType":"webchat","uidFrom":"1","idTo":"9","ts":"1709259000000","content":"hi"}],"msgs":[{"msgId":"501","msgType":"webchat","uidFrom":"1","idTo":"2","ts":"1709259000000","content":"riêng"}]}\n' >"$T/wrap.json"
ingest "$T/w.db" "$T/wrap.json"
check "wrappers: group row stored, private skipped" "$(q "$T/w.db" 'select stored, private_skipped from ledger')" "1|1"

# --- an interrupted stream stores nothing of its source
rm -f "$T/k.db"
set +e
"$BH_BIN/binhyen-unpack" --db "$T/k.db" "$PCF" | head -c 2500 | "$BH_BIN/binhyen-extract" --db "$T/k.db" 2>"$T/err"
rc=$?
set -e
check "interrupted: exit 2" "$rc" 2
check_grep "interrupted: says nothing was stored" "$T/err" "ended inside .*nothing of that source was stored"
check "interrupted: nothing stored" "$(q "$T/k.db" 'select (select count(*) from messages) + (select count(*) from sources)')" 0
ingest "$T/k.db" "$PCF"
check "interrupted: next run completes" "$(q "$T/k.db" 'select count(*) from messages')" 8

# --- links, odd names and the same file twice
mkdir -p "$T/l"
ln -s /etc/passwd "$T/l/evil.zdb"
cp "$WEB" "$T/l/../w2.json"
(cd "$T/l" && bsdtar -P --format ustar -cf "$T/links.tar" evil.zdb ../w2.json)
check "links: fixture keeps ../ in a name" "$(bsdtar -tf "$T/links.tar" | grep -c '^\.\./w2.json')" 1
ingest "$T/lk.db" "$T/links.tar"
check "links: symlink not followed" "$(grep -c 'evil.zdb: not a regular file, skipped' "$T/err")" 1
check "links: ../ entry read as data, never as a path" "$(q "$T/lk.db" 'select count(*) from messages')" 3
ingest "$T/tw.db" "$WEB" "$WEB"
check_grep "twice: read once" "$T/err" "given twice"
check "twice: stored once" "$(q "$T/tw.db" 'select sum(records) from ledger')" 5

# --- usage errors
set +e
"$BH_BIN/binhyen-unpack" >/dev/null 2>"$T/err"; r1=$?
"$BH_BIN/binhyen-unpack" --bogus x >/dev/null 2>"$T/err2"; r2=$?
"$BH_BIN/binhyen-unpack" --db "$T/x.db" "$T/nothing.txt" >/dev/null 2>"$T/err3"; r3=$?
set -e
check "usage: no input is exit 2" "$r1" 2
check "usage: unknown option is exit 2" "$r2" 2
check_grep "usage: says what is wrong" "$T/err" "no input given"
check "not an export: exit 1" "$r3" 1
check_grep "not an export: says what is expected" "$T/err3" "nothing.txt"

# --- an archive bomb (100 MiB of zeros in a 100 KiB zip) is stopped by the ratio limit
python3 -c "
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z, z.open('x.zdb', 'w') as f:
    for _ in range(100):
        f.write(bytes(1 << 20))
" "$T/bomb.zip"
ingest "$T/bomb.db" "$T/bomb.zip" "$WEB"
check "bomb: exit 1" "$rc" 1
check_grep "bomb: stopped with a reason" "$T/err" "bomb.zip: expands beyond 64 MiB (more than 200 times its size)"
check "bomb: other input stored" "$(q "$T/bomb.db" 'select count(*) from messages')" 3
ingest "$T/bomb2.db" --max-ratio 2000 "$T/bomb.zip"
check_nogrep "bomb: a higher ratio lets it through" "$T/err" "expands beyond"

# --- pins and deletes are events with their time and actor
printf '%s\n' '{"msgId":"900","msgType":-1909,"serverTime":"1709259000000","fromUid":"77","toUid":"g4411205930127745519"}' \
	'{"msgId":"901","msgType":-27,"serverTime":"1709259100000","fromUid":"78","toUid":"g4411205930127745519"}' >"$T/ev.zdb"
ingest "$T/ev.db" "$T/ev.zdb"
check "events: pin and delete stored with time and actor" \
	"$(q "$T/ev.db" "select group_concat(kind||' '||ref||' '||ts||' '||actor, ', ') from (select * from events order by ts)")" \
	"pin 900 1709259000000 77, delete 901 1709259100000 78"

# --- records larger than the reading thread's 1 MiB batches, between small
# ones, and 30000 records crossing batch boundaries: every byte arrives, in order
python3 - "$T/batch.json" <<'PY'
import json, sys
recs = []
for i in range(30000):
    text = ("x" * 3_000_000 + "end") if i in (5, 6, 29999) else "tin %d" % i
    recs.append({"msgId": str(10 ** 6 + i), "cliMsgId": str(1709344800000 + i), "msgType": "webchat",
                 "uidFrom": str(500 + i % 7), "idTo": "4411", "dName": "Người %d" % (i % 7),
                 "ts": str(1709344800000 + i * 1000), "content": text})
recs.insert(100, {"msgId": "bad"})
json.dump(recs, open(sys.argv[1], "w"))
PY
ingest "$T/batch.db" "$T/batch.json"
check "batches: exit 1 (one bad record)" "$rc" 1
check "batches: 30000 stored, 1 rejected" "$(q "$T/batch.db" 'select sum(records), sum(stored), sum(rejected) from ledger')" "30001|30000|1"
check "batches: big texts whole" "$(q "$T/batch.db" "select group_concat(length(text) || substr(text, -3), ' ') from (select text from messages where length(text) > 100 order by msg_id)")" \
	"3000003end 3000003end 3000003end"
check "batches: small texts in order" "$(q "$T/batch.db" "select count(*) from messages where length(text) < 100 and text <> 'tin ' || (cast(msg_id as integer) - 1000000)")" 0
check "batches: stored in stream order" "$(q "$T/batch.db" "select count(*) from messages a join messages b on b.id = a.id + 1 where cast(b.msg_id as integer) <> cast(a.msg_id as integer) + 1")" 0
check_grep "batches: the bad record's line" "$T/err" "batch.json:1: "

# --- copies with and without msgId: matched by (group, sender, cliMsgId), both orders
w() {	# msgId-or-empty cliMsgId uid text
	if [ -n "$1" ]; then m="\"msgId\": \"$1\","; else m=; fi
	printf '{%s "cliMsgId": "%s", "msgType": "webchat", "uidFrom": "%s", "idTo": "77", "ts": "1709344800000", "content": "%s"}\n' "$m" "$2" "$3" "$4"
}
{ w "" 51 1 "a"; w "" 52 1 "b"; w 900 53 1 "c"; } >"$T/nm1.ndjson"
{ w 901 51 1 "a"; w 902 52 2 "other sender"; w "" 53 1 "c"; w 903 54 1 "d"; } >"$T/nm2.ndjson"
ingest "$T/nm.db" "$T/nm1.ndjson"
ingest "$T/nm.db" "$T/nm2.ndjson"
check "no msgId: exit 0" "$rc" 0
check "no msgId: a copy with one completes the stored one, others are new" \
	"$(q "$T/nm.db" "select group_concat(coalesce(msg_id, '-') || ':' || cli_msg_id || ':' || sender, ' ') from (select * from messages order by cli_msg_id, sender)")" \
	"901:51:1 -:52:1 902:52:2 900:53:1 903:54:1"
check "no msgId: the second file's duplicates" "$(q "$T/nm.db" "select stored, duplicates from ledger where entry like '%nm2%'")" "2|2"
