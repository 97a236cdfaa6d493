#!/bin/sh
# protection.sh: people's data stays where it belongs. No private-chat text ever
# reaches the database (its bytes and its write-ahead log searched); no
# tipster's name, uid or tip text in anything shareable (tables/, tables.xlsx
# unzipped, report.*, charts/ SVG, ledger.csv); the database and internal/
# owner-only even under umask 000; no socket ever opened (strace).
. "$BH_TOP/tests/e2e/lib.sh"

MARK=ZZPRIVATE7Q4K
# Private chats in both formats, each holding the marker in every text field
# it has: a PC 1:1 chat (toUid a user), a PC photo with a caption, a Web
# {"msgs":[...]} response (1:1 chats); and a group message beside them.
mkdir -p "$T/in"
cp "$SAMPLES/pc_backup_zmessage.zdb" "$SAMPLES/pc_backup_zconversation.zdb" "$SAMPLES/web_group_messages.json" "$T/in/"
python3 - "$T/in" "$MARK" <<'PY'
import json, sys
out, m = sys.argv[1:3]
pc = [
    {"msgId": "2301000000901", "cliMsgId": "1709300000001", "msgType": 1, "message": "bị trộm %s riêng" % m,
     "serverTime": "1709300000000", "fromUid": "5665005889540787359", "toUid": "7312004958821134467", "dName": "%s name" % m},
    {"msgId": "2301000000902", "cliMsgId": "1709300000002", "msgType": 2,
     "message": {"title": "%s title" % m, "description": "%s caption" % m, "params": "{\"width\":1}"},
     "serverTime": "1709300000100", "fromUid": "7312004958821134467", "toUid": "5665005889540787359", "dName": "CAX"},
    {"msgId": "2301000000903", "cliMsgId": "1709300000003", "msgType": 1, "message": "nhóm vẫn lưu",
     "serverTime": "1709300000200", "fromUid": "5665005889540787359", "toUid": "g4411205930127745519", "dName": "Nguyễn Văn Bách"},
]
with open(out + "/private.zdb", "w") as f:
    for r in pc:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
web = {"msgs": [{"msgId": "2301000000904", "cliMsgId": "1709300000004", "msgType": "webchat", "uidFrom": "6020959792036905359",
                 "idTo": "7312004958821134467", "dName": "%s web" % m, "ts": "1709300000300", "content": "lừa đảo %s web" % m},
                {"msgId": "2301000000905", "cliMsgId": "1709300000005", "msgType": "chat.photo", "uidFrom": "6020959792036905359",
                 "idTo": "7312004958821134467", "ts": "1709300000400",
                 "content": {"title": "%s t" % m, "description": "%s d" % m, "href": "https://example.invalid/%s.jpg" % m}}]}
with open(out + "/private_web.json", "w") as f:
    json.dump(web, f, ensure_ascii=False)
with open(out + "/conv_private.zdb", "w") as f:
    f.write(json.dumps({"userId": "6020959792036905359", "name": "%s peer" % m}) + "\n")
PY
check "fixture: the marker is in every private record" "$(cat "$T/in"/private* "$T/in/conv_private.zdb" | grep -o "$MARK" | wc -l)" 10

# another connection to the database, reading, for 30 s: the write-ahead log
# stays until it closes; held() waits until it has the database open (python
# starts slowly on a busy machine)
HOLD='import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("select count(*) from sources").fetchall()
open(sys.argv[2], "w").close()
time.sleep(30)'
hold() { rm -f "$T/held"; exec python3 -c "$HOLD" "$1" "$T/held"; }
held() { i=0; while [ ! -e "$T/held" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done; }

# --- private chats never reach the database: its file and its log searched
# while another connection holds the log open (so that it is not removed)
rm -f "$T/db"
"$BH_BIN/binhyen-unpack" -q --db "$T/db" "$SAMPLES/web_group_messages.json" | "$BH_BIN/binhyen-extract" -q --db "$T/db"
rm -f "$T/held"
hold "$T/db" &
holder=$!
held
ingest "$T/db" "$T/in"
check "private chats: ingest exits 0" "$rc" 0
check "private chats: the write-ahead log is there to search" "$(test -s "$T/db-wal" && echo yes)" yes
check "private chats: counted as skipped" "$(q "$T/db" 'select sum(private_skipped) from ledger')" 6
check "private chats: the group message beside them stored" "$(q "$T/db" "select count(*) from messages where msg_id = '2301000000903'")" 1
check "private chats: no byte of their text in the database file" "$(grep -c "$MARK" "$T/db" || true)" 0
check "private chats: nor in its write-ahead log" "$(grep -c "$MARK" "$T/db-wal" || true)" 0
check "private chats: nor in any file beside it" "$(grep -l "$MARK" "$T"/db* 2>/dev/null | wc -l)" 0
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
check "private chats: a private peer's name not stored as a group" "$(q "$T/db" "select count(*) from groups where name like '%$MARK%'")" 0

# --- the whole run, under umask 000, traced for sockets: every file the
# pipeline writes is searched for the tipsters and their tips
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	trace="strace -f -q -e trace=socket,connect,sendto,sendmsg,bind -o $T/strace"
else
	trace=""
fi
rm -f "$T/db" "$T/db-wal" "$T/db-shm"
mkdir -p "$T/cwd"
rc=0
# (LeakSanitizer cannot work under ptrace: the sanitizer build checks leaks elsewhere)
[ -n "$trace" ] && ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" && export ASAN_OPTIONS
(umask 000 && cd "$T/cwd" && $trace "$BH_BIN/binhyen" run -q --roster "$SAMPLES/roster.csv" --period 2024-03 \
	--db "$T/db" --out "$T/out" --min-thon-members 1 "$T/in" 2>"$T/err") || rc=$?
O=$T/out
check "run under umask 000: exit 0" "$rc" 0
check "umask 000: the database owner-only" "$(stat -c %a "$T/db")" 600
check "umask 000: internal/ owner-only" "$(stat -c %a "$O/internal")" 700
check "umask 000: every file in internal/ owner-only" "$(stat -c %a "$O"/internal/* | sort -u)" 600
check "umask 000: nothing shareable writable by others" "$(find "$O" -perm -o+w | wc -l)" 0
check "umask 000: shareable files readable" "$(stat -c %a "$O/report.html" "$O/tables.xlsx" "$O/tables/summary.csv" "$O/charts/thon.png" | sort -u)" 644
# the log and the shared memory of a database being written take its mode
rm -f "$T/held"
(umask 000 && exec python3 -c "$HOLD" "$T/db" "$T/held") &
holder=$!
held
(umask 000 && "$BH_BIN/binhyen-roster" -q --db "$T/db" "$SAMPLES/roster.csv")
check "umask 000: the database's -wal and -shm owner-only" "$(stat -c %a "$T/db-wal" "$T/db-shm" 2>&1 | sort -u)" 600
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true

# Tipsters of the samples: Bách (tips 103/104 and 201) and Hoa (question 106);
# their names as in the roster and as sent, their uids, their tips' words.
python3 - "$O" "$T/shareable.txt" <<'PY'
import glob, sys, zipfile
o, dest = sys.argv[1:3]
with open(dest, "w", encoding="utf-8") as out:
    for f in sorted(glob.glob(o + "/tables/*.csv") + glob.glob(o + "/charts/*.svg") +
                    [o + "/report.html", o + "/report.md", o + "/ledger.csv"]):
        out.write("\n== %s\n" % f[len(o) + 1:])
        out.write(open(f, encoding="utf-8", errors="replace").read())
    z = zipfile.ZipFile(o + "/tables.xlsx")
    for n in z.namelist():
        out.write("\n== tables.xlsx:%s\n" % n)
        out.write(z.read(n).decode("utf-8", errors="replace"))
PY
check "the shareable files were gathered" "$(grep -c '^== ' "$T/shareable.txt" | awk '$1 > 30 { print "yes" }')" yes
for s in "Nguyễn Văn Bách" "Bách" "Trần Thị Hoa" "Hoa - Thôn 2" "5665005889540787359" "6020959792036905359" \
	"mất trộm xe máy" "Xe Wave" "người lạ đi xe" "biển số" "can cuoc" "làm can" "$MARK"; do
	check "shareable files hold no '$s'" "$(grep -c -F "$s" "$T/shareable.txt" || true)" 0
done
check "the figures are there, though (2 tips, 1 question)" "$(grep -c '^tips,2,\|^questions,1,' "$O/tables/summary.csv")" 2
check "internal/tips.csv names tipsters by pseudonym only" \
	"$(cut -d, -f5 "$O/internal/tips.csv" | tail -n +2 | sort -u | tr '\n' ' ')" "NB-0001 NB-0002 "
check "internal/tips.csv holds no uid, name or text" "$(grep -c -F -e 5665005889540787359 -e 6020959792036905359 -e Bách -e 'trộm xe' "$O/internal/tips.csv" || true)" 0
check "no private-chat text in any output" "$(grep -r -l "$MARK" "$O" | wc -l)" 0

# --- nothing sent over the network: the programs (gnuplot and fc-list too)
# never open a socket, not even AF_UNIX (nscd, syslog)
if [ -n "$trace" ]; then
	check "strace: every stage (and gnuplot) was traced" "$(grep -c "+++ exited" "$T/strace" | awk "\$1 >= 12 { print \"yes\" }")" yes
	check "strace: no socket opened, no connect" "$(grep -E -c 'socket\(|connect\(|sendto\(|sendmsg\(|bind\(' "$T/strace" || true)" 0
	grep -E 'socket\(|connect\(' "$T/strace" | head -5 | sed 's/^/#   /'
else
	echo "ok - no socket # SKIP strace is not installed or cannot trace here (apt-get install strace)"
fi
