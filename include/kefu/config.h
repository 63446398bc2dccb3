/*
 * config.h — the agent's settings, `$XDG_CONFIG_HOME/kefu/config`:
 *
 *     # kefu configuration
 *     theme = default
 *     date_format = %Y-%m-%d %H:%M
 *     bell = yes
 *     key.search = /
 *     key.log-contact = l
 *
 * `name = value` lines; names are [a-z0-9._-]+; values run to the end of
 * the line (trimmed). Unknown names are kept (and written back) so that a
 * newer kefu's settings survive an older one. Saving is atomic (a temporary
 * file in the same directory, fsync, rename) and keeps comments.
 */
#ifndef KEFU_CONFIG_H
#define KEFU_CONFIG_H

#include <stddef.h>

struct config;

/* An empty configuration that will save to PATH (may be NULL). */
struct config *config_new(const char *path);
void config_free(struct config *);

/* Read PATH. A missing file is an empty configuration (0). A malformed
 * line fails with "PATH:LINE: message" (-1, *cause); *out is still set to
 * the lines read so far so the console can start. */
int config_load(const char *path, struct config **out, char **cause);

/* Parse TEXT as a configuration (FILE names it in messages). */
int config_parse(struct config *, const char *text, size_t len,
    const char *file, char **cause);

/* The value of NAME, or NULL. */
const char *config_get(const struct config *, const char *name);
/* NAME's value as a boolean (yes/no/true/false/on/off/1/0) or DEF. */
int config_bool(const struct config *, const char *name, int def);
/* NAME's value as an integer in [MIN, MAX], or DEF when unset or invalid. */
long config_int(const struct config *, const char *name, long min, long max,
    long def);

/* Set NAME to VALUE (replacing the existing line in place). -1 with
 * *cause if NAME or VALUE is unacceptable (newlines, bad name). */
int config_set(struct config *, const char *name, const char *value,
    char **cause);

/* Write the configuration atomically to its path (creating the directory).
 * 0, or -1 with *cause; the old file is intact on failure. */
int config_save(struct config *, char **cause);

/* Call FN for every NAME with the given PREFIX ("key."), in file order. */
void config_each(const struct config *, const char *prefix,
    void (*fn)(const char *name, const char *value, void *arg), void *arg);

/* $XDG_CONFIG_HOME/kefu/config (or ~/.config/kefu/config); owned. */
char *config_default_path(void);

#endif
