/* test-theme.c — element names, styles, errors and the shipped themes. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/theme.h"
#include "kefu/xmalloc.h"
#include "test.h"

/* The names theme files use, in enum order. */
static const char *const names[TH_COUNT] = {
	"normal", "border", "title", "title.focus", "topbar", "label", "dim",
	"selected", "alert.info", "alert.warn", "alert.error", "alert.remind",
	"profile.vip", "profile.key", "profile.normal", "profile.at_risk",
	"profile.new", "outcome.delighted", "outcome.satisfied",
	"outcome.disappointed", "script.stage", "script.stage.active",
	"script.done", "form.field", "form.focus", "state.ok", "state.warn",
	"state.late",
};

/* Whether two themes are the same, style by style. */
static int
theme_same(const struct theme *a, const struct theme *b)
{
	for (int i = 0; i < TH_COUNT; i++) {
		if (a->style[i].fg != b->style[i].fg ||
		    a->style[i].bg != b->style[i].bg ||
		    a->style[i].attrs != b->style[i].attrs)
			return 0;
	}
	return 1;
}

/* A theme no real file produces, to see which elements a file names. */
static void
theme_poison(struct theme *t)
{
	for (int i = 0; i < TH_COUNT; i++) {
		t->style[i].fg = 201;
		t->style[i].bg = 202;
		t->style[i].attrs = 0x4000;
	}
}

/* Parse S (a C string) on top of *T. */
static int
parse(const char *s, struct theme *t, char **cause)
{
	return theme_parse(s, strlen(s), "t.theme", t, cause);
}

/* Write LEN bytes of S to PATH. */
static int
write_file(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	if (fwrite(s, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

TEST(names)
{
	ASSERT_EQ(TH_COUNT, 28);
	for (int i = 0; i < TH_COUNT; i++)
		ASSERT_STR(theme_elem_name((enum theme_elem)i), names[i]);
	ASSERT(theme_elem_name(TH_COUNT) == NULL);
	ASSERT(theme_elem_name((enum theme_elem)-1) == NULL);
}

TEST(every_name_round_trips)
{
	struct theme builtin, t;
	char *cause = NULL, *text;

	theme_builtin(&builtin);
	for (int i = 0; i < TH_COUNT; i++) {
		t = builtin;
		text = xasprintf("%s = fg=colour%d,bg=colour%d,underline\n",
		    theme_elem_name((enum theme_elem)i), 100 + i, 200 + i);
		ASSERT_EQ(parse(text, &t, &cause), 0);
		free(text);
		ASSERT(cause == NULL);
		for (int j = 0; j < TH_COUNT; j++) {
			if (j == i) {
				ASSERT_EQ(t.style[j].fg, 100 + i);
				ASSERT_EQ(t.style[j].bg, 200 + i);
				ASSERT_EQ(t.style[j].attrs, THEME_UNDERLINE);
			} else {
				ASSERT_EQ(t.style[j].fg, builtin.style[j].fg);
				ASSERT_EQ(t.style[j].bg, builtin.style[j].bg);
				ASSERT_EQ(t.style[j].attrs,
				    builtin.style[j].attrs);
			}
		}
	}
}

TEST(builtin)
{
	struct theme t;

	theme_builtin(&t);
	ASSERT_EQ(t.style[TH_NORMAL].fg, THEME_COLOUR_DEFAULT);
	ASSERT_EQ(t.style[TH_NORMAL].bg, THEME_COLOUR_DEFAULT);
	ASSERT_EQ(t.style[TH_SEG_VIP].fg, 3);
	ASSERT_EQ(t.style[TH_SEG_VIP].attrs, THEME_BOLD);
	ASSERT_EQ(t.style[TH_SEG_AT_RISK].fg, 1);
	ASSERT_EQ(t.style[TH_ALERT_ERROR].fg, 7);
	ASSERT_EQ(t.style[TH_ALERT_ERROR].bg, 1);
	ASSERT_EQ(t.style[TH_ALERT_REMIND].fg, 0);
	ASSERT_EQ(t.style[TH_ALERT_REMIND].bg, 3);
	ASSERT_EQ(t.style[TH_ALERT_REMIND].attrs, THEME_BOLD);
	ASSERT_EQ(t.style[TH_SELECTED].attrs, THEME_REVERSE);
	ASSERT_EQ(t.style[TH_TITLE_FOCUS].fg, 6);
	ASSERT(t.style[TH_TITLE_FOCUS].attrs & THEME_BOLD);
	/* Mostly the terminal's own background. */
	for (int i = 0; i < TH_COUNT; i++) {
		if (i != TH_ALERT_ERROR && i != TH_ALERT_REMIND)
			ASSERT_EQ(t.style[i].bg, THEME_COLOUR_DEFAULT);
	}
}

TEST(colours)
{
	static const struct {
		const char *spec;
		int fg;
	} cases[] = {
		{ "default", -1 }, { "black", 0 }, { "red", 1 }, { "green", 2 },
		{ "yellow", 3 }, { "blue", 4 }, { "magenta", 5 }, { "cyan", 6 },
		{ "white", 7 }, { "bright-black", 8 }, { "bright-red", 9 },
		{ "bright-green", 10 }, { "bright-yellow", 11 },
		{ "bright-blue", 12 }, { "bright-magenta", 13 },
		{ "bright-cyan", 14 }, { "bright-white", 15 },
		{ "colour0", 0 }, { "color7", 7 }, { "colour255", 255 },
		{ "color042", 42 }, { "Red", 1 }, { "COLOUR17", 17 },
	};
	struct theme t;
	char *cause = NULL, *text;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		theme_builtin(&t);
		text = xasprintf("normal = fg=%s,bg=%s", cases[i].spec,
		    cases[i].spec);
		ASSERT_EQ(parse(text, &t, &cause), 0);
		free(text);
		ASSERT_EQ(t.style[TH_NORMAL].fg, cases[i].fg);
		ASSERT_EQ(t.style[TH_NORMAL].bg, cases[i].fg);
		ASSERT_EQ(t.style[TH_NORMAL].attrs, 0);
	}
	ASSERT(cause == NULL);
}

TEST(attributes)
{
	static const struct {
		const char *spec;
		unsigned attrs;
	} cases[] = {
		{ "bold", THEME_BOLD }, { "dim", THEME_DIM },
		{ "underline", THEME_UNDERLINE }, { "reverse", THEME_REVERSE },
		{ "standout", THEME_STANDOUT }, { "italic", THEME_ITALIC },
		{ "none", 0 },
		{ "bold,underline,italic",
		    THEME_BOLD | THEME_UNDERLINE | THEME_ITALIC },
		{ "bold , dim\t,\treverse", THEME_BOLD | THEME_DIM |
		    THEME_REVERSE },
		{ "bold,none", 0 }, { "none,bold", THEME_BOLD },
		{ "bold,bold", THEME_BOLD }, { "BOLD", THEME_BOLD },
	};
	struct theme t;
	char *cause = NULL, *text;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		theme_builtin(&t);
		text = xasprintf("profile.vip = %s", cases[i].spec);
		ASSERT_EQ(parse(text, &t, &cause), 0);
		free(text);
		/* A line says all of the style: no colour left over. */
		ASSERT_EQ(t.style[TH_SEG_VIP].fg, THEME_COLOUR_DEFAULT);
		ASSERT_EQ(t.style[TH_SEG_VIP].bg, THEME_COLOUR_DEFAULT);
		ASSERT_EQ(t.style[TH_SEG_VIP].attrs, cases[i].attrs);
	}
	theme_builtin(&t);
	ASSERT_EQ(parse("alert.warn = bg=blue , bold , fg = bright-white", &t,
	    &cause), 0);
	ASSERT_EQ(t.style[TH_ALERT_WARN].fg, 15);
	ASSERT_EQ(t.style[TH_ALERT_WARN].bg, 4);
	ASSERT_EQ(t.style[TH_ALERT_WARN].attrs, THEME_BOLD);
}

TEST(comments_blanks_and_later_lines)
{
	struct theme t;
	char *cause = NULL;

	theme_builtin(&t);
	ASSERT_EQ(parse("# a theme\n\n   \t\n  title = dim  # quiet\n"
	    "title=underline\n#title = bold\n\tborder\t=\tfg=red\t\n", &t,
	    &cause), 0);
	ASSERT_EQ(t.style[TH_TITLE].attrs, THEME_UNDERLINE);
	ASSERT_EQ(t.style[TH_BORDER].fg, 1);
	/* Empty text, text without a final newline. */
	ASSERT_EQ(theme_parse("", 0, "t", &t, &cause), 0);
	ASSERT_EQ(theme_parse(NULL, 0, "t", &t, &cause), 0);
	ASSERT_EQ(parse("dim = bold", &t, &cause), 0);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_BOLD);
	/* Comments may hold any text, UTF-8 or not. */
	ASSERT_EQ(parse("# 客服 \xff\xfe\x1b[2J\ndim = reverse\n", &t,
	    &cause), 0);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_REVERSE);
	ASSERT(cause == NULL);
}

TEST(errors)
{
	static const struct {
		const char *text;
		const char *cause;
	} cases[] = {
		{ "profile.gold = bold",
		    "t.theme:1: unknown element 'profile.gold'" },
		{ "\n# c\nnormal = fg=purpl",
		    "t.theme:3: unknown colour 'purpl' (expected default, " },
		{ "normal bold", "t.theme:1: expected 'name = style'" },
		{ "= bold", "t.theme:1: expected 'name = style'" },
		{ "normal =", "t.theme:1: expected a style after 'normal ='" },
		{ "normal = blod",
		    "t.theme:1: unknown attribute 'blod' (expected bold, " },
		{ "normal = fgg=red",
		    "t.theme:1: unknown key 'fgg' (expected fg or bg)" },
		{ "normal = fg=",
		    "t.theme:1: expected a colour after 'fg='" },
		{ "normal = fg=red,fg=blue", "t.theme:1: 'fg' given twice" },
		{ "normal = bg=red,bg=red", "t.theme:1: 'bg' given twice" },
		{ "normal = bold,,dim", "t.theme:1: expected fg=COLOUR, "
		    "bg=COLOUR or an attribute between commas" },
		{ "normal = bold,", "t.theme:1: expected fg=COLOUR" },
		{ "normal = fg=colour256", "t.theme:1: unknown colour "
		    "'colour256'" },
		{ "normal = fg=colour-1", "t.theme:1: unknown colour" },
		{ "normal = fg=colour", "t.theme:1: unknown colour" },
		{ "normal = fg=colour1000", "t.theme:1: unknown colour" },
		{ "normal = fg=bright-colour5", "t.theme:1: unknown colour" },
		{ "normal = fg=bright-default", "t.theme:1: unknown colour" },
		{ "Normal = bold", "t.theme:1: unknown element 'Normal'" },
		{ "normal = bold\x1b[31m",
		    "t.theme:1: unexpected control character" },
		{ "dim = bold\nnormal = fg=\xe7\xba\xa2\n",
		    "t.theme:2: unknown colour '\xe7\xba\xa2'" },
		{ "normal = fg=\xff",
		    "t.theme:1: unknown colour '\xef\xbf\xbd'" },
		{ "\xef\xbb\xbf\xef\xbb\xbfnormal = bold",
		    "t.theme:1: unknown element" },
	};
	struct theme before, t;
	char *cause;

	theme_builtin(&before);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t = before;
		cause = NULL;
		ASSERT_EQ(parse(cases[i].text, &t, &cause), -1);
		ASSERT(cause != NULL);
		if (strncmp(cause, cases[i].cause, strlen(cases[i].cause)) != 0)
			FAIL_("case %zu: \"%s\" does not start \"%s\"", i,
			    cause, cases[i].cause);
		free(cause);
		ASSERT(theme_same(&t, &before));
	}
	/* A NULL cause is allowed. */
	ASSERT_EQ(parse("nope = bold", &t, NULL), -1);
}

TEST(long_lines_and_nul)
{
	struct theme t;
	char *cause = NULL, *text;

	theme_builtin(&t);
	/* 1000 bytes is fine, with or without CRLF; 1001 is not. */
	text = malloc(2000);
	ASSERT(text != NULL);
	memset(text, '#', 1000);
	memcpy(text + 1000, "\r\ndim = bold\n", 14);
	ASSERT_EQ(parse(text, &t, &cause), 0);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_BOLD);
	memset(text, ' ', 1001);
	memcpy(text + 1001, "\ndim = reverse\n", 16);
	ASSERT_EQ(parse(text, &t, &cause), -1);
	ASSERT_STR(cause, "t.theme:1: line too long (over 1000 bytes)");
	free(cause);
	cause = NULL;
	free(text);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_BOLD);

	ASSERT_EQ(theme_parse("dim = dim\n# x\0y\n", 16, "t.theme", &t,
	    &cause), -1);
	ASSERT_STR(cause, "t.theme:2: NUL byte in line");
	free(cause);
	cause = NULL;
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_BOLD);
	/* Only LEN bytes are read: no NUL terminator needed. */
	ASSERT_EQ(theme_parse("dim = underlineXYZ", 15, "t", &t, &cause), 0);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_UNDERLINE);
	/* A hostile file name is made visible in the message. */
	ASSERT_EQ(theme_parse("x", 1, "a\x1b[2Jb", &t, &cause), -1);
	ASSERT_STR(cause, "a^[[2Jb:1: expected 'name = style'");
	free(cause);
}

TEST(bom_and_crlf)
{
	struct theme t;
	char *cause = NULL;

	theme_builtin(&t);
	ASSERT_EQ(parse("\xef\xbb\xbf# bom\r\nprofile.vip = fg=blue\r\n"
	    "\r\ntitle = italic\r\n", &t, &cause), 0);
	ASSERT_EQ(t.style[TH_SEG_VIP].fg, 4);
	ASSERT_EQ(t.style[TH_SEG_VIP].attrs, 0);
	ASSERT_EQ(t.style[TH_TITLE].attrs, THEME_ITALIC);
	ASSERT_EQ(parse("\xef\xbb\xbfstate.ok = dim", &t, &cause), 0);
	ASSERT_EQ(t.style[TH_STATE_OK].attrs, THEME_DIM);
	ASSERT_EQ(parse("\xef\xbb\xbf", &t, &cause), 0);
	/* Line numbers count CRLF lines. */
	ASSERT_EQ(parse("\xef\xbb\xbf" "dim = bold\r\n\r\nx = y\r\n", &t,
	    &cause), -1);
	ASSERT_STR(cause, "t.theme:3: unknown element 'x'");
	free(cause);
	cause = NULL;
	/* A lone CR inside a line is a control character. */
	ASSERT_EQ(parse("dim = bold\rtitle = dim\n", &t, &cause), -1);
	ASSERT_STR(cause, "t.theme:1: unexpected control character");
	free(cause);
}

TEST(unchanged_after_error)
{
	struct theme before, t;
	char *cause = NULL;

	theme_builtin(&before);
	before.style[TH_BORDER].fg = 77;
	t = before;
	ASSERT_EQ(parse("normal = fg=red\nprofile.vip = reverse\n"
	    "title = fg=purpl\nborder = bold\n", &t, &cause), -1);
	ASSERT_STR(cause, "t.theme:3: unknown colour 'purpl' (expected "
	    "default, black, red, green, yellow, blue, magenta, cyan, white, "
	    "bright-COLOUR or colour0 to colour255)");
	free(cause);
	ASSERT(theme_same(&t, &before));
}

TEST(load)
{
	const char *dirs[4];
	struct theme t, builtin;
	char *cause = NULL, *big;

	theme_builtin(&builtin);
	ASSERT_EQ(mkdir(test_path("th1"), 0700), 0);
	ASSERT_EQ(mkdir(test_path("th2"), 0700), 0);
	ASSERT_EQ(write_file(test_path("th1/a.theme"), "dim = bold\n", 11), 0);
	ASSERT_EQ(write_file(test_path("th2/a.theme"), "dim = italic\n", 13),
	    0);
	ASSERT_EQ(write_file(test_path("th2/b-2_X.theme"), "title = dim\n",
	    12), 0);
	ASSERT_EQ(write_file(test_path("th2/bad.theme"), "\n\nvip = bold\n",
	    12), 0);
	ASSERT_EQ(mkdir(test_path("th2/dir.theme"), 0700), 0);
	dirs[0] = test_path("missing");
	dirs[1] = test_path("th1");
	dirs[2] = test_path("th2");
	dirs[3] = NULL;

	/* The first directory that has it wins; on top of the built-in. */
	memset(&t, 0, sizeof t);
	ASSERT_EQ(theme_load("a", dirs, &t, &cause), 0);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_BOLD);
	ASSERT_EQ(t.style[TH_SEG_VIP].fg, builtin.style[TH_SEG_VIP].fg);
	ASSERT_EQ(theme_load("b-2_X", dirs, &t, &cause), 0);
	ASSERT_EQ(t.style[TH_TITLE].attrs, THEME_DIM);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_DIM);
	/* A name with a '/' is a path. */
	ASSERT_EQ(theme_load(test_path("th2/a.theme"), NULL, &t, &cause), 0);
	ASSERT_EQ(t.style[TH_DIM].attrs, THEME_ITALIC);
	ASSERT(cause == NULL);

	/* Errors leave the built-in theme. */
	ASSERT_EQ(theme_load("bad", dirs, &t, &cause), -1);
	ASSERT(strstr(cause, "th2/bad.theme:3: unknown element 'vip'") != NULL);
	ASSERT(theme_same(&t, &builtin));
	ASSERT_EQ(theme_load("nope", dirs, &t, &cause), -1);
	ASSERT(strstr(cause, "theme 'nope' not found in ") == cause);
	ASSERT(strstr(cause, "/th2") != NULL);
	ASSERT_EQ(theme_load("nope", NULL, &t, &cause), -1);
	ASSERT_STR(cause, "theme 'nope' not found (no theme directories)");
	ASSERT_EQ(theme_load("dir", dirs, &t, &cause), -1);
	ASSERT(strstr(cause, "dir.theme: not a regular file") != NULL);
	ASSERT_EQ(theme_load("a.theme", dirs, &t, &cause), -1);
	ASSERT(strstr(cause, "invalid theme name 'a.theme'") == cause);
	ASSERT_EQ(theme_load("a b", dirs, &t, &cause), -1);
	ASSERT_EQ(theme_load("", dirs, &t, &cause), -1);
	ASSERT_EQ(theme_load(NULL, dirs, &t, &cause), -1);
	ASSERT_EQ(theme_load("x\x1b", dirs, &t, &cause), -1);
	ASSERT(strchr(cause, '\x1b') == NULL);
	ASSERT_EQ(theme_load("./nope.theme", dirs, &t, &cause), -1);
	ASSERT_EQ(theme_load(test_path("th2"), dirs, &t, &cause), -1);
	ASSERT(theme_same(&t, &builtin));

	/* "default" is the built-in theme when no file is installed. */
	t.style[0].fg = 99;
	ASSERT_EQ(theme_load("default", dirs, &t, &cause), 0);
	ASSERT(theme_same(&t, &builtin));

	/* At most 1 MiB is read. */
	big = malloc(1024 * 1024 + 1);
	ASSERT(big != NULL);
	memset(big, '\n', 1024 * 1024 + 1);
	ASSERT_EQ(write_file(test_path("th1/big.theme"), big, 1024 * 1024), 0);
	ASSERT_EQ(theme_load("big", dirs, &t, &cause), 0);
	ASSERT_EQ(write_file(test_path("th1/big.theme"), big, 1024 * 1024 + 1),
	    0);
	free(big);
	ASSERT_EQ(theme_load("big", dirs, &t, &cause), -1);
	ASSERT(strstr(cause, "big.theme: too large (over 1048576 bytes)") !=
	    NULL);
	free(cause);
}

/* Check one shipped theme file PATH (called NAME). */
static void
check_shipped(const char *dir, const char *name)
{
	const char *dirs[] = { dir, NULL };
	struct theme t, builtin;
	char *cause = NULL, *path;
	FILE *f;
	char *text;
	long len;

	theme_builtin(&builtin);
	ASSERT_EQ(theme_load(name, dirs, &t, &cause), 0);
	if (cause != NULL)
		FAIL_("%s: %s", name, cause);

	/* Every shipped theme names every element. */
	path = xasprintf("%s/%s.theme", dir, name);
	f = fopen(path, "rb");
	free(path);
	ASSERT(f != NULL);
	ASSERT_EQ(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	text = malloc((size_t)len + 1);
	ASSERT(text != NULL);
	ASSERT_EQ(fread(text, 1, (size_t)len, f), len);
	fclose(f);
	theme_poison(&t);
	ASSERT_EQ(theme_parse(text, (size_t)len, name, &t, &cause), 0);
	free(text);
	for (int i = 0; i < TH_COUNT; i++) {
		if (t.style[i].fg == 201 || t.style[i].bg == 202 ||
		    (t.style[i].attrs & 0x4000))
			FAIL_("%s does not name %s", name, names[i]);
	}

	if (strcmp(name, "default") == 0 && !theme_same(&t, &builtin))
		FAIL_("default.theme differs from the built-in theme");
	if (strcmp(name, "mono") == 0) {
		for (int i = 0; i < TH_COUNT; i++) {
			if (t.style[i].fg != -1 || t.style[i].bg != -1)
				FAIL_("mono.theme colours %s", names[i]);
		}
	}
	if (strcmp(name, "light") == 0) {
		for (int i = 0; i < TH_COUNT; i++) {
			int fg = t.style[i].fg & 7;
			if (t.style[i].fg >= 0 && t.style[i].bg == -1 &&
			    t.style[i].fg < 16 && (fg == 3 || fg == 6 ||
			    fg == 7))
				FAIL_("light.theme: %s is light on light",
				    names[i]);
		}
	}
}

TEST(shipped_themes)
{
	const char *src = getenv("KEFU_SRC");
	static const char *const required[] = { "default", "light", "mono" };
	struct dirent *de;
	char *dir, *name;
	DIR *d;
	size_t len;
	int found = 0;

	if (src == NULL || *src == '\0') {
		printf("# skip shipped_themes: KEFU_SRC is not set\n");
		return;
	}
	dir = xasprintf("%s/themes", src);
	d = opendir(dir);
	ASSERT(d != NULL);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len <= 6 || strcmp(de->d_name + len - 6, ".theme") != 0)
			continue;
		name = strndup(de->d_name, len - 6);
		ASSERT(name != NULL);
		check_shipped(dir, name);
		for (size_t i = 0; i < 3; i++)
			found += strcmp(name, required[i]) == 0;
		free(name);
		if (test_failed_here)
			break;
	}
	closedir(d);
	free(dir);
	if (!test_failed_here)
		ASSERT_EQ(found, 3);
}

static const struct test tests[] = {
	T(names),
	T(every_name_round_trips),
	T(builtin),
	T(colours),
	T(attributes),
	T(comments_blanks_and_later_lines),
	T(errors),
	T(long_lines_and_nul),
	T(bom_and_crlf),
	T(unchanged_after_error),
	T(load),
	T(shipped_themes),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
