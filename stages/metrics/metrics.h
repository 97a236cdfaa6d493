/* metrics.h: the parts of binhyen-metrics: tips (tips.c), period figures
 * (figures.c), the tables of the contract (build.c); the tables are the
 * library's (bh_mtable.h). */
#ifndef METRICS_H
#define METRICS_H
#include <stdio.h>
#include <sqlite3.h>

#include "bh_mtable.h"
#include "bh_htab.h"
#include "bh_period.h"
#include "bh_text.h"

/* Run settings from the command line. */
enum { NAME_COMMUNE, NAME_UNIT, NAME_SUPERIOR, NNAMES };
struct mopts {
	const char *db, *period, *out, *lexicon, *reviews;
	int cutoff;
	int responders[3];	/* officer, staff, resident */
	int min_thon;
	const char *names[NNAMES];	/* --commune, --unit, --superior; NULL: not given */
	int no_roster;		/* none stored: what needs one is left empty */
	const char **groups;	/* --group: only these (ngroups 0: all) */
	size_t ngroups;
};

/* settings.c: the names given (checked by bh_opt_name: one line of UTF-8)
 * stored in the database, replacing what was stored; OUT/settings.csv written
 * from them and the run's settings: 0, or -1 with errno. */
void settings_store(sqlite3 *db, const struct mopts *o);
int settings_write(sqlite3 *db, const struct mopts *o, const struct bh_period *p, const char *out);
/* The rows of the stored roster: 0 when none is stored yet (the first day). */
long long roster_rows(sqlite3 *db);

/* One tip or question of the run (derived_tips). */
struct tip {
	long long row;		/* messages.id of its first message */
	char *tip_id;		/* msgId of its first message (cliMsgId when none) */
	/* The strings below are kept once in struct tips' pool: thousands of
	 * tips share a few groups, thôn and categories, and their senders. */
	const char *group_id, *sender;
	const char *thon_key;	/* tipster's roster thôn; NULL when unmatched or none */
	long long ts;
	const char *category;
	enum bh_kind kind;
	int nb;			/* tipster pseudonym NB-nnnn */
	long long resp_ts;	/* first response (or reviewed answered_at) */
	long long ack_ts;
	long long review_at;
	const char *reviewed;	/* verdicts applied, for internal/tips.csv; NULL: none */
	unsigned char answered, acked, ack_timed;
	unsigned char dropped;		/* review: not_tip */
	unsigned char has_review_at;	/* review: answered_at (off the group) */
};

/* A review applied (review.c), for the review sheet: strings in the pool. */
struct review {
	size_t tip;		/* index in struct tips */
	const char *verdict;	/* "not_tip", "category", "answered_at" */
	const char *value, *note;	/* as the officer wrote them */
};

struct tips {
	struct tip *t;
	size_t n, cap;
	bh_htab pool;		/* the tips' shared strings */
	struct review *rv;	/* the reviews applied, in file order */
	size_t nrv, caprv;
};
/* s kept once in the pool of ts (NULL stays NULL). */
const char *tips_str(struct tips *ts, const char *s);

/* derive.c: the derived data (sql/schema.sql, derived_*) brought up to date
 * with the stored messages and the lexicon: built whole the first time and
 * after a change of lexicon, then only where messages were added or changed. */
void derive_update(sqlite3 *db, const bh_lexicon *lx);

/* tips.c: the tips and questions (of non-responders) starting in any of the
 * NRANGE ranges [lo, hi) ms, from the derived data, into ts and t_tips (their
 * bursts into t_burst); tips_by_id: the index of the tip with that tip_id,
 * found among the stored tips and then held if it was not, or (size_t)-1;
 * pseudonyms, responses and acknowledgements of the tips held. */
void tips_load(sqlite3 *db, const long long (*range)[2], size_t nrange, struct tips *ts);
size_t tips_by_id(sqlite3 *db, struct tips *ts, const char *id);
void tips_pseudonyms(sqlite3 *db, struct tips *ts);
void tips_responses(sqlite3 *db, struct tips *ts);
/* review.c: the review file (the sheet tips.xlsx or CSV) read whole; applied
 * only when every line is good: 0, or -1 after reporting every bad line. */
int tips_reviews(sqlite3 *db, struct tips *ts, const bh_lexicon *lx, const char *file);
void tips_free(struct tips *ts);

enum { B_15M, B_60M, B_4H, B_24H, B_MORE, B_NONE, NBUCKET };
extern const char *const bucket_names[NBUCKET];

/* Tip or question figures over a selection. Percentiles and ratios of nothing
 * are flagged absent (has_*). */
struct kstats {
	long long n, answered, w15, w1h, w24, acked;
	long long med, p90, ack_med;
	int has_med, has_p90, has_ack_med;
	long long bucket[NBUCKET];
};
/* Selection: [lo, hi) ms, kind, thôn key (NULL: any), category (NULL: any). */
void kstats_of(const struct tips *ts, long long lo, long long hi, enum bh_kind kind,
    const char *thon_key, const char *category, struct kstats *k);

/* Per-thôn figures of a period. */
struct thon {
	char *key, *name;
	long long members, active, messages;
};

/* A week of a period: local Monday (day number), messages, by officers, by
 * residents, residents (roster rows) who sent one. */
struct week {
	long wk;
	long long n, officer, resident, members;
};

/* Messages of a period per type as the metrics see it ('recalled' when recalled). */
struct tcount {
	char *type;
	long long n;
};

/* The figures of one period. */
struct pfig {
	struct bh_period p;
	long long lo, hi;	/* [lo, hi) ms */
	int has_data;		/* the period holds at least one message */
	long long groups, messages, senders, members, active, posts;
	int members_known;	/* member events exist for the period's groups */
	long long joins, leaves;
	long long purged;	/* messages whose text binhyen purge removed */
	struct kstats tip, q;
	struct thon *thon;
	size_t nthon;
	struct week *week;	/* weeks with a message, in order */
	size_t nweek;
	long long heat[7][24];	/* local weekday (Monday first), hour */
	struct tcount *type;
	size_t ntype;
};

/* figures.c: prepared statements, used for the three periods. */
struct mstmt;
struct mstmt *mstmt_new(sqlite3 *db);
void mstmt_free(struct mstmt *s);
/* The period statements build.c reuses for the report period's rows. */
sqlite3_stmt *mstmt_posts(struct mstmt *s);
sqlite3_stmt *mstmt_membership(struct mstmt *s);
/* Fills f for p; leaves t_active holding the period's senders. Officer posts
 * are counted only if posts: build_tables counts the report period's as it
 * lists them. */
void figures_of(struct mstmt *s, const struct tips *ts, const struct bh_period *p, int posts,
    struct pfig *f);
void pfig_free(struct pfig *f);

/* build.c: every output table from the figures. */
struct outputs {
	struct mtable *t[24];
	int n;
};
void build_tables(sqlite3 *db, struct mstmt *s, const struct mopts *o, const bh_lexicon *lx,
    const struct tips *ts, struct pfig f[3], struct outputs *out);
/* The thôn of a period with that key; NULL for none. */
const struct thon *thon_by_key(const struct pfig *f, const char *key);

/* sheet.c: writes OUT/internal/tips.xlsx (0600), the review sheet of the period
 * of f (answers left empty when no roster is stored); 0, or -1 with errno. */
int tips_sheet(sqlite3 *db, const char *out, const struct tips *ts, const struct pfig *f,
    int no_roster);
void outputs_free(struct outputs *out);

#endif
