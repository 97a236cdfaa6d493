#!/bin/sh
# zlbackup.sh: encrypted Zalo PC backups (*.zl.zip) read with --dkey-file, built
# here from a plain backup with the openssl command line (AES-256-CBC, key =
# SHA-256 of the dkey; IV "zie"+dkey[0..13) for backup.zl.zip, zeros for one suffix).
. "$BH_TOP/tests/e2e/lib.sh"

OFFICER=7312004958821134467
DKEY=0123456789abcdef0123456789abcdef
B=$T/plain/$OFFICER/ZaloDownloads/database
mkdir -p "$B"
sed "s/\"fromUid\":\"$OFFICER\"/\"fromUid\":\"0\"/" "$SAMPLES/pc_backup_zmessage.zdb" >"$B/${OFFICER}_zmessage.zdb"
cp "$SAMPLES/pc_backup_zconversation.zdb" "$B/${OFFICER}_zconversation.zdb"
printf 'not readable' >"$T/plain/Index.db"
(cd "$T/plain" && bsdtar --format ustar -cf "$T/backup.tar" "$OFFICER" Index.db)

printf '%s\n' "$DKEY" >"$T/key"
chmod 600 "$T/key"
KEYHEX=$(printf '%s' "$DKEY" | sha256sum | cut -c1-64)
ZIE=$(printf 'zie%s' "$(printf '%s' "$DKEY" | cut -c1-13)" | od -An -tx1 | tr -d ' \n')
ZERO=00000000000000000000000000000000
openssl enc -aes-256-cbc -K "$KEYHEX" -iv "$ZIE" -in "$T/backup.tar" -out "$T/backup.zl.zip"
openssl enc -aes-256-cbc -K "$KEYHEX" -iv "$ZERO" -in "$T/backup.tar" -out "$T/renamed.zip"
check "fixture: not readable as an archive without the key" \
	"$(bsdtar -tf "$T/backup.zl.zip" >/dev/null 2>&1 && echo readable || echo unreadable)" unreadable

ingest "$T/a.db" --dkey-file "$T/key" "$T/backup.zl.zip"
check "zie IV (two suffixes): exit 0" "$rc" 0
check "zie IV: messages stored" "$(q "$T/a.db" 'select count(*) from messages')" 8
check "zie IV: owner from the top folder" "$(q "$T/a.db" "select count(*) from messages where sender = '$OFFICER'")" 3
check "zie IV: private chat skipped" "$(q "$T/a.db" 'select sum(private_skipped) from ledger')" 1
check_nogrep "the key is never printed" "$T/err" "$DKEY"
check "the key is not in the database" "$(grep -c "$DKEY" "$T/a.db" || true)" 0

ingest "$T/b.db" --dkey-file "$T/key" "$T/renamed.zip"
check "zero IV (one suffix): exit 0" "$rc" 0
check "zero IV: messages stored" "$(q "$T/b.db" 'select count(*) from messages')" 8

ingest "$T/c.db" --dkey-file "$T/key" --iv zero "$T/backup.zl.zip"
check "forced wrong IV: exit 1" "$rc" 1
check_grep "forced wrong IV: says to try the other rule" "$T/err" "the IV does not.*--iv zie"
cp "$T/backup.zl.zip" "$T/x.zl.zip"
ingest "$T/c2.db" --dkey-file "$T/key" --iv zie "$T/renamed.zip"
check "renamed file with --iv zie forced wrongly: exit 1" "$rc" 1

printf 'fedcba9876543210fedcba9876543210\n' >"$T/wrong"
ingest "$T/d.db" --dkey-file "$T/wrong" "$T/backup.zl.zip" "$SAMPLES/web_group_messages.json"
check "wrong key: exit 1" "$rc" 1
check_grep "wrong key: reported as such" "$T/err" "backup.zl.zip: wrong key for this backup"
check_nogrep "wrong key: not called corrupt" "$T/err" "corrupt"
check "wrong key: other inputs still read" "$(q "$T/d.db" 'select count(*) from messages')" 3

ingest "$T/e.db" "$T/backup.zl.zip"
check "no key: exit 1" "$rc" 1
check_grep "no key: says how to pass one" "$T/err" "encrypted Zalo PC backup.*--dkey-file FILE"

size=$(stat -c %s "$T/backup.zl.zip")
head -c $((size / 2)) "$T/backup.zl.zip" >"$T/cut.zl.zip"
ingest "$T/f.db" --dkey-file "$T/key" "$T/cut.zl.zip"
check "truncated backup: exit 1" "$rc" 1
check_grep "truncated backup: corrupt or truncated" "$T/err" "cut.zl.zip: .*truncated"
head -c 300 "$T/backup.zl.zip" >"$T/tiny.zl.zip"
ingest "$T/g.db" --dkey-file "$T/key" "$T/tiny.zl.zip"
check_grep "tiny file: too short" "$T/err" "tiny.zl.zip: too short"

head -c 20000 /dev/urandom >"$T/random.zl.zip"
ingest "$T/h.db" --dkey-file "$T/key" "$T/random.zl.zip"
check_grep "not a backup: wrong key or not a backup" "$T/err" "random.zl.zip: wrong key for this backup"

printf 'short\n' >"$T/badkey"
set +e
"$BH_BIN/binhyen-unpack" --dkey-file "$T/badkey" --list "$T/backup.zl.zip" >/dev/null 2>"$T/err"
r=$?
set -e
check "malformed key file: exit 2" "$r" 2
check_grep "malformed key file: says what a dkey is" "$T/err" "32 hexadecimal characters"

# --- straight from binhyen run to the report
set +e
"$BH_BIN/binhyen" run -q --db "$T/run.db" --roster "$SAMPLES/roster.csv" --period 2024-03 \
	--out "$T/out" --dkey-file "$T/key" "$T/backup.zl.zip" >"$T/run.out" 2>"$T/run.err"
r=$?
set -e
check "binhyen run with an encrypted backup: exit 0" "$r" 0
check "binhyen run: the report is written" "$(ls "$T/out/report.html" 2>/dev/null | wc -l)" 1
check "binhyen run: the backup's 8 messages counted" \
	"$(sed '1s/^\xef\xbb\xbf//' "$T/out/tables/summary.csv" | awk -F, '$1 == "messages" { print $2 }')" 8
check_nogrep "binhyen run: the key is in no output" "$T/run.err" "$DKEY"
check "binhyen run: the key is in no output file" "$(grep -rl "$DKEY" "$T/out" | wc -l)" 0
