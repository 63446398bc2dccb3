/* fixture.h — a fresh database with a supervisor "boss" and agent "li". */
#ifndef KEFU_FIXTURE_H
#define KEFU_FIXTURE_H

#include <stdlib.h>

#include "kefu/agent.h"
#include "kefu/customer.h"
#include "kefu/db.h"

static inline struct db *
fixture_db(const char *name)
{
	struct db *db = NULL;
	char *cause = NULL;

	if (db_open(test_path(name), DB_OPEN_CREATE, &db, &cause) != 0 ||
	    agent_add(db, "boss", "Boss", AGENT_ROLE_SUPERVISOR, "boss", 0,
	    &cause) < 0 ||
	    agent_add(db, "li", "李娜", AGENT_ROLE_AGENT, "boss", 0,
	    &cause) < 0) {
		fprintf(stderr, "fixture: %s\n", cause ? cause : "?");
		exit(2);
	}
	return db;
}

/* Add a customer NAME with one PHONE; returns its id (0 on failure). */
static inline int64_t
fixture_customer(struct db *db, const char *name, const char *phone,
    const char *notes)
{
	struct customer *c = customer_new();
	char *cause = NULL;
	int64_t id = 0;

	free(c->name);
	c->name = strdup(name);
	if (notes != NULL) {
		free(c->notes);
		c->notes = strdup(notes);
	}
	if (customer_add_phone(c, phone, &cause) == 0 &&
	    customer_insert(db, c, "li", &cause) == 0)
		id = c->id;
	else
		fprintf(stderr, "fixture_customer: %s\n", cause);
	free(cause);
	customer_free(c);
	return id;
}

#endif
