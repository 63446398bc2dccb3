/* test-kpi.c — Erlang B/C against published values, call events and the
 * figures they make. */
#include <math.h>
#include <stdlib.h>

#include "kefu/call.h"
#include "kefu/contact.h"
#include "kefu/xmalloc.h"
#include "kefu/kpi.h"
#include "kefu/when.h"
#include "test.h"
#include "fixture.h"

#define NEAR(a, b, eps) (fabs((a) - (b)) < (eps))

TEST(erlang_known_values)
{
	int capped;

	/* 10 Erlangs: P(wait) with 11..14 agents (textbook table). */
	ASSERT(NEAR(erlang_c(10, 11), 0.6821, 1e-4));
	ASSERT(NEAR(erlang_c(10, 12), 0.4494, 1e-4));
	ASSERT(NEAR(erlang_c(10, 14), 0.1741, 1e-4));
	ASSERT(NEAR(erlang_b(10, 10), 0.2146, 1e-4));
	ASSERT(erlang_c(10, 10) == 1.0);	/* unstable: everyone waits */
	/* 80/20 with AHT 180 s needs 14 (13 gives 79.6%). */
	ASSERT(NEAR(erlang_sl(10, 13, 180, 20), 0.7956, 1e-4));
	ASSERT_EQ(erlang_agents(10, 180, 20, 0.80, 0.85, &capped), 14);
	ASSERT_EQ(capped, 0);
	/* A lax target: the 85% occupancy cap decides (ceil(10/0.85)). */
	ASSERT_EQ(erlang_agents(10, 180, 20, 0.10, 0.85, &capped), 12);
	ASSERT_EQ(capped, 1);
	ASSERT_EQ(erlang_agents(0, 180, 20, 0.8, 0.85, &capped), 0);
}

TEST(events_and_figures)
{
	struct db *db = fixture_db("kpi.db");
	int64_t day = when_day_start(when_now()) - 86400, c1, c2, c3;
	char *cause = NULL;
	struct kpi k;

	ASSERT(fixture_customer(db, "王永庆", "13800138000", NULL) > 0);
	ASSERT_OK(call_offer(db, "13800138000", NULL, day + 36000, "boss", &c1,
	    &cause));
	ASSERT_OK(call_offer(db, "139 0000 0002", "sales", day + 36060, "boss",
	    &c2, &cause));
	ASSERT_OK(call_offer(db, "anonymous", NULL, day + 36120, "boss", &c3,
	    &cause));
	ASSERT_OK(call_answer(db, c1, "li", day + 36010, "li", &cause));
	ASSERT_OK(call_abandon(db, c2, day + 36075, "boss", &cause));
	/* Out of order: refused, audited, nothing changed. */
	ASSERT(call_answer(db, c2, "li", day + 36080, "li", &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(call_end(db, c3, day + 36200, "boss", &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(call_answer(db, c3, "ghost", day + 36130, "boss", &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(call_end(db, c1, day + 36005, "boss", &cause) < 0);	/* early */
	free(cause);
	cause = NULL;
	ASSERT_OK(call_end(db, c1, day + 36190, "boss", &cause));
	ASSERT_OK(call_wrapup_done(db, "li", day + 36220, &cause));

	ASSERT_OK(kpi_compute(db, day, day + 86400, day + 40000, 20, 80, &k,
	    &cause));
	ASSERT_EQ(k.offered, 3);
	ASSERT_EQ(k.answered, 1);
	ASSERT_EQ(k.abandoned, 1);
	ASSERT_EQ(k.waiting, 1);	/* the anonymous one */
	ASSERT(NEAR(k.sl, 100.0, 1e-9));		/* 10 s <= 20 */
	ASSERT(NEAR(k.sl2, 100.0, 1e-9));	/* abandoned after 15 s */
	ASSERT(NEAR(k.abandon_pct, 100.0 / 3, 1e-9));
	ASSERT(NEAR(k.asa, 10.0, 1e-9));
	ASSERT(NEAR(k.aht, 180.0 + 30.0, 1e-9));
	ASSERT_EQ(k.slot_offered[40], 3);	/* 10:00-10:15 */
	ASSERT(k.fcr < 0);			/* no contacts: no figure */
	db_close(db);
}

static void
contact_at(struct db *db, int64_t cust, int64_t at, const char *disp,
    const char *outcome)
{
	struct contact *k = contact_new();
	char *cause = NULL;

	k->customer_id = cust;
	k->agent = xstrdup("li");
	k->started_at = at;
	free(k->disposition);
	k->disposition = xstrdup(disp);
	k->outcome = outcome != NULL ? xstrdup(outcome) : NULL;
	if (contact_log(db, k, &cause) != 0)
		fprintf(stderr, "contact_at: %s\n", cause);
	free(cause);
	contact_free(k);
}

TEST(fcr_and_satisfaction_by_hand)
{
	struct db *db = fixture_db("fcr.db");
	int64_t day = when_day_start(when_now()) - 10 * 86400;
	int64_t a = fixture_customer(db, "A", "13800000001", NULL);
	int64_t b = fixture_customer(db, "B", "13800000002", NULL);
	int64_t c = fixture_customer(db, "C", "13800000003", NULL);
	char *cause = NULL;
	struct kpi k;

	/* In the period (day 0): A resolved, and calls back 3 days later
	 * (not first-contact); B resolved, calls back 8 days later (still
	 * first-contact: > 7 days); C callback (not resolved). */
	contact_at(db, a, day + 3600, "resolved", "delighted");
	contact_at(db, b, day + 7200, "resolved", "satisfied");
	contact_at(db, c, day + 9000, "callback", "disappointed");
	contact_at(db, a, day + 3 * 86400, "info", NULL);
	contact_at(db, b, day + 8 * 86400, "info", NULL);
	ASSERT_OK(kpi_compute(db, day, day + 86400, day + 86400, 20, 80, &k,
	    &cause));
	/* By hand: 3 contacts; first-contact resolved: B only -> 33.33%;
	 * rated 3, happy 2 -> 66.67%. */
	ASSERT_EQ(k.contacts, 3);
	ASSERT_EQ(k.resolved_first, 1);
	ASSERT(NEAR(k.fcr, 100.0 / 3, 1e-9));
	ASSERT_EQ(k.rated, 3);
	ASSERT(NEAR(k.satisfaction, 200.0 / 3, 1e-9));
	db_close(db);
}

static const struct test tests[] = {
	T(fcr_and_satisfaction_by_hand),
	T(erlang_known_values),
	T(events_and_figures),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
