/*
 * file.c — bounded reads of small user files (see file.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kefu/file.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

int
file_read_fd(int fd, const char *path, size_t max, char **out, size_t *len,
    char **cause)
{
	char *buf = NULL, *where = utf8_sanitise(path, false);
	size_t have = 0;
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) != 0) {
		set_cause(cause, "%s: %s", where, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		set_cause(cause, "%s: not a regular file", where);
		goto fail;
	}
	buf = xmalloc(max + 1);
	for (;;) {
		n = read(fd, buf + have, max + 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			set_cause(cause, "%s: %s", where, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		have += (size_t)n;
		if (have > max) {
			set_cause(cause, "%s: too large (over %zu bytes)", where,
			    max);
			goto fail;
		}
	}
	buf[have] = '\0';
	free(where);
	*out = buf;
	*len = have;
	return 0;
fail:
	free(buf);
	free(where);
	return -1;
}
