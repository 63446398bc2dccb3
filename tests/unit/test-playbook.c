/* test-playbook.c — the parser (errors located), the runner (branches,
 * skips, time per stage, JSON), storage with versions, and choosing. */
#include <jansson.h>
#include <stdlib.h>

#include "kefu/contact.h"
#include "kefu/db.h"
#include "kefu/playbook.h"
#include "kefu/xmalloc.h"
#include "test.h"
#include "fixture.h"

static const char good[] =
    "\xEF\xBB\xBF# a test playbook\r\n"
    "playbook: t\r\n"
    "version: 2\r\n"
    "title: Test 测试\r\n"
    "segments: vip normal\r\n"
    "reasons: complaint 投诉\r\n"
    "priority: 5\r\n"
    "stage: explore\r\n"
    "step: hello\r\n"
    "  say: Hi {customer.name}, I am {agent.name} {{x}}\r\n"
    "  ask: Mood?\r\n"
    "  choice: calm = Calm\r\n"
    "  choice: angry = Angry -> soothe\r\n"
    "step: listen\r\n"
    "  ask: What happened?\r\n"
    "  goto: fix\r\n"
    "step: soothe\r\n"
    "  say: Let them talk.\r\n"
    "  goto: listen\r\n"
    "stage: offer\r\n"
    "step: fix\r\n"
    "  say: We fix it.\r\n"
    "stage: do\r\n"
    "step: gift\r\n"
    "  say: A small gift.\r\n"
    "  value-added: yes\r\n"
    "  disposition: sale\r\n"
    "stage: confirm\r\n"
    "step: ok\r\n"
    "  ask: As expected?\r\n"
    "  choice: delighted = Better\r\n"
    "  choice: satisfied = Same\r\n"
    "  choice: disappointed = Worse -> end\r\n"
    "  confirm: yes\r\n"
    "step: bye\r\n"
    "  say: Bye.\r\n";

static struct playbook *
parse_ok(const char *text)
{
	struct playbook_errors e = { NULL, 0 };
	struct playbook *pb = NULL;

	if (playbook_parse(text, strlen(text), &pb, &e) != 0) {
		for (int i = 0; i < e.n; i++)
			fprintf(stderr, "%d:%d: %s\n", e.v[i].line, e.v[i].col,
			    e.v[i].msg);
		playbook_errors_free(&e);
		return NULL;
	}
	return pb;
}

/* Parse TEXT expecting failure: the error starting with WANT as
 * "f:LINE:COL: msg", else all of them. */
static char *
error_like(const char *text, size_t len, const char *want)
{
	struct playbook_errors e = { NULL, 0 };
	struct playbook *pb = NULL;
	char *s = xstrdup(""), *t, *one;

	if (playbook_parse(text, len, &pb, &e) == 0) {
		playbook_free(pb);
		free(s);
		return xstrdup("(parsed)");
	}
	for (int i = 0; i < e.n; i++) {
		one = playbook_error_format("f", &e.v[i]);
		if (strncmp(one, want, strlen(want)) == 0) {
			free(s);
			s = one;
			break;
		}
		t = xasprintf("%s[%s]", s, one);
		free(one);
		free(s);
		s = t;
	}
	playbook_errors_free(&e);
	return pb != NULL ? xstrdup("(both)") : s;
}

TEST(parse_good_bom_crlf)
{
	struct playbook *pb = parse_ok(good);

	ASSERT(pb != NULL);
	ASSERT_STR(pb->name, "t");
	ASSERT_EQ(pb->version, 2);
	ASSERT_STR(pb->title, "Test 测试");
	ASSERT_EQ(pb->nsteps, 7);
	ASSERT_EQ(pb->nsegments, 2);
	ASSERT_STR(pb->reasons[1], "投诉");
	ASSERT_EQ(pb->steps[0].nchoices, 2);
	ASSERT_EQ(pb->steps[0].choices[1].target, 2);
	ASSERT_EQ(pb->steps[1].next, 3);
	ASSERT_EQ(pb->steps[4].value_added, 1);
	ASSERT_EQ(pb->confirm, 5);
	ASSERT_EQ(pb->steps[5].choices[2].target, PLAYBOOK_END);
	ASSERT_EQ(pb->steps[6].next, -1);
	playbook_free(pb);
}

static const char *
vars(const char *name, void *arg)
{
	(void)arg;
	return strcmp(name, "customer.name") == 0 ? "王永庆" : NULL;
}

TEST(fill_variables)
{
	char *s = playbook_fill("Hi {customer.name}, {agent.name}! {{x}}",
	    vars, NULL);

	ASSERT_STR(s, "Hi 王永庆, ! {x}");
	free(s);
}

/* Each broken text and where its (first) error must be reported. */
static const struct {
	const char *text;
	const char *want;	/* prefix of the first error */
} bad[] = {
	{ "", "f:1:1: empty playbook" },
	{ "playbook: x\nversion: 1\ntitle: x\nstage: explore\nstep: a\n"
	  "say: {customer.nmae}\n", "f:6:6: unknown variable '{customer.nmae}'" },
	{ "playbook: x\nstage: explore\nstep: a\nsay: x\nstep: a\n",
	  "f:1:1: missing 'version: N'" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\nsay: x\n"
	  "step: a\nsay: y\n", "f:7:7: duplicate step id 'a' (first at line 5)" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\nask: q\n"
	  "choice: k = K -> nowhere\nstage: offer\nstep: b\nsay: x\n"
	  "stage: do\nstep: c\nsay: x\nstage: confirm\nstep: d\nask: ok?\n"
	  "choice: delighted = a\nchoice: satisfied = b\n"
	  "choice: disappointed = c\nconfirm: yes\n",
	  "f:7:18: no step 'nowhere'" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\nsay: x\n"
	  "stage: offer\nstep: b\nsay: x\nstage: do\nstep: c\nsay: x\n",
	  "f:12:1: missing 'stage: confirm'" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: offer\nstep: a\nsay: x\n"
	  "stage: explore\n", "f:4:8: expected 'stage: explore' before" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\nsay: x\n"
	  "goto: c\nstage: offer\nstep: b\nsay: x\nstage: do\nstep: c\n"
	  "say: x\nstage: confirm\nstep: d\nask: ok?\n"
	  "choice: delighted = a\nchoice: satisfied = b\n"
	  "choice: disappointed = c\nconfirm: yes\n",
	  "f:9:1: step 'b' is unreachable" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\n"
	  "say: x\xff\n", "f:6:7: invalid UTF-8 (byte 0xFF)" },
	{ "playbook: x\nversion: 1\ntitle\n", "f:3:1: expected 'key: value'" },
	{ "playbook: x\nversion: one\n", "f:2:10: expected a version" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\n"
	  "say: x\nstage: offer\nstep: b\nsay: x\nstage: do\nstep: c\n"
	  "say: x\nstage: confirm\nstep: d\nask: ok?\nchoice: yes = Yes\n"
	  "confirm: yes\n", "f:14:1: Confirm question 'd': choice 'yes'" },
	{ "playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\n"
	  "say: x\nstage: offer\nstep: b\nsay: x\nstage: do\nstep: c\n"
	  "say: x\nstage: confirm\nstep: d\nsay: thanks\n",
	  "f:13:1: no Confirm question" },
};

TEST(errors_are_located)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *e = error_like(bad[i].text, strlen(bad[i].text),
		    bad[i].want);
		if (strncmp(e, bad[i].want, strlen(bad[i].want)) != 0) {
			fprintf(stderr, "case %zu: got '%s'\n", i, e);
			free(e);
			ASSERT(0);
		}
		free(e);
	}
}

TEST(hostile_bytes)
{
	char *big = xmalloc(PLAYBOOK_MAX_BYTES + 10), *e;
	static const char bin[] = "playbook: x\n\x00\x01\x02 binary";

	memset(big, 'a', PLAYBOOK_MAX_BYTES + 10);
	e = error_like(big, PLAYBOOK_MAX_BYTES + 10, "f:1:1: file too large");
	ASSERT(strncmp(e, "f:1:1: file too large", 21) == 0);
	free(e);
	/* Megabytes of one line: one error, no crash. */
	e = error_like(big, PLAYBOOK_MAX_BYTES, "f:1:1: line too long");
	ASSERT(strncmp(e, "f:1:1: line too long", 20) == 0);
	free(e);
	for (size_t i = 0; i < PLAYBOOK_MAX_BYTES; i++)
		big[i] = i % 2 ? '\n' : '{';
	e = error_like(big, PLAYBOOK_MAX_BYTES, "f:1:1: expected 'key: value'");
	ASSERT(strncmp(e, "f:1:1: expected 'key: value'", 28) == 0);
	free(e);
	free(big);
	e = error_like(bin, sizeof bin - 1, "f:2:1: control character U+0000");
	ASSERT(strncmp(e, "f:2:1: control character U+0000", 31) == 0);
	free(e);
}

TEST(run_branch_skip_and_json)
{
	struct playbook *pb = parse_ok(good);
	struct playbook_run *r;
	json_t *j;
	char *text;

	ASSERT(pb != NULL);
	r = playbook_run_new(pb, 7, 1000);
	ASSERT_EQ(playbook_run_current(r), 0);
	ASSERT_EQ(playbook_run_choose(r, 5, 1001), -1);	/* no choice 6 */
	ASSERT_EQ(playbook_run_choose(r, 1, 1010), 0);	/* angry → soothe */
	ASSERT_EQ(playbook_run_current(r), 2);
	ASSERT_EQ(playbook_run_next(r, 1015), 0);	/* soothe → listen */
	ASSERT_EQ(playbook_run_current(r), 1);
	ASSERT_EQ(playbook_run_next(r, 1020), 0);	/* skip the question */
	ASSERT_EQ(playbook_run_state(r, 1), 2);
	ASSERT_EQ(playbook_run_current(r), 3);		/* goto fix */
	ASSERT_EQ(playbook_run_back(r, 1021), 0);
	ASSERT_EQ(playbook_run_current(r), 1);
	ASSERT_EQ(playbook_run_answer(r, "米里有虫", 1030), 0);
	ASSERT_EQ(playbook_run_state(r, 1), 1);
	ASSERT_EQ(playbook_run_next(r, 1040), 0);	/* fix → gift */
	ASSERT_EQ(playbook_run_next(r, 1050), 0);	/* gift → ok */
	ASSERT(!playbook_run_confirmed(r));
	ASSERT_STR(playbook_run_disposition(r), "sale");
	ASSERT_EQ(playbook_run_choose(r, 1, 1060), 0);
	ASSERT(playbook_run_confirmed(r));
	ASSERT_STR(playbook_run_outcome(r), "satisfied");
	ASSERT_EQ(playbook_run_current(r), 6);
	/* hello 10 s, soothe 5, listen 5 + 9 after coming back */
	ASSERT_EQ(playbook_run_seconds(r, PLAYBOOK_EXPLORE, 1060), 29);
	ASSERT_EQ(playbook_run_seconds(r, PLAYBOOK_OFFER, 1060), 11);
	ASSERT_EQ(playbook_run_seconds(r, PLAYBOOK_CONFIRM, 1070), 20);
	text = playbook_run_json(r, 1070);
	j = json_loads(text, 0, NULL);
	ASSERT(j != NULL);
	ASSERT_STR(json_string_value(json_object_get(j, "playbook")), "t");
	ASSERT_EQ(json_integer_value(json_object_get(j, "version")), 2);
	ASSERT_STR(json_string_value(json_object_get(json_object_get(j,
	    "answers"), "hello")), "angry");
	ASSERT_STR(json_string_value(json_object_get(json_object_get(j,
	    "answers"), "listen")), "米里有虫");
	ASSERT_EQ(json_array_size(json_object_get(j, "skipped")), 0);
	ASSERT_STR(json_string_value(json_object_get(j, "confirm")),
	    "satisfied");
	ASSERT(json_is_false(json_object_get(j, "left_script")));
	ASSERT_EQ(json_integer_value(json_object_get(json_object_get(j,
	    "stage_seconds"), "explore")), 29);
	json_decref(j);
	free(text);
	/* The disappointed branch ends the script at once. */
	ASSERT_EQ(playbook_run_back(r, 1080), 0);
	ASSERT_EQ(playbook_run_choose(r, 2, 1081), 0);
	ASSERT_EQ(playbook_run_current(r), -1);
	ASSERT_STR(playbook_run_outcome(r), "disappointed");
	playbook_run_free(r);
}

TEST(run_skipped_is_left_script)
{
	struct playbook_run *r = playbook_run_new(parse_ok(good), 0, 0);
	json_t *j;
	char *text;

	ASSERT_EQ(playbook_run_next(r, 5), 0);	/* skip "Mood?" */
	text = playbook_run_json(r, 6);
	j = json_loads(text, 0, NULL);
	ASSERT(json_is_true(json_object_get(j, "left_script")));
	ASSERT_STR(json_string_value(json_array_get(json_object_get(j,
	    "skipped"), 0)), "hello");
	ASSERT(json_is_null(json_object_get(j, "confirm")));
	json_decref(j);
	free(text);
	playbook_run_free(r);
}

TEST(store_versions_and_contact)
{
	struct db *db = fixture_db("playbook.db");
	int64_t cust = fixture_customer(db, "王永庆", "13800138000", NULL);
	struct playbook *pb = parse_ok(good);
	struct playbook_info **v, *p;
	struct playbook **all;
	struct contact *k;
	struct db_stmt *st;
	int64_t id, id2, *ids;
	char *cause = NULL, *changed;
	int n;

	ASSERT_EQ(playbook_store_import(db, pb, good, "boss", &id, &cause), 1);
	ASSERT_EQ(playbook_store_import(db, pb, good, "boss", &id2, &cause), 0);
	ASSERT_EQ(id, id2);
	changed = xasprintf("%s# changed\n", good);
	ASSERT(playbook_store_import(db, pb, changed, "boss", &id2,
	    &cause) < 0);
	ASSERT(strstr(cause, "raise 'version:'") != NULL);
	free(cause);
	cause = NULL;
	free(changed);
	ASSERT_EQ(playbook_store_list(db, &v, &cause), 1);
	ASSERT_STR(v[0]->name, "t");
	playbook_info_list_free(v, 1);
	ASSERT_EQ(playbook_store_get(db, "t", 0, &p, &cause), 1);
	ASSERT_STR(p->source, good);
	playbook_info_free(p);
	ASSERT_EQ(playbook_store_get(db, "t", 9, &p, &cause), 0);
	n = playbook_store_latest(db, &all, &ids, &cause);
	ASSERT_EQ(n, 1);
	ASSERT_EQ(ids[0], id);
	playbook_list_free(all, ids, n);
	/* A contact records the version that ran and the run. */
	k = contact_new();
	k->customer_id = cust;
	k->agent = xstrdup("li");
	k->playbook_id = id;
	k->playbook_run = xstrdup("{\"playbook\":\"t\",\"version\":2}");
	ASSERT_EQ(contact_log(db, k, &cause), 0);
	st = db_prepare(db, "SELECT p.version, k.playbook_run FROM contacts k"
	    " JOIN playbooks p ON p.id = k.playbook_id WHERE k.id = ?");
	db_bind_int(st, 1, k->id);
	ASSERT_EQ(db_step(st), DB_ROW);
	ASSERT_EQ(db_col_int(st, 0), 2);
	ASSERT_STR(db_col_text(st, 1), "{\"playbook\":\"t\",\"version\":2}");
	db_reset(st);
	contact_free(k);
	playbook_free(pb);
	db_close(db);
}

TEST(choose_by_rules)
{
	static const char *const texts[] = {
	    "playbook: any\nlanguage: en\n",
	    "playbook: vip\nsegments: vip\npriority: 30\nlanguage: en\n",
	    "playbook: complaint-en\nreasons: complaint\npriority: 100\n"
	    "language: en\n",
	    "playbook: complaint-zh\nreasons: complaint 投诉\npriority: 100\n"
	    "language: zh_CN\n",
	};
	static const char tail[] = "version: 1\ntitle: t\nstage: explore\n"
	    "step: a\nsay: x\nstage: offer\nstep: b\nsay: x\nstage: do\n"
	    "step: c\nsay: x\nstage: confirm\nstep: d\nask: ok?\n"
	    "choice: delighted = a\nchoice: satisfied = b\n"
	    "choice: disappointed = c\nconfirm: yes\n";
	struct playbook *v[4];
	int order[4];

	for (int i = 0; i < 4; i++) {
		char *t = xasprintf("%s%s", texts[i], tail);
		v[i] = parse_ok(t);
		free(t);
		ASSERT(v[i] != NULL);
	}
	ASSERT_EQ(playbook_choose(v, 4, "vip", "客户投诉送货慢", "zh_CN.UTF-8",
	    order), 3);
	ASSERT_EQ(order[0], 3);		/* complaint, by its Chinese word */
	ASSERT_EQ(order[1], 1);		/* then the VIP review */
	ASSERT_EQ(order[2], 0);
	ASSERT_EQ(order[3], 2);		/* no match: last */
	ASSERT_EQ(playbook_choose(v, 4, "normal", NULL, "C.UTF-8", order), 1);
	ASSERT_EQ(order[0], 0);
	ASSERT_EQ(playbook_choose(v, 4, "vip", "Complaint about X", "en_GB",
	    order), 4);
	ASSERT_EQ(order[0], 2);
	for (int i = 0; i < 4; i++)
		playbook_free(v[i]);
}

TEST(shipped_playbooks_parse)
{
	static const char *const names[] = { "complaint-zh", "complaint-en",
	    "care-zh", "care-en", "welcome-zh", "welcome-en", "vip-review-zh",
	    "vip-review-en" };
	const char *src = getenv("KEFU_SRC");

	ASSERT(src != NULL);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = xasprintf("%s/playbooks/%s.playbook", src, names[i]);
		FILE *f = fopen(path, "rb");
		char buf[65536];
		size_t n;
		struct playbook *pb;

		free(path);
		ASSERT(f != NULL);
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		pb = parse_ok(buf);
		ASSERT(pb != NULL);
		ASSERT_STR(pb->name, names[i]);
		ASSERT(pb->confirm >= 0);
		playbook_free(pb);
	}
}

static const struct test tests[] = {
	T(parse_good_bom_crlf),
	T(fill_variables),
	T(errors_are_located),
	T(hostile_bytes),
	T(run_branch_skip_and_json),
	T(run_skipped_is_left_script),
	T(store_versions_and_contact),
	T(choose_by_rules),
	T(shipped_playbooks_parse),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
