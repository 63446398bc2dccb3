/*
 * layout.c — where the panes sit and drawing them: the windows are rebuilt
 * for the terminal's size (below 80x24 one centred line says so), and a
 * uv_prepare_t draws what is dirty once per loop turn with one doupdate().
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

#define MIN_COLS 80
#define MIN_ROWS 24

void
app_free_windows(struct app *app)
{
	WINDOW **all[] = { &app->top, &app->bar, &app->ovwin, &app->win[0],
	    &app->win[1], &app->win[2] };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (*all[i] != NULL)
			delwin(*all[i]);
		*all[i] = NULL;
	}
}

/* Rebuild every window for the current size. */
static void
layout(struct app *app)
{
	int rows = LINES, cols = COLS, left, hist;

	app_free_windows(app);
	app->too_small = rows < MIN_ROWS || cols < MIN_COLS;
	erase();
	wnoutrefresh(stdscr);
	if (app->too_small)
		return;
	left = cols * 2 / 5;
	if (left < 34)
		left = 34;
	hist = (rows - 2) * 11 / 20;
	app->top = newwin(1, cols, 0, 0);
	app->bar = newwin(1, cols, rows - 1, 0);
	app->win[PANE_PROFILE] = newwin(rows - 2, left, 1, 0);
	app->win[PANE_HISTORY] = newwin(hist, cols - left, 1, left);
	app->win[PANE_SCRIPT] = newwin(rows - 2 - hist, cols - left, 1 + hist,
	    left);
	if (app->ov != NULL) {
		int h = app->ov->rows > 0 ? app->ov->rows : rows - 4;
		int w = app->ov->rows > 0 ? (cols > 90 ? 72 : cols - 8) :
		    cols - 6;
		app->ovwin = newwin(h, w, app->ov->rows > 0 ? (rows - h) / 3 : 2,
		    (cols - w) / 2);
	}
	app->dirty = DIRTY_ALL & ~DIRTY_LAYOUT;
}

static void
draw_top(struct app *app)
{
	WINDOW *w = app->top;
	int cols = getmaxx(w), x;
	char clock[32], *left, *right;
	time_t t = (time_t)app->now;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M:%S", &tm);
	draw_fill(w, 0, 0, cols, app->attr[TH_TOPBAR]);
	left = xasprintf(" kefu │ %s (%s) │ %s %s%s", app->agent_name,
	    app->opt->agent, app->state != NULL ? word_state(app->state) : "",
	    app->state_since > 0 ? rel_time(app->state_since, app->now,
	    clock, sizeof clock) : "", cti_view_status(app));
	draw_text(w, 0, 0, cols * 2 / 3, left, app->attr[TH_TOPBAR]);
	free(left);
	strftime(clock, sizeof clock, "%H:%M:%S", &tm);
	right = app->due_count > 0 ? xasprintf(_("%d due"), app->due_count) :
	    xstrdup(_("nothing due"));
	x = cols - 10 - utf8_width(right) - 3;
	draw_text(w, 0, x, utf8_width(right), right, app->attr[TH_TOPBAR] |
	    (app->due_count > 0 ? A_BOLD : 0));
	free(right);
	draw_text(w, 0, cols - 9, 9, clock, app->attr[TH_TOPBAR]);
	wnoutrefresh(w);
}

static void
draw_too_small(void)
{
	const char *msg = _("terminal too small: need 80×24");
	int w = utf8_width(msg), x = (COLS - w) / 2;

	erase();
	if (LINES > 0 && COLS > 0) {
		char *cut = utf8_ellipsise(msg, COLS);
		mvaddstr(LINES / 2, x > 0 ? x : 0, cut);
		free(cut);
	}
	wnoutrefresh(stdscr);
}

void
app_draw(uv_prepare_t *h)
{
	struct app *app = h->data;
	unsigned d = app->dirty;
	bool any = false;

	if (d == 0)
		return;
	app->dirty = 0;
	if (d & DIRTY_LAYOUT) {
		layout(app);
		d = DIRTY_ALL;
	}
	if (app->too_small) {
		draw_too_small();
		curs_set(0);
		doupdate();
		return;
	}
	if (d & DIRTY_TOP)
		draw_top(app);
	for (int p = 0; p < PANE_COUNT; p++) {
		if (!(d & (DIRTY_PROFILE << p)))
			continue;
		app_views[p]->draw(app, app->win[p], app->focus == p && !app->ov);
		wnoutrefresh(app->win[p]);
		any = true;
	}
	if (d & DIRTY_ALERT)
		draw_bar(app);
	if (app->ov != NULL && app->ovwin != NULL && (any || (d & (DIRTY_OVERLAY |
	    DIRTY_TOP | DIRTY_ALERT)))) {
		app->ov_cy = app->ov_cx = -1;
		app->ov->draw(app, app->ovwin);
		if (any)
			touchwin(app->ovwin);
		wnoutrefresh(app->ovwin);
	}
	if (app->ov != NULL && app->ovwin != NULL && app->ov_cy >= 0) {
		wmove(app->ovwin, app->ov_cy, app->ov_cx);
		wnoutrefresh(app->ovwin);
		curs_set(1);
	} else
		curs_set(0);
	doupdate();
}

