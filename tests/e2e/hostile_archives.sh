#!/bin/sh
# hostile_archives.sh: archives and folders built to hurt binhyen-unpack: control
# bytes and 4 KiB+ entry names, absolute paths, hard links, empty archives, files
# that cannot be read, truncated .tar.zst/.tar.gz, a damaged zip central
# directory. Each: the exit code, the message, and nothing stored wrongly.
# (../ names, symlinks, bombs, nesting, the same file twice: ingest.sh.)
. "$BH_TOP/tests/e2e/lib.sh"

WEB=$SAMPLES/web_group_messages.json
mkdir -p "$T/s"
cp "$SAMPLES/pc_backup_zmessage.zdb" "$SAMPLES/pc_backup_zconversation.zdb" "$WEB" "$T/s/"
# every stored message of a database, to compare with what the samples give
msgs() { q "$1" 'select group_id, msg_id, sender, ts, type, text, caption from messages order by group_id, msg_id'; }
ingest "$T/ref.db" "$T/s/pc_backup_zmessage.zdb" "$T/s/pc_backup_zconversation.zdb" "$T/s/web_group_messages.json"
msgs "$T/ref.db" >"$T/ref.msgs"
ESC=$(printf '\033')

python3 - "$T" "$WEB" <<'PY'
import io, os, sys, tarfile, zipfile
out, web = sys.argv[1], sys.argv[2]
data = open(web, "rb").read()
bad = b'{"msgId":"9","msgType":"webchat","uidFrom":"1","ts":"1709344800000","content":"x"}\n'
def add(t, name, d=data):
    ti = tarfile.TarInfo(name); ti.size = len(d); ti.mtime = 0
    t.addfile(ti, io.BytesIO(d))
# control bytes (SOH, ESC and a colour sequence, DEL, CR, LF) in entry names
ctrl = "chat\x01\x1b[31mred\x7f\r\n.json"
with tarfile.open(out + "/ctrl.tar", "w", format=tarfile.PAX_FORMAT) as t:
    add(t, ctrl)
    add(t, "bad\x1b]0;title\x07.ndjson", bad)
with zipfile.ZipFile(out + "/ctrl.zip", "w") as z:
    z.writestr(ctrl, data)
# names of 5000+ bytes: pax headers in tar, the plain name field in zip
long = ("thu-muc-" + "d" * 240 + "/") * 20 + "x.json"
with tarfile.open(out + "/long.tar", "w", format=tarfile.PAX_FORMAT) as t:
    add(t, long)
    add(t, long[:-6] + "bad.ndjson", bad)
with zipfile.ZipFile(out + "/long.zip", "w") as z:
    z.writestr(long, data)
open(out + "/long.len", "w").write(str(len(long)))
# absolute paths (GNU tar keeps the leading slash; zip too)
pid = str(os.getpid())
with tarfile.open(out + "/abs.tar", "w", format=tarfile.GNU_FORMAT) as t:
    add(t, "/tmp/binhyen-abs-" + pid + ".json")
with zipfile.ZipFile(out + "/abs.zip", "w") as z:
    z.writestr("/tmp/binhyen-abs-" + pid + ".json", data)
open(out + "/abs.pid", "w").write(pid)
# hard links: to an entry of the archive, and to a file of the system
with tarfile.open(out + "/hard.tar", "w", format=tarfile.USTAR_FORMAT) as t:
    add(t, "a.json")
    for name, target in (("b.json", "a.json"), ("passwd.ndjson", "/etc/passwd")):
        ti = tarfile.TarInfo(name); ti.type = tarfile.LNKTYPE; ti.linkname = target
        t.addfile(ti)
# empty archives
with tarfile.open(out + "/empty.tar", "w"): pass
with zipfile.ZipFile(out + "/empty.zip", "w"): pass
with tarfile.open(out + "/empty.tar.gz", "w:gz"): pass
open(out + "/zero.zip", "wb").close()
with zipfile.ZipFile(out + "/photos.zip", "w") as z:
    z.writestr("anh/z1_0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg", b"jpeg")
# a large entry, to cut compressed archives in the middle of it
import json
lines = "".join(json.dumps({"msgId": str(5000000 + i), "msgType": "webchat", "uidFrom": str(100 + i % 50),
    "idTo": "777", "ts": str(1709344800000 + i * 1000), "content": "tin nhắn số %d %s" % (i, os.urandom(24).hex())},
    ensure_ascii=False) + "\n" for i in range(20000))
open(out + "/big.ndjson", "w").write(lines)
PY

# --- control bytes in names: never printed or stored raw, the data still read
ingest "$T/ctrl.db" "$T/ctrl.tar" "$T/ctrl.zip"
check "control bytes: exit 1 (one bad record)" "$rc" 1
check "control bytes: messages stored" "$(q "$T/ctrl.db" 'select count(*) from messages')" 3
check "control bytes: names stored with \\xHH for each control byte" \
	"$(q "$T/ctrl.db" "select count(*) from ledger where entry = 'chat\\x01\\x1B[31mred\\x7F\\x0D\\x0A.json'")" 2
check "control bytes: no control byte in any stored name" \
	"$(q "$T/ctrl.db" "select count(*) from ledger where entry glob '*[$(printf '\001-\037\177')]*'")" 0
check_grep "control bytes: the bad record named by its cleaned entry" "$T/err" "ctrl.tar: bad\\\\x1B]0;title\\\\x07.ndjson:1: missing thread id"
check "control bytes: no ESC reaches the terminal" "$(grep -c "$ESC" "$T/err" || true)" 0

# --- names of 4 KiB and more: read, and kept whole in the ledger
ingest "$T/long.db" "$T/long.tar" "$T/long.zip"
check "long names: exit 1 (one bad record), no crash" "$rc" 1
check "long names: messages stored" "$(q "$T/long.db" 'select count(*) from messages')" 3
check "long names: the 5000+ byte name kept whole" \
	"$(q "$T/long.db" "select count(*) from ledger where length(entry) = $(cat "$T/long.len")")" 2
check_grep "long names: the bad record named with its long entry" "$T/err" "long.tar: thu-muc-d*/.*bad.ndjson:1: missing thread id"

# --- absolute paths: data, never a place to write to
pid=$(cat "$T/abs.pid")
ingest "$T/abs.db" "$T/abs.tar" "$T/abs.zip"
check "absolute paths: exit 0" "$rc" 0
check "absolute paths: the entry read as data" "$(q "$T/abs.db" 'select count(*), sum(records) from ledger')" "2|10"
check "absolute paths: stored once" "$(q "$T/abs.db" 'select count(*) from messages')" 3
check "absolute paths: nothing written at the path" "$(ls /tmp/binhyen-abs-"$pid".json 2>/dev/null | wc -l)" 0

# --- hard links: neither to an entry nor to a system file are followed
ingest "$T/hard.db" "$T/hard.tar"
check "hard links: exit 0" "$rc" 0
check_grep "hard links: link to an entry skipped, said" "$T/err" "hard.tar: b.json: not a regular file, skipped"
check_grep "hard links: link to /etc/passwd skipped, said" "$T/err" "hard.tar: passwd.ndjson: not a regular file, skipped"
check "hard links: only the file itself read" "$(q "$T/hard.db" 'select group_concat(entry) from ledger')" "a.json"
check "hard links: nothing of /etc/passwd read (no reason but the sample's unmarked Web rows)" "$(q "$T/hard.db" "select count(*) from ledger_reasons where outcome <> 'noted'")" 0

# --- empty archives: said, nothing stored, read again next time
for f in empty.tar empty.zip empty.tar.gz zero.zip; do
	ingest "$T/empty.db" "$T/$f"
	check "empty $f: exit 1" "$rc" 1
	check_grep "empty $f: says it holds no chat file" "$T/err" "$f: holds no Zalo chat file"
done
check "empty: nothing stored" "$(q "$T/empty.db" 'select (select count(*) from messages) + (select count(*) from ledger)')" 0
check "empty: marked bad, so read (and said) again" "$(q "$T/empty.db" "select group_concat(distinct status) from sources")" bad
ingest "$T/empty.db" "$T/empty.zip"
check_grep "empty: read again next time" "$T/err" "empty.zip: holds no Zalo chat file"
ingest "$T/photos.db" "$T/photos.zip"
check "only media files: exit 0" "$rc" 0
check_grep "only media files: said" "$T/err" "photos.zip: holds no Zalo chat file, only 1 other file (catalogued)"

# --- a folder with files that cannot be read: a fifo (reading it would block),
# a dangling symlink, a symlink out of the folder, a socket
mkdir -p "$T/dir/sub"
cp "$WEB" "$T/dir/w.json"
mkfifo "$T/dir/pipe.json"
ln -s "$T/nowhere.json" "$T/dir/dangling.json"
ln -s "$SAMPLES/pc_backup_zmessage.zdb" "$T/dir/sub/outside.zdb"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/dir/sock.json"
set +e
timeout 60 "$BH_BIN/binhyen-unpack" --db "$T/dir.db" "$T/dir" 2>"$T/err" | timeout 60 "$BH_BIN/binhyen-extract" --db "$T/dir.db" 2>>"$T/err"
rc=$?
set -e
check "folder with a fifo, links, a socket: does not hang, exit 0" "$rc" 0
check "folder: only the regular file read" "$(q "$T/dir.db" 'select group_concat(entry) from ledger')" "$T/dir/w.json"
check "folder: links not followed" "$(q "$T/dir.db" 'select count(*) from messages')" 3
check "folder: each link said skipped" "$(grep -c 'a symbolic link, not followed inside a folder, skipped' "$T/err")" 2
check_grep "folder: the dangling link named" "$T/err" "dir/dangling.json: a symbolic link"
check_grep "folder: the fifo said skipped" "$T/err" "dir/pipe.json: not a regular file (a pipe, socket or device), skipped"
check_grep "folder: the socket said skipped" "$T/err" "dir/sock.json: not a regular file"
# chmod 000 stops everyone but root: as root, the same as nobody (setpriv)
mkdir -p "$T/np"
chmod 755 "$T" "$T/np"
mkdir -p "$T/np/d/locked"
cp "$WEB" "$T/np/d/w.json"
cp "$SAMPLES/pc_backup_zmessage.zdb" "$T/np/d/locked/x.zdb"
cp "$SAMPLES/pc_backup_zmessage.zdb" "$T/np/d/noperm.zdb"
as=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1 &&
	    setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -x "$BH_BIN/binhyen-unpack" 2>/dev/null; then
		chown -R nobody "$T/np"
		as="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
	else
		as=skip
	fi
fi
chmod 000 "$T/np/d/noperm.zdb" "$T/np/d/locked"
if [ "$as" = skip ]; then
	echo "ok - # SKIP unreadable files: running as root and cannot become nobody"
else
	set +e
	$as sh -c '"$1/binhyen-unpack" --db "$2/np/db" "$2/np/d" 2>"$2/np/err.u"; echo $? >"$2/np/rc.u"' sh "$BH_BIN" "$T" |
		$as "$BH_BIN/binhyen-extract" --db "$T/np/db" 2>"$T/np/err.x"
	rcx=$?
	set -e
	check "unreadable files: unpack exits 1, extract 0" "$(cat "$T/np/rc.u") $rcx" "1 0"
	check_grep "unreadable files: the file named, with the reason" "$T/np/err.u" "cannot read '$T/np/d/noperm.zdb': Permission denied"
	check_grep "unreadable files: the folder named, with the reason" "$T/np/err.u" "cannot open folder '$T/np/d/locked': Permission denied"
	check "unreadable files: the readable one stored" "$(q "$T/np/db" 'select count(*) from messages')" 3
fi
chmod 700 "$T/np/d/locked" 2>/dev/null || true

# --- truncated .tar.zst and .tar.gz: said, what was read before the cut is
# whole, and the rest of the command line is still read
(cd "$T" && bsdtar --zstd --format ustar -cf big.tar.zst big.ndjson && bsdtar -z --format ustar -cf big.tar.gz big.ndjson)
ingest "$T/big.db" "$T/big.tar.zst"
msgs "$T/big.db" >"$T/big.msgs"
for f in big.tar.zst big.tar.gz; do
	size=$(stat -c %s "$T/$f")
	head -c $((size / 2)) "$T/$f" >"$T/cut-$f"
	head -c 40 "$T/$f" >"$T/head-$f"
	for g in "cut-$f" "head-$f"; do
		rm -f "$T/cut.db"
		ingest "$T/cut.db" "$T/$g" "$T/s/web_group_messages.json"
		check "$g: exit 1" "$rc" 1
		check_grep "$g: corrupt or truncated, named" "$T/err" "$g: .*truncated"
		check "$g: the other input read" "$(q "$T/cut.db" "select count(*) from messages where group_id = '4411205930127745519'")" 3
		# every message stored from the cut archive is one of the whole archive, whole
		msgs "$T/cut.db" | grep '^777|' >"$T/cut.msgs" || true
		check "$g: nothing stored half" "$(comm -23 "$T/cut.msgs" "$T/big.msgs" | wc -l)" 0
		check "$g: marked bad, read again next time" "$(q "$T/cut.db" "select status from sources where path like '%$g'")" bad
	done
done

# --- a zip whose central directory is damaged
python3 - "$T" <<'PY'
import struct, sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(out + "/ok.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for n in ("pc_backup_zmessage.zdb", "pc_backup_zconversation.zdb", "web_group_messages.json"):
        z.write(out + "/s/" + n, n)
d = open(out + "/ok.zip", "rb").read()
eocd = d.rfind(b"PK\x05\x06")
cd = struct.unpack("<I", d[eocd + 16:eocd + 20])[0]
def put(name, b): open(out + "/" + name, "wb").write(bytes(b))
b = bytearray(d); b[cd:cd + 4] = b"XXXX"; put("cd-sig.zip", b)                 # its signature
b = bytearray(d); b[cd + 46:eocd] = bytes(eocd - cd - 46); put("cd-zero.zip", b)  # its entries zeroed
b = bytearray(d); b[cd + 28:cd + 30] = struct.pack("<H", 60000); put("cd-name.zip", b)  # a name length past the end
b = bytearray(d); b[eocd + 16:eocd + 20] = struct.pack("<I", 10 ** 8); put("cd-off.zip", b)  # where it is
put("cd-none.zip", d[:cd])                                                          # cut off
PY
for f in cd-sig.zip cd-zero.zip cd-name.zip; do
	ingest "$T/cd.db" "$T/$f" "$T/s/web_group_messages.json"
	check "$f: exit 1" "$rc" 1
	check_grep "$f: corrupt, named" "$T/err" "$f: corrupt or truncated archive"
	check "$f: nothing of it stored" "$(q "$T/cd.db" "select count(*) from ledger l join sources s on s.id = l.source_id where s.path like '%$f'")" 0
	check "$f: marked bad" "$(q "$T/cd.db" "select status from sources where path like '%$f'")" bad
	rm -f "$T/cd.db"
done
# the directory's place wrong, or the directory cut off: libarchive reads the
# entries from their own headers (each checked by its CRC): all of it, exactly;
# without any directory the file is still truncated, and said so
for f in cd-off.zip cd-none.zip; do
	ingest "$T/cd.db" "$T/$f"
	check "$f: exactly the samples' messages, from the local headers" "$(msgs "$T/cd.db" | cmp -s - "$T/ref.msgs" && echo same)" same
	rm -f "$T/cd.db"
done
ingest "$T/cd.db" "$T/cd-off.zip"
check "cd-off.zip: exit 0" "$rc" 0
rm -f "$T/cd.db"
ingest "$T/cd.db" "$T/cd-none.zip"
check "cd-none.zip: exit 1" "$rc" 1
check_grep "cd-none.zip: truncated, said" "$T/err" "cd-none.zip: corrupt or truncated archive"
check "cd-none.zip: marked bad" "$(q "$T/cd.db" "select status from sources")" bad
