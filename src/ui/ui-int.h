/*
 * ui-int.h — what the console's files share: the app state, the pane
 * vtable, the key actions, and the drawing helpers. Only src/ui includes
 * curses; the model comes from core calls and is held here read-only.
 */
#ifndef KEFU_UI_INT_H
#define KEFU_UI_INT_H

#include <curses.h>
#include <libintl.h>
#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

#include "kefu/theme.h"
#include "ui.h"

#define _(s) gettext(s)
#define N_(s) (s)

struct db;
struct config;
struct remind;
struct reminder;
struct customer;
struct contact;
struct app;
struct form;
struct playbook_run;
struct cti_view;

/* Named actions; keys.c maps keys to them (rebindable in the config). */
enum action {
	ACT_NONE = 0,
	ACT_SEARCH, ACT_POP, ACT_LOG, ACT_FOLLOWUP, ACT_EDIT, ACT_NEW,
	ACT_FOCUS, ACT_DOWN, ACT_UP, ACT_PGDN, ACT_PGUP, ACT_HOME, ACT_END,
	ACT_EXPAND, ACT_OPEN_ALERT, ACT_DISMISS, ACT_HELP, ACT_REDRAW,
	ACT_STEP_NEXT, ACT_STEP_BACK, ACT_STEP_TEXT, ACT_SCRIPT_SWITCH,
	ACT_ANSWER_1, ACT_ANSWER_2, ACT_ANSWER_3, ACT_ANSWER_4, ACT_ANSWER_5,
	ACT_ANSWER_6, ACT_ANSWER_7, ACT_ANSWER_8, ACT_ANSWER_9,
	ACT_FOLLOWUPS, ACT_QUEUE, ACT_PAUSE, ACT_AVAILABLE, ACT_THEME, ACT_QUIT,
	ACT_ANSWER_CALL, ACT_HANGUP_CALL,
	ACT_COUNT
};

struct key_def {
	enum action	 action;
	const char	*name;		/* config name: key.NAME */
	const char	*keys;		/* default keys, space separated */
	const char	*label;		/* N_() help text */
};

extern const struct key_def key_defs[];

/* A key as get_wch returns it: a character or a KEY_* code. */
struct key {
	int		 fn;		/* 1 if a KEY_* code */
	wint_t		 ch;
};

/* Load the default bindings and the config's key.* overrides. */
void keys_init(const struct config *, char **warning);
/* The action bound to K, or ACT_NONE. */
enum action keys_action(struct key k);
/* The first key bound to A, as text ("/", "Tab", "C-s"). */
const char *keys_label(enum action a);
/* Parse a key name ("x", "Tab", "C-s", "F10", "Down"); 0 or -1. */
int keys_parse(const char *name, struct key *out);

/* Panes (tmux window_mode style): each one a const vtable. */
enum pane { PANE_PROFILE, PANE_HISTORY, PANE_SCRIPT, PANE_COUNT };

struct view {
	const char	*name;
	const char	*title;		/* N_() */
	void		 (*draw)(struct app *, WINDOW *, bool focused);
	/* Handle an action while focused; true if used. */
	bool		 (*action)(struct app *, enum action);
};

extern const struct view view_profile, view_history, view_script;

/* Overlays take the keyboard while open (search, prompt, form, help). */
struct overlay {
	const char	*name;
	int		 rows;		/* 0: most of the screen */
	void		 (*draw)(struct app *, WINDOW *);
	/* A key; returns false to close the overlay. */
	bool		 (*key)(struct app *, struct key);
	/* Free app->ovdata (may be NULL). */
	void		 (*free)(void *);
};

enum alert_level { ALERT_INFO, ALERT_WARN, ALERT_ERROR, ALERT_REMIND };

struct alert {
	char		*text;
	enum alert_level level;
	int64_t		 expires;	/* 0 = until dismissed */
	int64_t		 customer;	/* `r` opens this customer, or 0 */
};

#define ALERTS_MAX 16

enum {
	DIRTY_TOP = 1 << 0,
	DIRTY_PROFILE = 1 << 1,
	DIRTY_HISTORY = 1 << 2,
	DIRTY_SCRIPT = 1 << 3,
	DIRTY_ALERT = 1 << 4,
	DIRTY_OVERLAY = 1 << 5,
	DIRTY_LAYOUT = 1 << 6,	/* windows must be rebuilt */
	DIRTY_ALL = 0x7f,
};

struct app {
	struct db	*db;
	const struct ui_options *opt;
	struct config	*config;
	char		*config_path;
	struct theme	 theme;
	attr_t		 attr[TH_COUNT];
	char		*agent_name;
	char		*date_format;

	uv_loop_t	 loop;
	uv_poll_t	 input;
	uv_signal_t	 sigwinch, sigterm, sighup;
	uv_prepare_t	 draw;
	uv_timer_t	 tick;		/* the clock and the change watch, 1 s */
	uv_fs_event_t	 walwatch;	/* other processes' commits, at once */
	uv_timer_t	 settle;	/* coalesces bursts of WAL events */
	bool		 watching;
	char		*wal_path;
	uint64_t	 last_check;	/* loop ms of the last data_version look */
	uint64_t	 own_write;	/* loop ms of our last heartbeat */
	int64_t		 cust_fp;	/* what the customer on screen looked like */
	int64_t		 data_version;
	struct remind	*remind;
	int64_t		 last_beat;	/* heartbeat written, seconds */
	bool		 bell;
	int		 notify;	/* 0 none, 9 OSC 9, 777 OSC 777 */
	char		*state;		/* this agent's, for the top bar */
	char		*state_reason;
	int64_t		 state_since;
	int64_t		 call_id;	/* the call on this console, or 0 */
	int64_t		 cti_ended;	/* a call the softphone already ended */
	struct cti_view	*cti;		/* the softphone link, or NULL */
	int		 empty_reads;	/* stdin readable but empty: EOF */

	unsigned	 dirty;
	bool		 quit;
	bool		 too_small;
	WINDOW		*win[PANE_COUNT];
	WINDOW		*top, *bar, *ovwin;
	int		 focus;

	/* The model on screen. */
	struct customer	*cust;
	struct contact	**hist;
	int		 nhist;
	int		 hist_sel, hist_top, hist_open;	/* open = expanded */
	int		 prof_top;
	int		 script_sel;
	struct playbook_run *run;	/* the script of this contact, or NULL */
	int64_t		 run_customer;	/* whose contact the run belongs to */
	int		 run_pick;	/* which of the ordered playbooks */
	int		 open_complaints;
	int		 loyalty;	/* enum loyalty */
	int64_t		 next_followup;
	int64_t		 next_need;	/* predicted run-out, 0 unknown */
	int		 due_count;
	int64_t		 now;

	struct alert	 alerts[ALERTS_MAX];
	int		 nalerts;

	const struct overlay *ov;
	void		*ovdata;
	int		 ov_cy, ov_cx;	/* cursor in the overlay, -1 hidden */
};

/* app.c */
void app_alert(struct app *, enum alert_level, int64_t customer,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void app_open_customer(struct app *, int64_t id);
void app_reload(struct app *);
/* Due follow-ups and this agent's state, for the top bar. */
void app_load_due(struct app *);
void app_overlay(struct app *, const struct overlay *, void *data);
void app_overlay_close(struct app *);
const char *app_date(struct app *, int64_t t, char *buf, size_t len);

/* layout.c */
extern const struct view *const app_views[PANE_COUNT];
void app_draw(uv_prepare_t *);
void app_free_windows(struct app *);

/* view-alerts.c */
void app_load_state(struct app *);
void draw_bar(struct app *);
int notify_kind(const struct config *);
void on_reminders(void *, const struct reminder *, int n, bool startup);

/* view-cti.c: the softphone link (--cti or the config's `cti`). Start,
 * stop; a key it takes (F5/F6 anywhere, N for an unknown caller); the top
 * bar's link state ("" without a link). */
void cti_view_start(struct app *);
void cti_view_stop(struct app *);
bool cti_view_key(struct app *, struct key);
const char *cti_view_status(struct app *);

/* draw.c: text that came from data is sanitised and cut by width here. */
void draw_text(WINDOW *, int y, int x, int cols, const char *text, attr_t);
/* Wrap TEXT to COLS columns; returns the number of lines, and when LINES is
 * not NULL the byte offsets of each line start (owned). */
int draw_wrap(const char *text, int cols, int **starts, int **lens);
void draw_box(WINDOW *, const char *title, attr_t border, attr_t title_attr);
void draw_fill(WINDOW *, int y, int x, int cols, attr_t);
void theme_apply(struct app *);
attr_t seg_attr(struct app *, const char *segment);
attr_t outcome_attr(struct app *, const char *outcome);

/* Translated display words for table values (dispositions, outcomes). */
const char *word_outcome(const char *);
const char *word_disposition(const char *);
const char *word_segment(const char *);
const char *word_channel(const char *);
const char *word_state(const char *);
const char *word_loyalty(int);
const char *rel_time(int64_t t, int64_t now, char *buf, size_t len);
const char *word_reason(const char *);

/* Overlays (search.c, prompt.c, form.c, help in keys.c). */
void search_open(struct app *);
void pop_open(struct app *);
void help_open(struct app *);
void followups_open(struct app *);
extern const struct overlay queue_overlay;
void queue_open(struct app *);
void queue_reload(struct app *);
void pause_open(struct app *);
/* The start-up batch: what fell due while the console was closed. */
void followups_away(struct app *, const struct reminder *, int n);
/* view-script.c: start the offered playbook when a customer opens (a run
 * for the same customer is kept); start afresh after a contact is logged;
 * free the run. */
void script_open(struct app *);
void script_restart(struct app *);
void script_close(struct app *);
void form_log_open(struct app *);
void form_followup_open(struct app *);
void form_profile_open(struct app *, int64_t id, const char *phone);
void confirm_open(struct app *, const char *question,
    void (*yes)(struct app *, void *), void *arg, void (*arg_free)(void *));
/* Save an open form's text as a draft (on quit and on signals). */
void form_stash(struct app *);
/* Write a stale draft (called by the 1 s tick). */
void form_tick(struct app *);

/* Line editing (prompt.c), shared by prompts, search and forms. */
struct edit {
	char		*buf;
	size_t		 len, cap, cur;	/* cur: byte offset of the cursor */
	int		 scroll;	/* first visible column */
	bool		 multiline;
};

void edit_init(struct edit *, const char *text, bool multiline);
void edit_free(struct edit *);
void edit_set(struct edit *, const char *text);
/* Apply K; true if it changed the text or the cursor. */
bool edit_key(struct edit *, struct key);
/* Draw one line of E at Y,X in COLS columns; sets *cx to the cursor. */
void edit_draw_line(WINDOW *, int y, int x, int cols, struct edit *,
    attr_t, int *cx);
/* Draw E wrapped in ROWS x COLS; sets *cy, *cx to the cursor. */
void edit_draw_area(WINDOW *, int y, int x, int rows, int cols,
    struct edit *, attr_t, int *cy, int *cx);

#endif
