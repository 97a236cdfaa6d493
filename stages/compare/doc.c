/* doc.c: the comparison as report.html, report.md and report.docx, through the library's
 * document writers: what was compared, what differs, the totals, each commune's
 * figures as read, the charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bh_doc.h"
#include "bh_err.h"
#include "bh_labels.h"
#include "bh_out.h"
#include "compare.h"

#define TITLE "So sánh kết quả thực hiện mô hình “Zalo kết nối bình yên” giữa các xã"
#define WITHHELD "ẩn"

/* A commune's cell for people: "ẩn" when withheld, "—" when unknown. */
static const char *
shown(const struct compare *cmp, const struct commune *c, int f, int prev, char *buf)
{
	if (c->withheld && figures[f].tip)
		return WITHHELD;
	return vn_num(cell(cmp, c, f, prev), buf);
}

static void
write_heading(const struct compare *cmp, struct doc *d)
{
	char line[900], superior[300] = "";
	const char *s = bh_table_lookup(cmp->c[0].settings, "superior", "value");
	size_t i;

	d->ops->heading(d, 1, TITLE);
	/* the unit above, when every commune names the same one */
	if (s && *s) {
		for (i = 1; i < cmp->n; i++) {
			const char *o = bh_table_lookup(cmp->c[i].settings, "superior", "value");
			if (!o || strcmp(o, s) != 0)
				break;
		}
		if (i == cmp->n)
			snprintf(superior, sizeof superior, " Đơn vị tổng hợp: %s.", s);
	}
	snprintf(line, sizeof line, "Kỳ báo cáo: %s. Số xã: %zu.%s", cmp->period, cmp->n, superior);
	d->ops->para(d, line);
	d->ops->para(d, "Số liệu của mỗi xã được lấy nguyên từ bảng tổng hợp (tables/summary.csv) "
	    "trong thư mục kết quả của xã đó; binhyen compare không tính lại.");
}

static void
write_notes(const struct compare *cmp, struct doc *d, const struct chartlist *cl)
{
	char line[2000], names[1200];
	size_t i, n = 0, len = 0;

	d->ops->heading(d, 2, "Lưu ý về dữ liệu");
	for (i = 0; i < cmp->ndiff; i++)
		d->ops->warning(d, cmp->differences[i]);
	names[0] = '\0';
	for (i = 0; i < cmp->n; i++)
		if (cmp->c[i].withheld && ++n <= 20 && len < sizeof names)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", n > 1 ? ", " : "",
			    cmp->c[i].name);
	if (n) {
		snprintf(line, sizeof line, "Số liệu tin báo của %zu xã có dưới %ld cư dân trong danh "
		    "sách được để ẩn (“%s”), vì ở xã nhỏ con số có thể làm lộ người báo tin: %s%s.",
		    n, cmp->min_members, WITHHELD, names, n > 20 ? ", …" : "");
		d->ops->warning(d, line);
	}
	if (!cmp->ndiff && !n)
		d->ops->para(d, "Các xã được lập số liệu với cùng thiết lập; không có số liệu nào bị ẩn.");
	if (cl->n == 0)
		d->ops->warning(d, "Chưa vẽ được biểu đồ: cài gnuplot và phông chữ (apt-get install "
		    "gnuplot-nox fonts-dejavu-core) rồi chạy lại binhyen compare.");
	d->ops->para(d, "Các ô thuộc xã hoặc thôn có ít cư dân đã được ẩn trong báo cáo của xã "
	    "vẫn được giữ ẩn ở đây.");
}

static void
write_totals(const struct compare *cmp, struct doc *d)
{
	static const char *const head[] = {
		"Chỉ tiêu", "Kỳ này", "Kỳ trước", "So với kỳ trước", "Số xã được cộng"
	};
	char a[64], b[64], va[VN_BUF], vb[VN_BUF], ch[VN_BUF], cnt[64];
	const char *cells[5];
	size_t na, nb;
	int f;

	d->ops->heading(d, 2, "1. Tổng các xã");
	d->ops->table_begin(d, head, 5, "lnnnn");
	for (f = F_GROUPS; f < NFIG; f++) {
		const char *label = bh_vi_metric(figures[f].id);
		cells[0] = label ? label : figures[f].id;
		if (!figures[f].additive) {
			cells[1] = cells[2] = cells[3] = "không cộng được";
			cells[4] = "";
		} else {
			total(cmp, f, 0, a, sizeof a, &na);
			total(cmp, f, 1, b, sizeof b, &nb);
			cells[1] = vn_num(a, va);
			cells[2] = vn_num(b, vb);
			cells[3] = vn_change(figures[f].id, a, b, ch);
			snprintf(cnt, sizeof cnt, "%zu/%zu", na, cmp->n);
			cells[4] = cnt;
		}
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
	d->ops->para(d, "Chỉ cộng những số đếm được (tin nhắn, cư dân, tin báo…). Tỷ lệ và thời "
	    "gian trung vị không cộng, không lấy trung bình được: xem từng xã ở bảng dưới. Số người "
	    "gửi không cộng vì một người có thể nhắn trong nhóm của nhiều xã. Tin báo của các xã "
	    "bị ẩn số liệu tin báo không được cộng vào tổng.");
}

static void
commune_table(const struct compare *cmp, struct doc *d, const char *const *head,
    const int *fig, const int *prev, int ncol)
{
	char buf[16][VN_BUF];
	const char *cells[16];
	size_t i;
	int k;
	char align[17];

	memset(align, AL_NUM, sizeof align);
	align[0] = AL_LEFT;
	align[ncol] = '\0';
	d->ops->table_begin(d, head, ncol, align);
	for (i = 0; i < cmp->n; i++) {
		cells[0] = cmp->c[i].name;
		for (k = 1; k < ncol; k++)
			cells[k] = shown(cmp, &cmp->c[i], fig[k], prev[k], buf[k]);
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
}

static void
write_communes(const struct compare *cmp, struct doc *d)
{
	static const char *const h1[] = {
		"Xã", "Số nhóm", "Số tin nhắn", "Số người gửi", "Số cư dân", "Cư dân có nhắn tin",
		"Tỷ lệ tham gia (%)", "Kỳ trước (%)", "Bài đăng của công an", "Vào nhóm", "Rời nhóm"
	};
	static const int f1[] = { 0, F_GROUPS, F_MESSAGES, F_SENDERS, F_MEMBERS, F_ACTIVE,
		F_PARTICIPATION, F_PARTICIPATION, F_POSTS, F_JOINS, F_LEAVES };
	static const int p1[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 };
	static const char *const h2[] = {
		"Xã", "Số tin báo", "Được trả lời", "Tỷ lệ trả lời (%)", "Kỳ trước (%)",
		"Trung vị phản hồi (phút)", "90% trong (phút)", "Trả lời trong 1 giờ (%)",
		"Câu hỏi thủ tục", "Câu hỏi được trả lời (%)"
	};
	static const int f2[] = { 0, F_TIPS, F_TIPS_ANSWERED, F_TIPS_ANSWERED_PCT,
		F_TIPS_ANSWERED_PCT, F_TIP_MEDIAN, F_TIP_P90, F_TIPS_1H, F_QUESTIONS,
		F_QUESTIONS_ANSWERED_PCT };
	static const int p2[] = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 };

	d->ops->heading(d, 2, "2. Số liệu từng xã");
	d->ops->heading(d, 3, "2.1. Tham gia và hoạt động của nhóm");
	commune_table(cmp, d, h1, f1, p1, 11);
	d->ops->heading(d, 3, "2.2. Tin báo và câu hỏi của người dân");
	commune_table(cmp, d, h2, f2, p2, 10);
	d->ops->para(d, "“—”: không có số liệu (không phải bằng 0). “ẩn”: số liệu được để ẩn "
	    "để bảo vệ người báo tin.");
}

static void
write_settings(const struct compare *cmp, struct doc *d)
{
	static const char *const head[] = {
		"Xã", "Đơn vị", "Bộ từ khóa (SHA-256)", "Người trả lời", "Ngày chốt",
		"Ẩn thôn dưới", "Phiên bản", "Lập lúc"
	};
	static const char *const keys[] = { "unit", "lexicon_sha256", "responders", "cutoff_day",
		"min_thon_members", "binhyen_version", "generated_at" };
	const char *cells[8];
	char lex[16], at[VN_BUF];
	size_t i;
	int k;

	d->ops->heading(d, 2, "4. Thiết lập của từng xã");
	d->ops->table_begin(d, head, 8, "llllnnll");
	for (i = 0; i < cmp->n; i++) {
		cells[0] = cmp->c[i].name;
		for (k = 0; k < 7; k++) {
			const char *v = bh_table_lookup(cmp->c[i].settings, keys[k], "value");
			cells[k + 1] = v && *v ? v : "—";
		}
		snprintf(lex, sizeof lex, "%.12s", cells[2]);
		cells[2] = lex;
		cells[7] = vn_time(cells[7], at);
		d->ops->table_row(d, cells);
	}
	d->ops->table_end(d);
}

static void
write_doc(const struct compare *cmp, const struct chartlist *cl, struct doc *d)
{
	size_t i;

	d->ops->begin(d, TITLE);
	write_heading(cmp, d);
	write_notes(cmp, d, cl);
	write_totals(cmp, d);
	write_communes(cmp, d);
	d->ops->heading(d, 2, "3. Biểu đồ so sánh các xã");
	for (i = 0; i < cl->n; i++)
		d->ops->figure(d, cl->name[i], cl->title[i]);
	if (!cl->n)
		d->ops->para(d, "Chưa có biểu đồ (xem Lưu ý về dữ liệu).");
	write_settings(cmp, d);
	d->ops->end(d);
}

struct body {
	const struct compare *cmp;
	const struct chartlist *cl;
};

static void
draw(void *ctx, struct doc *d)
{
	const struct body *b = ctx;

	write_doc(b->cmp, b->cl, d);
}

void
compare_report(const struct compare *cmp, const struct chartlist *cl)
{
	struct body b = { cmp, cl };

	doc_write(cmp->out, "report.html", &html_ops, draw, &b);
	doc_write(cmp->out, "report.md", &md_ops, draw, &b);
	doc_write(cmp->out, "report.docx", &docx_ops, draw, &b);
}
