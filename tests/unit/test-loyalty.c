/* test-loyalty.c — the loyalty ladder rules. */
#include "kefu/loyalty.h"
#include "test.h"

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

static const struct test tests[] = {
	T(ladder),
	T(disappointment_blocks_satisfied),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
