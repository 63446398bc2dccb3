/*
 * customer.c — customer profiles and their phones (see customer.h).
 *
 * Every write runs in one BEGIN IMMEDIATE transaction that also rewrites the
 * customer's search rows and appends to the audit, so search never shows a
 * stale profile and a failed write leaves nothing behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kefu/audit.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/phone.h"
#include "kefu/search.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

const char *const customer_segments[] = {
	"vip", "key", "normal", "at_risk", "new", NULL
};

/* Longest free-text field we accept (a profile note, not a document). */
#define TEXT_MAX (64 * 1024)

int
customer_segment_valid(const char *seg)
{
	for (int i = 0; customer_segments[i] != NULL; i++)
		if (seg != NULL && strcmp(seg, customer_segments[i]) == 0)
			return 1;
	return 0;
}

struct customer *
customer_new(void)
{
	struct customer *c = xcalloc(1, sizeof *c);

	c->name = xstrdup("");
	c->segment = xstrdup("normal");
	c->household = xstrdup("");
	c->habits = xstrdup("");
	c->preferences = xstrdup("");
	c->notes = xstrdup("");
	return c;
}

void
customer_free(struct customer *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free(c->segment);
	free(c->household);
	free(c->habits);
	free(c->preferences);
	free(c->notes);
	free(c->owner);
	free(c->first_purchase);
	for (int i = 0; i < c->nphones; i++) {
		free(c->phones[i].e164);
		free(c->phones[i].raw);
	}
	free(c->phones);
	free(c);
}

int
customer_add_phone(struct customer *c, const char *raw, char **cause)
{
	char e164[24];
	const char *why;

	if (phone_normalise(raw, phone_default_cc(), e164, sizeof e164,
	    &why) != 0)
		return set_cause(cause, "invalid phone '%s': %s", raw, why);
	for (int i = 0; i < c->nphones; i++)
		if (strcmp(c->phones[i].e164, e164) == 0)
			return 0;
	c->phones = xreallocarray(c->phones, c->nphones + 1, sizeof *c->phones);
	c->phones[c->nphones].e164 = xstrdup(e164);
	c->phones[c->nphones].raw = xstrdup(raw);
	c->nphones++;
	return 0;
}

/* Check the fields a person typed before they reach the database. */
static int
customer_check(const struct customer *c, char **cause)
{
	const char *fields[] = { c->name, c->household, c->habits,
	    c->preferences, c->notes, c->first_purchase };
	const char *names[] = { "name", "household", "habits", "preferences",
	    "notes", "first purchase" };
	struct tm tm;

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (fields[i] == NULL)
			continue;
		if (!utf8_valid(fields[i], strlen(fields[i])))
			return set_cause(cause, "%s is not valid UTF-8", names[i]);
		if (strlen(fields[i]) > TEXT_MAX)
			return set_cause(cause, "%s is too long (over %d bytes)",
			    names[i], TEXT_MAX);
	}
	if (c->name == NULL || c->name[strspn(c->name, " \t")] == '\0')
		return set_cause(cause, "a customer needs a name");
	if (strlen(c->name) > 200)
		return set_cause(cause, "name is too long (over 200 bytes)");
	if (!customer_segment_valid(c->segment))
		return set_cause(cause, "unknown segment '%s' (one of vip, key, "
		    "normal, at_risk, new)", c->segment);
	if (c->nphones == 0)
		return set_cause(cause, "a customer needs at least one phone");
	if (c->cycle_days < 0 || c->cycle_days > 3650)
		return set_cause(cause, "consumption cycle must be 0-3650 days");
	if (c->annual_spend < 0)
		return set_cause(cause, "annual spend cannot be negative");
	if (c->first_purchase != NULL && *c->first_purchase != '\0') {
		const char *end;

		memset(&tm, 0, sizeof tm);
		end = strptime(c->first_purchase, "%Y-%m-%d", &tm);
		if (end == NULL || *end != '\0')
			return set_cause(cause, "first purchase '%s' is not "
			    "YYYY-MM-DD", c->first_purchase);
	}
	return 0;
}

/* Replace the phones of C->id with C's list. */
static int
write_phones(struct db *db, const struct customer *c)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "DELETE FROM customer_phones WHERE customer_id = ?");
	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, c->id);
	if ((rc = db_step(st)) < 0)
		return rc;
	for (int i = 0; i < c->nphones; i++) {
		st = db_prepare(db, "INSERT INTO customer_phones (customer_id,"
		    " e164, raw) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
		if (st == NULL)
			return DB_ERR;
		db_bind_int(st, 1, c->id);
		db_bind_text(st, 2, c->phones[i].e164);
		db_bind_text(st, 3, c->phones[i].raw);
		if ((rc = db_step(st)) < 0)
			return rc;
	}
	return 0;
}

/* Bind the profile fields to parameters 1..10 in column order. */
static void
bind_fields(struct db_stmt *st, const struct customer *c)
{
	db_bind_text(st, 1, c->name);
	db_bind_text(st, 2, c->segment);
	db_bind_text(st, 3, c->household ? c->household : "");
	db_bind_text(st, 4, c->habits ? c->habits : "");
	db_bind_text(st, 5, c->preferences ? c->preferences : "");
	db_bind_text(st, 6, c->notes ? c->notes : "");
	db_bind_text(st, 7, c->owner != NULL && *c->owner ? c->owner : NULL);
	db_bind_int(st, 8, c->cycle_days);
	db_bind_int(st, 9, c->annual_spend);
	db_bind_text(st, 10, c->first_purchase != NULL && *c->first_purchase ?
	    c->first_purchase : NULL);
}

/* The common tail of insert and update: phones, search rows, audit. */
static int
write_rest(struct db *db, struct customer *c, const char *by,
    const char *action, char **cause)
{
	int rc;

	if ((rc = write_phones(db, c)) < 0 ||
	    (rc = search_index_customer(db, c->id)) < 0 ||
	    (rc = audit_log(db, by, "customers", c->id, action, c->name)) < 0)
		return db_fail(db, rc, "saving customer", cause);
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "saving customer", cause);
	return 0;
}

int
customer_insert(struct db *db, struct customer *c, const char *by,
    char **cause)
{
	struct db_stmt *st;
	int64_t now = when_now();
	int rc;

	if (customer_check(c, cause) != 0)
		return -1;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "saving customer", cause);
	st = db_prepare(db, "INSERT INTO customers (name, segment, household,"
	    " habits, preferences, notes, owner, cycle_days, annual_spend,"
	    " first_purchase, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (st == NULL)
		return db_fail(db, DB_ERR, "saving customer", cause);
	bind_fields(st, c);
	db_bind_int(st, 11, c->created_at ? c->created_at : now);
	db_bind_int(st, 12, now);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_ECONSTRAINT && c->owner != NULL)
			return db_fail(db, rc, "saving customer (is the owner "
			    "a registered agent?)", cause);
		return db_fail(db, rc, "saving customer", cause);
	}
	c->id = db_col_int(st, 0);
	db_reset(st);
	return write_rest(db, c, by, "add", cause);
}

int
customer_update(struct db *db, struct customer *c, const char *by,
    char **cause)
{
	struct db_stmt *st;
	int rc;

	if (customer_check(c, cause) != 0)
		return -1;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "saving customer", cause);
	st = db_prepare(db, "UPDATE customers SET name = ?, segment = ?,"
	    " household = ?, habits = ?, preferences = ?, notes = ?, owner = ?,"
	    " cycle_days = ?, annual_spend = ?, first_purchase = ?,"
	    " updated_at = ? WHERE id = ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "saving customer", cause);
	bind_fields(st, c);
	db_bind_int(st, 11, when_now());
	db_bind_int(st, 12, c->id);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "saving customer", cause);
	if (db_changes(db) != 1) {
		db_rollback(db);
		return set_cause(cause, "customer %lld not found",
		    (long long)c->id);
	}
	return write_rest(db, c, by, "update", cause);
}

static char *
col_dup(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? xstrdup(s) : NULL;
}

int
customer_get(struct db *db, int64_t id, struct customer **out, char **cause)
{
	struct customer *c;
	struct db_stmt *st;
	int rc;

	*out = NULL;
	st = db_prepare(db, "SELECT name, segment, household, habits,"
	    " preferences, notes, owner, cycle_days, annual_spend,"
	    " first_purchase, created_at, updated_at FROM customers WHERE id = ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading customer", cause);
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? db_cause(db, rc, "reading customer", cause) : 0;
	c = xcalloc(1, sizeof *c);
	c->id = id;
	c->name = col_dup(st, 0);
	c->segment = col_dup(st, 1);
	c->household = col_dup(st, 2);
	c->habits = col_dup(st, 3);
	c->preferences = col_dup(st, 4);
	c->notes = col_dup(st, 5);
	c->owner = col_dup(st, 6);
	c->cycle_days = (int)db_col_int(st, 7);
	c->annual_spend = db_col_int(st, 8);
	c->first_purchase = col_dup(st, 9);
	c->created_at = db_col_int(st, 10);
	c->updated_at = db_col_int(st, 11);
	db_reset(st);

	st = db_prepare(db, "SELECT e164, raw FROM customer_phones"
	    " WHERE customer_id = ? ORDER BY id");
	if (st == NULL) {
		customer_free(c);
		return db_cause(db, DB_ERR, "reading phones", cause);
	}
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		c->phones = xreallocarray(c->phones, c->nphones + 1,
		    sizeof *c->phones);
		c->phones[c->nphones].e164 = col_dup(st, 0);
		c->phones[c->nphones].raw = col_dup(st, 1);
		c->nphones++;
	}
	if (rc < 0) {
		customer_free(c);
		return db_cause(db, rc, "reading phones", cause);
	}
	*out = c;
	return 1;
}

int
customer_find_phone(struct db *db, const char *raw, int64_t **ids,
    char **cause)
{
	char e164[24];
	const char *why;
	struct db_stmt *st;
	int64_t *v = NULL;
	int n = 0, rc;

	*ids = NULL;
	if (phone_normalise(raw, phone_default_cc(), e164, sizeof e164,
	    &why) != 0)
		return set_cause(cause, "invalid phone '%s': %s", raw, why);
	st = db_prepare(db, "SELECT p.customer_id FROM customer_phones p"
	    " WHERE p.e164 = ? ORDER BY (SELECT max(started_at) FROM contacts k"
	    " WHERE k.customer_id = p.customer_id) DESC, p.customer_id DESC");
	if (st == NULL)
		return db_cause(db, DB_ERR, "finding phone", cause);
	db_bind_text(st, 1, e164);
	while ((rc = db_step(st)) == DB_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = db_col_int(st, 0);
	}
	if (rc < 0) {
		free(v);
		return db_cause(db, rc, "finding phone", cause);
	}
	*ids = v;
	return n;
}

int
customer_resolve(struct db *db, const char *arg, int64_t *id, char **cause)
{
	struct customer *c;
	int64_t *ids;
	char *end;
	long long v;
	int n;

	*id = 0;
	if (arg == NULL || *arg == '\0')
		return set_cause(cause, "no customer given");
	/* Short all-digit arguments are ids; phones have 5+ digits and are
	 * tried when no such id exists. */
	v = strtoll(arg, &end, 10);
	if (*end == '\0' && v > 0 && arg[0] != '0' && arg[0] != '+') {
		if ((n = customer_get(db, v, &c, cause)) < 0)
			return n;
		customer_free(c);
		if (n == 1) {
			*id = v;
			return 1;
		}
		if (strlen(arg) < 5)
			return 0;
	}
	if (!phone_like(arg, 5))
		return 0;
	if ((n = customer_find_phone(db, arg, &ids, cause)) < 0)
		return n;
	if (n > 0)
		*id = ids[0];
	free(ids);
	return n > 1 ? 2 : n;
}

int64_t
customer_lifetime_value(const struct customer *c, int64_t now)
{
	struct tm tm;
	time_t first;
	double years;

	if (c->annual_spend <= 0 || c->first_purchase == NULL ||
	    *c->first_purchase == '\0')
		return 0;
	memset(&tm, 0, sizeof tm);
	if (strptime(c->first_purchase, "%Y-%m-%d", &tm) == NULL)
		return 0;
	tm.tm_hour = 12;
	first = timegm(&tm);
	years = (double)(now - first) / (365.2425 * 86400.0);
	if (years < 1.0)
		years = 1.0;
	return (int64_t)((double)c->annual_spend * years + 0.5);
}

int64_t
customer_fingerprint(struct db *db, int64_t id)
{
	struct db_stmt *st;
	int64_t fp;

	/* The audit row of the last profile write, not updated_at: two
	 * edits within one second must still differ. */
	st = db_prepare(db, "SELECT coalesce((SELECT max(id) FROM audit"
	    " WHERE tbl = 'customers' AND row_id = ?), 0) * 1000003"
	    " + coalesce((SELECT max(id) FROM contacts WHERE customer_id = ?),"
	    " 0) * 7919"
	    " + (SELECT count(*) + coalesce(sum(due_at), 0) FROM followups"
	    " WHERE customer_id = ? AND state IN ('pending', 'fired')) * 31"
	    " + (SELECT count(*) FROM complaints WHERE customer_id = ?"
	    " AND state <> 'resolved')");
	if (st == NULL)
		return -1;
	for (int i = 1; i <= 4; i++)
		db_bind_int(st, i, id);	/* plain ? placeholders: portable */
	if (db_step(st) != DB_ROW)
		return -1;
	fp = db_col_int(st, 0);
	db_reset(st);
	return fp;
}
