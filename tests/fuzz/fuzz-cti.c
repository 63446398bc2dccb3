/* fuzz-cti.c — the softphone link's parser: any bytes, split anywhere,
 * never crash, never leak, and every event it gives is well formed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/cti.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless EV keeps the contract of cti.h. */
static void
check(void *arg, const struct cti_event *ev)
{
	size_t n;

	(void)arg;
	if (ev->id == NULL || ev->number == NULL)
		abort();
	if ((n = strlen(ev->number)) > CTI_NUMBER_MAX ||
	    strspn(ev->number, "0123456789+abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		abort();
	if (ev->type == CTI_RESPONSE && (ev->token == NULL || ev->data == NULL))
		abort();
	if (ev->type != CTI_RESPONSE && (*ev->id == '\0' || strlen(ev->id) > 256))
		abort();
	if (ev->missed && (ev->type != CTI_CLOSED || !ev->known))
		abort();
}

/* The first byte chooses where the stream is cut in two. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cti_parser *p;
	char *cause = NULL, out[CTI_NUMBER_MAX + 1], *s;
	size_t cut;

	if (size == 0)
		return 0;
	cut = size > 1 ? data[0] % size : 0;
	p = cti_parser_new();
	if (cti_parse(p, (const char *)data + 1, cut, check, NULL, &cause) >= 0)
		cti_parse(p, (const char *)data + 1 + cut, size - 1 - cut, check,
		    NULL, &cause);
	free(cause);
	cti_parser_free(p);

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	cti_uri_number(s, out);
	if (strlen(out) > CTI_NUMBER_MAX)
		abort();
	free(s);
	return 0;
}
