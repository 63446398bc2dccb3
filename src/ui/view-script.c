/*
 * view-script.c — the Script pane: the service steps for this contact in
 * the Explore → Offer → Do → Confirm cycle. Until playbooks are loaded from
 * files, it shows the generic EODC steps every contact follows, with the
 * customer's name filled in.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/customer.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

static const struct {
	const char *stage;	/* N_() */
	const char *step;	/* N_(), {name} = the customer's name */
} steps[] = {
	{ N_("Explore"), N_("Greet {name} by name; ask what they need today.") },
	{ N_("Explore"), N_("Check the history and open complaints before answering.") },
	{ N_("Offer"), N_("Offer a solution and the standard it will meet (when, what).") },
	{ N_("Do"), N_("Do it now, or schedule it and say when (f: follow-up).") },
	{ N_("Confirm"), N_("Ask: is this what you expected? Record delighted / satisfied / disappointed.") },
};

#define NSTEPS ((int)(sizeof steps / sizeof steps[0]))

/* TEXT with "{name}" replaced by NAME (translations keep the marker). */
static char *
fill_name(const char *text, const char *name)
{
	const char *at = strstr(text, "{name}");

	if (at == NULL)
		return xstrdup(text);
	return xasprintf("%.*s%s%s", (int)(at - text), text, name, at + 6);
}

static void
script_draw(struct app *app, WINDOW *w, bool focused)
{
	int rows = getmaxy(w) - 1, cols = getmaxx(w) - 4, y = 1, x = 2;
	static const char *const stages[] = { N_("Explore"), N_("Offer"),
	    N_("Do"), N_("Confirm") };
	const char *cur = steps[app->script_sel].stage;

	werase(w);
	draw_box(w, _("Script"), app->attr[TH_BORDER],
	    app->attr[focused ? TH_TITLE_FOCUS : TH_TITLE]);
	if (app->cust == NULL)
		return;
	/* The E/O/D/C strip. */
	for (int i = 0; i < 4 && x < cols; i++) {
		const char *s = _(stages[i]);
		int wdt = (int)strlen(s) + 2;
		draw_text(w, y, x, cols + 2 - x, s, app->attr[stages[i] == cur ?
		    TH_STAGE_ACTIVE : TH_STAGE]);
		x += wdt;
	}
	y += 2;
	for (int i = 0; i < NSTEPS && y < rows; i++) {
		char *text = fill_name(_(steps[i].step), app->cust->name);
		int *starts, *lens, n = draw_wrap(text, cols - 4, &starts, &lens);
		attr_t a = i < app->script_sel ? app->attr[TH_STEP_DONE] :
		    i == app->script_sel ? app->attr[TH_NORMAL] | A_BOLD :
		    app->attr[TH_NORMAL];

		draw_text(w, y, 2, 3, i < app->script_sel ? "✓" :
		    i == app->script_sel ? ">" : " ", a);
		for (int j = 0; j < n && y < rows; j++, y++) {
			char *seg = xstrndup(text + starts[j], (size_t)lens[j]);
			draw_text(w, y, 5, cols - 3, seg, a);
			free(seg);
		}
		free(starts);
		free(lens);
		free(text);
	}
}

static bool
script_action(struct app *app, enum action a)
{
	switch (a) {
	case ACT_DOWN:
	case ACT_EXPAND:
		if (app->script_sel < NSTEPS - 1)
			app->script_sel++;
		break;
	case ACT_UP:
		if (app->script_sel > 0)
			app->script_sel--;
		break;
	case ACT_HOME:
		app->script_sel = 0;
		break;
	default:
		return false;
	}
	app->dirty |= DIRTY_SCRIPT;
	return true;
}

const struct view view_script = {
	"script", N_("Script"), script_draw, script_action
};
