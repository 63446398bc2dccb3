/*
 * view-alerts.c — the alert bar and what feeds it: reminders from the
 * engine (with the bell and a desktop notification where the terminal has
 * one), messages from a supervisor, errors and confirmations. Messages
 * expire; reminders stay until dismissed or acted on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/agent.h"
#include "kefu/config.h"
#include "kefu/remind.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

void
app_alert(struct app *app, enum alert_level level, int64_t customer,
    const char *fmt, ...)
{
	struct alert *a;
	va_list ap;

	if (app->nalerts == ALERTS_MAX) {
		free(app->alerts[0].text);
		memmove(&app->alerts[0], &app->alerts[1],
		    (ALERTS_MAX - 1) * sizeof app->alerts[0]);
		app->nalerts--;
	}
	a = &app->alerts[app->nalerts++];
	va_start(ap, fmt);
	if (vasprintf(&a->text, fmt, ap) < 0)
		a->text = xstrdup("?");
	va_end(ap);
	a->level = level;
	a->customer = customer;
	a->expires = level == ALERT_REMIND ? 0 : when_now() +
	    (level == ALERT_ERROR ? 10 : 5);
	app->dirty |= DIRTY_ALERT;
}

/* This agent's state (changed here, by a call, or by a supervisor). */
void
app_load_state(struct app *app)
{
	struct agent *me = NULL;
	struct agent_msg *m;
	int n;

	if (agent_get(app->db, app->opt->agent, &me, NULL) > 0) {
		free(app->state);
		app->state = xstrdup(me->state);
		app->state_since = me->state_since;
		app->dirty |= DIRTY_TOP;
	}
	agent_free(me);
	/* Messages from a supervisor land in the alert bar. */
	if ((n = agent_messages_take(app->db, app->opt->agent, &m, NULL)) > 0) {
		for (int i = 0; i < n; i++)
			app_alert(app, ALERT_WARN, 0, _("Message from %s: %s"),
			    m[i].from, m[i].text);
		if (app->bell)
			beep();
		agent_msgs_free(m, n);
	}
}

void
draw_bar(struct app *app)
{
	WINDOW *w = app->bar;
	int cols = getmaxx(w);
	static const enum theme_elem level_elem[] = { TH_ALERT_INFO,
	    TH_ALERT_WARN, TH_ALERT_ERROR, TH_ALERT_REMIND };

	werase(w);
	if (app->nalerts > 0) {
		struct alert *a = &app->alerts[app->nalerts - 1];
		attr_t at = app->attr[level_elem[a->level]];
		char *more = NULL;
		int mw = 0;

		draw_fill(w, 0, 0, cols, at);
		/* Several at once (reminders falling due together): say how
		 * many more wait behind this one; x shows the next. */
		if (app->nalerts > 1) {
			more = xasprintf(_(" (+%d · x next)"), app->nalerts - 1);
			mw = utf8_width(more);
			draw_text(w, 0, cols - 1 - mw, mw, more, at | A_BOLD);
			free(more);
		}
		draw_text(w, 0, 1, cols - 3 - mw, a->text, at);
	} else {
		char *hint = xasprintf(_("%s search  %s pop  %s log  %s follow-up"
		    "  %s edit  %s help  %s quit"), keys_label(ACT_SEARCH),
		    keys_label(ACT_POP), keys_label(ACT_LOG),
		    keys_label(ACT_FOLLOWUP), keys_label(ACT_EDIT),
		    keys_label(ACT_HELP), keys_label(ACT_QUIT));
		draw_text(w, 0, 1, cols - 2, hint, app->attr[TH_DIM]);
		free(hint);
	}
	wnoutrefresh(w);
}

/* A desktop notification where the terminal understands one (OSC 9:
 * iTerm2, WezTerm, Windows Terminal; OSC 777: VTE, urxvt, foot). The text
 * is sanitised: no control character reaches the terminal. */
static void
notify(struct app *app, const char *text)
{
	char *safe = utf8_sanitise(text, false);

	for (char *p = safe; *p != '\0'; p++)
		if (*p == ';' || *p == '^')
			*p = ' ';
	if (app->notify == 9)
		printf("\033]9;%s\007", safe);
	else if (app->notify == 777)
		printf("\033]777;notify;kefu;%s\007", safe);
	fflush(stdout);
	free(safe);
}

int
notify_kind(const struct config *cfg)
{
	const char *v = config_get(cfg, "notify"), *tp = getenv("TERM_PROGRAM");
	const char *term = getenv("TERM");

	if (v != NULL && strcmp(v, "osc9") == 0)
		return 9;
	if (v != NULL && strcmp(v, "osc777") == 0)
		return 777;
	if (v != NULL && strcmp(v, "auto") != 0)
		return 0;
	if (getenv("TMUX") != NULL)
		return 0;	/* tmux would swallow or mangle it */
	if (tp != NULL && (strcmp(tp, "iTerm.app") == 0 ||
	    strcmp(tp, "WezTerm") == 0))
		return 9;
	if (getenv("WT_SESSION") != NULL)
		return 9;
	if (getenv("VTE_VERSION") != NULL || (term != NULL &&
	    (strncmp(term, "rxvt", 4) == 0 || strncmp(term, "foot", 4) == 0)))
		return 777;
	return 0;
}

/* The engine hands us reminders: the start-up batch of what fell due
 * while away opens as one list; the others are alerts with a bell. */
void
on_reminders(void *arg, const struct reminder *v, int n, bool startup)
{
	struct app *app = arg;
	char due[32], *text;
	int away = 0;

	for (int i = 0; i < n; i++)
		away += startup && v[i].before_secs == 0 &&
		    v[i].due_at < app->now - 60;
	if (away > 0) {
		followups_away(app, v, n);
		app_alert(app, ALERT_REMIND, v[0].customer_id,
		    _("%d follow-ups fell due while you were away"), away);
		if (app->bell)
			beep();
		return;
	}
	for (int i = n - 1; i >= 0; i--) {
		app_date(app, v[i].due_at, due, sizeof due);
		if (v[i].before_secs > 0) {
			char rel[32];
			rel_time(v[i].due_at, app->now, rel, sizeof rel);
			text = xasprintf(_("Follow-up %s: %s — %s (due %s)"), rel,
			    v[i].customer_name, v[i].reason, due);
		} else if (v[i].nag)
			text = xasprintf(_("Still waiting: %s — %s (due %s) — "
			    "F to act"), v[i].customer_name, v[i].reason, due);
		else
			text = xasprintf(_("Due now: %s — %s (due %s) — r opens, "
			    "F acts"), v[i].customer_name, v[i].reason, due);
		app_alert(app, ALERT_REMIND, v[i].customer_id, "%s", text);
		notify(app, text);
		free(text);
	}
	if (app->bell && n > 0)
		beep();
	app_load_due(app);
}

