/*
 * app.c — the console's loop glue.
 *
 * One uv loop: stdin is a uv_poll_t drained with get_wch() until ERR;
 * SIGWINCH is a uv_signal_t started before curses so ncurses installs no
 * handler of its own; a 1 s timer ticks the clock, expires alerts, writes
 * stale drafts and checks PRAGMA data_version for other processes' commits;
 * a uv_prepare_t draws what is dirty, once per loop turn, with one
 * doupdate(). An idle console wakes once a second.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "kefu/agent.h"
#include "kefu/call.h"
#include "kefu/complaint.h"
#include "kefu/config.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/draft.h"
#include "kefu/followup.h"
#include "kefu/loyalty.h"
#include "kefu/remind.h"
#include "kefu/theme.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui-int.h"

#define HISTORY_MAX 200

const struct view *const app_views[PANE_COUNT] = {
	&view_profile, &view_history, &view_script
};

const char *
app_date(struct app *app, int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	size_t n = 0;

	/* The agent chooses the format in the config. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&tt, &tm) != NULL)
		n = strftime(buf, len, app->date_format, &tm);
#pragma GCC diagnostic pop
	if (n == 0)
		return when_format(t, buf, len);
	return buf;
}

/* Count what is due for this agent (own and pool) for the top bar. */
void
app_load_due(struct app *app)
{
	int n, total = 0;
	const char *owners[] = { app->opt->agent, FOLLOWUP_POOL };

	for (int i = 0; i < 2; i++)
		if ((n = followup_count(app->db, FOLLOWUP_DUE, owners[i],
		    app->now)) > 0)
			total += n;
	if (total != app->due_count) {
		app->due_count = total;
		app->dirty |= DIRTY_TOP;
	}
	app_load_state(app);
}

void
app_reload(struct app *app)
{
	struct loyalty_stats ls;
	char *cause = NULL;
	int64_t id;
	int n;

	app_load_due(app);
	remind_changed(app->remind);
	if (app->cust == NULL)
		return;
	id = app->cust->id;
	/* Before the reads: a commit between them costs one more reload,
	 * never a stale screen. */
	app->cust_fp = customer_fingerprint(app->db, id);
	customer_free(app->cust);
	app->cust = NULL;
	if (customer_get(app->db, id, &app->cust, &cause) <= 0)
		goto fail;
	contact_list_free(app->hist, app->nhist);
	app->hist = NULL;
	app->nhist = 0;
	if ((n = contact_list(app->db, id, HISTORY_MAX, &app->hist, &cause)) < 0)
		goto fail;
	app->nhist = n;
	if (app->hist_sel >= n)
		app->hist_sel = n > 0 ? n - 1 : 0;
	if (followup_next_for(app->db, id, &app->next_followup, &cause) < 0 ||
	    followup_next_need(app->db, id, &app->next_need, &cause) < 0)
		goto fail;
	n = complaint_count_open(app->db, id);
	app->open_complaints = n > 0 ? n : 0;
	if (loyalty_stats(app->db, id, &ls, &cause) < 0)
		goto fail;
	app->loyalty = loyalty_stage(&ls);
	app->dirty |= DIRTY_PROFILE | DIRTY_HISTORY | DIRTY_SCRIPT | DIRTY_TOP;
	return;
fail:
	app_alert(app, ALERT_ERROR, 0, "%s", cause != NULL ? cause : "?");
	free(cause);
	app->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

void
app_open_customer(struct app *app, int64_t id)
{
	struct customer *c;
	char *cause = NULL;

	if (customer_get(app->db, id, &c, &cause) <= 0) {
		app_alert(app, ALERT_ERROR, 0, _("Customer %lld not found %s"),
		    (long long)id, cause != NULL ? cause : "");
		free(cause);
		return;
	}
	customer_free(app->cust);
	app->cust = c;
	app->hist_sel = app->hist_top = app->prof_top = app->script_sel = 0;
	app->hist_open = -1;
	app_reload(app);
	script_open(app);
}

void
app_overlay(struct app *app, const struct overlay *ov, void *data)
{
	if (app->ov != NULL)
		app_overlay_close(app);
	app->ov = ov;
	app->ovdata = data;
	app->dirty |= DIRTY_LAYOUT;
}

void
app_overlay_close(struct app *app)
{
	const struct overlay *ov = app->ov;
	void *data = app->ovdata;

	if (ov == NULL)
		return;
	app->ov = NULL;
	app->ovdata = NULL;
	if (ov->free != NULL)
		ov->free(data);
	app->dirty |= DIRTY_LAYOUT;
}

static void load_theme_named(struct app *, const char *);

static void
quit_yes(struct app *app, void *arg)
{
	(void)arg;
	app->quit = true;
	uv_stop(&app->loop);
}

/* Cycle default → light → mono and keep the choice in the config (saved
 * atomically: a crash mid-write leaves the old file). */
static void
theme_next(struct app *app)
{
	static const char *const names[] = { "default", "light", "mono" };
	const char *cur = config_get(app->config, "theme");
	char *cause = NULL;
	int i = 0;

	for (int k = 0; k < 3; k++)
		if (cur != NULL && strcmp(cur, names[k]) == 0)
			i = (k + 1) % 3;
	if (cur == NULL)
		i = 1;
	if (config_set(app->config, "theme", names[i], &cause) != 0 ||
	    config_save(app->config, &cause) != 0) {
		app_alert(app, ALERT_ERROR, 0, "%s", cause);
		free(cause);
	}
	load_theme_named(app, names[i]);
	theme_apply(app);
	app->dirty |= DIRTY_LAYOUT;
	app_alert(app, ALERT_INFO, 0, _("Theme: %s"), names[i]);
}

/* What a key does outside overlays. */
static void
dispatch(struct app *app, enum action a)
{
	if (app->too_small && a != ACT_QUIT)
		return;
	if (app_views[app->focus]->action != NULL &&
	    app_views[app->focus]->action(app, a))
		return;
	if (view_script.action(app, a))	/* script keys work from any pane */
		return;
	switch (a) {
	case ACT_SEARCH:
		search_open(app);
		break;
	case ACT_POP:
		pop_open(app);
		break;
	case ACT_LOG:
		form_log_open(app);
		break;
	case ACT_FOLLOWUP:
		form_followup_open(app);
		break;
	case ACT_EDIT:
		if (app->cust != NULL)
			form_profile_open(app, app->cust->id, NULL);
		else
			app_alert(app, ALERT_WARN, 0, "%s",
			    _("Open a customer first (/ or p)."));
		break;
	case ACT_NEW:
		form_profile_open(app, 0, NULL);
		break;
	case ACT_FOCUS:
		app->focus = (app->focus + 1) % PANE_COUNT;
		app->dirty |= DIRTY_PROFILE | DIRTY_HISTORY | DIRTY_SCRIPT;
		break;
	case ACT_OPEN_ALERT:
		for (int i = app->nalerts - 1; i >= 0; i--) {
			if (app->alerts[i].customer != 0) {
				app_open_customer(app, app->alerts[i].customer);
				break;
			}
		}
		break;
	case ACT_DISMISS:
		if (app->nalerts > 0) {
			free(app->alerts[--app->nalerts].text);
			app->dirty |= DIRTY_ALERT;
		}
		break;
	case ACT_HELP:
		help_open(app);
		break;
	case ACT_FOLLOWUPS:
		followups_open(app);
		break;
	case ACT_QUEUE:
		queue_open(app);
		break;
	case ACT_PAUSE:
		pause_open(app);
		break;
	case ACT_AVAILABLE:
		if (app->call_id != 0 && app->call_id != app->cti_ended)
			call_end(app->db, app->call_id, when_now(),
			    app->opt->agent, NULL);
		app->call_id = 0;
		call_wrapup_done(app->db, app->opt->agent, when_now(), NULL);
		agent_set_state(app->db, app->opt->agent, "available", NULL,
		    app->opt->agent, NULL);
		app_reload(app);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		app->dirty |= DIRTY_LAYOUT;
		break;
	case ACT_THEME:
		theme_next(app);
		break;
	case ACT_QUIT:
		if (draft_count(app->opt->agent) > 0) {
			confirm_open(app, _("Unsaved drafts are kept and reopen "
			    "with their forms. Quit? (y/n)"), quit_yes, NULL, NULL);
			break;
		}
		app->quit = true;
		uv_stop(&app->loop);
		break;
	default:
		break;
	}
}

static void
on_key(struct app *app, struct key k)
{
	const struct overlay *ov = app->ov;
	void *data = app->ovdata;

	if ((k.fn && k.ch == KEY_RESIZE) || cti_view_key(app, k))
		return;		/* SIGWINCH is ours; F5/F6 work anywhere */
	if (ov != NULL) {
		if (!ov->key(app, k) && app->ov == ov && app->ovdata == data)
			app_overlay_close(app);
		app->dirty |= DIRTY_OVERLAY;
		return;
	}
	dispatch(app, keys_action(k));
}

static void
on_input(uv_poll_t *h, int status, int events)
{
	struct app *app = h->data;
	struct key k;
	wint_t ch;
	bool got = false;
	int rc, avail = 0;

	(void)events;
	if (status < 0) {
		/* The terminal is gone (SSH dropped): keep what was typed
		 * and leave, so the agent shows offline. */
		form_stash(app);
		app->quit = true;
		uv_stop(&app->loop);
		return;
	}
	while ((rc = get_wch(&ch)) != ERR) {
		got = true;
		k.fn = rc == KEY_CODE_YES;
		k.ch = ch;
		on_key(app, k);
		if (app->quit)
			return;
	}
	/* Readable with nothing to read, again and again: end of file (the
	 * terminal went away without a SIGHUP). Leave instead of spinning. */
	if (!got && ioctl(STDIN_FILENO, FIONREAD, &avail) == 0 && avail == 0 &&
	    ++app->empty_reads >= 10) {
		form_stash(app);
		app->quit = true;
		uv_stop(&app->loop);
	} else if (got)
		app->empty_reads = 0;
}

static void check_changes(struct app *);

static void
on_tick(uv_timer_t *h)
{
	struct app *app = h->data;
	int64_t now = when_now();

	if (now != app->now) {
		app->now = now;
		app->dirty |= DIRTY_TOP;
		if (app->ov == &queue_overlay)
			app->dirty |= DIRTY_OVERLAY;	/* its clocks */
	}
	for (int i = 0; i < app->nalerts; i++) {
		if (app->alerts[i].expires == 0 || app->alerts[i].expires > now)
			continue;
		free(app->alerts[i].text);
		memmove(&app->alerts[i], &app->alerts[i + 1],
		    (size_t)(app->nalerts - i - 1) * sizeof app->alerts[0]);
		app->nalerts--;
		i--;
		app->dirty |= DIRTY_ALERT;
	}
	form_tick(app);
	if (now - app->last_beat >= 10) {
		app->last_beat = now;
		/* inotify reports this write too: one more epoll_wait that
		 * returns at once every 10 s (no sleep between), measured
		 * 1.10 calls/s idle; on_wal ignores it. Unwatching around the
		 * write does not help: removing a watch queues IN_IGNORED. */
		agent_heartbeat(app->db, app->opt->agent, now);
		app->own_write = uv_now(&app->loop);
	}
	remind_maintain(app->remind);
	check_changes(app);
}

/* Another process committed: reload what is on screen. */
static void
check_changes(struct app *app)
{
	int64_t v = db_data_version(app->db), fp;

	app->last_check = uv_now(&app->loop);
	if (v < 0 || v == app->data_version)
		return;
	app->data_version = v;
	/* Most commits are other agents' heartbeats and contacts: refresh
	 * the cheap things, and the customer on screen only when something
	 * of theirs changed. */
	app_load_due(app);
	remind_changed(app->remind);
	if (app->cust != NULL && (fp = customer_fingerprint(app->db,
	    app->cust->id)) != app->cust_fp)
		app_reload(app);
	if (app->ov == &queue_overlay)
		queue_reload(app);
}

static void
on_settled(uv_timer_t *h)
{
	check_changes(h->data);
}

/* The WAL file changed: at most 4 checks a second however busy the site
 * (500 agents' heartbeats alone are 50 commits a second). The 1 s tick
 * stays as the fallback where inotify cannot see. */
static void
on_wal(uv_fs_event_t *h, const char *file, int events, int status)
{
	struct app *app = h->data;
	uint64_t now = uv_now(&app->loop), next = app->last_check + 250;

	(void)file;
	(void)events;
	if (status != 0 || uv_is_active((uv_handle_t *)&app->settle))
		return;
	/* Our own heartbeat just now: nothing to look at (another process's
	 * commit in these few ms is caught by the next 1 s tick). */
	if (now - app->own_write < 10)
		return;
	/* inotify sees the WAL frames being written, a moment before the
	 * commit is published: look 5 ms later, and at most every 250 ms. */
	uv_timer_start(&app->settle, on_settled, next > now + 5 ? next - now :
	    5, 0);
}

static void
on_winch(uv_signal_t *h, int signum)
{
	struct app *app = h->data;
	struct winsize ws;

	(void)signum;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	app->dirty |= DIRTY_LAYOUT;
}

static void
on_term(uv_signal_t *h, int signum)
{
	struct app *app = h->data;

	(void)signum;
	form_stash(app);	/* what was typed survives the hangup */
	app->quit = true;
	uv_stop(&app->loop);
}

static void
on_close(uv_handle_t *h)
{
	(void)h;
}

/* Theme directories: the user's, beside the binary (a build tree), the
 * installed data directory. */
static void
load_theme_named(struct app *app, const char *name)
{
	char *cause = NULL, *user = NULL, *local = NULL, exe[4096];
	const char *dirs[4];
	int n = 0;
	ssize_t len;

	if (app->config_path != NULL) {
		char *slash;
		user = xasprintf("%s", app->config_path);
		if ((slash = strrchr(user, '/')) != NULL)
			strcpy(slash, "/themes");
		dirs[n++] = user;
	}
	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		local = xasprintf("%s/../themes", exe);
		dirs[n++] = local;
	}
	dirs[n++] = KEFU_DATADIR "/themes";
	dirs[n] = NULL;
	if (theme_load(name, dirs, &app->theme, &cause) != 0) {
		app_alert(app, ALERT_ERROR, 0, _("Theme: %s (using the default)"),
		    cause);
		free(cause);
		theme_builtin(&app->theme);
	}
	free(user);
	free(local);
}

static void
load_theme(struct app *app)
{
	const char *name = app->opt->theme;

	if (name == NULL)
		name = config_get(app->config, "theme");
	load_theme_named(app, name != NULL ? name : "default");
}

/* Curses needs a UTF-8 locale for CJK; fall back to C.UTF-8. */
static void
ensure_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static void
app_free(struct app *app)
{
	app_overlay_close(app);
	app_free_windows(app);
	customer_free(app->cust);
	script_close(app);
	contact_list_free(app->hist, app->nhist);
	for (int i = 0; i < app->nalerts; i++)
		free(app->alerts[i].text);
	config_free(app->config);
	free(app->config_path);
	free(app->agent_name);
	free(app->date_format);
	free(app->state);
	free(app->wal_path);
}

int
ui_run(struct db *db, const struct ui_options *opt, char **cause)
{
	struct app app;
	struct agent *me = NULL;
	SCREEN *scr;
	char *warn = NULL, *err = NULL;
	int rc = 0;

	memset(&app, 0, sizeof app);
	app.db = db;
	db_set_busy_timeout(db, 250);	/* never stall the loop for long */
	app.opt = opt;
	app.hist_open = -1;
	app.now = when_now();
	app.config_path = config_default_path();
	if (config_load(app.config_path, &app.config, &err) != 0) {
		app_alert(&app, ALERT_ERROR, 0, "%s", err);
		free(err);
	}
	app.date_format = xstrdup(config_get(app.config, "date_format") ?
	    config_get(app.config, "date_format") : "%Y-%m-%d %H:%M");
	if (agent_get(db, opt->agent, &me, NULL) > 0 && *me->name)
		app.agent_name = xstrdup(me->name);
	else
		app.agent_name = xstrdup(opt->agent);
	agent_free(me);
	load_theme(&app);
	keys_init(app.config, &warn);
	if (warn != NULL) {
		app_alert(&app, ALERT_WARN, 0, "%s", warn);
		free(warn);
	}
	ensure_utf8();

	if (uv_loop_init(&app.loop) != 0) {
		app_free(&app);
		return set_cause(cause, "cannot start the event loop");
	}
	/* Before curses, so ncurses leaves SIGWINCH to us. */
	uv_signal_init(&app.loop, &app.sigwinch);
	app.sigwinch.data = &app;
	uv_signal_start(&app.sigwinch, on_winch, SIGWINCH);
	uv_signal_init(&app.loop, &app.sigterm);
	app.sigterm.data = &app;
	uv_signal_start(&app.sigterm, on_term, SIGTERM);
	uv_signal_init(&app.loop, &app.sighup);
	app.sighup.data = &app;
	uv_signal_start(&app.sighup, on_term, SIGHUP);

	uv_poll_init(&app.loop, &app.input, STDIN_FILENO);
	app.input.data = &app;
	uv_prepare_init(&app.loop, &app.draw);
	app.draw.data = &app;
	uv_timer_init(&app.loop, &app.tick);
	app.tick.data = &app;
	uv_timer_init(&app.loop, &app.settle);
	app.settle.data = &app;
	uv_fs_event_init(&app.loop, &app.walwatch);
	app.walwatch.data = &app;

	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		rc = set_cause(cause, "cannot use this terminal (TERM=%s)",
		    getenv("TERM") ? getenv("TERM") : "");
		goto out;
	}
	set_term(scr);
	raw();			/* Ctrl-S reaches us, not XOFF */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	theme_apply(&app);
	app.dirty = DIRTY_LAYOUT;
	app.bell = config_bool(app.config, "bell", 1);
	app.notify = notify_kind(app.config);
	if (agent_set_state(db, opt->agent, "available", NULL, opt->agent,
	    &err) != 0) {
		app_alert(&app, ALERT_ERROR, 0, "%s", err);
		free(err);
	}
	app.last_beat = app.now;
	app.data_version = db_data_version(db);
	app_load_due(&app);
	struct remind_opts ro = {
		config_int(app.config, "nag_minutes", 0, 1440, 5) * 60,
		config_int(app.config, "pool_after_minutes", 0, 1440, 30) * 60,
	};
	if (remind_start(&app.loop, db, opt->agent, &ro, on_reminders, &app,
	    &app.remind, &err) != 0) {
		app_alert(&app, ALERT_ERROR, 0, "%s", err);
		free(err);
	}
	cti_view_start(&app);
	uv_poll_start(&app.input, UV_READABLE, on_input);
	uv_prepare_start(&app.draw, app_draw);
	uv_timer_start(&app.tick, on_tick, 1000, 1000);
	app.wal_path = xasprintf("%s-wal", opt->db_path);
	if (uv_fs_event_start(&app.walwatch, on_wal, app.wal_path, 0) == 0)
		app.watching = true;
	while (!app.quit && uv_run(&app.loop, UV_RUN_DEFAULT) != 0)
		;
	form_stash(&app);
	agent_set_state(db, opt->agent, "offline", NULL, opt->agent, NULL);
	endwin();
	delscreen(scr);
out:
	remind_stop(app.remind);
	cti_view_stop(&app);
	uv_close((uv_handle_t *)&app.input, on_close);
	uv_close((uv_handle_t *)&app.draw, on_close);
	uv_close((uv_handle_t *)&app.tick, on_close);
	uv_close((uv_handle_t *)&app.settle, on_close);
	uv_close((uv_handle_t *)&app.walwatch, on_close);
	uv_close((uv_handle_t *)&app.sigwinch, on_close);
	uv_close((uv_handle_t *)&app.sigterm, on_close);
	uv_close((uv_handle_t *)&app.sighup, on_close);
	uv_run(&app.loop, UV_RUN_DEFAULT);
	if (uv_loop_close(&app.loop) != 0 && rc == 0)
		rc = set_cause(cause, "event loop did not close cleanly");
	app_free(&app);
	return rc;
}
