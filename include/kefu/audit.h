/*
 * audit.h — who changed what, when. Append-only: rows are inserted, never
 * updated or deleted (the schema's triggers refuse both).
 */
#ifndef KEFU_AUDIT_H
#define KEFU_AUDIT_H

#include <stdint.h>

struct db;

/* Record that BY did ACTION on TABLE row ROW; DETAIL is free text (often
 * JSON) or NULL. Call inside the transaction that made the change. */
int audit_log(struct db *, const char *by, const char *table, int64_t row,
    const char *action, const char *detail);

#endif
