/*
 * remind.h — reminders that fire at the due second in the owner's console.
 *
 * An agent's reminders are: the due alert of each of their pending
 * follow-ups and of every open pool follow-up, and the warnings before the
 * due time (followup_warnings: "1 day and 15 minutes before"). What has been
 * shown to whom is in reminder_log, keyed by (follow-up, due time, warning,
 * agent) and written in the same transaction that hands the reminder to the
 * console: nothing fires twice, and nothing due is skipped — what fell due
 * while the console was closed fires at the next start, as one batch.
 *
 * The engine is ONE uv_timer_t armed for the earliest unshown reminder (one
 * indexed query), re-armed whenever the set may have changed: here
 * (remind_changed) or in another process (the console's data_version watch
 * calls remind_changed too). Nothing is slept on for more than 60 s: it is
 * recomputed from wall-clock due times (by remind_maintain on the console's
 * tick), so clock steps and suspend cannot drift it.
 * Fired but unacknowledged reminders nag every `nag` seconds.
 */
#ifndef KEFU_REMIND_H
#define KEFU_REMIND_H

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

struct db;

struct reminder {
	int64_t	 followup_id;
	int64_t	 customer_id;
	char	*customer_name;
	char	*segment;
	char	*reason;
	char	*owner;
	int64_t	 due_at;
	int64_t	 before_secs;	/* 0: the due alert; else a warning */
	bool	 nag;		/* a repeat of a fired, unacknowledged one */
};

void reminder_list_free(struct reminder *, int n);

/* The reminders AGENT has not been shown with an alert time <= NOW, newest
 * first. When MARK, record them as shown (and pending follow-ups as fired)
 * in one transaction. Returns the count (*out owned) or negative. */
int remind_due(struct db *, const char *agent, int64_t now, bool mark,
    struct reminder **out, char **cause);

/* The earliest alert time (seconds) of AGENT's unshown reminders: 1 and
 * *at, 0 if there is none, negative on error. One query. */
int remind_next(struct db *, const char *agent, int64_t *at, char **cause);

/* Fired, unacknowledged follow-ups owned by AGENT (for nagging). */
int remind_unacknowledged(struct db *, const char *agent,
    struct reminder **out, char **cause);

/* Move to the pool what its owner has not acknowledged ACK_SECS after it
 * fired, and what fell due while its owner is logged out (no heartbeat for
 * 30 s) when some other agent is online to take it. Returns how many moved,
 * or negative. Cheap when there is nothing to move (one read). */
int remind_escalate(struct db *, int64_t now, int64_t ack_secs, const char *by,
    char **cause);

struct remind;

struct remind_opts {
	int64_t	 nag_secs;	/* 0: never nag */
	int64_t	 ack_secs;	/* move to the pool after this; 0: never */
};

/* FIRE gets a batch (owned by the engine, valid during the call); STARTUP
 * is true for the first batch, which holds what fell due while away. */
typedef void (*remind_fire_cb)(void *arg, const struct reminder *, int n,
    bool startup);

/* Start the engine for AGENT on LOOP. 0, or negative with *cause. */
int remind_start(uv_loop_t *, struct db *, const char *agent,
    const struct remind_opts *, remind_fire_cb, void *arg,
    struct remind **out, char **cause);

/* Something changed (a follow-up added, done, snoozed, moved, or another
 * process committed): re-arm the timer from the database. */
void remind_changed(struct remind *);

/* A follow-up was acknowledged in this console: stop nagging about it. */
void remind_acknowledged(struct remind *, int64_t followup_id);

/* Housekeeping for the console's 1 s tick: every 30 s, move what waited
 * too long to the pool (remind_escalate); every 60 s, recompute the next
 * reminder from the clock (the engine keeps no timer while nothing falls
 * due within 60 s). On the tick, so an idle console wakes once a second. */
void remind_maintain(struct remind *);

/* When the timer is armed for (ms since the epoch), for tests and benches. */
int64_t remind_armed_at(const struct remind *);

/* Stop and close the timer; frees the engine after the close callback. */
void remind_stop(struct remind *);

#endif
