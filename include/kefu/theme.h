/*
 * theme.h — colour themes are data: `themes/NAME.theme` maps element names
 * to styles, one per line:
 *
 *     # comment
 *     profile.vip = fg=yellow,bold
 *     alert.error = fg=white,bg=red,bold
 *
 * Colours: default, black, red, green, yellow, blue, magenta, cyan, white,
 * bright-<colour> (8–15) and colorNNN (0–255). Attributes: bold, dim,
 * underline, reverse, standout, italic. An element not named keeps its
 * built-in default. The UI turns styles into curses attributes and degrades
 * 256 → 8 colours → monochrome by what the terminal can do.
 */
#ifndef KEFU_THEME_H
#define KEFU_THEME_H

#include <stddef.h>

enum theme_elem {
	TH_NORMAL,		/* "normal" */
	TH_BORDER,		/* "border" */
	TH_TITLE,		/* "title" */
	TH_TITLE_FOCUS,		/* "title.focus" */
	TH_TOPBAR,		/* "topbar" */
	TH_LABEL,		/* "label" */
	TH_DIM,			/* "dim" */
	TH_SELECTED,		/* "selected" */
	TH_ALERT_INFO,		/* "alert.info" */
	TH_ALERT_WARN,		/* "alert.warn" */
	TH_ALERT_ERROR,		/* "alert.error" */
	TH_ALERT_REMIND,	/* "alert.remind" */
	TH_SEG_VIP,		/* "profile.vip" */
	TH_SEG_KEY,		/* "profile.key" */
	TH_SEG_NORMAL,		/* "profile.normal" */
	TH_SEG_AT_RISK,		/* "profile.at_risk" */
	TH_SEG_NEW,		/* "profile.new" */
	TH_OUT_DELIGHTED,	/* "outcome.delighted" */
	TH_OUT_SATISFIED,	/* "outcome.satisfied" */
	TH_OUT_DISAPPOINTED,	/* "outcome.disappointed" */
	TH_STAGE,		/* "script.stage" */
	TH_STAGE_ACTIVE,	/* "script.stage.active" */
	TH_STEP_DONE,		/* "script.done" */
	TH_FIELD,		/* "form.field" */
	TH_FIELD_FOCUS,		/* "form.focus" */
	TH_STATE_OK,		/* "state.ok"    time in state below threshold 1 */
	TH_STATE_WARN,		/* "state.warn"  past threshold 1 */
	TH_STATE_LATE,		/* "state.late"  past threshold 2 */
	TH_COUNT
};

enum {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_UNDERLINE = 1 << 2,
	THEME_REVERSE = 1 << 3,
	THEME_STANDOUT = 1 << 4,
	THEME_ITALIC = 1 << 5,
};

#define THEME_COLOUR_DEFAULT (-1)

struct theme_style {
	short	 fg, bg;	/* -1 default, 0–255 */
	unsigned attrs;		/* THEME_* bits */
};

struct theme {
	struct theme_style style[TH_COUNT];
};

/* The name of element E as written in theme files ("profile.vip"). */
const char *theme_elem_name(enum theme_elem e);

/* The built-in default theme (readable on dark and light terminals). */
void theme_builtin(struct theme *);

/* Parse theme TEXT (LEN bytes, from FILE for messages) on top of *T.
 * Returns 0, or -1 with *cause "FILE:LINE: message" for the first error
 * (T is then unchanged). */
int theme_parse(const char *text, size_t len, const char *file,
    struct theme *t, char **cause);

/* Load theme NAME: NAME.theme from each directory of DIRS (NULL-terminated)
 * in order, or NAME itself if it contains a '/'. On top of the built-in
 * theme. 0, or -1 with *cause (T is the built-in theme then). */
int theme_load(const char *name, const char *const *dirs, struct theme *t,
    char **cause);

#endif
