/* test.c — the runner behind test.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

int test_failed_here;
static char tmpdir[256];
static char paths[64][512];
static int npaths;

static void
rm_tmpdir(void)
{
	char cmd[300];
	const char *keep = getenv("KEEP_TMP");

	if (tmpdir[0] == '\0' || (keep != NULL && *keep == '1'))
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *
test_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/kefu-test-XXXXXX",
		    base != NULL ? base : "/tmp");
		if (mkdtemp(tmpdir) == NULL) {
			perror("mkdtemp");
			exit(2);
		}
		atexit(rm_tmpdir);
	}
	return tmpdir;
}

const char *
test_path(const char *name)
{
	if (npaths == 64) {
		fprintf(stderr, "test_path: too many paths\n");
		exit(2);
	}
	snprintf(paths[npaths], sizeof paths[0], "%s/%s", test_tmpdir(), name);
	return paths[npaths++];
}

int
test_main(int argc, char **argv, const struct test *tests)
{
	int failed = 0, ran = 0;

	for (const struct test *t = tests; t->name != NULL; t++) {
		if (argc > 1 && strcmp(argv[1], t->name) != 0)
			continue;
		test_failed_here = 0;
		t->fn();
		ran++;
		printf("%s %s\n", test_failed_here ? "not ok" : "ok", t->name);
		failed += test_failed_here;
	}
	printf("# %d tests, %d failed\n", ran, failed);
	if (ran == 0)
		return 1;
	return failed ? 1 : 0;
}
