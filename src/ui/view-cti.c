/*
 * view-cti.c — the softphone link in the console (--cti HOST:PORT or the
 * config's `cti = 127.0.0.1:4444`).
 *
 * A call ringing on the agent's baresip pops the caller's profile and a
 * persistent alert; F5 answers and F6 hangs up (or rejects) through the
 * link, from anywhere in the console. The call is recorded from the
 * softphone's events, never from our own commands: ringing is an offer
 * (with the SIP Call-ID in calls.cti_id), CALL_ESTABLISHED is the answer
 * by this agent (on_call; the contact the agent logs belongs to the call),
 * CALL_CLOSED ends it (wrap-up until the contact is logged), or abandons
 * it when it closed while still ringing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/call.h"
#include "kefu/config.h"
#include "kefu/cti.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

struct cti_view {
	struct cti	*link;
	bool		 up;
	char		*id;		/* Call-ID of the call on screen */
	char		*number;
	char		*who;		/* name or number, for the alerts */
	int64_t		 call;		/* its calls.id, or 0 */
	int64_t		 customer;	/* 0: not a customer */
	bool		 talking;
	char		*alert;		/* text of our alert, to replace it */
	char		 label[32];
};

/* Replace our alert with a new one (PERSISTENT: until dismissed or
 * replaced). */
static void __attribute__((format(printf, 4, 5)))
say(struct app *app, enum alert_level level, bool persistent,
    const char *fmt, ...)
{
	struct cti_view *v = app->cti;
	va_list ap;
	char *text;

	for (int i = 0; v->alert != NULL && i < app->nalerts; i++) {
		if (strcmp(app->alerts[i].text, v->alert) != 0)
			continue;
		free(app->alerts[i].text);
		memmove(&app->alerts[i], &app->alerts[i + 1],
		    (size_t)(app->nalerts - i - 1) * sizeof app->alerts[0]);
		app->nalerts--;
		break;
	}
	free(v->alert);
	v->alert = NULL;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = xstrdup("?");
	va_end(ap);
	app_alert(app, level, v->customer, "%s", text);
	if (persistent)
		app->alerts[app->nalerts - 1].expires = 0;
	v->alert = text;
	app->dirty |= DIRTY_ALERT;
}

static void
forget(struct cti_view *v)
{
	free(v->id);
	free(v->number);
	free(v->who);
	v->id = v->number = v->who = NULL;
	v->call = v->customer = 0;
	v->talking = false;
}

static void
db_error(struct app *app, char *cause)
{
	app_alert(app, ALERT_ERROR, 0, _("Softphone call: %s"),
	    cause != NULL ? cause : db_errmsg(app->db));
	free(cause);
}

/* The calls row of Call-ID ID, offered now if it has none yet (a call
 * that rang before this console connected). */
static int64_t
call_of(struct app *app, const char *id, const char *number)
{
	char *cause = NULL;
	int64_t call = 0;

	if (call_by_cti(app->db, id, &call, &cause) < 0 || (call == 0 &&
	    call_offer_cti(app->db, *number != '\0' ? number : "anonymous",
	    NULL, id, when_now(), app->opt->agent, &call, &cause) != 0)) {
		db_error(app, cause);
		return 0;
	}
	return call;
}

/* A call rings: record the offer, pop the caller's profile. */
static void
on_incoming(struct app *app, const struct cti_event *ev)
{
	struct cti_view *v = app->cti;
	int64_t call, *ids = NULL;
	char *cause = NULL;
	int n;

	if ((call = call_of(app, ev->id, ev->number)) == 0)
		return;
	if (v->id != NULL && strcmp(v->id, ev->id) != 0 && v->talking) {
		app_alert(app, ALERT_WARN, 0, _("Another call is ringing: %s"),
		    *ev->number != '\0' ? ev->number : "?");
		return;
	}
	forget(v);
	v->id = xstrdup(ev->id);
	v->number = xstrdup(ev->number);
	v->call = call;
	if (*ev->number != '\0' &&
	    (n = customer_find_phone(app->db, ev->number, &ids, &cause)) > 0)
		v->customer = ids[0];
	free(ids);
	free(cause);
	if (v->customer != 0) {
		app_open_customer(app, v->customer);
		v->who = xstrdup(app->cust != NULL && app->cust->id ==
		    v->customer ? app->cust->name : ev->number);
		say(app, ALERT_REMIND, true, _("Ringing: %s (%s) — %s answers, "
		    "%s hangs up"), v->who, ev->number,
		    keys_label(ACT_ANSWER_CALL), keys_label(ACT_HANGUP_CALL));
	} else {
		v->who = xstrdup(*ev->number != '\0' ? ev->number : "?");
		say(app, ALERT_REMIND, true, _("Ringing: %s%s%s%s, not a "
		    "customer — %s answers, %s hangs up, %s creates the "
		    "customer"), v->who, ev->name != NULL ? " (" : "",
		    ev->name != NULL ? ev->name : "", ev->name != NULL ? ")" :
		    "", keys_label(ACT_ANSWER_CALL), keys_label(ACT_HANGUP_CALL),
		    keys_label(ACT_NEW));
	}
	if (app->bell)
		beep();
}

/* The softphone answered: this agent is on the call. */
static void
on_established(struct app *app, const struct cti_event *ev)
{
	struct cti_view *v = app->cti;
	bool ours = v->id != NULL && strcmp(v->id, ev->id) == 0;
	int64_t call = ours ? v->call : call_of(app, ev->id, ev->number);
	char *cause = NULL;

	if (call == 0)
		return;
	if (call_answer(app->db, call, app->opt->agent, when_now(),
	    app->opt->agent, &cause) != 0)
		db_error(app, cause);
	app->call_id = call;
	if (!ours) {
		forget(v);
		v->id = xstrdup(ev->id);
		v->number = xstrdup(ev->number);
		v->who = xstrdup(*ev->number != '\0' ? ev->number : "?");
		v->call = call;
	}
	v->talking = true;
	say(app, ALERT_INFO, true, _("On call with %s — %s hangs up, %s logs "
	    "the contact"), v->who, keys_label(ACT_HANGUP_CALL),
	    keys_label(ACT_LOG));
	app_load_state(app);
}

/* The call is over: ended if it was answered, else abandoned (missed). */
static void
on_closed(struct app *app, const struct cti_event *ev)
{
	struct cti_view *v = app->cti;
	bool ours = v->id != NULL && strcmp(v->id, ev->id) == 0;
	int64_t call = ours ? v->call : 0;
	struct call *c = NULL;
	char *cause = NULL;
	bool answered;

	if (call == 0 && call_by_cti(app->db, ev->id, &call, &cause) <= 0) {
		free(cause);
		return;		/* a call we never recorded */
	}
	if (ev->known)
		answered = !ev->missed;
	else if (call_get(app->db, call, &c, NULL) > 0)
		answered = c->answered_at != 0 && c->ended_at == 0;
	else
		answered = false;
	call_free(c);
	if (answered) {
		if (call_end(app->db, call, when_now(), app->opt->agent,
		    &cause) != 0)
			db_error(app, cause);
		app->cti_ended = call;	/* logging it must not end it again */
	} else if (call_abandon(app->db, call, when_now(), app->opt->agent,
	    &cause) != 0)
		db_error(app, cause);
	if (ours) {
		if (answered)
			say(app, ALERT_INFO, false, _("Call with %s ended — %s "
			    "logs the contact"), v->who, keys_label(ACT_LOG));
		else
			say(app, ALERT_WARN, true, _("Missed call from %s: the "
			    "caller hung up while it rang"), v->who);
		forget(v);
	}
	app_load_state(app);
}

static void
on_event(void *arg, const struct cti_event *ev)
{
	struct app *app = arg;

	switch (ev->type) {
	case CTI_INCOMING:
		on_incoming(app, ev);
		break;
	case CTI_ESTABLISHED:
		on_established(app, ev);
		break;
	case CTI_CLOSED:
		on_closed(app, ev);
		break;
	case CTI_RESPONSE:
		if (!ev->ok)
			app_alert(app, ALERT_ERROR, 0, _("Softphone: %s"),
			    ev->data);
		break;
	}
}

static void
on_status(void *arg, bool up)
{
	struct app *app = arg;

	struct cti_view *v = app->cti;
	bool was = v->up;

	v->up = up;
	app->dirty |= DIRTY_TOP;
	if (up || !was)
		return;
	/* Events while the link is down are lost (baresip does not buffer
	 * them): close the call on screen now rather than leave it ringing
	 * or talking forever, blocking every later screen pop. */
	if (v->id != NULL) {
		char *id = xstrdup(v->id);
		struct cti_event ev;

		memset(&ev, 0, sizeof ev);
		ev.type = CTI_CLOSED;
		ev.id = id;
		ev.number = "";
		on_closed(app, &ev);
		free(id);
	}
	app_alert(app, ALERT_WARN, 0, "%s", _("Softphone link lost; "
	    "reconnecting."));
}

void
cti_view_start(struct app *app)
{
	const char *addr = app->opt->cti;
	struct cti_view *v;
	char *cause = NULL;

	if (addr == NULL || *addr == '\0')
		addr = config_get(app->config, "cti");
	if (addr == NULL || *addr == '\0')
		return;
	v = xcalloc(1, sizeof *v);
	app->cti = v;
	if (cti_start(&app->loop, addr, on_event, on_status, app, &v->link,
	    &cause) != 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
	}
}

void
cti_view_stop(struct app *app)
{
	struct cti_view *v = app->cti;

	if (v == NULL)
		return;
	cti_close(v->link);
	forget(v);
	free(v->alert);
	free(v);
	app->cti = NULL;
}

bool
cti_view_key(struct app *app, struct key k)
{
	struct cti_view *v = app->cti;
	enum action a;
	char *cause = NULL;
	int rc;

	if (v == NULL || (app->ov != NULL && !k.fn))
		return false;	/* typing in a form stays typing */
	a = keys_action(k);
	if (a == ACT_NEW && app->ov == NULL && v->id != NULL &&
	    v->customer == 0) {
		form_profile_open(app, 0, v->number);
		return true;
	}
	if (a != ACT_ANSWER_CALL && a != ACT_HANGUP_CALL)
		return false;
	if (v->id == NULL || (a == ACT_ANSWER_CALL && v->talking)) {
		app_alert(app, ALERT_INFO, 0, "%s", v->id == NULL ?
		    _("No call on the softphone.") : _("Already on the call."));
		return true;
	}
	if (v->link == NULL)
		rc = set_cause(&cause, "%s", _("no softphone link"));
	else if (a == ACT_ANSWER_CALL)
		rc = cti_answer(v->link, v->id, &cause);
	else
		rc = cti_hangup(v->link, v->id, &cause);
	if (rc != 0) {
		app_alert(app, ALERT_ERROR, 0, _("Softphone: %s"), cause);
		free(cause);
	}
	return true;
}

const char *
cti_view_status(struct app *app)
{
	struct cti_view *v = app->cti;

	if (v == NULL)
		return "";
	snprintf(v->label, sizeof v->label, " │ ☎ %s", v->up ? _("ok") :
	    _("down"));
	return v->label;
}
