/* fuzz-phone.c — phone_normalise() never overflows and gives E.164. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless OUT is '+' then 7 to 15 digits, not starting with 0. */
static void
check_e164(const char *out)
{
	size_t	len = strlen(out);

	if (len < 8 || len > 16 || out[0] != '+' || out[1] == '0')
		abort();
	if (strspn(out + 1, "0123456789") != len - 1)
		abort();
}

/* One input: normalise it, then check the result and the buffer. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	*ccs[] = { "86", "1", "44", "7", "852" };
	char			*s, out[17 + 8], again[17], digits[32];
	const char		*why, *cc;
	int			 r;

	s = malloc(size + 1);
	if (s == NULL)
		return (0);
	memcpy(s, data, size);
	s[size] = '\0';
	cc = ccs[size % (sizeof ccs / sizeof ccs[0])];

	/* Bytes after the 17 the contract promises must stay untouched. */
	memset(out, 'Z', sizeof out);
	why = NULL;
	r = phone_normalise(s, cc, out, 17, &why);
	if (memcmp(out + 17, "ZZZZZZZZ", 8) != 0)
		abort();
	if (r == 0) {
		check_e164(out);
		/* Normalising a normalised number changes nothing. */
		if (phone_normalise(out, cc, again, sizeof again, &why) != 0 ||
		    strcmp(again, out) != 0)
			abort();
		if (!phone_like(s, 1))
			abort();
	} else if (r != -1 || why == NULL || out[0] != '\0')
		abort();

	phone_like(s, (int)(size % 12));
	memset(digits, 'Z', sizeof digits);
	phone_digits(s, digits, 16);
	if (strlen(digits) > 15 || digits[16] != 'Z')
		abort();
	if (strspn(digits, "0123456789") != strlen(digits))
		abort();
	free(s);
	return (0);
}
