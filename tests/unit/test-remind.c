/* test-remind.c — the reminder queries and the one-timer engine. */
#include <stdlib.h>
#include <sys/time.h>

#include "kefu/contact.h"
#include "kefu/followup.h"
#include "kefu/remind.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "test.h"
#include "fixture.h"

static int64_t
add(struct db *db, int64_t c, const char *owner, int64_t due, const char *why)
{
	int64_t id = 0;
	char *cause = NULL;

	if (followup_add(db, c, owner, due, why, 0, "boss", 1, &id, &cause)) {
		fprintf(stderr, "add: %s\n", cause);
		free(cause);
	}
	return id;
}

TEST(due_marks_once_and_next_follows)
{
	struct db *db = fixture_db("r1.db");
	int64_t c = fixture_customer(db, "王芳", "13900002222", NULL);
	int64_t now = when_now(), at, a, b;
	struct reminder *v;
	char *cause = NULL;
	int n;

	ASSERT_EQ(remind_next(db, "li", &at, &cause), 0);
	a = add(db, c, "li", now - 60, "past");
	b = add(db, c, "li", now + 600, "future");
	add(db, c, "boss", now - 10, "not li's");
	ASSERT_EQ(remind_next(db, "li", &at, &cause), 1);
	ASSERT_EQ(at, now - 60);
	/* Unmarked looks do not consume. */
	ASSERT_EQ(remind_due(db, "li", now, false, &v, &cause), 1);
	reminder_list_free(v, 1);
	n = remind_due(db, "li", now, true, &v, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(v[0].followup_id, a);
	ASSERT_STR(v[0].customer_name, "王芳");
	reminder_list_free(v, n);
	ASSERT_EQ(remind_due(db, "li", now, true, &v, &cause), 0);
	free(v);
	ASSERT_EQ(remind_next(db, "li", &at, &cause), 1);
	ASSERT_EQ(at, now + 600);
	/* Snoozing re-arms: a new due time is a new reminder. */
	ASSERT_EQ(followup_snooze(db, a, now + 300, "li", &cause), 0);
	ASSERT_EQ(remind_next(db, "li", &at, &cause), 1);
	ASSERT_EQ(at, now + 300);
	n = remind_due(db, "li", now + 301, true, &v, &cause);
	ASSERT_EQ(n, 1);
	reminder_list_free(v, n);
	(void)b;
	db_close(db);
}

TEST(warnings_fire_once_before_due)
{
	struct db *db = fixture_db("r2.db");
	int64_t c = fixture_customer(db, "A", "13900002222", NULL);
	int64_t now = when_now(), id, at;
	struct reminder *v;
	char *cause = NULL;
	int n;

	id = add(db, c, "li", now + 3600, "call");
	ASSERT_EQ(followup_warn(db, id, 900, &cause), 0);
	ASSERT_EQ(followup_warn(db, id, 86400, &cause), 0);
	ASSERT(followup_warn(db, id, 0, &cause) < 0);
	free(cause);
	cause = NULL;
	/* The day-before warning is already past: it is the next. */
	ASSERT_EQ(remind_next(db, "li", &at, &cause), 1);
	ASSERT_EQ(at, now + 3600 - 86400);
	n = remind_due(db, "li", now, true, &v, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(v[0].before_secs, 86400);
	reminder_list_free(v, n);
	ASSERT_EQ(remind_next(db, "li", &at, &cause), 1);
	ASSERT_EQ(at, now + 2700);
	n = remind_due(db, "li", now + 2700, true, &v, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(v[0].before_secs, 900);
	reminder_list_free(v, n);
	n = remind_due(db, "li", now + 3600, true, &v, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(v[0].before_secs, 0);
	reminder_list_free(v, n);
	ASSERT_EQ(remind_next(db, "li", &at, &cause), 0);
	db_close(db);
}

TEST(pool_items_once_per_agent_and_one_claim)
{
	struct db *db = fixture_db("r3.db");
	int64_t c = fixture_customer(db, "A", "13900002222", NULL);
	int64_t now = when_now(), id;
	struct reminder *v;
	char *cause = NULL;
	struct followup *f;

	ASSERT_OK(agent_add(db, "wang", NULL, AGENT_ROLE_AGENT, "boss", 0,
	    &cause));
	id = add(db, c, "pool", now - 5, "pool call");
	ASSERT_EQ(remind_due(db, "li", now, true, &v, &cause), 1);
	reminder_list_free(v, 1);
	ASSERT_EQ(remind_due(db, "wang", now, true, &v, &cause), 1);
	reminder_list_free(v, 1);
	ASSERT_EQ(remind_due(db, "wang", now, true, &v, &cause), 0);
	free(v);
	ASSERT_EQ(followup_assign(db, id, "wang", "wang", &cause), 0);
	ASSERT(followup_assign(db, id, "li", "li", &cause) < 0);
	ASSERT(strstr(cause, "already taken by wang") != NULL);
	free(cause);
	cause = NULL;
	ASSERT_EQ(followup_get(db, id, &f, &cause), 1);
	ASSERT_STR(f->owner, "wang");
	followup_free(f);
	/* An agent cannot hand over a colleague's follow-up. */
	ASSERT(followup_assign(db, id, "li", "li", &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT_EQ(followup_assign(db, id, "li", "boss", &cause), 0);
	ASSERT(followup_assign(db, id, "ghost", "boss", &cause) < 0);
	free(cause);
	cause = NULL;
	/* Back to li, who was already shown this due time: it is fired for
	 * her (it nags), not a pending one she would never see. */
	ASSERT_EQ(followup_get(db, id, &f, &cause), 1);
	ASSERT_STR(f->state, "fired");
	followup_free(f);
	db_close(db);
}

TEST(escalation_to_pool)
{
	struct db *db = fixture_db("r4.db");
	int64_t c = fixture_customer(db, "A", "13900002222", NULL);
	int64_t now = when_now(), a, b;
	struct reminder *v;
	struct followup *f;
	char *cause = NULL;

	a = add(db, c, "li", now - 3600, "unacknowledged");
	ASSERT_EQ(remind_due(db, "li", now - 3500, true, &v, &cause), 1);
	reminder_list_free(v, 1);
	/* li is online (heartbeat), so only the 30-minute rule applies. */
	ASSERT_OK(agent_set_state(db, "li", "available", NULL, "li", &cause));
	ASSERT_EQ(remind_escalate(db, now, 1800, "li", &cause), 1);
	ASSERT_EQ(followup_get(db, a, &f, &cause), 1);
	ASSERT_STR(f->owner, "pool");
	followup_free(f);
	ASSERT_EQ(remind_escalate(db, now, 1800, "li", &cause), 0);
	/* Due while li is logged out: to the pool only if someone is on. */
	ASSERT_OK(agent_set_state(db, "li", "offline", NULL, "li", &cause));
	b = add(db, c, "li", now - 60, "while away");
	ASSERT_EQ(remind_escalate(db, now, 1800, "boss", &cause), 0);
	ASSERT_OK(agent_set_state(db, "boss", "available", NULL, "boss",
	    &cause));
	ASSERT_EQ(remind_escalate(db, now, 1800, "boss", &cause), 1);
	ASSERT_EQ(followup_get(db, b, &f, &cause), 1);
	ASSERT_STR(f->owner, "pool");
	followup_free(f);
	db_close(db);
}

TEST(urgency_care_and_prediction)
{
	struct db *db = fixture_db("r5.db");
	int64_t c = fixture_customer(db, "米店老王", "13900002222", NULL);
	struct urgency_weights w;
	struct customer *cu;
	struct contact *k = contact_new();
	int64_t now = when_now(), need;
	struct followup **v;
	char *cause = NULL;
	int n;

	urgency_defaults(&w);
	ASSERT(followup_urgency(&w, now - 86400, now, "normal", 0, 0) >
	    followup_urgency(&w, now + 86400, now, "normal", 0, 0));
	ASSERT(followup_urgency(&w, now, now, "vip", 0, 0) >
	    followup_urgency(&w, now, now, "normal", 0, 0));
	ASSERT(followup_urgency(&w, now, now, "normal", 0, 1) >
	    followup_urgency(&w, now, now, "normal", 0, 0));
	ASSERT_EQ(followup_care_days("vip", NULL), 30);
	ASSERT_EQ(followup_care_days("normal", "vip=7,normal=90"), 90);
	ASSERT_EQ(followup_care_days("key", "vip=7"), 60);
	ASSERT_EQ(followup_care_days("nobody", NULL), 0);

	/* A 30-day rice bag bought today: a call 3 days before it runs out. */
	ASSERT_EQ(customer_get(db, c, &cu, &cause), 1);
	cu->cycle_days = 30;
	ASSERT_EQ(customer_update(db, cu, "li", &cause), 0);
	customer_free(cu);
	k->customer_id = c;
	k->agent = xstrdup("li");
	k->purchase = 12000;
	free(k->disposition);
	k->disposition = xstrdup("sale");
	ASSERT_EQ(contact_log(db, k, &cause), 0);
	ASSERT_EQ(contact_log(db, k, &cause), 0);	/* replaces, not adds */
	contact_free(k);
	n = followup_list(db, FOLLOWUP_OPEN, NULL, now, 0, &v, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_STR(v[0]->reason, FOLLOWUP_PREDICTED);
	ASSERT(v[0]->due_at >= now + 27 * 86400 - 5 &&
	    v[0]->due_at <= now + 27 * 86400 + 5);
	followup_list_free(v, n);
	ASSERT_EQ(followup_next_need(db, c, &need, &cause), 1);
	ASSERT(need >= now + 30 * 86400 - 5);
	db_close(db);
}

struct fired {
	int	 n;
	int64_t	 at_ms;
	uv_loop_t *loop;
};

static void
on_fire(void *arg, const struct reminder *v, int n, bool startup)
{
	struct fired *f = arg;
	struct timeval tv;

	(void)v;
	(void)startup;
	gettimeofday(&tv, NULL);
	f->n += n;
	f->at_ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	uv_stop(f->loop);
}

TEST(engine_fires_at_the_due_second)
{
	struct db *db = fixture_db("r6.db");
	int64_t c = fixture_customer(db, "A", "13900002222", NULL);
	struct remind_opts o = { 0, 0 };
	struct remind *r;
	struct fired f = { 0, 0, NULL };
	uv_loop_t loop;
	char *cause = NULL;
	int64_t due;

	ASSERT_EQ(uv_loop_init(&loop), 0);
	f.loop = &loop;
	ASSERT_EQ(remind_start(&loop, db, "li", &o, on_fire, &f, &r, &cause),
	    0);
	uv_run(&loop, UV_RUN_NOWAIT);	/* the (empty) start-up batch */
	due = when_now() + 2;
	add(db, c, "li", due, "soon");
	remind_changed(r);
	ASSERT(remind_armed_at(r) <= due * 1000 + 60);
	uv_run(&loop, UV_RUN_DEFAULT);
	ASSERT_EQ(f.n, 1);
	ASSERT(f.at_ms >= due * 1000 - 50);
	if (f.at_ms > due * 1000 + 1000)
		fprintf(stderr, "late by %lld ms\n", (long long)(f.at_ms - due * 1000));
	ASSERT(f.at_ms <= due * 1000 + 1000);
	remind_stop(r);
	uv_run(&loop, UV_RUN_DEFAULT);
	ASSERT_EQ(uv_loop_close(&loop), 0);
	db_close(db);
}

static const struct test tests[] = {
	T(due_marks_once_and_next_follows),
	T(warnings_fire_once_before_due),
	T(pool_items_once_per_agent_and_one_claim),
	T(escalation_to_pool),
	T(urgency_care_and_prediction),
	T(engine_fires_at_the_due_second),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
