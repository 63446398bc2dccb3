/*
 * when.c — parsing and formatting times.
 *
 * when_parse() accepts, after trimming surrounding blanks:
 *
 *	now
 *	+30s -2h +5m +3d +1w		offsets from NOW, s m h d w
 *	today [HH:MM[:SS]]		local; the time defaults to 09:00
 *	tomorrow [HH:MM[:SS]]
 *	YYYY-MM-DD			local, 09:00
 *	YYYY-MM-DD HH:MM[:SS]		local
 *	YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM|±HH]
 *					ISO 8601, local without a zone
 *
 * Fields are checked strictly (no 2026-02-30, no 24:00) and a local time
 * that falls in a daylight saving gap is refused rather than moved.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "kefu/when.h"
#include "kefu/xmalloc.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

enum {
	WHEN_MAX_INPUT = 64,	/* longer text is not a time */
	WHEN_QUOTE_MAX = 40,	/* bytes of bad input echoed in a cause */
	WHEN_DEFAULT_HOUR = 9,	/* a bare date means 09:00 */
	WHEN_MIN_YEAR = 1970,
	WHEN_MAX_YEAR = 9999,
};

static const char when_expected[] =
    "expected +30s, +5m, +2h, +3d, YYYY-MM-DD HH:MM or ISO 8601";

/* Units of relative times. */
static const struct when_unit {
	char	name;
	int64_t	seconds;
} when_units[] = {
	{ 's', 1 },
	{ 'm', 60 },
	{ 'h', 3600 },
	{ 'd', 86400 },
	{ 'w', 604800 },
};

/* Words naming a day relative to today. */
static const struct when_day {
	const char	*name;
	int		 offset;
} when_days[] = {
	{ "today", 0 },
	{ "tomorrow", 1 },
};

/* The steps of when_relative(), largest first. */
static const struct when_step {
	uint64_t	seconds;
	char		suffix;
} when_steps[] = {
	{ 86400, 'd' },
	{ 3600, 'h' },
	{ 60, 'm' },
	{ 1, 's' },
};

/* A calendar time being parsed; with utc set, zone_* is its offset east. */
struct when_fields {
	int	year, month, day;
	int	hour, minute, second;
	bool	seconds;
	bool	utc;
	int	zone_sign, zone_hour, zone_minute;
};

/* A copy of TEXT fit to echo in a cause: short, no control characters. */
static char *
when_quote(const char *text)
{
	size_t	 len = strnlen(text, WHEN_QUOTE_MAX + 1), i;
	bool	 cut = false;
	char	*q;

	if (len > WHEN_QUOTE_MAX) {
		len = WHEN_QUOTE_MAX;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
		cut = true;
	}
	q = xmalloc(len + 4);
	for (i = 0; i < len; i++) {
		unsigned char c = text[i];
		q[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	memcpy(q + len, cut ? "..." : "", cut ? 4 : 1);
	return (q);
}

/* Fail parsing TEXT with REASON (or the expected forms if NULL). */
static int
when_fail(char **cause, const char *text, const char *reason)
{
	char	*q = when_quote(text);

	set_cause(cause, "invalid time '%s': %s", q,
	    reason != NULL ? reason : when_expected);
	free(q);
	return (-1);
}

/* Read MIN to MAX decimal digits at *P into *V and advance *P. */
static bool
when_number(const char **p, int min, int max, int *v)
{
	const char	*s = *p;
	int		 n = 0, value = 0;

	while (n < max && s[n] >= '0' && s[n] <= '9') {
		value = value * 10 + (s[n] - '0');
		n++;
	}
	if (n < min)
		return (false);
	*p = s + n;
	*v = value;
	return (true);
}

/* Whether YEAR is a Gregorian leap year. */
static bool
when_leap(int year)
{
	return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0);
}

/* Days in MONTH (1-12) of YEAR. */
static int
when_month_days(int year, int month)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && when_leap(year))
		return (29);
	return (days[month - 1]);
}

/* Parse HH:MM[:SS] at *P into F. */
static bool
when_clock(const char **p, struct when_fields *f)
{
	f->second = 0;
	f->seconds = false;
	if (!when_number(p, 1, 2, &f->hour) || **p != ':')
		return (false);
	(*p)++;
	if (!when_number(p, 2, 2, &f->minute))
		return (false);
	if (**p == ':') {
		(*p)++;
		if (!when_number(p, 2, 2, &f->second))
			return (false);
		f->seconds = true;
	}
	return (true);
}

/* Parse a zone suffix at *P, if any: Z, ±HH:MM, ±HHMM or ±HH. */
static bool
when_zone(const char **p, struct when_fields *f)
{
	f->zone_sign = 1;
	f->zone_hour = f->zone_minute = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		f->utc = true;
		return (true);
	}
	if (**p != '+' && **p != '-')
		return (true);
	f->utc = true;
	f->zone_sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (!when_number(p, 2, 2, &f->zone_hour))
		return (false);
	if (**p == ':')
		(*p)++;
	else if (**p < '0' || **p > '9')
		return (true);
	return (when_number(p, 2, 2, &f->zone_minute));
}

/* Why the fields of F are out of range, or NULL if they are not. */
static const char *
when_check(const struct when_fields *f)
{
	if (f->year < WHEN_MIN_YEAR || f->year > WHEN_MAX_YEAR)
		return ("year must be 1970-9999");
	if (f->month < 1 || f->month > 12)
		return ("month must be 01-12");
	if (f->day < 1 || f->day > when_month_days(f->year, f->month))
		return ("no such day in that month");
	if (f->hour > 23)
		return ("hour must be 00-23");
	if (f->minute > 59)
		return ("minute must be 00-59");
	if (f->second > 59)
		return ("second must be 00-59");
	if (f->zone_hour > 23 || f->zone_minute > 59)
		return ("time zone offset out of range");
	return (NULL);
}

/*
 * The local time F as seconds, or -1 with *why set: mktime() decides
 * whether daylight saving applies, and a time it had to move does not exist.
 */
static int
when_local(const struct when_fields *f, int64_t *out, const char **why)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = f->year - 1900;
	tm.tm_mon = f->month - 1;
	tm.tm_mday = f->day;
	tm.tm_hour = f->hour;
	tm.tm_min = f->minute;
	tm.tm_sec = f->second;
	tm.tm_isdst = -1;
	tm.tm_wday = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 && tm.tm_wday == -1) {
		*why = "out of range";
		return (-1);
	}
	if (tm.tm_year != f->year - 1900 || tm.tm_mon != f->month - 1 ||
	    tm.tm_mday != f->day || tm.tm_hour != f->hour ||
	    tm.tm_min != f->minute) {
		*why = "no such time in the local time zone";
		return (-1);
	}
	*out = (int64_t)t;
	return (0);
}

/* The checked calendar time F as seconds, UTC with an offset or local. */
static int
when_fields_time(const struct when_fields *f, int64_t *out, const char **why)
{
	struct tm	tm;
	time_t		t;

	if (!f->utc)
		return (when_local(f, out, why));
	memset(&tm, 0, sizeof tm);
	tm.tm_year = f->year - 1900;
	tm.tm_mon = f->month - 1;
	tm.tm_mday = f->day;
	tm.tm_hour = f->hour;
	tm.tm_min = f->minute;
	tm.tm_sec = f->second;
	t = timegm(&tm);
	*out = (int64_t)t - (int64_t)f->zone_sign *
	    (f->zone_hour * 3600 + f->zone_minute * 60);
	return (0);
}

/* Parse "+30s", "-2h": an offset from NOW. */
static int
when_parse_offset(const char *s, int64_t now, int64_t *out, const char **why)
{
	const char	*p = s + 1;
	int64_t		 n = 0, unit = 0, delta;
	size_t		 i;

	if (*p < '0' || *p > '9')
		return (-1);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (INT64_MAX - (*p - '0')) / 10) {
			*why = "out of range";
			return (-1);
		}
		n = n * 10 + (*p - '0');
	}
	for (i = 0; i < nitems(when_units); i++) {
		if (*p == when_units[i].name)
			unit = when_units[i].seconds;
	}
	if (unit == 0 || p[1] != '\0')
		return (-1);
	if (n > INT64_MAX / unit) {
		*why = "out of range";
		return (-1);
	}
	delta = n * unit;
	if (*s == '-')
		delta = -delta;
	if ((delta > 0 && now > INT64_MAX - delta) ||
	    (delta < 0 && now < INT64_MIN - delta)) {
		*why = "out of range";
		return (-1);
	}
	*out = now + delta;
	return (0);
}

/* Parse "today [HH:MM]" or "tomorrow [HH:MM]" (at S, after the word). */
static int
when_parse_day(const char *s, int offset, int64_t now, int64_t *out,
    const char **why)
{
	struct when_fields	f;
	struct tm		tm;
	time_t			t = (time_t)now;

	memset(&f, 0, sizeof f);
	if (*s == '\0')
		f.hour = WHEN_DEFAULT_HOUR;
	else {
		if (*s != ' ' && *s != '\t')
			return (-1);
		s += strspn(s, " \t");
		if (!when_clock(&s, &f) || *s != '\0')
			return (-1);
	}
	if ((int64_t)t != now || localtime_r(&t, &tm) == NULL) {
		*why = "out of range";
		return (-1);
	}
	/* Let mktime() carry the day over a month or year end, at noon. */
	tm.tm_mday += offset;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	tm.tm_wday = -1;
	if (mktime(&tm) == (time_t)-1 && tm.tm_wday == -1) {
		*why = "out of range";
		return (-1);
	}
	if (tm.tm_year > WHEN_MAX_YEAR - 1900) {
		*why = "out of range";
		return (-1);
	}
	f.year = tm.tm_year + 1900;
	f.month = tm.tm_mon + 1;
	f.day = tm.tm_mday;
	if ((*why = when_check(&f)) != NULL)
		return (-1);
	return (when_local(&f, out, why));
}

/* Parse the absolute forms, from "YYYY-MM-DD" to full ISO 8601. */
static int
when_parse_date(const char *s, int64_t *out, const char **why)
{
	struct when_fields	f;
	const char		*p = s;
	int			frac;

	memset(&f, 0, sizeof f);
	if (!when_number(&p, 4, 4, &f.year) || *p++ != '-' ||
	    !when_number(&p, 1, 2, &f.month) || *p++ != '-' ||
	    !when_number(&p, 1, 2, &f.day))
		return (-1);
	if (*p == '\0')
		f.hour = WHEN_DEFAULT_HOUR;
	else {
		if (*p == 'T' || *p == 't')
			p++;
		else if (*p == ' ' || *p == '\t')
			p += strspn(p, " \t");
		else
			return (-1);
		if (!when_clock(&p, &f))
			return (-1);
		if (f.seconds && (*p == '.' || *p == ',')) {
			p++;
			if (!when_number(&p, 1, 9, &frac))
				return (-1);
		}
		if (!when_zone(&p, &f) || *p != '\0')
			return (-1);
	}
	if ((*why = when_check(&f)) != NULL)
		return (-1);
	return (when_fields_time(&f, out, why));
}

/* Parse a time as agents type it. */
int
when_parse(const char *text, int64_t now, int64_t *out, char **cause)
{
	const char	*why = NULL, *start, *end;
	char		*s;
	size_t		 i, n;
	int		 r = -1;

	if (text == NULL)
		return (when_fail(cause, "", NULL));
	start = text + strspn(text, " \t");
	end = start + strnlen(start, WHEN_MAX_INPUT + 1);
	if (end - start > WHEN_MAX_INPUT)
		return (when_fail(cause, text, "too long"));
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == start)
		return (when_fail(cause, text, NULL));
	s = xstrndup(start, end - start);

	if (strcasecmp(s, "now") == 0) {
		*out = now;
		r = 0;
	} else if (*s == '+' || *s == '-')
		r = when_parse_offset(s, now, out, &why);
	else if (*s >= '0' && *s <= '9')
		r = when_parse_date(s, out, &why);
	else {
		for (i = 0; i < nitems(when_days); i++) {
			n = strlen(when_days[i].name);
			if (strncasecmp(s, when_days[i].name, n) == 0) {
				r = when_parse_day(s + n, when_days[i].offset,
				    now, out, &why);
				break;
			}
		}
	}
	free(s);
	if (r != 0)
		return (when_fail(cause, text, why));
	return (0);
}

/* The current time, or the one tests and replays pin in $KEFU_NOW. */
int64_t
when_now(void)
{
	const char	*env = getenv("KEFU_NOW");
	char		*end;
	long long	 v;
	int64_t		 t;

	if (env != NULL && *env != '\0') {
		errno = 0;
		v = strtoll(env, &end, 10);
		if (errno == 0 && end != env && *end == '\0')
			return ((int64_t)v);
		if (when_parse(env, (int64_t)time(NULL), &t, NULL) == 0)
			return (t);
	}
	return ((int64_t)time(NULL));
}

/* Broken-down T in local time or UTC; false if it does not fit. */
static bool
when_tm(int64_t t, bool utc, struct tm *tm)
{
	time_t	tt = (time_t)t;

	if ((int64_t)tt != t)
		return (false);
	if (utc)
		return (gmtime_r(&tt, tm) != NULL);
	return (localtime_r(&tt, tm) != NULL);
}

/* Format T as local "YYYY-MM-DD HH:MM". */
char *
when_format(int64_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (buf == NULL || len == 0)
		return (buf);
	if (!when_tm(t, false, &tm))
		snprintf(buf, len, "(out of range)");
	else {
		snprintf(buf, len, "%04lld-%02d-%02d %02d:%02d",
		    (long long)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    tm.tm_hour, tm.tm_min);
	}
	return (buf);
}

/* Format T as ISO 8601 UTC. */
char *
when_iso(int64_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (buf == NULL || len == 0)
		return (buf);
	if (!when_tm(t, true, &tm))
		snprintf(buf, len, "(out of range)");
	else {
		snprintf(buf, len, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
		    (long long)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    tm.tm_hour, tm.tm_min, tm.tm_sec);
	}
	return (buf);
}

/* Format the distance from NOW to T in its largest whole unit. */
char *
when_relative(int64_t t, int64_t now, char *buf, size_t len)
{
	uint64_t	d;
	size_t		i;
	bool		future = t > now;

	if (buf == NULL || len == 0)
		return (buf);
	/* Unsigned arithmetic: the distance may not fit an int64_t. */
	d = future ? (uint64_t)t - (uint64_t)now : (uint64_t)now - (uint64_t)t;
	if (d == 0) {
		snprintf(buf, len, "now");
		return (buf);
	}
	for (i = 0; i < nitems(when_steps); i++) {
		if (d >= when_steps[i].seconds)
			break;
	}
	d /= when_steps[i].seconds;
	if (future)
		snprintf(buf, len, "in %llu%c", (unsigned long long)d,
		    when_steps[i].suffix);
	else
		snprintf(buf, len, "%llu%c ago", (unsigned long long)d,
		    when_steps[i].suffix);
	return (buf);
}

/* Local midnight starting the day of T. */
int64_t
when_day_start(int64_t t)
{
	struct tm	tm;
	time_t		start;

	if (!when_tm(t, false, &tm))
		return (t);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	tm.tm_wday = -1;
	start = mktime(&tm);
	if (start == (time_t)-1 && tm.tm_wday == -1)
		return (t);
	return ((int64_t)start);
}
