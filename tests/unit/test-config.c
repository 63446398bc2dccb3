/* test-config.c — parsing, settings in place, atomic saves. */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kefu/config.h"
#include "kefu/xmalloc.h"
#include "test.h"

/* Write S to PATH. */
static int
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	fputs(s, f);
	return fclose(f) == 0 ? 0 : -1;
}

/* The contents of PATH in a new string, or NULL. */
static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	size_t n;

	if (f == NULL)
		return NULL;
	s = xmalloc(1024 * 1024 + 1);
	n = fread(s, 1, 1024 * 1024, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* How many entries DIR holds besides . and .. (-1 if unreadable). */
static int
count_entries(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

/* A new copy of S with the first FROM replaced by TO. */
static char *
replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);

	if (at == NULL)
		return xstrdup(s);
	return xasprintf("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
}

/* Parse S (a C string) into a new configuration. */
static struct config *
parsed(const char *s, int *rc, char **cause)
{
	struct config *cfg = config_new(NULL);

	*rc = config_parse(cfg, s, strlen(s), "cfg", cause);
	return cfg;
}

static const char sample[] =
	"# kefu configuration\n"
	"\n"
	"theme   = default\n"
	"  date_format =  %Y-%m-%d %H:%M  \n"
	"bell = yes\n"
	"key.search = /\n"
	"key.log-contact = l\n"
	"future.setting = kept as is\n"
	"greeting = 您好，请问有什么可以帮您？\n"
	"empty =\n"
	"key.hash = #\n"
	"formula = a=b\n"
	"\tindented\t=\tvalue\n"
	"key.search = ?\n";

TEST(parse_and_get)
{
	struct config *cfg;
	char *cause = NULL;
	int rc;

	cfg = parsed(sample, &rc, &cause);
	ASSERT_EQ(rc, 0);
	ASSERT(cause == NULL);
	ASSERT_STR(config_get(cfg, "theme"), "default");
	ASSERT_STR(config_get(cfg, "date_format"), "%Y-%m-%d %H:%M");
	ASSERT_STR(config_get(cfg, "future.setting"), "kept as is");
	ASSERT_STR(config_get(cfg, "greeting"), "您好，请问有什么可以帮您？");
	ASSERT_STR(config_get(cfg, "empty"), "");
	ASSERT_STR(config_get(cfg, "key.hash"), "#");
	ASSERT_STR(config_get(cfg, "formula"), "a=b");
	ASSERT_STR(config_get(cfg, "indented"), "value");
	/* The last line of a name counts. */
	ASSERT_STR(config_get(cfg, "key.search"), "?");
	ASSERT(config_get(cfg, "nope") == NULL);
	ASSERT(config_get(cfg, "# kefu configuration") == NULL);
	ASSERT(config_get(cfg, NULL) == NULL);
	ASSERT(config_get(NULL, "theme") == NULL);
	config_free(cfg);
	config_free(NULL);

	/* BOM, CRLF, no final newline, NULL text. */
	cfg = parsed("\xef\xbb\xbfone = 1\r\ntwo = 2 \r\n\r\nthree=3", &rc,
	    &cause);
	ASSERT_EQ(rc, 0);
	ASSERT_STR(config_get(cfg, "one"), "1");
	ASSERT_STR(config_get(cfg, "two"), "2");
	ASSERT_STR(config_get(cfg, "three"), "3");
	ASSERT_EQ(config_parse(cfg, NULL, 0, "x", &cause), 0);
	config_free(cfg);
}

TEST(bool_and_int)
{
	static const char text[] =
	    "y1 = yes\ny2 = TRUE\ny3 = on\ny4 = 1\n"
	    "n1 = no\nn2 = False\nn3 = off\nn4 = 0\n"
	    "b1 = maybe\nb2 =\nb3 = yes please\n"
	    "i1 = 42\ni2 = -7\ni3 = +5\ni4 = 0x10\ni5 = 12abc\ni6 = 1e3\n"
	    "i7 = 99999999999999999999999\ni8 = 101\ni9 = 0\n"
	    "i10 = - 3\ni11 = 007\n";
	struct config *cfg;
	char *cause = NULL;
	int rc;

	cfg = parsed(text, &rc, &cause);
	ASSERT_EQ(rc, 0);
	ASSERT_EQ(config_bool(cfg, "y1", 0), 1);
	ASSERT_EQ(config_bool(cfg, "y2", 0), 1);
	ASSERT_EQ(config_bool(cfg, "y3", 0), 1);
	ASSERT_EQ(config_bool(cfg, "y4", 0), 1);
	ASSERT_EQ(config_bool(cfg, "n1", 1), 0);
	ASSERT_EQ(config_bool(cfg, "n2", 1), 0);
	ASSERT_EQ(config_bool(cfg, "n3", 1), 0);
	ASSERT_EQ(config_bool(cfg, "n4", 1), 0);
	ASSERT_EQ(config_bool(cfg, "b1", 1), 1);
	ASSERT_EQ(config_bool(cfg, "b1", 0), 0);
	ASSERT_EQ(config_bool(cfg, "b2", 1), 1);
	ASSERT_EQ(config_bool(cfg, "b3", -1), -1);
	ASSERT_EQ(config_bool(cfg, "unset", 1), 1);

	ASSERT_EQ(config_int(cfg, "i1", 0, 100, -1), 42);
	ASSERT_EQ(config_int(cfg, "i1", 0, 41, -1), -1);
	ASSERT_EQ(config_int(cfg, "i1", 43, 100, -1), -1);
	ASSERT_EQ(config_int(cfg, "i2", -10, 10, 0), -7);
	ASSERT_EQ(config_int(cfg, "i3", -10, 10, 0), 5);
	ASSERT_EQ(config_int(cfg, "i4", 0, 100, -1), -1);
	ASSERT_EQ(config_int(cfg, "i5", 0, 100, -1), -1);
	ASSERT_EQ(config_int(cfg, "i6", 0, 10000, -1), -1);
	ASSERT_EQ(config_int(cfg, "i7", 0, 100, -1), -1);
	ASSERT_EQ(config_int(cfg, "i8", 0, 100, -1), -1);
	ASSERT_EQ(config_int(cfg, "i9", 0, 100, -1), 0);
	ASSERT_EQ(config_int(cfg, "i10", -10, 100, 1), 1);
	ASSERT_EQ(config_int(cfg, "i11", 0, 100, -1), 7);
	ASSERT_EQ(config_int(cfg, "b2", 0, 100, 9), 9);
	ASSERT_EQ(config_int(cfg, "unset", 0, 100, 9), 9);
	config_free(cfg);
}

TEST(bad_lines)
{
	static const struct {
		const char *text;
		const char *cause;
	} cases[] = {
		{ "theme", "cfg:1: expected 'name = value'" },
		{ "ok = 1\n\n= x", "cfg:3: expected 'name = value'" },
		{ "Theme = x", "cfg:1: invalid name 'Theme' (use a-z, 0-9, "
		    "'.', '_' and '-')" },
		{ "my theme = x", "cfg:1: invalid name 'my theme'" },
		{ "名字 = x", "cfg:1: invalid name '名字'" },
		{ "a\x1b[2J = x", "cfg:1: invalid name 'a^[[2J'" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaa = x", "cfg:1: name 'aaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaa…' is too long (over 64 bytes)" },
		{ "bell = y\x1b[31mes", "cfg:1: value of 'bell' has a control "
		    "character" },
		{ "bell = y\tes", "cfg:1: value of 'bell' has a control "
		    "character" },
		{ "bell = y\xc2\x9b" "es", "cfg:1: value of 'bell' has a "
		    "control character" },
		{ "bell = y\x7f", "cfg:1: value of 'bell' has a control "
		    "character" },
		{ "x = 1\nbell = \xff\xfe", "cfg:2: value of 'bell' is not "
		    "valid UTF-8" },
		{ "bell = a\rb", "cfg:1: value of 'bell' has a control "
		    "character" },
	};
	struct config *cfg;
	char *cause;
	int rc;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		cfg = parsed(cases[i].text, &rc, &cause);
		ASSERT_EQ(rc, -1);
		ASSERT(cause != NULL);
		if (strncmp(cause, cases[i].cause, strlen(cases[i].cause)) != 0)
			FAIL_("case %zu: \"%s\" does not start \"%s\"", i,
			    cause, cases[i].cause);
		free(cause);
		ASSERT(config_get(cfg, "bell") == NULL);
		config_free(cfg);
	}
}

TEST(bad_lines_are_kept)
{
	static const char bad[] = "a = 1\nBad\nb = 2\nalso bad\nc = 3\n";
	static const char nul[] = "a = 1\nb = x\0y\nc = 3\n";
	struct config *cfg;
	char *cause = NULL, *long_value, *text;
	int rc;

	/* The first error is reported; the other lines still count. */
	cfg = config_new(NULL);
	ASSERT_EQ(config_parse(cfg, bad, sizeof bad - 1, "PATH", &cause), -1);
	ASSERT_STR(cause, "PATH:2: expected 'name = value'");
	free(cause);
	cause = NULL;
	ASSERT_STR(config_get(cfg, "a"), "1");
	ASSERT_STR(config_get(cfg, "b"), "2");
	ASSERT_STR(config_get(cfg, "c"), "3");
	config_free(cfg);

	/* NUL bytes. */
	cfg = config_new(NULL);
	ASSERT_EQ(config_parse(cfg, nul, sizeof nul - 1, NULL, &cause), -1);
	ASSERT_STR(cause, "config:2: NUL byte in line");
	free(cause);
	cause = NULL;
	ASSERT(config_get(cfg, "b") == NULL);
	ASSERT_STR(config_get(cfg, "c"), "3");
	config_free(cfg);

	/* Values up to 1000 bytes. */
	long_value = xmalloc(1002);
	memset(long_value, 'v', 1001);
	long_value[1001] = '\0';
	text = xasprintf("long = %s\n", long_value);
	cfg = parsed(text, &rc, &cause);
	free(text);
	ASSERT_EQ(rc, -1);
	ASSERT_STR(cause, "cfg:1: value of 'long' is too long (over 1000 "
	    "bytes)");
	free(cause);
	cause = NULL;
	config_free(cfg);
	long_value[1000] = '\0';
	text = xasprintf("long = %s\n", long_value);
	cfg = parsed(text, &rc, &cause);
	free(text);
	ASSERT_EQ(rc, 0);
	ASSERT_EQ(strlen(config_get(cfg, "long")), 1000);
	config_free(cfg);
	free(long_value);
}

TEST(set_in_place)
{
	struct config *cfg;
	char *cause = NULL;
	int rc;

	cfg = parsed("# top\ntheme   = default\n# keys\nkey.a = x\n"
	    "key.a = y # not a comment\nempty=\n", &rc, &cause);
	ASSERT_EQ(rc, 0);
	ASSERT_OK(config_set(cfg, "theme", "light", &cause));
	ASSERT_OK(config_set(cfg, "key.a", "z", &cause));
	ASSERT_OK(config_set(cfg, "empty", "now set", &cause));
	ASSERT_OK(config_set(cfg, "new.one", "  trimmed  ", &cause));
	ASSERT_OK(config_set(cfg, "new.two", "", &cause));
	ASSERT_OK(config_set(cfg, "new.three", "双", &cause));
	ASSERT_OK(config_set(cfg, "new.three", "三", &cause));
	ASSERT(cause == NULL);
	ASSERT_STR(config_get(cfg, "theme"), "light");
	ASSERT_STR(config_get(cfg, "key.a"), "z");
	ASSERT_STR(config_get(cfg, "new.one"), "trimmed");
	ASSERT_STR(config_get(cfg, "new.two"), "");
	ASSERT_STR(config_get(cfg, "new.three"), "三");

	/* Refused: the configuration is unchanged. */
	ASSERT_EQ(config_set(cfg, "theme", "a\nb = c", &cause), -1);
	ASSERT_STR(cause, "value of 'theme' has a control character");
	ASSERT_EQ(config_set(cfg, "theme", "\xe4\xb8", &cause), -1);
	ASSERT_STR(cause, "value of 'theme' is not valid UTF-8");
	ASSERT_EQ(config_set(cfg, "Theme", "x", &cause), -1);
	ASSERT_STR(cause, "invalid name 'Theme' (use a-z, 0-9, '.', '_' and "
	    "'-')");
	ASSERT_EQ(config_set(cfg, "a = b", "x", &cause), -1);
	ASSERT_EQ(config_set(cfg, "", "x", &cause), -1);
	ASSERT_EQ(config_set(cfg, NULL, "x", &cause), -1);
	ASSERT_EQ(config_set(cfg, "theme", NULL, &cause), -1);
	ASSERT_EQ(config_set(cfg, "x", "y", NULL), 0);
	free(cause);
	ASSERT_STR(config_get(cfg, "theme"), "light");

	config_free(cfg);
}

TEST(set_saves_in_place)
{
	struct config *cfg;
	char *cause = NULL, *text;

	/* Comments, order and spacing are kept; the last key.a changes. */
	ASSERT_EQ(write_file(test_path("inplace"), "# top\r\n"
	    "theme   = default\r\n# keys\nkey.a = x\nkey.a = y\n"
	    "empty=\n"), 0);
	ASSERT_EQ(config_load(test_path("inplace"), &cfg, &cause), 0);
	ASSERT_OK(config_set(cfg, "theme", "light", &cause));
	ASSERT_OK(config_set(cfg, "key.a", "z", &cause));
	ASSERT_OK(config_set(cfg, "empty", "now set", &cause));
	ASSERT_OK(config_set(cfg, "new.one", "1", &cause));
	ASSERT_OK(config_set(cfg, "new.two", "", &cause));
	ASSERT_OK(config_save(cfg, &cause));
	config_free(cfg);
	text = read_file(test_path("inplace"));
	ASSERT_STR(text, "# top\ntheme   = light\n# keys\nkey.a = x\n"
	    "key.a = z\nempty = now set\nnew.one = 1\nnew.two =\n");
	free(text);

	/* A byte order mark stays; a bad line keeps its CR. */
	ASSERT_EQ(write_file(test_path("inplace"), "\xef\xbb\xbf"
	    "a = 1\r\nbad\r\n"), 0);
	ASSERT_EQ(config_load(test_path("inplace"), &cfg, &cause), -1);
	free(cause);
	cause = NULL;
	ASSERT_OK(config_set(cfg, "a", "2", &cause));
	ASSERT_OK(config_save(cfg, &cause));
	config_free(cfg);
	text = read_file(test_path("inplace"));
	ASSERT_STR(text, "\xef\xbb\xbf" "a = 2\nbad\r\n");
	free(text);
}

TEST(save_and_load)
{
	struct config *cfg, *again;
	struct stat st;
	char *cause = NULL, *text, *expect;
	const char *path = test_path("deep/er/kefu/config");
	int rc;

	cfg = parsed(sample, &rc, &cause);
	ASSERT_EQ(rc, 0);
	config_free(cfg);

	/* A configuration made from nothing saves and creates its dir. */
	cfg = config_new(path);
	ASSERT_EQ(config_parse(cfg, sample, strlen(sample), path, &cause), 0);
	ASSERT_EQ(config_save(cfg, &cause), 0);
	ASSERT(cause == NULL);
	ASSERT_EQ(stat(test_path("deep/er/kefu"), &st), 0);
	ASSERT_EQ(st.st_mode & 0777, 0700);
	ASSERT_EQ(stat(path, &st), 0);
	ASSERT_EQ(st.st_mode & 0777, 0600);
	text = read_file(path);
	ASSERT_STR(text, sample);
	free(text);
	config_free(cfg);

	/* Load it back, change one value, save: only that line differs. */
	ASSERT_EQ(chmod(path, 0640), 0);
	ASSERT_EQ(config_load(path, &again, &cause), 0);
	ASSERT_STR(config_get(again, "greeting"), "您好，请问有什么可以帮您？");
	ASSERT_OK(config_set(again, "bell", "no", &cause));
	ASSERT_EQ(config_save(again, &cause), 0);
	config_free(again);
	text = read_file(path);
	expect = replace(sample, "bell = yes", "bell = no");
	ASSERT_STR(text, expect);
	free(expect);
	free(text);
	/* The mode of the file replaced is kept. */
	ASSERT_EQ(stat(path, &st), 0);
	ASSERT_EQ(st.st_mode & 0777, 0640);
	ASSERT_EQ(count_entries(test_path("deep/er/kefu")), 1);

	/* A missing file is an empty configuration. */
	ASSERT_EQ(config_load(test_path("missing/config"), &again, &cause), 0);
	ASSERT(again != NULL);
	ASSERT(config_get(again, "theme") == NULL);
	config_free(again);
	ASSERT_EQ(config_load(NULL, &again, &cause), 0);
	ASSERT_EQ(config_save(again, &cause), -1);
	ASSERT_STR(cause, "the configuration has no file");
	free(cause);
	config_free(again);
}

TEST(load_errors)
{
	struct config *cfg;
	char *cause = NULL, *text;
	FILE *f;

	/* A bad line: the lines are there, the message names the file. */
	ASSERT_EQ(write_file(test_path("bad.conf"), "a = 1\nb c\nd = 4\n"), 0);
	ASSERT_EQ(config_load(test_path("bad.conf"), &cfg, &cause), -1);
	ASSERT(strstr(cause, "/bad.conf:2: expected 'name = value'") != NULL);
	free(cause);
	cause = NULL;
	ASSERT_STR(config_get(cfg, "a"), "1");
	ASSERT_STR(config_get(cfg, "d"), "4");
	/* Saving keeps the bad line as it was. */
	ASSERT_OK(config_set(cfg, "a", "2", &cause));
	ASSERT_EQ(config_save(cfg, &cause), 0);
	config_free(cfg);
	text = read_file(test_path("bad.conf"));
	ASSERT_STR(text, "a = 2\nb c\nd = 4\n");
	free(text);

	/* Unreadable: never saved over. */
	ASSERT_EQ(mkdir(test_path("adir"), 0700), 0);
	ASSERT_EQ(config_load(test_path("adir"), &cfg, &cause), -1);
	ASSERT(strstr(cause, "/adir: not a regular file") != NULL);
	ASSERT(cfg != NULL);
	ASSERT_EQ(config_save(cfg, &cause), -1);
	ASSERT(strstr(cause, "not saving ") == cause);
	config_free(cfg);

	/* Over 1 MiB. */
	f = fopen(test_path("big.conf"), "wb");
	ASSERT(f != NULL);
	for (int i = 0; i < 1024 * 1024 / 8 + 1; i++)
		fputs("# abcde\n", f);
	fclose(f);
	ASSERT_EQ(config_load(test_path("big.conf"), &cfg, &cause), -1);
	ASSERT(strstr(cause, "too large") != NULL);
	ASSERT_EQ(config_save(cfg, &cause), -1);
	config_free(cfg);
	free(cause);
}

TEST(save_is_atomic)
{
	struct config *cfg;
	struct rlimit old, lim;
	char *cause = NULL, *text;
	const char *dir = test_path("atomic");
	const char *path = test_path("atomic/config");
	void (*oldsig)(int);
	int rc;

	ASSERT_EQ(mkdir(dir, 0700), 0);
	ASSERT_EQ(write_file(path, "# old\nbell = yes\n"), 0);

	/* A directory in the path is a file: nothing created anywhere. */
	cfg = config_new(test_path("atomic/config/sub/config"));
	ASSERT_OK(config_set(cfg, "bell", "no", &cause));
	ASSERT_EQ(config_save(cfg, &cause), -1);
	ASSERT(strstr(cause, "creating its directory: Not a directory") !=
	    NULL);
	free(cause);
	cause = NULL;
	config_free(cfg);
	ASSERT_EQ(count_entries(dir), 1);

	/* The target is a directory: the rename fails, the temporary goes. */
	ASSERT_EQ(mkdir(test_path("atomic/isdir"), 0700), 0);
	cfg = config_new(test_path("atomic/isdir"));
	ASSERT_OK(config_set(cfg, "bell", "no", &cause));
	ASSERT_EQ(config_save(cfg, &cause), -1);
	ASSERT(strstr(cause, "replacing it") != NULL);
	free(cause);
	cause = NULL;
	config_free(cfg);
	ASSERT_EQ(count_entries(dir), 2);
	ASSERT_EQ(count_entries(test_path("atomic/isdir")), 0);

	/* A write that fails half-way (file size limit, even for root). */
	ASSERT_EQ(config_load(path, &cfg, &cause), 0);
	{
		char *big = xmalloc(1001);
		memset(big, 'x', 1000);
		big[1000] = '\0';
		for (int i = 0; i < 20; i++) {
			char name[16];
			snprintf(name, sizeof name, "pad.%d", i);
			ASSERT_OK(config_set(cfg, name, big, &cause));
		}
		free(big);
	}
	ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
	oldsig = signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = 4096;
	ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &lim), 0);
	rc = config_save(cfg, &cause);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, oldsig);
	ASSERT_EQ(rc, -1);
	ASSERT(strstr(cause, ": writing: File too large") != NULL);
	free(cause);
	cause = NULL;
	text = read_file(path);
	ASSERT_STR(text, "# old\nbell = yes\n");
	free(text);
	ASSERT_EQ(count_entries(dir), 2);
	/* And without the limit it saves. */
	ASSERT_EQ(config_save(cfg, &cause), 0);
	config_free(cfg);
	ASSERT_EQ(count_entries(dir), 2);
	ASSERT_EQ(config_load(path, &cfg, &cause), 0);
	ASSERT_EQ(strlen(config_get(cfg, "pad.19")), 1000);
	config_free(cfg);
}

TEST(save_through_symlink)
{
	struct config *cfg;
	struct stat st;
	char *cause = NULL, *text;

	ASSERT_EQ(mkdir(test_path("dotfiles"), 0700), 0);
	ASSERT_EQ(mkdir(test_path("home"), 0700), 0);
	ASSERT_EQ(write_file(test_path("dotfiles/config"), "theme = mono\n"),
	    0);
	ASSERT_EQ(symlink(test_path("dotfiles/config"),
	    test_path("home/config")), 0);
	ASSERT_EQ(config_load(test_path("home/config"), &cfg, &cause), 0);
	ASSERT_OK(config_set(cfg, "theme", "light", &cause));
	ASSERT_EQ(config_save(cfg, &cause), 0);
	config_free(cfg);
	ASSERT_EQ(lstat(test_path("home/config"), &st), 0);
	ASSERT(S_ISLNK(st.st_mode));
	text = read_file(test_path("dotfiles/config"));
	ASSERT_STR(text, "theme = light\n");
	free(text);
	ASSERT_EQ(count_entries(test_path("dotfiles")), 1);
}

struct seen {
	char buf[256];
	struct config *cfg;
};

/* Collect NAME=VALUE; pairs into the buffer in ARG. */
static void
collect(const char *name, const char *value, void *arg)
{
	struct seen *s = arg;
	size_t len = strlen(s->buf);

	snprintf(s->buf + len, sizeof s->buf - len, "%s=%s;", name, value);
	/* Changing the configuration from the callback is allowed. */
	if (s->cfg != NULL)
		config_set(s->cfg, "added.while.walking", "1", NULL);
}

TEST(each)
{
	struct config *cfg;
	struct seen s;
	char *cause = NULL;
	int rc;

	cfg = parsed("key.b = 1\ntheme = x\nkey.a = 2\n# key.c = 3\n"
	    "key.b = 4\nkeyx = 5\nkey. = 6\n", &rc, &cause);
	ASSERT_EQ(rc, 0);
	memset(&s, 0, sizeof s);
	config_each(cfg, "key.", collect, &s);
	ASSERT_STR(s.buf, "key.a=2;key.b=4;key.=6;");
	memset(&s, 0, sizeof s);
	config_each(cfg, NULL, collect, &s);
	ASSERT_STR(s.buf, "theme=x;key.a=2;key.b=4;keyx=5;key.=6;");
	memset(&s, 0, sizeof s);
	config_each(cfg, "nothing", collect, &s);
	ASSERT_STR(s.buf, "");
	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof name, "more.%d", i);
		ASSERT_OK(config_set(cfg, name, "v", &cause));
	}
	memset(&s, 0, sizeof s);
	s.cfg = cfg;
	config_each(cfg, "key.", collect, &s);
	ASSERT_STR(s.buf, "key.a=2;key.b=4;key.=6;");
	ASSERT_STR(config_get(cfg, "added.while.walking"), "1");
	config_each(cfg, "key.", NULL, NULL);
	config_each(NULL, "key.", collect, &s);
	config_free(cfg);
}

TEST(default_path)
{
	char *p;

	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("HOME", "/home/li", 1);
	p = config_default_path();
	ASSERT_STR(p, "/xdg/kefu/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	p = config_default_path();
	ASSERT_STR(p, "/home/li/.config/kefu/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "", 1);
	p = config_default_path();
	ASSERT_STR(p, "/home/li/.config/kefu/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = config_default_path();
	ASSERT_STR(p, "/home/li/.config/kefu/config");
	free(p);
	/* Without HOME, the password database. */
	unsetenv("HOME");
	p = config_default_path();
	if (p != NULL) {
		ASSERT(p[0] == '/');
		ASSERT(strstr(p, "/.config/kefu/config") != NULL);
	}
	free(p);
}

static const struct test tests[] = {
	T(parse_and_get),
	T(bool_and_int),
	T(bad_lines),
	T(bad_lines_are_kept),
	T(set_in_place),
	T(set_saves_in_place),
	T(save_and_load),
	T(load_errors),
	T(save_is_atomic),
	T(save_through_symlink),
	T(each),
	T(default_path),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
