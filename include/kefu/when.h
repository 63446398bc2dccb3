/*
 * when.h — times as agents type them and as the database keeps them.
 *
 * The database holds UTC seconds since the epoch (int64). Agents type
 * relative times (`+30s`, `+5m`, `+2h`, `+3d`), local `YYYY-MM-DD HH:MM`
 * (or just a date: 09:00 that day), `tomorrow [HH:MM]`, or ISO 8601
 * (`2026-11-24T10:00:00Z`, `…+08:00`).
 */
#ifndef KEFU_WHEN_H
#define KEFU_WHEN_H

#include <stddef.h>
#include <stdint.h>

/* Seconds now; $KEFU_NOW (seconds or ISO 8601) overrides it for tests and
 * replays. */
int64_t when_now(void);

/* Parse TEXT relative to NOW into *out. Returns 0, or -1 with *cause. */
int when_parse(const char *text, int64_t now, int64_t *out, char **cause);

/* Local "YYYY-MM-DD HH:MM" into BUF (at least 20 bytes). */
char *when_format(int64_t t, char *buf, size_t len);

/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" into BUF (at least 21 bytes). */
char *when_iso(int64_t t, char *buf, size_t len);

/* Short relative form for screens: "in 5m", "3h ago", "2d ago". */
char *when_relative(int64_t t, int64_t now, char *buf, size_t len);

/* Local midnight at the start of the day that holds T. */
int64_t when_day_start(int64_t t);

#endif
