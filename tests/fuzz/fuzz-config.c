/* fuzz-config.c — config_parse() on arbitrary text, then set, save and
 * load it back: what was read must read back the same. */
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kefu/config.h"
#include "kefu/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct walk {
	const struct config	*other;
	size_t			 n;
};

/* Abort unless CAUSE is a one-line, visible, valid UTF-8 message. */
static void
check_cause(const char *cause)
{
	size_t	i;

	if (cause == NULL)
		abort();
	for (i = 0; cause[i] != '\0'; i++) {
		if ((unsigned char)cause[i] < 0x20 || cause[i] == 0x7F)
			abort();
	}
	if (!utf8_valid(cause, i))
		abort();
}

/* Abort unless NAME has VALUE in the other configuration too. */
static void
same(const char *name, const char *value, void *arg)
{
	struct walk	*w = arg;
	const char	*v;
	size_t		 i;

	v = config_get(w->other, name);
	if (v == NULL || strcmp(v, value) != 0)
		abort();
	/* Names and values are what the header promises. */
	if (name[0] == '\0' || strlen(name) > 64 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
	    strlen(name) || strlen(value) > 1000 ||
	    !utf8_valid(value, strlen(value)))
		abort();
	for (i = 0; value[i] != '\0'; i++) {
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7F)
			abort();
	}
	config_bool(w->other, name, -1);
	config_int(w->other, name, -100, 100, 0);
	w->n++;
}

static char	fuzz_tmp[64];

/* Remove the directory of fuzz_dir() and its file at exit. */
static void
fuzz_cleanup(void)
{
	char	path[80];

	snprintf(path, sizeof path, "%s/config", fuzz_tmp);
	unlink(path);
	rmdir(fuzz_tmp);
}

/* A directory for the files: on tmpfs if there is one (fsync is cheap). */
static const char *
fuzz_dir(void)
{
	if (fuzz_tmp[0] == '\0') {
		snprintf(fuzz_tmp, sizeof fuzz_tmp, "%s/kefu-fuzz-XXXXXX",
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(fuzz_tmp) == NULL)
			abort();
		atexit(fuzz_cleanup);
	}
	return (fuzz_tmp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*a, *b;
	struct walk	 wa, wb;
	char		*path, *cause = NULL, *cause2 = NULL, *name, *nl;
	int		 r, r2;

	path = malloc(strlen(fuzz_dir()) + 8);
	if (path == NULL)
		return (0);
	sprintf(path, "%s/config", fuzz_dir());
	unlink(path);

	a = config_new(path);
	r = config_parse(a, (const char *)data, size, path, &cause);
	if (r == 0 && cause != NULL)
		abort();
	if (r != 0) {
		if (r != -1)
			abort();
		check_cause(cause);
	}

	/* The first line, split at '=', as a setting. */
	name = malloc(size + 1);
	if (name == NULL)
		abort();
	memcpy(name, data, size);
	name[size] = '\0';
	if ((nl = strchr(name, '\n')) != NULL)
		*nl = '\0';
	if ((nl = strchr(name, '=')) != NULL) {
		*nl = '\0';
		if (config_set(a, name, nl + 1, &cause2) == 0) {
			if (config_get(a, name) == NULL)
				abort();
		} else
			check_cause(cause2);
	}
	free(name);
	free(cause2);
	cause2 = NULL;

	/* Saved and loaded back, every setting reads the same. */
	if (config_save(a, &cause2) != 0)
		abort();
	r2 = config_load(path, &b, &cause2);
	if (r2 != r || (r != 0 && strcmp(cause, cause2) != 0))
		abort();
	wa.other = b;
	wa.n = 0;
	config_each(a, NULL, same, &wa);
	wb.other = a;
	wb.n = 0;
	config_each(b, NULL, same, &wb);
	if (wa.n != wb.n)
		abort();
	config_each(a, "key.", same, &wa);

	free(cause);
	free(cause2);
	config_free(a);
	config_free(b);
	free(path);
	return (0);
}
