/* fuzz-when.c — when_parse() on arbitrary text, formatting any result. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kefu/when.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* One input: parse it, then format whatever came out. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 once;
	char		*s, *cause, buf[64];
	int64_t		 now = 0, t = 0, t2;
	size_t		 i;
	int		 r;

	if (!once) {
		setenv("TZ", "Asia/Shanghai", 1);
		tzset();
		once = 1;
	}
	/* The first eight bytes, when there are more, choose NOW. */
	if (size > 8) {
		memcpy(&now, data, sizeof now);
		data += 8;
		size -= 8;
	}
	s = malloc(size + 1);
	if (s == NULL)
		return (0);
	memcpy(s, data, size);
	s[size] = '\0';

	cause = NULL;
	r = when_parse(s, now, &t, &cause);
	if (r == 0) {
		if (cause != NULL)
			abort();
		/* A parsed time prints and, in range, reads back. */
		when_iso(t, buf, sizeof buf);
		if (t >= 0 && t < INT64_C(253402300800) &&
		    (when_parse(buf, now, &t2, NULL) != 0 || t2 != t))
			abort();
		when_format(t, buf, sizeof buf);
		when_day_start(t);
	} else {
		if (r != -1 || cause == NULL)
			abort();
		for (i = 0; cause[i] != '\0'; i++) {
			if ((unsigned char)cause[i] < 0x20 || cause[i] == 0x7F)
				abort();
		}
		free(cause);
	}
	when_relative(t, now, buf, sizeof buf);
	when_relative(now, t, buf, 5);
	when_format(now, buf, sizeof buf);
	when_iso(now, buf, sizeof buf);
	when_day_start(now);
	free(s);
	return (0);
}
