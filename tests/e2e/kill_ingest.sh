#!/bin/sh
# kill_ingest.sh: SIGKILL unpack | extract at 20 moments during an ingest; after
# each, a new run completes it and the database equals an uninterrupted one.
. "$BH_TOP/tests/e2e/lib.sh"

# Three sources of 8000 messages each, some overlapping.
python3 - "$T" <<'PY'
import json, sys, zipfile
out = sys.argv[1]
def rec(i):
    return {"msgId": str(3000000000000 + i), "cliMsgId": str(1700000000000 + i), "msgType": 1,
            "message": "tin %d ở thôn %d" % (i, i % 7), "serverTime": str(1700000000000 + i * 1000),
            "fromUid": str(5000 + i % 97), "toUid": "g%d" % (1 + i % 3), "dName": "Người %d" % (i % 97),
            "quote": {"globalMsgId": 3000000000000 + i - 1, "cliMsgId": 1700000000000 + i - 1} if i % 5 == 0 else None}
for n, (a, b) in enumerate([(0, 8000), (6000, 14000), (12000, 20000)]):
    with zipfile.ZipFile("%s/part%d.zip" % (out, n), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("chat/%d.zdb" % n, "".join(json.dumps(rec(i), ensure_ascii=False) + "\n" for i in range(a, b)))
PY
dump() {
	q "$1" "select group_id, msg_id, cli_msg_id, sender, ts, type, text, recalled, source_id, id from messages order by id;
		select * from quotes order by message_id; select * from ledger order by source_id, entry;
		select hash, path, status from sources order by id; select * from groups order by 1;
		select name, sql from sqlite_master where type = 'index' order by 1;"
}
t0=$(date +%s%N)
ingest "$T/base.db" "$T/part0.zip" "$T/part1.zip" "$T/part2.zip"
ms=$((($(date +%s%N) - t0) / 1000000))
check "uninterrupted: exit 0" "$rc" 0
check "uninterrupted: 20000 messages" "$(q "$T/base.db" 'select count(*) from messages')" 20000
dump "$T/base.db" >"$T/base.dump"

# moments spread over the time an uninterrupted ingest takes on this machine
delays=$(awk -v ms="$ms" 'BEGIN { srand(20241129); for (i = 0; i < 20; i++) printf "%.3f ", (0.02 + rand() * 0.96) * ms / 1000 }')
same=0 interrupted=0 i=0
for d in $delays; do
	i=$((i + 1))
	rm -f "$T/k.db" "$T/k.db-wal" "$T/k.db-shm"
	# its own process group, so that one kill reaches unpack and extract alike
	setsid sh -c '"$1/binhyen-unpack" -q --db "$2" "$3/part0.zip" "$3/part1.zip" "$3/part2.zip" |
		"$1/binhyen-extract" -q --db "$2"' sh "$BH_BIN" "$T/k.db" "$T" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	/bin/kill -KILL -- "-$pid" 2>/dev/null && interrupted=$((interrupted + 1)) || true
	wait "$pid" 2>/dev/null || true
	ingest "$T/k.db" "$T/part0.zip" "$T/part1.zip" "$T/part2.zip"
	if [ "$rc" -eq 0 ] && dump "$T/k.db" | cmp -s - "$T/base.dump"; then
		same=$((same + 1))
	else
		echo "#   trial $i (kill after ${d}s): rc $rc; differs from the uninterrupted run"
		sed 's/^/#   /' "$T/err" | tail -5
	fi
done
check "kill: 20 trials, each completed by the next run and equal to the uninterrupted one" "$same" 20
if [ "$interrupted" -ge 5 ]; then ok "kill: at least 5 kills landed during the ingest ($interrupted)"
else notok "kill: at least 5 kills landed during the ingest" "only $interrupted did: make the input bigger"; fi
