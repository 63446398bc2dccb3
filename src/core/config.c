/*
 * config.c — the agent's settings file, kept line by line.
 *
 * A configuration is the file's lines in order. Each keeps its text as read
 * (without the line end) so that saving writes comments, blank lines, names
 * this kefu does not know and even lines it could not parse back as they
 * were; `name = value` lines also carry their name and value. When a name
 * appears more than once the last line counts, for reading and for
 * config_set(), which rewrites only the value part of that line.
 *
 * A bad line is reported ("PATH:LINE: message", the first one only) and kept
 * as it is; the lines around it still count. Line ends are written back as
 * "\n" (a bad line keeps a CR it had) and a byte order mark as it was. A
 * file that could not be read at all is never saved over.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kefu/config.h"
#include "kefu/file.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

enum {
	CONFIG_NAME_MAX = 64,		/* bytes of a name */
	CONFIG_VALUE_MAX = 1000,	/* bytes of a value */
	CONFIG_FILE_MAX = 1024 * 1024,	/* bytes config_load() reads */
	CONFIG_QUOTE_MAX = 40,		/* columns of input in a message */
};

struct config_line {
	char	*text;		/* the line to write, without its end */
	size_t	 len;		/* bytes of text (a bad line may hold NUL) */
	char	*name;		/* NULL unless a good `name = value` */
	char	*value;
	size_t	 value_at;	/* where the value starts in text */
};

struct config {
	char			*path;
	struct config_line	*lines;
	size_t			 n, cap;
	bool			 unread;	/* PATH is there, not read */
	bool			 bom;		/* the file began with one */
};

static const char *const config_true[] = { "yes", "true", "on", "1" };
static const char *const config_false[] = { "no", "false", "off", "0" };

struct config *
config_new(const char *path)
{
	struct config	*cfg;

	cfg = xcalloc(1, sizeof *cfg);
	cfg->path = path != NULL ? xstrdup(path) : NULL;
	return (cfg);
}

void
config_free(struct config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->n; i++) {
		free(cfg->lines[i].text);
		free(cfg->lines[i].name);
		free(cfg->lines[i].value);
	}
	free(cfg->lines);
	free(cfg->path);
	free(cfg);
}

/* Whether C is a blank around names and values. */
static bool
config_blank(char c)
{
	return (c == ' ' || c == '\t');
}

/* Check NAME (LEN bytes): 0, or -1 with a new message in *MSG. */
static int
config_name_check(const char *name, size_t len, char **msg)
{
	char	*q;
	size_t	 ok;

	ok = 0;
	while (ok < len && ((name[ok] >= 'a' && name[ok] <= 'z') ||
	    (name[ok] >= '0' && name[ok] <= '9') || name[ok] == '.' ||
	    name[ok] == '_' || name[ok] == '-'))
		ok++;
	if (len == 0) {
		*msg = xstrdup("expected 'name = value'");
		return (-1);
	}
	if (ok != len) {
		q = utf8_quote(name, len, CONFIG_VALUE_MAX, CONFIG_QUOTE_MAX);
		*msg = xasprintf("invalid name '%s' (use a-z, 0-9, '.', '_' "
		    "and '-')", q);
		free(q);
		return (-1);
	}
	if (len > CONFIG_NAME_MAX) {
		q = utf8_quote(name, len, CONFIG_VALUE_MAX, CONFIG_QUOTE_MAX);
		*msg = xasprintf("name '%s' is too long (over %d bytes)", q,
		    CONFIG_NAME_MAX);
		free(q);
		return (-1);
	}
	return (0);
}

/* Check the value of NAME (LEN bytes): 0, or -1 with a new *MSG. */
static int
config_value_check(const char *name, const char *value, size_t len,
    char **msg)
{
	size_t		i = 0;
	uint32_t	cp;
	int		n;

	if (len > CONFIG_VALUE_MAX) {
		*msg = xasprintf("value of '%s' is too long (over %d bytes)",
		    name, CONFIG_VALUE_MAX);
		return (-1);
	}
	while (i < len) {
		n = utf8_decode(value + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1) {
			*msg = xasprintf("value of '%s' is not valid UTF-8",
			    name);
			return (-1);
		}
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			*msg = xasprintf("value of '%s' has a control "
			    "character", name);
			return (-1);
		}
		i += (size_t)n;
	}
	return (0);
}

/* Add a line TEXT (LEN bytes, taken over) to CFG; returns it. */
static struct config_line *
config_add(struct config *cfg, char *text, size_t len)
{
	struct config_line	*l;

	if (cfg->n == cfg->cap) {
		cfg->cap = cfg->cap == 0 ? 16 : cfg->cap * 2;
		cfg->lines = xreallocarray(cfg->lines, cfg->cap,
		    sizeof *cfg->lines);
	}
	l = &cfg->lines[cfg->n++];
	memset(l, 0, sizeof *l);
	l->text = text;
	l->len = len;
	return (l);
}

/* Make L (its text set) a `name = value` line if it is one; -1 with *MSG. */
static int
config_line_parse(struct config_line *l, char **msg)
{
	const char	*s = l->text, *eq;
	size_t		 i = 0, name_at, name_end, v, end;

	if (memchr(s, '\0', l->len) != NULL) {
		*msg = xstrdup("NUL byte in line");
		return (-1);
	}
	while (i < l->len && config_blank(s[i]))
		i++;
	if (i == l->len || s[i] == '#')
		return (0);
	if ((eq = memchr(s + i, '=', l->len - i)) == NULL) {
		*msg = xstrdup("expected 'name = value'");
		return (-1);
	}
	name_at = i;
	name_end = (size_t)(eq - s);
	while (name_end > name_at && config_blank(s[name_end - 1]))
		name_end--;
	if (config_name_check(s + name_at, name_end - name_at, msg) != 0)
		return (-1);
	v = (size_t)(eq - s) + 1;
	while (v < l->len && config_blank(s[v]))
		v++;
	end = l->len;
	while (end > v && config_blank(s[end - 1]))
		end--;
	l->name = xstrndup(s + name_at, name_end - name_at);
	if (config_value_check(l->name, s + v, end - v, msg) != 0) {
		free(l->name);
		l->name = NULL;
		return (-1);
	}
	l->value = xstrndup(s + v, end - v);
	l->value_at = v;
	return (0);
}

int
config_parse(struct config *cfg, const char *text, size_t len,
    const char *file, char **cause)
{
	struct config_line	*l;
	const char		*line, *nl;
	char			*msg, *where;
	size_t			 off = 0, n, lineno = 0;
	int			 rc = 0;
	bool			 cr;

	if (text == NULL)
		len = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		off = 3;
		if (cfg->n == 0)
			cfg->bom = true;
	}
	while (off < len) {
		lineno++;
		line = text + off;
		nl = memchr(line, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - line) : len - off;
		off += n + 1;
		cr = n > 0 && line[n - 1] == '\r';
		if (cr)
			n--;
		l = config_add(cfg, xstrndup(line, n), n);
		msg = NULL;
		if (config_line_parse(l, &msg) == 0)
			continue;
		if (cr) {
			/* A bad line keeps its bytes to read back the same. */
			free(l->text);
			l->text = xstrndup(line, n + 1);
			l->len = n + 1;
		}
		if (rc != 0) {
			free(msg);
			continue;
		}
		where = utf8_sanitise(file != NULL ? file : "config", false);
		rc = set_cause(cause, "%s:%zu: %s", where, lineno, msg);
		free(where);
		free(msg);
	}
	return (rc);
}

int
config_load(const char *path, struct config **out, char **cause)
{
	struct config	*cfg;
	char		*text, *where;
	size_t		 len;
	int		 fd, rc;

	*out = cfg = config_new(path);
	if (path == NULL)
		return (0);
	do
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		if (errno == ENOENT)
			return (0);
		cfg->unread = true;
		where = utf8_sanitise(path, false);
		set_cause(cause, "%s: %s", where, strerror(errno));
		free(where);
		return (-1);
	}
	rc = file_read_fd(fd, path, CONFIG_FILE_MAX, &text, &len, cause);
	close(fd);
	if (rc != 0) {
		cfg->unread = true;
		return (-1);
	}
	rc = config_parse(cfg, text, len, path, cause);
	free(text);
	return (rc);
}

/* The last good line named NAME in CFG, or NULL. */
static struct config_line *
config_find(const struct config *cfg, const char *name)
{
	size_t	i;

	if (cfg == NULL || name == NULL)
		return (NULL);
	for (i = cfg->n; i > 0; i--) {
		if (cfg->lines[i - 1].name != NULL &&
		    strcmp(cfg->lines[i - 1].name, name) == 0)
			return (&cfg->lines[i - 1]);
	}
	return (NULL);
}

const char *
config_get(const struct config *cfg, const char *name)
{
	struct config_line	*l;

	if ((l = config_find(cfg, name)) == NULL)
		return (NULL);
	return (l->value);
}

int
config_bool(const struct config *cfg, const char *name, int def)
{
	const char	*v;
	size_t		 i;

	if ((v = config_get(cfg, name)) == NULL)
		return (def);
	for (i = 0; i < nitems(config_true); i++) {
		if (strcasecmp(v, config_true[i]) == 0)
			return (1);
		if (strcasecmp(v, config_false[i]) == 0)
			return (0);
	}
	return (def);
}

long
config_int(const struct config *cfg, const char *name, long min, long max,
    long def)
{
	const char	*v;
	char		*end;
	long		 n;

	if ((v = config_get(cfg, name)) == NULL || *v == '\0')
		return (def);
	if (*v != '-' && *v != '+' && (*v < '0' || *v > '9'))
		return (def);
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return (def);
	return (n);
}

int
config_set(struct config *cfg, const char *name, const char *value,
    char **cause)
{
	struct config_line	*l;
	char			*msg = NULL, *text;
	size_t			 len;

	if (name == NULL || *name == '\0')
		return (set_cause(cause, "a setting needs a name"));
	if (config_name_check(name, strlen(name), &msg) != 0)
		goto fail;
	if (value == NULL)
		return (set_cause(cause, "no value given for '%s'", name));
	while (config_blank(*value))
		value++;
	len = strlen(value);
	while (len > 0 && config_blank(value[len - 1]))
		len--;
	if (config_value_check(name, value, len, &msg) != 0)
		goto fail;

	l = config_find(cfg, name);
	if (l != NULL && l->value[0] != '\0' && len > 0) {
		/* Keep what comes before the value: indent, spacing. */
		text = xmalloc(l->value_at + len + 1);
		memcpy(text, l->text, l->value_at);
		memcpy(text + l->value_at, value, len);
		text[l->value_at + len] = '\0';
		free(l->text);
		l->text = text;
		l->len = l->value_at + len;
	} else {
		if (len == 0)
			text = xasprintf("%s =", name);
		else
			text = xasprintf("%s = %.*s", name, (int)len, value);
		if (l == NULL) {
			l = config_add(cfg, text, strlen(text));
			l->name = xstrdup(name);
		} else {
			free(l->text);
			l->text = text;
			l->len = strlen(text);
		}
		l->value_at = l->len - len;
	}
	free(l->value);
	l->value = xstrndup(value, len);
	return (0);
fail:
	set_cause(cause, "%s", msg);
	free(msg);
	return (-1);
}

/* One name seen by config_each(): the line it is on, which is also its
 * place in file order. */
struct config_seen {
	const char	*name;
	size_t		 line;
};

/* Order config_seen entries by name, then by line. */
static int
config_seen_cmp(const void *a0, const void *b0)
{
	const struct config_seen	*a = a0, *b = b0;
	int				 c;

	if ((c = strcmp(a->name, b->name)) != 0)
		return (c);
	return (a->line < b->line ? -1 : a->line > b->line);
}

void
config_each(const struct config *cfg, const char *prefix,
    void (*fn)(const char *, const char *, void *), void *arg)
{
	struct config_seen	*seen;
	struct config_line	*l;
	size_t			 i, k = 0, n, plen;
	bool			*skip;

	if (cfg == NULL || fn == NULL || cfg->n == 0)
		return;
	n = cfg->n;
	if (prefix == NULL)
		prefix = "";
	plen = strlen(prefix);
	seen = xreallocarray(NULL, n, sizeof *seen);
	for (i = 0; i < n; i++) {
		l = &cfg->lines[i];
		if (l->name == NULL || strncmp(l->name, prefix, plen) != 0)
			continue;
		seen[k].name = l->name;
		seen[k].line = i;
		k++;
	}
	/* Only the last line of a name counts, as for config_get(). */
	skip = xcalloc(n, sizeof *skip);
	qsort(seen, k, sizeof *seen, config_seen_cmp);
	for (i = 0; i + 1 < k; i++) {
		if (strcmp(seen[i].name, seen[i + 1].name) == 0)
			skip[seen[i].line] = true;
	}
	free(seen);
	/* FN may call config_set(), which moves and adds lines: go by
	 * index, over the lines there were. */
	for (i = 0; i < n; i++) {
		l = &cfg->lines[i];
		if (skip[i] || l->name == NULL ||
		    strncmp(l->name, prefix, plen) != 0)
			continue;
		fn(l->name, l->value, arg);
	}
	free(skip);
}

/* Create DIR and its parents as needed (mode 0700). 0, or -1 with errno. */
static int
config_mkdirs(const char *dir)
{
	char	*copy, *p, c;
	int	 rc = 0, saved = 0;

	copy = xstrdup(dir);
	for (p = copy + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p[-1] != '/') {
			c = *p;
			*p = '\0';
			if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
				saved = errno;
				rc = -1;
			}
			*p = c;
		}
		if (*p == '\0')
			break;
	}
	free(copy);
	errno = saved;
	return (rc);
}

/* Write LEN bytes of BUF to FD; 0, or -1 with errno. */
static int
config_write_all(int fd, const char *buf, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return (-1);
		buf += n;
		len -= (size_t)n;
	}
	return (0);
}

/* The whole file CFG saves, in a new buffer of *LEN bytes. */
static char *
config_text(const struct config *cfg, size_t *len)
{
	char	*buf;
	size_t	 i, total = 0, o = 0;

	for (i = 0; i < cfg->n; i++)
		total += cfg->lines[i].len + 1;
	buf = xmalloc(total + 4);
	if (cfg->bom) {
		memcpy(buf, "\xef\xbb\xbf", 3);
		o = 3;
	}
	for (i = 0; i < cfg->n; i++) {
		memcpy(buf + o, cfg->lines[i].text, cfg->lines[i].len);
		o += cfg->lines[i].len;
		buf[o++] = '\n';
	}
	*len = o;
	return (buf);
}

/* The file to replace when saving to PATH: what a symlink points to. */
static char *
config_target(const char *path)
{
	struct stat	 st;
	char		*real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		return (real);
	return (xstrdup(path));
}

int
config_save(struct config *cfg, char **cause)
{
	struct stat	 st;
	char		*target, *dir, *tmp = NULL, *buf = NULL, *where;
	char		*slash;
	const char	*what;
	size_t		 len;
	int		 fd = -1, saved, dfd;
	bool		 made = false;

	if (cfg->path == NULL)
		return (set_cause(cause, "the configuration has no file"));
	where = utf8_sanitise(cfg->path, false);
	if (cfg->unread) {
		set_cause(cause, "not saving %s: it could not be read", where);
		free(where);
		return (-1);
	}
	target = config_target(cfg->path);
	if ((slash = strrchr(target, '/')) == NULL)
		dir = xstrdup(".");
	else if (slash == target)
		dir = xstrdup("/");
	else
		dir = xstrndup(target, (size_t)(slash - target));

	what = "creating its directory";
	if (config_mkdirs(dir) != 0)
		goto fail;
	what = "creating a temporary file";
	tmp = xasprintf("%s.XXXXXX", target);
	if ((fd = mkstemp(tmp)) < 0)
		goto fail;
	made = true;
	/* Keep the mode of the file being replaced (mkstemp gives 0600). */
	if (stat(target, &st) == 0 && S_ISREG(st.st_mode))
		(void)fchmod(fd, st.st_mode & 07777);
	what = "writing";
	buf = config_text(cfg, &len);
	if (config_write_all(fd, buf, len) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	what = "replacing it";
	if (rename(tmp, target) != 0)
		goto fail;
	/* Make the rename itself durable; a failure here loses nothing. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(buf);
	free(tmp);
	free(dir);
	free(target);
	free(where);
	return (0);

fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (made)
		unlink(tmp);
	set_cause(cause, "saving %s: %s: %s", where, what, strerror(saved));
	free(buf);
	free(tmp);
	free(dir);
	free(target);
	free(where);
	return (-1);
}

char *
config_default_path(void)
{
	const char	*xdg, *home;
	struct passwd	*pw;

	xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && xdg[0] == '/')
		return (xasprintf("%s/kefu/config", xdg));
	home = getenv("HOME");
	if (home == NULL || home[0] != '/') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL || home[0] != '/')
		return (NULL);
	return (xasprintf("%s/.config/kefu/config", home));
}
