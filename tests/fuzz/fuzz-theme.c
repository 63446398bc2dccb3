/* fuzz-theme.c — theme_parse() on arbitrary text: all or nothing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/theme.h"
#include "kefu/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless CAUSE is a one-line, visible, valid UTF-8 message. */
static void
check_cause(const char *cause)
{
	size_t	i;

	if (cause == NULL || strncmp(cause, "fuzz.theme:", 11) != 0)
		abort();
	for (i = 0; cause[i] != '\0'; i++) {
		if ((unsigned char)cause[i] < 0x20 || cause[i] == 0x7F)
			abort();
	}
	if (!utf8_valid(cause, i) || i > 400)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme	 before, t, again;
	char		*cause = NULL;
	int		 i, r;

	theme_builtin(&before);
	t = before;
	r = theme_parse((const char *)data, size, "fuzz.theme", &t, &cause);
	if (r != 0) {
		/* A failed parse changes nothing. */
		if (r != -1 || memcmp(&t, &before, sizeof t) != 0)
			abort();
		check_cause(cause);
		free(cause);
		return (0);
	}
	if (cause != NULL)
		abort();
	for (i = 0; i < TH_COUNT; i++) {
		if (t.style[i].fg < -1 || t.style[i].fg > 255 ||
		    t.style[i].bg < -1 || t.style[i].bg > 255 ||
		    (t.style[i].attrs & ~0x3fu) != 0)
			abort();
	}
	/* A line says all of an element's style: parsing again is a no-op. */
	again = t;
	if (theme_parse((const char *)data, size, "fuzz.theme", &again,
	    NULL) != 0 || memcmp(&again, &t, sizeof t) != 0)
		abort();
	return (0);
}
