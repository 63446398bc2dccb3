/*
 * ui.h — the console: the only part of kefu that includes curses.
 */
#ifndef KEFU_UI_H
#define KEFU_UI_H

struct db;

struct ui_options {
	const char	*agent;		/* acting agent login (registered) */
	const char	*theme;		/* theme name or NULL for the config's */
	const char	*db_path;
	const char	*cti;		/* softphone ctrl_tcp HOST:PORT or NULL */
};

/* Run the console on DB until the agent quits. 0, or -1 with *cause. */
int ui_run(struct db *, const struct ui_options *, char **cause);

#endif
