/* test-complaint.c — complaints: open, count, list, resolve. */
#include <stdlib.h>

#include "kefu/agent.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "test.h"

/* A fresh database NAME with supervisor "boss", agent "li.na" and one
 * customer (its id in *id). NULL on failure. */
static struct db *
setup(const char *name, int64_t *id)
{
	struct customer *c;
	struct db *db;
	char *cause = NULL;

	if (db_open(test_path(name), DB_OPEN_CREATE, &db, &cause) != 0) {
		fprintf(stderr, "db_open: %s\n", cause);
		free(cause);
		return NULL;
	}
	c = customer_new();
	free(c->name);
	c->name = xstrdup("王永庆");
	if (agent_add(db, "boss", "班长", AGENT_ROLE_SUPERVISOR, "boss", 0,
	    &cause) < 0 || agent_add(db, "li.na", "李娜", AGENT_ROLE_AGENT,
	    "boss", 0, &cause) < 0 ||
	    customer_add_phone(c, "13800138000", &cause) != 0 ||
	    customer_insert(db, c, "boss", &cause) != 0) {
		fprintf(stderr, "setup: %s\n", cause);
		free(cause);
		customer_free(c);
		db_close(db);
		return NULL;
	}
	*id = c->id;
	customer_free(c);
	return db;
}

TEST(open_resolve)
{
	struct complaint *k = NULL, **v = NULL;
	struct db *db;
	char *cause = NULL;
	int64_t cust, id, id2, now = when_now();
	int n;

	ASSERT((db = setup("open.db", &cust)) != NULL);
	ASSERT_EQ(complaint_count_open(db, cust), 0);
	ASSERT_EQ(complaint_open(db, cust, 0, "li.na", "delivery",
	    "送货延迟了半天", 0, "li.na", &id, &cause), 0);
	ASSERT(id > 0);
	ASSERT_EQ(complaint_count_open(db, cust), 1);
	ASSERT_EQ(complaint_count_open(db, 0), 1);

	ASSERT_EQ(complaint_get(db, id, &k, &cause), 1);
	ASSERT_STR(k->category, "delivery");
	ASSERT_STR(k->state, "open");
	ASSERT_STR(k->owner, "li.na");
	ASSERT_STR(k->customer_name, "王永庆");
	ASSERT(k->opened_at >= now && k->opened_at <= now + 5);
	ASSERT_EQ(k->deadline, k->opened_at + COMPLAINT_DEADLINE);
	ASSERT_EQ(k->contact_id, 0);
	ASSERT(k->resolution == NULL);
	complaint_free(k);

	ASSERT_EQ(complaint_open(db, cust, 0, "pool", "billing", "扣款两次",
	    now + 3600, "boss", &id2, &cause), 0);
	n = complaint_list_open(db, cust, 10, &v, &cause);
	ASSERT_EQ(n, 2);
	ASSERT_EQ(v[0]->id, id2);	/* earliest deadline first */
	ASSERT_EQ(v[1]->id, id);
	complaint_list_free(v, n);
	ASSERT_EQ(complaint_list_open(db, 0, 1, &v, &cause), 1);
	complaint_list_free(v, 1);

	ASSERT_EQ(complaint_resolve(db, id, "当天补送并免运费", "li.na",
	    &cause), 0);
	ASSERT_EQ(complaint_count_open(db, cust), 1);
	ASSERT_EQ(complaint_get(db, id, &k, &cause), 1);
	ASSERT_STR(k->state, "resolved");
	ASSERT_STR(k->resolution, "当天补送并免运费");
	ASSERT(k->resolved_at >= k->opened_at);
	complaint_free(k);

	/* Resolving twice is refused and changes nothing. */
	ASSERT(complaint_resolve(db, id, "again", "li.na", &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "already resolved") != NULL);
	free(cause);
	cause = NULL;
	ASSERT_EQ(complaint_get(db, id, &k, &cause), 1);
	ASSERT_STR(k->resolution, "当天补送并免运费");
	complaint_free(k);

	/* A resolution is required; an unknown id is refused. */
	ASSERT(complaint_resolve(db, id2, "  ", "boss", &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(complaint_resolve(db, 9999, "done", "boss", &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "not found") != NULL);
	free(cause);
	cause = NULL;
	ASSERT_EQ(complaint_count_open(db, cust), 1);
	db_close(db);
}

TEST(refused)
{
	struct db *db;
	struct contact *k;
	char *cause = NULL;
	int64_t cust, id;

	ASSERT((db = setup("refused.db", &cust)) != NULL);
	/* Unknown customer. */
	ASSERT(complaint_open(db, cust + 100, 0, "li.na", "product", "x", 0,
	    "li.na", &id, &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "not found") != NULL);
	free(cause);
	cause = NULL;
	ASSERT_EQ(id, 0);
	/* Unknown category, unknown owner, contact of nobody. */
	ASSERT(complaint_open(db, cust, 0, "li.na", "weather", "x", 0,
	    "li.na", &id, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(complaint_open(db, cust, 0, "nobody", "product", "x", 0,
	    "li.na", &id, &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "unknown agent") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(complaint_open(db, cust, 12345, "li.na", "product", "x", 0,
	    "li.na", &id, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(complaint_open(db, cust, 0, "li.na", "product", "\xff\xfe", 0,
	    "li.na", &id, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT_EQ(complaint_count_open(db, 0), 0);

	/* From a contact of the customer it works. */
	k = contact_new();
	k->customer_id = cust;
	k->agent = xstrdup("li.na");
	ASSERT_EQ(contact_log(db, k, &cause), 0);
	ASSERT_EQ(complaint_open(db, cust, k->id, "li.na", "attitude",
	    "送货员态度差", 0, "li.na", &id, &cause), 0);
	contact_free(k);
	ASSERT_EQ(complaint_count_open(db, cust), 1);
	db_close(db);
}

TEST(nested)
{
	struct db *db;
	char *cause = NULL;
	int64_t cust, id;

	/* Inside an outer transaction a failed open undoes only itself. */
	ASSERT((db = setup("nested.db", &cust)) != NULL);
	ASSERT_EQ(db_begin(db), 0);
	ASSERT_EQ(complaint_open(db, cust, 0, "li.na", "service", "a", 0,
	    "li.na", &id, &cause), 0);
	ASSERT(complaint_open(db, cust, 0, "nobody", "service", "b", 0,
	    "li.na", &id, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(complaint_open(db, cust, 777, "li.na", "service", "c", 0,
	    "li.na", &id, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT_EQ(db_commit(db), 0);
	ASSERT_EQ(complaint_count_open(db, cust), 1);
	db_close(db);
}

static const struct test tests[] = {
	T(open_resolve),
	T(refused),
	T(nested),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
