/*
 * view-queue.c — the supervisor's queue pane (Q): calls waiting (longest
 * first, VIP marked), every agent's state with time in state coloured by
 * thresholds, today's figures with SL/SL2, Erlang C, sparklines per 15
 * minutes, complaints and their silent iceberg, overdue follow-ups per
 * agent. Live: reloaded when another process commits, clocks every second.
 * On the selected agent: p force-pauses (reason "meeting"), m sends a
 * one-line message to their alert bar. Both are audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/call.h"
#include "kefu/config.h"
#include "kefu/db.h"
#include "kefu/kpi.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

struct queue {
	struct call	**calls;
	int		 ncalls;
	struct agent	**agents;
	int		 nagents;
	char		**owners;
	int		*overdue;
	int		 nowners;
	struct kpi	 kpi;
	int		 sel;
	bool		 messaging;
	struct edit	 edit;
};

static void
queue_clear(struct queue *q)
{
	call_list_free(q->calls, q->ncalls);
	agent_list_free(q->agents, q->nagents);
	for (int i = 0; i < q->nowners; i++)
		free(q->owners[i]);
	free(q->owners);
	free(q->overdue);
	q->calls = NULL;
	q->agents = NULL;
	q->owners = NULL;
	q->overdue = NULL;
	q->ncalls = q->nagents = q->nowners = 0;
}

static void
queue_free(void *p)
{
	struct queue *q = p;

	queue_clear(q);
	edit_free(&q->edit);
	free(q);
}

/* Load everything the pane shows (indexed queries only). */
void
queue_reload(struct app *app)
{
	struct queue *q = app->ovdata;
	char *cause = NULL;
	int n, t, target;

	queue_clear(q);
	t = (int)config_int(app->config, "sl.threshold", 1, 3600, 20);
	target = (int)config_int(app->config, "sl.target", 1, 99, 80);
	if ((n = call_waiting(app->db, 50, &q->calls, &cause)) >= 0)
		q->ncalls = n;
	if (n >= 0 && (n = agent_list(app->db, &q->agents, &cause)) >= 0)
		q->nagents = n;
	if (n >= 0 && (n = kpi_overdue_by_owner(app->db, app->now, &q->owners,
	    &q->overdue, &cause)) >= 0)
		q->nowners = n;
	if (n >= 0)
		n = kpi_compute(app->db, when_day_start(app->now), app->now + 1,
		    app->now, t, target, &q->kpi, &cause);
	if (n < 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
	}
	if (q->sel >= q->nagents)
		q->sel = q->nagents > 0 ? q->nagents - 1 : 0;
	app->dirty |= DIRTY_OVERLAY;
}

static void
fmt_pct(char *buf, size_t len, double v)
{
	if (v < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", v);
}

static void
sparkline(WINDOW *w, int y, int x, int cols, const double *v, int n,
    double max, attr_t a)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆",
	    "▇", "█" };
	int first = n > cols ? n - cols : 0;

	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	for (int i = first; i < n; i++)
		mvwaddstr(w, y, x + i - first, v[i] < 0 ? " " :
		    bars[max > 0 ? (int)(v[i] / max * 7.0 + 0.5) : 0]);
	wattr_set(w, A_NORMAL, 0, NULL);
}

static void
draw_figures(struct app *app, WINDOW *w, int x, int cols)
{
	struct queue *q = app->ovdata;
	const struct kpi *k = &q->kpi;
	char sl[16], sl2[16], ab[16], sat[16], fcr[16], *line;
	double offered[KPI_SLOTS], max = 0;
	int y = 1;

	fmt_pct(sl, sizeof sl, k->sl);
	fmt_pct(sl2, sizeof sl2, k->sl2);
	fmt_pct(ab, sizeof ab, k->abandon_pct);
	fmt_pct(sat, sizeof sat, k->satisfaction);
	fmt_pct(fcr, sizeof fcr, k->fcr);
	draw_text(w, y++, x, cols, _("Today"), app->attr[TH_TITLE]);
	line = xasprintf(_("offered %d  answered %d  abandoned %d (%s)"),
	    k->offered, k->answered, k->abandoned, ab);
	draw_text(w, y++, x, cols, line, app->attr[TH_NORMAL]);
	free(line);
	line = xasprintf(_("SL %s  SL2 %s  (%d s, target %d%%)"), sl, sl2,
	    k->threshold, k->target);
	draw_text(w, y++, x, cols, line, k->sl >= 0 && k->sl < k->target ?
	    app->attr[TH_ALERT_WARN] : app->attr[TH_NORMAL]);
	free(line);
	line = xasprintf(_("ASA %.0f s  AHT %.0f s  FCR %s"), k->asa < 0 ? 0 :
	    k->asa, k->aht < 0 ? 0 : k->aht, fcr);
	draw_text(w, y++, x, cols, line, app->attr[TH_NORMAL]);
	free(line);
	line = xasprintf(_("satisfaction %s  open complaints %d (≈ %d silent "
	    "unhappy)"), sat, k->open_complaints, k->silent_unhappy);
	draw_text(w, y++, x, cols, line, k->open_complaints > 0 ?
	    app->attr[TH_ALERT_WARN] : app->attr[TH_NORMAL]);
	free(line);
	line = xasprintf(_("Erlang C: %d agents for %.0f calls/h (occupancy "
	    "%.0f%%%s)"), k->agents_needed, k->arrivals_per_hour, k->occupancy,
	    k->occupancy_capped ? _(", capped at 85%") : "");
	draw_text(w, y++, x, cols, line, app->attr[TH_NORMAL]);
	free(line);
	for (int i = 0; i < k->nslots; i++) {
		offered[i] = k->slot_offered[i];
		if (offered[i] > max)
			max = offered[i];
	}
	draw_text(w, y, x, 10, _("offered"), app->attr[TH_LABEL]);
	sparkline(w, y++, x + 10, cols - 10, offered, k->nslots, max,
	    app->attr[TH_NORMAL]);
	draw_text(w, y, x, 10, _("SL"), app->attr[TH_LABEL]);
	sparkline(w, y++, x + 10, cols - 10, k->slot_sl, k->nslots, 100.0,
	    app->attr[TH_NORMAL]);
	y++;
	draw_text(w, y++, x, cols, _("Overdue follow-ups"), app->attr[TH_TITLE]);
	for (int i = 0; i < q->nowners && y < getmaxy(w) - 2; i++) {
		line = xasprintf("%-12s %d", q->owners[i], q->overdue[i]);
		draw_text(w, y++, x, cols, line, app->attr[TH_NORMAL]);
		free(line);
	}
}

/* The colour of time in state: VICIdial's darker after 1 and 5 minutes. */
static attr_t
state_attr(struct app *app, const struct agent *a)
{
	int64_t secs = app->now - a->state_since;
	int64_t warn = config_int(app->config, "queue.warn_secs", 1, 86400, 60);
	int64_t late = config_int(app->config, "queue.late_secs", 1, 86400, 300);

	if (strcmp(a->state, "available") == 0 || strcmp(a->state,
	    "offline") == 0)
		return app->attr[TH_STATE_OK];
	return app->attr[secs >= late ? TH_STATE_LATE : secs >= warn ?
	    TH_STATE_WARN : TH_STATE_OK];
}

static void
queue_draw(struct app *app, WINDOW *w)
{
	struct queue *q = app->ovdata;
	int rows = getmaxy(w), cols = getmaxx(w), half = cols / 2, y = 1, cx;
	char rel[32], *line;

	werase(w);
	draw_box(w, _("Queue"), app->attr[TH_BORDER], app->attr[TH_TITLE_FOCUS]);
	line = xasprintf(_("Waiting (%d)"), q->ncalls);
	draw_text(w, y++, 2, half - 3, line, app->attr[TH_TITLE]);
	free(line);
	for (int i = 0; i < q->ncalls && i < 6; i++) {
		const struct call *c = q->calls[i];
		bool vip = c->segment != NULL && strcmp(c->segment, "vip") == 0;
		line = xasprintf("%4llds %s %s", (long long)(app->now -
		    c->offered_at), vip ? "★VIP" : "    ", c->customer_name ?
		    c->customer_name : c->number);
		draw_text(w, y++, 2, half - 3, line, vip ?
		    app->attr[TH_SEG_VIP] : app->attr[TH_NORMAL]);
		free(line);
	}
	y = y < 9 ? 9 : y + 1;
	draw_text(w, y++, 2, half - 3, _("Agents"), app->attr[TH_TITLE]);
	for (int i = 0; i < q->nagents && y < rows - 3; i++, y++) {
		const struct agent *a = q->agents[i];
		bool sel = i == q->sel;
		bool off = a->heartbeat < app->now - 30;
		const char *state = off ? "offline" : a->state;

		if (sel)
			draw_fill(w, y, 1, half - 1, app->attr[TH_SELECTED]);
		draw_text(w, y, 2, 12, a->login, sel ? app->attr[TH_SELECTED] :
		    app->attr[TH_NORMAL]);
		draw_text(w, y, 15, 10, word_state(state), sel ? app->attr[TH_SELECTED] :
		    state_attr(app, a));
		if (!off && a->state_since > 0) {
			rel_time(a->state_since, app->now, rel, sizeof rel);
			draw_text(w, y, 26, half - 28, rel, sel ?
			    app->attr[TH_SELECTED] : state_attr(app, a));
		}
	}
	draw_figures(app, w, half + 1, cols - half - 3);
	app->ov_cy = -1;
	if (q->messaging) {
		draw_text(w, rows - 3, 2, cols - 4, _("Message (Enter sends, Esc "
		    "cancels):"), app->attr[TH_LABEL]);
		edit_draw_line(w, rows - 2, 2, cols - 4, &q->edit,
		    app->attr[TH_FIELD_FOCUS], &cx);
		app->ov_cy = rows - 2;
		app->ov_cx = cx;
	} else
		draw_text(w, rows - 2, 2, cols - 4, _("j/k agent · p pause them · "
		    "m message · Esc close"), app->attr[TH_DIM]);
}

static bool
queue_key(struct app *app, struct key k)
{
	struct queue *q = app->ovdata;
	const char *who = q->nagents > 0 ? q->agents[q->sel]->login : NULL;
	char *cause = NULL;

	app->dirty |= DIRTY_OVERLAY;
	if (q->messaging) {
		if (!k.fn && k.ch == 27)
			q->messaging = false;
		else if ((k.fn && k.ch == KEY_ENTER) || (!k.fn && (k.ch == '\r' ||
		    k.ch == '\n'))) {
			if (who != NULL && agent_message(app->db, who,
			    app->opt->agent, q->edit.buf, &cause) != 0) {
				app_alert(app, ALERT_ERROR, 0, "%s", cause);
				free(cause);
			} else if (who != NULL)
				app_alert(app, ALERT_INFO, 0, _("Sent to %s."), who);
			q->messaging = false;
		} else
			edit_key(&q->edit, k);
		return true;
	}
	if (!k.fn && k.ch == 27)
		return false;
	if ((k.fn && k.ch == KEY_DOWN) || (!k.fn && k.ch == 'j'))
		q->sel = q->sel + 1 < q->nagents ? q->sel + 1 : q->sel;
	else if ((k.fn && k.ch == KEY_UP) || (!k.fn && k.ch == 'k'))
		q->sel = q->sel > 0 ? q->sel - 1 : 0;
	else if (!k.fn && k.ch == 'p' && who != NULL) {
		if (agent_set_state(app->db, who, "paused", "meeting",
		    app->opt->agent, &cause) != 0) {
			app_alert(app, ALERT_ERROR, 0, "%s", cause);
			free(cause);
		} else {
			app_alert(app, ALERT_INFO, 0, _("%s paused."), who);
			queue_reload(app);
		}
	} else if (!k.fn && k.ch == 'm' && who != NULL) {
		q->messaging = true;
		edit_set(&q->edit, "");
	}
	return true;
}

const struct overlay queue_overlay = {
	"queue", 0, queue_draw, queue_key, queue_free
};

void
queue_open(struct app *app)
{
	struct agent *me = NULL;
	struct queue *q;

	if (agent_get(app->db, app->opt->agent, &me, NULL) <= 0 ||
	    me->role != AGENT_ROLE_SUPERVISOR) {
		agent_free(me);
		/* Refusals are audited: who tried to look. */
		if (db_begin(app->db) == 0 && (audit_log(app->db,
		    app->opt->agent, "agents", 0, "refused", "queue pane") < 0 ||
		    db_commit(app->db) < 0))
			db_rollback(app->db);
		app_alert(app, ALERT_WARN, 0, "%s",
		    _("The queue pane is for supervisors only."));
		return;
	}
	agent_free(me);
	q = xcalloc(1, sizeof *q);
	edit_init(&q->edit, "", false);
	app_overlay(app, &queue_overlay, q);
	queue_reload(app);
}

/* ---- P: pause with a reason from the table (one key each). ---- */

static void
pause_draw(struct app *app, WINDOW *w)
{
	int cols = getmaxx(w), x = 2;

	werase(w);
	draw_box(w, _("Pause"), app->attr[TH_BORDER], app->attr[TH_TITLE_FOCUS]);
	for (int i = 0; agent_pause_reasons[i] != NULL; i++) {
		char *item = xasprintf("%d %s", i + 1,
		    word_reason(agent_pause_reasons[i]));
		draw_text(w, 1, x, cols - x - 2, item, app->attr[TH_NORMAL]);
		x += utf8_width(item) + 2;
		free(item);
	}
	draw_text(w, 2, 2, cols - 4, _("A key picks the reason; Esc cancels."),
	    app->attr[TH_DIM]);
	app->ov_cy = -1;
}

static bool
pause_key(struct app *app, struct key k)
{
	char *cause = NULL;
	int n = 0;

	while (agent_pause_reasons[n] != NULL)
		n++;
	if (!k.fn && k.ch == 27)
		return false;
	if (k.fn || k.ch < '1' || k.ch >= (wint_t)('1' + n))
		return true;
	if (agent_set_state(app->db, app->opt->agent, "paused",
	    agent_pause_reasons[k.ch - '1'], app->opt->agent, &cause) != 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
	}
	app_reload(app);
	return false;
}

static const struct overlay pause_overlay = {
	"pause", 4, pause_draw, pause_key, NULL
};

void
pause_open(struct app *app)
{
	app_overlay(app, &pause_overlay, NULL);
}
