/*
 * draft.c — unsaved input kept on disk (see draft.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kefu/draft.h"
#include "kefu/xmalloc.h"

char *
draft_dir(const char *agent)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (state != NULL && *state == '/')
		return xasprintf("%s/kefu/drafts/%s", state, agent);
	return xasprintf("%s/.local/state/kefu/drafts/%s",
	    home != NULL && *home ? home : "/tmp", agent);
}

/* mkdir -p DIR with mode 0700. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Keys name files: keep them to [a-z0-9-]. */
static int
key_valid(const char *key)
{
	if (key == NULL || *key == '\0' || strlen(key) > 64)
		return 0;
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return 1;
}

int
draft_save(const char *agent, const char *key, json_t *fields, char **cause)
{
	char *dir = draft_dir(agent), *path = NULL, *tmp = NULL, *text;
	size_t len;
	int fd = -1, rc = -1;

	if (!key_valid(key)) {
		set_cause(cause, "draft: bad key");
		goto out;
	}
	if (make_dirs(dir) != 0) {
		set_cause(cause, "draft: cannot create %s: %s", dir,
		    strerror(errno));
		goto out;
	}
	path = xasprintf("%s/%s.json", dir, key);
	tmp = xasprintf("%s/.%s.XXXXXX", dir, key);
	if ((fd = mkstemp(tmp)) < 0) {
		set_cause(cause, "draft: %s: %s", dir, strerror(errno));
		goto out;
	}
	text = json_dumps(fields, JSON_COMPACT);
	len = text != NULL ? strlen(text) : 0;
	if (text == NULL || write(fd, text, len) != (ssize_t)len ||
	    fsync(fd) != 0) {
		set_cause(cause, "draft not saved to disk: %s", strerror(errno));
		free(text);
		unlink(tmp);
		goto out;
	}
	free(text);
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		fd = -1;
		set_cause(cause, "draft not saved to disk: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	fd = -1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(dir);
	free(path);
	free(tmp);
	return rc;
}

json_t *
draft_load(const char *agent, const char *key)
{
	char *dir, *path;
	json_t *j;

	if (!key_valid(key))
		return NULL;
	dir = draft_dir(agent);
	path = xasprintf("%s/%s.json", dir, key);
	j = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
	if (j != NULL && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	free(path);
	free(dir);
	return j;
}

void
draft_remove(const char *agent, const char *key)
{
	char *dir, *path;

	if (!key_valid(key))
		return;
	dir = draft_dir(agent);
	path = xasprintf("%s/%s.json", dir, key);
	unlink(path);
	free(path);
	free(dir);
}

int
draft_count(const char *agent)
{
	char *dir = draft_dir(agent);
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	free(dir);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] != '.' && l > 5 &&
		    strcmp(e->d_name + l - 5, ".json") == 0)
			n++;
	}
	closedir(d);
	return n;
}
