/*
 * view-profile.c — the Profile pane: who is calling, at a glance. Name and
 * segment badge, phones, lifetime value, loyalty stage, open complaints,
 * next follow-up, then household / habits / preferences / notes wrapped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/customer.h"
#include "kefu/loyalty.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

struct line {
	const char	*label;		/* translated, or NULL: continuation */
	char		*text;
	attr_t		 attr;
};

struct lines {
	struct line	*v;
	int		 n;
};

static void
add(struct lines *l, const char *label, char *text, attr_t a)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].label = label;
	l->v[l->n].text = text;
	l->v[l->n].attr = a;
	l->n++;
}

/* Money in cents as "¥12,345". */
static char *
money(int64_t cents)
{
	char digits[32], out[48];
	int n, j = 0;

	n = snprintf(digits, sizeof digits, "%lld", (long long)(cents / 100));
	out[j++] = '\xc2';	/* ¥ */
	out[j++] = '\xa5';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = digits[i];
	}
	out[j] = '\0';
	return xstrdup(out);
}

/* Every line the profile shows, before wrapping. */
static struct lines
profile_lines(struct app *app)
{
	const struct customer *c = app->cust;
	struct lines l = { NULL, 0 };
	char buf[32];

	for (int i = 0; i < c->nphones; i++)
		add(&l, i == 0 ? _("Phone") : "", xstrdup(c->phones[i].raw),
		    app->attr[TH_NORMAL]);
	add(&l, _("Value"), money(customer_lifetime_value(c, app->now)),
	    app->attr[TH_NORMAL]);
	add(&l, _("Loyalty"), xstrdup(word_loyalty(app->loyalty)),
	    app->attr[TH_NORMAL]);
	if (app->open_complaints > 0)
		add(&l, _("Complaints"), xasprintf(_("%d open"),
		    app->open_complaints), app->attr[TH_ALERT_ERROR]);
	add(&l, _("Next call"), app->next_followup != 0 ?
	    xstrdup(app_date(app, app->next_followup, buf, sizeof buf)) :
	    xstrdup(_("none")), app->attr[TH_NORMAL]);
	if (c->cycle_days > 0)
		add(&l, _("Cycle"), xasprintf(_("every %d days"), c->cycle_days),
		    app->attr[TH_NORMAL]);
	if (app->next_need != 0)
		add(&l, _("Next need"), xasprintf(_("%s (predicted)"),
		    app_date(app, app->next_need, buf, sizeof buf)),
		    app->next_need < app->now ? app->attr[TH_ALERT_WARN] :
		    app->attr[TH_NORMAL]);
	if (c->owner != NULL)
		add(&l, _("Owner"), xstrdup(c->owner), app->attr[TH_NORMAL]);
	const struct { const char *label; const char *text; } blocks[] = {
		{ N_("Household"), c->household }, { N_("Habits"), c->habits },
		{ N_("Prefers"), c->preferences }, { N_("Notes"), c->notes },
	};
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
		if (blocks[i].text == NULL || *blocks[i].text == '\0')
			continue;
		add(&l, NULL, NULL, 0);	/* a blank line */
		add(&l, _(blocks[i].label), xstrdup(blocks[i].text),
		    app->attr[TH_NORMAL]);
	}
	return l;
}

static void
profile_draw(struct app *app, WINDOW *w, bool focused)
{
	int rows = getmaxy(w), cols = getmaxx(w), y = 1, skip, lw = 11;
	struct lines l;

	werase(w);
	draw_box(w, _("Profile"), app->attr[TH_BORDER],
	    app->attr[focused ? TH_TITLE_FOCUS : TH_TITLE]);
	if (app->cust == NULL) {
		draw_text(w, 2, 2, cols - 4, _("No customer open."),
		    app->attr[TH_DIM]);
		draw_text(w, 3, 2, cols - 4,
		    _("/ searches, p pops by phone, N adds one."),
		    app->attr[TH_DIM]);
		return;
	}
	/* The name and badge never scroll away. */
	const char *seg = word_segment(app->cust->segment);
	int segw = utf8_width(seg) + 2;	/* columns, not bytes */
	draw_text(w, y, 2, cols - 5 - segw, app->cust->name,
	    app->attr[TH_NORMAL] | A_BOLD);
	char *badge = xasprintf("[%s]", seg);
	draw_text(w, y, cols - 2 - segw, segw, badge,
	    seg_attr(app, app->cust->segment));
	free(badge);
	y++;

	l = profile_lines(app);
	skip = app->prof_top;
	for (int i = 0; i < l.n; i++) {
		int *starts, *lens, n;

		if (l.v[i].text == NULL) {
			if (skip-- <= 0)
				y++;
			continue;
		}
		n = draw_wrap(l.v[i].text, cols - lw - 4, &starts, &lens);
		for (int j = 0; j < n; j++) {
			if (skip-- > 0)
				continue;
			if (y >= rows - 1)
				break;
			if (j == 0 && l.v[i].label != NULL)
				draw_text(w, y, 2, lw, l.v[i].label,
				    app->attr[TH_LABEL]);
			char *seg2 = xstrndup(l.v[i].text + starts[j],
			    (size_t)lens[j]);
			draw_text(w, y, 2 + lw + 1, cols - lw - 4, seg2,
			    l.v[i].attr);
			free(seg2);
			y++;
		}
		free(starts);
		free(lens);
	}
	for (int i = 0; i < l.n; i++)
		free(l.v[i].text);
	free(l.v);
}

static bool
profile_action(struct app *app, enum action a)
{
	switch (a) {
	case ACT_DOWN:
		app->prof_top++;
		break;
	case ACT_UP:
		if (app->prof_top > 0)
			app->prof_top--;
		break;
	case ACT_PGDN:
		app->prof_top += 10;
		break;
	case ACT_PGUP:
		app->prof_top = app->prof_top > 10 ? app->prof_top - 10 : 0;
		break;
	case ACT_HOME:
		app->prof_top = 0;
		break;
	default:
		return false;
	}
	app->dirty |= DIRTY_PROFILE;
	return true;
}

const struct view view_profile = {
	"profile", N_("Profile"), profile_draw, profile_action
};
