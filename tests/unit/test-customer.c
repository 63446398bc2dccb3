/* test-customer.c — profiles, phones in every format, lifetime value. */
#include <stdlib.h>

#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/xmalloc.h"
#include "test.h"
#include "fixture.h"

TEST(add_get_roundtrip)
{
	struct db *db = fixture_db("rt.db");
	struct customer *c = customer_new(), *g;
	char *cause = NULL;

	free(c->name);
	c->name = xstrdup("王永庆");
	free(c->segment);
	c->segment = xstrdup("vip");
	free(c->household);
	c->household = xstrdup("家里4口人");
	c->cycle_days = 30;
	c->annual_spend = 360000;
	c->first_purchase = xstrdup("2020-01-15");
	c->owner = xstrdup("li");
	ASSERT_OK(customer_add_phone(c, "+86 138-0013-8000", &cause));
	ASSERT_OK(customer_add_phone(c, "010-6552 9988", &cause));
	ASSERT_OK(customer_add_phone(c, "13800138000", &cause));  /* dup */
	ASSERT_EQ(c->nphones, 2);
	ASSERT_EQ(customer_insert(db, c, "li", &cause), 0);
	ASSERT(c->id > 0);
	ASSERT_EQ(customer_get(db, c->id, &g, &cause), 1);
	ASSERT_STR(g->name, "王永庆");
	ASSERT_STR(g->segment, "vip");
	ASSERT_STR(g->household, "家里4口人");
	ASSERT_STR(g->owner, "li");
	ASSERT_EQ(g->cycle_days, 30);
	ASSERT_EQ(g->nphones, 2);
	ASSERT_STR(g->phones[0].e164, "+8613800138000");
	ASSERT_STR(g->phones[0].raw, "+86 138-0013-8000");
	customer_free(g);
	ASSERT_EQ(customer_get(db, 9999, &g, &cause), 0);
	customer_free(c);
	db_close(db);
}

TEST(every_phone_format_finds_the_same_person)
{
	struct db *db = fixture_db("phones.db");
	int64_t id = fixture_customer(db, "王永庆", "13800138000", NULL), *ids;
	const char *forms[] = { "+86 138-0013-8000", "13800138000",
	    "008613800138000", "+8613800138000", "(+86) 138 0013 8000" };
	char *cause = NULL;

	ASSERT(id > 0);
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		int n = customer_find_phone(db, forms[i], &ids, &cause);
		ASSERT_EQ(n, 1);
		ASSERT_EQ(ids[0], id);
		free(ids);
	}
	ASSERT_EQ(customer_find_phone(db, "13900139000", &ids, &cause), 0);
	free(ids);
	ASSERT(customer_find_phone(db, "call me", &ids, &cause) < 0);
	free(cause);
	db_close(db);
}

TEST(resolve_id_or_phone)
{
	struct db *db = fixture_db("resolve.db");
	int64_t a = fixture_customer(db, "A", "13800138000", NULL);
	int64_t b = fixture_customer(db, "B", "13900139000", NULL), id;
	char *cause = NULL;

	ASSERT_EQ(customer_resolve(db, "1", &id, &cause), 1);
	ASSERT_EQ(id, a);
	ASSERT_EQ(customer_resolve(db, "+86 139 0013 9000", &id, &cause), 1);
	ASSERT_EQ(id, b);
	ASSERT_EQ(customer_resolve(db, "77", &id, &cause), 0);
	ASSERT_EQ(customer_resolve(db, "nobody", &id, &cause), 0);
	db_close(db);
}

TEST(bad_input_refused_and_nothing_written)
{
	struct db *db = fixture_db("bad.db");
	struct customer *c = customer_new();
	char *cause = NULL;

	ASSERT(customer_add_phone(c, "not a phone", &cause) < 0);
	ASSERT(cause != NULL);
	free(cause);
	cause = NULL;
	/* No name. */
	ASSERT_OK(customer_add_phone(c, "13800138000", &cause));
	ASSERT(customer_insert(db, c, "li", &cause) < 0);
	free(cause);
	cause = NULL;
	/* Invalid UTF-8. */
	free(c->name);
	c->name = xstrdup("bad \xff\xfe name");
	ASSERT(customer_insert(db, c, "li", &cause) < 0);
	ASSERT(strstr(cause, "UTF-8") != NULL);
	free(cause);
	cause = NULL;
	/* Unknown segment. */
	free(c->name);
	c->name = xstrdup("Ok");
	free(c->segment);
	c->segment = xstrdup("god");
	ASSERT(customer_insert(db, c, "li", &cause) < 0);
	free(cause);
	cause = NULL;
	/* Unknown owner: a constraint, rolled back. */
	free(c->segment);
	c->segment = xstrdup("key");
	c->owner = xstrdup("ghost");
	ASSERT(customer_insert(db, c, "li", &cause) < 0);
	free(cause);
	struct db_stmt *st = db_prepare(db, "SELECT (SELECT count(*) FROM"
	    " customers) + (SELECT count(*) FROM customer_phones) +"
	    " (SELECT count(*) FROM customer_words)");
	ASSERT_EQ(db_step(st), DB_ROW);
	ASSERT_EQ(db_col_int(st, 0), 0);
	db_reset(st);
	customer_free(c);
	db_close(db);
}

TEST(update_rewrites_phones)
{
	struct db *db = fixture_db("update.db");
	int64_t id = fixture_customer(db, "Emily Chen", "13800138000", NULL);
	struct customer *c;
	int64_t *ids;
	char *cause = NULL;

	ASSERT_EQ(customer_get(db, id, &c, &cause), 1);
	free(c->phones[0].e164);
	free(c->phones[0].raw);
	c->nphones = 0;
	ASSERT_OK(customer_add_phone(c, "+1 (415) 555-2671", &cause));
	free(c->notes);
	c->notes = xstrdup("prefers email");
	ASSERT_EQ(customer_update(db, c, "li", &cause), 0);
	ASSERT_EQ(customer_find_phone(db, "13800138000", &ids, &cause), 0);
	free(ids);
	ASSERT_EQ(customer_find_phone(db, "+14155552671", &ids, &cause), 1);
	free(ids);
	c->id = 4242;
	ASSERT(customer_update(db, c, "li", &cause) < 0);
	free(cause);
	customer_free(c);
	db_close(db);
}

TEST(lifetime_value)
{
	struct customer *c = customer_new();
	int64_t now = 1767225600;	/* 2026-01-01T00:00:00Z */

	c->annual_spend = 100000;	/* 1000 yuan a year */
	ASSERT_EQ(customer_lifetime_value(c, now), 0);	/* never bought */
	c->first_purchase = xstrdup("2021-01-01");
	int64_t v = customer_lifetime_value(c, now);
	ASSERT(v > 499000 && v < 501000);	/* ~5 years */
	free(c->first_purchase);
	c->first_purchase = xstrdup("2025-12-01");
	ASSERT_EQ(customer_lifetime_value(c, now), 100000);	/* min 1 year */
	customer_free(c);
}

static const struct test tests[] = {
	T(add_get_roundtrip),
	T(every_phone_format_finds_the_same_person),
	T(resolve_id_or_phone),
	T(bad_input_refused_and_nothing_written),
	T(update_rewrites_phones),
	T(lifetime_value),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
