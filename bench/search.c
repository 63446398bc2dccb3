/*
 * search.c — kefu-bench-search: how long search_customers() takes on a
 * generated database, next to the SQLite floor measured in the same run.
 *
 *   kefu-bench-search --db PATH [--iterations N] [--limit L] [--seed S]
 *
 * Query sets (N timed queries each, distinct as far as the set allows):
 * 1-character surnames, 2-character names, 3-letter Latin prefixes, phone
 * fragments of 4–6 digits, whole phones typed "+86 138 0013 8000" style,
 * words of the notes.  Each query is timed through search_customers() and
 * through its floor — the one index query it cannot do without, via the
 * same db_prepare/db_step path:
 *  - words: the FTS5 MATCH of search_fts_query() with the same LIMIT;
 *  - phone fragments: the trigram MATCH on the phones column, same LIMIT;
 *  - whole phones: SELECT id FROM customer_phones WHERE e164 = ?.
 * The two are interleaved (which goes first alternates) so the noise of a
 * shared 2-core machine falls on both.  Everything is warm: one untimed pass
 * runs first.  Then row counts prove the 2-character phrases right against
 * a full LIKE scan, and EXPLAIN QUERY PLAN shows the plans.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kefu/db.h"
#include "kefu/phone.h"
#include "kefu/search.h"
#include "kefu/xmalloc.h"
#include "names.h"

/* The SQL search.c runs (kept identical so the floor shares its plan). */
#define WORDS_SQL "SELECT rowid FROM customer_words WHERE customer_words" \
	" MATCH ? ORDER BY rowid DESC LIMIT ?"
#define GRAMS_SQL "SELECT rowid FROM customer_grams WHERE customer_grams" \
	" MATCH ? ORDER BY rowid DESC LIMIT ?"
#define POINT_SQL "SELECT id FROM customer_phones WHERE e164 = ?"
/* The floor with the rows the list shows, in one statement. */
#define ROW_COLS "SELECT c.id, c.name, c.segment, (SELECT raw FROM" \
	" customer_phones p WHERE p.customer_id = c.id ORDER BY p.id LIMIT 1)"
#define WORDS_ROWS_SQL ROW_COLS " FROM (" WORDS_SQL ") m" \
	" JOIN customers c ON c.id = m.rowid"
#define GRAMS_ROWS_SQL ROW_COLS " FROM (" GRAMS_SQL ") m" \
	" JOIN customers c ON c.id = m.rowid"
#define POINT_ROWS_SQL ROW_COLS " FROM customer_phones m" \
	" JOIN customers c ON c.id = m.customer_id WHERE m.e164 = ?"

enum qkind { Q_WORDS, Q_FRAGMENT, Q_PHONE };

struct qset {
	const char *name;
	enum qkind kind;
	char	**q;		/* distinct queries */
	int	 n;
	double	*kefu, *floor, *rows_floor;	/* µs, one per iteration */
	long	 hits, rows;	/* summed result counts */
};

struct bench {
	struct db *db;
	struct rng r;
	int	 iterations;
	int	 limit;
};

/* Monotonic microseconds. */
static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Add Q (taken) to S unless it is there already; returns 1 if added. */
static int
qset_add(struct qset *s, char *q)
{
	for (int i = 0; i < s->n; i++) {
		if (strcmp(s->q[i], q) == 0) {
			free(q);
			return 0;
		}
	}
	s->q = xreallocarray(s->q, (size_t)s->n + 1, sizeof *s->q);
	s->q[s->n++] = q;
	return 1;
}

/* Lower-case ASCII copy of the first N bytes of S. */
static char *
lower_prefix(const char *s, size_t n)
{
	char *p = xstrndup(s, n);

	for (char *c = p; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return p;
}

/* Fill the query sets from the generator's tables and the database. */
static void
make_sets(struct bench *b, struct qset *sets)
{
	struct db_stmt *st;
	int tries;

	sets[0].name = "surname (1 char)";
	for (size_t i = 0; i < bench_nsurnames; i++)
		if (strlen(bench_surnames[i].s) == 3)
			qset_add(&sets[0], xstrdup(bench_surnames[i].s));

	sets[1].name = "name (2 chars)";
	for (tries = 0; sets[1].n < b->iterations && tries < 100000; tries++)
		qset_add(&sets[1], xasprintf("%s%s", names_surname(&b->r),
		    bench_given[rng_skewed(&b->r, bench_ngiven)]));

	sets[2].name = "latin prefix (3)";
	for (size_t i = 0; i < bench_nen_first; i++)
		qset_add(&sets[2], lower_prefix(bench_en_first[i], 3));
	for (size_t i = 0; i < bench_nen_last; i++)
		if (strlen(bench_en_last[i]) >= 3)
			qset_add(&sets[2], lower_prefix(bench_en_last[i], 3));

	sets[3].name = "phone fragment";
	sets[3].kind = Q_FRAGMENT;
	for (tries = 0; sets[3].n < b->iterations && tries < 100000; tries++) {
		int len = 4 + (int)rng_below(&b->r, 3);
		char d[8];

		for (int k = 0; k < len; k++)
			d[k] = (char)('0' + rng_below(&b->r, 10));
		d[len] = '\0';
		qset_add(&sets[3], xstrdup(d));
	}

	/* Real mobiles from the file, typed another way. */
	sets[4].name = "whole phone";
	sets[4].kind = Q_PHONE;
	st = db_prepare(b->db, "SELECT max(id) FROM customer_phones");
	if (st != NULL && db_step(st) == DB_ROW) {
		int64_t max = db_col_int(st, 0);

		db_reset(st);
		for (tries = 0; max > 0 && sets[4].n < b->iterations &&
		    tries < 100000; tries++) {
			const char *e;

			st = db_prepare(b->db, "SELECT e164 FROM customer_phones"
			    " WHERE id = ?");
			db_bind_int(st, 1, 1 + (int64_t)rng_below(&b->r,
			    (uint64_t)max));
			if (db_step(st) != DB_ROW)
				continue;
			e = db_col_text(st, 0);
			if (strlen(e) == 14 && strncmp(e, "+861", 4) == 0)
				qset_add(&sets[4], xasprintf("+86 %.3s %.4s"
				    " %.4s", e + 3, e + 6, e + 10));
			db_reset(st);
		}
	}

	sets[5].name = "note word";
	for (size_t i = 0; i < bench_nnote_words; i++)
		qset_add(&sets[5], xstrdup(bench_note_words[i]));
}

/* Time search_customers(Q); adds its hit count to S. */
static double
time_kefu(struct bench *b, struct qset *s, const char *q)
{
	struct search_hit *hits;
	char *cause = NULL;
	double t0 = now_us(), t;
	int n;

	n = search_customers(b->db, q, b->limit, &hits, &cause);
	t = now_us() - t0;
	if (n < 0) {
		fprintf(stderr, "kefu-bench-search: '%s': %s\n", q, cause);
		exit(1);
	}
	search_hits_free(hits, n);
	s->hits += n;
	return t;
}

/* Step ST (bound) to the end; the number of rows, or negative. */
static long
drain(struct db_stmt *st)
{
	long n = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW)
		n++;
	return rc < 0 ? rc : n;
}

/* Time the floor query of Q (its argument built before the clock starts);
 * with ROWS, the floor that also reads the rows the list shows. */
static double
time_floor(struct bench *b, struct qset *s, const char *q, int rows)
{
	char digits[64], e164[24], *arg;
	const char *why, *sql;
	struct db_stmt *st;
	double t0, t;
	long n;

	switch (s->kind) {
	case Q_WORDS:
		arg = search_fts_query(q);
		sql = rows ? WORDS_ROWS_SQL : WORDS_SQL;
		break;
	case Q_FRAGMENT:
		phone_digits(q, digits, sizeof digits);
		arg = xasprintf("phones : \"%s\"", digits);
		sql = rows ? GRAMS_ROWS_SQL : GRAMS_SQL;
		break;
	default:
		if (phone_normalise(q, phone_default_cc(), e164, sizeof e164,
		    &why) != 0) {
			fprintf(stderr, "kefu-bench-search: '%s': %s\n", q, why);
			exit(1);
		}
		arg = xstrdup(e164);
		sql = rows ? POINT_ROWS_SQL : POINT_SQL;
		break;
	}
	if (arg == NULL)
		return 0.0;
	t0 = now_us();
	st = db_prepare(b->db, sql);
	if (st == NULL) {
		fprintf(stderr, "kefu-bench-search: %s\n", db_errmsg(b->db));
		exit(1);
	}
	db_bind_text(st, 1, arg);
	if (s->kind != Q_PHONE)
		db_bind_int(st, 2, b->limit);
	n = drain(st);
	t = now_us() - t0;
	free(arg);
	if (n < 0) {
		fprintf(stderr, "kefu-bench-search: '%s': %s\n", q,
		    db_errmsg(b->db));
		exit(1);
	}
	if (!rows)
		s->rows += n;
	return t;
}

/* Ascending order of doubles, for qsort. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The P-th percentile (nearest rank) of the N sorted values V. */
static double
pct(const double *v, int n, double p)
{
	int k = (int)ceil(p / 100.0 * n) - 1;

	if (k < 0)
		k = 0;
	return n ? v[k < n ? k : n - 1] : 0.0;
}

/* Run the N iterations of set S: warm once, then timed, interleaved. */
static void
run_set(struct bench *b, struct qset *s)
{
	int n = b->iterations;

	for (int i = 0; i < s->n && i < n; i++) {
		time_kefu(b, s, s->q[i]);
		time_floor(b, s, s->q[i], 0);
		time_floor(b, s, s->q[i], 1);
	}
	s->hits = s->rows = 0;
	s->kefu = xcalloc((size_t)n, sizeof *s->kefu);
	s->floor = xcalloc((size_t)n, sizeof *s->floor);
	s->rows_floor = xcalloc((size_t)n, sizeof *s->rows_floor);
	for (int i = 0; i < n; i++) {
		const char *q = s->q[i % s->n];

		if (i % 2 == 0) {
			s->kefu[i] = time_kefu(b, s, q);
			s->floor[i] = time_floor(b, s, q, 0);
			s->rows_floor[i] = time_floor(b, s, q, 1);
		} else {
			s->rows_floor[i] = time_floor(b, s, q, 1);
			s->floor[i] = time_floor(b, s, q, 0);
			s->kefu[i] = time_kefu(b, s, q);
		}
	}
	qsort(s->kefu, (size_t)n, sizeof *s->kefu, cmp_double);
	qsort(s->floor, (size_t)n, sizeof *s->floor, cmp_double);
	qsort(s->rows_floor, (size_t)n, sizeof *s->rows_floor, cmp_double);
}

/* One line of the results table. */
static void
print_set(const struct bench *b, const struct qset *s)
{
	int n = b->iterations;
	double k50 = pct(s->kefu, n, 50), k99 = pct(s->kefu, n, 99);
	double f50 = pct(s->floor, n, 50), f99 = pct(s->floor, n, 99);
	double r50 = pct(s->rows_floor, n, 50);

	printf("%-17s %4d %4d %5.1f | %8.1f %8.1f %8.1f | %7.1f %7.1f %7.1f |"
	    " %6.1fx %6.1fx | %7.1f %5.1fx\n", s->name, n, s->n,
	    (double)s->hits / n, k50, k99, s->kefu[n - 1], f50, f99,
	    s->floor[n - 1], f50 > 0 ? k50 / f50 : 0.0,
	    f99 > 0 ? k99 / f99 : 0.0, r50, r50 > 0 ? k50 / r50 : 0.0);
}

/* One integer from SQL with an optional text parameter; -1 on error. */
static int64_t
query_int(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t v = -1;

	if (st == NULL)
		return -1;
	if (arg != NULL)
		db_bind_text(st, 1, arg);
	if (db_step(st) == DB_ROW) {
		v = db_col_int(st, 0);
		db_reset(st);
	}
	return v;
}

/* What the database holds: version, size, rows. */
static void
print_database(struct db *db, const char *path)
{
	static const char *const tables[] = { "customers", "customer_phones",
	    "contacts", "followups", "audit", "agents" };
	struct db_stmt *st;

	st = db_prepare(db, "SELECT sqlite_version()");
	if (st != NULL && db_step(st) == DB_ROW) {
		printf("SQLite %s, database %s, %.1f MB\n", db_col_text(st, 0),
		    path, (double)query_int(db, "PRAGMA page_count", NULL) *
		    (double)query_int(db, "PRAGMA page_size", NULL) / 1048576.0);
		db_reset(st);
	}
	printf("rows:");
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *sql = xasprintf("SELECT count(*) FROM %s", tables[i]);

		printf(" %s %lld%s", tables[i], (long long)query_int(db, sql,
		    NULL), i + 1 < sizeof tables / sizeof tables[0] ? "," : "");
		free(sql);
	}
	printf("\n");
}

/*
 * Row counts of some 2-character queries: the FTS phrase on the name column
 * against a LIKE scan of customers.name (these must be equal), and on all
 * indexed text against a LIKE scan of the same fields (these may differ
 * only where a phrase spans a field boundary or punctuation).
 */
static void
check_counts(struct bench *b, const struct qset *s, int n)
{
	double t0, scan[64], fts[64];
	int bad = 0;

	printf("\n2-character names: FTS phrase count (no LIMIT) vs LIKE scan\n");
	printf("%-8s %-14s %8s %8s %8s %8s\n", "query", "match", "fts.name",
	    "like", "fts.all", "like.all");
	if (n > 64)
		n = 64;
	for (int i = 0; i < n && i < s->n; i++) {
		char *m = search_fts_query(s->q[i]);
		char *mname = xasprintf("name : %s", m);
		char *like = xasprintf("%%%s%%", s->q[i]);
		int64_t fn, ln, fa, la;

		t0 = now_us();
		fn = query_int(b->db, "SELECT count(*) FROM customer_words"
		    " WHERE customer_words MATCH ?", mname);
		fts[i] = now_us() - t0;
		t0 = now_us();
		ln = query_int(b->db, "SELECT count(*) FROM customers"
		    " WHERE name LIKE ?", like);
		scan[i] = now_us() - t0;
		fa = query_int(b->db, "SELECT count(*) FROM customer_words"
		    " WHERE customer_words MATCH ?", m);
		la = query_int(b->db, "SELECT count(*) FROM customers WHERE"
		    " (name || ' ' || household || ' ' || habits || ' ' ||"
		    " preferences || ' ' || notes) LIKE ?1", like);
		printf("%-8s %-14s %8lld %8lld %8lld %8lld%s\n", s->q[i], m,
		    (long long)fn, (long long)ln, (long long)fa, (long long)la,
		    fn != ln ? "  MISMATCH" : "");
		bad += fn != ln;
		free(m);
		free(mname);
		free(like);
	}
	qsort(fts, (size_t)n, sizeof *fts, cmp_double);
	qsort(scan, (size_t)n, sizeof *scan, cmp_double);
	printf("name counts: %s; count(*) p50 %.0f us by FTS phrase, %.0f us by"
	    " LIKE scan\n", bad ? "MISMATCH" : "all equal", pct(fts, n, 50),
	    pct(scan, n, 50));
}

/* EXPLAIN QUERY PLAN of SQL, one line per step. */
static void
explain(struct db *db, const char *label, const char *sql)
{
	char *e = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	struct db_stmt *st = db_prepare(db, e);

	printf("%s:\n", label);
	while (st != NULL && db_step(st) == DB_ROW)
		printf("    %s\n", db_col_text(st, 3));
	free(e);
}

/* Print usage to F. */
static void
usage(FILE *f)
{
	fprintf(f, "usage: kefu-bench-search --db PATH [--iterations N]"
	    " [--limit L] [--seed S]\n");
}

/* kefu-bench-search: build the query sets, time them, check, explain. */
int
main(int argc, char **argv)
{
	struct qset sets[6];
	struct bench b;
	const char *path = NULL;
	char *cause = NULL;

	memset(&b, 0, sizeof b);
	memset(sets, 0, sizeof sets);
	b.iterations = 500;
	b.limit = 50;		/* the console's SEARCH_LIMIT */
	rng_seed(&b.r, 7);
	/* Every option takes a value: step over pairs. */
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (v == NULL) {
			usage(stderr);
			return 2;
		}
		if (strcmp(argv[i], "--db") == 0)
			path = v;
		else if (strcmp(argv[i], "--iterations") == 0)
			b.iterations = atoi(v);
		else if (strcmp(argv[i], "--limit") == 0)
			b.limit = atoi(v);
		else if (strcmp(argv[i], "--seed") == 0)
			rng_seed(&b.r, (uint64_t)strtoull(v, NULL, 10));
		else {
			usage(stderr);
			return 2;
		}
	}
	if (path == NULL || b.iterations < 1 || b.limit < 1) {
		usage(stderr);
		return 2;
	}
	if (db_open(path, 0, &b.db, &cause) < 0) {
		fprintf(stderr, "kefu-bench-search: %s\n", cause);
		return 1;
	}
	print_database(b.db, path);
	make_sets(&b, sets);
	printf("\nsearch_customers() vs the SQLite floor, LIMIT %d, %d timed"
	    " queries per set, warm cache, microseconds\n", b.limit,
	    b.iterations);
	printf("%-17s %4s %4s %5s | %8s %8s %8s | %7s %7s %7s | %7s %7s |"
	    " %7s %6s\n", "set", "n", "dist", "hits", "kefu p50", "p99",
	    "max", "floor50", "p99", "max", "x p50", "x p99", "rows50",
	    "x p50");
	for (int i = 0; i < 6; i++) {
		if (sets[i].n == 0) {
			printf("%-17s (no queries)\n", sets[i].name);
			continue;
		}
		run_set(&b, &sets[i]);
		print_set(&b, &sets[i]);
		fflush(stdout);
	}
	printf("floor: words and note word = FTS5 MATCH on customer_words;"
	    " phone fragment = trigram MATCH on customer_grams.phones;"
	    " whole phone = %s.\nx = kefu / floor. rows50 = p50 of the floor"
	    " joined to the rows the list shows (name, segment, first phone) in"
	    " one statement; its x = kefu p50 / rows50.\n", POINT_SQL);
	check_counts(&b, &sets[1], 12);

	printf("\nquery plans\n");
	explain(b.db, "words", WORDS_SQL);
	explain(b.db, "grams", GRAMS_SQL);
	explain(b.db, "point", POINT_SQL);
	explain(b.db, "customer_find_phone", "SELECT p.customer_id FROM"
	    " customer_phones p WHERE p.e164 = ? ORDER BY (SELECT"
	    " max(started_at) FROM contacts k WHERE k.customer_id ="
	    " p.customer_id) DESC, p.customer_id DESC");
	explain(b.db, "search hit row", "SELECT c.name, c.segment, (SELECT raw"
	    " FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.id"
	    " LIMIT 1) FROM customers c WHERE c.id = ?");

	for (int i = 0; i < 6; i++) {
		for (int k = 0; k < sets[i].n; k++)
			free(sets[i].q[k]);
		free(sets[i].q);
		free(sets[i].kefu);
		free(sets[i].floor);
		free(sets[i].rows_floor);
	}
	db_close(b.db);
	return 0;
}
