/*
 * followup.c — proactive follow-ups (see followup.h).
 *
 * Rows are never deleted; state changes are audited. An "open" follow-up is
 * pending (not yet shown) or fired (shown, not yet acknowledged).
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

void
followup_free(struct followup *f)
{
	if (f == NULL)
		return;
	free(f->customer_name);
	free(f->owner);
	free(f->reason);
	free(f->state);
	free(f->created_by);
	free(f);
}

void
followup_list_free(struct followup **v, int n)
{
	for (int i = 0; i < n; i++)
		followup_free(v[i]);
	free(v);
}

/* Check OWNER is "pool" or a registered agent. */
static int
owner_check(struct db *db, const char *owner, char **cause)
{
	struct agent *a;
	int rc;

	if (owner == NULL || *owner == '\0')
		return set_cause(cause, "a follow-up needs an owner");
	if (strcmp(owner, FOLLOWUP_POOL) == 0)
		return 0;
	if ((rc = agent_get(db, owner, &a, cause)) < 0)
		return rc;
	agent_free(a);
	if (rc == 0)
		return set_cause(cause, "unknown agent '%s'", owner);
	return 0;
}

/* Insert one follow-up inside the caller's transaction. */
static int
insert(struct db *db, int64_t customer_id, const char *owner, int64_t due_at,
    const char *reason, int every_days, const char *by, int64_t parent,
    int64_t *id)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "INSERT INTO followups (customer_id, owner, due_at,"
	    " reason, every_days, created_by, created_at, parent_id)"
	    " SELECT id, ?, ?, ?, ?, ?, ?, ? FROM customers WHERE id = ?"
	    " RETURNING id");
	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, owner);
	db_bind_int(st, 2, due_at);
	db_bind_text(st, 3, reason != NULL ? reason : "");
	db_bind_int(st, 4, every_days);
	db_bind_text(st, 5, by);
	db_bind_int(st, 6, when_now());
	if (parent > 0)
		db_bind_int(st, 7, parent);
	else
		db_bind_null(st, 7);
	db_bind_int(st, 8, customer_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? 0 : rc;
	*id = db_col_int(st, 0);
	db_reset(st);
	return audit_log(db, by, "followups", *id, "add", owner);
}

int
followup_add(struct db *db, int64_t customer_id, const char *owner,
    int64_t due_at, const char *reason, int every_days, const char *by,
    int allow_past, int64_t *id, char **cause)
{
	int64_t now = when_now();
	int rc;

	*id = 0;
	if (due_at < 0 || due_at > FOLLOWUP_LATEST)
		return set_cause(cause, "due time out of range (1970-9999)");
	if (!allow_past && due_at < now - 59) {
		char buf[32];
		return set_cause(cause, "due time %s is in the past",
		    when_format(due_at, buf, sizeof buf));
	}
	if (every_days < 0 || every_days > 3650)
		return set_cause(cause, "--every must be 0-3650 days");
	if (reason != NULL && (!utf8_valid(reason, strlen(reason)) ||
	    strlen(reason) > 1000))
		return set_cause(cause, "reason must be valid UTF-8 and at most "
		    "1000 bytes");
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "adding follow-up", cause);
	if ((rc = owner_check(db, owner, cause)) < 0) {
		db_rollback(db);
		return rc;
	}
	rc = insert(db, customer_id, owner, due_at, reason, every_days, by, 0,
	    id);
	if (rc < 0)
		return db_fail(db, rc, "adding follow-up", cause);
	if (*id == 0) {
		db_rollback(db);
		return set_cause(cause, "customer %lld not found",
		    (long long)customer_id);
	}
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "adding follow-up", cause);
	return 0;
}

#define FOLLOWUP_SELECT "SELECT f.id, f.customer_id, c.name, f.owner," \
	" f.due_at, f.reason, f.every_days, f.state, f.created_at," \
	" f.fired_at, f.done_at, f.created_by" \
	" FROM followups f JOIN customers c ON c.id = f.customer_id"

static struct followup *
from_row(struct db_stmt *st)
{
	struct followup *f = xcalloc(1, sizeof *f);

	f->id = db_col_int(st, 0);
	f->customer_id = db_col_int(st, 1);
	f->customer_name = xstrdup(db_col_text(st, 2));
	f->owner = xstrdup(db_col_text(st, 3));
	f->due_at = db_col_int(st, 4);
	f->reason = xstrdup(db_col_text(st, 5));
	f->every_days = (int)db_col_int(st, 6);
	f->state = xstrdup(db_col_text(st, 7));
	f->created_at = db_col_int(st, 8);
	f->fired_at = db_col_int(st, 9);
	f->done_at = db_col_int(st, 10);
	f->created_by = xstrdup(db_col_text(st, 11));
	return f;
}

int
followup_get(struct db *db, int64_t id, struct followup **out, char **cause)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	st = db_prepare(db, FOLLOWUP_SELECT " WHERE f.id = ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading follow-up", cause);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? db_cause(db, rc, "reading follow-up", cause) : 0;
	*out = from_row(st);
	db_reset(st);
	return 1;
}

int
followup_list(struct db *db, enum followup_filter filter, const char *owner,
    int64_t now, int limit, struct followup ***out, char **cause)
{
	struct db_stmt *st;
	struct followup **v = NULL;
	int64_t before;
	int n = 0, rc, i;

	*out = NULL;
	switch (filter) {
	case FOLLOWUP_DUE:
		before = now;
		break;
	case FOLLOWUP_OVERDUE:
		before = now - FOLLOWUP_GRACE - 1;
		break;
	default:
		before = INT64_MAX;
		break;
	}
	/* Two statements so each uses its partial index. */
	if (owner != NULL)
		st = db_prepare(db, FOLLOWUP_SELECT " WHERE f.owner = ?"
		    " AND f.state IN ('pending', 'fired') AND f.due_at <= ?"
		    " ORDER BY f.due_at, f.id LIMIT ?");
	else
		st = db_prepare(db, FOLLOWUP_SELECT " WHERE"
		    " f.state IN ('pending', 'fired') AND f.due_at <= ?"
		    " ORDER BY f.due_at, f.id LIMIT ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "listing follow-ups", cause);
	i = 1;
	if (owner != NULL)
		db_bind_text(st, i++, owner);
	db_bind_int(st, i++, before);
	db_bind_int(st, i, limit > 0 ? limit : INT32_MAX);
	while ((rc = db_step(st)) == DB_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = from_row(st);
	}
	if (rc < 0) {
		followup_list_free(v, n);
		return db_cause(db, rc, "listing follow-ups", cause);
	}
	*out = v;
	return n;
}

/* The next of a recurring follow-up warns as the last one did. */
static int
copy_warnings(struct db *db, int64_t from, int64_t to)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO followup_warnings"
	    " (followup_id, before_secs, owner, warn_at) SELECT f.id,"
	    " w.before_secs, f.owner, f.due_at - w.before_secs FROM"
	    " followup_warnings w, followups f WHERE w.followup_id = ?"
	    " AND f.id = ? ON CONFLICT DO NOTHING");

	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	return db_step(st);
}

int
followup_done(struct db *db, int64_t id, const char *by, int64_t *next,
    char **cause)
{
	struct followup *f;
	struct db_stmt *st;
	int64_t now = when_now(), due;
	int rc;

	*next = 0;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "completing follow-up", cause);
	/* Yours, a pool one you claim now, or anyone's as a supervisor. */
	if (followup_take(db, id, by, &f, cause) < 0)
		return -1;
	st = db_prepare(db, "UPDATE followups SET state = 'done', done_at = ?,"
	    " done_by = ?, acknowledged_at = coalesce(acknowledged_at, ?)"
	    " WHERE id = ? AND state IN ('pending', 'fired')");
	if (st == NULL) {
		followup_free(f);
		return db_fail(db, DB_ERR, "completing follow-up", cause);
	}
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, by);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, id);
	if ((rc = db_step(st)) < 0 ||
	    (rc = audit_log(db, by, "followups", id, "done", NULL)) < 0) {
		followup_free(f);
		return db_fail(db, rc, "completing follow-up", cause);
	}
	if (f->every_days > 0) {
		/* The next one counts from the due date, not from today, so a
		 * late call does not drift the customer's care rhythm; but
		 * never in the past. */
		int64_t period = (int64_t)f->every_days * 86400;
		due = f->due_at + period;
		if (due <= now)		/* skip missed periods, no loop */
			due += ((now - due) / period + 1) * period;
		rc = insert(db, f->customer_id, f->owner, due, f->reason,
		    f->every_days, by, id, next);
		if (rc >= 0)
			rc = copy_warnings(db, id, *next);
		if (rc < 0) {
			followup_free(f);
			return db_fail(db, rc, "scheduling next follow-up", cause);
		}
	}
	followup_free(f);
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "completing follow-up", cause);
	return 0;
}

int
followup_next_for(struct db *db, int64_t customer_id, int64_t *due,
    char **cause)
{
	struct db_stmt *st;
	int rc;

	*due = 0;
	st = db_prepare(db, "SELECT min(due_at) FROM followups"
	    " WHERE customer_id = ? AND state IN ('pending', 'fired')");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading follow-ups", cause);
	db_bind_int(st, 1, customer_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? db_cause(db, rc, "reading follow-ups", cause) : 0;
	rc = db_col_null(st, 0) ? 0 : 1;
	*due = db_col_int(st, 0);
	db_reset(st);
	return rc;
}

int
followup_count(struct db *db, enum followup_filter filter, const char *owner,
    int64_t now)
{
	struct db_stmt *st;
	int64_t before = filter == FOLLOWUP_DUE ? now : filter ==
	    FOLLOWUP_OVERDUE ? now - FOLLOWUP_GRACE - 1 : INT64_MAX;
	int rc;

	st = db_prepare(db, "SELECT count(*) FROM followups WHERE owner = ?"
	    " AND state IN ('pending', 'fired') AND due_at <= ?");
	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, owner);
	db_bind_int(st, 2, before);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	rc = (int)db_col_int(st, 0);
	db_reset(st);
	return rc;
}
