/*
 * view-followups.c — my follow-ups by urgency (F), and the batch of what
 * fell due while the console was closed (shown once at start, newest
 * first). On the selected one: Enter/r opens the customer, d done,
 * s snooze (1 +10m, 2 +1h, 3 tomorrow 09:00, or type a time), a assign to a
 * colleague or the pool. Taking a pool follow-up is an atomic claim.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/config.h"
#include "kefu/followup.h"
#include "kefu/remind.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

#define HORIZON (7 * 86400)

enum fl_mode { FL_LIST, FL_SNOOZE, FL_ASSIGN };

struct fl {
	bool		 away;		/* the start-up batch */
	struct followup_item *items;
	int		 n, sel, top;
	enum fl_mode	 mode;
	struct edit	 edit;		/* snooze time or assignee */
};

static void
fl_free(void *p)
{
	struct fl *fl = p;

	followup_items_free(fl->items, fl->n);
	edit_free(&fl->edit);
	free(fl);
}

static void
weights(struct app *app, struct urgency_weights *w)
{
	urgency_defaults(w);
	const struct { const char *name; double *v; } t[] = {
		{ "urgency.due", &w->due }, { "urgency.vip", &w->vip },
		{ "urgency.key", &w->key }, { "urgency.at_risk", &w->at_risk },
		{ "urgency.value", &w->value },
		{ "urgency.complaint", &w->complaint },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		*t[i].v = (double)config_int(app->config, t[i].name, 0, 1000,
		    (long)*t[i].v);
}

/* Reload the list (not in away mode: that list is fixed, minus what was
 * acknowledged). */
static void
fl_load(struct app *app, struct fl *fl)
{
	struct urgency_weights w;
	char *cause = NULL;
	int n;

	if (fl->away) {
		/* Drop what is no longer open. */
		int k = 0;
		for (int i = 0; i < fl->n; i++) {
			struct followup *f;
			if (followup_get(app->db, fl->items[i].f->id, &f, NULL) > 0 &&
			    (strcmp(f->state, "pending") == 0 ||
			    strcmp(f->state, "fired") == 0)) {
				followup_free(fl->items[i].f);
				fl->items[i].f = f;
				fl->items[k++] = fl->items[i];
			} else {
				followup_free(f);
				followup_free(fl->items[i].f);
				free(fl->items[i].segment);
			}
		}
		fl->n = k;
	} else {
		weights(app, &w);
		followup_items_free(fl->items, fl->n);
		fl->items = NULL;
		fl->n = 0;
		n = followup_urgent(app->db, app->opt->agent, app->now, HORIZON,
		    &w, &fl->items, &cause);
		if (n < 0) {
			app_alert(app, ALERT_ERROR, 0, "%s", cause);
			free(cause);
			n = 0;
		}
		fl->n = n;
	}
	if (fl->sel >= fl->n)
		fl->sel = fl->n > 0 ? fl->n - 1 : 0;
}

static void
fl_draw(struct app *app, WINDOW *w)
{
	struct fl *fl = app->ovdata;
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 4, cx;
	char *title, when[32], rel[32], score[16];

	werase(w);
	title = fl->away ? xasprintf(_("Fell due while you were away (%d)"),
	    fl->n) : xasprintf(_("My follow-ups by urgency (%d)"), fl->n);
	draw_box(w, title, app->attr[TH_BORDER], app->attr[TH_TITLE_FOCUS]);
	free(title);
	if (fl->sel < fl->top)
		fl->top = fl->sel;
	if (fl->sel >= fl->top + list)
		fl->top = fl->sel - list + 1;
	for (int i = 0; i < list && fl->top + i < fl->n; i++) {
		const struct followup_item *it = &fl->items[fl->top + i];
		const struct followup *f = it->f;
		bool sel = fl->top + i == fl->sel;
		attr_t a = sel ? app->attr[TH_SELECTED] :
		    f->due_at < app->now ? app->attr[TH_ALERT_WARN] :
		    app->attr[TH_NORMAL];
		int x = 2;

		if (sel)
			draw_fill(w, 1 + i, 1, cols - 2, a);
		snprintf(score, sizeof score, "%5.1f", it->urgency);
		if (!fl->away) {
			draw_text(w, 1 + i, x, 6, score, a);
			x += 7;
		}
		app_date(app, f->due_at, when, sizeof when);
		draw_text(w, 1 + i, x, 16, when, a);
		x += 17;
		rel_time(f->due_at, app->now, rel, sizeof rel);
		draw_text(w, 1 + i, x, 11, rel, a);	/* "40 min ago" */
		x += 12;
		draw_text(w, 1 + i, x, 14, f->customer_name, a);
		x += 15;
		draw_text(w, 1 + i, x, 8, word_segment(it->segment),
		    sel ? a : seg_attr(app, it->segment));
		x += 9;
		draw_text(w, 1 + i, x, 10, strcmp(f->owner, app->opt->agent) == 0 ?
		    _("mine") : f->owner, a);
		x += 11;
		draw_text(w, 1 + i, x, cols - x - 2, f->reason, a);
	}
	if (fl->n == 0)
		draw_text(w, 2, 2, cols - 4, _("Nothing due in the next 7 days."),
		    app->attr[TH_DIM]);
	app->ov_cy = -1;
	switch (fl->mode) {
	case FL_SNOOZE:
		draw_text(w, rows - 3, 2, cols - 4, _("Snooze: 1 +10m  2 +1h  "
		    "3 tomorrow 09:00, or type a time and Enter"),
		    app->attr[TH_LABEL]);
		edit_draw_line(w, rows - 2, 2, cols - 4, &fl->edit,
		    app->attr[TH_FIELD_FOCUS], &cx);
		app->ov_cy = rows - 2;
		app->ov_cx = cx;
		break;
	case FL_ASSIGN:
		draw_text(w, rows - 3, 2, cols - 4, _("Assign to (a login, or "
		    "pool), Enter:"), app->attr[TH_LABEL]);
		edit_draw_line(w, rows - 2, 2, cols - 4, &fl->edit,
		    app->attr[TH_FIELD_FOCUS], &cx);
		app->ov_cy = rows - 2;
		app->ov_cx = cx;
		break;
	default:
		draw_text(w, rows - 2, 2, cols - 4, _("Enter open · d done · "
		    "s snooze · a assign · Esc close"), app->attr[TH_DIM]);
		break;
	}
}

/* After an acknowledgement: tell the engine, reload everything. */
static void
acknowledged(struct app *app, struct fl *fl, int64_t id, const char *msg)
{
	remind_acknowledged(app->remind, id);
	app_alert(app, ALERT_INFO, 0, "%s", msg);
	fl->mode = FL_LIST;
	fl_load(app, fl);
	app_reload(app);
}

static void
fl_snooze(struct app *app, struct fl *fl, const char *when)
{
	const struct followup *f = fl->items[fl->sel].f;
	char *cause = NULL;
	int64_t until;

	if (when_parse(when, when_now(), &until, &cause) != 0 ||
	    followup_snooze(app->db, f->id, until, app->opt->agent,
	    &cause) != 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
		return;
	}
	acknowledged(app, fl, f->id, _("Snoozed."));
}

static bool
fl_key(struct app *app, struct key k)
{
	struct fl *fl = app->ovdata;
	bool enter = (k.fn && k.ch == KEY_ENTER) || (!k.fn && (k.ch == '\r' ||
	    k.ch == '\n'));
	char *cause = NULL;
	int64_t id, next;

	app->dirty |= DIRTY_OVERLAY;
	if (fl->mode != FL_LIST) {
		if (!k.fn && k.ch == 27) {
			fl->mode = FL_LIST;
			return true;
		}
		if (fl->mode == FL_SNOOZE && fl->edit.len == 0 && !k.fn &&
		    k.ch >= '1' && k.ch <= '3') {
			static const char *const quick[] = { "+10m", "+1h",
			    "tomorrow 09:00" };
			fl_snooze(app, fl, quick[k.ch - '1']);
			return true;
		}
		if (!enter) {
			edit_key(&fl->edit, k);
			return true;
		}
		if (fl->n == 0) {
			fl->mode = FL_LIST;
			return true;
		}
		if (fl->mode == FL_SNOOZE)
			fl_snooze(app, fl, fl->edit.buf);
		else {
			id = fl->items[fl->sel].f->id;
			if (followup_assign(app->db, id, fl->edit.buf,
			    app->opt->agent, &cause) != 0) {
				app_alert(app, ALERT_ERROR, 0, "%s", cause);
				free(cause);
			} else
				acknowledged(app, fl, id, _("Assigned."));
		}
		return true;
	}
	if (!k.fn && k.ch == 27)
		return false;
	if (k.fn && (k.ch == KEY_DOWN || k.ch == KEY_UP)) {
		fl->sel += k.ch == KEY_DOWN ? 1 : -1;
	} else if (!k.fn && (k.ch == 'j' || k.ch == 'k')) {
		fl->sel += k.ch == 'j' ? 1 : -1;
	} else if (fl->n == 0) {
		return true;
	} else if (enter || (!k.fn && k.ch == 'r')) {
		id = fl->items[fl->sel].f->customer_id;
		app_overlay_close(app);
		app_open_customer(app, id);
		return true;
	} else if (!k.fn && k.ch == 'd') {
		id = fl->items[fl->sel].f->id;
		if (followup_done(app->db, id, app->opt->agent, &next,
		    &cause) != 0) {
			app_alert(app, ALERT_ERROR, 0, "%s", cause);
			free(cause);
		} else
			acknowledged(app, fl, id, next ? _("Done; the next one "
			    "is scheduled.") : _("Done."));
	} else if (!k.fn && (k.ch == 's' || k.ch == 'a')) {
		fl->mode = k.ch == 's' ? FL_SNOOZE : FL_ASSIGN;
		edit_set(&fl->edit, "");
	}
	if (fl->sel >= fl->n)
		fl->sel = fl->n > 0 ? fl->n - 1 : 0;
	if (fl->sel < 0)
		fl->sel = 0;
	return true;
}

static const struct overlay followups_overlay = {
	"followups", 0, fl_draw, fl_key, fl_free
};

void
followups_open(struct app *app)
{
	struct fl *fl = xcalloc(1, sizeof *fl);

	edit_init(&fl->edit, "", false);
	fl_load(app, fl);
	app_overlay(app, &followups_overlay, fl);
}

void
followups_away(struct app *app, const struct reminder *v, int n)
{
	struct fl *fl = xcalloc(1, sizeof *fl);

	edit_init(&fl->edit, "", false);
	fl->away = true;
	for (int i = 0; i < n; i++) {
		struct followup *f;
		if (followup_get(app->db, v[i].followup_id, &f, NULL) <= 0)
			continue;
		fl->items = xreallocarray(fl->items, fl->n + 1,
		    sizeof *fl->items);
		memset(&fl->items[fl->n], 0, sizeof fl->items[0]);
		fl->items[fl->n].f = f;
		fl->items[fl->n].segment = xstrdup(v[i].segment);
		fl->n++;
	}
	app_overlay(app, &followups_overlay, fl);
}
