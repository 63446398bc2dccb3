/* test-when.c — parsing and formatting times. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kefu/when.h"
#include "test.h"

/* 2026-11-24T00:00:00Z, worked out by hand, not with the code under test. */
#define DAY0 INT64_C(1795478400)
#define H INT64_C(3600)
#define D INT64_C(86400)

/* Shanghai time (UTC+8, no daylight saving since 1991). */
static void
tz_shanghai(void)
{
	struct tm	tm;
	time_t		t = 0;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* Without tzdata the zone silently becomes UTC; use the rule. */
	if (localtime_r(&t, &tm) == NULL || tm.tm_hour != 8) {
		setenv("TZ", "CST-8", 1);
		tzset();
	}
}

/* Set TZ to ZONE. */
static void
tz_set(const char *zone)
{
	setenv("TZ", zone, 1);
	tzset();
}

/* Parse TEXT at NOW; -1 on failure so callers can compare. */
static int64_t
parse(const char *text, int64_t now)
{
	int64_t	 t = -12345;
	char	*cause = NULL;

	if (when_parse(text, now, &t, &cause) != 0) {
		free(cause);
		return (-1);
	}
	free(cause);
	return (t);
}

TEST(relative)
{
	int64_t	now = DAY0 + 7 * H;

	ASSERT_EQ(parse("+30s", now), now + 30);
	ASSERT_EQ(parse("+5m", now), now + 300);
	ASSERT_EQ(parse("+2h", now), now + 2 * H);
	ASSERT_EQ(parse("+3d", now), now + 3 * D);
	ASSERT_EQ(parse("+1w", now), now + 7 * D);
	ASSERT_EQ(parse("-2h", now), now - 2 * H);
	ASSERT_EQ(parse("-0s", now), now);
	ASSERT_EQ(parse("+0030m", now), now + 1800);
	ASSERT_EQ(parse("now", now), now);
	ASSERT_EQ(parse("NOW", now), now);
	ASSERT_EQ(parse("  +5m\t", now), now + 300);
}

TEST(local_shanghai)
{
	tz_shanghai();
	/* 10:00 in Shanghai is 02:00 UTC. */
	ASSERT_EQ(parse("2026-11-24 10:00", 0), DAY0 + 2 * H);
	ASSERT_EQ(parse("2026-11-24 10:00:30", 0), DAY0 + 2 * H + 30);
	ASSERT_EQ(parse("2026-11-24  9:05", 0), DAY0 + H + 300);
	ASSERT_EQ(parse("2026-11-24", 0), DAY0 + H);	/* 09:00 local */
	ASSERT_EQ(parse("2026-11-24T10:00", 0), DAY0 + 2 * H);
	ASSERT_EQ(parse("2026-11-24T10:00:00", 0), DAY0 + 2 * H);
	ASSERT_EQ(parse("2026-11-24 00:00", 0), DAY0 - 8 * H);
	ASSERT_EQ(parse("2026-11-24 23:59:59", 0), DAY0 + 16 * H - 1);
	ASSERT_EQ(parse("2026-1-5", 0), INT64_C(1767574800));
}

TEST(iso_zones)
{
	tz_shanghai();
	ASSERT_EQ(parse("2026-11-24T10:00:00Z", 0), DAY0 + 10 * H);
	ASSERT_EQ(parse("2026-11-24T10:00Z", 0), DAY0 + 10 * H);
	ASSERT_EQ(parse("2026-11-24t10:00:00z", 0), DAY0 + 10 * H);
	ASSERT_EQ(parse("2026-11-24T10:00:00+08:00", 0), DAY0 + 2 * H);
	ASSERT_EQ(parse("2026-11-24T10:00:00+0800", 0), DAY0 + 2 * H);
	ASSERT_EQ(parse("2026-11-24T10:00:00+08", 0), DAY0 + 2 * H);
	ASSERT_EQ(parse("2026-11-24T10:00:00-05:00", 0), DAY0 + 15 * H);
	ASSERT_EQ(parse("2026-11-24T10:00:00+05:30", 0),
	    DAY0 + 10 * H - 5 * H - 1800);
	ASSERT_EQ(parse("2026-11-24T10:00:00.123Z", 0), DAY0 + 10 * H);
	ASSERT_EQ(parse("2026-11-24T00:30:00+01:00", 0), DAY0 - 1800);
	/* The zone makes the result the same in any local zone. */
	tz_set("America/New_York");
	ASSERT_EQ(parse("2026-11-24T10:00:00+08:00", 0), DAY0 + 2 * H);
	tz_shanghai();
}

TEST(utc_zone)
{
	char	buf[32];

	tz_set("UTC");
	ASSERT_EQ(parse("2026-11-24 10:00", 0), DAY0 + 10 * H);
	ASSERT_EQ(parse("2026-11-24", 0), DAY0 + 9 * H);
	ASSERT_STR(when_format(DAY0 + 10 * H, buf, sizeof buf),
	    "2026-11-24 10:00");
	ASSERT_EQ(when_day_start(DAY0 + 10 * H), DAY0);
	ASSERT_EQ(when_day_start(DAY0), DAY0);
	ASSERT_EQ(when_day_start(DAY0 - 1), DAY0 - D);
	tz_shanghai();
}

TEST(today_tomorrow)
{
	/* Now: 2026-11-24 15:30 in Shanghai. */
	int64_t	now = DAY0 + 7 * H + 1800;

	tz_shanghai();
	ASSERT_EQ(parse("tomorrow", now), DAY0 + D + H);
	ASSERT_EQ(parse("tomorrow 14:30", now), DAY0 + D + 6 * H + 1800);
	ASSERT_EQ(parse("Tomorrow  08:00", now), DAY0 + D);
	ASSERT_EQ(parse("today 18:00", now), DAY0 + 10 * H);
	ASSERT_EQ(parse("today", now), DAY0 + H);
	/* Shortly after local midnight, still before UTC midnight. */
	now = DAY0 - 8 * H + 60;
	ASSERT_EQ(parse("today 09:00", now), DAY0 + H);
	/* Over the end of a year: 2026-12-31 20:00 local. */
	now = INT64_C(1798718400);
	ASSERT_EQ(parse("tomorrow", now), INT64_C(1798765200));
	ASSERT_EQ(parse("tomorrow 00:00", now), INT64_C(1798732800));
}

TEST(leap_years)
{
	tz_shanghai();
	ASSERT_EQ(parse("2024-02-29 09:00", 0), INT64_C(1709168400));
	ASSERT_NE(parse("2000-02-29", 0), -1);
	ASSERT_EQ(parse("2026-02-29", 0), -1);
	ASSERT_EQ(parse("2100-02-29", 0), -1);
	ASSERT_EQ(parse("2025-02-29", 0), -1);
}

TEST(reject)
{
	static const char *bad[] = {
		"", "   ", "+", "-", "+5", "+5x", "+5M", "5m", "+m", "+ 5m",
		"+5m ago", "+-5m", "+5.5h", "later", "nowish", "todayx",
		"tomorrow junk", "tomorrow 9", "tomorrow 25:00", "today 9:5",
		"2026-13-01", "2026-00-10", "2026-04-31", "2026-11-00",
		"2026-11-32", "2026-11-24 24:00", "2026-11-24 10:60",
		"2026-11-24 10:00:60", "2026-11-24 10:00 junk",
		"2026-11-24T", "2026-11-24T10", "2026-11-24 10:00.5",
		"2026-11-24T10:00:00+25:00", "2026-11-24T10:00:00+08:60",
		"2026-11-24T10:00:00+8", "2026-11-24T10:00:00Zjunk",
		"2026-11-24T10:00:00.Z", "2026-11-24T10:00:00.1234567890Z",
		"2026/11/24", "24-11-2026", "20261124", "202-11-24",
		"12026-11-24", "1969-12-31", "0000-01-01",
		"2026-011-24", "2026-11-024", "2026-11-24x",
		"+99999999999999999999s", "+9223372036854775807w",
		"+9223372036854775807s\x1b", "\x1b[2J", "2026-11-24\n10:00",
	};
	int64_t	 t;
	size_t	 i;
	char	*cause;

	tz_shanghai();
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		t = -12345;
		if (when_parse(bad[i], DAY0, &t, &cause) != -1)
			FAIL_("'%s' accepted as %lld", bad[i], (long long)t);
		ASSERT(cause != NULL);
		ASSERT(strncmp(cause, "invalid time", 12) == 0);
		ASSERT_EQ(t, -12345);
		free(cause);
	}
	/* A NULL cause is allowed. */
	ASSERT_EQ(when_parse("junk", DAY0, &t, NULL), -1);
	ASSERT_EQ(when_parse(NULL, DAY0, &t, NULL), -1);
}

TEST(overflow)
{
	int64_t	t;

	ASSERT_EQ(when_parse("+1s", INT64_MAX, &t, NULL), -1);
	ASSERT_EQ(when_parse("-1s", INT64_MIN, &t, NULL), -1);
	ASSERT_EQ(when_parse("+0s", INT64_MAX, &t, NULL), 0);
	ASSERT_EQ(t, INT64_MAX);
	ASSERT_EQ(when_parse("+9223372036854775807s", 0, &t, NULL), 0);
	ASSERT_EQ(t, INT64_MAX);
	ASSERT_EQ(when_parse("-9223372036854775807s", -1, &t, NULL), 0);
	ASSERT_EQ(t, INT64_MIN);
	ASSERT_EQ(when_parse("tomorrow", INT64_MAX, &t, NULL), -1);
	ASSERT_EQ(when_parse("today", INT64_MIN, &t, NULL), -1);
}

TEST(causes)
{
	char	*cause = NULL;
	char	 longtext[200];
	int64_t	 t;

	ASSERT_EQ(when_parse("+5x", 0, &t, &cause), -1);
	ASSERT_STR(cause, "invalid time '+5x': expected +30s, +5m, +2h, +3d, "
	    "YYYY-MM-DD HH:MM or ISO 8601");
	ASSERT_EQ(when_parse("2026-02-30", 0, &t, &cause), -1);
	ASSERT_STR(cause, "invalid time '2026-02-30': no such day in that "
	    "month");
	/* Caught by the calendar, not left for mktime() to move. */
	ASSERT_EQ(when_parse("2100-02-29", 0, &t, &cause), -1);
	ASSERT(strstr(cause, "no such day in that month") != NULL);
	ASSERT_EQ(when_parse("2026-04-31 10:00", 0, &t, &cause), -1);
	ASSERT(strstr(cause, "no such day in that month") != NULL);
	ASSERT_EQ(when_parse("2026-13-01 10:00", 0, &t, &cause), -1);
	ASSERT(strstr(cause, "month must be 01-12") != NULL);
	ASSERT_EQ(when_parse("2026-11-24 25:00", 0, &t, &cause), -1);
	ASSERT(strstr(cause, "hour must be 00-23") != NULL);
	ASSERT_EQ(when_parse("+99999999999999999999s", 0, &t, &cause), -1);
	ASSERT(strstr(cause, "out of range") != NULL);
	/* Control characters are not echoed, and long text is cut. */
	ASSERT_EQ(when_parse("\x1b]2;x\x07", 0, &t, &cause), -1);
	ASSERT(strchr(cause, '\x1b') == NULL);
	ASSERT(strchr(cause, '\x07') == NULL);
	memset(longtext, '9', sizeof longtext - 1);
	longtext[sizeof longtext - 1] = '\0';
	ASSERT_EQ(when_parse(longtext, 0, &t, &cause), -1);
	ASSERT(strlen(cause) < 120);
	free(cause);
}

TEST(dst_gap)
{
	tz_set("America/New_York");
	/* 2026-03-08 02:30 does not exist in New York. */
	ASSERT_EQ(parse("2026-03-08 02:30", 0), -1);
	/* 01:30 on the day clocks go back exists (twice): accepted. */
	ASSERT_NE(parse("2026-11-01 01:30", 0), -1);
	/* Either side of the gap, EST then EDT. */
	ASSERT_EQ(parse("2026-03-08 01:59", 0), INT64_C(1772953140));
	ASSERT_EQ(parse("2026-03-08 03:00", 0), INT64_C(1772953200));
	tz_shanghai();
}

TEST(format)
{
	char	buf[32], small[8];

	tz_shanghai();
	ASSERT_STR(when_format(DAY0 + 2 * H, buf, sizeof buf),
	    "2026-11-24 10:00");
	ASSERT_STR(when_format(DAY0 - 8 * H, buf, sizeof buf),
	    "2026-11-24 00:00");
	ASSERT_STR(when_format(0, buf, 20), "1970-01-01 08:00");
	ASSERT_STR(when_iso(DAY0 + 2 * H + 5, buf, sizeof buf),
	    "2026-11-24T02:00:05Z");
	ASSERT_STR(when_iso(0, buf, 21), "1970-01-01T00:00:00Z");
	/* Small buffers truncate, never overflow. */
	memset(small, 'z', sizeof small);
	when_format(DAY0, small, 5);
	ASSERT_STR(small, "2026");
	ASSERT_EQ(small[5], 'z');
	/* Times past what struct tm holds do not crash. */
	when_format(INT64_MAX, buf, sizeof buf);
	ASSERT(strlen(buf) < sizeof buf);
	when_iso(INT64_MIN, buf, sizeof buf);
	ASSERT(strlen(buf) < sizeof buf);
	/* Round trip through the parser. */
	ASSERT_EQ(parse(when_format(DAY0 + 2 * H, buf, sizeof buf), 0),
	    DAY0 + 2 * H);
	ASSERT_EQ(parse(when_iso(DAY0 + 12345, buf, sizeof buf), 0),
	    DAY0 + 12345);
}

TEST(relative_format)
{
	char	buf[32];
	int64_t	now = DAY0;

	ASSERT_STR(when_relative(now, now, buf, sizeof buf), "now");
	ASSERT_STR(when_relative(now + 30, now, buf, sizeof buf), "in 30s");
	ASSERT_STR(when_relative(now + 300, now, buf, sizeof buf), "in 5m");
	ASSERT_STR(when_relative(now + 359, now, buf, sizeof buf), "in 5m");
	ASSERT_STR(when_relative(now - 3 * H, now, buf, sizeof buf),
	    "3h ago");
	ASSERT_STR(when_relative(now - 2 * D, now, buf, sizeof buf),
	    "2d ago");
	ASSERT_STR(when_relative(now - 59, now, buf, sizeof buf), "59s ago");
	ASSERT_STR(when_relative(now + D - 1, now, buf, sizeof buf), "in 23h");
	ASSERT_STR(when_relative(now + 400 * D, now, buf, sizeof buf),
	    "in 400d");
	ASSERT_STR(when_relative(INT64_MAX, INT64_MIN, buf, sizeof buf),
	    "in 213503982334601d");
	ASSERT_STR(when_relative(INT64_MIN, INT64_MAX, buf, sizeof buf),
	    "213503982334601d ago");
	ASSERT_STR(when_relative(now + 300, now, buf, 4), "in ");
}

TEST(day_start)
{
	tz_shanghai();
	/* Local midnight of 2026-11-24 is 2026-11-23 16:00 UTC. */
	ASSERT_EQ(when_day_start(DAY0 + 2 * H), DAY0 - 8 * H);
	ASSERT_EQ(when_day_start(DAY0 - 8 * H), DAY0 - 8 * H);
	ASSERT_EQ(when_day_start(DAY0 - 8 * H - 1), DAY0 - 32 * H);
	ASSERT_EQ(when_day_start(DAY0 + 16 * H - 1), DAY0 - 8 * H);
	tz_set("America/New_York");
	/* The day clocks go forward is 23 hours long; midnight is EST. */
	ASSERT_EQ(when_day_start(INT64_C(1772953200)), INT64_C(1772946000));
	tz_shanghai();
}

TEST(now)
{
	int64_t	before, t, after;

	tz_shanghai();
	setenv("KEFU_NOW", "1700000000", 1);
	ASSERT_EQ(when_now(), INT64_C(1700000000));
	setenv("KEFU_NOW", "2026-11-24T10:00:00Z", 1);
	ASSERT_EQ(when_now(), DAY0 + 10 * H);
	setenv("KEFU_NOW", "2026-11-24 10:00", 1);
	ASSERT_EQ(when_now(), DAY0 + 2 * H);
	setenv("KEFU_NOW", "garbage", 1);
	before = (int64_t)time(NULL);
	t = when_now();
	after = (int64_t)time(NULL);
	ASSERT(t >= before && t <= after);
	unsetenv("KEFU_NOW");
	before = (int64_t)time(NULL);
	t = when_now();
	after = (int64_t)time(NULL);
	ASSERT(t >= before && t <= after);
}

static const struct test tests[] = {
	T(relative),
	T(local_shanghai),
	T(iso_zones),
	T(utc_zone),
	T(today_tomorrow),
	T(leap_years),
	T(reject),
	T(overflow),
	T(causes),
	T(dst_gap),
	T(format),
	T(relative_format),
	T(day_start),
	T(now),
	{ NULL, NULL },
};

/* Run the test named by argv[1], or all of them. */
int
main(int argc, char **argv)
{
	return (test_main(argc, argv, tests));
}
