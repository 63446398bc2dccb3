/*
 * agent.c — agents and supervisors (see agent.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

static const char *const role_names[] = { "agent", "supervisor", NULL };

const char *
agent_role_name(enum agent_role r)
{
	return role_names[r == AGENT_ROLE_SUPERVISOR];
}

int
agent_role_parse(const char *s)
{
	for (int i = 0; role_names[i] != NULL; i++)
		if (s != NULL && strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

int
agent_login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	if (n == 0 || n > 64 || strcmp(login, FOLLOWUP_POOL) == 0)
		return 0;
	/* It names files (drafts): no leading '.', so never "..". */
	if (!((*login >= 'a' && *login <= 'z') ||
	    (*login >= 'A' && *login <= 'Z') || (*login >= '0' && *login <= '9')))
		return 0;
	for (const char *p = login; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._@-", *p) != NULL))
			return 0;
	}
	return 1;
}

void
agent_free(struct agent *a)
{
	if (a == NULL)
		return;
	free(a->login);
	free(a->name);
	free(a->state);
	free(a);
}

void
agent_list_free(struct agent **v, int n)
{
	for (int i = 0; i < n; i++)
		agent_free(v[i]);
	free(v);
}

#define AGENT_COLS "login, name, role, state, state_since, heartbeat"

static struct agent *
agent_from_row(struct db_stmt *st)
{
	struct agent *a = xcalloc(1, sizeof *a);

	a->login = xstrdup(db_col_text(st, 0));
	a->name = xstrdup(db_col_text(st, 1));
	a->role = agent_role_parse(db_col_text(st, 2)) == 1 ?
	    AGENT_ROLE_SUPERVISOR : AGENT_ROLE_AGENT;
	a->state = xstrdup(db_col_text(st, 3));
	a->state_since = db_col_int(st, 4);
	a->heartbeat = db_col_int(st, 5);
	return a;
}

int
agent_get(struct db *db, const char *login, struct agent **out, char **cause)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	st = db_prepare(db, "SELECT " AGENT_COLS " FROM agents WHERE login = ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading agent", cause);
	db_bind_text(st, 1, login);
	if ((rc = db_step(st)) == DB_ROW) {
		*out = agent_from_row(st);
		db_reset(st);
		return 1;
	}
	return rc < 0 ? db_cause(db, rc, "reading agent", cause) : 0;
}

int
agent_list(struct db *db, struct agent ***out, char **cause)
{
	struct db_stmt *st;
	struct agent **v = NULL;
	int n = 0, rc;

	*out = NULL;
	st = db_prepare(db, "SELECT " AGENT_COLS " FROM agents ORDER BY login");
	if (st == NULL)
		return db_cause(db, DB_ERR, "listing agents", cause);
	while ((rc = db_step(st)) == DB_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = agent_from_row(st);
	}
	if (rc < 0) {
		agent_list_free(v, n);
		return db_cause(db, rc, "listing agents", cause);
	}
	*out = v;
	return n;
}

int
agent_count(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM agents");
	int rc;

	if (st == NULL)
		return DB_ERR;
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	rc = (int)db_col_int(st, 0);
	db_reset(st);
	return rc;
}

int
agent_add(struct db *db, const char *login, const char *name,
    enum agent_role role, const char *by, int if_missing, char **cause)
{
	struct agent *actor = NULL, *old = NULL;
	struct db_stmt *st;
	int rc, n;

	if (!agent_login_valid(login))
		return set_cause(cause, "invalid login '%s': use 1-64 letters, "
		    "digits, '.', '_', '@' or '-' (and not 'pool')", login);
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "adding agent", cause);
	if ((rc = agent_get(db, login, &old, cause)) != 0) {
		agent_free(old);
		db_rollback(db);
		if (rc < 0)
			return rc;
		if (if_missing)
			return 0;
		return set_cause(cause, "agent '%s' already exists", login);
	}
	if ((n = agent_count(db)) < 0)
		return db_fail(db, n, "adding agent", cause);
	if (n > 0) {
		rc = agent_get(db, by, &actor, cause);
		if (rc <= 0 || actor->role != AGENT_ROLE_SUPERVISOR) {
			agent_free(actor);
			db_rollback(db);
			if (rc < 0)
				return rc;
			return set_cause(cause, "only a supervisor may add "
			    "agents ('%s' is %s)", by, rc == 0 ?
			    "not registered" : "an agent");
		}
		agent_free(actor);
	}
	st = db_prepare(db, "INSERT INTO agents (login, name, role, created_at)"
	    " VALUES (?, ?, ?, ?)");
	if (st == NULL)
		return db_fail(db, DB_ERR, "adding agent", cause);
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, name != NULL ? name : login);
	db_bind_text(st, 3, agent_role_name(role));
	db_bind_int(st, 4, when_now());
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "adding agent", cause);
	if ((rc = audit_log(db, by, "agents", 0, "add", login)) < 0)
		return db_fail(db, rc, "adding agent", cause);
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "adding agent", cause);
	return 1;
}

const char *const agent_states[] = {
	"available", "on_call", "wrap_up", "paused", "offline", NULL
};

int
agent_set_state(struct db *db, const char *login, const char *state,
    const char *reason, const char *by, char **cause)
{
	struct db_stmt *st;
	int64_t now = when_now();
	int rc, ok = 0;

	for (int i = 0; agent_states[i] != NULL; i++)
		ok |= state != NULL && strcmp(state, agent_states[i]) == 0;
	if (!ok)
		return set_cause(cause, "unknown state '%s' (available, on_call, "
		    "wrap_up, paused, offline)", state ? state : "");
	if (strcmp(state, "paused") == 0) {
		ok = 0;
		for (int i = 0; agent_pause_reasons[i] != NULL; i++)
			ok |= reason != NULL &&
			    strcmp(reason, agent_pause_reasons[i]) == 0;
		if (!ok)
			return set_cause(cause, "pausing needs a reason: break, "
			    "lunch, training, meeting, coaching or other");
	} else
		reason = NULL;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "setting state", cause);
	st = db_prepare(db, "UPDATE agents SET state = ?, state_reason = ?,"
	    " state_since = CASE WHEN state = ? AND coalesce(state_reason, '')"
	    " = coalesce(?, '') THEN state_since ELSE ? END, heartbeat = ?"
	    " WHERE login = ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "setting state", cause);
	db_bind_text(st, 1, state);
	db_bind_text(st, 2, reason);
	db_bind_text(st, 3, state);
	db_bind_text(st, 4, reason);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, strcmp(state, "offline") == 0 ? 0 : now);
	db_bind_text(st, 7, login);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "setting state", cause);
	if (db_changes(db) != 1) {
		db_rollback(db);
		return set_cause(cause, "unknown agent '%s'", login);
	}
	if (by != NULL && strcmp(by, login) != 0 && (rc = audit_log(db, by,
	    "agents", 0, "state", state)) < 0)
		return db_fail(db, rc, "setting state", cause);
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "setting state", cause);
	return 0;
}

int
agent_heartbeat(struct db *db, const char *login, int64_t now)
{
	struct db_stmt *st;

	st = db_prepare(db, "UPDATE agents SET heartbeat = ? WHERE login = ?");
	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, login);
	return db_step(st);
}

const char *const agent_pause_reasons[] = {
	"break", "lunch", "training", "meeting", "coaching", "other", NULL
};

int
agent_message(struct db *db, const char *to, const char *from,
    const char *text, char **cause)
{
	struct db_stmt *st;
	int rc;

	if (text == NULL || *text == '\0' || strlen(text) > 500 ||
	    !utf8_valid(text, strlen(text)) || strchr(text, '\n') != NULL)
		return set_cause(cause, "a message is one line of 1-500 bytes "
		    "of UTF-8");
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "sending message", cause);
	st = db_prepare(db, "INSERT INTO agent_messages (to_agent, from_agent,"
	    " text, created_at) SELECT login, ?, ?, ? FROM agents"
	    " WHERE login = ? RETURNING id");
	if (st == NULL)
		return db_fail(db, DB_ERR, "sending message", cause);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, text);
	db_bind_int(st, 3, when_now());
	db_bind_text(st, 4, to);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_DONE) {
			db_rollback(db);
			return set_cause(cause, "unknown agent '%s'", to);
		}
		return db_fail(db, rc, "sending message", cause);
	}
	db_reset(st);
	if ((rc = audit_log(db, from, "agent_messages", 0, "message", to)) < 0 ||
	    (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "sending message", cause);
	return 0;
}

void
agent_msgs_free(struct agent_msg *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].text);
	}
	free(v);
}

int
agent_messages_take(struct db *db, const char *login, struct agent_msg **out,
    char **cause)
{
	struct agent_msg *v = NULL;
	struct db_stmt *st;
	int n = 0, rc;

	*out = NULL;
	/* A cheap read first: most turns there is nothing. */
	st = db_prepare(db, "SELECT count(*) FROM agent_messages"
	    " WHERE to_agent = ? AND shown_at IS NULL");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading messages", cause);
	db_bind_text(st, 1, login);
	if ((rc = db_step(st)) != DB_ROW)
		return db_cause(db, rc, "reading messages", cause);
	rc = (int)db_col_int(st, 0);
	db_reset(st);
	if (rc == 0)
		return 0;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "reading messages", cause);
	st = db_prepare(db, "UPDATE agent_messages SET shown_at = ?"
	    " WHERE to_agent = ? AND shown_at IS NULL"
	    " RETURNING id, from_agent, text, created_at");
	if (st == NULL)
		return db_fail(db, DB_ERR, "reading messages", cause);
	db_bind_int(st, 1, when_now());
	db_bind_text(st, 2, login);
	while ((rc = db_step(st)) == DB_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].id = db_col_int(st, 0);
		v[n].from = xstrdup(db_col_text(st, 1));
		v[n].text = xstrdup(db_col_text(st, 2));
		v[n].at = db_col_int(st, 3);
		n++;
	}
	if (rc < 0 || (rc = db_commit(db)) < 0) {
		agent_msgs_free(v, n);
		return db_fail(db, rc, "reading messages", cause);
	}
	*out = v;
	return n;
}
