/* fuzz-utf8.c — utf8.c on arbitrary bytes: output is safe to draw. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless S holds no control characters, bar '\n' if NEWLINES. */
static void
check_drawable(const char *s, bool newlines)
{
	size_t		len = strlen(s), i = 0;
	uint32_t	cp;

	if (!utf8_valid(s, len))
		abort();
	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 && !(cp == '\n' && newlines))
			abort();
		if (cp >= 0x7F && cp <= 0x9F)
			abort();
		if ((cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			abort();
	}
}

/* One input: every utf8.c function, with invariants checked. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *t, *key, *cut;
	size_t		 n, i;
	uint32_t	 cp;
	int		 cols, used, w, len;

	s = malloc(size + 1);
	if (s == NULL)
		return (0);
	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);

	/* Decoding always moves forward and round-trips valid input. */
	for (i = 0; i < n; i += len) {
		char buf[4];
		len = utf8_decode(s + i, n - i, &cp);
		if (len < 1 || len > 4 || (size_t)len > n - i)
			abort();
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			abort();
		if (utf8_cp_width(cp) < 0 || utf8_cp_width(cp) > 2)
			abort();
		if (!(cp == 0xFFFD && len == 1)) {
			if (utf8_encode(cp, buf) != len ||
			    memcmp(buf, s + i, len) != 0)
				abort();
		}
	}

	t = utf8_sanitise(s, false);
	check_drawable(t, false);
	if (utf8_width(t) != utf8_width(s))
		abort();
	free(t);
	t = utf8_sanitise(s, true);
	check_drawable(t, true);
	free(t);

	key = utf8_search_key(s);
	if (!utf8_valid(key, strlen(key)))
		abort();
	if (key[0] == ' ' || strstr(key, "  ") != NULL ||
	    (key[0] != '\0' && key[strlen(key) - 1] == ' '))
		abort();
	for (i = 0; key[i] != '\0'; i++) {
		if (key[i] >= 'A' && key[i] <= 'Z')
			abort();
	}
	free(key);

	/* Fitting and cutting stay inside the columns given. */
	w = utf8_width(s);
	cols = size > 0 ? data[0] % 40 - 2 : 0;
	n = utf8_fit(s, cols, &used);
	if (n > strlen(s) || used < 0 || used > (cols > 0 ? cols : 0))
		abort();
	t = strndup(s, n);
	if (t == NULL || utf8_width(t) != used)
		abort();
	free(t);
	cut = utf8_ellipsise(s, cols);
	if (utf8_width(cut) > (cols > 0 ? cols : 0))
		abort();
	if (cols > 0 && w <= cols && strcmp(cut, s) != 0)
		abort();
	free(cut);

	free(s);
	return (0);
}
