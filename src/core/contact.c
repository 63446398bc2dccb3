/*
 * contact.c — the contact history (see contact.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/audit.h"
#include "kefu/contact.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

const char *const contact_channels[] = {
	"phone", "visit", "email", "chat", "sms", NULL
};

/* What became of the contact; "resolved" needs the Confirm step. */
const char *const contact_dispositions[] = {
	"resolved", "callback", "escalated", "complaint", "sale", "info",
	"no_answer", "wrong_number", "unresolved", NULL
};

/* Performance against expectation: 惊喜 / 满意 / 失望. */
const char *const contact_outcomes[] = {
	"delighted", "satisfied", "disappointed", NULL
};

#define NOTES_MAX (64 * 1024)

int
contact_word(const char *const *table, const char *word)
{
	for (int i = 0; word != NULL && table[i] != NULL; i++)
		if (strcmp(table[i], word) == 0)
			return i;
	return -1;
}

struct contact *
contact_new(void)
{
	struct contact *c = xcalloc(1, sizeof *c);

	c->channel = xstrdup("phone");
	c->direction = xstrdup("in");
	c->disposition = xstrdup("resolved");
	return c;
}

void
contact_free(struct contact *c)
{
	if (c == NULL)
		return;
	free(c->agent);
	free(c->channel);
	free(c->direction);
	free(c->reason);
	free(c->notes);
	free(c->disposition);
	free(c->outcome);
	free(c->playbook);
	free(c->playbook_run);
	free(c);
}

void
contact_list_free(struct contact **v, int n)
{
	for (int i = 0; i < n; i++)
		contact_free(v[i]);
	free(v);
}

static int
contact_check(const struct contact *c, char **cause)
{
	if (c->agent == NULL || *c->agent == '\0')
		return set_cause(cause, "a contact needs an agent");
	if (contact_word(contact_channels, c->channel) < 0)
		return set_cause(cause, "unknown channel '%s' (phone, visit, "
		    "email, chat, sms)", c->channel ? c->channel : "");
	if (contact_word(contact_dispositions, c->disposition) < 0)
		return set_cause(cause, "unknown disposition '%s' (resolved, "
		    "callback, escalated, complaint, sale, info, no_answer, "
		    "wrong_number, unresolved)", c->disposition ?
		    c->disposition : "");
	if (c->outcome != NULL && contact_word(contact_outcomes,
	    c->outcome) < 0)
		return set_cause(cause, "unknown outcome '%s' (delighted, "
		    "satisfied, disappointed)", c->outcome);
	if (c->direction == NULL || (strcmp(c->direction, "in") != 0 &&
	    strcmp(c->direction, "out") != 0))
		return set_cause(cause, "direction must be 'in' or 'out'");
	if (c->notes != NULL && !utf8_valid(c->notes, strlen(c->notes)))
		return set_cause(cause, "notes are not valid UTF-8");
	if (c->reason != NULL && !utf8_valid(c->reason, strlen(c->reason)))
		return set_cause(cause, "reason is not valid UTF-8");
	if (c->playbook_run != NULL && !utf8_valid(c->playbook_run,
	    strlen(c->playbook_run)))
		return set_cause(cause, "playbook run is not valid UTF-8");
	if (c->notes != NULL && strlen(c->notes) > NOTES_MAX)
		return set_cause(cause, "notes are too long (over %d bytes)",
		    NOTES_MAX);
	if (c->level < 0 || c->level > 4)
		return set_cause(cause, "service level must be 1-4");
	if (c->purchase < 0)
		return set_cause(cause, "purchase cannot be negative");
	return 0;
}

int
contact_log(struct db *db, struct contact *c, char **cause)
{
	struct db_stmt *st;
	int64_t now = when_now(), predicted;
	int rc;

	if (contact_check(c, cause) != 0)
		return -1;
	if (c->started_at == 0)
		c->started_at = now;
	if (c->ended_at == 0)
		c->ended_at = c->started_at < now - 86400 ? c->started_at :
		    now > c->started_at ? now : c->started_at;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "logging contact", cause);
	st = db_prepare(db, "INSERT INTO contacts (customer_id, agent, channel,"
	    " direction, started_at, ended_at, reason, notes, disposition,"
	    " outcome, level, purchase, call_id, playbook_id, playbook_run)"
	    " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM customers"
	    " WHERE id = ? RETURNING id");
	if (st == NULL)
		return db_fail(db, DB_ERR, "logging contact", cause);
	db_bind_text(st, 1, c->agent);
	db_bind_text(st, 2, c->channel);
	db_bind_text(st, 3, c->direction);
	db_bind_int(st, 4, c->started_at);
	db_bind_int(st, 5, c->ended_at);
	db_bind_text(st, 6, c->reason ? c->reason : "");
	db_bind_text(st, 7, c->notes ? c->notes : "");
	db_bind_text(st, 8, c->disposition);
	db_bind_text(st, 9, c->outcome);
	db_bind_int(st, 10, c->level);
	db_bind_int(st, 11, c->purchase);
	if (c->call_id > 0)
		db_bind_int(st, 12, c->call_id);
	else
		db_bind_null(st, 12);
	if (c->playbook_id > 0)
		db_bind_int(st, 13, c->playbook_id);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, c->playbook_run);
	db_bind_int(st, 15, c->customer_id);
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_DONE) {
			db_rollback(db);
			return set_cause(cause, "customer %lld not found",
			    (long long)c->customer_id);
		}
		return db_fail(db, rc, "logging contact", cause);
	}
	c->id = db_col_int(st, 0);
	db_reset(st);
	if (c->purchase > 0 && (rc = followup_predict(db, c->customer_id,
	    c->started_at, c->lead_days > 0 ? c->lead_days : 3, c->agent,
	    &predicted, cause)) < 0) {
		db_rollback(db);
		return rc;
	}
	if ((rc = audit_log(db, c->agent, "contacts", c->id, "log",
	    c->disposition)) < 0 || (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "logging contact", cause);
	return 0;
}

static char *
col_dup(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? xstrdup(s) : NULL;
}

int
contact_list(struct db *db, int64_t customer_id, int limit,
    struct contact ***out, char **cause)
{
	struct db_stmt *st;
	struct contact **v = NULL, *c;
	int n = 0, rc;

	*out = NULL;
	st = db_prepare(db, "SELECT k.id, k.agent, k.channel, k.direction,"
	    " k.started_at, k.ended_at, k.reason, k.notes, k.disposition,"
	    " k.outcome, k.level, k.purchase, p.name || '@' || p.version,"
	    " k.call_id FROM contacts k LEFT JOIN playbooks p"
	    " ON p.id = k.playbook_id WHERE k.customer_id = ?"
	    " ORDER BY k.started_at DESC, k.id DESC LIMIT ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading history", cause);
	db_bind_int(st, 1, customer_id);
	db_bind_int(st, 2, limit);
	while ((rc = db_step(st)) == DB_ROW) {
		c = xcalloc(1, sizeof *c);
		c->id = db_col_int(st, 0);
		c->customer_id = customer_id;
		c->agent = col_dup(st, 1);
		c->channel = col_dup(st, 2);
		c->direction = col_dup(st, 3);
		c->started_at = db_col_int(st, 4);
		c->ended_at = db_col_int(st, 5);
		c->reason = col_dup(st, 6);
		c->notes = col_dup(st, 7);
		c->disposition = col_dup(st, 8);
		c->outcome = col_dup(st, 9);
		c->level = (int)db_col_int(st, 10);
		c->purchase = db_col_int(st, 11);
		c->playbook = col_dup(st, 12);
		c->call_id = db_col_int(st, 13);
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = c;
	}
	if (rc < 0) {
		contact_list_free(v, n);
		return db_cause(db, rc, "reading history", cause);
	}
	*out = v;
	return n;
}
