/* test-contact.c — logging contacts and reading history newest first. */
#include <stdlib.h>

#include "kefu/contact.h"
#include "kefu/db.h"
#include "kefu/xmalloc.h"
#include "test.h"
#include "fixture.h"

static int
log_one(struct db *db, int64_t cust, int64_t at, const char *disp,
    const char *outcome, const char *notes, char **cause)
{
	struct contact *k = contact_new();
	int rc;

	k->customer_id = cust;
	k->agent = xstrdup("li");
	k->started_at = at;
	free(k->disposition);
	k->disposition = xstrdup(disp);
	k->outcome = outcome ? xstrdup(outcome) : NULL;
	k->notes = notes ? xstrdup(notes) : NULL;
	rc = contact_log(db, k, cause);
	contact_free(k);
	return rc;
}

TEST(log_and_list_newest_first)
{
	struct db *db = fixture_db("contacts.db");
	int64_t id = fixture_customer(db, "王永庆", "13800138000", NULL);
	struct contact **v;
	char *cause = NULL;
	int n;

	ASSERT_EQ(log_one(db, id, 1000, "resolved", "satisfied", "第一次",
	    &cause), 0);
	ASSERT_EQ(log_one(db, id, 3000, "complaint", "disappointed",
	    "米里有虫", &cause), 0);
	ASSERT_EQ(log_one(db, id, 2000, "sale", "delighted", NULL, &cause), 0);
	n = contact_list(db, id, 10, &v, &cause);
	ASSERT_EQ(n, 3);
	ASSERT_EQ(v[0]->started_at, 3000);
	ASSERT_STR(v[0]->notes, "米里有虫");
	ASSERT_STR(v[0]->outcome, "disappointed");
	ASSERT_EQ(v[2]->started_at, 1000);
	contact_list_free(v, n);
	n = contact_list(db, id, 1, &v, &cause);
	ASSERT_EQ(n, 1);
	contact_list_free(v, n);
	db_close(db);
}

TEST(bad_contacts_refused)
{
	struct db *db = fixture_db("badcontacts.db");
	int64_t id = fixture_customer(db, "A", "13800138000", NULL);
	char *cause = NULL;

	ASSERT(log_one(db, id, 0, "maybe", NULL, NULL, &cause) < 0);
	ASSERT(strstr(cause, "disposition") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(log_one(db, id, 0, "resolved", "happy", NULL, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(log_one(db, id, 0, "resolved", NULL, "\xc3\x28", &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(log_one(db, 999, 0, "resolved", NULL, NULL, &cause) < 0);
	ASSERT(strstr(cause, "not found") != NULL);
	free(cause);
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM contacts");
	ASSERT_EQ(db_step(st), DB_ROW);
	ASSERT_EQ(db_col_int(st, 0), 0);
	db_reset(st);
	db_close(db);
}

static const struct test tests[] = {
	T(log_and_list_newest_first),
	T(bad_contacts_refused),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
