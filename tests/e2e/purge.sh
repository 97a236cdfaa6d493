#!/bin/sh
# purge.sh: binhyen purge --before DATE removes the text of older messages and
# keeps the figures: the same tables before and after with the same lexicon;
# with another lexicon, only the messages that still have text are read anew;
# the report says so; the text is gone from the database file and its log; a
# copy read later does not bring it back. It says first what it will remove and
# asks on a terminal (a real one: a pseudo-terminal from python), refuses
# without one unless --yes, and refuses a date after today.
. "$BH_TOP/tests/e2e/lib.sh"

# all the tables of an output folder, but the summary's purged_messages row
tables() { (cd "$1" && for f in ledger.csv tables/*.csv internal/*.csv; do echo "== $f"; grep -v '^purged_messages,' "$f"; done); }
purge() {	# args: binhyen purge, rc, stderr in $T/err
	rc=0
	"$BH_BIN/binhyen" purge "$@" 2>"$T/err" || rc=$?
}
run() {	# db out [options]: binhyen run on what the database holds
	rdb=$1 rout=$2
	shift 2
	rc=0
	"$BH_BIN/binhyen" run -q --roster "$SAMPLES/roster.csv" --period 2024-03 --db "$rdb" --out "$rout" "$@" 2>"$T/err" || rc=$?
}

# --- usage
purge --help >/dev/null
check "--help: exit 0" "$rc" 0
check "--help: says how the text is removed for good" \
	"$("$BH_BIN/binhyen" purge --help | grep -c 'VACUUM\|checkpointed')" 1
purge --db "$T/none.db"
check "no --before: exit 2, said" "$rc $(grep -c 'before DATE is required' "$T/err")" "2 1"
purge --before 2024-02-30 --db "$T/none.db"
check "invalid date: exit 2, said" "$rc $(grep -c "not a date YYYY-MM-DD: '2024-02-30'" "$T/err")" "2 1"
purge --before 2024-03-02 --db "$T/none.db"
check "no database: exit 2, none created" "$rc $(grep -c "no database" "$T/err") $(ls "$T" | grep -c none.db || true)" "2 1 0"
purge --before 2024-03-02 --bogus
check "unknown option: exit 2" "$rc" 2

# --- the samples: purged before 2 March 2024, the PC messages of 1 March go
run "$T/db" "$T/o1" "$SAMPLES/pc_backup_zmessage.zdb" "$SAMPLES/pc_backup_zconversation.zdb" "$SAMPLES/web_group_messages.json"
check "samples: a first run (exit 0)" "$rc" 0
check "fixture: the tip's text is in the database file" "$(grep -c 'mất trộm xe máy' "$T/db")" 1
cp "$T/db" "$T/unpurged.db"

# --- a date after today: refused, nothing removed (today in Vietnam, UTC+7)
now=$(date -u +%s)
today=$(date -u -d "@$((now + 7 * 3600))" +%F)
tomorrow=$(date -u -d "@$((now + 31 * 3600))" +%F)
purge --before "$tomorrow" --db "$T/db" --yes
check "after today: exit 2, said with today's date" "$rc $(grep -c -- "--before $tomorrow is after today ($today): nothing removed" "$T/err")" "2 1"
purge --before 2099-01-01 --db "$T/db" --yes
check "2099: exit 2, said" "$rc $(grep -c 'after today' "$T/err")" "2 1"
check "after today: nothing removed, nothing recorded" "$(grep -c 'mất trộm xe máy' "$T/db") $(q "$T/db" 'select count(*) from purges')" "1 0"

# --- without a terminal and without --yes: what would go is said, nothing goes
purge --before 2024-03-02 --db "$T/db" </dev/null
check "no terminal: exit 2" "$rc" 2
check_grep "no terminal: says how many, from which day to which" "$T/err" \
	"this removes the text of 6 messages, sent from 2024-03-01 to 2024-03-01 (every message before 2024-03-02 that still has its text)"
check_grep "no terminal: says why nothing was removed, and --yes" "$T/err" "nothing removed: there is no terminal to ask on; give --yes"
check "no terminal: nothing removed, nothing recorded" "$(grep -c 'mất trộm xe máy' "$T/db") $(q "$T/db" 'select count(*) from purges')" "1 0"

# --- on a terminal: the question, then what was typed
tty() {	# answer, db: rc, what the terminal showed in $T/tty
	rc=0
	python3 "$BH_TOP/tests/e2e/on_terminal.py" "$1" "$BH_BIN/binhyen-purge" --before 2024-03-02 --db "$2" >"$T/tty" || rc=$?
}
cp "$T/unpurged.db" "$T/tty.db"
tty no "$T/tty.db"
check "terminal, 'no': exit 2" "$rc" 2
check_grep "terminal: says what goes first" "$T/tty" "this removes the text of 6 messages, sent from 2024-03-01 to 2024-03-01"
check_grep "terminal: asks" "$T/tty" "Type yes to remove it: no"
check_grep "terminal, 'no': says nothing was removed" "$T/tty" "nothing removed (the answer was not yes)"
check "terminal, 'no': nothing removed, nothing recorded" "$(grep -c 'mất trộm xe máy' "$T/tty.db") $(q "$T/tty.db" 'select count(*) from purges')" "1 0"
tty yes "$T/tty.db"
check "terminal, 'yes': exit 0" "$rc" 0
check_grep "terminal, 'yes': removed" "$T/tty" "removed the text of 6 messages sent before 2024-03-02"
check "terminal, 'yes': the text gone" "$(grep -c 'mất trộm xe máy' "$T/tty.db" || true) $(q "$T/tty.db" 'select sum(messages) from purges')" "0 6"
cp "$T/unpurged.db" "$T/tty.db"
tty có "$T/tty.db"
check "terminal, 'có' (yes in Vietnamese): exit 0, removed" "$rc $(q "$T/tty.db" 'select sum(messages) from purges')" "0 6"
printf 'trom_cap\ttip\ttrộm\n' >"$T/bad.tsv"
printf 'x\tmaybe\ttrộm\n' >>"$T/bad.tsv"
purge --before 2024-03-02 --db "$T/db" --lexicon "$T/bad.tsv"
check "a bad lexicon: exit 2, its line named, nothing purged" "$rc $(grep -c 'bad.tsv:2: unknown kind' "$T/err") $(q "$T/db" 'select count(*) from purged')" "2 1 0"
purge --before 2024-03-02 --db "$T/db" --yes
check "purge: exit 0" "$rc" 0
check_grep "purge: says how many and before when" "$T/err" "removed the text of 6 messages sent before 2024-03-02"
check_grep "purge: says the database was compacted" "$T/err" "rewritten and its log emptied"
check "purge: the text of messages before the date removed" \
	"$(q "$T/db" "select count(*) from messages where ts < 1709312400000 and (text is not null or caption is not null)")" 0
check "purge: later messages keep theirs" "$(q "$T/db" "select count(*) from messages where ts >= 1709312400000 and (text is not null or caption is not null)")" 3
check "purge: each purged message keeps what the lexicon read" \
	"$(q "$T/db" "select group_concat(m.msg_id || ':' || coalesce(p.category, '-') || ':' || coalesce(p.kind, '-'), ' ') from purged p join messages m on m.id = p.message_id")" \
	"2301000000101:lua_dao:tip 2301000000103:trom_cap:tip 2301000000104:-:- 2301000000105:-:- 2301000000106:thu_tuc:question 2301000000107:-:-"
for s in "mất trộm xe máy" "Xe Wave màu đỏ" "can cuoc" "giả danh công an" "đồng chí Hùng"; do
	check "purge: '$s' gone from the database file's bytes" "$(grep -c "$s" "$T/db" || true)" 0
done
check "purge: the log emptied (no -wal left, or an empty one)" "$(cat "$T/db-wal" 2>/dev/null | wc -c)" 0
check "purge: unpurged text still there" "$(grep -c 'người lạ đi xe' "$T/db")" 1
check "purge: the database still owner-only" "$(stat -c %a "$T/db")" 600
purge -q --before 2024-03-02 --db "$T/db" </dev/null
check "-q, again: nothing more to purge: not asked, nothing said" "$rc $(q "$T/db" 'select count(*), sum(messages) from purges') $(wc -c <"$T/err")" "0 2|6 0"

# --- the same lexicon: the same figures; the report says text was purged
run "$T/db" "$T/o2"
check "after purge: run exits 0" "$rc" 0
check "after purge: every table as before" "$(tables "$T/o2" | cmp -s - "$(tables "$T/o1" >"$T/t1"; echo "$T/t1")" && echo same)" same
check "after purge: the summary counts the purged messages" "$(grep '^purged_messages,' "$T/o1/tables/summary.csv" "$T/o2/tables/summary.csv" | cut -d: -f2 | tr '\n' ' ')" \
	"purged_messages,0,, purged_messages,6,, "
check_grep "after purge: report.html says so" "$T/o2/report.html" "Đã xóa nội dung của 6 tin nhắn của kỳ này (binhyen purge"
check_grep "after purge: and that a new lexicon reads only the rest" "$T/o2/report.html" "bộ từ khóa thay đổi sau đó (--lexicon) chỉ áp dụng cho các tin nhắn còn nội dung"
check_grep "after purge: report.md says so" "$T/o2/report.md" "Đã xóa nội dung của 6 tin nhắn"
check "before purge: the report says nothing of it" "$(grep -c 'binhyen purge' "$T/o1/report.html" || true)" 0
"$BH_BIN/binhyen-metrics" -q --db "$T/db" --period 2024-04 --out "$T/o4" 2>/dev/null || true	# April itself holds no message: exit 1
check "the month after: its previous period is the purged one" "$(grep '^purged_messages,' "$T/o4/tables/summary.csv")" "purged_messages,0,6,"

# --- another lexicon: "trộm", "giả danh", "căn cước" gone, "người lạ" and
# "tập huấn" new categories. Purged messages keep their reading; the others
# are read anew.
printf 'la_mat\ttip\tngười lạ\npccc\ttip\ttập huấn\nkhac\ttip\t#phananh\n' >"$T/lex2.tsv"
"$BH_BIN/binhyen-metrics" -q --db "$T/db" --period 2024-03 --out "$T/p2" --lexicon "$T/lex2.tsv"
"$BH_BIN/binhyen-metrics" -q --db "$T/unpurged.db" --period 2024-03 --out "$T/u2" --lexicon "$T/lex2.tsv"
tips() { cut -d, -f1,6,7 "$1/internal/tips.csv" | tail -n +2 | tr '\n' ' '; }
check "new lexicon, purged database: purged tips keep theirs, the rest read anew" "$(tips "$T/p2")" \
	"2301000000103,trom_cap,tip 2301000000106,thu_tuc,question 2301000000201,la_mat,tip 2301000000204,pccc,tip "
check "new lexicon, unpurged database: every message read anew" "$(tips "$T/u2")" \
	"2301000000201,la_mat,tip 2301000000204,pccc,tip "
check "new lexicon: a purged officer post keeps its topic" "$(cut -d, -f1,3 "$T/p2/tables/officer_posts.csv" | tail -n +2)" "2301000000101,lua_dao"
check "new lexicon: unpurged, the same post is read anew" "$(cut -d, -f1,3 "$T/u2/tables/officer_posts.csv" | tail -n +2)" "2301000000101,thong_bao"

# --- a copy of a purged message read later does not bring its text back; a
# new old message does come with its text, and that is said
python3 - "$SAMPLES/pc_backup_zmessage.zdb" "$T/copy.ndjson" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        o.write(json.dumps(json.loads(line), ensure_ascii=False, separators=(", ", ": ")) + "\n")
    o.write(json.dumps({"msgId": "2301000000150", "cliMsgId": "1709270000150", "msgType": 1,
        "message": "tin cũ mới đọc: trộm gà", "serverTime": "1709270100000", "fromUid": "5665005889540787359",
        "toUid": "g4411205930127745519", "dName": "Nguyễn Văn Bách"}, ensure_ascii=False) + "\n")
PY
ingest "$T/db" "$T/copy.ndjson"
check "a later copy: read (exit 0)" "$rc" 0
check "a later copy: the purged text not back" "$(q "$T/db" "select count(*) from messages m join purged p on p.message_id = m.id where m.text is not null or m.caption is not null")" 0
check_grep "a new old message: stored with its text, said" "$T/err" "1 messages sent before 2024-03-02, the date of the last binhyen purge, were stored with their text: run 'binhyen purge --before 2024-03-02' again"
purge --yes --before 2024-03-02 --db "$T/db"
check "purged again: the new old message too" "$rc $(grep -c 'removed the text of 1 message sent' "$T/err") $(grep -c 'trộm gà' "$T/db" || true)" "0 1 0"

# --- a larger commune (the generator): purged before 15 March 2024, the
# tables of three periods around that day are the same; with another lexicon
# the tips before the day keep their reading, the tips after are read anew
python3 "$BH_TOP/tests/gen/bhgen.py" --out "$T/g" --messages 1500 --no-expected --quiet
G=$T/g
"$BH_BIN/binhyen-unpack" -q --db "$T/g.db" "$G"/exports/* 2>/dev/null | "$BH_BIN/binhyen-extract" -q --db "$T/g.db" 2>/dev/null || true
"$BH_BIN/binhyen-roster" -q --db "$T/g.db" "$G/roster.csv" 2>/dev/null
for p in 2024-02 2024-Q1 2024-H1; do
	"$BH_BIN/binhyen-metrics" -q --db "$T/g.db" --period $p --out "$T/gb-$p"
done
cp "$T/g.db" "$T/g-unpurged.db"
purge --yes --before 2024-03-15 --db "$T/g.db"
check "generator: purge exits 0" "$rc" 0
check "generator: every message before the day lost its text" \
	"$(q "$T/g.db" "select count(*) from messages where ts < 1710435600000 and (text is not null or caption is not null)")" 0
for p in 2024-02 2024-Q1 2024-H1; do
	"$BH_BIN/binhyen-metrics" -q --db "$T/g.db" --period $p --out "$T/ga-$p"
	check "generator $p: every table as before the purge" "$(tables "$T/ga-$p" | cmp -s - "$(tables "$T/gb-$p" >"$T/t1"; echo "$T/t1")" && echo same)" same
done
check "generator: the purged messages counted in the summary" "$(grep '^purged_messages,' "$T/ga-2024-Q1/tables/summary.csv" | cut -d, -f2 | awk '$1 > 100 { print "many" }')" many
# another lexicon: every tip category renamed, the questions gone
grep -v '	question	' "$BH_TOP/data/lexicon.tsv" | awk -F '\t' 'BEGIN { OFS = "\t" } NF == 3 && $2 == "tip" { $1 = $1 "_moi" } { print }' >"$T/lex3.tsv"
"$BH_BIN/binhyen-metrics" -q --db "$T/g.db" --period 2024-H1 --out "$T/gp" --lexicon "$T/lex3.tsv"
"$BH_BIN/binhyen-metrics" -q --db "$T/g-unpurged.db" --period 2024-H1 --out "$T/gu" --lexicon "$T/lex3.tsv"
# tip_id, ts, category, kind, answered, response; away from the day (bursts and answers cross it)
sel() { awk -F, -v lo="$2" -v hi="$3" 'NR > 1 && $3 >= lo && $3 < hi { print $1, $3, $6, $7, $8, $10 }' "$1/internal/tips.csv"; }
sel "$T/gp" 2024 2024-03-14T23 >"$T/before.new"
sel "$T/gb-2024-H1" 2024 2024-03-14T23 >"$T/before.old"
sel "$T/gp" 2024-03-15T01 2025 >"$T/after.new"
sel "$T/gu" 2024-03-15T01 2025 >"$T/after.unpurged"
check "generator, new lexicon: tips before the day as read at the purge" "$(cmp -s "$T/before.new" "$T/before.old" && wc -l <"$T/before.new" | awk '$1 > 10 { print "same" }')" same
check "generator, new lexicon: tips after the day read anew" "$(cmp -s "$T/after.new" "$T/after.unpurged" && wc -l <"$T/after.new" | awk '$1 > 10 { print "same" }')" same
check "generator, new lexicon: no question after the day, some before" \
	"$(grep -c ' question ' "$T/after.new" || true) $(grep -c ' question ' "$T/before.new" | awk '$1 > 0 { print "some" }')" "0 some"
check "generator, new lexicon: new names after the day only" \
	"$(grep -c '_moi ' "$T/before.new" || true) $(grep -c '_moi tip' "$T/after.new" | awk '$1 > 0 { print "some" }')" "0 some"
