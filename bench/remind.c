/*
 * remind.c — kefu-bench-remind: the reminder engine at the scale of issue 4,
 * "200 000 pending follow-ups across 500 agents: a reminder fires <= 1 s
 * after its due time; re-arming after a change costs one indexed query
 * (<= 1 ms); an idle console makes <= 1 wake-up per second".
 *
 *   kefu-bench-remind --db PATH [--agents A] [--customers C]
 *       [--followups F] [--iterations N] [--fires K] [--contended J]
 *       [--seed S] [--batch B]
 *
 * When PATH is missing it is created through the public API: the supervisor
 * boss, A agents a001…, C customers with unique mobiles, F follow-ups (5 %
 * to the pool, the rest spread evenly over the agents, due over the next 30
 * days, 10 % with one or two warnings), B API calls per outer transaction.
 * An existing PATH is reused as it is.  Then:
 *  - remind_next() for N random agents, interleaved with its floor, the one
 *    indexed query SELECT min(due_at) … WHERE owner = ? AND state =
 *    'pending', through the same db_prepare/db_step path;
 *  - remind_due(…, mark = false) and remind_escalate() (nothing to move);
 *  - the real engine on a uv loop for a001: K times, a follow-up due 1–3 s
 *    ahead is added and remind_changed() called, and the loop runs until the
 *    fire callback sees it; latency = fire time − due second.  Then J more
 *    while a fork()ed writer commits follow-ups for other agents in a tight
 *    loop, so the engine meets a locked database as the console would;
 *  - EXPLAIN QUERY PLAN of the statements remind.c runs.
 * Idle wake-ups of the console are counted by bench/idle.sh (strace).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "kefu/agent.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/remind.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "names.h"
#include "remind-floors.h"

#define DAY	86400

struct bench_opts {
	const char *db;
	int	 agents;
	long	 customers;
	long	 followups;
	int	 iterations;
	int	 fires;
	int	 contended;
	uint64_t seed;
	long	 batch;
};

struct bench {
	struct bench_opts o;
	struct db *db;
	struct rng r;
	char	**logins;	/* a001 … */
	int64_t	*cust;		/* customer ids */
	long	 ncust;
	long	 calls;		/* API calls in the open outer transaction */
	double	 commit_s;
};

/* What the fire callback saw for the follow-up being waited for. */
struct fire {
	int64_t	 want;		/* follow-up id */
	bool	 got;
	double	 at_ms;		/* wall clock, ms since the epoch */
	int	 others;	/* reminders fired that were not WANT */
	int	 wakeups;	/* loop iterations before the fire */
	uv_loop_t *loop;
};

/* Monotonic microseconds. */
static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Wall-clock milliseconds since the epoch, as the engine sees the time. */
static double
wall_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The Q-quantile (0 < Q <= 1) of the N values of V, sorted in place. */
static double
pct(double *v, int n, double q)
{
	int i;

	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	i = (int)(q * n + 0.999999) - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Print usage to F. */
static void
usage(FILE *f)
{
	fprintf(f, "usage: kefu-bench-remind --db PATH [--agents A]"
	    " [--customers C] [--followups F]\n"
	    "    [--iterations N] [--fires K] [--contended J] [--seed S]"
	    " [--batch B]\n"
	    "  PATH is generated when missing (defaults: 500 agents, 20000"
	    " customers,\n  200000 follow-ups, 10000 calls per transaction);"
	    " N = 2000 timed calls,\n  K = 20 fires, J = 5 fires under a"
	    " concurrent writer.\n");
}

/* Parse a non-negative number from ARG for option NAME; exits on garbage. */
static long
num_arg(const char *name, const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = arg != NULL ? strtol(arg, &end, 10) : -1;
	if (arg == NULL || errno != 0 || *end != '\0' || v < 0) {
		fprintf(stderr, "kefu-bench-remind: %s needs a non-negative"
		    " number\n", name);
		exit(2);
	}
	return v;
}

/* Fill O from ARGV; exits with status 2 on a usage error. */
static void
parse_args(int argc, char **argv, struct bench_opts *o)
{
	memset(o, 0, sizeof *o);
	o->agents = 500;
	o->customers = 20000;
	o->followups = 200000;
	o->iterations = 2000;
	o->fires = 20;
	o->contended = 5;
	o->seed = 20240604;
	o->batch = 10000;
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--db") == 0 && v != NULL)
			o->db = v;
		else if (strcmp(a, "--agents") == 0)
			o->agents = (int)num_arg(a, v);
		else if (strcmp(a, "--customers") == 0)
			o->customers = num_arg(a, v);
		else if (strcmp(a, "--followups") == 0)
			o->followups = num_arg(a, v);
		else if (strcmp(a, "--iterations") == 0)
			o->iterations = (int)num_arg(a, v);
		else if (strcmp(a, "--fires") == 0)
			o->fires = (int)num_arg(a, v);
		else if (strcmp(a, "--contended") == 0)
			o->contended = (int)num_arg(a, v);
		else if (strcmp(a, "--seed") == 0)
			o->seed = (uint64_t)num_arg(a, v);
		else if (strcmp(a, "--batch") == 0)
			o->batch = num_arg(a, v);
		else {
			usage(stderr);
			exit(2);
		}
	}
	if (o->db == NULL || o->agents < 2 || o->agents > 999 ||
	    o->customers < 1 || o->batch < 1 || o->iterations < 1) {
		usage(stderr);
		exit(2);
	}
}

/* Count one API call; every B calls, commit and open the next outer
 * transaction. */
static int
batch_tick(struct bench *b, char **cause)
{
	double t0;
	int rc;

	if (++b->calls < b->o.batch)
		return 0;
	b->calls = 0;
	t0 = now_us();
	if ((rc = db_commit(b->db)) < 0)
		return db_cause(b->db, rc, "commit", cause);
	b->commit_s += (now_us() - t0) / 1e6;
	if ((rc = db_begin(b->db)) < 0)
		return db_cause(b->db, rc, "begin", cause);
	return 0;
}

/* Register boss and the agents (their logins are kept in B either way). */
static int
gen_agents(struct bench *b, bool write, char **cause)
{
	int rc;

	b->logins = xcalloc((size_t)b->o.agents, sizeof *b->logins);
	for (int a = 0; a < b->o.agents; a++)
		b->logins[a] = xasprintf("a%03d", a + 1);
	if (!write)
		return 0;
	if ((rc = agent_add(b->db, "boss", "Boss 老板", AGENT_ROLE_SUPERVISOR,
	    "boss", 1, cause)) < 0)
		return rc;
	for (int a = 0; a < b->o.agents; a++) {
		char *name = xasprintf("坐席%03d", a + 1);

		rc = agent_add(b->db, b->logins[a], name, AGENT_ROLE_AGENT,
		    "boss", 1, cause);
		free(name);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Insert the customers (unique mobiles 139xxxxxxxx). */
static int
gen_customers(struct bench *b, double *secs, char **cause)
{
	double t0;
	int rc;

	b->cust = xcalloc((size_t)b->o.customers, sizeof *b->cust);
	for (long i = 0; i < b->o.customers; i++) {
		struct customer *c = customer_new();
		char *phone = xasprintf("139%08ld", i);

		free(c->name);
		c->name = xasprintf("客户%05ld", i);
		rc = customer_add_phone(c, phone, cause);
		free(phone);
		t0 = now_us();
		if (rc >= 0)
			rc = customer_insert(b->db, c, "boss", cause);
		*secs += (now_us() - t0) / 1e6;
		b->cust[b->ncust++] = c->id;
		customer_free(c);
		if (rc < 0 || (rc = batch_tick(b, cause)) < 0)
			return rc;
	}
	return 0;
}

/* Schedule the follow-ups, with their warnings. */
static int
gen_followups(struct bench *b, int64_t now, double *add_s, double *warn_s,
    long *nwarn, char **cause)
{
	static const char *const reasons[] = { "回访", "米快吃完了",
	    "生日问候", "投诉回访", "续订提醒", "call back" };
	static const int64_t warn[] = { DAY, 15 * 60 };
	struct rng *r = &b->r;
	double t0;
	int64_t id;
	int rc;

	for (long i = 0; i < b->o.followups; i++) {
		const char *owner = rng_below(r, 100) < 5 ? FOLLOWUP_POOL :
		    b->logins[i % b->o.agents];
		int64_t due = now + 120 + (int64_t)rng_below(r, 30 * DAY);
		int nw = rng_below(r, 10) == 0 ? 1 + (int)rng_below(r, 2) : 0;
		int first = (int)rng_below(r, 2);

		t0 = now_us();
		rc = followup_add(b->db, b->cust[rng_below(r,
		    (uint64_t)b->ncust)], owner, due, reasons[i % 6], 0, "boss",
		    0, &id, cause);
		*add_s += (now_us() - t0) / 1e6;
		if (rc < 0 || (rc = batch_tick(b, cause)) < 0)
			return rc;
		for (int w = 0; w < nw; w++) {
			t0 = now_us();
			rc = followup_warn(b->db, id, warn[(first + w) % 2],
			    cause);
			*warn_s += (now_us() - t0) / 1e6;
			(*nwarn)++;
			if (rc < 0 || (rc = batch_tick(b, cause)) < 0)
				return rc;
		}
	}
	return 0;
}

/* Build the database when it is new, and report how long it took. */
static int
gen_run(struct bench *b, char **cause)
{
	double t0 = now_us(), cust_s = 0, add_s = 0, warn_s = 0, total;
	int64_t now = when_now();
	long nwarn = 0;
	struct stat sb;
	int rc;

	if ((rc = gen_agents(b, true, cause)) < 0)
		return rc;
	if ((rc = db_begin(b->db)) < 0)
		return db_cause(b->db, rc, "begin", cause);
	if ((rc = gen_customers(b, &cust_s, cause)) >= 0)
		rc = gen_followups(b, now, &add_s, &warn_s, &nwarn, cause);
	if (rc < 0) {
		db_rollback(b->db);
		return rc;
	}
	t0 -= now_us();
	if ((rc = db_commit(b->db)) < 0)
		return db_cause(b->db, rc, "commit", cause);
	total = -t0 / 1e6;
	printf("generated: %d agents + boss, %ld customers, %ld follow-ups,"
	    " %ld warnings in %.1f s (%.0f follow-ups/s)\n", b->o.agents,
	    b->ncust, b->o.followups, nwarn, total,
	    (double)b->o.followups / (add_s + warn_s + 1e-9));
	printf("  customer_insert %.1f s (%.0f us/call), followup_add %.1f s"
	    " (%.0f us/call),\n  followup_warn %.2f s (%.0f us/call),"
	    " commits %.1f s, batch %ld calls\n", cust_s,
	    cust_s * 1e6 / (double)b->ncust, add_s,
	    add_s * 1e6 / (double)(b->o.followups ? b->o.followups : 1),
	    warn_s, warn_s * 1e6 / (double)(nwarn ? nwarn : 1), b->commit_s,
	    b->o.batch);
	if (stat(b->o.db, &sb) == 0)
		printf("  file: %.1f MB\n", (double)sb.st_size / 1048576.0);
	return 0;
}

/* Load the customer ids of an existing database. */
static int
load_customers(struct bench *b, char **cause)
{
	struct db_stmt *st;
	int rc;

	if ((rc = gen_agents(b, false, cause)) < 0)
		return rc;
	st = db_prepare(b->db, "SELECT id FROM customers ORDER BY id");
	if (st == NULL)
		return db_cause(b->db, DB_ERR, "customers", cause);
	while ((rc = db_step(st)) == DB_ROW) {
		b->cust = xreallocarray(b->cust, (size_t)b->ncust + 1,
		    sizeof *b->cust);
		b->cust[b->ncust++] = db_col_int(st, 0);
	}
	if (rc < 0 || b->ncust == 0)
		return db_cause(b->db, rc < 0 ? rc : DB_ERR, "customers", cause);
	return 0;
}

/* One value of a query without parameters, or -1. */
static int64_t
scalar(struct db *db, const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t v = -1;

	if (st != NULL && db_step(st) == DB_ROW) {
		v = db_col_int(st, 0);
		db_reset(st);
	}
	return v;
}

/* What the database holds now. */
static void
print_sizes(struct bench *b)
{
	struct stat sb;

	printf("database: %lld follow-ups (%lld pending, %lld in the pool),"
	    " %lld warnings, %lld reminder_log rows, %lld agents, %lld"
	    " customers",
	    (long long)scalar(b->db, "SELECT count(*) FROM followups"),
	    (long long)scalar(b->db, "SELECT count(*) FROM followups"
	    " WHERE state = 'pending'"),
	    (long long)scalar(b->db, "SELECT count(*) FROM followups"
	    " WHERE owner = 'pool' AND state = 'pending'"),
	    (long long)scalar(b->db, "SELECT count(*) FROM followup_warnings"),
	    (long long)scalar(b->db, "SELECT count(*) FROM reminder_log"),
	    (long long)scalar(b->db, "SELECT count(*) FROM agents"),
	    (long long)scalar(b->db, "SELECT count(*) FROM customers"));
	if (stat(b->o.db, &sb) == 0)
		printf(", %.1f MB", (double)sb.st_size / 1048576.0);
	printf("\n");
}

/* The SQLite library in use. */
static void
print_version(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT sqlite_version()");

	if (st != NULL && db_step(st) == DB_ROW) {
		printf("SQLite %s\n\n", db_col_text(st, 0));
		db_reset(st);
	}
}

/* Run SQL, which takes AGENT as its only parameter, to its one row. */
static int
probe_floor(struct db *db, const char *sql, const char *agent)
{
	struct db_stmt *st = db_prepare(db, sql);

	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, agent);
	if (db_step(st) != DB_ROW)
		return DB_ERR;
	db_reset(st);
	return 0;
}

/* The candidate NEXT_FIX_SQL, bound as remind_next binds NEXT_SQL. */
static int
probe_fix(struct db *db, const char *sql, const char *agent)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERR;
	db_bind_text(st, 1, agent);
	db_bind_text(st, 2, agent);
	db_bind_text(st, 3, agent);
	db_bind_int(st, 4, when_now());
	db_bind_text(st, 5, agent);
	db_bind_text(st, 6, agent);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	rc = db_col_null(st, 0) ? 0 : 1;
	db_reset(st);
	return rc;
}

/* remind_next itself. */
static int
probe_next(struct db *db, const char *sql, const char *agent)
{
	int64_t at;

	(void)sql;
	return remind_next(db, agent, &at, NULL);
}

/* What bench_next times for each agent, in turn. */
static const struct probe {
	const char *label;
	const char *sql;
	int (*run)(struct db *, const char *sql, const char *agent);
} probes[] = {
	{ "remind_next", NULL, probe_next },
	{ "floor as worded (owner, pending)", FLOOR_SQL, probe_floor },
	{ "floor, partial index usable", FLOOR_IDX_SQL, probe_floor },
	{ "before v4 (no warn index)", NEXT_FIX_SQL, probe_fix },
};
#define NPROBES (int)(sizeof probes / sizeof probes[0])

/* Print one timing line: p50, p99, max of V (µs). */
static void
print_times(const char *label, double *v, int n)
{
	double p50 = pct(v, n, 0.5), p99 = pct(v, n, 0.99);

	printf("%-34s n %5d  p50 %8.1f us  p99 %8.1f us  max %8.1f us\n",
	    label, n, p50, p99, v[n > 0 ? n - 1 : 0]);
}

/* remind_next, its floors and the candidate, interleaved (the order
 * rotates), for random agents. */
static int
bench_next(struct bench *b, char **cause)
{
	int n = b->o.iterations, rc = 0;
	double *t[NPROBES], p50[NPROBES], p99[NPROBES], t0;

	for (int k = 0; k < NPROBES; k++)
		t[k] = xcalloc((size_t)n, sizeof *t[k]);
	/* Warm the caches: one untimed call per agent. */
	for (int a = 0; a < b->o.agents && rc >= 0; a++)
		for (int k = 0; k < NPROBES && rc >= 0; k++)
			rc = probes[k].run(b->db, probes[k].sql, b->logins[a]);
	for (int i = 0; i < n && rc >= 0; i++) {
		const char *agent = b->logins[rng_below(&b->r,
		    (uint64_t)b->o.agents)];

		for (int j = 0; j < NPROBES && rc >= 0; j++) {
			int k = (i + j) % NPROBES;

			t0 = now_us();
			rc = probes[k].run(b->db, probes[k].sql, agent);
			t[k][i] = now_us() - t0;
		}
	}
	if (rc < 0)
		db_cause(b->db, rc, "remind_next", cause);
	for (int k = 0; k < NPROBES && rc >= 0; k++) {
		print_times(probes[k].label, t[k], n);
		p50[k] = pct(t[k], n, 0.5);
		p99[k] = pct(t[k], n, 0.99);
	}
	if (rc >= 0)
		printf("remind_next / floor as worded: %.1fx p50, %.1fx p99;"
		    " / indexed floor: %.0fx p50, %.0fx p99;\n"
		    "before v4 / indexed floor: %.1fx p50, %.1fx p99\n",
		    p50[0] / p50[1], p99[0] / p99[1], p50[0] / p50[2],
		    p99[0] / p99[2], p50[3] / p50[2], p99[3] / p99[2]);
	for (int k = 0; k < NPROBES; k++)
		free(t[k]);
	return rc < 0 ? rc : 0;
}

/* remind_due without marking, and remind_escalate, for random agents. */
static int
bench_due(struct bench *b, char **cause)
{
	int n = b->o.iterations, ne = n / 10 > 0 ? n / 10 : 1;
	double *v = xcalloc((size_t)n, sizeof *v), t0;
	int64_t now = when_now();
	struct reminder *rs;
	long found = 0;
	int rc = 0;

	for (int i = 0; i < n && rc >= 0; i++) {
		const char *agent = b->logins[rng_below(&b->r,
		    (uint64_t)b->o.agents)];

		t0 = now_us();
		rc = remind_due(b->db, agent, now, false, &rs, cause);
		v[i] = now_us() - t0;
		if (rc > 0) {
			found += rc;
			reminder_list_free(rs, rc);
		}
	}
	if (rc >= 0) {
		print_times("remind_due (mark = false)", v, n);
		printf("  %ld reminders due over %d calls\n", found, n);
	}
	for (int i = 0; i < ne && rc >= 0; i++) {
		t0 = now_us();
		rc = remind_escalate(b->db, now, 30 * 60, "boss", cause);
		v[i] = now_us() - t0;
	}
	if (rc >= 0)
		print_times("remind_escalate (nothing to move)", v, ne);
	free(v);
	return rc < 0 ? rc : 0;
}

/* The engine's fire callback: note when the awaited follow-up fired. */
static void
on_fire(void *arg, const struct reminder *v, int n, bool startup)
{
	struct fire *f = arg;
	double t = wall_ms();

	(void)startup;
	for (int i = 0; i < n; i++) {
		if (!f->got && v[i].followup_id == f->want &&
		    v[i].before_secs == 0 && !v[i].nag) {
			f->got = true;
			f->at_ms = t;
			uv_stop(f->loop);	/* the poll will not block */
		} else
			f->others++;
	}
}

/* A watchdog: give up on a reminder that never fires. */
static void
on_watchdog(uv_timer_t *t)
{
	bool *expired = t->data;

	*expired = true;
	uv_stop(t->loop);
}

/* Count the loop's wake-ups before the awaited fire: 1 when the engine's
 * timer first expires at the due second, more when it expires early. */
static void
on_check(uv_check_t *c)
{
	struct fire *f = c->data;

	if (!f->got)
		f->wakeups++;
}

/* The writer process: commit follow-ups for agents other than a001, PER in
 * a transaction, until killed. Never returns. */
static void
writer_run(struct bench *b, int per)
{
	struct db *db;
	char *cause = NULL;
	int64_t id;

	rng_seed(&b->r, (uint64_t)getpid());
	if (db_open(b->o.db, 0, &db, &cause) < 0)
		_exit(1);
	for (;;) {
		int64_t now = when_now();

		if (db_begin(db) < 0)
			continue;
		for (int j = 0; j < per; j++) {
			const char *owner = b->logins[1 + rng_below(&b->r,
			    (uint64_t)b->o.agents - 1)];

			if (followup_add(db, b->cust[rng_below(&b->r,
			    (uint64_t)b->ncust)], owner, now + DAY +
			    (int64_t)rng_below(&b->r, 29 * DAY), "writer", 0,
			    "boss", 0, &id, &cause) < 0) {
				free(cause);
				cause = NULL;
			}
		}
		(void)db_commit(db);
	}
}

/* Add one follow-up for a001 due 1–3 s ahead and wait for it to fire.
 * Returns the latency (ms after the due second) in *lat, or -1. */
static int
fire_once(struct bench *b, uv_loop_t *loop, struct remind *r,
    struct fire *f, uv_timer_t *dog, double *lat, double *rearm_us,
    int *wakeups, char **cause)
{
	bool expired = false;
	int64_t due, id;
	double t0;
	int rc;

	due = when_now() + 1 + (int64_t)rng_below(&b->r, 3);
	/* The console retries a write the lock refuses; so does this. */
	while ((rc = followup_add(b->db, b->cust[rng_below(&b->r,
	    (uint64_t)b->ncust)], b->logins[0], due, "bench fire", 0, "boss",
	    0, &id, cause)) == DB_EBUSY) {
		free(*cause);
		*cause = NULL;
	}
	if (rc < 0)
		return rc;
	memset(f, 0, sizeof *f);
	f->want = id;
	f->loop = loop;
	/* As from a key handler: the loop's clock is current. */
	uv_update_time(loop);
	t0 = now_us();
	remind_changed(r);
	*rearm_us = now_us() - t0;
	dog->data = &expired;
	uv_timer_start(dog, on_watchdog, 10000 + 3000, 0);
	while (!f->got && !expired)
		uv_run(loop, UV_RUN_DEFAULT);
	uv_timer_stop(dog);
	if (!f->got) {
		*cause = xstrdup("a reminder did not fire within 10 s");
		return -1;
	}
	*lat = f->at_ms - (double)due * 1000;
	*wakeups = f->wakeups;
	return 0;
}

/* Print p50/p99/max of N latencies (ms) and how many missed 1 s. */
static void
print_fires(const char *label, double *v, int n)
{
	double p50 = pct(v, n, 0.5), p99 = pct(v, n, 0.99);
	int late = 0;

	for (int i = 0; i < n; i++)
		late += v[i] > 1000;
	printf("%-34s n %3d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms"
	    "  min %6.1f ms  > 1 s: %d\n", label, n, p50, p99,
	    n > 0 ? v[n - 1] : 0, n > 0 ? v[0] : 0, late);
}

/* The real engine for a001 on a uv loop: fire latency, alone and against
 * a concurrent writer process. */
static int
bench_fire(struct bench *b, char **cause)
{
	struct remind_opts ro = { 0, 0 };
	int nf = b->o.fires, nc = b->o.contended, rc = 0, st;
	double *lat = xcalloc((size_t)(nf + nc + 1), sizeof *lat);
	double *rearm = xcalloc((size_t)(nf + nc + 1), sizeof *rearm);
	int64_t before = scalar(b->db, "SELECT count(*) FROM followups");
	struct remind *r;
	struct fire f;
	uv_loop_t loop;
	uv_timer_t dog;
	uv_check_t check;
	pid_t pid = -1;
	double w0 = 0;
	int others = 0, wake[2] = { 0, 0 }, w = 0;

	memset(&f, 0, sizeof f);
	db_set_busy_timeout(b->db, 250);	/* as the console does */
	if (uv_loop_init(&loop) != 0) {
		free(lat);
		free(rearm);
		*cause = xstrdup("cannot start a loop");
		return -1;
	}
	uv_timer_init(&loop, &dog);
	uv_check_init(&loop, &check);
	check.data = &f;
	uv_check_start(&check, on_check);
	f.loop = &loop;
	if ((rc = remind_start(&loop, b->db, b->logins[0], &ro, on_fire, &f,
	    &r, cause)) < 0)
		goto out;
	while (remind_armed_at(r) == 0)	/* the start-up batch */
		uv_run(&loop, UV_RUN_NOWAIT);
	printf("start-up batch: %d reminders\n", f.others);
	for (int i = 0; i < nf + nc && rc >= 0; i++) {
		if (i == nf && nc > 0) {
			fflush(stdout);
			if ((pid = fork()) == 0)
				writer_run(b, 20);
			if (pid < 0) {
				*cause = xstrdup("fork failed");
				rc = -1;
				break;
			}
			w0 = now_us();
			before = scalar(b->db, "SELECT count(*) FROM followups");
		}
		rc = fire_once(b, &loop, r, &f, &dog, &lat[i], &rearm[i],
		    &w, cause);
		others += f.others;
		wake[i >= nf] += w;
	}
	if (pid > 0) {
		double secs = (now_us() - w0) / 1e6;

		kill(pid, SIGTERM);
		waitpid(pid, &st, 0);
		printf("writer: %lld follow-ups committed in %.1f s, 20 per"
		    " transaction (%.0f/s)\n", (long long)(scalar(b->db,
		    "SELECT count(*) FROM followups") - before - nc), secs,
		    (double)(scalar(b->db, "SELECT count(*) FROM followups") -
		    before - nc) / secs);
	}
	if (rc >= 0) {
		print_fires("fire latency (due second -> cb)", lat, nf);
		print_times("remind_changed (re-arm)", rearm, nf);
		if (nc > 0)
			print_fires("fire latency, writer running", lat + nf,
			    nc);
		if (nc > 0)
			print_times("remind_changed, writer running",
			    rearm + nf, nc);
		printf("loop wake-ups per fire: %.1f alone, %.1f with the"
		    " writer (1 = the timer hit the due second)\n",
		    (double)wake[0] / (nf ? nf : 1),
		    (double)wake[1] / (nc ? nc : 1));
		printf("other reminders fired meanwhile: %d\n", others);
	}
	remind_stop(r);
out:
	uv_close((uv_handle_t *)&dog, NULL);
	uv_close((uv_handle_t *)&check, NULL);
	st = uv_run(&loop, UV_RUN_DEFAULT);
	printf("close: uv_run %d, uv_loop_close %d\n", st,
	    uv_loop_close(&loop));
	free(lat);
	free(rearm);
	return rc < 0 ? rc : 0;
}

/* EXPLAIN QUERY PLAN of SQL, one line per step, indented by depth. */
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

/* kefu-bench-remind: generate or open, time, fire, explain. */
int
main(int argc, char **argv)
{
	struct bench b;
	struct stat sb;
	char *cause = NULL;
	bool fresh;
	int rc;

	memset(&b, 0, sizeof b);
	parse_args(argc, argv, &b.o);
	rng_seed(&b.r, b.o.seed);
	fresh = stat(b.o.db, &sb) != 0;
	if ((rc = db_open(b.o.db, fresh ? DB_OPEN_CREATE : 0, &b.db,
	    &cause)) < 0) {
		fprintf(stderr, "kefu-bench-remind: %s\n", cause);
		return 1;
	}
	if (fresh)
		rc = gen_run(&b, &cause);
	else
		rc = load_customers(&b, &cause);
	if (rc >= 0) {
		print_sizes(&b);
		print_version(b.db);
	}
	if (rc >= 0)
		rc = bench_next(&b, &cause);
	if (rc >= 0)
		rc = bench_due(&b, &cause);
	if (rc >= 0) {
		printf("\n");
		rc = bench_fire(&b, &cause);
	}
	if (rc >= 0) {
		printf("\n");
		explain(b.db, "plan of remind_next", NEXT_SQL);
		explain(b.db, "plan of the floor as worded", FLOOR_SQL);
		explain(b.db, "plan of the indexed floor", FLOOR_IDX_SQL);
		explain(b.db, "plan of the pre-v4 statement", NEXT_FIX_SQL);
		explain(b.db, "plan of remind_due", DUE_SQL);
		explain(b.db, "plan of remind_escalate (count)",
		    ESCALATE_COUNT_SQL);
		explain(b.db, "plan of remind_escalate (move)",
		    ESCALATE_MOVE_SQL);
	}
	if (rc < 0)
		fprintf(stderr, "kefu-bench-remind: %s\n",
		    cause ? cause : "failed");
	free(cause);
	db_close(b.db);
	for (int a = 0; a < b.o.agents; a++)
		free(b.logins[a]);
	free(b.logins);
	free(b.cust);
	return rc < 0;
}
