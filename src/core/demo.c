/*
 * demo.c — a deterministic demo call centre (see demo.h).
 *
 * Everything is drawn from one splitmix64 stream seeded with SEED, so one
 * seed always gives the same customers, in the same order, with the same
 * phones; times are relative to NOW.  Data goes in only through the public
 * domain functions (agent_add, customer_insert, contact_log,
 * complaint_insert, followup_add), each of which runs as a savepoint inside
 * the one outer transaction opened here.
 *
 * The first customer is always 王永庆 (13800138000), the rice-shop
 * customer of the training material, and the second 黄强: tests and the
 * tutorial look them up.  The invoking agent gets follow-ups due 20, 45, 90 and 110
 * seconds after NOW, so a reminder fires within two minutes of starting
 * the demo, and a few that are already overdue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kefu/agent.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/demo.h"
#include "kefu/followup.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "demo-data.h"

#define DAY		86400
#define HISTORY_DAYS	730	/* two years of contacts */
#define MAX_LOGINS	16

/* What the demo remembers of a customer once inserted. */
struct demo_customer {
	int64_t		 id;
	enum demo_seg	 seg;
	int		 english;
	int		 cycle_days;
	int64_t		 last_purchase;	/* time of the last sale, 0 = none */
	int64_t		 open_complaint; /* its id, 0 = none */
	const char	*complaint_owner;
	const char	*owner;		/* agent login or NULL */
	int		 has_followup;
};

struct demo {
	struct db		*db;
	const char		*agent;
	int64_t			 now;
	uint64_t		 rng;
	char			**cause;

	uint64_t		*phones;	/* set of phone digit keys */
	size_t			 phones_size;	/* a power of two */

	const char		*logins[MAX_LOGINS];	/* who takes contacts */
	int			 nlogins;
	const char		*owners[MAX_LOGINS];	/* who owns customers */
	int			 nowners;

	struct demo_customer	*cust;
	int			 ncust;
};

/* The next 64 bits of the splitmix64 stream. */
static uint64_t
demo_next(struct demo *d)
{
	uint64_t z = (d->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, N). */
static uint32_t
demo_below(struct demo *d, uint32_t n)
{
	return (uint32_t)(((demo_next(d) >> 32) * n) >> 32);
}

/* A number in [LO, HI]. */
static int64_t
demo_range(struct demo *d, int64_t lo, int64_t hi)
{
	return lo + (int64_t)demo_below(d, (uint32_t)(hi - lo + 1));
}

/* An index in [0, N) for a table of N entries. */
static size_t
demo_pick(struct demo *d, size_t n)
{
	return demo_below(d, (uint32_t)n);
}

/* True PERCENT times in a hundred. */
static int
demo_chance(struct demo *d, int percent)
{
	return (int)demo_below(d, 100) < percent;
}

/* An index into the weighted table T of N entries. */
static size_t
demo_pick_weighted(struct demo *d, const struct demo_weighted *t, size_t n)
{
	int total = 0, r;
	size_t i;

	for (i = 0; i < n; i++)
		total += t[i].weight;
	r = (int)demo_pick(d, total);
	for (i = 0; i < n - 1; i++) {
		if (r < t[i].weight)
			break;
		r -= t[i].weight;
	}
	return i;
}

/* The Chinese or English side of T. */
static const char *
demo_text(const struct demo_text *t, int english)
{
	return english ? t->en : t->zh;
}

/* Replace the string in *FIELD with a copy of V (NULL stays NULL). */
static void
demo_set(char **field, const char *v)
{
	free(*field);
	*field = v != NULL ? xstrdup(v) : NULL;
}

/* A colleague to own a customer or a follow-up. */
static const char *
demo_owner(struct demo *d)
{
	return d->owners[demo_pick(d, (size_t)d->nowners)];
}

/* Claim the number whose digits are PREFIX then DIGITS: 1 if it was
 * free. The set holds the digits as numbers, 0 marking a free slot. */
static int
demo_phone_claim(struct demo *d, const char *prefix, const char *digits)
{
	size_t mask = d->phones_size - 1, j;
	uint64_t key;
	char all[32];

	snprintf(all, sizeof all, "%s%s", prefix, digits);
	key = strtoull(all, NULL, 10);
	j = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & mask;
	for (; d->phones[j] != 0; j = (j + 1) & mask)
		if (d->phones[j] == key)
			return 0;
	d->phones[j] = key;
	return 1;
}

/* A new Chinese mobile, written the way people type it. */
static void
demo_mobile(struct demo *d, char *buf, size_t len)
{
	const struct demo_format *f;
	char m[16];

	do {
		snprintf(m, sizeof m, "%s%08u", demo_mobile_prefixes[
		    demo_pick(d, demo_nmobile_prefixes)],
		    demo_below(d, 100000000));
	} while (!demo_phone_claim(d, "86", m));
	f = &demo_mobile_formats[demo_pick_weighted(d, demo_mobile_weights,
	    demo_nmobile_formats)];
	snprintf(buf, len, "%s%.3s%s%.4s%s%.4s", f->open, m, f->sep1, m + 3,
	    f->sep2, m + 7);
}

/* A new Chinese landline with its area code: "010-6552 9988". */
static void
demo_landline(struct demo *d, char *buf, size_t len)
{
	const struct demo_format *f;
	const struct demo_area *a;
	char n[16], key[16];

	do {
		a = &demo_areas[demo_pick(d, demo_nareas)];
		snprintf(n, sizeof n, "%u%07u", (unsigned)demo_range(d, 2, 8),
		    demo_below(d, 10000000));
		snprintf(key, sizeof key, "86%s", a->code + 1);
	} while (!demo_phone_claim(d, key, n));
	f = &demo_landline_formats[demo_pick(d, demo_nlandline_formats)];
	snprintf(buf, len, "%s%s%s%.4s%s%.4s", f->open, a->code, f->sep1, n,
	    f->sep2, n + 4);
}

/* A new Hong Kong mobile: "+852 9123 4567". */
static void
demo_hongkong(struct demo *d, char *buf, size_t len)
{
	static const char first[] = "569";
	char n[16];

	do {
		snprintf(n, sizeof n, "%c%07u", first[demo_below(d, 3)],
		    demo_below(d, 10000000));
	} while (!demo_phone_claim(d, "852", n));
	snprintf(buf, len, "+852 %.4s %.4s", n, n + 4);
}

/* A name: Chinese (SURNAME if not NULL) or English "Emily Chen". */
static void
demo_name(struct demo *d, int english, const char *surname, char *buf,
    size_t len)
{
	if (english) {
		snprintf(buf, len, "%s %s",
		    demo_en_first[demo_pick(d, demo_nen_first)],
		    demo_en_last[demo_pick(d, demo_nen_last)]);
		return;
	}
	if (surname == NULL)
		surname = demo_surnames[demo_pick_weighted(d, demo_surnames,
		    demo_nsurnames)].text;
	snprintf(buf, len, "%s%s", surname,
	    demo_given[demo_pick(d, demo_ngiven)]);
}

/* A segment drawn by the shares in demo_segments. */
static enum demo_seg
demo_segment(struct demo *d)
{
	int r = (int)demo_below(d, 100);
	enum demo_seg s;

	for (s = DEMO_SEG_VIP; s < DEMO_SEG_NEW; s++) {
		if (r < demo_segments[s].percent)
			break;
		r -= demo_segments[s].percent;
	}
	return s;
}

/* Fill C, the customer number I, and what the demo remembers in DC. */
static int
demo_customer_make(struct demo *d, int i, struct customer *c,
    struct demo_customer *dc)
{
	const struct demo_segment *seg;
	const struct demo_habit *h;
	char name[64], phone[32], date[16];
	struct tm tm;
	time_t first;
	int64_t days;
	int want_cycle;

	dc->seg = i == 0 ? DEMO_SEG_VIP : i == 1 ? DEMO_SEG_KEY :
	    demo_segment(d);
	dc->english = i > 1 && demo_chance(d, 20);
	demo_name(d, dc->english, i == 3 || i == 5 || i == 8 ? "王" : NULL,
	    name, sizeof name);
	if (i < 2)
		snprintf(name, sizeof name, "%s", i == 0 ? "王永庆" : "黄强");
	demo_set(&c->name, name);
	seg = &demo_segments[dc->seg];
	demo_set(&c->segment, seg->name);

	if (i == 0)
		snprintf(phone, sizeof phone, "13800138000");
	else if (dc->english && demo_chance(d, 25))
		demo_hongkong(d, phone, sizeof phone);
	else
		demo_mobile(d, phone, sizeof phone);
	if (customer_add_phone(c, phone, d->cause) != 0)
		return -1;
	if (demo_chance(d, 15)) {
		if (!dc->english && demo_chance(d, 70))
			demo_landline(d, phone, sizeof phone);
		else
			demo_mobile(d, phone, sizeof phone);
		if (customer_add_phone(c, phone, d->cause) != 0)
			return -1;
	}

	demo_set(&c->household, demo_text(&demo_households[
	    demo_pick(d, demo_nhouseholds)], dc->english));
	want_cycle = demo_chance(d, 40);
	do
		h = &demo_habits[demo_pick(d, demo_nhabits)];
	while ((h->cycle_days > 0) != want_cycle);
	demo_set(&c->habits, dc->english ? h->en : h->zh);
	c->cycle_days = h->cycle_days;
	demo_set(&c->preferences, demo_text(&demo_preferences[
	    demo_pick(d, demo_npreferences)], dc->english));
	demo_set(&c->notes, demo_text(&demo_notes[
	    demo_pick(d, demo_nnotes)], dc->english));
	c->annual_spend = demo_range(d, seg->spend_min, seg->spend_max) * 100;

	if (dc->seg == DEMO_SEG_NEW)
		days = demo_range(d, 5, 90);
	else
		days = demo_range(d, 365, 8 * 365);
	c->created_at = d->now - days * DAY - demo_range(d, 0, DAY - 1);
	first = (time_t)c->created_at;
	gmtime_r(&first, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	demo_set(&c->first_purchase, c->annual_spend > 0 ? date : NULL);

	if (demo_chance(d, seg->owned))
		dc->owner = dc->seg == DEMO_SEG_VIP && demo_chance(d, 50) ?
		    d->agent : demo_owner(d);
	if (i == 0) {
		demo_set(&c->household, demo_first.household);
		demo_set(&c->habits, demo_first.habits);
		demo_set(&c->preferences, demo_first.preferences);
		demo_set(&c->notes, demo_first.notes);
		c->cycle_days = demo_first.cycle_days;
		c->annual_spend = demo_first.annual_spend;
		dc->owner = d->agent;
	}
	dc->cycle_days = c->cycle_days;
	demo_set(&c->owner, dc->owner);
	return 0;
}

/* Sort the N times in T, earliest first. */
static void
demo_sort_times(int64_t *t, int n)
{
	for (int i = 1; i < n; i++) {
		int64_t v = t[i];
		int j;

		for (j = i; j > 0 && t[j - 1] > v; j--)
			t[j] = t[j - 1];
		t[j] = v;
	}
}

/* A scenario for a customer of segment SEG: at-risk customers have more
 * trouble, VIPs get more proactive calls. */
static const struct demo_scenario *
demo_scenario(struct demo *d, enum demo_seg seg)
{
	int total = 0, r = 0, w;
	size_t i;

	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < demo_nscenarios; i++) {
			const struct demo_scenario *s = &demo_scenarios[i];

			w = s->weight;
			if (seg == DEMO_SEG_AT_RISK &&
			    s->mood >= DEMO_MOOD_MIXED)
				w *= 3;
			if (seg == DEMO_SEG_VIP &&
			    strcmp(s->direction, "out") == 0)
				w *= 2;
			if (pass == 0)
				total += w;
			else if (r < w)
				return s;
			else
				r -= w;
		}
		r = (int)demo_pick(d, total);
	}
	return &demo_scenarios[demo_nscenarios - 1];
}

/* The customer's expectation against the outcome, for MOOD. */
static const char *
demo_outcome(struct demo *d, enum demo_mood mood)
{
	const struct demo_mood_share *m = &demo_moods[mood];
	int r = (int)demo_below(d, 100);

	if (mood == DEMO_MOOD_NONE)
		return NULL;
	return r < m->delighted ? "delighted" : r < m->satisfied ?
	    "satisfied" : "disappointed";
}

/* A resolution of a complaint of CATEGORY. */
static const char *
demo_resolution(struct demo *d, const char *category, int english)
{
	size_t i, n = 0, pick;

	for (i = 0; i < demo_nresolutions; i++)
		n += strcmp(demo_resolutions[i].category, category) == 0;
	pick = n > 0 ? demo_pick(d, n) : 0;
	for (i = 0; i < demo_nresolutions; i++) {
		if (n > 0 &&
		    strcmp(demo_resolutions[i].category, category) != 0)
			continue;
		if (pick-- == 0)
			break;
	}
	return demo_text(&demo_resolutions[i].text, english);
}

/* Record the complaint contact K (taken by WHO) of DC raised: resolved
 * within three days unless it is recent, or OPEN is set. */
static int
demo_complaint(struct demo *d, struct demo_customer *dc,
    const struct demo_scenario *s, const struct contact *k, const char *who,
    int open)
{
	struct complaint c;
	int rc;

	if (k->started_at > d->now - 10 * DAY && demo_chance(d, 70))
		open = 1;
	else if (demo_chance(d, 3))
		open = 1;	/* forgotten: the supervisor's overdue list */
	memset(&c, 0, sizeof c);
	c.customer_id = dc->id;
	c.contact_id = k->id;
	c.owner = k->agent;
	c.category = (char *)s->complaint;
	c.summary = k->notes;
	c.opened_at = k->started_at;
	c.deadline = k->started_at + COMPLAINT_DEADLINE;
	if (open)
		c.state = (char *)(demo_chance(d, 20) ? "escalated" : "open");
	else {
		c.state = (char *)"resolved";
		c.resolution = (char *)demo_resolution(d, s->complaint,
		    dc->english);
		c.resolved_at = k->started_at + demo_range(d, 3600, 72 * 3600);
		if (c.resolved_at > d->now)
			c.resolved_at = d->now;
	}
	if ((rc = complaint_insert(d->db, &c, k->agent, d->cause)) < 0)
		return rc;
	if (open) {
		dc->open_complaint = c.id;
		dc->complaint_owner = who;
	}
	return 0;
}

/* Log one contact of kind S with DC at time T; a complaint raised in it is
 * recorded too, and left open if OPEN. */
static int
demo_contact(struct demo *d, struct demo_customer *dc,
    const struct demo_scenario *s, int64_t t, int open)
{
	struct contact *k;
	const char *who;
	int64_t dur;
	int rc;

	k = contact_new();
	k->customer_id = dc->id;
	if (dc->owner != NULL && demo_chance(d, 60))
		who = dc->owner;
	else
		who = d->logins[demo_pick(d, (size_t)d->nlogins)];
	demo_set(&k->agent, who);
	demo_set(&k->channel, s->channel != NULL ? s->channel :
	    demo_channels[demo_pick_weighted(d, demo_channels,
	    demo_nchannels)].text);
	demo_set(&k->direction, s->direction);
	demo_set(&k->disposition, s->disposition);
	demo_set(&k->reason, demo_text(&s->reason, dc->english));
	demo_set(&k->notes, demo_text(&s->notes, dc->english));
	demo_set(&k->outcome, demo_outcome(d, s->mood));
	k->level = s->level;
	if (k->outcome != NULL && strcmp(k->outcome, "delighted") == 0 &&
	    k->level < 4)
		k->level++;
	if (s->purchase > 0) {
		k->purchase = demo_range(d, s->purchase / 3, s->purchase) * 100;
		if (dc->seg == DEMO_SEG_VIP)
			k->purchase *= 3;
		dc->last_purchase = t;
	}
	if (strcmp(k->channel, "visit") == 0)
		dur = demo_range(d, 600, 1800);
	else if (strcmp(k->channel, "phone") == 0)
		dur = demo_range(d, 45, 900);
	else
		dur = demo_range(d, 30, 1200);
	k->started_at = t;
	k->ended_at = t + dur;
	if ((rc = contact_log(d->db, k, d->cause)) == 0 && s->complaint != NULL)
		rc = demo_complaint(d, dc, s, k, who, open);
	contact_free(k);
	return rc;
}

/* Two years (at most since the first purchase) of contacts of DC. */
static int
demo_history(struct demo *d, struct demo_customer *dc, int64_t since,
    int first)
{
	const struct demo_segment *seg = &demo_segments[dc->seg];
	int64_t t[16], start, span, open;
	int n, rc = 0;

	n = first ? 12 : (int)demo_range(d, seg->contacts_min,
	    seg->contacts_max);
	start = since > d->now - HISTORY_DAYS * DAY ? since :
	    d->now - HISTORY_DAYS * DAY;
	span = d->now - 3600 - start;
	if (span <= 0)
		return 0;
	for (int i = 0; i < n; i++) {
		/* A day in the period, in opening hours (8:00-20:00). */
		t[i] = start + (int64_t)(demo_next(d) % (uint64_t)span);
		open = when_day_start(t[i]) + demo_range(d, 8 * 3600,
		    20 * 3600);
		if (open >= start && open < d->now - 3600)
			t[i] = open;
	}
	demo_sort_times(t, n);
	for (int i = 0; i < n && rc == 0; i++)
		rc = demo_contact(d, dc, demo_scenario(d, dc->seg), t[i], 0);
	return rc;
}

/* Today's complaints, still within their deadline. */
static int
demo_complaints_today(struct demo *d)
{
	const struct demo_scenario *s;
	int rc = 0;

	for (int k = 0; k < 3 && rc == 0 && d->ncust > 2; k++) {
		do
			s = &demo_scenarios[demo_pick(d, demo_nscenarios)];
		while (s->complaint == NULL);
		rc = demo_contact(d, &d->cust[demo_range(d, 2, d->ncust - 1)],
		    s, d->now - demo_range(d, 600, 20 * 3600), 1);
	}
	return rc;
}

/* 9:00-17:45 local time, on the day DAYS after NOW. */
static int64_t
demo_work_time(struct demo *d, int days)
{
	return when_day_start(d->now + (int64_t)days * DAY) +
	    demo_range(d, 9 * 4, 17 * 4 + 3) * 900;
}

/* Add one follow-up of customer number I (past due times allowed: NOW is
 * the demo's clock, not necessarily the wall clock). */
static int
demo_followup(struct demo *d, int i, const char *owner, int64_t due,
    const char *reason, int every_days)
{
	int64_t id;

	d->cust[i].has_followup = 1;
	return followup_add(d->db, d->cust[i].id, owner, due, reason,
	    every_days, d->agent, 1, &id, d->cause);
}

/* A reason for a follow-up with customer number I, in their language. */
static const char *
demo_reason(struct demo *d, int i)
{
	return demo_text(&demo_followup_reasons[demo_pick(d,
	    demo_nfollowup_reasons)], d->cust[i].english);
}

/* The customer a follow-up of the invoking agent is for: the first VIP
 * or the first with an open complaint (after the first two, without a
 * follow-up yet), or the first, second or a random one. */
static int
demo_who(struct demo *d, enum demo_who who)
{
	const struct demo_customer *dc;

	for (int i = 2; i < d->ncust && who <= DEMO_WHO_COMPLAINT; i++) {
		dc = &d->cust[i];
		if (!dc->has_followup && (who == DEMO_WHO_VIP ?
		    dc->seg == DEMO_SEG_VIP : dc->open_complaint != 0))
			return i;
	}
	if (who == DEMO_WHO_FIRST)
		return 0;
	if (who == DEMO_WHO_SECOND)
		return 1 % d->ncust;
	return (int)demo_pick(d, (size_t)d->ncust);
}

/* The invoking agent's follow-ups: four due within two minutes and three
 * overdue (demo_soon), a handful in the coming weeks. */
static int
demo_followups_agent(struct demo *d)
{
	const struct demo_soon *f;
	int i, rc;

	for (size_t k = 0; k < demo_nsoon; k++) {
		f = &demo_soon[k];
		i = demo_who(d, f->who);
		if ((rc = demo_followup(d, i, d->agent, d->now + f->in,
		    demo_text(&f->reason, d->cust[i].english),
		    f->every_days)) < 0)
			return rc;
	}
	for (int k = 0; k < 6; k++) {
		i = (int)demo_pick(d, (size_t)d->ncust);
		if ((rc = demo_followup(d, i, d->agent, demo_work_time(d,
		    (int)demo_range(d, 1, 21)), demo_reason(d, i), 0)) < 0)
			return rc;
	}
	return 0;
}

/* Follow-ups that come from the customers themselves: VIP care, the next
 * purchase predicted by the consumption cycle, open complaints, at-risk
 * win-backs; and a few overdue ones in the pool and with colleagues. */
static int
demo_followups_customers(struct demo *d)
{
	struct demo_customer *dc;
	const char *owner;
	char reason[160];
	int64_t need, due, cycle;
	int rc = 0;

	for (int i = 0; i < d->ncust && rc == 0; i++) {
		dc = &d->cust[i];
		owner = dc->owner != NULL ? dc->owner : FOLLOWUP_POOL;
		if (dc->has_followup)
			continue;
		if (dc->open_complaint != 0) {
			rc = demo_followup(d, i, dc->complaint_owner,
			    demo_work_time(d, 1), dc->english ?
			    "Check the complaint is resolved" :
			    "投诉处理回访", 0);
		} else if (dc->seg == DEMO_SEG_VIP) {
			rc = demo_followup(d, i, owner, demo_work_time(d,
			    (int)demo_range(d, 1, 30)), dc->english ?
			    "Monthly VIP care call" : "VIP月度关怀回访",
			    30);
		} else if (dc->cycle_days > 0 && dc->last_purchase != 0) {
			/* 王永庆 knocks before the rice runs out. */
			cycle = (int64_t)dc->cycle_days * DAY;
			for (need = dc->last_purchase + cycle;
			    need < d->now + 2 * DAY; need += cycle)
				;
			if (need > d->now + 60 * DAY)
				continue;
			due = demo_work_time(d,
			    (int)((need - d->now) / DAY - 1));
			snprintf(reason, sizeof reason, dc->english ?
			    "Reorder due (about every %d days)" :
			    "按消费周期（约%d天）提醒续订", dc->cycle_days);
			rc = demo_followup(d, i, owner, due, reason, 0);
		} else if (dc->seg == DEMO_SEG_AT_RISK && demo_chance(d, 50)) {
			rc = demo_followup(d, i, owner, demo_work_time(d,
			    (int)demo_range(d, 1, 14)), dc->english ?
			    "Ask why orders dropped" :
			    "了解近期为何减少订货", 0);
		} else if (demo_chance(d, 8)) {
			rc = demo_followup(d, i, demo_chance(d, 40) ?
			    FOLLOWUP_POOL : demo_owner(d), demo_work_time(d,
			    (int)demo_range(d, 1, 45)), demo_reason(d, i), 0);
		}
	}
	for (int k = 0; k < 5 && rc == 0; k++) {
		int i = (int)demo_pick(d, (size_t)d->ncust);

		owner = k < 2 ? FOLLOWUP_POOL : demo_owner(d);
		rc = demo_followup(d, i, owner, d->now - demo_range(d, 3600,
		    3 * DAY), d->cust[i].english ? "Call back as promised" :
		    "按约定回电", 0);
	}
	return rc;
}

/* Register the demo colleagues (kept if they exist) and fill the login
 * tables: everyone takes contacts, agents own customers. */
static int
demo_agents(struct demo *d)
{
	const struct demo_colleague *c;
	int rc;

	if ((rc = agent_add(d->db, d->agent, d->agent, AGENT_ROLE_SUPERVISOR,
	    d->agent, 1, d->cause)) < 0)
		return rc;
	d->logins[d->nlogins++] = d->agent;
	for (size_t i = 0; i < demo_ncolleagues; i++) {
		c = &demo_colleagues[i];
		if (strcmp(c->login, d->agent) == 0)
			continue;
		if ((rc = agent_add(d->db, c->login, c->name, c->supervisor ?
		    AGENT_ROLE_SUPERVISOR : AGENT_ROLE_AGENT, d->agent, 1,
		    d->cause)) < 0)
			return rc;
		d->logins[d->nlogins++] = c->login;
		if (!c->supervisor)
			d->owners[d->nowners++] = c->login;
	}
	if (d->nowners == 0)
		d->owners[d->nowners++] = d->agent;
	return 0;
}

/* Insert the customers and their history. */
static int
demo_customers(struct demo *d, int n)
{
	struct customer *c;
	struct demo_customer *dc;
	int rc;

	for (int i = 0; i < n; i++) {
		dc = &d->cust[i];
		c = customer_new();
		if ((rc = demo_customer_make(d, i, c, dc)) == 0 &&
		    (rc = customer_insert(d->db, c, d->agent, d->cause)) == 0) {
			dc->id = c->id;
			d->ncust++;
			rc = demo_history(d, dc, c->created_at, i == 0);
		}
		customer_free(c);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* 1 if the database has a customer, 0 if not, negative on error. */
static int
demo_has_customers(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM customers LIMIT 1");
	int rc;

	if (st == NULL)
		return DB_ERR;
	if ((rc = db_step(st)) == DB_ROW)
		db_reset(st);
	return rc;
}

int
demo_populate(struct db *db, const char *agent, int64_t now, uint32_t seed,
    int customers, char **cause)
{
	struct demo d;
	int rc;

	if (agent == NULL || *agent == '\0')
		return set_cause(cause, "demo: no agent given");
	if (customers < 1 || customers > 100000)
		return set_cause(cause, "demo: customers must be 1-100000");
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "demo", cause);
	if ((rc = demo_has_customers(db)) != DB_DONE) {
		if (rc < 0)
			return db_fail(db, rc, "demo", cause);
		db_rollback(db);
		return 0;
	}

	memset(&d, 0, sizeof d);
	d.db = db;
	d.agent = agent;
	d.now = now;
	d.rng = seed;
	d.cause = cause;
	for (d.phones_size = 64; d.phones_size < (size_t)customers * 8;)
		d.phones_size *= 2;
	d.phones = xcalloc(d.phones_size, sizeof *d.phones);
	demo_phone_claim(&d, "86", "13800138000");
	d.cust = xcalloc(customers, sizeof *d.cust);

	if ((rc = demo_agents(&d)) == 0 &&
	    (rc = demo_customers(&d, customers)) == 0 &&
	    (rc = demo_complaints_today(&d)) == 0 &&
	    (rc = demo_followups_agent(&d)) == 0 &&
	    (rc = demo_followups_customers(&d)) == 0 &&
	    (rc = db_commit(db)) < 0)
		db_cause(db, rc, "demo", cause);	/* rolled back below */
	free(d.phones);
	free(d.cust);
	if (rc < 0) {
		db_rollback(db);
		return rc;
	}
	return customers;
}
