/*
 * gen.c — kefu-gen: fill a kefu database with a deterministic call centre
 * through the public core API (customer_insert, contact_log, followup_add),
 * so that the data carries everything a real write carries: phones, search
 * rows, audit rows.
 *
 *   kefu-gen --db PATH --customers N [--contacts-per M] [--followups K]
 *            [--agents A] [--seed S] [--batch B]
 *
 * Writes are grouped in outer transactions of B customers (db_begin nests as
 * savepoints, so each API call still runs in its own level).  The time spent
 * in each API call is summed separately and printed, with the rate of every
 * batch, so that a slowdown as the file grows shows where it comes from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kefu/agent.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "names.h"

#define DAY	86400

struct gen_opts {
	const char *db;
	long	 customers;
	int	 contacts_per;
	long	 followups;
	int	 agents;
	uint64_t seed;
	long	 batch;
};

/* Seconds spent per kind of call, and how many calls. */
struct gen_clock {
	double	 customer, contact, followup, commit;
	long	 ncustomer, ncontact, nfollowup;
};

struct gen {
	struct gen_opts o;
	struct db *db;
	struct rng r;
	char	**logins;
	int64_t	 now;
	struct gen_clock t;
};

/* Monotonic seconds. */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Print usage to F. */
static void
usage(FILE *f)
{
	fprintf(f, "usage: kefu-gen --db PATH --customers N [--contacts-per M]"
	    " [--followups K] [--agents A] [--seed S] [--batch B]\n"
	    "  M contacts per customer on average (default 2), K follow-ups in\n"
	    "  all (default 0), A agents besides the supervisor boss (default"
	    " 20),\n  B customers per outer transaction (default 10000).\n");
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
		fprintf(stderr, "kefu-gen: %s needs a non-negative number\n",
		    name);
		exit(2);
	}
	return v;
}

/* Fill O from ARGV; exits with status 2 on a usage error. */
static void
parse_args(int argc, char **argv, struct gen_opts *o)
{
	memset(o, 0, sizeof *o);
	o->contacts_per = 2;
	o->agents = 20;
	o->seed = 20240601;
	o->batch = 10000;
	o->customers = -1;
	/* Every option takes a value: step over pairs. */
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--db") == 0 && v != NULL)
			o->db = v;
		else if (strcmp(a, "--customers") == 0)
			o->customers = num_arg(a, v);
		else if (strcmp(a, "--contacts-per") == 0)
			o->contacts_per = (int)num_arg(a, v);
		else if (strcmp(a, "--followups") == 0)
			o->followups = num_arg(a, v);
		else if (strcmp(a, "--agents") == 0)
			o->agents = (int)num_arg(a, v);
		else if (strcmp(a, "--seed") == 0)
			o->seed = (uint64_t)num_arg(a, v);
		else if (strcmp(a, "--batch") == 0)
			o->batch = num_arg(a, v);
		else {
			usage(stderr);
			exit(2);
		}
	}
	if (o->db == NULL || o->customers < 0 || o->batch < 1 ||
	    o->agents < 1 || o->customers > 20000000) {
		usage(stderr);
		exit(2);
	}
}

/* Pick one of the N WORDS. */
static const char *
pick(struct rng *r, const char *const *words, size_t n)
{
	return words[rng_below(r, n)];
}

/* A Chinese name (85%) or an English one, newly allocated. */
static char *
make_name(struct rng *r)
{
	const char *sur, *g1, *g2;

	if (rng_below(r, 100) < 15)
		return xasprintf("%s %s", pick(r, bench_en_first,
		    bench_nen_first), pick(r, bench_en_last, bench_nen_last));
	sur = names_surname(r);
	g1 = bench_given[rng_skewed(r, bench_ngiven)];
	if (rng_below(r, 100) < 30)
		return xasprintf("%s%s", sur, g1);
	g2 = bench_given[rng_skewed(r, bench_ngiven)];
	return xasprintf("%s%s%s", sur, g1, g2);
}

/*
 * The mobile number of customer I: a prefix and 8 digits.  The 8 digits are
 * an affine bijection of I modulo 10^8, so every customer's mobile is unique
 * whatever prefix it draws.  Written as people type them.
 */
static char *
make_mobile(struct rng *r, long i)
{
	static const struct { const char *cc, *sep; } fmt[] = {
		{ "", "" }, { "", " " }, { "", "-" }, { "+86 ", "-" },
		{ "+86 ", " " }, { "+86", "" }, { "0086 ", " " },
	};
	static const int weight[] = { 7, 5, 3, 2, 1, 1, 1 };
	uint64_t tail = ((uint64_t)i * 48271u + 12345678u) % 100000000u;
	const char *pre = pick(r, bench_mobile_prefixes, bench_nmobile_prefixes);
	int x = (int)rng_below(r, 20), k = 0;

	while (x >= weight[k]) {
		x -= weight[k];
		k++;
	}
	return xasprintf("%s%s%s%04u%s%04u", fmt[k].cc, pre, fmt[k].sep,
	    (unsigned)(tail / 10000), fmt[k].sep, (unsigned)(tail % 10000));
}

/* A landline of customer I (unique too: a bijection modulo 10^7). */
static char *
make_landline(struct rng *r, long i)
{
	static const char *const area[] = { "010", "021", "020", "0755",
	    "028", "0571", "025", "027" };
	uint64_t tail = ((uint64_t)i * 7919u + 1234567u) % 10000000u +
	    20000000u;

	const char *a = pick(r, area, 8);

	if (rng_below(r, 2))
		return xasprintf("%s-%04u %04u", a, (unsigned)(tail / 10000),
		    (unsigned)(tail % 10000));
	return xasprintf("(%s) %04u%04u", a, (unsigned)(tail / 10000),
	    (unsigned)(tail % 10000));
}

/* 1–3 note words joined, Chinese style. */
static char *
make_notes(struct rng *r)
{
	int n = 1 + (int)rng_below(r, 3);
	char *s = xstrdup(pick(r, bench_note_words, bench_nnote_words)), *t;

	while (--n > 0) {
		t = xasprintf("%s，%s", s, pick(r, bench_note_words,
		    bench_nnote_words));
		free(s);
		s = t;
	}
	return s;
}

/* A customer for row I, owned by the caller. */
static struct customer *
make_customer(struct gen *g, long i)
{
	static const char *const households[] = { "", "独居", "两口之家",
	    "三口之家", "四代同堂", "有老人", "有小孩", "single", "family of 4" };
	static const char *const habits[] = { "", "每月初买米", "周末采购",
	    "只在促销时买", "晚上下单", "weekly order" };
	static const char *const prefs[] = { "", "新米", "小包装", "送货上门",
	    "短信通知", "不要电话", "no calls before 10" };
	static const char *const segs[] = { "vip", "key", "normal", "normal",
	    "normal", "normal", "normal", "normal", "at_risk", "new" };
	struct customer *c = customer_new();
	struct rng *r = &g->r;
	char *phone, date[16];
	time_t first;
	struct tm tm;

	free(c->name);
	c->name = make_name(r);
	free(c->segment);
	c->segment = xstrdup(pick(r, segs, 10));
	free(c->household);
	c->household = xstrdup(pick(r, households, 9));
	free(c->habits);
	c->habits = xstrdup(pick(r, habits, 6));
	free(c->preferences);
	c->preferences = xstrdup(pick(r, prefs, 7));
	free(c->notes);
	c->notes = rng_below(r, 100) < 70 ? make_notes(r) : xstrdup("");
	if (rng_below(r, 100) < 60)
		c->owner = xstrdup(g->logins[rng_below(r, (uint64_t)g->o.agents)]);
	c->cycle_days = rng_below(r, 100) < 50 ? 15 + (int)rng_below(r, 46) : 0;
	c->annual_spend = (int64_t)rng_below(r, 2000000);
	c->created_at = g->now - (int64_t)rng_below(r, 5 * 365) * DAY -
	    (int64_t)rng_below(r, DAY);
	if (c->annual_spend > 0) {
		first = (time_t)c->created_at;
		gmtime_r(&first, &tm);
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
		c->first_purchase = xstrdup(date);
	}
	phone = make_mobile(r, i);
	if (customer_add_phone(c, phone, NULL) != 0) {
		fprintf(stderr, "kefu-gen: bad generated phone '%s'\n", phone);
		exit(1);
	}
	free(phone);
	if (rng_below(r, 100) < 25) {
		phone = make_landline(r, i);
		(void)customer_add_phone(c, phone, NULL);
		free(phone);
	}
	return c;
}

/* Log the contacts of customer C (about M, between its creation and now). */
static int
gen_contacts(struct gen *g, const struct customer *c, char **cause)
{
	static const char *const channels[] = { "phone", "phone", "phone",
	    "phone", "visit", "email", "chat", "sms" };
	static const char *const reasons[] = { "订米", "咨询价格", "送货延迟",
	    "投诉", "回访", "改地址", "order", "invoice" };
	struct rng *r = &g->r;
	int n = g->o.contacts_per ? (int)rng_below(r,
	    2 * (uint64_t)g->o.contacts_per + 1) : 0;
	double t0;

	for (int k = 0; k < n; k++) {
		struct contact *k1 = contact_new();
		int rc;

		k1->customer_id = c->id;
		k1->agent = xstrdup(g->logins[rng_below(r,
		    (uint64_t)g->o.agents)]);
		free(k1->channel);
		k1->channel = xstrdup(pick(r, channels, 8));
		free(k1->direction);
		k1->direction = xstrdup(rng_below(r, 4) ? "in" : "out");
		k1->started_at = c->created_at + (int64_t)rng_below(r,
		    (uint64_t)(g->now - c->created_at));
		k1->ended_at = k1->started_at + 30 + (int64_t)rng_below(r, 900);
		k1->reason = xstrdup(pick(r, reasons, 8));
		k1->notes = rng_below(r, 2) ? make_notes(r) : xstrdup("");
		free(k1->disposition);
		k1->disposition = xstrdup(contact_dispositions[rng_below(r, 9)]);
		if (rng_below(r, 3))
			k1->outcome = xstrdup(contact_outcomes[rng_below(r, 3)]);
		k1->level = (int)rng_below(r, 5);
		k1->purchase = rng_below(r, 3) ? 0 : (int64_t)rng_below(r,
		    50000);
		t0 = now_s();
		rc = contact_log(g->db, k1, cause);
		g->t.contact += now_s() - t0;
		g->t.ncontact++;
		contact_free(k1);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Schedule the follow-ups due by row I (K spread evenly over N rows). */
static int
gen_followups(struct gen *g, long i, int64_t customer_id, char **cause)
{
	static const char *const reasons[] = { "回访", "米快吃完了",
	    "生日问候", "投诉回访", "续订提醒", "call back" };
	long want = (long)((double)g->o.followups * (double)(i + 1) /
	    (double)g->o.customers);
	struct rng *r = &g->r;
	double t0;
	int64_t id, due;
	int rc;

	while (g->t.nfollowup < want) {
		const char *owner = rng_below(r, 5) == 0 ? FOLLOWUP_POOL :
		    g->logins[rng_below(r, (uint64_t)g->o.agents)];

		/* Mostly within the coming month, some overdue. */
		due = g->now - 7 * DAY + (int64_t)rng_below(r, 37 * DAY);
		t0 = now_s();
		rc = followup_add(g->db, customer_id, owner, due,
		    pick(r, reasons, 6), rng_below(r, 4) ? 0 : 30, "boss", 1,
		    &id, cause);
		g->t.followup += now_s() - t0;
		g->t.nfollowup++;
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Register the supervisor boss and A agents. */
static int
gen_agents(struct gen *g, char **cause)
{
	int rc;

	if ((rc = agent_add(g->db, "boss", "Boss 老板", AGENT_ROLE_SUPERVISOR,
	    "boss", 1, cause)) < 0)
		return rc;
	g->logins = xcalloc((size_t)g->o.agents, sizeof *g->logins);
	for (int a = 0; a < g->o.agents; a++) {
		char *name;

		g->logins[a] = xasprintf("agent%03d", a + 1);
		name = xasprintf("%s%s", names_surname(&g->r),
		    bench_given[rng_skewed(&g->r, bench_ngiven)]);
		rc = agent_add(g->db, g->logins[a], name, AGENT_ROLE_AGENT,
		    "boss", 1, cause);
		free(name);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Insert the customers with their contacts and follow-ups, batched. */
static int
gen_run(struct gen *g, char **cause)
{
	double start = now_s(), mark = start, t0;
	long i, marked = 0;
	int rc = 0;

	for (i = 0; i < g->o.customers && rc >= 0; i++) {
		struct customer *c;

		if (i % g->o.batch == 0 && (rc = db_begin(g->db)) < 0)
			return db_cause(g->db, rc, "begin", cause);
		c = make_customer(g, i);
		t0 = now_s();
		rc = customer_insert(g->db, c, "boss", cause);
		g->t.customer += now_s() - t0;
		g->t.ncustomer++;
		if (rc >= 0)
			rc = gen_contacts(g, c, cause);
		if (rc >= 0)
			rc = gen_followups(g, i, c->id, cause);
		customer_free(c);
		if (rc >= 0 && ((i + 1) % g->o.batch == 0 ||
		    i + 1 == g->o.customers)) {
			t0 = now_s();
			if ((rc = db_commit(g->db)) < 0)
				db_cause(g->db, rc, "commit", cause);
			g->t.commit += now_s() - t0;
			if ((i + 1) % (g->o.batch * 10) == 0 ||
			    i + 1 == g->o.customers) {
				double t = now_s();

				fprintf(stderr, "kefu-gen: %ld customers, %.0f/s"
				    " recently, %.0f/s overall\n", i + 1,
				    (double)(i + 1 - marked) / (t - mark),
				    (double)(i + 1) / (t - start));
				mark = t;
				marked = i + 1;
			}
		}
	}
	if (rc < 0)
		db_rollback(g->db);
	return rc;
}

/* Print what was written and where the time went. */
static void
gen_report(const struct gen *g, double secs)
{
	const struct gen_clock *t = &g->t;
	struct stat sb;
	double other = secs - t->customer - t->contact - t->followup -
	    t->commit;

	printf("generated: %ld customers, %ld contacts, %ld follow-ups, %d"
	    " agents in %.1f s\n", t->ncustomer, t->ncontact, t->nfollowup,
	    g->o.agents + 1, secs);
	printf("rate: %.0f customers/s overall (with their contacts)\n",
	    (double)t->ncustomer / secs);
	printf("customer_insert: %.1f s, %.1f us/call\n", t->customer,
	    t->ncustomer ? t->customer * 1e6 / (double)t->ncustomer : 0.0);
	printf("contact_log:     %.1f s, %.1f us/call\n", t->contact,
	    t->ncontact ? t->contact * 1e6 / (double)t->ncontact : 0.0);
	printf("followup_add:    %.1f s, %.1f us/call\n", t->followup,
	    t->nfollowup ? t->followup * 1e6 / (double)t->nfollowup : 0.0);
	printf("commits:         %.1f s\n", t->commit);
	printf("generator:       %.1f s (making the rows, outside the API)\n",
	    other);
	if (stat(g->o.db, &sb) == 0)
		printf("file: %s, %.1f MB\n", g->o.db,
		    (double)sb.st_size / 1048576.0);
}

/* kefu-gen: parse, open, register the agents, fill, report. */
int
main(int argc, char **argv)
{
	struct gen g;
	struct stat sb;
	char *cause = NULL;
	double start;
	int rc;

	memset(&g, 0, sizeof g);
	parse_args(argc, argv, &g.o);
	if (stat(g.o.db, &sb) == 0) {
		fprintf(stderr, "kefu-gen: %s exists; generate into a new"
		    " file\n", g.o.db);
		return 1;
	}
	rng_seed(&g.r, g.o.seed);
	/* Times are relative to now ($KEFU_NOW fixes it): follow-ups fall
	 * due around the run; everything else comes from the seed. */
	g.now = when_now();
	if ((rc = db_open(g.o.db, DB_OPEN_CREATE, &g.db, &cause)) < 0) {
		fprintf(stderr, "kefu-gen: %s\n", cause);
		return 1;
	}
	start = now_s();
	if ((rc = gen_agents(&g, &cause)) >= 0)
		rc = gen_run(&g, &cause);
	if (rc < 0) {
		fprintf(stderr, "kefu-gen: %s\n", cause ? cause : "failed");
		db_close(g.db);
		return 1;
	}
	db_close(g.db);
	gen_report(&g, now_s() - start);
	for (int a = 0; a < g.o.agents; a++)
		free(g.logins[a]);
	free(g.logins);
	return 0;
}
