/* test-db.c — the SQLite driver: opening, refusing, migrating, caching. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kefu/db.h"
#include "kefu/xmalloc.h"
#include "test.h"

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

TEST(create_wal_and_schema)
{
	struct db *db;
	char *cause = NULL;

	ASSERT_EQ(db_open(test_path("new.db"), DB_OPEN_CREATE, &db, &cause), 0);
	ASSERT_STR(db_journal_mode(db), "wal");
	ASSERT(db_schema_version(db) >= 1);
	ASSERT_EQ(db_schema_version(db), db_schema_latest());
	const char *tables[] = { "customers", "customer_phones", "contacts",
	    "followups", "complaints", "agents", "calls", "playbooks", "audit" };
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM"
		    " sqlite_schema WHERE type = 'table' AND name = ?");
		ASSERT(st != NULL);
		db_bind_text(st, 1, tables[i]);
		ASSERT_EQ(db_step(st), DB_ROW);
		ASSERT_EQ(db_col_int(st, 0), 1);
		db_reset(st);
	}
	db_close(db);
}

TEST(missing_without_create)
{
	struct db *db;
	char *cause = NULL;

	ASSERT(db_open(test_path("absent.db"), 0, &db, &cause) < 0);
	ASSERT(db == NULL);
	ASSERT(cause != NULL && strstr(cause, "kefu init") != NULL);
	free(cause);
}

TEST(not_sqlite)
{
	struct db *db;
	char *cause = NULL;
	const char *p = test_path("text.db");

	write_file(p, "this is not a database, just some text that is long "
	    "enough to have a header of a hundred bytes. ................"
	    "...............................................\n");
	ASSERT(db_open(p, DB_OPEN_CREATE, &db, &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "not a kefu database") != NULL);
	free(cause);
}

TEST(other_programs_database)
{
	struct db *db;
	char *cause = NULL;
	const char *p = test_path("other.db");
	char cmd[512];

	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'CREATE TABLE t(x)'", p);
	if (system(cmd) != 0) {
		fprintf(stderr, "(sqlite3 shell missing: skipped)\n");
		return;
	}
	ASSERT(db_open(p, DB_OPEN_CREATE, &db, &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "another program") != NULL);
	free(cause);
}

TEST(newer_schema_refused)
{
	struct db *db;
	char *cause = NULL, sql[64];
	const char *p = test_path("future.db");

	ASSERT_EQ(db_open(p, DB_OPEN_CREATE, &db, &cause), 0);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    db_schema_latest() + 1);
	ASSERT_EQ(db_exec(db, sql), 0);
	db_close(db);
	ASSERT(db_open(p, 0, &db, &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "newer") != NULL);
	free(cause);
	cause = NULL;
	/* Still refused, and not downgraded by the attempt. */
	ASSERT(db_open(p, 0, &db, &cause) < 0);
	free(cause);
}

TEST(missing_directory)
{
	struct db *db;
	char *cause = NULL;

	ASSERT(db_open(test_path("no/such/dir/x.db"), DB_OPEN_CREATE, &db,
	    &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "does not exist") != NULL);
	free(cause);
}

TEST(read_only_directory)
{
	struct db *db;
	char *cause = NULL;
	const char *dir = test_path("ro");

	if (geteuid() == 0) {
		/* root ignores directory permissions; use a path under
		 * /proc, which nobody can create files in. */
		ASSERT(db_open("/proc/kefu-test.db", DB_OPEN_CREATE, &db,
		    &cause) < 0);
		ASSERT(cause != NULL);
		free(cause);
		return;
	}
	ASSERT_EQ(mkdir(dir, 0500), 0);
	ASSERT(db_open(test_path("ro/x.db"), DB_OPEN_CREATE, &db, &cause) < 0);
	ASSERT(cause != NULL && strstr(cause, "not writable") != NULL);
	free(cause);
}

TEST(statement_cache_and_nesting)
{
	struct db *db;
	struct db_stmt *a, *b;
	char *cause = NULL;

	ASSERT_EQ(db_open(test_path("cache.db"), DB_OPEN_CREATE, &db, &cause),
	    0);
	a = db_prepare(db, "SELECT ?");
	b = db_prepare(db, "SELECT ?");
	ASSERT(a != NULL && a == b);
	db_bind_int(a, 1, 42);
	ASSERT_EQ(db_step(a), DB_ROW);
	ASSERT_EQ(db_col_int(a, 0), 42);
	db_reset(a);
	/* Many distinct statements grow the cache without losing any. */
	for (int i = 0; i < 300; i++) {
		char sql[64];
		snprintf(sql, sizeof sql, "SELECT %d", i);
		struct db_stmt *st = db_prepare(db, sql);
		ASSERT(st != NULL);
		ASSERT_EQ(db_step(st), DB_ROW);
		ASSERT_EQ(db_col_int(st, 0), i);
		db_reset(st);
	}
	ASSERT(db_prepare(db, "SELECT ?") == a);
	ASSERT(db_prepare(db, "SELEC nonsense") == NULL);

	/* Nested transactions: the inner rollback undoes only itself. */
	ASSERT_EQ(db_exec(db, "CREATE TABLE t (x INTEGER)"), 0);
	ASSERT_EQ(db_begin(db), 0);
	ASSERT_EQ(db_exec(db, "INSERT INTO t VALUES (1)"), 0);
	ASSERT_EQ(db_begin(db), 0);
	ASSERT_EQ(db_exec(db, "INSERT INTO t VALUES (2)"), 0);
	db_rollback(db);
	ASSERT_EQ(db_begin(db), 0);
	ASSERT_EQ(db_exec(db, "INSERT INTO t VALUES (3)"), 0);
	ASSERT_EQ(db_commit(db), 0);
	ASSERT_EQ(db_commit(db), 0);
	a = db_prepare(db, "SELECT group_concat(x) FROM t");
	ASSERT_EQ(db_step(a), DB_ROW);
	ASSERT_STR(db_col_text(a, 0), "1,3");
	db_reset(a);
	db_close(db);
}

TEST(constraint_and_audit_append_only)
{
	struct db *db;
	char *cause = NULL;

	ASSERT_EQ(db_open(test_path("audit.db"), DB_OPEN_CREATE, &db, &cause),
	    0);
	ASSERT_EQ(db_exec(db, "INSERT INTO audit (at, agent, tbl, action)"
	    " VALUES (1, 'a', 't', 'x')"), 0);
	ASSERT(db_exec(db, "DELETE FROM audit") < 0);
	ASSERT(db_exec(db, "UPDATE audit SET agent = 'b'") < 0);
	ASSERT_EQ(db_exec(db, "INSERT INTO contacts (customer_id, agent,"
	    " started_at, disposition) VALUES (999, 'a', 1, 'resolved')"),
	    DB_ECONSTRAINT);
	db_close(db);
}

TEST(data_version_sees_other_connection)
{
	struct db *a, *b;
	char *cause = NULL;
	const char *p = test_path("dv.db");
	int64_t v;

	ASSERT_EQ(db_open(p, DB_OPEN_CREATE, &a, &cause), 0);
	ASSERT_EQ(db_open(p, 0, &b, &cause), 0);
	v = db_data_version(a);
	ASSERT(v >= 0);
	ASSERT_EQ(db_data_version(a), v);
	ASSERT_EQ(db_exec(b, "INSERT INTO agents (login, created_at)"
	    " VALUES ('x', 1)"), 0);
	ASSERT_NE(db_data_version(a), v);
	db_close(a);
	db_close(b);
}

static const struct test tests[] = {
	T(create_wal_and_schema),
	T(missing_without_create),
	T(not_sqlite),
	T(other_programs_database),
	T(newer_schema_refused),
	T(missing_directory),
	T(read_only_directory),
	T(statement_cache_and_nesting),
	T(constraint_and_audit_append_only),
	T(data_version_sees_other_connection),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
