/*
 * app.c — the console's loop glue (minimal screen until the console lands).
 */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>

#include "kefu/xmalloc.h"
#include "ui.h"

int
ui_run(struct db *db, const struct ui_options *o, char **cause)
{
	int ch;

	(void)db;
	if (initscr() == NULL)
		return set_cause(cause, "cannot initialise the terminal");
	raw();
	noecho();
	keypad(stdscr, TRUE);
	mvprintw(0, 0, "kefu — %s", o->agent);
	mvprintw(2, 0, "q quits");
	refresh();
	while ((ch = getch()) != 'q' && ch != ERR)
		;
	endwin();
	return 0;
}
