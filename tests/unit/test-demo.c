/* test-demo.c — the demo call centre: size, determinism, idempotence. */
#include <stdlib.h>
#include <time.h>

#include "kefu/agent.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/demo.h"
#include "kefu/followup.h"
#include "kefu/search.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "test.h"

#define SEED 20240601u

/* One integer from SQL, or -1. */
static int64_t
count(struct db *db, const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t v;

	if (st == NULL || db_step(st) != DB_ROW)
		return -1;
	v = db_col_int(st, 0);
	db_reset(st);
	return v;
}

/* A fresh database NAME with supervisor "boss". NULL on failure. */
static struct db *
fresh(const char *name)
{
	struct db *db;
	char *cause = NULL;

	if (db_open(test_path(name), DB_OPEN_CREATE, &db, &cause) != 0 ||
	    agent_add(db, "boss", "班长", AGENT_ROLE_SUPERVISOR, "boss", 0,
	    &cause) < 0) {
		fprintf(stderr, "%s: %s\n", name, cause);
		free(cause);
		return NULL;
	}
	return db;
}

/* Every customer's name and phones as typed, in id order. */
static char *
fingerprint(struct db *db)
{
	struct db_stmt *st;
	char *s = xstrdup(""), *t;

	st = db_prepare(db, "SELECT c.name || ':' || p.raw FROM customers c"
	    " JOIN customer_phones p ON p.customer_id = c.id"
	    " ORDER BY c.id, p.id");
	if (st == NULL)
		return s;
	while (db_step(st) == DB_ROW) {
		t = xasprintf("%s%s;", s, db_col_text(st, 0));
		free(s);
		s = t;
	}
	return s;
}

/* A summary of every table the demo writes, to see that nothing changed. */
static char *
census(struct db *db)
{
	return xasprintf("%lld %lld %lld %lld %lld %lld",
	    (long long)count(db, "SELECT count(*) FROM customers"),
	    (long long)count(db, "SELECT count(*) FROM contacts"),
	    (long long)count(db, "SELECT count(*) FROM followups"),
	    (long long)count(db, "SELECT count(*) FROM complaints"),
	    (long long)count(db, "SELECT count(*) FROM agents"),
	    (long long)count(db, "SELECT count(*) FROM audit"));
}

TEST(populate)
{
	struct followup **f = NULL;
	struct search_hit *hits = NULL;
	struct customer *c = NULL;
	struct timespec t0, t1;
	struct db *db;
	char *cause = NULL, *before, *after;
	int64_t now = when_now(), *ids = NULL;
	int n, soon = 0, found = 0;

	ASSERT((db = fresh("demo.db")) != NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = demo_populate(db, "boss", now, SEED, 500, &cause);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (n < 0)
		FAIL_("demo_populate: %s", cause);
	ASSERT_EQ(n, 500);
	fprintf(stderr, "# demo_populate(500): %.0f ms\n",
	    (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	before = census(db);
	fprintf(stderr, "# customers contacts followups complaints agents "
	    "audit: %s\n", before);

	ASSERT(count(db, "SELECT count(*) FROM customers") >= 400);
	ASSERT(count(db, "SELECT count(*) FROM contacts") > 1000);
	ASSERT(count(db, "SELECT count(*) FROM customers"
	    " WHERE segment = 'vip'") > 0);
	ASSERT(count(db, "SELECT count(*) FROM customers"
	    " WHERE segment = 'at_risk'") > 0);
	ASSERT(count(db, "SELECT count(*) FROM customers"
	    " WHERE name LIKE '王%'") >= 5);
	ASSERT(count(db, "SELECT count(*) FROM agents") >= 5);
	ASSERT(count(db, "SELECT count(*) FROM complaints") >
	    complaint_count_open(db, 0));
	ASSERT(complaint_count_open(db, 0) > 0);
	ASSERT(count(db, "SELECT count(*) FROM followups"
	    " WHERE owner = 'pool'") > 0);
	ASSERT(count(db, "SELECT count(*) FROM followups"
	    " WHERE every_days = 30") > 0);
	ASSERT(count(db, "SELECT count(DISTINCT e164) FROM customer_phones") ==
	    count(db, "SELECT count(*) FROM customer_phones"));

	/* A reminder fires within two minutes; some are already overdue. */
	n = followup_list(db, FOLLOWUP_DUE, "boss", now + 120, 0, &f, &cause);
	ASSERT(n >= 0);
	for (int i = 0; i < n; i++)
		soon += f[i]->due_at > now && f[i]->due_at <= now + 120;
	followup_list_free(f, n);
	ASSERT(soon >= 3);
	n = followup_list(db, FOLLOWUP_OVERDUE, "boss", now, 0, &f, &cause);
	followup_list_free(f, n);
	ASSERT(n >= 1);

	/* 王永庆 by his phone typed another way. */
	n = customer_find_phone(db, "+86 138-0013-8000", &ids, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(customer_get(db, ids[0], &c, &cause), 1);
	free(ids);
	ASSERT_STR(c->name, "王永庆");
	ASSERT_STR(c->segment, "vip");
	ASSERT_EQ(c->cycle_days, 30);
	customer_free(c);

	n = search_customers(db, "黄强", 20, &hits, &cause);
	ASSERT(n >= 1);
	for (int i = 0; i < n; i++)
		found += strcmp(hits[i].name, "黄强") == 0;
	search_hits_free(hits, n);
	ASSERT(found >= 1);

	/* A second run keeps the database as it is. */
	ASSERT_EQ(demo_populate(db, "boss", now, SEED, 500, &cause), 0);
	after = census(db);
	ASSERT_STR(after, before);
	free(before);
	free(after);
	db_close(db);
}

TEST(deterministic)
{
	struct db *a, *b, *c;
	char *cause = NULL, *fa, *fb, *fc;
	int64_t now = when_now();

	ASSERT((a = fresh("a.db")) != NULL);
	ASSERT((b = fresh("b.db")) != NULL);
	ASSERT((c = fresh("c.db")) != NULL);
	ASSERT_EQ(demo_populate(a, "boss", now, SEED, 200, &cause), 200);
	ASSERT_EQ(demo_populate(b, "boss", now - 86400, SEED, 200, &cause),
	    200);
	ASSERT_EQ(demo_populate(c, "boss", now, SEED + 1, 200, &cause), 200);
	fa = fingerprint(a);
	fb = fingerprint(b);
	fc = fingerprint(c);
	ASSERT(strlen(fa) > 1000);
	ASSERT(strncmp(fa, "王永庆:13800138000;", strlen("王永庆:13800138000;"))
	    == 0);
	ASSERT(strstr(fa, ";黄强:") != NULL);
	ASSERT_STR(fa, fb);
	ASSERT(strcmp(fa, fc) != 0);
	free(fa);
	free(fb);
	free(fc);
	db_close(a);
	db_close(b);
	db_close(c);
}

TEST(rollback)
{
	struct db *db;
	char *cause = NULL, *before, *after;

	/* An agent who may not register colleagues: nothing is left behind. */
	ASSERT((db = fresh("rollback.db")) != NULL);
	ASSERT(agent_add(db, "li.na", "李娜", AGENT_ROLE_AGENT, "boss", 0,
	    &cause) > 0);
	before = census(db);
	ASSERT(demo_populate(db, "li.na", when_now(), SEED, 50, &cause) < 0);
	ASSERT(cause != NULL);
	free(cause);
	after = census(db);
	ASSERT_STR(after, before);
	free(before);
	free(after);
	/* The connection is usable afterwards. */
	cause = NULL;
	ASSERT_EQ(demo_populate(db, "boss", when_now(), SEED, 50, &cause), 50);
	db_close(db);
}

static const struct test tests[] = {
	T(populate),
	T(deterministic),
	T(rollback),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
