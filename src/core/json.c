/*
 * json.c — domain objects as JSON (see json.h). Field names are part of
 * the command-line contract: add, never rename.
 */
#include <stdio.h>

#include "kefu/agent.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/followup.h"
#include "kefu/json.h"
#include "kefu/search.h"
#include "kefu/when.h"

json_t *
json_time(int64_t t)
{
	char buf[32];

	if (t == 0)
		return json_null();
	return json_string(when_iso(t, buf, sizeof buf));
}

/* A string or null; jansson refuses invalid UTF-8, so such text is null. */
static json_t *
str(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	return j != NULL ? j : json_null();
}

json_t *
json_customer(const struct customer *c, int64_t now)
{
	json_t *phones = json_array();

	for (int i = 0; i < c->nphones; i++)
		json_array_append_new(phones, json_pack("{s:o,s:o}",
		    "e164", str(c->phones[i].e164), "raw", str(c->phones[i].raw)));
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:I,s:o,"
	    "s:I,s:o,s:o}",
	    "id", (json_int_t)c->id,
	    "name", str(c->name),
	    "segment", str(c->segment),
	    "phones", phones,
	    "household", str(c->household),
	    "habits", str(c->habits),
	    "preferences", str(c->preferences),
	    "notes", str(c->notes),
	    "owner", str(c->owner),
	    "cycle_days", c->cycle_days,
	    "annual_spend", (json_int_t)c->annual_spend,
	    "first_purchase", str(c->first_purchase),
	    "lifetime_value", (json_int_t)customer_lifetime_value(c, now),
	    "created_at", json_time(c->created_at),
	    "updated_at", json_time(c->updated_at));
}

json_t *
json_contact(const struct contact *k)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:i,"
	    "s:I,s:o}",
	    "id", (json_int_t)k->id,
	    "customer_id", (json_int_t)k->customer_id,
	    "agent", str(k->agent),
	    "channel", str(k->channel),
	    "direction", str(k->direction),
	    "started_at", json_time(k->started_at),
	    "ended_at", json_time(k->ended_at),
	    "reason", str(k->reason),
	    "notes", str(k->notes),
	    "disposition", str(k->disposition),
	    "outcome", str(k->outcome),
	    "level", k->level,
	    "purchase", (json_int_t)k->purchase,
	    "playbook", str(k->playbook));
}

json_t *
json_followup(const struct followup *f)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:i,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)f->id,
	    "customer_id", (json_int_t)f->customer_id,
	    "customer", str(f->customer_name),
	    "owner", str(f->owner),
	    "due_at", json_time(f->due_at),
	    "reason", str(f->reason),
	    "every_days", f->every_days,
	    "state", str(f->state),
	    "created_at", json_time(f->created_at),
	    "created_by", str(f->created_by),
	    "fired_at", json_time(f->fired_at),
	    "done_at", json_time(f->done_at));
}

json_t *
json_agent(const struct agent *a)
{
	return json_pack("{s:o,s:o,s:s,s:o,s:o,s:o}",
	    "login", str(a->login),
	    "name", str(a->name),
	    "role", agent_role_name(a->role),
	    "state", str(a->state),
	    "state_since", json_time(a->state_since),
	    "heartbeat", json_time(a->heartbeat));
}

json_t *
json_search_hit(const struct search_hit *h)
{
	return json_pack("{s:I,s:o,s:o,s:o}",
	    "id", (json_int_t)h->id,
	    "name", str(h->name),
	    "segment", str(h->segment),
	    "phone", str(h->phone));
}

int
json_print(json_t *j)
{
	int rc;

	if (j == NULL)
		return -1;
	rc = json_dumpf(j, stdout, JSON_COMPACT);
	json_decref(j);
	if (rc == 0 && fputc('\n', stdout) == EOF)
		rc = -1;
	return rc;
}
