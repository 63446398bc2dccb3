/* test-draft.c — drafts survive on disk and are removed after a save. */
#include <stdlib.h>
#include <sys/stat.h>

#include "kefu/draft.h"
#include "test.h"

TEST(save_load_remove)
{
	char *cause = NULL, *dir;
	json_t *j = json_pack("{s:s,s:s}", "notes", "米快吃完了\n第二行",
	    "reason", "送米"), *back;

	setenv("XDG_STATE_HOME", test_tmpdir(), 1);
	ASSERT_EQ(draft_count("li"), 0);
	ASSERT_EQ(draft_save("li", "contact-42", j, &cause), 0);
	ASSERT_EQ(draft_count("li"), 1);
	back = draft_load("li", "contact-42");
	ASSERT(back != NULL);
	ASSERT_STR(json_string_value(json_object_get(back, "notes")),
	    "米快吃完了\n第二行");
	json_decref(back);
	ASSERT(draft_load("li", "contact-43") == NULL);
	ASSERT(draft_load("other", "contact-42") == NULL);
	draft_remove("li", "contact-42");
	ASSERT(draft_load("li", "contact-42") == NULL);
	ASSERT_EQ(draft_count("li"), 0);
	dir = draft_dir("li");
	ASSERT(strstr(dir, test_tmpdir()) == dir);
	free(dir);
	json_decref(j);
}

TEST(bad_keys_and_unwritable)
{
	char *cause = NULL;
	json_t *j = json_object();
	char path[512];

	setenv("XDG_STATE_HOME", test_tmpdir(), 1);
	ASSERT(draft_save("li", "../escape", j, &cause) < 0);
	free(cause);
	cause = NULL;
	ASSERT(draft_save("li", "", j, &cause) < 0);
	free(cause);
	cause = NULL;
	/* A file where the directory should be: a clear error. */
	snprintf(path, sizeof path, "%s/blocked", test_tmpdir());
	FILE *f = fopen(path, "w");
	fclose(f);
	setenv("XDG_STATE_HOME", path, 1);
	ASSERT(draft_save("li", "contact-1", j, &cause) < 0);
	ASSERT(cause != NULL);
	free(cause);
	json_decref(j);
}

static const struct test tests[] = {
	T(save_load_remove),
	T(bad_keys_and_unwritable),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
