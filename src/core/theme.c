/*
 * theme.c — colour themes: the element table, the built-in default and the
 * parser for `themes/NAME.theme` files.
 *
 * A theme file is read line by line:
 *
 *	# comment
 *	profile.vip = fg=yellow,bold	# a comment may follow a style
 *
 * A style is a comma-separated list of fg=COLOUR, bg=COLOUR and attributes;
 * whatever it leaves out is the terminal's default, so a line says all of an
 * element's style and `none` alone means plain text. Elements that no line
 * names keep what they had (the built-in theme, for theme_load()). The text
 * is parsed into a copy which replaces the theme only when every line is
 * good, so a broken file never leaves a half-applied theme behind.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kefu/theme.h"
#include "kefu/file.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

enum {
	THEME_LINE_MAX = 1000,		/* bytes of a line, without its end */
	THEME_FILE_MAX = 1024 * 1024,	/* bytes theme_load() reads */
	THEME_NAME_MAX = 64,		/* bytes of a name (not a path) */
	THEME_QUOTE_MAX = 40,		/* columns of input in a message */
};

#define D THEME_COLOUR_DEFAULT

/* Every element: its name in theme files and its built-in style. */
static const struct theme_def {
	const char		*name;
	struct theme_style	 style;
} theme_defs[TH_COUNT] = {
	[TH_NORMAL] =		{ "normal", { D, D, 0 } },
	[TH_BORDER] =		{ "border", { 4, D, 0 } },
	[TH_TITLE] =		{ "title", { D, D, THEME_BOLD } },
	[TH_TITLE_FOCUS] =	{ "title.focus", { 6, D, THEME_BOLD } },
	[TH_TOPBAR] =		{ "topbar", { D, D, THEME_REVERSE } },
	[TH_LABEL] =		{ "label", { 6, D, 0 } },
	[TH_DIM] =		{ "dim", { D, D, THEME_DIM } },
	[TH_SELECTED] =		{ "selected", { D, D, THEME_REVERSE } },
	[TH_ALERT_INFO] =	{ "alert.info", { 6, D, 0 } },
	[TH_ALERT_WARN] =	{ "alert.warn", { 3, D, THEME_BOLD } },
	[TH_ALERT_ERROR] =	{ "alert.error", { 7, 1, THEME_BOLD } },
	[TH_ALERT_REMIND] =	{ "alert.remind", { 0, 3, THEME_BOLD } },
	[TH_SEG_VIP] =		{ "profile.vip", { 3, D, THEME_BOLD } },
	[TH_SEG_KEY] =		{ "profile.key", { 5, D, THEME_BOLD } },
	[TH_SEG_NORMAL] =	{ "profile.normal", { D, D, 0 } },
	[TH_SEG_AT_RISK] =	{ "profile.at_risk", { 1, D, 0 } },
	[TH_SEG_NEW] =		{ "profile.new", { 2, D, 0 } },
	[TH_OUT_DELIGHTED] =	{ "outcome.delighted",
				    { 2, D, THEME_BOLD } },
	[TH_OUT_SATISFIED] =	{ "outcome.satisfied", { 2, D, 0 } },
	[TH_OUT_DISAPPOINTED] =	{ "outcome.disappointed", { 1, D, 0 } },
	[TH_STAGE] =		{ "script.stage", { D, D, THEME_DIM } },
	[TH_STAGE_ACTIVE] =	{ "script.stage.active",
				    { 6, D, THEME_BOLD | THEME_UNDERLINE } },
	[TH_STEP_DONE] =	{ "script.done", { 2, D, 0 } },
	[TH_FIELD] =		{ "form.field", { D, D, THEME_UNDERLINE } },
	[TH_FIELD_FOCUS] =	{ "form.focus", { D, D, THEME_REVERSE } },
	[TH_STATE_OK] =		{ "state.ok", { 2, D, 0 } },
	[TH_STATE_WARN] =	{ "state.warn", { 3, D, 0 } },
	[TH_STATE_LATE] =	{ "state.late", { 1, D, THEME_BOLD } },
};

#undef D

/* The eight named colours; "bright-" in front adds 8. */
static const char *const theme_colours[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct theme_attr {
	const char	*name;
	unsigned	 bit;
} theme_attrs[] = {
	{ "bold", THEME_BOLD },
	{ "dim", THEME_DIM },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "standout", THEME_STANDOUT },
	{ "italic", THEME_ITALIC },
	{ "none", 0 },
};

const char *
theme_elem_name(enum theme_elem e)
{
	if ((int)e < 0 || e >= TH_COUNT)
		return (NULL);
	return (theme_defs[e].name);
}

void
theme_builtin(struct theme *t)
{
	size_t	i;

	for (i = 0; i < TH_COUNT; i++)
		t->style[i] = theme_defs[i].style;
}

/* Set *MSG to a new message: BEFORE, WORD made visible, AFTER; -1. */
static int
theme_fail(char **msg, const char *before, const char *word,
    const char *after)
{
	char	*q;

	q = utf8_quote(word, strlen(word), THEME_LINE_MAX, THEME_QUOTE_MAX);
	free(*msg);
	*msg = xasprintf("%s%s%s", before, q, after);
	free(q);
	return (-1);
}

/* Whether C is a blank that may surround names, values and items. */
static bool
theme_blank(char c)
{
	return (c == ' ' || c == '\t');
}

/* S without its surrounding blanks (S is changed in place). */
static char *
theme_trim(char *s)
{
	size_t	len;

	while (theme_blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && theme_blank(s[len - 1]))
		s[--len] = '\0';
	return (s);
}

/* The colour S names: -1 (default) or 0–255 in *OUT; 0 or -1 if unknown. */
static int
theme_colour(const char *s, short *out)
{
	const char	*num = NULL;
	size_t		 i, len;
	int		 n, base = 0;

	if (strcasecmp(s, "default") == 0) {
		*out = THEME_COLOUR_DEFAULT;
		return (0);
	}
	if (strncasecmp(s, "bright-", 7) == 0) {
		s += 7;
		base = 8;
	}
	for (i = 0; i < nitems(theme_colours); i++) {
		if (strcasecmp(s, theme_colours[i]) == 0) {
			*out = (short)(base + (int)i);
			return (0);
		}
	}
	if (base != 0)
		return (-1);
	if (strncasecmp(s, "colour", 6) == 0)
		num = s + 6;
	else if (strncasecmp(s, "color", 5) == 0)
		num = s + 5;
	if (num == NULL)
		return (-1);
	len = strspn(num, "0123456789");
	if (len == 0 || len > 3 || num[len] != '\0')
		return (-1);
	n = atoi(num);
	if (n > 255)
		return (-1);
	*out = (short)n;
	return (0);
}

/* Apply one ITEM of a style (fg=red, bold) to *ST; -1 with *MSG. */
static int
theme_item(char *item, struct theme_style *st, bool *seen_fg,
    bool *seen_bg, char **msg)
{
	char	*eq, *key, *value;
	bool	*seen;
	short	*where;
	size_t	 i;

	if (*item == '\0') {
		free(*msg);
		*msg = xstrdup("expected fg=COLOUR, bg=COLOUR or an attribute "
		    "between commas");
		return (-1);
	}
	if ((eq = strchr(item, '=')) == NULL) {
		for (i = 0; i < nitems(theme_attrs); i++) {
			if (strcasecmp(item, theme_attrs[i].name) != 0)
				continue;
			if (theme_attrs[i].bit == 0)
				st->attrs = 0;
			st->attrs |= theme_attrs[i].bit;
			return (0);
		}
		return (theme_fail(msg, "unknown attribute '", item,
		    "' (expected bold, dim, underline, reverse, standout, "
		    "italic, none, fg=COLOUR or bg=COLOUR)"));
	}
	*eq = '\0';
	key = theme_trim(item);
	value = theme_trim(eq + 1);
	if (strcasecmp(key, "fg") == 0) {
		where = &st->fg;
		seen = seen_fg;
	} else if (strcasecmp(key, "bg") == 0) {
		where = &st->bg;
		seen = seen_bg;
	} else
		return (theme_fail(msg, "unknown key '", key,
		    "' (expected fg or bg)"));
	if (*seen)
		return (theme_fail(msg, "'", key, "' given twice"));
	*seen = true;
	if (*value == '\0')
		return (theme_fail(msg, "expected a colour after '", key,
		    "='"));
	if (theme_colour(value, where) != 0)
		return (theme_fail(msg, "unknown colour '", value,
		    "' (expected default, black, red, green, yellow, blue, "
		    "magenta, cyan, white, bright-COLOUR or colour0 to "
		    "colour255)"));
	return (0);
}

/* Parse a style SPEC ("fg=red,bold") into *ST; -1 with *MSG. */
static int
theme_style_parse(char *spec, struct theme_style *st, char **msg)
{
	char	*item, *comma;
	bool	 seen_fg = false, seen_bg = false;

	st->fg = THEME_COLOUR_DEFAULT;
	st->bg = THEME_COLOUR_DEFAULT;
	st->attrs = 0;
	item = spec;
	for (;;) {
		comma = strchr(item, ',');
		if (comma != NULL)
			*comma = '\0';
		if (theme_item(theme_trim(item), st, &seen_fg, &seen_bg,
		    msg) != 0)
			return (-1);
		if (comma == NULL)
			return (0);
		item = comma + 1;
	}
}

/* Apply one LINE (LEN bytes, no NUL, no line end) to *T; -1 with *MSG. */
static int
theme_line(struct theme *t, const char *line, size_t len, char **msg)
{
	struct theme_style	 st;
	char			*copy, *s, *eq, *name, *spec;
	size_t			 i, e;
	int			 rc = -1;

	copy = xstrndup(line, len);
	if ((s = strchr(copy, '#')) != NULL)
		*s = '\0';
	s = theme_trim(copy);
	if (*s == '\0') {
		rc = 0;
		goto out;
	}
	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7F) {
			free(*msg);
			*msg = xstrdup("unexpected control character");
			goto out;
		}
	}
	if ((eq = strchr(s, '=')) == NULL) {
		free(*msg);
		*msg = xstrdup("expected 'name = style'");
		goto out;
	}
	*eq = '\0';
	name = theme_trim(s);
	spec = theme_trim(eq + 1);
	if (*name == '\0') {
		free(*msg);
		*msg = xstrdup("expected 'name = style'");
		goto out;
	}
	for (e = 0; e < TH_COUNT; e++) {
		if (strcmp(name, theme_defs[e].name) == 0)
			break;
	}
	if (e == TH_COUNT) {
		theme_fail(msg, "unknown element '", name, "'");
		goto out;
	}
	if (*spec == '\0') {
		theme_fail(msg, "expected a style after '", name,
		    " =' (use 'none' for plain text)");
		goto out;
	}
	if (theme_style_parse(spec, &st, msg) != 0)
		goto out;
	t->style[e] = st;
	rc = 0;
out:
	free(copy);
	return (rc);
}

int
theme_parse(const char *text, size_t len, const char *file, struct theme *t,
    char **cause)
{
	struct theme	 copy;
	const char	*line, *nl;
	char		*msg = NULL, *where;
	size_t		 off = 0, n, lineno = 0;

	if (text == NULL)
		len = 0;
	copy = *t;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	while (off < len) {
		lineno++;
		line = text + off;
		nl = memchr(line, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - line) : len - off;
		off += n + 1;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n > THEME_LINE_MAX)
			msg = xasprintf("line too long (over %d bytes)",
			    THEME_LINE_MAX);
		else if (memchr(line, '\0', n) != NULL)
			msg = xstrdup("NUL byte in line");
		else if (theme_line(&copy, line, n, &msg) == 0)
			continue;
		where = utf8_sanitise(file != NULL ? file : "theme", false);
		set_cause(cause, "%s:%zu: %s", where, lineno, msg);
		free(where);
		free(msg);
		return (-1);
	}
	*t = copy;
	return (0);
}

/* Whether NAME is a theme name: [A-Za-z0-9_-]+, not too long. */
static bool
theme_name_valid(const char *name)
{
	size_t	len;

	len = strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
	return (len > 0 && len <= THEME_NAME_MAX && name[len] == '\0');
}

/* Open PATH to read; -1 with errno as open(2) if it cannot be. */
static int
theme_open(const char *path)
{
	int	fd;

	/* O_NONBLOCK so that a FIFO does not hang us before fstat(). */
	do
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	return (fd);
}

/* Parse the file at FD (PATH) on top of the built-in *T. */
static int
theme_load_fd(int fd, const char *path, struct theme *t, char **cause)
{
	char	*text;
	size_t	 len;
	int	 rc;

	rc = file_read_fd(fd, path, THEME_FILE_MAX, &text, &len, cause);
	close(fd);
	if (rc != 0)
		return (-1);
	rc = theme_parse(text, len, path, t, cause);
	free(text);
	return (rc);
}

/* Say that theme NAME is in none of DIRS; -1. */
static int
theme_not_found(const char *name, const char *const *dirs, char **cause)
{
	char	*list = NULL, *q, *tmp;
	size_t	 i;

	for (i = 0; dirs != NULL && dirs[i] != NULL; i++) {
		q = utf8_sanitise(dirs[i], false);
		tmp = xasprintf("%s%s%s", list != NULL ? list : "",
		    list != NULL ? ", " : "", q);
		free(list);
		free(q);
		list = tmp;
	}
	if (list == NULL)
		return (set_cause(cause, "theme '%s' not found (no theme "
		    "directories)", name));
	set_cause(cause, "theme '%s' not found in %s", name, list);
	free(list);
	return (-1);
}

int
theme_load(const char *name, const char *const *dirs, struct theme *t,
    char **cause)
{
	char	*path, *q;
	size_t	 i;
	int	 fd, rc;

	theme_builtin(t);
	if (name == NULL || *name == '\0')
		return (set_cause(cause, "no theme name given"));
	if (strchr(name, '/') != NULL) {
		if ((fd = theme_open(name)) < 0) {
			q = utf8_sanitise(name, false);
			set_cause(cause, "%s: %s", q, strerror(errno));
			free(q);
			return (-1);
		}
		return (theme_load_fd(fd, name, t, cause));
	}
	if (!theme_name_valid(name)) {
		q = utf8_quote(name, strlen(name), THEME_LINE_MAX, THEME_QUOTE_MAX);
		set_cause(cause, "invalid theme name '%s' (use letters, "
		    "digits, '_' and '-', or a path with a '/')", q);
		free(q);
		return (-1);
	}
	for (i = 0; dirs != NULL && dirs[i] != NULL; i++) {
		path = xasprintf("%s/%s.theme", dirs[i], name);
		if ((fd = theme_open(path)) < 0) {
			if (errno == ENOENT || errno == ENOTDIR) {
				free(path);
				continue;
			}
			q = utf8_sanitise(path, false);
			set_cause(cause, "%s: %s", q, strerror(errno));
			free(q);
			free(path);
			return (-1);
		}
		rc = theme_load_fd(fd, path, t, cause);
		free(path);
		return (rc);
	}
	/* The built-in theme is the default one, installed or not. */
	if (strcmp(name, "default") == 0)
		return (0);
	return (theme_not_found(name, dirs, cause));
}
