/*
 * db.c — engine-neutral helpers over the driver API (db.h).
 */
#include <stdlib.h>

#include "kefu/db.h"
#include "kefu/xmalloc.h"

int
db_cause(struct db *db, int rc, const char *what, char **cause)
{
	const char *msg;

	if (rc >= 0)
		rc = DB_ERR;
	switch (rc) {
	case DB_EBUSY:
		msg = "the database is busy (another agent is writing); "
		    "nothing was saved, try again";
		break;
	case DB_EFULL:
		msg = "the disk is full; nothing was saved";
		break;
	case DB_EREADONLY:
		msg = "the database is read-only; nothing was saved";
		break;
	default:
		msg = db_errmsg(db);
		break;
	}
	set_cause(cause, "%s: %s", what, msg);
	return rc;
}

int
db_fail(struct db *db, int rc, const char *what, char **cause)
{
	rc = db_cause(db, rc, what, cause);
	db_rollback(db);
	return rc;
}
