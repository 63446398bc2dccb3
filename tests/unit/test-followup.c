/* test-followup.c — scheduling, due and overdue lists, done, recurrence. */
#include <stdlib.h>

#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/when.h"
#include "test.h"
#include "fixture.h"

TEST(add_list_done)
{
	struct db *db = fixture_db("fu.db");
	int64_t c = fixture_customer(db, "王永庆", "13800138000", NULL);
	int64_t now = when_now(), a, b, p, next;
	struct followup **v, *f;
	char *cause = NULL;
	int n;

	ASSERT_EQ(followup_add(db, c, "li", now - 3600, "overdue", 0, "li", 1,
	    &a, &cause), 0);
	ASSERT_EQ(followup_add(db, c, "li", now + 3600, "later", 0, "li", 0,
	    &b, &cause), 0);
	ASSERT_EQ(followup_add(db, c, "pool", now - 60, "pool due", 0, "li",
	    1, &p, &cause), 0);

	n = followup_list(db, FOLLOWUP_DUE, "li", now, 0, &v, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(v[0]->id, a);
	ASSERT_STR(v[0]->customer_name, "王永庆");
	followup_list_free(v, n);
	n = followup_list(db, FOLLOWUP_OVERDUE, NULL, now, 0, &v, &cause);
	ASSERT_EQ(n, 1);	/* the pool one is due but within grace */
	followup_list_free(v, n);
	n = followup_list(db, FOLLOWUP_OPEN, NULL, now, 0, &v, &cause);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(v[0]->id, a);	/* earliest first */
	followup_list_free(v, n);

	ASSERT_EQ(followup_done(db, a, "li", &next, &cause), 0);
	ASSERT_EQ(next, 0);
	ASSERT_EQ(followup_get(db, a, &f, &cause), 1);
	ASSERT_STR(f->state, "done");
	ASSERT(f->done_at >= now);
	followup_free(f);
	ASSERT(followup_done(db, a, "li", &next, &cause) < 0);
	ASSERT(strstr(cause, "already done") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(followup_done(db, 9999, "li", &next, &cause) < 0);
	free(cause);
	db_close(db);
}

TEST(refusals)
{
	struct db *db = fixture_db("fubad.db");
	int64_t c = fixture_customer(db, "A", "13800138000", NULL), id;
	int64_t now = when_now();
	char *cause = NULL;

	ASSERT(followup_add(db, c, "li", now - 7200, "x", 0, "li", 0, &id,
	    &cause) < 0);
	ASSERT(strstr(cause, "past") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(followup_add(db, c, "ghost", now + 60, "x", 0, "li", 0, &id,
	    &cause) < 0);
	ASSERT(strstr(cause, "unknown agent") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(followup_add(db, 999, "li", now + 60, "x", 0, "li", 0, &id,
	    &cause) < 0);
	free(cause);
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM followups");
	ASSERT_EQ(db_step(st), DB_ROW);
	ASSERT_EQ(db_col_int(st, 0), 0);
	db_reset(st);
	db_close(db);
}

TEST(recurrence_keeps_rhythm)
{
	struct db *db = fixture_db("furec.db");
	int64_t c = fixture_customer(db, "VIP", "13800138000", NULL);
	int64_t now = when_now(), id, next;
	struct followup *f;
	char *cause = NULL;

	/* Due 2 days ago, every 30 days: next is 28 days from now. */
	ASSERT_EQ(followup_add(db, c, "li", now - 2 * 86400, "care", 30, "li",
	    1, &id, &cause), 0);
	ASSERT_EQ(followup_warn(db, id, 86400, &cause), 0);
	ASSERT_EQ(followup_done(db, id, "li", &next, &cause), 0);
	/* The next one warns a day ahead too, indexed for its owner. */
	struct db_stmt *st = db_prepare(db, "SELECT owner, warn_at FROM"
	    " followup_warnings WHERE followup_id = ?");
	db_bind_int(st, 1, next);
	ASSERT_EQ(db_step(st), DB_ROW);
	ASSERT_STR(db_col_text(st, 0), "li");
	ASSERT_EQ(db_col_int(st, 1), now - 2 * 86400 + 30 * 86400 - 86400);
	db_reset(st);
	ASSERT(next > id);
	ASSERT_EQ(followup_get(db, next, &f, &cause), 1);
	ASSERT_EQ(f->due_at, now - 2 * 86400 + 30 * 86400);
	ASSERT_EQ(f->every_days, 30);
	ASSERT_STR(f->state, "pending");
	ASSERT_STR(f->owner, "li");
	followup_free(f);
	db_close(db);
}

TEST(only_the_owner_pool_or_a_supervisor_acts)
{
	struct db *db = fixture_db("fuown.db");
	int64_t c = fixture_customer(db, "A", "13800138000", NULL);
	int64_t now = when_now(), mine, pool, next, t0;
	struct followup *f;
	char *cause = NULL;

	ASSERT_OK(agent_add(db, "wang", NULL, AGENT_ROLE_AGENT, "boss", 0,
	    &cause));
	ASSERT_EQ(followup_add(db, c, "li", now + 60, "li's", 0, "li", 0,
	    &mine, &cause), 0);
	ASSERT_EQ(followup_add(db, c, "pool", now + 60, "pool", 0, "li", 0,
	    &pool, &cause), 0);
	/* A colleague cannot complete or snooze li's follow-up. */
	ASSERT(followup_done(db, mine, "wang", &next, &cause) < 0);
	ASSERT(strstr(cause, "belongs to li") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(followup_snooze(db, mine, now + 600, "wang", &cause) < 0);
	free(cause);
	cause = NULL;
	/* A supervisor can; completing a pool one claims it. */
	ASSERT_EQ(followup_snooze(db, mine, now + 600, "boss", &cause), 0);
	ASSERT_EQ(followup_done(db, pool, "wang", &next, &cause), 0);
	ASSERT_EQ(followup_get(db, pool, &f, &cause), 1);
	ASSERT_STR(f->owner, "wang");
	followup_free(f);
	/* Out-of-range due times are refused; a recurrence far in the past
	 * completes at once (no loop over missed periods). */
	ASSERT(followup_add(db, c, "li", INT64_C(20000000000000), "x", 0, "li",
	    1, &next, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT_EQ(followup_add(db, c, "li", 86400, "1970", 1, "li", 1, &mine,
	    &cause), 0);
	t0 = when_now();
	ASSERT_EQ(followup_done(db, mine, "li", &next, &cause), 0);
	ASSERT(when_now() - t0 <= 1);
	ASSERT_EQ(followup_get(db, next, &f, &cause), 1);
	ASSERT(f->due_at > now && f->due_at <= now + 86400);
	followup_free(f);
	db_close(db);
}

static const struct test tests[] = {
	T(only_the_owner_pool_or_a_supervisor_acts),
	T(add_list_done),
	T(refusals),
	T(recurrence_keeps_rhythm),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
