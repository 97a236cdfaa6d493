/* content.c: what the report says, section by section, written through a doc writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_labels.h"
#include "bh_text.h"
#include "report.h"

#define DASH "—"
#define WITHHELD "ẩn"
#define BLANK "……"	/* a name missing from settings.csv: a visible blank to fill */
#define MODEL "mô hình “Zalo kết nối bình yên”"

static const char *
summary_value(const struct report *r, const char *metric, const char *col)
{
	const char *v = r->summary ? bh_table_lookup(r->summary, metric, col) : NULL;

	return v ? v : "";
}

/* "Quý I năm 2024 (từ 01/01/2024 đến 31/03/2024)", from --period and the summary. */
static void
period_line(const struct report *r, const char *col, char *buf, size_t n)
{
	char name[128] = "", a[11], b[11];
	const char *s = summary_value(r, "period_start", col), *e = summary_value(r, "period_end", col);
	int dates = bh_date_vi(s, a) == 0 && bh_date_vi(e, b) == 0;

	if (r->period && strcmp(col, "value") == 0)
		bh_period_label(&r->p, name, sizeof name);
	if (name[0] && dates && r->p.kind == BH_P_DAYS)
		snprintf(buf, n, "%s", name);
	else if (name[0] && dates)
		snprintf(buf, n, "%s (từ %s đến %s)", name, a, b);
	else if (dates)
		snprintf(buf, n, "%s %s đến %s", strcmp(col, "value") ? "từ" : "Từ", a, b);
	else
		snprintf(buf, n, "%s", name[0] ? name : "không có dữ liệu");
}

/* S with its first letter lowered ("Quý I" -> "quý I", "Xã Bình An" -> "xã
 * Bình An", "Đặc khu" -> "đặc khu"), into BUF. */
static const char *
lower_first(const char *s, char *buf, size_t n)
{
	snprintf(buf, n, "%s", s);
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] + 32);
	else if ((unsigned char)buf[0] == 0xc4 && (unsigned char)buf[1] == 0x90)
		buf[1] = (char)0x91;	/* Đ -> đ */
	return buf;
}

static int
starts_with(const char *s, const char *head)
{
	return strncmp(s, head, strlen(head)) == 0;
}

/* The kinds of commune-level unit, as their names begin. */
static const char *const unit_kinds[][2] = {
	{"Xã ", "XÃ"}, {"xã ", "XÃ"}, {"Phường ", "PHƯỜNG"}, {"phường ", "PHƯỜNG"},
	{"Thị trấn ", "THỊ TRẤN"}, {"thị trấn ", "THỊ TRẤN"}, {"Đặc khu ", "ĐẶC KHU"},
	{"đặc khu ", "ĐẶC KHU"}, {NULL, NULL}
};

/* "Bình An" from "Xã Bình An": the place name of the date line. */
static const char *
place_name(const struct report *r)
{
	int i;

	if (!r->commune)
		return BLANK;
	for (i = 0; unit_kinds[i][0]; i++)
		if (starts_with(r->commune, unit_kinds[i][0]) && r->commune[strlen(unit_kinds[i][0])])
			return r->commune + strlen(unit_kinds[i][0]);
	return r->commune;
}

/* "XÃ", "PHƯỜNG", …: for the signer's title. */
static const char *
unit_kind(const struct report *r)
{
	int i;

	for (i = 0; r->commune && unit_kinds[i][0]; i++)
		if (starts_with(r->commune, unit_kinds[i][0]))
			return unit_kinds[i][1];
	return "XÃ";
}

/* "Xã Bình An", or "Xã ……" */
static const char *
commune(const struct report *r)
{
	return r->commune ? r->commune : "Xã " BLANK;
}

/* "Công an xã Bình An": settings' unit, or made from the commune. */
static const char *
unit_name(const struct report *r, char *buf, size_t n)
{
	char low[300];

	if (r->unit)
		return r->unit;
	snprintf(buf, n, "Công an %s", lower_first(commune(r), low, sizeof low));
	return buf;
}

/* "quý I năm 2024", "từ 01/01/2024 đến 31/03/2024", "kỳ ……" */
static const char *
period_phrase(const struct report *r, char *buf, size_t n)
{
	char name[128] = "", a[11], b[11];

	if (r->period) {
		bh_period_label(&r->p, name, sizeof name);
		return lower_first(name, buf, n);
	}
	if (bh_date_vi(summary_value(r, "period_start", "value"), a) == 0 &&
	    bh_date_vi(summary_value(r, "period_end", "value"), b) == 0)
		snprintf(buf, n, "từ %s đến %s", a, b);
	else
		snprintf(buf, n, "kỳ %s", BLANK);
	return buf;
}

/* The subject line: --title, or "Kết quả thực hiện mô hình … quý I năm 2024". */
static const char *
subject(const struct report *r, char *buf, size_t n)
{
	char per[200];

	if (r->title)
		return r->title;
	snprintf(buf, n, "Kết quả thực hiện " MODEL " %s", period_phrase(r, per, sizeof per));
	return buf;
}

void
report_title(const struct report *r, char *buf, size_t n)
{
	char subj[700], low[700];

	if (r->title)
		snprintf(buf, n, "%s — %s", r->title, commune(r));
	else
		snprintf(buf, n, "Báo cáo %s — %s", lower_first(subject(r, subj, sizeof subj),
		    low, sizeof low), commune(r));
}

static void
write_masthead(const struct report *r, struct doc *d)
{
	char sup[300], unit[300], date[400], subj[700], ubuf[300];
	char *up_sup, *up_unit;
	struct masthead m;

	snprintf(sup, sizeof sup, "%s", r->superior ? r->superior : "Công an tỉnh " BLANK);
	snprintf(unit, sizeof unit, "%s", unit_name(r, ubuf, sizeof ubuf));
	up_sup = bh_text_upper(sup);
	up_unit = bh_text_upper(unit);
	snprintf(date, sizeof date, "%.200s, ngày %s tháng %s năm %s", place_name(r), BLANK,
	    BLANK, BLANK);
	m.superior = up_sup;
	m.unit = up_unit;
	m.number = "Số: " BLANK "/BC-" BLANK;
	m.place_date = date;
	m.kind = "BÁO CÁO";
	m.subject = subject(r, subj, sizeof subj);
	d->ops->masthead(d, &m);
	free(up_sup);
	free(up_unit);
}

static void
write_heading(const struct report *r, struct doc *d)
{
	char now[200], prev[200], ly[200], line[900], ubuf[300], per[200];

	write_masthead(r, d);
	snprintf(line, sizeof line, "%s báo cáo kết quả thực hiện " MODEL " %s như sau:",
	    unit_name(r, ubuf, sizeof ubuf), period_phrase(r, per, sizeof per));
	d->ops->para(d, line);
	period_line(r, "value", now, sizeof now);
	snprintf(line, sizeof line, "Kỳ báo cáo: %s.", now);
	d->ops->para(d, line);
	period_line(r, "prev_value", prev, sizeof prev);
	period_line(r, "last_year_value", ly, sizeof ly);
	if (r->summary) {
		snprintf(line, sizeof line, "So sánh với kỳ trước (%s) và cùng kỳ năm trước (%s).",
		    prev, ly);
		d->ops->para(d, line);
	}
}

/* A group whose stored messages start after the period's start or end before
 * its end was not fully exported: its figures are too low. */
static int
coverage_warnings(const struct report *r, struct doc *d)
{
	const char *s = summary_value(r, "period_start", "value");
	const char *e = summary_value(r, "period_end", "value");
	int name, first, last, warned = 0;
	char line[900], a[VN_BUF], b[VN_BUF];
	size_t i;

	if (!r->groups || strlen(s) != 10 || strlen(e) != 10)
		return 0;
	name = bh_table_col(r->groups, "name");
	first = bh_table_col(r->groups, "first_message");
	last = bh_table_col(r->groups, "last_message");
	for (i = 0; i < r->groups->nrow; i++) {
		const char *f = bh_table_get(r->groups, i, first), *l = bh_table_get(r->groups, i, last);
		if (*f && *l && strncmp(f, s, 10) <= 0 && strncmp(l, e, 10) >= 0)
			continue;
		snprintf(line, sizeof line, "Nhóm “%.300s”: dữ liệu lưu trữ chỉ có từ %s đến %s, "
		    "không phủ hết kỳ báo cáo; số liệu của nhóm này có thể thiếu. Hãy xuất "
		    "thêm bản lưu trữ của nhóm cho cả kỳ.", bh_table_get(r->groups, i, name),
		    vn_time(f, a), vn_time(l, b));
		d->ops->warning(d, line);
		warned++;
	}
	return warned;
}

/* The first day: no roster stored yet (settings.csv: roster_rows 0). Said
 * first, with the figures that wait for one and how to make it. */
static void
first_day_banner(const struct report *r, struct doc *d)
{
	const char *n = r->settings ? bh_table_lookup(r->settings, "roster_rows", "value") : NULL;

	if (!n || strcmp(n, "0") != 0)
		return;
	d->ops->warning(d, "Chưa có danh sách thành viên (roster): các số liệu cần biết ai là "
	    "cư dân, ai là công an được để trống (không phải bằng 0) cho đến khi có danh sách: "
	    "số cư dân, cư dân tham gia và tỷ lệ tham gia; bài đăng của công an; số tin báo và "
	    "câu hỏi đã được trả lời, thời gian trả lời và ghi nhận; bảng tham gia theo thôn; "
	    "tin nhắn của công an và của cư dân theo tuần. Các số liệu còn lại (tin nhắn, nhóm, "
	    "người gửi, loại tin nhắn, theo tuần, theo giờ, số tin báo và câu hỏi) đã đầy đủ.");
	d->ops->warning(d, "Cách lập danh sách: chép tệp internal/roster_todo.xlsx (hoặc "
	    "internal/roster_todo.csv) ra ngoài thư mục kết quả (mỗi lần chạy, thư mục này được "
	    "ghi lại), điền thôn và vai trò (công an, cán bộ hoặc người dân) của từng người gửi, "
	    "lưu lại, rồi chạy lại binhyen run với --roster và bản chép đó. Các lần chạy sau "
	    "dùng danh sách đã lưu.");
}

/* A period without any stored message: said first, with what the stored data
 * covers, group by group (groups.csv), so the period or the exports get fixed. */
static void
no_data_banner(const struct report *r, struct doc *d)
{
	const char *m = summary_value(r, "messages", "value");
	char line[1200], a[11], b[11], now[200];
	size_t i, len;
	int name, first, last, any = 0;

	if (strcmp(m, "0") != 0)
		return;
	period_line(r, "value", now, sizeof now);
	snprintf(line, sizeof line, "Không có tin nhắn nào được lưu trong kỳ báo cáo (%s): mọi "
	    "số liệu của kỳ bằng 0 hoặc để trống. Hãy kiểm tra lại kỳ báo cáo (--period), hoặc "
	    "đưa vào các tệp xuất dữ liệu Zalo có kỳ này.", now);
	d->ops->warning(d, line);
	if (!r->groups)
		return;
	name = bh_table_col(r->groups, "name");
	first = bh_table_col(r->groups, "first_message");
	last = bh_table_col(r->groups, "last_message");
	len = (size_t)snprintf(line, sizeof line, "Dữ liệu đã lưu:");
	for (i = 0; i < r->groups->nrow && len + 300 < sizeof line; i++) {
		const char *g = bh_table_get(r->groups, i, name);

		if (bh_date_vi(bh_table_get(r->groups, i, first), a) < 0 ||
		    bh_date_vi(bh_table_get(r->groups, i, last), b) < 0)
			continue;
		len += (size_t)snprintf(line + len, sizeof line - len, "%s nhóm “%.200s” từ %s đến %s",
		    any++ ? ";" : "", *g ? g : bh_table_get(r->groups, i, bh_table_col(r->groups,
		    "group_id")), a, b);
	}
	if (!any)
		snprintf(line, sizeof line, "Cơ sở dữ liệu chưa có tin nhắn nào: hãy đưa vào các "
		    "tệp xuất dữ liệu Zalo.");
	else if (len < sizeof line)
		snprintf(line + len, sizeof line - len, ".");
	d->ops->warning(d, line);
}

static int
any_chart_missing(const struct report *r)
{
	const struct bh_chart *c;

	for (c = bh_charts; c->name; c++)
		if (!chart_exists(r->out, c->name))
			return 1;
	return 0;
}

/* Messages whose text binhyen purge removed count by the lexicon's reading at
 * that time: the reader is told, with how many of each period's messages. */
static void
purge_note(const struct report *r, struct doc *d)
{
	static const char *const cols[] = {"value", "prev_value", "last_year_value"};
	static const char *const of[] = {"kỳ này", "kỳ trước", "cùng kỳ năm trước"};
	char line[900], part[3][200], num[VN_BUF];
	size_t n = 0, i, len;
	double v;

	for (i = 0; i < 3; i++)
		if (bh_num(summary_value(r, "purged_messages", cols[i]), &v) == 0 && v > 0)
			snprintf(part[n++], sizeof part[0], "%s tin nhắn của %s",
			    vn_num(summary_value(r, "purged_messages", cols[i]), num), of[i]);
	if (!n)
		return;
	len = (size_t)snprintf(line, sizeof line, "Đã xóa nội dung của ");
	for (i = 0; i < n && len < sizeof line; i++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s",
		    i ? (i + 1 == n ? " và " : ", ") : "", part[i]);
	if (len < sizeof line)
		snprintf(line + len, sizeof line - len, " (binhyen purge, để không lưu nội dung "
		    "tin nhắn lâu hơn cần thiết). Các tin nhắn này vẫn được tính theo phân loại "
		    "(tin báo, câu hỏi thủ tục, loại vụ việc) ghi lại lúc xóa; bộ từ khóa thay đổi "
		    "sau đó (--lexicon) chỉ áp dụng cho các tin nhắn còn nội dung.");
	d->ops->warning(d, line);
}

static void
write_warnings(const struct report *r, struct doc *d)
{
	const char *j = summary_value(r, "joins", "value"), *l = summary_value(r, "leaves", "value");

	d->ops->heading(d, 2, "Lưu ý về dữ liệu");
	if (!r->summary)
		d->ops->warning(d, "Thiếu bảng tổng hợp (tables/summary.csv): báo cáo chưa đầy đủ.");
	if (!coverage_warnings(r, d) && r->groups)
		d->ops->para(d, "Dữ liệu lưu trữ của mọi nhóm phủ hết kỳ báo cáo.");
	if (r->summary && !*j && !*l)
		d->ops->warning(d, "Không có dữ liệu thành viên trong các tệp lưu trữ: số lượt vào, "
		    "rời nhóm để trống (không phải bằng 0).");
	purge_note(r, d);
	if (any_chart_missing(r))
		d->ops->warning(d, "Một số biểu đồ chưa được vẽ (xem các ô “Chưa có biểu đồ” bên "
		    "dưới). Cài gnuplot và phông chữ (apt-get install gnuplot-nox fonts-dejavu-core) "
		    "rồi chạy lại binhyen plot.");
}

/* Sentences written from the figures */

/* "tăng 222 (18,3%) so với kỳ trước", "giảm 1,5 điểm phần trăm so với …",
 * "nhanh hơn 3 phút so với …", "không đổi so với …"; "" when either is unknown. */
static const char *
trend(const struct report *r, const char *id, const char *col, const char *than, char *buf,
    size_t n)
{
	const char *now = summary_value(r, id, "value"), *old = summary_value(r, id, col);
	char a[VN_BUF], b[VN_BUF], fa[40], fb[40];
	double x, y, diff;
	int pct = strstr(id, "_pct") != NULL, min = strstr(id, "_min") != NULL;

	buf[0] = '\0';
	if (bh_num(now, &x) < 0 || bh_num(old, &y) < 0)
		return buf;
	diff = x - y;
	if (diff == 0) {
		snprintf(buf, n, "không đổi so với %s", than);
		return buf;
	}
	/* |diff| with the decimals of the table, written as vn_num writes */
	snprintf(fa, sizeof fa, "%.*f", pct || min ? 1 : 0, diff < 0 ? -diff : diff);
	vn_num(fa, a);
	if (pct)
		snprintf(buf, n, "%s %s điểm phần trăm so với %s", diff > 0 ? "tăng" : "giảm", a, than);
	else if (min)
		snprintf(buf, n, "%s %s phút so với %s", diff < 0 ? "nhanh hơn" : "chậm hơn", a, than);
	else if (y != 0) {
		snprintf(fb, sizeof fb, "%.1f", 100.0 * (diff < 0 ? -diff : diff) / y);
		snprintf(buf, n, "%s %s (%s%%) so với %s", diff > 0 ? "tăng" : "giảm", a, vn_num(fb, b),
		    than);
	} else
		snprintf(buf, n, "%s %s so với %s", diff > 0 ? "tăng" : "giảm", a, than);
	return buf;
}

/* ", tăng … so với kỳ trước" or "" */
static const char *
vs_prev(const struct report *r, const char *id, char *buf, size_t n)
{
	char t[300];

	trend(r, id, "prev_value", "kỳ trước", t, sizeof t);
	snprintf(buf, n, "%s%s", *t ? ", " : "", t);
	return buf;
}

static void
summary_sentence(const struct report *r, struct doc *d)
{
	char line[1200], a[VN_BUF], b[VN_BUF], c[VN_BUF], t1[320], t2[320];
	const char *part = summary_value(r, "participation_pct", "value");
	size_t len;

	len = (size_t)snprintf(line, sizeof line, "Trong kỳ, %s nhóm Zalo có hoạt động với %s tin "
	    "nhắn của %s người gửi%s.", vn_num(summary_value(r, "groups", "value"), a),
	    vn_num(summary_value(r, "messages", "value"), b),
	    vn_num(summary_value(r, "senders", "value"), c), vs_prev(r, "messages", t1, sizeof t1));
	if (*part && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, " Tỷ lệ cư dân tham gia đạt "
		    "%s%%%s.", vn_num(part, a), vs_prev(r, "participation_pct", t2, sizeof t2));
	else if (len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, " Chưa tính được tỷ lệ cư dân "
		    "tham gia (chưa có danh sách cư dân theo thôn).");
	(void)len;
	d->ops->para(d, line);
}

static void
activity_sentence(const struct report *r, struct doc *d)
{
	char line[900], a[VN_BUF], t[320];

	if (!r->summary)
		return;
	snprintf(line, sizeof line, "Công an đã đăng %s bài tuyên truyền, hướng dẫn trên các "
	    "nhóm%s.", vn_num(summary_value(r, "officer_posts", "value"), a),
	    vs_prev(r, "officer_posts", t, sizeof t));
	d->ops->para(d, line);
}

/* The thôn with the lowest and the highest participation. */
static void
thon_sentence(const struct report *r, struct doc *d)
{
	int name, pc;
	size_t i, lo = 0, hi = 0, n = 0;
	double v, vlo = 0, vhi = 0;
	char line[1200], a[VN_BUF], b[VN_BUF];

	if (!r->thon)
		return;
	name = bh_table_col(r->thon, "thon");
	pc = bh_table_col(r->thon, "participation_pct");
	for (i = 0; i < r->thon->nrow; i++) {
		if (bh_num(bh_table_get(r->thon, i, pc), &v) < 0)
			continue;
		if (!n || v < vlo)
			vlo = v, lo = i;
		if (!n || v > vhi)
			vhi = v, hi = i;
		n++;
	}
	if (!n) {
		d->ops->para(d, "Chưa tính được tỷ lệ tham gia theo thôn (chưa có danh sách cư dân "
		    "theo thôn).");
		return;
	}
	if (n == 1 || lo == hi)
		snprintf(line, sizeof line, "Tỷ lệ cư dân tham gia của thôn %.300s là %s%%.",
		    bh_table_get(r->thon, lo, name), vn_num(bh_table_get(r->thon, lo, pc), a));
	else
		snprintf(line, sizeof line, "Thôn có tỷ lệ cư dân tham gia thấp nhất là %.300s "
		    "(%s%%), cao nhất là %.300s (%s%%).", bh_table_get(r->thon, lo, name),
		    vn_num(bh_table_get(r->thon, lo, pc), a), bh_table_get(r->thon, hi, name),
		    vn_num(bh_table_get(r->thon, hi, pc), b));
	d->ops->para(d, line);
}

static void
tips_sentence(const struct report *r, struct doc *d)
{
	char line[1500], a[VN_BUF], b[VN_BUF], c[VN_BUF], t1[320], t2[320];
	const char *pct = summary_value(r, "tips_answered_pct", "value");
	const char *med = summary_value(r, "tip_response_median_min", "value");
	const char *q = summary_value(r, "questions", "value");
	const char *qp = summary_value(r, "questions_answered_pct", "value");
	size_t len;

	if (!r->summary)
		return;
	len = (size_t)snprintf(line, sizeof line, "Trong kỳ có %s tin báo, phản ánh%s",
	    vn_num(summary_value(r, "tips", "value"), a), vs_prev(r, "tips", t1, sizeof t1));
	if (*pct && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, "; %s tin (%s%%) đã được trả lời",
		    vn_num(summary_value(r, "tips_answered", "value"), b), vn_num(pct, c));
	if (*med && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, ", thời gian phản hồi trung vị "
		    "%s phút%s", vn_num(med, a), vs_prev(r, "tip_response_median_min", t2, sizeof t2));
	if (len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, ".");
	if (*q && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, " Người dân hỏi %s câu hỏi về "
		    "thủ tục%s%s%s.", vn_num(q, b), *qp ? ", " : "", *qp ? vn_num(qp, c) : "",
		    *qp ? "% được trả lời" : "");
	(void)len;
	d->ops->para(d, line);
}

static void
members_sentence(const struct report *r, struct doc *d)
{
	const char *j = summary_value(r, "joins", "value"), *l = summary_value(r, "leaves", "value");
	char line[600], a[VN_BUF], b[VN_BUF];

	if (!r->summary || (!*j && !*l))
		return;
	snprintf(line, sizeof line, "Trong kỳ có %s lượt vào nhóm và %s lượt rời nhóm.",
	    vn_num(j, a), vn_num(l, b));
	d->ops->para(d, line);
}

static void
write_summary(const struct report *r, struct doc *d)
{
	static const char *const head[] = {
		"Chỉ tiêu", "Kỳ này", "Kỳ trước", "So với kỳ trước", "Cùng kỳ năm trước",
		"So với cùng kỳ năm trước"
	};
	char b[5][VN_BUF];
	const char *cells[6];
	size_t i;

	d->ops->heading(d, 2, "1. Tổng hợp số liệu");
	if (!r->summary) {
		d->ops->para(d, "Không có số liệu tổng hợp.");
		return;
	}
	summary_sentence(r, d);
	d->ops->table_begin(d, head, 6, "lnnnnn");
	for (i = 0; i < r->summary->nrow; i++) {
		const char *id = bh_table_get(r->summary, i, 0);
		const char *v = bh_table_get(r->summary, i, bh_table_col(r->summary, "value"));
		const char *p = bh_table_get(r->summary, i, bh_table_col(r->summary, "prev_value"));
		const char *y = bh_table_get(r->summary, i, bh_table_col(r->summary, "last_year_value"));
		if (strcmp(id, "period_start") == 0 || strcmp(id, "period_end") == 0)
			continue;
		/* said in the notes when there is anything to say */
		if (strcmp(id, "purged_messages") == 0 && (!strcmp(v, "0") || !*v) &&
		    (!*p || !strcmp(p, "0")) && (!*y || !strcmp(y, "0")))
			continue;
		cells[0] = bh_vi_metric(id) ? bh_vi_metric(id) : id;
		cells[1] = vn_num(v, b[0]);
		cells[2] = vn_num(p, b[1]);
		cells[3] = vn_change(id, v, p, b[2]);
		cells[4] = vn_num(y, b[3]);
		cells[5] = vn_change(id, v, y, b[4]);
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
	d->ops->para(d, "“—”: không có số liệu (không có tin nhắn nào được lưu cho kỳ đó, "
	    "hoặc phép tính không xác định), không phải bằng 0.");
}

static void
write_groups(const struct report *r, struct doc *d)
{
	static const char *const head[] = {
		"Nhóm Zalo", "Tin nhắn đầu tiên đã lưu", "Tin nhắn cuối cùng đã lưu",
		"Số tin nhắn (toàn bộ)", "Số người gửi"
	};
	static const char *const cols[] = {"name", "first_message", "last_message", "messages", "senders"};
	char b[5][VN_BUF];
	const char *cells[5];
	int c[5], k, gid;
	size_t i;

	if (!r->groups)
		return;
	gid = bh_table_col(r->groups, "group_id");
	for (k = 0; k < 5; k++)
		c[k] = bh_table_col(r->groups, cols[k]);
	d->ops->heading(d, 3, "Các nhóm Zalo đã lưu trữ");
	d->ops->table_begin(d, head, 5, "lllnn");
	for (i = 0; i < r->groups->nrow; i++) {
		cells[0] = bh_table_get(r->groups, i, c[0]);
		if (!cells[0] || !*cells[0]) {
			/* a group known only from Web archives has no name: show its id */
			snprintf(b[4], sizeof b[4], "Nhóm %s", bh_table_get(r->groups, i, gid));
			cells[0] = b[4];
		}
		cells[1] = vn_time(bh_table_get(r->groups, i, c[1]), b[0]);
		cells[2] = vn_time(bh_table_get(r->groups, i, c[2]), b[1]);
		cells[3] = vn_num(bh_table_get(r->groups, i, c[3]), b[2]);
		cells[4] = vn_num(bh_table_get(r->groups, i, c[4]), b[3]);
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
}

/* Small thôn give tipsters away: binhyen-metrics marks the rows whose tip
 * figures it withheld (it alone decides, with its --min-thon-members). */
static int
withheld(const struct report *r, size_t row)
{
	const char *w = bh_table_get(r->thon, row, bh_table_col(r->thon, "withheld"));

	return *w && strcmp(w, "0") != 0;
}

static void
write_thon(const struct report *r, struct doc *d)
{
	static const char *const head[] = {
		"Thôn", "Cư dân", "Cư dân tham gia", "Tỷ lệ tham gia (%)", "Kỳ trước (%)",
		"Tin nhắn", "Tin báo", "Đã trả lời", "Phản hồi trung vị (phút)"
	};
	static const char *const cols[] = {
		"thon", "members", "active_members", "participation_pct", "prev_participation_pct",
		"messages", "tips", "tips_answered", "tip_response_median_min"
	};
	char b[9][VN_BUF], note[300];
	const char *cells[9];
	int c[9], k, any = 0;
	size_t i;

	d->ops->heading(d, 2, "3. Tham gia theo thôn");
	thon_sentence(r, d);
	d->ops->figure(d, "thon", "Tỷ lệ cư dân tham gia theo thôn");
	if (!r->thon)
		return;
	for (k = 0; k < 9; k++)
		c[k] = bh_table_col(r->thon, cols[k]);
	d->ops->table_begin(d, head, 9, "lnnnnnnnn");
	for (i = 0; i < r->thon->nrow; i++) {
		int hide = withheld(r, i);
		any |= hide;
		cells[0] = bh_table_get(r->thon, i, c[0]);
		for (k = 1; k < 9; k++)
			cells[k] = hide && k >= 6 ? WITHHELD : vn_num(bh_table_get(r->thon, i, c[k]), b[k]);
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
	if (any) {
		const char *n = r->settings ?
		    bh_table_lookup(r->settings, "min_thon_members", "value") : NULL;

		char fewer[64] = "quá ít cư dân";

		if (n && *n)
			snprintf(fewer, sizeof fewer, "dưới %s cư dân", n);
		snprintf(note, sizeof note, "“%s”: thôn có %s trong danh sách; số liệu tin báo được "
		    "ẩn để bảo vệ người báo tin (vẫn được tính trong số liệu tổng hợp).", WITHHELD, fewer);
		d->ops->para(d, note);
	}
}

static void
write_categories(const struct report *r, struct doc *d)
{
	static const char *const head[] = {
		"Loại", "Phân loại", "Số tin", "Đã trả lời", "Tỷ lệ trả lời (%)",
		"Phản hồi trung vị (phút)"
	};
	static const char *const cols[] = {"category", "kind", "tips", "tips_answered", "response_median_min"};
	char b[4][VN_BUF], pct[32];
	const char *cells[6];
	double t, a;
	int c[5], k;
	size_t i;

	if (!r->categories)
		return;
	for (k = 0; k < 5; k++)
		c[k] = bh_table_col(r->categories, cols[k]);
	d->ops->heading(d, 3, "Tin báo theo loại");
	d->ops->table_begin(d, head, 6, "llnnnn");
	for (i = 0; i < r->categories->nrow; i++) {
		const char *id = bh_table_get(r->categories, i, c[0]);
		const char *kind = bh_table_get(r->categories, i, c[1]);
		const char *tips = bh_table_get(r->categories, i, c[2]);
		const char *ans = bh_table_get(r->categories, i, c[3]);
		cells[0] = bh_vi_category(id) ? bh_vi_category(id) : id;
		cells[1] = bh_vi_kind(kind) ? bh_vi_kind(kind) : kind;
		cells[2] = vn_num(tips, b[0]);
		cells[3] = vn_num(ans, b[1]);
		cells[4] = DASH;
		if (bh_num(tips, &t) == 0 && bh_num(ans, &a) == 0 && t > 0) {
			/* one decimal, half up, as every percentage of the tables */
			snprintf(pct, sizeof pct, "%.1f", (double)(long long)(1000.0 * a / t + 0.5) / 10.0);
			cells[4] = vn_num(pct, b[2]);
		}
		cells[5] = vn_num(bh_table_get(r->categories, i, c[4]), b[3]);
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
}

static void
write_buckets(const struct report *r, struct doc *d)
{
	static const char *const head[] = {"Thời gian đến lần trả lời đầu", "Tin báo", "Hỏi thủ tục"};
	static const char *const ids[] = {"0-15m", "15-60m", "1-4h", "4-24h", "24h+", "unanswered"};
	int kc, bc, tc, k;
	char b[2][VN_BUF];
	const char *cells[3];
	size_t i;

	if (!r->buckets)
		return;
	kc = bh_table_col(r->buckets, "kind");
	bc = bh_table_col(r->buckets, "bucket");
	tc = bh_table_col(r->buckets, "tips");
	d->ops->table_begin(d, head, 3, "lnn");
	for (k = 0; k < 6; k++) {
		cells[0] = bh_vi_bucket(ids[k]);
		cells[1] = cells[2] = "0";
		for (i = 0; i < r->buckets->nrow; i++) {
			const char *kind = bh_table_get(r->buckets, i, kc);
			if (strcmp(bh_table_get(r->buckets, i, bc), ids[k]) != 0)
				continue;
			if (strcmp(kind, "tip") == 0)
				cells[1] = vn_num(bh_table_get(r->buckets, i, tc), b[0]);
			else if (strcmp(kind, "question") == 0)
				cells[2] = vn_num(bh_table_get(r->buckets, i, tc), b[1]);
		}
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
}

static const char *
chart_title(const char *name)
{
	const struct bh_chart *c;

	for (c = bh_charts; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c->title;
	return name;
}

/* Charts placed by the sections; any other chart of the list goes at the end. */
static const char *const placed[] = {
	"weekly", "heatmap", "message_types", "thon", "response", "tips_monthly", "membership", NULL
};

static void
figure(struct doc *d, const char *name)
{
	d->ops->figure(d, name, chart_title(name));
}

static void
write_rest(struct doc *d)
{
	const struct bh_chart *c;
	int i, found, any = 0;

	for (c = bh_charts; c->name; c++) {
		for (found = 0, i = 0; placed[i]; i++)
			found |= strcmp(placed[i], c->name) == 0;
		if (found)
			continue;
		if (!any++)
			d->ops->heading(d, 2, "6. Biểu đồ khác");
		figure(d, c->name);
	}
}

static void
write_footer(const struct report *r, struct doc *d)
{
	d->ops->heading(d, 2, "Ghi chú");
	d->ops->para(d, "Bảo mật: báo cáo này không nêu tên người báo tin, không trích nội dung "
	    "tin báo và không có tên thành viên. Danh sách tin báo chi tiết chỉ nằm trong thư mục "
	    "internal/ (mật, không gửi kèm báo cáo).");
	d->ops->para(d, "Số liệu chi tiết cho máy tính: các tệp tables/*.csv; cho người đọc: "
	    "tables.xlsx. Thời gian theo giờ Việt Nam (UTC+7). Số liệu tính theo định nghĩa "
	    "trong tài liệu của binhyen.");
	(void)r;
}

/* What only the officer can write, marked as such. */
static void
write_assessment(struct doc *d)
{
	d->ops->heading(d, 2, "Đánh giá chung");
	d->ops->blank(d, "[Phần này do cán bộ viết: đánh giá kết quả thực hiện mô hình trong kỳ "
	    "(ưu điểm, hạn chế và nguyên nhân), dựa trên các số liệu trên.]");
	d->ops->heading(d, 2, "Phương hướng, đề xuất, kiến nghị");
	d->ops->blank(d, "[Phần này do cán bộ viết: phương hướng, nhiệm vụ kỳ tới; đề xuất, kiến "
	    "nghị với cấp trên.]");
}

static void
write_closing(const struct report *r, struct doc *d)
{
	char sup[400], com[400], low[300], signer[200];
	const char *to[3];
	struct closing c;

	snprintf(sup, sizeof sup, "- %.300s (để báo cáo);", r->superior ? r->superior :
	    "Công an tỉnh " BLANK);
	snprintf(com, sizeof com, "- Đảng ủy, Ủy ban nhân dân %.300s;",
	    lower_first(commune(r), low, sizeof low));
	to[0] = sup;
	to[1] = com;
	to[2] = "- Lưu: VT.";
	snprintf(signer, sizeof signer, "TRƯỞNG CÔNG AN %s", unit_kind(r));
	c.to = to;
	c.nto = 3;
	c.signer = signer;
	c.sign_note = "(Ký, ghi rõ họ tên, đóng dấu)";
	c.name = BLANK BLANK BLANK;
	d->ops->closing(d, &c);
}

void
report_write(const struct report *r, struct doc *d)
{
	char title[1000];

	report_title(r, title, sizeof title);
	d->ops->begin(d, title);
	write_heading(r, d);
	no_data_banner(r, d);
	first_day_banner(r, d);
	write_warnings(r, d);
	write_summary(r, d);
	d->ops->heading(d, 2, "2. Hoạt động trên các nhóm");
	activity_sentence(r, d);
	figure(d, "weekly");
	figure(d, "heatmap");
	figure(d, "message_types");
	write_groups(r, d);
	write_thon(r, d);
	d->ops->heading(d, 2, "4. Tin báo, phản ánh và hỏi thủ tục");
	tips_sentence(r, d);
	figure(d, "response");
	write_buckets(r, d);
	figure(d, "tips_monthly");
	write_categories(r, d);
	d->ops->heading(d, 2, "5. Thành viên các nhóm");
	members_sentence(r, d);
	figure(d, "membership");
	write_rest(d);
	write_assessment(d);
	write_footer(r, d);
	write_closing(r, d);
	d->ops->end(d);
}
