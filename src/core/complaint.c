/*
 * complaint.c — complaints (see complaint.h).
 *
 * Every write runs in one transaction (a savepoint when the caller has one
 * open) together with its audit row. Rows are never deleted; "open" in the
 * queries means not yet resolved, which includes escalated.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/complaint.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

const char *const complaint_categories[] = {
	"product", "service", "billing", "delivery", "attitude", "other", NULL
};

const char *const complaint_states[] = {
	"open", "escalated", "resolved", NULL
};

/* Longest summary or resolution we accept. */
#define COMPLAINT_TEXT_MAX 4000

/* Index of WORD in the NULL-terminated TABLE, or -1. */
static int
complaint_word(const char *const *table, const char *word)
{
	for (int i = 0; word != NULL && table[i] != NULL; i++)
		if (strcmp(table[i], word) == 0)
			return i;
	return -1;
}

int
complaint_category_valid(const char *category)
{
	return complaint_word(complaint_categories, category) >= 0;
}

struct complaint *
complaint_new(void)
{
	struct complaint *c = xcalloc(1, sizeof *c);

	c->category = xstrdup("other");
	c->state = xstrdup("open");
	c->summary = xstrdup("");
	return c;
}

void
complaint_free(struct complaint *c)
{
	if (c == NULL)
		return;
	free(c->customer_name);
	free(c->owner);
	free(c->category);
	free(c->summary);
	free(c->state);
	free(c->resolution);
	free(c);
}

void
complaint_list_free(struct complaint **v, int n)
{
	for (int i = 0; i < n; i++)
		complaint_free(v[i]);
	free(v);
}

/* Check a summary or resolution text; WHAT names it in the message. */
static int
complaint_text_check(const char *s, const char *what, int required,
    char **cause)
{
	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0')
		return required ? set_cause(cause, "a %s is required",
		    what) : 0;
	if (!utf8_valid(s, strlen(s)))
		return set_cause(cause, "%s is not valid UTF-8", what);
	if (strlen(s) > COMPLAINT_TEXT_MAX)
		return set_cause(cause, "%s is too long (over %d bytes)", what,
		    COMPLAINT_TEXT_MAX);
	return 0;
}

/* Check the fields of C that do not need the database. */
static int
complaint_check(const struct complaint *c, char **cause)
{
	const char *state = c->state != NULL ? c->state : "open";

	if (c->owner == NULL || *c->owner == '\0')
		return set_cause(cause, "a complaint needs an owner");
	if (!complaint_category_valid(c->category))
		return set_cause(cause, "unknown category '%s' (product,"
		    " service, billing, delivery, attitude, other)",
		    c->category != NULL ? c->category : "");
	if (complaint_word(complaint_states, state) < 0)
		return set_cause(cause, "unknown state '%s' (open, escalated,"
		    " resolved)", state);
	if (complaint_text_check(c->summary, "summary", 0, cause) != 0)
		return -1;
	if (strcmp(state, "resolved") == 0 &&
	    complaint_text_check(c->resolution, "resolution", 1, cause) != 0)
		return -1;
	if (c->contact_id < 0)
		return set_cause(cause, "invalid contact id");
	return 0;
}

/* Check OWNER is "pool" or a registered agent: 0, 1 if it is not, or a
 * negative db_error (without rolling back: the caller does). */
static int
complaint_owner_check(struct db *db, const char *owner)
{
	struct db_stmt *st;
	int rc;

	if (strcmp(owner, FOLLOWUP_POOL) == 0)
		return 0;
	st = db_prepare(db, "SELECT 1 FROM agents WHERE login = ?");
	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, owner);
	if ((rc = db_step(st)) == DB_ROW) {
		db_reset(st);
		return 0;
	}
	return rc < 0 ? rc : 1;
}

/* Check CONTACT_ID is a contact of CUSTOMER_ID (inside the transaction). */
static int
complaint_contact_check(struct db *db, int64_t contact_id,
    int64_t customer_id, char **cause)
{
	struct db_stmt *st;
	int64_t owner;
	int rc;

	st = db_prepare(db, "SELECT customer_id FROM contacts WHERE id = ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "opening complaint", cause);
	db_bind_int(st, 1, contact_id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc < 0)
			return db_fail(db, rc, "opening complaint", cause);
		db_rollback(db);
		return set_cause(cause, "contact %lld not found",
		    (long long)contact_id);
	}
	owner = db_col_int(st, 0);
	db_reset(st);
	if (owner != customer_id) {
		db_rollback(db);
		return set_cause(cause, "contact %lld is not a contact of "
		    "customer %lld", (long long)contact_id,
		    (long long)customer_id);
	}
	return 0;
}

int
complaint_insert(struct db *db, struct complaint *c, const char *by,
    char **cause)
{
	struct db_stmt *st;
	int64_t now = when_now(), opened, deadline, resolved_at = 0;
	int resolved, rc;

	if (complaint_check(c, cause) != 0)
		return -1;
	resolved = c->state != NULL && strcmp(c->state, "resolved") == 0;
	opened = c->opened_at != 0 ? c->opened_at : now;
	deadline = c->deadline != 0 ? c->deadline : opened + COMPLAINT_DEADLINE;
	if (deadline < opened)
		return set_cause(cause, "the deadline is before the complaint "
		    "was opened");
	if (resolved) {
		resolved_at = c->resolved_at != 0 ? c->resolved_at : now;
		if (resolved_at < opened)
			return set_cause(cause, "a complaint cannot be "
			    "resolved before it was opened");
	}
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "opening complaint", cause);
	if ((rc = complaint_owner_check(db, c->owner)) != 0) {
		if (rc < 0)
			return db_fail(db, rc, "opening complaint", cause);
		db_rollback(db);
		return set_cause(cause, "unknown agent '%s'", c->owner);
	}
	if (c->contact_id > 0 && (rc = complaint_contact_check(db,
	    c->contact_id, c->customer_id, cause)) < 0)
		return rc;
	st = db_prepare(db, "INSERT INTO complaints (customer_id, contact_id,"
	    " owner, category, summary, opened_at, deadline, state,"
	    " resolved_at, resolution)"
	    " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM customers WHERE id = ?"
	    " RETURNING id");
	if (st == NULL)
		return db_fail(db, DB_ERR, "opening complaint", cause);
	if (c->contact_id > 0)
		db_bind_int(st, 1, c->contact_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, c->owner);
	db_bind_text(st, 3, c->category);
	db_bind_text(st, 4, c->summary != NULL ? c->summary : "");
	db_bind_int(st, 5, opened);
	db_bind_int(st, 6, deadline);
	db_bind_text(st, 7, c->state != NULL ? c->state : "open");
	if (resolved) {
		db_bind_int(st, 8, resolved_at);
		db_bind_text(st, 9, c->resolution);
	} else {
		db_bind_null(st, 8);
		db_bind_null(st, 9);
	}
	db_bind_int(st, 10, c->customer_id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_DONE) {
			db_rollback(db);
			return set_cause(cause, "customer %lld not found",
			    (long long)c->customer_id);
		}
		return db_fail(db, rc, "opening complaint", cause);
	}
	c->id = db_col_int(st, 0);
	db_reset(st);
	if ((rc = audit_log(db, by, "complaints", c->id, "open",
	    c->category)) < 0 || (resolved && (rc = audit_log(db, by,
	    "complaints", c->id, "resolve", c->resolution)) < 0))
		return db_fail(db, rc, "opening complaint", cause);
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "opening complaint", cause);
	c->opened_at = opened;
	c->deadline = deadline;
	c->resolved_at = resolved_at;
	return 0;
}

int
complaint_open(struct db *db, int64_t customer_id, int64_t contact_id,
    const char *owner, const char *category, const char *summary,
    int64_t deadline, const char *by, int64_t *id, char **cause)
{
	struct complaint c;
	int rc;

	*id = 0;
	memset(&c, 0, sizeof c);
	c.customer_id = customer_id;
	c.contact_id = contact_id;
	c.owner = (char *)owner;
	c.category = (char *)(category != NULL ? category : "other");
	c.summary = (char *)summary;
	c.deadline = deadline;
	c.state = (char *)"open";
	if (deadline != 0 && deadline < when_now())
		return set_cause(cause, "the deadline is in the past");
	if ((rc = complaint_insert(db, &c, by, cause)) < 0)
		return rc;
	*id = c.id;
	return 0;
}

int
complaint_resolve(struct db *db, int64_t id, const char *resolution,
    const char *by, char **cause)
{
	struct db_stmt *st;
	int rc;

	if (complaint_text_check(resolution, "resolution", 1, cause) != 0)
		return -1;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "resolving complaint", cause);
	st = db_prepare(db, "UPDATE complaints SET state = 'resolved',"
	    " resolved_at = ?, resolution = ? WHERE id = ?"
	    " AND state <> 'resolved'");
	if (st == NULL)
		return db_fail(db, DB_ERR, "resolving complaint", cause);
	db_bind_int(st, 1, when_now());
	db_bind_text(st, 2, resolution);
	db_bind_int(st, 3, id);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "resolving complaint", cause);
	if (db_changes(db) != 1) {
		st = db_prepare(db, "SELECT 1 FROM complaints WHERE id = ?");
		if (st == NULL)
			return db_fail(db, DB_ERR, "resolving complaint",
			    cause);
		db_bind_int(st, 1, id);
		if ((rc = db_step(st)) < 0)
			return db_fail(db, rc, "resolving complaint", cause);
		db_reset(st);
		db_rollback(db);
		if (rc == DB_ROW)
			return set_cause(cause, "complaint %lld is already "
			    "resolved", (long long)id);
		return set_cause(cause, "complaint %lld not found",
		    (long long)id);
	}
	if ((rc = audit_log(db, by, "complaints", id, "resolve",
	    resolution)) < 0 || (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "resolving complaint", cause);
	return 0;
}

#define COMPLAINT_SELECT "SELECT k.id, k.customer_id, c.name, k.contact_id," \
	" k.owner, k.category, k.summary, k.opened_at, k.deadline, k.state," \
	" k.resolved_at, k.resolution" \
	" FROM complaints k JOIN customers c ON c.id = k.customer_id"

/* Duplicate text column I, or NULL for SQL NULL. */
static char *
complaint_col_dup(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? xstrdup(s) : NULL;
}

/* A complaint from the current row of a COMPLAINT_SELECT statement. */
static struct complaint *
complaint_from_row(struct db_stmt *st)
{
	struct complaint *c = xcalloc(1, sizeof *c);

	c->id = db_col_int(st, 0);
	c->customer_id = db_col_int(st, 1);
	c->customer_name = complaint_col_dup(st, 2);
	c->contact_id = db_col_int(st, 3);
	c->owner = complaint_col_dup(st, 4);
	c->category = complaint_col_dup(st, 5);
	c->summary = complaint_col_dup(st, 6);
	c->opened_at = db_col_int(st, 7);
	c->deadline = db_col_int(st, 8);
	c->state = complaint_col_dup(st, 9);
	c->resolved_at = db_col_int(st, 10);
	c->resolution = complaint_col_dup(st, 11);
	return c;
}

int
complaint_get(struct db *db, int64_t id, struct complaint **out,
    char **cause)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	st = db_prepare(db, COMPLAINT_SELECT " WHERE k.id = ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading complaint", cause);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? db_cause(db, rc, "reading complaint", cause) : 0;
	*out = complaint_from_row(st);
	db_reset(st);
	return 1;
}

int
complaint_count_open(struct db *db, int64_t customer_id)
{
	struct db_stmt *st;
	int rc;

	/* Two statements so each uses its index. */
	if (customer_id != 0) {
		st = db_prepare(db, "SELECT count(*) FROM complaints"
		    " WHERE customer_id = ? AND state <> 'resolved'");
		if (st != NULL)
			db_bind_int(st, 1, customer_id);
	} else
		st = db_prepare(db, "SELECT count(*) FROM complaints"
		    " WHERE state <> 'resolved'");
	if (st == NULL)
		return DB_ERR;
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	rc = (int)db_col_int(st, 0);
	db_reset(st);
	return rc;
}

int
complaint_list_open(struct db *db, int64_t customer_id, int limit,
    struct complaint ***out, char **cause)
{
	struct db_stmt *st;
	struct complaint **v = NULL;
	int n = 0, rc;

	*out = NULL;
	/* Two statements so each uses its index. */
	if (customer_id != 0) {
		st = db_prepare(db, COMPLAINT_SELECT " WHERE k.customer_id = ?"
		    " AND k.state <> 'resolved' ORDER BY k.deadline, k.id"
		    " LIMIT ?");
		if (st != NULL) {
			db_bind_int(st, 1, customer_id);
			db_bind_int(st, 2, limit > 0 ? limit : INT32_MAX);
		}
	} else {
		st = db_prepare(db, COMPLAINT_SELECT
		    " WHERE k.state <> 'resolved' ORDER BY k.deadline, k.id"
		    " LIMIT ?");
		if (st != NULL)
			db_bind_int(st, 1, limit > 0 ? limit : INT32_MAX);
	}
	if (st == NULL)
		return db_cause(db, DB_ERR, "listing complaints", cause);
	while ((rc = db_step(st)) == DB_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = complaint_from_row(st);
	}
	if (rc < 0) {
		complaint_list_free(v, n);
		return db_cause(db, rc, "listing complaints", cause);
	}
	*out = v;
	return n;
}

int
complaint_assign(struct db *db, int64_t id, const char *to, const char *by,
    char **cause)
{
	struct complaint *c = NULL;
	struct agent *a = NULL;
	struct db_stmt *st;
	int rc, super;

	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "assigning complaint", cause);
	if ((rc = complaint_get(db, id, &c, cause)) <= 0) {
		db_rollback(db);
		return rc < 0 ? rc : set_cause(cause, "complaint %lld not found",
		    (long long)id);
	}
	rc = 0;
	if (strcmp(c->state, "resolved") == 0)
		rc = set_cause(cause, "complaint %lld is already resolved",
		    (long long)id);
	else if (strcmp(to, "pool") != 0 && (agent_get(db, to, &a, NULL) <= 0))
		rc = set_cause(cause, "unknown agent '%s'", to);
	agent_free(a);
	a = NULL;
	super = agent_get(db, by, &a, NULL) > 0 &&
	    a->role == AGENT_ROLE_SUPERVISOR;
	agent_free(a);
	/* Taking one from the pool is anyone's; handing over, the owner's. */
	if (rc == 0 && !super && strcmp(c->owner, by) != 0 &&
	    !(strcmp(c->owner, "pool") == 0 && strcmp(to, by) == 0))
		rc = set_cause(cause, "complaint %lld belongs to %s: only they "
		    "or a supervisor may hand it over", (long long)id, c->owner);
	complaint_free(c);
	if (rc < 0) {
		db_rollback(db);
		return rc;
	}
	st = db_prepare(db, "UPDATE complaints SET owner = ? WHERE id = ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "assigning complaint", cause);
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, id);
	if ((rc = db_step(st)) < 0 ||
	    (rc = audit_log(db, by, "complaints", id, "assign", to)) < 0 ||
	    (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "assigning complaint", cause);
	return 0;
}
