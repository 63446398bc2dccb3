/*
 * form.c — forms: log a contact, schedule a follow-up, edit a profile.
 *
 * One engine, three tables of fields. Tab/Shift-Tab move between fields,
 * Ctrl-S or F10 saves, Esc closes and keeps a draft. Choice fields change
 * with one key (the hotkey of a value, or a digit), Left/Right or Space.
 *
 * Nothing typed is lost: every change marks the draft stale and the 1 s
 * tick writes it to disk (draft.h); Esc, quit and signals write it at once;
 * a save that fails (database locked, disk full) keeps the form open with
 * its text and says why. A successful save removes the draft.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/call.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/draft.h"
#include "kefu/followup.h"
#include "kefu/playbook.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

enum field_kind { F_LINE, F_AREA, F_CHOICE };

struct choice {
	const char	*value;		/* stored; NULL for "none" */
	wint_t		 hotkey;
	const char	*label;		/* N_() */
};

struct field_def {
	const char	*name;		/* draft key */
	const char	*label;		/* N_() */
	enum field_kind	 kind;
	const struct choice *choices;	/* F_CHOICE, ended by a NULL label */
};

struct field {
	const struct field_def *def;
	struct edit	 edit;
	int		 choice;
};

enum form_kind { FORM_LOG, FORM_FOLLOWUP, FORM_PROFILE };

#define FIELDS_MAX 12

struct form {
	enum form_kind	 kind;
	int64_t		 customer;	/* 0: a new customer */
	char		*title;
	char		*draft_key;
	struct field	 f[FIELDS_MAX];
	int		 nf, focus;
	bool		 dirty, draft_stale;
	char		*error;
	int64_t		 retry_at;	/* the database was busy: try again */
};

/* Seconds between tries when the database stays locked past its busy
 * timeout (another process holding a long write). */
#define RETRY_SECS 3

static const struct choice dispositions[] = {
	{ "resolved", 'r', N_("resolved") }, { "callback", 'c', N_("callback") },
	{ "escalated", 'e', N_("escalated") }, { "complaint", 'p', N_("complaint") },
	{ "sale", 's', N_("sale") }, { "info", 'i', N_("info") },
	{ "no_answer", 'n', N_("no answer") },
	{ "wrong_number", 'w', N_("wrong number") },
	{ "unresolved", 'u', N_("unresolved") }, { NULL, 0, NULL }
};

static const struct choice outcomes[] = {
	{ NULL, '0', N_("not asked") }, { "delighted", '1', N_("delighted 惊喜") },
	{ "satisfied", '2', N_("satisfied 满意") },
	{ "disappointed", '3', N_("disappointed 失望") }, { NULL, 0, NULL }
};

static const struct choice segments[] = {
	{ "normal", 'n', N_("normal") }, { "vip", 'v', N_("VIP") },
	{ "key", 'k', N_("key") }, { "at_risk", 'a', N_("at risk") },
	{ "new", 'w', N_("new") }, { NULL, 0, NULL }
};

/* Notes first: agents type while they talk. */
static const struct field_def log_fields[] = {
	{ "notes", N_("Notes"), F_AREA, NULL },
	{ "reason", N_("Reason"), F_LINE, NULL },
	{ "disposition", N_("Outcome"), F_CHOICE, dispositions },
	{ "outcome", N_("Expectation"), F_CHOICE, outcomes },
	{ "followup", N_("Follow-up"), F_LINE, NULL },
	{ NULL, NULL, 0, NULL }
};

static const struct field_def followup_fields[] = {
	{ "due", N_("Due"), F_LINE, NULL },
	{ "reason", N_("Reason"), F_LINE, NULL },
	{ "owner", N_("Owner"), F_LINE, NULL },
	{ "every", N_("Every (days)"), F_LINE, NULL },
	{ "warn", N_("Warn before"), F_LINE, NULL },
	{ NULL, NULL, 0, NULL }
};

static const struct field_def profile_fields[] = {
	{ "name", N_("Name"), F_LINE, NULL },
	{ "phones", N_("Phones"), F_LINE, NULL },
	{ "segment", N_("Segment"), F_CHOICE, segments },
	{ "household", N_("Household"), F_LINE, NULL },
	{ "habits", N_("Habits"), F_LINE, NULL },
	{ "preferences", N_("Prefers"), F_LINE, NULL },
	{ "cycle", N_("Cycle (days)"), F_LINE, NULL },
	{ "notes", N_("Notes"), F_AREA, NULL },
	{ NULL, NULL, 0, NULL }
};

static struct field *
field(struct form *f, const char *name)
{
	for (int i = 0; i < f->nf; i++)
		if (strcmp(f->f[i].def->name, name) == 0)
			return &f->f[i];
	return NULL;
}

static const char *
text(struct form *f, const char *name)
{
	struct field *x = field(f, name);

	return x != NULL ? x->edit.buf : "";
}

static const char *
choice_value(struct form *f, const char *name)
{
	struct field *x = field(f, name);

	return x != NULL ? x->def->choices[x->choice].value : NULL;
}

static void
set_text(struct form *f, const char *name, const char *value)
{
	struct field *x = field(f, name);

	if (x != NULL && value != NULL)
		edit_set(&x->edit, value);
}

static void
set_choice(struct form *f, const char *name, const char *value)
{
	struct field *x = field(f, name);

	if (x == NULL)
		return;
	for (int i = 0; x->def->choices[i].label != NULL; i++) {
		const char *v = x->def->choices[i].value;
		if ((v == NULL && value == NULL) || (v != NULL && value != NULL &&
		    strcmp(v, value) == 0))
			x->choice = i;
	}
}

static json_t *
form_json(struct form *f)
{
	json_t *j = json_object();

	for (int i = 0; i < f->nf; i++) {
		const struct field *x = &f->f[i];
		const char *v = x->def->kind == F_CHOICE ?
		    x->def->choices[x->choice].value : x->edit.buf;
		json_object_set_new(j, x->def->name, v != NULL ?
		    json_string(v) : json_null());
	}
	return j;
}

/* Write the draft now; an error is shown but the text stays in memory. */
static void
draft_write(struct app *app, struct form *f)
{
	json_t *j;
	char *cause = NULL;

	if (!f->dirty)
		return;
	j = form_json(f);
	if (draft_save(app->opt->agent, f->draft_key, j, &cause) != 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
	}
	json_decref(j);
	f->draft_stale = false;
}

static void
draft_restore(struct app *app, struct form *f)
{
	json_t *j = draft_load(app->opt->agent, f->draft_key), *v;
	const char *key;

	if (j == NULL)
		return;
	json_object_foreach(j, key, v) {
		struct field *x = field(f, key);
		if (x == NULL)
			continue;
		if (x->def->kind == F_CHOICE)
			set_choice(f, key, json_is_string(v) ?
			    json_string_value(v) : NULL);
		else if (json_is_string(v))
			edit_set(&x->edit, json_string_value(v));
	}
	json_decref(j);
	f->dirty = true;
	app_alert(app, ALERT_INFO, 0, "%s", _("Draft restored."));
}

static void
form_free(void *p)
{
	struct form *f = p;

	for (int i = 0; i < f->nf; i++)
		edit_free(&f->f[i].edit);
	free(f->title);
	free(f->draft_key);
	free(f->error);
	free(f);
}

static void
form_draw(struct app *app, WINDOW *w)
{
	struct form *f = app->ovdata;
	int rows = getmaxy(w), cols = getmaxx(w), lw = 14, y = 1, area;
	int fixed = 0, cy = -1, cx = -1;

	werase(w);
	draw_box(w, f->title, app->attr[TH_BORDER], app->attr[TH_TITLE_FOCUS]);
	for (int i = 0; i < f->nf; i++)
		fixed += f->f[i].def->kind == F_AREA ? 0 : 1;
	area = rows - 4 - fixed;
	if (area > 10)
		area = 10;	/* keep every field in view */
	if (area < 1)
		area = 1;
	for (int i = 0; i < f->nf && y < rows - 2; i++) {
		struct field *x = &f->f[i];
		bool focus = i == f->focus;
		attr_t a = app->attr[focus ? TH_FIELD_FOCUS : TH_FIELD];
		int fx = 2 + lw + 1, fw = cols - fx - 2;

		draw_text(w, y, 2, lw, _(x->def->label),
		    app->attr[focus ? TH_TITLE_FOCUS : TH_LABEL]);
		switch (x->def->kind) {
		case F_LINE:
			edit_draw_line(w, y, fx, fw, &x->edit, a, &cx);
			if (focus)
				cy = y;
			y++;
			break;
		case F_AREA:
			if (area > rows - 2 - y)
				area = rows - 2 - y;
			int ay, ax;
			edit_draw_area(w, y, fx, area, fw, &x->edit, a, &ay, &ax);
			if (focus) {
				cy = ay;
				cx = ax;
			}
			y += area;
			break;
		case F_CHOICE: {
			int cxp = fx, first = 0, total = 0, n = 0;
			int widths[16];

			/* Start late enough that the chosen one is in view. */
			for (; x->def->choices[n].label != NULL && n < 16; n++) {
				const struct choice *ch = &x->def->choices[n];
				widths[n] = utf8_width(_(ch->label)) + 3;
			}
			for (int c = first; c <= x->choice; c++)
				total += widths[c];
			while (total > fw && first < x->choice)
				total -= widths[first++];
			draw_fill(w, y, fx, fw, app->attr[TH_NORMAL]);
			for (int c = first; c < n; c++) {
				const struct choice *ch = &x->def->choices[c];
				char *lab = xasprintf("%c:%s", (char)ch->hotkey,
				    _(ch->label));
				if (cxp + 2 >= fx + fw) {
					free(lab);
					break;
				}
				draw_text(w, y, cxp, fx + fw - cxp, lab,
				    c == x->choice ? app->attr[TH_SELECTED] :
				    app->attr[focus ? TH_NORMAL : TH_DIM]);
				cxp += widths[c];
				free(lab);
			}
			y++;
			break;
		}
		}
	}
	if (f->error != NULL)
		draw_text(w, rows - 2, 2, cols - 4, f->error,
		    app->attr[TH_ALERT_ERROR]);
	else
		draw_text(w, rows - 2, 2, cols - 4, _("Tab next field · "
		    "Ctrl-S/F10 save · Esc close (keeps a draft)"),
		    app->attr[TH_DIM]);
	app->ov_cy = cy;
	app->ov_cx = cx;
}

/* ---- Saving. Each returns 0, or -1 with *cause (the form stays open). */

static bool
kind_is_log(const struct form *f)
{
	return f->kind == FORM_LOG;
}

static int
save_log(struct app *app, struct form *f, char **cause)
{
	struct contact *k = contact_new();
	const char *due = text(f, "followup"), *o = choice_value(f, "outcome");
	int64_t at = 0, fid;
	int rc;

	/* Resolved means the customer said so: the Confirm step. */
	if (app->run != NULL && !playbook_run_confirmed(app->run) &&
	    strcmp(choice_value(f, "disposition"), "resolved") == 0) {
		contact_free(k);
		return set_cause(cause, _("'resolved' needs the Confirm step: "
		    "ask the customer (Script pane) or pick another outcome."));
	}
	if (*due != '\0' && when_parse(due, when_now(), &at, cause) != 0) {
		contact_free(k);
		return -1;
	}
	if (app->run != NULL) {
		k->playbook_id = playbook_run_id(app->run);
		k->playbook_run = playbook_run_json(app->run, when_now());
	}
	k->customer_id = f->customer;
	k->call_id = app->call_id;
	k->agent = xstrdup(app->opt->agent);
	free(k->disposition);
	k->disposition = xstrdup(choice_value(f, "disposition"));
	k->outcome = o != NULL ? xstrdup(o) : NULL;
	k->notes = xstrdup(text(f, "notes"));
	k->reason = xstrdup(text(f, "reason"));
	/* The contact and its follow-up land together or not at all. */
	if ((rc = db_begin(app->db)) < 0) {
		contact_free(k);
		return db_cause(app->db, rc, _("saving"), cause);
	}
	rc = contact_log(app->db, k, cause);
	if (rc == 0 && at != 0)
		rc = followup_add(app->db, f->customer, app->opt->agent, at,
		    *k->reason ? k->reason : _("follow-up"), 0,
		    app->opt->agent, 0, &fid, cause);
	contact_free(k);
	if (rc < 0) {
		db_rollback(app->db);
		return rc;	/* DB_EBUSY here means: retry */
	}
	if ((rc = db_commit(app->db)) < 0)
		return db_fail(app->db, rc, _("saving"), cause);
	return 0;
}

static int
save_followup(struct app *app, struct form *f, char **cause)
{
	const char *owner = text(f, "owner"), *every = text(f, "every");
	char *warns = xstrdup(text(f, "warn")), *save = NULL, *tok, *end;
	int64_t at, id, before[8];
	int nwarn = 0, rc;
	long days = 0;

	if (when_parse(text(f, "due"), when_now(), &at, cause) != 0)
		goto bad;
	if (*every != '\0') {
		days = strtol(every, &end, 10);
		if (*end != '\0' || days < 1 || days > 3650) {
			set_cause(cause, _("Every: a number of days, 1-3650"));
			goto bad;
		}
	}
	/* "1d, 15m": warnings before the due time. */
	for (tok = strtok_r(warns, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		char *rel = xasprintf("+%s", tok + (*tok == '+'));
		rc = when_parse(rel, 0, &before[nwarn < 8 ? nwarn : 7], NULL);
		free(rel);
		if (rc != 0 || nwarn >= 8 || before[nwarn] <= 0) {
			set_cause(cause, _("Warn before: durations like 15m, 2h, "
			    "1d (at most 8)"));
			goto bad;
		}
		nwarn++;
	}
	free(warns);
	if ((rc = db_begin(app->db)) < 0)
		return db_cause(app->db, rc, _("saving"), cause);
	rc = followup_add(app->db, f->customer, *owner ? owner :
	    app->opt->agent, at, text(f, "reason"), (int)days,
	    app->opt->agent, 0, &id, cause);
	for (int i = 0; rc == 0 && i < nwarn; i++)
		rc = followup_warn(app->db, id, before[i], cause);
	if (rc < 0) {
		db_rollback(app->db);
		return rc;
	}
	if ((rc = db_commit(app->db)) < 0)
		return db_fail(app->db, rc, _("saving"), cause);
	return 0;
bad:
	free(warns);
	return -1;
}

static int
save_profile(struct app *app, struct form *f, char **cause, int64_t *id)
{
	struct customer *c = NULL;
	const char *cycle = text(f, "cycle");
	char *phones, *save = NULL, *tok, *end;
	int rc;

	if (f->customer != 0) {
		if ((rc = customer_get(app->db, f->customer, &c, cause)) <= 0)
			return rc < 0 ? rc : set_cause(cause, "gone");
		for (int i = 0; i < c->nphones; i++) {
			free(c->phones[i].e164);
			free(c->phones[i].raw);
		}
		c->nphones = 0;
	} else
		c = customer_new();
	const struct { const char *name; char **dst; } t[] = {
		{ "name", &c->name }, { "household", &c->household },
		{ "habits", &c->habits }, { "preferences", &c->preferences },
		{ "notes", &c->notes },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		free(*t[i].dst);
		*t[i].dst = xstrdup(text(f, t[i].name));
	}
	free(c->segment);
	c->segment = xstrdup(choice_value(f, "segment"));
	c->cycle_days = (int)strtol(cycle, &end, 10);
	if (*end != '\0' || c->cycle_days < 0) {
		customer_free(c);
		return set_cause(cause, _("Cycle: a number of days"));
	}
	phones = xstrdup(text(f, "phones"));
	rc = 0;
	for (tok = strtok_r(phones, ",;", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",;", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok != '\0')
			rc = customer_add_phone(c, tok, cause);
	}
	free(phones);
	if (rc == 0)
		rc = f->customer != 0 ? customer_update(app->db, c,
		    app->opt->agent, cause) : customer_insert(app->db, c,
		    app->opt->agent, cause);
	*id = c->id;
	customer_free(c);
	return rc;
}

static void
form_save(struct app *app, struct form *f)
{
	char *cause = NULL;
	int64_t id = f->customer;
	enum form_kind kind;
	int rc;

	switch (f->kind) {
	case FORM_LOG:
		rc = save_log(app, f, &cause);
		break;
	case FORM_FOLLOWUP:
		rc = save_followup(app, f, &cause);
		break;
	default:
		rc = save_profile(app, f, &cause, &id);
		break;
	}
	if (rc < 0) {
		free(f->error);
		if (rc == DB_EBUSY) {
			/* Keep the text, keep trying, and say so. */
			f->retry_at = when_now() + RETRY_SECS;
			f->error = xstrdup(_("Not saved yet: the database is "
			    "busy. Retrying; your text is kept as a draft."));
		} else {
			f->retry_at = 0;
			f->error = xasprintf(_("Not saved: %s"), cause != NULL ?
			    cause : "?");
		}
		free(cause);
		f->dirty = true;
		draft_write(app, f);	/* the text survives a crash too */
		app->dirty |= DIRTY_OVERLAY;
		return;
	}
	if (kind_is_log(f) && app->call_id != 0) {
		/* The call this contact was about is over, wrap-up too. */
		char *why = NULL;
		int64_t now = when_now();
		if (app->cti_ended == app->call_id || call_end(app->db,
		    app->call_id, now, app->opt->agent, &why) == 0)
			call_wrapup_done(app->db, app->opt->agent, now, NULL);
		free(why);
		app->call_id = 0;
	}
	draft_remove(app->opt->agent, f->draft_key);
	f->dirty = false;
	app_alert(app, ALERT_INFO, 0, "%s", f->kind == FORM_LOG ?
	    _("Contact saved.") : f->kind == FORM_FOLLOWUP ?
	    _("Follow-up scheduled.") : _("Profile saved."));
	kind = f->kind;
	app_overlay_close(app);		/* frees F */
	if (kind == FORM_PROFILE)
		app_open_customer(app, id);
	else
		app_reload(app);
	if (kind == FORM_LOG)
		script_restart(app);	/* the next contact runs afresh */
}

static bool
choice_key(struct field *x, struct key k)
{
	int n = 0;

	while (x->def->choices[n].label != NULL)
		n++;
	if (k.fn && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		x->choice = (x->choice + (k.ch == KEY_LEFT ? n - 1 : 1)) % n;
		return true;
	}
	if (!k.fn && k.ch == ' ') {
		x->choice = (x->choice + 1) % n;
		return true;
	}
	for (int i = 0; i < n && !k.fn; i++) {
		if (x->def->choices[i].hotkey == k.ch) {
			x->choice = i;
			return true;
		}
	}
	return false;
}

static bool
form_key(struct app *app, struct key k)
{
	struct form *f = app->ovdata;
	struct field *x = &f->f[f->focus];
	bool changed = false;

	app->dirty |= DIRTY_OVERLAY;
	if (!k.fn && k.ch == 27) {
		draft_write(app, f);
		if (f->dirty)
			app_alert(app, ALERT_INFO, 0, "%s",
			    _("Draft kept: it reopens with the form."));
		return false;
	}
	if ((!k.fn && k.ch == 19) || (k.fn && k.ch == KEY_F(10))) {
		form_save(app, f);	/* may close the overlay */
		return true;
	}
	if (!k.fn && k.ch == '\t') {
		f->focus = (f->focus + 1) % f->nf;
		return true;
	}
	if (k.fn && k.ch == KEY_BTAB) {
		f->focus = (f->focus + f->nf - 1) % f->nf;
		return true;
	}
	if (x->def->kind == F_CHOICE)
		changed = choice_key(x, k);
	else if (x->def->kind == F_LINE && ((k.fn && (k.ch == KEY_ENTER ||
	    k.ch == KEY_DOWN)) || (!k.fn && (k.ch == '\r' || k.ch == '\n')))) {
		f->focus = (f->focus + 1) % f->nf;
		return true;
	} else if (x->def->kind == F_LINE && k.fn && k.ch == KEY_UP) {
		f->focus = (f->focus + f->nf - 1) % f->nf;
		return true;
	} else
		changed = edit_key(&x->edit, k);
	if (changed) {
		f->dirty = true;
		f->draft_stale = true;
	}
	return true;
}

static const struct overlay form_overlay = {
	"form", 0, form_draw, form_key, form_free
};

static struct form *
form_new(struct app *app, enum form_kind kind, const struct field_def *defs,
    int64_t customer, const char *key_prefix)
{
	struct form *f = xcalloc(1, sizeof *f);

	f->kind = kind;
	f->customer = customer;
	f->draft_key = customer != 0 ? xasprintf("%s-%lld", key_prefix,
	    (long long)customer) : xasprintf("%s-new", key_prefix);
	for (; defs->name != NULL && f->nf < FIELDS_MAX; defs++) {
		f->f[f->nf].def = defs;
		edit_init(&f->f[f->nf].edit, "", defs->kind == F_AREA);
		f->nf++;
	}
	(void)app;
	return f;
}

void
form_log_open(struct app *app)
{
	struct form *f;

	if (app->cust == NULL) {
		app_alert(app, ALERT_WARN, 0, "%s",
		    _("Open a customer first (/ or p)."));
		return;
	}
	f = form_new(app, FORM_LOG, log_fields, app->cust->id, "contact");
	f->title = xasprintf(_("Log contact: %s"), app->cust->name);
	set_choice(f, "disposition", "resolved");
	if (app->run != NULL && playbook_run_disposition(app->run) != NULL)
		set_choice(f, "disposition", playbook_run_disposition(app->run));
	draft_restore(app, f);
	/* The Confirm answer is the expectation, whatever the draft said. */
	if (app->run != NULL && playbook_run_outcome(app->run) != NULL)
		set_choice(f, "outcome", playbook_run_outcome(app->run));
	app_overlay(app, &form_overlay, f);
}

void
form_followup_open(struct app *app)
{
	struct form *f;

	if (app->cust == NULL) {
		app_alert(app, ALERT_WARN, 0, "%s",
		    _("Open a customer first (/ or p)."));
		return;
	}
	f = form_new(app, FORM_FOLLOWUP, followup_fields, app->cust->id,
	    "followup");
	f->title = xasprintf(_("Follow-up: %s"), app->cust->name);
	set_text(f, "owner", app->opt->agent);
	set_text(f, "due", "+1d");
	draft_restore(app, f);
	app_overlay(app, &form_overlay, f);
}

void
form_profile_open(struct app *app, int64_t id, const char *phone)
{
	struct form *f = form_new(app, FORM_PROFILE, profile_fields, id,
	    "profile");
	struct customer *c = NULL;
	char *cause = NULL, *phones = NULL, *tmp, cyc[16];

	if (id != 0 && customer_get(app->db, id, &c, &cause) > 0) {
		f->title = xasprintf(_("Edit profile: %s"), c->name);
		set_text(f, "name", c->name);
		for (int i = 0; i < c->nphones; i++) {
			tmp = xasprintf("%s%s%s", phones ? phones : "",
			    phones ? ", " : "", c->phones[i].raw);
			free(phones);
			phones = tmp;
		}
		set_text(f, "phones", phones);
		set_choice(f, "segment", c->segment);
		set_text(f, "household", c->household);
		set_text(f, "habits", c->habits);
		set_text(f, "preferences", c->preferences);
		set_text(f, "notes", c->notes);
		snprintf(cyc, sizeof cyc, "%d", c->cycle_days);
		set_text(f, "cycle", cyc);
		free(phones);
		customer_free(c);
	} else {
		free(cause);
		f->customer = 0;
		f->title = xstrdup(_("New customer"));
		set_text(f, "phones", phone);
		set_text(f, "cycle", "0");
	}
	draft_restore(app, f);
	app_overlay(app, &form_overlay, f);
}

void
form_stash(struct app *app)
{
	if (app->ov == &form_overlay)
		draft_write(app, app->ovdata);
}

void
form_tick(struct app *app)
{
	struct form *f;

	if (app->ov != &form_overlay)
		return;
	f = app->ovdata;
	if (f->draft_stale)
		draft_write(app, f);
	if (f->retry_at != 0 && when_now() >= f->retry_at) {
		f->retry_at = 0;
		form_save(app, f);	/* may close the overlay */
	}
}
