/*
 * call.c — inbound call events (see call.h).
 *
 * Each event is one short transaction that reads the call, checks the
 * event may happen now, writes it, and moves the agent's state. A refused
 * event is audited (action "refused") so a supervisor can see what the PBX
 * sent that made no sense.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/call.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/phone.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

void
call_free(struct call *c)
{
	if (c == NULL)
		return;
	free(c->number);
	free(c->queue);
	free(c->agent);
	free(c->customer_name);
	free(c->segment);
	free(c);
}

void
call_list_free(struct call **v, int n)
{
	for (int i = 0; i < n; i++)
		call_free(v[i]);
	free(v);
}

static char *
dup_col(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? xstrdup(s) : NULL;
}

#define CALL_SELECT "SELECT k.id, k.number, k.queue, k.agent," \
	" k.customer_id, c.name, c.segment, k.offered_at, k.answered_at," \
	" k.ended_at, k.abandoned_at, k.wrapup_until FROM calls k" \
	" LEFT JOIN customers c ON c.id = k.customer_id"

static struct call *
from_row(struct db_stmt *st)
{
	struct call *c = xcalloc(1, sizeof *c);

	c->id = db_col_int(st, 0);
	c->number = dup_col(st, 1);
	c->queue = dup_col(st, 2);
	c->agent = dup_col(st, 3);
	c->customer_id = db_col_int(st, 4);
	c->customer_name = dup_col(st, 5);
	c->segment = dup_col(st, 6);
	c->offered_at = db_col_int(st, 7);
	c->answered_at = db_col_int(st, 8);
	c->ended_at = db_col_int(st, 9);
	c->abandoned_at = db_col_int(st, 10);
	c->wrapup_until = db_col_int(st, 11);
	return c;
}

int
call_get(struct db *db, int64_t id, struct call **out, char **cause)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	if ((st = db_prepare(db, CALL_SELECT " WHERE k.id = ?")) == NULL)
		return db_cause(db, DB_ERR, "reading call", cause);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? db_cause(db, rc, "reading call", cause) : 0;
	*out = from_row(st);
	db_reset(st);
	return 1;
}

int
call_waiting(struct db *db, int limit, struct call ***out, char **cause)
{
	struct db_stmt *st;
	struct call **v = NULL;
	int n = 0, rc;

	*out = NULL;
	st = db_prepare(db, CALL_SELECT " WHERE k.answered_at IS NULL AND"
	    " k.abandoned_at IS NULL AND k.ended_at IS NULL"
	    " ORDER BY k.offered_at, k.id LIMIT ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading the queue", cause);
	db_bind_int(st, 1, limit);
	while ((rc = db_step(st)) == DB_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = from_row(st);
	}
	if (rc < 0) {
		call_list_free(v, n);
		return db_cause(db, rc, "reading the queue", cause);
	}
	*out = v;
	return n;
}

/* Refuse an event: audit it (in its own transaction) and say why. */
static int
refuse(struct db *db, int64_t id, const char *by, const char *event,
    char **cause, const char *why)
{
	char *detail = xasprintf("%s: %s", event, why);

	db_rollback(db);
	if (db_begin(db) == 0) {
		if (audit_log(db, by, "calls", id, "refused", detail) < 0 ||
		    db_commit(db) < 0)
			db_rollback(db);
	}
	free(detail);
	return set_cause(cause, "call %lld: %s", (long long)id, why);
}

int
call_offer(struct db *db, const char *number, const char *queue,
    int64_t at, const char *by, int64_t *id, char **cause)
{
	return call_offer_cti(db, number, queue, NULL, at, by, id, cause);
}

int
call_by_cti(struct db *db, const char *cti_id, int64_t *id, char **cause)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	if ((st = db_prepare(db, "SELECT id FROM calls WHERE cti_id = ?")) ==
	    NULL)
		return db_cause(db, DB_ERR, "reading call", cause);
	db_bind_text(st, 1, cti_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? db_cause(db, rc, "reading call", cause) : 0;
	*id = db_col_int(st, 0);
	db_reset(st);
	return 1;
}

int
call_offer_cti(struct db *db, const char *number, const char *queue,
    const char *cti_id, int64_t at, const char *by, int64_t *id,
    char **cause)
{
	struct db_stmt *st;
	char e164[24];
	const char *why;
	int64_t *ids = NULL;
	int rc, n = 0;

	*id = 0;
	if (number == NULL || *number == '\0' || strlen(number) > 64)
		return set_cause(cause, "a call needs the caller's number");
	if (phone_normalise(number, phone_default_cc(), e164, sizeof e164,
	    &why) != 0)
		e164[0] = '\0';	/* anonymous or odd numbers still queue */
	else if ((n = customer_find_phone(db, number, &ids, cause)) < 0)
		return n;
	if ((rc = db_begin(db)) < 0) {
		free(ids);
		return db_cause(db, rc, "offering call", cause);
	}
	st = db_prepare(db, "INSERT INTO calls (number, e164, customer_id,"
	    " queue, offered_at, cti_id) VALUES (?, ?, ?, ?, ?, ?)"
	    " RETURNING id");
	if (st == NULL) {
		free(ids);
		return db_fail(db, DB_ERR, "offering call", cause);
	}
	db_bind_text(st, 1, number);
	db_bind_text(st, 2, e164[0] ? e164 : NULL);
	if (n > 0)
		db_bind_int(st, 3, ids[0]);
	else
		db_bind_null(st, 3);
	free(ids);
	db_bind_text(st, 4, queue != NULL ? queue : "default");
	db_bind_int(st, 5, at);
	if (cti_id != NULL)
		db_bind_text(st, 6, cti_id);
	else
		db_bind_null(st, 6);
	if ((rc = db_step(st)) != DB_ROW)
		return db_fail(db, rc, "offering call", cause);
	*id = db_col_int(st, 0);
	db_reset(st);
	if ((rc = audit_log(db, by, "calls", *id, "offer", number)) < 0 ||
	    (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "offering call", cause);
	return 0;
}

/* Begin, load call ID; 0 ok (transaction open), else refused. */
static int
load(struct db *db, int64_t id, const char *by, const char *event,
    struct call **c, char **cause)
{
	int rc;

	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, event, cause);
	if ((rc = call_get(db, id, c, cause)) < 0) {
		db_rollback(db);
		return rc;
	}
	if (rc == 0)
		return refuse(db, id, by, event, cause, "no such call");
	return 0;
}

/* Set AGENT's state inside the open transaction. */
static int
agent_state(struct db *db, const char *agent, const char *state,
    int64_t call, int64_t at)
{
	struct db_stmt *st = db_prepare(db, "UPDATE agents SET state = ?,"
	    " state_reason = NULL, state_since = ?, current_call = ?"
	    " WHERE login = ?");

	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, state);
	db_bind_int(st, 2, at);
	if (call > 0)
		db_bind_int(st, 3, call);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, agent);
	return db_step(st);
}

/* The one UPDATE every event ends with; SQL sets one column to ?1. */
static int
event(struct db *db, const char *sql, int64_t id, int64_t at,
    const char *agent, const char *by, const char *what, char **cause)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (st == NULL)
		return db_fail(db, DB_ERR, what, cause);
	db_bind_int(st, 1, at);
	if (agent != NULL) {
		db_bind_text(st, 2, agent);
		db_bind_int(st, 3, id);
	} else
		db_bind_int(st, 2, id);
	if ((rc = db_step(st)) < 0 ||
	    (rc = audit_log(db, by, "calls", id, what, agent)) < 0)
		return db_fail(db, rc, what, cause);
	return 0;
}

int
call_answer(struct db *db, int64_t id, const char *agent, int64_t at,
    const char *by, char **cause)
{
	struct call *c;
	struct agent *a = NULL;
	int rc;

	if (load(db, id, by, "answer", &c, cause) < 0)
		return -1;
	rc = c->abandoned_at ? refuse(db, id, by, "answer", cause,
	    "the caller already hung up (abandoned)") :
	    c->answered_at ? refuse(db, id, by, "answer", cause,
	    "already answered") :
	    at < c->offered_at ? refuse(db, id, by, "answer", cause,
	    "answered before it was offered") : 0;
	call_free(c);
	if (rc < 0)
		return rc;
	if ((rc = agent_get(db, agent, &a, cause)) <= 0) {
		agent_free(a);
		return rc < 0 ? (db_rollback(db), rc) : refuse(db, id, by,
		    "answer", cause, "unknown agent");
	}
	agent_free(a);
	if ((rc = event(db, "UPDATE calls SET answered_at = ?, agent = ?"
	    " WHERE id = ?", id, at, agent, by, "answer", cause)) < 0)
		return rc;
	if ((rc = agent_state(db, agent, "on_call", id, at)) < 0 ||
	    (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "answer", cause);
	return 0;
}

int
call_end(struct db *db, int64_t id, int64_t at, const char *by,
    char **cause)
{
	struct call *c;
	char *agent;
	int rc;

	if (load(db, id, by, "end", &c, cause) < 0)
		return -1;
	rc = c->abandoned_at ? refuse(db, id, by, "end", cause,
	    "it was abandoned") :
	    !c->answered_at ? refuse(db, id, by, "end", cause, "never answered"
	    " (a caller who hangs up while waiting: kefu call abandon)") :
	    c->ended_at ? refuse(db, id, by, "end", cause, "already ended") :
	    at < c->answered_at ? refuse(db, id, by, "end", cause,
	    "ended before it was answered") : 0;
	agent = c->agent != NULL ? xstrdup(c->agent) : NULL;
	call_free(c);
	if (rc < 0) {
		free(agent);
		return rc;
	}
	rc = event(db, "UPDATE calls SET ended_at = ? WHERE id = ?", id, at,
	    NULL, by, "end", cause);
	if (rc == 0 && agent != NULL &&
	    (rc = agent_state(db, agent, "wrap_up", id, at)) < 0)
		rc = db_fail(db, rc, "end", cause);
	free(agent);
	if (rc < 0)
		return rc;
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "end", cause);
	return 0;
}

int
call_abandon(struct db *db, int64_t id, int64_t at, const char *by,
    char **cause)
{
	struct call *c;
	int rc;

	if (load(db, id, by, "abandon", &c, cause) < 0)
		return -1;
	rc = c->answered_at ? refuse(db, id, by, "abandon", cause,
	    "already answered (use kefu call end)") :
	    c->abandoned_at ? refuse(db, id, by, "abandon", cause,
	    "already abandoned") :
	    at < c->offered_at ? refuse(db, id, by, "abandon", cause,
	    "abandoned before it was offered") : 0;
	call_free(c);
	if (rc < 0)
		return rc;
	if ((rc = event(db, "UPDATE calls SET abandoned_at = ? WHERE id = ?",
	    id, at, NULL, by, "abandon", cause)) < 0)
		return rc;
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "abandon", cause);
	return 0;
}

int
call_wrapup_done(struct db *db, const char *agent, int64_t at, char **cause)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "wrap-up", cause);
	/* Never before the call ended: AHT cannot go down by a late event. */
	st = db_prepare(db, "UPDATE calls SET wrapup_until = ? WHERE id ="
	    " (SELECT current_call FROM agents WHERE login = ?"
	    " AND state = 'wrap_up') AND wrapup_until IS NULL"
	    " AND ended_at IS NOT NULL AND ended_at <= ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "wrap-up", cause);
	db_bind_int(st, 1, at);
	db_bind_text(st, 2, agent);
	db_bind_int(st, 3, at);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "wrap-up", cause);
	st = db_prepare(db, "UPDATE agents SET state = 'available',"
	    " state_since = ?, current_call = NULL WHERE login = ?"
	    " AND state = 'wrap_up'");
	if (st == NULL)
		return db_fail(db, DB_ERR, "wrap-up", cause);
	db_bind_int(st, 1, at);
	db_bind_text(st, 2, agent);
	if ((rc = db_step(st)) < 0 || (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "wrap-up", cause);
	return 0;
}
