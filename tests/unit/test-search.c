/* test-search.c — search as you type: Chinese 1–2 characters, Latin
 * prefixes, phone fragments, notes. */
#include <stdlib.h>

#include "kefu/db.h"
#include "kefu/search.h"
#include "test.h"
#include "fixture.h"

static struct db *db;
static int64_t huang, wang, wangyq, emily, james;

static void
setup(void)
{
	if (db != NULL)
		return;
	db = fixture_db("search.db");
	huang = fixture_customer(db, "黄强", "13800001111", "喜欢东北大米");
	wang = fixture_customer(db, "王芳", "13900002222", NULL);
	wangyq = fixture_customer(db, "王永庆", "+86 138-0013-8000",
	    "每月初买一袋20公斤大米");
	emily = fixture_customer(db, "Emily Chen", "+1 415 555 2671",
	    "prefers email, works night shifts");
	james = fixture_customer(db, "James Wong", "13700003333", NULL);
	/* Decoys: "黄" and "强" apart must not match the phrase "黄强". */
	fixture_customer(db, "强黄明", "13600004444", NULL);
}

/* The ids QUERY finds, as a comma list in result order. */
static char *
found(const char *query)
{
	struct search_hit *h;
	char *cause = NULL;
	static char buf[256];
	int n = search_customers(db, query, 20, &h, &cause);

	buf[0] = '\0';
	if (n < 0) {
		snprintf(buf, sizeof buf, "error: %s", cause);
		free(cause);
		return buf;
	}
	for (int i = 0; i < n; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%lld",
		    i ? "," : "", (long long)h[i].id);
	search_hits_free(h, n);
	return buf;
}

static char *
ids(int64_t a, int64_t b)
{
	static char buf[64];

	if (b == 0)
		snprintf(buf, sizeof buf, "%lld", (long long)a);
	else
		snprintf(buf, sizeof buf, "%lld,%lld", (long long)a,
		    (long long)b);
	return buf;
}

TEST(chinese_short_queries)
{
	setup();
	ASSERT_STR(found("黄强"), ids(huang, 0));
	ASSERT_STR(found("王"), ids(wangyq, wang));	/* newest first */
	ASSERT_STR(found("永庆"), ids(wangyq, 0));
	ASSERT_STR(found("大米"), ids(wangyq, huang));	/* notes */
}

TEST(latin_prefix_and_case)
{
	setup();
	ASSERT_STR(found("emi"), ids(emily, 0));
	ASSERT_STR(found("WONG"), ids(james, 0));
	ASSERT_STR(found("j w"), ids(james, 0));
	ASSERT_STR(found("night"), ids(emily, 0));
	ASSERT_STR(found("zzz"), "");
}

TEST(phone_fragments_and_whole_numbers)
{
	setup();
	ASSERT_STR(found("0013"), ids(wangyq, 0));
	ASSERT_STR(found("138 0013 8000"), ids(wangyq, 0));
	ASSERT_STR(found("+8613800138000"), ids(wangyq, 0));
	ASSERT_STR(found("2222"), ids(wang, 0));
	ASSERT_STR(found("5552671"), ids(emily, 0));
}

TEST(hostile_queries)
{
	const char *q[] = { "\"", "*", "\"黄", "AND", "NOT OR", "a:b",
	    "NEAR(a b)", "(((", "^", "\xff\xfe", "", " ", "-", "'; DROP",
	    "黄\"强", "{name}: x" };

	setup();
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		const char *r = found(q[i]);
		ASSERT(strncmp(r, "error", 5) != 0);
	}
}

TEST(fts_query_shape)
{
	char *s = search_fts_query("黄强 li");
	ASSERT_STR(s, "\"黄 强\" \"li\"*");
	free(s);
	s = search_fts_query("   ");
	ASSERT(s == NULL || *s == '\0');
	free(s);
}

TEST(index_follows_updates)
{
	struct customer *c;
	char *cause = NULL;

	setup();
	ASSERT_EQ(customer_get(db, james, &c, &cause), 1);
	free(c->name);
	c->name = strdup("詹姆斯");
	ASSERT_EQ(customer_update(db, c, "li", &cause), 0);
	customer_free(c);
	ASSERT_STR(found("wong"), "");
	ASSERT_STR(found("詹姆"), ids(james, 0));
}

static const struct test tests[] = {
	T(chinese_short_queries),
	T(latin_prefix_and_case),
	T(phone_fragments_and_whole_numbers),
	T(hostile_queries),
	T(fts_query_shape),
	T(index_follows_updates),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	int rc = test_main(argc, argv, tests);
	db_close(db);
	return rc;
}
