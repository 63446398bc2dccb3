/*
 * test.h — a tiny test harness in the spirit of libuv's TEST_IMPL.
 *
 * Each test binary lists its tests in a TESTS table and calls test_main().
 * A failed ASSERT prints file:line and the values and ends that test; the
 * binary exits 1 if any test failed.  Tests that touch the database get a
 * fresh directory from test_tmpdir() (removed at exit unless KEEP_TMP=1).
 */
#ifndef KEFU_TEST_H
#define KEFU_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct test {
	const char *name;
	void (*fn)(void);
};

extern int test_failed_here;

#define TEST(name) static void test_##name(void)
#define T(name) { #name, test_##name }

#define FAIL_(...) do { fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); \
	test_failed_here = 1; return; } while (0)

#define ASSERT(c) do { if (!(c)) FAIL_("assertion failed: %s", #c); } while (0)
#define ASSERT_EQ(a, b) do { int64_t a_ = (int64_t)(a), b_ = (int64_t)(b); \
	if (a_ != b_) FAIL_("%s == %s: %" PRId64 " != %" PRId64, #a, #b, a_, b_); } while (0)
#define ASSERT_NE(a, b) do { int64_t a_ = (int64_t)(a), b_ = (int64_t)(b); \
	if (a_ == b_) FAIL_("%s != %s: both %" PRId64, #a, #b, a_); } while (0)
#define ASSERT_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) \
		FAIL_("%s == %s: \"%s\" != \"%s\"", #a, #b, a_ ? a_ : "(null)", \
		    b_ ? b_ : "(null)"); } while (0)
#define ASSERT_OK(e) do { char *c_ = NULL; (void)c_; int r_ = (e); \
	if (r_ < 0) FAIL_("%s failed: %d", #e, r_); } while (0)

/* A fresh temporary directory for this binary (same for every call). */
const char *test_tmpdir(void);
/* A path inside test_tmpdir(); returns a static-lifetime string. */
const char *test_path(const char *name);

int test_main(int argc, char **argv, const struct test *tests);

#endif
