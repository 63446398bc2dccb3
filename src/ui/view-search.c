/*
 * view-search.c — search customers as you type: the results follow every
 * keystroke (name, phone fragment, notes; Chinese and English). Up/Down
 * choose, Enter opens, Esc closes.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/search.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

#define SEARCH_LIMIT 50

struct search_view {
	struct edit	 edit;
	struct search_hit *hits;
	int		 nhits;
	int		 sel, top;
	char		*error;
};

static void
search_free(void *p)
{
	struct search_view *s = p;

	edit_free(&s->edit);
	search_hits_free(s->hits, s->nhits);
	free(s->error);
	free(s);
}

static void
search_run(struct app *app, struct search_view *s)
{
	char *cause = NULL;
	int n;

	search_hits_free(s->hits, s->nhits);
	s->hits = NULL;
	s->nhits = s->sel = s->top = 0;
	free(s->error);
	s->error = NULL;
	n = search_customers(app->db, s->edit.buf, SEARCH_LIMIT, &s->hits,
	    &cause);
	if (n < 0) {
		s->error = cause;
		return;
	}
	s->nhits = n;
}

static void
search_draw(struct app *app, WINDOW *w)
{
	struct search_view *s = app->ovdata;
	int rows = getmaxy(w), cols = getmaxx(w), cx, list = rows - 5;
	char count[64];

	werase(w);
	draw_box(w, _("Search customers"), app->attr[TH_BORDER],
	    app->attr[TH_TITLE_FOCUS]);
	edit_draw_line(w, 1, 2, cols - 4, &s->edit, app->attr[TH_FIELD_FOCUS],
	    &cx);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + list)
		s->top = s->sel - list + 1;
	for (int i = 0; i < list && s->top + i < s->nhits; i++) {
		const struct search_hit *h = &s->hits[s->top + i];
		bool sel = s->top + i == s->sel;
		attr_t a = sel ? app->attr[TH_SELECTED] : app->attr[TH_NORMAL];
		int namew = cols / 2 - 4;

		if (sel)
			draw_fill(w, 3 + i, 1, cols - 2, a);
		draw_text(w, 3 + i, 2, namew, h->name, a);
		draw_text(w, 3 + i, 2 + namew + 1, 10, word_segment(h->segment),
		    sel ? a : seg_attr(app, h->segment));
		draw_text(w, 3 + i, 2 + namew + 12, cols - namew - 16, h->phone,
		    a);
	}
	if (s->error != NULL)
		draw_text(w, rows - 2, 2, cols - 4, s->error,
		    app->attr[TH_ALERT_ERROR]);
	else if (s->edit.len > 0) {
		snprintf(count, sizeof count, s->nhits >= SEARCH_LIMIT ?
		    _("%d+ found") : _("%d found"), s->nhits);
		draw_text(w, rows - 2, 2, cols - 4, count, app->attr[TH_DIM]);
	} else
		draw_text(w, rows - 2, 2, cols - 4,
		    _("Type a name, part of a phone number or a word from the notes"),
		    app->attr[TH_DIM]);
	app->ov_cy = 1;
	app->ov_cx = cx;
}

static bool
search_key(struct app *app, struct key k)
{
	struct search_view *s = app->ovdata;
	int64_t id;

	app->dirty |= DIRTY_OVERLAY;
	if (!k.fn && k.ch == 27)
		return false;
	if ((k.fn && k.ch == KEY_ENTER) || (!k.fn && (k.ch == '\r' ||
	    k.ch == '\n'))) {
		if (s->nhits == 0)
			return true;
		id = s->hits[s->sel].id;
		app_overlay_close(app);
		app_open_customer(app, id);
		return true;
	}
	if (k.fn && (k.ch == KEY_DOWN || k.ch == KEY_NPAGE)) {
		s->sel += k.ch == KEY_DOWN ? 1 : 10;
		if (s->sel >= s->nhits)
			s->sel = s->nhits > 0 ? s->nhits - 1 : 0;
		return true;
	}
	if (k.fn && (k.ch == KEY_UP || k.ch == KEY_PPAGE)) {
		s->sel -= k.ch == KEY_UP ? 1 : 10;
		if (s->sel < 0)
			s->sel = 0;
		return true;
	}
	if (edit_key(&s->edit, k))
		search_run(app, s);
	return true;
}

static const struct overlay search_overlay = {
	"search", 0, search_draw, search_key, search_free
};

void
search_open(struct app *app)
{
	struct search_view *s = xcalloc(1, sizeof *s);

	edit_init(&s->edit, "", false);
	app_overlay(app, &search_overlay, s);
}
