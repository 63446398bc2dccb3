/*
 * prompt.c — line editing (UTF-8, CJK widths), the pop-by-phone prompt and
 * yes/no questions.
 *
 * struct edit holds a NUL-terminated UTF-8 buffer and a byte cursor that
 * always sits on a character boundary. Multi-line edits (notes) take Enter
 * as a newline and move Up/Down between the wrapped lines on screen.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/call.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/phone.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

#define EDIT_MAX (64 * 1024)

void
edit_init(struct edit *e, const char *text, bool multiline)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	edit_set(e, text);
}

void
edit_free(struct edit *e)
{
	free(e->buf);
	e->buf = NULL;
}

void
edit_set(struct edit *e, const char *text)
{
	size_t n = text != NULL ? strlen(text) : 0;

	if (n + 1 > e->cap) {
		e->cap = n + 64;
		e->buf = xrealloc(e->buf, e->cap);
	}
	memcpy(e->buf, text != NULL ? text : "", n);
	e->buf[n] = '\0';
	e->len = e->cur = n;
	e->scroll = 0;
}

/* Byte offset of the character before OFF. */
static size_t
prev_char(const struct edit *e, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)e->buf[off] & 0xc0) == 0x80)
		off--;
	return off;
}

static size_t
next_char(const struct edit *e, size_t off)
{
	uint32_t cp;

	if (off >= e->len)
		return e->len;
	return off + utf8_decode(e->buf + off, e->len - off, &cp);
}

static void
insert(struct edit *e, const char *s, size_t n)
{
	if (e->len + n > EDIT_MAX)
		return;
	if (e->len + n + 1 > e->cap) {
		e->cap = (e->len + n + 1) * 2;
		e->buf = xrealloc(e->buf, e->cap);
	}
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, s, n);
	e->len += n;
	e->cur += n;
}

static void
edit_erase(struct edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

/* Start of the line (logical, by '\n') holding OFF. */
static size_t
line_start(const struct edit *e, size_t off)
{
	while (off > 0 && e->buf[off - 1] != '\n')
		off--;
	return off;
}

static size_t
line_end(const struct edit *e, size_t off)
{
	while (off < e->len && e->buf[off] != '\n')
		off++;
	return off;
}

/* Columns from START to OFF. */
static int
cols_between(const struct edit *e, size_t start, size_t off)
{
	int w = 0;

	while (start < off) {
		uint32_t cp;
		start += utf8_decode(e->buf + start, e->len - start, &cp);
		w += utf8_cp_width(cp);
	}
	return w;
}

/* The offset in the line starting at START closest to column COL. */
static size_t
at_column(const struct edit *e, size_t start, int col)
{
	int w = 0;

	while (start < e->len && e->buf[start] != '\n') {
		uint32_t cp;
		int l = utf8_decode(e->buf + start, e->len - start, &cp);
		if (w + utf8_cp_width(cp) > col)
			break;
		w += utf8_cp_width(cp);
		start += l;
	}
	return start;
}

bool
edit_key(struct edit *e, struct key k)
{
	char enc[8];
	size_t s;

	if (k.fn) {
		switch ((int)k.ch) {
		case KEY_LEFT:
			e->cur = prev_char(e, e->cur);
			return true;
		case KEY_RIGHT:
			e->cur = next_char(e, e->cur);
			return true;
		case KEY_HOME:
			e->cur = line_start(e, e->cur);
			return true;
		case KEY_END:
			e->cur = line_end(e, e->cur);
			return true;
		case KEY_BACKSPACE:
			if (e->cur > 0)
				edit_erase(e, prev_char(e, e->cur), e->cur);
			return true;
		case KEY_DC:
			if (e->cur < e->len)
				edit_erase(e, e->cur, next_char(e, e->cur));
			return true;
		case KEY_UP:
		case KEY_DOWN:
			if (!e->multiline)
				return false;
			s = line_start(e, e->cur);
			if (k.ch == KEY_UP) {
				if (s == 0)
					return false;
				e->cur = at_column(e, line_start(e, s - 1),
				    cols_between(e, s, e->cur));
			} else {
				size_t end = line_end(e, e->cur);
				if (end >= e->len)
					return false;
				e->cur = at_column(e, end + 1,
				    cols_between(e, s, e->cur));
			}
			return true;
		case KEY_ENTER:
			if (!e->multiline)
				return false;
			insert(e, "\n", 1);
			return true;
		default:
			return false;
		}
	}
	switch (k.ch) {
	case 1:		/* C-a */
		e->cur = line_start(e, e->cur);
		return true;
	case 5:		/* C-e */
		e->cur = line_end(e, e->cur);
		return true;
	case 8:		/* C-h */
	case 127:
		if (e->cur > 0)
			edit_erase(e, prev_char(e, e->cur), e->cur);
		return true;
	case 4:		/* C-d */
		if (e->cur < e->len)
			edit_erase(e, e->cur, next_char(e, e->cur));
		return true;
	case 11:	/* C-k: to end of line */
		edit_erase(e, e->cur, line_end(e, e->cur));
		return true;
	case 21:	/* C-u: to start of line */
		s = line_start(e, e->cur);
		edit_erase(e, s, e->cur);
		return true;
	case 23:	/* C-w: the word before the cursor */
		s = e->cur;
		while (s > 0 && e->buf[s - 1] == ' ')
			s--;
		while (s > 0 && e->buf[s - 1] != ' ' && e->buf[s - 1] != '\n')
			s = prev_char(e, s);
		edit_erase(e, s, e->cur);
		return true;
	case '\r':
	case '\n':
		if (!e->multiline)
			return false;
		insert(e, "\n", 1);
		return true;
	default:
		break;
	}
	/* Printable characters only: controls never enter the text. */
	if (k.ch < 0x20 || k.ch == 0x7f || (k.ch >= 0x80 && k.ch < 0xa0) ||
	    k.ch > 0x10ffff || (k.ch >= 0xd800 && k.ch <= 0xdfff))
		return false;
	insert(e, enc, (size_t)utf8_encode((uint32_t)k.ch, enc));
	return true;
}

void
edit_draw_line(WINDOW *w, int y, int x, int cols, struct edit *e, attr_t a,
    int *cx)
{
	int before = cols_between(e, 0, e->cur);
	size_t start = 0;
	int skip;

	if (cols < 2)
		return;
	if (before - e->scroll >= cols)
		e->scroll = before - cols + 1;
	if (before < e->scroll)
		e->scroll = before;
	skip = e->scroll;
	/* Skip whole characters worth SKIP columns. */
	while (skip > 0 && start < e->len) {
		uint32_t cp;
		start += utf8_decode(e->buf + start, e->len - start, &cp);
		skip -= utf8_cp_width(cp);
	}
	draw_fill(w, y, x, cols, a);
	draw_text(w, y, x, cols, e->buf + start, a);
	*cx = x + before - e->scroll - (skip < 0 ? skip : 0);
}

void
edit_draw_area(WINDOW *w, int y, int x, int rows, int cols, struct edit *e,
    attr_t a, int *cy, int *cx)
{
	int *starts, *lens, n, line = 0, top;

	n = draw_wrap(e->buf, cols - 1, &starts, &lens);
	for (int i = 0; i < n; i++)
		if ((size_t)starts[i] <= e->cur)
			line = i;
	top = line >= rows ? line - rows + 1 : 0;
	for (int r = 0; r < rows; r++) {
		draw_fill(w, y + r, x, cols, a);
		if (top + r < n) {
			char *seg = xstrndup(e->buf + starts[top + r],
			    (size_t)lens[top + r]);
			draw_text(w, y + r, x, cols, seg, a);
			free(seg);
		}
	}
	*cy = y + line - top;
	*cx = x + cols_between(e, (size_t)starts[line], e->cur);
	free(starts);
	free(lens);
}

/* ---- The pop-by-phone prompt: what a screen pop does by hand. ---- */

/* A popped number is a call: offered and answered by this agent now, so
 * it counts in the figures and the agent shows on_call. Logging the
 * contact ends it. */
static void
call_start(struct app *app, const char *number)
{
	char *cause = NULL;
	int64_t id, now = when_now();

	if (app->call_id != 0)
		return;		/* already on a call: this is a lookup */
	/* Offered and answered together, or not at all: a half-made call
	 * would wait in the queue forever. */
	if (db_begin(app->db) != 0 || call_offer(app->db, number, NULL, now,
	    app->opt->agent, &id, &cause) != 0 || call_answer(app->db, id,
	    app->opt->agent, now, app->opt->agent, &cause) != 0 ||
	    db_commit(app->db) != 0) {
		db_rollback(app->db);
		app_alert(app, ALERT_ERROR, 0, "%s", cause != NULL ? cause :
		    db_errmsg(app->db));
		free(cause);
		return;
	}
	app->call_id = id;
}

struct pop {
	struct edit	 edit;
};

static void
pop_free(void *p)
{
	struct pop *pop = p;

	edit_free(&pop->edit);
	free(pop);
}

static void
pop_draw(struct app *app, WINDOW *w)
{
	struct pop *pop = app->ovdata;
	int cols = getmaxx(w), cx;

	werase(w);
	draw_box(w, _("Pop by phone"), app->attr[TH_BORDER],
	    app->attr[TH_TITLE_FOCUS]);
	draw_text(w, 1, 2, cols - 4, _("Caller's number (any format):"),
	    app->attr[TH_LABEL]);
	edit_draw_line(w, 2, 2, cols - 4, &pop->edit, app->attr[TH_FIELD_FOCUS],
	    &cx);
	draw_text(w, 3, 2, cols - 4, _("Enter opens the customer, Esc cancels"),
	    app->attr[TH_DIM]);
	app->ov_cy = 2;
	app->ov_cx = cx;
}

struct create_arg {
	char	*phone;
};

static void
create_yes(struct app *app, void *arg)
{
	struct create_arg *c = arg;

	form_profile_open(app, 0, c->phone);
}

static void
create_free(void *arg)
{
	struct create_arg *c = arg;

	free(c->phone);
	free(c);
}

static bool
pop_key(struct app *app, struct key k)
{
	struct pop *pop = app->ovdata;
	struct create_arg *arg;
	char *cause = NULL, e164[24], *q;
	const char *why;
	int64_t *ids;
	int n;

	if (!k.fn && k.ch == 27)
		return false;
	if (!((k.fn && k.ch == KEY_ENTER) || (!k.fn && (k.ch == '\r' ||
	    k.ch == '\n')))) {
		edit_key(&pop->edit, k);
		app->dirty |= DIRTY_OVERLAY;
		return true;
	}
	if (phone_normalise(pop->edit.buf, phone_default_cc(), e164,
	    sizeof e164, &why) != 0) {
		app_alert(app, ALERT_ERROR, 0, _("Not a phone number: %s"), why);
		return true;
	}
	n = customer_find_phone(app->db, pop->edit.buf, &ids, &cause);
	if (n < 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
		return true;
	}
	if (n > 1)
		app_alert(app, ALERT_INFO, 0, _("%d customers share %s; "
		    "showing the most recent"), n, e164);
	call_start(app, pop->edit.buf);
	if (n > 0) {
		app_overlay_close(app);
		app_open_customer(app, ids[0]);
		free(ids);
		return true;
	}
	free(ids);
	arg = xcalloc(1, sizeof *arg);
	arg->phone = xstrdup(pop->edit.buf);
	q = xasprintf(_("No customer has %s. Create one? (y/n)"), e164);
	app_overlay_close(app);
	confirm_open(app, q, create_yes, arg, create_free);
	free(q);
	return true;
}

static const struct overlay pop_overlay = {
	"pop", 5, pop_draw, pop_key, pop_free
};

void
pop_open(struct app *app)
{
	struct pop *pop = xcalloc(1, sizeof *pop);

	edit_init(&pop->edit, "", false);
	app_overlay(app, &pop_overlay, pop);
}

/* ---- Yes/no questions. ---- */

struct confirm {
	char	*question;
	void	 (*yes)(struct app *, void *);
	void	*arg;
	void	 (*arg_free)(void *);
};

static void
confirm_free(void *p)
{
	struct confirm *c = p;

	if (c->arg_free != NULL)
		c->arg_free(c->arg);
	free(c->question);
	free(c);
}

static void
confirm_draw(struct app *app, WINDOW *w)
{
	struct confirm *c = app->ovdata;

	werase(w);
	draw_box(w, NULL, app->attr[TH_BORDER], app->attr[TH_TITLE]);
	draw_text(w, 1, 2, getmaxx(w) - 4, c->question, app->attr[TH_NORMAL]);
	app->ov_cy = -1;
}

static bool
confirm_key(struct app *app, struct key k)
{
	struct confirm *c = app->ovdata;
	void (*yes)(struct app *, void *) = c->yes;
	void *arg = c->arg;
	void (*arg_free)(void *) = c->arg_free;

	if (k.fn || (k.ch != 'y' && k.ch != 'Y' && k.ch != 'n' && k.ch != 'N' &&
	    k.ch != 27))
		return true;
	if (k.ch == 'y' || k.ch == 'Y') {
		/* Run after closing: YES may open another overlay. */
		c->arg_free = NULL;
		app_overlay_close(app);
		yes(app, arg);
		if (arg_free != NULL)
			arg_free(arg);
		return true;
	}
	return false;
}

static const struct overlay confirm_overlay = {
	"confirm", 3, confirm_draw, confirm_key, confirm_free
};

void
confirm_open(struct app *app, const char *question,
    void (*yes)(struct app *, void *), void *arg, void (*arg_free)(void *))
{
	struct confirm *c = xcalloc(1, sizeof *c);

	c->question = xstrdup(question);
	c->yes = yes;
	c->arg = arg;
	c->arg_free = arg_free;
	app_overlay(app, &confirm_overlay, c);
}
