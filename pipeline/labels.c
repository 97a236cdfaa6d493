/* labels.c: Vietnamese labels for ids of the tables, period names, the chart list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_labels.h"
#include "bh_period.h"

struct pair {
	const char *id, *vi;
};

static const struct pair categories[] = {
	{"trom_cap", "Trộm cắp"}, {"lua_dao", "Lừa đảo"}, {"ma_tuy", "Ma túy"},
	{"chay_no", "Cháy nổ"}, {"giao_thong", "Giao thông"}, {"gay_roi", "Gây rối"},
	{"nghi_van", "Người, việc khả nghi"}, {"moi_truong", "Môi trường"},
	{"thu_tuc", "Thủ tục hành chính"}, {"khac", "Phản ánh khác"},
	{"thong_bao", "Thông báo chung"}, {NULL, NULL}
};

static const struct pair types[] = {
	{"text", "Văn bản"}, {"photo", "Ảnh"}, {"video", "Video"},
	{"voice", "Tin nhắn thoại"}, {"file", "Tệp"}, {"sticker", "Nhãn dán"},
	{"gif", "Ảnh động"}, {"link", "Liên kết"}, {"contact", "Danh thiếp"},
	{"location", "Vị trí"}, {"poll", "Bình chọn"}, {"recalled", "Đã thu hồi"},
	{"other", "Khác"}, {NULL, NULL}
};

static const struct pair kinds[] = {
	{"tip", "Tin báo"}, {"question", "Hỏi thủ tục"}, {NULL, NULL}
};

static const struct pair buckets[] = {
	{"0-15m", "Đến 15 phút"}, {"15-60m", "Trên 15 đến 60 phút"}, {"1-4h", "Trên 1 đến 4 giờ"},
	{"4-24h", "Trên 4 đến 24 giờ"}, {"24h+", "Trên 24 giờ"}, {"unanswered", "Chưa trả lời"},
	{NULL, NULL}
};

static const struct pair weekdays[] = {
	{"1", "Thứ Hai"}, {"2", "Thứ Ba"}, {"3", "Thứ Tư"}, {"4", "Thứ Năm"},
	{"5", "Thứ Sáu"}, {"6", "Thứ Bảy"}, {"7", "Chủ nhật"}, {NULL, NULL}
};

/* Sheets of tables.xlsx: at most 31 characters, none of []:*?/\ */
static const struct pair sheets[] = {
	{"summary", "Tổng hợp"}, {"groups", "Nhóm Zalo"}, {"thon", "Theo thôn"},
	{"weekly", "Theo tuần"}, {"heatmap", "Theo ngày và giờ"},
	{"message_types", "Loại tin nhắn"}, {"tip_categories", "Tin báo theo loại"},
	{"tips_monthly", "Tin báo theo tháng"}, {"response_buckets", "Thời gian phản hồi"},
	{"officer_posts", "Bài đăng của công an"}, {"membership", "Vào, rời nhóm"},
	{"ledger", "Nguồn dữ liệu"},
	/* binhyen compare */
	{"communes", "Các xã"}, {"totals", "Tổng các xã"},
	{"commune_settings", "Thiết lập của từng xã"}, {NULL, NULL}
};

static const struct pair metrics[] = {
	{"period_start", "Ngày bắt đầu kỳ"},
	{"period_end", "Ngày kết thúc kỳ"},
	{"groups", "Số nhóm Zalo có hoạt động"},
	{"messages", "Số tin nhắn"},
	{"senders", "Số người gửi tin"},
	{"members", "Số cư dân trong danh sách"},
	{"active_members", "Số cư dân có nhắn tin"},
	{"participation_pct", "Tỷ lệ cư dân tham gia (%)"},
	{"officer_posts", "Số bài tuyên truyền của công an"},
	{"tips", "Số tin báo, phản ánh"},
	{"tips_answered", "Số tin báo được trả lời"},
	{"tips_answered_pct", "Tỷ lệ tin báo được trả lời (%)"},
	{"tip_response_median_min", "Thời gian phản hồi trung vị (phút)"},
	{"tip_response_p90_min", "Thời gian phản hồi, 90% tin báo (phút)"},
	{"tips_within_15m_pct", "Tin báo được trả lời trong 15 phút (%)"},
	{"tips_within_1h_pct", "Tin báo được trả lời trong 1 giờ (%)"},
	{"tips_within_24h_pct", "Tin báo được trả lời trong 24 giờ (%)"},
	{"tips_acknowledged", "Số tin báo được công an thả cảm xúc"},
	{"tip_ack_median_min", "Thời gian thả cảm xúc trung vị (phút)"},
	{"questions", "Số câu hỏi thủ tục"},
	{"questions_answered", "Số câu hỏi được trả lời"},
	{"questions_answered_pct", "Tỷ lệ câu hỏi được trả lời (%)"},
	{"question_response_median_min", "Thời gian trả lời câu hỏi trung vị (phút)"},
	{"question_response_p90_min", "Thời gian trả lời, 90% câu hỏi (phút)"},
	{"questions_within_15m_pct", "Câu hỏi được trả lời trong 15 phút (%)"},
	{"questions_within_1h_pct", "Câu hỏi được trả lời trong 1 giờ (%)"},
	{"questions_within_24h_pct", "Câu hỏi được trả lời trong 24 giờ (%)"},
	{"joins", "Số lượt vào nhóm"},
	{"leaves", "Số lượt rời nhóm"},
	{"purged_messages", "Số tin nhắn đã xóa nội dung (binhyen purge)"},
	{NULL, NULL}
};

const struct bh_chart bh_charts[] = {
	{"weekly", "Số tin nhắn theo tuần", "weekly.csv"},
	{"thon", "Tỷ lệ cư dân tham gia theo thôn", "thon.csv"},
	{"response", "Thời gian phản hồi tin báo", "response_buckets.csv"},
	{"tips_monthly", "Tin báo theo loại và theo tháng", "tips_monthly.csv"},
	{"heatmap", "Hoạt động theo ngày trong tuần và giờ", "heatmap.csv"},
	{"message_types", "Loại tin nhắn", "message_types.csv"},
	{"membership", "Thành viên vào, rời nhóm", "membership.csv"},
	{NULL, NULL, NULL}
};

static const char *
find(const struct pair *p, const char *id)
{
	for (; p->id; p++)
		if (strcmp(p->id, id) == 0)
			return p->vi;
	return NULL;
}

const char *bh_vi_category(const char *id) { return find(categories, id); }
const char *bh_vi_type(const char *id) { return find(types, id); }
const char *bh_vi_kind(const char *id) { return find(kinds, id); }
const char *bh_vi_metric(const char *id) { return find(metrics, id); }
const char *bh_vi_bucket(const char *id) { return find(buckets, id); }
const char *bh_vi_weekday(const char *id) { return find(weekdays, id); }
const char *bh_vi_sheet(const char *id) { return find(sheets, id); }

/* The date of a table cell ("2024-03-01", or the day of "2024-03-01T08:00…"),
 * read by the one date grammar of bh_period.h. */
int
bh_date_vi(const char *s, char buf[11])
{
	char day[11];
	long d;
	int y, m, dd;

	if (strlen(s) < 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (bh_parse_day(day, &d) < 0)
		return -1;
	bh_civil_from_days(d, &y, &m, &dd);
	snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)dd % 100u, (unsigned)m % 100u,
	    (unsigned)y % 10000u);
	return 0;
}

void
bh_period_label(const struct bh_period *p, char *buf, size_t n)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	char a[11], b[11];
	int y, m, d;

	switch (p->kind) {
	case BH_P_YEAR: snprintf(buf, n, "Năm %d", p->year); break;
	case BH_P_MONTH: snprintf(buf, n, "Tháng %d năm %d", p->n, p->year); break;
	case BH_P_QUARTER: snprintf(buf, n, "Quý %s năm %d", roman[(p->n - 1) & 3], p->year); break;
	case BH_P_HALF:
		snprintf(buf, n, "%s năm %d", p->n == 1 ? "6 tháng đầu" : "6 tháng cuối", p->year);
		break;
	case BH_P_DAYS:
		bh_civil_from_days(p->first, &y, &m, &d);
		snprintf(a, sizeof a, "%02u/%02u/%04u", (unsigned)d % 100u, (unsigned)m % 100u,
		    (unsigned)y % 10000u);
		bh_civil_from_days(p->last, &y, &m, &d);
		snprintf(b, sizeof b, "%02u/%02u/%04u", (unsigned)d % 100u, (unsigned)m % 100u,
		    (unsigned)y % 10000u);
		snprintf(buf, n, "Từ %s đến %s", a, b);
		break;
	}
}
