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

/* Mark ID done by BY. If it recurs, the next one is scheduled and its id
 * put in *next (0 otherwise). Refuses a follow-up that is not open. */
int followup_done(struct db *, int64_t id, const char *by, int64_t *next,
    char **cause);

/* Load one follow-up: 1 found, 0 not found, negative error. */
int followup_get(struct db *, int64_t id, struct followup **out, char **cause);

/* The earliest open follow-up of CUSTOMER_ID: 1 and *due, 0 none. */
int followup_next_for(struct db *, int64_t customer_id, int64_t *due,
    char **cause);

#endif
