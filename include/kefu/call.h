/*
 * call.h — inbound calls, for service level and staffing.
 *
 * A call is offered (enters the queue), then answered by an agent and
 * ended, or abandoned by the caller while waiting. Events arrive from the
 * softphone link, the console's pop-by-number, or a PBX dialplan through
 * `kefu call offer|answer|end|abandon`. Events out of order (end before
 * answer, answer after abandon, times going backwards) are refused with a
 * clear message and recorded in the audit; the figures stay consistent.
 *
 * Answering puts the agent on_call; ending puts them in wrap_up until they
 * log the contact or go available (call_wrapup_done), which closes the
 * call's wrap-up time (AHT = talk + wrap-up).
 */
#ifndef KEFU_CALL_H
#define KEFU_CALL_H

#include <stdint.h>

struct db;

struct call {
	int64_t	 id;
	char	*number;
	char	*queue;
	char	*agent;
	int64_t	 customer_id;
	char	*customer_name;	/* when the number is a known customer */
	char	*segment;
	int64_t	 offered_at, answered_at, ended_at, abandoned_at, wrapup_until;
};

void call_free(struct call *);
void call_list_free(struct call **, int n);

/* Offer a call from NUMBER to QUEUE (NULL: "default") at AT. The caller is
 * matched to a customer by phone. *id gets the call id. */
int call_offer(struct db *, const char *number, const char *queue,
    int64_t at, const char *by, int64_t *id, char **cause);

/* Like call_offer, for a call from the softphone link: CTI_ID (the SIP
 * Call-ID, may be NULL) is stored and must be unique. */
int call_offer_cti(struct db *, const char *number, const char *queue,
    const char *cti_id, int64_t at, const char *by, int64_t *id,
    char **cause);

/* The call with softphone Call-ID CTI_ID: 1 and *id, 0 if none, or < 0
 * with *cause. */
int call_by_cti(struct db *, const char *cti_id, int64_t *id, char **cause);

/* AGENT answers call ID at AT (the agent becomes on_call). */
int call_answer(struct db *, int64_t id, const char *agent, int64_t at,
    const char *by, char **cause);

/* Call ID ends at AT (the agent goes to wrap_up). */
int call_end(struct db *, int64_t id, int64_t at, const char *by,
    char **cause);

/* The caller hangs up while waiting, at AT. */
int call_abandon(struct db *, int64_t id, int64_t at, const char *by,
    char **cause);

/* AGENT finished wrap-up at AT: close the wrap-up of their last ended call
 * and make them available. Nothing to do is not an error. */
int call_wrapup_done(struct db *, const char *agent, int64_t at,
    char **cause);

/* Calls waiting now, longest first (VIP callers first among equals). */
int call_waiting(struct db *, int limit, struct call ***out, char **cause);

int call_get(struct db *, int64_t id, struct call **out, char **cause);

#endif
