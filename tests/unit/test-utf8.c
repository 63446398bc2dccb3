/* test-utf8.c — decoding, widths, sanitising and search keys. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/utf8.h"
#include "test.h"

/* Whether the string S is valid UTF-8. */
static int
valid_string(const char *s)
{
	return (utf8_valid(s, strlen(s)));
}

TEST(decode_valid)
{
	uint32_t	cp;

	ASSERT_EQ(utf8_decode("A", 1, &cp), 1);
	ASSERT_EQ(cp, 'A');
	ASSERT_EQ(utf8_decode("\xc3\xa9", 2, &cp), 2);
	ASSERT_EQ(cp, 0xE9);
	ASSERT_EQ(utf8_decode("\xe4\xb8\xad", 3, &cp), 3);
	ASSERT_EQ(cp, 0x4E2D);
	ASSERT_EQ(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	ASSERT_EQ(cp, 0x1F600);
	ASSERT_EQ(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	ASSERT_EQ(cp, 0x10FFFF);
	ASSERT_EQ(utf8_decode("\xef\xbf\xbd", 3, &cp), 3);
	ASSERT_EQ(cp, 0xFFFD);
}

TEST(decode_invalid)
{
	static const char *bad[] = {
		"\xc0\x80",		/* overlong NUL */
		"\xc1\xbf",		/* overlong */
		"\xe0\x80\x80",		/* overlong */
		"\xe0\x9f\xbf",		/* overlong */
		"\xf0\x80\x80\x80",	/* overlong */
		"\xf0\x8f\xbf\xbf",	/* overlong */
		"\xed\xa0\x80",		/* surrogate D800 */
		"\xed\xbf\xbf",		/* surrogate DFFF */
		"\xf4\x90\x80\x80",	/* U+110000 */
		"\xf5\x80\x80\x80",
		"\xff",
		"\xfe",
		"\x80",			/* lone continuation */
		"\xbf",
		"\xe4\xb8",		/* truncated */
		"\xe4\x41\x41",		/* bad continuation */
		"\xf0\x9f\x98",
	};
	uint32_t	cp;
	size_t		i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp = 0;
		ASSERT_EQ(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		ASSERT_EQ(cp, 0xFFFD);
		ASSERT(!utf8_valid(bad[i], strlen(bad[i])));
	}
	/* LEN bounds the read even when the bytes are there. */
	ASSERT_EQ(utf8_decode("\xe4\xb8\xad", 2, &cp), 1);
	ASSERT_EQ(cp, 0xFFFD);
}

TEST(valid)
{
	ASSERT(utf8_valid("", 0));
	ASSERT(utf8_valid("plain ascii", 11));
	ASSERT(valid_string("黄强 José 😀"));
	ASSERT(!valid_string("ok\xffok"));
	ASSERT(!valid_string("\xed\xa0\x80\xed\xb0\x80"));	/* CESU pair */
	/* A cut in the middle of a character is invalid. */
	ASSERT(!utf8_valid("\xe4\xb8\xad", 2));
}

TEST(encode)
{
	static const uint32_t cps[] = {
		0, 'a', 0x7F, 0x80, 0x7FF, 0x800, 0x4E2D, 0xFFFF, 0x10000,
		0x1F600, 0x10FFFF,
	};
	char		buf[4];
	uint32_t	cp;
	size_t		i;
	int		n;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8_encode(cps[i], buf);
		ASSERT(n >= 1 && n <= 4);
		ASSERT_EQ(utf8_decode(buf, n, &cp), n);
		ASSERT_EQ(cp, cps[i]);
	}
	ASSERT_EQ(utf8_encode(0x4E2D, buf), 3);
	ASSERT(memcmp(buf, "\xe4\xb8\xad", 3) == 0);
	/* Surrogates and out-of-range values become U+FFFD. */
	ASSERT_EQ(utf8_encode(0xD800, buf), 3);
	ASSERT(memcmp(buf, "\xef\xbf\xbd", 3) == 0);
	ASSERT_EQ(utf8_encode(0x110000, buf), 3);
	ASSERT(memcmp(buf, "\xef\xbf\xbd", 3) == 0);
}

TEST(cp_width)
{
	ASSERT_EQ(utf8_cp_width('a'), 1);
	ASSERT_EQ(utf8_cp_width(0xE9), 1);		/* é */
	ASSERT_EQ(utf8_cp_width(0x4E2D), 2);		/* 中 */
	ASSERT_EQ(utf8_cp_width(0x9FA5), 2);
	ASSERT_EQ(utf8_cp_width(0x3400), 2);		/* Ext A */
	ASSERT_EQ(utf8_cp_width(0x20000), 2);		/* Ext B */
	ASSERT_EQ(utf8_cp_width(0xAC00), 2);		/* 가 */
	ASSERT_EQ(utf8_cp_width(0x3042), 2);		/* あ */
	ASSERT_EQ(utf8_cp_width(0x30AB), 2);		/* カ */
	ASSERT_EQ(utf8_cp_width(0xFF21), 2);		/* Ａ */
	ASSERT_EQ(utf8_cp_width(0xFFE5), 2);		/* ￥ */
	ASSERT_EQ(utf8_cp_width(0xFF61), 1);		/* halfwidth 。 */
	ASSERT_EQ(utf8_cp_width(0xFF76), 1);		/* halfwidth ｶ */
	ASSERT_EQ(utf8_cp_width(0x3000), 2);		/* ideographic space */
	ASSERT_EQ(utf8_cp_width(0x3002), 2);		/* 。 */
	ASSERT_EQ(utf8_cp_width(0x1F600), 2);		/* 😀 */
	ASSERT_EQ(utf8_cp_width(0x1F9D0), 2);
	ASSERT_EQ(utf8_cp_width(0x0301), 0);		/* combining acute */
	ASSERT_EQ(utf8_cp_width(0x200B), 0);		/* zero width space */
	ASSERT_EQ(utf8_cp_width(0xFE0F), 0);		/* variation selector */
	ASSERT_EQ(utf8_cp_width(0x3099), 0);		/* combining dakuten */
	ASSERT_EQ(utf8_cp_width(0), 0);
	ASSERT_EQ(utf8_cp_width(0x1B), 0);
	ASSERT_EQ(utf8_cp_width(0x7F), 0);
	ASSERT_EQ(utf8_cp_width(0x9B), 0);
	ASSERT_EQ(utf8_cp_width(0xA0), 1);
	ASSERT_EQ(utf8_cp_width(0x110000), 0);
}

TEST(sanitise_escapes)
{
	char	*s;

	/* OSC: set the window title. */
	s = utf8_sanitise("\x1b]2;pwned\x07", false);
	ASSERT_STR(s, "^[]2;pwned^G");
	free(s);
	/* CSI: clear the screen. */
	s = utf8_sanitise("a\x1b[2Jb", false);
	ASSERT_STR(s, "a^[[2Jb");
	free(s);
	/* An eight-bit CSI, properly encoded, then as a raw byte. */
	s = utf8_sanitise("x\xc2\x9b" "31mx", false);
	ASSERT_STR(s, "x<U+009B>31mx");
	free(s);
	s = utf8_sanitise("x\x9b" "31m", false);
	ASSERT_STR(s, "x\xef\xbf\xbd" "31m");
	free(s);
	s = utf8_sanitise("\xc2\x80\xc2\x9f", false);
	ASSERT_STR(s, "<U+0080><U+009F>");
	free(s);
	s = utf8_sanitise("del\x7f", false);
	ASSERT_STR(s, "del^?");
	free(s);
	s = utf8_sanitise("\x01\x1f", false);
	ASSERT_STR(s, "^A^_");
	free(s);
}

TEST(sanitise_whitespace)
{
	char	*s;

	s = utf8_sanitise("a\tb", false);
	ASSERT_STR(s, "a b");
	free(s);
	s = utf8_sanitise("line1\nline2\r\n", false);
	ASSERT_STR(s, "line1^Jline2^M^J");
	free(s);
	s = utf8_sanitise("line1\nline2\r\n", true);
	ASSERT_STR(s, "line1\nline2^M\n");
	free(s);
}

TEST(sanitise_bidi_and_invalid)
{
	char	*s;

	s = utf8_sanitise("abc\xe2\x80\xae" "fdp.exe", false);
	ASSERT_STR(s, "abc<U+202E>fdp.exe");
	free(s);
	s = utf8_sanitise("\xe2\x81\xa6x\xe2\x81\xa9", false);
	ASSERT_STR(s, "<U+2066>x<U+2069>");
	free(s);
	s = utf8_sanitise("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    false);
	ASSERT_STR(s, "<U+202A><U+202B><U+202C><U+202D>");
	free(s);
	s = utf8_sanitise("ok\xff\xfe" "ok\xc0\x80", false);
	ASSERT_STR(s, "ok\xef\xbf\xbd\xef\xbf\xbdok\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	s = utf8_sanitise("\xed\xa0\x80", false);
	ASSERT_STR(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	/* Ordinary text passes unchanged. */
	s = utf8_sanitise("黄强 José 😀 é", false);
	ASSERT_STR(s, "黄强 José 😀 é");
	free(s);
	s = utf8_sanitise("", false);
	ASSERT_STR(s, "");
	free(s);
	s = utf8_sanitise(NULL, false);
	ASSERT_STR(s, "");
	free(s);
}

TEST(sanitise_long)
{
	size_t	 n = 1 << 20, i;
	char	*in, *s;

	/* A megabyte of two-byte C1 controls: the worst expansion. */
	in = malloc(n + 1);
	ASSERT(in != NULL);
	for (i = 0; i < n; i += 2)
		memcpy(in + i, "\xc2\x9b", 2);
	in[n] = '\0';
	s = utf8_sanitise(in, false);
	ASSERT_EQ(strlen(s), n * 4);
	ASSERT(memcmp(s + n * 4 - 8, "<U+009B>", 8) == 0);
	ASSERT(valid_string(s));
	free(s);
	ASSERT_EQ(utf8_width(in), (int64_t)n * 4);
	/* A megabyte of ESC. */
	memset(in, 0x1b, n);
	s = utf8_sanitise(in, true);
	ASSERT_EQ(strlen(s), n * 2);
	free(s);
	free(in);
}

TEST(width)
{
	ASSERT_EQ(utf8_width(""), 0);
	ASSERT_EQ(utf8_width(NULL), 0);
	ASSERT_EQ(utf8_width("abc"), 3);
	ASSERT_EQ(utf8_width("中文"), 4);
	ASSERT_EQ(utf8_width("黄强 Li"), 7);
	ASSERT_EQ(utf8_width("e\xcc\x81"), 1);		/* e, combining acute */
	ASSERT_EQ(utf8_width("ＡＢ"), 4);
	ASSERT_EQ(utf8_width("\xff"), 1);		/* shown as U+FFFD */
	ASSERT_EQ(utf8_width("\x1b"), 2);		/* shown as ^[ */
	ASSERT_EQ(utf8_width("\t"), 1);
	ASSERT_EQ(utf8_width("\xc2\x9b"), 8);		/* <U+009B> */
	ASSERT_EQ(utf8_width("\xe2\x80\xae"), 8);	/* <U+202E> */
}

TEST(width_matches_sanitised)
{
	static const char *samples[] = {
		"\x1b]2;title\x07", "a\x1b[2Jb", "x\xc2\x9by", "\xff\xfe",
		"中\t文\x7f", ("\xe2\x80\xae" "abc"), "é\xcc\x81",
		"😀\xef\xb8\x8f",
	};
	size_t	 i;
	char	*s;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		s = utf8_sanitise(samples[i], false);
		ASSERT_EQ(utf8_width(samples[i]), utf8_width(s));
		free(s);
	}
}

TEST(fit)
{
	int	used = -1;

	ASSERT_EQ(utf8_fit("hello", 3, &used), 3);
	ASSERT_EQ(used, 3);
	ASSERT_EQ(utf8_fit("hello", 10, &used), 5);
	ASSERT_EQ(used, 5);
	/* A wide character is never split: one column is left empty. */
	ASSERT_EQ(utf8_fit("中文abc", 3, &used), 3);
	ASSERT_EQ(used, 2);
	ASSERT_EQ(utf8_fit("中文abc", 4, &used), 6);
	ASSERT_EQ(used, 4);
	ASSERT_EQ(utf8_fit("中文abc", 1, &used), 0);
	ASSERT_EQ(used, 0);
	ASSERT_EQ(utf8_fit("a中", 2, &used), 1);
	ASSERT_EQ(used, 1);
	/* A combining mark stays with its base character. */
	ASSERT_EQ(utf8_fit("e\xcc\x81x", 1, &used), 3);
	ASSERT_EQ(used, 1);
	ASSERT_EQ(utf8_fit("hello", 0, &used), 0);
	ASSERT_EQ(used, 0);
	ASSERT_EQ(utf8_fit("hello", -5, &used), 0);
	ASSERT_EQ(used, 0);
	ASSERT_EQ(utf8_fit("", 5, &used), 0);
	ASSERT_EQ(utf8_fit("abc", 2, NULL), 2);
	/* A control's caret pair is not split either. */
	ASSERT_EQ(utf8_fit("a\x1b", 2, &used), 1);
	ASSERT_EQ(used, 1);
	/* Invalid bytes are one column each. */
	ASSERT_EQ(utf8_fit("\xff\xff\xff", 2, &used), 2);
	ASSERT_EQ(used, 2);
}

TEST(ellipsise)
{
	char	*s;

	s = utf8_ellipsise("hello world", 5);
	ASSERT_STR(s, "hell…");
	ASSERT_EQ(utf8_width(s), 5);
	free(s);
	s = utf8_ellipsise("hello", 5);
	ASSERT_STR(s, "hello");
	free(s);
	s = utf8_ellipsise("hello", 0);
	ASSERT_STR(s, "");
	free(s);
	s = utf8_ellipsise("hello", -1);
	ASSERT_STR(s, "");
	free(s);
	s = utf8_ellipsise("hello", 1);
	ASSERT_STR(s, "…");
	free(s);
	/* CJK cut at a character boundary. */
	s = utf8_ellipsise("中文字符", 5);
	ASSERT_STR(s, "中文…");
	ASSERT_EQ(utf8_width(s), 5);
	free(s);
	s = utf8_ellipsise("中文字符", 4);
	ASSERT_STR(s, "中…");
	ASSERT_EQ(utf8_width(s), 3);
	free(s);
	s = utf8_ellipsise("中文字符", 8);
	ASSERT_STR(s, "中文字符");
	free(s);
	s = utf8_ellipsise("中文字符", 7);
	ASSERT_STR(s, "中文字…");
	free(s);
	s = utf8_ellipsise("", 3);
	ASSERT_STR(s, "");
	free(s);
}

TEST(ellipsise_long)
{
	size_t	 n = 100000, i;
	char	*in, *s;

	in = malloc(n * 3 + 1);
	ASSERT(in != NULL);
	for (i = 0; i < n; i++)
		memcpy(in + i * 3, "黄", 3);
	in[n * 3] = '\0';
	s = utf8_ellipsise(in, 80);
	ASSERT_EQ(utf8_width(s), 79);		/* 39 wide characters and … */
	ASSERT_EQ(strlen(s), 39 * 3 + 3);
	ASSERT(valid_string(s));
	free(s);
	free(in);
}

TEST(is_cjk)
{
	ASSERT(utf8_is_cjk(0x9EC4));		/* 黄 */
	ASSERT(utf8_is_cjk(0x4E00));
	ASSERT(utf8_is_cjk(0x9FFF));
	ASSERT(utf8_is_cjk(0x3400));
	ASSERT(utf8_is_cjk(0xF900));
	ASSERT(utf8_is_cjk(0x20000));
	ASSERT(utf8_is_cjk(0x3042));		/* あ */
	ASSERT(utf8_is_cjk(0x30AB));		/* カ */
	ASSERT(utf8_is_cjk(0xAC00));		/* 가 */
	ASSERT(utf8_is_cjk(0x1100));
	ASSERT(!utf8_is_cjk('a'));
	ASSERT(!utf8_is_cjk(0xE9));
	ASSERT(!utf8_is_cjk(0x3002));		/* 。 */
	ASSERT(!utf8_is_cjk(0xFF21));		/* Ａ */
	ASSERT(!utf8_is_cjk(0x1F600));
	ASSERT(!utf8_is_cjk(0x4DC0));		/* hexagram, not Han */
}

TEST(search_key)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "黄强 Li", "黄 强 li" },
		{ "黄强Li", "黄 强 li" },
		{ "  Hello,   World!! ", "hello world" },
		{ "José García", "josé garcía" },
		{ "ＡＢＣ１２３", "abc123" },
		{ "王小明(VIP)", "王 小 明 vip" },
		{ "李·白", "李 白" },
		{ "北京市，朝阳区。", "北 京 市 朝 阳 区" },
		{ "カタカナ", "カ タ カ ナ" },
		{ "김민수", "김 민 수" },
		{ "a\xff" "b", "a b" },
		{ "order#123-456", "order 123 456" },
		{ "😀smile😀", "smile" },
		{ "e\xcc\x81t\xc3\xa9", "e\xcc\x81t\xc3\xa9" },
		{ "\x1b[2J", "2j" },
		{ "", "" },
		{ "。。。", "" },
		{ "   ", "" },
	};
	size_t	 i;
	char	*s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = utf8_search_key(cases[i].in);
		ASSERT_STR(s, cases[i].out);
		free(s);
	}
	s = utf8_search_key(NULL);
	ASSERT_STR(s, "");
	free(s);
}

static const struct test tests[] = {
	T(decode_valid),
	T(decode_invalid),
	T(valid),
	T(encode),
	T(cp_width),
	T(sanitise_escapes),
	T(sanitise_whitespace),
	T(sanitise_bidi_and_invalid),
	T(sanitise_long),
	T(width),
	T(width_matches_sanitised),
	T(fit),
	T(ellipsise),
	T(ellipsise_long),
	T(is_cjk),
	T(search_key),
	{ NULL, NULL },
};

/* Run the test named by argv[1], or all of them. */
int
main(int argc, char **argv)
{
	return (test_main(argc, argv, tests));
}
