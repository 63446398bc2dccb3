/*
 * search.h — find customers as an agent types.
 *
 * One query string: a phone number or fragment (digits with separators), or
 * words — Chinese characters match anywhere in a name or the notes (1 and 2
 * characters through the per-character index, as a phrase), Latin words by
 * prefix.  Results are ordered by recency (rowid), never by rank, and capped:
 * this runs on every keystroke.
 */
#ifndef KEFU_SEARCH_H
#define KEFU_SEARCH_H

#include <stdint.h>

struct db;

struct search_hit {
	int64_t	 id;
	char	*name;
	char	*segment;
	char	*phone;		/* first phone, as typed */
};

/* Up to LIMIT customers matching QUERY into *hits (owned; free with
 * search_hits_free). Returns the count, or negative with *cause. */
int search_customers(struct db *, const char *query, int limit,
    struct search_hit **hits, char **cause);
void search_hits_free(struct search_hit *, int n);

/* Rewrite the search rows of customer ID from its current fields (called by
 * customer.c inside its transaction). */
int search_index_customer(struct db *, int64_t id);

/* Build the FTS5 MATCH expression for QUERY (exposed for tests and fuzzing).
 * Returns a new string or NULL if the query has nothing to search for. */
char *search_fts_query(const char *query);

#endif
