#!/bin/sh
# roster.sh: binhyen-roster reads every roster form formats.md allows, rejects bad
# files with file:line and exit 1 (keeping the stored roster), replaces on re-load.
. "$BH_TOP/tests/e2e/lib.sh"
top=$BH_TOP
bin=$BH_BIN
work=$T
s=$top/tests/fixtures/samples
db=$work/db
q() { sqlite3 "$db" "$1"; }
load() {	# file -> rc in $rc, stderr in $work/err
	rc=0
	"$bin/binhyen-roster" --db "$db" --out "$work/out" -q "$1" 2>"$work/err" || rc=$?
}
rejects() {	# name, file, expected message part
	before=$(q "SELECT COUNT(*) FROM roster")
	load "$2"
	if [ $rc -eq 1 ] && grep -qF "$3" "$work/err" &&
	    [ "$(q "SELECT COUNT(*) FROM roster")" = "$before" ]; then
		ok "$1"
	else
		notok "$1"
		echo "#   rc $rc, stderr:"; sed 's/^/#   /' "$work/err"
	fi
}

"$bin/binhyen-unpack" --db "$db" "$s"/*.zdb "$s"/*.json 2>/dev/null |
	"$bin/binhyen-extract" --db "$db" 2>/dev/null

load "$s/roster.csv"
check "samples roster (semicolons, BOM, Vietnamese roles) loads" "$(holds '[ $rc -eq 0 ]')" yes
check "five rows stored" "$(holds '[ "$(q "SELECT COUNT(*) FROM roster")" = 5 ]')" yes
check "roles mapped" "$(holds '[ "$(q "SELECT group_concat(role, \" \") FROM (SELECT role FROM roster ORDER BY line)")" = "officer resident resident resident resident" ]')" yes
check "Bách and Tuyền matched by uid" "$(holds '[ "$(q "SELECT COUNT(*) FROM sender_match WHERE how = '"'uid'"'")" = 2 ]')" yes
check "Hoa - Thôn 2 unmatched, thôn guessed" \
	"$(holds '[ "$(q "SELECT guess FROM sender_match WHERE sender = '"'6020959792036905359'"'")" = "Thôn 2" ]')" yes
check "roster_todo.csv lists the unmatched sender" \
	"$(holds 'grep -q "^6020959792036905359,Hoa - Thôn 2,,Thôn 2,$" "$work/out/internal/roster_todo.csv"')" yes
check "roster_todo.csv is private" "$(holds '[ "$(stat -c %a "$work/out/internal/roster_todo.csv")" = 600 ] && [ "$(stat -c %a "$work/out/internal")" = 700 ]')" yes

# Comma, CRLF, quoted separators, quotes and newlines, Vietnamese headers in upper case.
printf 'ZALO_ID,HỌ TÊN,Số Điện Thoại,XÓM,VAI TRÒ\r\n7312004958821134467,"Lê Văn Tuyền, CAX",,,Công An\r\n,"Hoa - Thôn 2",,"Thôn 2",NGƯỜI DÂN\r\n,"Phạm ""Lan""\r\nThị",,Thôn 1,resident\r\n\r\n,Đức,,Thôn 1,Trưởng Thôn\r\n' >"$work/comma.csv"
load "$work/comma.csv"
check "comma, CRLF, quotes, Vietnamese upper-case headers load" "$(holds '[ $rc -eq 0 ]')" yes
check "re-load replaces the roster" "$(holds '[ "$(q "SELECT COUNT(*) FROM roster")" = 4 ]')" yes
check "quoted separator kept" "$(holds '[ "$(q "SELECT name FROM roster WHERE uid = '"'7312004958821134467'"'")" = "Lê Văn Tuyền, CAX" ]')" yes
# 'Phạm "Lan"' CR LF 'Thị'
check "quoted quote and newline kept" "$(holds '[ "$(q "SELECT COUNT(*) FROM roster WHERE hex(name) = '"'5068E1BAA16D20224C616E220D0A5468E1BB8B'"'")" = 1 ]')" yes
check "row after a multi-line row and a blank line keeps its line number" "$(holds '[ "$(q "SELECT line FROM roster WHERE name = '"'Đức'"'")" = 7 ]')" yes
check "trưởng thôn is staff" "$(holds '[ "$(q "SELECT role FROM roster WHERE name = '"'Đức'"'")" = staff ]')" yes
check "uid-less row matched by name" "$(holds '[ "$(q "SELECT how FROM sender_match WHERE sender = '"'6020959792036905359'"'")" = name ]')" yes
check "messages untouched" "$(holds '[ "$(q "SELECT COUNT(*) FROM messages")" = 11 ]')" yes

# A name shared by two uid-less rows matches nobody and is reported.
printf 'name;thon;role\nHoa - Thôn 2;Thôn 2;resident\nhoa -  THÔN 2;Thôn 2;resident\n' >"$work/shared.csv"
load "$work/shared.csv"
check "shared name: loads, reported" "$(holds '[ $rc -eq 0 ] && grep -q "on several rows without uid (lines 2, 3)" "$work/err"')" yes
check "shared name: matches nobody" "$(holds '[ "$(q "SELECT member IS NULL FROM sender_match WHERE sender = '"'6020959792036905359'"'")" = 1 ]')" yes

load "$s/roster.csv"
printf 'uid,thon,role\n1,Thôn 1,resident\n' >"$work/noname.csv"
rejects "missing name column" "$work/noname.csv" "noname.csv:1: no 'name' column"
printf 'uid,name,thon\n1,A,Thôn 1\n' >"$work/norole.csv"
rejects "missing role column" "$work/norole.csv" "norole.csv:1: no 'role' column"
printf 'uid,name,thon,role\n1,A,Thôn 1,resident\n2,B,Thôn 1,chủ tịch\n' >"$work/role.csv"
rejects "unknown role" "$work/role.csv" "role.csv:3: unknown role 'chủ tịch'"
printf 'uid,name,thon,role\n1,A,Thôn 1,resident\n2,B,Thôn 1,resident\n1,C,Thôn 2,resident\n' >"$work/dup.csv"
rejects "duplicate uid" "$work/dup.csv" "dup.csv:4: duplicate uid '1' (also on line 2)"
printf 'uid,name,thon,role\n1,,Thôn 1,resident\n' >"$work/empty.csv"
rejects "row without name" "$work/empty.csv" "empty.csv:2: row without name"
printf 'uid,name,thon,role\n1,A,,resident\n' >"$work/nothon.csv"
rejects "resident without thôn" "$work/nothon.csv" "nothon.csv:2: resident without thôn"
printf 'uid,name,thon,role\n1,A,Th\364n 1,resident\n' >"$work/ansi.csv"
rejects "Windows-1258 file" "$work/ansi.csv" "ansi.csv:2: not valid UTF-8: save the file as UTF-8"
printf 'uid,name,thon,role\n1,"A,Thôn 1,resident\n' >"$work/quote.csv"
rejects "unclosed quote" "$work/quote.csv" "quote.csv:2: malformed CSV"
printf 'uid,name,thon,role\n7.31E+18,A,Thôn 1,resident\n' >"$work/sci.csv"
rejects "uid mangled by a spreadsheet" "$work/sci.csv" "sci.csv:2: uid '7.31E+18'"
check "rejected files leave the stored roster" "$(holds '[ "$(q "SELECT COUNT(*) FROM roster")" = 5 ]')" yes
rc=0
"$bin/binhyen-roster" --db "$db" "$work/none.csv" 2>"$work/err" || rc=$?
check "missing file exits 2" "$(holds '[ $rc -eq 2 ] && grep -q "cannot read" "$work/err"')" yes

# ---- The matching is incremental (sender_names): what comes after the roster counts.
db=$work/inc.db
rec() {	# msgId cliMsgId uid dName-or-empty ts: one Web group record
	if [ -n "$4" ]; then dn="\"dName\": \"$4\","; else dn=; fi
	printf '{"msgId": "%s", "cliMsgId": "%s", "msgType": "webchat", "uidFrom": "%s", "idTo": "900", %s "ts": "%s", "content": "x"}' \
	    "$1" "$2" "$3" "$dn" "$5"
}
printf 'uid,name,thon,role\n,Trần Văn Một,Thôn 1,resident\n,Lê Thị Hai,Thôn 2,resident\n,Đỗ Ba,Thôn 1,resident\n' >"$work/inc.csv"
printf '[%s]\n' "$(rec 11 1711 501 "trần văn  MỘT" 1709344800000)" >"$work/inc1.json"
"$bin/binhyen-unpack" --db "$db" "$work/inc1.json" 2>/dev/null | "$bin/binhyen-extract" --db "$db" 2>/dev/null
load "$work/inc.csv"
check "incremental: first sender matched by name" "$(holds '[ "$(q "SELECT how || member FROM sender_match WHERE sender = '"'501'"'")" = name1 ]')" yes
# A new sender; a message of an old id stored without a name, whose copy (same
# msgId, later source) brings the name; a second name for sender 501.
printf '[%s,%s,%s]\n' "$(rec 12 1712 502 "Lê Thị Hai" 1709344900000)" \
    "$(rec 13 1713 503 "" 1709345000000)" "$(rec 14 1714 501 "Đỗ Ba" 1709345100000)" >"$work/inc2.json"
"$bin/binhyen-unpack" --db "$db" "$work/inc2.json" 2>/dev/null | "$bin/binhyen-extract" --db "$db" 2>/dev/null
load "$work/inc.csv"
check "incremental: a sender stored after the last match is matched" \
    "$(holds '[ "$(q "SELECT how || member FROM sender_match WHERE sender = '"'502'"'")" = name2 ]')" yes
check "incremental: a sender without a name is listed, unmatched" \
    "$(holds '[ "$(q "SELECT member IS NULL AND dname IS NULL FROM sender_match WHERE sender = '"'503'"'")" = 1 ]')" yes
check "incremental: a sender whose two names match two rows is left unmatched" \
    "$(holds '[ "$(q "SELECT member IS NULL FROM sender_match WHERE sender = '"'501'"'")" = 1 ]')" yes
check "incremental: and reported with both lines in order" \
    "$(holds 'grep -q "sender 501 (.*) matches several roster rows by name (lines 2,4)" "$work/err"')" yes
printf '[%s]\n' "$(rec 13 1713 503 "Đỗ  Ba" 1709345000000)" >"$work/inc3.json"
"$bin/binhyen-unpack" --db "$db" "$work/inc3.json" 2>/dev/null | "$bin/binhyen-extract" --db "$db" 2>/dev/null
check "incremental: the copy was merged, not stored again" "$(holds '[ "$(q "SELECT COUNT(*) FROM messages WHERE msg_id = '"'13'"'")" = 1 ]')" yes
load "$work/inc.csv"
check "incremental: a name given by a merged copy matches" \
    "$(holds '[ "$(q "SELECT how || member || dname FROM sender_match WHERE sender = '"'503'"'")" = "name3Đỗ  Ba" ]')" yes
# The same result as matching from scratch (an old database has no sender_names).
q "DELETE FROM sender_names; DELETE FROM sender_names_seen" >/dev/null
before=$(q "SELECT group_concat(sender || ':' || coalesce(member, '-') || ':' || coalesce(dname, '-'), ' ') FROM (SELECT * FROM sender_match ORDER BY sender)")
load "$work/inc.csv"
check "incremental: rebuilding sender_names from the messages gives the same matching" \
    "$(holds '[ "$(q "SELECT group_concat(sender || '"':'"' || coalesce(member, '"'-'"') || '"':'"' || coalesce(dname, '"'-'"'), '"' '"') FROM (SELECT * FROM sender_match ORDER BY sender)")" = "$before" ]')" yes
