/*
 * search.c — customer search as the agent types (see search.h).
 *
 * Two indexes, kept in step with the customer row in the same transaction:
 *  - words: name and profile text with every CJK character its own token
 *    (utf8_search_key), prefix indexes 1–3; a run of Chinese characters in
 *    the query becomes a phrase ("黄 强"), a Latin word a prefix ("li"*).
 *    This answers 1- and 2-character Chinese queries, which a trigram index
 *    cannot.
 *  - grams: phone digits (E.164 and as typed) and the notes, trigram
 *    tokenized, for phone fragments and substrings of 3+ characters.
 * Results come newest customer first (rowid), never by rank: ranking scores
 * every match and costs up to 0.4 s on a million rows.
 *
 * The SQL that names the full-text engine is in one table per engine.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/phone.h"
#include "kefu/search.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

struct search_sql {
	const char *engine;
	const char *words_match;	/* ?1 match, ?2 limit */
	const char *grams_match;
	const char *words_delete;
	const char *words_insert;	/* rowid, name, text */
	const char *grams_delete;
	const char *grams_insert;	/* rowid, phones, notes */
};

static const struct search_sql sqlite_sql = {
	"sqlite",
	"SELECT rowid FROM customer_words WHERE customer_words MATCH ?"
	" ORDER BY rowid DESC LIMIT ?",
	"SELECT rowid FROM customer_grams WHERE customer_grams MATCH ?"
	" ORDER BY rowid DESC LIMIT ?",
	"DELETE FROM customer_words WHERE rowid = ?",
	"INSERT INTO customer_words (rowid, name, text) VALUES (?, ?, ?)",
	"DELETE FROM customer_grams WHERE rowid = ?",
	"INSERT INTO customer_grams (rowid, phones, notes) VALUES (?, ?, ?)",
};

static const struct search_sql *const search_engines[] = { &sqlite_sql, NULL };

static const struct search_sql *
engine_sql(struct db *db)
{
	for (int i = 0; search_engines[i] != NULL; i++)
		if (strcmp(search_engines[i]->engine, db_engine(db)) == 0)
			return search_engines[i];
	return NULL;
}

struct strbuf {
	char	*s;
	size_t	 len, size;
};

static void
sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->size) {
		b->size = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->size);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_str(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

char *
search_fts_query(const char *query)
{
	char *key = utf8_search_key(query), *p = key;
	struct strbuf b = { NULL, 0, 0 };
	int in_cjk = 0;

	/* The key is tokens separated by single spaces; each CJK character
	 * is a token of its own. */
	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		uint32_t cp;

		utf8_decode(p, n, &cp);
		if (utf8_is_cjk(cp)) {
			sb_str(&b, in_cjk ? " " : (b.len ? " \"" : "\""));
			sb_add(&b, p, n);
			in_cjk = 1;
		} else {
			if (in_cjk)
				sb_str(&b, "\"");
			in_cjk = 0;
			sb_str(&b, b.len ? " \"" : "\"");
			sb_add(&b, p, n);
			sb_str(&b, "\"*");
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	if (in_cjk)
		sb_str(&b, "\"");
	free(key);
	return b.s;
}

void
search_hits_free(struct search_hit *h, int n)
{
	for (int i = 0; i < n; i++) {
		free(h[i].name);
		free(h[i].segment);
		free(h[i].phone);
	}
	free(h);
}

/* Append the customer ids SQL (bound to MATCH, LIMIT) yields to IDS. */
static int
collect(struct db *db, const char *sql, const char *match, int limit,
    int64_t **ids, int *n)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, match);
	db_bind_int(st, 2, limit);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		int dup = 0;

		for (int i = 0; i < *n && !dup; i++)
			dup = (*ids)[i] == id;
		if (dup || *n >= limit)
			continue;
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = id;
	}
	return rc < 0 ? rc : 0;
}

/* Load the list line of each id into HITS. */
static int
load_hits(struct db *db, const int64_t *ids, int n, struct search_hit **hits)
{
	struct search_hit *h = xcalloc(n ? n : 1, sizeof *h);
	struct db_stmt *st;
	int k = 0, rc = 0;

	for (int i = 0; i < n; i++) {
		st = db_prepare(db, "SELECT c.name, c.segment, (SELECT raw FROM"
		    " customer_phones p WHERE p.customer_id = c.id ORDER BY p.id"
		    " LIMIT 1) FROM customers c WHERE c.id = ?");
		if (st == NULL) {
			rc = DB_ERR;
			break;
		}
		db_bind_int(st, 1, ids[i]);
		if ((rc = db_step(st)) < 0)
			break;		/* an error, not a partial list */
		if (rc == DB_DONE)
			continue;	/* index ahead of a concurrent delete */
		h[k].id = ids[i];
		h[k].name = xstrdup(db_col_text(st, 0));
		h[k].segment = xstrdup(db_col_text(st, 1));
		h[k].phone = db_col_null(st, 2) ? xstrdup("") :
		    xstrdup(db_col_text(st, 2));
		k++;
		db_reset(st);
		rc = 0;
	}
	if (rc < 0) {
		search_hits_free(h, k);
		return rc;
	}
	*hits = h;
	return k;
}

int
search_customers(struct db *db, const char *query, int limit,
    struct search_hit **hits, char **cause)
{
	const struct search_sql *sql = engine_sql(db);
	int64_t *ids = NULL, *exact = NULL;
	char digits[64], *match;
	int n = 0, rc = 0, nexact;

	*hits = NULL;
	if (sql == NULL)
		return set_cause(cause, "search: no full-text search for %s",
		    db_engine(db));
	if (query == NULL || limit <= 0 || !utf8_valid(query, strlen(query)))
		return 0;
	/* Fewer than 4 digits match a large share of all phones: not a
	 * useful phone search, so such a query searches names and notes. */
	if (phone_like(query, 4)) {
		/* A whole number first, then fragments. */
		nexact = phone_like(query, 5) ?
		    customer_find_phone(db, query, &exact, NULL) : 0;
		for (int i = 0; i < nexact && n < limit; i++) {
			ids = xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = exact[i];
		}
		free(exact);
		/* A whole number that matched needs no fragments: those scan
		 * the "86…" trigrams every phone shares (17–32 ms at 1 M). And
		 * a fragment searches its last 8 digits, the selective end. */
		if (n == 0) {
			size_t len;
			phone_digits(query, digits, sizeof digits);
			len = strlen(digits);
			match = xasprintf("phones : \"%s\"", len > 8 ?
			    digits + len - 8 : digits);
			rc = collect(db, sql->grams_match, match, limit, &ids, &n);
			free(match);
		}
	} else if ((match = search_fts_query(query)) != NULL) {
		rc = collect(db, sql->words_match, match, limit, &ids, &n);
		free(match);
	}
	if (rc < 0) {
		free(ids);
		return db_cause(db, rc, "search", cause);
	}
	rc = load_hits(db, ids, n, hits);
	free(ids);
	if (rc < 0)
		return db_cause(db, rc, "search", cause);
	return rc;
}

/* Phones as digit strings, E.164 and as typed, for the trigram index. */
static char *
phones_key(struct db *db, int64_t id, int *rc)
{
	struct strbuf b = { NULL, 0, 0 };
	struct db_stmt *st;
	char digits[64];

	sb_str(&b, "");
	st = db_prepare(db, "SELECT e164, raw FROM customer_phones"
	    " WHERE customer_id = ?");
	if (st == NULL) {
		*rc = DB_ERR;
		return b.s;
	}
	db_bind_int(st, 1, id);
	while ((*rc = db_step(st)) == DB_ROW) {
		for (int col = 0; col < 2; col++) {
			phone_digits(db_col_text(st, col), digits, sizeof digits);
			sb_str(&b, b.len ? " " : "");
			sb_str(&b, digits);
		}
	}
	return b.s;
}

int
search_index_customer(struct db *db, int64_t id)
{
	const struct search_sql *sql = engine_sql(db);
	struct db_stmt *st;
	char *name = NULL, *text = NULL, *phones = NULL, *notes = NULL;
	int rc;

	if (sql == NULL)
		return DB_ERR;
	st = db_prepare(db, "SELECT name, household || ' ' || habits || ' ' ||"
	    " preferences || ' ' || notes FROM customers WHERE id = ?");
	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	name = utf8_search_key(db_col_text(st, 0));
	notes = xstrdup(db_col_text(st, 1));
	text = utf8_search_key(notes);
	db_reset(st);
	phones = phones_key(db, id, &rc);
	if (rc < 0)
		goto out;

	const char *const steps[] = { sql->words_delete, sql->grams_delete,
	    sql->words_insert, sql->grams_insert };
	for (int i = 0; i < 4 && rc >= 0; i++) {
		if ((st = db_prepare(db, steps[i])) == NULL) {
			rc = DB_ERR;
			break;
		}
		db_bind_int(st, 1, id);
		if (i == 2) {
			db_bind_text(st, 2, name);
			db_bind_text(st, 3, text);
		} else if (i == 3) {
			db_bind_text(st, 2, phones);
			db_bind_text(st, 3, notes);
		}
		rc = db_step(st);
	}
out:
	free(name);
	free(text);
	free(phones);
	free(notes);
	return rc < 0 ? rc : 0;
}
