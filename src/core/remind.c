/*
 * remind.c — the reminder engine (see remind.h).
 *
 * The three kinds of reminder an agent gets, in SQL:
 *   own:     their pending follow-ups at due_at;
 *   warning: pending own or pool follow-ups at due_at - before_secs, while
 *            the follow-up is not yet due (a due alert supersedes them);
 *   pool:    open pool follow-ups at due_at, once per agent.
 * Each is "unshown" while reminder_log has no row for (follow-up, due_at,
 * before_secs, agent). remind_next and remind_due use the same conditions,
 * so the timer can never spin on a reminder it will not fire.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "kefu/audit.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/remind.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "remind-sql.h"

/* The earliest unshown warning of one owner (?1 owner, ?2 now, ?3 agent). */

static void
reminder_clear(struct reminder *r)
{
	free(r->customer_name);
	free(r->segment);
	free(r->reason);
	free(r->owner);
}

void
reminder_list_free(struct reminder *v, int n)
{
	for (int i = 0; i < n; i++)
		reminder_clear(&v[i]);
	free(v);
}

static void
from_row(struct db_stmt *st, struct reminder *r)
{
	memset(r, 0, sizeof *r);
	r->followup_id = db_col_int(st, 0);
	r->customer_id = db_col_int(st, 1);
	r->customer_name = xstrdup(db_col_text(st, 2));
	r->segment = xstrdup(db_col_text(st, 3));
	r->reason = xstrdup(db_col_text(st, 4));
	r->owner = xstrdup(db_col_text(st, 5));
	r->due_at = db_col_int(st, 6);
}

/* Read every row of ST (already bound) into *v after the N there are. */
static int
collect(struct db_stmt *st, struct reminder **v, int *n)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		from_row(st, &(*v)[*n]);
		(*v)[*n].before_secs = db_col_int(st, 7);
		(*n)++;
	}
	return rc;
}

static int
newest_first(const void *a, const void *b)
{
	const struct reminder *x = a, *y = b;
	int64_t tx = x->due_at - x->before_secs, ty = y->due_at - y->before_secs;

	if (tx != ty)
		return tx < ty ? 1 : -1;
	return x->followup_id < y->followup_id ? 1 :
	    x->followup_id > y->followup_id ? -1 : 0;
}

/* Record R as shown to AGENT; 1 if this call did it, 0 if it already was. */
static int
mark_shown(struct db *db, const char *agent, const struct reminder *r,
    int64_t now)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "INSERT INTO reminder_log (followup_id, due_at,"
	    " before_secs, agent, shown_at) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT DO NOTHING");
	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, r->followup_id);
	db_bind_int(st, 2, r->due_at);
	db_bind_int(st, 3, r->before_secs);
	db_bind_text(st, 4, agent);
	db_bind_int(st, 5, now);
	if ((rc = db_step(st)) < 0)
		return rc;
	if (db_changes(db) == 0)
		return 0;
	if (r->before_secs != 0)
		return 1;
	st = db_prepare(db, "UPDATE followups SET state = 'fired', fired_at ="
	    " coalesce(fired_at, ?) WHERE id = ? AND state = 'pending'");
	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, r->followup_id);
	if ((rc = db_step(st)) < 0)
		return rc;
	return 1;
}

int
remind_due(struct db *db, const char *agent, int64_t now, bool mark,
    struct reminder **out, char **cause)
{
	struct reminder *v = NULL;
	struct db_stmt *st;
	int n = 0, rc, k = 0;

	*out = NULL;
	if (mark && (rc = db_begin(db)) < 0)
		return db_cause(db, rc, "reminders", cause);
	st = db_prepare(db, REMIND_DUE_SQL);	/* see remind-sql.h */
	if (st == NULL) {
		rc = DB_ERR;
		goto fail;
	}
	const struct { int text; int64_t v; } binds[] = {
		{ 1, 0 }, { 0, now }, { 1, 0 },
		{ 1, 0 }, { 0, now }, { 0, now }, { 1, 0 },
		{ 0, now }, { 1, 0 },
	};
	for (size_t i = 0; i < sizeof binds / sizeof binds[0]; i++) {
		if (binds[i].text)
			db_bind_text(st, (int)i + 1, agent);
		else
			db_bind_int(st, (int)i + 1, binds[i].v);
	}
	if ((rc = collect(st, &v, &n)) < 0)
		goto fail;
	if (mark) {
		/* Keep only what this call recorded: another console of the
		 * same agent may have shown some already. */
		for (int i = 0; i < n; i++) {
			if ((rc = mark_shown(db, agent, &v[i], now)) < 0)
				goto fail;
			if (rc == 1) {
				struct reminder keep = v[i];
				memset(&v[i], 0, sizeof v[i]);
				v[k++] = keep;
			} else {
				reminder_clear(&v[i]);
				memset(&v[i], 0, sizeof v[i]);
			}
		}
		n = k;		/* the rest are zeroed: freeing them is a no-op */
		if ((rc = db_commit(db)) < 0)
			goto fail;
	}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, newest_first);
	*out = v;
	return n;
fail:
	reminder_list_free(v, n);
	return mark ? db_fail(db, rc, "reminders", cause) :
	    db_cause(db, rc, "reminders", cause);
}

int
remind_next(struct db *db, const char *agent, int64_t *at, char **cause)
{
	struct db_stmt *st;
	int64_t now = when_now();
	int rc;

	*at = 0;
	/* The same conditions as remind_due, each branch one index seek
	 * that stops at the first unshown reminder. */
	st = db_prepare(db, REMIND_NEXT_SQL);
	if (st == NULL)
		return db_cause(db, DB_ERR, "reminders", cause);
	db_bind_text(st, 1, agent);
	db_bind_text(st, 2, agent);
	db_bind_text(st, 3, agent);	/* own warnings */
	db_bind_int(st, 4, now);
	db_bind_text(st, 5, agent);
	db_bind_text(st, 6, FOLLOWUP_POOL);	/* the pool's warnings */
	db_bind_int(st, 7, now);
	db_bind_text(st, 8, agent);
	db_bind_text(st, 9, agent);
	if ((rc = db_step(st)) != DB_ROW)
		return db_cause(db, rc, "reminders", cause);
	rc = db_col_null(st, 0) ? 0 : 1;
	*at = db_col_int(st, 0);
	db_reset(st);
	return rc;
}

int
remind_unacknowledged(struct db *db, const char *agent,
    struct reminder **out, char **cause)
{
	struct reminder *v = NULL;
	struct db_stmt *st;
	int n = 0, rc;

	*out = NULL;
	st = db_prepare(db, "SELECT " REMINDER_COLS ", 0 FROM followups f"
	    " JOIN customers c ON c.id = f.customer_id WHERE f.owner = ?"
	    " AND f.state = 'fired' AND f.acknowledged_at IS NULL"
	    " ORDER BY f.due_at DESC");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reminders", cause);
	db_bind_text(st, 1, agent);
	if ((rc = collect(st, &v, &n)) < 0) {
		reminder_list_free(v, n);
		return db_cause(db, rc, "reminders", cause);
	}
	*out = v;
	return n;
}

/* Bind ESCALATE_IDS (remind-sql.h) from parameter FIRST on. */
static void
bind_escalate(struct db_stmt *st, int first, int64_t now, int64_t ack)
{
	db_bind_int(st, first, ack > 0 ? now - ack : INT64_MIN);
	db_bind_int(st, first + 1, now);
	db_bind_int(st, first + 2, now - 30);
	db_bind_int(st, first + 3, now - 30);
}

int
remind_escalate(struct db *db, int64_t now, int64_t ack_secs, const char *by,
    char **cause)
{
	struct db_stmt *st;
	int rc, n;

	st = db_prepare(db, "SELECT count(*) FROM (" ESCALATE_IDS ") AS x");
	if (st == NULL)
		return db_cause(db, DB_ERR, "moving to the pool", cause);
	bind_escalate(st, 1, now, ack_secs);
	if ((rc = db_step(st)) != DB_ROW)
		return db_cause(db, rc, "moving to the pool", cause);
	n = (int)db_col_int(st, 0);
	db_reset(st);
	if (n == 0)
		return 0;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "moving to the pool", cause);
	st = db_prepare(db, "INSERT INTO audit (at, agent, tbl, row_id, action,"
	    " detail) SELECT ?, ?, 'followups', f.id, 'to_pool', f.owner"
	    " FROM followups f WHERE f.id IN (" ESCALATE_IDS ")");
	if (st == NULL)
		return db_fail(db, DB_ERR, "moving to the pool", cause);
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, by);
	bind_escalate(st, 3, now, ack_secs);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "moving to the pool", cause);
	st = db_prepare(db, "UPDATE followups SET owner = 'pool', state ="
	    " 'pending', moved_at = ? WHERE id IN (" ESCALATE_IDS ")");
	if (st == NULL)
		return db_fail(db, DB_ERR, "moving to the pool", cause);
	db_bind_int(st, 1, now);
	bind_escalate(st, 2, now, ack_secs);
	if ((rc = db_step(st)) < 0)
		return db_fail(db, rc, "moving to the pool", cause);
	n = (int)db_changes(db);
	if ((rc = db_commit(db)) < 0)
		return db_fail(db, rc, "moving to the pool", cause);
	return n;
}

/* ---- The engine: one timer. ---- */

#define CAP_MS		60000	/* never sleep longer: recompute from the clock */
#define MIN_MS		50	/* never spin */
#define ESCALATE_SECS	30

struct nag {
	int64_t	 id;
	int64_t	 next;		/* seconds */
};

struct remind {
	uv_timer_t	 timer;
	int64_t		 backoff_ms;	/* after a failed pass: 1 s, doubling */
	int64_t		 retry_at;	/* ms: the owed pass after a failure */
	struct db	*db;
	char		*agent;
	struct remind_opts opts;
	remind_fire_cb	 fire;
	void		*arg;
	bool		 started;
	int64_t		 armed_at;	/* ms since the epoch */
	int64_t		 rearm_at;	/* recompute by then (clock steps) */
	int64_t		 last_escalate;
	struct nag	*nags;
	int		 nnags;
};

/* Milliseconds on the clock reminders are due by: the real clock, moved
 * by KEFU_NOW when a test pins it. */
static int64_t
now_ms(void)
{
	struct timeval tv;

	int64_t shift;

	gettimeofday(&tv, NULL);
	/* One reading of the real clock; KEFU_NOW moves it by whole
	 * seconds (a second read of time() could tick in between). */
	shift = when_now() - tv.tv_sec;
	if (shift >= -1 && shift <= 1)
		shift = 0;
	return ((int64_t)tv.tv_sec + shift) * 1000 + tv.tv_usec / 1000;
}

/* Seconds as milliseconds, saturating instead of overflowing. */
static int64_t
ms(int64_t secs)
{
	if (secs > INT64_MAX / 1000)
		return INT64_MAX;
	if (secs < INT64_MIN / 1000)
		return INT64_MIN;
	return secs * 1000;
}

static void run(uv_timer_t *);

/* Arm the one timer for the earliest of: the next unshown reminder, the
 * next nag, the next escalation check, and the 60 s cap. */
static void
arm(struct remind *r)
{
	int64_t now = now_ms(), at = 0, target = now + CAP_MS, delay;
	int rc = remind_next(r->db, r->agent, &at, NULL);
	bool must = rc < 0 || r->retry_at > 0;	/* a pass is owed */

	if (rc == 1 && ms(at) < target)
		target = ms(at);
	for (int i = 0; i < r->nnags; i++)
		if (ms(r->nags[i].next) < target)
			target = ms(r->nags[i].next);
	/* A pass failed (locked past the busy timeout, disk full), or we
	 * cannot even tell what is next: retry at an absolute time, which
	 * re-arming on every change cannot keep pushing back. */
	if (rc < 0 && r->retry_at == 0)
		r->retry_at = now + 1000;
	if (r->retry_at > 0)
		target = r->retry_at;
	delay = target - now;
	if (delay < MIN_MS)
		delay = r->started ? MIN_MS : 0;
	r->armed_at = now + delay;
	r->rearm_at = now + CAP_MS;
	/* Nothing within the cap: no timer at all. The console's 1 s tick
	 * calls remind_maintain, which recomputes from the clock every 60 s,
	 * so an idle console wakes for its clock and nothing else. */
	if (delay >= CAP_MS && r->started && !must) {
		uv_timer_stop(&r->timer);
		return;
	}
	uv_timer_start(&r->timer, run, (uint64_t)delay, 0);
}

/* Bring the nag list in line with the unacknowledged follow-ups, and
 * collect those whose next nag is due into *due. */
static int
update_nags(struct remind *r, int64_t now, struct reminder **due)
{
	struct reminder *v;
	struct nag *keep = NULL;
	int n, k = 0, nd = 0;

	*due = NULL;
	if (r->opts.nag_secs <= 0)
		return 0;
	if ((n = remind_unacknowledged(r->db, r->agent, &v, NULL)) < 0)
		return 0;
	for (int i = 0; i < n; i++) {
		int64_t id = v[i].followup_id, next = now + r->opts.nag_secs;

		for (int j = 0; j < r->nnags; j++)
			if (r->nags[j].id == id && r->nags[j].next < next)
				next = r->nags[j].next;	/* never past now + nag */
		if (next <= now) {
			*due = xreallocarray(*due, nd + 1, sizeof **due);
			(*due)[nd] = v[i];
			(*due)[nd++].nag = true;
			memset(&v[i], 0, sizeof v[i]);
			next = now + r->opts.nag_secs;
		}
		keep = xreallocarray(keep, k + 1, sizeof *keep);
		keep[k].id = id;
		keep[k++].next = next;
	}
	reminder_list_free(v, n);
	free(r->nags);
	r->nags = keep;
	r->nnags = k;
	return nd;
}

static void
run(uv_timer_t *t)
{
	struct remind *r = t->data;
	struct reminder *v = NULL, *nags = NULL;
	/* A timer may fire a few ms before the second it was armed for;
	 * count that as the second, or it would find nothing and re-arm. */
	int64_t now = (now_ms() + 50) / 1000;
	int n, nn;
	n = remind_due(r->db, r->agent, now, true, &v, NULL);
	if (n < 0) {
		/* Nothing was marked, so nothing is lost: try again later. */
		r->backoff_ms = r->backoff_ms == 0 ? 1000 :
		    r->backoff_ms >= 30000 ? 30000 : r->backoff_ms * 2;
		r->retry_at = now_ms() + r->backoff_ms;
	} else {
		r->backoff_ms = 0;
		r->retry_at = 0;
	}
	if (n > 0) {
		r->fire(r->arg, v, n, !r->started);
		reminder_list_free(v, n);
	}
	if (n >= 0)
		r->started = true;
	nn = update_nags(r, now, &nags);
	if (nn > 0)
		r->fire(r->arg, nags, nn, false);
	reminder_list_free(nags, nn);
	arm(r);
}

int
remind_start(uv_loop_t *loop, struct db *db, const char *agent,
    const struct remind_opts *opts, remind_fire_cb fire, void *arg,
    struct remind **out, char **cause)
{
	struct remind *r = xcalloc(1, sizeof *r);

	if (uv_timer_init(loop, &r->timer) != 0) {
		free(r);
		return set_cause(cause, "reminders: cannot start a timer");
	}
	r->timer.data = r;
	r->db = db;
	r->agent = xstrdup(agent);
	r->opts = *opts;
	r->fire = fire;
	r->arg = arg;
	r->last_escalate = when_now() - ESCALATE_SECS;
	uv_timer_start(&r->timer, run, 0, 0);	/* the start-up batch */
	*out = r;
	return 0;
}

void
remind_changed(struct remind *r)
{
	if (r == NULL || !r->started)
		return;
	uv_timer_stop(&r->timer);
	arm(r);
}

void
remind_acknowledged(struct remind *r, int64_t id)
{
	for (int i = 0; r != NULL && i < r->nnags; i++) {
		if (r->nags[i].id == id) {
			r->nags[i] = r->nags[--r->nnags];
			break;
		}
	}
	remind_changed(r);
}

void
remind_maintain(struct remind *r)
{
	int64_t now = when_now();

	if (r == NULL || !r->started)
		return;
	/* A clock stepped back must not postpone escalation for as long. */
	if (r->opts.ack_secs > 0 && (now >= r->last_escalate + ESCALATE_SECS ||
	    now < r->last_escalate)) {
		r->last_escalate = now;
		if (remind_escalate(r->db, now, r->opts.ack_secs, r->agent,
		    NULL) > 0) {
			remind_changed(r);
			return;
		}
	}
	if (now_ms() >= r->rearm_at)
		remind_changed(r);
}

int64_t
remind_armed_at(const struct remind *r)
{
	return r->armed_at;
}

static void
on_close(uv_handle_t *h)
{
	struct remind *r = h->data;

	free(r->agent);
	free(r->nags);
	free(r);
}

void
remind_stop(struct remind *r)
{
	if (r == NULL)
		return;
	uv_timer_stop(&r->timer);
	uv_close((uv_handle_t *)&r->timer, on_close);
}
