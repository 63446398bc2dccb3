/*
 * loyalty.h — where a customer stands on the seeds' loyalty ladder:
 * stable quality → moments of delight → lasting satisfaction → trust →
 * emotional loyalty → behavioural loyalty, derived from the contact history
 * (never stored, so it follows the history).
 */
#ifndef KEFU_LOYALTY_H
#define KEFU_LOYALTY_H

#include <stdint.h>

struct db;

enum loyalty {
	LOYALTY_NONE,		/* no history yet */
	LOYALTY_QUALITY,	/* 稳定的质量 */
	LOYALTY_DELIGHT,	/* 惊喜的时刻 */
	LOYALTY_SATISFIED,	/* 持续的满意 */
	LOYALTY_TRUST,		/* 信任 */
	LOYALTY_EMOTIONAL,	/* 情感忠诚 */
	LOYALTY_BEHAVIOURAL,	/* 行为忠诚: ~10 repeat purchases */
};

struct loyalty_stats {
	int	contacts;
	int	purchases;
	int	delighted, satisfied, disappointed;
	int	recent_disappointed;	/* among the last 3 rated contacts */
	int	open_complaints;
};

/* The stage these figures put a customer on. Rules, highest first:
 * an open complaint caps at QUALITY; BEHAVIOURAL ≥ 10 purchases and no
 * recent disappointment; EMOTIONAL ≥ 3 delighted and none recent; TRUST
 * ≥ 6 contacts and ≥ 80% of rated contacts delighted/satisfied; SATISFIED
 * ≥ 3 rated and ≥ 70%; DELIGHT any delighted; else QUALITY. */
enum loyalty loyalty_stage(const struct loyalty_stats *);

/* English name of a stage ("trust"), for JSON and translation. */
const char *loyalty_name(enum loyalty);

/* Gather the figures of CUSTOMER_ID. 0, or negative with *cause. */
int loyalty_stats(struct db *, int64_t customer_id, struct loyalty_stats *,
    char **cause);

#endif
