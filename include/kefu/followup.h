/*
 * followup.h — proactive follow-ups (定期实施客户关怀).
 *
 * A follow-up belongs to an agent or to the team pool ("pool"), falls due
 * at due_at (UTC seconds) and is never deleted: its state moves
 * pending → fired → done (or snoozed back to pending, or cancelled).
 */
#ifndef KEFU_FOLLOWUP_H
#define KEFU_FOLLOWUP_H

#include <stdint.h>

struct db;

#define FOLLOWUP_POOL "pool"

struct followup {
	int64_t	 id;
	int64_t	 customer_id;
	char	*customer_name;	/* filled by list queries */
	char	*owner;		/* agent login or "pool" */
	int64_t	 due_at;
	char	*reason;
	int	 every_days;	/* recurrence, 0 = once */
	char	*state;		/* pending, fired, done, snoozed, cancelled */
	int64_t	 created_at;
	int64_t	 fired_at;	/* 0 = not yet */
	int64_t	 done_at;
	char	*created_by;
};

enum followup_filter {
	FOLLOWUP_OPEN = 0,	/* pending or fired, any due time */
	FOLLOWUP_DUE,		/* open and due_at <= now */
	FOLLOWUP_OVERDUE,	/* open and due_at <  now - grace (15 min) */
};

/* The latest due time accepted: 9999-12-31T23:59:59Z. */
#define FOLLOWUP_LATEST INT64_C(253402300799)

/* Seconds past due after which a follow-up counts as overdue. */
#define FOLLOWUP_GRACE (15 * 60)

void followup_free(struct followup *);
void followup_list_free(struct followup **, int n);

/* Schedule a follow-up for CUSTOMER_ID. OWNER is an agent login or "pool";
 * a due time in the past is refused unless ALLOW_PAST. *id gets the new id. */
int followup_add(struct db *, int64_t customer_id, const char *owner,
    int64_t due_at, const char *reason, int every_days, const char *by,
    int allow_past, int64_t *id, char **cause);

/* Open follow-ups matching FILTER as of NOW, for OWNER (NULL = everyone),
 * earliest due first. Returns the count or negative. */
int followup_list(struct db *, enum followup_filter, const char *owner,
    int64_t now, int limit, struct followup ***out, char **cause);

/* How many open follow-ups of OWNER match FILTER as of NOW (one indexed
 * count, for the top bar). Negative on error. */
int followup_count(struct db *, enum followup_filter, const char *owner,
    int64_t now);

/* Mark ID done by BY. If it recurs, the next one is scheduled and its id
 * put in *next (0 otherwise). Refuses a follow-up that is not open. */
int followup_done(struct db *, int64_t id, const char *by, int64_t *next,
    char **cause);

/* Load one follow-up: 1 found, 0 not found, negative error. */
int followup_get(struct db *, int64_t id, struct followup **out, char **cause);

/* The earliest open follow-up of CUSTOMER_ID: 1 and *due, 0 none. */
int followup_next_for(struct db *, int64_t customer_id, int64_t *due,
    char **cause);

/* ---- followup-act.c: acknowledging, warnings, urgency, prediction. ---- */

/* Push ID to UNTIL (it fires again then). Refused for a follow-up that is
 * not open, or a pool follow-up another agent has claimed. A pool
 * follow-up is claimed by BY in the same transaction. */
int followup_snooze(struct db *, int64_t id, int64_t until, const char *by,
    char **cause);

/* Inside the caller's transaction: load open follow-up ID for BY to act
 * on — their own, a pool one (claimed for BY now, atomically), or anyone's
 * when BY is a supervisor. 0 and *f (owned), or -1 with *cause and the
 * transaction rolled back. */
int followup_take(struct db *, int64_t id, const char *by,
    struct followup **f, char **cause);

/* Give ID to TO (an agent or "pool"). Taking a pool follow-up (TO == BY)
 * is an atomic claim: of two agents claiming at once, exactly one gets it
 * and the other a clear refusal. The new owner's console alerts them. */
int followup_assign(struct db *, int64_t id, const char *to, const char *by,
    char **cause);

/* Warn BEFORE_SECS before the due time of ID (several allowed). */
int followup_warn(struct db *, int64_t id, int64_t before_secs, char **cause);

/* Care intervals per segment (定期关怀): days between recurring
 * follow-ups when `--every auto` is asked. SEGMENT_DAYS overrides the
 * built-in table ("vip=30,key=60,normal=180,at_risk=14,new=30") when not
 * NULL. Returns days, or 0 for an unknown segment. */
int followup_care_days(const char *segment, const char *segment_days);

/* Urgency weights (taskwarrior-style coefficients), from the config. */
struct urgency_weights {
	double	due;		/* × due-ness: 1 at due, up to 2 when a week late */
	double	vip, key, at_risk;	/* segment terms */
	double	value;		/* × lifetime value in units of 100 000 yuan */
	double	complaint;	/* an open complaint */
};

void urgency_defaults(struct urgency_weights *);

/* One line of the follow-up list view. */
struct followup_item {
	struct followup	*f;
	char		*segment;
	int64_t		 value;		/* lifetime value, cents */
	int		 complaints;	/* open */
	double		 urgency;
};

/* Open follow-ups of OWNER and the pool due before NOW + HORIZON, sorted
 * by urgency (highest first). Returns the count or negative. */
int followup_urgent(struct db *, const char *owner, int64_t now,
    int64_t horizon, const struct urgency_weights *,
    struct followup_item **out, char **cause);
void followup_items_free(struct followup_item *, int n);

/* The urgency of one follow-up as of NOW (pure; tested on its own). */
double followup_urgency(const struct urgency_weights *, int64_t due_at,
    int64_t now, const char *segment, int64_t value, int complaints);

/* The rice-shop case: after a purchase at AT by a customer with a
 * consumption cycle, schedule "predicted need" LEAD_DAYS before the
 * predicted run-out (replacing an earlier open prediction). Inside the
 * caller's transaction. *id is 0 when nothing was scheduled. */
int followup_predict(struct db *, int64_t customer_id, int64_t at,
    int lead_days, const char *by, int64_t *id, char **cause);

/* The predicted run-out date of CUSTOMER_ID (last purchase + cycle): 1 and
 * *at, 0 if unknown. */
int followup_next_need(struct db *, int64_t customer_id, int64_t *at,
    char **cause);

#define FOLLOWUP_PREDICTED "predicted need"

#endif
