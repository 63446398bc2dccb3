/*
 * phone.c — phone numbers as typed, normalised to E.164.
 *
 * The input is read as a sequence of tokens: digits (ASCII or fullwidth), a
 * plus sign (ASCII or fullwidth) and separators, which are dropped.  What
 * the digits mean depends on how they start:
 *
 *	+CC NNN		international, as written
 *	00CC NNN	international prefix (China, most of Europe)
 *	86 1NNN…	a Chinese mobile with its country code, without '+'
 *	0NNN		national with its trunk prefix, which goes
 *	NNN		national, the default country code is put in front
 *
 * The country code is then found in phone_cc2 (E.164 codes are prefix-free:
 * 1 and 7 have one digit, the codes listed have two, all others three) so
 * that "+86 010 …", a trunk 0 left after the country code, can be refused.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kefu/phone.h"
#include "kefu/utf8.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

enum {
	PHONE_MAX_INPUT = 128,	/* bytes of input looked at */
	PHONE_MAX_RAW = 17,	/* digits kept while reading: 00 + 15 */
	PHONE_MIN_TYPED = 5,	/* digits the user must type */
	PHONE_MIN = 7,		/* digits of an E.164 number, with its code */
	PHONE_MAX = 15,
};

/* How a country writes its numbers at home. */
struct phone_country {
	const char	*cc;
	char		 trunk;		/* national trunk prefix */
	size_t		 trunk_len;	/* only at this length (0: any) */
	size_t		 bare_len;	/* digits of "CC NNN" without '+' */
	char		 bare_first;	/* ...whose NNN starts so */
};

static const struct phone_country phone_countries[] = {
	{ "86", '0', 0, 13, '1' },	/* 86 138 0013 8000 */
	{ "1", '1', 11, 0, 0 },		/* 1 415 555 2671 */
	{ "7", '8', 11, 0, 0 },		/* 8 495 123 4567 */
};
static const struct phone_country phone_country_default = {
	NULL, '0', 0, 0, 0
};

/* Two-digit country codes; 1 and 7 have one digit, the rest three. */
static const char *const phone_cc2[] = {
	"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41",
	"43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54",
	"55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
	"81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
};

/* Countries whose national numbers keep a leading 0 after the code. */
static const char *const phone_keep_zero[] = {
	"39",	/* Italy: +39 06 … */
	"225",	/* Côte d'Ivoire: +225 07 … */
	"378",	/* San Marino: +378 0549 … */
};

struct phone_range {
	uint32_t	first;
	uint32_t	last;
};

/* Separators: what people type and what pasted text brings. */
static const struct phone_range phone_separators[] = {
	{ '\t', '\t' },
	{ ' ', ' ' },
	{ '(', ')' },
	{ '-', '/' },		/* - . / */
	{ 0x00A0, 0x00A0 },	/* no-break space */
	{ 0x2010, 0x2015 },	/* hyphens and dashes */
	{ 0x2212, 0x2212 },	/* minus sign */
	{ 0x3000, 0x3000 },	/* ideographic space */
	{ 0xFF08, 0xFF09 },	/* fullwidth ( ) */
	{ 0xFF0D, 0xFF0F },	/* fullwidth - . / */
};

/* Code points that start an extension after a number. */
static const uint32_t phone_extension_marks[] = {
	'x', 'X', '#', ',', ';',
	0x8F6C,			/* 转 */
	0x5206,			/* 分机 */
};

enum phone_token {
	PHONE_DIGIT,
	PHONE_PLUS,
	PHONE_SEPARATOR,
	PHONE_OTHER,
};

/* Classify the code point at S (LEN bytes); a digit's value goes in *digit. */
static enum phone_token
phone_token(const char *s, size_t len, int *n, uint32_t *cp, char *digit)
{
	size_t	i;

	*n = utf8_decode(s, len, cp);
	if (*cp >= '0' && *cp <= '9') {
		*digit = (char)*cp;
		return (PHONE_DIGIT);
	}
	if (*cp >= 0xFF10 && *cp <= 0xFF19) {
		*digit = (char)('0' + (*cp - 0xFF10));
		return (PHONE_DIGIT);
	}
	if (*cp == '+' || *cp == 0xFF0B)
		return (PHONE_PLUS);
	for (i = 0; i < nitems(phone_separators); i++) {
		if (*cp >= phone_separators[i].first &&
		    *cp <= phone_separators[i].last)
			return (PHONE_SEPARATOR);
	}
	return (PHONE_OTHER);
}

/* Why CP (at S, LEN bytes left) after ND digits makes the input no number. */
static const char *
phone_refuse(uint32_t cp, const char *s, size_t len, size_t nd)
{
	size_t	i;

	if (nd > 0) {
		for (i = 0; i < nitems(phone_extension_marks); i++) {
			if (cp == phone_extension_marks[i])
				return ("extensions are not supported");
		}
		if (len >= 3 && strncasecmp(s, "ext", 3) == 0)
			return ("extensions are not supported");
	}
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return ("letters are not allowed in a phone number");
	return ("unexpected character in phone number");
}

/* How the default country CC writes national numbers. */
static const struct phone_country *
phone_country(const char *cc)
{
	size_t	i;

	for (i = 0; i < nitems(phone_countries); i++) {
		if (strcmp(phone_countries[i].cc, cc) == 0)
			return (&phone_countries[i]);
	}
	return (&phone_country_default);
}

/* Whether CC is a plausible country calling code: 1-3 digits, not 0…. */
static bool
phone_cc_valid(const char *cc)
{
	size_t	len;

	if (cc == NULL)
		return (false);
	len = strspn(cc, "0123456789");
	return (len >= 1 && len <= 3 && cc[len] == '\0' && cc[0] != '0');
}

/* Digits of the country code that starts the international number D. */
static size_t
phone_cc_len(const char *d)
{
	size_t	i;

	if (d[0] == '1' || d[0] == '7')
		return (1);
	for (i = 0; i < nitems(phone_cc2); i++) {
		if (strncmp(d, phone_cc2[i], 2) == 0)
			return (2);
	}
	return (3);
}

/* Whether the country code, the first LEN digits of D, keeps a leading 0. */
static bool
phone_keeps_zero(const char *d, size_t len)
{
	size_t	i;

	for (i = 0; i < nitems(phone_keep_zero); i++) {
		if (strlen(phone_keep_zero[i]) == len &&
		    strncmp(d, phone_keep_zero[i], len) == 0)
			return (true);
	}
	return (false);
}

/* Turn what an agent typed into an E.164 number, or say why not. */
int
phone_normalise(const char *raw, const char *default_cc, char *out,
    size_t outlen, const char **why)
{
	const struct phone_country	*country;
	const char			*dummy, *nat;
	char				 digits[PHONE_MAX_RAW + 1];
	char				 intl[PHONE_MAX_RAW + 4];
	size_t				 len, i = 0, nd = 0, ccl, total;
	uint32_t			 cp;
	int				 n;
	char				 d;
	bool				 plus = false, seen = false;

	if (why == NULL)
		why = &dummy;
	if (out != NULL && outlen > 0)
		out[0] = '\0';
	if (out == NULL || outlen < PHONE_MAX + 2) {
		*why = "output buffer too small";
		return (-1);
	}
	if (default_cc == NULL)
		default_cc = phone_default_cc();
	if (!phone_cc_valid(default_cc)) {
		*why = "invalid default country code";
		return (-1);
	}
	if (raw == NULL) {
		*why = "empty phone number";
		return (-1);
	}
	len = strnlen(raw, PHONE_MAX_INPUT + 1);
	if (len > PHONE_MAX_INPUT) {
		*why = "too long to be a phone number";
		return (-1);
	}

	while (i < len) {
		switch (phone_token(raw + i, len - i, &n, &cp, &d)) {
		case PHONE_DIGIT:
			if (nd == PHONE_MAX_RAW) {
				*why = "too many digits for a phone number";
				return (-1);
			}
			digits[nd++] = d;
			seen = true;
			break;
		case PHONE_PLUS:
			if (plus || nd > 0) {
				*why = "'+' is only allowed at the start";
				return (-1);
			}
			plus = seen = true;
			break;
		case PHONE_SEPARATOR:
			if (cp != ' ' && cp != '\t' && cp != 0x3000 &&
			    cp != 0xA0)
				seen = true;
			break;
		case PHONE_OTHER:
			*why = phone_refuse(cp, raw + i, len - i, nd);
			return (-1);
		}
		i += n;
	}
	digits[nd] = '\0';
	if (nd == 0) {
		*why = seen ? "no digits in phone number" :
		    "empty phone number";
		return (-1);
	}
	if (nd < PHONE_MIN_TYPED) {
		*why = "too few digits for a phone number";
		return (-1);
	}

	country = phone_country(default_cc);
	ccl = strlen(default_cc);
	if (plus)
		memcpy(intl, digits, nd + 1);
	else if (digits[0] == '0' && digits[1] == '0')
		memcpy(intl, digits + 2, nd - 1);
	else if (country->bare_len == nd &&
	    strncmp(digits, default_cc, ccl) == 0 &&
	    digits[ccl] == country->bare_first)
		memcpy(intl, digits, nd + 1);
	else {
		nat = digits;
		if (digits[0] == country->trunk &&
		    (country->trunk_len == 0 || country->trunk_len == nd))
			nat++;
		memcpy(intl, default_cc, ccl);
		memcpy(intl + ccl, nat, strlen(nat) + 1);
	}

	if (intl[0] == '0') {
		*why = "country code cannot start with 0";
		return (-1);
	}
	total = strlen(intl);
	ccl = phone_cc_len(intl);
	if (total > ccl && intl[ccl] == '0' && !phone_keeps_zero(intl, ccl)) {
		*why = "national number cannot start with 0 after the "
		    "country code";
		return (-1);
	}
	if (total < PHONE_MIN || total <= ccl) {
		*why = "too few digits for a phone number";
		return (-1);
	}
	if (total > PHONE_MAX) {
		*why = "too many digits for a phone number";
		return (-1);
	}
	out[0] = '+';
	memcpy(out + 1, intl, total + 1);
	return (0);
}

/* The country code assumed for national numbers. */
const char *
phone_default_cc(void)
{
	const char	*cc = getenv("KEFU_COUNTRY");

	if (phone_cc_valid(cc))
		return (cc);
	return ("86");
}

/* Whether TEXT could be (part of) a phone number, for search. */
int
phone_like(const char *text, int min_digits)
{
	size_t		len, i = 0, nd = 0, want;
	uint32_t	cp;
	int		n;
	char		d;
	bool		plus = false;

	if (text == NULL)
		return (0);
	want = min_digits > 1 ? (size_t)min_digits : 1;
	len = strlen(text);
	while (i < len) {
		switch (phone_token(text + i, len - i, &n, &cp, &d)) {
		case PHONE_DIGIT:
			nd++;
			break;
		case PHONE_PLUS:
			if (plus || nd > 0)
				return (0);
			plus = true;
			break;
		case PHONE_SEPARATOR:
			break;
		case PHONE_OTHER:
			return (0);
		}
		i += n;
	}
	return (nd >= want);
}

/* Keep only the digits of TEXT, fullwidth ones made ASCII. */
void
phone_digits(const char *text, char *out, size_t outlen)
{
	size_t		len, i = 0, o = 0;
	uint32_t	cp;
	int		n;
	char		d;

	if (out == NULL || outlen == 0)
		return;
	if (text != NULL) {
		len = strlen(text);
		while (i < len && o + 1 < outlen) {
			if (phone_token(text + i, len - i, &n, &cp, &d) ==
			    PHONE_DIGIT)
				out[o++] = d;
			i += n;
		}
	}
	out[o] = '\0';
}
