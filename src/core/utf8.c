/*
 * utf8.c — decoding, display widths, sanitising and search keys.
 *
 * Nothing here looks at the process locale: the console may run where only
 * C.UTF-8 exists, or with LANG unset, and must still measure CJK text right.
 * Widths come from the tables below, which follow glibc's wcwidth() for the
 * scripts a Chinese call centre sees (Han, kana, hangul, fullwidth forms,
 * emoji) and treat the common combining marks as zero columns.
 *
 * Everything that draws goes through one notion of width, display_width():
 * the columns a code point takes once utf8_sanitise() has made it visible,
 * so utf8_width(), utf8_fit() and utf8_ellipsise() agree with what is drawn
 * whether they are given raw or sanitised text.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

struct utf8_range {
	uint32_t	first;
	uint32_t	last;
};

/* Zero-width code points: combining marks and invisible format characters. */
static const struct utf8_range utf8_zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x061C, 0x061C },
	{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC },
	{ 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074A }, { 0x0E31, 0x0E31 },
	{ 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x0EB1, 0x0EB1 },
	{ 0x0EB4, 0x0EBC }, { 0x0EC8, 0x0ECD }, { 0x1160, 0x11FF },
	{ 0x180B, 0x180F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
	{ 0x2066, 0x206F }, { 0x20D0, 0x20F0 }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A }, { 0xD7B0, 0xD7FF }, { 0xFB1E, 0xFB1E },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	{ 0xFFF9, 0xFFFB }, { 0x16FE4, 0x16FE4 }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F }, { 0xE0100, 0xE01EF },
};

/* Two-column code points: East Asian Wide and Fullwidth, emoji. */
static const struct utf8_range utf8_wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x2E99 },
	{ 0x2E9B, 0x2EF3 }, { 0x2F00, 0x2FD5 }, { 0x2FF0, 0x2FFB },
	{ 0x3000, 0x303E }, { 0x3041, 0x3096 }, { 0x3099, 0x30FF },
	{ 0x3105, 0x312F }, { 0x3131, 0x318E }, { 0x3190, 0x31E3 },
	{ 0x31F0, 0x321E }, { 0x3220, 0xA48C }, { 0xA490, 0xA4C6 },
	{ 0xA960, 0xA97C }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE52 }, { 0xFE54, 0xFE66 },
	{ 0xFE68, 0xFE6B }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
	{ 0x16FE0, 0x16FE3 }, { 0x16FF0, 0x16FF1 }, { 0x17000, 0x18CFF },
	{ 0x18D00, 0x18D08 }, { 0x1AFF0, 0x1AFFE }, { 0x1B000, 0x1B2FF },
	{ 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E },
	{ 0x1F191, 0x1F19A }, { 0x1F200, 0x1F202 }, { 0x1F210, 0x1F23B },
	{ 0x1F240, 0x1F248 }, { 0x1F250, 0x1F251 }, { 0x1F260, 0x1F265 },
	{ 0x1F300, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D },
	{ 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A },
	{ 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F },
	{ 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6D7 }, { 0x1F6DD, 0x1F6DF }, { 0x1F6EB, 0x1F6EC },
	{ 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7EB }, { 0x1F7F0, 0x1F7F0 },
	{ 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 }, { 0x1F947, 0x1F9FF },
	{ 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

/* Han, kana and hangul: each code point is a search token of its own. */
static const struct utf8_range utf8_cjk[] = {
	{ 0x1100, 0x11FF }, { 0x3040, 0x30FF }, { 0x3400, 0x4DBF },
	{ 0x4E00, 0x9FFF }, { 0xAC00, 0xD7AF }, { 0xF900, 0xFAFF },
	{ 0x20000, 0x2FFFF },
};

/* Non-ASCII code points that separate words in a search key. */
static const struct utf8_range utf8_separators[] = {
	{ 0x0080, 0x00A9 }, { 0x00AB, 0x00B4 }, { 0x00B6, 0x00B9 },
	{ 0x00BB, 0x00BF }, { 0x00D7, 0x00D7 }, { 0x00F7, 0x00F7 },
	{ 0x2000, 0x206F }, { 0x20A0, 0x20CF }, { 0x2190, 0x2BFF },
	{ 0x2E00, 0x2E7F }, { 0x3000, 0x303F }, { 0x30FB, 0x30FB },
	{ 0xFE10, 0xFE1F }, { 0xFE30, 0xFE6F }, { 0xFEFF, 0xFEFF },
	{ 0xFF00, 0xFF0F }, { 0xFF1A, 0xFF20 }, { 0xFF3B, 0xFF40 },
	{ 0xFF5B, 0xFF65 }, { 0xFFE0, 0xFFEF }, { 0xFFF9, 0xFFFD },
	{ 0x1F000, 0x1FAFF },
};

/* Non-ASCII code points shown as <U+XXXX> rather than drawn. */
static const struct utf8_range utf8_shown_as_code[] = {
	{ 0x0080, 0x009F },	/* C1 controls: 0x9B is a CSI */
	{ 0x2028, 0x2029 },	/* line and paragraph separators */
	{ 0x202A, 0x202E },	/* bidi embeddings and overrides */
	{ 0x2066, 0x2069 },	/* bidi isolates */
};

static const char utf8_replacement[] = "\xef\xbf\xbd";
static const char utf8_ellipsis[] = "\xe2\x80\xa6";

/* Whether CP is in one of the N sorted ranges of TABLE. */
static bool
utf8_in_table(uint32_t cp, const struct utf8_range *table, size_t n)
{
	size_t	lo = 0, hi = n;

	if (n == 0 || cp < table[0].first || cp > table[n - 1].last)
		return (false);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < table[mid].first)
			hi = mid;
		else if (cp > table[mid].last)
			lo = mid + 1;
		else
			return (true);
	}
	return (false);
}

/* Check that S is well-formed UTF-8 throughout. */
bool
utf8_valid(const char *s, size_t len)
{
	size_t		i = 0;
	uint32_t	cp;
	int		n;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return (false);
		i += n;
	}
	return (true);
}

/* Decode one code point, strictly; anything malformed is one U+FFFD byte. */
int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xBF;
	uint32_t		 c;
	size_t			 need, i;

	*cp = 0xFFFD;
	if (len == 0)
		return (1);
	if (u[0] < 0x80) {
		*cp = u[0];
		return (1);
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 1;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 2;
		c = u[0] & 0x0F;
		if (u[0] == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (u[0] == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 3;
		c = u[0] & 0x07;
		if (u[0] == 0xF0)
			lo = 0x90;	/* overlong */
		else if (u[0] == 0xF4)
			hi = 0x8F;	/* beyond U+10FFFF */
	} else
		return (1);
	if (len < need + 1)
		return (1);
	for (i = 1; i <= need; i++) {
		if (u[i] < lo || u[i] > hi)
			return (1);
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return ((int)need + 1);
}

/* Encode CP as UTF-8; what cannot be encoded becomes U+FFFD. */
int
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*u = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = cp;
		return (1);
	}
	if (cp < 0x800) {
		u[0] = 0xC0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3F);
		return (2);
	}
	if (cp < 0x10000) {
		u[0] = 0xE0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3F);
		u[2] = 0x80 | (cp & 0x3F);
		return (3);
	}
	u[0] = 0xF0 | (cp >> 18);
	u[1] = 0x80 | ((cp >> 12) & 0x3F);
	u[2] = 0x80 | ((cp >> 6) & 0x3F);
	u[3] = 0x80 | (cp & 0x3F);
	return (4);
}

/* Columns of CP, as wcwidth() would say but without the locale. */
int
utf8_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return (0);
	if (cp < 0x300)
		return (1);
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return (0);
	if (utf8_in_table(cp, utf8_zero, nitems(utf8_zero)))
		return (0);
	if (utf8_in_table(cp, utf8_wide, nitems(utf8_wide)))
		return (2);
	return (1);
}

/* Whether CP is drawn in <U+XXXX> notation by utf8_sanitise(). */
static bool
utf8_shown_as_code_point(uint32_t cp)
{
	return (utf8_in_table(cp, utf8_shown_as_code,
	    nitems(utf8_shown_as_code)));
}

/*
 * Columns the code point decoded from N bytes takes once sanitised: a caret
 * pair for C0 and DEL, eight for <U+XXXX>, one for U+FFFD and TAB.
 */
static int
utf8_display_width(uint32_t cp, int n)
{
	if (cp == 0xFFFD && n == 1)
		return (1);
	if (cp == '\t')
		return (1);
	if (cp < 0x20 || cp == 0x7F)
		return (2);
	if (utf8_shown_as_code_point(cp))
		return (8);
	return (utf8_cp_width(cp));
}

/* Copy S with every control, bidi override and bad byte made visible. */
char *
utf8_sanitise(const char *s, bool keep_newlines)
{
	size_t		 len, i = 0, o = 0;
	uint32_t	 cp;
	char		*out;
	int		 n;

	if (s == NULL)
		return (xstrdup(""));
	len = strlen(s);
	/* The worst case is two bytes becoming eight ("<U+009B>"). */
	out = xreallocarray(NULL, len + 1, 4);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1) {
			memcpy(out + o, utf8_replacement, 3);
			o += 3;
		} else if (cp == '\t')
			out[o++] = ' ';
		else if (cp == '\n' && keep_newlines)
			out[o++] = '\n';
		else if (cp < 0x20 || cp == 0x7F) {
			out[o++] = '^';
			out[o++] = cp == 0x7F ? '?' : (char)(cp + 0x40);
		} else if (utf8_shown_as_code_point(cp)) {
			snprintf(out + o, 9, "<U+%04X>", (unsigned int)cp);
			o += 8;
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return (out);
}

/* Columns S takes once sanitised. */
int
utf8_width(const char *s)
{
	size_t		len, i = 0;
	uint32_t	cp;
	int		n, w, total = 0;

	if (s == NULL)
		return (0);
	len = strlen(s);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		w = utf8_display_width(cp, n);
		if (total > INT_MAX - w)
			return (INT_MAX);
		total += w;
		i += n;
	}
	return (total);
}

/* The longest prefix of S that fits COLS columns. */
size_t
utf8_fit(const char *s, int cols, int *used)
{
	size_t		len, i = 0;
	uint32_t	cp;
	int		n, w, total = 0;

	if (used != NULL)
		*used = 0;
	if (s == NULL || cols <= 0)
		return (0);
	len = strlen(s);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		w = utf8_display_width(cp, n);
		if (w > cols - total)
			break;
		total += w;
		i += n;
	}
	if (used != NULL)
		*used = total;
	return (i);
}

/* S cut to COLS columns with a trailing ellipsis if it had to be cut. */
char *
utf8_ellipsise(const char *s, int cols)
{
	size_t	 n;
	char	*out;

	if (s == NULL || cols <= 0)
		return (xstrdup(""));
	if (utf8_width(s) <= cols)
		return (xstrdup(s));
	n = utf8_fit(s, cols - 1, NULL);
	out = xmalloc(n + sizeof utf8_ellipsis);
	memcpy(out, s, n);
	memcpy(out + n, utf8_ellipsis, sizeof utf8_ellipsis);
	return (out);
}

/* Whether CP is Han, kana or hangul. */
bool
utf8_is_cjk(uint32_t cp)
{
	return (utf8_in_table(cp, utf8_cjk, nitems(utf8_cjk)));
}

/* Whether CP separates words in a search key. */
static bool
utf8_is_separator(uint32_t cp)
{
	if (cp < 0x80)
		return (!((cp >= '0' && cp <= '9') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')));
	return (utf8_in_table(cp, utf8_separators, nitems(utf8_separators)));
}

/* Fold fullwidth ASCII letters and digits to lower-case ASCII. */
static uint32_t
utf8_fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (cp - 0xFF10 + '0');
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return (cp - 0xFF21 + 'a');
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return (cp - 0xFF41 + 'a');
	if (cp >= 'A' && cp <= 'Z')
		return (cp - 'A' + 'a');
	return (cp);
}

/* The text a word tokenizer should index for S. */
char *
utf8_search_key(const char *s)
{
	size_t		 len, i = 0, o = 0;
	uint32_t	 cp;
	char		*out;
	int		 n;
	bool		 space = false;

	if (s == NULL)
		return (xstrdup(""));
	len = strlen(s);
	/* At worst a one-byte separator and a three-byte U+FFFD each byte. */
	out = xreallocarray(NULL, len + 1, 4);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		i += n;
		if ((cp == 0xFFFD && n == 1) || utf8_is_separator(cp)) {
			space = o != 0;
			continue;
		}
		if (cp >= 0xFE00 && cp <= 0xFE0F)
			continue;	/* variation selectors */
		cp = utf8_fold(cp);
		if (utf8_is_cjk(cp) && o != 0)
			space = true;
		if (space) {
			out[o++] = ' ';
			space = false;
		}
		o += utf8_encode(cp, out + o);
		if (utf8_is_cjk(cp))
			space = true;
	}
	out[o] = '\0';
	return (out);
}

char *
utf8_quote(const char *s, size_t len, size_t max, int cols)
{
	char *raw, *safe, *out;

	raw = xstrndup(s, len > max ? max : len);
	safe = utf8_sanitise(raw, false);
	out = utf8_ellipsise(safe, cols);
	free(safe);
	free(raw);
	return out;
}
