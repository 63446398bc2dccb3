/*
 * loyalty.c — the loyalty ladder from the contact history (see loyalty.h).
 */
#include <string.h>

#include "kefu/db.h"
#include "kefu/loyalty.h"

static const char *const names[] = {
	"none", "quality", "delight", "satisfied", "trust", "emotional",
	"behavioural"
};

const char *
loyalty_name(enum loyalty l)
{
	if ((unsigned)l >= sizeof names / sizeof names[0])
		return "none";
	return names[l];
}

enum loyalty
loyalty_stage(const struct loyalty_stats *s)
{
	int rated = s->delighted + s->satisfied + s->disappointed;
	int good = s->delighted + s->satisfied;

	if (s->contacts == 0)
		return LOYALTY_NONE;
	if (s->open_complaints > 0)
		return LOYALTY_QUALITY;
	if (s->purchases >= 10 && s->recent_disappointed == 0)
		return LOYALTY_BEHAVIOURAL;
	if (s->delighted >= 3 && s->recent_disappointed == 0)
		return LOYALTY_EMOTIONAL;
	if (s->contacts >= 6 && rated > 0 && good * 10 >= rated * 8)
		return LOYALTY_TRUST;
	if (rated >= 3 && good * 10 >= rated * 7)
		return LOYALTY_SATISFIED;
	if (s->delighted > 0)
		return LOYALTY_DELIGHT;
	return LOYALTY_QUALITY;
}

int
loyalty_stats(struct db *db, int64_t id, struct loyalty_stats *s,
    char **cause)
{
	struct db_stmt *st;
	int rc;

	memset(s, 0, sizeof *s);
	st = db_prepare(db, "SELECT count(*), sum(purchase > 0),"
	    " sum(outcome = 'delighted'), sum(outcome = 'satisfied'),"
	    " sum(outcome = 'disappointed'),"
	    " (SELECT count(*) FROM (SELECT outcome FROM contacts"
	    "   WHERE customer_id = ? AND outcome IS NOT NULL"
	    "   ORDER BY started_at DESC LIMIT 3) WHERE outcome = 'disappointed'),"
	    " (SELECT count(*) FROM complaints WHERE customer_id = ?"
	    "   AND state <> 'resolved')"
	    " FROM contacts WHERE customer_id = ?");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading history", cause);
	for (int i = 1; i <= 3; i++)
		db_bind_int(st, i, id);	/* plain ? placeholders: portable */
	if ((rc = db_step(st)) != DB_ROW)
		return db_cause(db, rc, "reading history", cause);
	s->contacts = (int)db_col_int(st, 0);
	s->purchases = (int)db_col_int(st, 1);
	s->delighted = (int)db_col_int(st, 2);
	s->satisfied = (int)db_col_int(st, 3);
	s->disappointed = (int)db_col_int(st, 4);
	s->recent_disappointed = (int)db_col_int(st, 5);
	s->open_complaints = (int)db_col_int(st, 6);
	db_reset(st);
	return 0;
}
