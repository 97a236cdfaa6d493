#!/bin/sh
# safety.sh: binhyen never replaces a folder it did not write, never takes
# over, unprotects or deletes a database, never exits 0 on a damaged or mixed
# state. One section per case of issue 14, each first reproducing what a
# careless or unlucky user does, then checking the exit code, the message, and
# that bytes and modes are unchanged where they must be. Real programs only.
. "$BH_TOP/tests/e2e/lib.sh"

R=$SAMPLES/roster.csv
IN="$SAMPLES/web_group_messages.json $SAMPLES/pc_backup_zmessage.zdb"
# every entry under a folder: path, type, mode, size, and each file's SHA-256
snap() { (cd "$1" && find . -printf '%p %y %m %s\n' | sort && find . -type f -exec sha256sum {} + | sort); }
# brun ARGS...: binhyen run, status in rc, stderr in $T/err
brun() {
	rc=0
	"$BH_BIN/binhyen" run -q "$@" 2>"$T/err" || rc=$?
}
has() { grep -q -- "$2" "$1"; }
ESC=$(printf '\033')

# a good database and output to start from
W=$T/work
mkdir -p "$W"
brun --roster "$R" --period 2024-Q1 --out "$W/out" --db "$W/w.db" $IN
check "setup: a first run exits 0" "$rc" 0
check "setup: the output records what binhyen wrote" "$(head -1 "$W/out/.binhyen")" "binhyen output folder 1"

# --- 1. --out a folder of the user's that happens to hold charts/ (and the
# other names binhyen writes), with files and subfolders of their own
D=$T/Docs
mkdir -p "$D/charts" "$D/tables" "$D/letters/2023"
echo "my chart" >"$D/charts/x.png"
echo "<p>mine</p>" >"$D/report.html"
echo "a,b" >"$D/ledger.csv"
echo "thư gửi" >"$D/letters/2023/thu.txt"
echo "kế hoạch" >"$D/ke_hoach.docx"
chmod 640 "$D/ke_hoach.docx"
snap "$D" >"$T/docs.before"
brun --roster "$R" --period 2024-Q1 --out "$D" --db "$W/w.db"
check "1 user's folder as --out: exit 2" "$rc" 2
check_grep "1 user's folder as --out: says it is not binhyen's and what to do" "$T/err" "'$D' exists and is not a binhyen output folder.*give another --out"
check_grep "1 user's folder as --out: names what is in it" "$T/err" "'ke_hoach.docx'.*'letters'"
snap "$D" >"$T/docs.after"
check "1 user's folder as --out: every entry, byte and mode unchanged" "$(cmp -s "$T/docs.before" "$T/docs.after" && echo same)" same
check "1 user's folder as --out: no temporary folder left beside it" "$(ls "$T" | grep -c '^Docs\.')" 0
check "1 refused before any stage ran (nothing in the database changed)" "$(q "$W/w.db" 'select count(*) from sources')" 2

# last quarter's output, with the officer's own report saved into it
cp -a "$W/out" "$T/q4"
echo "báo cáo đã sửa" >"$T/q4/bao_cao.docx"
snap "$T/q4" >"$T/q4.before"
brun --roster "$R" --period 2024-Q1 --out "$T/q4" --db "$W/w.db"
check "1 a file saved into a previous output: exit 2" "$rc" 2
check_grep "1 a file saved into a previous output: named, with what to do" "$T/err" "holds what binhyen did not write, or changed since: 'bao_cao.docx'.*move those elsewhere, or give another --out"
snap "$T/q4" >"$T/q4.after"
check "1 a file saved into a previous output: the folder unchanged" "$(cmp -s "$T/q4.before" "$T/q4.after" && echo same)" same
rm "$T/q4/bao_cao.docx"
echo "sửa tay" >>"$T/q4/report.md"
brun --roster "$R" --period 2024-Q1 --out "$T/q4" --db "$W/w.db"
check "1 a report edited in place: exit 2, named" "$rc:$(grep -c "'report.md'" "$T/err")" "2:1"
mkdir "$T/q4/tables/mine"
brun --roster "$R" --period 2024-Q1 --out "$T/q4" --db "$W/w.db"
check_grep "1 a folder added inside: named with its path" "$T/err" "'tables/mine/'"
# binhyen's own output, as it wrote it: replaced
before=$(sed -n 's/^pid //p' "$W/out/.binhyen")
brun --roster "$R" --period 2024-Q1 --out "$W/out" --db "$W/w.db"
check "1 binhyen's own output: replaced (exit 0, a new marker)" "$rc:$(sed -n 's/^pid //p' "$W/out/.binhyen" | grep -vc "^$before$")" "0:1"
check "1 an empty folder may be used" "$(mkdir "$T/empty" && brun --roster "$R" --period 2024-Q1 --out "$T/empty" --db "$W/w.db" && echo "$rc:$(test -s "$T/empty/report.html" && echo report)")" "0:report"

# --- 2. --db inside the output folder, through a symbolic link or ".."
mkdir -p "$T/l/real"
ln -s real "$T/l/l3"
cp "$W/w.db" "$T/l/real/work.db"
cp "$T/l/real/work.db" "$T/work.db.copy"
snap "$T/l" >"$T/l.before"
for pair in "l3/work.db l3" "real/work.db l3" "l3/work.db real" "l3/../real/work.db real/." "real/work.db l3/../l3"; do
	set -- $pair
	rc=0
	(cd "$T/l" && "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --db "$1" --out "$2" 2>"$T/err") || rc=$?
	check "2 --db $1 --out $2: exit 2, database must not be inside" "$rc:$(grep -c 'must not be inside the output folder' "$T/err")" "2:1"
done
snap "$T/l" >"$T/l.after"
check "2 the database and the folder unchanged, nothing left beside them" "$(cmp -s "$T/l.before" "$T/l.after" && cmp -s "$T/l/real/work.db" "$T/work.db.copy" && echo same)" same
mkdir -p "$T/l/other"
rc=0
(cd "$T/l" && "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --db "l3/work.db" --out "other/q1" 2>"$T/err") || rc=$?
check "2 --db through the link, --out elsewhere: runs (exit 0)" "$rc" 0

# --- 3. another program's SQLite file as --db
python3 - "$T/f.db" "$T/n.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("create table notes(id integer primary key, body text)")
c.execute("insert into notes(body) values ('sổ tay của tôi')")
c.commit(); c.close()
# a binhyen database of a newer schema
c = sqlite3.connect(sys.argv[2])
c.execute("create table sources(id)")
c.execute("pragma application_id = 1112034905")
c.execute("pragma user_version = 7")
c.commit(); c.close()
PY
chmod 644 "$T/f.db" "$T/n.db"
cp "$T/f.db" "$T/f.copy"
cp "$T/n.db" "$T/n.copy"
brun --roster "$R" --period 2024-Q1 --out "$T/o3" --db "$T/f.db" $IN
check "3 another program's database: exit 2" "$rc" 2
check_grep "3 another program's database: refused, with the reason and what to do" "$T/err" "'$T/f.db' is not binhyen's database (it holds a table binhyen does not make: 'notes'): binhyen leaves it as it is. Give --db"
check "3 another program's database: same bytes, same mode, nothing beside it" \
	"$(cmp -s "$T/f.db" "$T/f.copy" && stat -c %a "$T/f.db") $(ls "$T" | grep -c '^f\.db.')" "644 0"
check "3 another program's database: no output folder" "$(ls -d "$T"/o3* 2>/dev/null | wc -l)" 0
for stage in "roster $R" "purge --before 2024-01-01" "metrics --period 2024-Q1 --out $T/o3s"; do
	set -- $stage
	rc=0
	"$BH_BIN/binhyen-$1" --db "$T/f.db" $(shift; echo "$@") 2>"$T/err" || rc=$?
	check "3 binhyen-$1 alone on it: exit 2, untouched" "$rc:$(cmp -s "$T/f.db" "$T/f.copy" && stat -c %a "$T/f.db"):$(grep -c "not binhyen's database" "$T/err")" "2:644:1"
done
brun --roster "$R" --period 2024-Q1 --out "$T/o3" --db "$T/n.db" $IN
check "3 a newer binhyen's database: exit 2" "$rc" 2
check_grep "3 a newer binhyen's database: says so and what to do" "$T/err" "'$T/n.db' was made by a newer binhyen (schema 7; this one knows 1): binhyen leaves it as it is"
check "3 a newer binhyen's database: same bytes, same mode (no WAL, no chmod)" \
	"$(cmp -s "$T/n.db" "$T/n.copy" && stat -c %a "$T/n.db") $(ls "$T" | grep -c '^n\.db.')" "644 0"
printf 'not a database at all, but long enough to hold a header of one hundred bytes..............\n' >"$T/t.db"
cp "$T/t.db" "$T/t.copy"
brun --roster "$R" --period 2024-Q1 --out "$T/o3" --db "$T/t.db"
check "3 a text file as --db: exit 2, untouched" "$rc:$(cmp -s "$T/t.db" "$T/t.copy" && echo same):$(grep -c 'not an SQLite database' "$T/err")" "2:same:1"
check "3 binhyen's databases say so: application_id" "$(q "$W/w.db" 'pragma application_id')" 1112034905
# a database of a binhyen from before the application id: still binhyen's
cp "$W/w.db" "$T/old.db"
sqlite3 "$T/old.db" 'pragma application_id = 0'
brun --roster "$R" --period 2024-Q1 --out "$T/o3old" --db "$T/old.db"
check "3 a database of an earlier binhyen (no application id): used, and marked" "$rc:$(q "$T/old.db" 'pragma application_id')" "0:1112034905"

# --- 4. a read-only database, as an ordinary user (root ignores modes)
if setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
	U=$T/user
	mkdir -p "$U"
	chmod 755 "$T"
	chown nobody:nogroup "$U"
	asuser() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$U" "$@"; }
	rc=0
	(cd "$U" && asuser "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --out out --db ro.db $IN 2>"$T/err") || rc=$?
	check "4 as nobody: a first run makes the database (exit 0)" "$rc" 0
	chmod 444 "$U/ro.db"
	cp "$U/ro.db" "$T/ro.copy"
	snap "$U/out" >"$T/ro.out.before"
	n_before=$(q "$U/ro.db" 'select count(*) from sources')
	rc=0
	(cd "$U" && asuser "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --out out --db ro.db "$SAMPLES/pc_backup_zconversation.zdb" 2>"$T/err") || rc=$?
	check "4 read-only database: exit 2" "$rc" 2
	check_grep "4 read-only database: refused with the reason and what to do" "$T/err" "database 'ro.db' is read-only (mode 0444): binhyen leaves it as it is. To work in it, make it writable (chmod u+w 'ro.db')"
	check "4 read-only database: still 0444, same bytes" "$(stat -c %a "$U/ro.db"):$(cmp -s "$U/ro.db" "$T/ro.copy" && echo same)" "444:same"
	snap "$U/out" >"$T/ro.out.after"
	check "4 read-only database: the output untouched" "$(cmp -s "$T/ro.out.before" "$T/ro.out.after" && echo same)" same
	rc=0
	(cd "$U" && asuser "$BH_BIN/binhyen-roster" --db ro.db "$R" 2>"$T/err") || rc=$?
	check "4 the next run (a stage alone) does not write into it either" "$rc:$(cmp -s "$U/ro.db" "$T/ro.copy" && echo same):$(q "$U/ro.db" 'select count(*) from sources')" "2:same:$n_before"
else
	ok "4 read-only database: skipped (setpriv cannot become nobody here)"
fi

# --- 5. two runs on one database with different rosters, started together:
# each report comes from its own roster, 20 starts at random offsets
C=$T/conc
mkdir -p "$C"
brun --roster "$R" --period 2024-Q1 --out "$C/seed" --db "$C/c.db" $IN
# roster B: the same people without two residents (members: 4 in A, 2 in B,
# counted by hand from the rows whose role is a resident's)
grep -v 'Trần Thị Hoa\|Phạm Thị Lan' "$R" >"$C/rosterB.csv"
check "5 fixture: roster B has two residents fewer" "$(grep -c 'resident\|người dân' "$R") $(grep -c 'resident\|người dân' "$C/rosterB.csv")" "4 2"
mixed=0 failed=0 waited=0 i=0
while [ $i -lt 10 ]; do
	off=$(python3 -c 'import random; print("%.2f" % random.uniform(0, 0.8))')
	ra=$R rb=$C/rosterB.csv
	( "$BH_BIN/binhyen" run -q --roster "$ra" --period 2024-Q1 --out "$C/a$i" --db "$C/c.db" 2>"$C/errA$i"; echo $? >"$C/rcA$i" ) &
	pa=$!
	sleep "$off"
	( "$BH_BIN/binhyen" run -q --roster "$rb" --period 2024-Q1 --out "$C/b$i" --db "$C/c.db" 2>"$C/errB$i"; echo $? >"$C/rcB$i" ) &
	pb=$!
	wait $pa $pb
	[ "$(cat "$C/rcA$i")$(cat "$C/rcB$i")" = 00 ] || failed=$((failed + 1))
	ma=$(grep -a '^members,' "$C/a$i/tables/summary.csv" | cut -d, -f2)
	mb=$(grep -a '^members,' "$C/b$i/tables/summary.csv" | cut -d, -f2)
	[ "$ma:$mb" = "4:2" ] || mixed=$((mixed + 1))
	has "$C/errB$i" "another binhyen run is using '$C/c.db'.*; waiting" && waited=$((waited + 1))
	has "$C/errA$i" "another binhyen run is using '$C/c.db'.*; waiting" && waited=$((waited + 1))
	i=$((i + 1))
done
check "5 20 concurrent starts: every run exits 0" "$failed" 0
check "5 20 concurrent starts: every report from its own roster (members 4 and 2)" "$mixed" 0
if [ "$waited" -ge 1 ]; then ok "5 the later run said it waits for the other ($waited of 10 pairs overlapped)"
else notok "5 the later run said it waits for the other" "no pair overlapped: $(cat "$C/errB0")"; fi
# a run that waits too long: exit 2, says who holds it, output untouched
flock "$C/c.db.lock" sleep 6 &
holder=$!
sleep 0.3
snap "$C/a0" >"$T/c.before"
rc=0
BH_DB_WAIT=2 "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --out "$C/a0" --db "$C/c.db" 2>"$T/err" || rc=$?
kill $holder 2>/dev/null || true
wait $holder 2>/dev/null || true
check "5 waiting past the limit: exit 2" "$rc" 2
check_grep "5 waiting past the limit: says so and what to do" "$T/err" "another binhyen run is still using '$C/c.db' after 2 s.*let it finish, then run again"
snap "$C/a0" >"$T/c.after"
check "5 waiting past the limit: the output untouched" "$(cmp -s "$T/c.before" "$T/c.after" && echo same)" same

# --- 6. a database with damaged pages: quick_check before anything; exit 2,
# the database and the output untouched, a message saying how to rebuild
G=$T/dmg
mkdir -p "$G"
brun --roster "$R" --period 2024-Q1 --out "$G/out" --db "$G/good.db" $IN
sqlite3 "$G/good.db" 'pragma wal_checkpoint(truncate)' >/dev/null
snap "$G/out" >"$T/g.before"
detected=0 bad=0 k=0
while [ $k -lt 30 ]; do
	cp "$G/good.db" "$G/d.db"
	python3 - "$G/d.db" "$k" <<'PY'
import os, random, sys
path, seed = sys.argv[1], int(sys.argv[2])
r = random.Random(1000 + seed)
size = os.path.getsize(path)
pages = size // 4096
with open(path, "r+b") as f:
    for _ in range(r.randint(1, 3)):
        p = r.randrange(1, pages)          # never page 0: the header is case 3's
        how = r.randrange(3)
        if how == 0:                       # a whole page of noise
            f.seek(p * 4096); f.write(bytes(r.randrange(256) for _ in range(4096)))
        elif how == 1:                     # a page zeroed
            f.seek(p * 4096); f.write(bytes(4096))
        else:                              # the first bytes of a page flipped
            f.seek(p * 4096); b = bytearray(f.read(16)); f.seek(p * 4096)
            f.write(bytes(x ^ 0xFF for x in b))
PY
	# an independent verdict: the sqlite3 shell's own quick_check
	if [ "$(sqlite3 "$G/d.db" 'pragma quick_check' 2>&1 | head -1)" != ok ]; then
		detected=$((detected + 1))
		cp "$G/d.db" "$G/d.copy"
		rc=0
		"$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --out "$G/out" --db "$G/d.db" 2>"$G/err" || rc=$?
		snap "$G/out" >"$T/g.after"
		if [ "$rc" != 2 ] || ! has "$G/err" "database '$G/d.db' is damaged (.*mv '$G/d.db' '$G/d.db.damaged'), then run binhyen again with every export" ||
		    ! cmp -s "$G/d.db" "$G/d.copy" || ! cmp -s "$T/g.before" "$T/g.after" ||
		    ls "$G" | grep -q '^out\.'; then
			bad=$((bad + 1))
			echo "# damage $k: exit $rc: $(head -c 300 "$G/err")"
		fi
	fi
	k=$((k + 1))
done
if [ "$detected" -ge 15 ]; then ok "6 random damages: $detected of 30 found by sqlite3's quick_check"
else notok "6 random damages found by sqlite3's quick_check" "only $detected of 30"; fi
check "6 each damaged database: exit 2, 'damaged' and how to rebuild, database and output untouched" "$bad" 0

# --- 7. file names that are not UTF-8 or hold terminal escapes
N=$T/names
mkdir -p "$N/in"
bad_name=$(printf '\377\376')
esc_name=$(printf 'a\033[2Jb')
cp "$SAMPLES/web_group_messages.json" "$N/in/$bad_name.json"
cp "$SAMPLES/pc_backup_zmessage.zdb" "$N/in/$esc_name.zdb"
{ cat "$SAMPLES/web_group_messages.json"; echo " "; } >"$N/in/lit\\x41.json"
brun --roster "$R" --period 2024-Q1 --out "$N/out" --db "$N/n.db" "$N/in"
check "7 odd names: the run ends (exit 0 or 1)" "$([ "$rc" -le 1 ] && echo yes)" yes
check "7 no escape byte reaches the screen" "$(grep -c "$ESC" "$T/err" || true)" 0
"$BH_BIN/binhyen-unpack" --list "$N/in" >"$N/list" 2>"$N/list.err" || true
check "7 --list shows names escaped" "$(grep -c 'a\\x1B\[2Jb.zdb' "$N/list"):$(grep -c "$ESC" "$N/list" "$N/list.err" | awk -F: '{s += $2} END {print s}')" "1:0"
check_grep "7 ledger.csv shows the name escaped" "$N/out/ledger.csv" 'in/\\xFF\\xFE.json'
check_grep "7 ledger.csv shows the escape sequence escaped" "$N/out/ledger.csv" 'in/a\\x1B\[2Jb.zdb'
python3 - "$N" >"$N/py" 2>&1 <<'PY' || true
import glob, os, re, sqlite3, sys, zipfile, xml.dom.minidom as md
n = sys.argv[1]
notutf8, badxml = [], []
for p in glob.glob(n + "/out/**", recursive=True):
    if os.path.isfile(p) and not p.endswith((".png", ".xlsx", ".docx")):
        try: open(p, "rb").read().decode("utf-8")
        except UnicodeDecodeError: notutf8.append(p)
        if p.endswith(".svg"):
            try: md.parse(p)
            except Exception as e: badxml.append(p)
for doc in glob.glob(n + "/out/*.xlsx") + glob.glob(n + "/out/*.docx"):
    with zipfile.ZipFile(doc) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                try: md.parseString(z.read(name))
                except Exception: badxml.append(os.path.basename(doc) + ":" + name)
print("notutf8", len(notutf8), *notutf8)
print("badxml", len(badxml), *badxml)
# stored losslessly: the stored names read back to the bytes on disk
def unescape(s):
    return re.sub(rb"\\x([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]), s.encode())
c = sqlite3.connect(n + "/n.db")
stored = sorted(unescape(r[0]) for r in c.execute("select path from sources"))
on_disk = sorted(os.listdir(os.fsencode(n + "/in")))
stored = sorted(os.path.basename(s) for s in stored)
print("lossless", "yes" if stored == on_disk else "no %r %r" % (stored, on_disk))
print("ctrl", c.execute("select count(*) from ledger where entry glob '*[' || char(1) || '-' || char(31) || ']*'").fetchone()[0])
PY
check "7 every output file is valid UTF-8" "$(grep '^notutf8' "$N/py")" "notutf8 0"
check "7 tables.xlsx, report.docx and every SVG are well-formed XML" "$(grep '^badxml' "$N/py")" "badxml 0"
check "7 names stored losslessly (escapes read back to the bytes on disk)" "$(grep '^lossless' "$N/py")" "lossless yes"
check "7 no control byte stored" "$(grep '^ctrl' "$N/py")" "ctrl 0"

# --- 8. stale-folder cleanup touches only binhyen's own, of a gone process on this host
S8=$T/s8
mkdir -p "$S8"
brun --roster "$R" --period 2024-Q1 --out "$S8/2024-Q1" --db "$W/w.db"
# the user's copies, named like binhyen's temporary folders
cp -a "$S8/2024-Q1" "$S8/2024-Q1.old2023"
mkdir -p "$S8/2024-Q1.tmp2024/notes" && echo "ghi chú" >"$S8/2024-Q1.tmp2024/notes/a.txt"
# another machine's run in progress on a shared disk (its process id is gone here)
sh -c 'exit 0' & dead=$!
wait $dead
mkdir "$S8/2024-Q1.tmp$dead"
printf 'binhyen output folder 1\nstate running\nhost other-pc\nboot x\npid %s\nstart 1\n--\n' "$dead" >"$S8/2024-Q1.tmp$dead/.binhyen"
mkdir -p "$S8/2024-Q1.tmp$dead/tables" && echo "đang ghi" >"$S8/2024-Q1.tmp$dead/tables/summary.csv"
# a run of this machine still going (a live process)
sleep 60 & live=$!
start=$(cut -d')' -f2 /proc/$live/stat | awk '{print $20}')
mkdir "$S8/2024-Q1.tmp$live"
printf 'binhyen output folder 1\nstate running\nhost %s\nboot %s\npid %s\nstart %s\n--\n' "$(hostname)" "$(cat /proc/sys/kernel/random/boot_id)" "$live" "$start" >"$S8/2024-Q1.tmp$live/.binhyen"
snap "$S8" | grep -v '^\./2024-Q1/\|^\./2024-Q1 \|  \./2024-Q1/' >"$T/s8.before"
# and one truly left by a run of this machine that is gone: removed
sh -c 'exit 0' & gone=$!
wait $gone
mkdir -p "$S8/2024-Q1.tmp$gone/tables"
printf 'binhyen output folder 1\nstate running\nhost %s\nboot %s\npid %s\nstart 12345\n--\n' "$(hostname)" "$(cat /proc/sys/kernel/random/boot_id)" "$gone" >"$S8/2024-Q1.tmp$gone/.binhyen"
rc=0
"$BH_BIN/binhyen" run --roster "$R" --period 2024-Q1 --out "$S8/2024-Q1" --db "$W/w.db" 2>"$T/err" || rc=$?
kill $live 2>/dev/null || true
check "8 a run beside look-alike folders: exit 0" "$rc" 0
snap "$S8" | grep -v '^\./2024-Q1/\|^\./2024-Q1 \|  \./2024-Q1/' >"$T/s8.after"
check "8 the user's .old2023 and .tmp2024 copies, another machine's and a live run's folders: untouched" \
	"$(cmp -s "$T/s8.before" "$T/s8.after" && echo same)" same
check "8 the folder of this machine's gone run: removed, and said" "$(test -e "$S8/2024-Q1.tmp$gone" && echo left || echo removed):$(grep -c "removed '.*2024-Q1.tmp$gone', left by an interrupted run" "$T/err" || true)" "removed:1"

# --- 9. --out . (and the like) refused up front; a database held by another program
O9=$T/o9
mkdir -p "$O9/sub"
echo "tài liệu" >"$O9/doc.txt"
snap "$T/o9" >"$T/o9.before"
for o in . ./ .. "$O9" sub/..; do
	rc=0
	(cd "$O9" && "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --out "$o" --db "$T/o9.db" $IN 2>"$T/err") || rc=$?
	check "9 --out $o: exit 2 at once, says why" "$rc:$(grep -c "is the current folder or holds it" "$T/err")" "2:1"
done
snap "$T/o9" >"$T/o9.after"
check "9 --out .: nothing ran, nothing left (no database, no ..tmp folder)" \
	"$(cmp -s "$T/o9.before" "$T/o9.after" && echo same):$(ls "$T" | grep -c '^o9\.db\|^\.\.tmp\|^o9\.tmp')" "same:0"
# another program holds the database (a viewer with a write open)
python3 - "$W/w.db" >"$T/holder.out" 2>&1 <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("begin immediate")
c.execute("insert into sources(hash, path, size, status, ingested_at) values ('x', 'x', 0, 'ok', 0)")
print("held", flush=True)
time.sleep(8)
PY
hp=$!
i=0; while [ $i -lt 50 ] && ! grep -q held "$T/holder.out"; do sleep 0.1; i=$((i + 1)); done
snap "$W/out" >"$T/w.before"
rc=0
BH_DB_WAIT=2 "$BH_BIN/binhyen" run -q --roster "$R" --period 2024-Q1 --out "$W/out" --db "$W/w.db" 2>"$T/err" || rc=$?
kill $hp 2>/dev/null || true
wait $hp 2>/dev/null || true
check "9 a database held by another program: exit 2" "$rc" 2
check_grep "9 held by another program: says which program and what to do" "$T/err" "database '$W/w.db' is in use by another program: python3 (pid $hp): close it or let it finish, then run binhyen again"
snap "$W/out" >"$T/w.after"
check "9 held by another program: the output untouched" "$(cmp -s "$T/w.before" "$T/w.after" && echo same)" same
check "9 held by another program: its work not taken as ours" "$(q "$W/w.db" "select count(*) from sources where hash = 'x'")" 0
