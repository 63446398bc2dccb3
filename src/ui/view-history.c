/*
 * view-history.c — the History pane: every contact with this customer,
 * newest first, two lines each (when, channel, agent, disposition,
 * outcome; then the reason and the first line of the notes). Enter expands
 * the selected contact to its full notes.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/contact.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

/* Rows contact I takes at width COLS. */
static int
entry_rows(struct app *app, int i, int cols)
{
	const struct contact *k = app->hist[i];

	if (i != app->hist_open || k->notes == NULL || *k->notes == '\0')
		return 2;
	return 1 + draw_wrap(k->notes, cols, NULL, NULL);
}

static void
draw_entry(struct app *app, WINDOW *w, int y, int rows_left, int i,
    bool sel)
{
	const struct contact *k = app->hist[i];
	int cols = getmaxx(w) - 4, x = 2;
	attr_t base = sel ? app->attr[TH_SELECTED] : app->attr[TH_NORMAL];
	char date[32], *line, *nl;

	if (sel)
		draw_fill(w, y, 1, cols + 2, base);
	app_date(app, k->started_at, date, sizeof date);
	draw_text(w, y, x, 16, date, base);
	x += 17;
	const char *cells[] = { word_channel(k->channel), k->agent,
	    word_disposition(k->disposition) };
	const int widths[] = { 6, 10, 12 };
	for (int c = 0; c < 3 && x < cols; c++) {
		draw_text(w, y, x, widths[c], cells[c], base);
		x += widths[c] + 1;
	}
	if (k->outcome != NULL && x < cols)
		draw_text(w, y, x, cols + 2 - x, word_outcome(k->outcome),
		    sel ? base : outcome_attr(app, k->outcome));
	if (rows_left < 2)
		return;

	if (i == app->hist_open && k->notes != NULL && *k->notes != '\0') {
		int *starts, *lens, n = draw_wrap(k->notes, cols, &starts, &lens);
		for (int j = 0; j < n && j + 1 < rows_left; j++) {
			char *seg = xstrndup(k->notes + starts[j],
			    (size_t)lens[j]);
			draw_text(w, y + 1 + j, 2, cols, seg, app->attr[TH_NORMAL]);
			free(seg);
		}
		free(starts);
		free(lens);
		return;
	}
	line = xasprintf("%s%s%s", k->reason ? k->reason : "",
	    k->reason && *k->reason && k->notes && *k->notes ? ": " : "",
	    k->notes ? k->notes : "");
	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	draw_text(w, y + 1, 4, cols - 2, line, app->attr[TH_DIM]);
	free(line);
}

static void
history_draw(struct app *app, WINDOW *w, bool focused)
{
	int rows = getmaxy(w) - 2, cols = getmaxx(w) - 4, y = 1, used = 0;
	char *title;

	werase(w);
	title = app->cust != NULL ? xasprintf("%s (%d)", _("History"),
	    app->nhist) : xstrdup(_("History"));
	draw_box(w, title, app->attr[TH_BORDER],
	    app->attr[focused ? TH_TITLE_FOCUS : TH_TITLE]);
	free(title);
	if (app->cust == NULL)
		return;
	if (app->nhist == 0) {
		draw_text(w, 1, 2, cols, _("No contacts yet."), app->attr[TH_DIM]);
		return;
	}
	/* Keep the selection on screen. */
	if (app->hist_sel < app->hist_top)
		app->hist_top = app->hist_sel;
	for (;;) {
		used = 0;
		for (int i = app->hist_top; i <= app->hist_sel; i++)
			used += entry_rows(app, i, cols);
		if (used <= rows || app->hist_top == app->hist_sel)
			break;
		app->hist_top++;
	}
	for (int i = app->hist_top; i < app->nhist && y <= rows; i++) {
		int h = entry_rows(app, i, cols);
		draw_entry(app, w, y, rows - y + 1, i,
		    focused && i == app->hist_sel);
		y += h;
	}
}

static bool
history_action(struct app *app, enum action a)
{
	int last = app->nhist > 0 ? app->nhist - 1 : 0;

	switch (a) {
	case ACT_DOWN:
		app->hist_sel = app->hist_sel < last ? app->hist_sel + 1 : last;
		break;
	case ACT_UP:
		app->hist_sel = app->hist_sel > 0 ? app->hist_sel - 1 : 0;
		break;
	case ACT_PGDN:
		app->hist_sel = app->hist_sel + 5 < last ? app->hist_sel + 5 :
		    last;
		break;
	case ACT_PGUP:
		app->hist_sel = app->hist_sel > 5 ? app->hist_sel - 5 : 0;
		break;
	case ACT_HOME:
		app->hist_sel = 0;
		break;
	case ACT_END:
		app->hist_sel = last;
		break;
	case ACT_EXPAND:
		app->hist_open = app->hist_open == app->hist_sel ? -1 :
		    app->hist_sel;
		break;
	default:
		return false;
	}
	app->dirty |= DIRTY_HISTORY;
	return true;
}

const struct view view_history = {
	"history", N_("History"), history_draw, history_action
};
