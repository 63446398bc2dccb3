/*
 * kpi.c — today's figures and Erlang C (see kpi.h).
 *
 * Every query is a range over an indexed time column (calls.offered_at,
 * contacts.started_at) or a partial index (open complaints, open
 * follow-ups): the work grows with the period's rows, never the table's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/kpi.h"
#include "kefu/xmalloc.h"

double
erlang_b(double a, int n)
{
	double b = 1.0;

	for (int k = 1; k <= n; k++)
		b = a * b / (k + a * b);
	return b;
}

double
erlang_c(double a, int n)
{
	double b;

	if (n <= 0 || a >= n)
		return 1.0;
	b = erlang_b(a, n);
	return n * b / (n - a * (1.0 - b));
}

double
erlang_sl(double a, int n, double aht, double t)
{
	if (n <= 0 || a >= n || aht <= 0)
		return 0.0;
	return 1.0 - erlang_c(a, n) * exp(-(n - a) * t / aht);
}

int
erlang_agents(double a, double aht, double t, double target, double cap,
    int *capped)
{
	int n = (int)ceil(a), by_sl, by_cap;

	*capped = 0;
	if (a <= 0)
		return 0;
	if (n < 1)
		n = 1;
	while (n < 100000 && erlang_sl(a, n, aht, t) < target)
		n++;
	by_sl = n;
	by_cap = (int)ceil(a / cap);
	if (by_cap > by_sl) {
		*capped = 1;
		return by_cap;
	}
	return by_sl;
}

static double
pct(int num, int den)
{
	return den > 0 ? 100.0 * num / den : -1.0;
}

/* One row of integers from SQL bound with the given values. */
static int
row(struct db *db, const char *sql, const int64_t *args, int nargs,
    int64_t *out, int ncols, char **cause)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (st == NULL)
		return db_cause(db, DB_ERR, "figures", cause);
	for (int i = 0; i < nargs; i++)
		db_bind_int(st, i + 1, args[i]);
	if ((rc = db_step(st)) != DB_ROW)
		return db_cause(db, rc, "figures", cause);
	for (int i = 0; i < ncols; i++)
		out[i] = db_col_int(st, i);
	db_reset(st);
	return 0;
}

static int
calls(struct db *db, struct kpi *k, char **cause)
{
	int64_t a[] = { k->threshold, k->threshold, k->since, k->until }, r[8];
	double talk_wrap;

	if (row(db, "SELECT count(*),"
	    " count(answered_at), count(abandoned_at),"
	    " coalesce(sum(answered_at IS NOT NULL AND answered_at - offered_at"
	    "  <= ?), 0),"
	    " coalesce(sum(abandoned_at IS NOT NULL AND abandoned_at - offered_at"
	    "  <= ?), 0),"
	    " coalesce(sum(answered_at - offered_at), 0),"
	    " coalesce(sum(CASE WHEN ended_at IS NOT NULL THEN (ended_at -"
	    "  answered_at) + coalesce(wrapup_until - ended_at, 0) END), 0),"
	    " count(ended_at)"
	    " FROM calls WHERE offered_at >= ? AND offered_at < ?", a, 4, r, 8,
	    cause) < 0)
		return -1;
	k->offered = (int)r[0];
	k->answered = (int)r[1];
	k->abandoned = (int)r[2];
	k->answered_within = (int)r[3];
	k->abandoned_within = (int)r[4];
	k->abandon_pct = pct(k->abandoned, k->offered);
	k->sl = pct(k->answered_within, k->answered);
	k->sl2 = pct(k->answered_within + k->abandoned_within,
	    k->answered + k->abandoned);
	k->asa = k->answered > 0 ? (double)r[5] / k->answered : -1.0;
	talk_wrap = (double)r[6];
	k->aht = r[7] > 0 ? talk_wrap / (double)r[7] : -1.0;
	return 0;
}

static int
contacts(struct db *db, struct kpi *k, char **cause)
{
	int64_t a[] = { k->since, k->until }, r[4];

	if (row(db, "SELECT count(*),"
	    " coalesce(sum(k.disposition = 'resolved' AND NOT EXISTS (SELECT 1"
	    "  FROM contacts n WHERE n.customer_id = k.customer_id"
	    "  AND n.started_at > k.started_at"
	    "  AND n.started_at <= k.started_at + 604800)), 0),"
	    " count(k.outcome),"
	    " coalesce(sum(k.outcome IN ('delighted', 'satisfied')), 0)"
	    " FROM contacts k WHERE k.started_at >= ? AND k.started_at < ?",
	    a, 2, r, 4, cause) < 0)
		return -1;
	k->contacts = (int)r[0];
	k->resolved_first = (int)r[1];
	k->rated = (int)r[2];
	k->happy = (int)r[3];
	k->fcr = pct(k->resolved_first, k->contacts);
	k->satisfaction = pct(k->happy, k->rated);
	return 0;
}

static int
slots(struct db *db, struct kpi *k, char **cause)
{
	struct db_stmt *st;
	int rc, answered[KPI_SLOTS] = { 0 }, within[KPI_SLOTS] = { 0 };

	k->nslots = (int)((k->until - k->since + 899) / 900);
	if (k->nslots > KPI_SLOTS)
		k->nslots = KPI_SLOTS;
	st = db_prepare(db, "SELECT (offered_at - ?) / 900, count(*),"
	    " count(answered_at), coalesce(sum(answered_at - offered_at <= ?), 0)"
	    " FROM calls WHERE offered_at >= ? AND offered_at < ?"
	    " GROUP BY 1");
	if (st == NULL)
		return db_cause(db, DB_ERR, "figures", cause);
	db_bind_int(st, 1, k->since);
	db_bind_int(st, 2, k->threshold);
	db_bind_int(st, 3, k->since);
	db_bind_int(st, 4, k->until);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t s = db_col_int(st, 0);
		if (s < 0 || s >= KPI_SLOTS)
			continue;
		k->slot_offered[s] = (int)db_col_int(st, 1);
		answered[s] = (int)db_col_int(st, 2);
		within[s] = (int)db_col_int(st, 3);
	}
	if (rc < 0)
		return db_cause(db, rc, "figures", cause);
	for (int s = 0; s < KPI_SLOTS; s++)
		k->slot_sl[s] = pct(within[s], answered[s]);
	return 0;
}

int
kpi_compute(struct db *db, int64_t since, int64_t until, int64_t now,
    int threshold, int target, struct kpi *k, char **cause)
{
	int64_t a[2], r[2];
	double aht;

	memset(k, 0, sizeof *k);
	k->since = since;
	k->until = until;
	k->threshold = threshold;
	k->target = target;
	if (calls(db, k, cause) < 0 || contacts(db, k, cause) < 0 ||
	    slots(db, k, cause) < 0)
		return -1;
	if (row(db, "SELECT count(*) FROM calls WHERE answered_at IS NULL AND"
	    " abandoned_at IS NULL AND ended_at IS NULL", NULL, 0, r, 1,
	    cause) < 0)
		return -1;
	k->waiting = (int)r[0];
	if (row(db, "SELECT count(*) FROM complaints WHERE state <> 'resolved'",
	    NULL, 0, r, 1, cause) < 0)
		return -1;
	k->open_complaints = (int)r[0];
	k->silent_unhappy = k->open_complaints * 25;
	a[0] = now - FOLLOWUP_GRACE - 1;
	if (row(db, "SELECT count(*) FROM followups WHERE state IN ('pending',"
	    " 'fired') AND due_at <= ?", a, 1, r, 1, cause) < 0)
		return -1;
	k->overdue_followups = (int)r[0];
	a[0] = now - 3600;
	a[1] = now;
	if (row(db, "SELECT count(*) FROM calls WHERE offered_at >= ?"
	    " AND offered_at < ?", a, 2, r, 1, cause) < 0)
		return -1;
	k->arrivals_per_hour = (double)r[0];
	aht = k->aht > 0 ? k->aht : 180.0;	/* no calls ended yet: 3 min */
	k->traffic = k->arrivals_per_hour * aht / 3600.0;
	k->agents_needed = erlang_agents(k->traffic, aht, threshold,
	    target / 100.0, 0.85, &k->occupancy_capped);
	if (k->agents_needed > 0) {
		k->predicted_sl = 100.0 * erlang_sl(k->traffic, k->agents_needed,
		    aht, threshold);
		k->occupancy = 100.0 * k->traffic / k->agents_needed;
	}
	return 0;
}

int
kpi_overdue_by_owner(struct db *db, int64_t now, char ***owners,
    int **counts, char **cause)
{
	struct db_stmt *st;
	int n = 0, rc;

	*owners = NULL;
	*counts = NULL;
	st = db_prepare(db, "SELECT owner, count(*) FROM followups WHERE state"
	    " IN ('pending', 'fired') AND due_at <= ? GROUP BY owner"
	    " ORDER BY 2 DESC");
	if (st == NULL)
		return db_cause(db, DB_ERR, "figures", cause);
	db_bind_int(st, 1, now - FOLLOWUP_GRACE - 1);
	while ((rc = db_step(st)) == DB_ROW) {
		*owners = xreallocarray(*owners, n + 1, sizeof **owners);
		*counts = xreallocarray(*counts, n + 1, sizeof **counts);
		(*owners)[n] = xstrdup(db_col_text(st, 0));
		(*counts)[n++] = (int)db_col_int(st, 1);
	}
	if (rc < 0) {
		for (int i = 0; i < n; i++)
			free((*owners)[i]);
		free(*owners);
		free(*counts);
		*owners = NULL;
		*counts = NULL;
		return db_cause(db, rc, "figures", cause);
	}
	return n;
}
