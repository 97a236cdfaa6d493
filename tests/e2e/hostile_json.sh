#!/bin/sh
# hostile_json.sh: JSON built to hurt binhyen-extract: invalid UTF-8, lone
# surrogates in \u escapes (also across the reader's buffer boundaries), deep
# nesting, a 100 MB line, 40-digit numbers, duplicate keys, msgType of every
# JSON type, an array of 10 million records. Each: the exit code, the message,
# nothing stored wrongly; memory stays flat (peak RSS by /usr/bin/time).
. "$BH_TOP/tests/e2e/lib.sh"

san=0
case $BH_BIN in *bin-san) san=1 ;; esac
# Peak RSS limit for binhyen-extract: the sanitizers' allocator keeps freed
# blocks in quarantine, so their build gets more room.
if [ $san -eq 1 ]; then RSS_MAX=$((160 * 1024)); else RSS_MAX=$((64 * 1024)); fi

# one record file read by unpack | extract; stderr in $T/err, rc as in ingest
one() { rm -f "$T/db" "$T/db-wal" "$T/db-shm"; ingest "$T/db" "$@"; }
# is every text value of the database valid UTF-8 without NUL?
utf8_ok() {
	python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
bad = 0
for (t,) in db.execute("select name from sqlite_master where type = 'table'"):
    for row in db.execute('select * from "%s"' % t.decode()):
        for v in row:
            if isinstance(v, bytes):
                try:
                    s = v.decode("utf-8")
                except UnicodeDecodeError:
                    bad += 1; continue
                if "\0" in s or any(0xD800 <= ord(c) <= 0xDFFF for c in s):
                    bad += 1
print("valid" if not bad else "%d invalid values" % bad)
PY
}
# NAME ID TEXT-IN-HEX: the text stored for msgId ID
text_is() { check "$1" "$(q "$T/db" "select hex(text) from messages where msg_id = '$2'")" "$3"; }
rec() {	# msgId, then the raw JSON of the content value
	printf '{"msgId":"%s","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":%s}\n' "$1" "$2"
}

# --- invalid UTF-8: yajl rejects most raw bytes; what it lets through
# (overlong forms, encoded surrogates) is stored as U+FFFD, never as is
{
	rec 1 '"trước"'
	printf '{"msgId":"2","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"bad \377\376 bytes"}\n'
	printf '{"msgId":"3","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"cut \341\272"}\n'
	printf '{"msgId":"4","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"overlong \300\257"}\n'
	printf '{"msgId":"5","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"cesu \355\240\200!"}\n'
	printf '{"msgId":"6\377","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"in id"}\n'
	printf '{"msgId":"7","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"big \364\220\200\200"}\n'
	rec 8 '"sau"'
} >"$T/utf8.ndjson"
one "$T/utf8.ndjson"
check "invalid UTF-8: exit 1" "$rc" 1
check_grep "invalid UTF-8: raw bad bytes rejected, by line" "$T/err" "utf8.ndjson:2: invalid JSON: lexical error: invalid bytes in UTF8 string"
check_grep "invalid UTF-8: a cut sequence rejected" "$T/err" "utf8.ndjson:3: invalid JSON"
check_grep "invalid UTF-8: in an id too" "$T/err" "utf8.ndjson:6: invalid JSON"
text_is "invalid UTF-8: overlong form stored as U+FFFD" 4 "6F7665726C6F6E6720EFBFBD"
text_is "invalid UTF-8: encoded surrogate stored as one U+FFFD" 5 "6365737520EFBFBD21"
check "invalid UTF-8: above U+10FFFF never stored as is" "$(q "$T/db" "select count(*) from messages where msg_id = '7' and instr(hex(text), 'F4908080') > 0")" 0
check "invalid UTF-8: the neighbours stored" "$(q "$T/db" "select group_concat(msg_id) from (select msg_id from messages where msg_id in ('1','8') order by msg_id)")" "1,8"
check "invalid UTF-8: ledger accounts for all 8" "$(q "$T/db" 'select records, stored + rejected from ledger')" "8|8"
check "invalid UTF-8: every stored value is valid UTF-8" "$(utf8_ok "$T/db")" valid

# --- lone surrogates in \u escapes: U+FFFD, as a browser shows them; pairs kept
{
	rec 1 '"high \ud800 x"'
	rec 2 '"low \udc00 x"'
	rec 3 '"pair \ud83d\ude00 x"'
	rec 4 '"two highs \ud800\ud800 x"'
	rec 5 '"end \ud800"'
	rec 6 '"high then A \ud83d\u0041"'
	rec 7 '"high then newline escape \ud83d\n"'
	rec 8 '"nul \u0000 x"'
	rec 9 '"reversed \ude00\ud83d x"'
	rec 10 '"escaped backslash \\ud800 x"'
	printf '{"msgId":"11\\udc00","msgType":"webchat","uidFrom":"11","idTo":"4411","dName":"a\\ud800b","ts":"1709344800000","content":"in id"}\n'
} >"$T/surr.ndjson"
one "$T/surr.ndjson"
check "surrogates: exit 0, all stored" "$rc $(q "$T/db" 'select count(*) from messages')" "0 11"
text_is "lone high surrogate: U+FFFD" 1 "6869676820EFBFBD2078"
text_is "lone low surrogate: U+FFFD" 2 "6C6F7720EFBFBD2078"
text_is "a surrogate pair: the emoji" 3 "7061697220F09F98802078"
text_is "two high surrogates: two U+FFFD" 4 "74776F20686967687320EFBFBDEFBFBD2078"
text_is "high surrogate at the end of a string: U+FFFD" 5 "656E6420EFBFBD"
text_is "high surrogate then an escaped A: U+FFFD A" 6 "68696768207468656E204120EFBFBD41"
text_is "high surrogate then an escaped newline: U+FFFD, newline" 7 "68696768207468656E206E65776C696E652065736361706520EFBFBD0A"
text_is "an escaped NUL: U+FFFD, the text not cut" 8 "6E756C20EFBFBD2078"
text_is "low before high: two U+FFFD" 9 "726576657273656420EFBFBDEFBFBD2078"
text_is "an escaped backslash before u is no escape" 10 "65736361706564206261636B736C617368205C75643830302078"
check "surrogates: in an id and a name too" "$(q "$T/db" "select hex(msg_id), hex(dname) from messages where text = 'in id'")" "3131EFBFBD|61EFBFBD62"
check "surrogates: every stored value is valid UTF-8" "$(utf8_ok "$T/db")" valid

# the same escapes cut by the reader's 64 KiB pieces and unpack's 1 MiB blocks
# at every offset: the bytes of an escape whose pair is not known yet wait
python3 - "$T/cut.ndjson" <<'PY'
import sys
out = open(sys.argv[1], "w")
head = '{"msgId":"%d","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"'
n = 0
for boundary in (65536, 1 << 20):
    for shift in range(-13, 2):
        for esc, tag in (("\\ud83d\\ude00", "P"), ("\\ud83d x", "H"), ("\\udc00", "L"), ("\\ud83d\\u0041", "A")):
            n += 1
            h = head % (n * 10 + "PHLA".index(tag))
            # the line starts where the previous ended: pad the first line of each
            # boundary so that the escape starts `shift` bytes before it
            pad = boundary + shift - len(h) - 1
            out.write(h + "a" * max(pad, 0) + esc + '"}\n')
out.close()
PY
# each line alone in its own file, so that it starts at offset 0
mkdir -p "$T/cut"
awk -v d="$T/cut" '{ f = sprintf("%s/%04d.ndjson", d, NR); print > f; close(f) }' "$T/cut.ndjson"
rm -f "$T/db"
ingest "$T/db" "$T/cut"
check "surrogates at buffer boundaries: exit 0" "$rc" 0
check "surrogates at buffer boundaries: pairs whole" \
	"$(q "$T/db" "select count(*) from messages where cast(msg_id as int) % 10 = 0 and hex(substr(text, -1)) = 'F09F9880'")" 30
check "surrogates at buffer boundaries: lone high" \
	"$(q "$T/db" "select count(*) from messages where cast(msg_id as int) % 10 = 1 and hex(substr(text, -3)) = 'EFBFBD2078'")" 30
check "surrogates at buffer boundaries: lone low" \
	"$(q "$T/db" "select count(*) from messages where cast(msg_id as int) % 10 = 2 and hex(substr(text, -1)) = 'EFBFBD'")" 30
check "surrogates at buffer boundaries: high then A" \
	"$(q "$T/db" "select count(*) from messages where cast(msg_id as int) % 10 = 3 and hex(substr(text, -2)) = 'EFBFBD41'")" 30
check "surrogates at buffer boundaries: valid UTF-8" "$(utf8_ok "$T/db")" valid

# --- deep nesting: rejected past 64 levels, inside a record or around one
python3 - "$T/deep.ndjson" "$T/deep.json" <<'PY'
import sys
ok = '{"msgId":"%s","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"x"}'
deep = "[" * 100000 + "]" * 100000
with open(sys.argv[1], "w") as f:
    f.write(ok % 1 + "\n")
    f.write('{"msgId":"2","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":%s}\n' % deep)
    f.write(ok % 3 + "\n")
    f.write(deep + "\n")
    f.write(ok % 5 + "\n")
    f.write('{"a":' * 70 + "1" + "}" * 70 + "\n")
    f.write(ok % 7 + "\n")
    f.write('{"msgId":"8","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"x","d":' + '{"a":' * 60 + "1" + "}" * 60 + "}\n")
with open(sys.argv[2], "w") as f:
    f.write("[\n " + ok % 11 + ",\n " + '{"msgId":"12","content":' + "[" * 5000 + "]" * 5000 + "},\n " + ok % 13 + "\n]\n")
PY
one "$T/deep.ndjson"
check "deep: exit 1" "$rc" 1
check "deep: three rejected, each by its line" "$(grep -c 'deep.ndjson:[246]: record nested too deeply' "$T/err")" 3
check "deep: 60 levels are fine, the neighbours stored" "$(q "$T/db" "select group_concat(msg_id) from (select msg_id from messages order by cast(msg_id as int))")" "1,3,5,7,8"
check "deep: ledger" "$(q "$T/db" 'select records, stored, rejected from ledger')" "8|5|3"
one "$T/deep.json"
check "deep in an array: the rest of the array still read" "$(q "$T/db" "select group_concat(msg_id) from (select msg_id from messages order by msg_id)") $rc" "11,13 1"

# --- a 100 MB line: one record over the 16 MiB limit, rejected without being
# held whole; the next line still read; memory stays flat
{
	printf '{"msgId":"1","msgType":1,"fromUid":"5","toUid":"g7","serverTime":"1709344800000","message":"'
	head -c 100000000 /dev/zero | tr '\0' a
	printf '"}\n'
	printf '{"msgId":"2","msgType":1,"fromUid":"5","toUid":"g7","serverTime":"1709344800000","message":"ok"}\n'
} >"$T/huge.zdb"
rm -f "$T/db"
set +e
"$BH_BIN/binhyen-unpack" -q --db "$T/db" "$T/huge.zdb" |
	/usr/bin/time -f %M -o "$T/rss" "$BH_BIN/binhyen-extract" --db "$T/db" 2>"$T/err"
rc=$?
set -e
rm -f "$T/huge.zdb"
check "100 MB line: exit 1" "$rc" 1
check_grep "100 MB line: rejected by the record limit" "$T/err" "huge.zdb:1: record larger than the limit: 16 MiB"
check "100 MB line: the next record stored" "$(q "$T/db" "select group_concat(msg_id) from messages")" 2
rss=$(tail -1 "$T/rss")
if [ "$rss" -lt "$RSS_MAX" ]; then ok "100 MB line: peak RSS ${rss} KiB < $((RSS_MAX / 1024)) MiB"
else notok "100 MB line: peak RSS under $((RSS_MAX / 1024)) MiB" "got ${rss} KiB"; fi

# --- 40-digit numbers: ids kept exactly as text; times refused, never wrapped
N40=1234567890123456789012345678901234567890
{
	printf '{"msgId":%s,"msgType":"webchat","uidFrom":%s,"idTo":%s,"ts":"1709344800000","content":"ids"}\n' $N40 $N40 $N40
	printf '{"msgId":"2","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":%s,"content":"time"}\n' $N40
	printf '{"msgId":"3","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"%s","content":"time"}\n' $N40
	printf '{"msgId":"4","msgType":1,"fromUid":"11","toUid":"g4411","serverTime":%s,"message":"time"}\n' $N40
	printf '{"msgId":"5","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"9223372036854775807","content":"int64 max"}\n'
	printf '{"msgId":"6","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":1e400,"content":"inf"}\n'
	printf '{"msgId":"7","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":-1709344800000,"content":"negative"}\n'
	printf '{"msgId":"8","msgType":"webchat","uidFrom":"11","idTo":"4411","content":"none"}\n'
	printf '{"act":"join","data":{"groupId":%s,"sourceId":"1","updateMembers":[{"id":%s}],"time":%s}}\n' $N40 $N40 $N40
	printf '{"msgId":"10","msgType":"webchat","uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"ok","quote":{"globalMsgId":%s,"cliMsgId":%s,"ts":%s}}\n' $N40 $N40 $N40
} >"$T/num.ndjson"
one "$T/num.ndjson"
check "40 digits: exit 1" "$rc" 1
check "40 digits: ids kept exactly" "$(q "$T/db" "select msg_id = '$N40' and sender = '$N40' and group_id = '$N40' from messages where text = 'ids'")" 1
check "40 digits: quoted ids kept exactly, quote time dropped" "$(q "$T/db" "select q_msg_id = '$N40' and q_cli_msg_id = '$N40', q_ts is null from quotes")" "1|1"
check "40 digits: times refused as invalid" "$(grep -c 'num.ndjson:[2-7]: invalid time' "$T/err")" 6
check_grep "40 digits: a member event's time too" "$T/err" "num.ndjson:9: invalid time (data.time)"
check_grep "no time at all: said missing" "$T/err" "num.ndjson:8: missing time (ts)"
check "40 digits: ledger" "$(q "$T/db" 'select records, stored, rejected from ledger')" "10|2|8"
"$BH_BIN/binhyen-metrics" -q --db "$T/db" --period 2024-03 --out "$T/num-out" 2>"$T/err" && mrc=0 || mrc=$?
check "40 digits: the metrics run on them (exit 1: no roster stored, said)" \
	"$mrc $(grep -c 'no roster stored yet' "$T/err")" "1 1"
check_grep "40 digits: the group id exact in groups.csv" "$T/num-out/tables/groups.csv" "^$N40,"

# --- duplicate keys: the last value counts, as in JavaScript's JSON.parse
printf '{"msgId":"1","msgId":"2","msgType":"webchat","uidFrom":"11","uidFrom":"12","idTo":"4411","idTo":"9999","ts":"1","ts":"1709344800000","content":"first","content":"second"}\n' >"$T/dup.ndjson"
one "$T/dup.ndjson"
check "duplicate keys: exit 0" "$rc" 0
check "duplicate keys: the last of each, as JSON.parse" "$(q "$T/db" 'select msg_id, sender, group_id, ts, text from messages')" \
	"$(python3 -c 'import json, sys; d = json.loads(open(sys.argv[1]).read()); print("|".join(d[k] for k in ("msgId", "uidFrom", "idTo", "ts", "content")))' "$T/dup.ndjson")"
check "duplicate keys: one record, stored once" "$(q "$T/db" 'select records, stored from ledger')" "1|1"

# --- msgType of every JSON type, in both formats
{
	i=0
	for v in '"webchat"' 1 '{"a":1}' '[1,2]' true false null '""' '"chat.nonsense"'; do
		i=$((i + 1))
		printf '{"msgId":"w%d","msgType":%s,"uidFrom":"11","idTo":"4411","ts":"1709344800000","content":"t"}\n' $i "$v"
	done
	i=0
	for v in 1 '"1"' '{"a":1}' '[1,2]' true false null '""' '"webchat"' 99999; do
		i=$((i + 1))
		printf '{"msgId":"p%d","msgType":%s,"fromUid":"11","toUid":"g4411","serverTime":"1709344800000","message":"t"}\n' $i "$v"
	done
} >"$T/types.ndjson"
one "$T/types.ndjson"
check "msgType types: exit 1" "$rc" 1
check "msgType types: what each became" \
	"$(q "$T/db" "select group_concat(msg_id || '=' || type, ' ') from (select * from messages order by msg_id)")" \
	"p1=text p10=other p2=text w1=text w2=text w8=other w9=other"
check "Web msgType object, array, booleans, null: rejected, said" \
	"$(grep -c 'types.ndjson:[3-7]: msgType is missing or not a string' "$T/err")" 5
check "PC msgType object, array, booleans, null, non-numbers: rejected, said" \
	"$(q "$T/db" "select count from ledger_reasons where reason = 'msgType is missing or not a number'")" 7
check "msgType types: ledger accounts for all 19" "$(q "$T/db" 'select records, stored, rejected from ledger')" "19|7|12"

# --- a JSON array of 10 million records on one line: every one accounted for,
# memory flat (private chats, skipped without storing; every 1000th a group message)
if [ $san -eq 1 ]; then
	echo "ok - 10 million records # SKIP under the sanitizers (minutes); the plain build runs it"
else
	python3 - "$T/ten.json" <<'PY'
import sys
priv = b'{"msgId":"1","msgType":1,"fromUid":"5","toUid":"6","serverTime":"1709344800000","message":"p"}'
with open(sys.argv[1], "wb") as f:
    f.write(b"[")
    for b in range(10000):
        grp = b'{"msgId":"%d","msgType":1,"fromUid":"%d","toUid":"g77","serverTime":"%d","message":"m"}' % (
            1000000 + b, 1 + b % 100, 1709344800000 + b)
        f.write((b"," if b else b"") + b",".join([priv] * 999 + [grp]))
    f.write(b"]\n")
PY
	rm -f "$T/db"
	t0=$(date +%s)
	set +e
	"$BH_BIN/binhyen-unpack" -q --db "$T/db" "$T/ten.json" |
		/usr/bin/time -f %M -o "$T/rss" "$BH_BIN/binhyen-extract" -q --db "$T/db" 2>"$T/err"
	rc=$?
	set -e
	rm -f "$T/ten.json"
	check "10 million records: exit 0" "$rc" 0
	check "10 million records: every one accounted for" \
		"$(q "$T/db" 'select records, stored, duplicates, rejected, private_skipped, other_skipped from ledger')" \
		"10000000|10000|0|0|9990000|0"
	check "10 million records: the group messages stored" "$(q "$T/db" 'select count(*), count(distinct msg_id) from messages')" "10000|10000"
	rss=$(tail -1 "$T/rss")
	if [ "$rss" -lt "$RSS_MAX" ]; then ok "10 million records: peak RSS ${rss} KiB < $((RSS_MAX / 1024)) MiB ($(($(date +%s) - t0)) s)"
	else notok "10 million records: peak RSS under $((RSS_MAX / 1024)) MiB" "got ${rss} KiB"; fi
fi
