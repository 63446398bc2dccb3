/* fuzz-search.c — the FTS5 query built from what an agent types is always
 * well formed: quotes balanced, only the characters we put there. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/search.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), *q;
	size_t quotes = 0;

	q = search_fts_query(s);
	if (q != NULL) {
		if (!utf8_valid(q, strlen(q)))
			abort();
		for (const char *p = q; *p != '\0'; p++) {
			if (*p == '"')
				quotes++;
			/* Outside tokens only: space, quote, star. */
			if ((unsigned char)*p < 0x20 || *p == '(' || *p == ')' ||
			    *p == ':' || *p == '^' || *p == '{' || *p == '}')
				abort();
		}
		if (quotes % 2 != 0)
			abort();
	}
	free(q);
	free(s);
	return 0;
}
