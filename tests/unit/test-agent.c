/* test-agent.c — registration and the supervisor rule. */
#include <stdlib.h>

#include "kefu/agent.h"
#include "kefu/db.h"
#include "test.h"

TEST(first_is_free_then_supervisors_only)
{
	struct db *db;
	struct agent *a, **v;
	char *cause = NULL;
	int n;

	ASSERT_EQ(db_open(test_path("agents.db"), DB_OPEN_CREATE, &db, &cause),
	    0);
	ASSERT_EQ(agent_count(db), 0);
	ASSERT_EQ(agent_add(db, "boss", NULL, AGENT_ROLE_SUPERVISOR, "boss", 0,
	    &cause), 1);
	ASSERT_EQ(agent_add(db, "li", "李娜", AGENT_ROLE_AGENT, "boss", 0,
	    &cause), 1);
	/* An agent may not add agents, nor an unknown login. */
	ASSERT(agent_add(db, "wang", NULL, AGENT_ROLE_SUPERVISOR, "li", 0,
	    &cause) < 0);
	ASSERT(strstr(cause, "only a supervisor") != NULL);
	free(cause);
	cause = NULL;
	ASSERT(agent_add(db, "wang", NULL, AGENT_ROLE_AGENT, "nobody", 0,
	    &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(agent_add(db, "li", NULL, AGENT_ROLE_AGENT, "boss", 0,
	    &cause) < 0);
	ASSERT(strstr(cause, "already exists") != NULL);
	free(cause);
	cause = NULL;
	ASSERT_EQ(agent_add(db, "li", NULL, AGENT_ROLE_AGENT, "boss", 1,
	    &cause), 0);
	ASSERT_EQ(agent_get(db, "li", &a, &cause), 1);
	ASSERT_STR(a->name, "李娜");
	ASSERT_EQ(a->role, AGENT_ROLE_AGENT);
	agent_free(a);
	n = agent_list(db, &v, &cause);
	ASSERT_EQ(n, 2);
	ASSERT_STR(v[0]->login, "boss");
	agent_list_free(v, n);
	db_close(db);
}

TEST(login_rules)
{
	ASSERT(agent_login_valid("li.na"));
	ASSERT(agent_login_valid("a@b-c_d"));
	ASSERT(!agent_login_valid(""));
	ASSERT(!agent_login_valid("pool"));
	ASSERT(!agent_login_valid("has space"));
	ASSERT(!agent_login_valid("李娜"));
	ASSERT(!agent_login_valid("x\x1b[2J"));
	ASSERT(!agent_login_valid(".."));
	ASSERT(!agent_login_valid("-rf"));
	ASSERT_EQ(agent_role_parse("supervisor"), 1);
	ASSERT_EQ(agent_role_parse("boss"), -1);
}

static const struct test tests[] = {
	T(first_is_free_then_supervisors_only),
	T(login_rules),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
