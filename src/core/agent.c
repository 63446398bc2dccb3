/*
 * agent.c — agents and supervisors (see agent.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/db.h"
#include "kefu/followup.h"
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
