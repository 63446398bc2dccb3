/*
 * view-script.c — the Script pane: the playbook of this contact, in the
 * Explore → Offer → Do → Confirm cycle.
 *
 * When a customer opens, the newest stored playbooks are ranked by their
 * own rules (playbook_choose: segment, reason, language) and the best is
 * started; `s` switches to the next one. The pane draws the E/O/D/C strip
 * with the current stage lit, the steps already passed (greyed, with their
 * answers), and the current step with the customer's data filled in and
 * its choices on the number keys. The runner (playbook-run.c) holds the
 * state; this file only turns keys into runner calls and state into text.
 * The keys work whichever pane has the focus, whenever no overlay is open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/customer.h"
#include "kefu/loyalty.h"
#include "kefu/playbook.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

static const char *const stage_labels[PLAYBOOK_NSTAGES] = {
	N_("Explore"), N_("Offer"), N_("Do"), N_("Confirm")
};

/* Variable lookup for playbook_fill: the open customer and the agent. */
struct fill_ctx {
	struct app	*app;
	char		 buf[64];
};

/* Text or a dash when empty, so a sentence never shows "()". */
static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "—";
}

/* Cents as yuan text into BUF. */
static const char *
yuan(int64_t cents, char *buf, size_t len)
{
	snprintf(buf, len, "¥%lld.%02lld", (long long)(cents / 100),
	    (long long)(cents % 100));
	return buf;
}

/* The value of variable NAME for the open customer (ARG: a fill_ctx). */
static const char *
lookup(const char *name, void *arg)
{
	struct fill_ctx *x = arg;
	struct app *app = x->app;
	const struct customer *c = app->cust;

	if (strcmp(name, "agent.name") == 0)
		return app->agent_name;
	if (strcmp(name, "agent.login") == 0)
		return app->opt->agent;
	if (strcmp(name, "today") == 0)
		return app_date(app, app->now, x->buf, sizeof x->buf);
	if (c == NULL)
		return "—";
	const struct { const char *name; const char *value; } text[] = {
		{ "customer.name", c->name },
		{ "customer.segment", word_segment(c->segment) },
		{ "customer.phone", c->nphones > 0 ? c->phones[0].raw : NULL },
		{ "customer.household", c->household },
		{ "customer.habits", c->habits },
		{ "customer.preferences", c->preferences },
		{ "customer.notes", c->notes },
		{ "customer.owner", c->owner },
		{ "customer.first_purchase", c->first_purchase },
		{ "customer.loyalty", word_loyalty(app->loyalty) },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (strcmp(name, text[i].name) == 0)
			return or_dash(text[i].value);
	if (strcmp(name, "customer.id") == 0)
		snprintf(x->buf, sizeof x->buf, "%lld", (long long)c->id);
	else if (strcmp(name, "customer.cycle_days") == 0)
		snprintf(x->buf, sizeof x->buf, "%d", c->cycle_days);
	else if (strcmp(name, "customer.open_complaints") == 0)
		snprintf(x->buf, sizeof x->buf, "%d", app->open_complaints);
	else if (strcmp(name, "customer.annual_spend") == 0)
		yuan(c->annual_spend, x->buf, sizeof x->buf);
	else if (strcmp(name, "customer.lifetime_value") == 0)
		yuan(customer_lifetime_value(c, app->now), x->buf,
		    sizeof x->buf);
	else if (strcmp(name, "customer.next_followup") == 0)
		return app->next_followup != 0 ? app_date(app,
		    app->next_followup, x->buf, sizeof x->buf) : _("not set");
	else
		return "—";
	return x->buf;
}

/* TEXT with the variables filled in (new string). */
static char *
fill(struct app *app, const char *text)
{
	struct fill_ctx x = { app, "" };

	return playbook_fill(text, lookup, &x);
}

/* The language the agent reads, for choosing between translations. */
static const char *
language(void)
{
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return v;
	}
	return NULL;
}

/* The reason of the contact as far as we know it when it opens. */
static const char *
reason(struct app *app)
{
	if (app->open_complaints > 0)
		return "complaint";
	if (app->next_followup != 0 && app->next_followup <= app->now + 3600)
		return "followup";
	return NULL;
}

/* Start playbook number PICK (in rule order) for the open customer. */
static void
start(struct app *app, int pick)
{
	struct playbook **v;
	int64_t *ids;
	char *cause = NULL;
	int n, *order, matching;
	bool was_started = app->run != NULL &&
	    playbook_run_started(app->run);

	playbook_run_free(app->run);
	app->run = NULL;
	app->run_customer = app->cust != NULL ? app->cust->id : 0;
	app->run_pick = 0;
	app->dirty |= DIRTY_SCRIPT;
	if (app->cust == NULL)
		return;
	if ((n = playbook_store_latest(app->db, &v, &ids, &cause)) < 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
		return;
	}
	order = xcalloc((size_t)n + 1, sizeof *order);
	matching = playbook_choose(v, n, app->cust->segment, reason(app),
	    language(), order);
	/* Nothing matches: offer none, but `s` still cycles through all. */
	if (n > 0 && (pick > 0 || matching > 0)) {
		app->run_pick = pick % n;
		app->run = playbook_run_new(v[order[app->run_pick]],
		    ids[order[app->run_pick]], app->now);
		v[order[app->run_pick]] = NULL;	/* the run owns it */
		if (was_started)
			playbook_run_leave(app->run);
	}
	free(order);
	playbook_list_free(v, ids, n);
}

void
script_open(struct app *app)
{
	if (app->cust != NULL && app->run != NULL &&
	    app->run_customer == app->cust->id)
		return;		/* the same contact goes on */
	start(app, 0);
}

void
script_restart(struct app *app)
{
	playbook_run_free(app->run);
	app->run = NULL;
	start(app, 0);
}

void
script_close(struct app *app)
{
	playbook_run_free(app->run);
	app->run = NULL;
}

/* Draw TEXT wrapped from row *Y, at most to row MAXY. */
static void
draw_wrapped(WINDOW *w, int *y, int maxy, int x, int cols, const char *text,
    attr_t a)
{
	int *starts, *lens, n = draw_wrap(text, cols, &starts, &lens);

	for (int j = 0; j < n && *y < maxy; j++, (*y)++) {
		char *seg = xstrndup(text + starts[j], (size_t)lens[j]);
		draw_text(w, *y, x, cols, seg, a);
		free(seg);
	}
	free(starts);
	free(lens);
}

/* The E/O/D/C strip: passed stages dim, the current one lit. */
static void
draw_strip(struct app *app, WINDOW *w, int cols, int stage)
{
	int x = 2;

	for (int i = 0; i < PLAYBOOK_NSTAGES && x < cols; i++) {
		const char *s = _(stage_labels[i]);
		attr_t a = app->attr[i == stage ? TH_STAGE_ACTIVE : i < stage ?
		    TH_STEP_DONE : TH_STAGE];
		char *lab = xasprintf(" %s ", s);
		draw_text(w, 1, x, cols - x, lab, a);
		x += utf8_width(lab) + 1;
		free(lab);
	}
}

/* The steps passed so far, greyed, on one line: "✓thank:calm ✗own". */
static void
draw_passed(struct app *app, WINDOW *w, int y, int cols)
{
	const struct playbook *pb = playbook_run_playbook(app->run);
	char *line = xstrdup(""), *t;

	for (int i = 0; i < pb->nsteps; i++) {
		int st = playbook_run_state(app->run, i);
		const char *ans = playbook_run_answer_of(app->run, i);
		if (st == 0 || i == playbook_run_current(app->run))
			continue;
		t = xasprintf("%s%s%s%s%s ", line, st == 2 ? "✗" : "✓",
		    pb->steps[i].id, ans != NULL ? ":" : "", ans != NULL ?
		    ans : "");
		free(line);
		line = t;
	}
	draw_text(w, y, 2, cols, line, app->attr[TH_STEP_DONE]);
	free(line);
}

/* Draw the pane: strip, passed steps, the current step. */
static void
script_draw(struct app *app, WINDOW *w, bool focused)
{
	int rows = getmaxy(w) - 1, cols = getmaxx(w) - 4, y = 3, cur;
	const struct playbook *pb;
	const struct playbook_step *st;
	char *text, *head;

	werase(w);
	draw_box(w, _("Script"), app->attr[TH_BORDER],
	    app->attr[focused ? TH_TITLE_FOCUS : TH_TITLE]);
	if (app->cust == NULL)
		return;
	if (app->run == NULL) {
		draw_strip(app, w, cols, -1);
		draw_wrapped(w, &y, rows, 2, cols, _("No playbook is offered for "
		    "this customer. s: choose one. Playbooks are imported with "
		    "'kefu playbook import FILE'."), app->attr[TH_DIM]);
		return;
	}
	pb = playbook_run_playbook(app->run);
	cur = playbook_run_current(app->run);
	st = cur >= 0 ? &pb->steps[cur] : NULL;
	draw_strip(app, w, cols, st != NULL ? (int)st->stage :
	    PLAYBOOK_NSTAGES);
	head = xasprintf("%s v%d", pb->title, pb->version);
	draw_text(w, 2, 2, cols, head, app->attr[TH_DIM]);
	free(head);
	draw_passed(app, w, y++, cols);
	if (st == NULL) {
		const char *o = playbook_run_outcome(app->run);
		head = xasprintf(_("Script done. Confirm: %s. l: log the "
		    "contact; b: back."), o != NULL ? word_outcome(o) :
		    _("not asked"));
		draw_wrapped(w, &y, rows, 2, cols, head, app->attr[TH_NORMAL]);
		free(head);
		return;
	}
	head = xasprintf("> %s%s", st->id, st->value_added ?
	    _("  [value-added 超值]") : st->confirm ? _("  [Confirm]") : "");
	draw_text(w, y++, 2, cols, head, app->attr[TH_LABEL] | A_BOLD);
	free(head);
	if (st->say != NULL) {
		text = fill(app, st->say);
		draw_wrapped(w, &y, rows, 4, cols - 2, text, app->attr[TH_NORMAL]);
		free(text);
	}
	if (st->ask != NULL && y < rows) {
		text = fill(app, st->ask);
		draw_wrapped(w, &y, rows, 4, cols - 2, text,
		    app->attr[TH_NORMAL] | A_BOLD);
		free(text);
	}
	for (int i = 0; i < st->nchoices && y < rows; i++) {
		const char *ans = playbook_run_answer_of(app->run, cur);
		bool chosen = ans != NULL && strcmp(ans, st->choices[i].key) == 0;
		char *lab = fill(app, st->choices[i].label);
		text = xasprintf("%d %s%s", i + 1, lab, st->choices[i].target >= 0 ?
		    " →" : "");
		draw_text(w, y++, 4, cols - 2, text, app->attr[chosen ?
		    TH_SELECTED : TH_NORMAL]);
		free(text);
		free(lab);
	}
	if (st->ask != NULL && st->nchoices == 0 && y < rows) {
		const char *ans = playbook_run_answer_of(app->run, cur);
		text = ans != NULL ? xasprintf("= %s", ans) :
		    xstrdup(_("a: type the answer"));
		draw_text(w, y++, 4, cols - 2, text, app->attr[TH_DIM]);
		free(text);
	}
	/* The keys, as a footer in the bottom border. */
	draw_text(w, rows, 2, cols, _(" 1-9 answer · n next · b back · "
	    "s switch "), app->attr[TH_DIM]);
}

/* ---- The free-text answer: a one-line prompt over the screen. */

struct answer_prompt {
	struct edit	 edit;
	char		*question;
};

static void
answer_free(void *p)
{
	struct answer_prompt *a = p;

	edit_free(&a->edit);
	free(a->question);
	free(a);
}

/* The question and the line being typed. */
static void
answer_draw(struct app *app, WINDOW *w)
{
	struct answer_prompt *a = app->ovdata;
	int cols = getmaxx(w), cx = -1;

	werase(w);
	draw_box(w, _("Answer"), app->attr[TH_BORDER],
	    app->attr[TH_TITLE_FOCUS]);
	draw_text(w, 1, 2, cols - 4, a->question, app->attr[TH_NORMAL]);
	edit_draw_line(w, 2, 2, cols - 4, &a->edit, app->attr[TH_FIELD_FOCUS],
	    &cx);
	draw_text(w, 3, 2, cols - 4, _("Enter saves · Esc cancels"),
	    app->attr[TH_DIM]);
	app->ov_cy = 2;
	app->ov_cx = cx;
}

/* Enter answers the current question; Esc closes. */
static bool
answer_key(struct app *app, struct key k)
{
	struct answer_prompt *a = app->ovdata;

	if (!k.fn && k.ch == 27)
		return false;
	if ((k.fn && k.ch == KEY_ENTER) || (!k.fn && (k.ch == '\r' ||
	    k.ch == '\n'))) {
		if (app->run != NULL && playbook_run_answer(app->run,
		    a->edit.buf, when_now()) == 0)
			app->dirty |= DIRTY_SCRIPT;
		return false;
	}
	edit_key(&a->edit, k);
	return true;
}

static const struct overlay answer_overlay = {
	"answer", 5, answer_draw, answer_key, answer_free
};

/* Open the prompt for the current free-text question. */
static void
answer_open(struct app *app, const struct playbook_step *st)
{
	struct answer_prompt *a = xcalloc(1, sizeof *a);
	const char *old = playbook_run_answer_of(app->run,
	    playbook_run_current(app->run));

	edit_init(&a->edit, old != NULL ? old : "", false);
	a->question = fill(app, st->ask);
	app_overlay(app, &answer_overlay, a);
}

/* Script keys: answer, next, back, type, switch. True if used. */
static bool
script_action(struct app *app, enum action a)
{
	const struct playbook_step *st = NULL;
	int cur;

	if (a == ACT_SCRIPT_SWITCH && app->cust != NULL) {
		start(app, app->run != NULL ? app->run_pick + 1 : 0);
		if (app->run != NULL)
			app_alert(app, ALERT_INFO, 0, _("Playbook: %s"),
			    playbook_run_playbook(app->run)->title);
		return true;
	}
	if (app->run == NULL)
		return false;
	cur = playbook_run_current(app->run);
	if (cur >= 0)
		st = &playbook_run_playbook(app->run)->steps[cur];
	switch (a) {
	case ACT_STEP_NEXT:
		playbook_run_next(app->run, when_now());
		break;
	case ACT_STEP_BACK:
		playbook_run_back(app->run, when_now());
		break;
	case ACT_STEP_TEXT:
		if (st != NULL && st->ask != NULL && st->nchoices == 0)
			answer_open(app, st);
		break;
	default:
		if (a < ACT_ANSWER_1 || a > ACT_ANSWER_9)
			return false;
		if (st != NULL && st->ask != NULL && st->nchoices == 0)
			answer_open(app, st);
		else
			playbook_run_choose(app->run, (int)(a - ACT_ANSWER_1),
			    when_now());
		break;
	}
	app->dirty |= DIRTY_SCRIPT;
	return true;
}

const struct view view_script = {
	"script", N_("Script"), script_draw, script_action
};
