/*
 * schema.h — migrations, one table per engine. Entry N (0-based) moves the
 * schema from version N to N+1 and is a NULL-terminated list of SQL
 * scripts run in one transaction; the table is NULL-terminated and only
 * ever grows at the end.
 */
#ifndef KEFU_SCHEMA_H
#define KEFU_SCHEMA_H

extern const char *const *const schema_sqlite[];

/* Number of migrations in TABLE. */
int schema_count(const char *const *const *table);

#endif
