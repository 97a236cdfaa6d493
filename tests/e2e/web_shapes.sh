#!/bin/sh
# web_shapes.sh: Zalo Web data as archivers really save it (formats.md §2).
# The same group rows as bare rows, as API responses / websocket frames, as
# zca-js listener objects, and all mixed, give identical databases; private
# rows in every private form (msgs, pageMsgs, listener type 0, isGroup false,
# cmd 501, idTo "0") are counted and leave no byte anywhere (database, its
# -wal/-shm, the output folder, stderr); phone reactions (gMsgID 0) count for
# acknowledgement and officer-post reach exactly as gMsgID-linked ones.
. "$BH_TOP/tests/e2e/lib.sh"

MARK=ZZWEBPRIV8R2M
OFF=7312004958821134467
mkdir -p "$T/bare" "$T/resp" "$T/listen" "$T/mix" "$T/late1" "$T/late2" "$T/gid" "$T/rm"
cat >"$T/roster.csv" <<'X'
uid,name,phone,thon,role
7312004958821134467,Lê Văn Tuyền,,,officer
5665005889540787359,Nguyễn Văn Bách,,Thôn 3,resident
6020959792036905359,Trần Thị Hoa,,Thôn 2,resident
X
python3 - "$T" "$MARK" <<'PY'
import json, sys
T, M = sys.argv[1:3]
G, OFF, R1, R2 = "7070722571989963531", "7312004958821134467", "5665005889540787359", "6020959792036905359"
base = 1709262000000            # 2024-03-01 10:00 +07:00
MIN, H, D = 60000, 3600000, 86400000

def msg(mid, cli, frm, ts, mt, content, name):
    return {"actionId": "74%d" % mid, "msgId": str(mid), "cliMsgId": str(cli), "msgType": mt,
            "uidFrom": frm, "idTo": G, "dName": name, "ts": str(ts), "status": 1, "content": content,
            "notify": "1", "ttl": 0, "userId": "0", "uin": "0", "topOut": "0", "topOutTimeOut": "0",
            "topOutImprTimeOut": "0", "propertyExt": {"color": 0, "size": 0, "type": 0, "subType": 0, "ext": ""},
            "paramsExt": {"countUnread": 1, "containType": 0, "platformType": 1},
            "st": 3, "at": 0, "realMsgId": "0"}

def react(frm, ts, g, c, icon, as_string=False, name="x"):
    content = {"rMsg": [{"gMsgID": g, "cMsgID": c, "msgType": 1}], "rIcon": icon, "rType": 3, "source": 6}
    return {"actionId": "1", "msgId": "8%d" % ts, "cliMsgId": str(ts), "msgType": "chat.reaction",
            "uidFrom": frm, "idTo": G, "dName": name, "ts": str(ts), "ttl": 0,
            "content": json.dumps(content) if as_string else content}

m1 = msg(100001, 9000001, R1, base, "webchat", "Nhà tôi bị mất trộm xe máy", "Nguyễn Văn Bách")
p1 = msg(100002, 9000002, "0", base + 2 * H, "webchat", "Thông báo: cảnh giác lừa đảo qua mạng", "Lê Văn Tuyền")
m3 = msg(100003, 9000003, R2, base + D, "webchat", "Có người lạ khả nghi ở xóm", "Trần Thị Hoa")
m4 = msg(100004, 9000004, R1, base + 3 * D, "webchat", "gửi nhầm", "Nguyễn Văn Bách")
m5 = msg(100005, 9000005, R2, base + 3 * D + H, "chat.ecard", {"title": "thiệp", "params": "{}"}, "Trần Thị Hoa")
# officer acknowledges tip m1 from the phone (gMsgID 0, content a JSON string) after 5 min,
# tip m3 by gMsgID after 12 min; a resident reacts to post p1 from the phone before p1
# arrives in the file; another's phone reaction to p1 is removed later
r1 = react("0", base + 5 * MIN, 0, 9000001, "/-strong", as_string=True)
r2 = react("0", base + D + 12 * MIN, "100003", "9000003", "/-heart")
r3 = react(R2, base + 2 * H + 10 * MIN, "0", 9000002, "/-heart")
r4a = react(R1, base + 3 * H, 0, "9000002", "/-strong")
r4b = react(R1, base + 4 * H, "0", "9000002", "")
undo = {"actionId": "1", "msgId": "100006", "cliMsgId": "9000006", "msgType": "chat.undo", "uidFrom": R1,
        "idTo": G, "dName": "Nguyễn Văn Bách", "ts": str(base + 3 * D + 60000), "status": 1, "cmd": 521,
        "content": json.dumps({"globalMsgId": 100004, "cliMsgId": 9000004, "deleteMsg": 0,
                               "srcId": 5665005889540787359, "destId": 7070722571989963531})}
group = [r3, m1, p1, r1, m3, r2, r4a, r4b, m4, undo, m5]

def private(mid, frm, to, extra=None):
    r = {"msgId": str(mid), "cliMsgId": str(mid + 7), "msgType": "webchat", "uidFrom": frm, "idTo": to,
         "dName": "%s tên" % M, "ts": str(base + mid), "content": "bị trộm %s riêng" % M,
         "quote": {"ownerId": "0", "globalMsgId": 1, "cliMsgId": 2, "msg": "%s quote" % M, "fromD": M}}
    r.update(extra or {})
    return r

P1 = private(501, "0", R1, {"cmd": 501})                 # msgs of a response
P2 = private(502, "90001", "0")                          # pageMsgs (an Official Account)
P3 = private(503, R1, OFF)                               # listener type 0 (idTo rewritten)
P4 = react(R1, base + 504, "0", 9000001, "/-heart", name=M)   # older listener isGroup false
P4["idTo"] = OFF
P5 = private(505, R2, G, {"cmd": 501})                   # bare, cmd 501
P6 = private(506, R2, "0")                               # bare, idTo "0"
P7 = dict(undo, dName=M, idTo=OFF, msgId="507")          # older listener isGroup false

def listener(row, isgroup=True):
    self_ = row["uidFrom"] == "0"
    row = dict(row, uidFrom=OFF if self_ else row["uidFrom"])
    if row["msgType"] in ("chat.reaction", "chat.undo"):
        return {"data": row, "threadId": G if isgroup else row["uidFrom"], "isSelf": self_, "isGroup": isgroup}
    return {"type": 1 if isgroup else 0, "data": row, "threadId": G if isgroup else row["uidFrom"], "isSelf": self_}

def dump(path, objs, nd):
    with open(path, "w") as f:
        if nd:
            for o in objs:
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        else:
            json.dump(objs, f, ensure_ascii=False, indent=1)

dump(T + "/bare/rows.json", group[:6] + [P5] + group[6:] + [P6], False)
dump(T + "/resp/frames.ndjson", [
    {"error_code": 0, "error_message": "", "data": {"msgs": [P1], "groupMsgs": group[:6], "lastActionId": "1"}},
    {"groupMsgs": group[6:], "pageMsgs": [P2], "more": 0}], True)
dump(T + "/listen/events.ndjson", [listener(r) for r in group[:4]] + [{"type": 0, "data": P3, "threadId": R1, "isSelf": False}]
     + [listener(r) for r in group[4:]] + [{"data": P4, "threadId": R1, "isSelf": False, "isGroup": False},
                                          {"data": P7, "threadId": R1, "isSelf": False, "isGroup": False}], True)
# all shapes in one array, and one per line
shaped = [r if i % 3 == 0 else {"error_code": 0, "data": {"groupMsgs": [r]}} if i % 3 == 1 else listener(r)
          for i, r in enumerate(group)]
dump(T + "/mix/a.json", shaped[:6] + [{"msgs": [P1]}, {"type": 0, "data": P3, "isSelf": False}, P5], False)
dump(T + "/mix/b.ndjson", shaped[6:] + [{"data": {"pageMsgs": [P2]}}, P6,
                                        {"data": P4, "threadId": R1, "isSelf": False, "isGroup": False},
                                        {"data": P7, "threadId": R1, "isSelf": False, "isGroup": False}], True)
# a later run: the phone reaction first, its target afterwards
dump(T + "/late1/r.json", [r1], False)
dump(T + "/late2/m.json", [m1, p1, m3, r2], False)
# the same rows with the phone reactions linked by gMsgID
def linked(r):
    if r["msgType"] != "chat.reaction":
        return r
    c = r["content"] if isinstance(r["content"], dict) else json.loads(r["content"])
    c = dict(c, rMsg=[dict(c["rMsg"][0], gMsgID=str(100000 + int(c["rMsg"][0]["cMsgID"]) - 9000000))])
    return dict(r, content=c)
dump(T + "/gid/rows.json", [linked(r) for r in group], False)
# the officer takes back the phone acknowledgement of m1
dump(T + "/rm/rows.json", group + [react("0", base + 20 * MIN, 0, 9000001, "")], False)
PY
check "fixture: the marker in the 7 private rows (4 in each message, 1 in each reaction and recall)" "$(cat "$T"/bare/* "$T"/resp/* "$T"/listen/* | grep -o "$MARK" | wc -l)" 22

tables="groups messages quotes mentions media reactions phone_reactions recalls member_events events sender_names"
dumpdb() {	# DB: the stored rows of every table the rows fill, in order
	for t in $tables; do echo "== $t"; q "$1" "select * from $t order by 1, 2"; done
}
counts() { q "$1" 'select sum(records), sum(stored), sum(duplicates), sum(rejected), sum(private_skipped), sum(other_skipped) from ledger'; }

ingest "$T/bare.db" --owner "$OFF" "$T/bare"
check "bare rows: exit 0" "$rc" 0
check "bare rows: the unknown fields (propertyExt, paramsExt, st, at, realMsgId, …) pass without a word" \
	"$(grep -v -e ' records (' -e ': in all: ' "$T/err" | wc -l)" 0
check "bare rows: ledger (11 group rows stored, cmd 501 and idTo 0 private)" "$(counts "$T/bare.db")" "13|11|0|0|2|0"
check "bare rows: the ledger's reasons note the rows without a group mark" \
	"$(q "$T/bare.db" "select outcome, count from ledger_reasons where reason like 'no group mark%'")" "noted|10"
dumpdb "$T/bare.db" >"$T/bare.dump"
check "bare rows: 5 messages, 3 standing reactions, 1 recall" \
	"$(q "$T/bare.db" "select (select count(*) from messages), (select count(*) from reactions where icon <> ''), (select count(*) from recalls), (select count(*) from phone_reactions)")" "5|3|1|0"
check "phone reaction to a message stored earlier in the source: its msgId" \
	"$(q "$T/bare.db" "select icon, ts from reactions where target = '100001' and reactor = '$OFF'")" "/-strong|1709262300000"
check "phone reaction before its target in the same source: resolved at the source's end" \
	"$(q "$T/bare.db" "select icon from reactions where target = '100002' and reactor = '6020959792036905359'")" "/-heart"
check "phone reaction removed (rIcon \"\") by a later phone row" \
	"$(q "$T/bare.db" "select icon, ts from reactions where target = '100002' and reactor = '5665005889540787359'")" "|1709276400000"
check "recall: chat.undo with deleteMsg 0, content a JSON string" \
	"$(q "$T/bare.db" "select type, recalled from v_messages where msg_id = '100004'")" "recalled|1"
check "unknown msgType string: other, type kept" \
	"$(q "$T/bare.db" "select type, type_code from messages where msg_id = '100005'")" "other|chat.ecard"
check "owner's rows: uidFrom 0 is --owner" "$(q "$T/bare.db" "select sender from messages where msg_id = '100002'")" "$OFF"

ingest "$T/resp.db" --owner "$OFF" "$T/resp"
check "responses: exit 0" "$rc" 0
check "responses: ledger (msgs and pageMsgs private)" "$(counts "$T/resp.db")" "13|11|0|0|2|0"
check "responses: no 'no group mark' for rows of groupMsgs" "$(q "$T/resp.db" "select count(*) from ledger_reasons")" 0
dumpdb "$T/resp.db" >"$T/resp.dump"
check "responses and bare rows: identical databases" "$(cmp "$T/bare.dump" "$T/resp.dump" && echo same)" same

ingest "$T/listen.db" "$T/listen"
check "listener objects: exit 0" "$rc" 0
check "listener objects: ledger (type 0, isGroup false private)" "$(counts "$T/listen.db")" "14|11|0|0|3|0"
check "listener objects: isSelf needs no --owner (no warning)" "$(grep -c 'owner' "$T/err" || true)" 0
dumpdb "$T/listen.db" >"$T/listen.dump"
check "listener objects and bare rows: identical databases" "$(cmp "$T/bare.dump" "$T/listen.dump" && echo same)" same

# --- all shapes mixed, in an array and in NDJSON: the full run, with another
# connection holding the write-ahead log open; every byte searched for the marker
HOLD='import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("select count(*) from sources").fetchall()
open(sys.argv[2], "w").close()
time.sleep(30)'
ingest "$T/mix.db" --owner "$OFF" "$T/late1"	# creates the database
python3 -c "$HOLD" "$T/mix.db" "$T/held" &
holder=$!
i=0
while [ ! -e "$T/held" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ingest "$T/mix.db" --owner "$OFF" "$T/mix"
check "mixed shapes: exit 0" "$rc" 0
check "mixed shapes: the write-ahead log is there to search" "$(test -s "$T/mix.db-wal" && echo yes)" yes
check "mixed shapes: no byte of a private row in the database, its -wal or -shm" \
	"$(cat "$T"/mix.db* | grep -c "$MARK" || true)" 0
check "mixed shapes: nor on stderr" "$(grep -c "$MARK" "$T/err" || true)" 0
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
rc=0
"$BH_BIN/binhyen" run --db "$T/run.db" --owner "$OFF" --roster "$T/roster.csv" --period 2024-03 \
	--min-thon-members 1 --out "$T/out" "$T/mix" >"$T/out.log" 2>"$T/run.err" || rc=$?
check "mixed shapes: the whole run exits 0" "$rc" 0
check "mixed shapes: the run's database, -wal, -shm hold no private byte" \
	"$(cat "$T"/run.db* | grep -c "$MARK" || true)" 0
mkdir -p "$T/unz"
for x in "$T"/out/*.xlsx "$T"/out/internal/*.xlsx "$T"/out/*.docx; do
	[ -f "$x" ] && (cd "$T/unz" && mkdir -p "$(basename "$x")" && cd "$(basename "$x")" && unzip -q -o "$x")
done
check "mixed shapes: nor in the output folder (xlsx and docx unzipped)" "$(grep -r -l "$MARK" "$T/out" "$T/unz" | wc -l)" 0
check "mixed shapes: nor on the run's stderr or stdout" "$(cat "$T/run.err" "$T/out.log" | grep -c "$MARK" || true)" 0
check "mixed shapes: the run's ledger.csv counts them" \
	"$(sed '1s/^\xEF\xBB\xBF//' "$T/out/ledger.csv" | awk -F, 'NR > 1 { r += $3; s += $4; p += $7 } END { print r "|" s "|" p }')" "18|11|7"
check "mixed shapes: ledger of the mixed files (7 private)" \
	"$(q "$T/mix.db" "select sum(records), sum(stored), sum(duplicates), sum(rejected), sum(private_skipped), sum(other_skipped) from ledger where source like '%/mix/%'")" "18|11|0|0|7|0"
check "mixed shapes: the earlier run's phone reaction and this one's: one reaction" \
	"$(q "$T/mix.db" "select count(*) from reactions where target = '100001'")" 1
rows() {	# DB: the group rows stored, without the rowids and sources that differ
	q "$1" "select group_id, msg_id, cli_msg_id, sender, dname, ts, type, type_code, text, caption, recalled from messages order by msg_id;
		select * from reactions order by 1, 2, 3; select * from recalls; select * from phone_reactions;
		select m.msg_id, q.q_msg_id, q.q_cli_msg_id, q.q_owner, q.q_ts from quotes q join messages m on m.id = q.message_id order by 1;
		select m.msg_id, n.uid, n.type from mentions n join messages m on m.id = n.message_id order by 1, 2"
}
check "mixed shapes: the same rows as the bare rows" "$(rows "$T/mix.db" | md5sum)" "$(rows "$T/bare.db" | md5sum)"

# --- acknowledgement and reach (metrics.md): tip 1 acknowledged from the phone
# after 5 min, tip 2 by gMsgID after 12 min: 2 acknowledged, median 8.5; the
# post's reach: Hoa's phone reaction stands, Bách's was removed
nobom() { sed '1s/^\xEF\xBB\xBF//' "$1"; }
fig() { nobom "$1/tables/summary.csv" | grep -E "^($2)," | cut -d, -f1,2 | tr '\n' ' '; }
check "acknowledgement counts phone reactions" "$(fig "$T/out" 'tips|tips_acknowledged|tip_ack_median_min')" \
	"tips,2 tips_acknowledged,2 tip_ack_median_min,8.5 "
check "officer post reach counts phone reactions" \
	"$(nobom "$T/out/tables/officer_posts.csv" | sed -n 2p | cut -d, -f1,4-6)" "100002,1,0,1"
check "message_types.csv: the unknown type is other" "$(nobom "$T/out/tables/message_types.csv" | grep -c '^other,1$')" 1

metrics() {	# DB OUT
	"$BH_BIN/binhyen-roster" --db "$1" -q "$T/roster.csv"
	"$BH_BIN/binhyen-metrics" --db "$1" --period 2024-03 --min-thon-members 1 --out "$2" -q
}
ingest "$T/gid.db" --owner "$OFF" "$T/gid"
metrics "$T/gid.db" "$T/gid.out"
metrics "$T/bare.db" "$T/bare.out"
for f in summary officer_posts; do
	check "phone reactions and gMsgID-linked ones: the same $f.csv" \
		"$(cmp "$T/gid.out/tables/$f.csv" "$T/bare.out/tables/$f.csv" && echo same)" same
done

# a phone reaction whose target arrives in a later run
ingest "$T/late.db" --owner "$OFF" "$T/late1"
check "later run: the phone reaction kept aside" \
	"$(q "$T/late.db" "select (select count(*) from reactions), (select count(*) from phone_reactions)")" "0|1"
check "later run: counted stored" "$(counts "$T/late.db")" "1|1|0|0|0|0"
ingest "$T/late.db" --owner "$OFF" "$T/late2"
check "later run: resolved when the target arrives" \
	"$(q "$T/late.db" "select target, reactor, icon from reactions where target = '100001'; select count(*) from phone_reactions")" \
	"100001|$OFF|/-strong
0"
metrics "$T/late.db" "$T/late.out"
check "later run: acknowledgement as if it had come with its target" \
	"$(fig "$T/late.out" 'tips_acknowledged|tip_ack_median_min')" "tips_acknowledged,2 tip_ack_median_min,8.5 "

# the officer removes the phone acknowledgement of tip 1: 1 acknowledged, 12.0
ingest "$T/rm.db" --owner "$OFF" "$T/rm"
metrics "$T/rm.db" "$T/rm.out"
check "phone reaction removed: acknowledgement drops it" \
	"$(fig "$T/rm.out" 'tips_acknowledged|tip_ack_median_min')" "tips_acknowledged,1 tip_ack_median_min,12.0 "

# --- one response of a million rows on one line, then listener objects: the
# rows are streamed (memory flat), every one accounted for
san=0
case $BH_BIN in *bin-san) san=1 ;; esac
if [ $san -eq 1 ]; then
	echo "ok - a million rows in one response # SKIP under the sanitizers (slow); the plain build runs it"
else
	python3 - "$T/big.ndjson" <<'PY'
import sys
priv = b'{"msgId":"1","msgType":"webchat","uidFrom":"5","idTo":"0","ts":"1709344800000","content":"p"}'
with open(sys.argv[1], "wb") as f:
    f.write(b'{"error_code":0,"error_message":"","data":{"msgs":[')
    f.write(b",".join([priv] * 999000))
    f.write(b'],"groupMsgs":[')
    f.write(b",".join(b'{"msgId":"%d","msgType":"webchat","uidFrom":"%d","idTo":"77","ts":"%d","content":"m"}' % (
        2000000 + i, 1 + i % 100, 1709344800000 + i) for i in range(1000)))
    f.write(b'],"lastActionId":"9"}}\n')
    for i in range(1000):
        f.write(b'{"type":1,"data":{"msgId":"%d","msgType":"webchat","uidFrom":"3","idTo":"77","ts":"%d","content":"l"},"threadId":"77","isSelf":false}\n' % (
            3000000 + i, 1709344900000 + i))
PY
	set +e
	"$BH_BIN/binhyen-unpack" -q --db "$T/big.db" "$T/big.ndjson" |
		/usr/bin/time -f %M -o "$T/rss" "$BH_BIN/binhyen-extract" -q --db "$T/big.db" 2>"$T/err"
	rc=$?
	set -e
	rm -f "$T/big.ndjson"
	check "a million rows in one response: exit 0" "$rc" 0
	check "a million rows in one response: every one accounted for" \
		"$(q "$T/big.db" 'select records, stored, duplicates, rejected, private_skipped, other_skipped from ledger')" \
		"1001000|2000|0|0|999000|0"
	rss=$(tail -1 "$T/rss")
	if [ "$rss" -lt $((64 * 1024)) ]; then ok "a million rows in one response: peak RSS ${rss} KiB < 64 MiB"
	else notok "a million rows in one response: peak RSS under 64 MiB" "got ${rss} KiB"; fi
fi
