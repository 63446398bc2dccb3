/*
 * xmalloc.h — one out-of-memory policy: these never return NULL; on failure
 * they log and exit(1).
 */
#ifndef KEFU_XMALLOC_H
#define KEFU_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* printf into a new string. */
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Set *cause (if CAUSE is not NULL) to a new formatted string; returns -1 so
 * callers can write `return set_cause(cause, "…")`. */
int set_cause(char **cause, const char *, ...) __attribute__((format(printf, 2, 3)));

#endif
