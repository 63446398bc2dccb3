/* test-loyalty.c — the loyalty ladder rules. */
#include <stdlib.h>

#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/loyalty.h"
#include "kefu/xmalloc.h"
#include "test.h"
#include "fixture.h"

TEST(ladder)
{
	struct loyalty_stats s = { 0 };

	ASSERT_EQ(loyalty_stage(&s), LOYALTY_NONE);
	s.contacts = 1;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_QUALITY);
	s.delighted = 1;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_DELIGHT);
	s.contacts = 3, s.satisfied = 2;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_SATISFIED);
	s.contacts = 6, s.satisfied = 4;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_TRUST);
	s.delighted = 3;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_EMOTIONAL);
	s.recent_disappointed = 1, s.disappointed = 1;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_TRUST);
	s.recent_disappointed = 0, s.purchases = 10;
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_BEHAVIOURAL);
	s.open_complaints = 1;	/* an open complaint caps the ladder */
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_QUALITY);
	ASSERT_STR(loyalty_name(LOYALTY_TRUST), "trust");
}

TEST(disappointment_blocks_satisfied)
{
	struct loyalty_stats s = { .contacts = 4, .satisfied = 2,
	    .disappointed = 2 };

	ASSERT_EQ(loyalty_stage(&s), LOYALTY_QUALITY);
}

TEST(stats_from_the_history)
{
	struct db *db = fixture_db("loyalty.db");
	int64_t c = fixture_customer(db, "A", "13800138000", NULL), id;
	const char *outs[] = { "delighted", "satisfied", "disappointed",
	    "satisfied" };
	struct loyalty_stats s;
	char *cause = NULL;

	for (int i = 0; i < 4; i++) {
		struct contact *k = contact_new();
		k->customer_id = c;
		k->agent = xstrdup("li");
		k->started_at = 1000 + i;
		k->outcome = xstrdup(outs[i]);
		k->purchase = i == 0 ? 500 : 0;
		ASSERT_OK(contact_log(db, k, &cause));
		contact_free(k);
	}
	ASSERT_OK(complaint_open(db, c, 0, "li", "product", "x", 0, "li", &id,
	    &cause));
	ASSERT_EQ(loyalty_stats(db, c, &s, &cause), 0);
	ASSERT_EQ(s.contacts, 4);
	ASSERT_EQ(s.purchases, 1);
	ASSERT_EQ(s.delighted, 1);
	ASSERT_EQ(s.satisfied, 2);
	ASSERT_EQ(s.disappointed, 1);
	ASSERT_EQ(s.recent_disappointed, 1);	/* among the last 3 */
	ASSERT_EQ(s.open_complaints, 1);
	ASSERT_EQ(loyalty_stage(&s), LOYALTY_QUALITY);
	db_close(db);
}

static const struct test tests[] = {
	T(stats_from_the_history),
	T(ladder),
	T(disappointment_blocks_satisfied),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
