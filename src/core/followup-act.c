/*
 * followup-act.c — acknowledging follow-ups (snooze, assign, claim),
 * warnings, urgency and the consumption-cycle prediction (see followup.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

/* Load ID inside a transaction and check it is open; 0 ok (owned *f),
 * -1 with *cause and the transaction rolled back. */
static int
load_open(struct db *db, int64_t id, struct followup **f, char **cause)
{
	int rc;

	if ((rc = followup_get(db, id, f, cause)) <= 0) {
		db_rollback(db);
		return rc < 0 ? rc : set_cause(cause, "follow-up %lld not found",
		    (long long)id);
	}
	if (strcmp((*f)->state, "pending") != 0 &&
	    strcmp((*f)->state, "fired") != 0) {
		rc = set_cause(cause, "follow-up %lld is already %s",
		    (long long)id, (*f)->state);
		followup_free(*f);
		*f = NULL;
		db_rollback(db);
		return rc;
	}
	return 0;
}

/* Take pool follow-up ID for BY if it is still in the pool: 1 claimed,
 * 0 someone else was first. */
static int
claim(struct db *db, int64_t id, const char *by, int64_t now)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "UPDATE followups SET owner = ?, acknowledged_at ="
	    " ? WHERE id = ? AND owner = 'pool'"
	    " AND state IN ('pending', 'fired')");
	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, by);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, id);
	if ((rc = db_step(st)) < 0)
		return rc;
	if (db_changes(db) != 1)
		return 0;
	return audit_log(db, by, "followups", id, "claim", NULL) < 0 ?
	    DB_ERR : 1;
}

int
followup_take(struct db *db, int64_t id, const char *by, struct followup **out,
    char **cause)
{
	struct followup *f;
	struct agent *a = NULL;
	int rc, super;

	*out = NULL;
	if (load_open(db, id, &f, cause) < 0)
		return -1;
	if (strcmp(f->owner, FOLLOWUP_POOL) == 0) {
		if ((rc = claim(db, id, by, when_now())) <= 0) {
			followup_free(f);
			if (rc < 0)
				return db_fail(db, rc, "claiming", cause);
			db_rollback(db);
			return set_cause(cause, "follow-up %lld was already "
			    "taken by another agent", (long long)id);
		}
		free(f->owner);
		f->owner = xstrdup(by);
	} else if (strcmp(f->owner, by) != 0) {
		super = agent_get(db, by, &a, NULL) > 0 &&
		    a->role == AGENT_ROLE_SUPERVISOR;
		agent_free(a);
		if (!super) {
			rc = set_cause(cause, "follow-up %lld belongs to %s",
			    (long long)id, f->owner);
			followup_free(f);
			db_rollback(db);
			return rc;
		}
	}
	*out = f;
	return 0;
}

int
followup_snooze(struct db *db, int64_t id, int64_t until, const char *by,
    char **cause)
{
	struct followup *f;
	struct db_stmt *st;
	int64_t now = when_now();
	char detail[32];
	int rc;

	if (until <= now)
		return set_cause(cause, "snooze until a time in the future");
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "snoozing", cause);
	if (followup_take(db, id, by, &f, cause) < 0)
		return -1;
	followup_free(f);
	st = db_prepare(db, "UPDATE followups SET due_at = ?, state = 'pending',"
	    " snoozes = snoozes + 1, acknowledged_at = ? WHERE id = ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "snoozing", cause);
	db_bind_int(st, 1, until);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, id);
	when_iso(until, detail, sizeof detail);
	if ((rc = db_step(st)) < 0 ||
	    (rc = audit_log(db, by, "followups", id, "snooze", detail)) < 0 ||
	    (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "snoozing", cause);
	return 0;
}

int
followup_assign(struct db *db, int64_t id, const char *to, const char *by,
    char **cause)
{
	struct followup *f;
	struct agent *a = NULL;
	struct db_stmt *st;
	int64_t now = when_now();
	int rc;

	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "assigning", cause);
	if (strcmp(to, FOLLOWUP_POOL) != 0) {
		if ((rc = agent_get(db, to, &a, cause)) <= 0) {
			db_rollback(db);
			return rc < 0 ? rc : set_cause(cause, "unknown agent "
			    "'%s'", to);
		}
		agent_free(a);
	}
	if (load_open(db, id, &f, cause) < 0)
		return -1;
	if (strcmp(f->owner, FOLLOWUP_POOL) == 0 && strcmp(to, by) == 0) {
		/* Taking it from the pool: first come, first served. */
		followup_free(f);
		if ((rc = claim(db, id, by, now)) <= 0) {
			if (rc < 0)
				return db_fail(db, rc, "claiming", cause);
			db_rollback(db);
			return set_cause(cause, "follow-up %lld was already "
			    "taken by another agent", (long long)id);
		}
		if ((rc = db_commit(db)) < 0)
			return db_fail(db, rc, "claiming", cause);
		return 0;
	}
	if (strcmp(f->owner, to) == 0) {
		followup_free(f);
		db_rollback(db);
		return set_cause(cause, "follow-up %lld already belongs to %s",
		    (long long)id, to);
	}
	/* Hand over your own or the pool's; others' only as a supervisor. */
	if (strcmp(f->owner, by) != 0 && strcmp(f->owner, FOLLOWUP_POOL) != 0) {
		rc = agent_get(db, by, &a, cause);
		if (rc <= 0 || a->role != AGENT_ROLE_SUPERVISOR) {
			agent_free(a);
			db_rollback(db);
			rc = strcmp(to, by) == 0 ? set_cause(cause, "follow-up "
			    "%lld was already taken by %s", (long long)id,
			    f->owner) : set_cause(cause, "follow-up %lld belongs "
			    "to %s: only they or a supervisor may reassign it",
			    (long long)id, f->owner);
			followup_free(f);
			return rc;
		}
		agent_free(a);
	}
	followup_free(f);
	/* Pending again, so the new owner's console alerts them. */
	st = db_prepare(db, "UPDATE followups SET owner = ?, state = 'pending',"
	    " acknowledged_at = ? WHERE id = ? AND state IN ('pending', 'fired')");
	if (st == NULL)
		return db_fail(db, DB_ERR, "assigning", cause);
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, id);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "assigning", cause);
	/* Back to someone who was already shown this due time (A → B → A):
	 * it counts as fired for them, so it nags and can move to the pool,
	 * instead of waiting silently as a pending one they will never see. */
	st = db_prepare(db, "UPDATE followups SET state = 'fired', fired_at ="
	    " coalesce(fired_at, ?), acknowledged_at = NULL WHERE id = ? AND"
	    " EXISTS (SELECT 1 FROM reminder_log r WHERE r.followup_id = ?"
	    " AND r.due_at = followups.due_at AND r.before_secs = 0"
	    " AND r.agent = ?)");
	if (st == NULL)
		return db_fail(db, DB_ERR, "assigning", cause);
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, id);
	db_bind_text(st, 4, to);
	if ((rc = db_step(st)) < 0 ||
	    (rc = audit_log(db, by, "followups", id, "assign", to)) < 0 ||
	    (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "assigning", cause);
	return 0;
}

int
followup_warn(struct db *db, int64_t id, int64_t before, char **cause)
{
	struct db_stmt *st;
	int rc;

	if (before <= 0 || before > 365 * 86400)
		return set_cause(cause, "a warning must be 1 s to 365 days "
		    "before the due time");
	st = db_prepare(db, "INSERT INTO followup_warnings (followup_id,"
	    " before_secs, owner, warn_at) SELECT id, ?, CASE WHEN state ="
	    " 'pending' THEN owner END, due_at - ?"
	    " FROM followups WHERE id = ? AND state IN ('pending', 'fired')"
	    " ON CONFLICT DO NOTHING");
	if (st == NULL)
		return db_cause(db, DB_ERR, "adding warning", cause);
	db_bind_int(st, 1, before);
	db_bind_int(st, 2, before);
	db_bind_int(st, 3, id);
	if ((rc = db_step(st)) < 0)
		return db_cause(db, rc, "adding warning", cause);
	return 0;
}

static const char care_builtin[] =
    "vip=30,key=60,normal=180,at_risk=14,new=30";

int
followup_care_days(const char *segment, const char *table)
{
	const char *tables[] = { table, care_builtin };
	size_t n = segment != NULL ? strlen(segment) : 0;

	for (int t = 0; t < 2 && n > 0; t++) {
		const char *p = tables[t];
		while (p != NULL && *p != '\0') {
			while (*p == ' ' || *p == ',')
				p++;
			if (strncmp(p, segment, n) == 0 && p[n] == '=') {
				int d = atoi(p + n + 1);
				if (d > 0 && d <= 3650)
					return d;
			}
			p = strchr(p, ',');
		}
	}
	return 0;
}

void
urgency_defaults(struct urgency_weights *w)
{
	w->due = 12.0;
	w->vip = 5.0;
	w->key = 3.0;
	w->at_risk = 4.0;
	w->value = 2.0;
	w->complaint = 6.0;
}

double
followup_urgency(const struct urgency_weights *w, int64_t due_at,
    int64_t now, const char *segment, int64_t value, int complaints)
{
	double days = (double)(now - due_at) / 86400.0, dueness, u;

	/* 1 when due, up to 2 a week late; fading to 0.2 two weeks ahead. */
	if (days >= 0)
		dueness = 1.0 + (days > 7 ? 1.0 : days / 7.0);
	else
		dueness = days < -14 ? 0.2 : 1.0 + days / 14.0 * 0.8;
	u = w->due * dueness;
	if (segment != NULL && strcmp(segment, "vip") == 0)
		u += w->vip;
	else if (segment != NULL && strcmp(segment, "key") == 0)
		u += w->key;
	else if (segment != NULL && strcmp(segment, "at_risk") == 0)
		u += w->at_risk;
	u += w->value * ((double)value / 10000000.0);
	if (complaints > 0)
		u += w->complaint;
	return round(u * 100.0) / 100.0;
}

void
followup_items_free(struct followup_item *v, int n)
{
	for (int i = 0; i < n; i++) {
		followup_free(v[i].f);
		free(v[i].segment);
	}
	free(v);
}

static int
by_urgency(const void *a, const void *b)
{
	const struct followup_item *x = a, *y = b;

	if (x->urgency != y->urgency)
		return x->urgency < y->urgency ? 1 : -1;
	return x->f->due_at < y->f->due_at ? -1 : x->f->due_at > y->f->due_at;
}

int
followup_urgent(struct db *db, const char *owner, int64_t now,
    int64_t horizon, const struct urgency_weights *w,
    struct followup_item **out, char **cause)
{
	struct followup **v = NULL;
	struct followup_item *items;
	struct customer *c;
	const char *owners[] = { owner, FOLLOWUP_POOL };
	int n = 0, k;

	*out = NULL;
	for (int i = 0; i < 2; i++) {
		struct followup **part;
		int m = followup_list(db, FOLLOWUP_OPEN, owners[i], now +
		    horizon, 500, &part, cause);
		if (m < 0) {
			followup_list_free(v, n);
			return m;
		}
		v = xreallocarray(v, n + m + 1, sizeof *v);
		if (m > 0)
			memcpy(v + n, part, (size_t)m * sizeof *v);
		n += m;
		free(part);
	}
	items = xcalloc(n ? n : 1, sizeof *items);
	for (k = 0; k < n; k++) {
		struct db_stmt *st;

		items[k].f = v[k];
		if (customer_get(db, v[k]->customer_id, &c, NULL) > 0) {
			items[k].segment = xstrdup(c->segment);
			items[k].value = customer_lifetime_value(c, now);
			customer_free(c);
		} else
			items[k].segment = xstrdup("normal");
		st = db_prepare(db, "SELECT count(*) FROM complaints"
		    " WHERE customer_id = ? AND state <> 'resolved'");
		if (st != NULL) {
			db_bind_int(st, 1, v[k]->customer_id);
			if (db_step(st) == DB_ROW)
				items[k].complaints = (int)db_col_int(st, 0);
			db_reset(st);
		}
		items[k].urgency = followup_urgency(w, v[k]->due_at, now,
		    items[k].segment, items[k].value, items[k].complaints);
	}
	free(v);
	if (n > 1)
		qsort(items, (size_t)n, sizeof *items, by_urgency);
	*out = items;
	return n;
}

int
followup_predict(struct db *db, int64_t customer_id, int64_t at,
    int lead_days, const char *by, int64_t *id, char **cause)
{
	struct customer *c;
	struct db_stmt *st;
	int64_t due, now = when_now();
	const char *owner;
	int rc;

	*id = 0;
	if ((rc = customer_get(db, customer_id, &c, cause)) <= 0)
		return rc;
	if (c->cycle_days <= 0) {
		customer_free(c);
		return 0;
	}
	/* A run-out already past (an old purchase imported) is no need. */
	if (at + (int64_t)c->cycle_days * 86400 <= now) {
		customer_free(c);
		return 0;
	}
	due = at + ((int64_t)c->cycle_days - lead_days) * 86400;
	if (due <= now)
		due = now + 3600;
	owner = c->owner != NULL ? c->owner : by;
	/* One prediction at a time: the newest purchase replaces it. */
	st = db_prepare(db, "UPDATE followups SET state = 'cancelled', done_at ="
	    " ?, done_by = ? WHERE customer_id = ? AND reason = ?"
	    " AND state IN ('pending', 'fired')");
	if (st == NULL) {
		customer_free(c);
		return db_cause(db, DB_ERR, "predicting the next need", cause);
	}
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, by);
	db_bind_int(st, 3, customer_id);
	db_bind_text(st, 4, FOLLOWUP_PREDICTED);
	if ((rc = db_step(st)) < 0) {
		customer_free(c);
		return db_cause(db, rc, "predicting the next need", cause);
	}
	rc = followup_add(db, customer_id, owner, due, FOLLOWUP_PREDICTED, 0,
	    by, 1, id, cause);
	customer_free(c);
	return rc;
}

int
followup_next_need(struct db *db, int64_t customer_id, int64_t *at,
    char **cause)
{
	struct db_stmt *st;
	int rc;

	*at = 0;
	st = db_prepare(db, "SELECT max(k.started_at) + c.cycle_days * 86400"
	    " FROM customers c JOIN contacts k ON k.customer_id = c.id"
	    " WHERE c.id = ? AND c.cycle_days > 0 AND k.purchase > 0");
	if (st == NULL)
		return db_cause(db, DB_ERR, "predicting", cause);
	db_bind_int(st, 1, customer_id);
	if ((rc = db_step(st)) != DB_ROW)
		return db_cause(db, rc, "predicting", cause);
	rc = db_col_null(st, 0) ? 0 : 1;
	*at = db_col_int(st, 0);
	db_reset(st);
	return rc;
}
