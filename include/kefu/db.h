/*
 * db.h — the database driver API.
 *
 * Domain modules (customer.c, contact.c, …) speak portable SQL through this
 * interface: `?` placeholders, ON CONFLICT, RETURNING.  Only the driver
 * (db-sqlite.c today, db-pg.c later) talks to an engine.  Engine-specific SQL
 * (full-text search, DDL details) is looked up per engine with db_engine().
 *
 * Statements are prepared once and cached per connection: db_prepare() with
 * the same SQL text returns the same statement, reset and with its bindings
 * cleared.  A statement is used by one caller at a time: step it to the end
 * or call db_reset() before preparing the same SQL again.
 *
 * Errors are negative return values; db_errmsg() says what went wrong.
 */
#ifndef KEFU_DB_H
#define KEFU_DB_H

#include <stdbool.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum {
	DB_DONE = 0,		/* db_step: no (more) rows */
	DB_ROW = 1,		/* db_step: a row is ready */
};

enum db_error {
	DB_ERR = -1,		/* any other failure */
	DB_EBUSY = -2,		/* locked by another process past busy_timeout */
	DB_ECONSTRAINT = -3,	/* unique / foreign key / check violated */
	DB_EFULL = -4,		/* disk full */
	DB_EREADONLY = -5,	/* file or directory not writable */
	DB_ENOTDB = -6,		/* the file is not a database */
};

enum db_open_flags {
	DB_OPEN_CREATE = 1 << 0,	/* create the file if it is missing */
	DB_OPEN_READONLY = 1 << 1,
};

/* Open (and with DB_OPEN_CREATE, create) the database at PATH, set the
 * connection up (WAL, busy_timeout, foreign keys, synchronous=NORMAL) and
 * migrate its schema forward.  Returns 0 and *out, or a negative db_error and
 * *cause (owned by the caller). A database newer than this binary is refused. */
int db_open(const char *path, int flags, struct db **out, char **cause);

/* Finalize cached statements and close. NULL is ignored. */
void db_close(struct db *);

/* "sqlite" or "postgresql": selects engine-specific SQL tables. */
const char *db_engine(const struct db *);

/* The last error message of this connection (owned by the connection). */
const char *db_errmsg(struct db *);

/* Run one or more SQL statements without parameters. */
int db_exec(struct db *, const char *sql);

/* Prepared statement for SQL, cached. NULL on error (see db_errmsg). */
struct db_stmt *db_prepare(struct db *, const char *sql);

/* Bind parameter I (1-based). db_bind_text with NULL binds NULL. */
void db_bind_int(struct db_stmt *, int i, int64_t v);
void db_bind_double(struct db_stmt *, int i, double v);
void db_bind_text(struct db_stmt *, int i, const char *s);
void db_bind_null(struct db_stmt *, int i);

/* DB_ROW, DB_DONE, or a negative db_error. After DB_DONE or an error the
 * statement is reset and ready for reuse. */
int db_step(struct db_stmt *);

/* Column I (0-based) of the current row. Text is valid until the next step
 * or reset; NULL means SQL NULL. */
int64_t db_col_int(struct db_stmt *, int i);
double db_col_double(struct db_stmt *, int i);
const char *db_col_text(struct db_stmt *, int i);
bool db_col_null(struct db_stmt *, int i);

/* Reset a statement early (before DB_DONE) and clear its bindings. */
void db_reset(struct db_stmt *);

/* Rows changed by the last INSERT/UPDATE/DELETE. */
int64_t db_changes(struct db *);

/* Short write transaction: BEGIN IMMEDIATE (takes the write lock up front,
 * so read-then-write cannot deadlock), COMMIT, ROLLBACK. Calls nest: inside
 * a transaction db_begin opens a savepoint, db_commit releases it and
 * db_rollback undoes only it, so domain functions that each run in their
 * own transaction can be grouped into one (demo data, imports). */
int db_begin(struct db *);
int db_commit(struct db *);
void db_rollback(struct db *);

/* A number that changes when another connection commits (PRAGMA
 * data_version in SQLite); cheap, for the watch timer. Negative on error. */
int64_t db_data_version(struct db *);

/* Schema version of the open database, and the newest this binary knows. */
int db_schema_version(struct db *);
int db_schema_latest(void);

/* How long a write waits for another process's lock before DB_EBUSY
 * (5000 ms from db_open). The console uses a short wait and retries
 * visibly, so its loop never stalls for seconds. */
void db_set_busy_timeout(struct db *, int ms);

/* The journal mode in effect ("wal" for a writable database). */
const char *db_journal_mode(struct db *);

/* Set *cause to a message for the failed call that returned RC (busy, disk
 * full, read-only, constraint, or the engine's text), prefixed with WHAT.
 * Returns RC (DB_ERR if RC was not negative). For reads: nothing else. */
int db_cause(struct db *, int rc, const char *what, char **cause);

/* db_cause, then roll back the innermost transaction level: for writers,
 * once, on the failure that ends their transaction. */
int db_fail(struct db *, int rc, const char *what, char **cause);

#endif
