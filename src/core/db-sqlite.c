/*
 * db-sqlite.c — the SQLite driver behind db.h; the only file that calls
 * sqlite3_*.
 *
 * One connection per process (plus one per background worker). The file is
 * shared by many agent consoles, so: WAL, a 5 s busy timeout, writes in short
 * BEGIN IMMEDIATE transactions.  Prepared statements are cached in a small
 * open-addressing table keyed by the SQL text.
 *
 * A kefu database carries PRAGMA application_id 0x6b656675 ("kefu") and its
 * schema version in PRAGMA user_version; migrations (schema.c) run forward,
 * each in one transaction.
 */
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kefu/db.h"
#include "kefu/xmalloc.h"
#include "schema.h"

#define KEFU_APP_ID	0x6b656675
#define BUSY_TIMEOUT_MS	5000

struct db_stmt {
	struct db	*db;
	sqlite3_stmt	*st;
	char		*sql;
	unsigned	 hash;
};

struct db {
	sqlite3		*h;
	char		*path;
	struct db_stmt	**cache;	/* open addressing, size a power of 2 */
	size_t		 ncache;
	size_t		 used;
	int		 depth;		/* nested db_begin: savepoints */
	char		 journal[16];
};

static unsigned
hash_sql(const char *s)
{
	unsigned h = 2166136261u;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int
map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return 0;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_EBUSY;
	case SQLITE_CONSTRAINT:
		return DB_ECONSTRAINT;
	case SQLITE_FULL:
		return DB_EFULL;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return DB_EREADONLY;
	case SQLITE_NOTADB:
		return DB_ENOTDB;
	default:
		return DB_ERR;
	}
}

const char *
db_engine(const struct db *db)
{
	(void)db;
	return "sqlite";
}

const char *
db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

int
db_exec(struct db *db, const char *sql)
{
	return map_rc(sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

static void
cache_grow(struct db *db)
{
	size_t n = db->ncache ? db->ncache * 2 : 64;
	struct db_stmt **t = xcalloc(n, sizeof *t);

	for (size_t i = 0; i < db->ncache; i++) {
		struct db_stmt *s = db->cache[i];
		size_t j;

		if (s == NULL)
			continue;
		for (j = s->hash & (n - 1); t[j] != NULL; j = (j + 1) & (n - 1))
			;
		t[j] = s;
	}
	free(db->cache);
	db->cache = t;
	db->ncache = n;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql)
{
	unsigned h = hash_sql(sql);
	struct db_stmt *s;
	sqlite3_stmt *st;
	size_t j;

	if (db->used * 2 >= db->ncache)
		cache_grow(db);
	for (j = h & (db->ncache - 1); (s = db->cache[j]) != NULL;
	    j = (j + 1) & (db->ncache - 1)) {
		if (s->hash == h && strcmp(s->sql, sql) == 0) {
			sqlite3_reset(s->st);
			sqlite3_clear_bindings(s->st);
			return s;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK)
		return NULL;
	s = xmalloc(sizeof *s);
	s->db = db;
	s->st = st;
	s->sql = xstrdup(sql);
	s->hash = h;
	db->cache[j] = s;
	db->used++;
	return s;
}

void
db_bind_int(struct db_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s->st, i, v);
}

void
db_bind_double(struct db_stmt *s, int i, double v)
{
	sqlite3_bind_double(s->st, i, v);
}

void
db_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s->st, i);
	else
		sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT);
}

void
db_bind_null(struct db_stmt *s, int i)
{
	sqlite3_bind_null(s->st, i);
}

int
db_step(struct db_stmt *s)
{
	int rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	/* Keep the error text: sqlite3_reset would not lose it, but clearing
	 * bindings early lets the statement be reused at once. */
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s->st);
		return DB_DONE;
	}
	rc = sqlite3_extended_errcode(s->db->h);
	sqlite3_reset(s->st);
	return map_rc(rc) == 0 ? DB_ERR : map_rc(rc);
}

int64_t
db_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

double
db_col_double(struct db_stmt *s, int i)
{
	return sqlite3_column_double(s->st, i);
}

const char *
db_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

bool
db_col_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

void
db_reset(struct db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

int64_t
db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

int
db_begin(struct db *db)
{
	char sql[32];
	int rc;

	if (db->depth == 0)
		rc = db_exec(db, "BEGIN IMMEDIATE");
	else {
		snprintf(sql, sizeof sql, "SAVEPOINT s%d", db->depth);
		rc = db_exec(db, sql);
	}
	if (rc == 0)
		db->depth++;
	return rc;
}

int
db_commit(struct db *db)
{
	char sql[32];
	int rc;

	if (db->depth == 0)
		return DB_ERR;
	if (db->depth == 1)
		snprintf(sql, sizeof sql, "COMMIT");
	else
		snprintf(sql, sizeof sql, "RELEASE s%d", db->depth - 1);
	/* On failure the level stays open: the caller rolls it back. */
	if ((rc = db_exec(db, sql)) < 0)
		return rc;
	db->depth--;
	return 0;
}

void
db_rollback(struct db *db)
{
	char sql[64];

	if (db->depth == 0)
		return;
	if (db->depth == 1 || sqlite3_get_autocommit(db->h)) {
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db->depth = 0;
		return;
	}
	db->depth--;
	snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d", db->depth,
	    db->depth);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

/* One integer from a pragma or query without parameters; negative on error. */
static int64_t
query_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = DB_ERR;
	int rc;

	if ((rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL)) != SQLITE_OK)
		return map_rc(rc) ? map_rc(rc) : DB_ERR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		v = map_rc(sqlite3_extended_errcode(db->h));
	sqlite3_finalize(st);
	return v;
}

void
db_set_busy_timeout(struct db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

int64_t
db_data_version(struct db *db)
{
	return query_int(db, "PRAGMA data_version");
}

int
db_schema_version(struct db *db)
{
	return (int)query_int(db, "PRAGMA user_version");
}

int
db_schema_latest(void)
{
	return schema_count(schema_sqlite);
}

const char *
db_journal_mode(struct db *db)
{
	return db->journal;
}

/* The message for a failure while opening PATH. */
static int
open_fail(struct db *db, int rc, const char *path, char **cause)
{
	int e = map_rc(rc);

	switch (e) {
	case DB_ENOTDB:
		set_cause(cause, "%s is not a kefu database (not SQLite)", path);
		break;
	case DB_EREADONLY:
		set_cause(cause, "cannot open %s: %s", path,
		    db != NULL && db->h != NULL ? sqlite3_errmsg(db->h) :
		    "permission denied");
		break;
	case DB_EBUSY:
		set_cause(cause, "%s is locked by another process", path);
		break;
	default:
		set_cause(cause, "cannot open %s: %s", path,
		    db != NULL && db->h != NULL ? sqlite3_errmsg(db->h) :
		    sqlite3_errstr(rc));
		break;
	}
	db_close(db);
	return e ? e : DB_ERR;
}

/* Check PATH's directory exists and, unless READONLY, is writable. */
static int
check_dir(const char *path, int readonly, char **cause)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat sb;
	int rc = 0;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		rc = set_cause(cause, "cannot open %s: directory %s does not exist",
		    path, dir);
		rc = DB_EREADONLY;
	} else if (!readonly && access(dir, W_OK) != 0) {
		/* WAL needs the -wal and -shm files beside the database. */
		set_cause(cause, "cannot open %s: directory %s is not writable",
		    path, dir);
		rc = DB_EREADONLY;
	}
	free(dir);
	return rc;
}

/* Refuse files that are SQLite but not ours, and schemas newer than us. */
static int
check_identity(struct db *db, const char *path, char **cause)
{
	int64_t app = query_int(db, "PRAGMA application_id");
	int64_t ver = query_int(db, "PRAGMA user_version");
	int64_t tables;

	if (app < 0)
		return open_fail(NULL, app == DB_ENOTDB ? SQLITE_NOTADB :
		    SQLITE_ERROR, path, cause);
	if (app != 0 && app != KEFU_APP_ID) {
		set_cause(cause, "%s is an SQLite database of another program, "
		    "not kefu", path);
		return DB_ENOTDB;
	}
	if (app == 0) {
		tables = query_int(db, "SELECT count(*) FROM sqlite_schema");
		if (tables > 0) {
			set_cause(cause, "%s is an SQLite database of another "
			    "program, not kefu", path);
			return DB_ENOTDB;
		}
	}
	if (ver > db_schema_latest()) {
		set_cause(cause, "%s has schema version %lld, newer than this "
		    "kefu knows (%d): upgrade kefu; the database was not touched",
		    path, (long long)ver, db_schema_latest());
		return DB_ERR;
	}
	return 0;
}

/* Run the migrations after the database's version, each in one
 * transaction that re-checks the version (another process may be first). */
static int
migrate(struct db *db, const char *path, char **cause)
{
	int latest = db_schema_latest(), rc;
	int64_t ver;

	if (db_schema_version(db) >= latest)
		return 0;
	if ((rc = db_begin(db)) < 0) {
		set_cause(cause, "cannot upgrade %s: %s", path, db_errmsg(db));
		return rc;
	}
	ver = query_int(db, "PRAGMA user_version");
	for (int64_t v = ver; v >= 0 && v < latest; v++) {
		char pragma[64];

		for (const char *const *sql = schema_sqlite[v]; *sql; sql++) {
			if ((rc = db_exec(db, *sql)) < 0) {
				set_cause(cause, "cannot upgrade %s to schema "
				    "%lld: %s", path, (long long)v + 1,
				    db_errmsg(db));
				db_rollback(db);
				return rc;
			}
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %lld",
		    (long long)v + 1);
		db_exec(db, pragma);
	}
	if (ver == 0) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d",
		    KEFU_APP_ID);
		db_exec(db, pragma);
	}
	if ((rc = db_commit(db)) < 0) {
		set_cause(cause, "cannot upgrade %s: %s", path, db_errmsg(db));
		return rc;
	}
	return 0;
}

int
db_open(const char *path, int flags, struct db **out, char **cause)
{
	int readonly = (flags & DB_OPEN_READONLY) != 0;
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	struct db *db;
	struct stat sb;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (path == NULL || *path == '\0')
		return set_cause(cause, "no database path given");
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & DB_OPEN_CREATE)) {
			set_cause(cause, "no database at %s (create one with "
			    "'kefu init' or 'kefu demo')", path);
			return DB_ERR;
		}
		oflags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(sb.st_mode)) {
		set_cause(cause, "%s is not a regular file", path);
		return DB_ERR;
	}
	if ((rc = check_dir(path, readonly, cause)) < 0)
		return rc;

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	if ((rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL)) != SQLITE_OK)
		return open_fail(db, rc, path, cause);
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);

	if ((rc = check_identity(db, path, cause)) < 0) {
		db_close(db);
		return rc;
	}
	if (!readonly) {
		rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode=WAL", -1,
		    &st, NULL);
		if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			snprintf(db->journal, sizeof db->journal, "%s",
			    (const char *)sqlite3_column_text(st, 0));
		else
			rc = sqlite3_extended_errcode(db->h);
		sqlite3_finalize(st);
		if (rc != SQLITE_OK)
			return open_fail(db, rc, path, cause);
	}
	rc = sqlite3_exec(db->h, "PRAGMA foreign_keys=ON;"
	    "PRAGMA synchronous=NORMAL;"
	    "PRAGMA journal_size_limit=67108864;"
	    "PRAGMA temp_store=MEMORY;", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return open_fail(db, rc, path, cause);
	if (!readonly && (rc = migrate(db, path, cause)) < 0) {
		db_close(db);
		return rc;
	}
	if (db->journal[0] == '\0') {
		st = NULL;
		if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &st,
		    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			snprintf(db->journal, sizeof db->journal, "%s",
			    (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	*out = db;
	return 0;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->ncache; i++) {
		if (db->cache[i] == NULL)
			continue;
		sqlite3_finalize(db->cache[i]->st);
		free(db->cache[i]->sql);
		free(db->cache[i]);
	}
	free(db->cache);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}
