/* test-phone.c — phone number normalisation. */
#include <stdlib.h>
#include <string.h>

#include "kefu/phone.h"
#include "test.h"

struct phone_case {
	const char	*raw;
	const char	*cc;
	const char	*want;
};

/* Inputs that normalise, and what they give. */
static const struct phone_case phone_good[] = {
	/* One Chinese mobile written every way agents write it. */
	{ "+86 138-0013-8000", "86", "+8613800138000" },
	{ "13800138000", "86", "+8613800138000" },
	{ "008613800138000", "86", "+8613800138000" },
	{ "+8613800138000", "86", "+8613800138000" },
	{ "(+86) 138 0013 8000", "86", "+8613800138000" },
	{ "8613800138000", "86", "+8613800138000" },
	{ "138.0013.8000", "86", "+8613800138000" },
	{ "138/0013/8000", "86", "+8613800138000" },
	{ "\t 138 0013 8000 \t", "86", "+8613800138000" },
	{ "0086-138-0013-8000", "86", "+8613800138000" },
	{ "+86(138)00138000", "86", "+8613800138000" },
	/* Fullwidth digits, plus and ideographic space. */
	{ "＋８６\xe3\x80\x80１３８\xe3\x80\x80００１３\xe3\x80\x80"
	    "８０００", "86", "+8613800138000" },
	{ "１３８００１３８０００", "86", "+8613800138000" },
	{ "（010）６５５２－９９８８", "86", "+861065529988" },
	/* Chinese landlines with the trunk 0. */
	{ "010-6552 9988", "86", "+861065529988" },
	{ "021 12345678", "86", "+862112345678" },
	{ "(010) 6552-9988", "86", "+861065529988" },
	{ "0755-8888 6666", "86", "+8675588886666" },
	{ "+86 10 6552 9988", "86", "+861065529988" },
	/* Other countries. */
	{ "+1 (415) 555-2671", "86", "+14155552671" },
	{ "0044 20 7946 0958", "86", "+442079460958" },
	{ "+44 20 7946 0958", "86", "+442079460958" },
	{ "+39 06 1234 5678", "86", "+390612345678" },	/* Italy keeps 0 */
	{ "+852 2123 4567", "86", "+85221234567" },
	/* Another default country. */
	{ "(415) 555-2671", "1", "+14155552671" },
	{ "1 415 555 2671", "1", "+14155552671" },
	{ "020 7946 0958", "44", "+442079460958" },
	/* Short numbers still make seven digits with the code. */
	{ "12345", "86", "+8612345" },
	/* Fifteen digits, the E.164 maximum. */
	{ "+86 1234 5678 9012 3", "86", "+861234567890123" },
};

/* Inputs that are refused, with the start of the reason. */
static const struct phone_case phone_bad[] = {
	{ "", "86", "empty" },
	{ "   ", "86", "empty" },
	{ "()-", "86", "no digits" },
	{ "abc", "86", "letters" },
	{ "138OO138000", "86", "letters" },
	{ "tel:13800138000", "86", "letters" },
	{ "138*0013*8000", "86", "unexpected character" },
	{ "138_0013_8000", "86", "unexpected character" },
	{ "138\xff" "00138000", "86", "unexpected character" },
	{ "\xe9\xbb\x84\xe5\xbc\xba", "86", "unexpected character" },
	/* U+012D and U+0120 are not '-' and ' ' in disguise. */
	{ "138\xc4\xad" "0013\xc4\xa0" "8000", "86", "unexpected character" },
	{ "1+3800138000", "86", "'+'" },
	{ "++8613800138000", "86", "'+'" },
	{ "+86 138 +0013 8000", "86", "'+'" },
	{ "13800138000+", "86", "'+'" },
	{ "1234", "86", "too few" },
	{ "+1234", "86", "too few" },
	{ "+123456", "86", "too few" },
	{ "+86 1234 5678 9012 34", "86", "too many" },
	{ "1234567890123456789", "86", "too many" },
	{ "0086 010 6552 9988", "86", "national number" },
	{ "+86 010 6552 9988", "86", "national number" },
	{ "+44 (0)20 7946 0958", "86", "national number" },
	{ "+0 123 4567 890", "86", "country code" },
	{ "000 123 4567 890", "86", "country code" },
	{ "13800138000 x123", "86", "extension" },
	{ "13800138000x123", "86", "extension" },
	{ "13800138000 ext 123", "86", "extension" },
	{ "13800138000 EXT. 123", "86", "extension" },
	{ "010-65529988转123", "86", "extension" },
	{ "010-65529988 分机 123", "86", "extension" },
	{ "13800138000#1", "86", "extension" },
	{ "13800138000,,1", "86", "extension" },
	{ "x13800138000", "86", "letters" },
	{ "13800138000\n", "86", "unexpected character" },
	{ "13800138000", "", "invalid default" },
	{ "13800138000", "1234", "invalid default" },
	{ "13800138000", "0", "invalid default" },
	{ "13800138000", "8a", "invalid default" },
};

/* Whether S starts with PREFIX. */
static int
starts_with(const char *s, const char *prefix)
{
	return (strncmp(s, prefix, strlen(prefix)) == 0);
}

TEST(normalise_good)
{
	char		 out[17];
	const char	*why;
	size_t		 i;

	for (i = 0; i < sizeof phone_good / sizeof phone_good[0]; i++) {
		why = NULL;
		if (phone_normalise(phone_good[i].raw, phone_good[i].cc, out,
		    sizeof out, &why) != 0)
			FAIL_("'%s' refused: %s", phone_good[i].raw, why);
		ASSERT_STR(out, phone_good[i].want);
	}
}

TEST(normalise_bad)
{
	char		 out[17];
	const char	*why;
	size_t		 i;

	for (i = 0; i < sizeof phone_bad / sizeof phone_bad[0]; i++) {
		why = NULL;
		memset(out, 'z', sizeof out);
		if (phone_normalise(phone_bad[i].raw, phone_bad[i].cc, out,
		    sizeof out, &why) != -1)
			FAIL_("'%s' accepted as %s", phone_bad[i].raw, out);
		ASSERT(why != NULL);
		if (!starts_with(why, phone_bad[i].want) &&
		    strstr(why, phone_bad[i].want) == NULL)
			FAIL_("'%s': reason '%s', want '%s'", phone_bad[i].raw,
			    why, phone_bad[i].want);
		ASSERT_STR(out, "");
	}
}

TEST(normalise_null)
{
	char		 out[17];
	const char	*why = NULL;

	ASSERT_EQ(phone_normalise(NULL, "86", out, sizeof out, &why), -1);
	ASSERT(why != NULL);
	/* WHY may be NULL; the call still fails cleanly. */
	ASSERT_EQ(phone_normalise("abc", "86", out, sizeof out, NULL), -1);
	ASSERT_EQ(phone_normalise("13800138000", "86", out, sizeof out, NULL),
	    0);
	ASSERT_STR(out, "+8613800138000");
}

TEST(normalise_buffer)
{
	char		 out[32];
	const char	*why = NULL;

	/* Too small a buffer is refused without a byte written past it. */
	memset(out, 'z', sizeof out);
	ASSERT_EQ(phone_normalise("13800138000", "86", out, 16, &why), -1);
	ASSERT(why != NULL);
	ASSERT_EQ(out[0], '\0');
	ASSERT_EQ(out[16], 'z');
	ASSERT_EQ(phone_normalise("13800138000", "86", out, 0, &why), -1);
	ASSERT_EQ(phone_normalise("13800138000", "86", NULL, 17, &why), -1);
	/* The longest result fits 17 bytes exactly. */
	memset(out, 'z', sizeof out);
	ASSERT_EQ(phone_normalise("+123456789012345", "86", out, 17, &why), 0);
	ASSERT_STR(out, "+123456789012345");
	ASSERT_EQ(out[17], 'z');
}

TEST(normalise_long_input)
{
	char		 out[17];
	const char	*why = NULL;
	char		*in;
	size_t		 n = 100000;

	in = malloc(n + 1);
	ASSERT(in != NULL);
	memset(in, '1', n);
	in[n] = '\0';
	ASSERT_EQ(phone_normalise(in, "86", out, sizeof out, &why), -1);
	ASSERT(strstr(why, "too long") != NULL);
	/* Separators alone are too long as well. */
	memset(in, ' ', n);
	memcpy(in + n - 11, "13800138000", 11);
	ASSERT_EQ(phone_normalise(in, "86", out, sizeof out, &why), -1);
	ASSERT(strstr(why, "too long") != NULL);
	/* Just inside the limit is fine. */
	memset(in, ' ', 128);
	memcpy(in + 128 - 11, "13800138000", 11);
	in[128] = '\0';
	ASSERT_EQ(phone_normalise(in, "86", out, sizeof out, &why), 0);
	ASSERT_STR(out, "+8613800138000");
	free(in);
}

TEST(default_cc)
{
	char		 out[17];
	const char	*why = NULL;

	unsetenv("KEFU_COUNTRY");
	ASSERT_STR(phone_default_cc(), "86");
	setenv("KEFU_COUNTRY", "44", 1);
	ASSERT_STR(phone_default_cc(), "44");
	ASSERT_EQ(phone_normalise("020 7946 0958", NULL, out, sizeof out,
	    &why), 0);
	ASSERT_STR(out, "+442079460958");
	setenv("KEFU_COUNTRY", "1", 1);
	ASSERT_STR(phone_default_cc(), "1");
	setenv("KEFU_COUNTRY", "852", 1);
	ASSERT_STR(phone_default_cc(), "852");
	setenv("KEFU_COUNTRY", "1234", 1);
	ASSERT_STR(phone_default_cc(), "86");
	setenv("KEFU_COUNTRY", "", 1);
	ASSERT_STR(phone_default_cc(), "86");
	setenv("KEFU_COUNTRY", "uk", 1);
	ASSERT_STR(phone_default_cc(), "86");
	setenv("KEFU_COUNTRY", "0", 1);
	ASSERT_STR(phone_default_cc(), "86");
	setenv("KEFU_COUNTRY", "44 ", 1);
	ASSERT_STR(phone_default_cc(), "86");
	unsetenv("KEFU_COUNTRY");
	ASSERT_EQ(phone_normalise("13800138000", NULL, out, sizeof out, &why),
	    0);
	ASSERT_STR(out, "+8613800138000");
}

TEST(like)
{
	ASSERT(phone_like("138 0013", 7));
	ASSERT(phone_like("+86 138-0013-8000", 7));
	ASSERT(phone_like("(+86) 138", 5));
	ASSERT(phone_like("１３８００", 5));
	ASSERT(phone_like("8000", 4));
	ASSERT(!phone_like("8000", 5));
	ASSERT(!phone_like("黄强", 1));
	ASSERT(!phone_like("abc123", 3));
	ASSERT(!phone_like("1+23", 1));
	ASSERT(!phone_like("++123", 1));
	ASSERT(!phone_like("123 x45", 1));
	ASSERT(!phone_like("", 0));
	ASSERT(!phone_like("   ", 0));
	ASSERT(!phone_like("+", 0));
	ASSERT(!phone_like(NULL, 0));
	ASSERT(phone_like("1", 0));
}

TEST(digits)
{
	char	out[32];

	phone_digits("+86 (138) 0013-8000", out, sizeof out);
	ASSERT_STR(out, "8613800138000");
	phone_digits("１３８ab9", out, sizeof out);
	ASSERT_STR(out, "1389");
	phone_digits("no digits", out, sizeof out);
	ASSERT_STR(out, "");
	phone_digits(NULL, out, sizeof out);
	ASSERT_STR(out, "");
	memset(out, 'z', sizeof out);
	phone_digits("13800138000", out, 5);
	ASSERT_STR(out, "1380");
	ASSERT_EQ(out[5], 'z');
	phone_digits("13800138000", out, 1);
	ASSERT_STR(out, "");
	out[0] = 'z';
	phone_digits("13800138000", out, 0);
	ASSERT_EQ(out[0], 'z');
}

static const struct test tests[] = {
	T(normalise_good),
	T(normalise_bad),
	T(normalise_null),
	T(normalise_buffer),
	T(normalise_long_input),
	T(default_cc),
	T(like),
	T(digits),
	{ NULL, NULL },
};

/* Run the test named by argv[1], or all of them. */
int
main(int argc, char **argv)
{
	return (test_main(argc, argv, tests));
}
