/*
 * file.h — reading small user files (themes, the config) safely: only
 * regular files, never more than a limit, names made printable in errors.
 */
#ifndef KEFU_FILE_H
#define KEFU_FILE_H

#include <stddef.h>

/* Read the regular file open at FD (PATH in messages), at most MAX bytes,
 * into a new NUL-terminated buffer (*OUT, *LEN). 0, or -1 with *cause. */
int file_read_fd(int fd, const char *path, size_t max, char **out,
    size_t *len, char **cause);

#endif
