/* audit.c — append-only record of who changed what (see audit.h). */
#include "kefu/audit.h"
#include "kefu/db.h"
#include "kefu/when.h"

int
audit_log(struct db *db, const char *by, const char *table, int64_t row,
    const char *action, const char *detail)
{
	struct db_stmt *st;

	st = db_prepare(db, "INSERT INTO audit (at, agent, tbl, row_id, action,"
	    " detail) VALUES (?, ?, ?, ?, ?, ?)");
	if (st == NULL)
		return DB_ERR;
	db_bind_int(st, 1, when_now());
	db_bind_text(st, 2, by);
	db_bind_text(st, 3, table);
	db_bind_int(st, 4, row);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, detail);
	return db_step(st);
}
