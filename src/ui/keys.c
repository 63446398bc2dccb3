/*
 * keys.c — one table of named actions with default keys and help labels.
 * The config's `key.NAME = KEYS` lines rebind them; `?` shows help made
 * from the same table, so the help can never disagree with the keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kefu/config.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

const struct key_def key_defs[] = {
	{ ACT_SEARCH, "search", "/", N_("Search customers (name, phone, notes)") },
	{ ACT_POP, "pop", "p", N_("Pop a customer by phone number") },
	{ ACT_LOG, "log-contact", "l", N_("Log this contact") },
	{ ACT_FOLLOWUP, "followup", "f", N_("Schedule a follow-up") },
	{ ACT_FOLLOWUPS, "followups", "F", N_("My follow-ups by urgency; done, snooze, assign") },
	{ ACT_EDIT, "edit", "e", N_("Edit the profile") },
	{ ACT_NEW, "new-customer", "N", N_("New customer") },
	{ ACT_FOCUS, "focus-next", "Tab", N_("Next pane") },
	{ ACT_DOWN, "down", "j Down", N_("Down") },
	{ ACT_UP, "up", "k Up", N_("Up") },
	{ ACT_PGDN, "page-down", "PgDn C-f", N_("Page down") },
	{ ACT_PGUP, "page-up", "PgUp C-b", N_("Page up") },
	{ ACT_HOME, "top", "g Home", N_("First") },
	{ ACT_END, "bottom", "G End", N_("Last") },
	{ ACT_EXPAND, "expand", "Enter", N_("Expand / collapse the contact") },
	{ ACT_OPEN_ALERT, "open-alert", "r", N_("Open the customer of the alert") },
	{ ACT_DISMISS, "dismiss", "x", N_("Dismiss the alert") },
	{ ACT_STEP_NEXT, "script-next", "n", N_("Script: next step (an unanswered question is skipped)") },
	{ ACT_STEP_BACK, "script-back", "b", N_("Script: back one step") },
	{ ACT_ANSWER_1, "script-answer-1", "1", N_("Script: answer with choice 1-9") },
	{ ACT_ANSWER_2, "script-answer-2", "2", NULL },
	{ ACT_ANSWER_3, "script-answer-3", "3", NULL },
	{ ACT_ANSWER_4, "script-answer-4", "4", NULL },
	{ ACT_ANSWER_5, "script-answer-5", "5", NULL },
	{ ACT_ANSWER_6, "script-answer-6", "6", NULL },
	{ ACT_ANSWER_7, "script-answer-7", "7", NULL },
	{ ACT_ANSWER_8, "script-answer-8", "8", NULL },
	{ ACT_ANSWER_9, "script-answer-9", "9", NULL },
	{ ACT_STEP_TEXT, "script-type", "a", N_("Script: type the answer to a question") },
	{ ACT_SCRIPT_SWITCH, "script-switch", "s", N_("Script: switch to another playbook") },
	{ ACT_ANSWER_CALL, "answer-call", "F5", N_("Answer the ringing call") },
	{ ACT_HANGUP_CALL, "hangup-call", "F6", N_("Hang up or reject a call") },
	{ ACT_PAUSE, "pause", "P", N_("Pause, with a reason") },
	{ ACT_AVAILABLE, "available", "A", N_("Available (ends wrap-up)") },
	{ ACT_QUEUE, "queue", "Q", N_("Queue pane (supervisors)") },
	{ ACT_THEME, "theme", "T", N_("Next colour theme (saved)") },
	{ ACT_HELP, "help", "? F1", N_("This help") },
	{ ACT_REDRAW, "redraw", "C-l", N_("Redraw the screen") },
	{ ACT_QUIT, "quit", "q", N_("Quit") },
	{ ACT_NONE, NULL, NULL, NULL }
};

#define BIND_MAX 128

struct binding {
	struct key	 key;
	enum action	 action;
};

static struct binding binds[BIND_MAX];
static int nbinds;
static char labels[ACT_COUNT][16];

static const struct { const char *name; int code; } named[] = {
	{ "Tab", '\t' }, { "Enter", KEY_ENTER }, { "Esc", 27 },
	{ "Space", ' ' }, { "BSpace", KEY_BACKSPACE },
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END }, { "BTab", KEY_BTAB },
	{ "DC", KEY_DC }, { "IC", KEY_IC },
};

int
keys_parse(const char *name, struct key *out)
{
	wchar_t wc[4];
	int n;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strcmp(name, named[i].name) != 0)
			continue;
		out->ch = (wint_t)named[i].code;
		out->fn = named[i].code >= KEY_MIN;
		return 0;
	}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		n = atoi(name + 1);
		if (n < 1 || n > 24)
			return -1;
		out->fn = 1;
		out->ch = (wint_t)KEY_F(n);
		return 0;
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] != '\0' &&
	    name[3] == '\0') {
		char c = name[2];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return -1;
		out->ch = (wint_t)(c - 'a' + 1);
		return 0;
	}
	n = (int)mbstowcs(wc, name, 4);
	if (n != 1)
		return -1;
	out->ch = (wint_t)wc[0];
	return 0;
}

static void
bind_key(struct key k, enum action a)
{
	for (int i = 0; i < nbinds; i++) {
		if (binds[i].key.fn == k.fn && binds[i].key.ch == k.ch) {
			binds[i].action = a;
			return;
		}
	}
	if (nbinds < BIND_MAX) {
		binds[nbinds].key = k;
		binds[nbinds].action = a;
		nbinds++;
	}
}

/* Bind every key in the space-separated LIST to A; -1 if one is bad. */
static int
bind_list(const char *list, enum action a, bool first_is_label)
{
	char *copy = xstrdup(list), *save = NULL, *tok;
	int rc = 0, first = 1;
	struct key k;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (keys_parse(tok, &k) != 0) {
			rc = -1;
			continue;
		}
		bind_key(k, a);
		if (first && first_is_label)
			snprintf(labels[a], sizeof labels[a], "%s", tok);
		first = 0;
	}
	free(copy);
	return rc;
}

struct rebind_ctx {
	char	*bad;
};

static void
rebind(const char *name, const char *value, void *arg)
{
	struct rebind_ctx *ctx = arg;

	for (const struct key_def *d = key_defs; d->name != NULL; d++) {
		if (strcmp(name + 4, d->name) != 0)
			continue;
		/* Drop the defaults of this action first. */
		for (int i = 0; i < nbinds; i++)
			if (binds[i].action == d->action)
				binds[i].action = ACT_NONE;
		if (bind_list(value, d->action, true) == 0)
			return;
		break;
	}
	if (ctx->bad == NULL)
		ctx->bad = xstrdup(name);
}

void
keys_init(const struct config *cfg, char **warning)
{
	struct rebind_ctx ctx = { NULL };

	nbinds = 0;
	for (const struct key_def *d = key_defs; d->name != NULL; d++)
		bind_list(d->keys, d->action, true);
	/* Keys every form and list understands, not rebindable. */
	bind_key((struct key){ 0, '\r' }, ACT_EXPAND);
	bind_key((struct key){ 0, '\n' }, ACT_EXPAND);
	if (cfg != NULL)
		config_each(cfg, "key.", rebind, &ctx);
	if (ctx.bad != NULL && warning != NULL)
		*warning = xasprintf("config: bad key binding '%s' ignored",
		    ctx.bad);
	free(ctx.bad);
}

enum action
keys_action(struct key k)
{
	for (int i = 0; i < nbinds; i++)
		if (binds[i].key.fn == k.fn && binds[i].key.ch == k.ch)
			return binds[i].action;
	return ACT_NONE;
}

const char *
keys_label(enum action a)
{
	return labels[a];
}

/* The help overlay: the table above, with the keys now in force. */
static void
help_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), lines = rows - 4, n = 0;
	int ncols, colw, i = 0;

	werase(w);
	draw_box(w, _("Keys"), app->attr[TH_BORDER], app->attr[TH_TITLE_FOCUS]);
	for (const struct key_def *d = key_defs; d->name != NULL; d++)
		n += d->label != NULL;
	/* As many columns as it takes to show every key. */
	ncols = lines > 0 ? (n + lines - 1) / lines : 1;
	if (ncols < 1)
		ncols = 1;
	colw = (cols - 4) / ncols;
	for (const struct key_def *d = key_defs; d->name != NULL; d++) {
		int x, y;

		if (d->label == NULL)
			continue;	/* shown with the first of its group */
		x = 2 + (i / lines) * colw;
		y = 1 + i % lines;
		if (i / lines >= ncols)
			break;
		draw_text(w, y, x, 8, keys_label(d->action), app->attr[TH_LABEL]);
		draw_text(w, y, x + 9, colw - 10, _(d->label),
		    app->attr[TH_NORMAL]);
		i++;
	}
	draw_text(w, rows - 2, 2, cols - 4,
	    _("In forms: Tab/Shift-Tab move, Ctrl-S or F10 saves, Esc keeps a draft."),
	    app->attr[TH_DIM]);
}

static bool
help_key(struct app *app, struct key k)
{
	(void)app;
	(void)k;
	return false;	/* any key closes the help */
}

static const struct overlay help_overlay = {
	"help", 0, help_draw, help_key, NULL
};

void
help_open(struct app *app)
{
	app_overlay(app, &help_overlay, NULL);
}
