#!/bin/sh
# messages_vi.sh: the programs speak Vietnamese on a machine left as Debian or
# WSL set it up (LANGUAGE unset; LC_ALL, LC_MESSAGES, LANG unset, C, C.UTF-8 or
# POSIX) and whenever the locale is Vietnamese; English when asked (LANGUAGE=en,
# or LC_ALL/LC_MESSAGES/LANG = en_...). The main messages, each with its fix,
# checked word for word in Vietnamese.
. "$BH_TOP/tests/e2e/lib.sh"

# vi: LANGUAGE unset, and LC_ALL, LC_MESSAGES, LANG unset, C, C.UTF-8 or POSIX
say() {	# say ENV-ASSIGNMENTS -- PROGRAM ARGS: its stderr in $T/say
	envs=""
	while [ "$1" != -- ]; do envs="$envs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG $envs "$@" >"$T/say.out" 2>"$T/say" || true
}
for e in "" LANG=C LANG=C.UTF-8 LC_ALL=POSIX "LANG=C.UTF-8 LC_ALL=C"; do
	say $e -- "$BH_BIN/binhyen-unpack" --iv nope
	check_grep "vi by default (${e:-nothing set}): unpack --iv" "$T/say" \
		"binhyen-unpack: --iv 'nope': chỉ nhận zero hoặc zie"
done
say LANG=vi_VN.UTF-8 -- "$BH_BIN/binhyen-unpack" --iv nope
check_grep "vi when the locale is Vietnamese" "$T/say" "chỉ nhận zero hoặc zie"
# en: LANGUAGE=en, or LANG/LC_ALL/LC_MESSAGES en_…
for e in LANGUAGE=en LANG=en_US.UTF-8 LC_ALL=en_GB.UTF-8 "LANG=C LC_MESSAGES=en_US.UTF-8" \
    "LANGUAGE=en LANG=C.UTF-8" "LANGUAGE=en:vi"; do
	say $e -- "$BH_BIN/binhyen-unpack" --iv nope
	check_grep "en when asked ($e): unpack --iv" "$T/say" "binhyen-unpack: --iv 'nope': give zero or zie"
done

# The main cases, in Vietnamese, each with its fix.
mkdir -p "$T/in"
say -- "$BH_BIN/binhyen-unpack" --list "$T/in/none.zip"
check_grep "vi: a missing input, strerror after the fix" "$T/say" \
	"^binhyen-unpack: không mở được '$T/in/none.zip': kiểm tra tên tệp và quyền đọc. Chi tiết: "
printf 'not an archive' >"$T/in/x.zip"
say -- "$BH_BIN/binhyen-unpack" --list "$T/in/x.zip"
check_grep "vi: a broken archive" "$T/say" "tệp nén bị hỏng, chép chưa hết, hoặc không phải tệp nén"
say -- "$BH_BIN/binhyen-unpack"
check_grep "vi: no input" "$T/say" "chưa đưa tệp dữ liệu nào vào"
say -- "$BH_BIN/binhyen-plot" --help
check_grep "vi: --help of a stage" "$T/say.out" "^cách dùng: binhyen-plot --out DIR"
check_grep "vi: --help says the exit status" "$T/say.out" "^Mã thoát: 0"
say LANGUAGE=en -- "$BH_BIN/binhyen-plot" --help
check_grep "en: --help of a stage" "$T/say.out" "^usage: binhyen-plot --out DIR"
say -- "$BH_BIN/binhyen-plot" --bogus
check_grep "vi: a usage error" "$T/say" "không có tùy chọn này '--bogus'"

# A rejected record: said in Vietnamese (the parser's detail after it), kept in
# English in the ledger (one spelling, whatever language ran).
printf '{"msgId":"1"\n[1,2\n' >"$T/in/bad.json"
env -u LANGUAGE -u LC_ALL -u LANG sh -c '"$1/binhyen-unpack" --db "$2" "$3" | "$1/binhyen-extract" --db "$2"' \
	sh "$BH_BIN" "$T/v.db" "$T/in/bad.json" 2>"$T/say" || true
check_grep "vi: a rejected record, the fix's words first" "$T/say" \
	"^binhyen-extract: $T/in/bad.json:1: bản ghi hỏng (JSON sai): "
check_grep "vi: the closing summary" "$T/say" "^binhyen-extract: tổng cộng 1 bản ghi: 0 lưu mới, 0 trùng, 1 hỏng bị loại"
check "the ledger keeps the reason in English" \
	"$(q "$T/v.db" "select count(*) from ledger_reasons where reason like 'invalid JSON: %'")" 1

# An encrypted Zalo PC backup given without its key.
head -c 2048 /dev/urandom >"$T/in/backup.zl.zip"
say -- "$BH_BIN/binhyen-unpack" --list "$T/in/backup.zl.zip"
check_grep "vi: an encrypted backup without its key: give --dkey-file" "$T/say" \
	"backup.zl.zip: đây là bản sao lưu Zalo PC đã mã hóa: hãy đưa khóa của tài khoản bằng --dkey-file"
# A roster saved by Excel as ANSI (Windows-1258), not UTF-8.
printf 'uid,name,thon,role\n1,Nguy\341n,Th\364n 1,resident\n' >"$T/in/ansi.csv"
say -- "$BH_BIN/binhyen-roster" --db "$T/r.db" "$T/in/ansi.csv"
check_grep "vi: a roster not in UTF-8: save it as CSV UTF-8" "$T/say" \
	"ansi.csv:2: tệp không phải UTF-8: trong Excel chọn Lưu thành (Save As) > CSV UTF-8"
check_grep "vi: the stored roster stays" "$T/say" "chưa nạp danh sách (danh sách cũ giữ nguyên)"

# A roster whose uid column Excel turned into numbers.
printf 'uid,name,thon,role\n7.31200495882113E+18,Lan,Thôn 1,người dân\n' >"$T/in/excel.csv"
say -- "$BH_BIN/binhyen-roster" --db "$T/r.db" "$T/in/excel.csv"
check_grep "vi: a uid Excel turned into a number: the fix first" "$T/say" \
	"excel.csv:2: hãy định dạng cột Zalo ID là Văn bản (Text), rồi chép lại các Zalo ID .*'7.31200495882113E+18' đã bị Excel cắt"

# A whole run: a review line naming no tip, progress and the closing summary.
S=$BH_TOP/tests/fixtures/samples

# A review line naming no tip, straight from binhyen-metrics.
S=$BH_TOP/tests/fixtures/samples
ingest "$T/m.db" "$S/web_group_messages.json"
printf 'tip_id,verdict,value,note\nnope,not_tip,,\n' >"$T/in/rev.csv"
say -- "$BH_BIN/binhyen-metrics" --db "$T/m.db" --period 2024-03 --out "$T/mout" --reviews "$T/in/rev.csv"
check_grep "vi: a review naming no tip: copy its id from internal/tips.xlsx" "$T/say" \
	"rev.csv:2: hãy chép lại mã tin từ internal/tips.xlsx: không có tin báo hay câu hỏi nào có mã 'nope'"
check_grep "vi: no review applied, nothing written" "$T/say" "rev.csv: hãy sửa các dòng nêu trên rồi chạy lại: chưa áp dụng kết luận rà soát nào và chưa ghi kết quả nào"
say -- "$BH_BIN/binhyen-metrics" --db "$T/m.db" --period 2024-13
check_grep "vi: an invalid period, with examples" "$T/say" \
	"kỳ báo cáo '2024-13' không hợp lệ: hãy ghi như 2024-03 (tháng), 2024-Q1 (quý)"
say -- "$BH_BIN/binhyen-purge" --db "$T/m.db" --before 2023-13-01
check_grep "vi: purge with a bad date" "$T/say" "binhyen-purge: --before: không phải ngày dạng YYYY-MM-DD"

# A whole run: each stage's progress and the closing summary.
mkdir -p "$T/run"
(cd "$T/run" && env -u LANGUAGE -u LC_ALL -u LANG "$BH_BIN/binhyen" run --roster "$S/roster.csv" \
	--period 2024-03 --db b.db --out out "$S/web_group_messages.json" \
	"$S/pc_backup_zmessage.zdb" >/dev/null 2>"$T/say") || true
check_grep "vi: a stage's progress" "$T/say" "^binhyen: metrics xong trong "
check_grep "vi: the closing summary counts the records" "$T/say" \
	"^binhyen: đã đọc [0-9]* bản ghi từ 2 tệp trong dữ liệu xuất: [0-9]* lưu mới, [0-9]* trùng, 0 hỏng bị loại, 1 tin nhắn riêng"
check_grep "vi: the closing summary says where the report is" "$T/say" "^binhyen: báo cáo: $T/run/out/report.html"
check_nogrep "vi: no English on the screen of a whole run" "$T/say" " done in \| records\| stored\|^binhyen: report: "
say -- "$BH_BIN/binhyen" run --roster r.csv --period 2024-13 x
check_grep "vi: binhyen run with an invalid period, with examples" "$T/say" \
	"--period: kỳ báo cáo '2024-13' không hợp lệ: hãy ghi như 2024-03 (tháng)"
say -- "$BH_BIN/binhyen" --help
check_grep "vi: binhyen --help" "$T/say.out" "^cách dùng: binhyen run"
check_grep "vi: binhyen --help says the exit status" "$T/say.out" "^Mã thoát: 0 xong, 1 xong nhưng có dữ liệu hỏng"
say LANGUAGE=en -- "$BH_BIN/binhyen" --help
check_grep "en: binhyen --help" "$T/say.out" "^usage: binhyen run"
say -- "$BH_BIN/binhyen" --help
check_grep "vi: binhyen --help: --roster is needed once" "$T/say.out" \
	"^  --roster FILE .*chỉ cần một lần (mặc định: danh sách đã lưu)"

# ---- The roster's main errors, in Vietnamese (issue 13's round trip).
ingest "$T/ro.db" "$S/web_group_messages.json"
# a workbook whose uid column Excel typed Number (a number cell)
echo '{"sheets": [{"name": "Sheet1", "rows": [["uid", "name", "thon", "role"],
  [{"n": "5.21381089711378E+018"}, "Lan", "Thôn 3", "người dân"]]}]}' |
	python3 "$BH_TOP/tests/gen/xlsx.py" "$T/in/number.xlsx"
say -- "$BH_BIN/binhyen-roster" --db "$T/ro.db" "$T/in/number.xlsx"
check_grep "vi: a Number-typed uid column in a workbook: the fix first, then the uid" "$T/say" \
	"number.xlsx:2: hãy định dạng cột Zalo ID là Văn bản (Text), rồi chép lại các Zalo ID từ internal/roster_todo.xlsx hoặc từ danh sách cũ: Zalo ID '5.21381089711378E+018' đã bị Excel cắt"
# an unknown column, and a roster whose uids match too few senders
printf 'uid,name,nghề nghiệp,thon,role\n9000000000000000001,X,nông dân,Thôn 1,người dân\n9000000000000000002,Y,,Thôn 1,người dân\n9000000000000000003,Z,,Thôn 1,người dân\n' >"$T/in/other.csv"
say -- "$BH_BIN/binhyen-roster" --db "$T/ro.db" "$T/in/other.csv"
check_grep "vi: an unknown column named" "$T/say" \
	"other.csv:1: cột 'nghề nghiệp' không phải cột của danh sách nên không được đọc"
check_grep "vi: a roster matching too few senders, said loudly" "$T/say" \
	"other.csv: CẢNH BÁO: hãy kiểm tra lại danh sách: chỉ 0 trong 3 Zalo ID của danh sách có gửi tin trong các nhóm"

# ---- The first day, no roster: the screen says which figures wait and how to
# make the roster; the report says it at the top.
mkdir -p "$T/day1"
(cd "$T/day1" && env -u LANGUAGE -u LC_ALL -u LANG "$BH_BIN/binhyen" run --period 2024-03 \
	--db b.db --out out "$S/web_group_messages.json" >/dev/null 2>"$T/say") || true
check_grep "vi: first day: which figures wait for a roster" "$T/say" \
	"^binhyen-metrics: chưa có danh sách thành viên (roster): các số liệu cần danh sách được để trống (số cư dân"
check_grep "vi: first day: how to make the roster" "$T/say" \
	"^binhyen-metrics: cách lập danh sách: chép tệp internal/roster_todo.xlsx ra ngoài thư mục kết quả (mỗi lần chạy, thư mục này được ghi lại), điền thôn và vai trò"
check_grep "vi: first day: the last word names the file to fill in" "$T/say" \
	"^binhyen: chưa có danh sách thành viên: các số liệu cần danh sách đang để trống; hãy chép tệp 'out/internal/roster_todo.xlsx' ra ngoài thư mục kết quả (mỗi lần chạy, thư mục này được ghi lại), điền vào, rồi chạy lại với --roster và bản chép đó"
check_grep "first day: the report says it at the top" "$T/day1/out/report.html" "Chưa có danh sách thành viên (roster)"

# ---- The review sheet given back with mistakes: every bad line, in Vietnamese.
printf 'tip_id,verdict,value,note\n,not_tip,,\n2301000000103,xóa,,\n2301000000103,answered_at,hôm qua,\n' >"$T/in/rev2.csv"
say -- "$BH_BIN/binhyen-metrics" --db "$T/m.db" --period 2024-03 --out "$T/mout2" --reviews "$T/in/rev2.csv"
check_grep "vi: a review without tip_id" "$T/say" "rev2.csv:2: hãy điền mã tin (tip_id) cho dòng rà soát này (chép từ internal/tips.xlsx)"
check_grep "vi: an unknown verdict" "$T/say" \
	"rev2.csv:3: hãy ghi kết luận là: không phải tin báo, đổi loại, hoặc trả lời ngoài nhóm (kết luận 'xóa' không có trong danh mục)"
check_grep "vi: a time not understood" "$T/say" "rev2.csv:4: hãy ghi thời gian dạng 2024-03-01 10:20 hoặc 01/03/2024 10:20 (không đọc được 'hôm qua')"

# ---- purge: a day after today refused; without a terminal, refused; on a
# terminal, the question in Vietnamese, answered "có".
ingest "$T/pu.db" "$S/pc_backup_zmessage.zdb" "$S/pc_backup_zconversation.zdb"
say -- "$BH_BIN/binhyen-purge" --db "$T/pu.db" --before 2099-01-01 --yes
check_grep "vi: purge after today refused" "$T/say" "--before 2099-01-01 là ngày sau hôm nay (.*): chưa xóa gì; hãy cho một ngày từ hôm nay trở về trước"
say -- "$BH_BIN/binhyen-purge" --db "$T/pu.db" --before 2024-03-02 </dev/null
check_grep "vi: purge says what it would remove" "$T/say" "lệnh này sẽ xóa nội dung của 6 tin nhắn, gửi từ ngày 2024-03-01 đến ngày 2024-03-01"
check_grep "vi: purge without a terminal: refused, --yes named" "$T/say" \
	"chưa xóa gì: không có cửa sổ lệnh để hỏi xác nhận; thêm --yes nếu vẫn muốn xóa"
cp "$T/pu.db" "$T/p.db"
rc=0
env -u LANGUAGE -u LC_ALL -u LANG python3 "$BH_TOP/tests/e2e/on_terminal.py" có "$BH_BIN/binhyen-purge" --db "$T/p.db" --before 2024-03-02 >"$T/tty" || rc=$?
check_grep "vi: purge asks on a terminal" "$T/tty" "^Gõ yes (hoặc có) để xóa: có"
check "vi: answered 'có': exit 0, removed" "$rc $(q "$T/p.db" 'select count(*) from purges')" "0 1"

# ---- Reading exports: a record over the size limit, a cut archive.
python3 -c "
import json, sys
big = {'msgId': '1', 'cliMsgId': '2', 'msgType': 'webchat', 'uidFrom': '5213810897113786688', 'idTo': '900',
       'dName': 'A', 'ts': '1709258400000', 'content': 'x' * (2 << 20)}
json.dump([big], open(sys.argv[1], 'w'))" "$T/in/big.json"
env -u LANGUAGE -u LC_ALL -u LANG sh -c '"$1/binhyen-unpack" --db "$2" "$3" | "$1/binhyen-extract" --db "$2" --max-record-mib 1' \
	sh "$BH_BIN" "$T/big.db" "$T/in/big.json" 2>"$T/say" || true
check_grep "vi: a record over the size limit" "$T/say" \
	"big.json:1: bản ghi quá lớn nên bị bỏ qua (giới hạn đổi được bằng --max-record-mib): 1 MiB"
check "the ledger keeps that reason in English" \
	"$(q "$T/big.db" "select count(*) from ledger_reasons where reason = 'record larger than the limit: 1 MiB'")" 1
python3 -c "
import io, random, sys, tarfile
random.seed(7)
data = ('[' + ','.join('{\"msgId\":\"%d\",\"content\":\"%s\"}' % (i, ''.join(random.choice('abcdefgh ') for _ in range(200)))
        for i in range(3000)) + ']').encode()
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode='w:gz') as t:
    info = tarfile.TarInfo('web.json'); info.size = len(data); t.addfile(info, io.BytesIO(data))
open(sys.argv[1], 'wb').write(buf.getvalue()[:len(buf.getvalue()) // 2])" "$T/in/cut.tar.gz"
env -u LANGUAGE -u LC_ALL -u LANG sh -c '"$1/binhyen-unpack" --db "$2" "$3" | "$1/binhyen-extract" --db "$2"' \
	sh "$BH_BIN" "$T/cut.db" "$T/in/cut.tar.gz" 2>"$T/say" || true
check_grep "vi: a cut archive, said by unpack" "$T/say" \
	"^binhyen-unpack: .*cut.tar.gz: web.json: tệp nén bị hỏng hoặc chép chưa hết: hãy chép lại tệp. Chi tiết: "
check_grep "vi: a cut archive, said by extract, the reason in Vietnamese" "$T/say" \
	"^binhyen-extract: .*cut.tar.gz: web.json: tệp bên trong chưa đọc được đến cuối (tệp nén bị hỏng hoặc chép chưa hết: "
check_nogrep "vi: no English reason on the screen" "$T/say" "corrupt or truncated\|stopped: \|larger than"
