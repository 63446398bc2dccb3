/*
 * draw.c — putting text on the screen safely: every string from data is
 * sanitised (control characters shown as ^X, never emitted), measured in
 * terminal columns and cut at a character boundary, so a CJK character is
 * never split at a pane edge. Also the theme → curses attribute mapping,
 * which degrades 256 → 8 colours → monochrome by terminal capability.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/utf8.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

/* Map a 0–255 colour onto the 8 basic ones. */
static short
colour8(short c)
{
	int r, g, b;

	if (c < 0 || c < 8)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232)
		return c >= 244 ? COLOR_WHITE : COLOR_BLACK;
	c -= 16;
	r = c / 36 >= 3, g = (c / 6) % 6 >= 3, b = c % 6 >= 3;
	return (short)(r * COLOR_RED + g * COLOR_GREEN + b * COLOR_BLUE);
}

static attr_t
style_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_STANDOUT)
		r |= A_STANDOUT;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void
theme_apply(struct app *app)
{
	const char *nc = getenv("NO_COLOR");
	bool colour = has_colors() && (nc == NULL || *nc == '\0');
	short pairs[64][2];
	int npairs = 0;

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int e = 0; e < TH_COUNT; e++) {
		const struct theme_style *s = &app->theme.style[e];
		short fg = s->fg, bg = s->bg;
		attr_t a = style_attrs(s->attrs);
		int p;

		if (!colour || (fg < 0 && bg < 0)) {
			/* Monochrome: keep what colour meant visible. */
			if (!colour && a == A_NORMAL && (fg >= 0 || bg >= 0))
				a = bg >= 0 ? A_REVERSE : A_BOLD;
			app->attr[e] = a;
			continue;
		}
		if (COLORS < 256) {
			if (fg >= 8 && fg < 16)
				a |= A_BOLD;
			fg = colour8(fg);
			bg = colour8(bg);
		}
		for (p = 0; p < npairs; p++)
			if (pairs[p][0] == fg && pairs[p][1] == bg)
				break;
		if (p == npairs) {
			if (npairs + 1 >= COLOR_PAIRS || npairs == 63) {
				app->attr[e] = a | A_BOLD;
				continue;
			}
			pairs[npairs][0] = fg;
			pairs[npairs][1] = bg;
			init_pair((short)(npairs + 1), fg, bg);
			npairs++;
		}
		app->attr[e] = a | COLOR_PAIR(p + 1);
	}
}

attr_t
seg_attr(struct app *app, const char *seg)
{
	static const struct { const char *name; enum theme_elem e; } t[] = {
		{ "vip", TH_SEG_VIP }, { "key", TH_SEG_KEY },
		{ "at_risk", TH_SEG_AT_RISK }, { "new", TH_SEG_NEW },
	};

	for (size_t i = 0; seg != NULL && i < sizeof t / sizeof t[0]; i++)
		if (strcmp(seg, t[i].name) == 0)
			return app->attr[t[i].e];
	return app->attr[TH_SEG_NORMAL];
}

attr_t
outcome_attr(struct app *app, const char *o)
{
	if (o == NULL)
		return app->attr[TH_DIM];
	if (strcmp(o, "delighted") == 0)
		return app->attr[TH_OUT_DELIGHTED];
	if (strcmp(o, "disappointed") == 0)
		return app->attr[TH_OUT_DISAPPOINTED];
	return app->attr[TH_OUT_SATISFIED];
}

void
draw_fill(WINDOW *w, int y, int x, int cols, attr_t a)
{
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	for (int i = 0; i < cols; i++)
		mvwaddch(w, y, x + i, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
}

void
draw_text(WINDOW *w, int y, int x, int cols, const char *text, attr_t a)
{
	char *safe, *cut;

	if (cols <= 0 || text == NULL)
		return;
	safe = utf8_sanitise(text, false);
	cut = utf8_ellipsise(safe, cols);
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	mvwaddstr(w, y, x, cut);
	wattr_set(w, A_NORMAL, 0, NULL);
	free(cut);
	free(safe);
}

int
draw_wrap(const char *text, int cols, int **starts, int **lens)
{
	size_t len = strlen(text), i = 0, line = 0, brk = 0;
	int width = 0, n = 0, *s = NULL, *l = NULL;

	if (cols < 2)
		cols = 2;
	while (i <= len) {
		uint32_t cp = 0;
		int cl = i < len ? utf8_decode(text + i, len - i, &cp) : 0;
		int cw = (i < len && cp != '\n') ? utf8_cp_width(cp) : 0;

		/* Measure what utf8_sanitise draws: ^X for C0 and DEL,
		 * <U+XXXX> for C1, bidi overrides and line separators. */
		if (i < len && cp != '\n' && (cp < 0x20 || cp == 0x7f))
			cw = 2;
		else if (i < len && ((cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 &&
		    cp <= 0x2069) || cp == 0x2028 || cp == 0x2029))
			cw = 8;
		if (i == len || cp == '\n' || width + cw > cols) {
			size_t end = i;

			if (i < len && cp != '\n' && brk > line)
				end = brk;	/* break after a space */
			s = xreallocarray(s, n + 1, sizeof *s);
			l = xreallocarray(l, n + 1, sizeof *l);
			s[n] = (int)line;
			l[n] = (int)(end - line);
			n++;
			if (i == len)
				break;
			if (cp == '\n') {
				i += cl;
				line = i;
			} else
				line = end;
			brk = line;
			width = 0;
			/* Re-measure what moved to the new line. */
			for (size_t j = line; j < i;) {
				uint32_t c2;
				j += utf8_decode(text + j, len - j, &c2);
				width += utf8_cp_width(c2);
			}
			continue;
		}
		width += cw;
		i += cl;
		if (cp == ' ' || utf8_is_cjk(cp))
			brk = i;
	}
	if (starts != NULL)
		*starts = s;
	else
		free(s);
	if (lens != NULL)
		*lens = l;
	else
		free(l);
	return n;
}

void
draw_box(WINDOW *w, const char *title, attr_t border, attr_t title_attr)
{
	int cols = getmaxx(w);

	wattr_set(w, border, PAIR_NUMBER(border), NULL);
	box(w, 0, 0);
	wattr_set(w, A_NORMAL, 0, NULL);
	if (title != NULL && cols > 6) {
		mvwaddch(w, 0, 1, ' ');
		draw_text(w, 0, 2, cols - 5, title, title_attr);
		waddch(w, ' ');
	}
}

struct word {
	const char *value;
	const char *label;	/* N_() */
};

static const struct word outcomes[] = {
	{ "delighted", N_("delighted 惊喜") },
	{ "satisfied", N_("satisfied 满意") },
	{ "disappointed", N_("disappointed 失望") },
	{ NULL, NULL }
};

static const struct word dispositions[] = {
	{ "resolved", N_("resolved") }, { "callback", N_("callback") },
	{ "escalated", N_("escalated") }, { "complaint", N_("complaint") },
	{ "sale", N_("sale") }, { "info", N_("info") },
	{ "no_answer", N_("no answer") }, { "wrong_number", N_("wrong number") },
	{ "unresolved", N_("unresolved") }, { NULL, NULL }
};

static const struct word segments[] = {
	{ "vip", N_("VIP") }, { "key", N_("key") }, { "normal", N_("normal") },
	{ "at_risk", N_("at risk") }, { "new", N_("new") }, { NULL, NULL }
};

static const struct word channels[] = {
	{ "phone", N_("phone") }, { "visit", N_("visit") },
	{ "email", N_("email") }, { "chat", N_("chat") }, { "sms", N_("sms") },
	{ NULL, NULL }
};

static const char *
word(const struct word *t, const char *v)
{
	for (; v != NULL && t->value != NULL; t++)
		if (strcmp(t->value, v) == 0)
			return _(t->label);
	return v != NULL ? v : "";
}

static const struct word states[] = {
	{ "available", N_("available") }, { "on_call", N_("on call") },
	{ "wrap_up", N_("wrap-up") }, { "paused", N_("paused") },
	{ "offline", N_("offline") }, { NULL, NULL }
};

static const struct word reasons[] = {
	{ "break", N_("break") }, { "lunch", N_("lunch") },
	{ "training", N_("training") }, { "meeting", N_("meeting") },
	{ "coaching", N_("coaching") }, { "other", N_("other") },
	{ NULL, NULL }
};

const char *
word_state(const char *v)
{
	return word(states, v);
}

const char *
word_reason(const char *v)
{
	return word(reasons, v);
}

const char *
word_outcome(const char *v)
{
	return word(outcomes, v);
}

const char *
word_disposition(const char *v)
{
	return word(dispositions, v);
}

const char *
word_segment(const char *v)
{
	return word(segments, v);
}

const char *
word_channel(const char *v)
{
	return word(channels, v);
}

/* "5m ago", "in 2h", "now" — in the agent's language. */
const char *
rel_time(int64_t t, int64_t now, char *buf, size_t len)
{
	int64_t d = t > now ? t - now : now - t;
	long long n;
	const char *unit;

	if (d < 5) {
		snprintf(buf, len, "%s", _("now"));
		return buf;
	}
	if (d < 60)
		n = d, unit = _("s");
	else if (d < 3600)
		n = d / 60, unit = _("min");
	else if (d < 86400)
		n = d / 3600, unit = _("h");
	else
		n = d / 86400, unit = _("d");
	if (t > now)
		snprintf(buf, len, _("in %lld %s"), n, unit);
	else
		snprintf(buf, len, _("%lld %s ago"), n, unit);
	return buf;
}

/* The loyalty ladder's stage in the agent's language. */
const char *
word_loyalty(int l)
{
	static const char *const labels[] = {
		N_("no history yet"), N_("stable quality"),
		N_("moments of delight"), N_("lasting satisfaction"),
		N_("trust"), N_("emotional loyalty"), N_("behavioural loyalty"),
	};

	if (l < 0 || l >= (int)(sizeof labels / sizeof labels[0]))
		l = 0;
	return _(labels[l]);
}
